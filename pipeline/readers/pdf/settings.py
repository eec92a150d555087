"""Every threshold of the pdf reader, named and documented in one settings object.

Like pdfplumber's `TableSettings`: a frozen dataclass whose fields say what each number
is for, resolved once (`PdfSettings.resolve(None | dict | PdfSettings)`) and validated
when built. Distances are in points, or in glyph sizes where the field says so.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace


@dataclass(frozen=True, slots=True)
class PdfSettings:
    # ruled tables
    ruling_tolerance: float = 2.0
    """points: segments this close are one ruling line, a glyph this far outside a box is in it"""
    # form XObjects
    form_depth: int = 3
    """form XObjects nested this deep are looked into for ruling lines"""
    # unruled tables
    edge_cluster: float = 4.0
    """points: left edges this close start one column"""
    centred_slack: tuple[float, float] = (3.0, 12.0)
    """points: a centred text's middle may lie this far right / left of its column's middle
    (left: the cell's padding), for its cluster of left edges to join that column"""
    title_size: float = 1.2
    """glyph sizes: a title over an unruled table is printed at least this much larger than the
    table's text"""
    boxed_centre_slack: tuple[float, float] = (2.0, 8.0)
    """points: a piece centred in its box may lie this far right / left of the middle between its
    column's start and the start of the text right of it (left: the cell's padding, LibreOffice
    5.4, drawn 3)"""
    boxed_centre_lines: int = 2
    """lines above and below a piece alone on its line where the text right of its box is looked for"""
    uncovered: float = 0.3
    """glyph sizes: what leaving a row of a column to no cell costs when the rows a centred
    label covers are chosen (an empty cell)"""
    span_tie: float = 0.25
    """glyph sizes: readings of a column's groups whose costs differ by less than this fit
    alike; the one whose last group covers more rows wins (a label centred on a whole block
    of rows is centred on the rows around its own as well)"""
    wrap_gap: float = 1.6
    """glyph sizes: a line less than this (centre to centre) under a cell's last line in its
    column is a wrapped line of that cell"""
    row_align: float = 0.45
    """glyph sizes: cells whose first lines (or middles) are this close start one row"""
    line_tolerance: float = 0.45
    """glyph sizes: glyphs whose vertical centres are this close are one line"""
    line_overlap: float = 0.6
    """fraction of a glyph's height: a glyph this much within a line's extent is on that line"""
    baseline_band: float = 1.0
    """points: glyphs whose vertical centres are this close sit on one baseline and go to one
    line together (a label centred half a line off a wrapped cell is not dealt out between two)"""
    segment_gap: float = 0.5
    """glyph sizes: a gap wider than this between glyphs of a line outside ruled tables
    starts a new piece of text (a cell)"""
    block_gap: float = 1.6
    """glyph sizes: a line this close under the one above goes on with its block (an unruled
    table and the lines close to it)"""
    heading_gap: float = 1.5
    """ratio: a one-piece line under an unruled table, close above the lines under it and
    further than this many times that gap from the table, heads what follows (绩效指标 over
    the next table) rather than being a label of the table above"""
    column_block_gap: float = 2.2
    """glyph sizes: a line this close under the one above still goes on with its block when it
    starts where a piece of that line does, right of the text's left edge (a table's column going
    on: LibreOffice's rows of one line stand up to this far apart, glyph box to glyph box)"""
    resume_gap: float = 5.0
    """glyph sizes: a row this far under an unruled table still goes on with it when its cells
    start at the table's columns (LibreOffice leaves a gap above a row it cut at a page foot)"""
    empty_row: float = 0.7
    """fraction of a usual gap plus a line: a gap between two rows wider than the table's usual
    one by this much per row held that many empty rows"""
    reading_margin: float = 0.5
    """points: the top-aligned or the centred reading of a table wins by more than this; within
    it the two fit alike (a tie, decided by the document's other tables)"""
    foot_lines: float = 2.5
    """lines: a table ending this close to the text area's foot may have a row cut there"""
    first_word_slack: float = 0.5
    """points: a row cut at a page foot goes on overleaf only with a first word wider than the
    room left on the last line above by more than this"""
    box_overrun: float = 1.5
    """glyph sizes: a line overleaf running this far past the edge of the box cut at the previous
    page's foot (known from the widest line wrapped in it, which left up to a glyph's room) is no
    rest of that box"""

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            values = value if isinstance(value, tuple) else (value,)
            if any(v < 0 for v in values):
                raise ValueError(f"PdfSettings.{f.name} must not be negative: {value!r}")

    @classmethod
    def resolve(cls, given: PdfSettings | dict | None = None) -> PdfSettings:
        """None: the defaults; a dict: the defaults with those fields changed; an instance: itself."""
        if given is None:
            return cls()
        if isinstance(given, cls):
            return given
        if isinstance(given, dict):
            unknown = set(given) - {f.name for f in fields(cls)}
            if unknown:
                raise ValueError(f"unknown pdf settings: {sorted(unknown)}")
            return replace(cls(), **given)
        raise TypeError(f"pdf settings are None, a dict or PdfSettings, not {type(given).__name__}")


SETTINGS = PdfSettings.resolve()
