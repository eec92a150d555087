"""The Excel roll-up, written and read back with openpyxl."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from pipeline.cli import main
from pipeline.export import export_xlsx, safe_cell
from pipeline.extract import extract_file
from pipeline.store import Store

SEED = Path("/work/shared/seeds/000_d4b088a1728e637c.txt")


@pytest.fixture
def store(tmp_path):
    p = tmp_path / "seed.txt"
    shutil.copyfile(SEED, p)
    records = extract_file(p)
    # text a spreadsheet would run as a formula, as a hostile form could carry it
    records[0].project_name = '=HYPERLINK("http://evil.example","点击")'
    records[0].department = "+86 东莞"
    records[0].indicators[0].name = "-2+3"
    records[0].indicators[0].annual_value = "@SUM(A1)"
    records[1].goal_overall = "\t=1+1"
    s = Store(f"sqlite:///{tmp_path}/var/j.db")
    fid = s.register_file(records[0].source.sha256, "seed.txt")
    ids = s.save_forms(fid, records, [{"docx": "/outbox/a.docx", "pdf": "/outbox/a.pdf"}] + [{}] * 7)
    s.save_file_result(fid, status="processed")
    s.record_review(ids[0], "退回", "=请核对预算金额", reviewer="王五")
    s.record_review(ids[1], "接受", "已核实")
    yield s
    s.close()


def test_three_sheets_with_chinese_frozen_headers(store, tmp_path):
    out = export_xlsx(store, tmp_path / "out" / "汇总.xlsx")
    assert out.exists() and [p.name for p in out.parent.iterdir()] == ["汇总.xlsx"]  # no temp left
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["表单", "指标", "异常"]
    forms, indicators, anomalies = wb["表单"], wb["指标"], wb["异常"]
    for ws in wb:
        assert ws.freeze_panes == "A2"
        assert ws.column_dimensions["B"].width > 10
    header = [c.value for c in forms[1]]
    for col in ("主管部门", "项目名称", "预算年度", "预算金额（元）", "实施周期", "文件", "异常数", "审核结论", "审核意见"):
        assert col in header
    assert forms.max_row == 1 + 8
    assert indicators.max_row == 1 + len(store.indicators())
    assert anomalies.max_row == 1 + len(store.anomalies()) and anomalies.max_row > 1
    assert [c.value for c in anomalies[1]][:8] == ["表单编号", "主管部门", "项目名称", "预算年度", "代码", "严重程度",
                                                  "说明", "位置"]
    row2 = dict(zip(header, [c.value for c in forms[2]], strict=True))
    assert row2["审核结论"] == "退回" and row2["审核人"] == "王五"
    assert row2["预算年度"] == 2026 and isinstance(row2["预算金额（元）"], (int, float))
    assert row2["生成的Word"] == "/outbox/a.docx"
    row3 = dict(zip(header, [c.value for c in forms[3]], strict=True))
    assert row3["审核结论"] == "接受" and row3["审核意见"] == "已核实"


def test_formula_cells_are_made_safe(store, tmp_path):
    out = export_xlsx(store, tmp_path / "x.xlsx")
    wb = openpyxl.load_workbook(out)
    values = [c.value for ws in wb for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    assert '\'=HYPERLINK("http://evil.example","点击")' in values
    assert "'+86 东莞" in values and "'-2+3" in values and "'@SUM(A1)" in values and "'=请核对预算金额" in values
    for ws in wb:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", f"{ws.title}!{c.coordinate} is a formula: {c.value}"
                if isinstance(c.value, str):
                    assert not c.value.startswith(("=", "+", "-", "@", "\t", "\r")), c.value


def test_safe_cell():
    assert safe_cell("=1+1") == "'=1+1" and safe_cell("\rx") == "'\rx"
    assert safe_cell("≥50场") == "≥50场" and safe_cell(-5) == -5 and safe_cell(None) is None


def test_export_command(store, tmp_path, capsys):
    out = tmp_path / "cli.xlsx"
    assert main(["export", "--xlsx", str(out), "--database-url", store.url]) == 0
    assert openpyxl.load_workbook(out)["表单"].max_row == 9
