"""The Excel roll-up budget staff work with: `jixiao export --xlsx FILE`.

Three sheets: 表单 (one row per current form, with the review decision, 待审核 where a
review is pending), 指标 (one row per indicator) and 异常 (one row per anomaly, named in
Chinese, its position as a person reads it, the form's decision). Forms count from 1;
times are in JIXIAO_TIMEZONE to the minute. Text wraps; the header row and the columns up
to 项目名称 stay in view. The outputs are hyperlinks (relative to the workbook when they
lie beside it). Text that Excel would evaluate (a cell starting with = + - @, a tab or a
carriage return) is stored as text with the cell's quote-prefix style, as Excel does when
one types a leading apostrophe: it shows as written, without the apostrophe. The
workbook is written to a temporary name and renamed into place.
"""

from __future__ import annotations

import argparse
import os
import uuid
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import readable

if TYPE_CHECKING:  # the store (SQLAlchemy) is imported only when exporting, not to build `jixiao --help`
    from .store import Store

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
LINK_KEYS = ("docx", "pdf", "note")

FORM_COLUMNS = (  # (header, key, width)
    ("编号", "id", 7), ("主管部门", "department", 20), ("项目名称", "project_name", 30),
    ("预算年度", "budget_year", 9), ("预算金额（元）", "budget_amount", 15), ("实施周期", "period", 11),
    ("项目类型", "project_type", 12), ("用款单位", "implementing_unit", 20), ("文件", "file", 26),
    ("表序号", "form_number", 7), ("指标数", "indicator_count", 7), ("异常数", "anomaly_count", 7),
    ("错误数", "error_count", 7), ("审核结论", "review", 10), ("审核意见", "comment", 30),
    ("审核人", "reviewer", 10), ("审核时间", "decided_at", 17), ("生成的Word", "docx", 30), ("生成的PDF", "pdf", 30),
    ("审核结论文件", "note", 30), ("入库时间", "created_at", 17),
)
INDICATOR_COLUMNS = (
    ("表单编号", "form_id", 8), ("主管部门", "department", 20), ("项目名称", "project_name", 30),
    ("预算年度", "budget_year", 9), ("序号", "number", 6), ("一级指标", "level1", 12), ("二级指标", "level2", 14),
    ("三级指标", "name", 30), ("实施周期指标值", "period_value", 18), ("年度指标值", "annual_value", 18),
    ("年度目标运算符", "annual_op", 8), ("年度目标数值", "annual_number", 12), ("年度目标单位", "annual_unit", 10),
    ("文件", "file", 26),
)
ANOMALY_COLUMNS = (
    ("表单编号", "form_id", 8), ("主管部门", "department", 20), ("项目名称", "project_name", 30),
    ("预算年度", "budget_year", 9), ("严重程度", "severity_zh", 9), ("异常", "name_zh", 16),
    ("位置", "position", 26), ("说明", "message", 60), ("审核结论", "review", 10), ("代码", "code", 24),
    ("文件", "file", 26), ("表序号", "form_number", 7),
)
SEVERITY_ZH = readable.SEVERITY_ZH


def quote_prefixed(value: Any) -> bool:
    """Text Excel would read as a formula (it is then stored as text with the quote-prefix style)."""
    return isinstance(value, str) and value.startswith(FORMULA_START)


def safe_cell(value: Any, zone: str | None = None) -> Any:
    """A value as stored in a cell: times in `zone` (JIXIAO_TIMEZONE) to the minute (Excel has no zones)."""
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return ILLEGAL_CHARACTERS_RE.sub("", value)  # a control character typed into a comment, say
    if isinstance(value, datetime):
        if zone is None:
            from . import settings

            zone = settings.get().timezone
        return readable.local_datetime(value, zone)
    return value


def _period(f: dict) -> str | None:
    a, b = f.get("period_start"), f.get("period_end")
    if a is None and b is None:
        return None
    return f"{a or ''}-{b or ''}"


def _beside(path: str | None, out: Path) -> str | None:
    """A hyperlink target: relative to the workbook's folder when the file lies under it."""
    if not path:
        return None
    p = Path(path)
    try:
        return p.resolve().relative_to(out.parent.resolve()).as_posix()
    except (ValueError, OSError):
        return p.resolve().as_uri() if p.is_absolute() else str(p)


