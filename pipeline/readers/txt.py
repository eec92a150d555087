"""Plain text copied out of Word tables: tab-separated (the seed), `|`-separated,
space-aligned (copied from a PDF viewer or `pdftotext -layout`: cells apart by two
spaces or more, a wrapped cell going on in its column on the next line), or one cell
per line. Encodings: UTF-8 (with or without BOM), GB18030/GBK, UTF-16 with BOM (or
without, recognised by its NUL bytes); LF or CRLF."""

from __future__ import annotations

import codecs
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise, repeat
from pathlib import Path

from .. import vocab
from ..document import Cell, RawDocument, Row
from ..errors import CorruptFile, EmptyFile
from ..gcpause import paused
from ..memo import memo
from ..units import read_unit
from . import runtogether

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
    # (map and filter: a third faster than the comprehension, and this runs on every line)
    return list(map(Cell, filter(None, map(str.strip, parts))))


# cells of a space-aligned line: apart by two spaces or more (or an ideographic space)
_GAP = re.compile(r"(?:[ \u00a0]{2,}|\u3000+)[ \u00a0\u3000]*")
# a space-aligned text: this many lines with two cells or more
_ALIGNED_MIN_LINES = 3
# ... and at least this share of the lines that say something
_ALIGNED_SHARE = 0.15
# a lone cell under a cell of the line above (display columns apart at most) continues it
_WRAP_TOLERANCE = 2
# ... when that cell filled its column: it reached this close to the next cell's start
_WRAP_FILL = 4
# ... or, the last cell of its line, this share of the widest line around
_WRAP_LAST_FILL = 0.8
# ... several pieces on one line: each under a cell at least this wide (display columns)
_WRAP_WIDE = 24
# a piece that reads as a value of its own, not the rest of a cell: ≥ 3957人次, 不低于91%, 120
_VALUE_START = re.compile(r"^(?:[≥≤<>＞＜=≧≦]|不[低少高超多]于|至少|大于|小于|\d)")
# a cell ending so is complete: the line under it is not its rest
_SENTENCE_END = ("。", "；", ";", "：", ":")
# ... and the mark a sentence ends with
_FULL_STOP = "。"
# the marks inside a sentence of prose (a goal), which names and values do not hold
_CLAUSE_MARKS = ("，", ",", "、")
# ... or a sentence's end inside a cell (1.开展进社区活动48场。2.办理法律援助案件3 / 12件。): prose
_PROSE_MARKS = (*_CLAUSE_MARKS, "。", "；")
# a column starts where cells of at least this many table lines start
_COLUMN_LINES = 2
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
    out: list[_Span] = []
    pos = 0
    for part in _GAP.split(line.rstrip()):
        k = line.index(part, pos) if part else pos
        if part.strip():
            lead = len(part) - len(part.lstrip())
            start = _width(line[:k + lead])
            span = _Span(part.strip(), start, start + _width(part.strip()))
            if out and _DATE_OPEN.search(out[-1].text) and _DATE_GOES_ON.match(span.text):
                # a date the viewer's spacing broke (结束日期:  2021 年 12  月31日): one cell
                head = out.pop()
                span = _Span(head.text + " " + span.text, head.start, span.end)
            out.append(span)
        pos = k + len(part)
    return out


# a date broken by the wide spacing of a PDF viewer's copy: a piece ending in a year or a month number ...
_DATE_OPEN = re.compile(r"(?:19|20)\d\d\s*年\s*(?:\d{1,2})?$|(?:19|20)\d\d\s*年\s*\d{1,2}\s*月$")
# ... and the next piece going on with its month or day
_DATE_GOES_ON = re.compile(r"^(?:\d{1,2}\s*[月日号]|[月日号])")


def _is_aligned(lines: list[str]) -> bool:
    # (one cell a line with a few check-box lists spaced out, `1.基本建设类 □    其中:新建  □`, is no layout: the
    # lines with gaps are a small share of the text's lines)
    gapped = _gapped_lines(lines)
    return gapped >= _ALIGNED_MIN_LINES and gapped >= _ALIGNED_SHARE * sum(1 for ln in lines if ln.strip())


def _gapped_lines(lines: list[str]) -> int:
    return sum(1 for ln in lines if _GAP.search(ln.strip()))


# rows one space apart outnumber the lines with a wide gap this many times: the gaps are inside cells
_SPACED_OVER_GAPS = 2
# a gap wider than the double space an empty cell leaves between cells one space apart
_WIDE_GAP = re.compile(r"\S(?:[ \u00a0]{3,}|\u3000)")


def _wide_gapped_lines(lines: list[str]) -> int:
    return sum(1 for ln in lines if _WIDE_GAP.search(ln.strip()))


def _read_aligned(lines: list[str], doc: RawDocument) -> None:
    """Space-aligned columns; a lone cell standing under a cell of the line above that
    filled its column is the rest of that cell (a wrapped cell), not a row of its own."""
    prev: list[_Span] | None = None
    widest = max((_width(ln.rstrip()) for ln in lines), default=0)
    all_spans = [aligned_spans(ln) if ln.strip() else [] for ln in lines]
    # how far the text of a column reaches: a lone line reaching it filled its column and wrapped
    reach: dict[int, int] = {}
    widths: dict[int, int] = {}  # the widest cell starting at each column: a cell that wide filled it
    seen: dict[int, int] = {}  # how many table lines have a cell starting at each position
    for spans in all_spans:
        if spans:
            last = spans[-1]
            reach[last.start] = max(reach.get(last.start, 0), last.end)
        for sp in spans if len(spans) > 1 else ():  # table lines only, not a title above
            widths[sp.start] = max(widths.get(sp.start, 0), sp.end - sp.start)
            seen[sp.start] = seen.get(sp.start, 0) + 1
    # where columns start: a position cells of several lines start at
    columns = sorted(x for x, n in seen.items() if n >= _COLUMN_LINES)
    for i, spans in enumerate(all_spans):
        if not spans:
            prev = None
            continue
        if prev and len(spans) == 1 and (down := _vertical_into(spans[0], prev)) is not None:
            # 产 / 出 / 指 / 标 / （50分）: a level name down its narrow cell, one character a line
            cell = doc.rows[-1].cells[down]
            cell.text += spans[0].text
            prev[down] = _Span(prev[down].text + spans[0].text, prev[down].start, prev[down].end)
            continue
        if prev and len(spans) == 1:
            target = _wrapped_into(spans[0], prev, widest, reach, columns)
            if target is not None:
                cell = doc.rows[-1].cells[target]
                cell.text = _wrap_join(cell.text, spans[0].text)
                prev[target] = _Span(prev[target].text + spans[0].text, prev[target].start, spans[0].end)
                continue
        targets = _wrapped_row(spans, prev, widest, reach, widths, columns) if prev else None
        if prev and targets:
            for s, target in zip(spans, targets):
                cell = doc.rows[-1].cells[target]
                cell.text = _wrap_join(cell.text, s.text)
                prev[target] = _Span(prev[target].text + s.text, prev[target].start, s.end)
            continue
        doc.rows.append(Row(cells=[Cell(s.text) for s in spans], table=0, row=i))
        prev = list(spans)


def _vertical_into(span: _Span, prev: list[_Span]) -> int | None:
    """The cell of the line above that a lone character goes on when a level name is written down its narrow
    cell one character a line (产 / 出 / 指 / 标, then its points （50分）), or None."""
    k_span = vocab.key(span.text)
    for k, p in enumerate(prev):
        if abs(p.start - span.start) > _WRAP_TOLERANCE:
            continue
        above = vocab.key(p.text)
        if _ONE_CJK.fullmatch(k_span) and len(above) < _LEVEL_NAME_MOST and _level_prefix(above + k_span):
            return k
        if vocab.LEVEL_SCORE.match(k_span) and (vocab.level1_of(above) or vocab.level2_of(above)):
            return k
    return None


# a level name written down its cell is this long at most (服务对象满意度指标)
_LEVEL_NAME_MOST = 10


def _level_prefix(text: str) -> bool:
    """Whether a text starts a level name or a block label (产, 产出, 产出指 … 产出指标; 绩效指 …; 总体 … 总体目标, a
    goal group's label), the whole name included."""
    return any(k.startswith(text) for k in (*vocab.LEVEL1_BY_KEY, *vocab.LEVEL2_BY_KEY, *vocab.INDICATOR_BLOCK_LABELS,
                                            *vocab.GROUP_GOAL_LABELS)
               if len(k) > 1)


def _wrap_join(above: str, piece: str) -> str:
    """A cell and the rest of it on the line under: a number the column's edge broke (10315 / 7元)
    joins with nothing, anything else keeps the line break (the cell's lines are joined later)."""
    if above[-1:].isdigit() and piece[:1].isdigit():
        return above + piece
    return above + "\n" + piece


def _wrapped_into(span: _Span, prev: list[_Span], widest: int, reach: dict[int, int],
                  columns: list[int]) -> int | None:
    """The cell of the line above that a lone cell goes on, or None."""
    if len(prev) > 1:
        if _BOX_MARK.search(span.text) and _under_ticked_list(span, prev):
            return None
        if not _continues(span, prev, widest, reach, columns) and not _numbered_after_numbered(span, prev):
            return None
        return next((k for k, p in enumerate(prev) if abs(p.start - span.start) <= _WRAP_TOLERANCE), None)
    p = prev[0]
    # a lone line under a lone line that reached as far as its column's text goes: a paragraph wrapped
    if (abs(p.start - span.start) <= _WRAP_TOLERANCE and p.start > 0
            and p.end >= max(reach.get(p.start, 0), reach.get(span.start, 0)) - _WRAP_TOLERANCE
            and not p.text.endswith(_SENTENCE_END) and not (vocab.level1_of(span.text) or vocab.level2_of(span.text))):
        return 0
    return None


def _wrapped_row(spans: list[_Span], prev: list[_Span], widest: int, reach: dict[int, int],
                 widths: dict[int, int], columns: list[int]) -> list[int] | None:
    """Several cells of one row wrapped at once (two goal texts side by side, 数量 / 指标 beside a
    long name, a project list's narrow columns): the cell above each piece continues, or None
    when the line is a row of its own. A piece continues a cell that filled its column (wide,
    or as wide as the column's widest cell), or finishes a level name or a label (主管 / 部门); a
    piece that reads as a value (≥ 3957人次), a level name or a label, or goes under a narrow
    cell, starts a row."""
    if not 1 < len(spans) <= len(prev):
        return None
    # a piece in every column from the first one on is rather a row of its own (a name and its
    # values under cells that were merely their columns' widest)
    full = len(spans) == sum(1 for p in prev if p.start >= spans[0].start - _WRAP_TOLERANCE)
    # every piece ends a sentence (…协调发展。 | 务，各项指标达到预期。): the ends of texts cut above, not
    # a row of names and values, however narrow the cells above
    sentences = all(sp.text.endswith(_FULL_STOP) for sp in spans)
    # a piece holding a clause mark, its sentence not ended (务网络，绿色出行… | ，日均骑行量…): prose wrapped in its
    # cells, however narrow they are (two goal texts side by side), each still asked to have filled its column
    # above and to stand under no column header
    prose = not sentences and any(any(m in sp.text for m in _CLAUSE_MARKS) and not sp.text.endswith(_SENTENCE_END)
                                  for sp in spans)
    targets = []
    for s in spans:
        k = next((k for k, p in enumerate(prev) if abs(p.start - s.start) <= _WRAP_TOLERANCE), None)
        if k is None or k in targets:
            return None
        p = prev[k]
        if not (_completes_level(p.text, s.text) or _label_broken(p.text, s.text) or _header_broken(p.text, s.text)
                or (_ONE_CJK.fullmatch(s.text) and _level_prefix(vocab.key(p.text) + s.text))
                or (len(spans) > 1 and _label_qualified(p.text, s.text))
                or _numbered_after_numbered(s, [p])):  # 目标1：…； / 目标2：…: one cell of numbered aims
            # (a number the column's edge broke, 陈某1390000000 / 3, goes on its cell when that filled its column)
            # (a date its column's edge broke, 2023年 / 10月底, goes on too)
            if ((_VALUE_START.match(s.text) and not _clause_cut(p) and not (p.text[-1:].isdigit() and s.text.isdigit())
                 and not (_DATE_OPEN.search(p.text) and _DATE_GOES_ON.match(s.text)))
                    or vocab.level1_of(s.text) or vocab.level2_of(s.text)
                    or vocab.spelled_label(s.text)
                    or (p.end - p.start < _WRAP_WIDE and not sentences and not (prose and not _header_cell(p.text))
                        and (full or p.end - p.start < widths.get(p.start, 0) - _WRAP_TOLERANCE))
                    or p.text.endswith(_SENTENCE_END)):
                return None
            filled = (_edge(p, prev[k + 1], columns) - p.end <= _WRAP_FILL if k + 1 < len(prev)
                      else p.end >= _WRAP_LAST_FILL * widest or p.end >= reach.get(p.start, 0) - _WRAP_TOLERANCE)
            if not filled:
                return None
        targets.append(k)
    return targets


def _header_cell(text: str) -> bool:
    """A cell that heads what is under it: a label or a column header as written (预期目标, 实际完成情况)."""
    return vocab.key(text) in vocab.COLUMN_ROLES or vocab.spelled_label(text) is not None


