"""Every Chinese text a reviewer sees in the Prefect UI, in one place.

Text that comes from a form (a project name, a message quoting a cell, a file name) is
shown through `md()`: the UI renders artifact pages and table cells as markdown, so
such text must not become a link, an image, emphasis or HTML.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.readable import (  # noqa: F401  (re-exported: what the UI texts are made of)
    REVIEW_PENDING,
    REVIEWED,
    SEVERITY_RANK,
    SEVERITY_ZH,
    anomaly_name,
    form_number,
    local_minute,
    position,
    review_status,
)

DECISIONS = ("接受", "退回")

ANOMALY_TABLE_KEY = "jixiao-anomalies"
REFUSED_TABLE_KEY = "jixiao-refused"
PROGRESS_KEY = "jixiao-progress"
SUMMARY_KEY = "jixiao-summary"

# the worklist: what a reviewer scans first on the left (fits 1440 px), the machine code last
ANOMALY_COLUMNS = ("级别", "审核", "表单", "异常", "位置", "说明", "主管部门", "文件", "代码")
STATUS_ZH = {"processed": "已处理", "quarantined": "已隔离", "duplicate": "重复（已跳过）", "taken": "已被其他任务领取",
             "waiting": "等待重试（系统故障或仍在复制，已放回收件箱）"}
STATE_NAME_ZH = {"quarantined": "已隔离", "duplicate": "重复"}  # task states of refused files (a named Completed)

ANOMALY_TABLE_DESCRIPTION = "绩效目标表异常清单：错误在前，待审核在前（当前有效的全部表单）"
REFUSED_TABLE_DESCRIPTION = "本次未处理的文件（隔离或重复）及原因"
PROGRESS_DESCRIPTION = "收件箱处理进度：{done}/{total} 个文件"
FORM_PAGE_DESCRIPTION = "{status}：{department} · {project}"
NO_ANOMALIES = "无"
PROJECT_CELL_CHARS = 16  # project names longer than this are cut in the worklist (the form page has it whole)


def form_key(sha256: str, form_index: int) -> str:
    """Stable artifact key of one form's page (lowercase letters, digits and dashes only); forms count from 1."""
    return f"jixiao-form-{sha256[:8].lower()}-{form_index + 1}"


def local_time(value: Any) -> str:
    """A stored time in the configured zone (JIXIAO_TIMEZONE, Asia/Shanghai), to the minute."""
    from pipeline import settings

    return local_minute(value, settings.get().timezone)


def zone_label() -> str:
    """How the times shown are qualified: 北京时间 for Asia/Shanghai, else the zone's name."""
    from pipeline import settings

    zone = settings.get().timezone
    return "北京时间" if zone in ("Asia/Shanghai", "Asia/Chongqing", "PRC") else zone


def _link(text: str, url: str | None) -> str:
    return f"[{link_text(text)}]({url})" if url else md(text)


def form_page(form: dict, anomalies: list[dict], outputs: list[tuple[str, str | None]], review: dict | None,
              review_run_url: str | None = None) -> str:
    """Markdown page of one flagged form: its status and review link, outputs, anomalies, the decision.

    `outputs`: (file name, http address or None) of each output."""
    status = review_status({**form, "decision": (review or {}).get("decision")})
    record = form.get("record") or {}
    lines = [
        f"# 项目绩效目标表：{md(form.get('project_name')) or '（无项目名称）'}",
        "",
        f"**状态：{status}**" + (f" · [打开审核运行]({review_run_url})" if review_run_url else ""),
        "",
        f"- 主管部门：{md(form.get('department')) or '（空）'}",
        f"- 预算年度：{form.get('budget_year') or '（空）'}",
        f"- 原始文件：{md(form.get('file'))}（第 {form_number(form)} 张表）",
        f"- 表单编号：{form.get('form_id', '')}",
        f"- 入库时间：{local_time(form.get('created_at'))}",
        "",
        "## 标准化输出",
        "",
    ]
    lines += [f"- {_link(name, url)}" for name, url in outputs] or ["- （未生成）"]
    ordered = sorted(anomalies, key=lambda a: SEVERITY_RANK.get(a.get("severity"), 9))
    lines += ["", f"## 异常（{len(anomalies)} 项）", ""]
    if ordered:  # a list, not a table: the UI does not wrap table cells, and messages are long
        for a in ordered:
            lines.append(f"- **{SEVERITY_ZH.get(a.get('severity'), a.get('severity'))}** "
                         f"{anomaly_name(a.get('code'))} · {_cell(position(a.get('where'), record))}："
                         f"{_cell(a.get('message'))}（{a.get('code')}）")
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
            lines.append(f"- 时间：{local_time(review.get('decided_at'))}（{zone_label()}）")
    elif any(a.get("severity") == "error" for a in anomalies):
        how = f"[打开审核运行]({review_run_url})" if review_run_url else "在 Runs 中打开本表单的 jixiao-review 运行"
        lines.append(f"{REVIEW_PENDING}：{how}，点击右上角 **Resume**，选择审核结论（接受 或 退回），"
                     "填写审核人（退回时必须写明审核意见），提交。")
    else:
        lines.append("无需审核（没有错误级别的异常）。")
    return "\n".join(lines) + "\n"


