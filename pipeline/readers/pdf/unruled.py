"""Unruled tables: text outside ruled tables grouped into lines and blocks, the columns of
a block (centred text kept in its column), and the rows a label centred on its group
covers (`_centred_spans`, a small dynamic programme over the ordered rows).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import pairwise

from ... import vocab
from ...document import Cell
from .glyphs import Run, _cluster, _line_text, _lines
from .ruled import _Table
from .settings import SETTINGS

_CENTRED_SLACK = SETTINGS.centred_slack  # points: see PdfSettings.centred_slack


def _column_starts(block: list) -> list[float]:
    """Where the columns of an unruled table start: the clusters of its cells' left edges,
    a cluster joining the column before it when all its text is centred between that
    column's start and the next column's (less the cell's padding) and no line has text
    in both (the lines of a centred cell start wherever their width puts
    them, never beside the column's other cells: 产出指标 centred in the 一级 column starts
    right of 一级指标 yet is no column)."""
    edges = _cluster([seg.x0 for line in block for seg in line.runs], SETTINGS.edge_cluster)
    beside: set[tuple[int, int]] = set()
    spans: dict[int, list[tuple[float, float]]] = {}
    for line in block:
        ks = []
        for seg in line.runs:
            k = bisect_right(edges, seg.x0 + SETTINGS.edge_cluster) - 1
            ks.append(k)
            spans.setdefault(k, []).append((seg.x0, seg.x1))
        ks = sorted(set(ks))
        beside.update((i, j) for n, i in enumerate(ks) for j in ks[n + 1:])
    groups = [[0]]
    for j in range(1, len(edges)):
        group = groups[-1]
        alone = not any(j in pair for pair in beside)
        if alone and j + 1 < len(edges) and all(b1 > edges[j + 1] + SETTINGS.edge_cluster for _b0, b1 in spans[j]):
            group.append(j)  # only text running over the next columns (a centred title): no column
            continue
        # the next column: the first start right of j with text beside the group's
        nxt = next((k for k in range(j + 1, len(edges)) if any((i, k) in beside for i in group)), None)
        middle = None if nxt is None else (edges[group[0]] + edges[nxt]) / 2
        # its text within the column is centred in it, and text running past the next column
        # is centred on a run of columns from this one (a centred merged box)
        def centred_on(mid: float, a0: float, a1: float) -> bool:
            return -_CENTRED_SLACK[0] <= mid - (a0 + a1) / 2 <= _CENTRED_SLACK[1]

        inside = [] if nxt is None else [(a0, a1) for a0, a1 in spans[j] if a1 <= edges[nxt]]
        wide = [] if nxt is None else [(a0, a1) for a0, a1 in spans[j] if a1 > edges[nxt]]
        centred = (bool(inside) and all(centred_on(middle, a0, a1) for a0, a1 in inside)
                   and all(any(centred_on((edges[group[0]] + edges[k]) / 2, a0, a1) for k in range(nxt + 1, len(edges)))
                           for a0, a1 in wide))
        if not any((i, j) in beside for i in group) and (
                centred or _on_axis(spans, group, j, edges) or _centred_in_box(block, j, edges, edges[group[0]], [
                    edges[k] for k in range(j + 1, len(edges)) if len(spans[k]) >= 2],
                    edges[groups[-2][0]] if len(groups) >= 2 else None)):
            group.append(j)
        else:
            groups.append([j])
    return [edges[g[0]] for g in groups]


def _centred_in_box(block: list, j: int, edges: list[float], start: float, columns: list[float],
                    before: float | None = None) -> bool:
    """Every piece starting at cluster j is centred between the column start `start` and the
    text right of its box: the nearest start right of it on its line and the lines around, or
    the first of `columns` (starts shared by two pieces or more: a column's, not one label's) right of it.
    A merged label or goal centred in its box starts wherever its width puts it (its lines at
    different x); two tables in one block need not share the box's right edge (项目预算（万元）
    centred in the header table's wider first column over an indicator table's narrower one),
    and the lines around a goal's first line may show only a centred 一级 label right of it.
    With no text right of it anywhere (the table's last column: 其他 merged down over a two-row
    header), its box is taken as wide as the column before it, from `before`'s start to `start`.
    Its middle lies left of the middle of the two starts by the cell's padding (`boxed_centre_slack`)."""
    lo = edges[j] - SETTINGS.edge_cluster
    hi = edges[j + 1] - SETTINGS.edge_cluster if j + 1 < len(edges) else float("inf")
    near = SETTINGS.boxed_centre_lines
    slack = SETTINGS.boxed_centre_slack
    found = False
    for n, line in enumerate(block):
        for seg in line.runs:
            if not lo <= seg.x0 < hi:
                continue
            mid = (seg.x0 + seg.x1) / 2
            rights = (min((o.x0 for m in range(max(0, n - near), min(len(block), n + near + 1))
                           for o in block[m].runs if o.x0 > seg.x1), default=None),
                      next((x for x in columns if x > seg.x1), None))
            if rights == (None, None) and before is not None:
                rights = (2 * start - before, None)
            if not any(r is not None and -slack[0] <= (start + r) / 2 - mid <= slack[1] for r in rights):
                return False
            found = True
    return found


