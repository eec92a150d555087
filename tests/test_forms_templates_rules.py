"""One small test per template rule (issue 9, issue 8 items 1 and 4), each on a few rows
written by hand, like pdfplumber's test_issue_N."""

from __future__ import annotations

import pytest

from pipeline.document import Cell, RawDocument, Row
from pipeline.errors import NotAForm
from pipeline.forms import parse
from pipeline.readers.txt import read_text

TABLE = [
    ["一级指标", "二级指标", "三级指标", "指标值"],
    ["产出指标", "数量指标", "培训人数", "≥100人"],
]


def doc(rows: list[list[str]], fmt: str = "txt") -> RawDocument:
    return RawDocument("x", fmt, [Row([Cell(t) for t in r], table=0, row=i) for i, r in enumerate(rows)])


def grid(rows: list[list[str | Cell]]) -> RawDocument:
    """A docx-like table: every cell at its grid column; a Cell passes through as given."""
    out = []
    for i, r in enumerate(rows):
        cells = [c if isinstance(c, Cell) else Cell(c, col=k) for k, c in enumerate(r)]
        out.append(Row(cells, table=0, row=i))
    return RawDocument("x", "docx", out)


def one(rows, fmt="txt"):
    [r] = parse(doc(rows, fmt))
    return r


def inds(r):
    return [(i.level1, i.level2, i.name, i.period_value, i.annual_value) for i in r.indicators]


# ------------------------------------------------------------------ 1. header labels by meaning

@pytest.mark.parametrize("label, fld, value, want", [
    ("专项名称", "project_name", "城乡环境整治", "城乡环境整治"),
    ("项目(专项)名称", "project_name", "城乡环境整治", "城乡环境整治"),
    ("主管预算部门", "department", "某市财政局", "某市财政局"),
    ("主管部门及编码", "department", "[015001]某市民政局", "某市民政局"),
    ("主管部门\n及编码", "department", "015001 某市民政局", "某市民政局"),
    ("具体实施单位", "implementing_unit", "某区社会福利院", "某区社会福利院"),
])
def test_header_label_by_meaning(label, fld, value, want):
    name = [] if fld == "project_name" else [["项目名称", "甲项目"]]
    r = one([["项目绩效目标表"], *name, [label, value], *TABLE])
    assert getattr(r, fld) == want


def test_value_never_taken_from_next_label():
    r = one([["项目名称", "甲项目"], ["主管部门", "实施单位", "某中心"], *TABLE])
    assert r.department is None and r.implementing_unit == "某中心"


# ------------------------------------------------------------------ 2. period spellings

@pytest.mark.parametrize("label, value, want", [
    ("实施周期", "2025-2027", (2025, 2027)),
    ("实施期", "2025年至2027年", (2025, 2027)),
    ("项目期", "202001-202012", (2020, 2020)),
    ("建设周期", "2023.07-2024.01", (2023, 2024)),
    ("项目起止时间", "2023年7月-2024年1月", (2023, 2024)),
])
def test_period_in_one_cell(label, value, want):
    r = one([["项目名称", "甲项目"], [label, value], *TABLE])
    assert (r.period_start, r.period_end) == want


def test_period_as_start_and_end_dates():
    r = one([["项目名称", "甲项目"], ["开始日期", "2021.1", "结束日期", "2021.12"], *TABLE])
    assert (r.period_start, r.period_end) == (2021, 2021)


# ------------------------------------------------------------------ 3. budget

@pytest.mark.parametrize("rows, want", [
    ([["项目总投资（万元）", "250"]], 2500000),
    ([["年度预算数", "250万"]], 2500000),
    ([["预算金额", "1,200.50"]], 1200.5),
    ([["单位：万元"], ["资金总额", "80"]], 800000),
    ([["资金来源", "资金总额", "12.5", "其中：财政拨款", "10", "其他资金", "2.5", "上年结转", "0"], ["单位：万元"]], 125000),
    ([["资金来源", "资金总额", "12.5"], ["单位：万元"], ["项目名称", "乙项目"], ["资金总额", "8"]], None),
    ([["资金来源（万元）", "资金总额", "12.5"], ["其中：财政拨款", "10"], ["其他资金", "2.5"]], 125000),
])
def test_budget(rows, want):
    r = parse(doc([["项目名称", "甲项目"], *rows, *TABLE]))[0]
    if want is None:  # 万元 stated after the block, before the next form's 项目名称, is the next form's
        assert r.budget_amount == 12.5
    else:
        assert r.budget_amount == want


def test_budget_year_from_subtitle():
    r = one([["项目支出绩效目标表"], ["（2026年度）"], ["项目名称", "甲项目"], ["年度资金总额", "100"], *TABLE])
    assert r.budget_year == 2026


# ------------------------------------------------------------------ 4. goals in any arrangement

def test_goal_labels_in_a_row_texts_below():
    r = one([["项目名称", "甲项目"], ["中长期目标", "年度目标"], ["三年内建成", "当年完成一期"], *TABLE])
    assert (r.goal_overall, r.goal_annual) == ("三年内建成", "当年完成一期")


@pytest.mark.parametrize("label, fld", [("长期目标", "goal_overall"), ("实施期目标", "goal_overall"),
                                        ("项目年度目标", "goal_annual"), ("本年度目标", "goal_annual"),
                                        ("当年目标", "goal_annual")])
def test_goal_label_spellings(label, fld):
    r = one([["项目名称", "甲项目"], [label, "完成建设任务"], *TABLE])
    assert getattr(r, fld) == "完成建设任务"


def test_a_label_is_never_a_goal():
    r = one([["项目名称", "甲项目"], ["年度目标"], ["一级指标", "二级指标", "三级指标", "指标值"],
             ["产出指标", "数量指标", "培训人数", "≥100人"]])
    assert r.goal_annual is None


# ------------------------------------------------------------------ 5. extra indicator columns

def test_extra_columns_go_to_extras():
    r = one([["项目名称", "甲项目"],
             ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重", "指标解释"],
             ["产出指标", "数量指标", "培训人数", "大于等于", "100", "人", "10", "参训人数"]])
    [i] = r.indicators
    assert i.annual_value == "≥100人"
    assert i.extras == {"权重": "10", "指标解释": "参训人数"}


def test_unit_column_before_value_and_name_prefix():
    r = one([["项目名称", "甲项目"], ["一级指标", "二级指标", "三级指标", "计量单位", "指标值"],
             ["产出指标", "数量指标", "指标1：培训人数", "人", "100"]])
    assert inds(r) == [("产出指标", "数量指标", "培训人数", None, "100人")]


# ------------------------------------------------------------------ 6. side-by-side blocks

