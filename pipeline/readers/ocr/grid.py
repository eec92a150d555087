"""Tables from a page image's ruling lines: the grid of each table and its merged cells.

    tables = find_tables(rgb)     # [Table(xs, ys, cells)]

Horizontal and vertical strokes are kept by a morphological opening with a long
thin kernel (text strokes are too short to survive it), and the strokes of one
table are the ones that touch. A table's grid lines are the distinct heights of its
horizontal strokes (`ys`) and the distinct positions of its vertical strokes
(`xs`). Between two neighbouring grid slots a boundary exists when ink covers most
of the segment that separates them; slots with no boundary between them belong to
one merged cell, as a Word table's `gridSpan` / `vMerge` would say.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ENDS = 2  # pixels next to the horizontal rules a vertical rule must ink at both its ends


@dataclass(frozen=True)
class GridSettings:
    min_h_stroke: float = 1 / 30  # a horizontal rule is at least this part of the page width ...
    min_v_stroke: float = 1 / 80  # ... a vertical one this part of the page height
    merge_gap: float = 0.004  # strokes closer than this (part of the page width) are one grid line
    v_cover: float = 0.93  # a vertical rule inks this part of the height between two rules (a character less)
    h_cover: float = 0.9  # a horizontal rule inks this part of the width between two rules
    probe: int = 3  # pixels each side of a grid line searched for its ink (residual skew, line width)
    min_rows: int = 1  # a table has at least this many rows of slots ...
    min_cols: int = 2  # ... and this many columns


@dataclass(slots=True)
class GridCell:
    """One cell: grid rows r0..r1 and columns c0..c1 (inclusive), and its box in pixels."""

    r0: int
    c0: int
    r1: int
    c1: int
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(slots=True)
class Table:
    xs: list[float]  # vertical grid lines, left to right
    ys: list[float]  # horizontal grid lines, top to bottom
    cells: list[GridCell] = field(default_factory=list)

    @property
    def box(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def slot_of(self, x: float, y: float) -> tuple[int, int] | None:
        """The (row, column) slot holding a point, or None outside the table."""
        if not (self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]):
            return None
        c = max(k for k in range(len(self.xs) - 1) if self.xs[k] <= x) if x > self.xs[0] else 0
        r = max(k for k in range(len(self.ys) - 1) if self.ys[k] <= y) if y > self.ys[0] else 0
        return r, c


def find_tables(rgb, gs: GridSettings | None = None) -> list[Table]:
    import cv2
    import numpy as np

    gs = gs or GridSettings()
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    ink = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15)
    H, W = ink.shape
    hk = cv2.getStructuringElement(cv2.MORPH_RECT, (max(15, int(W * gs.min_h_stroke)), 1))
    vk = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(15, int(H * gs.min_v_stroke))))
    horiz = cv2.morphologyEx(ink, cv2.MORPH_OPEN, hk)
    vert = cv2.morphologyEx(ink, cv2.MORPH_OPEN, vk)
    joined = cv2.dilate(cv2.bitwise_or(horiz, vert), np.ones((5, 5), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    tables: list[Table] = []
    for k in range(1, n):
        x, y, w, h, _ = stats[k]
        if w < W * 0.1 or h < 10:
            continue
        region = labels[y:y + h, x:x + w] == k
        sub = _Region(ink[y:y + h, x:x + w] > 0, horiz[y:y + h, x:x + w] * region, vert[y:y + h, x:x + w] * region,
                      x, y)
        t = _table(sub, gs, W)
        if t is not None:
            tables.append(t)
    tables.sort(key=lambda t: t.ys[0])
    return tables


@dataclass(slots=True)
class _Region:
    """One table's part of the page: its ink, and the horizontal and vertical strokes in it."""

    ink: Any  # bool numpy array
    horiz: Any
    vert: Any
    ox: int  # where the region sits on the page
    oy: int


@dataclass(slots=True)
class _GridLine:
    at: float  # centre (page pixels)
    lo: float  # the stroke's first pixel across it (top of a horizontal rule, left of a vertical one)
    hi: float  # its last pixel