def _on_axis(spans: dict[int, list[tuple[float, float]]], group: list[int], j: int, edges: list[float]) -> bool:
    """Every piece starting at cluster j is centred on the middle of a piece of the group
    before it that stays within the group's column (the lines of one label centred in its
    column share one axis, whatever their widths: 绩效指 over 标 when no text in that column
    starts at its left edge, so no column width says where its middle is)."""
    bound = edges[j + 1] if j + 1 < len(edges) else float("inf")
    mids = [(a0 + a1) / 2 for i in group for a0, a1 in spans.get(i, ()) if a1 <= bound]
    return bool(mids) and all(any(abs((a0 + a1) / 2 - m) <= SETTINGS.edge_cluster for m in mids)
                              for a0, a1 in spans[j])


_UNCOVERED = SETTINGS.uncovered  # glyph sizes: see PdfSettings.uncovered


@dataclass(slots=True)
class TextLine:
    """A line of text outside ruled tables: its top and bottom, its pieces (`Run`s, left to
    right, apart where a gap is wider than `segment_gap`), whether it is tabular (two
    pieces or more, or taken into an unruled table), and its baseline when known."""
    top: float
    bottom: float
    runs: list[Run]
    tabular: bool
    baseline: float | None = None  # its glyphs' middle baseline, when the reader gives baselines


@dataclass(slots=True)
class TextCell:
    """A cell of an unruled table as its column's lines build it: the centres of its first
    and last lines, its column, its lines' texts, its glyph size, its first and last pieces
    (`Run`s), the document's cell once emitted, the pieces of the lines that wrapped, and
    whether its last piece has another beside it."""
    first: float
    last: float
    col: int
    lines: list[str]
    size: float
    head: Run
    tail: Run
    cell: Cell | None = None
    wrapped: list[Run] = field(default_factory=list)
    beside: bool = False
    """its last line has a piece right of it on its line (a label's value beside it)"""
    last_col: int | None = None
    """the last column its box covers, where the geometry tells it runs over several (a header
    cell over the columns of the row under it)"""


@dataclass(slots=True)
class Readings:
    """How the tables of one document read: the reading a tie between the top-aligned and
    the centred reading goes to, and what the tables read so far showed."""
    tie: str = "top"
    centred: int = 0
    """tables the centred reading fitted clearly better"""
    top: int = 0
    """tables the top-aligned reading fitted clearly better"""
    ties: int = 0
    """tables where both fitted alike but placed labels differently"""

    def rerun_centred(self) -> bool:
        """An office aligns all the merged cells of a document alike: when its tables that
        tell show only the centred reading, the tables that did not tell read that way too."""
        return self.tie == "top" and self.ties > 0 and self.centred > 0 and self.top == 0


