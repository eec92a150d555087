"""What one cell of a form says, worked out once per distinct text.

A `CellInfo` is the meaning of a text (a header label, a column header, a level
name, a title, a value class); a `Token` is one cell of a row with its place in the
grid and its span. Nothing here keeps state between rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import vocab
from ..memo import memo
from ..targets import has_number, is_unit
from ..text import clean, garbled_snippet
from ..units import names_a_count

INLINE = re.compile(r"^([^:：]{2,16})[:：]\s*(.*)$", re.DOTALL)
_HAS_DIGIT = re.compile(r"[0-9０-９]")
# a name led by an age or grade bound: 65岁以上老年人健康管理率, 7度以上抗震设防地区农房改造户数 (a value
# stops at its bound: 90%以上)
_BOUND_LED_NAME = re.compile(r"^\d+(?:\.\d+)?[^\d\s]{0,2}?(?:及以上|及以下|以上|以下|以内)[\u4e00-\u9fff]{4,}")
# a second "label：" inside an inline label's value, after white space
_NEXT_INLINE = re.compile(r"\s+([^\s:：]{2,16})[:：]")
_NAME_PREFIX = re.compile(r"^(?:指标|三级指标)\s*\d+\s*[:：.、]\s*")


@dataclass(slots=True, frozen=True)
class CellInfo:
    """What a cell's text says."""

    text: str
    markup: bool
    key: str
    role: str | None  # column header role (level1, name, annual, extra ...)
    label: vocab.Label | None  # header field label
    level1: str | None
    level2: str | None
    title: bool
    year_line: bool
    garbled: str | None  # (cid:NN), U+FFFD or mojibake found in the text
    inline_label: vocab.Label | None  # "项目名称：某某" -> the label's field
    chrome: bool  # web-page chrome or page furniture (索引号, 打印, 第1页 共2页)
    continued: bool  # （续）, （续表）: the table goes on from the page before
    money_total: bool  # 合计, 总额: the total row of a money block
    label_tail: bool  # 及编码: the end of a label broken over two lines
    total_row: bool  # 总分, 合计: a 自评表's total row, never an indicator
    scope: str | None  # 长期绩效指标 / 年度绩效指标: the scope of the block of indicators below
    block: bool  # 绩效指标: the label of the indicator block, standing before its rows
    money_hint: bool  # 单位：万元 or (万元) somewhere in the text
    heading_kind: str | None  # a short heading naming a kind of form that is refused (部门整体支出…)
    flags: int = 0  # the flags below, for a row's cells at once

    def __post_init__(self) -> None:
        lab = self.label
        flags = ((MONEY_HINT if self.money_hint else 0) | (BLOCK if self.block or self.scope else 0)
                 | (SOFT if lab is not None and lab.soft else 0) | (INLINE_LABEL if self.inline_label else 0)
                 | (MONEY_TOTAL if self.money_total else 0) | (ROLE if self.role else 0)
                 | (FINDING if self.markup or self.garbled else 0) | (BOX if _BOXES.search(self.text) else 0)
                 | (WAN if "万元" in self.key else 0) | (MONITOR if vocab.MONITOR_CHOICE.match(self.key) else 0)
                 | (SIGN_OFF if vocab.SIGN_OFF.match(self.key) else 0))
        # (a label read by meaning, soft, is none inside the indicator table: 社工购买标准, 节约财政资金)
        if (self.role or (lab is not None and not lab.soft) or self.inline_label or self.title or self.year_line or self.chrome
                or self.continued or self.total_row or self.scope or self.block or self.money_hint or self.heading_kind
                or "公示" in self.text or "关于" in self.key or flags & MONITOR):
            flags |= SPECIAL
        object.__setattr__(self, "flags", flags)


