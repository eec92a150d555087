"""Readers: one module per format, each `read(path) -> RawDocument`, chosen by suffix."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..document import RawDocument
from ..errors import UnsupportedFormat

Reader = Callable[[Path], RawDocument]


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

    return {".txt": txt, ".docx": docx, ".pdf": pdf}


READERS = _registry()


_MAGIC = ((b"%PDF-", ".pdf"), (b"PK\x03\x04", ".docx"))


def sniff(path: Path) -> str | None:
    """The format a .docx or .pdf really is, by its first bytes (a PDF saved as x.docx)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
    except OSError:
        return None
    for magic, suffix in _MAGIC:
        if head.startswith(magic):
            return suffix
    # some PDF writers put junk before the header; a zip never starts that way
    return ".pdf" if b"%PDF-" in head and not head.startswith(b"PK") else None


def read(path: Path) -> RawDocument:
    suffix = path.suffix.lower()
    if suffix in (".docx", ".pdf"):
        suffix = sniff(path) or suffix
    reader = READERS.get(suffix)
    if reader is None:
        raise UnsupportedFormat(
            f"unsupported format {path.suffix or '(no suffix)'}: jixiao reads .docx, .pdf and .txt",
        )
    return reader(path)
