"""The intermediate document every reader produces.

A reader turns a file into a `RawDocument`: a flat sequence of rows in reading
order. A table row holds its cells (merged cells appear once, at their first grid
column); a paragraph between tables is a row of one cell with `table=None`.
Nothing after the readers imports python-docx or pdfplumber.

`Cell.col` is the grid column where the cell starts when the format knows it
(docx, ruled pdf) and None when it does not (txt, where merged cells vanished and
columns shift). Spans are data: `span` is the number of grid columns a cell covers
and `row_span` the number of rows (a `w:vMerge` run, a ruled box over several rows,
a label centred on its group in an unruled table). A merged cell stands once, in the
first row it covers; the rows below it hold an empty cell with `covered=True` where
the format shows one (docx), or nothing. The form parser places cells by what they say first and uses
`col` only to break ties.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Cell:
    text: str
    col: int | None = None
    span: int = 1  # grid columns covered
    row_span: int = 1  # rows covered, counted from this cell's row
    covered: bool = False  # the continuation of a merged cell above (no text of its own)
    confidence: float | None = None  # OCR recognition confidence 0..1; None when the text was not recognised


@dataclass(slots=True)
class Row:
    cells: list[Cell]
    page: int | None = None  # 1-based page (pdf)
    table: int | None = None  # 0-based table index in the file; None for a paragraph
    row: int | None = None  # 0-based row index within its table (or line number for txt)
    # a hard break before this row (docx page break, pdf form boundary); a hint only
    break_before: bool = False

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass
class RawDocument:
    path: str
    format: str  # "txt" | "docx" | "pdf"
    rows: list[Row] = field(default_factory=list)
    # (kind, snippet) noticed while reading: ("garbled", "(cid:12)") ...
    notes: list[tuple[str, str]] = field(default_factory=list)