def _clause_cut(cell: _Span) -> bool:
    """A wide cell of prose cut inside a clause (…，服务对象满意度达到 / 90%以上。): the number on the
    line under it goes on its sentence, it starts no value of its own."""
    return (cell.end - cell.start >= _WRAP_WIDE and any(c in cell.text for c in _PROSE_MARKS)
            and not cell.text.endswith(_SENTENCE_END))


def _spanning_value(text: str, before_levels: bool = False) -> bool:
    """A lone cell that spans rows and belongs at the head of the next line's row: a value (a
    unit's or project's name, an amount, a goal in a project list), not a label, a level name
    or a caption (预算执行情况（10分）), a column header (一级指标, 年度指标值) or the indicator
    block's label (绩 效 指 标), which stay rows of their own. `before_levels`: the row it would
    head opens with a level name (产出指标 | 数量指标 | …), a row of indicators, not of headers, so a
    cell that only reads like a header by a word in it (2026年高标准农田建设项目: 标准) is a value."""
    k = vocab.key(text)
    # a label read by meaning only may be a project's name: 2024年财政投资评审专项经费
    return not (vocab.spelled_label(text) or vocab.level1_of(text) or vocab.level2_of(text)
                or (vocab.column_role(text) and not (before_levels and k not in vocab.COLUMN_ROLES))
                or k in vocab.INDICATOR_BLOCK_LABELS or k.endswith(("分)", "分", ":")))


def _spanning_heads(spanning: list[tuple[int, Cell]], cells: list[Cell]) -> list[tuple[int, Cell]]:
    """The lone spanning cells before a row without the levels that end them when a list's project cells come
    first (某项目 | / 45 | / 年度目标… | / 产出指标 | / 数量指标 |): the levels span the rows too and head the row
    below as its first cells, which then opens with the next level down or a 三级 name, never a 一级."""
    k = len(spanning)
    while k and (vocab.level1_of(spanning[k - 1][1].text) or vocab.level2_of(spanning[k - 1][1].text)):
        k -= 1
    if k == len(spanning) or k == 0 or not cells or vocab.level1_of(cells[0].text):
        return spanning
    tail = [c.text for _, c in spanning[k:]]
    if not vocab.level1_of(tail[0]) or any(vocab.level1_of(t) for t in tail[1:]):
        return spanning  # (the levels run 一级 then 二级, as the columns do)
    return spanning[:k]


def _completes_level(above: str, piece: str) -> bool:
    """Whether a piece under a cell finishes the level name that cell starts (数量 + 指标)."""
    whole = vocab.level2_of(above + piece) or vocab.level1_of(above + piece)
    if not whole:
        # a level column's header wrapped the same way (一级 / 指标, 二级 / 指标)
        role = vocab.column_role(above + piece)
        return (piece == _LEVEL_TAIL and role in _LEVEL_HEADERS and len(vocab.key(above)) <= _LABEL_PIECE
                and vocab.column_role(above) in (None, role))
    part = vocab.level2_of(above) or vocab.level1_of(above)
    return part is None or part == whole  # 数量 alone already reads as 数量指标: 指标 finishes it


@memo
def _header_tail(text: str) -> bool:
    """Whether a cell may be the piece of a column header its narrow cell wrapped onto the next line: short, no
    level name (what _header_broken asks of the piece alone; a gate before the header row above is counted)."""
    piece = vocab.key(text)
    return len(piece) <= _HEADER_TAIL_MOST and not (vocab.level1_of(piece) or vocab.level2_of(piece))


def _header_broken(above: str, piece: str) -> bool:
    """年度指 / 标值, 实际 / 完成值, 偏差原因分析 / 及改进措施: a column header broken in its narrow cell, the piece
    no header alone, the head none or the same one (a header that goes on into more of itself)."""
    whole = vocab.column_role(above + piece)
    if whole is None or vocab.column_role(piece) not in (None, whole) or not _header_tail(piece):
        return False
    head = vocab.column_role(above)
    # the head no header of its own, or a fragment that is no header whole (实际, not 备注), or one that says it
    # goes on (…分析 / 及改进措施)
    return head is None or (len(vocab.key(above)) <= _HEADER_HEAD_FRAGMENT and vocab.key(above) not in vocab.COLUMN_ROLES) or (
        head == whole and vocab.key(piece).startswith(_LABEL_GOES_ON))


# a header's head this short is a fragment of it whatever it reads as (实际 / 完成值)
_HEADER_HEAD_FRAGMENT = 2


# the piece of a column header its narrow cell wrapped onto the next line is this long at most (及改进措施)
_HEADER_TAIL_MOST = 6


def _under_ticked_list(span: _Span, prev: list[_Span]) -> bool:
    """A numbered check-box list under a cell whose list is ticked already (项目类型 1、常年性项目 □ … 3、一次性项目 √ /
    1、部门预算项目 √ 2、省直专项 □ …): that list is complete, this is another one, no wrapped piece of it."""
    return bool(vocab.OPTION_NUMBER.match(span.text)) and any(
        abs(p.start - span.start) <= _WRAP_TOLERANCE and (_TICKED.search(p.text) or vocab.FONT_TICK.search(p.text))
        for p in prev)


def _numbered_after_numbered(span: _Span, prev: list[_Span]) -> bool:
    """目标1：… / 目标2：… one a line under each other: one cell of numbered aims."""
    return bool(vocab.GOAL_ITEM.match(vocab.key(span.text))) and any(
        abs(p.start - span.start) <= _WRAP_TOLERANCE and vocab.GOAL_ITEM.match(vocab.key(p.text)) for p in prev)


def _next_column(cell: _Span, columns: list[int]) -> int | None:
    """Where the column after a cell's starts (an empty column between it and the row's next cell
    counts: a value reaching the 度量单位 column left empty filled its own)."""
    i = bisect_right(columns, cell.start + _WRAP_TOLERANCE)
    return columns[i] if i < len(columns) else None


def _edge(cell: _Span, nxt: _Span, columns: list[int]) -> int:
    """Where a cell's column ends: the next cell of its row, or the start of an empty column before it."""
    col = _next_column(cell, columns)
    return nxt.start if col is None else min(nxt.start, col)


_CLOSING_BRACKETS = (")", "）")
# a line of this many column headers after its first cell is a table's column header
_HEADER_ROW_ROLES = 2
# a template's row left unfilled: …… or a bare item number (指标2：, 目标3：)
_UNFILLED_ITEM = re.compile(r"(?:指标|目标)\d{1,2}[:：]?")
_UNFILLED_HEADS = frozenset("….。·指目")


def _continues(span: _Span, prev: list[_Span], widest: int, reach: dict[int, int],
               columns: list[int]) -> bool:
    if vocab.level1_of(span.text) or vocab.level2_of(span.text):
        return False  # an empty group's 二级 on a line of its own (经济效益指标), not a wrapped cell
    k_span = vocab.key(span.text)
    if k_span[:1] in _UNFILLED_HEADS and (vocab.ELLIPSIS.match(k_span) or _UNFILLED_ITEM.fullmatch(k_span)):
        return False  # …… or 指标2： under a 三级 (a template's rows left unfilled): a row of its own, no wrapped piece
    if span.start == 0 and (vocab.YEAR_LINE.match(vocab.key(span.text)) or vocab.is_form_title(span.text)):
        return False  # the form's title or its year line under a page's chrome (发布时间:… | 发布单位:…)
    for k, p in enumerate(prev):
        if abs(p.start - span.start) > _WRAP_TOLERANCE:
            continue
        open_bracket = p.text.count("（") + p.text.count("(") > p.text.count("）") + p.text.count(")")
        if (len(prev) > 1 and not open_bracket and vocab.spelled_label(p.text) is not None
                and vocab.header_field(span.text) is not None and not vocab.header_field(vocab.key(p.text + span.text))):
            return False  # 其中：本年财政拨款 | 64 … then 上年结转资金 alone: a label whole under a label, its row left empty
        if _completes_level(p.text, span.text) or _label_broken(p.text, span.text) or _header_broken(p.text, span.text):
            return True  # 数量 / 指标, 主管 / 部门, 年度指 / 标值: a level name, a label or a column header broken
            # over two lines in its cell
        if (not open_bracket and p.text.endswith(_CLOSING_BRACKETS) and span.text.endswith(_CLOSING_BRACKETS)
                and span.text[:1] not in _OPENING_BRACKETS):
            return False  # 退耕还林补助兑现面积（万亩） | 0.172 then 草原有害生物防治面积（万亩）: two names, each with its unit
        if span.text.endswith((":", "：")) and len(k_span) <= _WRAP_LABEL_WIDTH and p.text.endswith(_FULL_STOP):
            return False  # …需求。 / 已实施情况：: a label waiting for its value under a text ended, no piece of it
        if (k_span[:1] not in _OPENING_BRACKETS and (vocab.level1_of(p.text) or vocab.level2_of(p.text))
                and vocab.key(p.text).endswith(_LEVEL_TAIL) and not vocab.LEVEL_SCORE.match(k_span)):
            return False  # a level name whole (满意度指标) goes on with its points at most: 附件: under it is the page's
        if k == 0 and p.start == 0 and span.text[:1] not in _OPENING_BRACKETS and not open_bracket and (
                sum(1 for q in prev[1:] if vocab.column_role(q.text)) >= _HEADER_ROW_ROLES
                or (vocab.key(p.text) == vocab.TREE_PROJECT_HEADER
                    and any(vocab.column_role(q.text) == "annual" for q in prev[1:]))) and not _reads_as_label(
                vocab.key(p.text + span.text)):  # (绩效 / 指标: the block's label wrapped beside the header)
            # a table's column header (单位名称、项目名称 | 项目年度绩效目标 | 一级指标 | …; a budget system's tree, 项目 |
            # 指标值 | 绩效金额): the line under its first cell is the table's first row (a unit's name), no piece of it
            return False
        if (k == 0 and p.start > 0 and len(vocab.key(p.text)) <= _LABEL_PIECE and vocab.header_field(p.text)
                and span.end - span.start <= _WRAP_LABEL_WIDTH and vocab.header_field(span.text) is None
                and not _VALUE_START.match(span.text)):
            return True  # the same in a table set off the page's left edge (公开14表 beside it): 年度 / 总体 / 目标
        if k == 0 and p.start == 0:  # a narrow label column wraps short pieces: 年度 / 总体 / 目标, 项目资金 / （万元）
            wide_filled = (p.end - p.start >= _WRAP_WIDE and k + 1 < len(prev) and prev[k + 1].start - p.end <= _WRAP_FILL
                           and not p.text.endswith(_SENTENCE_END))  # a goal text over the left half
            return span.end - span.start <= _WRAP_LABEL_WIDTH or span.text[0] in "（(" or wide_filled or open_bracket
        if k + 1 < len(prev):
            return _edge(p, prev[k + 1], columns) - p.end <= _WRAP_FILL
        # the last cell of its line: it reached the table's edge, or as far as its column's text goes
        return p.end >= _WRAP_LAST_FILL * widest or p.end >= reach.get(p.start, 0) - _WRAP_TOLERANCE
    return False


# a web page's table copied cell by cell: "项目名称 |" a line, a line of bare pipes between rows
_CELL_LINE = re.compile(r"^\s*[^|｜\s][^|｜]*[|｜]\s*$")
_PIPES_ONLY = re.compile(r"^\s*(?:[|｜]\s*)+$")
# an empty cell of a one-cell-a-line copy: white space, then its closing pipe
_EMPTY_CELL_LINE = re.compile(r"^[ \t\u3000]+[|｜]\s*$")
# a row's last cell with the row's empty cells after it: "某某资金 | ||||"
_PADDED_LAST_CELL = re.compile(r"^\s*(?P<cell>[^|｜\s][^|｜]*)[|｜](?P<empty>(?:\s*[|｜])+)\s*$")
# ... when this share of the lines with a pipe hold one cell each
_CELL_LINE_SHARE = 0.6
# ... or, no bare pipe anywhere, when every line with a pipe holds one cell and there are this many
_ALL_CELL_LINES = 12


def _is_cell_per_line(lines: list[str]) -> bool:
    piped = [ln for ln in lines if "|" in ln or "｜" in ln]
    cells = sum(1 for ln in piped if _CELL_LINE.match(ln))
    # (the lines of bare pipes between rows, and after rows short of cells, `||||`, are no rows: rows of two
    # cells leave as many of them as cells)
    rows = sum(1 for ln in piped if not _PIPES_ONLY.match(ln))
    # (a table whose rows are all full leaves no bare pipes: every line with a pipe a cell closed by it)
    return cells >= 6 and cells >= _CELL_LINE_SHARE * rows and (
        any(_PIPES_ONLY.match(ln) for ln in piped) or (cells == rows and cells >= _ALL_CELL_LINES))