# CellInfo.flags (BOX: a check box or tick mark, □ ☑ √, somewhere in the text; SPECIAL: anything the
# parser's row dispatch tests before an indicator row, a label, a column header, a title, a (续), a note
# of money, a 公示 or 关于 line, a 监控表's choice: a row of cells none of which is SPECIAL, inside an
# indicator table, is an indicator row or a note under the table, and goes there at once)
# WAN: 万元 in the text (an amount in 万元 around the form); MONITOR: a 监控表's choice (确定能, 有可能 …); SIGN_OFF:
# a line under the table that signs it off (填表人, 联系电话 …))
MONEY_HINT, BLOCK, SOFT, INLINE_LABEL, MONEY_TOTAL, ROLE, FINDING, BOX, SPECIAL = 1, 2, 4, 8, 16, 32, 64, 128, 256
WAN, MONITOR, SIGN_OFF = 512, 1024, 2048


def row_flags(toks: list[Token]) -> int:
    """The flags of a row's cells, OR-ed."""
    out = 0
    for t in toks:
        out |= t.info.flags
    return out


def has_finding(toks: list[Token]) -> bool:
    """Whether a cell of the row has markup or garbled text (its own, or the cell it was split from)."""
    for t in toks:
        if t.markup or t.info.flags & FINDING:
            return True
    return False


@memo
def info_of(raw: str) -> CellInfo | None:
    text, markup = clean(raw)
    if not text:
        return None
    k = vocab.key(text)
    if not k:
        return None
    role = vocab.column_role(text)
    label, inline = vocab.header_field(text), _inline_label(text)
    if label is not None and label.soft and inline is not None and " " in text and ":" not in k:
        label = None  # 项目名称 某某经费: a label and its value, not a money label read into the whole (…经费)
    return CellInfo(
        text, markup, k, role, label, vocab.level1_of(text),
        vocab.level2_of(text), vocab.is_form_title(text), bool(vocab.YEAR_LINE.match(k)), garbled_snippet(text),
        inline, vocab.is_chrome(k), bool(vocab.CONTINUED.search(k)),
        bool(vocab.MONEY_TOTAL.match(k)), bool(vocab.LABEL_TAIL.match(k)), bool(vocab.TOTAL_ROW.match(k)),
        None if role or "指标" not in k or len(k) > 16 else _block_scope(k),
        vocab.is_indicator_block(k), "(万元)" in k or ("单位" in k and ("单位:" in k or bool(vocab.MONEY_UNIT_LABEL.match(k)))),
        _heading_kind(k))


# a heading this short may name a kind of form with no 表 in it (部门整体支出绩效评价自评报告)
_HEADING_LENGTH = 40


def _heading_kind(k: str) -> str | None:
    if len(k) > _HEADING_LENGTH:
        return None
    pat, kind = vocab.FORM_KINDS[0]
    return kind if kind in vocab.REFUSED_KINDS and pat.search(k) else None


def _block_scope(k: str) -> str | None:
    for pat, scope in vocab.BLOCK_SCOPE:
        if pat.match(k):
            return scope
    return None


def _inline_label(text: str) -> vocab.Label | None:
    if ":" not in text and "：" not in text:
        return _spaced_label(text) if " " in text else None
    m = INLINE.match(text)
    return vocab.header_field(m.group(1)) if m and not vocab.header_field(text) else None


def _spaced_label(text: str) -> vocab.Label | None:
    """"项目名称 某某经费", "项目当年预算(万元) 25.00": a label and its value one space apart in one cell (a PDF
    viewer's text whose columns stand two spaces apart), for the fields whose value is a name or an amount."""
    m = SPACED_INLINE.match(text)
    if m is None or _BOXES.search(text):
        return None  # (部门预算 □ 切块预算 □: a check box list, no label)
    lab = vocab.header_field(m.group(1))
    if (lab is None or lab.field not in _SPACED_FIELDS or not _WORD_OR_NUMBER.search(m.group(2))
            or _firm_label(m.group(2)) or _firm_label(text)):
        return None
    return lab


