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
    ([["资金来源", "资金总额", "12.5", "其中：财政拨款", "10", "其他资金", "2.5", "上年结转", "0"], ["单位：万元"]], None),
    ([["资金来源（万元）", "资金总额", "12.5"], ["其中：财政拨款", "10"], ["其他资金", "2.5"]], 125000),
])
def test_budget(rows, want):
    r = one([["项目名称", "甲项目"], *rows, *TABLE])
    if want is None:  # 万元 stated after the block is the next form's: here the block has none
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
