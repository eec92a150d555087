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


def _dicts(ws):
    header = [c.value for c in ws[1]]
    return [dict(zip(header, row, strict=True)) for row in ws.iter_rows(min_row=2, values_only=True)]


def test_three_sheets_with_chinese_frozen_headers(store, tmp_path):
    out = export_xlsx(store, tmp_path / "out" / "汇总.xlsx")
    assert out.exists() and [p.name for p in out.parent.iterdir()] == ["汇总.xlsx"]  # no temp left
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["表单", "指标", "异常"]
    forms, indicators, anomalies = wb["表单"], wb["指标"], wb["异常"]
    for ws in wb:
        assert ws.column_dimensions["B"].width > 10
        header = [c.value for c in ws[1]]
        # the header row and every column up to 项目名称 stay in view when scrolling
        assert ws.freeze_panes == openpyxl.utils.get_column_letter(header.index("项目名称") + 2) + "2"
        for row in ws.iter_rows(min_row=2, max_row=3):
            assert all(c.alignment.wrap_text for c in row)
    header = [c.value for c in forms[1]]
    for col in ("主管部门", "项目名称", "预算年度", "预算金额（元）", "实施周期", "文件", "异常数", "审核结论", "审核意见"):
        assert col in header
    assert forms.max_row == 1 + 8
    assert indicators.max_row == 1 + len(store.indicators())
    assert anomalies.max_row == 1 + len(store.anomalies()) and anomalies.max_row > 1
    assert [c.value for c in anomalies[1]][:8] == ["表单编号", "主管部门", "项目名称", "预算年度", "严重程度", "异常",
                                                  "位置", "说明"]
    row2 = dict(zip(header, [c.value for c in forms[2]], strict=True))
    assert row2["审核结论"] == "退回" and row2["审核人"] == "王五" and row2["表序号"] == 1
    assert row2["预算年度"] == 2026 and isinstance(row2["预算金额（元）"], (int, float))
    row3 = dict(zip(header, [c.value for c in forms[3]], strict=True))
    assert row3["审核结论"] == "接受" and row3["审核意见"] == "已核实" and row3["表序号"] == 2


def test_pending_reviews_decisions_and_positions(store, tmp_path):
    from pipeline.store import FormRow

    with store.session() as s, s.begin():  # a third form with an error and no decision yet
        s.get(FormRow, 3).error_count = 1
    wb = openpyxl.load_workbook(export_xlsx(store, tmp_path / "x.xlsx"))
    forms = _dicts(wb["表单"])
    assert [f["审核结论"] for f in forms][:3] == ["退回", "接受", "待审核"]
    assert all(f["审核结论"] in (None, "") for f in forms[3:] if not f["错误数"])  # blank only where none is needed
    rows = _dicts(wb["异常"])
    by_form = {r["表单编号"]: r["审核结论"] for r in rows}
    assert by_form.get(forms[0]["编号"], "退回") == "退回" and by_form.get(3, "待审核") == "待审核"
    assert all(r["异常"] and not r["异常"].isascii() for r in rows)  # named in Chinese, the code kept beside
    assert all(r["代码"].isascii() for r in rows)
    positions = [r["位置"] for r in rows if r["位置"].startswith("第")]
    assert positions and all("条指标（" in p for p in positions), positions
    assert not [r for r in rows if "indicators[" in r["位置"]]


def test_decision_time_in_the_configured_zone_to_the_minute(store, tmp_path, monkeypatch):
    from datetime import UTC, datetime

    from pipeline import settings
    from pipeline.store import ReviewRow

    with store.session() as s, s.begin():
        for r in s.query(ReviewRow).all():
            r.decided_at = datetime(2026, 3, 1, 17, 30, 45, tzinfo=UTC)
    monkeypatch.setenv("JIXIAO_TIMEZONE", "Asia/Shanghai")
    settings.reset()
    try:
        wb = openpyxl.load_workbook(export_xlsx(store, tmp_path / "t.xlsx"))
    finally:
        settings.reset()
    cell = next(c for c in wb["表单"]["Q"][1:] if c.value)
    assert wb["表单"]["Q1"].value == "审核时间"
    assert cell.value == datetime(2026, 3, 2, 1, 30) and cell.number_format == "yyyy-mm-dd hh:mm"