def _read_cell_per_line(lines: list[str], doc: RawDocument) -> None:
    """"项目名称 |" / "城区公共自行车 |" / "|": the cells of a row one a line, each closed by a
    pipe, rows apart by a line of bare pipes; a line with no pipe is a row of its own, unless it
    comes right after a cell and runs on into the next (`项目资金` / `(万元) |`, `绩` / `效` / `指` /
    `标 |`: a cell wrapped in its narrow column, the page's line breaks kept). A row's
    last cell may carry the row's empty cells after it (`某某资金 | ||||`): it closes its row, and
    the cells it and its row count are the table's width, which closes a full row with no empty
    cell to mark its end (`≥95% |` then the next row's `某某率 |`)."""
    row: list[Cell] = []
    start = 0
    width: int | None = None
    pieces: list[tuple[int, str]] = []  # lines with no pipe right after a cell, waiting for the cell they end in
    after_cell = False
    # where rows end with a bare `|`, a pipe after white space is an empty cell (`产出指标 |` / `时效指标 |` /
    # ` |` / ` |` / `时效指标 |`: a side-by-side row's empty half), not the row's end; so where a row's last cell
    # carries its row's empty cells (`符号 |` / ` |` / `单位 |` … `折算得分 | ||||`)
    bare_ends = any(ln[:1] in ("|", "｜") and _PIPES_ONLY.match(ln) for ln in lines) or any(
        _PADDED_LAST_CELL.match(ln) for ln in lines if "| |" in ln or "｜ ｜" in ln or "| ｜" in ln or "｜ |" in ln)
    # a page that marks no row ends: each cell stands alone and a bare `|` is an empty cell, not a row's end
    no_row_ends = _marks_no_row_ends(lines)
    # rows marked by a bare `|` line each (pipes-cell): they end there, never at a width counted from a padded
    # cell (`文 号 | |` in the page's metadata above the form would cut every row at two cells)
    row_marks = sum(1 for ln in lines if _LONE_PIPE.match(ln)) >= _ROW_MARKS_MIN
    padded_widths = {} if row_marks or no_row_ends else _padded_widths(lines)

    def flush() -> None:
        # a "row" wider than any table is no row: the page marks no row ends, each cell stands alone
        if len(row) > _ROW_MOST:
            doc.rows.extend(Row(cells=[c], table=0, row=start + k) for k, c in enumerate(row))
        else:
            doc.rows.append(Row(cells=row, table=0, row=start))

    def lone(at: int, text: str) -> None:
        nonlocal row
        if row:
            flush()
            row = []
        cells = split_line(text, "|" if ("|" in text or "｜" in text) else None)
        if cells:
            doc.rows.append(Row(cells=cells, table=0, row=at))

    for i, line in enumerate(lines):
        padded = None if _CELL_LINE.match(line) else _PADDED_LAST_CELL.match(line)
        if padded is not None or _CELL_LINE.match(line):
            after_cell = True
            if not row:
                start = pieces[0][0] if pieces else i
            head = "".join(t + "\n" for _, t in pieces)
            pieces = []
            if padded is None:
                row.append(Cell(head + line.strip().rstrip("|｜").strip()))
                if (width is None or len(row) < width or row_marks) and not no_row_ends:
                    continue
            else:
                row.append(Cell(head + padded.group("cell").strip()))
                total = len(row) + len(re.findall(r"[|｜]", padded.group("empty")))
                w = padded_widths.get(i, total)
                width = max(width or 0, w)
                while len(row) > w:  # full rows with no end mark before this one, the table's width known
                    doc.rows.append(Row(cells=row[:w], table=0, row=start))
                    row = row[w:]
            doc.rows.append(Row(cells=row, table=0, row=start))
            row = []
            continue
        if row and bare_ends and not pieces and _EMPTY_CELL_LINE.match(line):
            continue  # an empty cell: the row goes on
        if no_row_ends and not pieces and _PIPES_ONLY.match(line):
            # an empty cell; lines with no pipe after one empty cell are the next cell's head, after a run of
            # them (the table's last row, or its end) they are the page's text
            after_cell = i > 0 and _CELL_LINE.match(lines[i - 1]) is not None
            continue
        if (after_cell and line.strip() and "|" not in line and "｜" not in line
                and len(pieces) < _WRAP_PIECES and not vocab.is_form_title(line.strip())):
            # (the next form's title after the last cell of a form: the page's text, no cell wrapped)
            pieces.append((i, line.strip()))
            continue
        for at, text in pieces:
            lone(at, text)
        pieces = []
        after_cell = False
        if row:
            flush()
            row = []
        if line.strip() and not _PIPES_ONLY.match(line):
            lone(i, line)
    for at, text in pieces:
        lone(at, text)
    if row:
        flush()


def _padded_widths(lines: list[str]) -> dict[int, int]:
    """The table's width at each line whose cell carries its row's empty cells (`某某 | ||||`), where full rows
    with no end mark ran before it: the cells from the last such line to this one, with its empty cells, are
    whole rows, so their count is a multiple of the width; the width is the smallest such count of the
    table's other marked runs that divides it (the basic-information rows and the first marked row: 12 cells
    where the table's rows are 6)."""
    runs: list[list[tuple[int, int]]] = [[]]  # per table (cells one a line, nothing between): (line, cells in the run)
    count = 0
    for i, line in enumerate(lines):
        if _CELL_LINE.match(line):
            count += 1
        elif (m := _PADDED_LAST_CELL.match(line)) is not None:
            runs[-1].append((i, count + 1 + len(re.findall(r"[|｜]", m.group("empty")))))
            count = 0
        elif count == 0 and runs[-1]:
            runs.append([])  # text between two tables
    out: dict[int, int] = {}
    for run in runs:
        totals = sorted({t for _, t in run if t >= _PADDED_WIDTH_MIN})
        for i, total in run:
            w = next((t for t in totals if total % t == 0), total)
            if w < total:
                out[i] = w
    return out


# a table this narrow (文 号 | |) never sets the width of another run of cells
_PADDED_WIDTH_MIN = 3


def _marks_no_row_ends(lines: list[str]) -> bool:
    """One cell a line with no row ends marked (a page's cells each closed by ` |`, an empty cell a bare
    `|`, the cells of a whole table in one run): some run of cells between bare pipes is no row, being
    longer than any table row, holding two 一级 levels (产出指标 … 效益指标: an indicator row names one) or
    the 一级 column's header and a 一级 level, so the bare pipes are empty cells, not the lines between rows."""
    run = 0
    level1: str | None = None
    head = False  # the run holds the 一级 column's header
    padded = False  # a row's last cell carried its empty cells before
    figure = False  # the run's cell before was a figure (1800000, 100%)
    for line in lines:
        padded_line = _PADDED_LAST_CELL.match(line) is not None
        if padded_line or _PIPES_ONLY.match(line):
            run, level1, head, figure = 0, None, False, False  # (a cell carrying its row's empty cells ends its row too)
            padded = padded or padded_line
        elif _CELL_LINE.match(line):
            run += 1
            text = line.strip().rstrip("|｜").strip()
            lv = vocab.level1_of(text)
            if run > _ROW_MOST or (lv and ((level1 and lv != level1) or head or figure)) or (
                    ((head and not padded) or figure) and vocab.level2_of(text)):
                # (the header row and an indicator's 一级 in one run: 一级 | … | 备注 | 产出指标 | …; or its 二级, on a
                # page whose rows' last cells never carry their empty cells, `某某 | ||||`, which leave full rows unmarked)
                return True
            level1 = lv or level1
            head = head or vocab.column_role(text) == "level1"
            # (a level after a figure in one run: a row's value, then the next row's level, 1800000 | 产出指标 |)
            figure = _FIGURE_CELL.fullmatch(text) is not None
    return False


# a cell that is a figure whole: an amount, a target (1800000, 45.50, 100%, ≥95%)
_FIGURE_CELL = re.compile(r"(?:[≥≤<>＞＜=≧≦﹦]=?)?[\d,]+(?:\.\d+)?[%％]?")


# a bare pipe alone on its line, and how many such lines mark a page's rows
_LONE_PIPE = re.compile(r"^\s*[|｜]\s*$")
_ROW_MARKS_MIN = 3
# a cell wrapped in its narrow column leaves at most this many lines with no pipe before its last
_WRAP_PIECES = 6
# no table row has more cells than this (a 自评表's widest row has ten)
_ROW_MOST = 16


# a mirror site's reading aid: a character's pinyin in brackets after it (`績效目標(biāo)表`, `項(xiàng)目`), a
# syllable with a tone mark (so `(m)`, `(A)`, `(km)` stay)
_TONE_MARK = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")
_PINYIN_NOTE = re.compile(r"(?<=[\u4e00-\u9fff])\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,6}\)")


def read_text(text: str, path: str) -> RawDocument:
    if _TONE_MARK.search(text):  # a plain character class scans fast; the note's pattern, led by a look-behind, does not
        text = _PINYIN_NOTE.sub("", text)
    doc = _read_rows(text, path)
    _join_vertical_labels(doc)
    _join_vertical_lines(doc)
    _join_broken_header_lines(doc)
    # (a cell opening with a bracket, at a line's start or after a space or a tab: a unit note or a level's note
    # broken onto the next line may head a row; most texts have none)
    # (…, and a cell's lines may head the lines of its row's next cells when no tab parts the cells: a page's text)
    _join_broken_level_names(doc, any(b in text for b in _CELL_OPENS_BRACKET) or "﹙" in text, "\t" not in text)
    if _BOX_MARK.search(text):  # (a check-box list's lines: a box in the text, which most texts have none of)
        _join_option_lines(doc)
    if "含" in text:  # (a label that lists what its cell holds, （含…）: few texts have one; one scan for its character)
        _join_listed_parts(doc)
    return doc


def _join_listed_parts(doc: RawDocument) -> None:
    """项目绩效目标（含项目概况、设立依据、必要性及预期目标） then 项目概况：… / 必要性：… / 预期目标：… a line each: a label whose
    note lists the parts its cell holds, the cell's lines copied one a row (each cell's line breaks kept); the lines
    that open with a listed part and a colon are that cell's, one cell after the label, not labels of their own."""
    keep: list[Row] = []
    parts: tuple[str, ...] = ()
    for row in doc.rows:
        if parts and len(row.cells) == 1 and keep:
            text = row.cells[0].text.strip()
            head = _PART_HEAD.match(text)
            if head is not None and vocab.key(head.group(1)) in parts:
                above = keep[-1].cells
                if len(above) == 1:
                    above.append(Cell(text))
                else:
                    above[-1].text = above[-1].text.rstrip() + "\n" + text
                continue
        parts = ()
        if len(row.cells) <= 2 and "含" in row.cells[0].text and (note := _LISTED_PARTS.search(row.cells[0].text)):
            parts = tuple(vocab.key(p) for p in _PART_SEP.split(note.group(1)) if p)
        keep.append(row)
    if len(keep) != len(doc.rows):
        doc.rows[:] = keep


# a label's note listing the parts its cell holds: （含项目概况、设立依据、必要性及预期目标）
_LISTED_PARTS = re.compile(r"[(（]含([^()（）]{2,40})[)）]")
_PART_SEP = re.compile(r"[、，,及和与]")
# a line opening with a part's name and a colon (预期目标：…)
_PART_HEAD = re.compile(r"([^:：\s]{2,8})[:：]")


def _join_vertical_labels(doc: RawDocument) -> None:
    """产 / 出 / 指 / 标, 六、项 / 目总体 / 绩效目 / 标: a label written down a narrow merged cell (one character a
    line) or wrapped at its narrow width, copied one cell a line; the pieces go back together where they read
    as a label (a level, a header field, a column's header or the indicator block's label) that no piece is
    alone, all pieces but the last as wide as the first. Short cells that make no label (无 / 是) stay."""
    rows = doc.rows
    if not any(_label_piece_row(r) for r in rows if len(r.cells) == 1):
        return
    keep: list[Row] = []
    i = 0
    while i < len(rows):
        if not _label_piece_row(rows[i]):
            keep.append(rows[i])
            i += 1
            continue
        j = i
        while j < len(rows) and j - i < _VERTICAL_MOST and _label_piece_row(rows[j]):
            j += 1
        if j < len(rows) and len(rows[j].cells) > 1 and len(vocab.key(rows[j].cells[0].text)) == 1 and \
                _pieces_make_label([r.cells[0].text for r in rows[i:j + 1]]):
            # 产 / 出 / 指 / 标 数量指标 某某 70户: the label's last character opens the row beside it (rows one
            # space apart), which the label's other characters go back to
            rows[j].cells[0].text = "".join(r.cells[0].text.strip() for r in rows[i:j + 1])
            i = j
            continue
        end = next((e for e in range(j, i + 1, -1) if _pieces_make_label([r.cells[0].text for r in rows[i:e]])), None)
        if end is None:
            keep.append(rows[i])
            i += 1
            continue
        rows[i].cells[0].text = "".join(r.cells[0].text.strip() for r in rows[i:end])
        keep.append(rows[i])
        i = end
    if len(keep) != len(rows):
        doc.rows[:] = keep


