"""The .txt reader and the form parser on copied-table text in every style, layout and encoding."""

from __future__ import annotations

import pytest

from pipeline.errors import CorruptFile, EmptyFile, NotAForm
from pipeline.extract import extract_file
from pipeline.forms import parse
from pipeline.readers.txt import read_text
from tests.compare import assert_same
from tests.txtgen import LAYOUTS, expected, write_txt


def test_seed_gives_the_contract_records(seed_path, seed_expected):
    got = [r.to_dict() for r in extract_file(seed_path, checks=False)]
    assert len(got) == len(seed_expected) == 8
    for g, e in zip(got, seed_expected):
        assert_same(g, e)
    assert [g["source"]["form_index"] for g in got] == list(range(8))
    assert {g["source"]["format"] for g in got} == {"txt"}


def test_seed_provenance_points_at_lines(seed_path):
    r = extract_file(seed_path, checks=False)[1]
    assert r.provenance["project_name"].row == 32  # 0-based line of 项目名称 in form 2
    assert r.indicators[0].origin.row == 44


@pytest.mark.parametrize("style", ["tabs", "pipe", "lines"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_styles_and_layouts(tmp_path, seed_records, style, layout):
    path = write_txt(seed_records, tmp_path / "forms.txt", style=style, layout=layout, seed=7)
    got = [r.to_dict() for r in extract_file(path, checks=False)]
    assert len(got) == len(seed_records)
    for g, r in zip(got, seed_records):
        assert_same(g, expected(r, layout), f"{style}/{layout}")


@pytest.mark.parametrize("seed", range(12))
def test_shifted_columns_at_random(tmp_path, seed_records, seed):
    path = write_txt(seed_records, tmp_path / "forms.txt", style="tabs", seed=seed)
    got = [r.to_dict() for r in extract_file(path, checks=False)]
    for g, r in zip(got, seed_records):
        assert_same(g, expected(r, "standard"), f"seed {seed}")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_encodings(tmp_path, seed_records, encoding, newline):
    recs = [r for r in seed_records if "“" not in (r.project_name or "")] if encoding == "gbk" else seed_records
    path = write_txt(recs, tmp_path / "forms.txt", encoding=encoding, newline=newline)
    got = [r.to_dict() for r in extract_file(path, checks=False)]
    assert [g["project_name"] for g in got] == [r.project_name for r in recs]
    for g, r in zip(got, recs):
        assert_same(g, expected(r, "standard"), encoding)


def test_utf16_without_bom(tmp_path, seed_records):
    from tests.txtgen import render_text

    for enc in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{enc}.txt"
        path.write_bytes(render_text(seed_records[:2]).encode(enc))
        got = extract_file(path, checks=False)
        assert [g.project_name for g in got] == [r.project_name for r in seed_records[:2]]


def test_empty_and_binary_and_non_form(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"   \n")
    with pytest.raises(EmptyFile):
        extract_file(empty)
    binary = tmp_path / "bin.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(CorruptFile):
        extract_file(binary)
    prose = tmp_path / "letter.txt"
    prose.write_text("各位同事：\n本周五下午开会，请准时参加。\n", encoding="utf-8")
    with pytest.raises(NotAForm):
        extract_file(prose)


def test_markup_is_removed_and_noted(seed_path):
    r = extract_file(seed_path, checks=False)[1]
    assert "<p>" not in r.goal_overall and "</p>" not in r.goal_annual
    assert {(f.kind, f.field) for f in r.findings} >= {("markup", "goal_overall"), ("markup", "goal_annual")}


def test_a_pdf_saved_with_a_docx_suffix_is_read_as_pdf(tmp_path):
    from pathlib import Path

    src = Path(__file__).resolve().parent.parent / "samples" / "社会事务局_家庭教育指导.pdf"
    misnamed = tmp_path / "家庭教育.docx"
    misnamed.write_bytes(src.read_bytes())
    [r] = extract_file(misnamed, checks=False)
    assert r.project_name == "家庭教育指导服务项目" and r.source.format == "pdf"


def test_run_together_table_with_spaces_inside_some_cells():
    """A document site's preview (淘文阁: 新洲 自评表): the table run together, with spaces only inside a
    few cells (`(2020 年度)`, `年度 总体 目标`): cut at the labels, not at the spaces."""
    line = ("1、项目支出绩效自评表(2020 年度)项目名称某某设备更新经费主管部门某区某团实施单位某区某局机关项目资金 (万元)"
            "年初预算数全年预算数全年执行数年度资金总额其中:当年财政拨款年度 总体 目标预期目标实际完成情况更新某某设备。"
            "已完成绩 效 指 标一级指标二级指标三级指标年度指标值产出指标数量指标更新设备数量50件")
    cells = [c.text for r in read_text(line + "\n", "x.txt").rows for c in r.cells]
    assert "项目名称" in cells and "主管部门" in cells and "某区某团" in cells


def test_run_together_value_never_cuts_into_a_label():
    """`总分10098项目名称…`: 项 is a unit, but here the head of 项目名称 (the next form); the total's two
    scores run together (分值 100, 得分 98: an 得分 is no more than its 分值) are cut apart."""
    line = "一级指标二级指标三级指标指标值产出指标数量指标培训人数≥100人总分10098项目名称某某培训经费主管部门某局实施单位某中心"
    cells = [c.text for r in read_text(line + "\n", "x.txt").rows for c in r.cells]
    assert "项目名称" in cells and "某某培训经费" in cells
    assert cells[cells.index("总分") + 1:cells.index("项目名称")] == ["100", "98"]
    assert cells[cells.index("数量指标") + 1:cells.index("总分")] == ["培训人数", "≥100人"]


def test_cell_per_line_cell_wrapped_over_lines_with_no_pipe():
    """安徽 金安 on a county site: `cell |` lines with no row ends, a narrow cell's text wrapped over
    lines that carry no pipe until its last (`项目资金` / `(万元) |`, `绩` / `效` / `指` / `标 |`): one cell,
    the page's breaks kept; a title before a table still stands alone; no row ends marked, so each cell
    is a row of its own."""
    lines = ["说明文字一行。", "项目支出绩效目标表 |", "|", "项目名称 |", "某某活动经费 |", "项目期 |", "1年 |",
             "项目资金", "(万元) |", "年度资金总额: |", "12.00 |", "年度", "目标 |", "办好某某活动。 |",
             "绩", "效", "指", "标 |", "一级", "指标 |", "二级指标 |", "三级指标 |", "指标值 |",
             "产出指标 |", "数量指标 |", "举办某某活动", "场次 |", "4场 |", "|"]
    doc = read_text("\n".join(lines) + "\n", "x.txt")
    texts = [[c.text for c in r.cells] for r in doc.rows]
    assert texts[:2] == [["说明文字一行。"], ["项目支出绩效目标表"]]
    assert ["项目资金\n(万元)"] in texts and ["绩\n效\n指\n标"] in texts and ["举办某某活动\n场次"] in texts
    assert all(len(t) == 1 for t in texts)


@pytest.mark.parametrize("goal_lines", [["年度", "目标", "某某年度目标文字，完成康复救助。"], ["年度", "目标 某某年度目标文字，完成康复救助。"]])
def test_label_broken_over_lines_with_a_label_head(goal_lines):
    """年度 / 目标 (年度 alone is a label too): the two lines are one label, its text on the next line or after
    the tail on the same line (a finance page's table as rows one space apart)."""
    rows = ["项目名称 某某康复救助", "主管部门 某某局 实施单位 某某局", "项目资金 年度资金总额: 80", *goal_lines,
            "一级指标 二级指标 三级指标 指标值", "产出指标 数量指标 救助人数 ≥100人", "满意度指标 服务对象满意度指标 受助家庭满意度 ≥90%"]
    doc = read_text("\n".join(rows) + "\n", "t.txt")
    assert next(c.text for r in doc.rows for c in r.cells if "目标" in c.text) == "年度\n目标"

    (rec,) = parse(doc)
    assert rec.goal_annual == "某某年度目标文字，完成康复救助。"


def test_a_page_of_scores_is_no_form():
    """项目名称 | 债券性质 | 自评分数 | 自评等级 over a list of scored projects, one cell a line: 项目名称 takes the
    next header as its value and nothing else is read: no form, not a record named 债券性质."""
    cells = ["2023年某某专项债券项目绩效评价表", "单位:亿元", "项目名称", "债券性质", "已发债券规模", "自评分数", "自评等级",
             "某某医院建设工程", "其他项目收益专项债券", "0.3", "95", "优", "某某学校建设工程", "其他项目收益专项债券", "0.8", "90", "优"]
    assert parse(read_text("\n\n".join(cells) + "\n", "t.txt")) == []


def test_rows_one_space_apart_with_a_double_space_for_an_empty_cell():
    """湖南 湘阴 申报表 page: rows one space apart where an empty cell leaves two spaces (`主管部门  项目起止时间 …`),
    a few wider gaps inside check lists: rows, not a layout; the money table's sources with no amounts
    (市级资金 alone) do not end it, the year's column of the one filled gives the budget."""
    rows = ["项目支出预算绩效目标申报表", "(2022年度)",
            "项目基本情况 项目名称 某某幼儿园补助经费 ",
            "项目属性 新增项目□                       延续项目√ ",
            " 主管部门  项目起止时间 2022.1—2022.12",
            "项目负责人 某某  联系电话 0000",
            "项目类型 1.基本建设类 □    其中:新建  □ 3.其他专项类 √ ",
            "项目概况 公办幼儿园生均公用经费 每生每年补助500元。", "项目立项依据 某财教〔2019〕1号",
            "项目资金情况 项目资金申请(万元) 项 目  上年度安排资金 本年度申请资金",
            "合 计 120.5 150", "市级资金", "省级资金", "县级资金 120.5 150",
            "支出明细预算(万元) 项 目 上年度安排资金  本年度申请资金 测算依据及说明",
            "合 计 120.5 150 按在园幼儿数测算", "幼儿园生均经费 120.5 150",
            "项目年度绩效目标情况 长期绩效目标 完善学前教育经费保障机制。"]
    doc = read_text("\n".join(rows) + "\n", "t.txt")
    assert ["主管部门", "项目起止时间", "2022.1—2022.12"] in [[c.text for c in r.cells] for r in doc.rows]
    (rec,) = parse(doc)
    assert (rec.project_name, rec.period_start, rec.budget_amount) == ("某某幼儿园补助经费", 2022, 1500000)
    assert rec.goal_overall == "完善学前教育经费保障机制。"


def test_level_names_and_level_headers_wrapped_in_a_page_text():
    # 天长 自评表 as a page's text: 一级 / 指标 in the header, 可持续影 / 响指标 and 服务对象 / 满意度指标 one
    # piece a line (the narrow column wrapped them); none of the pieces is an indicator
    text = """项目支出绩效自评表
(2022年度)
项目名称 乙经费
主管部门 实施单位 某市某局
年度绩效指标完成情况 一级
指标
二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
(50分)
数量指标 指标1:完成泵站改造数量 2 2 10 10
社会效益
指标
指标1:受益人口 ≥3万人 3.2万人 10 10
可持续影
响指标
指标1:泵站运行年限 ≥10年 10年 10 10
满意度指标
(10分)
服务对象
满意度指标
指标1:受益群众满意度 90% 96% 10 10
总分 100 100
"""
    [r] = parse(read_text(text, "x.txt"))
    assert [(i.level2, i.name, i.annual_value) for i in r.indicators] == [
        ("数量指标", "完成泵站改造数量", "2"), ("社会效益指标", "受益人口", "≥3万人"),
        ("可持续影响指标", "泵站运行年限", "≥10年"), ("服务对象满意度指标", "受益群众满意度", "90%")]
def test_one_cell_a_line_keeps_a_row_whole_across_its_empty_cells():
    # a web page's list one cell a line, ` |` for an empty cell and a bare `|` between rows: the project's
    # name, budget and goal stand on its first row only (its unit on every row), the empty cells under them
    # are no row ends
    lines = ["部门预算项目绩效目标表", "|", "单位名称 |", "项目名称 |", "预算数 |", "年度目标 |", "一级指标 |", "二级指标 |",
             "三级指标 |", "指标值 |", "|", "某镇人民政府 |", "村级运转经费 |", "120000 |", "保障村级组织运转 |", "产出指标 |",
             "数量指标 |", "保障村数 |", "8个 |", "|", "某镇人民政府 |", " |", " |", " |", "效益指标 |", "社会效益指标 |",
             "村务运转 |", "正常 |", "|", "某镇人民政府 |", "环境整治经费 |", "50000 |", "改善人居环境 |", "产出指标 |",
             "数量指标 |", "清运垃圾 |", "≥300吨 |", "|"]
    doc = read_text("\n".join(lines), "x.txt")
    assert [len(r.cells) for r in doc.rows][-3:] == [8, 5, 8]
    records = parse(doc)
    assert [(r.project_name, [i.name for i in r.indicators]) for r in records] == [
        ("村级运转经费", ["保障村数", "村务运转"]), ("环境整治经费", ["清运垃圾"])]


def test_one_cell_a_line_characters_of_a_vertical_label_join_only_into_a_label():
    """产 / 出 / 指 / 标 copied one cell a line (a label written down a narrow merged cell) is one cell, 产出指标;
    lone characters that make no label (a 备注 column's 无, a 是 / 否 answer) stay cells of their own."""
    text = "\n\n".join(["绩", "效", "指", "标", "一级指标", "产", "出", "指", "标", "数量指标", "改造数量", "6所",
                        "无", "是", "满", "意", "度", "指", "标", "服务对象满意度指标", "满意度", "≥90%"])
    got = [[c.text for c in r.cells] for r in read_text(text, "x.txt").rows]
    assert got == [["绩效指标"], ["一级指标"], ["产出指标"], ["数量指标"], ["改造数量"], ["6所"], ["无"], ["是"],
                   ["满意度指标"], ["服务对象满意度指标"], ["满意度"], ["≥90%"]]


def test_one_cell_a_line_numbered_label_wrapped_at_its_width_is_one_cell():
    """六、项 / 目总体 / 绩效目 / 标 (a numbered label wrapped in its narrow cell) copied one cell a line is one label,
    as the same pieces one space apart are; 年度 / 总体 / 目标 (年度 a label alone) is left to the parser."""
    text = "\n\n".join(["六、项", "目总体", "绩效目", "标", "城区公厕保持整洁。", "年度", "总体", "目标", "预期目标"])
    got = [[c.text for c in r.cells] for r in read_text(text, "x.txt").rows]
    assert got == [["六、项目总体绩效目标"], ["城区公厕保持整洁。"], ["年度"], ["总体"], ["目标"], ["预期目标"]]


def test_rows_one_space_apart_vertical_label_ending_in_the_row_beside_it():
    """产 / 出 / 指 / 标 数量指标 某某 ≥3200人 (rows one space apart, a vertical label's last character opening the
    row beside it): the label is the row's first cell, 产出指标; a lone character that makes no label stays."""
    rows = ["项目名称 困难群众救助补助", "主管部门 某县民政局 实施单位 某县社会救助服务中心", "资金情况 年度资金总额：2360",
            "年度目标 按时足额发放城乡低保金。", "绩", "效", "指", "标 一级指标 二级指标 三级指标 指标值",
            "产", "出", "指", "标 数量指标 城乡低保保障人数 ≥3200人", "质量指标 救助资金发放准确率 ≥98%",
            "无", "满意度指标 服务对象满意度指标 受助对象满意度 ≥90%"]
    got = [[c.text for c in r.cells] for r in read_text("\n".join(rows) + "\n", "x.txt").rows]
    assert ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"] in got
    assert ["产出指标", "数量指标", "城乡低保保障人数", "≥3200人"] in got
    assert ["无"] in got and not any(r[0] in ("产", "出", "指", "标") for r in got)


def test_rows_one_space_apart_bracketed_year_with_spaces_is_one_cell():
    """（20 19 年度） under the title of a form whose rows are cells one space apart: one cell, the form's year."""
    rows = ["项目支出绩效自评表", "（20 19 年度）", "项目名称 教学楼屋面防水维修", "主管部门 某市某某局 实施单位 某市某某学校",
            "年度资金总额 28.6 28.6 27.8 10 97% 9.7", "一级指标 二级指标 三级指标 年度指标值 实际完成值",
            "产出指标 数量指标 维修屋面面积 1200平方米 1260平方米"]
    got = [[c.text for c in r.cells] for r in read_text("\n".join(rows) + "\n", "x.txt").rows]
    assert ["（20 19 年度）"] in got
    [r] = parse(read_text("\n".join(rows) + "\n", "x.txt"))
    assert r.budget_year == 2019


def test_label_broken_over_lines_keeps_the_rest_of_its_row():
    """主管部门 / 及编码 [015001]某局 实施单位 某所 (rows one space apart, a label broken in its cell): the label, its
    value and the rest of the row are one row again, so the department is read."""
    rows = ["项目支出绩效目标表", "（2021年度）", "项目名称 社区学校课后服务设施改造", "主管部门",
            "及编码 [015001]某区教育局 实施单位 某区教育技术中心", "项目属性 基础建设、修缮类 项目起止时间 202101-202112",
            "年度目标 完成四所学校课后服务用房改造。", "一级指标 二级指标 三级指标 指标值",
            "产出指标 数量指标 改造学校数量 4所"]
    got = [[c.text for c in r.cells] for r in read_text("\n".join(rows) + "\n", "x.txt").rows]
    assert ["主管部门\n及编码", "[015001]某区教育局", "实施单位", "某区教育技术中心"] in got
    [r] = parse(read_text("\n".join(rows) + "\n", "x.txt"))
    assert (r.department, r.implementing_unit) == ("某区教育局", "某区教育技术中心")


def test_one_cell_a_line_full_rows_unmarked_before_a_padded_row():
    """One cell a line, a row's last cell carrying its row's empty cells (`某某 | ||||`) and a full row with no end
    mark (pipes-padded): the basic-information rows and the first marked row run together (12 cells) where the
    table's other marked runs count 6, so they are two rows of 6; the money table's header row, full, is its own
    row too, not the head of its first cost row."""
    from pathlib import Path
    text = (Path(__file__).parent / "data" / "corpus" / "pipes_padded_full_rows_unmarked.txt").read_text(encoding="utf-8")
    got = [[c.text for c in r.cells] for r in read_text(text, "x.txt").rows]
    assert ["项目名称", "乡村道路养护补助", "项目类别", "本级支出项目", "项目性质", "经常性项目"] in got
    assert ["立项依据", "某县农村公路养护管理办法"] in got
    assert ["项目预算（万元）", "成本构成", "金额", "测算依据", "2022年实际执行数", "2023年实际执行数"] in got
    assert ["道路养护费", "70", "依据养护里程测算", "62", "66"] in got
