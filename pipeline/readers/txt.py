"""Plain text copied out of Word tables: tab-separated (the seed), `|`-separated, or
one cell per line. Encodings: UTF-8 (with or without BOM), GB18030/GBK, UTF-16 with
BOM (or without, recognised by its NUL bytes); LF or CRLF."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..document import Cell, RawDocument, Row
from ..errors import CorruptFile, EmptyFile

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def decode(data: bytes) -> str:
    """Bytes -> text, by BOM, then strict UTF-8, then UTF-16 by its NULs, then GB18030."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(enc, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if len(data) >= 4 and len(data) % 2 == 0 and b"\x00" in data:
        # UTF-16 without BOM: ASCII (tabs, digits, newlines) leaves NULs on one side only
        even_nuls, odd_nuls = data[0::2].count(0), data[1::2].count(0)
        for enc, nuls, other in (("utf-16-le", odd_nuls, even_nuls), ("utf-16-be", even_nuls, odd_nuls)):
            if nuls >= 2 and other <= nuls * 0.2:
                try:
                    text = data.decode(enc)
                except UnicodeDecodeError:
                    continue
                if _looks_like_text(text):
                    return text
    if b"\x00" in data:
        raise CorruptFile("binary data, not text", "文件不是文本文件（含二进制数据）")
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as e:
        raise CorruptFile(f"text in an unknown encoding ({e.reason})",
                          "文本编码无法识别（支持 UTF-8、GB18030/GBK、UTF-16）") from None


def _looks_like_text(text: str) -> bool:
    ok = sum(1 for c in text if c.isprintable() or c in "\t\r\n")
    return ok >= 0.95 * len(text)


def split_line(line: str, sep: str | None) -> list[Cell]:
    if sep is None:
        return [Cell(line.strip())]
    if sep == "|":
        s = line.strip()
        if s.startswith(("|", "｜")):
            s = s[1:]
        if s.endswith(("|", "｜")):
            s = s[:-1]
        parts = re.split(r"[|｜]", s)
    else:
        parts = line.split(sep)
    # copied text has no grid: empty cells are merged-away or stray ones and say nothing
    return [Cell(t) for p in parts if (t := p.strip())]


def read_text(text: str, path: str) -> RawDocument:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    sep: str | None = None
    if "\t" in text:
        sep = "\t"
    if "|" in text or "｜" in text:
        piped = sum(1 for ln in lines if ln.count("|") + ln.count("｜") >= 2)
        if piped >= 3 and (sep is None or piped > sum(1 for ln in lines if "\t" in ln)):
            sep = "|"  # a stray tab in a note does not make a piped table tab-separated
    doc = RawDocument(path=path, format="txt")
    for i, line in enumerate(lines):
        if not line.strip() or (sep == "|" and _MD_RULE.match(line)):
            continue
        cells = split_line(line, sep if (sep and sep in line or sep == "|") else None)
        doc.rows.append(Row(cells=cells, table=0, row=i))
    return doc


def read(path: Path) -> RawDocument:
    data = path.read_bytes()
    if not data.strip():
        raise EmptyFile("empty file")
    text = decode(data)
    if not text.strip():
        raise EmptyFile("no text in file")
    return read_text(text, str(path))