def _join_vertical_lines(doc: RawDocument) -> None:
    """A label written down a narrow cell one character a line, its last character on the line of the row's
    other cells (a page's text keeping the cell's line breaks: `总` / `体` / `目` / `标 年度目标`, `产` / `出` /
    `指` / `标 数量指标 某某 ≥1个`): the characters go back on that row's first cell when they read together
    as a level name, a block label or a label."""
    rows = doc.rows
    if not any(len(r.cells[0].text.strip()) == 1 for r in rows if len(r.cells) == 1):
        return  # (no line of one character: nothing to join, and most texts have none)
    keep: list[Row] = []
    run: list[Row] = []
    for row in rows:
        if len(row.cells) == 1 and _ONE_CJK.fullmatch(row.cells[0].text.strip()):
            run.append(row)
            continue
        if run and len(row.cells) > 1 and _ONE_CJK.fullmatch(row.cells[0].text.strip()):
            word = "".join(r.cells[0].text.strip() for r in run) + row.cells[0].text.strip()
            if _reads_as_label(word):
                row.cells[0].text = word
                run = []
        keep.extend(_joined_run(run))
        run = []
        keep.append(row)
    keep.extend(_joined_run(run))
    if len(keep) != len(rows):
        doc.rows[:] = keep


# a label written down its cell is this many characters long at most (社会公众或服务对象满意度指标 is longer: rare)
_VERTICAL_MOST = 10


def _label_piece_row(row: Row) -> bool:
    """A row holding one short piece of text: a character of a vertical label, a piece of a wrapped one."""
    return len(row.cells) == 1 and 0 < len(vocab.key(row.cells[0].text)) <= _WRAPPED_PIECE


def _pieces_make_label(pieces: list[str]) -> bool:
    """Characters of a vertical label, or the pieces of a numbered label wrapped at one width (六、项 / 目总体 /
    绩效目 / 标; a heading the vocabulary does not know, 七、项 / 目支出 / 预算明 / 细, as _join_label_pieces
    takes it): pieces of words with no number alone (年度 / 总体 / 目标 is left to the parser)."""
    widths = [len(vocab.key(p)) for p in pieces]
    if any(w != widths[0] for w in widths[:-1]) or widths[-1] > widths[0]:
        return False
    joined = "".join(p.strip() for p in pieces)
    if widths[0] == 1:
        return _is_vertical_label(joined) and not any(_is_vertical_label(p.strip()) for p in pieces)
    if len(pieces) > _WRAPPED_PIECES or not vocab.OPTION_NUMBER.match(pieces[0]) or vocab.header_field(pieces[0]):
        return False
    if any(not _WORDS.fullmatch(p.strip()) or vocab.header_field(p) for p in pieces[1:]):
        return False
    label = vocab.header_field(joined)
    return (label is not None and not label.soft) or _wrapped_at_one_width(pieces)


def _is_vertical_label(text: str) -> bool:
    """What a narrow merged cell is written down in: a level name, a header field's label, a column's header,
    the indicator block's label (绩效指标, 年度绩效指标)."""
    if vocab.level1_of(text) or vocab.level2_of(text) or vocab.column_role(text):
        return True
    if text in vocab.INDICATOR_BLOCK_LABELS or any(p.match(text) for p, _ in vocab.BLOCK_SCOPE):
        return True
    lab = vocab.header_field(text)
    return lab is not None and not lab.soft


def _join_broken_header_lines(doc: RawDocument) -> None:
    """A column header row whose cells hold line breaks, as a page's text keeps them (rows one space apart):
    `… 三级指标 年度` / `指标值 实际` / `完成值 分` / `值 得` / `分 偏差原因分析` / `及改进措施` — each line's first
    piece finishes the header the line above ends with; the pieces go back on their cells, one header row."""
    rows = doc.rows
    keep: list[Row] = []
    for row in rows:
        # (the line's first piece is asked first: a header's short tail, which most lines do not start with,
        # before the header row above is counted)
        if keep and row.cells and len(keep[-1].cells) >= _HEADER_ROW_MIN and _header_tail(row.cells[0].text) and sum(
                1 for c in keep[-1].cells if vocab.column_role(c.text)) >= _HEADER_ROW_MIN:
            last = keep[-1].cells[-1]
            first = row.cells[0]
            if _header_broken(vocab.key(last.text), vocab.key(first.text)):
                last.text = last.text.strip() + "\n" + first.text.strip()
                keep[-1].cells.extend(row.cells[1:])
                continue
        keep.append(row)
    if len(keep) != len(rows):
        doc.rows[:] = keep


# a row holding this many column headers at least is a header row
_HEADER_ROW_MIN = 3


def _reads_as_label(word: str) -> bool:
    return bool(vocab.level1_of(word) or vocab.level2_of(word) or vocab.is_indicator_block(word)
                or vocab.header_field(word) or vocab.column_role(word))


def _joined_run(run: list[Row]) -> list[Row]:
    """Lines of one character each (one cell a line: `产` / `出` / `指` / `标`): one row when they read together
    as a label, else as they stand."""
    if len(run) < _VERTICAL_MIN:
        return run
    word = "".join(r.cells[0].text.strip() for r in run)
    if not _reads_as_label(word):
        return run
    run[0].cells[0].text = word
    return run[:1]


# a cell opening with a bracket, at a line's start or after a space or a tab (a text's first line aside; the
# rare small bracket ﹙ anywhere): a few substring scans of the text, cheaper than a test on every row
_CELL_OPENS_BRACKET = ("\n（", "\n(", "\t（", "\t(", " （", " (", "\u3000（")


def _join_broken_level_names(doc: RawDocument, brackets: bool = True, untabbed: bool = True) -> None:
    """项目完成 / 指标, 社会效益 / 指标: a level name wrapped in its narrow column leaves 指标 at the head
    of the next line (alone, or before the rest of its row); it goes back on the cell it ends (the last
    of the line above) when the two make a level name. `brackets`: some cell of the text may open with a
    bracket (a unit's or a level's note broken onto the next line), else those tests are skipped. `untabbed`: no
    tab parts the text's cells (a page's text, cells one space apart, each cell's line breaks kept), so a piece
    may head the line of its row's next cells (满意度指 / 标 服务对象, 年度 / 总体 / 目标 预期目标 …); a copy with tabs
    keeps a cell whole, and those tests are skipped."""
    rows = doc.rows
    keep: list[Row] = []
    for row in rows:
        if not keep or not row.cells:
            keep.append(row)
            continue
        above = keep[-1].cells
        if brackets and row.cells[0].text.lstrip()[:1] in _OPENING_BRACKETS:
            if len(row.cells) > 1 and _unit_broken(vocab.key(above[0].text), vocab.key(row.cells[0].text)):
                # 项目资金 / （万元） 合计 96; 资金情况  年度资金总额：16 / （万元）  其中：上级资金16: the money label's unit
                # note, broken in its cell, heads the next line: it goes back on the label
                head = above[0]
                head.text = head.text.strip() + "\n" + row.cells[0].text.strip()
                row.cells = row.cells[1:]
            elif _level_note_broken(above[-1].text, row.cells[0].text):
                # 数量指标 / （必填硬性指标） 某某面积 24000, 产出指标 / （数量、质量、成本方面的指标） 数量指标 …: a level's
                # note in brackets, broken in its cell, heads the next line; it goes back on the level, and the rest
                # of the line is the rest of the level's row
                last = above[-1]
                last.text = last.text.strip() + "\n" + row.cells[0].text.strip()
                above.extend(row.cells[1:])
                continue
        # (a row of several cells under a row of several is only read when it starts with 指标: 指 in
        # its text, 指標 included)
        one_above = len(above) == 1
        if row.cells and (one_above or len(row.cells) == 1 or "指" in row.cells[0].text):
            last = above[-1]
            if _level_tail(row.cells[0].text):
                # (经济效益 / 指标（选填）: the tail with the form's note on the level, 必填 / 选填)
                tail = vocab.key(row.cells[0].text)
                joined = last.text.strip() + (_LEVEL_TAIL if tail == _LEVEL_TAIL else row.cells[0].text.strip())
                if vocab.level1_of(joined) or vocab.level2_of(joined) or (
                        vocab.column_role(joined) in _LEVEL_HEADERS and len(vocab.key(last.text)) <= _LABEL_PIECE) or (
                        one_above and vocab.is_indicator_block(vocab.key(joined))):
                    # (绩效 / 指标 一级指标 二级指标 …: the block's label down its cell, the header after it)
                    last.text = joined
                    if len(row.cells) == 1:
                        continue
                    if untabbed and not one_above:
                        # 绩效指标 一级 / 指标 二级 / 指标 三级 …, 效果指标 社会效益 / 指标 某某 ≥3 社会效益 / 指标 某某 ≥1: the
                        # level or header ends the last cell of a row of several, the rest of the line goes on
                        # with that row (rows one space apart, each cell's line breaks kept)
                        above.extend(row.cells[1:])
                        continue
                    row.cells = row.cells[1:]  # 指标 数量指标 某某 70户: the row goes on after the level's end
            elif one_above:
                tail = vocab.key(row.cells[0].text)
                # (a level name ends with 标: a cheap test before the name's pieces are asked)
                if (len(row.cells) == 1 or (untabbed and tail[-1:] == _LEVEL_END and _LEVEL_HEAD.fullmatch(
                        last.text.strip()))) and _level_broken(vocab.key(last.text), tail):
                    last.text = last.text.strip() + row.cells[0].text.strip()  # 可持续影 / 响指标, 服务对象 / 满意度指标
                    # (满意度指 / 标 服务对象: the level's tail, then the next cell's first line, rows one space apart)
                    above.extend(row.cells[1:])
                    continue
                if (untabbed and len(row.cells) > 1 and len(keep) > 1 and len(keep[-2].cells) == 1
                        and len(last.text.strip()) <= _LABEL_PIECE and len(keep[-2].cells[0].text.strip()) <= _LABEL_PIECE
                        and _label_broken(vocab.key(keep[-2].cells[0].text + last.text), tail)
                        and _label_piece(keep[-2].cells[0].text)):
                    # 年度 / 总体 / 目标 预期目标 实际完成情况: a label of three pieces, its last on the line of the row's
                    # other cells: the pieces go back on that row's first cell
                    head = keep[-2].cells[0]
                    head.text = head.text.strip() + "\n" + last.text.strip() + "\n" + row.cells[0].text.strip()
                    keep.pop()
                    keep[-1].cells.extend(row.cells[1:])
                    continue
                if _label_broken(vocab.key(last.text), tail) and not (
                        len(keep) > 1 and len(keep[-2].cells) == 1 and _label_piece(keep[-2].cells[0].text)):
                    last.text = last.text.strip() + "\n" + row.cells[0].text.strip()  # the break the page showed
                    if len(row.cells) == 1:
                        continue
                    # 年度 / 目标 为…, 主管部门 / 及编码 某局 实施单位 某所: the label's tail, then its value and the rest
                    # of its row on the same line: one row again
                    above.extend(row.cells[1:])
                    continue
            elif (untabbed and len(row.cells) > 1 and len(above) <= _LEVEL_HEAD_ROW and row.cells[0].text.rstrip().endswith(_LEVEL_TAIL)
                  and _LEVEL_HEAD.fullmatch(last.text.strip()) and vocab.level1_of(above[-2].text)
                  and _level_broken(vocab.key(last.text), vocab.key(row.cells[0].text))):
                # 满意度指标 服务对象 / 满意度指标 受助对象满意度 ≥90%: the row's last cell, after its 一级, is the head of a
                # 二级 whose tail opens the next line (rows one space apart, each cell's line breaks kept): one row again
                last.text = last.text.strip() + row.cells[0].text.strip()
                above.extend(row.cells[1:])
                continue
        keep.append(row)
    if len(keep) != len(rows):
        doc.rows[:] = keep


@memo
def _level_tail(text: str) -> bool:
    """What a level name wrapped in its narrow column leaves at the head of the next line: 指标, or 指标 with the
    form's note on the level (指标（选填）)."""
    tail = vocab.key(text)
    return tail == _LEVEL_TAIL or (tail.startswith(_LEVEL_TAIL) and _LEVEL_NOTE.fullmatch(tail) is not None)


# what a wrapped level name leaves on the line under it
_LEVEL_TAIL = "指标"
# ... whose last character ends every level name
_LEVEL_END = "标"
# what may be the head of a level name broken in its cell, as written (服务对象, 满意度指, 可持续影): a few characters,
# no figure (a cheap test before a row's last cell is read as one: most are values or names)
# ... standing after its 一级 in a row of this many cells at most (满意度指标 服务对象, 绩效指标 满意度指标 服务对象)
_LEVEL_HEAD_ROW = 3
_LEVEL_HEAD = re.compile(r"[^\d%％≥≤<>＞＜=\s]{1,6}")
# ... with a note in brackets after it (指标（选填）, 指标(必填硬性指标))
_LEVEL_NOTE = re.compile(r"指标\([^()]{1,10}\)")
# the column headers of the levels, wrapped the same way (一级 / 指标)
_LEVEL_HEADERS = ("level1", "level2", "name")


def _level_note_broken(level: str, note: str) -> bool:
    """A level name (数量指标, 产出指标, 产出指标 down its cell) and a note in brackets on the line under it that is
    no numbering: （必填）, （50分）, （数量、质量、成本方面的指标）."""
    note = note.strip()
    return (bool(_BRACKETED.fullmatch(note)) and not _NUMBERING_NOTE.fullmatch(note)
            and bool(vocab.level1_of(level) or vocab.level2_of(level)))


# a numbering in brackets, （一）, (2): no note on a level
_NUMBERING_NOTE = re.compile(r"[(（﹙]\s*[一二三四五六七八九十\d]{1,3}\s*[)）﹚]")


