"""Read an indicator value as one target: "≥50场" -> Target("≥", 50, "场").

Rules (contract, "Reading a value as a target"):
- op from ≥ >= ＞= 不低于 不少于 至少 / trailing 以上 (≥); ≤ <= 不高于 不超过 不多于 /
  trailing 以下 以内 (≤); > <; a plain number is "=".
- value: thousands separators dropped; Chinese numerals (五, 十二) read as numbers.
- unit: right after the number (元, 万元, 元/户, 元/队/场次, 人次, %, ...); words after it
  are not part of it.
- text before the operator or number is allowed.
- two or more numbers that are not one target, or no number at all -> None.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .models import Target

# Units, longest first so that 人次 wins over 人 and 万元 over 万.
UNITS = sorted(
    """元 万元 亿元 千元 % ‰ 人 人次 万人次 万人 名 位 户 家 个 场 场次 次 期 批 份 种 项 件 套 台 辆 座 处 所 支
    队 组 班 篇 本 册 部 条 张 份次 天 日 小时 分钟 周 月 个月 年 季度 亩 公顷 平方米 ㎡ 平米 米 公里 千米 km
    吨 千克 公斤 斤 株 棵 头 只 艘 间 栋 幢 户次 人日 课时 学时 节 堂 轮 类 家次 村 镇 社区 宗 单 起 例 笔 元/人
    台套 人/次 个百分点 百分点 分 星 级 平方公里 立方米 m2 m3 km2 m""".split(),  # noqa: SIM905  (㎡ is m2 after NFKC)
    key=len,
    reverse=True,
)
_UNIT_ALT = "|".join(re.escape(u) for u in UNITS)
_PER_UNIT = "|".join(re.escape(u) for u in UNITS if u not in ("%", "‰"))

_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_MULT = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_CN_NUM = "[零〇一二两三四五六七八九十百千]+"

_GE_WORDS = "不低于|不少于|至少|不小于|大于等于|高于等于|≥|>=|=>"
_LE_WORDS = "不高于|不超过|不多于|不大于|小于等于|低于等于|控制在|≤|<=|=<"
_GT_WORDS = "大于|多于|超过|高于|>"
_LT_WORDS = "小于|少于|低于|<"
_OP = rf"(?P<op>{_GE_WORDS}|{_LE_WORDS}|{_GT_WORDS}|{_LT_WORDS}|=|等于)"

_NUMBER = r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|\d*\.\d+)"
_CN = rf"(?P<cn>{_CN_NUM})"
# 万/亿 before any unit is part of it: 2万亩, 3.5万平方米, 1.2亿元
_UNIT_BODY = rf"(?:[万亿]?(?:{_UNIT_ALT}))(?:/(?:{_PER_UNIT}))*"
_TRAIL = r"(?:\(含\))?(?P<trail>以上|以下|以内|及以上|及以下|或以上|或以下)?"  # 90%(含)以上

# a number (arabic, or Chinese numerals followed by a unit), with the op before it
_TARGET = re.compile(
    rf"{_OP}?\s*(?:{_NUMBER}\s*(?P<unit>{_UNIT_BODY})?|{_CN}\s*(?P<cnunit>{_UNIT_BODY}))\s*{_TRAIL}"
)

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


_UNIT_ONLY = re.compile(rf"^(?:{_UNIT_BODY})$")


def is_unit(text: str | None) -> bool:
    """Whether a cell is a bare unit: 场, 元/户, 元/队/场次, %."""
    return bool(text) and bool(_UNIT_ONLY.match(unicodedata.normalize("NFKC", text).strip()))


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


@lru_cache(maxsize=4096)
def parse_target(value: str | None) -> Target | None:
    """The value as one target, or None (no number, or several numbers)."""
    if not value:
        return None
    t = normalize_ops(value)
    t = re.sub(r"(?<=\d)\s+(?=\d)", "", t)  # "1 000"
    matches = [m for m in _TARGET.finditer(t) if m.group("num") or m.group("cn")]
    if len(matches) != 1:
        return None
    m = matches[0]
    if m.group("num"):
        raw = m.group("num").replace(",", "")
        num: float | int = float(raw)
        if num.is_integer():
            num = int(num)
    else:
        n = cn_to_number(m.group("cn"))
        if n is None:
            return None
        num = n
    unit = m.group("unit") or m.group("cnunit")
    op_word = m.group("op")
    trail = m.group("trail")
    if trail in ("以上", "及以上", "或以上"):
        op = "≥"
    elif trail in ("以下", "以内", "及以下", "或以下"):
        op = "≤"
    elif op_word:
        op = _OP_CANON[op_word]
    else:
        op = "="
    return Target(op=op, value=num, unit=unit)


def has_number(value: str | None) -> bool:
    if not value:
        return False
    return bool(_NUMERIC_WORDS.search(value)) or bool(_TARGET.search(normalize_ops(value)))


def numbers_with_units(value: str | None) -> list[tuple[float, str | None]]:
    """Every (number, unit) in a compound value, in order: for cost reconciliation.

    "配置6名助理社会工作者103157元/年及1名社会工作者128458元/年"
    -> [(6, "名"), (103157, "元/年"), (1, "名"), (128458, "元/年")]"""
    if not value:
        return []
    t = normalize_ops(value)
    out: list[tuple[float, str | None]] = []
    for m in _TARGET.finditer(t):
        if m.group("num"):
            out.append((float(m.group("num").replace(",", "")), m.group("unit")))
        elif m.group("cn"):
            n = cn_to_number(m.group("cn"))
            if n is not None:
                out.append((float(n), m.group("cnunit")))
    return out


def has_explicit_operator(value: str | None) -> bool:
    """Whether the value states a bound (≥ ≤ > < = or words such as 以上, 不少于)."""
    if not value:
        return False
    t = normalize_ops(value)
    return bool(re.search(rf"{_GE_WORDS}|{_LE_WORDS}|{_GT_WORDS}|{_LT_WORDS}|=|以上|以下|以内|等于", t))
