"""Recognised lines and ruled tables -> the rows of the one intermediate document.

Each table row of slots becomes a `Row`; a merged cell stands once, in its first
row, with its `span` and `row_span`, and each row below it holds an empty
`covered=True` cell at its column, as the .docx reader emits a vertical merge. A
cell's text is its lines in reading order, the wrapped lines of one paragraph joined
without a space between Chinese characters; its `confidence` is its weakest digit's
when it has digits (`engine.Line.digit_confidence`), else its weakest character's.

Lines outside every table (the title, 填报单位, 单位：元, 填表人) are paragraphs
(`table=None`), one per visual line. A page without any ruled table (an unruled
form) is read by `unruled`: columns, cells, rows and merged labels from the boxes' geometry.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...document import Cell, Row
from . import overleaf, unruled
from .engine import Char, Line, digit_confidence_of
from .grid import Table
from .mend import mend_cell
from .unruled import Placed

SAME_LINE_OVERLAP = 0.5  # two boxes overlapping this part of the smaller height are on one visual line
RULE_READINGS = frozenset("|丨｜")  # what the model makes of a ruling line it took into a text line
SPLIT_MARGIN = 4.0  # pixels a recognised line must reach past a grid line to be split there


@dataclass(slots=True)
class _CellText:
    lines: list[Line] = field(default_factory=list)


@dataclass(slots=True)
class PageRows:
    """A page's rows in reading order, the number of tables used (for the next page's indices), and
    its unruled table when it has one (its columns and its last row may go on overleaf)."""

    rows: list[Row]
    tables: int
    open_table: unruled.Unruled | None = None
    cut: list[overleaf.CutCell] = field(default_factory=list)  # a ruled table's last row, at the page's foot


def page_rows(lines: list[Line], tables: list[Table], page: int, first_table: int,
              before: unruled.Unruled | None = None, cut: list[overleaf.CutCell] | None = None) -> PageRows:
    """The page's rows; `before`: the previous page's unruled table, if it ended in one; `cut`: the
    last row of the previous page's last ruled table, when nothing followed it there."""
    lines = _without_echoes(lines)
    placed: list[Placed] = []
    by_table: list[dict[int, _CellText]] = [{} for _ in tables]
    slot_maps = [slot_map(t) for t in tables]
    outside: list[Line] = []
    for line in lines:
        for part in _split_at_grid(line, tables):
            for k, t in enumerate(tables):
                slot = t.slot_of(part.cx, part.cy)
                if slot is not None:
                    part = _without_rule(part)
                    if part.text:
                        by_table[k].setdefault(slot_maps[k][slot], _CellText()).lines.append(part)
                    break
            else:
                outside.append(part)
    n_tables = 0
    above_first = any(ln.cy < tables[0].ys[0] for ln in outside) if tables else True
    below_last = any(ln.cy > tables[-1].ys[-1] for ln in outside) if tables else True
    foot: list[overleaf.CutCell] = []
    for k, t in enumerate(tables):
        index = first_table + n_tables
        n_tables += 1
        cells: dict[int, Cell] = {}
        placed.extend(_table_rows(t, by_table[k], page, index, cells))
        lines_of = {i: ct.lines for i, ct in by_table[k].items()}
        if k == 0 and cut and not above_first:
            overleaf.go_on(cut, t, lines_of, cells)
        if k == len(tables) - 1 and not below_last:
            foot = overleaf.foot_cells(t, lines_of, cells)
    if tables:
        for group in visual_lines(outside):
            text = " ".join(ln.text for ln in sorted(group, key=lambda ln: ln.x0))
            conf = confidence(group)
            placed.append(Placed(min(ln.y0 for ln in group),
                                  Row(cells=[Cell(mend_cell(text, conf), confidence=conf)], page=page, table=None)))
    elif outside:  # no ruling lines: a table from the boxes' geometry (unruled.py)
        index = first_table + n_tables
        found = unruled.page_rows(outside, page, index, before)
        if found.lines:
            n_tables += 1
        placed.extend(found.rows)
        placed.sort(key=lambda p: p.y)
        return PageRows([p.row for p in placed], n_tables, found if found.lines else None)
    placed.sort(key=lambda p: p.y)
    return PageRows([p.row for p in placed], n_tables, cut=foot)


