"""Completeness (完整性): required fields, indicator levels, values, template text."""

from __future__ import annotations

import re

from ..vocab import PLACEHOLDER, key
from . import check
from ._util import all_text, where

# field -> how the form labels it
REQUIRED_FIELDS = {
    "project_name": "项目名称",
    "department": "主管部门",
    "implementing_unit": "用款单位",
    "budget_amount": "预算金额",
    "period": "实施周期",
    "goal_annual": "年度目标",
}

TEXT_FIELDS = {
    "project_name": "项目名称", "project_type": "项目类型", "project_level": "项目等级", "department": "主管部门",
    "implementing_unit": "用款单位", "goal_overall": "实施周期总目标", "goal_annual": "年度目标",
}


# the kinds of form whose layout has no place for a required field: a 自评表 reports one year
# (no 实施周期); a project list (单位 | 项目名称 | 预算数 | 年度目标 | 一级指标 …) has neither
# 主管部门 nor 实施周期 columns. Such a field left empty is not missing from the form.
SELF_ASSESSMENT_KIND = "项目支出绩效自评表"
NOT_IN_SELF_ASSESSMENT = frozenset(("period",))
NOT_IN_PROJECT_LIST = frozenset(("department", "period"))


def fields_without_place(r) -> frozenset[str]:
    """The required fields the record's layout has no place for (see NOT_IN_PROJECT_LIST)."""
    out: frozenset[str] = frozenset()
    if r.form_kind == SELF_ASSESSMENT_KIND:
        out |= NOT_IN_SELF_ASSESSMENT
    if r.project_list:
        out |= NOT_IN_PROJECT_LIST
    return out


@check("missing_field", "error")
def missing_field(r, s):
    """项目名称, 主管部门, 用款单位, 预算金额, 实施周期 or 年度目标 absent or empty; not 实施周期 in a
    自评表, nor 主管部门 / 实施周期 in a project list (layouts with no place for them)."""
    skip = fields_without_place(r)
    for field, label in REQUIRED_FIELDS.items():
        if field in skip:
            continue
        if field == "period":
            missing = [n for n, v in (("起始年度", r.period_start), ("到期年度", r.period_end)) if v is None]
            if missing:
                yield "period_start" if r.period_start is None else "period_end", \
                    f"{label}的{'、'.join(missing)}未填写，请补填{label}（起始年度、到期年度）"
        elif field == "budget_amount":
            if r.budget_amount is None:
                yield field, "预算金额未填写或无法识别，请填写本年度预算金额（元）"
        elif not key(getattr(r, field)):
            yield field, f"{label}未填写，请补填{label}"


@check("missing_indicator_level", "error")
def missing_indicator_level(r, s):
    """No indicator under 产出指标, 效益指标 or 满意度指标 (or 成本指标 from 2021 on); 产出指标 without 数量指标."""
    level1s = {i.level1 for i in r.indicators}
    required = ["成本指标"] if (r.budget_year or 0) >= s.cost_level1_from_year else []
    required += ["产出指标", "效益指标", "满意度指标"]
    for level1 in required:
        if level1 not in level1s:
            why = f"（{r.budget_year}年起成本指标为必填一级指标）" if level1 == "成本指标" else ""
            yield "indicators", f"绩效指标缺少一级指标“{level1}”下的三级指标{why}，请补充该类指标及指标值"
    if "产出指标" in level1s and not any(i.level1 == "产出指标" and i.level2 == "数量指标" for i in r.indicators):
        yield "indicators", "产出指标缺少“数量指标”，请补充至少一项数量指标及指标值"


@check("empty_indicator_value", "error")
def empty_indicator_value(r, s):
    """A 三级指标 with no 年度指标值 (or no 实施周期指标值 where the form has that column)."""
    # a table where no row has a period value has no such column, whatever the layout said
    period_column = r.has_period_column and any(key(i.period_value) for i in r.indicators)
    for n, ind in enumerate(r.indicators):
        if not key(ind.name):
            continue
        if not key(ind.annual_value):
            yield where(n), f"{ind.level2}“{ind.name}”的年度指标值为空，请填写年度指标值"
        if period_column and ind.has_period_column and not key(ind.period_value):
            yield where(n, "period_value"), f"{ind.level2}“{ind.name}”的实施周期指标值为空，请填写实施周期指标值"


_PLACEHOLDER_CHARS = ("*", "X", "x", "×", "Ｘ", "ｘ", "＊", "填", "输入", "指标")
# ... as one pattern: a single scan of the text instead of one per piece
_PLACEHOLDER_HINT = re.compile("|".join(map(re.escape, _PLACEHOLDER_CHARS)))


def placeholder(text: str | None):
    """The placeholder match in a text, or None (a cheap character test first)."""
    if not text or not _PLACEHOLDER_HINT.search(text):
        return None
    return PLACEHOLDER.search(key(text))


@check("template_placeholder", "error")
def template_placeholder(r, s):
    """Template text left unfilled: **, XX, ××, 指标1, （填写…）."""
    blob = all_text(r)
    if not _PLACEHOLDER_HINT.search(blob):
        return
    for field, label in TEXT_FIELDS.items():
        m = placeholder(getattr(r, field))
        if m:
            yield field, f"{label}中有未替换的模板占位内容“{m.group(0)}”，请填写实际内容"
    for n, ind in enumerate(r.indicators):
        for field, text in (("name", ind.name), ("annual_value", ind.annual_value),
                            ("period_value", ind.period_value)):
            m = placeholder(text)
            if m:
                yield where(n, field), (f"指标“{ind.name}”中有未替换的模板占位内容“{m.group(0)}”"
                                        f"（{text}），请填写实际指标内容")
                break
