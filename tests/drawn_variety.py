"""Variety forms (tests/variety.py) drawn straight to PDF with reportlab, as a program
that draws its own tables would: with ruling lines, or with none at all.

    write_drawn_pdf(variant(seed), path, ruled=True, centred=False) -> Path

Each table is drawn row by row on A4 with equal column widths; a merged box carries
its text at its top (centred=True: a box merged down has it in its middle, both ways) and its borders round the
whole box; a row that does not fit goes
to the next page (a box cut there is closed and reopened). Text wraps by character.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from tests.pdfgen import CJK_FONT, _wrap
from tests.variety import Grid, Variant

PAGE_W, PAGE_H = A4
MARGIN = 40.0
PAD = 3.0
SIZE = 9.0
LH = SIZE * 1.35


class _Page:
    def __init__(self, path: Path):
        self.c = canvas.Canvas(str(path), pagesize=A4)
        self.y = PAGE_H - MARGIN

    def new(self) -> None:
        self.c.showPage()
        self.y = PAGE_H - MARGIN

    def line_of_text(self, text: str, size: float = SIZE, centred: bool = False) -> None:
        if self.y - size * 1.6 < MARGIN:
            self.new()
        self.c.setFont(CJK_FONT, size)
        if centred:
            self.c.drawCentredString(PAGE_W / 2, self.y - size, text)
        else:
            self.c.drawString(MARGIN, self.y - size, text)
        self.y -= size * 1.6


def _boxes(g: Grid) -> dict[tuple[int, int], tuple[int, int, int, int]]:
    """(r, c) -> the box (r0, c0, r1, c1) it belongs to."""
    own = {(r, c): (r, c, r, c) for r in range(len(g.rows)) for c in range(g.ncols)}
    for r0, c0, r1, c1 in g.merges:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                own[(r, c)] = (r0, c0, r1, c1)
    return own


def _draw_grid(p: _Page, g: Grid, ruled: bool, centred: bool = False) -> None:
    width = PAGE_W - 2 * MARGIN
    xs = [MARGIN + width * k / g.ncols for k in range(g.ncols + 1)]
    own = _boxes(g)
    lines: dict[tuple[int, int], list[str]] = {}
    heights = []
    for r, row in enumerate(g.rows):
        h = LH + 2 * PAD
        for c, text in enumerate(row):
            r0, c0, r1, c1 = own[(r, c)]
            if (r0, c0) != (r, c) or not text:
                continue
            lines[(r, c)] = _wrap(text, xs[c1 + 1] - xs[c0] - 2 * PAD, CJK_FONT, SIZE)
            if r1 == r:
                h = max(h, len(lines[(r, c)]) * LH + 2 * PAD)
        heights.append(h)
    for (r, c), ls in lines.items():  # a tall merged box stretches its last row
        r1 = own[(r, c)][2]
        need = len(ls) * LH + 2 * PAD
        have = sum(heights[r:r1 + 1])
        if need > have:
            heights[r1] += need - have
    cv = p.c
    cv.setLineWidth(0.6)
    first_on_page = True
    # centred: a merged box's text is drawn when its last row is placed, in the middle of
    # the box (as Word's vertically centred merged cells print); rows of one box never
    # straddle a page here, so the box's top is known then
    box_top: dict[tuple[int, int], float] = {}
    for r, row in enumerate(g.rows):
        if p.y - heights[r] < MARGIN:
            if ruled:  # close the boxes cut by the page foot
                cv.line(xs[0], p.y, xs[-1], p.y)
            p.new()
            first_on_page = True
            box_top = {key: PAGE_H - MARGIN for key in box_top}
        top, bottom = p.y, p.y - heights[r]
        cv.setFont(CJK_FONT, SIZE)
        for c in range(g.ncols):
            r0, c0, r1, c1 = own[(r, c)]
            if (r0, c0) == (r, c):
                box_top[(r, c)] = top
            if centred and (r1, c0) == (r, c) and (r0, c0) in lines and r1 > r0:
                text_lines = lines[(r0, c0)]
                mid = (box_top.pop((r0, c0)) + bottom) / 2
                y0 = mid + len(text_lines) * LH / 2
                for k, text in enumerate(text_lines):
                    cv.drawCentredString((xs[c0] + xs[c1 + 1]) / 2, y0 - SIZE - k * LH + (LH - SIZE) / 2, text)
            elif (r0, c0) == (r, c) and not (centred and r1 > r0):
                for k, text in enumerate(lines.get((r, c), [])):
                    cv.drawString(xs[c] + PAD, top - PAD - SIZE - k * LH, text)
            if not ruled:
                continue
            if c == c0:
                cv.line(xs[c], top, xs[c], bottom)
            if c == c1:
                cv.line(xs[c + 1], top, xs[c + 1], bottom)
            if r == r0 or first_on_page:
                cv.line(xs[c], top, xs[c + 1], top)
            if r == r1:
                cv.line(xs[c], bottom, xs[c + 1], bottom)
        p.y = bottom
        first_on_page = False
    p.y -= 10


def write_drawn_pdf(v: Variant, path: str | Path, ruled: bool = True, centred: bool = False) -> Path:
    path = Path(path)
    p = _Page(path)
    for n, f in enumerate(v.forms):
        if n:
            p.new()
        for line in (f.title or "").split("\n"):
            if line:
                p.line_of_text(line, 14, centred=True)
        p.line_of_text(f.note)
        for k, g in enumerate(f.tables):
            if k:
                p.line_of_text("绩效指标")
            _draw_grid(p, g, ruled, centred)
        p.line_of_text("填表人：李明  联系电话：0769-81234567")
    p.c.save()
    return path