def _without_echoes(lines: list[Line]) -> list[Line]:
    """A line whose box ran into a neighbouring cell's text and read it again (至少497人9 beside
    994人次及: the 9 read twice; 设预算单位 beside 东莞市住房和城乡建设): its characters at that end whose
    middles lie in the neighbour's box on the same visual line, and which the neighbour's text
    starts (or ends) with, are dropped."""
    out = []
    for ln in lines:
        chars = ln.chars
        if len(chars) < 2 or "".join(c.text for c in chars) != ln.text:
            out.append(ln)
            continue
        first, last = 0, len(chars)
        for o in lines:
            if o is ln or not _same_line(ln, o):
                continue
            if ln.x0 < o.x0 < ln.x1 < o.x1:  # the neighbour on the right, under this line's end
                j = len(chars)
                while j > 1 and o.x0 <= (chars[j - 1].x0 + chars[j - 1].x1) / 2:
                    j -= 1
                if j < len(chars) and o.text.startswith("".join(c.text for c in chars[j:])):
                    last = min(last, j)
            elif o.x0 < ln.x0 < o.x1 < ln.x1:  # the neighbour on the left, under this line's start
                j = 0
                while j < len(chars) - 1 and (chars[j].x0 + chars[j].x1) / 2 <= o.x1:
                    j += 1
                if j > 0 and o.text.endswith("".join(c.text for c in chars[:j])):
                    first = max(first, j)
        if (first, last) == (0, len(chars)) or first >= last:
            out.append(ln)
            continue
        kept = chars[first:last]
        text = "".join(c.text for c in kept)
        x0 = ln.x0 if first == 0 else kept[0].x0
        x1 = ln.x1 if last == len(chars) else kept[-1].x1
        out.append(Line(text, x0, ln.y0, x1, ln.y1, min(c.confidence for c in kept), kept,
                        digit_confidence_of(kept, text, ln.confidence), ln.weak))
    return out


def _same_line(a: Line, b: Line) -> bool:
    overlap = min(a.y1, b.y1) - max(a.y0, b.y0)
    return overlap >= SAME_LINE_OVERLAP * min(a.height, b.height)


def _without_rule(line: Line) -> Line:
    """A line in a ruled cell without the `|` its text ran into at either end (the cell's own rule,
    read as a character: 东莞市住房和城乡建设| over 局)."""
    if not line.text[:1] in RULE_READINGS and not line.text[-1:] in RULE_READINGS:
        return line
    chars = [c for k, c in enumerate(line.chars)
             if not (c.text in RULE_READINGS and (k == 0 or k == len(line.chars) - 1))]
    text = line.text.strip("".join(RULE_READINGS))
    if line.chars and "".join(c.text for c in chars) != text:
        return line
    return Line(text, line.x0, line.y0, line.x1, line.y1, line.confidence, chars, line.digit_confidence, line.weak)


def confidence(lines: list[Line]) -> float:
    """A cell's confidence: its weakest digit's when it has digits, else its weakest character's."""
    digits = [ln.digit_confidence for ln in lines if ln.digit_confidence is not None]
    return round(min(digits) if digits else min(ln.confidence for ln in lines), 3)


def slot_map(t: Table) -> dict[tuple[int, int], int]:
    out: dict[tuple[int, int], int] = {}
    for i, g in enumerate(t.cells):
        for r in range(g.r0, g.r1 + 1):
            for c in range(g.c0, g.c1 + 1):
                out.setdefault((r, c), i)
    return out


