"""A comparison operator standing alone in a cell (the 指标性质 column: ≥ | 120 | 个), told by its shape.

The recognition model reads a lone `≥` or `≤` poorly (as `=`, `W`, `?` or nothing):
it has no neighbouring characters to lean on. A lone glyph is simple enough to tell
by its strokes:

    =    two bars, one above the other
    ≥ ≤  a chevron above a bar: pointing right (≥) or left (≤)
    ≧ ≦  a chevron above two bars (the model has no ≧ / ≦ at all: it reads them ≥ / ≤)
    > <  a chevron alone

    glyph_operator(ink)   -> "≥" | "≤" | "≧" | "≦" | "=" | ">" | "<" | None
    bars_under(ink)       -> 2 for the ≧ / ≦ the model read as ≥ / ≤ (1 for ≥ / ≤ themselves)
"""

from __future__ import annotations

BAR_FILL = 0.7  # a row whose ink spans this part of the glyph's width belongs to a bar
SHAPE_CONFIDENCE = 0.9  # the confidence given to an operator told by its shape
MIN_INK = 12  # pixels: less is a speck, not a glyph
MAX_ASPECT = 2.5  # a lone operator is at most this much wider than tall (= is flat)
BAR_REACH = 0.4  # a bar under a chevron starts within this part of the chevron's height of the stroke above


def glyph_operator(ink) -> str | None:
    """The operator a boolean ink array (True = dark) shows, or None if it is no lone operator."""
    import numpy as np

    ink = np.asarray(ink, dtype=bool)
    if ink.sum() < MIN_INK:
        return None
    rows = np.nonzero(ink.any(axis=1))[0]
    cols = np.nonzero(ink.any(axis=0))[0]
    g = ink[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
    h, w = g.shape
    if w > MAX_ASPECT * h or h < 4 or w < 4:
        return None
    bar = g.sum(axis=1) >= BAR_FILL * w
    runs = _runs(bar)
    if len(runs) == 2 and runs[0][0] <= 1 and runs[1][1] >= h - 2:
        return "="  # a bar at the top and one at the bottom, white between
    body = g
    bottom_bars = 0
    while runs and runs[-1][1] >= body.shape[0] - 2 and bottom_bars < 2:
        body = g[:runs.pop()[0]]
        while body.shape[0] and not body[-1].any():
            body = body[:-1]
        bottom_bars += 1
    if body.shape[0] < 3 or bar[: body.shape[0]].mean() > 0.5:
        return None
    direction = _chevron(body)
    if direction is None:
        return None
    return {0: "><", 1: "≥≤", 2: "≧≦"}[bottom_bars][direction != "right"]


def bars_under(ink) -> int:
    """How many bars lie under the chevron of a ≥ / ≤ glyph cut from a text line (its box may
    hold a ruling line's edge or a neighbour's stroke: rows far from the chevron are not looked at).

    The chevron is the longest run of rows holding ink that spans less than BAR_FILL of its
    width; the bars are the runs of fuller rows that follow it, each within BAR_REACH of the
    chevron's height from the one before."""
    import numpy as np

    ink = np.asarray(ink, dtype=bool)
    cols = np.nonzero(ink.any(axis=0))[0]
    if ink.sum() < MIN_INK or not cols.size:
        return 0
    width = cols[-1] - cols[0] + 1
    filled = ink.sum(axis=1)
    kind = np.where(filled >= BAR_FILL * width, 2, np.where(filled > 0, 1, 0))  # 2 bar, 1 stroke, 0 white
    strokes = _runs(kind == 1)
    if not strokes:
        return 0
    top, bottom = max(strokes, key=lambda r: r[1] - r[0])
    reach = max(2, int(BAR_REACH * (bottom - top + 1)))
    bars, at = 0, bottom
    for b0, b1 in _runs(kind == 2):
        if b0 <= bottom:
            continue
        if b0 - at > reach:
            break
        bars, at = bars + 1, b1
    return bars


def _runs(flags) -> list[tuple[int, int]]:
    out, start = [], None
    for i, f in enumerate(flags):
        if f and start is None:
            start = i
        if not f and start is not None:
            out.append((start, i - 1))
            start = None
    if start is not None:
        out.append((start, len(flags) - 1))
    return out


def _chevron(body) -> str | None:
    """Which way a chevron points: its middle rows' ink lies right (>) or left (<) of its ends'."""
    import numpy as np

    h, w = body.shape
    xs = np.arange(w)

    def centre(part) -> float | None:
        weights = part.sum(axis=0)
        return float((weights * xs).sum() / weights.sum()) if weights.sum() else None

    third = max(1, h // 3)
    ends = np.vstack([body[:third], body[h - third:]])
    middle = body[third:h - third] if h - 2 * third > 0 else body[third:third + 1]
    ce, cm = centre(ends), centre(middle)
    if ce is None or cm is None or abs(cm - ce) < 0.15 * w:
        return None
    return "right" if cm > ce else "left"
