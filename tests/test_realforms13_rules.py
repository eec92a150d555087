"""Rules found on published pages in round 13 of real forms (helper realforms13), each on a few
hand-written lines of invented content."""

from __future__ import annotations

from pipeline import vocab
from pipeline.checks import run_checks
from pipeline.forms import parse
from pipeline.readers.txt import read_text


def _inds(r):
    return [(i.level1, i.level2, i.name, i.period_value, i.annual_value) for i in r.indicators]


# two forms of one unit on one page, each under the unit's coded name and its money note (天津 区级 法院)
_TWO_COURT_FORMS = """某区人民法院
项目支出绩效目标表
(2023年)
100201某区人民法院 | 单位:万元 | |||||
项目名称 | 档案库房改造 | |||||
预算规模及资金用途 | 预算数 | 12.00 | 其中:财政 资金 | 12.00 | 其他资金 | |
用于档案库房防潮改造 | ||||||
绩效目标 | 1.完成档案库房防潮改造,保障档案安全。 |
一级指标 | 二级指标 | 三级指标 | 绩效指标描述 | 指标值 |
产出指标 | 数量指标 | 改造面积 | 改造面积 | ≥150平方米 |
质量指标 | 验收合格率 | 验收合格率 | ≥97百分比 | |
满意度指标 | 服务对象满意度指标 | 干警满意度 | 干警满意度 | ≥92百分比 |
100201某区人民法院 | 单位:万元 | |||||
项目名称 | 诉讼服务外包 | |||||
预算规模及资金用途 | 预算数 | 8.00 | 其中:财政 资金 | 8.00 | 其他资金 | |
用于诉讼服务窗口外包 | ||||||
绩效目标 | 1.保障诉讼服务窗口正常运行。 |
一级指标 | 二级指标 | 三级指标 | 绩效指标描述 | 指标值 |
产出指标 | 数量指标 | 外包服务人数 | 外包服务人数 | 3人 |
"""


def test_a_column_describing_the_indicator_is_no_part_of_the_value():
    """三级指标 | 绩效指标描述 | 指标值 (天津 区级 法院): the description column (the name again, or words) was no
    column known, so its text ran into the value (`改造面积≥150平方米`)."""
    assert vocab.column_role("绩效指标描述") == "extra"
    assert vocab.column_role("指标描述") == "extra"
    assert vocab.column_role("指标值(包含数字及文字描述)") == "annual"  # a value column that says what it holds
    first, second = parse(read_text(_TWO_COURT_FORMS, "x.txt"))
    assert _inds(first)[:2] == [("产出指标", "数量指标", "改造面积", None, "≥150平方米"),
                                ("产出指标", "质量指标", "验收合格率", None, "≥97百分比")]
    assert first.indicators[0].extras == {"绩效指标描述": "改造面积"}
    assert _inds(second) == [("产出指标", "数量指标", "外包服务人数", None, "3人")]


def test_the_next_forms_unit_line_under_a_table_is_no_indicator_row():
    """`100201某区人民法院 | 单位:万元` under the first form's last indicator row opens the next form: its
    money note was taken for the next form, and the coded unit name left was read as one more row."""
    first, second = parse(read_text(_TWO_COURT_FORMS, "x.txt"))
    assert [i.name for i in first.indicators] == ["改造面积", "验收合格率", "干警满意度"]
    assert (first.project_name, first.budget_amount) == ("档案库房改造", 120000)
    assert (second.project_name, second.budget_amount) == ("诉讼服务外包", 80000)


def test_a_share_written_as_the_word_for_percent_is_no_unit_mismatch():
    """`≥97百分比` (a budget system's unit spelled out, 天津 / 安徽 pages): the rate is in percent, and the
    check asking a …率 for % said it was not."""
    first, _ = parse(read_text(_TWO_COURT_FORMS, "x.txt"))
    assert first.indicators[1].annual_target.unit == "百分比"
    assert not [a for a in run_checks(first) if a.code == "unit_mismatch"]