def _table_rows(t: Table, texts: dict[int, _CellText], page: int, index: int, made: dict[int, Cell]) -> list[Placed]:
    """The table's rows; `made` gets each grid cell's document cell (by its index in t.cells)."""
    rows: dict[int, list[Cell]] = {r: [] for r in range(len(t.ys) - 1)}
    for i, g in enumerate(t.cells):
        ct = texts.get(i)
        conf = confidence(ct.lines) if ct and ct.lines else None
        text = mend_cell(cell_text(ct.lines), conf) if ct else ""
        made[i] = Cell(text, col=g.c0, span=g.c1 - g.c0 + 1, row_span=g.r1 - g.r0 + 1, confidence=conf)
        rows[g.r0].append(made[i])
        for r in range(g.r0 + 1, g.r1 + 1):
            rows[r].append(Cell("", col=g.c0, span=g.c1 - g.c0 + 1, covered=True))
    out = []
    for r, cells in rows.items():
        cells.sort(key=lambda c: c.col or 0)
        out.append(Placed(t.ys[r], Row(cells=cells, page=page, table=index, row=r)))
    return out


def cell_text(lines: list[Line]) -> str:
    parts: list[str] = []
    for group in visual_lines(lines):
        text = " ".join(ln.text for ln in sorted(group, key=lambda ln: ln.x0))
        if parts and needs_space(parts[-1], text):
            parts.append(" ")
        parts.append(text)
    return "".join(parts)


def needs_space(before: str, after: str) -> bool:
    """Wrapped lines join without a space, except between two Latin words."""
    return bool(before) and bool(after) and before[-1].isascii() and before[-1].isalpha() and \
        after[0].isascii() and after[0].isalpha()


def visual_lines(lines: list[Line]) -> list[list[Line]]:
    """Lines grouped by the visual line they sit on, top to bottom."""
    groups: list[list[Line]] = []
    for ln in sorted(lines, key=lambda ln: ln.cy):
        if groups:
            last = groups[-1]
            top = max(min(g.y0 for g in last), ln.y0)
            bottom = min(max(g.y1 for g in last), ln.y1)
            smaller = min(ln.height, max(g.y1 for g in last) - min(g.y0 for g in last))
            if smaller > 0 and bottom - top >= SAME_LINE_OVERLAP * smaller:
                last.append(ln)
                continue
        groups.append([ln])
    return groups


def _split_at_grid(line: Line, tables: list[Table]) -> list[Line]:
    """A recognised line running across a vertical grid line (two cells' texts read as one): split it there."""
    if not line.chars:
        return [line]
    for t in tables:
        if not (t.ys[0] <= line.cy <= t.ys[-1]):
            continue
        cuts = [x for x in t.xs[1:-1] if line.x0 + SPLIT_MARGIN < x < line.x1 - SPLIT_MARGIN
                and _has_boundary(t, x, line.cy)]
        if not cuts:
            return [line]
        pieces: list[list[Char]] = [[] for _ in range(len(cuts) + 1)]
        for ch in line.chars:
            k = sum(1 for x in cuts if (ch.x0 + ch.x1) / 2 > x)
            pieces[k].append(ch)
        out = []
        for chars in pieces:
            if not chars:
                continue
            text = "".join(c.text for c in chars)
            out.append(Line(text, chars[0].x0, line.y0, chars[-1].x1, line.y1, min(c.confidence for c in chars),
                            chars, digit_confidence_of(chars, text, line.confidence)))
        return out or [line]
    return [line]


def _has_boundary(t: Table, x: float, y: float) -> bool:
    """Whether the grid line at x is a real cell boundary at height y (not inside a merged cell)."""
    slot = t.slot_of(x - 1, y)
    right = t.slot_of(x + 1, y)
    if slot is None or right is None:
        return False
    cell_of = slot_map(t)
    return cell_of.get(slot) != cell_of.get(right)