def _lines(mask, horizontal: bool, min_len: int, offset: int, gap: float) -> list[_GridLine]:
    """The strokes of `mask` at least min_len long, merged into grid lines.

    The longest stroke anchors a grid line; shorter ones within `gap` of it join it (a
    rule broken by a scan), never chaining on (a column of text strokes beside a rule)."""
    import cv2

    n, _, stats, _ = cv2.connectedComponentsWithStats((mask > 0).astype("uint8"), connectivity=8)
    strokes = []
    for k in range(1, n):
        x, y, w, h, _ = stats[k]
        length = w if horizontal else h
        if length < min_len:
            continue
        lo, size = (y, h) if horizontal else (x, w)
        strokes.append((length, offset + lo + size / 2, offset + lo, offset + lo + size - 1))
    strokes.sort(reverse=True)
    lines: list[_GridLine] = []
    for _, centre, lo, hi in strokes:
        near = next((g for g in lines if abs(g.at - centre) <= gap), None)
        if near is None:
            lines.append(_GridLine(centre, lo, hi))
        elif abs(near.at - centre) <= 2:  # the same rule: its thickness grows, its centre stays
            near.lo, near.hi = min(near.lo, lo), max(near.hi, hi)
    lines.sort(key=lambda g: g.at)
    return lines


def _ruled(r: _Region, horizontal: bool, at: _GridLine, a: _GridLine, b: _GridLine, p: int, cover: float) -> bool:
    """Whether a rule runs at `at` all the way between the grid lines a and b (their strokes excluded).

    A character's stroke near the grid line leaves a gap beside the rules it stands between."""
    if horizontal:
        r0, r1 = int(at.at) - r.oy - p, int(at.at) - r.oy + p + 1
        c0, c1 = int(a.hi) - r.ox + 1, int(b.lo) - r.ox
        band = r.ink[max(0, r0):max(0, r1), max(0, c0):max(0, c1)]
        hit = band.any(axis=0) if band.size else band
    else:
        c0, c1 = int(at.at) - r.ox - p, int(at.at) - r.ox + p + 1
        r0, r1 = int(a.hi) - r.oy + 1, int(b.lo) - r.oy
        band = r.ink[max(0, r0):max(0, r1), max(0, c0):max(0, c1)]
        hit = band.any(axis=1) if band.size else band
    if not hit.size or float(hit.mean()) < cover:
        return False
    # a rule meets the rules at both its ends; a character's stroke stops short of them
    return horizontal or bool(hit[:ENDS].all() and hit[-ENDS:].all())


def _table(r: _Region, gs: GridSettings, page_w: int) -> Table | None:
    gap = max(3.0, gs.merge_gap * page_w)
    hl = _lines(r.horiz, True, int(r.horiz.shape[1] * 0.05) + 10, r.oy, gap)
    if len(hl) < gs.min_rows + 1:
        return None
    candidates = _lines(r.vert, False, 10, r.ox, gap)
    # a vertical grid line is a rule between two horizontal ones somewhere, not a column of text strokes
    vl = [v for v in candidates if any(_ruled(r, False, v, hl[i], hl[i + 1], gs.probe, gs.v_cover)
                                       for i in range(len(hl) - 1))]
    if len(vl) < gs.min_cols + 1:
        return None
    nr, nc = len(hl) - 1, len(vl) - 1
    t = Table(xs=[v.at for v in vl], ys=[h.at for h in hl])
    parent = list(range(nr * nc))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for row in range(nr):
        for c in range(nc):
            if c + 1 < nc and not _ruled(r, False, vl[c + 1], hl[row], hl[row + 1], gs.probe, gs.v_cover):
                parent[find(row * nc + c + 1)] = find(row * nc + c)
            if row + 1 < nr and not _ruled(r, True, hl[row + 1], vl[c], vl[c + 1], gs.probe, gs.h_cover):
                parent[find((row + 1) * nc + c)] = find(row * nc + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for row in range(nr):
        for c in range(nc):
            groups.setdefault(find(row * nc + c), []).append((row, c))
    xs, ys = t.xs, t.ys
    for slots in groups.values():
        r0 = min(row for row, _ in slots)
        r1 = max(row for row, _ in slots)
        c0 = min(c for _, c in slots)
        c1 = max(c for _, c in slots)
        t.cells.append(GridCell(r0, c0, r1, c1, xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]))
    t.cells.sort(key=lambda g: (g.r0, g.c0))
    return t