_MARKDOWN_PAGE = """抗疫特别国债项目绩效目标表 | |||||
(2020年度) | |||||
项目名称 | 某区道路保洁消杀费用 | ||||
主管预算部门 | 某区城市管理委员会 | 项目预算金额 (万元) | 300 | ||
绩?????? 效?????? 目???? 标 | 1.完成辖区主次干道保洁消杀,杜绝病媒传播。 | ||||
绩??????效?????? 指?????????? 标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | |
产出指标 | 数量指标 | 保洁道路条数 | 120条 | ||
成本指标 | 经济成本指标 | 人工成本 | ≤45万/月 | ||
满意度指标 | 服务对象满意度指标 | 周边群众满意度 | ≥90% |
- 扫一扫在手机打开当前页
"""


def test_a_spaced_label_whose_spaces_were_lost_as_question_marks():
    """`绩?????? 效?????? 目???? 标`: the non-breaking spaces of a spaced label came through an encoding as runs of
    question marks, so the goal had no label and was lost."""
    assert vocab.key("绩???? 效???? 目?? 标") == "绩效目标"
    assert vocab.key("是否达标??") == "是否达标??"  # a question mark not between two characters stays
    [r] = parse(read_text(_MARKDOWN_PAGE, "x.txt"))
    assert r.goal_annual == "1.完成辖区主次干道保洁消杀,杜绝病媒传播。"
    assert r.budget_amount == 3000000


def test_a_sites_button_as_an_item_of_a_list_is_chrome():
    """`- 扫一扫在手机打开当前页` under the table (a page copied as markdown): the list mark hid the button, and
    the line was one more indicator row."""
    assert vocab.is_chrome("-扫一扫在手机打开当前页")
    assert vocab.is_chrome("•打印")
    assert not vocab.is_chrome("-某某工作经费")
    [r] = parse(read_text(_MARKDOWN_PAGE, "x.txt"))
    assert [i.name for i in r.indicators] == ["保洁道路条数", "人工成本", "周边群众满意度"]


def test_money_written_with_wan_alone_is_money_for_the_unit_checks():
    """`≤45万/月` under 人工成本 (a 抗疫特别国债 form): 万 is 万元 cut short, and the check asking a 成本 for 元 said
    the unit was wrong."""
    [r] = parse(read_text(_MARKDOWN_PAGE, "x.txt"))
    assert r.indicators[1].annual_target.unit.startswith("万")
    assert not [a for a in run_checks(r) if a.code == "unit_mismatch"]


def test_a_code_label_spelled_with_its_possessive():
    """主管部门及其编码 (湘潭 项目绩效目标表): 及其 before the code word, so no label, and the department lost."""
    text = "\n\n".join(["2024年项目绩效目标表", "项目名称", "某某保洁服务", "主管部门及其编码", "某市某局 308001",
                        "项目实施单位", "某市某处", "项目资金申请", "(万元)", "资金总额: 120", "年度绩效指标", "一级指标",
                        "二级指标", "三级指标", "指标值", "产出指标", "数量指标", "保洁面积", "3万平方米"]) + "\n"
    [r] = parse(read_text(text, "x.txt"))
    assert (r.department, r.implementing_unit) == ("某市某局", "某市某处")
    assert vocab.LABEL_TAIL.match("及其编码")


def test_a_lists_long_first_row_under_its_header_is_a_row_not_a_preview_run():
    """A budget system's list as a page's text, cells one space apart (扎赉特旗 项目绩效目标表): each project's first
    row carries its goal and is long, so it was read as a document site's whole table on one line, one cell a
    line; a line with as many cells as the column header above it is that table's row."""
    goal = "保障本院日常办公办案装备需要，提高办公效率，让干警在良好保障的办公环境中开展各项工作，确保装备配置到位。"
    text = "\n".join([
        "项目绩效目标表", "单位:元",
        "项目名称 项目单位 项目类别 预算数 年度绩效目标 一级指标 二级指标 三级指标 指标性质 指标方向 目标值 计量单位 分值",
        (f"装备购置经费 301001-某县人民检察院 32-专项资金项目 812,500.00 {goal} 满意度指标(10分) 服务对象满意度 "
         "使用人员满意度 正向 大于等于 96 % 10"),
        "产出指标(50分) 成本指标 办公设备购置成本 反向 小于等于 40 万元 5",
        "质量指标 设备验收合格率 正向 等于 100 % 7.5",
        "效益指标(30分) 社会效益 提升办公效率 正向 大于等于 90 % 15",
        (f"办案业务经费 301001-某县人民检察院 32-专项资金项目 1,204,000.00 {goal} 产出指标(50分) 时效指标 "
         "法定审限内结案率 正向 大于等于 95 % 5"),
        "数量指标 办结案件数量 正向 大于等于 60 8",
        "效益指标(30分) 社会效益 案件质量提升 正向 大于等于 90 % 15", ""])
    first, second = parse(read_text(text, "x.txt"))
    assert (first.project_name, first.implementing_unit, first.budget_amount) == ("装备购置经费", "某县人民检察院", 812500)
    assert first.goal_annual == goal
    assert _inds(first) == [("满意度指标", "服务对象满意度指标", "使用人员满意度", None, "≥96%"),
                            ("成本指标", "经济成本指标", "办公设备购置成本", None, "≤40万元"),
                            ("产出指标", "质量指标", "设备验收合格率", None, "100%"),
                            ("效益指标", "社会效益指标", "提升办公效率", None, "≥90%")]
    assert (second.project_name, second.budget_amount) == ("办案业务经费", 1204000)
    assert [i.name for i in second.indicators] == ["法定审限内结案率", "办结案件数量", "案件质量提升"]


