"""Excel .xlsx: every visible sheet's cells, read with openpyxl, as rows of the one document.

A sheet is a grid, not a Word table; the walk turns it into the same rows the .docx
reader gives for the same form:

- a merged range is one cell at its top-left, with `span` (columns) and `row_span`
  (rows); each row below the top one holds an empty `covered=True` cell at the
  range's first column, as the .docx reader emits a `w:vMerge` continuation;
- a value is the text the cell shows (`numfmt.display`): `54370`, not `54370.0`;
  `54,370.00` under `#,##0.00`; `95%` under `0%`; dates through their format;
- a row with one lone cell (a title merged across the sheet, 单位：元, 填表人：…) is a
  paragraph (`table=None`), unless it follows table rows and does not start at the
  first column; a run of rows with two or more cells is a table, a blank
  row or a paragraph ends it; each sheet starts a new page (`page` = sheet number,
  1-based) with `break_before`, so one form per sheet and several forms stacked in
  one sheet both work;
- hidden sheets (lookup lists behind drop-downs) are skipped.

The file is distrusted like a .docx: the zip's central directory is checked for
bombs and encryption (`zipguard`), no XML part may declare a DTD, and the
worksheets together may not expand past `max_sheet_mb` before openpyxl loads them.
openpyxl reads in read-only mode (cells streamed from the XML: its normal mode spends
most of its time styling merged ranges); the sheet list and each sheet's merged
ranges are read here from workbook.xml and the sheet parts with lxml.
"""

from __future__ import annotations

import io
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from lxml import etree

from .. import settings
from ..document import Cell, RawDocument, Row
from ..errors import CorruptFile, EmptyFile, TooLarge
from . import numfmt, zipguard

WHAT_ZH = "Excel 工作簿"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
_MAX_GRID_CELLS = 4_000_000  # rows x columns of one sheet's used range; a form is a few hundred


@dataclass(slots=True)
class _Merge:
    first_row: int
    first_col: int
    last_row: int
    last_col: int


def read(path: Path) -> RawDocument:
    path = Path(path)
    sheets = _check_package(path)
    wb = _load(path)
    doc = RawDocument(path=str(path), format="xlsx")
    n_tables = 0
    sheet_no = 0
    try:
        for sheet in sheets:
            if sheet.state != "visible" or sheet.name not in wb.sheetnames:
                continue
            sheet_no += 1
            n_tables = _read_sheet(wb[sheet.name], sheet, sheet_no, n_tables, doc)
    except (KeyError, ValueError, TypeError, IndexError, AttributeError, zipfile.BadZipFile, zlib.error, EOFError,
            SyntaxError) as e:
        raise CorruptFile(f"{path.name}: a sheet cannot be read ({type(e).__name__}: {e})",
                          "Excel 工作表已损坏或结构异常，无法读取") from None
    finally:
        wb.close()
    if not any(c.text.strip() for row in doc.rows for c in row.cells):
        raise EmptyFile(f"no text in {path.name}", "Excel 工作簿中没有任何文字")
    return doc


@dataclass(slots=True)
class _Sheet:
    name: str
    state: str  # visible | hidden | veryHidden
    merges: list[_Merge]


def _check_package(path: Path) -> list[_Sheet]:
    """Check the zip, then list the sheets (in workbook order) with their merged ranges."""
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
            return _sheets(zf, names)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, NotImplementedError, OSError,
            etree.XMLSyntaxError) as e:
        raise CorruptFile(f"{path.name}: broken zip archive ({type(e).__name__}: {e})",
                          "Excel 工作簿已损坏（压缩包结构错误），无法打开") from None


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _sheets(zf: zipfile.ZipFile, names: set[str]) -> list[_Sheet]:
    """workbook.xml's sheets, their parts found through its relationships, each with its mergeCells."""
    book = etree.fromstring(zf.read("xl/workbook.xml"), _parser())
    targets: dict[str, str] = {}
    if "xl/_rels/workbook.xml.rels" in names:
        rels = etree.fromstring(zf.read("xl/_rels/workbook.xml.rels"), _parser())
        for rel in rels:
            target = rel.get("Target") or ""
            target = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
            targets[rel.get("Id") or ""] = str(PurePosixPath(target))
    out = []
    for el in book.iter(f"{{{_MAIN}}}sheet", f"{{{_STRICT}}}sheet"):
        rid = next((v for k, v in el.attrib.items() if k.endswith("}id")), "")
        part = targets.get(rid, "")
        merges = _merges(zf, part) if part in names else []
        out.append(_Sheet(el.get("name") or "", el.get("state") or "visible", merges))
    return out


def _merges(zf: zipfile.ZipFile, part: str) -> list[_Merge]:
    """The merged ranges of one sheet part (<mergeCell ref="A1:F1"/>), read as the part streams by."""
    from openpyxl.utils.cell import range_boundaries

    out = []
    with zf.open(part) as fh:
        for _, el in etree.iterparse(fh, events=("end",), tag=(f"{{{_MAIN}}}mergeCell", f"{{{_STRICT}}}mergeCell"),
                                     resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False):
            ref = el.get("ref") or ""
            el.clear()
            try:
                c0, r0, c1, r1 = range_boundaries(ref)
            except (ValueError, TypeError):
                continue
            if None not in (c0, r0, c1, r1):
                out.append(_Merge(r0, c0, r1, c1))
    return out


