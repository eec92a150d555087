"""The form parser on layouts seen in other departments' forms, built row by row."""

from __future__ import annotations

from pipeline.document import Cell, RawDocument, Row
from pipeline.forms import parse


def doc(rows: list[list[str]], fmt: str = "txt") -> RawDocument:
    return RawDocument("x", fmt, [Row([Cell(t) for t in r], table=0, row=i) for i, r in enumerate(rows)])


def test_official_declaration_layout_with_funding_in_wanyuan():
    rows = [
        ["项目支出绩效目标申报表"],
        ["（2025年度）"],
        ["项目名称", "老旧小区改造监理服务"],
        ["主管部门及代码", "某区住房和城乡建设局", "实施单位", "某区城市更新中心"],
        ["项目负责人", "张三", "联系电话", "0571-88886666"],
        ["项目资金（万元）", "年度资金总额：", "12.5", "其中：财政拨款", "10", "其他资金", "2.5"],
        ["总体目标", "实施周期总目标", "年度目标"],
        ["", "完成全区老旧小区改造监理", "完成10个小区的监理"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        ["", "产出指标", "数量指标", "监理小区数量", "≥10个"],
        ["", "", "质量指标", "验收合格率", "100%"],
        ["", "效益指标", "社会效益", "居民居住条件", "明显改善"],
        ["", "满意度指标", "服务对象满意度", "居民满意度", "≥90%"],
    ]
    [r] = parse(doc(rows))
    assert r.project_name == "老旧小区改造监理服务"
    assert r.department == "某区住房和城乡建设局"
    assert r.implementing_unit == "某区城市更新中心"
    assert r.budget_amount == 125000.0
    assert r.budget_year == 2025
    assert (r.goal_overall, r.goal_annual) == ("完成全区老旧小区改造监理", "完成10个小区的监理")
    assert [(i.level1, i.level2, i.name, i.period_value, i.annual_value) for i in r.indicators] == [
        ("产出指标", "数量指标", "监理小区数量", None, "≥10个"),
        ("产出指标", "质量指标", "验收合格率", None, "100%"),
        ("效益指标", "社会效益指标", "居民居住条件", None, "明显改善"),
        ("满意度指标", "服务对象满意度指标", "居民满意度", None, "≥90%"),
    ]
    assert r.has_period_column is False


def test_label_and_value_in_one_cell_and_period_in_one_cell():
    rows = [
        ["项目绩效目标表"],
        ["项目名称：社区养老服务"],
        ["主管部门：某街道办事处", "预算单位：某街道社区服务中心"],
        ["实施周期", "2024年-2026年"],
        ["项目预算金额（元）", "300,000.00"],
        ["年度绩效目标", "为辖区老人提供助餐服务"],
        ["一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值"],
        ["成本指标", "经济成本指标", "助餐补贴", "≤30万元", "≤10万元"],
    ]
    [r] = parse(doc(rows))
    assert (r.project_name, r.department, r.implementing_unit) == ("社区养老服务", "某街道办事处", "某街道社区服务中心")
    assert (r.period_start, r.period_end, r.budget_amount) == (2024, 2026, 300000.0)
    assert r.goal_annual == "为辖区老人提供助餐服务" and r.goal_overall is None
    assert r.indicators[0].period_target.op == "≤" and r.indicators[0].annual_target.unit == "万元"


def test_indicator_rows_without_a_column_header():
    rows = [
        ["项目名称", "河道保洁"],
        ["绩效指标", "产出指标", "数量指标", "保洁河道长度", "≥20公里", "≥20公里"],
        ["", "", "时效指标", "完成时间", "12月底前", "12月底前"],
    ]
    [r] = parse(doc(rows))
    assert [(i.level2, i.name, i.annual_value) for i in r.indicators] == [
        ("数量指标", "保洁河道长度", "≥20公里"), ("时效指标", "完成时间", "12月底前")]


def test_forms_split_by_project_name_rows_without_titles():
    rows = []
    for name in ("甲项目", "乙项目", "丙项目"):
        rows += [["项目名称", name], ["主管部门", "某局"],
                 ["一级指标", "二级指标", "三级指标", "年度指标值"], ["产出指标", "数量指标", "场次", "≥1场"]]
    assert [r.project_name for r in parse(doc(rows))] == ["甲项目", "乙项目", "丙项目"]


def test_empty_rows_and_empty_groups_are_not_indicators():
    rows = [
        ["项目名称", "甲"],
        ["一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值"],
        ["成本指标", "经济成本指标", "成本控制在预算内", "1000元", "1000元"],
        ["", "社会成本指标", "", "", ""],
        ["", "生态环境成本指标"],
        ["效益指标", "经济效益", "增加就业机会", "", ""],
    ]
    [r] = parse(doc(rows))
    assert [i.name for i in r.indicators] == ["成本控制在预算内", "增加就业机会"]
    assert r.indicators[1].annual_value is None and r.indicators[1].level2 == "经济效益指标"


def test_positional_columns_keep_an_empty_period_cell_apart():
    # docx/pdf know the grid: a lone value in the 年度 column is not a period value
    cells = lambda texts: [Cell(t, col=i) for i, t in enumerate(texts)]
    rows = [
        Row(cells(["项目名称", "甲"]), table=0, row=0),
        Row(cells(["一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值"]), table=0, row=1),
        Row(cells(["产出指标", "数量指标", "培训人数", "", "≥30人"]), table=0, row=2),
        Row(cells(["", "", "培训场次", "≥10场", ""]), table=0, row=3),
    ]
    [r] = parse(RawDocument("x", "docx", rows))
    assert [(i.period_value, i.annual_value) for i in r.indicators] == [(None, "≥30人"), ("≥10场", None)]


def test_one_cell_per_line_with_an_empty_value_cell():
    lines = ["项目名称", "甲", "一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值",
             "产出指标", "数量指标", "培训场次", "≥10场",  # its 年度 cell was empty
             "质量指标", "合格率", "100%", "100%",
             "满意度指标", "服务对象满意度", "满意度", "≥90%", "≥90%"]
    [r] = parse(doc([[x] for x in lines]))
    assert [(i.level2, i.name, i.annual_value) for i in r.indicators] == [
        ("数量指标", "培训场次", "≥10场"), ("质量指标", "合格率", "100%"),
        ("服务对象满意度指标", "满意度", "≥90%")]


def test_an_empty_overall_goal_does_not_take_the_annual_goal():
    rows = [["项目名称", "甲"], ["总体绩效目标", "实施周期总目标"], ["", ""],
            ["", "2026年度目标"], ["", "完成年度任务"]]
    [r] = parse(doc(rows))
    assert (r.goal_overall, r.goal_annual) == (None, "完成年度任务")


def _period_header_form(value_heads: list[str], period_row: list[str] | None = None,
                        after_table: list[str] | None = None) -> list[list[str]]:
    rows = [["项目支出绩效目标表"], ["项目名称", "乡村学校少年宫运行补助"], ["主管部门", "某县教育局"]]
    if period_row:
        rows.append(period_row)
    rows += [["一级指标", "二级指标", "三级指标", *value_heads],
             ["产出指标", "数量指标", "开展活动场次", "≥360场", "≥120场"][:3 + len(value_heads)],
             ["满意度指标", "服务对象满意度指标", "学生满意度", "≥92%", "≥90%"][:3 + len(value_heads)]]
    if after_table:
        rows.append(after_table)
    return rows


def test_period_named_only_in_a_value_column_header():
    """No 实施周期 field: the years the period's value column names are the period (a weak reading)."""
    for heads, want in [(["实施期指标值（2025-2027年）", "年度指标值"], (2025, 2027)),
                        (["中期指标值(2024-2026)", "2024年指标值"], (2024, 2026)),
                        (["2026年—2028年指标值", "年度指标值"], (2026, 2028))]:
        [r] = parse(doc(_period_header_form(heads)))
        assert (r.period_start, r.period_end) == want, heads
        assert r.indicators[0].period_value == "≥360场" and r.indicators[0].annual_value == "≥120场"


def test_period_field_wins_over_a_value_column_header():
    """A 实施周期 field, before or after the table, wins over the years the column header names."""
    heads = ["实施期指标值（2025-2027年）", "年度指标值"]
    [r] = parse(doc(_period_header_form(heads, period_row=["实施周期", "2024年-2026年"])))
    assert (r.period_start, r.period_end) == (2024, 2026)
    [r] = parse(doc(_period_header_form(heads, after_table=["实施周期", "2024年至2026年"])))
    assert (r.period_start, r.period_end) == (2024, 2026)


def test_one_value_column_over_a_span_of_years_is_the_period():
    """指标值（2024-2026年） alone: the values are the period's, and the period is read from it."""
    [r] = parse(doc(_period_header_form(["指标值（2024-2026年）"])))
    assert (r.period_start, r.period_end) == (2024, 2026)
    assert (r.indicators[0].period_value, r.indicators[0].annual_value) == ("≥360场", None)
    [r] = parse(doc(_period_header_form(["年度指标值（2026年）"])))
    assert (r.period_start, r.period_end) == (None, None)
