"""Consistency (适当性): periods, units, levels, annual vs period, directions, duplicates."""

from __future__ import annotations

import re
from functools import lru_cache

from ..memo import memo
from ..units import is_count_unit
from ..vocab import LEVEL2_PARENT, MONEY_FACTOR, PERSON_UNITS, SESSION_UNITS, UNIT_FAMILY
from . import check
from ._util import family, has_any, name_key, name_unit, num, shown, values, where

_BOUND_BELOW = ("≥", ">", "=")
_AT_LEAST = ("≥", ">")
# a minus sign before the number (targets read numbers without their sign): -5%, ≥－3%
_NEGATIVE = re.compile(r"(?:^|[≥≤=<>＞＜≧≦\s:：])[-−－]\s*\d")
# a value counted in these under 质量指标 is a headcount, whatever the name
_HEADCOUNT_UNITS = PERSON_UNITS | SESSION_UNITS | {"户", "户次", "家", "家次"}


@check("invalid_period", "error")
def invalid_period(r, s):
    """period_start after period_end, or budget_year outside period_start..period_end."""
    a, b, y = r.period_start, r.period_end, r.budget_year
    if a is not None and b is not None and a > b:
        yield "period_start", f"实施周期起始年度 {a} 晚于到期年度 {b}，请更正实施周期"
        return
    if y is None:
        return
    if (a is not None and y < a) or (b is not None and y > b):
        span = f"{a if a is not None else '?'}–{b if b is not None else '?'}"
        yield "budget_year", f"预算年度 {y} 不在实施周期 {span} 内，请核对实施周期或预算金额的年度"


# ------------------------------------------------------------------ units


@lru_cache(maxsize=16)
def _unit_rules(rules: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...] | None], ...]:
    out = []
    for rule in rules:
        suffix, _, units = rule.partition("=")
        allowed = None if units.strip() == "*" else tuple(u.strip() for u in units.split("|") if u.strip())
        out.append((name_key(suffix), allowed))
    return tuple(sorted(out, key=lambda x: -len(x[0])))


@memo
def expected_units(name: str, rules: tuple[str, ...]) -> tuple[str, ...] | None:
    """The units an indicator's name calls for (None: no rule, any unit)."""
    declared = name_unit(name)
    if declared:
        if declared in MONEY_FACTOR:
            return tuple(MONEY_FACTOR)
        fam = family(declared)
        return (declared,) + tuple(u for u, f in UNIT_FAMILY.items() if f == fam and u != declared)
    k = name_key(name)
    for suffix, allowed in _unit_rules(rules):
        if suffix and k.endswith(suffix):
            return allowed
    return None


@check("unit_mismatch", "warning")
def unit_mismatch(r, s):
    """The unit of a value contradicts the indicator's name (…户数 in 人, …率 not in %, 费用 not in 元)."""
    for n, ind in enumerate(r.indicators):
        allowed = expected_units(ind.name, s.unit_rules)
        if not allowed:
            continue
        for field, text, t in values(ind):
            if t is None or not t.unit:
                continue
            if t.unit in allowed or t.unit.split("/")[0] in allowed:
                continue
            yield where(n, field), f"{ind.name} 的单位应为“{allowed[0]}”，填写为“{text}”"
            break


# ------------------------------------------------------------------ levels


@check("misclassified_indicator", "warning")
def misclassified_indicator(r, s):
    """A 二级 under the wrong 一级, or a 三级 whose meaning contradicts its 二级 (a headcount under 质量指标)."""
    seen: set[tuple[str, str]] = set()
    for n, ind in enumerate(r.indicators):
        parent = LEVEL2_PARENT.get(ind.level2)
        if parent and ind.level1 and parent != ind.level1:
            if (ind.level1, ind.level2) not in seen:
                seen.add((ind.level1, ind.level2))
                yield where(n, "level2"), (f"二级指标“{ind.level2}”应属于一级指标“{parent}”，"
                                           f"现列在“{ind.level1}”下，请调整指标层级")
            continue
        t = ind.annual_target or ind.period_target
        unit = t.unit if t else None
        value = ind.annual_value or ind.period_value or ""
        k = name_key(ind.name)
        # a count of bad events kept at or under a ceiling (食品安全事故 0次, 投诉 ≤2次) measures quality
        ceiling = t is not None and (t.value == 0 or t.op in ("≤", "<"))
        if (ind.level2 == "质量指标" and not has_any(k, s.quality_measure_words)
                and not ceiling and not has_any(k, s.negative_words)
                and (unit in _HEADCOUNT_UNITS or (is_count_unit(unit) and k.endswith(s.headcount_words)))):
            yield where(n, "name"), (f"质量指标下的“{ind.name}”（{value}）是人数/次数类数量指标，"
                                     f"应列入“数量指标”，或改为合格率、达标率等质量指标")
        elif "满意" in k and ind.level1 and ind.level1 != "满意度指标":
            yield where(n, "name"), f"“{ind.name}”是满意度指标，现列在“{ind.level1}”下，应列入“满意度指标”"
        elif (ind.level1 == "满意度指标" and is_count_unit(unit)
              and not has_any(k, ("满意", "认可", "评价", "好评", "满意率"))):
            yield where(n, "name"), (f"满意度指标下的“{ind.name}”（{value}）不是满意度，"
                                     f"请改列到产出或效益指标，或改为满意度（%）")
        elif (ind.level1 == "成本指标" and is_count_unit(unit) and "元" not in value
              and not has_any(k, ("成本", "费用", "经费", "金额", "资金", "预算", "标准", "价"))):
            yield where(n, "name"), (f"成本指标下的“{ind.name}”（{value}）不是金额，"
                                     f"应列入产出指标，成本指标请以元为单位填写")


