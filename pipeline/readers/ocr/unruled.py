"""Tables without ruling lines on a scanned page (a borderless form printed and scanned): rows and
columns from the recognised text boxes' geometry alone.

    rows = unruled.page_rows(lines, page, table)    # [Placed(y, Row)] for layout.page_rows

The same ideas as the text-layer PDF reader's unruled tables (pipeline/readers/pdf/unruled.py),
worked on recognised lines instead of glyphs:

  columns   the left edges of the boxes, clustered; a cluster never beside the one left of it
            on any line, and starting under that column's wider boxes (text centred in a cell
            starts right of its column), joins that column
  cells     in each column, a box less than `wrap_gap` line heights under the one above it
            (centre to centre) is a wrapped line of the same cell; a new row is further down
            (cell padding, paragraph spacing)
  rows      cells whose first lines share a top (within `row_align` line heights)
  labels    a label merged down a group of rows is printed at the group's top or centred on
            it: a label alone on its line between two rows (overlapping them) floats, and per
            table the reading that fits better places every label of a column that does not
            fill every row: top-aligned (a label covers its row and the rows down to the next
            label) or centred (a small dynamic programme over the rows gives each label the run
            of rows whose middle is nearest its own). A label given one row is no merged cell:
            printed at its row's top like every unmerged cell, or centred on it. A group cut by
            the page foot (the table goes on overleaf) has its label at the top of its part on the
            page or centred on that part. A label alone on its line overlapping a row at all floats
            (rows never overlap), and floats to the run of rows nearest it (a group ending in a
            blank row has its label centred under its last text). A label goes to its group's
            first row with its `row_span`, as the other readers give merged cells.

Lines above the table's first row of two cells or more (title, 单位：元) and below its last
(填表人, notes) that are not part of its cells are paragraphs (`table=None`), but for a line
starting at a column just above the first row (项目名称：… in a cell as wide as the table).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from ...document import Cell, Row
from .engine import Line
from .mend import mend_cell


@dataclass(frozen=True)
class UnruledSettings:
    """Distances in line heights (the median height of the page's recognised boxes)."""

    column_gather: float = 0.8  # left edges closer than this are one column start
    wrap_gap: float = 1.45  # a box this close under the one above in its column (centres) wraps that cell
    row_align: float = 0.5  # cells whose tops are this close start one row
    split_gap: float = 0.6  # a box read across a column start, with a gap this wide there, is two cells
    float_overlap: float = 0.0  # a label-only row overlapping a neighbour row by more than this floats
    # (rows of a table never overlap: cell padding and line spacing part them)
    uncovered: float = 2.0  # the cost of a row left to no label, in line heights (the top reading)


SETTINGS = UnruledSettings()


@dataclass(slots=True)
class Placed:
    y: float  # top, for reading order
    row: Row


@dataclass(slots=True)
class _Cell:
    col: int
    lines: list[Line] = field(default_factory=list)

    @property
    def top(self) -> float:
        return self.lines[0].y0

    @property
    def bottom(self) -> float:
        return max(ln.y1 for ln in self.lines)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class _Row:
    cells: dict[int, _Cell] = field(default_factory=dict)

    @property
    def top(self) -> float:
        return min(c.top for c in self.cells.values())

    @property
    def bottom(self) -> float:
        return max(c.bottom for c in self.cells.values())


@dataclass(slots=True)
class _Label:
    cell: _Cell
    row: int | None  # the row it stands in; None: floating between rows
    first: int = 0  # the rows it is given (first, last)
    last: int = 0


@dataclass(slots=True)
class OpenCell:
    """A cell of a table's last row on a page, which may go on overleaf: the document's cell, and
    the room its last line left in its column (pixels; a first word overleaf wider than this
    could not have stood there)."""

    cell: Cell
    room: float


@dataclass(slots=True)
class Unruled:
    """One page's unruled table as read: its rows (with the paragraphs around it), the lines its
    columns were found on (a table going on overleaf keeps its columns: found again over both
    pages' lines, as a few rows overleaf may lack the ones that tell a column), and the cells of
    its last row that may go on overleaf (none when a paragraph follows the table)."""

    rows: list[Placed]
    lines: list[list[Line]] = field(default_factory=list)
    open: dict[int, OpenCell] = field(default_factory=dict)


def page_rows(lines: list[Line], page: int, table: int, before: Unruled | None = None,
              s: UnruledSettings = SETTINGS) -> Unruled:
    """The page's lines as paragraphs and one unruled table (index `table`); a cell's text and
    confidence follow layout's rules, as in a ruled table. `before`: the previous page's table,
    when its table may go on here."""
    from .layout import cell_text, confidence, visual_lines

    visual = visual_lines(lines)
    if not visual:
        return Unruled([])
    h = sorted(ln.height for ln in lines)[len(lines) // 2]
    tabular = [k for k, g in enumerate(visual) if len(g) >= 2]
    out: list[Placed] = []

    def paragraph(group: list[Line]) -> None:
        text = " ".join(ln.text for ln in sorted(group, key=lambda ln: ln.x0))
        conf = confidence(group)
        out.append(Placed(min(ln.y0 for ln in group), Row(cells=[Cell(mend_cell(text, conf), confidence=conf)], page=page)))

    if not tabular:
        for g in visual:
            paragraph(g)
        return Unruled(out)
    a, b = tabular[0], tabular[-1]
    tol = h * s.column_gather
    overleaf = before is not None and bool(before.lines)
    starts = _column_starts((before.lines if before is not None else []) + visual[a:b + 1], tol)
    visual = [[piece for ln in g for piece in _split(ln, starts, tol, h * s.split_gap)] for g in visual]
    # lines just above the first row of two cells that start at a column, and are neither the
    # form's title nor its money unit (项目名称：… in a cell as wide as the table), are rows too
    while a > 0 and len(visual[a - 1]) == 1 and _at_start(starts, visual[a - 1][0].x0, tol) \
            and not _furniture(visual[a - 1][0].text):
        a -= 1
    block = [ln for g in visual[a:b + 1] for ln in g]
    cells = _cells(block, starts, h, s)
    # lines under the table's last row of two cells: wrapped lines of its cells, else paragraphs
    last_in = {c.col: c for c in cells}
    closed = False
    for g in visual[b + 1:]:
        cols = [_column(starts, ln.x0, tol) for ln in g]
        prev = [last_in.get(c) for c in cols]
        if not closed and all(p is not None and ln.cy - p.lines[-1].cy < s.wrap_gap * h for p, ln in zip(prev, g)):
            for p, ln in zip(prev, g):
                p.lines.append(ln)  # type: ignore[union-attr]
            continue
        if not closed and all(c >= 1 and _at_start(starts, ln.x0, tol) for c, ln in zip(cols, g)):
            # a label centred on rows below the last row of two cells (at the page foot): the table's
            block.extend(g)
            for c, ln in zip(cols, g):
                last_in[c] = _Cell(c, [ln])
                cells.append(last_in[c])
            continue
        paragraph(g)
        closed = True
    for g in visual[:a]:
        paragraph(g)
    rows = _rows(cells, h, s)
    if overleaf and a == 0 and before is not None and rows:
        _go_on(rows, before.open, h, cell_text, confidence)
        rows = [row for row in rows if row.cells]
    spans = _place_labels(rows, starts, h, s, overleaf=overleaf, cut=not closed)
    rows = [row for row in rows if row.cells]
    done: dict[int, Cell] = {}
    for n, row in enumerate(rows):
        out_cells = []
        for c, cell in sorted(row.cells.items()):
            span = _span(cell, starts, c, tol)
            conf = confidence(cell.lines)
            doc_cell = done[id(cell)] = Cell(mend_cell(cell_text(cell.lines), conf), col=c, span=span,
                                             row_span=spans.get(id(cell), 1), confidence=conf)
            out_cells.append(doc_cell)
        out.append(Placed(row.top, Row(cells=out_cells, page=page, table=table, row=n)))
    out.sort(key=lambda p: p.y)
    opened: dict[int, OpenCell] = {}
    if not closed and rows:
        limit: dict[int, float] = {}  # where text stops in each column: its widest line that wrapped
        for cell in cells:  # (within the column: a cell running over the next ones tells nothing)
            edge = starts[cell.col + 1] if cell.col + 1 < len(starts) else float("inf")
            for ln in cell.lines[:-1]:
                if ln.x1 < edge:
                    limit[cell.col] = max(limit.get(cell.col, 0.0), ln.x1)
        for c, cell in rows[-1].cells.items():
            if c in limit and id(cell) in done:
                opened[c] = OpenCell(done[id(cell)], limit[c] - cell.lines[-1].x1)
    return Unruled(out, visual[a:b + 1], opened)


def _go_on(rows: list[_Row], cut: dict[int, OpenCell], h: float, cell_text, confidence) -> None:
    """The first row overleaf is the rest of a row cut at the previous page's foot when each of its
    cells sits under a cell of that row whose last line had no room for its first word, and no two
    of them name an indicator level whole (社会成本指标 at the foot, 生态环境成本指标 overleaf): their
    texts go on there, and the row is emptied. Before that, a label cut at the foot (三、效益指 |
    标 overleaf) goes on alone, beside a fresh row, when its text and the first cell under it
    overleaf make a level's name that its own text is not."""
    from .overleaf import completes_level, first_word, whole_labels

    if not rows[0].cells:
        return
    beside = rows[0].bottom  # a label going on alone stands beside the first row
    for c, open_cell in cut.items():
        under = [row for row in rows if c in row.cells]
        if not under or under[0].cells[c].top > beside:
            continue
        cell = under[0].cells[c]
        text = cell_text(cell.lines)
        if completes_level(open_cell.cell.text, cell_text_join(open_cell.cell.text, text)):
            open_cell.cell.text = cell_text_join(open_cell.cell.text, text)
            conf = confidence(cell.lines)
            open_cell.cell.confidence = conf if open_cell.cell.confidence is None else min(open_cell.cell.confidence, conf)
            del under[0].cells[c]
    first = rows[0]
    if not first.cells or not all(c in cut for c in first.cells):
        return
    for c, cell in first.cells.items():
        ln = cell.lines[0]
        width = first_word(ln) if ln.chars else h  # a word (92.3%, 分）) breaks whole
        if width <= cut[c].room or whole_labels(cut[c].cell.text, cell_text(cell.lines)):
            return
    for c, cell in first.cells.items():
        target = cut[c].cell
        target.text = cell_text_join(target.text, cell_text(cell.lines))
        conf = confidence(cell.lines)
        target.confidence = conf if target.confidence is None else min(target.confidence, conf)
    first.cells.clear()


def cell_text_join(before: str, after: str) -> str:
    """A cell's text going on overleaf: joined as its wrapped lines are (no space between CJK)."""
    from .layout import needs_space

    return before + (" " if needs_space(before, after) else "") + after


def _split(line: Line, starts: list[float], tol: float, gap: float) -> list[Line]:
    """A box the detector drew over two neighbouring cells (至少90.1%至少90.1%: the cells' padding
    is narrow) cut where a gap between two characters holds a column start."""
    from .engine import digit_confidence_of

    if len(line.chars) < 2:
        return [line]
    pieces: list[list] = [[line.chars[0]]]
    for a, b in zip(line.chars, line.chars[1:]):
        if b.x0 - a.x1 >= gap and any(a.x1 - tol <= st <= b.x0 + tol for st in starts):
            pieces.append([])
        pieces[-1].append(b)
    if len(pieces) == 1:
        return [line]
    out = []
    for chars in pieces:
        text = "".join(c.text for c in chars)
        out.append(Line(text, chars[0].x0, line.y0, chars[-1].x1, line.y1, min(c.confidence for c in chars), chars,
                        digit_confidence_of(chars, text, line.confidence)))
    return out


def _at_start(starts: list[float], x: float, tol: float) -> bool:
    return any(abs(x - st) <= tol for st in starts)


def _furniture(text: str) -> bool:
    """A form's title, its （2026年度） line or its money unit: paragraphs above a table in every format."""
    from ... import vocab

    k = vocab.key(text)
    return vocab.is_form_title(text) or bool(vocab.MONEY_UNIT_NOTE.match(k) or vocab.YEAR_LINE.match(k))


def _column(starts: list[float], x: float, tol: float) -> int:
    return max(0, bisect_right(starts, x + tol) - 1)


def _span(cell: _Cell, starts: list[float], c: int, tol: float) -> int:
    """The columns a cell's text runs over (past a start by more than `tol`: a box's margin is not
    text)."""
    right = max(ln.x1 for ln in cell.lines)
    return max(1, bisect_right(starts, right - tol) - c)


def _column_starts(visual: list[list[Line]], tol: float) -> list[float]:
    """Where the columns start: clusters of the boxes' left edges; a cluster whose boxes are never on
    a line with a box of the column left of it is text placed inside that column (centred)."""
    edges: list[list[float]] = []
    for x in sorted(ln.x0 for g in visual for ln in g):
        if edges and x - edges[-1][-1] <= tol:
            edges[-1].append(x)
        else:
            edges.append([x])
    starts = [e[0] for e in edges]
    beside: set[tuple[int, int]] = set()
    reach: dict[int, float] = {}  # how far right the boxes starting in each cluster go
    for g in visual:
        ks = sorted({_column(starts, ln.x0, tol) for ln in g})
        beside.update((i, j) for n, i in enumerate(ks) for j in ks[n + 1:])
        for ln in g:
            k = _column(starts, ln.x0, tol)
            reach[k] = max(reach.get(k, 0.0), ln.x1)
    groups: list[list[int]] = [[0]]
    for j in range(1, len(starts)):
        inside = starts[j] < max(reach.get(i, 0.0) for i in groups[-1]) - tol
        if inside and not any((i, j) in beside for i in groups[-1]):
            groups[-1].append(j)
        else:
            groups.append([j])
    return [starts[g[0]] for g in groups]


def _cells(block: list[Line], starts: list[float], h: float, s: UnruledSettings) -> list[_Cell]:
    cells: list[_Cell] = []
    last_in: dict[int, _Cell] = {}
    tol = h * s.column_gather
    for ln in sorted(block, key=lambda ln: (ln.cy, ln.x0)):
        c = _column(starts, ln.x0, tol)
        cell = last_in.get(c)
        if cell is not None and ln.cy - cell.lines[-1].cy < s.wrap_gap * h:
            cell.lines.append(ln)
            continue
        cell = last_in[c] = _Cell(c, [ln])
        cells.append(cell)
    return cells


def _rows(cells: list[_Cell], h: float, s: UnruledSettings) -> list[_Row]:
    rows: list[_Row] = []
    for cell in sorted(cells, key=lambda c: c.top):
        if rows and cell.col not in rows[-1].cells and abs(cell.top - rows[-1].top) < s.row_align * h:
            rows[-1].cells[cell.col] = cell
        else:
            rows.append(_Row({cell.col: cell}))
    return rows


def _place_labels(rows: list[_Row], starts: list[float], h: float, s: UnruledSettings,
                  overleaf: bool = False, cut: bool = False) -> dict[int, int]:
    """Move labels merged down a group of rows to the group's first row; returns id(cell) -> rows
    covered. Rows emptied (a floating label's own) are left empty, for the caller to drop.
    `overleaf`: the table goes on from the previous page, whose labels cover its first rows;
    `cut`: nothing follows the table on this page (it may go on overleaf, its last label's group
    with it)."""
    # a row of label cells alone, overlapping the rows either side of it: a label centred on a
    # group of an even number of rows, between two of them
    floating: list[_Cell] = []
    kept: list[_Row] = []
    for k, row in enumerate(rows):
        near = [rows[j] for j in (k - 1, k + 1) if 0 <= j < len(rows)]
        if any(min(row.bottom, o.bottom) - max(row.top, o.top) > s.float_overlap * h and max(row.cells) < min(o.cells)
               for o in near):  # labels alone, left of the text of a row they overlap
            floating.extend(row.cells.values())
        else:
            kept.append(row)
    if len(kept) == 1 and floating:  # a page's one row, its labels centred on it and a blank row under it
        for cell in floating:
            kept[0].cells.setdefault(cell.col, cell)
        rows[:] = [kept[0]] + [_Row() for _ in range(len(rows) - 1)]
        return {}
    if len(kept) < 2:
        return {}
    n = len(kept)
    tol = h * s.column_gather
    ncols = len(starts)
    # columns a wider cell from the left runs over, per row
    blocked: list[set[int]] = [set() for _ in range(n)]
    for k, row in enumerate(kept):
        for c, cell in row.cells.items():
            blocked[k].update(range(c + 1, c + _span(cell, starts, c, tol)))
    readings: dict[str, tuple[float, list[_Label]]] = {}
    for model in ("top", "centre"):
        total = 0.0
        placed: list[_Label] = []
        fences: set[int] = set()
        for c in range(ncols):
            labels = [_Label(row.cells[c], k) for k, row in enumerate(kept) if c in row.cells]
            labels += [_Label(cell, None) for cell in floating if cell.col == c]
            # a column of labels leaves rows with text right of it empty (a value column is only
            # missing from rows of labels alone)
            gaps = any(c not in row.cells and c not in blocked[k] and max(row.cells) > c for k, row in enumerate(kept))
            standing = sum(lab.row is not None for lab in labels)  # a label in every row: no label column
            if not labels or standing == n or not gaps:
                fences.update(lab.row for lab in labels if lab.row is not None)
                continue
            # rows of labels left of this column alone (a label centred between two rows) are not
            # this column's to cover: it is read over the rows reaching it
            idx = [k for k in range(n) if max(kept[k].cells) >= c]
            pos = {k: i for i, k in enumerate(idx)}
            sub = [kept[k] for k in idx]
            fence_at = {next((i for i, k in enumerate(idx) if k >= f), len(idx)) for f in fences}
            for lab in labels:
                lab.row = None if lab.row is None else pos[lab.row]
            labels.sort(key=lambda lab: lab.cell.top)
            k, m = 0, len(sub)
            runs: list[tuple[int, int]] = []
            while k < m:  # runs of rows where column c is open, cut at the fences of the columns left of it
                if c in blocked[idx[k]]:
                    k += 1
                    continue
                first = k
                k += 1
                while k < m and c not in blocked[idx[k]] and k not in fence_at:
                    k += 1
                runs.append((first, k))
            home = {id(lab): _run_of(lab, sub, runs) for lab in labels if lab not in placed}
            for first, k in runs:
                inside = [lab for lab in labels if home.get(id(lab)) == (first, k)]
                if inside:
                    free = overleaf and idx[first] == 0  # rows under a label of the previous page
                    foot = cut and idx[k - 1] == n - 1  # the last run may go on overleaf
                    cost = _top(inside, sub, first, k, h, s, free) if model == "top" else \
                        _centre(inside, sub, first, k, free, foot)
                    total += cost
                    placed.extend(inside)
            for lab in labels:  # back to the table's rows
                lab.row = None if lab.row is None else idx[lab.row]
                if lab in placed:
                    lab.first, lab.last = idx[min(lab.first, m - 1)], idx[min(lab.last, m - 1)]
            fences.update(lab.first for lab in placed if lab.cell.col == c)
        readings[model] = (total, placed)
    model = "centre" if readings["centre"][0] < readings["top"][0] else "top"
    for lab in readings[model][1]:
        if lab.row is not None:
            kept[lab.row].cells.pop(lab.cell.col, None)
    for lab in readings[model][1]:
        kept[lab.first].cells[lab.cell.col] = lab.cell
    # a label's rows are counted once the rows its move emptied (its own, between two) are gone
    spans: dict[int, int] = {}
    for lab in readings[model][1]:
        covered = sum(1 for k in range(lab.first, lab.last + 1) if kept[k].cells)
        if covered > 1:
            spans[id(lab.cell)] = covered
    rows[:] = kept
    return spans


def _run_of(lab: _Label, rows: list[_Row], runs: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The run of rows (first, end) a label is read over: the one holding its row; a floating label's,
    the one its middle is nearest (inside it, or in the gap a centred label of a group ending in a
    blank row leaves under it)."""
    if lab.row is not None:
        return next((r for r in runs if r[0] <= lab.row < r[1]), None)

    def away(run: tuple[int, int]) -> float:
        top, bottom = rows[run[0]].top, rows[run[1] - 1].bottom
        return max(0.0, top - lab.cell.middle, lab.cell.middle - bottom)

    return min(runs, key=away, default=None)


def _top(labels: list[_Label], rows: list[_Row], a: int, b: int, h: float, s: UnruledSettings,
         free: bool = False) -> float:
    """Labels at the top of their groups: each from its own row to the next label's; the cost is
    how far each label's top is from its first row's, and the rows left to no label (`free`: the
    first rows may be, under a label overleaf)."""
    cost = 0.0
    firsts: list[int] = []
    for lab in labels:
        k = lab.row if lab.row is not None else next((j for j in range(a, b) if rows[j].top >= lab.cell.top - 1), b - 1)
        firsts.append(max(k, firsts[-1] + 1 if firsts else a))
    firsts = [min(k, b - 1) for k in firsts]
    for i, lab in enumerate(labels):
        lab.first = firsts[i]
        lab.last = max(lab.first, (firsts[i + 1] - 1) if i + 1 < len(labels) else b - 1)
        cost += abs(lab.cell.top - rows[lab.first].top)
        if lab.last > lab.first and lab.row is not None and max(rows[lab.row].cells) == lab.cell.col:
            # a label printed at the top of its group stands beside the group's first row; alone on
            # its line, it is a label centred between rows
            cost += s.uncovered * h
    cost += 0.0 if free else s.uncovered * h * (firsts[0] - a)
    return cost


def _centre(labels: list[_Label], rows: list[_Row], a: int, b: int, free: bool = False,
            foot: bool = False) -> float:
    """Labels centred on their groups: the rows a..b-1 cut into one run a label, in order, so that
    the runs' middles are nearest the labels' (a label's own row lies in its run). A label given one
    row is no merged cell: printed at its row's top (as every unmerged cell) or centred on it, the
    nearer counts. `foot`: the last run is cut by the page's foot (the table goes on overleaf), and
    a merged cell cut so is printed at the top of its part on the page, or centred on it."""
    m, n = len(labels), b - a
    if m > n:
        return float("inf")
    inf = float("inf")

    def distance(lab: _Label, r0: int, r1: int) -> float:
        centred = abs(lab.cell.middle - (rows[r0].top + rows[r1].bottom) / 2)
        if r0 == r1 or (foot and r1 == b - 1):
            return min(centred, abs(lab.cell.top - rows[r0].top))
        return centred

    # best[i][j]: the cost of labels[:i] over rows a..a+j-1; back[i][j]: where the i-th run starts
    best = [[inf] * (n + 1) for _ in range(m + 1)]
    back = [[0] * (n + 1) for _ in range(m + 1)]
    best[0][0] = 0.0
    if free:  # the first rows may be left to no label (a label of the previous page covers them)
        best[0] = [0.0] * (n + 1)
    for i in range(1, m + 1):
        lab = labels[i - 1]
        for j in range(i, n + 1):
            for st in range(i - 1, j):
                if best[i - 1][st] == inf:
                    continue
                r0, r1 = a + st, a + j - 1
                if lab.row is not None and not r0 <= lab.row <= r1:
                    continue
                cost = best[i - 1][st] + distance(lab, r0, r1)
                if cost < best[i][j]:
                    best[i][j], back[i][j] = cost, st
    if best[m][n] == inf:
        return inf
    j = n
    for i in range(m, 0, -1):
        st = back[i][j]
        labels[i - 1].first, labels[i - 1].last = a + st, a + j - 1
        j = st
    return best[m][n]
