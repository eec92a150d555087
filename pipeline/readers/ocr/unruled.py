"""Tables without ruling lines on a scanned page (a borderless form printed and scanned): rows and
columns from the recognised text boxes' geometry alone.

    rows = unruled.page_rows(lines, page, table)    # [Placed(y, Row)] for layout.page_rows

The same ideas as the text-layer PDF reader's unruled tables (pipeline/readers/pdf/unruled.py),
worked on recognised lines instead of glyphs:

  columns   the left edges of the boxes, clustered; a cluster never beside the one left of it
            on any line (text centred in a cell starts right of its column) joins that column
  cells     in each column, a box less than `wrap_gap` line heights under the one above it
            (centre to centre) is a wrapped line of the same cell; a new row is further down
            (cell padding, paragraph spacing)
  rows      cells whose first lines share a top (within `row_align` line heights)
  labels    a label merged down a group of rows is printed at the group's top or centred on
            it: a label alone on its line between two rows (overlapping them) floats, and per
            table the reading that fits better places every label of a column that does not
            fill every row: top-aligned (a label covers its row and the rows down to the next
            label) or centred (a small dynamic programme over the rows gives each label the run
            of rows whose middle is nearest its own). A label goes to its group's first row with
            its `row_span`, as the other readers give merged cells.

Lines above the table's first row of two cells or more (title, 单位：元) and below its last
(填表人, notes) that are not part of its cells are paragraphs (`table=None`).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from ...document import Cell, Row
from .engine import Line


@dataclass(frozen=True)
class UnruledSettings:
    """Distances in line heights (the median height of the page's recognised boxes)."""

    column_gather: float = 0.8  # left edges closer than this are one column start
    wrap_gap: float = 1.45  # a box this close under the one above in its column (centres) wraps that cell
    row_align: float = 0.5  # cells whose tops are this close start one row
    float_overlap: float = 0.25  # a label-only row overlapping a neighbour row by this much floats
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


def page_rows(lines: list[Line], page: int, table: int, s: UnruledSettings = SETTINGS) -> list[Placed]:
    """The page's lines as paragraphs and one unruled table (index `table`); a cell's text and
    confidence follow layout's rules, as in a ruled table."""
    from .layout import cell_text, confidence, visual_lines

    visual = visual_lines(lines)
    if not visual:
        return []
    h = sorted(ln.height for ln in lines)[len(lines) // 2]
    tabular = [k for k, g in enumerate(visual) if len(g) >= 2]
    out: list[Placed] = []

    def paragraph(group: list[Line]) -> None:
        text = " ".join(ln.text for ln in sorted(group, key=lambda ln: ln.x0))
        out.append(Placed(min(ln.y0 for ln in group), Row(cells=[Cell(text, confidence=confidence(group))], page=page)))

    if not tabular:
        for g in visual:
            paragraph(g)
        return out
    a, b = tabular[0], tabular[-1]
    block = [ln for g in visual[a:b + 1] for ln in g]
    starts = _column_starts(visual[a:b + 1], h * s.column_gather)
    cells = _cells(block, starts, h, s)
    # lines under the table's last row of two cells: wrapped lines of its cells, else paragraphs
    last_in = {c.col: c for c in cells}
    for g in visual[b + 1:]:
        cols = [_column(starts, ln.x0, h * s.column_gather) for ln in g]
        prev = [last_in.get(c) for c in cols]
        if all(p is not None and ln.cy - p.lines[-1].cy < s.wrap_gap * h for p, ln in zip(prev, g)):
            for p, ln in zip(prev, g):
                p.lines.append(ln)  # type: ignore[union-attr]
            continue
        paragraph(g)
        last_in = {}
    for g in visual[:a]:
        paragraph(g)
    rows = _rows(cells, h, s)
    spans = _place_labels(rows, starts, h, s)
    n = 0
    for row in rows:
        if not row.cells:
            continue
        out_cells = []
        for c, cell in sorted(row.cells.items()):
            span = _span(cell, starts, c)
            out_cells.append(Cell(cell_text(cell.lines), col=c, span=span, row_span=spans.get(id(cell), 1),
                                  confidence=confidence(cell.lines)))
        out.append(Placed(row.top, Row(cells=out_cells, page=page, table=table, row=n)))
        n += 1
    out.sort(key=lambda p: p.y)
    return out


def _column(starts: list[float], x: float, tol: float) -> int:
    return max(0, bisect_right(starts, x + tol) - 1)


def _span(cell: _Cell, starts: list[float], c: int) -> int:
    right = max(ln.x1 for ln in cell.lines)
    return max(1, bisect_right(starts, right) - c)


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
    for g in visual:
        ks = sorted({_column(starts, ln.x0, tol) for ln in g})
        beside.update((i, j) for n, i in enumerate(ks) for j in ks[n + 1:])
    groups: list[list[int]] = [[0]]
    for j in range(1, len(starts)):
        if any((i, j) in beside for i in groups[-1]):
            groups.append([j])
        else:
            groups[-1].append(j)
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


def _place_labels(rows: list[_Row], starts: list[float], h: float, s: UnruledSettings) -> dict[int, int]:
    """Move labels merged down a group of rows to the group's first row; returns id(cell) -> rows
    covered. Rows emptied (a floating label's own) are left empty, for the caller to drop."""
    # a row of label cells alone, overlapping the rows either side of it: a label centred on a
    # group of an even number of rows, between two of them
    floating: list[_Cell] = []
    kept: list[_Row] = []
    for k, row in enumerate(rows):
        near = [rows[j] for j in (k - 1, k + 1) if 0 <= j < len(rows)]
        overlap = max((min(row.bottom, o.bottom) - max(row.top, o.top) for o in near), default=0.0)
        right_of = max(row.cells)
        if overlap > s.float_overlap * h and any(max(o.cells) > right_of for o in near):
            floating.extend(row.cells.values())
        else:
            kept.append(row)
    if len(kept) < 2:
        return {}
    n = len(kept)
    ncols = len(starts)
    # columns a wider cell from the left runs over, per row
    blocked: list[set[int]] = [set() for _ in range(n)]
    for k, row in enumerate(kept):
        for c, cell in row.cells.items():
            blocked[k].update(range(c + 1, c + _span(cell, starts, c)))
    readings: dict[str, tuple[float, list[_Label]]] = {}
    for model in ("top", "centre"):
        total = 0.0
        placed: list[_Label] = []
        fences: set[int] = set()
        for c in range(ncols):
            labels = [_Label(row.cells[c], k) for k, row in enumerate(kept) if c in row.cells]
            labels += [_Label(cell, None) for cell in floating if cell.col == c]
            if not labels or len(labels) == n:
                fences.update(lab.row for lab in labels if lab.row is not None)
                continue
            labels.sort(key=lambda lab: lab.cell.top)
            k = 0
            while k < n:  # runs of rows where column c is open, cut at the fences of the columns left of it
                if c in blocked[k]:
                    k += 1
                    continue
                first = k
                k += 1
                while k < n and c not in blocked[k] and k not in fences:
                    k += 1
                inside = [lab for lab in labels if _within(lab, kept, first, k)]
                if inside:
                    cost = _top(inside, kept, first, k, h, s) if model == "top" else _centre(inside, kept, first, k)
                    total += cost
                    placed.extend(inside)
            fences.update(lab.first for lab in placed if lab.cell.col == c)
        readings[model] = (total, placed)
    model = "centre" if readings["centre"][0] < readings["top"][0] else "top"
    spans: dict[int, int] = {}
    for lab in readings[model][1]:
        if lab.row is not None:
            kept[lab.row].cells.pop(lab.cell.col, None)
    for lab in readings[model][1]:
        kept[lab.first].cells[lab.cell.col] = lab.cell
        if lab.last > lab.first:
            spans[id(lab.cell)] = lab.last - lab.first + 1
    rows[:] = kept
    return spans


def _within(lab: _Label, rows: list[_Row], a: int, b: int) -> bool:
    if lab.row is not None:
        return a <= lab.row < b
    return rows[a].top - 1 <= lab.cell.middle <= rows[b - 1].bottom + 1


def _top(labels: list[_Label], rows: list[_Row], a: int, b: int, h: float, s: UnruledSettings) -> float:
    """Labels at the top of their groups: each from its own row to the next label's; the cost is
    how far each label's top is from its first row's, and the rows left to no label."""
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
    cost += s.uncovered * h * (firsts[0] - a)
    return cost


def _centre(labels: list[_Label], rows: list[_Row], a: int, b: int) -> float:
    """Labels centred on their groups: the rows a..b-1 cut into one run a label, in order, so that
    the runs' middles are nearest the labels' (a label's own row lies in its run)."""
    m, n = len(labels), b - a
    if m > n:
        return float("inf")
    inf = float("inf")
    # best[i][j]: the cost of labels[:i] over rows a..a+j-1; back[i][j]: where the i-th run starts
    best = [[inf] * (n + 1) for _ in range(m + 1)]
    back = [[0] * (n + 1) for _ in range(m + 1)]
    best[0][0] = 0.0
    for i in range(1, m + 1):
        lab = labels[i - 1]
        for j in range(i, n + 1):
            for st in range(i - 1, j):
                if best[i - 1][st] == inf:
                    continue
                r0, r1 = a + st, a + j - 1
                if lab.row is not None and not r0 <= lab.row <= r1:
                    continue
                cost = best[i - 1][st] + abs(lab.cell.middle - (rows[r0].top + rows[r1].bottom) / 2)
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
