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


def read(path: Path) -> RawDocument:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise UnsupportedFormat(
            f"unsupported format {path.suffix or '(no suffix)'}: jixiao reads .docx, .pdf and .txt",
        )
    return reader(path)
