"""Stored values as a reviewer reads them: anomaly codes named in Chinese, positions such as
第3条指标（助餐服务人次）年度指标值, forms counted from 1, times in the configured zone to the
minute, a form's review status. Shared by the Excel roll-up and the Prefect pages.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

# every code of ../shared/contract/anomalies.md, as a reviewer calls it
ANOMALY_NAMES = {
    "missing_field": "必填项缺失",
    "missing_indicator_level": "缺少指标类别",
    "empty_indicator_value": "指标值为空",
    "template_placeholder": "模板占位未替换",
    "budget_mismatch": "成本与预算不一致",
    "cost_breakdown_mismatch": "成本测算与预算不符",
    "invalid_period": "实施周期有误",
    "unit_mismatch": "单位与指标不符",
    "misclassified_indicator": "指标归类不当",
    "annual_exceeds_period": "年度值超过周期值",
    "operator_direction_wrong": "运算符方向有误",
    "percent_out_of_range": "百分比超出范围",
    "duplicate_indicator": "指标重复",
    "participation_inconsistent": "参与人数不一致",
    "satisfaction_below_threshold": "满意度目标偏低",
    "missing_operator": "缺少运算符",
    "qualitative_target": "指标值没有数值",
    "input_as_output": "预算执行当作产出",
    "goal_copied": "年度目标照抄总目标",
    "vague_goal": "目标表述笼统",
    "markup_in_text": "含有HTML标记",
    "open_ended_period": "长期持续项目",
    "garbled_text": "文字乱码",
    "resubmission": "重复提交（替代旧版）",
    "low_ocr_confidence": "扫描识别存疑",
}
FIELD_NAMES = {
    "project_name": "项目名称", "department": "主管部门", "implementing_unit": "用款单位",
    "budget_amount": "预算金额", "budget_year": "预算年度", "period": "实施周期", "period_start": "起始年度",
    "period_end": "到期年度", "goal_overall": "实施周期总目标", "goal_annual": "年度目标", "indicators": "绩效指标",
    "project_type": "项目类型", "annual_value": "年度指标值", "period_value": "实施周期指标值",
    "name": "三级指标名称", "level1": "一级指标", "level2": "二级指标",
}
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
REVIEW_PENDING = "待审核"
REVIEWED = "已审核"
NO_REVIEW_NEEDED = "无需审核"

_WHERE = re.compile(r"^indicators\[(\d+)\](?:\.(\w+))?$")


def anomaly_name(code: str | None) -> str:
    return ANOMALY_NAMES.get(code or "", code or "")


def position(where: str | None, record: dict | None) -> str:
    """Where an anomaly is, as a person reads it: 第3条指标（助餐服务人次）年度指标值, 预算金额."""
    where = where or ""
    m = _WHERE.match(where)
    if not m:
        return FIELD_NAMES.get(where, where)
    n = int(m.group(1))
    indicators = (record or {}).get("indicators") or []
    ind = indicators[n] if n < len(indicators) else None
    name = ind.get("name") if isinstance(ind, dict) else None
    return f"第{n + 1}条指标" + (f"（{name}）" if name else "") + FIELD_NAMES.get(m.group(2) or "", m.group(2) or "")


def form_number(form: dict) -> int:
    """The form's place in its file, counted from 1."""
    return int(form.get("form_index") or 0) + 1


def decision_or_pending(form: dict) -> str:
    """The decision; 待审核 where a review is pending (errors, no decision); '' where none is needed."""
    if form.get("decision"):
        return str(form["decision"])
    return REVIEW_PENDING if form.get("error_count") else ""


def review_status(form: dict) -> str:
    """待审核, 已审核（接受/退回） or 无需审核."""
    if form.get("decision"):
        return f"{REVIEWED}（{form['decision']}）"
    return REVIEW_PENDING if form.get("error_count") else NO_REVIEW_NEEDED


def local_datetime(value: Any, zone: str) -> datetime | None:
    """A stored time (aware, naive UTC as SQLite returns it, or ISO text) in `zone`, to the minute, naive."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if not isinstance(value, datetime):
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(ZoneInfo(zone)).replace(tzinfo=None, second=0, microsecond=0)


def local_minute(value: Any, zone: str) -> str:
    dt = local_datetime(value, zone)
    return dt.strftime("%Y-%m-%d %H:%M") if dt else ""
