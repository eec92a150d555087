"""Readers: one module per format, each `read(path) -> RawDocument`, chosen by content, then suffix.

    .txt                 txt.py
    .docx                docx.py
    .pdf                 pdf.py
    .xlsx .xlsm          xlsx.py

The first bytes decide when they can (a PDF saved as x.docx, a workbook saved as
x.docx): `%PDF-` is a PDF; a zip is a .docx or an .xlsx by the part it holds.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

from ..document import RawDocument
from ..errors import UnsupportedFormat

Reader = Callable[[Path], RawDocument]

SUPPORTED = ".docx .pdf .txt .xlsx"


def _registry() -> dict[str, Reader]:
    # imported lazily so that `jixiao extract x.txt` never pays for pdfplumber
    def txt(p: Path) -> RawDocument:
        from . import txt as m
        return m.read(p)

    def docx(p: Path) -> RawDocument:
        from . import docx as m
        return m.read(p)

    def pdf(p: Path) -> RawDocument:
        from . import pdf as m
        return m.read(p)

    def xlsx(p: Path) -> RawDocument:
        from . import xlsx as m
        return m.read(p)

    return {".txt": txt, ".docx": docx, ".pdf": pdf, ".xlsx": xlsx, ".xlsm": xlsx}


READERS = _registry()

_ZIP = b"PK\x03\x04"


def sniff(path: Path) -> str | None:
    """The format a file really is by its first bytes (a PDF saved as x.docx), as a suffix; None: unknown."""
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
    except OSError:
        return None
    if head.startswith(b"%PDF-"):
        return ".pdf"
    if head.startswith(_ZIP):
        return _zip_kind(path)
    # some PDF writers put junk before the header; a zip never starts that way
    return ".pdf" if b"%PDF-" in head and not head.startswith(b"PK") else None


def _zip_kind(path: Path) -> str:
    """.xlsx when the package holds a workbook, else .docx (whose reader judges the rest)."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return ".docx"
    if "xl/workbook.xml" in names and "word/document.xml" not in names:
        return ".xlsx"
    return ".docx"


_SNIFFED = (".docx", ".pdf", ".xlsx", ".xlsm")


def read(path: Path) -> RawDocument:
    suffix = path.suffix.lower()
    if suffix in _SNIFFED:
        suffix = sniff(path) or suffix
    reader = READERS.get(suffix)
    if reader is None:
        raise UnsupportedFormat(
            f"unsupported format {path.suffix or '(no suffix)'}: jixiao reads {SUPPORTED}",
        )
    return reader(path)
