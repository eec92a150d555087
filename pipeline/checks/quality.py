"""Quality of targets (相关性, 具体细化): floors, operators, numbers, goals."""

from __future__ import annotations

import re

from ..targets import has_explicit_operator, has_number
from ..vocab import SESSION_UNITS, key
from . import check
from ._util import has_any, name_key, num, values, where

GOALS = {"goal_overall": "实施周期总目标", "goal_annual": "年度目标"}
_COUNTED = SESSION_UNITS | {"人次", "万人次"}
_YEARS = re.compile(r"(?:19|20)\d\d(?:年度?|-|—|–|至)?")  # 2026年 says when, not how much


def is_satisfaction(ind) -> bool:
    return "满意" in name_key(ind.name) or (ind.level1 == "满意度指标" and not ind.name)


@check("satisfaction_below_threshold", "warning")
def satisfaction_below_threshold(r, s):
    """A 满意度 target below the floor (setting satisfaction_floor, default 85%)."""
    for n, ind in enumerate(r.indicators):
        if not is_satisfaction(ind):
            continue
        for field, text, t in values(ind):
            if t is not None and t.unit == "%" and t.op in ("≥", ">", "=") and t.value < s.satisfaction_floor:
                yield where(n, field), (f"{ind.name} 的目标“{text}”低于满意度下限 {num(s.satisfaction_floor)}%，"
                                        f"请将目标提高到不低于 {num(s.satisfaction_floor)}%")
                break


@check("missing_operator", "info")
def missing_operator(r, s):
    """A quantitative target without ≥ ≤ = 以上 以下 where a bound is meant (满意度 and rates below 100%,
    counts of sessions and participants)."""
    for n, ind in enumerate(r.indicators):
        if not ((ind.annual_target and ind.annual_target.op == "=") or (ind.period_target and ind.period_target.op == "=")):
            continue  # (every value has its operator: nothing to ask)
        k = name_key(ind.name)
        for field, text, t in values(ind):
            if t is None or t.op != "=" or t.value == 0:
                continue
            bound = ((t.unit == "%" and t.value < 100) or (is_satisfaction(ind) and t.unit in ("%", "分"))
                     or (t.unit in _COUNTED and ind.level1 in ("产出指标", "效益指标")
                         and not has_any(k, s.average_words)))
            if not bound or has_explicit_operator(text):
                continue
            op = "≤" if has_any(k, s.negative_words) and not has_any(k, s.negative_exempt_words) else "≥"
            yield where(n, field), (f"{ind.name} 的指标值“{text}”没有写明“≥”或“≤”，"
                                    f"应写成如“{op}{num(t.value)}{t.unit}”，请补上运算符")
            break


@check("qualitative_target", "info")
def qualitative_target(r, s):
    """A value with no number where a quantity is expected (数量, 时效, 成本 rows)."""
    for n, ind in enumerate(r.indicators):
        if not (ind.level2 in ("数量指标", "时效指标") or ind.level1 == "成本指标"):
            continue
        for field, text, _ in values(ind):
            if not has_number(text):
                yield where(n, field), (f"{ind.level2}“{ind.name}”的指标值“{text}”没有数值，"
                                        f"请填写可衡量的定量目标（如 ≥X场、100%、X元、X月底前）")
                break


@check("input_as_output", "warning")
def input_as_output(r, s):
    """Budget execution (预算执行率, 资金到位率, 支出金额) used as a 产出 or 成本 indicator."""
    for n, ind in enumerate(r.indicators):
        if ind.level1 in ("产出指标", "成本指标") and has_any(ind.name, s.execution_words):
            yield where(n, "name"), (f"“{ind.name}”是预算执行情况，不是项目{ind.level1[:2]}，"
                                     f"请改为反映实际{ind.level1[:2]}的指标（如完成数量、单位成本）")


@check("goal_copied", "info")
def goal_copied(r, s):
    """年度目标 identical to 实施周期总目标 in a multi-year project."""
    a, b = r.period_start, r.period_end
    if a is None or b is None or b <= a or not key(r.goal_annual):
        return
    # key: NFKC, no white space (and simplified characters), remembered from the parser's cells
    if r.goal_annual == r.goal_overall or key(r.goal_annual) == key(r.goal_overall):
        yield "goal_annual", (f"年度目标与实施周期总目标（{a}–{b}年）完全相同，"
                              f"请写明{r.budget_year or '本'}年度要完成的具体目标")


@check("vague_goal", "info")
def vague_goal(r, s):
    """A goal with no number at all, only 进一步提高 / 明显改善 / 有效促进."""
    for field, label in GOALS.items():
        text = getattr(r, field)
        if not text or not has_any(text, s.vague_words) or has_number(_YEARS.sub("", key(text))):
            continue
        words = [w for w in s.vague_words if w in key(text)]
        if words:
            yield field, (f"{label}没有任何数量、比例或时限，只有“{'”“'.join(words[:3])}”等笼统表述，"
                          f"请写明可衡量的目标")
