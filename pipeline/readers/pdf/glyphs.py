"""Glyph boxes, ruling segments and text lines of one page, as both engines collect them.

A page (`_Page`) holds its glyphs (`Glyph`: box and text, in displayed coordinates, y
down from the top), its horizontal and vertical ruling segments (`HSeg`, `VSeg`), and
its count of images. A run of glyphs on one line with no wide gap is a `Run` (a cell's
line of text in a table without lines). The helpers group glyphs into lines, a line's
text, a cell's text and the width of its first word. The records are named tuples:
read by name (`g.size`); they stay tuples for speed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import NamedTuple

from .settings import SETTINGS


class Glyph(NamedTuple):
    """One glyph's box (points, y down from the page's top) and its text."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str  # one character, or "(cid:NN)" when the font maps it to no Unicode
    size: float  # font size (or the box's height when the font size is implausible)
    baseline: float | None = None  # where the glyph stands (y down), when the reader knows it: boxes of
    # CJK and Latin fonts sit differently about it


class HSeg(NamedTuple):
    """A horizontal piece of a ruling line."""

    y: float
    x0: float
    x1: float


class VSeg(NamedTuple):
    """A vertical piece of a ruling line."""

    x: float
    top: float
    bottom: float


class Run(NamedTuple):
    """Glyphs on one line with no gap wider than half a glyph: one cell's line of text."""

    x0: float
    x1: float
    text: str
    top: float
    size: float  # the largest glyph's
    bottom: float
    glyphs: list[Glyph]


@dataclass(slots=True)
class _Page:
    number: int
    height: float = 0.0
    chars: list[Glyph] = field(default_factory=list)
    hsegs: list[HSeg] = field(default_factory=list)
    vsegs: list[VSeg] = field(default_factory=list)
    images: int = 0


def _cluster(values: list[float], tol: float) -> list[float]:
    """Sorted representatives of values, merging those within tol of the previous one."""
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def _snap_small_glyphs(chars: list[tuple], baselines: list[float]) -> None:
    """Give punctuation the vertical box of the full-size glyphs on its baseline.

    PDFium's box of `,` `.` `，` `。` is the glyph's own: a few points high and centred
    below the line, so by its box alone a comma would start a line of its own
    ("10,000.00" read as "10 000 00" over ", .")."""
    if not chars:
        return
    heights = sorted(c.bottom - c.top for c in chars)
    typical = heights[len(heights) // 2]
    lines: dict[int, tuple[float, float, float]] = {}
    for c, base in zip(chars, baselines):
        if c.bottom - c.top >= 0.7 * typical:
            lines.setdefault(round(base * 2), (c.top, c.bottom, c.size))
    for i, (c, base) in enumerate(zip(chars, baselines)):
        if c.bottom - c.top < 0.7 * typical:
            key = round(base * 2)
            line = lines.get(key) or lines.get(key - 1) or lines.get(key + 1)
            if line is not None:
                chars[i] = c._replace(top=line[0], bottom=line[1], size=line[2])


def _line_text(chars: list[tuple]) -> str:
    """Glyphs of one line, left to right; a gap wider than a quarter of a glyph is a space."""
    chars = sorted(chars, key=lambda c: c.x0)
    out: list[str] = []
    prev_x1 = None
    for c in chars:
        if prev_x1 is not None and c.x0 - prev_x1 > c.size * 0.25:
            out.append(" ")
        out.append(c.text)
        prev_x1 = c.x1
    return "".join(out).strip()


def _lines(chars: list[tuple]) -> list[list[tuple]]:
    """Glyphs grouped into lines by their vertical centre, top to bottom.

    A band of glyphs joins the line when its centre is close to the line's first one, or when
    most of its height lies within the line's (digits of a Latin font beside CJK glyphs sit
    lower). Glyphs on one baseline (centres within `PdfSettings.baseline_band`) go to one line together: a label
    centred half a line below a wrapped cell beside it would otherwise be dealt out
    between that cell's line and a line of its own, glyph by glyph."""
    bands: list[list[tuple]] = []
    for c in sorted(chars, key=lambda c: (c.top + c.bottom) / 2):
        cy = (c.top + c.bottom) / 2
        if bands and cy - (bands[-1][0].top + bands[-1][0].bottom) / 2 <= SETTINGS.baseline_band:
            bands[-1].append(c)
        else:
            bands.append([c])
    out: list[list[tuple]] = []
    centre = 0.0
    box = (0.0, 0.0)  # the line's extent so far
    for band in bands:
        cy = (band[0].top + band[0].bottom) / 2
        top, bottom = min(c.top for c in band), max(c.bottom for c in band)
        overlap = min(bottom, box[1]) - max(top, box[0])
        if out and (abs(cy - centre) <= max(c.size for c in band) * SETTINGS.line_tolerance
                    or overlap >= SETTINGS.line_overlap * (bottom - top)):
            out[-1].extend(band)
            box = (min(box[0], top), max(box[1], bottom))
        else:
            out.append(list(band))
            centre = cy
            box = (top, bottom)
    return out


def _cell_text(chars: list[tuple], left: float, right: float) -> tuple[str, float]:
    """The cell's lines joined with "\\n", and the room left at the end of its last line
    (before the right padding, taken equal to the left one): text cut by a page break
    goes on overleaf only with a first word that would not have fitted there."""
    lines = _lines(chars)
    text = "\n".join(t for t in (_line_text(line) for line in lines) if t)
    tail = lines[-1]
    pad = max(0.0, min(c.x0 for c in chars) - left)
    return text, right - pad - max(c.x1 for c in tail)


_OPENING = frozenset("（(【[《“‘〈「『")


_CLOSING = frozenset("）)】]》”’〉」』，,。.、；;：:！!？?%％")


def _first_word(chars: list[tuple]) -> float:
    """Width of what a line break may not split at the start of a cell's text: its first
    glyph (and the next when it is an opening bracket), a run of ASCII digits and
    letters, and the closing punctuation after that ("分）", "（元）", "（20", "2026"); a unit
    with a slash is not split around it either ("元/公": LibreOffice kept "元/公里" whole)."""
    line = sorted(_lines(chars)[0], key=lambda c: c.x0)
    end = 0
    while end + 1 < len(line) and line[end].text in _OPENING:
        end += 1  # an opening bracket never ends a line
    if line[end].text.isascii() and line[end].text.isalnum():
        while end + 1 < len(line) and line[end + 1].text.isascii() and (line[end + 1].text.isalnum() or line[end + 1].text in ".,"):
            end += 1
    while end + 1 < len(line) and line[end + 1].text in _CLOSING:
        end += 1
    if end + 2 < len(line) and line[end + 1].text in "/／":
        end += 2
    return line[end].x1 - line[0].x0


def _add_segments(page: _Page, pts: list[tuple[float, float]], top: float | None) -> None:
    """Horizontal and vertical pieces of a straight run. Points are PDF user space
    (y up) below `top`, or already (x, top-down y) when top is None."""
    for (ax, ay), (bx, by) in pairwise(pts):
        if top is not None:
            ay, by = top - ay, top - by
        if abs(ay - by) <= 0.5 and abs(ax - bx) > 1:
            page.hsegs.append(HSeg(ay, min(ax, bx), max(ax, bx)))
        elif abs(ax - bx) <= 0.5 and abs(ay - by) > 1:
            page.vsegs.append(VSeg(ax, min(ay, by), max(ay, by)))
