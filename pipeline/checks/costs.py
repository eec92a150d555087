"""Budget reconciliation: cost indicators against the budget amount.

A cost value is read as parts, each an amount times the quantities its unit asks for:

    配置6名助理社会工作者103157元/年及1名社会工作者128458元/年  -> 6×103,157 + 1×128,458 = 747,400
    配置2名助理社会工作者，103157元/年/名                       -> 2×103,157 = 206,314
    1000元/户  (and 慰问妇女儿童贫困户数 10户 elsewhere)          -> 1,000×10 = 10,000
    800元/队/场次 (no count of 队 in the form)                  -> cannot decide: silent

`/年` counts once (the budget is one year's). A quantity written right before or
after the amount in the same cell is used first; otherwise the one indicator of the
form counted in that unit (户, 人/名, 场/场次 ...), if there is exactly one such value.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..targets import numbers_with_units, parse_target
from ..vocab import MONEY_FACTOR
from . import check
from ._util import family, has_any, money, num, where, yuan

PER_ONCE = ("年", "年度")  # per year: the annual budget covers one
WHOLE_WORDS = ("预算", "总", "全部", "合计")  # a budget statement that names the whole amount


@dataclass
class Part:
    amount: float  # 元, quantities applied
    text: str  # "6名×103,157元/年"
    lower_bound: bool  # a ≥ somewhere: the real amount may be larger


def is_budget_statement(ind, s) -> bool:
    return has_any(ind.name, s.budget_words)


def is_cost(ind, s) -> bool:
    return ((ind.level1 == "成本指标" or ind.level2.endswith("成本指标"))
            and not is_budget_statement(ind, s) and not has_any(ind.name, s.income_words))


@check("budget_mismatch", "error")
def budget_mismatch(r, s):
    """An indicator stating the whole budget (成本控制在预算内 ...) gives an amount in 元 other than budget_amount."""
    if r.budget_amount is None:
        return
    for n, ind in enumerate(r.indicators):
        if not is_budget_statement(ind, s) or not has_any(ind.name, WHOLE_WORDS):
            continue  # 培训成本控制 5000元 may be one part: only a name saying "the whole budget" is certain
        t = ind.annual_target
        amount = yuan(t)
        if amount is None or t.op != "=":
            continue
        if abs(amount - r.budget_amount) > 0.5:
            yield where(n), (f"{ind.name} {num(t.value)}{t.unit} 与预算金额 {money(r.budget_amount)} 不一致，"
                             f"请核对成本指标或预算金额")


def _quantity_elsewhere(r, unit: str, skip: set[int], s) -> tuple[float, str, bool] | None:
    """(value, "10户（慰问妇女儿童贫困户数）", is_lower_bound) of the one count in `unit`'s family."""
    found: dict[float, tuple[int, object]] = {}
    for n, ind in enumerate(r.indicators):
        t = ind.annual_target
        if n in skip or t is None or not t.unit or "/" in t.unit or t.op not in ("=", "≥"):
            continue
        if family(t.unit) != family(unit) or has_any(ind.name, s.average_words):
            continue
        found.setdefault(float(t.value), (n, t))
    if len(found) != 1:
        return None
    value, (n, t) = next(iter(found.items()))
    # a count written "≥10户" is read as the planned quantity: forms put ≥ on nearly every count
    return value, f"{num(t.value)}{t.unit}（{r.indicators[n].name}）", False


def cost_parts(r, n: int, s, skip: set[int] | None = None) -> list[Part] | None:
    """The parts of indicator n's cost, or None if they cannot be decided. `skip`: the
    indicators that are no quantities (the cost and budget rows)."""
    ind = r.indicators[n]
    text = ind.annual_value or ind.period_value
    items = numbers_with_units(text)
    if not items:
        return None
    single = parse_target(text)
    op = single.op if single else "="
    if op in ("≤", "<"):
        return None  # a ceiling says nothing about the total
    if skip is None:
        skip = {i for i, x in enumerate(r.indicators) if x.level1 == "成本指标" or is_budget_statement(x, s)}
    parts: list[Part] = []
    pending: tuple[float, str] | None = None  # a quantity waiting for its amount: 6名
    i = 0
    while i < len(items):
        value, unit = items[i]
        head, *per = (unit or "").split("/")
        if head not in MONEY_FACTOR:
            pending = (value, unit) if unit else None
            i += 1
            continue
        amount = value * MONEY_FACTOR[head]
        shown = f"{num(value)}{unit}"
        lower = op in ("≥", ">")
        per = [p for p in per if p not in PER_ONCE]
        if pending and (not per or family(pending[1]) == family(per[0])):
            amount *= pending[0]
            shown = f"{num(pending[0])}{pending[1]}×{shown}"
            per = per[1:]
        elif per and i + 1 < len(items) and items[i + 1][1] and family(items[i + 1][1]) == family(per[0]):
            amount *= items[i + 1][0]
            shown = f"{shown}×{num(items[i + 1][0])}{items[i + 1][1]}"
            per = per[1:]
            i += 1
        pending = None
        for p in per:
            q = _quantity_elsewhere(r, p, skip, s)
            if q is None:
                return None
            amount *= q[0]
            shown += f"×{q[1]}"
            lower = lower or q[2]
        parts.append(Part(amount, shown, lower))
        i += 1
    return parts or None


@check("cost_breakdown_mismatch", "warning")
def cost_breakdown_mismatch(r, s):
    """Unit costs × quantities add up to a total other than budget_amount (beyond the tolerance), or the
    cost indicators together exceed it."""
    budget = r.budget_amount
    if not budget:
        return
    parts: list[Part] = []
    decided = True
    products = False
    where_ = "budget_amount"
    costs = [n for n, ind in enumerate(r.indicators) if is_cost(ind, s)]
    if not costs:
        return
    skip = {i for i, x in enumerate(r.indicators) if x.level1 == "成本指标" or is_budget_statement(x, s)}
    for n in costs:
        p = cost_parts(r, n, s, skip)
        if p is None:
            decided = False
            continue
        parts.extend(p)
        products = products or any("×" in x.text for x in p)
    if not parts:
        return
    if len(costs) == 1:
        where_ = where(costs[0])
    total = sum(p.amount for p in parts)
    how = " + ".join(p.text for p in parts)
    exact = decided and not any(p.lower_bound for p in parts)
    diff = total - budget
    if exact and products and abs(diff) > s.cost_tolerance * budget:
        yield where_, (f"成本测算 {how} = {money(total)}，与预算金额 {money(budget)} 相差 {money(abs(diff))}"
                       f"（{abs(diff) / budget:.1%}，容差 {s.cost_tolerance:.0%}），请核对单价、数量或预算金额")
    elif diff > s.cost_tolerance * budget:
        yield where_, (f"成本指标合计至少 {how} = {money(total)}，超过预算金额 {money(budget)}，"
                       f"请核对成本指标或预算金额")