# ------------------------------------------------------------------ annual vs period


def is_cumulative(ind, unit: str | None, s) -> bool:
    """A count that adds up over the years: 场, 人次, 户 ... not %, not a rate, not an average or per-unit."""
    if not unit or "/" in unit or not is_count_unit(unit):
        return False
    k = name_key(ind.name)
    return not (k.endswith(("率", "度", "比例", "占比", "标准")) or has_any(k, s.average_words))


@check("annual_exceeds_period", "error")
def annual_exceeds_period(r, s):
    """For a cumulative count, the 年度 target exceeds the 实施周期 target."""
    for n, ind in enumerate(r.indicators):
        a, p = ind.annual_target, ind.period_target
        if a is None or p is None or not ind.has_period_column:
            continue
        # (the figures first: most years' targets are within the period's, and that costs no word lookup)
        if not (a.op in _BOUND_BELOW and p.op in _BOUND_BELOW and a.value > p.value):
            continue
        if family(a.unit) == family(p.unit) and is_cumulative(ind, a.unit, s):
            yield where(n), (f"{ind.name} 的年度指标值 {ind.annual_value} 超过实施周期指标值 {ind.period_value}，"
                             f"年度目标不应大于整个实施周期的累计目标，请核对")


# ------------------------------------------------------------------ direction and range


@check("operator_direction_wrong", "warning")
def operator_direction_wrong(r, s):
    """A negative indicator (逾期, 差错, 投诉, 事故, 成本, 费用) with ≥, or a rate with ≥ above 100."""
    for n, ind in enumerate(r.indicators):
        a, p = ind.annual_target, ind.period_target
        if not ((a is not None and a.op in _AT_LEAST) or (p is not None and p.op in _AT_LEAST)):
            continue
        k = name_key(ind.name)
        negative = (has_any(k, s.negative_words) and not has_any(k, s.negative_exempt_words)
                    and not has_any(k, s.income_words))
        for field, text, t in values(ind):
            if t is None or t.op not in ("≥", ">"):
                continue
            if negative:
                yield where(n, field), (f"{ind.name} 是反向指标（越低越好），指标值“{text}”却使用“{t.op}”，"
                                        f"请改为“≤”并核对数值")
                break
            if t.unit == "%" and t.value > 100 and not has_any(k + text, s.growth_words):
                yield where(n, field), (f"{ind.name} 的指标值“{text}”要求不低于{num(t.value)}%，比例不可能超过100%，"
                                        f"请核对运算符或数值")
                break


@check("percent_out_of_range", "error")
def percent_out_of_range(r, s):
    """A percentage below 0 or above 100 (growth rates such as 增长率 excepted)."""
    for n, ind in enumerate(r.indicators):
        if not ((ind.annual_target and ind.annual_target.unit == "%")
                or (ind.period_target and ind.period_target.unit == "%")):
            continue  # (no value in %: nothing to ask of its texts)
        for field, text, t in values(ind):
            if t is None or t.unit != "%" or (0 <= t.value <= 100 and not _NEGATIVE.search(text)):
                continue
            if not has_any(ind.name, s.growth_words) and not has_any(text, s.growth_words):
                yield where(n, field), f"{ind.name} 的指标值“{text}”超出0–100%的范围，请更正百分比"
                break


@check("duplicate_indicator", "warning")
def duplicate_indicator(r, s):
    """The same 三级指标 twice under one 二级指标."""
    first: dict[tuple[str, str, str], int] = {}
    for n, ind in enumerate(r.indicators):
        k = (ind.level1, ind.level2, name_key(ind.name))
        if not k[2]:
            continue
        if k in first:
            yield where(n, "name"), (f"{ind.level2}下“{ind.name}”重复出现（第{first[k] + 1}项与第{n + 1}项），"
                                     f"请合并或删除重复的指标")
        else:
            first[k] = n


@check("participation_inconsistent", "info")
def participation_inconsistent(r, s):
    """Sessions × average attendance implies more participants than the total participants target."""
    sessions = avg = total = None
    for n, ind in enumerate(r.indicators):
        t = ind.annual_target
        if t is None or t.op not in _BOUND_BELOW or not t.unit:
            continue
        k = name_key(ind.name)
        if ind.level2 == "数量指标" and t.unit in SESSION_UNITS and not has_any(k, s.average_words):
            if sessions is None or t.value > sessions[1].value:
                sessions = (n, t)
        elif t.unit in PERSON_UNITS and has_any(k, s.average_words) and has_any(k, ("场", "次", "活动", "期")):
            avg = avg or (n, t)
        elif (t.unit in PERSON_UNITS and has_any(k, s.participant_words) and not has_any(k, s.average_words)
              and k.endswith(("人数", "人次", "人数量")) and (total is None or t.value > total[1].value)):
            total = (n, t)  # the largest: 购买服务人数 7人 is not the participants total
    if not (sessions and avg and total):
        return
    implied = sessions[1].value * avg[1].value
    if implied > total[1].value:
        yield where(total[0]), (
            f"{r.indicators[sessions[0]].name} {shown(sessions[1])} × {r.indicators[avg[0]].name} {shown(avg[1])} "
            f"= {num(implied)}人次，多于{r.indicators[total[0]].name} {shown(total[1])}，请核对参与人数目标")
