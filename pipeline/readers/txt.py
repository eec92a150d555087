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
from itertools import pairwise
from pathlib import Path

from .. import vocab
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
# a cell ending so is complete: the line under it is not its rest
_SENTENCE_END = ("。", "；", ";", "：", ":")
# ... or, in the first column, a piece at most this wide (display columns)
_WRAP_LABEL_WIDTH = 12


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
    all_spans = [aligned_spans(ln) if ln.strip() else [] for ln in lines]
    # how far the text of a column reaches: a lone line reaching it filled its column and wrapped
    reach: dict[int, int] = {}
    for spans in all_spans:
        if spans:
            last = spans[-1]
            reach[last.start] = max(reach.get(last.start, 0), last.end)
    for i, spans in enumerate(all_spans):
        if not spans:
            prev = None
            continue
        if prev and len(spans) == 1:
            target = _wrapped_into(spans[0], prev, widest, reach)
            if target is not None:
                cell = doc.rows[-1].cells[target]
                cell.text = cell.text + "\n" + spans[0].text
                prev[target] = _Span(prev[target].text + spans[0].text, prev[target].start, spans[0].end)
                continue
        doc.rows.append(Row(cells=[Cell(s.text) for s in spans], table=0, row=i))
        prev = list(spans)


def _wrapped_into(span: _Span, prev: list[_Span], widest: int, reach: dict[int, int]) -> int | None:
    """The cell of the line above that a lone cell goes on, or None."""
    if len(prev) > 1:
        if not _continues(span, prev, widest, reach) and not _numbered_after_numbered(span, prev):
            return None
        return next((k for k, p in enumerate(prev) if abs(p.start - span.start) <= _WRAP_TOLERANCE), None)
    p = prev[0]
    # a lone line under a lone line that reached as far as its column's text goes: a paragraph wrapped
    if (abs(p.start - span.start) <= _WRAP_TOLERANCE and p.start > 0
            and p.end >= max(reach.get(p.start, 0), reach.get(span.start, 0)) - _WRAP_TOLERANCE
            and not p.text.endswith(_SENTENCE_END) and not (vocab.level1_of(span.text) or vocab.level2_of(span.text))):
        return 0
    return None


def _numbered_after_numbered(span: _Span, prev: list[_Span]) -> bool:
    """目标1：… / 目标2：… one a line under each other: one cell of numbered aims."""
    return bool(vocab.GOAL_ITEM.match(vocab.key(span.text))) and any(
        abs(p.start - span.start) <= _WRAP_TOLERANCE and vocab.GOAL_ITEM.match(vocab.key(p.text)) for p in prev)