def _centred_spans(rows: list[dict[int, TextCell]], starts: list[float], readings: Readings | None = None,
                   going_on: frozenset[int] = frozenset()) -> list[tuple[TextCell, int, int]]:
    """Give the cells of an unruled table the rows they cover, and move a label centred on
    a group of rows to the group's first row: returns (cell, first row, last row) for every
    cell covering more than its own row (rows emptied by a move are to be dropped).

    Column by column, over each run of rows the column is not covered by a wider cell, the
    cells standing in it divide the rows between them: each covers a run of rows around its
    own, and a row no cell covers is an empty cell. Two readings compete and the cheaper
    wins: labels printed at the top of their group (the group starts at the label's row and
    runs down; the cost is how far the label's top is from its first row's) and labels
    centred on their group (the cost is how far the label's middle is from the group's);
    each row left to no cell costs `_UNCOVERED` sizes. The centred reading is a small
    dynamic programme over the ordered rows, so a label between two rows, or in the middle
    row of three, goes to the group whose centre is closest to it, not to the nearest row."""
    if len(rows) < 2:
        return []
    sizes = sorted(cell.size for row in rows for cell in row.values())
    size = sizes[len(sizes) // 2]
    given = rows
    rows, where, empty = _with_empty_rows(given, size)
    n = len(rows)

    def last_col(cell: list) -> int:
        x1 = max(seg.x1 for seg in [*cell.wrapped, cell.tail])
        return max(cell.col, bisect_right(starts, x1 - SETTINGS.edge_cluster) - 1)

    heads = {k for k, row in enumerate(rows) if len(row) >= 2 and _column_header(row)}
    blocked = [set() for _ in range(n)]  # columns a cell starting further left runs over
    for k, row in enumerate(rows):
        for c, cell in row.items():
            blocked[k].update(range(c + 1, last_col(cell) + 1))
    found: dict[str, tuple[float, list[tuple[int, int, int, int]]]] = {"top": (0.0, []), "centre": (0.0, [])}
    # per reading, the rows where a cell of a column already placed starts: merged boxes nest
    # (a 二级 label's rows lie within its 一级 label's), so no group crosses one of these
    fences: dict[str, set[int]] = {"top": set(), "centre": set()}
    for c in sorted({c for row in rows for c in row}):
        k = 0
        while k < n:
            if c in blocked[k]:
                k += 1
                continue
            a = k
            while k < n and c not in blocked[k]:
                k += 1
            for model, (total, groups) in _spans_in_run(rows, c, a, k, size, fences, empty, heads,
                                                        c in going_on).items():
                found[model] = (found[model][0] + total, found[model][1] + [(c, *g) for g in groups])
        for model, fence in fences.items():
            moved = {kj: s for cc, kj, s, _e in found[model][1] if cc == c}
            fence.update(moved.get(k, k) for k in range(n) if c in rows[k])
    # one reading for the whole table: an office aligns all its merged cells alike
    readings = readings if readings is not None else Readings()
    if found["centre"][0] < found["top"][0] - SETTINGS.reading_margin:
        model = "centre"
        readings.centred += 1
    elif found["top"][0] < found["centre"][0] - SETTINGS.reading_margin:
        model = "top"
        readings.top += 1
    else:
        model = readings.tie
        readings.ties += sorted(found["top"][1]) != sorted(found["centre"][1])
    # back to the given rows: a group begins and ends at rows with text
    groups = []
    for c, kj, s, e in found[model][1]:
        s = next(where[r] for r in range(s, kj + 1) if where[r] is not None)
        e = next(where[r] for r in range(e, kj - 1, -1) if where[r] is not None)
        if s != e:
            groups.append((c, where[kj], s, e))
    out: list[tuple[TextCell, int, int]] = []
    for c, kj, s, e in groups:
        out.append((given[kj][c], s, e))
    for c, kj, s, _e in groups:
        if s != kj:
            given[s][c] = given[kj].pop(c)
    out.extend(_boxes_over_two_rows(given))
    _join_overlapping_labels(given)
    _labels_over_sub_columns(given)
    return out


def _boxes_over_two_rows(rows: list[dict[int, TextCell]]) -> list[tuple[TextCell, int, int]]:
    """A header of two rows whose boxes merged over both have their texts centred between them
    (年度指标值 over 指标性质 | 指标值 | 度量单位, 实际完成值 | 分值 | 得分 beside it over both rows):
    a row of two cells or more between two rows that leave all its columns empty, each cell's
    middle level with the middle of the pair (the top of the row above to the bottom of the row
    below), the row itself or the one below heading the indicator columns (by meaning). Its cells
    go to the upper row, covering both; a cell of the upper row covering it alone then reaches
    over the columns the lower row has up to the next box of the upper row (`last_col`).
    Returns (cell, upper row, lower row) for each cell moved."""
    out: list[tuple[TextCell, int, int]] = []
    for k in range(1, len(rows) - 1):
        row, above, below = rows[k], rows[k - 1], rows[k + 1]
        if (len(row) < 2 or not above or not below or set(row) & (set(above) | set(below))
                or not (_column_header(row) or _column_header(below))):
            continue
        top = min(cell.head.top for cell in above.values())
        bottom = max(cell.tail.bottom for cell in below.values())
        if not all(abs((cell.head.top + cell.tail.bottom) / 2 - (top + bottom) / 2) < SETTINGS.row_align * cell.size
                   for cell in row.values()):
            continue
        for c in sorted(row):
            cell = row.pop(c)
            above[c] = cell
            out.append((cell, k - 1, k + 1))
        cols = sorted(above)
        for c, nxt in zip(cols, [*cols[1:], None]):
            under = [b for b in below if b > c and (nxt is None or b < nxt)]
            if under and above[c] not in (cell for cell, _s, _e in out):
                above[c].last_col = (nxt - 1) if nxt is not None else max(under)
    return out


def _labels_over_sub_columns(rows: list[dict[int, TextCell]]) -> None:
    """A label of a header row merged over the sub-columns the row under it names, printed at
    its box's left (财政资金（万元） over 中央 | 省级 | 市级资金 | 本级): a cell of a row of two
    cells or more whose columns up to the row's next cell are empty while the row under it has
    a cell in the label's own column and in some of those, all labels (words, no figure), reaches
    over them to the next cell of its row (the last column the row under it has, for the row's last
    cell). A row of values under a row of labels, or a row whose cells beside the label are
    figures, widens nothing: a row's empty right-hand cells are no merge. (Rows a move emptied
    are passed over.)"""
    for above, below in pairwise([row for row in rows if row]):
        if len(above) < 2 or len(below) < 2:
            continue
        cols = sorted(above)
        for c, nxt in zip(cols, [*cols[1:], None]):
            cell = above[c]
            under = [b for b in below if b > c and (nxt is None or b < nxt)]
            if (cell.last_col is not None or c not in below or not under or not _label(cell)
                    or not all(_label(below[b]) for b in (c, *under))):
                continue
            cell.last_col = (nxt - 1) if nxt is not None else max(under)


def _label(cell: TextCell) -> bool:
    """Words naming something, not a figure: Chinese text without a digit."""
    text = "".join(cell.lines)
    return any("\u4e00" <= ch <= "\u9fff" for ch in text) and not any(ch.isdigit() for ch in text)


_HEADING_ROLES = frozenset(("level1", "level2", "name"))


def _column_header(row: dict[int, TextCell]) -> bool:
    """A row heading the indicator columns (一级指标 | 二级指标 | 三级指标 | 指标值 ...): two
    cells or more name an indicator level or the indicator's name by meaning."""
    return sum(1 for cell in row.values() if vocab.column_role("".join(cell.lines)) in _HEADING_ROLES) >= 2


def _with_empty_rows(rows: list[dict[int, TextCell]],
                     size: float) -> tuple[list[dict[int, TextCell]], list[int | None], dict[int, tuple[float, float]]]:
    """The rows with the empty rows between them that show no text put back: where the gap
    between two rows of two cells or more is wider than the table's usual gap by a usual gap
    and a line (or several), an empty row (or several) stood there; a label centred on a
    group ending in one is centred on it too. Returns the rows, each one's index among
    the given ones (None: an empty row) and each empty row's extent (top, bottom)."""
    def extent(row: dict[int, TextCell]) -> tuple[float, float]:
        return min(cell.head.top for cell in row.values()), max(cell.tail.bottom for cell in row.values())

    real = [k for k, row in enumerate(rows) if len(row) >= 2]
    gaps = sorted(extent(rows[b])[0] - extent(rows[a])[1] for a, b in pairwise(real))
    if len(gaps) < 3:
        return rows, list(range(len(rows))), {}
    usual = max(gaps[len(gaps) // 2], 0.0)
    items: list[tuple[float, dict[int, TextCell], int | None, tuple[float, float] | None]] = []
    for k, row in enumerate(rows):
        items.append((min((cell.head.top + cell.tail.bottom) / 2 for cell in row.values()) if row else 0.0, row, k, None))
    for a, b in pairwise(real):
        y = extent(rows[a])[1]
        missing = int((extent(rows[b])[0] - y - usual) / (usual + size) + 1 - SETTINGS.empty_row)
        for _ in range(max(0, min(missing, 5))):
            top = y + usual
            items.append((top + size / 2, {}, None, (top, top + size)))
            y = top + size
    items.sort(key=lambda it: it[0])
    out = [it[1] for it in items]
    where = [it[2] for it in items]
    empty = {n: it[3] for n, it in enumerate(items) if it[3] is not None}
    return out, where, empty


def _join_overlapping_labels(rows: list[dict[int, TextCell]]) -> None:
    """Cells still alone on their line (labels centred on their row and an empty one below
    it, which shows no text: one label, or the 一级 and 二级 labels side by side; a value of
    several lines centred on a row of one-line cells, left alone when a label beside it moved
    to its group) join the neighbouring row their boxes overlap most, when that row has cells
    right of them (or, for a value, only left of them) and none in their columns."""
    def extent(row: dict[int, TextCell], cols: set[int]) -> tuple[float, float] | None:
        others = [cell for cc, cell in row.items() if cc > max(cols)]
        if not others and row and max(row) < min(cols):
            others = list(row.values())  # the row's cells all stand left of them
        if not others or cols & set(row):
            return None
        return min(o.head.top for o in others), max(o.tail.bottom for o in others)

    for k, row in enumerate(rows):
        if not 1 <= len(row) <= 2:
            continue
        cols = set(row)
        top, bottom = min(cell.head.top for cell in row.values()), max(cell.tail.bottom for cell in row.values())
        best, overlap = None, 0.0
        for n in (k - 1, k + 1):
            ext = extent(rows[n], cols) if 0 <= n < len(rows) else None
            if ext is not None and min(bottom, ext[1]) - max(top, ext[0]) > overlap:
                best, overlap = n, min(bottom, ext[1]) - max(top, ext[0])
        if best is not None:
            for c in sorted(cols):
                rows[best][c] = row.pop(c)


def _spans_in_run(rows: list[dict[int, TextCell]], c: int, a: int, b: int, size: float, fences: dict[str, set[int]],
                  empty: dict[int, tuple[float, float]], heads: set[int],
                  going_on: bool = False) -> dict[str, tuple[float, list[tuple[int, int, int]]]]:
    """Per reading ("top", "centre"): its cost, and (row of a cell, first row, last row) for
    the cells of column c in rows a..b-1 that cover more than their own row (see
    `_centred_spans`); size: the table's usual glyph size; heads: the rows heading the
    indicator columns; going_on: the column's box was merged down at the previous page's
    foot, so the rows under a header repeated overleaf, above the column's first cell, may
    be that box's (its text stood on the page before) as rows above a first cell may be empty."""
    unc = _UNCOVERED * size
    boxes = [k for k in range(a, b) if c in rows[k]]
    if not boxes or len(boxes) == b - a:
        return {}
    # the extent of a row: its cells right of the column (a label is centred on the rows of
    # the cells it heads, not on the labels further left, which span rows themselves)
    ext: dict[int, tuple[float, float]] = {}
    floating = {k for k in range(a, b) if _floating(rows, k, c)}
    for k in range(a, b):
        others = [cell for cc, cell in rows[k].items() if cc > c]
        if others and k not in floating:
            ext[k] = (min(o.head.top for o in others), max(o.tail.bottom for o in others))
        elif k in empty:
            ext[k] = empty[k]
    inf = float("inf")

    def cost(model: str, kj: int, s: int, e: int) -> float:
        if s == e == kj:  # a cell in its own row: no evidence either way, unless it has none
            return 0.0 if kj in ext else unc
        if kj in heads:  # a cell heading its column covers no other row
            return inf
        if any(r in fences[model] for r in range(s + 1, e + 1)):  # it would cross a box to its left
            return inf
        if (s not in ext and s != kj) or (e not in ext and e != kj):  # a group begins and ends
            return inf  # with rows of cells (or the label's own line)
        fe = next((r for r in range(s, e + 1) if r in ext), None)
        if fe is None:
            return inf
        le = next(r for r in range(e, s - 1, -1) if r in ext)
        cell = rows[kj][c]
        top, bottom = cell.head.top, cell.tail.bottom
        if model == "top":
            return abs(top - ext[fe][0])
        return abs((top + bottom) / 2 - (ext[fe][0] + ext[le][1]) / 2)

    found: dict[str, tuple[float, list[tuple[int, int, int]]]] = {}
    tie = SETTINGS.span_tie * size
    for model in ("top", "centre"):
        # prev[e]: (cost, groups) of the boxes so far, the last group ending at row e
        prev: dict[int, tuple[float, list]] = {}
        for j, kj in enumerate(boxes):
            lo = boxes[j - 1] + 1 if j else a
            hi = boxes[j + 1] - 1 if j + 1 < len(boxes) else b - 1
            # g[s]: the cheapest way to have every row before s covered or left empty
            g: dict[int, tuple[float, list]] = {}
            run: tuple[float, list] = (inf, [])
            for s in range(lo, kj + 1):
                if j == 0:
                    g[s] = (0.0, [])  # rows above the first cell may be empty
                    continue
                if going_on and all(k in heads for k in boxes[:j]) and boxes[j - 1] in prev:
                    g[s] = prev[boxes[j - 1]]  # under a repeated header: the box from the page before
                    continue
                # an empty cell costs where the row goes on to the right (a label alone
                # on its line, centred on rows of another column, leaves no empty cell)
                gap = unc if s - 1 not in floating and any(cc > c for cc in rows[s - 1]) else 0.0
                if s - 1 in prev and prev[s - 1][0] <= run[0] + gap:
                    run = prev[s - 1]
                else:
                    run = (run[0] + gap, run[1])
                g[s] = run
            cur: dict[int, tuple[float, list]] = {}
            for e in range(kj, hi + 1):
                if model == "top":
                    total = g[kj][0] + cost(model, kj, kj, e)
                    if total < inf:
                        cur[e] = (total, [*g[kj][1], (kj, kj, e)])
                    continue
                totals = [g[s][0] + cost(model, kj, s, e) for s in range(lo, kj + 1)]
                best = min(totals)
                if best == inf:
                    continue
                # of first rows fitting alike (within span_tie) the one covering more rows
                k = next(k for k, t in enumerate(totals) if t <= best + tie)
                cur[e] = (totals[k], [*g[lo + k][1], (kj, lo + k, e)])
            prev = cur
        # rows below the last cell may be empty; of readings fitting alike (within
        # `span_tie` sizes) the one covering more rows wins (a lone label in the middle
        # row of three is centred on all three as well as on its own)
        best = min(v[0] for v in prev.values())
        final = prev[max(e for e, v in prev.items() if v[0] <= best + tie)]
        found[model] = (final[0], [g for g in final[1] if g[1] != g[2] or g[0] != g[1]])
    return found


def _floating(rows: list[dict[int, TextCell]], k: int, c: int) -> bool:
    """Row k holds no cell of column c, and every cell it has right of c stands midway between
    the rows either side of it, in a column they leave empty while they have cells right of c:
    labels centred on a group around them (时效指标 and its 得分 half a line below 平台服务时长,
    above 全年服务天数), not a row of the table a cell of column c must cover or leave empty."""
    if k == 0 or k + 1 >= len(rows) or c in rows[k]:
        return False
    right = [cell for cc, cell in rows[k].items() if cc > c]
    above = [cell for cc, cell in rows[k - 1].items() if cc > c]
    below = [cell for cc, cell in rows[k + 1].items() if cc > c]
    if not right or not above or not below or any(cc in rows[k - 1] or cc in rows[k + 1] for cc in rows[k] if cc > c):
        return False

    def middle(cells: list[TextCell]) -> float:
        return (min(o.head.top for o in cells) + max(o.tail.bottom for o in cells)) / 2

    halfway = (middle(above) + middle(below)) / 2
    return all(abs((o.head.top + o.tail.bottom) / 2 - halfway) < SETTINGS.row_align * o.size for o in right)


def _free_blocks(chars: list[tuple], tables: list[_Table]) -> list[list]:
    """Text outside ruled tables: lines (top, bottom, segments, tabular) grouped into blocks.

    A line holds its `Run`s (x0, x1, text, top, size, bottom, glyphs). A block is one paragraph line, or a run of
    lines that forms an unruled table: lines with two segments or more, and the lines
    close above/below/between them."""
    lines = []
    for group in _lines(chars):
        group.sort(key=lambda c: c[0])
        segs: list[list] = []
        for ch in group:
            if segs and ch.x0 - segs[-1][-1][2] <= ch.size * SETTINGS.segment_gap:
                segs[-1].append(ch)
            else:
                segs.append([ch])
        out = []
        for s in segs:
            text = _line_text(s)
            if text:
                out.append(Run(s[0].x0, max(c.x1 for c in s), text, min(c.top for c in s), max(c.size for c in s),
                               max(c.bottom for c in s), s))
        if out:
            top = min(s.top for s in out)
            bottom = max(c[3] for c in group)
            bases = sorted(c.baseline for c in group if c.baseline is not None)
            lines.append(TextLine(top, bottom, out, len(out) >= 2, bases[len(bases) // 2] if bases else None))
    if not lines:
        return []
    _join_option_lists(lines)
    # an unruled table: tabular lines and the lines close to them (row gaps are small)
    n = len(lines)
    in_table = [ln.tabular for ln in lines]
    close = [False] * n  # close[i]: line i+1 follows line i within a row gap
    left = min(ln.runs[0].x0 for ln in lines)  # the text's left edge
    for i in range(n - 1):
        size = max(s.size for s in lines[i].runs)
        gap = _line_gap(lines[i], lines[i + 1])
        # (a line going on with the lines above it: one alone atop a page may be the rest of a cell cut there)
        close[i] = (gap <= size * SETTINGS.block_gap or (gap <= size * SETTINGS.column_block_gap and i > 0 and close[i - 1]
                                                         and _same_inner_column(lines[i], lines[i + 1], left))
                    ) and not _between_table(lines[i], lines[i + 1], tables)
    # a label beside lines of text (总体绩效目标 centred on the goal rows right of it): a
    # one-piece line close under one line and over another that start at one edge, all of
    # it left of that edge, makes a table of the three
    for i in range(1, n - 1):
        seg = lines[i].runs[0]
        x0 = lines[i - 1].runs[0].x0
        if (len(lines[i].runs) == 1 and close[i - 1] and close[i]
                and abs(lines[i + 1].runs[0].x0 - x0) <= SETTINGS.edge_cluster
                and seg.x1 + seg.size * SETTINGS.segment_gap < x0):
            in_table[i - 1] = in_table[i] = in_table[i + 1] = True
    changed = True
    while changed:
        changed = False
        for i in range(n - 1):
            if close[i] and in_table[i] != in_table[i + 1]:
                in_table[i] = in_table[i + 1] = True
                changed = True
    blocks: list[list] = []
    lone_until = -1  # lines up to this one are a label taken into the table above
    for i, ln in enumerate(lines):
        if i <= lone_until:
            blocks[-1].append(ln)
            in_table[i] = True
        elif in_table[i] and blocks and in_table[i - 1] and (close[i - 1] or _same_columns(blocks[-1], ln, tables)):
            blocks[-1].append(ln)
        elif len(ln.runs) == 1 and blocks and in_table[i - 1] and not _heading(blocks[-1], lines, i, close):
            # labels alone in their rows (beside empty cells) between two rows: one line, or
            # a few (a label wrapped over lines, labels of neighbouring columns half a line
            # apart, one empty row's label under another's)
            j = i
            while (j < n and len(lines[j].runs) == 1 and j - i < _LONE_LINES
                   and (j == i or lines[j].top - lines[j - 1].bottom <= SETTINGS.resume_gap * lines[j].runs[0].size)):
                j += 1
            if j < n and len(lines[j].runs) >= 2 and _lone_label(blocks[-1], lines[i:j], lines[j], tables):
                blocks[-1].append(ln)
                in_table[i] = True
                lone_until = j - 1
            else:
                blocks.append([ln])
        else:
            blocks.append([ln])
        ln.tabular = in_table[i]
    return blocks


def _line_gap(above: TextLine, below: TextLine) -> float:
    """The room between two lines, glyph box to glyph box; between lines of one size, at most the
    room left when the line below stands on its baseline as the line above does on its own (a
    Latin font's boxes sit lower about the baseline than a CJK font's: a row of digits only, as
    far under a CJK row as the table's other rows, would be a point further by its boxes)."""
    gap = below.top - above.bottom
    if above.baseline is None or below.baseline is None:
        return gap
    if abs(max(s.size for s in above.runs) - max(s.size for s in below.runs)) > SETTINGS.baseline_band:
        return gap
    return min(gap, below.baseline - above.baseline - (above.bottom - above.top))


_MARKS = vocab.BOX + vocab.TICK


def _option_gap(left: Run, right: Run) -> bool:
    """The gap between two pieces of a line lies inside a check box list: a box or tick mark
    stands at it (新建 | □, □ | 扩建; a Word tick copied out of its symbol font, R, alone after a
    box), or the list's inner lead-in stands before a piece holding a box (其中: | 采购类□)."""
    if left.text[-1] in _MARKS or right.text[0] in _MARKS:
        return True
    if right.text in vocab.FONT_TICK_ALONE and any(m in left.text for m in _MARKS):
        return True
    return bool(vocab.SUB_ROW.fullmatch(left.text)) and any(m in right.text for m in _MARKS)


def _join_option_lists(lines: list[TextLine]) -> None:
    """The pieces of a check box list spread over a wide box (1.基本建设类 □ 其中:新建 □ 扩建 □ ...,
    spaces wide enough to part a line's cells) go back into one piece: a chain of pieces joined
    at option gaps (`_option_gap`) holding a box or tick, when fewer than half the pieces after
    its first start where a piece of a line without marks does (pieces under a table's header or
    its other rows are its columns: a column of boxes stays cells; a list's pieces fall at such a
    start only by chance, and the lines of one list, all marked, say nothing of columns)."""
    def marked(ln: TextLine) -> bool:
        return any(m in seg.text for seg in ln.runs for m in _MARKS)

    others = sorted(seg.x0 for ln in lines if not marked(ln) for seg in ln.runs)
    for ln in lines:
        if len(ln.runs) < 2 or not marked(ln):
            continue

        def column(x: float) -> bool:
            k = bisect_right(others, x + SETTINGS.edge_cluster)
            return k > 0 and others[k - 1] >= x - SETTINGS.edge_cluster

        chains: list[list[Run]] = [[ln.runs[0]]]
        for left, right in pairwise(ln.runs):
            if _option_gap(left, right):
                chains[-1].append(right)
            else:
                chains.append([right])
        out: list[Run] = []
        for chain in chains:
            aligned = sum(column(seg.x0) for seg in chain[1:])
            if len(chain) < 2 or 2 * aligned >= len(chain) - 1:
                out.extend(chain)
                continue
            glyphs = [g for seg in chain for g in seg.glyphs]
            out.append(Run(chain[0].x0, max(seg.x1 for seg in chain), _line_text(glyphs), min(seg.top for seg in chain),
                           max(seg.size for seg in chain), max(seg.bottom for seg in chain), glyphs))
        ln.runs = out
        ln.tabular = len(out) >= 2


def _same_inner_column(above: TextLine, line: TextLine, left: float) -> bool:
    """The line's first piece starts where a piece of the line above does, right of the text's left
    edge: a table's column goes on (a row whose other cells are empty, 4.其他资金 under 3.区级资金),
    where a paragraph or a heading would start at the left edge."""
    x = line.runs[0].x0
    return x > left + SETTINGS.edge_cluster and any(abs(seg.x0 - x) <= SETTINGS.edge_cluster for seg in above.runs)


_LONE_LINES = 6  # the most one-piece lines between two rows of an unruled table taken for labels of it


def _heading(block: list, lines: list, i: int, close: list[bool]) -> bool:
    """Line i, of one piece under an unruled table, heads the lines under it (绩效指标 over the
    next table): it starts at the table's left edge, not centred in a column, and stands close
    above the next line, `heading_gap` times further from the table above."""
    ln = lines[i]
    if i + 1 >= len(lines) or not close[i]:
        return False
    left = min((s.x0 for row in block if len(row.runs) >= 2 for s in row.runs), default=None)
    return (left is not None and ln.runs[0].x0 <= left + SETTINGS.edge_cluster
            and ln.top - block[-1].bottom > SETTINGS.heading_gap * max(lines[i + 1].top - ln.bottom, 0.0))


def _lone_label(block: list, label: list, below: list, tables: list[_Table]) -> bool:
    """One-piece lines (a label, wrapped or not) between an unruled table and a row of it
    further down (a label centred in a box whose other rows are empty leaves wider gaps than
    a row gap): they stay in the table when each lies within one column of the table, the
    row below starts at the table's columns, and both gaps are within `resume_gap` sizes."""
    size = max(s.size for ln in label for s in ln.runs)
    first, last = label[0], label[-1]
    if (any(len(ln.runs) != 1 for ln in label) or first.top - block[-1].bottom > SETTINGS.resume_gap * size
            or below.top - last.bottom > SETTINGS.resume_gap * size
            or _between_table(block[-1], first, tables) or _between_table(last, below, tables)):
        return False
    segs = [seg for ln in block for seg in ln.runs]
    # within one column of the table (a title centred over the table is no label of it)
    rows = [ln for ln in block if len(ln.runs) >= 2]
    if not rows:
        return False
    edges = _column_starts(rows)
    for ln in label:
        seg = ln.runs[0]
        k = bisect_right(edges, seg.x0 + SETTINGS.edge_cluster) - 1
        if k < 0 or (k + 1 < len(edges) and seg.x1 > edges[k + 1]):
            return False
    # the row below starts at the table's columns (its centred labels within one)
    def starts_at(b) -> bool:
        return any(abs(b.x0 - s.x0) <= SETTINGS.edge_cluster for s in segs)

    return (len(below.runs) >= 2 and all(starts_at(b) or _in_one_column(b, edges) for b in below.runs)
            and any(starts_at(b) for b in below.runs))


def _same_columns(block: list, line: list, tables: list[_Table]) -> bool:
    """A row further down than a row gap still goes on with the unruled table above when
    its cells (two or more) all start at columns of it, within a few lines (LibreOffice
    leaves such a gap above a row it cut at the page's foot)."""
    segs = line.runs
    size = max(s.size for s in segs)
    if len(segs) < 2 or line.top - block[-1].bottom > SETTINGS.resume_gap * size or _between_table(block[-1], line, tables):
        return False
    starts = [seg.x0 for ln in block for seg in ln.runs]
    edges = _cluster([s.x0 for ln in block if len(ln.runs) >= 2 for s in ln.runs], SETTINGS.edge_cluster)
    return all(any(abs(seg.x0 - x) <= SETTINGS.edge_cluster for x in starts) or _in_one_column(seg, edges)
               for seg in segs) and any(any(abs(seg.x0 - x) <= SETTINGS.edge_cluster for x in starts) for seg in segs)


def _in_one_column(seg, edges: list[float]) -> bool:
    """The piece lies between a column's start and the next's (a label centred in it), or
    before the first (a label column holding only centred text)."""
    k = bisect_right(edges, seg.x0 + SETTINGS.edge_cluster) - 1
    return k + 1 < len(edges) and seg.x1 <= edges[k + 1]


def _between_table(a: list, b: list, tables: list[_Table]) -> bool:
    return any(a.bottom <= t.top and t.bottom <= b.top for t in tables)
