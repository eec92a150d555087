"""Ruled tables: horizontal and vertical segments that touch form one table; the distinct
x of its verticals are its column boundaries, the distinct y of its horizontals its row
boundaries, and grid cells with no segment between them are one merged box.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from .glyphs import _cell_text, _cluster
from .settings import SETTINGS

TOL = SETTINGS.ruling_tolerance  # points: segments this close are one ruling line


@dataclass
class _Table:
    top: float
    bottom: float
    x0: float
    x1: float
    xs: list[float]
    ys: list[float]
    # merged cells: (row0, col0, row1, col1) inclusive, and their glyphs
    boxes: list[tuple[int, int, int, int]] = field(default_factory=list)
    owner: dict[tuple[int, int], int] = field(default_factory=dict)
    chars: list[list[tuple]] = field(default_factory=list)


def _find_tables(hsegs: list, vsegs: list) -> list[_Table]:
    """Ruled tables: connected horizontal + vertical segments, with at least 2 of each."""
    n_h = len(hsegs)
    parent = list(range(n_h + len(vsegs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (y, hx0, hx1) in enumerate(hsegs):
        for j, (x, vy0, vy1) in enumerate(vsegs):
            if hx0 - TOL <= x <= hx1 + TOL and vy0 - TOL <= y <= vy1 + TOL:
                a, b = find(i), find(n_h + j)
                if a != b:
                    parent[a] = b
    # a border drawn cell by cell: collinear pieces that touch are one line
    for base, segs in ((0, hsegs), (n_h, vsegs)):
        order = sorted(range(len(segs)), key=lambda k: (round(segs[k][0] / TOL), segs[k][1]))
        for a, b in pairwise(order):
            sa, sb = segs[a], segs[b]
            if abs(sa[0] - sb[0]) <= TOL and sb[1] <= sa[2] + TOL:
                ra, rb = find(base + a), find(base + b)
                if ra != rb:
                    parent[ra] = rb
    groups: dict[int, tuple[list, list]] = {}
    for i, s in enumerate(hsegs):
        groups.setdefault(find(i), ([], []))[0].append(s)
    for j, s in enumerate(vsegs):
        groups.setdefault(find(n_h + j), ([], []))[1].append(s)
    tables = []
    for hs, vs in groups.values():
        xs = _cluster([x for x, _, _ in vs], TOL)
        ys = _cluster([y for y, _, _ in hs], TOL)
        if len(xs) < 2 or len(ys) < 2:
            continue
        t = _Table(top=ys[0], bottom=ys[-1], x0=xs[0], x1=xs[-1], xs=xs, ys=ys)
        _merge_cells(t, hs, vs)
        tables.append(t)
    tables.sort(key=lambda t: t.top)
    return tables


def _merge_cells(t: _Table, hs: list, vs: list) -> None:
    """Grid cells with no segment between them are one merged cell."""
    xs, ys = t.xs, t.ys
    nr, nc = len(ys) - 1, len(xs) - 1

    def vwall(x: float, y: float) -> bool:
        return any(abs(sx - x) <= TOL and y0 - TOL <= y <= y1 + TOL for sx, y0, y1 in vs)

    def hwall(y: float, x: float) -> bool:
        return any(abs(sy - y) <= TOL and x0 - TOL <= x <= x1 + TOL for sy, x0, x1 in hs)

    parent = list(range(nr * nc))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(nr):
        ym = (ys[r] + ys[r + 1]) / 2
        for c in range(nc):
            xm = (xs[c] + xs[c + 1]) / 2
            if c + 1 < nc and not vwall(xs[c + 1], ym):
                parent[find(r * nc + c)] = find(r * nc + c + 1)
            if r + 1 < nr and not hwall(ys[r + 1], xm):
                parent[find(r * nc + c)] = find((r + 1) * nc + c)
    spans: dict[int, list[int]] = {}
    for r in range(nr):
        for c in range(nc):
            root = find(r * nc + c)
            b = spans.get(root)
            if b is None:
                spans[root] = [r, c, r, c]
            else:
                b[0], b[1], b[2], b[3] = min(b[0], r), min(b[1], c), max(b[2], r), max(b[3], c)
    index: dict[int, int] = {}
    for root, b in spans.items():
        index[root] = len(t.boxes)
        t.boxes.append(tuple(b))
        t.chars.append([])
    for r in range(nr):
        for c in range(nc):
            t.owner[(r, c)] = index[find(r * nc + c)]


def _first_row_texts(t: _Table) -> tuple[str, ...]:
    boxes = sorted((c0, k) for k, (r0, c0, _r1, _c1) in enumerate(t.boxes) if r0 == 0 and t.chars[k])
    return tuple(_cell_text(t.chars[k], 0.0, 0.0)[0] for _c0, k in boxes)


def _nearest(xs: list[float], x: float) -> int | None:
    k = min(range(len(xs)), key=lambda i: abs(xs[i] - x))
    return k if abs(xs[k] - x) <= 3 * TOL else None
