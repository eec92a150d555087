"""Small helpers shared by the checks: value iteration, name keys, number formatting."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..memo import MEMO_SIZE, memo
from ..models import Indicator, Record, Target
from ..targets import is_unit
from ..vocab import MONEY_FACTOR, UNIT_FAMILY, key

_PAREN_TAIL = re.compile(r"\(([^()]*)\)$")


def where(i: int, field: str = "annual_value") -> str:
    return f"indicators[{i}].{field}"


def values(ind: Indicator) -> tuple[tuple[str, str, Target | None], ...]:
    """(field, text, target) of the annual value, then of the period value when it
    differs from the annual one (so one mistake written twice is reported once). A tuple, not
    a generator: six checks ask it of every indicator."""
    a = ind.annual_value.strip() if ind.annual_value else ""
    p = ind.period_value.strip() if ind.period_value else ""
    annual = ("annual_value", a, ind.annual_target)
    if p and key(p) != key(a):
        period = ("period_value", p, ind.period_target)
        return (annual, period) if a else (period,)
    return (annual,) if a else ()


@memo
def name_key(name: str | None) -> str:
    """The name for matching words: NFKC, no spaces, no trailing （%） or （份）."""
    k = key(name)
    while True:
        m = _PAREN_TAIL.search(k)
        if not m or m.start() == 0:
            return k
        k = k[: m.start()]


def name_unit(name: str | None) -> str | None:
    """A unit the name itself states: 覆盖率（%） -> %, 项目总结报告（份） -> 份."""
    m = _PAREN_TAIL.search(key(name))
    if m and is_unit(m.group(1)):
        return m.group(1)
    return None


@lru_cache(maxsize=256)
def _words_re(words: tuple[str, ...]) -> re.Pattern[str] | None:
    alts = sorted({key(w) for w in words if key(w)}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, alts))) if alts else None


# a vocabulary tuple (the settings' word lists, a module's constants) -> its pattern, by the tuple's
# identity: hashing the tuple for _words_re hashes every word again, on every indicator of every check
_BY_IDENTITY: dict[int, tuple[tuple[str, ...], re.Pattern[str] | None]] = {}


def _pattern(words: Iterable[str]) -> tuple[re.Pattern[str] | None, bool]:
    """The words' pattern, and whether the registry holds the tuple (so its id stays its own)."""
    if type(words) is not tuple:
        return _words_re(tuple(words)), False
    hit = _BY_IDENTITY.get(id(words))
    if hit is not None and hit[0] is words:  # the entry holds the tuple: its id is not reused meanwhile
        return hit[1], True
    rx = _words_re(words)
    if len(_BY_IDENTITY) >= MEMO_SIZE:
        return rx, False
    _BY_IDENTITY[id(words)] = (words, rx)
    return rx, True


# (text, a registered vocabulary tuple's id) -> has_any's answer: several checks ask the same name about
# the same words. Only for tuples _BY_IDENTITY holds (never dropped), so an id stays its tuple's.
_ANSWERS: dict[tuple[str | None, int], bool] = {}
_ANSWERS_MAX = 8 * MEMO_SIZE  # then the answers start again


def has_any(text: str | None, words: Iterable[str]) -> bool:
    """Whether the text (NFKC, spaces ignored) contains one of the words."""
    asked = (text, id(words))
    found = _ANSWERS.get(asked)
    if found is not None:
        return found
    rx, held = _pattern(words)
    found = bool(rx and rx.search(key(text)))
    if held:
        if len(_ANSWERS) >= _ANSWERS_MAX:
            _ANSWERS.clear()
        _ANSWERS[asked] = found
    return found


def family(unit: str | None) -> str | None:
    if unit is None:
        return None
    return UNIT_FAMILY.get(unit, unit)


def yuan(target: Target | None) -> float | None:
    """The amount in 元 of a target in 元/万元 (not a per-unit cost), else None."""
    if target is None or target.unit not in MONEY_FACTOR:
        return None
    return float(target.value) * MONEY_FACTOR[target.unit]


def all_text(r: Record) -> str:
    """Every text field of a record joined (NUL between): one cheap test before per-field patterns."""
    out = [r.project_name, r.project_type, r.project_level, r.department, r.implementing_unit,
           r.goal_overall, r.goal_annual]
    for i in r.indicators:
        out += (i.name, i.annual_value, i.period_value)
    return "\x00".join(filter(None, out))


def may_be_garbled(text: str) -> bool:
    """False when no garbled pattern can match: no Latin-1 character, no U+FFFD, no (cid:, no 锟烫屯."""
    return (not text.encode("latin-1", "ignore").isascii() or "\ufffd" in text or "(cid:" in text
            or "锟" in text or "烫" in text or "屯" in text)


def money(x: float) -> str:
    """775413 -> '775,413.00元'."""
    return f"{x:,.2f}元"


def num(x: float) -> str:
    """1500.0 -> '1,500'; 2.5 -> '2.5'."""
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,}"


def shown(t: Target) -> str:
    """A target as written back: ≥50场, 90%."""
    op = "" if t.op == "=" else t.op
    return f"{op}{num(t.value)}{t.unit or ''}"


def label(r: Record, i: int) -> str:
    """How a message names indicator i: its 三级 name."""
    return r.indicators[i].name
