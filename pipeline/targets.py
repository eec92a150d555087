"""Read an indicator value as one target: "≥50场" -> Target("≥", 50, "场").

Rules (contract, "Reading a value as a target"):
- op from ≥ >= ＞= 不低于 不少于 至少 / trailing 以上 (≥); ≤ <= 不高于 不超过 不多于 /
  trailing 以下 以内 (≤); > <; a plain number is "=".
- value: thousands separators dropped; Chinese numerals (五, 十二) read as numbers.
- unit: what stands right after the number, known or not (元, 万元, 元/户, 人次, %, 块, 批次,
  眼, 延米, 人·次, 元/眼 ...); the known units (`units.py`) only decide where it ends and
  words begin (≥8个政府部门/企业支持 -> 个; 100%完成 -> %).
- text before the operator or number is allowed.
- two or more numbers that are not one target, or no number at all -> None.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .memo import memo
from .models import Target
from .units import KNOWN_UNITS, NUMERAL_UNITS, is_known_unit, read_unit

UNITS = KNOWN_UNITS  # the known units, longest first (the vocabulary lives in units.py)

# a Chinese numeral is a number only before a unit (五场, 十二个月), never in words (进一步, 统一)
_NUMERAL_UNIT_ALT = "|".join(re.escape(u) for u in NUMERAL_UNITS)

_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_MULT = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_CN_NUM = "[零〇一二两三四五六七八九十百千]+"

_GE_WORDS = "不低于|不少于|至少|不小于|大于等于|高于等于|≥|>=|=>"
_LE_WORDS = "不高于|不超过|不多于|不大于|小于等于|低于等于|控制在|≤|<=|=<"
_GT_WORDS = "大于|多于|超过|高于|>"
_LT_WORDS = "小于|少于|低于|<"
_OP = rf"(?P<op>{_GE_WORDS}|{_LE_WORDS}|{_GT_WORDS}|{_LT_WORDS}|=|等于)"

_NUMBER = r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|\d*\.\d+)"
_CN = rf"(?P<cn>{_CN_NUM})(?=\s*[万亿]?(?:{_NUMERAL_UNIT_ALT}))"
_TRAIL = re.compile(r"\s*(?:\(含\))?(?P<trail>以上|以下|以内|及以上|及以下|或以上|或以下)?")  # 90%(含)以上

# a number (arabic, or Chinese numerals followed by a unit), with the op before it; the
# unit after it is read by `units.read_unit` (known or not), then a bound word (以上)
_TARGET = re.compile(rf"{_OP}?\s*(?:{_NUMBER}|{_CN})")

_OP_CANON = {}
for _w in _GE_WORDS.split("|"):
    _OP_CANON[_w] = "≥"
for _w in _LE_WORDS.split("|"):
    _OP_CANON[_w] = "≤"
for _w in _GT_WORDS.split("|"):
    _OP_CANON[_w] = ">"
for _w in _LT_WORDS.split("|"):
    _OP_CANON[_w] = "<"
_OP_CANON["="] = "="
_OP_CANON["等于"] = "="


def is_unit(text: str | None) -> bool:
    """Whether a cell is a bare known unit: 场, 元/户, 元/队/场次, %, 人·次, or one glossed in words
    as budget systems print them (%(百分比), 人(人数))."""
    if not text:
        return False
    t = unicodedata.normalize("NFKC", text).strip()
    if is_known_unit(t):
        return True
    m = _GLOSSED_UNIT.fullmatch(t)
    return m is not None and is_known_unit(m.group(1))


# a value's unit with its name in brackets after it, at the end: ≥98%(百分比)
_GLOSS_AFTER_UNIT = re.compile(r"\d\s*(\D{1,6}?)\s*(\((?!含|及|或|以)[\u4e00-\u9fff]{1,6}\))$")
# a unit with its name in brackets after it: %(百分比)
_GLOSSED_UNIT = re.compile(r"(.{1,6}?)\s*\([\u4e00-\u9fff]{1,6}\)")


@dataclass(frozen=True, slots=True)
class _Found:
    """One number read in a value: its op word, the number, its unit and the bound after it."""

    op: str | None
    num: float | int | None  # None: a Chinese numeral that is no number
    unit: str | None
    trail: str | None


def _found(t: str) -> list[_Found]:
    """Every number in the (normalized) text, with what stands before and after it."""
    out = []
    pos = 0
    while (m := _TARGET.search(t, pos)) is not None:
        if m.group("num"):
            raw = m.group("num").replace(",", "")
            num: float | int | None = float(raw)
            if num.is_integer():
                num = int(num)
        else:
            num = cn_to_number(m.group("cn"))
        end = m.end()
        while end < len(t) and t[end].isspace():
            end += 1
        unit, end = read_unit(t, end)
        trail = _TRAIL.match(t, end)
        out.append(_Found(m.group("op"), num, unit, trail.group("trail") if trail else None))
        pos = max(end, m.end())  # a unit's own digits (m2) and numerals (个百分点) are no number
    return out


def normalize_ops(text: str) -> str:
    """Unify operator spellings (＞= ≧ ≥ ...) and full-width forms before matching."""
    t = unicodedata.normalize("NFKC", text)
    t = (t.replace("≧", "≥").replace("≦", "≤").replace("⩾", "≥").replace("⩽", "≤")
         .replace("＞", ">").replace("＜", "<").replace("＝", "="))
    t = re.sub(r">\s*=", ">=", t)
    t = re.sub(r"<\s*=", "<=", t)
    return t


def cn_to_number(s: str) -> int | None:
    """五 -> 5, 十二 -> 12, 一百零五 -> 105, 两千 -> 2000; None if not a numeral."""
    if not s:
        return None
    if all(c in _CN_DIGIT for c in s):
        if len(s) == 1:
            return _CN_DIGIT[s]
        return int("".join(str(_CN_DIGIT[c]) for c in s))
    total, section, digit = 0, 0, None
    for c in s:
        if c in _CN_DIGIT:
            digit = _CN_DIGIT[c]
        elif c in _CN_MULT:
            m = _CN_MULT[c]
            if m == 10000:
                section = (section + (digit or 0)) * m
                total += section
                section = 0
            else:
                section += (1 if digit is None else digit) * m
            digit = None
        else:
            return None
    return total + section + (digit or 0)


# Chinese numerals that are words, not numbers, when no unit follows: 一对一, 进一步, 统一
_NUMERIC_WORDS = re.compile(r"\d")


@memo
def parse_target(value: str | None) -> Target | None:
    """The value as one target, or None (no number, or several numbers)."""
    if not value:
        return None
    t = normalize_ops(value)
    t = re.sub(r"(?<=\d)\s+(?=\d)", "", t)  # "1 000"
    if t.endswith(")") and (g := _GLOSS_AFTER_UNIT.search(t)) and is_known_unit(g.group(1)):
        t = t[:g.start(2)]  # ≥98%(百分比): the unit's name in words, whose 百 is no number
    found = _found(t)
    if len(found) != 1 or found[0].num is None:
        return None
    f = found[0]
    if f.trail in ("以上", "及以上", "或以上"):
        op = "≥"
    elif f.trail in ("以下", "以内", "及以下", "或以下"):
        op = "≤"
    elif f.op:
        op = _OP_CANON[f.op]
    else:
        op = "="
    return Target(op=op, value=f.num, unit=f.unit)


def has_number(value: str | None) -> bool:
    if not value:
        return False
    return bool(_NUMERIC_WORDS.search(value)) or bool(_TARGET.search(normalize_ops(value)))


def numbers_with_units(value: str | None) -> list[tuple[float, str | None]]:
    """Every (number, unit) in a compound value, in order: for cost reconciliation.

    "配置6名助理社会工作者103157元/年及1名社会工作者128458元/年"
    -> [(6, "名"), (103157, "元/年"), (1, "名"), (128458, "元/年")]"""
    return list(_numbers_with_units(value)) if value else []


@memo
def _numbers_with_units(value: str) -> tuple[tuple[float, str | None], ...]:
    return tuple((float(f.num), f.unit) for f in _found(normalize_ops(value)) if f.num is not None)


def has_explicit_operator(value: str | None) -> bool:
    """Whether the value states a bound (≥ ≤ > < = or words such as 以上, 不少于)."""
    if not value:
        return False
    t = normalize_ops(value)
    return bool(re.search(rf"{_GE_WORDS}|{_LE_WORDS}|{_GT_WORDS}|{_LT_WORDS}|=|以上|以下|以内|等于", t))
