"""Every Chinese text a reviewer sees in the Prefect UI, in one place."""

from __future__ import annotations

DECISIONS = ("接受", "退回")

ANOMALY_TABLE_KEY = "jixiao-anomalies"
PROGRESS_KEY = "jixiao-progress"
SUMMARY_KEY = "jixiao-summary"

ANOMALY_COLUMNS = ("主管部门", "项目名称", "代码", "级别", "说明", "文件", "审核结论")
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
STATUS_ZH = {"processed": "已处理", "quarantined": "已隔离", "duplicate": "重复（已跳过）", "taken": "已被其他任务领取",
             "waiting": "等待重试（系统故障或仍在复制，已放回收件箱）"}

ANOMALY_TABLE_DESCRIPTION = "绩效目标表异常清单（当前有效的全部表单）"
PROGRESS_DESCRIPTION = "收件箱处理进度：{done}/{total} 个文件"
FORM_PAGE_DESCRIPTION = "待审核表单：{department} · {project}"
REVIEW_PENDING = "待审核"
NO_ANOMALIES = "无"


def form_key(sha256: str, form_index: int) -> str:
    """Stable artifact key of one form's page (lowercase letters, digits and dashes only)."""
    return f"jixiao-form-{sha256[:8].lower()}-{form_index}"


def _file_link(path: str | None) -> str:
    if not path:
        return "（未生成）"
    from pathlib import Path

    p = Path(path)
    return f"[{p.name}]({p.resolve().as_uri()})"


def form_page(form: dict, anomalies: list[dict], outputs: list[str], review: dict | None) -> str:
    """Markdown page of one flagged form: where it came from, its outputs, its anomalies, the decision."""
    lines = [
        f"# 项目绩效目标表：{md(form.get('project_name')) or '（无项目名称）'}",
        "",
        f"- 主管部门：{md(form.get('department')) or '（空）'}",
        f"- 预算年度：{form.get('budget_year') or '（空）'}",
        f"- 原始文件：{md(form.get('file'))}（第 {int(form.get('form_index') or 0) + 1} 张表）",
        f"- 表单编号：{form.get('form_id', '')}",
        "",
        "## 标准化输出",
        "",
    ]
    lines += [f"- {_file_link(p)}" for p in outputs] or ["- （未生成）"]
    lines += ["", f"## 异常（{len(anomalies)} 项）", ""]
    if anomalies:
        lines += ["| 级别 | 代码 | 说明 | 位置 |", "| --- | --- | --- | --- |"]
        for a in anomalies:
            lines.append(f"| {SEVERITY_ZH.get(a.get('severity'), a.get('severity'))} | {a.get('code')} | "
                         f"{_cell(a.get('message'))} | {_cell(a.get('where'))} |")
    else:
        lines.append(NO_ANOMALIES)
    lines += ["", "## 审核", ""]
    if review:
        lines.append(f"- 结论：**{review.get('decision')}**")
        if review.get("comment"):
            lines.append(f"- 意见：{md(review.get('comment'))}")
        if review.get("reviewer"):
            lines.append(f"- 审核人：{md(review.get('reviewer'))}")
        if review.get("decided_at"):
            lines.append(f"- 时间：{review.get('decided_at')}")
    elif any(a.get("severity") == "error" for a in anomalies):
        lines.append(f"{REVIEW_PENDING}：请在 Prefect 界面中打开本表单的审核运行（jixiao-review），"
                     "点击“Resume”，选择 接受 或 退回 并填写意见。")
    else:
        lines.append("无需审核（没有错误级别的异常）。")
    return "\n".join(lines) + "\n"


def review_description(form: dict, anomalies: list[dict]) -> str:
    """The text above the input form a reviewer fills in (Prefect renders it as markdown)."""
    errors = [a for a in anomalies if a.get("severity") == "error"]
    lines = [
        f"## 审核：{md(form.get('project_name')) or '（无项目名称）'}",
        "",
        (f"主管部门：{md(form.get('department')) or '（空）'}；预算年度：{form.get('budget_year') or '（空）'}；"
         f"原始文件：{md(form.get('file'))}"),
        "",
        f"该表有 {len(errors)} 项错误：",
        "",
    ]
    lines += [f"- {md(a.get('message'))}（{a.get('code')}，{md(a.get('where'))}）" for a in errors]
    lines += ["", "请选择审核结论（**接受** 或 **退回**），并填写审核意见后提交。"]
    return "\n".join(lines)


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*<>[]"})


def md(text) -> str:
    """Text shown verbatim where the Prefect UI renders markdown (table artifact cells, pages):
    a message quoting `<p>` must show `<p>`, not an empty paragraph."""
    return str(text if text is not None else "").translate(_MD_SPECIAL)


def _cell(text) -> str:
    return md(text).replace("|", "\\|").replace("\n", " ")


def decision_note(form: dict) -> str:
    """The reviewer's decision as a text file beside the form's outputs."""
    return (f"项目绩效目标表审核结论\n\n项目名称：{form.get('project_name') or ''}\n"
            f"主管部门：{form.get('department') or ''}\n预算年度：{form.get('budget_year') or ''}\n"
            f"原始文件：{form.get('file') or ''}\n\n审核结论：{form.get('decision') or ''}\n"
            f"审核意见：{form.get('comment') or ''}\n审核人：{form.get('reviewer') or ''}\n"
            f"时间：{form.get('decided_at') or ''}\n")