def test_outputs_are_hyperlinks(tmp_path):
    s = Store(f"sqlite:///{tmp_path}/var/j.db")
    out = tmp_path / "outbox"
    out.mkdir()
    p = tmp_path / "seed.txt"
    shutil.copyfile(SEED, p)
    records = extract_file(p)[:1]
    fid = s.register_file(records[0].source.sha256, "seed.txt")
    (out / "甲.docx").write_bytes(b"x")
    (out / "甲.审核.txt").write_text("审核结论：退回", encoding="utf-8")
    s.save_forms(fid, records, [{"docx": str(out / "甲.docx"), "pdf": "/elsewhere/甲.pdf"}])
    wb = openpyxl.load_workbook(export_xlsx(s, out / "汇总.xlsx"))
    header = [c.value for c in wb["表单"][1]]
    word = wb["表单"].cell(row=2, column=header.index("生成的Word") + 1)
    assert word.value == "甲.docx" and word.hyperlink.target == "甲.docx"  # beside the workbook: relative
    pdf = wb["表单"].cell(row=2, column=header.index("生成的PDF") + 1)
    assert pdf.hyperlink.target == "file:///elsewhere/%E7%94%B2.pdf"
    note = wb["表单"].cell(row=2, column=header.index("审核结论文件") + 1)
    assert note.hyperlink.target == "甲.审核.txt"
    s.close()


def test_formula_cells_are_text_with_the_quote_prefix_style(store, tmp_path):
    out = export_xlsx(store, tmp_path / "x.xlsx")
    wb = openpyxl.load_workbook(out)
    cells = {c.value: c for ws in wb for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, str)}
    for text in ('=HYPERLINK("http://evil.example","点击")', "+86 东莞", "-2+3", "@SUM(A1)", "=请核对预算金额"):
        assert text in cells, text  # shown as written: no apostrophe Excel or WPS would display
        assert cells[text].quotePrefix and cells[text].data_type == "s"
    assert not [v for v in cells if v.startswith("'")]
    assert not cells["东莞市常平镇妇女联合会"].quotePrefix if "东莞市常平镇妇女联合会" in cells else True
    for ws in wb:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", f"{ws.title}!{c.coordinate} is a formula: {c.value}"
    import zipfile

    with zipfile.ZipFile(out) as z:
        sheets = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert "<f>" not in sheets


def test_safe_cell():
    from datetime import UTC, datetime

    assert safe_cell("=1+1") == "=1+1" and safe_cell(-5) == -5 and safe_cell(None) is None
    assert safe_cell(datetime(2026, 1, 1, 0, 0, 59, tzinfo=UTC), "Asia/Shanghai") == datetime(2026, 1, 1, 8, 0)


def test_export_command(store, tmp_path, capsys):
    out = tmp_path / "cli.xlsx"
    assert main(["export", "--xlsx", str(out), "--database-url", store.url]) == 0
    assert openpyxl.load_workbook(out)["表单"].max_row == 9


def test_every_anomaly_code_has_a_chinese_name_and_positions_read_as_a_person_reads():
    from pipeline.checks import load
    from pipeline.readable import ANOMALY_NAMES, position

    codes = set(load())
    assert codes <= set(ANOMALY_NAMES), sorted(codes - set(ANOMALY_NAMES))
    assert all(not n.isascii() for n in ANOMALY_NAMES.values())
    record = {"indicators": [{"name": "甲"}, {"name": "乙"}, {"name": "助餐服务人次"}]}
    assert position("indicators[2].annual_value", record) == "第3条指标（助餐服务人次）年度指标值"
    assert position("indicators[0].period_value", record) == "第1条指标（甲）实施周期指标值"
    assert position("indicators[9].name", record) == "第10条指标三级指标名称"
    assert position("budget_amount", record) == "预算金额" and position("indicators", record) == "绩效指标"