def _load(path: Path):
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Data Validation extension is not supported" and the like
            # read-only: cells stream from the sheet XML (5x faster; the merges are read above)
            return openpyxl.load_workbook(io.BytesIO(path.read_bytes()), data_only=True, read_only=True,
                                          keep_links=False)
    except (KeyError, ValueError, TypeError, IndexError, AttributeError, zipfile.BadZipFile, zlib.error, EOFError,
            OSError, SyntaxError, InvalidFileException) as e:  # SyntaxError: xml.etree's ParseError
        raise CorruptFile(f"{path.name}: openpyxl cannot read it ({type(e).__name__}: {e})",
                          "Excel 工作簿已损坏或结构异常，无法读取") from None


def _has_border(cell) -> bool:
    """The cell is drawn with a border on some side (a table's box, not a title's line)."""
    b = cell.border
    return any(side is not None and side.style for side in (b.left, b.right, b.top, b.bottom))


def _read_sheet(ws, sheet: _Sheet, sheet_no: int, n_tables: int, doc: RawDocument) -> int:
    """Append one sheet's rows to `doc`; return the number of tables seen so far."""
    values: dict[tuple[int, int], str] = {}
    boxed: set[tuple[int, int]] = set()  # cells with text drawn with a border (a table's boxes)
    ws.reset_dimensions()  # trust the cells, not a <dimension> tag some writers get wrong
    for row in ws.iter_rows():
        for cell in row:
            value = getattr(cell, "value", None)
            if value is None or not hasattr(cell, "row"):
                continue
            text = numfmt.display(value, cell.number_format)
            if text.strip():
                values[cell.row, cell.column] = text
                if _has_border(cell):
                    boxed.add((cell.row, cell.column))
    inside: dict[tuple[int, int], _Merge] = {}
    for m in sheet.merges:
        if (m.last_row - m.first_row + 1) * (m.last_col - m.first_col + 1) > _MAX_GRID_CELLS:
            raise TooLarge(f"sheet {sheet.name!r}: a merged range of {m}", f"Excel 工作表“{sheet.name}”合并区域异常，已拒绝处理")
        for r in range(m.first_row, m.last_row + 1):
            for c in range(m.first_col, m.last_col + 1):
                inside.setdefault((r, c), m)
    if not values and not sheet.merges:
        return n_tables
    rows_used = {r for r, _ in values} | {m.first_row for m in sheet.merges}
    cols_used = {c for _, c in values} | {m.first_col for m in sheet.merges}
    first_row, last_row = min(rows_used), max(rows_used | {m.last_row for m in sheet.merges})
    if (last_row - first_row + 1) > _MAX_GRID_CELLS:
        raise TooLarge(f"sheet {sheet.name!r} spans rows {first_row}..{last_row}",
                       f"Excel 工作表“{sheet.name}”范围异常（{last_row - first_row + 1} 行），已拒绝处理")
    col0 = min(cols_used)
    by_row: dict[int, list[tuple[int, Cell]]] = {}
    for (r, c), text in values.items():
        if (r, c) not in inside:
            by_row.setdefault(r, []).append((c, Cell(text, col=c - col0)))
    for m in sheet.merges:
        span = m.last_col - m.first_col + 1
        text = values.get((m.first_row, m.first_col), "")
        by_row.setdefault(m.first_row, []).append(
            (m.first_col, Cell(text, col=m.first_col - col0, span=span, row_span=m.last_row - m.first_row + 1)))
        for r in range(m.first_row + 1, m.last_row + 1):  # the continuation of a merge from above
            by_row.setdefault(r, []).append((m.first_col, Cell("", col=m.first_col - col0, span=span, covered=True)))
    lines = [(r, [c for _, c in sorted(by_row.get(r, []), key=lambda x: x[0])])
             for r in range(first_row, last_row + 1)]
    # each row: blank, one lone cell (boxed or not) or a row of cells
    kinds = []
    for r, cells in lines:
        texts = [c for c in cells if c.text.strip() or c.covered or c.row_span > 1]
        if not any(c.text.strip() for c in cells):
            kinds.append("blank")
        elif len(texts) == 1 and texts[0].row_span == 1:
            kinds.append("boxed" if (r, (texts[0].col or 0) + col0) in boxed else "lone")
        else:
            kinds.append("row")
    first = True
    table_rows = 0
    in_table = False
    for k, (r, cells) in enumerate(lines):
        if kinds[k] == "blank":
            in_table = False  # a blank row ends a table
            continue
        texts = [c for c in cells if c.text.strip() or c.covered or c.row_span > 1]
        # a lone cell is a paragraph (title, 单位：元, 填表人), unless it stands inside a table away
        # from its first column (an indicator row with only its name filled), or is boxed as the
        # table's cells are with the table going on under it (a row of the table holding one cell:
        # a unit's name over its projects, 年度目标 merged across the table; a boxed 填表人 line
        # closing the table stays a paragraph)
        goes_on = next((kind for kind in kinds[k + 1:] if kind != "boxed"), "blank") == "row"
        lone = kinds[k] != "row" and not (
            in_table and ((texts[0].col or 0) > 0 or (kinds[k] == "boxed" and goes_on)))
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
