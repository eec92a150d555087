"""Plain text copied out of Word tables: tab-separated (the seed), `|`-separated,
space-aligned (copied from a PDF viewer or `pdftotext -layout`: cells apart by two
spaces or more, a wrapped cell going on in its column on the next line), or one cell
per line. Encodings: UTF-8 (with or without BOM), GB18030/GBK, UTF-16 with BOM (or
without, recognised by its NUL bytes); LF or CRLF."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
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


# cells of a space-aligned line: apart by two spaces or more (or an ideographic space)
_GAP = re.compile(r"(?:[ \u00a0]{2,}|\u3000+)[ \u00a0\u3000]*")
# a space-aligned text: this many lines with two cells or more
_ALIGNED_MIN_LINES = 3
# a lone cell under a cell of the line above (display columns apart at most) continues it
_WRAP_TOLERANCE = 2
# ... when that cell filled its column: it reached this close to the next cell's start
_WRAP_FILL = 4
# ... or, the last cell of its line, this share of the widest line around
_WRAP_LAST_FILL = 0.8


@dataclass(slots=True)
class _Span:
    text: str
    start: int  # display column (a CJK character is two wide)
    end: int


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def aligned_spans(line: str) -> list[_Span]:
    """"项目名称      社区养老" -> the cells with their display columns."""
    out, pos = [], 0
    for part in _GAP.split(line.rstrip()):
        k = line.index(part, pos) if part else pos
        if part.strip():
            lead = len(part) - len(part.lstrip())
            start = _width(line[:k + lead])
            out.append(_Span(part.strip(), start, start + _width(part.strip())))
        pos = k + len(part)
    return out


def _is_aligned(lines: list[str]) -> bool:
    return sum(1 for ln in lines if _GAP.search(ln.strip())) >= _ALIGNED_MIN_LINES


def _read_aligned(lines: list[str], doc: RawDocument) -> None:
    """Space-aligned columns; a lone cell standing under a cell of the line above that
    filled its column is the rest of that cell (a wrapped cell), not a row of its own."""
    prev: list[_Span] | None = None
    widest = max((_width(ln.rstrip()) for ln in lines), default=0)
    for i, line in enumerate(lines):
        if not line.strip():
            prev = None
            continue
        spans = aligned_spans(line)
        if not spans:
            continue
        if prev and len(spans) == 1 and len(prev) > 1 and _continues(spans[0], prev, widest):
            target = next(k for k, p in enumerate(prev) if abs(p.start - spans[0].start) <= _WRAP_TOLERANCE)
            cell = doc.rows[-1].cells[target]
            cell.text = cell.text + "\n" + spans[0].text
            prev[target].end = max(prev[target].end, spans[0].end)
            continue
        doc.rows.append(Row(cells=[Cell(s.text) for s in spans], table=0, row=i))
        prev = spans


def _continues(span: _Span, prev: list[_Span], widest: int) -> bool:
    for k, p in enumerate(prev):
        if k == 0 or abs(p.start - span.start) > _WRAP_TOLERANCE:
            continue
        if k + 1 < len(prev):
            return prev[k + 1].start - p.end <= _WRAP_FILL
        return p.end >= _WRAP_LAST_FILL * widest
    return False


# a web page's table copied cell by cell: "项目名称 |" a line, a line of bare pipes between rows
_CELL_LINE = re.compile(r"^\s*[^|｜\s][^|｜]*[|｜]\s*$")
_PIPES_ONLY = re.compile(r"^\s*(?:[|｜]\s*)+$")
# ... when this share of the lines with a pipe hold one cell each
_CELL_LINE_SHARE = 0.6


def _is_cell_per_line(lines: list[str]) -> bool:
    piped = [ln for ln in lines if "|" in ln or "｜" in ln]
    cells = sum(1 for ln in piped if _CELL_LINE.match(ln))
    return cells >= 6 and cells >= _CELL_LINE_SHARE * len(piped) and any(_PIPES_ONLY.match(ln) for ln in piped)


def _read_cell_per_line(lines: list[str], doc: RawDocument) -> None:
    """"项目名称 |" / "城区公共自行车 |" / "|": the cells of a row one a line, each closed by a
    pipe, rows apart by a line of bare pipes; a line with no pipe is a row of its own."""
    row: list[Cell] = []
    start = 0
    for i, line in enumerate(lines):
        if _CELL_LINE.match(line):
            if not row:
                start = i
            row.append(Cell(line.strip().rstrip("|｜").strip()))
            continue
        if row:
            doc.rows.append(Row(cells=row, table=0, row=start))
            row = []
        if line.strip() and not _PIPES_ONLY.match(line):
            cells = split_line(line, "|" if ("|" in line or "｜" in line) else None)
            if cells:
                doc.rows.append(Row(cells=cells, table=0, row=i))
    if row:
        doc.rows.append(Row(cells=row, table=0, row=start))


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
    if sep == "|" and _is_cell_per_line(lines):
        _read_cell_per_line(lines, doc)
        return doc
    if sep is None and ("  " in text or "\u3000" in text) and _is_aligned(lines):
        _read_aligned(lines, doc)
        return doc
    for i, line in enumerate(lines):
        if not line.strip() or (sep == "|" and _MD_RULE.match(line)):
            continue
        cells = split_line(line, sep if (sep and sep in line or sep == "|") else None)
        if cells:
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