def test_a_level_name_wrapped_around_its_row_one_cell_a_line():
    """One cell a line (青山 部门专项 申报表): the last 二级, wrapped in its narrow cell, comes as its first line, the
    row's name and value, then its second line (`社会公众或服务` / `某某满意度` / `≥90%` / `对象满意度指标`). The head
    was the row before's 备注, the row fell under the 二级 before, and the tail was one more row."""
    cells = ["项目名称", "某某扶持资金", "主管部门及编码", "区某局", "实施单位", "区某局", "项目资金", "资金总额", "120",
             "总体目标", "中期目标", "年度目标", "推进某某事业发展", "全年扶持企业20家", "绩效项目指标表", "一级指标",
             "二级指标", "指标内容", "指标值", "备 注", "产出指标", "数量指标", "扶持企业数量", "20家", "效益指标",
             "可持续影响指标", "扶持政策延续性", "长期", "社会公众或服务", "企业满意度", "≥92%", "对象满意度指标"]
    [r] = parse(read_text("\n\n".join(cells) + "\n", "x.txt"))
    assert _inds(r) == [("产出指标", "数量指标", "扶持企业数量", None, "20家"),
                        ("效益指标", "可持续影响指标", "扶持政策延续性", None, "长期"),
                        ("满意度指标", "服务对象满意度指标", "企业满意度", None, "≥92%")]
    assert not r.indicators[1].extras


_LIST_QUALITATIVE = "\n".join([
    "项目绩效目标表", "单位:元",
    "项目名称 项目单位 项目类别 预算数 年度绩效目标 一级指标 二级指标 三级指标 指标性质 指标方向 目标值 计量单位 分值",
    "宣传经费 301001-某县某局 32-专项资金项目 52,000.00 开展普法宣传 满意度指标(10分) 服务对象满意度 群众满意度 正向 大于等于 95 % 10",
    "效益指标(30分) 社会效益 群众法治意识 定性",
    "明显提升",
    "15",
    "产出指标(50分) 数量指标 宣传活动场次 正向 大于等于 12 场 20",
    "时效指标 活动完成时间 定性",
    "11月底前",
    "5",
    "质量指标 宣传覆盖率 正向 大于等于 90 % 15",
    ""])


def test_a_qualitative_rows_value_and_points_on_lines_of_their_own():
    """A budget system's list as a page's text (扎赉特旗): a row whose 指标性质 says 定性 gives its target and its
    points on the lines under it (`… 活动完成时间 定性` / `11月底前` / `5`); they were two more rows named by them."""
    [r] = parse(read_text(_LIST_QUALITATIVE, "x.txt"))
    assert _inds(r) == [("满意度指标", "服务对象满意度指标", "群众满意度", None, "≥95%"),
                        ("效益指标", "社会效益指标", "群众法治意识", None, "明显提升"),
                        ("产出指标", "数量指标", "宣传活动场次", None, "≥12场"),
                        ("产出指标", "时效指标", "活动完成时间", None, "11月底前"),
                        ("产出指标", "质量指标", "宣传覆盖率", None, "≥90%")]
    assert r.indicators[1].extras == {"指标性质": "定性", "分值": "15"}
    assert r.indicators[3].extras == {"指标性质": "定性", "分值": "5"}


