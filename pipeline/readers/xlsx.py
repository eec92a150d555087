"""Excel .xlsx: every visible sheet's cells, read with openpyxl, as rows of the one document.

A sheet is a grid, not a Word table; the walk turns it into the same rows the .docx
reader gives for the same form:

- a merged range is one cell at its top-left, with `span` (columns) and `row_span`
  (rows); each row below the top one holds an empty `covered=True` cell at the
  range's first column, as the .docx reader emits a `w:vMerge` continuation;
- a value is the text the cell shows (`numfmt.display`): `54370`, not `54370.0`;
  `54,370.00` under `#,##0.00`; `95%` under `0%`; dates through their format;
- a row with one lone cell (a title merged across the sheet, 单位：元, 填表人：…) is a
  paragraph (`table=None`); a run of rows with two or more cells is a table, a blank
  row or a paragraph ends it; each sheet starts a new page (`page` = sheet number,
  1-based) with `break_before`, so one form per sheet and several forms stacked in
  one sheet both work;
- hidden sheets (lookup lists behind drop-downs) are skipped.

The file is distrusted like a .docx: the zip's central directory is checked for
bombs and encryption (`zipguard`), no XML part may declare a DTD, and the
worksheets together may not expand past `max_sheet_mb` before openpyxl loads them.
"""

from __future__ import annotations

import warnings
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from .. import settings
from ..document import Cell, RawDocument, Row
from ..errors import CorruptFile, EmptyFile, TooLarge
from . import numfmt, zipguard

WHAT_ZH = "Excel 工作簿"
_MAX_GRID_CELLS = 4_000_000  # rows x columns of one sheet's used range; a form is a few hundred


@dataclass(slots=True)
class _Merge:
    first_row: int
    first_col: int
    last_row: int
    last_col: int


def read(path: Path) -> RawDocument:
    path = Path(path)
    _check_package(path)
    wb = _load(path)
    doc = RawDocument(path=str(path), format="xlsx")
    n_tables = 0
    sheet_no = 0
    try:
        for ws in wb.worksheets:
            if ws.sheet_state != "visible":
                continue
            sheet_no += 1
            n_tables = _read_sheet(ws, sheet_no, n_tables, doc)
    finally:
        wb.close()
    if not any(c.text.strip() for row in doc.rows for c in row.cells):
        raise EmptyFile(f"no text in {path.name}", "Excel 工作簿中没有任何文字")
    return doc


def _check_package(path: Path) -> None:
    limits = settings.get()
    with path.open("rb") as fh:
        head = fh.read(4)
    if not head.startswith(b"PK"):
        raise CorruptFile(f"{path.name} is not an .xlsx (not a zip archive)",
                          "文件不是有效的 Excel (.xlsx) 工作簿，可能已损坏或扩展名有误")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zipguard.check_members(zf, path, WHAT_ZH)
            names = {i.filename for i in infos}
            if "xl/workbook.xml" not in names:
                raise CorruptFile(f"{path.name}: no xl/workbook.xml in the archive (not an Excel workbook)",
                                  "压缩包中没有 Excel 工作簿内容（xl/workbook.xml），不是有效的 .xlsx 文件")
            sheets = sum(i.file_size for i in infos
                         if i.filename.startswith("xl/worksheets/") or i.filename == "xl/sharedStrings.xml")
            cap = limits.max_sheet_mb * 1024 * 1024
            if sheets > cap:
                raise TooLarge(f"{path.name}: worksheets expand to {sheets / 1048576:.0f} MiB, over {limits.max_sheet_mb:g}",
                               f"Excel 工作表内容解压后 {sheets / 1048576:.0f} MiB，超过上限 {limits.max_sheet_mb:g} MiB，"
                               f"已拒绝处理")
            zipguard.check_xml_prologs(zf, infos, path, WHAT_ZH)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, NotImplementedError, OSError) as e:
        raise CorruptFile(f"{path.name}: broken zip archive ({type(e).__name__}: {e})",
                          "Excel 工作簿已损坏（压缩包结构错误），无法打开") from None


def _load(path: Path):
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings(), path.open("rb") as fh:  # a file object: openpyxl judges no suffix
            warnings.simplefilter("ignore")  # "Data Validation extension is not supported" and the like
            return openpyxl.load_workbook(fh, data_only=True, read_only=False, keep_links=False)
    except (KeyError, ValueError, TypeError, IndexError, AttributeError, zipfile.BadZipFile, zlib.error, EOFError,
            OSError, SyntaxError, InvalidFileException) as e:  # SyntaxError: xml.etree's ParseError
        raise CorruptFile(f"{path.name}: openpyxl cannot read it ({type(e).__name__}: {e})",
                          "Excel 工作簿已损坏或结构异常，无法读取") from None


def _read_sheet(ws, sheet_no: int, n_tables: int, doc: RawDocument) -> int:
    """Append one sheet's rows to `doc`; return the number of tables seen so far."""
    if ws.max_row * ws.max_column > _MAX_GRID_CELLS:
        raise TooLarge(f"sheet {ws.title!r} spans {ws.max_row} x {ws.max_column} cells",
                       f"Excel 工作表“{ws.title}”范围异常（{ws.max_row} 行 × {ws.max_column} 列），已拒绝处理")
    merges = {}
    inside: dict[tuple[int, int], _Merge] = {}
    for rng in ws.merged_cells.ranges:
        m = _Merge(rng.min_row, rng.min_col, rng.max_row, rng.max_col)
        merges[m.first_row, m.first_col] = m
        for r in range(m.first_row, m.last_row + 1):
            for c in range(m.first_col, m.last_col + 1):
                inside[r, c] = m
    col0 = ws.min_column
    lines: list[tuple[int, list[Cell]]] = []
    for row in ws.iter_rows():
        cells: list[Cell] = []
        r = row[0].row if row else 0
        for cell in row:
            c = cell.column
            m = inside.get((r, c))
            if m is not None and (r, c) != (m.first_row, m.first_col):
                if c == m.first_col:  # the continuation of a merge from above
                    cells.append(Cell("", col=c - col0, span=m.last_col - m.first_col + 1, covered=True))
                continue
            text = numfmt.display(cell.value, cell.number_format)
            if m is not None:
                cells.append(Cell(text, col=c - col0, span=m.last_col - m.first_col + 1,
                                  row_span=m.last_row - m.first_row + 1))
            elif text.strip():
                cells.append(Cell(text, col=c - col0))
        lines.append((r, cells))
    first = True
    table_rows = 0
    in_table = False
    for _, cells in lines:
        filled = [c for c in cells if c.text.strip() or c.covered]
        if not any(c.text.strip() for c in filled):
            in_table = False  # a blank row ends a table
            continue
        texts = [c for c in cells if c.text.strip() or c.covered or c.row_span > 1]
        lone = len(texts) == 1 and texts[0].row_span == 1
        if lone:
            doc.rows.append(Row(cells=texts, page=sheet_no, table=None, break_before=first))
            in_table = False
        else:
            if not in_table:
                n_tables += 1
                table_rows = 0
                in_table = True
            doc.rows.append(Row(cells=cells, page=sheet_no, table=n_tables - 1, row=table_rows, break_before=first))
            table_rows += 1
        first = False
    return n_tables