def form_rows(store: Store) -> list[dict]:
    rows = []
    for f in store.forms():
        rec = f.get("record") or {}
        note = None
        if f.get("docx") or f.get("pdf"):
            out = Path(f.get("docx") or f.get("pdf"))
            candidate = out.with_name(out.stem + ".审核.txt")
            note = str(candidate) if candidate.exists() else None
        rows.append({**f, "period": _period(f), "project_type": rec.get("project_type"),
                     "implementing_unit": rec.get("implementing_unit"),
                     "indicator_count": len(rec.get("indicators") or []), "form_number": readable.form_number(f),
                     "review": readable.decision_or_pending(f), "note": note})
    return rows


def indicator_rows(store: Store) -> list[dict]:
    rows = []
    last, n = None, 0
    for i in store.indicators():
        n = n + 1 if i["form_id"] == last else 1
        last = i["form_id"]
        t = i.get("annual_target") or {}
        rows.append({**i, "number": n, "annual_op": t.get("op"), "annual_number": t.get("value"),
                     "annual_unit": t.get("unit")})
    return rows


def anomaly_rows(store: Store) -> list[dict]:
    forms = {f["id"]: f for f in store.forms()}
    rows = []
    for a in store.anomalies():
        form = forms.get(a["form_id"]) or {}
        rows.append({**a, "severity_zh": SEVERITY_ZH.get(a["severity"], a["severity"]),
                     "name_zh": readable.anomaly_name(a["code"]),
                     "position": readable.position(a["where"], form.get("record")),
                     "review": readable.decision_or_pending(form), "form_number": readable.form_number(form)})
    return rows


def _sheet(wb, title: str, columns, rows: list[dict], out: Path, zone: str, first: bool = False) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.active if first else wb.create_sheet()
    ws.title = title
    ws.append([h for h, _, _ in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    link_font = Font(color="0563C1", underline="single")
    for r, row in enumerate(rows, start=2):
        for n, (_, key, _) in enumerate(columns, start=1):
            value = safe_cell(row.get(key), zone)
            link = _beside(value, out) if key in LINK_KEYS else None
            if link:
                value = Path(value).name
            cell = ws.cell(row=r, column=n, value=value)
            cell.alignment = wrap
            if quote_prefixed(value):
                cell.data_type = "s"  # openpyxl took it for a formula
                cell.quotePrefix = True
            if isinstance(value, datetime):
                cell.number_format = DATETIME_FORMAT
            if key == "budget_amount":
                cell.number_format = "#,##0.00"
            if link:
                cell.hyperlink = link
                cell.font = link_font
    for n, (_, _, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(n)].width = width
    keys = [key for _, key, _ in columns]
    frozen_cols = keys.index("project_name") + 1 if "project_name" in keys else 0
    ws.freeze_panes = f"{get_column_letter(frozen_cols + 1)}2"  # the header and the columns up to 项目名称
    if rows:
        ws.auto_filter.ref = ws.dimensions


def export_xlsx(store: Store, path: str | Path) -> Path:
    """Write the roll-up (表单, 指标, 异常) to `path` (temporary name, then renamed into place)."""
    from openpyxl import Workbook

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    from . import settings

    zone = settings.get().timezone
    wb = Workbook()
    _sheet(wb, "表单", FORM_COLUMNS, form_rows(store), path, zone, first=True)
    _sheet(wb, "指标", INDICATOR_COLUMNS, indicator_rows(store), path, zone)
    _sheet(wb, "异常", ANOMALY_COLUMNS, anomaly_rows(store), path, zone)
    tmp = path.parent / f".{path.stem}.{uuid.uuid4().hex[:8]}.tmp.xlsx"
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


def cmd_export(args: argparse.Namespace) -> int:
    from .store import Store

    store = Store(args.database_url)
    try:
        out = export_xlsx(store, args.xlsx)
    finally:
        store.close()
    print(out)
    return 0


def add_cli(subparsers) -> None:
    p = subparsers.add_parser("export", help="write the Excel roll-up of the stored forms (表单, 指标, 异常)")
    p.add_argument("--xlsx", type=Path, required=True, metavar="FILE", help="the .xlsx file to write")
    p.add_argument("--database-url", default=None,
                   help="the database (default: JIXIAO_DATABASE_URL, or the SQLite file under JIXIAO_HOME/var)")
    p.set_defaults(func=cmd_export)