def test_a_line_under_a_row_with_its_value_is_no_part_of_it():
    """Only a row that says 定性 and has no value takes the line under it: a row with its target keeps it, and the
    line is read as it always was."""
    text = _LIST_QUALITATIVE.replace("时效指标 活动完成时间 定性", "时效指标 活动完成时间 正向 小于等于 11 月 5")
    [r] = parse(read_text(text, "x.txt"))
    row = next(i for i in r.indicators if i.name == "活动完成时间")
    assert row.annual_value == "≤11月" and row.extras == {"指标性质": "正向", "分值": "5"}


def test_a_budget_systems_two_digit_category_code_is_no_part_of_the_type():
    """`32-专项资金项目` in a list's 项目类别 column (扎赉特旗): the budget system's category code with its hyphen,
    as `(31)部门预算项目` is; a year or a count before a word is no code."""
    from pipeline.forms.values import strip_code
    assert strip_code("32-专项资金项目") == "专项资金项目"
    assert strip_code("(31)部门预算项目") == "部门预算项目"
    assert strip_code("2025年专项资金项目") == "2025年专项资金项目"
    assert strip_code("12个乡镇") == "12个乡镇"
    [r] = parse(read_text(_LIST_QUALITATIVE, "x.txt"))
    assert r.project_type == "专项资金项目"


def _table_rows(table: int, grid: list[list[str]]) -> list:
    from pipeline.document import Cell, Row
    return [Row(cells=[Cell(t, col=k) for k, t in enumerate(r) if t], table=table, row=n) for n, r in enumerate(grid)]


def test_a_table_opening_with_the_units_coded_name_is_the_next_forms_own():
    """Word tables, one form each, under one title with its year (天津 区级 法院): the second table opens with
    `100201某区人民法院 | 单位:万元` before its 项目名称, so the name was read as a project stacked in the same table
    as the form before (whose name stood in another), and the title's year was not the second form's."""
    from pipeline.document import Cell, RawDocument, Row

    def form(name: str, amount: str) -> list[list[str]]:
        return [["100201某区人民法院", "", "", "", "单位:万元"], ["项目名称", name],
                ["预算规模及资金用途", "预算数", amount, "其中:财政 资金", amount],
                ["绩效目标", "1.保障某某工作正常开展。"],
                ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"],
                ["产出指标", "数量指标", "某某数量", "某某数量", "≥10件"]]
    rows = [Row(cells=[Cell("项目支出绩效目标表")]), Row(cells=[Cell("(2023年)")]),
            *_table_rows(0, form("档案整理服务", "6.00")), *_table_rows(1, form("诉讼服务外包", "8.00"))]
    first, second = parse(RawDocument(path="x.docx", format="docx", rows=rows))
    assert (first.project_name, first.budget_year, first.budget_amount) == ("档案整理服务", 2023, 60000)
    assert (second.project_name, second.budget_year, second.budget_amount) == ("诉讼服务外包", 2023, 80000)
    assert [i.name for i in first.indicators] == ["某某数量"]


def test_one_cell_a_line_the_next_forms_coded_unit_name_is_no_cell_of_the_last_row():
    """One cell a line, the unit's coded name (`100201某区人民法院`) stands on the line before the next form's money
    note, right after the last row's value: it was taken as one more cell of that row (its value lost, a junk
    row made)."""
    def form(name: str) -> list[str]:
        return ["100201某区人民法院", "单位:万元", "项目名称", name, "预算规模及资金用途", "预算数", "6.00", "绩效目标",
                "1.保障某某工作正常开展。", "一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "产出指标",
                "数量指标", "某某数量", "某某数量", "≥10件", "满意度指标", "服务对象满意度指标", "干警满意度", "干警满意度",
                "≥95百分比"]
    text = "\n\n".join(["项目支出绩效目标表", "(2023年)", *form("档案整理服务"), *form("诉讼服务外包")]) + "\n"
    first, second = parse(read_text(text, "x.txt"))
    assert _inds(first) == [("产出指标", "数量指标", "某某数量", None, "≥10件"),
                            ("满意度指标", "服务对象满意度指标", "干警满意度", None, "≥95百分比")]
    assert second.project_name == "诉讼服务外包"
