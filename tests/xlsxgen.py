"""Real .xlsx 项目绩效目标表 built with openpyxl from formgen's records, laid out as
formgen lays out the .docx (same rows, same merges), for the .xlsx reader's tests.

    write_xlsx(records, path, layout="standard", *, per_sheet=False, typed=True) -> Path

Forms are stacked in one sheet with a blank row between them, or one form per sheet
(`per_sheet`). With `typed`, numbers are stored as numbers the way Excel keeps what
a person typed: 480,000.00 as 480000.0 with `#,##0.00`, 90% as 0.9 with `0%`, 2026
as the integer 2026, 48 (万元) as 48.0 in General.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import formgen
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Side

from pipeline.models import Record

_AMOUNT = re.compile(r"^\d{1,3}(?:,\d{3})*\.\d\d$")
_PERCENT = re.compile(r"^(\d+(?:\.(\d+))?)%$")
_INTEGER = re.compile(r"^[1-9]\d*$")
_DECIMAL = re.compile(r"^\d+\.\d+$")
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def typed_value(text: str) -> tuple[object, str]:
    """A cell's text as Excel would store it once typed: (value, number format)."""
    if _AMOUNT.match(text):
        return float(text.replace(",", "")), "#,##0.00"
    m = _PERCENT.match(text)
    if m:
        decimals = len(m.group(2) or "")
        return float(m.group(1)) / 100, "0%" if not decimals else "0." + "0" * decimals + "%"
    if _INTEGER.match(text):
        return int(text), "General"
    if _DECIMAL.match(text):
        return float(text), "General"
    return text, "General"


class _Sheet:
    """A worksheet with the grid interface of formgen's docx table (`ncols`, `put`), so the
    form is laid out by formgen's own _fill_header / _fill_indicators."""

    def __init__(self, ws, typed: bool, ncols: int):
        self.ws = ws
        self.typed = typed
        self.ncols = ncols

    def put(self, row: int, col: int, text: str, last_row: int | None = None, last_col: int | None = None) -> None:
        """Text at 0-based (row, col), merged down to last_row / across to last_col."""
        cell = self.ws.cell(row=row + 1, column=col + 1)
        if text:
            value, fmt = typed_value(text) if self.typed else (text, "General")
            cell.value = value
            cell.number_format = fmt
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        lr = row if last_row is None else last_row
        lc = col if last_col is None else last_col
        for r in range(row, lr + 1):
            for c in range(col, lc + 1):
                self.ws.cell(row=r + 1, column=c + 1).border = _BOX
        if (lr, lc) != (row, col):
            self.ws.merge_cells(start_row=row + 1, start_column=col + 1, end_row=lr + 1, end_column=lc + 1)


def _write_form(sh: _Sheet, r: Record, layout: str, row0: int, notes: bool) -> int:
    """One form from row0 on (0-based); returns the row after it."""
    row = row0
    sh.put(row, 0, formgen._title(layout, r), last_col=sh.ncols - 1)
    row += 1
    if notes:
        sh.put(row, 0, f"填报单位（盖章）：{r.implementing_unit or ''}")
        sh.put(row + 1, 0, "单位：万元" if layout == "synonyms" else "单位：元")
        row += 2
    row = formgen._fill_header(sh, r, layout, row)
    row = formgen._fill_indicators(sh, r, layout, row, empty_rows=True)
    if notes:
        sh.put(row, 0, "填表人：张三　　联系电话：0769-12345678　　填报日期：2025年10月")
        row += 1
    return row


def write_xlsx(records: Sequence[Record], path: str | Path, layout: str = "standard", *, per_sheet: bool = False,
               typed: bool = True, notes: bool = True) -> Path:
    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = "绩效目标表1"
    row = 0
    for n, r in enumerate(records):
        if per_sheet and n:
            ws = wb.create_sheet(f"绩效目标表{n + 1}")
            row = 0
        ncols = len(formgen.indicator_columns(layout))
        row = _write_form(_Sheet(ws, typed, ncols), r, layout, row, notes) + 1  # a blank row between stacked forms
    for ws in wb.worksheets:
        for letter, width in zip("ABCDEFGH", (8, 12, 14, 28, 16, 16, 12, 12)):
            ws.column_dimensions[letter].width = width
    wb.save(path)
    return path
