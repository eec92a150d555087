"""The Excel roll-up budget staff work with: `jixiao export --xlsx FILE`.

Three sheets: 表单 (one row per current form, with the review decision), 指标 (one row
per indicator) and 异常 (one row per anomaly). Text that Excel would evaluate (a cell
starting with = + - @, a tab or a carriage return) is prefixed with `'` so it stays
text. The workbook is written to a temporary name and renamed into place.
"""

from __future__ import annotations

import argparse
import os
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the store (SQLAlchemy) is imported only when exporting, not to build `jixiao --help`
    from .store import Store

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

FORM_COLUMNS = (  # (header, key, width)
    ("编号", "id", 8), ("主管部门", "department", 24), ("项目名称", "project_name", 36),
    ("预算年度", "budget_year", 10), ("预算金额（元）", "budget_amount", 16), ("实施周期", "period", 13),
    ("项目类型", "project_type", 14), ("用款单位", "implementing_unit", 24), ("文件", "file", 32),
    ("表序号", "form_index", 8), ("指标数", "indicator_count", 8), ("异常数", "anomaly_count", 8),
    ("错误数", "error_count", 8), ("审核结论", "decision", 10), ("审核意见", "comment", 36),
    ("审核人", "reviewer", 12), ("审核时间", "decided_at", 20), ("生成的Word", "docx", 40), ("生成的PDF", "pdf", 40),
    ("入库时间", "created_at", 20),
)
INDICATOR_COLUMNS = (
    ("表单编号", "form_id", 8), ("主管部门", "department", 24), ("项目名称", "project_name", 36),
    ("预算年度", "budget_year", 10), ("一级指标", "level1", 12), ("二级指标", "level2", 16), ("三级指标", "name", 36),
    ("实施周期指标值", "period_value", 22), ("年度指标值", "annual_value", 22), ("年度目标运算符", "annual_op", 8),
    ("年度目标数值", "annual_number", 12), ("年度目标单位", "annual_unit", 10), ("文件", "file", 32),
)
ANOMALY_COLUMNS = (
    ("表单编号", "form_id", 8), ("主管部门", "department", 24), ("项目名称", "project_name", 36),
    ("预算年度", "budget_year", 10), ("代码", "code", 26), ("严重程度", "severity_zh", 10), ("说明", "message", 70),
    ("位置", "where", 26), ("文件", "file", 32),
)
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def safe_cell(value: Any) -> Any:
    """A value Excel shows as written: text that would be read as a formula gets a leading `'`."""
    if isinstance(value, str):
        if value.startswith(FORMULA_START):
            return "'" + value
        return value
    if hasattr(value, "tzinfo") and getattr(value, "tzinfo", None) is not None:
        return value.astimezone().replace(tzinfo=None)  # Excel has no time zones
    return value


def _period(f: dict) -> str | None:
    a, b = f.get("period_start"), f.get("period_end")
    if a is None and b is None:
        return None
    return f"{a or ''}-{b or ''}"


def form_rows(store: Store) -> list[dict]:
    rows = []
    for f in store.forms():
        rec = f.get("record") or {}
        rows.append({**f, "period": _period(f), "project_type": rec.get("project_type"),
                     "implementing_unit": rec.get("implementing_unit"),
                     "indicator_count": len(rec.get("indicators") or [])})
    return rows


def indicator_rows(store: Store) -> list[dict]:
    rows = []
    for i in store.indicators():
        t = i.get("annual_target") or {}
        rows.append({**i, "annual_op": t.get("op"), "annual_number": t.get("value"), "annual_unit": t.get("unit")})
    return rows


def anomaly_rows(store: Store) -> list[dict]:
    return [{**a, "severity_zh": SEVERITY_ZH.get(a["severity"], a["severity"])} for a in store.anomalies()]


def _sheet(wb, title: str, columns, rows: list[dict], first: bool = False) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.active if first else wb.create_sheet()
    ws.title = title
    ws.append([h for h, _, _ in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for r in rows:
        ws.append([safe_cell(r.get(key)) for _, key, _ in columns])
    for n, (_, key, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(n)].width = width
        if key == "budget_amount":
            for (cell,) in ws.iter_rows(min_row=2, min_col=n, max_col=n):
                cell.number_format = "#,##0.00"
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = ws.dimensions


def export_xlsx(store: Store, path: str | Path) -> Path:
    """Write the roll-up (表单, 指标, 异常) to `path` (temporary name, then renamed into place)."""
    from openpyxl import Workbook

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook()
    _sheet(wb, "表单", FORM_COLUMNS, form_rows(store), first=True)
    _sheet(wb, "指标", INDICATOR_COLUMNS, indicator_rows(store))
    _sheet(wb, "异常", ANOMALY_COLUMNS, anomaly_rows(store))
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