def _continues(span: _Span, prev: list[_Span], widest: int, reach: dict[int, int]) -> bool:
    if vocab.level1_of(span.text) or vocab.level2_of(span.text):
        return False  # an empty group's 二级 on a line of its own (经济效益指标), not a wrapped cell
    for k, p in enumerate(prev):
        if abs(p.start - span.start) > _WRAP_TOLERANCE:
            continue
        if k == 0:  # a narrow label column wraps short pieces: 年度 / 总体 / 目标, 项目资金 / （万元）
            return (span.end - span.start <= _WRAP_LABEL_WIDTH or span.text[0] in "（("
                    or p.text.count("（") + p.text.count("(") > p.text.count("）") + p.text.count(")"))
        if k + 1 < len(prev):
            return prev[k + 1].start - p.end <= _WRAP_FILL
        # the last cell of its line: it reached the table's edge, or as far as its column's text goes
        return p.end >= _WRAP_LAST_FILL * widest or p.end >= reach.get(p.start, 0) - _WRAP_TOLERANCE
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
    if (sep == "|" or (sep is None and "|" in text)) and _is_cell_per_line(lines):
        _read_cell_per_line(lines, doc)
        return doc
    if sep is None and ("  " in text or "\u3000" in text) and _is_aligned(lines):
        _read_aligned(lines, doc)
        return doc
    spaced = sep is None and " " in text and _is_single_spaced(lines)
    grid = _tab_grid(lines) if sep == "\t" else None
    for i, line in enumerate(lines):
        if not line.strip() or (sep == "|" and _MD_RULE.match(line)):
            continue
        if (sep is None and len(line) >= _RUN_ON_SHORT and line.count(" ") <= _RUN_ON_SPACE_SHARE * len(line)
                and (" " not in line.strip()[:_RUN_ON_LENGTH // 2] or line.count(" ") < _RUN_ON_GAPS
                     or _glued_labels(line))
                and (len(line) >= _RUN_ON_LENGTH or _run_on_terms_in(line) >= _RUN_ON_SHORT_TERMS)):
            # a whole table run together with nothing between the cells: cut at the known terms
            doc.rows.extend(Row(cells=[Cell(t)], table=0, row=i) for t in split_run_on(line))
            continue
        if sep is None and len(line) >= _RUN_ON_SPACED_LENGTH and line.count(" ") >= _RUN_ON_GAPS:
            # a whole table as one line, cells apart by one space (a document site's preview text):
            # one cell a line, as the one-cell-per-line reading takes it
            doc.rows.extend(Row(cells=[Cell(t)], table=0, row=i) for t in line.split(" ") if t.strip())
            continue
        if grid and line.count("\t") + 1 == grid:
            # a spreadsheet copy keeps every cell, empty ones too: the field is the grid column
            cells = [Cell(t, col=k) for k, p in enumerate(line.split("\t")) if (t := p.strip())]
        else:
            cells = split_line(line, sep if (sep and sep in line or sep == "|") else None)
        if spaced and len(cells) == 1 and " " in line.strip():
            # rows of cells one space apart, empty cells gone (a finance page's table as text)
            cells = [Cell(t) for t in line.split(" ") if t.strip()]
        if cells:
            doc.rows.append(Row(cells=cells, table=0, row=i))
    return doc


# a text whose table rows are cells one space apart: this many such lines
_SPACED_MIN_LINES = 5
_SPACED_MIN_LABELLED = 3
_SPACED_ROW = re.compile(r"^\S+(?: \S+)+$")


def _is_single_spaced(lines: list[str]) -> bool:
    """Rows of cells one space apart: enough lines of space-separated words, of which several
    start with a label (项目名称 某某 …), not text that happens to hold spaces."""
    rows = [ln.strip() for ln in lines if _SPACED_ROW.match(ln.strip()) and len(ln) < _RUN_ON_SPACED_LENGTH]
    labelled = sum(1 for ln in rows if vocab.header_field(ln.split(" ", 1)[0]) or vocab.column_role(ln.split(" ", 1)[0]))
    return len(rows) >= _SPACED_MIN_LINES and labelled >= _SPACED_MIN_LABELLED


_RUN_ON_VALUE = None


def split_run_on(line: str) -> list[str]:
    """"项目名称某某项目类别本级支出项目…数量指标保洁服务面积反映保洁覆盖范围3.2万平方米按合同考核…"
    -> the cells: cut before and after each known label, column header and level name, and
    around each target (3.2万平方米, ≥95%) and description (反映…)."""
    text = unicodedata.normalize("NFKC", line.strip())
    title = vocab.RUN_ON_TITLE.match(text)  # the form's title run into the table: a cell of its own
    start = title.end() if title else 0
    cuts = {0, start, len(text)}
    table = len(text)  # where the indicator table starts: values are cut only there, not inside goals
    in_term = bytearray(len(text) + 1)  # a value never cuts into a label (总分10098项目名称: 项 is no unit there)
    for m in vocab.run_on_terms().finditer(text, start):
        cuts.update((m.start(), m.end()))
        in_term[m.start():m.end()] = b"\x01" * (m.end() - m.start())
        if table == len(text) and vocab.column_role(m.group()) in ("level1", "level2", "name"):
            table = m.start()
    for m in _run_on_value().finditer(text, table):
        end = m.end()
        while end > m.start() and in_term[end - 1]:
            end -= 1  # the unit the value took is the head of a label: the value ends before it
        if end > m.start() and not in_term[m.start()]:
            cuts.update((m.start(), end))
    for m in vocab.RUN_ON_DESCRIPTION.finditer(text, table):
        cuts.add(m.start())
    points = sorted(cuts)
    return [p for a, b in pairwise(points) if (p := text[a:b].strip(" :"))]


def _run_on_value() -> re.Pattern[str]:
    global _RUN_ON_VALUE
    if _RUN_ON_VALUE is None:
        from ..targets import UNITS
        units = "|".join(re.escape(u) for u in UNITS)
        _RUN_ON_VALUE = re.compile(
            rf"(?:[≥≤><]=?|不低于|不少于|不高于|不超过)?\d+(?:\.\d+)?(?:万?(?:{units}))?(?:以上|以下|以内)?(?![\d年月日号])")
    return _RUN_ON_VALUE


# a line this long with this many single spaces is a table run together (cells one space apart)
_RUN_ON_LENGTH = 200
# ... or a shorter one holding this many labels, column headers and level names (the rest of a table
# run together after a line break: 年度绩效指标一级指标二级指标…)
_RUN_ON_SHORT = 40
_RUN_ON_SHORT_TERMS = 6


def _run_on_terms_in(line: str) -> int:
    return sum(1 for _ in vocab.run_on_terms().finditer(unicodedata.normalize("NFKC", line)))

_RUN_ON_GAPS = 8
# ... or with spaces only inside some cells (`年度 总体 目标`, `(2020 年度)`): a piece between two spaces
# holds this many header labels run together (项目名称某某主管部门某局实施单位…), which no cell does
_RUN_ON_GLUED = 3


def _glued_labels(line: str) -> bool:
    terms = vocab.run_on_terms()
    for piece in line.split(" "):
        if len(piece) >= 12:
            text = unicodedata.normalize("NFKC", piece)
            if sum(1 for m in terms.finditer(text) if vocab.header_field(m.group())) >= _RUN_ON_GLUED:
                return True
    return False
_RUN_ON_SPACED_LENGTH = 100
# ... or with hardly a space at all (none at its start, or fewer than _RUN_ON_GAPS: 新增项目□ 延续项目√):
# nothing between the cells
_RUN_ON_SPACE_SHARE = 0.1

# a tab-separated text is a grid when this share of its tabbed lines have one field count
_GRID_SHARE = 0.9


def _tab_grid(lines: list[str]) -> int | None:
    """The field count of a spreadsheet copy (every row as many tabs), else None."""
    counts: dict[int, int] = {}
    for ln in lines:
        if "\t" in ln:
            n = ln.count("\t") + 1
            counts[n] = counts.get(n, 0) + 1
    if not counts:
        return None
    n, hits = max(counts.items(), key=lambda kv: kv[1])
    return n if n >= 4 and hits >= _GRID_SHARE * sum(counts.values()) else None


def read(path: Path) -> RawDocument:
    data = path.read_bytes()
    if not data.strip():
        raise EmptyFile("empty file")
    text = decode(data)
    if not text.strip():
        raise EmptyFile("no text in file")
    return read_text(text, str(path))