REVIEW_RUN_PAGE_DESCRIPTION = "本审核运行的表单页"


def review_run_page(form: dict, page_link: str) -> str:
    """The review run's own artifact: the way back to the form's page, and how to answer."""
    return (f"## 审核：{md(form.get('project_name')) or '（无项目名称）'}\n\n"
            f"[打开表单页（标准化输出、全部异常、审核状态）]({page_link})\n\n"
            "审核方法：点击本页右上角 **Resume**，选择审核结论（接受 或 退回），填写审核人；"
            "退回时必须写明审核意见；点击 Submit 提交。\n")


def review_description(form: dict, anomalies: list[dict], page_link: str | None = None) -> str:
    """The text above the input form a reviewer fills in (Prefect renders it as markdown)."""
    record = form.get("record") or {}
    ordered = sorted(anomalies, key=lambda a: SEVERITY_RANK.get(a.get("severity"), 9))
    errors = [a for a in ordered if a.get("severity") == "error"]
    warnings = [a for a in ordered if a.get("severity") == "warning"]
    lines = [
        f"## 审核：{md(form.get('project_name')) or '（无项目名称）'}",
        "",
        (f"主管部门：{md(form.get('department')) or '（空）'}；预算年度：{form.get('budget_year') or '（空）'}；"
         f"原始文件：{md(form.get('file'))}（第 {form_number(form)} 张表）"),
        "",
    ]
    if page_link:
        lines += [f"[打开表单页（标准化输出、全部异常）]({page_link})", ""]
    for title, items in ((f"错误 {len(errors)} 项", errors), (f"警告 {len(warnings)} 项", warnings)):
        if not items:
            continue
        lines += [f"**{title}：**", ""]
        lines += [f"- {anomaly_name(a.get('code'))}，{md(position(a.get('where'), record))}：{md(a.get('message'))}"
                  for a in items]
        lines.append("")
    lines += ["请选择审核结论（**接受** 或 **退回**），填写审核人；退回时必须写明审核意见。"]
    return "\n".join(lines)


# markdown syntax and the starts of autolinks (http://, www., e-mail) escaped with a backslash.
# The UI's renderer honours these escapes in text and table cells, but not numeric entities
# (&#58; shows as such) and not escapes inside a link's text (see `link_text`).
_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#!~:@"} | {"&": "&amp;"})
_UNSHOWN = re.compile("[\u0000-\u0008\u000b-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
_WWW = re.compile(r"(?i)(www)\.")
# inside a link's text the renderer shows backslashes: markdown characters become their full-width forms
_LINK_TEXT = str.maketrans({"[": "［", "]": "］", "\\": "＼", "`": "｀", "*": "＊", "<": "＜", ">": "＞", "|": "｜"})


def md(text) -> str:
    """Text shown verbatim where the Prefect UI renders markdown (table artifact cells, pages):
    a message quoting `<p>` must show `<p>`, not an empty paragraph; a name with a URL, an
    e-mail address or a `[x](javascript:...)` shows as text, never as a link; bidi overrides
    (U+202E) and control characters are dropped."""
    s = _UNSHOWN.sub("", str(text if text is not None else ""))
    return _WWW.sub(r"\1\\.", s.translate(_MD_SPECIAL))


def link_text(text) -> str:
    """A file name as the text of a link: no markdown syntax, no bidi overrides."""
    return _UNSHOWN.sub("", str(text if text is not None else "")).translate(_LINK_TEXT).replace("&", "&amp;")


def plain(text) -> str:
    """Text for a plain-text file (the decision note): without bidi overrides and control characters."""
    return _UNSHOWN.sub("", str(text if text is not None else ""))


def _cell(text) -> str:
    return md(text).replace("\n", " ")


def decision_note(form: dict) -> str:
    """The reviewer's decision as a text file beside the form's outputs."""
    p = plain
    return (f"项目绩效目标表审核结论\n\n项目名称：{p(form.get('project_name'))}\n"
            f"主管部门：{p(form.get('department'))}\n预算年度：{form.get('budget_year') or ''}\n"
            f"原始文件：{p(form.get('file'))}（第 {form_number(form)} 张表）\n\n审核结论：{form.get('decision') or ''}\n"
            f"审核意见：{p(form.get('comment'))}\n审核人：{p(form.get('reviewer'))}\n"
            f"时间：{local_time(form.get('decided_at'))}（{zone_label()}）\n")