@memo
def _level_broken(head: str, tail: str) -> bool:
    """可持续影 / 响指标, 服务对象 / 满意度指标, 满意度指 / 标: a level name wrapped in its narrow column, each line
    a cell of its own; the head is no level, the two make a level name the tail alone is not."""
    if not head or len(head) > _LEVEL_HEAD_MOST or not (head + tail).endswith(_LEVEL_TAIL) or len(tail) > len(head) + 2:
        return False
    if not tail.endswith(_LEVEL_TAIL) and not (vocab.level1_of(head + tail) or vocab.level2_of(head + tail)):
        return False
    if vocab.level1_of(head) or vocab.level2_of(head):
        return False
    joined = vocab.level2_of(head + tail)
    if not tail.endswith(_LEVEL_TAIL):  # 满意度指 / 标: the 一级 broken one character before its end
        return bool(joined or vocab.level1_of(head + tail))
    return bool(joined) and vocab.level2_of(tail) != joined


# the head of a wrapped 二级 name is this long at most
_LEVEL_HEAD_MOST = 6
# a header label wrapped in its narrow column, one cell a line: its head is at most this long
_LABEL_HEAD = 12


@memo
def _label_broken(head: str, tail: str) -> bool:
    """项目 / 名称, 总体 / 目标, 主管部门（单位）名称及 / 部门预算编码: two pieces (lines, or a cell and
    the piece under it) that are one header label broken inside its cell, the first no label on its
    own (or one the second only adds to: 主管部门 / 及编码, 年度 / 目标), the second none that names a
    field, neither a level name."""
    if (not head or len(head) > _LABEL_HEAD or len(tail) > _LABEL_HEAD or vocab.EXPLANATION.match(head)
            or any(vocab.level1_of(t) or vocab.level2_of(t) for t in (head, tail))):
        return False  # (an indicator's explanation, 反映资金使用效益, is no label's head)
    joined = vocab.header_field(head + tail)
    if joined is None or joined.field == "ignored":
        return False
    own = vocab.header_field(head)
    alone = vocab.header_field(tail)
    if own is not None:
        # a label whole on its own goes on only into more of itself (主管部门 / 及编码), or (年度 / 目标: a
        # head that is a label on its own, 年度 | 2026) into a tail that is no label and no value, a short
        # piece of words the two make a label of
        return ((own.field == joined.field and tail.startswith(_LABEL_GOES_ON)
                 and (alone is None or alone.field == "ignored"))
                or (alone is None and _label_piece(tail)))
    # a tail that is a label of its own only goes on a head that says it goes on (名称及 / 部门预算编码)
    return alone is None or (alone.field == "ignored" and head.endswith(_LABEL_GOES_ON))


def _label_qualified(head: str, tail: str) -> bool:
    """年度本级 / 预算金额, 该项目支出 / 上级资金: a label wrapped in its narrow cell whose last line is a label
    of its own and whose first only narrows it (no label, no figure): the two read as the tail's field. Asked
    of a line of several such pieces under the cells of a row (the row's labels all wrapped at once)."""
    if not head or len(head) > _LABEL_HEAD or len(tail) > _LABEL_HEAD or any(c.isdigit() for c in head):
        return False
    alone = vocab.header_field(tail)
    if alone is None or vocab.header_field(head) is not None or vocab.level1_of(head) or vocab.level2_of(head):
        return False
    joined = vocab.header_field(head + tail)
    return joined is not None and joined.field == alone.field


_UNIT_TAIL = re.compile(r"^\((?:单位:)?(?:万元|元|千元|萬元)\)$")
# ... which opens with a bracket as written (a cheap test first: this is asked of every line)
_OPENING_BRACKETS = ("(", "（", "﹙")


def _unit_broken(head: str, tail: str) -> bool:
    """项目资金 / （万元） 合计 96, 资金情况 / （万元） 年度金额: a money label and its unit note broken inside its
    cell, the note heading the line of the row's other cells (rows one space apart, the cell's break kept)."""
    if not _UNIT_TAIL.match(tail) or vocab.header_field(head) is None:
        return False
    joined = vocab.header_field(head + tail)
    return joined is not None and joined.unit is not None


def _label_piece(text: str) -> bool:
    """The line above a label's head is a piece of the same label when it is a label itself or a short
    piece of words (年度 / 总体 / 目标, 六、项 / 目总体 / 绩效目 / 标: a label of three pieces or more)."""
    k = vocab.key(text)
    return bool(vocab.header_field(k)) or (len(k) <= _LABEL_PIECE and not _DIGIT.search(k))


# a piece of a label wrapped in a narrow column is this short at most
_LABEL_PIECE = 4
_DIGIT = re.compile(r"\d")


# the last character of a label's head that says the label goes on: 主管部门（单位）名称及 / 部门预算编码
_LABEL_GOES_ON = ("及", "和", "与", "或")


def _separator_above_form_only(lines: list[str], sep: str) -> bool:
    """Whether the lines cut by `sep` are all a page's chrome above the form (a metadata table, 索 引 号 | …):
    the form's first field label (项目名称) starts a line below the last of them, and none above it."""
    # (the last line cut, looked for from the end, and the first name line from the start: both near their
    # end of a form's text, which this runs on whole)
    last_cut = next((k for k in range(len(lines) - 1, -1, -1)
                     if ("|" in lines[k] or "｜" in lines[k] if sep == "|" else sep in lines[k])), None)
    if last_cut is None:
        return False
    first_name = next((k for k, ln in enumerate(lines) if _starts_with_name_label(ln)), None)
    return first_name is not None and first_name > last_cut


def _form_run_on_apart(lines: list[str], sep: str | None) -> bool:
    """Whether the form is a line of its own run together, cells one space apart (a document site's preview),
    with the page's chrome around it cut by tabs, pipes or wide gaps: its longest line, with no separator in
    it, holds more of the form's terms (labels, column headers, level names) than every other line together."""
    most = max(map(len, lines), default=0)
    if most < _RUN_ON_LENGTH:
        return False  # (most texts: no line that long)
    longest = next(ln for ln in lines if len(ln) == most)
    if longest.count(" ") < _RUN_ON_GAPS or "\t" in longest or "|" in longest:
        return False
    if sep is None and not ("  " in "".join(ln for ln in lines if ln is not longest) or "|" in "".join(lines)):
        return False  # (nothing else would read the page's lines as a table: the general loop takes the line)
    terms = _run_on_terms_in(longest)
    return terms >= _RUN_ON_SHORT_TERMS and terms > sum(_run_on_terms_in(ln) for ln in lines if ln is not longest)


