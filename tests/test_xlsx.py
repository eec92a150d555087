"""The .xlsx reader on real workbooks built with openpyxl (tests/xlsxgen.py) from the same
records as the .docx fixtures: every layout, forms stacked in one sheet and one per
sheet, numbers stored as numbers, must give the records the .docx gives."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

import formgen
import pytest
import xlsxgen
from compare import assert_same
from openpyxl import Workbook

from pipeline.errors import CorruptFile, HostileFile, TooLarge
from pipeline.extract import extract_file
from pipeline.readers import numfmt
from pipeline.readers import xlsx as xlsx_reader

COMBOS = [(layout, per) for layout in formgen.LAYOUTS for per in (False, True)]


@pytest.fixture(scope="module")
def records():
    return formgen.sample_records()


@pytest.mark.parametrize("layout,per_sheet", COMBOS, ids=[f"{a}-{'sheets' if b else 'stacked'}" for a, b in COMBOS])
def test_same_records_as_the_docx_of_the_same_forms(tmp_path, records, layout, per_sheet):
    xlsx = xlsxgen.write_xlsx(records, tmp_path / "forms.xlsx", layout, per_sheet=per_sheet)
    docx = formgen.write_docx(records, tmp_path / "forms.docx", layout)
    got = [r.to_dict() for r in extract_file(xlsx, checks=False)]
    from_docx = [r.to_dict() for r in extract_file(docx, checks=False)]
    assert len(got) == len(records) == len(from_docx)
    for i, (g, d, r) in enumerate(zip(got, from_docx, records)):
        assert_same(g, formgen.expected_for(r, layout), f"{layout} form {i}")
        assert_same(g, d, f"{layout} form {i} vs docx")
        assert g["source"]["format"] == "xlsx" and g["source"]["form_index"] == i
    if per_sheet:  # provenance names the sheet as the page
        assert [g["provenance"]["project_name"]["page"] for g in got] == list(range(1, len(records) + 1))


def test_numbers_typed_as_numbers_read_as_shown(tmp_path, records):
    """Stored as numbers (480000.0 under #,##0.00, 0.9 under 0%), not as text."""
    p = xlsxgen.write_xlsx(records[:1], tmp_path / "one.xlsx")
    from openpyxl import load_workbook

    ws = load_workbook(p).active
    values = [c.value for row in ws.iter_rows() for c in row]
    assert 480000.0 in values and 0.9 in values and 2026 in values  # really numbers in the file
    rec = extract_file(p, checks=False)[0]
    assert rec.budget_amount == 480000.0
    assert [i.annual_value for i in rec.indicators if i.name == "预算单位满意度"] == ["90%"]


def test_merged_ranges_become_spans_and_covered_cells(tmp_path, records):
    p = xlsxgen.write_xlsx(records[:1], tmp_path / "one.xlsx")
    doc = xlsx_reader.read(p)
    assert doc.format == "xlsx"
    title = doc.rows[0]
    assert title.table is None and title.cells[0].text == "项目绩效目标表"
    rows = [r for r in doc.rows if r.table is not None]
    label = next(c for r in rows for c in r.cells if c.text == "绩效指标")
    n_ind = len(formgen.indicator_rows(records[0], "standard"))
    assert label.col == 0 and label.row_span == n_ind + 1
    start = next(i for i, r in enumerate(rows) if r.cells[0] is label)
    below = rows[start + 1: start + 1 + n_ind]
    assert all(r.cells[0].covered and r.cells[0].text == "" and r.cells[0].col == 0 for r in below)
    name = next(c for r in rows for c in r.cells if c.text == "2026年预算绩效管理第三方服务经费")
    assert name.col == 1 and name.span == 5  # the value merged across the rest of the row
    assert doc.rows[-1].table is None and doc.rows[-1].cells[0].text.startswith("填表人")


def test_number_formats_and_dates_as_typed(tmp_path):
    wb = Workbook()
    ws = wb.active
    cases = [
        (54370.0, "General", "54370"), (54370, "General", "54370"), (54370.0, "#,##0.00", "54,370.00"),
        (0.95, "0%", "95%"), (0.955, "0.0%", "95.5%"), (0.1 + 0.2, "General", "0.3"), (480000, '"¥"#,##0', "¥480,000"),
        (12.5, "0.00", "12.50"), (100, '0"元"', "100元"), (-1234.5, "#,##0.00;[Red]-#,##0.00", "-1,234.50"),
        (dt.datetime(2026, 1, 5), "yyyy-mm-dd", "2026-01-05"),
        (dt.datetime(2026, 12, 31), 'yyyy"年"m"月"d"日"', "2026年12月31日"),
        (dt.datetime(2025, 7, 1), "yyyy/m/d", "2025/7/1"),
        (dt.datetime(2025, 7, 1), 'yyyy"年"m"月"', "2025年7月"),
    ]
    for k, (value, fmt, _) in enumerate(cases, start=1):
        ws.cell(row=k, column=1, value="值")
        c = ws.cell(row=k, column=2, value=value)
        c.number_format = fmt
    p = tmp_path / "formats.xlsx"
    wb.save(p)
    doc = xlsx_reader.read(p)
    assert [r.cells[1].text for r in doc.rows] == [want for *_, want in cases]


def test_general_has_no_float_noise():
    assert numfmt.general(54370.0) == "54370" and numfmt.general(0.1 + 0.2) == "0.3"
    assert numfmt.general(77.5413) == "77.5413" and numfmt.general(-3) == "-3"


def test_hidden_sheets_are_skipped(tmp_path, records):
    p = xlsxgen.write_xlsx(records[:2], tmp_path / "two.xlsx", per_sheet=True)
    from openpyxl import load_workbook

    wb = load_workbook(p)
    wb.worksheets[1].sheet_state = "hidden"
    wb.save(p)
    got = extract_file(p, checks=False)
    assert [r.project_name for r in got] == [records[0].project_name]


def test_workbook_saved_as_docx_is_read_as_a_workbook(tmp_path, records):
    p = xlsxgen.write_xlsx(records[:1], tmp_path / "one.xlsx")
    wrong = tmp_path / "one.docx"
    shutil.copy(p, wrong)
    got = extract_file(wrong, checks=False)
    assert got[0].project_name == records[0].project_name and got[0].source.format == "xlsx"


def _rewrite(src: Path, dest: Path, member: str, data: bytes, compress: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", compress) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, data if info.filename == member else zin.read(info.filename))
    return dest


def test_entities_in_a_sheet_are_refused(tmp_path, records):
    p = xlsxgen.write_xlsx(records[:1], tmp_path / "one.xlsx")
    with zipfile.ZipFile(p) as zf:
        xml = zf.read("xl/worksheets/sheet1.xml")
    evil = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>' + xml
    bad = _rewrite(p, tmp_path / "evil.xlsx", "xl/worksheets/sheet1.xml", evil)
    with pytest.raises(HostileFile):
        xlsx_reader.read(bad)


def test_zip_bomb_is_refused_before_loading(tmp_path, records):
    p = xlsxgen.write_xlsx(records[:1], tmp_path / "one.xlsx")
    with zipfile.ZipFile(p) as zf:
        xml = zf.read("xl/worksheets/sheet1.xml")
    padded = xml.replace(b"</worksheet>", b"<!--" + b" " * (30 << 20) + b"--></worksheet>")
    bomb = _rewrite(p, tmp_path / "bomb.xlsx", "xl/worksheets/sheet1.xml", padded)
    with pytest.raises(TooLarge) as e:
        xlsx_reader.read(bomb)
    assert "压缩" in e.value.reason_zh or "超过" in e.value.reason_zh


def test_not_a_zip_is_corrupt(tmp_path):
    p = tmp_path / "x.xlsx"
    p.write_bytes(b"this is not a workbook at all" * 10)
    with pytest.raises(CorruptFile) as e:
        extract_file(p)
    assert "Excel" in e.value.reason_zh


def test_a_row_with_only_an_indicator_name_stays_in_its_table(tmp_path):
    """Levels not merged, values left empty: the row is the table's, not a paragraph."""
    wb = Workbook()
    ws = wb.active
    ws.append(["项目绩效目标表"])
    ws.append(["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值"])
    ws.append(["", "产出指标", "数量指标", "开展活动场次", "≥10场"])
    ws.append(["", "", "", "培训人数"])
    ws.append(["填表人：张三"])
    p = tmp_path / "lone.xlsx"
    wb.save(p)
    doc = xlsx_reader.read(p)
    tables = [r.table for r in doc.rows]
    assert tables == [None, 0, 0, 0, None]
    assert doc.rows[3].cells[0].text == "培训人数" and doc.rows[3].cells[0].col == 3


@pytest.mark.parametrize("case", ["xlsx_tree_export_boxed_rows", "xlsx_goal_label_row_across_table"])
def test_a_boxed_row_of_one_cell_stays_in_its_table(case):
    """A row holding one cell inside a table whose cells are boxed (a budget system's tree export: the
    unit, the project, the 一级 and 二级 names each a row of one cell in the first column; 年度目标
    merged across the table over its text) is a row of the table, as the .docx of the same form
    gives it, not a paragraph cutting the table in two (tests/data/corpus/<case>.xlsx, made with
    openpyxl, beside its hand-written <case>.expected.json)."""
    from compare import case_reads_as_written

    case_reads_as_written(case, "xlsx")