def test_side_by_side_halves_give_both_values():
    rows = [["项目名称", "甲项目"],
            ["一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "培训人数", "≥300人", "数量指标", "培训人数", "≥100人"],
            ["效益指标", "社会效益指标", "就业率", "≥90%", "社会效益指标", "就业率", "≥85%"]]
    assert inds(one(rows)) == [("产出指标", "数量指标", "培训人数", "≥300人", "≥100人"),
                               ("效益指标", "社会效益指标", "就业率", "≥90%", "≥85%")]


# ------------------------------------------------------------------ 7. level names

@pytest.mark.parametrize("l1, l2, want", [
    ("产出指标", "数量指标（必填硬性指标）", ("产出指标", "数量指标")),
    ("产出指标", "数量指标(或建筑规模指标)", ("产出指标", "数量指标")),
    ("成本指标(0-20分)", "经济成本指标", ("成本指标", "经济成本指标")),
    ("效益指标", "经济效益\n指标", ("效益指标", "经济效益指标")),
    ("预期产出指标", "质量指标", ("产出指标", "质量指标")),
    ("效果指标", "社会效益指标", ("效益指标", "社会效益指标")),
    ("产出指标", "成本指标", ("成本指标", "经济成本指标")),
    ("产出指标", "预算(或投资规模)控制指标", ("成本指标", "经济成本指标")),
])
def test_level_names(l1, l2, want):
    r = one([["项目名称", "甲项目"], TABLE[0], [l1, l2, "某指标", "≥1个"]])
    assert (r.indicators[0].level1, r.indicators[0].level2) == want


def test_old_tree_cost_under_output_then_back():
    r = one([["项目名称", "甲项目"], TABLE[0],
             ["产出指标", "数量指标", "培训人数", "≥100人"],
             ["成本指标", "人均成本", "≤500元"],
             ["质量指标", "合格率", "≥95%"]])
    assert [(i.level1, i.level2) for i in r.indicators] == [
        ("产出指标", "数量指标"), ("成本指标", "经济成本指标"), ("产出指标", "质量指标")]


# ------------------------------------------------------------------ 8. several projects in one table

def test_list_table_gives_a_record_per_project():
    rows = [["单位", "项目名称", "预算数（万元）", "年度目标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值",
             "度量单位", "权重", "指标方向"],
            ["某局", "甲项目", "10", "完成甲", "产出指标", "数量指标", "培训人数", "≥", "100", "人", "20", "正向"],
            ["某局", "甲项目", "10", "完成甲", "效益指标", "社会效益指标", "就业率", "≥", "90", "%", "20", "正向"],
            ["某局", "乙项目", "5", "完成乙", "产出指标", "质量指标", "合格率", "≥", "95", "%", "30", "正向"]]
    a, b = parse(doc(rows))
    assert (a.project_name, a.implementing_unit, a.budget_amount, a.goal_annual) == ("甲项目", "某局", 100000, "完成甲")
    assert [i.annual_value for i in a.indicators] == ["≥100人", "≥90%"]
    assert (b.project_name, b.budget_amount, inds(b)) == ("乙项目", 50000, [("产出指标", "质量指标", "合格率", None, "≥95%")])


# ------------------------------------------------------------------ 9. text as people paste it

def test_space_aligned_text_and_web_chrome():
    text = "\n".join([
        "索引号：11500000MB1234567X/2025-00012",
        "发布日期：2025-03-01",
        "【打印】【关闭】",
        "附件：",
        "                 项目支出绩效目标表",
        "项目名称          社区养老服务          主管部门        某区民政局",
        "实施单位          某区养老服务中心      实施周期        2025-2027",
        "一级指标    二级指标      三级指标          指标值",
        "产出指标    数量指标      服务老人人数      ≥500人",
        "            质量指标      服务合格率        ≥95%",
        "|",
        "填表人：张三      联系电话：12345678      日期：2025年1月",
        "第1页 共1页",
    ])
    [r] = parse(read_text(text, "x.txt"))
    assert (r.project_name, r.department, r.implementing_unit) == ("社区养老服务", "某区民政局", "某区养老服务中心")
    assert (r.period_start, r.period_end) == (2025, 2027)
    assert inds(r) == [("产出指标", "数量指标", "服务老人人数", None, "≥500人"),
                       ("产出指标", "质量指标", "服务合格率", None, "≥95%")]


def test_space_aligned_wrapped_cell_joins_its_row():
    text = "\n".join([
        "项目名称      社区养老服务",
        "年度目标      为辖区内六十岁以上老人提供助餐、",
        "              助浴等居家养老服务",
        "一级指标    二级指标      三级指标          指标值",
        "产出指标    数量指标      服务老人人数      ≥500人",
    ])
    [r] = parse(read_text(text, "x.txt"))
    assert r.goal_annual == "为辖区内六十岁以上老人提供助餐、助浴等居家养老服务"


def test_sign_off_row_is_never_an_indicator():
    r = one([["项目名称", "甲项目"], *TABLE, ["填表人：张三", "审核人：李四", "联系电话：123"]])
    assert len(r.indicators) == 1


# ------------------------------------------------------------------ 10. other kinds of form

def test_self_evaluation_form_is_read():
    rows = [["项目支出绩效自评表"], ["（2024年度）"], ["项目名称", "甲项目"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
            ["产出指标", "数量指标", "培训人数", "≥100人", "120人", "10", "10", "无"],
            ["总分", "100", "95"]]
    r = one(rows)
    assert r.form_kind == "项目支出绩效自评表"
    [i] = r.indicators
    assert i.annual_value == "≥100人"
    assert i.extras == {"实际完成值": "120人", "分值": "10", "得分": "10", "偏差原因分析及改进措施": "无"}


def test_department_wide_form_is_not_a_project_form():
    rows = [["2025年度部门整体绩效目标表"], ["部门名称", "某区民政局"], ["年度主要任务", "养老服务"], *TABLE]
    with pytest.raises(NotAForm) as e:
        parse(doc(rows))
    assert "部门" in e.value.reason_zh


# ------------------------------------------------------------------ issue 8: spans and continuation

def test_merged_level1_label_covers_its_rows_only():
    rows = [["项目名称", "甲项目"], ["一级指标", "二级指标", "三级指标", "指标值"],
            [Cell("产出指标", col=0, row_span=2), "数量指标", "培训人数", "≥100人"],
            [Cell("", col=0, covered=True), "质量指标", "合格率", "≥95%"],
            ["", "社会效益指标", "就业率", "≥90%"]]
    r = parse(grid(rows))[0]
    assert [i.level1 for i in r.indicators] == ["产出指标", "产出指标", "效益指标"]


@pytest.mark.parametrize("marker", [["项目绩效目标表（续）"], ["（续表）"], ["一级指标", "二级指标", "三级指标", "指标值"]])
def test_continued_table_is_the_same_form(marker):
    rows = [["项目绩效目标表"], ["项目名称", "甲项目"], *TABLE, marker,
            ["", "质量指标", "合格率", "≥95%"]]
    [r] = parse(doc(rows))
    assert [i.name for i in r.indicators] == ["培训人数", "合格率"]


def test_continued_title_with_repeated_name_row():
    rows = [["项目绩效目标表"], ["项目名称", "甲项目"], *TABLE, ["项目绩效目标表（续）"], ["项目名称", "甲项目"],
            TABLE[0], ["效益指标", "社会效益指标", "就业率", "≥90%"]]
    [r] = parse(doc(rows))
    assert [i.name for i in r.indicators] == ["培训人数", "就业率"]


# ------------------------------------------------------------------ rules found on the template fixtures

def test_year_money_label_wins_over_the_periods():
    r = one([["项目名称", "甲项目", "中期市财政预算（万元）", "3600", "本年度申请市财政预算资金（万元）", "1200"], *TABLE])
    assert r.budget_amount == 12000000


def test_period_money_label_when_alone():
    r = one([["项目名称", "甲项目"], ["项目总投资（万元）", "3600"], *TABLE])
    assert r.budget_amount == 36000000


def test_a_name_ending_in_money_words_is_a_value():
    r = one([["项目名称", "心理咨询室项目经费"], *TABLE])
    assert r.project_name == "心理咨询室项目经费" and r.budget_amount is None


def test_row_of_labels_read_from_the_right_under_a_merged_label():
    r = one([["项目名称", "甲项目"],
             ["预算执行情况（10分）", "年度预算数（万元）", "年初预算", "调整后预算数", "预算执行数", "预算执行率"],
             ["总额", "24.00", "24.00", "23.52", "98.00%"], *TABLE])
    assert r.budget_amount == 240000


def test_money_table_total_row_gives_the_budget():
    rows = [["项目名称", "甲项目"],
            [Cell("项目预算（万元）", col=0), Cell("成本构成", col=1), Cell("金额", col=2), Cell("测算依据", col=3)],
            [Cell("保安服务费", col=1), Cell("180", col=2), Cell("依据招标文件", col=3)],
            [Cell("保洁服务费", col=1), Cell("96", col=2)],
            [Cell("合计", col=1), Cell("276", col=2)], *TABLE]
    [r] = parse(grid(rows))
    assert r.budget_amount == 2760000


def test_total_beside_the_money_label():
    r = one([["项目名称", "甲项目"], ["项目资金（万元）", "合计", "96"], ["1、市级财政拨款", "90"], *TABLE])
    assert r.budget_amount == 960000


def test_numbered_breakdown_is_no_amount():
    r = one([["项目名称", "甲项目"], ["项目用途", "金额（万元）", "数量"], ["1、灯具更换", "60", "1500"], *TABLE])
    assert r.budget_amount != 10000


def test_unit_form_with_no_project_is_refused():
    rows = [["部门（单位）名称", "某中心"], ["*部门（单位）职责", "负责认定工作。"], *TABLE]
    with pytest.raises(NotAForm) as e:
        parse(doc(rows))
    assert "整体" in e.value.reason_zh


def test_long_term_block_then_year_block_fill_the_same_indicators():
    head = ["一级指标", "二级指标", "指标内容", "指标值"]
    r = one([["项目名称", "甲项目"], ["长期绩效指标"], head, ["产出指标", "数量指标", "改造管网长度", "6公里"],
             ["年度绩效指标"], head, ["产出指标", "数量指标", "改造管网长度", "2公里"]])
    assert inds(r) == [("产出指标", "数量指标", "改造管网长度", "6公里", "2公里")]


def test_extra_column_before_the_name():
    r = one([["项目名称", "甲项目"], ["一级指标", "二级指标", "分值", "指标内容", "指标值", "评分细则"],
             ["产出指标", "数量指标", "15", "维护站点数量", "80个", "每少1个扣1分"]])
    [i] = r.indicators
    assert (i.name, i.annual_value, i.extras) == ("维护站点数量", "80个", {"分值": "15", "评分细则": "每少1个扣1分"})


@pytest.mark.parametrize("header", ["指标值类型", "指标性质"])
def test_a_nature_that_is_no_operator_is_kept_in_extras(header):
    r = one([["项目名称", "甲项目"], ["一级指标", "二级指标", "三级指标", header, "指标值"],
             ["效益指标", "社会效益指标", "出行条件", "定性", "明显改善"],
             ["产出指标", "数量指标", "培训人数", "≥", "100人"]])
    assert [i.extras for i in r.indicators] == [{header: "定性"}, {}]
    assert r.indicators[1].annual_value == "≥100人"


@pytest.mark.parametrize(("options", "chosen"), [
    ("1、常年性项目 □ 2、延续性项目 □ 3、一次性项目 √", "一次性项目"),
    ("、部门预算项目☑、省直专项□、省对下转移支付项目□", "部门预算项目"),  # a run-on list: apart by 、
    ("经常性项目(√)一次性项目()", "经常性项目"),  # the mark in brackets
    ("新增项目□                       延续项目R", "延续项目"),  # the tick copied out of its symbol font
    ("1.基本建设类 □ 其中:新建 □\n2.行政事业类 □\n3.其他专项类 R", "其他专项类"),
    # OCR of a scanned 湖北 自评表: each empty box read as 口, the ticked one as 0 run into the next number
    ("1、部门预算项目 02、财政专项口 3、市对下转移支付项目口", "部门预算项目"),
    ("1、常年性项目口 2、延续性项目03、一次性项目口", "延续性项目"),
    ("1、持续性项目口 2、新增性项目口", "1、持续性项目口 2、新增性项目口"),  # none ticked: as written
])
def test_check_box_list_reads_as_the_ticked_option(options, chosen):
    r = one([["项目名称", "甲项目"], ["项目类型", options], *TABLE])
    assert r.project_type == chosen


def test_old_template_levels_named_as_goals():
    r = one([["项目名称", "甲项目"], ["评价内容", "绩效内容", "参考标准", "绩效目标值"],
             ["投入", "时效目标", "巡查频次", "计划标准", "每日1次"], ["成本目标", "每公里维护成本", "行业标准", "≤1.5万元"],
             ["产出", "数量目标", "维护里程", "计划标准", "38公里"]])
    assert [(i.level1, i.level2, i.name, i.annual_value) for i in r.indicators] == [
        ("产出指标", "时效指标", "巡查频次", "每日1次"), ("成本指标", "经济成本指标", "每公里维护成本", "≤1.5万元"),
        ("产出指标", "数量指标", "维护里程", "38公里")]


def test_a_loose_unit_label_yields_to_the_implementing_one():
    r = one([["预算单位：某乡人民政府"], ["项目名称", "甲项目"], ["实施单位", "某某乡"], *TABLE])
    assert r.implementing_unit == "某某乡"


def test_merged_extra_cell_covers_its_rows():
    rows = [["项目名称", "甲项目"], ["一级指标", "二级指标", "三级指标", "指标值", "保障措施"],
            ["产出指标", "数量指标", "维修次数", "260次", Cell("建立台账", col=4, row_span=2)],
            ["", "", "巡查次数", "≥700次", Cell("", col=4, covered=True)]]
    r = parse(grid(rows))[0]
    assert [i.extras for i in r.indicators] == [{"保障措施": "建立台账"}, {"保障措施": "建立台账"}]


def test_description_column_after_the_value_is_an_extra():
    r = one([["项目名称", "甲项目"], ["一级指标", "二级指标", "三级指标", "指标值", "指标内容"],
             ["产出指标", "数量指标", "养护里程", "300公里", "反映全年养护的里程"]])
    [i] = r.indicators
    assert (i.annual_value, i.extras) == ("300公里", {"指标内容": "反映全年养护的里程"})


def test_list_table_unit_row_names_the_unit_of_the_projects_below():
    rows = [["单位名称、项目名称", "项目年度绩效目标", "一级指标", "二级指标", "三级指标", "指标值"],
            ["某县某某局"],
            ["乡村公路养护", "完成养护", "产出指标", "数量指标", "养护里程", "300公里"],
            ["客运站补助", "保障运营", "产出指标", "数量指标", "补助站数", "6个"]]
    a, b = parse(grid(rows))
    assert (a.project_name, a.implementing_unit, a.goal_annual) == ("乡村公路养护", "某县某某局", "完成养护")
    assert (b.project_name, b.implementing_unit) == ("客运站补助", "某县某某局")


def test_web_table_copied_one_cell_a_line_closed_by_pipes():
    text = "\n".join(["项目名称 |", "甲项目 |", "|", "一级指标 |", "二级指标 |", "三级指标 |", "指标值 |", "|",
                      "产出指标 |", "数量指标 |", "培训人数 |", "≥100人 |", "||", "|",
                      "质量指标 |", "合格率 |", "≥95% |", "|"])
    [r] = parse(read_text(text, "x.txt"))
    assert r.project_name == "甲项目"
    assert inds(r) == [("产出指标", "数量指标", "培训人数", None, "≥100人"), ("产出指标", "质量指标", "合格率", None, "≥95%")]


def test_spreadsheet_copy_keeps_its_grid():
    lines = ["总体目标\t年度目标\t\t", "\t当年完成改造\t\t", "一级指标\t二级指标\t三级指标\t指标值",
             "产出指标\t数量指标\t改造户数\t2400户", "\t质量指标\t合格率\t≥98%"]
    d = read_text("\n".join(lines), "x.txt")
    assert [c.col for c in d.rows[1].cells] == [1]


def test_numbered_aims_go_on_over_lines():
    text = "\n".join(["项目名称", "甲项目", "年度目标", "目标1：完成改造；", "目标2：验收合格。", "一级指标", "二级指标",
                      "三级指标", "指标值", "产出指标", "数量指标", "改造户数", "2400户"])
    [r] = parse(read_text(text, "x.txt"))
    assert r.goal_annual == "目标1：完成改造；目标2：验收合格。"


def test_table_run_together_on_one_line_is_cut_at_known_terms():
    line = ("项目名称市民服务中心物业管理项目类别本级支出项目项目性质持续性项目立项依据某中心职能配置方案绩效目标保障市民服务中心公共区域整洁有序、设施设备运行正常，"
            "来访群众满意度保持在92%以上。"
            "绩效指标一级指标二级指标三级指标指标值数量指标保洁服务面积3.2万平方米质量指标设施设备完好率≥95%"
            "时效指标报修处理及时率≥98%成本指标物业费控制率≤100%服务对象满意度指标来访群众满意度≥92%"
            "主管部门审核意见单位公章")
    assert len(line) >= 200
    [r] = parse(read_text(line, "x.txt"))
    assert (r.project_name, r.goal_annual) == ("市民服务中心物业管理",
                                               "保障市民服务中心公共区域整洁有序、设施设备运行正常,来访群众满意度保持在92%以上。")
    assert [(i.level2, i.name, i.annual_value) for i in r.indicators] == [
        ("数量指标", "保洁服务面积", "3.2万平方米"), ("质量指标", "设施设备完好率", "≥95%"),
        ("时效指标", "报修处理及时率", "≥98%"), ("经济成本指标", "物业费控制率", "≤100%"),
        ("服务对象满意度指标", "来访群众满意度", "≥92%")]


def test_table_run_together_with_single_spaces_reads_one_cell_a_line():
    line = " ".join(["项目名称", "社区养老驿站运营补贴", "项目负责人", "孙某", "联系电话", "0459-0000001", "预期目标",
                     "支持十二个社区养老驿站运营。", "绩效指标", "二级指标", "三级指标", "本年度计划水平",
                     "数量指标", "补贴驿站数量", "12个", "质量指标", "驿站运营达标率", "≥95%", "服务对象满意度指标",
                     "服务老人满意度", "≥90%", "问卷调查", "社会效益指标", "居家养老服务覆盖率", "≥60%",
                     "覆盖社区数/社区总数", "时效指标", "补贴发放及时率", "100%", "按季度发放补贴资金"])
    assert len(line) >= 200
    [r] = parse(read_text(line, "x.txt"))
    assert (r.project_name, r.goal_annual) == ("社区养老驿站运营补贴", "支持十二个社区养老驿站运营。")
    assert [(i.level2, i.name, i.annual_value) for i in r.indicators][:2] == [
        ("数量指标", "补贴驿站数量", "12个"), ("质量指标", "驿站运营达标率", "≥95%")]


def test_title_repeated_at_the_head_of_a_page_continues_the_form():
    rows = [["某县项目绩效目标申报表"], ["项目名称", "甲项目"], ["单位职能概述", "负责推广"],
            ["某县项目绩效目标申报表"], ["项目概况", "建设示范园"], TABLE[0], TABLE[1]]
    [r] = parse(doc(rows))
    assert r.project_name == "甲项目" and len(r.indicators) == 1


def test_same_title_with_a_new_name_is_a_new_form():
    rows = [["项目支出绩效目标表"], ["项目名称", "甲项目"], *TABLE, ["项目支出绩效目标表"], ["（2024年度）"],
            ["编制单位：某镇  单位：万元"], ["项目名称", "乙项目"], ["年度资金总额", "18"], *TABLE]
    a, b = parse(doc(rows))
    assert (a.project_name, b.project_name, b.budget_year, b.budget_amount) == ("甲项目", "乙项目", 2024, 180000)


def test_unit_wide_report_heading_is_refused_but_not_a_project_under_it():
    report = [["岳阳市2018年度部门整体支出"], ["绩效评价自评报告"], ["一级指标", "二级指标", "三级指标", "分值"],
              ["产出", "职责履行", "实际完成率", "20"]]
    with pytest.raises(NotAForm):
        parse(doc(report))
    [r] = parse(doc([["某局2024年部门整体支出预算"], ["项目名称", "甲项目"], *TABLE]))
    assert r.project_name == "甲项目"


def test_projects_stacked_in_one_table_share_the_titles_money_unit():
    rows = [["某局2024年度项目支出绩效目标表"], ["单位：万元"],
            ["*项目名称", "甲项目"], ["*项目资金", "年度资金总额", "12"], *TABLE,
            ["*项目名称", "乙项目"], ["*项目资金", "年度资金总额", "4.2"], *TABLE]
    a, b = parse(doc(rows))
    assert (a.budget_amount, a.budget_year, b.budget_amount) == (120000, 2024, 42000)


def test_rows_of_cells_one_space_apart():
    text = "\n".join(["绩效目标申报表", "项目名称 扶贫产业基础设施 项目负责人及电话 谭某13900000002",
                      "主管部门 某镇人民政府 实施单位 [610009]某某生态农业发展有限公司",
                      "资金情况（万元） 年度资金总额： 12", "其中：财政拨款 12", "其他资金 0",
                      "一级指标 二级指标 三级指标 指标值", "产出指标 数量指标 硬化道路长度 ≥2公里"])
    [r] = parse(read_text(text, "x.txt"))
    assert (r.project_name, r.implementing_unit, r.budget_amount) == ("扶贫产业基础设施", "某某生态农业发展有限公司", 120000)
    assert inds(r) == [("产出指标", "数量指标", "硬化道路长度", None, "≥2公里")]


def test_title_inside_the_indicator_table_heads_the_next_page():
    rows = [["项目支出绩效目标申报表"], ["项目名称", "甲项目"], *TABLE, ["第1页 共2页"],
            ["某中心2024年城区公厕改造项目支出绩效目标申报表"], ["效益指标", "社会效益指标", "投诉下降率", "≥30%"]]
    [r] = parse(doc(rows))
    assert [i.name for i in r.indicators] == ["培训人数", "投诉下降率"]


def test_group_goal_label_over_one_goal_label_and_one_text():
    r = one([["项目名称", "甲项目"], ["总体目标", "年度目标"], ["完成两所学校厕所改造。"], *TABLE])
    assert (r.goal_overall, r.goal_annual) == (None, "完成两所学校厕所改造。")


def test_self_evaluation_title_goal_and_marked_names():
    rows = [["绩效目标自评表"], ["项目名称", "甲项目"],
            ["年度总体目标", "年初设定目标", "年度总体目标完成情况综述"], ["落实奖补政策。", "已落实。"],
            ["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "全年实际值", "得分"],
            ["产出指标", "数量指标", "★补助种植面积", "20", "16亩", "16亩", "20"],
            ["其中露天蔬菜", "12亩", "12亩"]]
    r = one(rows)
    assert (r.form_kind, r.goal_annual) == ("项目支出绩效自评表", "落实奖补政策。")
    assert [(i.level2, i.name, i.annual_value) for i in r.indicators] == [
        ("数量指标", "补助种植面积", "16亩"), ("数量指标", "其中露天蔬菜", "12亩")]


def test_bare_budget_in_wan_by_the_notice_above():
    rows = [["现将产业建设资金300万元下达你们。"], ["绩效目标申报表"], ["项目名称", "甲项目"],
            ["资金情况", "年度资金总额：", "300"], *TABLE]
    assert one(rows).budget_amount == 3000000


# ------------------------------------------------------------------ generalization: labels by the words they are made of

@pytest.mark.parametrize("label, value, fld, want", [
    ("项目负责单位", "某区社会福利院", "implementing_unit", "某区社会福利院"),
    ("项目承担单位", "某区社会福利院", "implementing_unit", "某区社会福利院"),
    ("项目实施主体", "某区社会福利院", "implementing_unit", "某区社会福利院"),
    ("项目主管单位", "某市民政局", "department", "某市民政局"),
    ("项目归口部门", "某市民政局", "department", "某市民政局"),
    ("项目执行期", "2025-2026", "period_end", 2026),
    ("项目起止日期", "2025.1-2026.12", "period_start", 2025),
    ("长期绩效目标", "三年内建成", "goal_overall", "三年内建成"),
    ("实施周期内总体目标", "三年内建成", "goal_overall", "三年内建成"),
    ("项目绩效目标（年度）", "培训100人", "goal_annual", "培训100人"),
    ("年度绩效目标内容", "培训100人", "goal_annual", "培训100人"),
    ("资金来源合计", "120万元", "budget_amount", 1200000.0),
    ("申请财政资金（万元）", "120", "budget_amount", 1200000.0),
    ("预算年度", "2026年", "budget_year", 2026),
])
def test_label_read_by_meaning(label, value, fld, want):
    r = one([["项目绩效目标表"], ["项目名称", "甲项目"], [label, value], *TABLE])
    assert getattr(r, fld) == want


def test_public_money_label_is_weak_beside_a_total():
    """财政资金总额 is the budget only when the block gives no total."""
    r = one([["项目名称", "甲项目"], ["财政资金总额", "80"], ["资金总额", "100"], *TABLE])
    assert r.budget_amount == 100


def test_meaning_label_inside_the_table_is_an_indicator():
    """项目实施期限-like words read by meaning are soft: in the indicator table they name a 三级指标."""
    r = one([["项目名称", "甲项目"], *TABLE, ["项目执行期", "≤12个月"]])
    assert [i.name for i in r.indicators] == ["培训人数", "项目执行期"]


def test_marked_level_names_are_levels():
    r = one([["项目名称", "甲项目"], TABLE[0], ["★产出指标", "★数量指标", "培训人数", "≥100人"]])
    assert inds(r) == [("产出指标", "数量指标", "培训人数", None, "≥100人")]


def test_template_note_row_is_no_indicator():
    r = one([["项目名称", "甲项目"], *TABLE, ["（此处可增行）"], ["效益指标", "社会效益指标", "知晓率", "≥90%"]])
    assert [i.name for i in r.indicators] == ["培训人数", "知晓率"]


def test_two_inline_labels_in_one_cell():
    r = one([["项目名称：甲项目  主管部门：某市民政局"], *TABLE])
    assert (r.project_name, r.department) == ("甲项目", "某市民政局")


def test_money_unit_note_under_the_amount_scales_it():
    r = one([["项目名称", "甲项目"], ["年度资金总额", "120"], ["金额单位：万元"], *TABLE])
    assert r.budget_amount == 1200000


def test_money_unit_note_does_not_rescale_an_amount_with_its_unit():
    r = one([["项目名称", "甲项目"], ["年度资金总额", "120元"], ["金额单位：万元"], *TABLE])
    assert r.budget_amount == 120


def test_label_after_a_row_ending_in_an_ignored_label_stays_a_label():
    """资金合计 | 120 | 其中：财政资金 100, then 年度绩效目标内容 | text: the goal label is no value
    of the ignored 其中 cell above."""
    r = one([["项目名称", "甲项目"], ["资金合计", "120", "其中：财政资金  100"],
             ["年度绩效目标内容", "完成道路清扫"], *TABLE])
    assert (r.budget_amount, r.goal_annual) == (120, "完成道路清扫")


def test_label_after_an_empty_value_is_never_that_value():
    r = one([["项目名称", "甲项目"], ["实施单位"], ["年度绩效目标内容", "完成道路清扫"], *TABLE])
    assert (r.implementing_unit, r.goal_annual) == (None, "完成道路清扫")


def test_sentence_ending_in_goal_is_no_goal_label():
    """说明：指标值为年度目标 inside the table is a note; the rows after it go on with the table's columns."""
    r = one([["项目名称", "甲项目"], ["一级指标", "二级指标", "三级指标", "指标值", "权重"],
             ["产出指标", "数量指标", "培训人数", "≥100人", "20"], ["说明：指标值为年度目标"],
             ["效益指标", "社会效益指标", "知晓率", "≥90%", "30"]])
    assert r.goal_annual is None
    assert [(i.name, i.annual_value, i.extras) for i in r.indicators] == [
        ("培训人数", "≥100人", {"权重": "20"}), ("知晓率", "≥90%", {"权重": "30"})]


@pytest.mark.parametrize("line", ["2026年1月10日", "本表由项目单位填写，报主管部门审核", "其他需要说明的事项"])
def test_template_words_under_the_table_are_no_indicator(line):
    r = one([["项目名称", "甲项目"], *TABLE, [line]])
    assert [i.name for i in r.indicators] == ["培训人数"]


def test_one_cell_per_line_group_goal_label_over_one_text():
    """总体目标 / 年度目标 / one text / 绩效指标: the text is the year's goal, and the block's
    label 绩效指标 is never a goal."""
    text = "\n\n".join(["项目名称", "甲项目", "总体目标", "年度目标", "保障学校正常运转。", "绩效指标",
                        "一级指标", "二级指标", "三级指标", "指标值", "产出指标", "数量指标", "受助学生人数", "1200人"])
    [r] = parse(read_text(text, "x.txt"))
    assert (r.goal_overall, r.goal_annual) == (None, "保障学校正常运转。")


def test_one_cell_per_line_group_goal_label_over_two_texts():
    text = "\n\n".join(["项目名称", "甲项目", "总体目标", "年度目标", "三年建成。", "今年完成一半。", "绩效指标",
                        "一级指标", "二级指标", "三级指标", "指标值", "产出指标", "数量指标", "受助学生人数", "1200人"])
    [r] = parse(read_text(text, "x.txt"))
    assert (r.goal_overall, r.goal_annual) == ("三年建成。", "今年完成一半。")


@pytest.mark.parametrize("value, want", [
    ("620万（道路硬化400万元，安全饮水220万元）", 6200000),
    ("64万元(其中省级40万元)", 640000),
    ("96.00（万元）", 960000),
])
def test_amount_with_a_note_in_parentheses(value, want):
    r = one([["项目名称", "甲项目"], ["年度资金总额", value], *TABLE])
    assert r.budget_amount == want


def test_money_table_row_label_under_the_first_label():
    """年度预算数（万元） | 年初预算 | 调整后预算数 | … | 原因 over 总额 | 36.00 | …, the 原因 cell empty:
    the row's cells go from the left."""
    r = one([["项目名称", "甲项目"],
             ["年度预算数（万元）", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "原因"],
             ["总额", "36.00", "36.00", "35.10", "97.50%", "10", "9.75"], *TABLE])
    assert r.budget_amount == 360000


def test_projects_stacked_under_one_title_share_its_year():
    r1, r2 = parse(doc([["某局2024年度项目支出绩效目标表"], ["项目名称", "甲项目"], *TABLE,
                        ["项目名称", "乙项目"], *TABLE]))
    assert (r1.budget_year, r2.budget_year) == (2024, 2024)



def test_a_year_in_the_project_name_is_not_the_budget_year():
    """Generated corpora write names such as 2026年某项目 with no budget year stated."""
    r = one([["项目名称", "2018年市级专项扶贫资金某村产业基础设施"], *TABLE])
    assert r.budget_year is None


@pytest.mark.parametrize("level1, level2", [
    ("一级指标：产出指标", "二级指标：数量指标"),
    ("产出类指标", "①数量指标"),
    ("A.产出指标", "(1)数量指标"),
    ("Ⅰ产出指标", "数量指标"),
    ("产出目标", "数量目标"),
])
def test_more_level_decorations(level1, level2):
    r = one([["项目名称", "甲项目"], TABLE[0], [level1, level2, "培训人数", "≥100人"]])
    assert inds(r) == [("产出指标", "数量指标", "培训人数", None, "≥100人")]


def test_money_section_named_like_an_old_level_stays_a_label():
    """投入目标（万元） heads a money block in old templates: no indicator table starts there."""
    r = one([["项目名称", "甲项目"], ["投入目标（万元）", "资金来源", "年初安排金额（万元）"], ["财政资金", "50"], *TABLE])
    assert [i.name for i in r.indicators] == ["培训人数"]


def test_copied_row_missing_its_last_cells_fills_the_columns_from_the_left():
    """年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因…, the reason left empty and gone in the copy:
    the scores stand under 分值 and 得分."""
    r = one([["项目支出绩效自评表"], ["项目名称", "甲项目"],
             ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
             ["产出指标", "数量指标", "培训人数", "≥100人", "105人", "20", "18"]])
    assert r.indicators[0].extras == {"实际完成值": "105人", "分值": "20", "得分": "18"}


def test_title_year_not_carried_to_a_project_in_another_table():
    d = RawDocument("x", "docx", [
        Row([Cell("某局2024年度项目支出绩效目标表", col=0)], table=0, row=0),
        *[Row([Cell(t, col=k) for k, t in enumerate(r)], table=0, row=i + 1)
          for i, r in enumerate([["项目名称", "甲项目"], *TABLE])],
        Row([Cell("说明", col=0)], table=1, row=0),
        *[Row([Cell(t, col=k) for k, t in enumerate(r)], table=1, row=i + 1)
          for i, r in enumerate([["项目名称", "乙项目"], *TABLE])],
    ])
    r1, r2 = parse(d)
    assert (r1.budget_year, r2.budget_year) == (2024, None)


@pytest.mark.parametrize("line", ["网站地图 | 联系我们", "京ICP备12345678号", "【我要纠错】", "版权所有：某市人民政府办公室",
                                  "某市财政局", "某市财政局办公室 2025年3月1日印发"])
def test_web_page_footer_and_signature_under_the_table_are_no_indicator(line):
    text = "项目名称\t甲项目\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t培训人数\t≥100人\n" + line + "\n"
    [r] = parse(read_text(text, "x.txt"))
    assert [i.name for i in r.indicators] == ["培训人数"]


def test_one_cell_per_line_date_value_is_not_a_note():
    text = "\n".join(["项目名称", "甲项目", "一级指标", "二级指标", "三级指标", "指标值", "产出指标", "时效指标",
                      "完成时间", "2026年12月31日", "效益指标", "社会效益指标", "群众知晓率", "≥90%"])
    [r] = parse(read_text(text, "x.txt"))
    assert [(i.name, i.annual_value) for i in r.indicators] == [("完成时间", "2026年12月31日"), ("群众知晓率", "≥90%")]


def test_period_words_under_timeliness_are_an_indicator():
    """完成时间 under 时效指标 (its 一级/二级 cells merged away in the copy) is a 三级, not the period's label."""
    r = one([["项目名称", "甲项目"], TABLE[0], ["产出指标", "时效指标", "开工时间", "2026年3月前"],
             ["完成时间", "2026年12月底前"], ["效益指标", "社会效益指标", "群众知晓率", "≥90%"]])
    assert r.period_end is None
    assert [(i.level2, i.name) for i in r.indicators] == [
        ("时效指标", "开工时间"), ("时效指标", "完成时间"), ("社会效益指标", "群众知晓率")]


def test_zero_total_gives_way_to_its_public_part():
    """年度资金总额 0 (the template's total left at 0), 其中：本年财政拨款 64: the budget is 64万元."""
    r = one([["项目名称", "甲项目"], ["项目资金（万元）"], ["年度资金总额", "0"], ["其中：本年财政拨款", "64"], *TABLE])
    assert r.budget_amount == 640000


def test_nonzero_total_is_kept_over_its_part():
    r = one([["项目名称", "甲项目"], ["年度资金总额（万元）", "80"], ["其中：财政拨款", "64"], *TABLE])
    assert r.budget_amount == 800000


def test_run_together_line_with_a_space_in_a_tick_box_is_still_split():
    """A preview site's text: the whole form on one line, nothing between the cells but one space
    inside 新增项目□ 延续项目√; the rest of the table after a line break, shorter than a page."""
    text = ("项目绩效目标表（2022年度）项目名称村级文化广场建设项目属性新增项目□ 延续项目√主管部门某镇人民政府"
            "项目起止时间2022年至2024年资金总额及构成总额：150万元财政拨款：120万元其他：30万元"
            "项目绩效目标长期目标年度目标三年内九个村文化广场全部建成。建成三个村文化广场。"
            "长期绩效指标一级指标二级指标指标内容指标值备注产出指标数量指标建成文化广场数量9个\n"
            "年度绩效指标一级指标二级指标指标内容指标值备注产出指标数量指标建成文化广场数量3个填表人：彭某\n")
    [r] = parse(read_text(text, "x.txt"))
    assert (r.project_name, r.department, r.budget_amount) == ("村级文化广场建设", "某镇人民政府", 1500000)
    assert (r.goal_overall, r.goal_annual) == ("三年内九个村文化广场全部建成。", "建成三个村文化广场。")
    assert [(i.name, i.period_value, i.annual_value) for i in r.indicators] == [("建成文化广场数量", "9个", "3个")]


def test_goal_label_left_empty_before_the_table_takes_nothing_after_it():
    text = "\n".join(["项目名称", "甲项目", "总体目标", "年度目标", "三年建成。", "一级指标", "二级指标", "三级指标",
                      "指标值", "产出指标", "数量指标", "培训人数", "100人", "填表人：张三"])
    [r] = parse(read_text(text, "x.txt"))
    assert r.goal_annual in (None, "三年建成。") and r.goal_overall in (None, "三年建成。")
    assert "张三" not in (r.goal_annual, r.goal_overall)


def test_one_cell_per_line_money_block_total():
    """项目资金 / （万元） / 合计 / 72: the block's total is the budget."""
    text = "\n".join(["项目名称", "甲项目", "项目资金", "（万元）", "合计", "72", "1、市级财政拨款", "72", "一级指标", "二级指标",
                      "三级指标", "指标值", "产出指标", "数量指标", "管护公厕数量", "80座"])
    [r] = parse(read_text(text, "x.txt"))
    assert r.budget_amount == 720000


def test_label_row_over_fewer_values_keeps_the_name_first():
    """项目名称 | 主管部门 | 实施单位 | 资金总额（万元） over 甲项目 | 某局 | 50 (an empty cell gone in
    the copy): the first value is the project's name, the budget the last."""
    r = one([["项目名称", "主管部门", "实施单位", "资金总额（万元）"], ["甲项目", "某局", "50"], *TABLE])
    assert (r.project_name, r.budget_amount) == ("甲项目", 500000)
    assert "甲项目" not in (r.department, r.implementing_unit)


def test_label_broken_over_two_cells():
    r = one([["项目名称", "甲项目"], ["年度主要目标", "和成果", "完成茶园提质改造五百亩。"], *TABLE])
    assert r.goal_annual == "完成茶园提质改造五百亩。"


def test_level_score_on_its_own_line_is_no_indicator_name():
    """产出指标 / (40-50)分 | 数量指标 | …: the 一级's score wrapped onto the next row."""
    r = one([["项目名称", "甲项目"], TABLE[0], ["产出指标"], ["(40-50)分", "数量指标", "提质改造茶园面积", "≥500亩"]])
    assert inds(r) == [("产出指标", "数量指标", "提质改造茶园面积", None, "≥500亩")]


# ------------------------------------------------------------------ issue 9, real-page patterns (third round)

def test_page_footer_with_print_time_is_not_an_indicator():
    text = ("项目支出绩效目标表\n项目名称\t甲项目\n一级指标\t二级指标\t三级指标\t指标值\n"
            "产出指标\t数量指标\t培训人数\t≥100人\n第1页 共2页\n上一页 1 2 下一页\n项目支出绩效目标表\n"
            "一级指标\t二级指标\t三级指标\t指标值\n效益指标\t社会效益指标\t群众知晓率\t≥90%\n"
            "第 2 页 共 2 页  打印时间：2024-01-01 10:00\n")
    [r] = parse(read_text(text, "x.txt"))
    assert [i.name for i in r.indicators] == ["培训人数", "群众知晓率"]


def test_monitoring_columns_go_to_extras():
    text = ("项目支出绩效运行监控表\n项目名称\t甲项目\n项目类型\t□常年性 ☑延续性 □一次性\n"
            "一级指标\t二级指标\t三级指标\t年度指标值\t半年度执行情况\t全年预计完成情况\t完成可能性\t偏差原因分析\t相关建议\n"
            "产出指标\t数量指标\t培训人数\t≥100人\t60人\t100人\t确定能\t无\t无\n"
            "效益指标\t社会效益指标\t群众知晓率\t≥90%\t50%\t90%\t有可能\t宣传不足\t加强宣传\n")
    [r] = parse(read_text(text, "x.txt"))
    assert r.project_type == "延续性"
    assert [i.annual_value for i in r.indicators] == ["≥100人", "≥90%"]
    assert r.indicators[1].extras == {"半年度执行情况": "50%", "全年预计完成情况": "90%", "完成可能性": "有可能",
                                      "偏差原因分析": "宣传不足", "相关建议": "加强宣传"}


def test_traditional_characters_key_labels():
    text = ("項目支出績效目標表\n項目名稱\t甲項目\n主管部門\t某局\n年度目標\t完成培訓\n"
            "一級指標\t二級指標\t三級指標\t指標值\n產出指標\t數量指標\t培訓人數\t≥100人\n"
            "產出指標\t質量指標\t合格率\t≥90%\n效益指標\t社會效益指標\t知曉率\t≥90%\n")
    [r] = parse(read_text(text, "x.txt"))
    assert (r.project_name, r.department, r.goal_annual) == ("甲項目", "某局", "完成培訓")  # text kept as written
    assert [(i.level1, i.level2, i.name) for i in r.indicators] == [
        ("产出指标", "数量指标", "培訓人數"), ("产出指标", "质量指标", "合格率"), ("效益指标", "社会效益指标", "知曉率")]


def test_blank_template_is_not_a_form_with_reason():
    text = "项目支出绩效目标表\n项目名称\t\n主管部门\t\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t\t\n"
    with pytest.raises(NotAForm) as e:
        parse(read_text(text, "x.txt"))
    assert "空白" in e.value.reason_zh


def test_wan_in_notice_above_form_does_not_scale_budget():
    text = ("关于下达2024年某项目资金的通知\n经研究，下达资金300万元，请按要求使用。\n项目支出绩效目标表\n"
            "项目名称\t甲项目\n预算金额\t1200000\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t培训人数\t≥100人\n")
    [r] = parse(read_text(text, "x.txt"))
    assert r.budget_amount == 1200000


def test_unit_line_with_compiler_scales_budget_docx():
    r = parse(grid([["项目支出绩效目标表"], ["编制单位：某局", "单位：万元"], ["项目名称", "甲项目"],
                    ["预算金额", "120"], *TABLE]))[0]
    assert r.budget_amount == 1200000


@pytest.mark.parametrize("line", ["首页 上一页 1 2 下一页 尾页", "Page 1 of 2", "上一篇：关于某事的通知", "当前第1页"])
def test_pager_lines_are_not_indicators(line):
    text = ("项目支出绩效目标表\n项目名称\t甲项目\n一级指标\t二级指标\t三级指标\t指标值\n"
            f"产出指标\t数量指标\t培训人数\t≥100人\n{line}\n效益指标\t社会效益指标\t群众知晓率\t≥90%\n")
    [r] = parse(read_text(text, "x.txt"))
    assert [i.name for i in r.indicators] == ["培训人数", "群众知晓率"]


def test_monitoring_goal_row_and_choice_subheader():
    text = ("项目支出绩效运行监控表\n项目名称\t甲项目\n年度目标\t年初设定目标\t1-6月执行情况\n"
            "\t完成培训100人\t完成培训60人\n"
            "一级指标\t二级指标\t三级指标\t年度指标值\t1-6月执行情况\t全年预计完成情况\t完成目标可能性\t\t\n"
            "\t\t\t\t\t\t确定能\t有可能\t完全不可能\n产出指标\t数量指标\t培训人数\t≥100人\t60人\t100人\t√\t\t\n"
            "偏差或不能完成目标原因分析\t无\n相关建议或举措\t加强宣传\n")
    [r] = parse(read_text(text, "x.txt"))
    assert r.goal_annual == "完成培训100人"
    assert [(i.name, i.annual_value) for i in r.indicators] == [("培训人数", "≥100人")]


def test_unit_sentence_in_one_cell_scales_budget_docx():
    r = parse(grid([["项目支出绩效目标表"], ["编制单位：某局            单位：万元"], ["项目名称", "甲项目"],
                    ["预算金额", "120"], *TABLE]))[0]
    assert r.budget_amount == 1200000


def test_traditional_column_headers_weight_and_note():
    text = ("項目支出績效目標表\n項目名稱\t甲項目\n編製單位：某局  單位：萬元\n預算金額\t12\n"
            "一級指標\t二級指標\t三級指標\t指標値\t權重\t備註\n產出指標\t數量指標\t培訓人數\t≥100人\t10\t無\n")
    [r] = parse(read_text(text, "x.txt"))
    assert r.budget_amount == 120000
    assert [(i.annual_value, i.extras) for i in r.indicators] == [("≥100人", {"權重": "10", "備註": "無"})]


def test_self_eval_goal_columns_and_empty_reason_column_docx():
    r = parse(grid([["绩效目标自评表"], ["项目名称", "甲项目", "", ""], ["年度总体目标", "预期目标", "", "实际完成情况"],
                    ["", "完成培训100人", "", "完成培训98人"],
                    ["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "得分", "偏差原因分析及改进措施"],
                    ["产出指标", "数量指标", "★培训人数", "10", "≥100人", "98人", "9", ""],
                    ["效益指标", "社会效益指标", "群众知晓率", "10", "≥90%", "", "10", ""]]))[0]
    assert (r.form_kind, r.goal_annual) == ("项目支出绩效自评表", "完成培训100人")
    assert [(i.name, i.annual_value, i.extras) for i in r.indicators] == [
        ("培训人数", "≥100人", {"分值": "10", "实际完成值": "98人", "得分": "9"}),
        ("群众知晓率", "≥90%", {"分值": "10", "得分": "10"})]


def test_self_eval_space_aligned_with_empty_last_column():
    text = ("绩效目标自评表\n项目名称      甲项目\n"
            "一级指标    二级指标        三级指标      分值   年度指标值   实际完成值   得分   偏差原因分析及改进措施\n"
            "产出指标    数量指标        ★培训人数     10     ≥100人       98人         9\n"
            "效益指标    社会效益指标    群众知晓率    10     ≥90%         92%          10\n")
    [r] = parse(read_text(text, "x.txt"))
    assert [(i.name, i.annual_value, i.extras["得分"]) for i in r.indicators] == [
        ("培训人数", "≥100人", "9"), ("群众知晓率", "≥90%", "10")]


def test_footer_between_two_forms_is_no_row():
    form = "项目支出绩效目标表\n项目名称\t{}\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t培训人数\t≥100人\n"
    text = form.format("甲项目") + "第 1 页 共 2 页    打印时间：2024-01-01\n" + form.format("乙项目") + "第2页/共2页\n"
    rs = parse(read_text(text, "x.txt"))
    assert [(r.project_name, [i.name for i in r.indicators]) for r in rs] == [("甲项目", ["培训人数"]), ("乙项目", ["培训人数"])]


def test_prose_targets_in_goal_cell_without_table():
    text = ("项目支出绩效目标表\n项目名称\t甲项目\n"
            "年度绩效目标\t数量指标：完成植树造林>=17600株；质量指标：成活率≥85%；时效指标：2024年底前完成\n")
    [r] = parse(read_text(text, "x.txt"))
    assert r.goal_annual.startswith("数量指标：完成植树造林")
    assert inds(r) == [("产出指标", "数量指标", "完成植树造林", None, ">=17600株"),
                       ("产出指标", "质量指标", "成活率", None, "≥85%")]


def test_plain_goal_sentence_gives_no_targets():
    r = one([["项目名称", "甲项目"], ["年度目标", "完成培训100人，群众满意度达到90%以上。"]])
    assert r.indicators == []


def test_check_box_options_one_a_cell_docx():
    r = parse(grid([["项目支出绩效目标表"], ["项目名称", "甲项目"], ["项目类型", "□常年性", "☑延续性", "□一次性"], *TABLE]))[0]
    assert r.project_type == "延续性"


def test_notice_amount_in_wan_equal_to_bare_budget_scales_it():
    text = ("经研究，下达资金300万元。\n项目支出绩效目标表\n项目名称\t甲项目\n预算金额\t300\n"
            "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t培训人数\t≥100人\n")
    [r] = parse(read_text(text, "x.txt"))
    assert r.budget_amount == 3000000


def test_page_header_repeating_the_forms_name_continues_it():
    page = "项目支出绩效目标表\n项目名称\t甲项目\n一级指标\t二级指标\t三级指标\t指标值\n"
    text = (page + "产出指标\t数量指标\t培训人数\t≥100人\n第1页 共2页\n" + page
            + "效益指标\t社会效益指标\t群众知晓率\t≥90%\n第2页 共2页\n")
    [r] = parse(read_text(text, "x.txt"))
    assert [i.name for i in r.indicators] == ["培训人数", "群众知晓率"]


def test_same_title_with_another_project_is_a_new_form():
    page = "项目支出绩效目标表\n项目名称\t{}\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t培训人数\t≥100人\n"
    rs = parse(read_text(page.format("甲项目") + page.format("乙项目"), "x.txt"))
    assert [r.project_name for r in rs] == ["甲项目", "乙项目"]


# ------------------------------------------------------------------ real pages, round 3 (realforms)


def test_sub_row_under_an_indicator_is_an_indicator_not_a_note():
    """宁夏 原州 申报表: `其中:实施新造林总面积(亩) | 30000` under its total; the rows after it go on."""
    r = one([["项目名称", "某某造林项目"],
             ["一级指标", "二级指标", "三级指标", "指标值"],
             ["产出指标", "数量指标 (必填硬性指标)", "营造林总面积(亩)", "900"],
             ["其中:新造林面积(亩)", "300"],
             ["修建作业道长度(公里)", "4"],
             ["质量指标 (必填)", "苗木成活率(≥**%)", "85"]])
    assert inds(r) == [("产出指标", "数量指标", "营造林总面积(亩)", None, "900"),
                       ("产出指标", "数量指标", "其中:新造林面积(亩)", None, "300"),
                       ("产出指标", "数量指标", "修建作业道长度(公里)", None, "4"),
                       ("产出指标", "质量指标", "苗木成活率(≥**%)", None, "85")]


def test_policy_page_tools_after_the_form_are_chrome():
    r = one([["项目名称", "某某项目"], *TABLE, ["文件下载"], ["政策咨询"],
             ["如果您对该政策文件有疑问,可以拨打标题上方的电话咨询相关部门。"], ["标签:"]])
    assert [i.name for i in r.indicators] == ["培训人数"]


def test_investment_plan_form_group_and_process_tree():
    """中央预算内投资计划绩效目标表 (舒城, 天津): 下达地方或单位 is the unit, 实施效果指标 groups the
    一级 names, 过程管理指标 is a tree of its own kept as written."""
    r = one([["专项名称", "某某治理工程"], ["下达地方或单位", "某县发展改革委"], ["本次下达中央预算内投资(万元)", "120"],
             ["一级指标", "二级指标", "三级指标", "指标值"],
             ["实施效果指标", "产出指标", "劳务报酬占中央投资比例", "≥30%"],
             ["满意度指标", "参与群众满意度", "≥90%"],
             ["过程管理指标", "资金管理指标", "中央预算内投资支付率", "≥95%"],
             ["监督检查指标", "指出问题项目比例", "≤1%"]])
    assert r.implementing_unit == "某县发展改革委" and r.budget_amount == 1200000
    assert inds(r) == [("产出指标", "", "劳务报酬占中央投资比例", None, "≥30%"),
                       ("满意度指标", "服务对象满意度指标", "参与群众满意度", None, "≥90%"),
                       ("过程管理指标", "资金管理指标", "中央预算内投资支付率", None, "≥95%"),
                       ("过程管理指标", "监督检查指标", "指出问题项目比例", None, "≤1%")]


def test_empty_total_takes_the_public_part_until_a_total_is_given():
    """陕西 陈仓 水利发展资金 绩效目标表: 资金总额 left empty, 其中:财政拨款 500 (万元)."""
    r = one([["专项(项目)名称", "某某工程专项"], ["资金情况(万元)", "资金总额", "其中:财政拨款", "500"], ["其他资金"], *TABLE])
    assert r.budget_amount == 5000000
    r = one([["项目名称", "甲项目"], ["其中:财政拨款", "300"], ["资金总额(万元)", "500"], *TABLE])
    assert r.budget_amount == 5000000


def test_special_fund_labels_read_as_project_labels():
    """湖南 南岳 雨露计划: 专项起止时间 `2023年1月至12月`, 专项名称, 主管部门."""
    r = one([["专项名称", "某某就学补助项目"], ["主管部门", "某区某局", "专项起止时间", "2023年1月至12月"], *TABLE])
    assert (r.project_name, r.department, r.period_start, r.period_end) == ("某某就学补助项目", "某区某局", 2023, 2023)


def test_numbered_goal_goes_on_in_the_row_below():
    """A goal label merged down two rows: `本年度绩效目标 | 1.…` then `| 2.…` alone."""
    r = one([["项目名称", "甲项目"], ["本年度绩效目标", "1.发放补助100人次;"], ["2.补助标准每生500元。"], *TABLE])
    assert r.goal_annual == "1.发放补助100人次;2.补助标准每生500元。"


def test_fund_name_as_project_name_in_a_row_of_labels():
    """云南 永德 自评表: `项目名称 | 某某专项资金 | 主管部门 | … | 实施单位 | … | 项目资金(元)` in one row: the
    fund's name reads like a money label but stands where 项目名称's value does."""
    r = one([["项目名称", "某某营养改善计划专项资金", "主管部门", "某县某局", "实施单位", "某中学", "项目资金(元)"], *TABLE])
    assert (r.project_name, r.department, r.implementing_unit) == ("某某营养改善计划专项资金", "某县某局", "某中学")


def test_bare_year_label_is_the_goal_when_a_sentence_follows():
    """安徽 淮北: the vertical 年度目标 label copied as its first cell `年度 |`, the goal beside it."""
    r = one([["项目名称", "甲项目"], ["年度", "开展送戏进村活动七十场，丰富群众文化生活。"], *TABLE])
    assert r.goal_annual == "开展送戏进村活动七十场，丰富群众文化生活。"
    r = one([["项目名称", "甲项目"], ["年度", "2024"], *TABLE])
    assert (r.goal_annual, r.budget_year) == (None, 2024)


def test_district_department_and_central_grant_as_the_budget():
    """陕西 陈仓 残联: 区级主管部门; 年度资金总额 empty, 其中:中央补助 50.29, 万元 only in the notice."""
    r = one([["现将补助资金50.29万元下达给你们。"], ["项目名称", "某某补助资金"], ["区级主管部门", "区残联"],
             ["资金金额", "年度资金总额"], ["其中:中央补助", "50.29"], ["地方资金"], *TABLE])
    assert (r.department, r.budget_amount) == ("区残联", 502900)


def test_notice_heading_year_for_a_form_without_one():
    """新疆兵团 阿拉尔: `关于下达2021年…资金预算指标的通` / `知` (wrapped) over a 申报表 with no year."""
    r = one([["关于下达2021年某某补助资金预算指标的通"], ["知"], ["绩效目标申报表"], ["项目名称", "甲项目"], ["项目期", "1年"], *TABLE])
    assert r.budget_year == 2021
    r = one([["关于下达2021年某某补助资金的通知"], ["绩效目标申报表"], ["（2022年度）"], ["项目名称", "甲项目"], *TABLE])
    assert r.budget_year == 2022


def test_money_label_under_cost_level_is_an_indicator_name():
    """安徽 淮北: `成本指标 | 项目金额 | 8万元` one cell per line after the money block."""
    rows = [["项目名称", "甲项目"], ["项目资金", "年度资金总额：", "8.00"], ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "培训人数", "≥100人"], ["成本指标", "项目金额", "8万元"],
            ["效益指标", "社会效益指标", "群众知晓率", "≥90%"]]
    text = "".join("|\n" + "".join(c + " |\n" for c in row) for row in rows)
    [r] = parse(read_text(text, "x.txt"))
    assert [(i.level1, i.name, i.annual_value) for i in r.indicators] == [
        ("产出指标", "培训人数", "≥100人"), ("成本指标", "项目金额", "8万元"), ("效益指标", "群众知晓率", "≥90%")]


def test_lowest_level_department_wins():
    """陕西 陈仓: 市级主管部门 | 某市水利局 and 区级主管部门 | 某区水利局: the district's is the project's."""
    r = one([["专项(项目)名称", "某某专项"], ["市级财政部门", "某市财政局", "市级主管部门", "某市水利局"],
             ["区级财政部门", "某区财政局", "区级主管部门", "某区水利局"], *TABLE])
    assert r.department == "某区水利局"
    r = one([["专项名称", "某某专项"], ["省级主管部门", "某省教育厅"], *TABLE])
    assert r.department == "某省教育厅"


def test_money_label_unit_wins_over_a_note_above_another_table():
    """广东 乐昌: `單位：元` over the 資金安排表, then the form's own `資金情況（萬元）`."""
    r = one([["资金安排表"], ["单位：元"], ["单位", "补助资金"], ["某学校", "4,000,000"], ["某某资金绩效目标表"],
             ["专项名称", "甲专项"], ["资金情况（万元）", "年度金额"], ["其中：中央资金", "400"], *TABLE])
    assert r.budget_amount == 4000000


def test_untitled_next_table_shares_the_title_kind_and_year():
    """湖北 新洲 (docx): one 自评表 title over two tables, the second starting at 项目名称."""
    first = [["项目支出绩效自评表"], ["（2020年度）"], ["项目名称", "甲项目"], *TABLE]
    second = [["项目名称", "乙项目"], *TABLE]
    rows = [Row([Cell(t, col=k) for k, t in enumerate(r)], table=0, row=i) for i, r in enumerate(first)]
    rows += [Row([Cell(t, col=k) for k, t in enumerate(r)], table=1, row=i) for i, r in enumerate(second)]
    rs = parse(RawDocument("x", "docx", rows))
    assert [(r.project_name, r.form_kind, r.budget_year) for r in rs] == [
        ("甲项目", "项目支出绩效自评表", 2020), ("乙项目", "项目支出绩效自评表", 2020)]


def test_second_header_row_under_the_value_column():
    """云南 永德 自评表: 年度指标值 over 指标性质 | 指标值 | 度量单位; operators typed ≧ and ═; 服务对象满意度指标等;
    a 其他需要说明事项 | 无 | 总分 row; the title beside `部门：某中学`."""
    rows = [["2022年度项目支出绩效自评表", "部门：某中学"], ["项目名称", "甲项目"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "", "", "实际完成值", "分值"],
            ["", "", "", "指标性质", "指标值", "度量单位", "", ""],
            ["产出指标", "数量指标", "受助学生人数", "≧", "520", "人次", "520", "10"],
            ["", "质量指标", "覆盖率", "═", "100", "%", "100%", "10"],
            ["满意度指标", "服务对象满意度指标等", "学生满意度", "≧", "95", "%", "98%", "10"],
            ["其他需要说明事项", "无", "", "", "总分", "", "100", ""]]
    r = parse(RawDocument("x", "docx", [Row([Cell(t, col=k) for k, t in enumerate(row) if t], table=0, row=i)
                                        for i, row in enumerate(rows)]))[0]
    assert r.budget_year == 2022
    assert inds(r) == [("产出指标", "数量指标", "受助学生人数", None, "≥520人次"),
                       ("产出指标", "质量指标", "覆盖率", None, "100%"),
                       ("满意度指标", "服务对象满意度指标", "学生满意度", None, "≥95%")]


def test_second_header_row_in_a_header_read_one_label_a_line():
    """The same header as a web page's text: 一级指标 / 二级指标 / 三级指标 one a line, then
    `年度指标值 | 实际完成值`, then `指标性质 | 指标值 | 度量单位`."""
    r = one([["项目名称", "甲项目"], ["一级指标"], ["二级指标"], ["三级指标"], ["年度指标值", "实际完成值"],
             ["指标性质", "指标值", "度量单位"], ["产出指标"], ["数量指标", "受助学生人数", "≧", "520", "人次", "520"]])
    assert inds(r) == [("产出指标", "数量指标", "受助学生人数", None, "≥520人次")]


def test_allocation_table_before_the_form_is_no_record():
    """福建 安溪: a 资金安排表 (序号 | 乡镇名称 | 项目名称 | 金额) above the 绩效目标表 is not a form."""
    rs = parse(doc([["资金安排表"], ["序号", "乡镇名称", "项目名称", "金额"], ["1", "某镇", "某村水圳修复", "20"],
                    ["绩效目标表"], ["项目名称", "某某水利专项资金"], ["资金总额", "100"], *TABLE]))
    assert [r.project_name for r in rs] == ["某某水利专项资金"]


def test_article_items_above_the_form_give_way_to_its_fields():
    """安徽 蒙城 项目资金投入情况: `(3)实施主体:某县卫健委。` above the form; the form says 实施单位 | 卫健委."""
    r = one([["(3)实施主体:某县卫生健康委员会。"], ["(4)起止时间:2024年1月1日-2024年12月31日。"],
             ["(7)绩效目标:发挥绩效评价作用，提高资金使用效益。"], ["项目支出绩效目标申报表"], ["(2024年度)"],
             ["项目名称", "甲项目"], ["实施单位", "卫健委"], ["项目期", "长期"], ["总体目标", "促进基本公共卫生服务均等化。"],
             *TABLE])
    assert (r.implementing_unit, r.period_start, r.goal_annual, r.goal_overall, r.budget_year) == (
        "卫健委", None, None, "促进基本公共卫生服务均等化。", 2024)



def test_central_transfer_form_labels():
    """The national 转移支付 自评表 / 区域绩效目标表: 转移支付（项目）名称, 地方主管部门, 资金使用单位;
    主管部门（单位）名称及部门预算编码 `331省农业农村厅` (福建 安溪)."""
    r = one([["转移支付（项目）名称", "某某补助"], ["中央主管部门", "某部"], ["地方主管部门", "某省某厅"],
             ["资金使用单位", "某市某中心"], *TABLE])
    assert (r.project_name, r.department, r.implementing_unit) == ("某某补助", "某省某厅", "某市某中心")
    r = one([["项目名称", "强制免疫补助"], ["主管部门（单位）名称及部门预算编码", "331省农业农村厅"], *TABLE])
    assert r.department == "省农业农村厅"


def test_money_table_with_sub_headings_under_its_labels():
    """湖南 南岳 雨露计划: 本年度预计投入（万元） | 财政资金（万元） | 其他 over 中央 | 省级 | 市级资金 | 本级 over
    the amounts: the first amount is the budget."""
    rows = [["专项名称", "甲专项"], ["专项资金情况", "本年度预计投入（万元）", "财政资金（万元）", "其他"],
            ["中央", "省级", "市级资金", "本级"], ["9.6", "0", "9.6", "0", "0", "0"], *TABLE]
    assert one(rows).budget_amount == 96000
    grid_rows = [[Cell("专项名称", col=0), Cell("甲专项", col=1)],
                 [Cell("专项资金情况", col=0, row_span=3), Cell("本年度预计投入（万元）", col=1, row_span=2),
                  Cell("财政资金（万元）", col=2, span=4), Cell("其他", col=6, row_span=2)],
                 [Cell("中央", col=2), Cell("省级", col=3), Cell("市级资金", col=4), Cell("本级", col=5)],
                 [Cell(v, col=k + 1) for k, v in enumerate(["9.6", "0", "9.6", "0", "0", "0"])]]
    rs = parse(RawDocument("x", "docx", [Row(r, table=0, row=i) for i, r in enumerate(grid_rows)]
                           + [Row([Cell(t, col=k) for k, t in enumerate(r)], table=0, row=4 + i) for i, r in enumerate(TABLE)]))
    assert rs[0].budget_amount == 96000


def test_list_table_department_total_row():
    """四川 井研 部门预算项目绩效目标申报表 (a list): `820-某镇部门 | 8,827,620.53` over the unit's projects is the
    department and its total, no project."""
    rows = [["部门预算项目绩效目标申报表(2023年度)"], ["金额单位:元"],
            ["单位名称", "项目名称", "预算数", "年度目标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"],
            ["820-某镇部门", "8,827,620.53"],
            ["820001-某县某镇人民政府", "村组干部报酬", "3,309,840.00", "按时发放报酬", "产出指标", "数量指标", "发放人数",
             "≥", "230", "人"],
            ["满意度指标", "服务对象满意度指标", "群众满意度", "≥", "95", "%"]]
    [r] = parse(doc(rows))
    assert (r.project_name, r.department, r.implementing_unit, r.budget_amount) == (
        "村组干部报酬", "某镇部门", "某县某镇人民政府", 3309840.0)
    assert [i.name for i in r.indicators] == ["发放人数", "群众满意度"]


def test_prose_notice_page_is_one_form():
    """宁夏 同心 绩效目标设定的公示: the project in the title, money / goal / year in the paragraph, the
    targets in lines by level (placeholders kept in the names, the value after them as written)."""
    lines = ["关于某镇某某种植项目绩效目标设定的公示",
             "根据《关于下达2023年某某资金预算指标的通知》精神，安排资金36万元，实施某某种植项目。项目总体绩效目标是：增加产值60万元。",
             "一、 产出指标",
             "数量指标：★补助各类种植数量，某某种植数量（≥**株）>=12800株；时效指标：完成及时率（≥**%）>=100%。成本指标：某某补助成本（≤**元/株）≤28元/株。",
             "三、 满意度指标",
             "服务对象满意度指标，受益脱贫户满意度（≥**%）大于等于95%。",
             "某县某镇人民政府", "2023年3月29日"]
    [r] = parse(read_text("\n".join(lines) + "\n", "x.txt"))
    assert (r.project_name, r.budget_amount, r.budget_year, r.goal_overall) == (
        "某镇某某种植项目", 360000, 2023, "增加产值60万元。")
    assert [(i.level2, i.name, i.annual_value) for i in r.indicators] == [
        ("数量指标", "某某种植数量（≥**株）", ">=12800株"), ("时效指标", "完成及时率（≥**%）", ">=100%"),
        ("经济成本指标", "某某补助成本（≤**元/株）", "≤28元/株"), ("服务对象满意度指标", "受益脱贫户满意度（≥**%）", "大于等于95%")]


def test_a_year_before_a_name_is_no_code():
    """`331省农业农村厅` loses its budget code, `2023年度新增项目` keeps its year."""
    r = one([["项目名称", "甲项目"], ["项目类型", "2023年度新增项目"], ["主管部门", "331省农业农村厅"], *TABLE])
    assert (r.project_type, r.department) == ("2023年度新增项目", "省农业农村厅")


def test_levels_named_for_their_values():
    """山东 临邑: 一级 | 二级 | 三级 | 年度数值 | 备注 over 产出值 / 数量值 / 效益值 / 经济效益值 levels, one cell a line,
    the site's footer after the table."""
    lines = ["项目支出目标申报表", "(2025年度)", "项目名称", "某小学公用经费", "项目主管部门", "某县某小学",
             "项目资金申请(万元)", "资金总额:", "120.5", "财政拨款:", "120.5",
             "一级", "二级", "三级", "年度数值", "备注",
             "产出值", "数量值", "就读人数", "<=900人", " ", "成本值", "生均公用经费", "780元/生/年", " ",
             "效益值", "经济效益值", "经费使用情况", "=100%", " ", "可持续影响值", "学生受益情况", "=100%", " ",
             "内容保障 | 公务邮箱", "某县人民政府主办  某县人民政府办公室承办"]
    [r] = parse(read_text("\n\n".join(lines) + "\n", "x.txt"))
    assert (r.project_name, r.department, r.budget_amount) == ("某小学公用经费", "某县某小学", 1205000.0)
    assert [(i.level2, i.name, i.annual_value) for i in r.indicators] == [
        ("数量指标", "就读人数", "<=900人"), ("经济成本指标", "生均公用经费", "780元/生/年"),
        ("经济效益指标", "经费使用情况", "=100%"), ("可持续影响指标", "学生受益情况", "=100%")]


def test_level_name_wrapped_over_two_lines_in_spaced_rows():
    """四川 昭化: 项目完成 / 指标 and 社会效益 / 指标 wrapped in their column (rows one space apart): one level
    name each, not indicators named 指标; 项目完成指标 / 项目效益指标 are the 产出 / 效益 一级."""
    lines = ["项目支出绩效目标申报表", "(2021年度)", "项目名称 某某扶助", "预算单位 区某某局",
             "年度目标 对符合条件的家庭进行扶助", "绩效指标 一级指标 二级指标 三级指标 指标值", "绩效指标 项目完成", "指标",
             "数量指标 扶助人数 63人", "质量指标 资格复审率 100%", "项目效益", "指标", "社会效益", "指标",
             "促进社会和谐 100%", "满意度指标 满意度指标 受益群众满意度 ≥90%"]
    [r] = parse(read_text("\n".join(lines) + "\n", "x.txt"))
    assert [(i.level1, i.level2, i.name, i.annual_value) for i in r.indicators] == [
        ("产出指标", "数量指标", "扶助人数", "63人"), ("产出指标", "质量指标", "资格复审率", "100%"),
        ("效益指标", "社会效益指标", "促进社会和谐", "100%"), ("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%")]


def test_label_wrapped_over_two_lines_one_cell_a_line():
    """福建 德化 区域绩效目标表: 主管部门（单位）名称及 / 部门预算编码 and 总体 / 目标 each one label; 年度 /
    总体 / 目标 (three pieces, the first a label of its own) is not cut to 总体目标."""
    lines = ["专项转移支付区域绩效目标表", "2025年度)", "项目名称", "某某补助项目", "主管部门（单位）名称及",
             "部门预算编码", "某县民政局", "资金情况(万元)", "资金总额", "10", "其中:财政拨款", "10", "其他资金", "0",
             "总体", "目标", "支持某某机构购置设备。", "绩效指标", "一级指标", "二级指标", "三级指标", "指标值",
             "产出指标", "数量指标", "支持机构数", "≥2个"]
    [r] = parse(read_text("\n\n".join(lines) + "\n", "x.txt"))
    assert (r.department, r.goal_overall, r.budget_amount) == ("某县民政局", "支持某某机构购置设备。", 100000.0)


def test_level_name_wrapped_before_the_rest_of_its_row():
    """`项目效益` / `指标 社会效益` / `指标 促进… 100%`: the wrapped 指标 heads the next row, whose other cells go on."""
    lines = ["项目支出绩效目标申报表", "(2021年度)", "项目名称 某某扶助", "预算单位 区某某局",
             "年度目标 对符合条件的家庭进行扶助", "绩效指标 一级指标 二级指标 三级指标 指标值", "项目完成",
             "指标 数量指标 扶助户数 70户", "项目效益", "指标 社会效益", "指标 促进家庭和谐 100%"]
    [r] = parse(read_text("\n".join(lines) + "\n", "x.txt"))
    assert [(i.level1, i.level2, i.name, i.annual_value) for i in r.indicators] == [
        ("产出指标", "数量指标", "扶助户数", "70户"), ("效益指标", "社会效益指标", "促进家庭和谐", "100%")]


def test_money_on_an_enumerated_subtotal_row():
    """四川 昭化: `年度资金总额 | 金额(万元)` left empty, the amount on `(一)财政拨款小计` (then `1、一般公共预算`)."""
    lines = ["项目支出绩效目标申报表", "(2021年度)", "项目名称 某某扶助", "预算单位 区某某局",
             "项目资金(万元) 年度资金总额 金额(万元)", "(一)财政拨款小计 8.40", "1、一般公共预算 8.40",
             "(二)其他收入 0.00", "年度目标 对符合条件的家庭进行扶助", "绩效指标 一级指标 二级指标 三级指标 指标值",
             "产出指标 数量指标 扶助户数 70户"]
    [r] = parse(read_text("\n".join(lines) + "\n", "x.txt"))
    assert r.budget_amount == 84000.0


def test_an_allocation_table_above_the_form_gives_no_money():
    """福建 德化: a notice naming the form, then its 分配表 (`补助金额` over `1` … `合计 | 10`, 单位：万元),
    then the form with its own 资金总额; 附件下载 under it is chrome."""
    lines = ["某县民政局关于下达2025年某某补助资金的通知", "附件1.2025年某某补助资金分配表", "2.中央对地方转移支付区域绩效目标表",
             "附件1", "2025年某某补助资金分配表", "单位:万元", "序号", "乡镇", "补助对象", "补助金额", "1", "某镇",
             "某村长者食堂", "5", "合计", "10", "附件2", "专项转移支付区域绩效目标表", "2025年度)", "项目名称", "某某补助项目",
             "资金情况(万元)", "资金总额", "12", "其中:财政拨款", "12", "绩效指标", "一级指标", "二级指标", "三级指标", "指标值",
             "产出指标", "数量指标", "支持机构数", "≥2个", "附件下载:"]
    [r] = parse(read_text("\n\n".join(lines) + "\n", "x.txt"))
    assert (r.project_name, r.budget_amount) == ("某某补助项目", 120000.0)
    assert [(i.name, i.annual_value) for i in r.indicators] == [("支持机构数", "≥2个")]


def test_an_allocation_table_header_above_the_form_gives_no_unit():
    """重庆 万盛: 序号 | 预算单位 | 老年人福利 heads the 分配表 above the form: 老年人福利 is a column, not the unit."""
    rows = [["附件1"], ["序号", "预算单位", "老年人福利"], ["小计", "老年助餐经费"], ["1", "卫生健康局", "11.7", "11.7"],
            ["附件2"], ["中央对地方转移支付区域绩效目标表（2025年度）"], ["项目名称", "某某养老服务项目"],
            ["省级主管部门", "某市民政局"], ["资金情况", "下达资金总额", "100"], *TABLE]
    r = one(rows)
    assert (r.project_name, r.department, r.implementing_unit, r.budget_amount) == (
        "某某养老服务项目", "某市民政局", None, 100.0)


def test_run_on_notice_with_a_form_further_on():
    """福建 安溪: a notice, its allocation table and its 区域绩效目标表 run into ONE line: the form's title in
    mid-line is one cell (its year read), 主管部门（单位）名称及部门预算编码 and 补助项目/区域 are labels, and
    the notice's `…和绩效目标（附件2），做好…` is no goal of the form's."""
    line = ("各乡镇:根据上级通知精神,现将2025年某某补助资金12万元下达给你们,请各乡镇依据管理办法和绩效目标(附件2),"
            "做好2025年某某工作,确保资金安全有效,附件:1.2025年某县某某补助资金分配表2.2025年某某补助资金绩效目标表"
            "某县农业农村局2025年3月1日附件1某某补助资金分配表乡镇补助经费(万元)备注甲镇5乙镇7全县合计12注:按养殖量安排,"
            "附件2某某补助资金绩效目标表(2025年度)项目名称某某补助主管部门(单位)名称及部门预算编码331省农业农村厅"
            "补助项目/区域项目相关乡镇资金情况(万元)资金总额:12其中:财政拨款12其他资金总体目标完成某某免疫任务")
    [r] = parse(read_text(line + "\n", "x.txt"))
    assert (r.project_name, r.department, r.budget_year, r.budget_amount, r.goal_overall, r.goal_annual) == (
        "某某补助", "省农业农村厅", 2025, 120000.0, "完成某某免疫任务", None)


def test_label_and_value_one_space_apart_in_an_aligned_text():
    """安徽 芜湖 申报明细表 from a PDF viewer (columns two spaces apart): `项目名称 某某经费` and
    `项目当年预算(万元) 25.00` are a label and its value in one cell; a check box list is not (部门预算 □)."""
    lines = ["(2019年度)", "申报单位名称:(盖章)", "       项目名称 某某病种筛查经费",
             "      项目类型    部门预算 □              切块预算 □",
             "项目总预算(万元) 60.00      项目当年预算(万元) 20.00 ",
             "一级指标    二级指标        三级指标                指标值",
             "产出指标    数量指标        筛查人数                ≥4000人",
             "满意度指标  服务对象满意度指标  受检人员满意度      ≥90%"]
    [r] = parse(read_text("\n".join(lines) + "\n", "x.txt"))
    assert (r.project_name, r.budget_amount, r.project_type) == ("某某病种筛查经费", 200000.0,
                                                                 "部门预算 □ 切块预算 □")


def test_tree_export_unit_and_project_above_the_levels():
    """宁夏 石嘴山 批复表: 项目 | 指标值 | 绩效金额 over the unit, the project with its amount (单位：元), then the
    levels and the 三级 — one cell a line as the page gives it, and as a grid."""
    cells = ["单位:元", "项目", "指标值", "绩效金额", " 某市某中心", "  某某疫苗采购", "1800000", "   产出指标",
             "    数量指标(必填硬性指标)", "     疫苗使用率", "≥95%"]
    [r] = parse(read_text("\n\n".join(cells) + "\n", "x.txt"))
    assert (r.project_name, r.implementing_unit, r.budget_amount) == ("某某疫苗采购", "某市某中心", 1800000.0)
    assert [(i.level2, i.name, i.annual_value) for i in r.indicators] == [("数量指标", "疫苗使用率", "≥95%")]
    r = one([["单位：元"], ["项目", "指标值", "绩效金额"], ["某市某中心"], ["某某疫苗采购", "1800000"], ["产出指标"],
             ["数量指标(必填硬性指标)"], ["疫苗使用率", "≥95%"]], "docx")
    assert (r.project_name, r.implementing_unit, r.budget_amount) == ("某某疫苗采购", "某市某中心", 1800000.0)


def test_department_form_with_no_project_is_refused_as_such():
    """四川 泸县: a 部门整体支出绩效目标申报表 with only money and 年度主要任务 rows is refused as a 部门整体 form,
    not as a page with no form."""
    rows = [["2024年县级部门整体支出绩效目标申报表"], ["预算部门：文化部门"], ["总体资金情况（万元）", "预算支出总额", "基本支出"],
            ["年度主要任务", "任务名称", "主要内容"], ["项目支出1：公共文化服务", "组织送文化下乡活动。"]]
    with pytest.raises(NotAForm) as e:
        parse(doc(rows))
    assert "部门整体" in e.value.reason_zh


def test_money_looking_name_before_a_person_label():
    """山西 阳泉 2015: 项目名称 | 某某更换资金 | 项目负责人 | 赵某 | 联系电话 | …: the name ends as money does, but
    项目负责人 after it is no money label of its block (it was the name, 赵某 the project)."""
    r = one([["项目名称", "市级机关办公楼消防设施更换资金", "项目负责人", "赵某", "联系电话", "2290000"], *TABLE])
    assert r.project_name == "市级机关办公楼消防设施更换资金"


def test_check_box_list_in_a_line_of_cells_one_space_apart():
    """山西 阳泉 2015 on a document site: `项目类别 1.重大课题□ 2.网络运行维护□ … 11.设备购置☑` in a page run into one
    line, cells one space apart: the options are one value, the ticked one the project type."""
    line = ("某市市级部门预算项目支出绩效目标申报表 2015 （ 年度） 项目名称 某某设施更换经费 项目负责人 赵某 联系电话 2290000 "
            "项目类别 1.重大课题（规划）□ 2.网络运行维护□ 3.考核奖励□ 11.设备购置☑ 19.其他□ 项目属性 新增项目□ 延续项目☑ "
            "一级指标 二级指标 三级指标 指标值 产出指标 数量指标 更换数量 320套")
    [r] = parse(read_text(line + "\n", "x.txt"))
    assert (r.project_name, r.project_type) == ("某某设施更换经费", "设备购置")


def test_offices_by_level_and_a_row_closed_by_its_empty_cells():
    """重庆 忠县 区域绩效目标表 as the page's text: one cell a line, a row's last cell carrying the row's empty
    cells (`某某资金 | ||||`), a full row with no end mark; offices level by level (中央 / 省级 / 区县 主管部门 and
    财政部门): the 区县's is the department, 资金名称 the project; a 单位 column before 指标值."""
    lines = ["某某奖励资金区域绩效目标表 | |||||", "资金名称 |", "某某奖励资金 | ||||", "中央主管部门 |", "某部 | ||||",
             "省级财政部门 |", "某市财政局 | ||||", "省级主管部门 |", "某市农业委员会 | ||||", "区县财政部门 |", "某县财政局 | ||||",
             "区县主管部门 |", "某县农业委员会 | ||||", "资金情况 |", "年度金额(万元): |", "120 | |||", "年度目标 |",
             "到年底某某生产稳定发展。 | ||||", "一级指标 |", "二级指标 |", "三级指标 |", "单位 |", "指标值 | |", "绩效指标 |",
             "产出指标 |", "数量指标 |", "某某产量稳定率 |", "% |", "≥95% |", "某某保有率 |", "% |", "90% | |||", "|||||"]
    [r] = parse(read_text("\n".join(lines) + "\n", "x.txt"))
    assert (r.project_name, r.department, r.budget_amount) == ("某某奖励资金", "某县农业委员会", 1200000.0)
    assert [(i.level2, i.name, i.annual_value) for i in r.indicators] == [
        ("数量指标", "某某产量稳定率", "≥95%"), ("数量指标", "某某保有率", "90%")]


def test_run_on_self_evaluation_with_spaces_inside_cells_over_numbered_pages():
    """湖南 衡山 on a document site: `1、2020年度县级专项资金绩效目标自评表专项资金名称某某负责人及电话…` — the
    title (绩效目标自评表) is one cell, 负责人及电话 a label, `年度 总体 目标` / `绩 效 指 标` / `一级 指标`
    (spaces a narrow cell kept) terms, and the numbered next page (`2、…质量 指标…`) is run together too."""
    text = ("1、2020年度县级专项资金绩效目标自评表专项资金名称县级某某储备负责人及电话张某、李某县级主管部门某县商务局"
            "实施单位某某股项目资金(万元)全年预算数(A)全年执行数(B)执行率(B/A)年度资金总额其他资金年度 总体 目标"
            "年初设定目标全年实际完成情况保持某某储备机制稳定某某规模达标绩 效 指 标一级 指标二级 指标三级指标年度指标 值"
            "全年 完成值未完成原因和 改进措施产 出 指 标数量 指标某某储备到位率100%\n"
            "2、100%质量 指标某某管理制 度执行率100%100%某某专户管 理率100%100%某某库存明显变质比例00时效 指标某某贴息"
            "及时率100%100%某某应急保 障率100%100%成本 指标某某收购 价格执行率100%100%某某库存成 本核算率100%100%效益 指标"
            "经济 效益 指标利息费用保障率100%100%某某挂账利息补 贴保障率100%无没有轮换、动用库存满意 度指 标服务对象满意度指标"
            "某某满意度90%100%\n")
    rows = read_text(text, "x.txt").rows
    assert "质量 指标" in [c.text for row in rows for c in row.cells]  # the second page cut at its terms too
    [r] = parse(read_text(text, "x.txt"))
    assert (r.project_name, r.department, r.implementing_unit, r.budget_year, r.goal_annual, r.form_kind) == (
        "县级某某储备", "某县商务局", "某某股", 2020, "保持某某储备机制稳定某某规模达标", "项目支出绩效自评表")


def test_office_named_with_its_level_and_its_sector():
    """陕西 陈仓 2021 区域绩效目标申报表: 区级财政部门 (no field) and 区级林业主管部门 (the department: a level, 级,
    the sector); 中央归口主管部门 is no field either."""
    r = one([["专项名称", "某某生态保护恢复资金"], ["中央归口主管部门", "某部"], ["区级财政部门", "某区财政局"],
             ["区级林业主管部门", "某区林业局"], ["年度金额(万元)", "18.5"], *TABLE])
    assert (r.project_name, r.department, r.budget_amount) == ("某某生态保护恢复资金", "某区林业局", 185000.0)


def test_run_on_regional_form_money_block():
    """四川 南江 on a policy site, run into one line: `…主管部门某县林业局中央补助年度金额(万元)158.18总体目标…`: the
    department ends at 中央补助, and 年度金额 (万元) gives the budget."""
    line = ("县林业局:根据上级文件,现下达你单位2024年某某专项资金(第一批),主要用于天然林保护等方面支出,请严格按照专项资金管理相关规定,"
            "加强项目资金和预算绩效管理,附件:2023年某某专项资金区域绩效目标表某县财政局2024年6月7日附件2"
            "2023年某某专项资金区域绩效目标表资金名称某某专项资金(天然林保护)主管部门某县林业局中央补助年度金额(万元)158.18"
            "总体目标加强森林资源管护,有害生物无公害防治成效")
    [r] = parse(read_text(line + "\n", "x.txt"))
    assert (r.project_name, r.department, r.budget_amount) == ("某某专项资金(天然林保护)", "某县林业局", 1581800.0)


def test_run_on_next_page_values_apart_at_their_percent():
    """湖南 衡山: the next page of a run-together preview (`2、100%质量 指标某某制 度执行率100%100%…`) starts no
    cell with its page number, its table starts at a level's name (no column header on that page), and a
    target and its actual value glued (`100%100%`) part at the percent sign."""
    text = ("1、2020年度县级专项资金绩效目标自评表专项资金名称县级某某储备县级主管部门某县商务局实施单位某某股"
            "年度 总体 目标年初设定目标全年实际完成情况保持某某储备机制稳定绩 效 指 标一级 指标二级 指标三级指标"
            "年度指标 值全年 完成值未完成原因和 改进措施产 出 指 标数量 指标某某储备到位率100%\n"
            "2、100%质量 指标某某管理制 度执行率100%100%某某专户管 理率100%100%时效 指标某某贴息及时率100%100%\n")
    [r] = parse(read_text(text, "x.txt"))
    assert [(i.level2, i.name.replace(" ", ""), i.annual_value) for i in r.indicators] == [
        ("数量指标", "某某储备到位率", "100%"), ("质量指标", "某某管理制度执行率", "100%"),
        ("质量指标", "某某专户管理率", "100%"), ("时效指标", "某某贴息及时率", "100%")]


def test_run_on_traditional_mirror_with_pinyin_notes():
    """福建 德化 on a mirror that writes TRADITIONAL characters and a character's pinyin after it (`績效目標(biāo)表`,
    `項(xiàng)`): the notes are dropped (`(A)`, `(m)` stay), the run-together line is cut at its terms read in simplified
    characters, the text kept as written."""
    line = ("附件22024年某某生態保護補償資金績效目標(biāo)表專項(xiàng)名稱某某生態保護補償專項(xiàng)資金市級主管部門某市生態環境局"
            "補助區域某縣縣級主管部門某縣財政局資金情況(萬元)年度資金總額120總體目標完成某某流域水環境治理任務長度(m)")
    rows = read_text(line + "\n", "x.txt").rows
    cells = [c.text for row in rows for c in row.cells]
    assert "專項名稱" in cells and "某縣財政局" in cells and not any("biāo" in c for c in cells)
    assert cells[-1].endswith("長度(m)")


def test_listed_form_above_an_allocation_table_with_a_name_column():
    """福建 德化 2024 run into one line: the notice's list of attachments names the form (`…安排情况表2.2024年某某资金
    绩效目标表`), then the 安排情况表 (`序号项目单位项目名称补助金额(万元)备注`): `补助金额(万元)` after 项目名称 is a column
    header, no project — one record, the form's own."""
    line = ("某县城市管理局、相关乡镇:根据市财政局文件精神,现将2024年某某补偿资金331万元下达给你们,请根据相关资金管理办法等要求"
            "专款专用,附件:1.2024年某某补偿资金安排情况表2.2024年某某补偿资金绩效目标表某县财政局2024年7月30日附件1"
            "2024年某某补偿资金安排情况表序号项目单位项目名称补助金额(万元)备注本次下达1某县城市管理局某某治理工程306合计331"
            "附件22024年某某补偿资金绩效目标表专项名称某某补偿专项资金市级主管部门某市生态环境局补助区域某县"
            "县级主管部门某县财政局资金情况(万元)省级补助331")
    [r] = parse(read_text(line + "\n", "x.txt"))
    assert (r.project_name, r.department) == ("某某补偿专项资金", "某县财政局")


def test_a_level_grant_heads_the_money_block():
    """福建 德化 2024 区域 form: `资金情况(万元) | 省级补助 | 331` then `其中：本次下达 | 331` — the grant of a level of
    government (省级补助, 中央补助) is the budget when no total is given; a total replaces it."""
    r = one([["专项名称", "某某补偿专项资金"], ["县级主管部门", "某县财政局"], ["资金情况(万元)", "省级补助", "331"],
             ["其中：本次下达", "331"], *TABLE])
    assert r.budget_amount == 3310000.0
    r = one([["专项名称", "某某补偿专项资金"], ["资金情况(万元)", "中央补助", "200"], ["资金总额", "260"], *TABLE])
    assert r.budget_amount == 2600000.0


# ------------------------------------------------------------------ a bracket left open or stray

def test_labels_and_headers_with_a_bracket_left_open():
    """OCR loses a closing bracket, people type ( without ): the label still reads as itself,
    and the period and year columns stay apart."""
    r = one([["项目名称（全称", "甲项目"], ["资金总额(万元", "120"],
             ["一级指标", "二级指标", "三级指标", "实施期指标值（2025-2027年", "年度指标值(2026年", "备注"],
             ["产出指标（50分", "数量指标", "培训人数", "≥300人", "≥100人", "无"]])
    assert (r.project_name, r.budget_amount) == ("甲项目", 1200000.0)
    assert inds(r) == [("产出指标", "数量指标", "培训人数", "≥300人", "≥100人")]


def test_a_stray_closing_bracket_on_a_label():
    r = one([["项目名称)", "甲项目"], ["主管部门）", "某局"], *TABLE])
    assert (r.project_name, r.department) == ("甲项目", "某局")


def test_a_value_with_a_bracket_left_open_is_no_label():
    r = one([["项目名称", "甲项目"], ["项目类型", "其他特定目标类（部门职能类"], ["主管部门", "某局（本级"], *TABLE])
    assert (r.project_type, r.department) == ("其他特定目标类（部门职能类", "某局（本级")


def test_titles_with_a_bracket_left_open():
    """项目支出绩效目标表（2026年度 starts a form; 项目支出绩效目标表（续 goes on with it."""
    rows = [["项目支出绩效目标表（2026年度"], ["项目名称", "甲项目"], *TABLE,
            ["项目支出绩效目标表（续"], ["", "质量指标", "合格率", "≥95%"],
            ["项目支出绩效目标表（2026年度"], ["项目名称", "乙项目"], *TABLE]
    rs = parse(doc(rows))
    assert [(r.project_name, [i.name for i in r.indicators]) for r in rs] == [
        ("甲项目", ["培训人数", "合格率"]), ("乙项目", ["培训人数"])]


def test_whole_coverage_phrase_is_a_value_in_one_cell_a_line():
    """重庆 巫溪 危房改造 绩效目标表, one cell a line: 应改尽改 / 应保尽保 (each one due gets it) is the row's
    target, and the next row's name led by a bound (65岁以上…, 7度以上…), its value left empty, is a name, not a
    value of the row above."""
    text = "\n".join([
        "项目支出绩效目标表", "项目名称", "某某补助资金", "一级指标", "二级指标", "三级指标", "指标值",
        "产出指标", "数量指标", "困难对象救助户数", "应保尽保", "65岁以上困难老人补助人次",
        "质量指标", "补助标准执行率", "100%",
    ])
    [r] = parse(read_text(text, "x"))
    assert inds(r) == [
        ("产出指标", "数量指标", "困难对象救助户数", None, "应保尽保"),
        ("产出指标", "数量指标", "65岁以上困难老人补助人次", None, None),
        ("产出指标", "质量指标", "补助标准执行率", None, "100%"),
    ]


def test_title_row_with_its_year_and_a_signature_label():
    """安徽 金安: `项目支出绩效目标表 | (2025年度) | 项目责任人: |` as one row: the title, its year and a label
    left to fill in; the second form's title row opens that form and is no indicator of the first."""
    def form(name: str) -> list[list[str]]:
        return [["项目支出绩效目标表", "(2025年度)", "项目责任人:"], ["项目名称"], [name], ["一级指标"], ["二级指标"],
                ["三级指标"], ["指标值"], ["产出指标"], ["数量指标"], ["举办场次"], ["4场"]]
    a, b = parse(doc(form("甲活动经费") + form("乙活动经费")))
    assert (a.project_name, a.budget_year, b.project_name, b.budget_year) == ("甲活动经费", 2025, "乙活动经费", 2025)
    assert inds(a) == inds(b) == [("产出指标", "数量指标", "举办场次", None, "4场")]


def test_level_header_alone_on_its_line_then_the_rest_of_the_header():
    """四川 朝天 自评表 as the page's text: `一级 指标 |` alone (a cell spanning the header's rows) and the
    rest of the header in one row: the target stays the 指标值, the actual an extra column."""
    r = one([["项目名称", "某某中心建设项目"], ["绩效指标"], ["一级 指标"],
             ["二级指标", "三级指标", "指标值", "全年实际完成值", "未完成原因和改进措施"], ["产 出 指 标"],
             ["数量指标", "新建某某中心数量", "1", "建设中"]])
    assert inds(r) == [("产出指标", "数量指标", "新建某某中心数量", None, "1")]
    assert r.indicators[0].extras == {"全年实际完成值": "建设中"}


def test_budget_code_after_the_office_name():
    """福建 莆田 转移支付绩效目标表: 主管部门(单位)名称及预算编码 | 某省某厅335301302 — the code after the name
    is no part of the department (as a code before it, 331某厅, is not)."""
    r = one([["项目名称", "某某建设项目"], ["主管部门(单位)名称及预算编码", "某省某某厅335301302"], *TABLE])
    assert r.department == "某省某某厅"


def test_level_header_wrapped_over_two_lines_above_the_header_row():
    """四川 遂宁 经开区 自评表, rows one space apart: `一级` / `指标` (the 一级指标 header wrapped in its narrow
    column) above `二级指标 三级指标 指标值 完成值`: one level column, not a 三级 column besides the real one."""
    r = one([["项目名称", "某某补助资金"], ["一级"], ["指标"], ["二级指标", "三级指标", "指标值", "完成值"],
             ["数量指标", "指标1.某某抽检批次", "≥3", "4"], ["指标2.某某监管企业数", "≥20", "25"]])
    assert [(i.level2, i.name, i.annual_value, i.extras) for i in r.indicators] == [
        ("数量指标", "某某抽检批次", "≥3", {"完成值": "4"}), ("数量指标", "某某监管企业数", "≥20", {"完成值": "25"})]


def test_self_evaluation_one_cell_a_line_with_a_score_column_and_numbered_names():
    """四川 安居 食品监管 区域绩效目标自评表, one cell a line: the header ends with the block's points (`50`) where a
    column's label would be, each row then gives target, actual and its score; `指标1：…` names hold a digit
    and are still names."""
    text = "\n\n".join([
        "某某补助资金区域绩效目标自评表", "专项名称", "某某补助资金", "一级指标", "二级指标", "三级指标", "年度指标值",
        "实际完成指标值", "50", "产出指标", "质量指标", "指标1:监管人员培训", "已完成", "已完成", "5",
        "指标2:违法案件查办率", "100%", "100%", "4", "时效指标", "指标1:专项工作完成时间", "2021年12月31日",
        "2021年12月31日", "5",
    ])
    [r] = parse(read_text(text, "x.txt"))
    assert [(i.level2, i.name, i.annual_value, i.extras.get("实际完成指标值")) for i in r.indicators] == [
        ("质量指标", "监管人员培训", "已完成", "已完成"), ("质量指标", "违法案件查办率", "100%", "100%"),
        ("时效指标", "专项工作完成时间", "2021年12月31日", "2021年12月31日")]


def test_score_points_in_a_grid_header_are_a_column_of_their_own():
    """安居 自评表 as a table: `年度指标值 | 实际完成指标值 | 50` — the points stand over a column of scores; a row's
    three value cells are target, actual and score, not one value run together."""
    r = parse(grid([["项目名称", "某某补助资金", "", "", "", "", ""],
                    ["年度绩效指标完成情况", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成指标值", "50"],
                    ["", "产出指标", "数量指标", "指标1：检查家次", "≥120家次", "136家次", "5"]]))[0]
    assert [(i.name, i.annual_value, i.extras) for i in r.indicators] == [
        ("检查家次", "≥120家次", {"实际完成指标值": "136家次", "分值": "5"})]


def test_bare_budget_equal_to_a_wan_amount_in_the_form_is_in_wan():
    """安居 自评表: `预算数： | 4.6` (no unit) with `其中：中央补助 | 4.6 万元` under it: the budget is 4.6 万元."""
    r = one([["专项名称", "某某补助资金"], ["预算执行情况", "预算数：", "4.6", "执行数：", "4.6"],
             ["其中：中央补助", "4.6 万元", "其中：中央补助", "4.6 万元"], *TABLE])
    assert r.budget_amount == 46000


def test_goal_aims_a_row_each_under_a_row_of_goal_labels():
    """安居 自评表: 预期目标 | 目标实际完成情况 over `目标1：… | 目标1：…` then `目标2：… | 目标2：…`: the goal goes on
    over the numbered aims, not stopping at the first row."""
    r = parse(grid([["项目名称", "某某补助资金", "", ""],
                    ["年度目标完成情况", "预期目标", "目标实际完成情况", ""],
                    ["", "目标1：完成甲任务。", "目标1：完成甲任务。", ""],
                    ["", "目标2：完成乙任务。", "目标2：完成乙任务。", ""],
                    ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "培训人数", "≥100人"]]))[0]
    assert r.goal_annual == "目标1：完成甲任务。目标2：完成乙任务。"


def test_numbered_label_wrapped_in_a_narrow_cell_of_a_spaced_preview():
    """A document site's preview of a 评审表 (cells one space apart): `六、项 目总体 绩效目 标` is one label
    wrapped at its cell's width, and the heading after the goal (`七、项 目支出 预算明 细`) is the next
    section, not a numbered aim that goes on with a goal of one sentence."""
    line = ("项目名称 某某村道保洁 主管部门 某区某局 项目资金 （万元） 合计 30 六、项 目总体 绩效目 标 "
            "村道常年保洁，村容村貌整洁。 七、项 目支出 预算明 细 项目用途 金额（万元） 保洁劳务 30 "
            "一级指标 二级指标 指标内容 指标值 产出 数量目标 保洁村道长度 12公里 质量目标 保洁达标率 ≥95% "
            "效益 社会效益目标 村民满意度 ≥90%")
    [r] = parse(read_text(line + "\n", "x.txt"))
    assert r.goal_overall == "村道常年保洁，村容村貌整洁。"
    assert r.goal_annual is None


def test_stream_goal_set_beside_goal_reached_with_its_points():
    """A 区域自评表 as a government page's text, one cell per line: 预期目标 | 目标实际完成情况 | 20 (the goal row's
    points), then the rows of the two columns, each numbered aim and what became of it line by line: the
    goal is the aims set, the points no goal."""
    lines = ["某某补助资金区域绩效目标自评表", "专项名称", "某某补助资金", "年度目标完成情况", "预期目标", "目标实际完成情况",
             "20", "目标1：完成辖区某某检查。", "目标1：已完成辖区某某检查。", "目标2：开展某某培训。", "目标2：培训已开展。",
             "年度绩效指标完成情况", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成指标值",
             "产出指标", "数量指标", "检查家次", "≥100家次", "120家次", "满意度指标", "服务对象满意度指标",
             "企业满意度", "≥90%", "95%"]
    [r] = parse(read_text("\n".join(lines) + "\n", "x.txt"))
    assert r.goal_annual == "目标1：完成辖区某某检查。目标2：开展某某培训。"


def test_run_together_figures_with_no_name_are_no_indicator():
    """A real preview (renrendoc, 宁乡 坝塘镇 2021, https://renrendoc.com/paper/307484460.html; figures here
    invented) lists 二级 names with only figures after them (`数量指标88100质量指标88100…`, the 三级 and the
    指标内容 left empty): no word, no value, so no indicator is made of the figures."""
    line = ("项目绩效目标表(2021年度)项目名称某某村道改造项目属性新增项目□延续项目√主管部门某镇年度资金总额及构成总额120万元"
            "项目绩效目标长期目标年度目标改善村道通行条件完成村道改造长期绩效指标一级指标二级指标指标内容指标值备注"
            "产出指标数量指标77100质量指标66100效益指标社会效益指标55100社会公众或服务对象满意度指标77100")
    [r] = parse(read_text(line + "\n", "x.txt"))
    assert r.indicators == []


def test_stream_level_points_on_a_line_of_their_own_are_no_indicator():
    """One cell per line: `产出指标` / `(40-50)分` / `数量指标` …: the level's points are no 三级."""
    lines = ["项目名称", "某某茶园改造", "一级指标", "二级指标", "三级指标", "指标值", "产出指标", "(40-50)分", "数量指标",
             "改造茶园面积", "≥300亩", "满意度指标", "(0-10)分", "服务对象满意度指标", "茶农满意度", "≥90%"]
    [r] = parse(read_text("\n".join(lines) + "\n", "x.txt"))
    assert [(i.level2, i.name, i.annual_value) for i in r.indicators] == [
        ("数量指标", "改造茶园面积", "≥300亩"), ("服务对象满意度指标", "茶农满意度", "≥90%")]


def test_stream_row_no_one_could_part_is_no_indicator():
    """One cell per line, a preview row run together beyond parting (name, 定量, target, description and scoring
    words as one cell): a name never holds a target, so no indicator is made of it."""
    lines = ["项目名称", "某某抽检", "一级指标", "二级指标", "三级指标", "指标值类型", "指标值", "指标解释", "评(扣)分标准",
             "产出指标", "数量指标", "抽检批次定量≥300批次反映抽检数量未达指标值酌情扣分",
             "满意度指标", "服务对象满意度指标", "受检主体满意度", "≥90%"]
    [r] = parse(read_text("\n".join(lines) + "\n", "x.txt"))
    assert [(i.name, i.annual_value) for i in r.indicators] == [("受检主体满意度", "≥90%")]


# ------------------------------------------------------------------ round 11 (helper realforms11)

def test_column_header_wrapped_inside_its_cells_on_rows_one_space_apart():
    # 裕安 自评表 page: `三级指标 年度 实际 分值 得分 …` over `指标值 完成值` (the header's cells broken inside)
    text = "\n".join([
        "项目名称 某某保护经费",
        "主管部门 某区某局 实施单位 某区某局",
        "绩效指标 一级指标 二级指标 三级指标 年度 实际 分值 得分 偏差原因分析及改进措施",
        "指标值 完成值",
        "产出指标 数量指标 指标1:修缮面积 500平方米 480平方米 7 6",
        "质量指标 指标1:验收通过率 100% 95% 6 5",
    ])
    [r] = parse(read_text(text, "x.txt"))
    assert [(i.level2, i.name, i.annual_value) for i in r.indicators] == [
        ("数量指标", "修缮面积", "500平方米"), ("质量指标", "验收通过率", "100%")]
    assert r.indicators[0].extras["实际完成值"] == "480平方米"
    assert r.indicators[1].extras["得分"] == "5"


def test_level_targets_written_as_prose_in_the_level_cell():
    # 荆门 page: 年度绩效总目标 | 产出指标 | items one after another; rows naming no level under it are no targets
    r = one([
        ["项目名称", "某某专项经费", "预算金额", "20万元"],
        ["主管部门", "某市某局", "实施单位", "某市某局"],
        ["年度绩效总目标", "产出指标", "开展巡查频次6次;编制宣传资料2个;项目验收合格率≥90%。"],
        ["效益指标", "宣传覆盖人次≥5万人次;修缮个数≥3个。"],
        ["资金拨付对象", "某市某局"],
        ["项目实施进度(或计划)", "全年开展巡查、宣传和培训。"],
    ])
    assert [(i.level1, i.name, i.annual_value) for i in r.indicators] == [
        ("产出指标", "开展巡查频次", "6次"), ("产出指标", "编制宣传资料", "2个"),
        ("产出指标", "项目验收合格率", "≥90%"), ("效益指标", "宣传覆盖人次", "≥5万人次"),
        ("效益指标", "修缮个数", "≥3个")]
    assert r.budget_amount == 200000


def test_budget_system_department_marker_after_the_office_name():
    # 大英 自评表: 主管部门 | 某县某局部门 (the budget's 部门 that office is); a town's 某镇部门 keeps its word
    r = one([["项目名称", "甲项目"], ["主管部门", "某县医疗保障局部门", "实施单位", "某县医疗保障局"], *TABLE])
    assert r.department == "某县医疗保障局"


def test_spaced_preview_year_line_and_a_wrapped_money_header():
    # 上饶 自评表 preview: `( 2021 年度)` with spaces in its brackets, 执行率(全年 执行数/全年 预算数) wrapped
    text = ("附件1 项目支出绩效自评表 ( 2021 年度) 项目名称 某某业务经费 主管部门 某市某局 项目资金(万元) 实施单位 某市某局 "
            "年初预算数 全年预算数 全年执行数 分值 执行率(全年 执行数/全年 预算数) 年度资金总额: 320.5万元 320.5万元 "
            "318.2万元 10 99% 9 其中:当年财政 拨款 320.5万元 320.5万元 318.2万元 10 99% 9 得分 上年结转资金 其他资金")
    [r] = parse(read_text(text, "x.txt"))
    assert r.budget_year == 2021
    assert r.budget_amount == 3205000


def test_bracketed_target_lines_of_a_project_list():
    # 黄山 page: 【一级-二级】 headings (or 【一级/二级】) over 指标N:名称(值) lines; a name's own brackets stay
    # in it; the category row above the project is its 项目类别
    text = "\n".join([
        "某局2024年项目绩效目标和指标", "单位编码", "单位名称(项目类别/支出项目)", "年度预算安排", "项目内容", "绩效目标",
        "某局", "900000", "012001", "某局", "900000", "本级项目", "300000", "012001", "甲培训经费", "300000",
        "【项目概况】:开展业务培训。", "【总体目标】", "完成全年业务培训", "【产出指标-数量指标】",
        "指标1:培训人数(人)(≥300人)", "指标2:培训班次(≥6期)", "【满意度指标/服务对象满意度指标】", "指标1:学员满意度(≥90%)",
    ])
    [r] = parse(read_text(text, "x.txt"))
    assert (r.project_name, r.project_type, r.department, r.implementing_unit, r.budget_amount, r.budget_year) == (
        "甲培训经费", "本级项目", "某局", "某局", 300000, 2024)
    assert r.goal_overall == "完成全年业务培训"
    assert [(i.level2, i.name, i.annual_value) for i in r.indicators] == [
        ("数量指标", "培训人数(人)", "≥300人"), ("数量指标", "培训班次", "≥6期"), ("服务对象满意度指标", "学员满意度", "≥90%")]
    assert r.indicators[0].annual_target is not None and r.indicators[0].annual_target.value == 300


def test_run_on_list_header_with_marks_after_its_columns():
    # 海南 notice: `一级指标*二级指标*三级指标*绩效指标性质*绩效指标值*绩效度量单位权重*指标方向性*` run together
    text = ("附件2项目绩效目标表主管部门:省某厅资金总额:860.00项目负责人电话:00000000财政拨款:860.00其他资金:"
            "总体目标目标1:全年举办专业展会不少于6场目标2:带动相关行业发展"
            "一级指标*二级指标*三级指标*绩效指标性质*绩效指标值*绩效度量单位权重*指标方向性*"
            "产出指标数量指标举办专业展会场次≥6场40%正向指标")
    [r] = parse(read_text(text, "x.txt"))
    [i] = r.indicators
    assert (i.level2, i.name, i.annual_value) == ("数量指标", "举办专业展会场次", "≥6场")
    assert i.extras == {"权重*": "40%", "指标方向性": "正向指标"}
    assert r.department == "省某厅"


def test_level_prose_one_cell_a_line():
    # the 荆门 sheet copied one cell a line: the level's name, then its prose on the next line
    text = "\n\n".join(["项目名称", "某某专项经费", "预算金额", "20万元", "主管部门", "某市某局", "年度绩效总目标", "产出指标",
                        "开展巡查频次6次；编制宣传资料2个。", "效益指标", "宣传覆盖人次≥5万人次；修缮个数≥3个。",
                        "资金拨付对象", "某市某局"])
    [r] = parse(read_text(text, "x.txt"))
    assert [(i.level1, i.name, i.annual_value) for i in r.indicators] == [
        ("产出指标", "开展巡查频次", "6次"), ("产出指标", "编制宣传资料", "2个"),
        ("效益指标", "宣传覆盖人次", "≥5万人次"), ("效益指标", "修缮个数", "≥3个")]


def test_bracketed_targets_joined_into_one_line_of_a_cell_a_line_copy():
    # the 黄山 list copied one cell a line with ` |`: the 绩效目标 cell's lines joined into one (no run-on table)
    text = "\n".join([
        '号: 003139000/202505-00100 信息分类: 部门项目绩效',
        '主题分类: 市场监管 发文日期: 2025-05-20',
        '发布机构: 某市人民政府办公室 发布日期: 2025-05-27',
        '某市市场监督管理局2025年项目绩效目标和指标',
        '作者:财务科 发布时间:2025-05-27 16:00 信息来源:某市市场监督管理局',
        '|',
        '单位编码 |',
        '单位名称（项目类别/支出项目） |',
        '年度预算安排 |',
        '项目内容 |',
        '绩效目标 |',
        '|',
        ' |',
        '某市市场监督管理局 |',
        '5230000 |',
        ' |',
        ' |',
        '|',
        '041001 |',
        '某市市场监督管理局 |',
        '3120000 |',
        ' |',
        ' |',
        '|',
        ' |',
        '其他运转类 |',
        '860000 |',
        ' |',
        ' |',
        '|',
        '041001 |',
        '食品安全监督抽检服务采购项目 |',
        '860000 |',
        '【项目概况】:委托检验机构开展全市食品安全监督抽检，服务期一年，按批次结算。 |',
        '【总体目标】完成年度食品安全监督抽检任务，及时发现和处置不合格食品，守住食品安全底线【产出指标-数量指标】指标1:抽检食品批次(≥1200批次)【产出指标-质量指标】指标1:不合格食品核查处置率(=100%)【产出指标-时效指标】指标1:检验报告出具时限(<20个工作日)【产出指标-成本指标】指标1:抽检服务成本(≤860000元)【效益指标-社会效益指标】指标1:食品安全风险防控能力(持续提升)【满意度指标-服务对象满意度指标】指标1:群众食品安全满意度(≥85%) |',
        '|',
    ])
    [r] = parse(read_text(text, "x.txt"))
    assert (r.project_name, r.project_type, r.implementing_unit, r.budget_amount) == (
        "食品安全监督抽检服务采购项目", "其他运转类", "某市市场监督管理局", 860000)
    assert [(i.level2, i.name, i.annual_value) for i in r.indicators][:2] == [
        ("数量指标", "抽检食品批次", "≥1200批次"), ("质量指标", "不合格食品核查处置率", "=100%")]
    assert len(r.indicators) == 6


def test_department_name_label_on_a_project_form():
    # 濮阳 批复: 项目名称 | … / 部门名称 | 某市档案馆 / 单位名称 | …: the 部门名称 is the department (a 整体 form's
    # label, but the form has its project); 部门职责 is no department, and a 主管部门 of the form's own wins
    r = one([["项目名称", "甲项目"], ["部门名称", "某市档案馆"], ["单位名称", "某市档案馆"], *TABLE])
    assert (r.department, r.implementing_unit) == ("某市档案馆", "某市档案馆")
    r = one([["项目名称", "甲项目"], ["部门名称", "某市档案馆"], ["主管部门", "某市委办公室"], *TABLE])
    assert r.department == "某市委办公室"
    r = one([["项目名称", "甲项目"], ["部门职责", "负责全市档案的收集和保管"], ["主管部门", "某市档案馆"], *TABLE])
    assert r.department == "某市档案馆"