def _read_run_on_page(lines: list[str], doc: RawDocument) -> None:
    """The form run together on its line(s), cells one space apart: one cell a row, as the general loop of
    _read_rows reads such a line; the page's other lines a row each, cut at their separators."""
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if len(line) >= _RUN_ON_SPACED_LENGTH and "\t" not in line and "|" not in line and (
                line.count(" ") <= _RUN_ON_SPACE_SHARE * len(line)
                and (" " not in line.strip()[:_RUN_ON_LENGTH // 2] or _glued_labels(line)) and not _spaced_tail(line)):
            # (cells with nothing between them, spaces only inside a few cells: cut at the known terms)
            doc.rows.extend(Row(cells=[Cell(t)], table=0, row=i) for t in split_run_on(line))
        elif len(line) >= _RUN_ON_SPACED_LENGTH and line.count(" ") >= _RUN_ON_GAPS and "\t" not in line and "|" not in line:
            if "页" in line:  # (a page break inside the line: the site's header may stand again after it)
                line = _without_page_headers(line, lines[:i])
            doc.rows.extend(Row(cells=[Cell(t)], table=0, row=i) for t in _spaced_cells(line))
        else:
            sep = "\t" if "\t" in line else ("|" if "|" in line or "｜" in line else None)
            if cells := split_line(line, sep):
                doc.rows.append(Row(cells=cells, table=0, row=i))


def _without_page_headers(line: str, before: list[str]) -> str:
    """A document's page on one line, cells one space apart, with the site's header repeated where a page of the
    document ended (第1页 共2页 上一页 1 2 下一页 某局 xtcg.….gov.cn 发布时间:… 字号：大 中 小 …): the short lines standing
    above the form (the site's header as the page gives it first) are taken out wherever they stand again after the
    line's start, as whole cells."""
    line = " ".join(line.split())  # (cells one space apart: a wider gap splits them no differently)
    for ln in before:
        chrome = " ".join(ln.split())
        if chrome and len(chrome) < _RUN_ON_SPACED_LENGTH and (" " + chrome + " ") in line[1:] + " ":
            line = line[:1] + (line[1:] + " ").replace(" " + chrome + " ", " ").rstrip()
    return line


def _spaced_tail(line: str) -> bool:
    """A notice's paragraph and then the form on one line (a document site's preview of a page that opens with
    prose, labels glued in it perhaps): the head before the first space reads as prose (its clauses marked), and from
    there on the line is cells one space apart, as many spaces as such a line has."""
    head = line.find(" ")
    if head < 0:
        return False
    if not any(m in line[:head] for m in _PROSE_HEAD):
        return False  # (a head of labels and values glued together is a table run together, its spaces in narrow cells)
    gaps = len(line.split()) - 1  # (runs of spaces: a wide gap before the form's foot, 填表人：某某    填报日期：…, is one)
    return gaps >= _RUN_ON_GAPS and gaps > _RUN_ON_SPACE_SHARE * (len(line) - head)


# a paragraph's clause marks
_PROSE_HEAD = ("，", "。", ",")


def _opens_with_level(line: str) -> bool:
    """A line of cells one space apart that opens with a level name whole (时效指标（工期指标） 某某完成时间 每年12月底前
    时效指标（…） …): a row of an indicator table, its few spaces between whole cells, no table run together."""
    first = line.split(maxsplit=1)[0]
    return " " in line.strip() and bool(vocab.level1_of(first) or vocab.level2_of(first))


def _starts_with_name_label(line: str) -> bool:
    words = line.split()
    lab = vocab.header_field(words[0]) if words else None
    return lab is not None and lab.field == "project_name" and not lab.soft


def _read_rows(text: str, path: str) -> RawDocument:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    sep: str | None = None
    if "\t" in text:
        sep = "\t"
    if "|" in text or "｜" in text:
        piped = sum(1 for ln in lines if ln.count("|") + ln.count("｜") >= 2)
        if piped >= 3 and (sep is None or piped > sum(1 for ln in lines if "\t" in ln)):
            sep = "|"  # a stray tab in a note does not make a piped table tab-separated
    if sep is not None and _separator_above_form_only(lines, sep):
        sep = None  # a web page's metadata rows (索 引 号 | … or with tabs) above a form copied from a PDF viewer
    doc = RawDocument(path=path, format="txt")
    if _form_run_on_apart(lines, sep):
        # a document site's preview: the form one long line of cells one space apart, the page's metadata
        # rows (with tabs, pipes or wide gaps) around it are no table of the form's
        _read_run_on_page(lines, doc)
        return doc
    if ((sep == "|" or (sep is None and "|" in text)) and _is_cell_per_line(lines)) or (
            sep == "\t" and "|" in text and _is_cell_per_line(lines)
            and sum(1 for ln in lines if _CELL_LINE.match(ln)) > sum(1 for ln in lines if "\t" in ln)):
        # (a page's metadata rows with tabs above a table one cell a line: the table's cells are the text)
        _read_cell_per_line(lines, doc)
        return doc
    spaced = sep is None and " " in text and _is_single_spaced(lines)
    if sep is None and ("  " in text or "\u3000" in text) and _is_aligned(lines) and not (
            spaced and _spaced_rows(lines) >= _SPACED_OVER_GAPS * _wide_gapped_lines(lines)):
        # (rows one space apart with a few wide gaps inside their cells, 新增项目□      延续项目R, are no layout;
        # nor is a double space where such a row lost an empty cell, 主管部门  项目起止时间)
        _read_aligned(lines, doc)
        return doc
    grid = _tab_grid(lines) if sep == "\t" else (_md_grid(lines) if sep == "|" else None)
    if sep == "\t" and not grid:
        _read_tabbed(lines, doc)  # most pasted tables: the loop below with none of its cases but the split
        return doc
    # a web page's table: a cell spanning rows ends its line (`某单位 |` / `某项目 |` / `45 |`); the
    # lines of such lone cells start the row on the next line with cells of its own
    spanning: list[tuple[int, Cell]] = []
    run_on_page = False  # the line before was a table run together: a numbered line after it is its next page
    for i, line in enumerate(lines):
        if spanning and not (line.strip() and sep == "|"):
            doc.rows.extend(Row(cells=[c], table=0, row=k) for k, c in spanning)
            spanning = []
        if not line.strip() or (sep == "|" and _MD_RULE.match(line)):
            continue
        next_page = run_on_page and _RUN_ON_PAGE.match(line)
        if (sep is None and len(line) >= _RUN_ON_SHORT and len(_BRACKETED_LEVELS.findall(line)) < _BRACKETED_MIN and line.count(" ") <= _RUN_ON_SPACE_SHARE * len(line)
                and (next_page or (((" " not in line.strip()[:_RUN_ON_LENGTH // 2] or line.count(" ") < _RUN_ON_GAPS
                                     or _glued_labels(line)) and not _spaced_tail(line))
                                   and (len(line) >= _RUN_ON_LENGTH
                                        or _run_on_terms_in(line) >= _RUN_ON_SHORT_TERMS)))
                and not (spaced and _opens_with_level(line))):
            # a whole table run together with nothing between the cells: cut at the known terms
            if next_page:
                line = line[next_page.end():]  # the site's page number is no part of the cell it runs into
            doc.rows.extend(Row(cells=[Cell(t)], table=0, row=i) for t in split_run_on(line))
            run_on_page = True
            continue
        run_on_page = False
        if (sep is None and len(line) >= _RUN_ON_SPACED_LENGTH and line.count(" ") >= _RUN_ON_GAPS
                and not (spaced and _fills_header_above(line, doc))):
            # a whole table as one line, cells apart by one space (a document site's preview text):
            # one cell a line, as the one-cell-per-line reading takes it
            if "页" in line:  # (a page break inside the line: the site's header may stand again after it)
                line = _without_page_headers(line, lines[:i])
            doc.rows.extend(Row(cells=[Cell(t)], table=0, row=i) for t in _spaced_cells(line))
            continue
        if grid and sep == "\t" and line.count("\t") + 1 == grid:
            # a spreadsheet copy keeps every cell, empty ones too: the field is the grid column
            cells = [Cell(t, col=k) for k, p in enumerate(line.split("\t")) if (t := p.strip())]
        elif grid and sep == "|" and len(parts := _md_parts(line)) == grid:
            # a Markdown table keeps every cell between its bars, empty ones too: the grid column as well
            cells = [Cell(t, col=k) for k, p in enumerate(parts) if (t := p.strip())]
        else:
            cells = split_line(line, sep if (sep and sep in line or sep == "|") else None)
        if (spaced and len(cells) == 1 and " " in line.strip() and not _BRACKETED.fullmatch(line.strip())
                and not vocab.YEAR_LINE.match(vocab.key(line))
                and not (("页" in line or "时间" in line) and vocab.is_chrome(vocab.key(line)))):
            # rows of cells one space apart, empty cells gone (a finance page's table as text); a subtitle in
            # brackets with spaces inside (（20 19 年度）) or a year line with a space in its bracket (`( 2021年度)`)
            # is one cell, and so is a line of a page's furniture or the site's header repeated at a page break
            # (第 1 页 共 2 页  打印时间：…, 某局 某站 发布时间:…, 上一页 12下一页): chrome, no row of cells
            parts = _option_cells(line.split(" "))
            if "至" in line or "-" in line or "—" in line or "～" in line or "~" in line:
                parts = _join_date_ranges(parts)
            if " (" in line or " （" in line:
                parts = _join_bracket_notes(parts)
            if len(parts) > _VERTICAL_MIN and len(parts[0]) == 1:
                parts = _join_spaced_characters(parts)  # 绩 效 目 标 …: a label down its narrow cell, a character a line
            if "2" in line and len(parts) > 2:
                parts = _join_numbered_items(parts)
            if len(parts) > 1:
                parts = _join_name_pieces(parts)
            if len(parts) == 2 and doc.rows and len(doc.rows[-1].cells) > 1 and _name_goes_on(doc.rows[-1].cells, parts):
                # 可持续影响指标 打造某某 / 品牌赛事 影响可持续: an indicator's name wrapped in its cell, its last line
                # heading the line of its value (each cell's line breaks kept): the piece goes back on the name
                above = doc.rows[-1].cells
                above[-1].text = above[-1].text + "\n" + parts[0]
                above.append(Cell(parts[1]))
                continue
            cells = [Cell(t) for t in parts]
        if sep == "|" and len(cells) == 1 and line.rstrip().endswith(("|", "｜")) and "|" not in line.strip()[:-1]:
            spanning.append((i, cells[0]))
            continue
        levels = bool(cells) and bool(vocab.level1_of(cells[0].text) or vocab.level2_of(cells[0].text))
        # (a list's project cells, then its 一级 (and 二级) spanning the project's rows too, over the row they head:
        # 某项目 | / 年度目标… | / 产出指标 | / 数量指标 | 某某 | … one row)
        heads = _spanning_heads(spanning, cells)
        if spanning and len(cells) > 1 and all(_spanning_value(c.text, levels) for _, c in heads):
            cells = [c for _, c in spanning] + cells
            i = spanning[0][0]
        elif spanning:
            doc.rows.extend(Row(cells=[c], table=0, row=k) for k, c in spanning)
        spanning = []
        if cells:
            doc.rows.append(Row(cells=cells, table=0, row=i))
    doc.rows.extend(Row(cells=[c], table=0, row=k) for k, c in spanning)
    return doc


_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")
_HEADER_ROW_ROLES = 3  # column headers (一级指标, 三级指标, 目标值 ...) that make a row of cells a table's header


def _fills_header_above(line: str, doc: RawDocument) -> bool:
    """A long line of cells one space apart with as many cells as the column header it stands under (a budget
    system's list as a page's text: 项目名称 项目单位 … 计量单位 分值, then each project's first row with its
    goal): a row of that table, not a document site's whole table run on one line."""
    parts = line.split()
    return any(len(row.cells) == len(parts) and sum(1 for c in row.cells if vocab.column_role(c.text)) >= _HEADER_ROW_ROLES
               for row in reversed(doc.rows[-_HEADER_LOOKBACK:]))


_HEADER_LOOKBACK = 200  # rows above a long line searched for the header it fills (a list's projects before it)


def _read_tabbed(lines: list[str], doc: RawDocument) -> None:
    """Tab-separated text with no grid (empty cells gone): a row a line, its cells apart by tabs. The
    general loop of _read_rows comes to this for such text (its run-on, spaced and piped cases all
    ask for another separator); done apart, as every line of most pasted tables comes here."""
    rows = doc.rows
    for i, line in enumerate(lines):
        # (split_line's tab case written out: a line with no tab is its one cell, a blank line none)
        cells = list(map(Cell, filter(None, map(str.strip, line.split("\t")))))
        if cells:
            rows.append(Row(cells, None, 0, i))


_BOX_MARK = re.compile(f"[{vocab.BOX}{vocab.TICK}]")


def _option_cells(tokens: list[str]) -> list[str]:
    """A row's pieces (cells one space apart) with a check-box list kept one cell: a box standing alone
    after its option (`1.基本建设类 □`, `延续项目 R`, the tick in its symbol font) goes on it, and the pieces
    from the first boxed option to the last are one value (`1.基本建设类 □ 其中:新建 □ 扩建 □`)."""
    out: list[str] = []
    for t in (t for t in tokens if t.strip()):
        if out and _LONE_BOX.fullmatch(t):
            out[-1] += " " + t
        else:
            out.append(t)
    boxed = [k for k, t in enumerate(out) if _BOX_MARK.search(t) or vocab.FONT_TICK.search(t)]
    if len(boxed) >= 2 and any(_BOX_MARK.search(out[k]) for k in boxed):
        out[boxed[0]:boxed[-1] + 1] = [" ".join(out[boxed[0]:boxed[-1] + 1])]
    return out


_LONE_BOX = re.compile(f"[{vocab.BOX}{vocab.TICK}Rþ]")
_TICKED = re.compile(f"[{vocab.TICK}]")


def _join_option_lines(doc: RawDocument) -> None:
    """A check-box list over several lines (`项目类型 1.基本建设类 □ …` / `2.行政事业类 □ …` / `3.其他专项类 R`):
    a line that is only a numbered option list goes on the list of the line above while that one has no tick
    yet (a list ticked already is complete: the line under it is another list)."""
    keep: list[Row] = []
    for row in doc.rows:
        if keep and len(row.cells) == 1 and keep[-1].cells:
            text, last = row.cells[0].text, keep[-1].cells[-1]
            if (vocab.OPTION_NUMBER.match(text) and (_BOX_MARK.search(text) or vocab.FONT_TICK.search(text))
                    and _BOX_MARK.search(last.text) and not _TICKED.search(last.text)
                    and not vocab.FONT_TICK.search(last.text)):
                last.text = last.text + "\n" + text
                continue
        if (keep and len(row.cells) > 1 and _BOX_MARK.search(row.cells[0].text)
                and all(_BOX_MARK.search(c.text) or vocab.FONT_TICK.search(c.text) for c in row.cells)
                and (into := _unticked_list(keep[-1])) is not None):
            # a space-aligned copy: the list's next lines under its first cell, the sub-options beside them
            # (`项目类型  1.基本建设类 □  其中:新建 □ …` / `2.行政事业类 □  其中: 采购类□ …` / `3.其他专项类 R`), or
            # the list wrapped at the line's width (`… 其中: 采购` / `类□    修缮类□    奖励类□ 3.其他专项类 √`):
            # a row of check boxes only
            into.text = into.text + "\n" + "\n".join(c.text for c in row.cells)
            continue
        keep.append(row)
    if len(keep) != len(doc.rows):
        doc.rows[:] = keep


def _unticked_list(row: Row) -> Cell | None:
    """The first cell of a row's check-box list when nothing in the row is ticked yet, else None."""
    into = next((c for c in row.cells if _BOX_MARK.search(c.text)), None)
    if into is None or any(_TICKED.search(c.text) or vocab.FONT_TICK.search(c.text) for c in row.cells):
        return None
    return into


# a cell of bracketed targets joined into one line (【产出指标-数量指标】指标1:…【产出指标-质量指标】…): a list's
# 绩效目标 cell (forms/bracketed.py), no table run together
_BRACKETED_LEVELS = re.compile(r"【[^】]{2,12}指标[-－—–/／][^】]{2,16}】")
_BRACKETED_MIN = 2


# a form's year line with spaces inside its brackets (`( 2021 年度)`, the blank of `（20  年度）` filled in)
_SPACED_YEAR_LINE = re.compile(r"([(（])\s*((?:1 ?9|2 ?0) ?\d ?\d)\s*(年度?)\s*([)）])")


def _spaced_cells(line: str) -> list[str]:
    """A line of cells one space apart -> the cells; the options of a check-box list (`1.重大课题□ 2.网络运行维护□
    … 11.设备购置☑`) stay one cell, the value of the label before them."""
    out: list[str] = []
    boxed = False
    # ( 2021 年度), （20 19 年度）: the year line is one cell, its year whole
    line = _SPACED_YEAR_LINE.sub(lambda m: m.group(1) + m.group(2).replace(" ", "") + m.group(3) + m.group(4), line)
    if "页" in line:  # 第 1 页 共 2 页 打印时间：… at a page's foot, 上一页 1 2 下一页: one cell of page furniture
        line = _SPACED_PAGE_MARK.sub(lambda m: m.group().replace(" ", ""), line)
    toks = [t for t in line.split(" ") if t.strip()]
    if _BOX_MARK.search(line) or "R" in line or "þ" in line:
        # a box standing alone after its option goes on it (`1、常年性项目 ☑ 2、延续性项目 □`, the tick in a symbol
        # font: `3.其他专项类 R`), so the list's options, each boxed, are one cell
        merged: list[str] = []
        for t in toks:
            if merged and _LONE_BOX.fullmatch(t[:1]) and (len(t) == 1 or _BOX_LEADS_OPTION.match(t)):
                merged[-1] += " " + t[:1]  # (`改建  □2.行政事业类 □`: the box is 改建's, the option after it the next)
                t = t[1:]
                if not t:
                    continue
            merged.append(t)
        toks = merged
    # the options of one list number up from 1: a second list's first option starts a cell of its own
    # (`3、一次性项目 √ 1、部门预算项目 √ 2、省直专项 □`)
    numbered = False
    for k, t in enumerate(toks):
        box = bool(_BOX_MARK.search(t)) or (boxed and vocab.FONT_TICK.search(t) is not None)
        # (a sub-list's lead between boxed options, `2.行政事业类 □ 其中: 采购类□`, is in the list too)
        lead = boxed and t.endswith((":", "：")) and k + 1 < len(toks) and _BOX_MARK.search(toks[k + 1]) is not None
        restart = numbered and box and _FIRST_OPTION.match(t) is not None
        if boxed and (box or lead) and not restart:
            out[-1] += " " + t
            numbered = numbered or vocab.OPTION_NUMBER.match(t) is not None
        else:
            out.append(t)
            numbered = box and vocab.OPTION_NUMBER.match(t) is not None
        boxed = box or lead
    if "至" in line or "-" in line or "—" in line or "～" in line or "~" in line:
        out = _join_date_ranges(out)
    out = _join_name_pieces(_join_label_pieces(_join_spaced_characters(out)))
    return _join_bracket_notes(out) if " (" in line or " （" in line else out


def _join_name_pieces(cells: list[str]) -> list[str]:
    """A level name or a column header its narrow cell broke over lines, given one space apart in a row of cells
    (`数量 指标`, `满意 度指 标`, `服务 对象 满意 度指 标`, `年度指标 值`): one cell, when the pieces read together are
    a level name or a column header as spelled (the vocabulary's keys)."""
    return _join_runs(cells, _NAME_PIECES, _short_name_piece, _name_pieces_whole)


def _short_name_piece(cell: str) -> bool:
    return len(cell) <= _NAME_PIECE


def _name_pieces_whole(pieces: list[str]) -> bool:
    return all(len(c) <= _NAME_PIECE for c in pieces[1:]) and vocab.key("".join(pieces)) in _WHOLE_NAMES


def _join_runs(cells: list[str], most: int, starts: Callable[[str], bool],
               whole: Callable[[list[str]], bool]) -> list[str]:
    """Cells with each run of pieces that reads as one cell joined: from a piece that may start one, the longest
    run of at most `most` pieces that `whole` accepts."""
    out: list[str] = []
    i = 0
    while i < len(cells):
        take = 1
        if starts(cells[i]):
            for j in range(min(len(cells), i + most), i + 1, -1):
                if whole(cells[i:j]):
                    take = j - i
                    break
        out.append("".join(cells[i:i + take]))
        i += take
    return out


# a piece of a broken name is this short at most, and a name is broken into this many pieces at most
_NAME_PIECE = 4
_NAME_PIECES = 5


# the level names and column headers as the vocabulary spells them (keys)
_WHOLE_NAMES = frozenset((*vocab.LEVEL1_BY_KEY, *vocab.LEVEL2_BY_KEY, *vocab.COLUMN_ROLES))


def _join_numbered_items(cells: list[str]) -> list[str]:
    """A cell of numbered aims one space apart (`1.落实…。 2.按要求…。 3.支持…。`) in cells one space apart: one cell, the
    numbers counting up by one."""
    out: list[str] = []
    last = 0  # the number of the item the last cell ends with
    for t in cells:
        m = _ITEM_NUMBER.match(t)
        n = int(m.group(1)) if m else 0
        if out and last and n == last + 1:
            out[-1] += " " + t
        else:
            out.append(t)
        last = n if m else 0
    return out


# a numbered aim's number (1. 2、 目标3：), not a number with decimals (1.5万元)
_ITEM_NUMBER = re.compile(r"^(?:目标)?(\d{1,2})(?:[、．]|\.(?!\d)|[:：])")


def _join_bracket_notes(cells: list[str]) -> list[str]:
    """A note in brackets after a cell's text, a space between (`某区全面实施“瓶改管”工程 (某街道)`, `项目资金 (万元)`), in
    cells one space apart: the cell's own, not a cell of its own."""
    out: list[str] = []
    for t in cells:
        if (out and t[:1] in "(（" and _BRACKETED.fullmatch(t) and not out[-1].endswith(("：", ":"))
                and not vocab.YEAR_LINE.match(vocab.key(t))):  # (a title's year line, （2019年度）, is a line of its own)
            out[-1] += " " + t
        else:
            out.append(t)
    return out


def _join_date_ranges(cells: list[str]) -> list[str]:
    """A period written with spaces round its dash (`2024年3月 至 2025年2月`, `2024.1 - 2024.12`) in cells one space
    apart: one cell, as it stood in its own."""
    out: list[str] = []
    k = 0
    while k < len(cells):
        t = cells[k]
        if (t in _RANGE_MARKS and out and k + 1 < len(cells) and _DATE_PIECE.search(out[-1])
                and _DATE_PIECE.match(cells[k + 1])):
            out[-1] += t + cells[k + 1]
            k += 2
            continue
        out.append(t)
        k += 1
    return out


# what stands between a period's two dates, and a date (a year first, or the year's end of one)
_RANGE_MARKS = frozenset(("至", "-", "—", "－", "～", "~", "到", "--", "——"))
_DATE_PIECE = re.compile(r"(?:19|20)\d\d(?:\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?|[./-]\d{1,2}(?:[./-]\d{1,2})?)?$")


_ONE_CJK = re.compile(r"[\u4e00-\u9fff]")
# a box run into the next option's number (□2.行政事业类), and a list's first option (1、, 1.)
_BOX_LEADS_OPTION = re.compile(f"[{vocab.BOX}{vocab.TICK}]\\d")
_FIRST_OPTION = re.compile(r"^\s*[1一][、.．)]")
# a page's number as a document site's preview runs it into the page's text, with its print time, or a pager
_SPACED_PAGE_MARK = re.compile(
    r"第 ?\d+ ?页(?: ?[,，/]? ?共 ?\d+ ?页)?(?: *(?:打印时间|打印日期|制表时间|导出时间) ?[:：] ?\d{4}-\d{1,2}-\d{1,2}(?: \d{1,2}:\d\d)?)?"
    r"|上一页(?: \d+)* 下一页")


def _join_spaced_characters(cells: list[str]) -> list[str]:
    """A label written down a narrow cell one character a line, which a preview's text gives as single
    characters one space apart (`产 出 指 标`, `绩 效 指 标`, `满 意 度 指 标`): one cell, when the characters
    read together are a level name, a block label or a label."""
    out: list[str] = []
    i = 0
    while i < len(cells):
        j = i
        while j < len(cells) and _ONE_CJK.fullmatch(cells[j]):
            j += 1
        if j - i >= _VERTICAL_MIN:
            # the longest run from i that reads as one label, then what follows it
            for end in range(j, i + _VERTICAL_MIN - 1, -1):
                word = "".join(cells[i:end])
                if _reads_as_label(word):
                    out.append(word)
                    i = end
                    break
            else:
                out.append(cells[i])
                i += 1
            continue
        out.append(cells[i])
        i += 1
    return out


# a label down a narrow cell has this many characters at least
_VERTICAL_MIN = 2


# a piece of a label a narrow cell wrapped (六、项 / 目总体 / 绩效目 / 标) is this short at most, and a label
# is wrapped into this many pieces at most
_WRAPPED_PIECE = 5
_WRAPPED_PIECES = 5


_WORDS = re.compile(r"[\u4e00-\u9fff]+")
_WRAPPED_MIN = 3


def _wrapped_at_one_width(pieces: list[str]) -> bool:
    """Pieces of one text wrapped at a column's width (七、项 / 目支出 / 预算明 / 细): three or more, all as
    long as the first but the last, which is shorter (the text ends there)."""
    widths = [len(vocab.key(p)) for p in pieces]
    return len(pieces) >= _WRAPPED_MIN and all(w == widths[0] for w in widths[:-1]) and widths[-1] < widths[0]


def _join_label_pieces(cells: list[str]) -> list[str]:
    """A numbered label a narrow cell wrapped, its lines one space apart like cells (`六、项 目总体 绩效目 标`):
    one cell, when the pieces read together are a label (六、项目总体绩效目标) and none of them alone is
    one (年度 总体 目标 is left to the parser, which reads such pieces as they stand); or, a heading the
    vocabulary does not know, when the pieces are wrapped at one width (七、项 目支出 预算明 细)."""
    return _join_runs(cells, _WRAPPED_PIECES, _numbered_label_head, _label_pieces_whole)


def _numbered_label_head(cell: str) -> bool:
    return (len(vocab.key(cell)) <= _WRAPPED_PIECE and vocab.OPTION_NUMBER.match(cell) is not None
            and vocab.header_field(cell) is None)


def _label_pieces_whole(pieces: list[str]) -> bool:
    if any(len(vocab.key(p)) > _WRAPPED_PIECE or not _WORDS.fullmatch(p) or vocab.header_field(p)
           for p in pieces[1:]) or not _WORDS.fullmatch(vocab.OPTION_NUMBER.sub("", pieces[0])):
        return False
    label = vocab.header_field("".join(pieces))
    return (label is not None and not label.soft) or _wrapped_at_one_width(pieces)


# a text whose table rows are cells one space apart: this many such lines
_SPACED_MIN_LINES = 5
_SPACED_MIN_LABELLED = 3
_SPACED_ROW = re.compile(r"^\S+(?: \S+)+$")


def _spaced_rows(lines: list[str]) -> int:
    return sum(1 for ln in lines if _SPACED_ROW.match(ln.strip()) and len(ln) < _RUN_ON_SPACED_LENGTH)


def _labelled_row(first: str) -> bool:
    """A row's first cell says what the row is: a label, a column header, or a 一级 name heading an indicator
    row (a budget system's export repeats it on every row: `产出指标 数量指标 某某 2 15`)."""
    return bool(vocab.header_field(first) or vocab.column_role(first) or vocab.level1_of(first))


def _is_single_spaced(lines: list[str]) -> bool:
    """Rows of cells one space apart: enough lines of space-separated words, of which several
    start with a label (项目名称 某某 …), not text that happens to hold spaces."""
    rows = [ln.strip() for ln in lines if _SPACED_ROW.match(ln.strip()) and len(ln) < _RUN_ON_SPACED_LENGTH]
    # (or ends with an indicator's target: a budget system's tree, 疫苗使用率 ≥95%, its rows a name and a figure; a
    # value alone with a space inside, ≥ 95%, one cell a line, is no such row)
    labelled = sum(1 for ln in rows if _labelled_row(ln.split(" ", 1)[0]) or (
        _TARGET_WORD.match(ln.rsplit(" ", 1)[1]) and not _VALUE_START.match(ln)))
    return len(rows) >= _SPACED_MIN_LINES and labelled >= _SPACED_MIN_LABELLED


def _name_goes_on(above: list[Cell], parts: list[str]) -> bool:
    """A row of two cells one space apart (a piece, a value) under an indicator's row that has no value (…二级 |
    name): the piece is the rest of that name when the name reads as none of a value, a level or a label and is
    no short word, and the piece reads as neither either."""
    name = above[-1].text
    if _VALUE_START.match(name) or len(vocab.key(name)) < _WRAPPED_NAME_MIN or not vocab.level2_of(above[-2].text):
        return False
    piece = parts[0]
    return not (vocab.level1_of(name) or vocab.level2_of(name) or _VALUE_START.match(piece) or vocab.level1_of(piece)
                or vocab.level2_of(piece) or vocab.header_field(piece) or vocab.column_role(piece)
                or vocab.level1_of(parts[1]) or vocab.level2_of(parts[1]) or _UNFILLED_ITEM.fullmatch(vocab.key(name))
                or name.endswith(_SENTENCE_END))


# an indicator's name whose cell wrapped it is this long at least (打造某某马拉松 / 品牌赛事)
_WRAPPED_NAME_MIN = 4


# a word that is an indicator's target whole: 100%, ≥95%, ≤360万元
_TARGET_WORD = re.compile(r"^(?:[≥≤<>＞＜=≧≦﹦]=?)?\d+(?:\.\d+)?[%％]$|^[≥≤<>＞＜≧≦﹦]=?\d")


_RUN_ON_VALUE = None


def split_run_on(line: str) -> list[str]:
    """"项目名称某某项目类别本级支出项目…数量指标保洁服务面积反映保洁覆盖范围3.2万平方米按合同考核…"
    -> the cells: cut before and after each known label, column header and level name, and
    around each target (3.2万平方米, ≥95%) and description (反映…)."""
    text = unicodedata.normalize("NFKC", line.strip())
    probe = vocab.to_simplified(text)  # read in simplified characters (績效目標表), cut the text as written
    title = vocab.RUN_ON_TITLE.match(probe)  # the form's title run into the table: a cell of its own
    start = title.end() if title else 0
    cuts = {0, start, len(text)}
    table = len(text)  # where the indicator table starts: values are cut only there, not inside goals
    in_term = bytearray(len(text) + 1)  # a value never cuts into a label (总分10098项目名称: 项 is no unit there)
    for m in vocab.RUN_ON_MID_TITLE.finditer(probe, start):
        # a form's title further on (…安排，附件2某某资金绩效目标表(2025年度)项目名称…): one cell, not cut at 绩效目标
        head = _title_head(probe, m.start(), m.end())
        cuts.update((head, m.end()))
        in_term[head:m.end()] = b"\x01" * (m.end() - head)
    terms: list[runtogether.Term] = []
    for m in vocab.run_on_terms_spaced().finditer(probe, start):
        if in_term[m.start()]:
            continue
        head = _label_year(probe, max(start, m.start() - _YEAR_HEAD), m.start(), m.end())
        cuts.update((head, m.end()))
        in_term[head:m.end()] = b"\x01" * (m.end() - head)
        term = probe[head:m.end()].replace(" ", "")
        terms.append(runtogether.Term(head, m.end(), term))
        if table == len(text) and (vocab.column_role(term) in ("level1", "level2", "name")
                                   or vocab.level1_of(term) or vocab.level2_of(term)):
            table = m.start()  # a column header, or a level's name (a page that goes on with the table)
    terms = _bare_level2_after_level1(probe, terms, cuts, in_term)
    remark = runtogether.stock_remark(probe[table:]) if table < len(probe) else None
    terms = _bare_level2_after_remark(probe, terms, cuts, in_term, table, remark)
    _bare_level2_after_score(probe, terms, cuts, in_term, table)
    # what the row grammar decides (column headers, target values, scores, money figures): it goes first
    grammar = runtogether.grammar_cuts(probe, terms, table, remark=remark)
    cuts -= grammar.drop
    cuts |= grammar.add
    repeated: list[tuple[int, int]] = []
    for m in _repeated_value().finditer(probe, table):
        # a value written twice (0起0起, 10个10个: a 自评表's target and its actual): cut around each copy,
        # though a digit follows the first (the value pattern keeps 2021年12月 whole so)
        half = m.start() + len(m.group(1))
        if not in_term[m.start()] and not in_term[half] and not grammar.covers(m.start()):
            cuts.update((m.start(), half, m.end()))
            repeated.append((m.start(), m.end()))
    for m in _run_on_value().finditer(probe, table):
        if any(a <= m.start() < b for a, b in repeated):
            continue
        end = m.end()
        while end > m.start() and in_term[end - 1]:
            end -= 1  # the unit the value took is the head of a label: the value ends before it
        if end > m.start() and not in_term[m.start()] and not grammar.covers(m.start()):
            cuts.update((m.start(), end))
    for m in vocab.RUN_ON_DESCRIPTION.finditer(probe, table):
        if not grammar.covers(m.start()):
            cuts.add(m.start())
    cuts.update((0, len(text)))
    for a, b in pairwise(sorted(cuts)):
        if (a >= table or _TWO_GRADES.fullmatch(text[a:b].strip())) and not in_term[a]:
            # (before the first level name: a page that goes on with the row the page before cut, 3、高高…)
            cuts.update(_repeated_value_cuts(text, a, b))
    points = sorted(cuts)
    out: list[str] = []
    for a, b in pairwise(points):
        if p := text[a:b].strip(" :"):
            if p == "*":
                continue  # 一级指标*二级指标*: a required column's mark after its header, no cell
            if out and _UNIT_SIGN.match(p):
                out[-1] += p  # 服务对象满意度%=99: the name's percent sign, cut off between a term and a value
            else:
                out.append(p)
    return out


def _bare_level2_after_level1(probe: str, terms: list[runtogether.Term], cuts: set[int],
                              in_term: bytearray) -> list[runtogether.Term]:
    """A 一级 name run into a 二级 written bare (效益指标经济效益新增床位收入…): a new 一级's rows start with their
    own 二级, so a bare 二级 of that 一级 right after it is a level name too (elsewhere a short bare name stands
    inside names, 设施运行可持续性, and is no term)."""
    out: list[runtogether.Term] = []
    for i, t in enumerate(terms):
        out.append(t)
        level1 = vocab.level1_of(t.text)
        nxt = terms[i + 1].start if i + 1 < len(terms) else len(probe)
        if level1 is None or nxt == t.end:
            continue
        m = vocab.run_on_bare_level2().match(probe, t.end)
        if m is None or m.end() >= nxt or vocab.LEVEL2_PARENT.get(vocab.level2_of(m.group()) or "") != level1:
            continue
        cuts.add(m.end())
        in_term[m.start():m.end()] = b"\x01" * (m.end() - m.start())
        out.append(runtogether.Term(m.start(), m.end(), m.group()))
    return out


def _bare_level2_after_remark(probe: str, terms: list[runtogether.Term], cuts: set[int], in_term: bytearray,
                              table: int, remark: str | None) -> list[runtogether.Term]:
    """A 二级 written bare right after the words a 自评表's last column repeats in every row (…1000件达成预期指标
    产出质量森林火灾…, 蔡甸's 自评表): a new row starts there with its 二级, when it belongs to the 一级 the table is
    under (成本 / 产出成本 under 产出指标: the pre-2021 tree)."""
    if remark is None:
        return terms
    level1: str | None = None
    bounds = sorted(terms, key=lambda t: t.start)
    k = 0
    out = list(terms)
    at = probe.find(remark, table)
    while at >= 0:
        end = at + len(remark)
        while k < len(bounds) and bounds[k].start < end:
            level1 = vocab.level1_of(bounds[k].text) or level1
            k += 1
        m = _bare_level_after_score().match(probe, end)
        if m is not None and not in_term[end] and level1 is not None:
            parent = vocab.LEVEL2_PARENT.get(vocab.level2_of(m.group()) or "") or vocab.level1_of(m.group())
            if parent == level1 or (parent == vocab.COST_LEVEL1 and level1 == _OUTPUT_LEVEL1):
                cuts.update((m.start(), m.end()))
                in_term[m.start():m.end()] = b"\x01" * (m.end() - m.start())
                out.append(runtogether.Term(m.start(), m.end(), m.group()))
        at = probe.find(remark, end)
    return sorted(out, key=lambda t: t.start)


def _bare_level2_after_score(probe: str, terms: list[runtogether.Term], cuts: set[int], in_term: bytearray,
                             table: int) -> None:
    """A 二级 written bare right after the figure that ended the row above (…专款专用10成本每年财政补助…,
    …10时效1年…, 襄阳's 自评表): a new row starts there with its 二级, when it belongs to the 一级 the table is
    under (elsewhere a short bare name stands inside names and is no term)."""
    level1: str | None = None
    bounds = sorted((t.start, t.end, t.text) for t in terms)
    k = 0
    for m in _bare_level_after_score().finditer(probe, table):
        while k < len(bounds) and bounds[k][0] < m.start():
            level1 = vocab.level1_of(bounds[k][2]) or level1
            k += 1
        parent = vocab.LEVEL2_PARENT.get(vocab.level2_of(m.group()) or "") or vocab.level1_of(m.group())
        if (m.start() == 0 or not probe[m.start() - 1].isdigit() or in_term[m.start()] or level1 is None
                or (parent != level1 and not (parent == vocab.COST_LEVEL1 and level1 == _OUTPUT_LEVEL1))):
            continue  # (成本 under 产出指标: the pre-2021 tree's 二级)
        cuts.update((m.start(), m.end()))
        in_term[m.start():m.end()] = b"\x01" * (m.end() - m.start())


_OUTPUT_LEVEL1 = "产出指标"
_BARE_AFTER_SCORE: re.Pattern[str] | None = None


def _bare_level_after_score() -> re.Pattern[str]:
    """The bare 二级 names, and 成本 (the pre-2021 tree's 二级 under 产出指标, written bare)."""
    global _BARE_AFTER_SCORE
    if _BARE_AFTER_SCORE is None:
        cost = vocab.COST_LEVEL1.removesuffix("指标")
        _BARE_AFTER_SCORE = re.compile(f"{vocab.run_on_bare_level2().pattern}|{cost}(?!指标)")
    return _BARE_AFTER_SCORE
# a value written twice at the end of a run-on piece (the target and the actual of a 自评表 row, then maybe the
# row's score): 保证财政建设补助专款专用专款专用专款专用10, 同比2022年销量显著提高显著提高
_REPEAT_MIN, _REPEAT_MAX = 2, 10
_TWO_GRADES = re.compile(r"(.)\1")  # 高高 (checked against the grades in _repeated_value_cuts)
_SCORE_TAIL = re.compile(r"\d{1,3}(?:\.\d{1,2})?$")


def _repeated_value_cuts(text: str, a: int, b: int) -> set[int]:
    """Where a run-on piece holding a name, a value written twice and maybe a score is cut: before each copy
    of the value and before the score; nothing when no value repeats at its end."""
    piece = text[a:b]
    score = _SCORE_TAIL.search(piece)
    body = piece[:score.start()] if score else piece
    for w in range(min(_REPEAT_MAX, len(body) // 2), 0, -1):
        word = body[-w:]
        if w < _REPEAT_MIN and word not in vocab.ONE_CHAR_GRADES:
            continue  # one character twice is a value twice only when it is a grade (高高)
        if body[-2 * w:-w] == word and not word.isdigit() and re.search(r"[\u4e00-\u9fff]", word):
            name_end = len(body) - 2 * w
            if 0 < name_end < _REPEAT_MIN:
                return set()  # a character or so before the copies: no name, no reading
            out = {a + name_end, a + len(body) - w}  # (nothing before them: the two values alone, 高高)
            if score:
                out.add(a + score.start())
            return out
    return set()


# what makes a number run into words a target: a comparison, or a share
_TARGET_MARK = re.compile(r"[≥≤<>=%‰]|不低于|不少于|不高于|不超过|百分")
# a piece that is only a percent sign
_UNIT_SIGN = re.compile(r"^[%‰]$")


def _title_head(probe: str, start: int, end: int) -> int:
    """Where a form's title found further on really starts: after the last target run into the words
    before it (…满意度%=99百分比省级部门预算项目支出绩效目标表: the previous form's last value and its unit
    are no part of the next form's title)."""
    head = start
    for v in _run_on_value().finditer(probe, start, end):
        # a target: its comparison or its share says so (a year, 附件2, 2023年, is the title's own)
        if v.end() > head and _TARGET_MARK.search(v.group()) and vocab.FORM_TITLE.search(probe, v.end(), end):
            head = v.end()
    if head > start:
        _unit, after = read_unit(probe, head, open_units=False)
        head = after
    return head


# a label's year run into the text before it (…使用效益。2026年度目标, 到期年度2026|2026年预算金额(元))
_YEAR_HEAD = 6
_LABEL_YEAR = re.compile(r"(?:19|20)\d\d(?:年度?)?$")


def _label_year(probe: str, lo: int, start: int, end: int) -> int:
    """Where a label found at probe[start:end] really starts: at the year run into it, when the year and
    the label read together are a label too (2026 + 年度目标, 2026年 + 预算金额); else at start."""
    m = _LABEL_YEAR.search(probe, lo, start)
    if m is None or (m.group().isdigit() and not probe.startswith("年", start)):
        return start
    joined = vocab.header_field(probe[m.start():end])
    return m.start() if joined is not None and not joined.soft and joined.year is not None else start


_REPEATED_VALUE: re.Pattern[str] | None = None


def _repeated_value() -> re.Pattern[str]:
    """A number with its unit written twice in a row (0起0起, 95%95%, 10个10个), not inside a longer number."""
    global _REPEATED_VALUE
    if _REPEATED_VALUE is None:
        from ..targets import UNITS
        units = "|".join(re.escape(u) for u in UNITS if u not in ("年", "月", "日"))
        _REPEATED_VALUE = re.compile(rf"(?<![\d.])((?:[≥≤><]=?|=)?\d+(?:\.\d+)?(?:{units}))\1(?!\d)")
    return _REPEATED_VALUE


def _run_on_value() -> re.Pattern[str]:
    global _RUN_ON_VALUE
    if _RUN_ON_VALUE is None:
        from ..targets import UNITS
        units = "|".join(re.escape(u) for u in UNITS)
        _RUN_ON_VALUE = re.compile(
            rf"(?:19|20)\d\d[-./]\d{{1,2}}(?:[-./]\d{{1,2}})?(?!\d)"  # a date (2023-01-01) is one value
            rf"|(?:[≥≤><]=?|=|不低于|不少于|不高于|不超过)?\d+(?:\.\d+)?"
            rf"(?:[%‰]|(?:万?(?:{units})(?:[/／·](?:{units}))*)?(?:以上|以下|以内)?(?![\d年月日号]))")  # a percent ends its value
    return _RUN_ON_VALUE


# a line this long with this many single spaces is a table run together (cells one space apart)
_RUN_ON_LENGTH = 200
# ... or a shorter one holding this many labels, column headers and level names (the rest of a table
# run together after a line break: 年度绩效指标一级指标二级指标…)
_RUN_ON_SHORT = 40
_RUN_ON_SHORT_TERMS = 6


def _run_on_terms_in(line: str) -> int:
    return sum(1 for _ in vocab.run_on_terms().finditer(vocab.to_simplified(unicodedata.normalize("NFKC", line))))

_RUN_ON_GAPS = 8
# a document site's preview gives each page of the document one line, numbered (`2、100%质量 指标…`): after
# a run-together page the next numbered one is run together too, whatever spaces its cells keep
_RUN_ON_PAGE = re.compile(r"^\s*\d{1,3}、")
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


def _md_parts(line: str) -> list[str]:
    """A Markdown table row `| a |  | b |` -> its cells between the outer bars, empty ones kept."""
    s = line.strip()
    if not (s.startswith(("|", "｜")) and s.endswith(("|", "｜"))) or len(s) < 2:
        return []
    return re.split(r"[|｜]", s[1:-1])


def _md_grid(lines: list[str]) -> int | None:
    """The cell count of a Markdown table (a `|---|---|` rule under its first row, every row between outer
    bars with as many cells), else None."""
    if not any(_MD_RULE.match(ln) and "-" in ln for ln in lines):
        return None
    counts: dict[int, int] = {}
    for ln in lines:
        if ln.strip() and not _MD_RULE.match(ln) and (parts := _md_parts(ln)):
            counts[len(parts)] = counts.get(len(parts), 0) + 1
    if not counts:
        return None
    n, hits = max(counts.items(), key=lambda kv: kv[1])
    return n if n >= 4 and hits >= _GRID_SHARE * sum(counts.values()) else None


def _tab_grid(lines: list[str]) -> int | None:
    """The field count of a spreadsheet copy (every row as many tabs), else None."""
    tabs = Counter(map(str.count, lines, repeat("\t")))  # (tabs a line, counted in C: this runs on every text)
    tabs.pop(0, None)  # lines with no tab
    if not tabs:
        return None
    n, hits = max(tabs.items(), key=lambda kv: kv[1])
    return n + 1 if n + 1 >= 4 and hits >= _GRID_SHARE * sum(tabs.values()) else None


def read(path: Path) -> RawDocument:
    data = path.read_bytes()
    if not data.strip():
        raise EmptyFile("empty file")
    text = decode(data)
    if not text.strip():
        raise EmptyFile("no text in file")
    with paused():  # cells and rows hold no cycles (gcpause)
        return read_text(text, str(path))
