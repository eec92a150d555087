"""Scans: image-only PDF pages and photographed or scanned forms (.png .jpg .tif .bmp), read offline.

    doc = read_image(path)              # an image file, every frame of a TIFF
    doc = read_scan(path, [0, 1])       # the given 0-based pages of a PDF without a text layer

For each page: the image (PDFium at `ocr_dpi`, in RGB) is straightened (`page.deskew`),
its ruled tables found (`grid`), its text recognised (`engine`, RapidOCR), and the
two put together into rows of cells with spans and a recognition `confidence` each
(`layout`) — the same document the .docx reader gives, so everything after is
shared. A PDF page with a text layer never comes here. When the OCR parts are not
installed, the file is refused (UnsupportedFormat) with that reason, never read as
an empty form.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ... import settings
from ...document import RawDocument
from ...errors import EmptyFile
from . import engine, grid, layout, page

IMAGE_FORMATS = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".tif": "tiff", ".tiff": "tiff", ".bmp": "bmp"}


def read_image(path: Path) -> RawDocument:
    path = Path(path)
    engine.available() or engine._get()  # raises UnsupportedFormat with the reason when missing
    fmt = IMAGE_FORMATS.get(path.suffix.lower(), "image")
    return _read(path, fmt, page.image_pages(path))


def read_scan(path: Path, numbers: list[int]) -> RawDocument:
    """The pages `numbers` (0-based) of a PDF that has no text layer, by OCR."""
    path = Path(path)
    engine.available() or engine._get()
    return _read(path, "pdf", page.pdf_pages(path, settings.get().ocr_dpi, numbers))


def _read(path: Path, fmt: str, pages: Iterable[tuple[int, object]]) -> RawDocument:
    doc = RawDocument(path=str(path), format=fmt)
    n_tables = 0
    for number, rgb in pages:
        straight, _ = page.deskew(rgb)
        tables = grid.find_tables(straight)
        lines = engine.recognise(straight)
        rows, used = layout.page_rows(lines, tables, number, n_tables)
        if rows:
            rows[0].break_before = number > 1
        doc.rows.extend(rows)
        n_tables += used
    if not any(c.text.strip() for row in doc.rows for c in row.cells):
        raise EmptyFile(f"no text recognised in {path.name}", "扫描件中没有识别出任何文字（图片可能空白、过暗或过于模糊）")
    return doc
