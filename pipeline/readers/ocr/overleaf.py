"""A ruled table's row cut at a page's foot, going on at the top of the next page.

LibreOffice (and Word) break a row whose cells do not fit at the page's foot: the words that
did not fit start the first row overleaf, under the same columns, as a row of its own. That row
is the rest of the one above when every cell of it with text sits under a cell of the cut row
whose last line had no room left for its first word (a word is a run of Latin letters and
digits, or one Chinese character): its texts go on there and its own cells are emptied. A box
merged down the first column may go on alone beside a fresh row (总体绩效目 | 实施周期总目标 at
the foot, 标 beside the goal's text overleaf); two texts each naming an indicator level whole
are never one cut in two.

    cut = foot_cells(table, texts, cells)        # the last row's cells that may go on overleaf
    go_on(cut, table, texts, cells)              # next page: the first row joins them, if it is their rest
"""

from __future__ import annotations

from dataclasses import dataclass

from ...document import Cell
from .engine import Line
from .grid import GridCell, Table

NO_LINE_START = frozenset("）)」』】〕,，.。、;；:：!！?？%")  # marks a line never starts with (they go with the word before)
ROOM_SLACK = 2.0  # pixels: a first word this much wider than the room left could not have fitted either


@dataclass(slots=True)
class CutCell:
    """A cell of a table's last row on a page: the document's cell, its left and right edges
    (pixels), and the room its last line left before the cell's right padding."""

    cell: Cell
    x0: float
    x1: float
    room: float


def foot_cells(t: Table, lines_of: dict[int, list[Line]], cells: dict[int, Cell]) -> list[CutCell]:
    last = len(t.ys) - 2
    out = []
    for i, g in enumerate(t.cells):
        lines = lines_of.get(i)
        if g.r0 != last or g.r1 != last or not lines or i not in cells:
            continue
        pad = max(0.0, min(ln.x0 for ln in lines) - g.x0)
        bottom = max(ln.cy for ln in lines)
        end = max(ln.x1 for ln in lines if abs(ln.cy - bottom) < ln.height / 2)
        out.append(CutCell(cells[i], g.x0, g.x1, g.x1 - pad - end))
    return out


def go_on(cut: list[CutCell], t: Table, lines_of: dict[int, list[Line]], cells: dict[int, Cell]) -> bool:
    """Join the first row of `t` to the cut cells when it is their rest (see the module's doc)."""
    from .layout import cell_text, confidence, needs_space

    first = [(i, g) for i, g in enumerate(t.cells) if g.r0 == 0 and lines_of.get(i) and i in cells]
    if not first or not cut:
        return False
    passing: list[tuple[int, CutCell]] = []
    fresh = 0
    for i, g in first:
        above = next((c for c in cut if _overlap(c, g) > 0.5 * min(c.x1 - c.x0, g.x1 - g.x0)), None)
        lines = sorted(lines_of[i], key=lambda ln: (ln.cy, ln.x0))
        if above is None:
            return False
        if first_word(lines[0]) > above.room + ROOM_SLACK and not whole_labels(above.cell.text, cell_text(lines)):
            passing.append((i, above))
        else:
            fresh += 1
    if not passing:
        return False
    if fresh:
        # a box merged down the first column goes on overleaf beside a fresh row: only that one
        i, g = min(((i, g) for i, g in first), key=lambda p: p[1].c0)
        if len(passing) != 1 or passing[0][0] != i or g.r1 == 0:
            return False
    for i, above in passing:
        text = cell_text(lines_of[i])
        before = above.cell.text
        above.cell.text = before + (" " if needs_space(before, text) else "") + text
        conf = confidence(lines_of[i])
        above.cell.confidence = conf if above.cell.confidence is None else min(above.cell.confidence, conf)
        cells[i].text, cells[i].confidence = "", None
    return True


def whole_labels(above: str, below: str) -> bool:
    """Both texts name an indicator level whole (社会成本指标 at the foot, 生态环境成本指标 overleaf):
    two cells, not one cut in two."""
    from ... import vocab

    return all(vocab.level1_of(x) or vocab.level2_of(x) for x in (above, below))


def completes_level(cut: str, joined: str) -> bool:
    """A label cut at the page foot (三、效益指) whose text with its rest overleaf (标) names an
    indicator level, as its cut text does not."""
    from ... import vocab

    def level(x: str) -> bool:
        return bool(vocab.level1_of(x) or vocab.level2_of(x))

    return level(joined) and not level(cut)


def _overlap(c: CutCell, g: GridCell) -> float:
    return min(c.x1, g.x1) - max(c.x0, g.x0)


def first_word(line: Line) -> float:
    """The width of a line's first word: its leading run of Latin letters, digits and their
    punctuation, or its first character, with the closing marks after it. A Chinese character is
    as wide as the pitch of the Chinese characters on its line (its box from the model is drawn
    narrower than the glyph by a few pixels, as much as the room a cut cell leaves)."""
    chars = line.chars
    if not chars:
        return line.x1 - line.x0
    k = 0
    while k < len(chars) and chars[k].text and all(ch.isascii() and (ch.isalnum() or ch in ".,%-/") for ch in chars[k].text):
        k += 1
    if k == 0 and _chinese(chars[0].text) and all(_chinese(c.text) for c in chars):
        return max(chars[0].x1 - chars[0].x0, (line.x1 - line.x0) / len(chars))
    k = max(k, 1)
    while k < len(chars) and chars[k].text[:1] in NO_LINE_START:
        k += 1  # 分） goes to the next line whole: a closing bracket never starts one
    return chars[k - 1].x1 - chars[0].x0


def _chinese(text: str) -> bool:
    return len(text) == 1 and "\u4e00" <= text <= "\u9fff"