def _firm_label(text: str) -> bool:
    """A label by its spelling, not one read softly into a name (某某经费 reads like a money label)."""
    lab = vocab.header_field(text)
    return lab is not None and not lab.soft


# a label, ONE space, its value (no colon)
SPACED_INLINE = re.compile(r"^([^\s:：]{2,16}) (\S.*)$", re.DOTALL)
_BOXES = re.compile(f"[{vocab.BOX}{vocab.TICK}]")
_WORD_OR_NUMBER = re.compile(r"[\u4e00-\u9fff0-9]")  # a value, not a check box (部门预算 □)
_SPACED_FIELDS = frozenset(("project_name", "department", "implementing_unit", "budget_amount"))


@dataclass(slots=True)
class Token:
    """One non-empty cell of a row."""

    text: str
    col: int | None
    span: int
    markup: bool
    info: CellInfo
    row_span: int = 1


def token(text: str, col: int | None, span: int, row_span: int = 1) -> Token | None:
    info = info_of(text)
    return None if info is None else Token(info.text, col, span, info.markup, info, row_span)


def split_inline(toks: list[Token]) -> list[Token]:
    """"主管部门：某某局" in one cell -> label and value tokens."""
    if not row_flags(toks) & INLINE_LABEL:
        return toks
    out = []
    for t in toks:
        m = (INLINE.match(t.text) or SPACED_INLINE.match(t.text)) if t.info.inline_label else None
        if m:
            value = m.group(2)
            nxt = _NEXT_INLINE.search(value)
            # "项目名称：甲项目  主管部门：某局": a second label after white space starts its own pair
            parts = [m.group(1), value[:nxt.start()], value[nxt.start():].strip()] if nxt and vocab.header_field(
                nxt.group(1)) else [m.group(1), value]
            for part in parts:
                pt = token(part, t.col, t.span, t.row_span)
                if pt is not None:
                    pt.markup = t.markup
                    out.append(pt)
        else:
            out.append(t)
    if len(out) > len(toks) and any(t.info.inline_label for t in out):
        return split_inline(out)
    return out


def indicator_name(text: str) -> str:
    """"指标1：培训人数" -> "培训人数"; "★补助特色种植面积" -> "补助特色种植面积"."""
    if text[:1] in vocab.NAME_MARKS:
        text = text.lstrip(vocab.NAME_MARKS).lstrip()
    return _NAME_PREFIX.sub("", text) if text[:1] in "指三" else text


@memo
def cell_class(text: str) -> str:
    """"op" for a 指标性质 cell (≥, 定性), "unit" for a bare unit (场, 元/户), "num" for
    text with a digit, "qual" for a qualitative value (逐步提高), "note" for an indicator's
    explanation (反映…), "name" for text that reads like a 三级指标 (…率, …水平), "word" for
    other short text, else "text"."""
    k = vocab.key(text)
    if k in vocab.NATURE_OPS:
        return "op"
    if is_unit(text):
        return "unit"
    if _BOUND_LED_NAME.match(k):
        return "name"
    if _HAS_DIGIT.search(k) or has_number(k):  # 至少十一场
        return "num"
    if vocab.QUALITATIVE_VALUE.search(k):
        return "qual"
    if vocab.EXPLANATION.match(k) and len(k) > _EXPLANATION_MIN:
        return "note"
    if vocab.INDICATOR_NAME.search(k) or names_a_count(k):
        return "name"
    return "word" if len(k) <= _WORD_LEN else "text"


# a short word with no digit (个工作日, 计划标准) may be a unit the known list lacks
_WORD_LEN = 6
# an explanation says what it reflects: longer than 反映 and a word (反映效益)
_EXPLANATION_MIN = 3
VALUE_CLASSES = frozenset(("num", "op", "unit", "qual"))


def retoken(text: str, like: Token) -> Token | None:
    """A token for part of a cell's text, standing where the cell stands."""
    info = info_of(text)
    return None if info is None else Token(info.text, like.col, like.span, like.markup, info, like.row_span)
