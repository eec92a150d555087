"""Rules found on published pages earlier rounds left (the leftovers round), each on a few
hand-written values or a small checked-in file."""

from __future__ import annotations

import pytest
from compare import case_reads_as_written

from pipeline.forms.values import parse_amount


@pytest.mark.parametrize(("text", "amount"), [
    ("一般公共预算安排12600万元", 126000000),   # 广东 省级 专项资金 表: the money's source before the amount
    ("省级财政安排300万元", 3000000),
    ("中央补助36.5万元", 365000),
    ("1、灯具更换", None),                     # a list number is no amount
    ("某某项目12万元", None),                  # words that name no money source
    ("一般公共预算安排12600", None),           # a source with no money unit after the number
])
def test_an_amount_led_by_its_money_source(text, amount):
    got = parse_amount(text, None)
    assert got == amount


@pytest.mark.parametrize("case", ["cells_money_two_row_header"])
def test_checked_in_case_reads_as_written_by_hand(case):
    """One cell a line, a 专项 form's money block with a two-row header (本年度预计投入（万元） | 财政资金（万元）
    | 其他 over 中央 | 省级 | 市级资金 | 本级, then the six amounts): the first amount is the budget, the
    column of the year's amount standing first (tests/data/corpus/<case>.txt)."""
    case_reads_as_written(case)


def test_a_sites_links_in_one_cell_after_the_table_are_no_indicator():
    """A tab-separated copy of a web page (Word): the site's footer links kept in one cell with their bar
    (`内容保障 | 公务邮箱`) under the indicator table are chrome, not a 三级 of the last 二级."""
    from pipeline.forms import parse
    from pipeline.readers.txt import read_text

    text = "\n".join([
        "项目支出目标申报表", "（2025年度）", "项目名称\t某某公用经费", "项目主管部门\t某县某局",
        "一级\t二级\t三级\t年度数值\t备注",
        "产出值\t数量值\t服务人数\t≥300人\t",
        "效益值\t可持续影响值\t持续受益情况\t有效\t",
        "", "内容保障 | 公务邮箱", "", "某县人民政府主办  某县人民政府办公室承办",
    ])
    [r] = parse(read_text(text, "x.txt"))
    assert [(i.level2, i.name, i.annual_value) for i in r.indicators] == [
        ("数量指标", "服务人数", "≥300人"), ("可持续影响指标", "持续受益情况", "有效")]


@pytest.mark.parametrize(("key", "chrome"), [
    ("内容保障|公务邮箱", True), ("网站地图|联系我们", True), ("内容保障", True),
    ("服务人数|≥300人", False), ("某某经费|公务邮箱", False),
])
def test_links_set_apart_by_a_bar_are_chrome_when_each_is(key, chrome):
    from pipeline import vocab

    assert vocab.is_chrome(key) is chrome


@pytest.mark.parametrize(("text", "option"), [
    ("1、常年性项目 □ √ 2、延续性项目 □ 3、一次性项目 □", "常年性项目"),  # the tick typed after the box (黄石 监控表)
    ("1、常年性项目 □ 2、延续性项目 □ 3、一次性项目 √", "一次性项目"),
    ("新增项目□ 延续项目☑", "延续项目"),
])
def test_a_tick_typed_after_a_box_marks_the_option_before_it(text, option):
    from pipeline.forms.values import ticked

    assert ticked(text) == option


@pytest.mark.parametrize(("title", "name"), [
    ("2019年度某县某某助学金项目绩效评价指标表", "某县某某助学金项目"),  # 河北 宁晋: named only in the title
    ("2024年某某项目支出绩效目标表", "某某项目"),
    ("项目支出绩效目标表", None),                       # no project in it
    ("某县教育局2024年项目支出绩效目标表", None),        # a unit and a year, no project
    ("2024年度项目绩效目标表", None),
])
def test_a_project_named_only_in_its_title(title, name):
    from pipeline import vocab

    assert vocab.title_project(vocab.key(title)) == name


@pytest.mark.parametrize(("text", "level2"), [
    ("产出数量指标", "数量指标"), ("效益社会效益指标", "社会效益指标"), ("满意度服务对象满意度指标", "服务对象满意度指标"),
    ("数量指标", "数量指标"), ("产出指标", None),
])
def test_a_level2_led_by_its_level1s_stem(text, level2):
    from pipeline import vocab

    assert vocab.level2_of(text) == level2


def test_a_form_with_a_project_name_label_left_empty_takes_no_name_from_its_title():
    """甘孜's export: `项目名称:` left empty under a title that names no project; and a title that does name one
    does not fill a name the form's own label left empty (the label says where the name belongs)."""
    from pipeline.forms import parse
    from pipeline.readers.txt import read_text

    text = "\n".join([
        "2023年某某经费项目绩效目标表", "项目名称:", "主管部门: 某局",
        "一级指标 二级指标 三级指标 指标性质 指标值 度量单位 权重(%)",
        "产出指标 数量指标 开展宣传活动 ≥ 2 次 10",
        "产出指标 质量指标 活动覆盖率 ≥ 90 % 10",
        "满意度指标 服务对象满意度指标 群众满意度 ≥ 90 % 10",
    ])
    [r] = parse(read_text(text, "x.txt"))
    assert r.project_name is None and len(r.indicators) == 3


def test_a_markdown_tables_empty_cells_keep_the_columns():
    """A Markdown table keeps its empty cells between the bars (a blog's or a converter's copy): a row whose
    指标说明 is left empty keeps its target under 目标值 and its points under 分值, as in a spreadsheet copy."""
    from pipeline.forms import parse
    from pipeline.readers.txt import read_text

    text = "\n".join([
        "2020年度某县某某补助项目绩效评价指标表",
        "",
        "| 评价指标 | 评价内容 | 指标名称 | 指标说明 | 目标值 | 分值 | 备注 |",
        "|----|----|----|----|----|----|----|",
        "| 项目年度绩效目标(定量指标) | 产出数量指标 | 补助人数 | 达到预计值 | 300 | 20 |  |",
        "|  | 质量指标 | 补助对象核实准确率 |  | 100% | 20 |  |",
        "|  | 时效指标 | 资金发放及时率 | 达到目标值 | 100% | 20 |  |",
        "| 总分 |  |  |  |  | 60 |  |",
    ])
    [r] = parse(read_text(text, "x.txt"))
    assert r.project_name == "某县某某补助项目"
    assert [(i.level2, i.name, i.annual_value) for i in r.indicators] == [
        ("数量指标", "补助人数", "300"), ("质量指标", "补助对象核实准确率", "100%"), ("时效指标", "资金发放及时率", "100%")]


def test_a_vertical_label_one_character_a_space_in_a_preview_is_one_cell():
    """A document site's preview (cells one space apart) gives a label written down a narrow cell as single
    characters (`绩 效 指 标`, `产 出 指 标`, `满 意 度 指 标`): one cell when they read together as a label;
    other short pieces (`年度 总体 目标`, a name's characters) stay as they are."""
    from pipeline.readers.txt import _spaced_cells

    got = _spaced_cells("绩 效 指 标 一级指标 二级指标 产 出 指 标 数量指标 某 某 满 意 度 指 标 年度 总体 目标")
    assert got == ["绩效指标", "一级指标", "二级指标", "产出指标", "数量指标", "某", "某", "满意度指标",
                   "年度", "总体", "目标"]


def test_a_run_on_selfassessment_row_cut_at_its_repeated_value_and_the_next_bare_level():
    """A 自评表 run together with nothing between its cells (a document site's OCR'd preview, 湖北 襄阳): the
    target and the actual written the same (专款专用专款专用) end the name, the score after them ends the row,
    and a bare 二级 right after that score (10成本…, 10时效…) starts the next row."""
    from pipeline.readers.txt import split_run_on

    line = ("项目名称某某院区建设补助三级指标年初目标值实际完成值得分产出指标数量指标病房改造间数40间42间10"
            "质量指标保证建设补助专款专用专款专用专款专用10成本每年财政补助600万元600万元600万元10时效1年1年1年10")
    got = split_run_on(line)
    i = got.index("质量指标")
    assert got[i:] == ["质量指标", "保证建设补助专款专用", "专款专用", "专款专用", "10", "成本", "每年财政补助600万元",
                       "600万元", "600万元", "10", "时效", "1年", "1年", "1年", "10"]


def test_a_date_the_viewers_spacing_broke_is_one_cell():
    """A PDF viewer's copy (安徽 芜湖 明细表) widens the spaces inside a date: `结束日期:  2021 年 12  月31日`
    is the label and ONE date, not a year and a stray `月31日`."""
    from pipeline.readers.txt import aligned_spans

    got = [s.text for s in aligned_spans("起始日期:2019年  1 月 1日 结束日期:  2021 年 12  月31日")]
    assert got == ["起始日期:2019年 1 月 1日 结束日期:", "2021 年 12 月31日"]
    assert [s.text for s in aligned_spans("项目总预算(万元)  75.00      项目当年预算(万元)  25.00")] == [
        "项目总预算(万元)", "75.00", "项目当年预算(万元)", "25.00"]


def test_a_vertical_label_one_character_a_line_ending_on_its_rows_line():
    """A page's text keeping a narrow cell's line breaks, rows one space apart (湘阴, 奉节 pages): the label
    down the cell stands one character a line and its last character heads the row's line (`总` / `体` / `目` /
    `标 年度目标`; `产` / `出` / `指` / `标 数量指标 …`): the characters are that row's first cell again."""
    from pipeline.readers.txt import read_text

    text = "\n".join([
        "项目支出绩效目标表", "项目名称 某某公用经费", "主管部门 某县某局", "实施单位 某县某中心",
        "总", "体", "目", "标 年度目标", "完成全年各项工作任务。",
        "绩", "效", "指", "标 一级指标 二级指标 三级指标 指标值",
        "产", "出", "指", "标 数量指标 服务人次 ≥300人次",
        "质量指标 服务合格率 100%",
    ])
    rows = [[c.text for c in r.cells] for r in read_text(text, "x.txt").rows]
    assert ["总体目标", "年度目标"] in rows
    assert ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"] in rows
    assert ["产出指标", "数量指标", "服务人次", "≥300人次"] in rows
    assert ["总"] not in rows and ["产"] not in rows


def test_a_run_on_value_written_twice_is_two_cells():
    """A 自评表 run together (湖南 衡山 preview): a number and its unit written twice (`0起0起`: the target and
    the actual) are two values, though a digit follows the first; a one-character grade twice (`高高`) at the
    head of a page that goes on with the row before is two values too."""
    from pipeline.readers.txt import split_run_on

    got = split_run_on("满意度指标服务对象满意度指标因市场波动引起的安全事件发生数0起0起群众满意度95%96%")
    assert got[-6:] == ["因市场波动引起的安全事件发生数", "0起", "0起", "群众满意度", "95%", "96%"]
    assert split_run_on("高高满意度指标服务对象满意度指标群众满意度95%96%")[:2] == ["高", "高"]


def test_rows_one_space_apart_a_block_label_down_its_cell_and_a_spaced_year_line():
    """Rows one space apart with a cell's line breaks kept (a 自评表 page's text): `绩效` / `指标 一级指标 二级指标
    …` is the block's label broken over two lines, not a first column `指标` that shifts every column by one
    (the target read as the 三级 and the actual as the target); `( 2021年度)` is one year line."""
    from pipeline.forms import parse
    from pipeline.readers.txt import read_text

    text = "\n".join([
        "项目支出绩效自评表", "( 2021年度)", "项目名称 某某网格化管理经费", "主管部门 某镇人民政府 实施单位 某镇综治中心",
        "年度总体目标 预期目标 实际完成情况", "配备网格员二十名。 配备网格员二十名。",
        "绩效", "指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分",
        "产出指标 数量指标 网格员配备人数 ≥20人 20人 10 10",
        "质量指标 网格事件办结率 ≥95% 97% 10 10",
    ])
    [r] = parse(read_text(text, "x.txt"))
    assert r.budget_year == 2021
    assert [(i.name, i.annual_value) for i in r.indicators] == [("网格员配备人数", "≥20人"), ("网格事件办结率", "≥95%")]


def test_a_money_label_and_its_unit_broken_in_the_cell_then_its_total():
    """Rows one space apart, a cell's break kept: `项目资金` / `（万元） 合计 96` — the label and its unit note
    are one cell again (the amounts are in 万元), and the block's 合计 on the line under its label is the budget;
    `资金情况` / `（万元） 年度金额` then `其中：中央资金 400` reads 400 万元."""
    from pipeline.forms import parse
    from pipeline.readers.txt import read_text

    head = ["项目绩效目标申报表", "项目名称 城区路灯维护", "主管部门 某市城市管理局"]
    rows = ["一级指标 二级指标 三级指标 指标值", "产出指标 数量指标 维护灯具数量 ≥1200盏",
            "满意度指标 服务对象满意度指标 市民满意度 ≥90%"]
    [r] = parse(read_text("\n".join([*head, "项目资金", "（万元） 合计 96", "1、市级财政拨款 90", *rows]), "x.txt"))
    assert r.budget_amount == 960000
    [r] = parse(read_text("\n".join([*head, "资金情况", "（万元） 年度金额", "其中：中央资金 400", *rows]), "x.txt"))
    assert r.budget_amount == 4000000


def test_one_cell_a_line_a_group_goal_label_over_a_goal_written_as_numbered_items():
    """One cell a line (a preview, cells one space apart): `总体目标` / `年度目标` / `目标1：…` / `目标2：…` — the
    group's label has no text of its own; the numbered items are the year's one goal."""
    from pipeline.forms import parse
    from pipeline.readers.txt import read_text

    line = ("绩效目标申报表 项目名称 困难群众救助 主管部门 某县民政局 实施单位 某县救助服务中心 总 体 目 标 年度目标 "
            "目标1：按时足额发放救助金； 目标2：临时救助及时率达到100%。 绩 效 指 标 一级指标 二级指标 三级指标 指标值 "
            "产 出 指 标 数量指标 城乡低保保障人数 ≥3200人 质量指标 救助资金发放准确率 100% 满 意 度 指 标 "
            "服务对象满意度指标 受助对象满意度 ≥90% 某县民政局 2024年1月5日 第1页 共1页 某某某某某某某某某某某某某某某某")
    [r] = parse(read_text(line, "x.txt"))
    assert r.goal_overall is None
    assert vocab_key(r.goal_annual) == vocab_key("目标1：按时足额发放救助金；目标2：临时救助及时率达到100%。")


def vocab_key(s):
    from pipeline import vocab

    return vocab.key(s or "")


def test_a_spreadsheet_copys_merged_value_header_over_its_sub_columns():
    """A spreadsheet (or Markdown) copy keeps every cell: `预期指标值` merged over three columns shows as the label
    then two empty cells, over `符号 | | 单位(文字描述)`; the sub-columns are the value's parts (河北 成安 自评表)."""
    from pipeline.forms import parse
    from pipeline.readers.txt import read_text

    rows = [
        ["项目名称", "某某慰问金", "", "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "预期指标值", "", "", "实际完成值"],
        ["", "", "", "符号", "", "单位(文字描述)", ""],
        ["产出指标", "数量指标", "慰问对象人数", ">=", "120", "人(人数)", "126人"],
        ["", "质量指标", "慰问对象覆盖率", ">=", "98", "%(百分比)", "100%"],
    ]
    [r] = parse(read_text("\n".join("\t".join(x) for x in rows), "x.txt"))
    assert [(i.name, i.annual_value) for i in r.indicators] == [("慰问对象人数", "≥120人(人数)"),
                                                               ("慰问对象覆盖率", "≥98%(百分比)")]


def test_a_space_aligned_money_labels_unit_on_the_next_line_beside_another_cell():
    """A PDF viewer's copy: the money label wraps in its cell while the next row starts on its second line
    (`资金情况      年度资金总额：16` / `（万元）      其中：上级资金16`): the unit note goes back on the label, so the
    amounts are 万元."""
    from pipeline.forms import parse
    from pipeline.readers.txt import read_text

    text = "\n".join([
        "项目绩效目标表",
        "项目名称      某某学校厕所改造补助资金",
        "主管部门      某区教育局",
        "资金情况      年度资金总额：16",
        "（万元）      其中：上级资金16",
        "年度目标      完成两所学校厕所改造。",
        "一级指标      二级指标      三级指标          指标值",
        "产出指标      数量指标      改造厕所数量      2所",
        "满意度指标    服务对象满意度指标    师生满意度    ≥90%",
    ])
    [r] = parse(read_text(text, "x.txt"))
    assert r.budget_amount == 160000


def test_a_space_aligned_copy_keeps_labels_written_down_their_cells():
    """A PDF viewer's copy (space-aligned columns): a level name written down its narrow cell one character a
    line, its points after it (`产` / `出` / `指` / `标` / `（50分）`), the block label beside the header (`绩` /
    `效` / `指` / `标`) and headers broken in their cells (`一级` / `指标`, `年度` / `指标值`, `分` / `值`) go back
    on their cells; the rows under them read (河北 廊坊, 湖北 新洲, 安徽 萧县 自评表 layouts)."""
    from pipeline.forms import parse
    from pipeline.readers.txt import read_text

    text = "\n".join([
        "项目支出绩效自评表",
        "项目名称  某某设备更新经费                   主管部门  某区文化和旅游局",
        "绩        一级        二级指标      三级指标          年度        实际        分",
        "效        指标                                        指标值      完成值      值",
        "指",
        "标",
        "          产          数量指标      更新设备数量      40件        40件        20",
        "          出",
        "          指",
        "          标",
        "          （50分）",
        "                      质量指标      设备质量          合格        合格        20",
        "          满意度指标  服务对象满意度指标  演员满意度    ≥90%        100%        20",
    ])
    [r] = parse(read_text(text, "x.txt"))
    assert [(i.level1, i.level2, i.name, i.annual_value) for i in r.indicators] == [
        ("产出指标", "数量指标", "更新设备数量", "40件"), ("产出指标", "质量指标", "设备质量", "合格"),
        ("满意度指标", "服务对象满意度指标", "演员满意度", "≥90%")]


def test_an_empty_description_cell_leaves_the_target_under_the_value_column():
    """Rows whose empty cells are gone (pipes, a Word copy): `指标说明 | 目标值 | 分值` with the description left
    empty gives `100% | 15` — the target is the value and the number the points, not a description and a value:
    an extra column of words takes words, one of points takes a number."""
    from pipeline.forms import parse
    from pipeline.readers.txt import read_text

    text = "\n".join([
        "2020年度某县某某补助项目绩效评价指标表",
        "评价指标 | 评价内容 | 指标名称 | 指标说明 | 目标值 | 分值 | 备注 |",
        "项目年度绩效目标(定量指标) | 产出数量指标 | 补助人数 | 达到预计值 | 300 | 20 |",
        "| 质量指标 | 补助对象核实准确率 | 100% | 20 |",
        "| 时效指标 | 资金发放及时率 | 达到目标值 | 100% | 20 |",
    ])
    [r] = parse(read_text(text, "x.txt"))
    assert [(i.name, i.annual_value, i.extras.get("分值")) for i in r.indicators] == [
        ("补助人数", "300", "20"), ("补助对象核实准确率", "100%", "20"), ("资金发放及时率", "100%", "20")]


def test_one_cell_a_line_a_label_down_its_cell_one_character_a_line():
    """A page copied one cell a line (a browser's copy): a level name written down its narrow cell gives one
    character a line (`产` / `出` / `指` / `标`); the characters are one cell again when they read as a label."""
    from pipeline.readers.txt import read_text

    text = "\n\n".join(["项目名称", "某某补贴", "绩", "效", "指", "标", "一级指标", "二级指标", "三级指标", "指标值",
                        "产", "出", "指", "标", "数量指标", "补助面积", "16亩", "某", "某"])
    rows = [[c.text for c in r.cells] for r in read_text(text, "x.txt").rows]
    assert ["绩效指标"] in rows and ["产出指标"] in rows
    assert ["产"] not in rows and rows[-2:] == [["某"], ["某"]]


def test_the_group_label_alone_on_its_line_is_no_goal():
    """A page's table as text ends a line after a cell spanning rows (pipes-web): the 评价指标 column's group
    label `项目年度绩效目标(定量指标) |` stands alone on its line inside the table; it is the block's label, not
    the year's goal taking the next row's 二级."""
    from pipeline.forms import parse
    from pipeline.readers.txt import read_text

    text = "\n".join([
        "2020年度某县某某补助项目绩效评价指标表 | |||||",
        "评价指标 | 评价内容 | 指标名称 | 指标说明 | 目标值 | 分值 | 备注 |",
        "项目年度绩效目标(定量指标) |",
        "产出数量指标 | 补助人数 | 达到预计值 | 300 | 20 | |",
        "质量指标 | 补助对象核实准确率 | 达到目标值 | 100% | 20 | |",
    ])
    [r] = parse(read_text(text, "x.txt"))
    assert r.goal_annual is None and r.project_name == "某县某某补助项目"
    assert [(i.level2, i.name, i.annual_value) for i in r.indicators] == [
        ("数量指标", "补助人数", "300"), ("质量指标", "补助对象核实准确率", "100%")]


def test_a_money_tables_header_row_with_last_years_columns():
    """A 申报表's money table as a page's text (rows with the empty cells gone): `项目 | 上年度预算安排 |
    上年度实际执行 | 本年度申请金额` over `合计 | 110 | 108.6 | 120` — the budget is this year's 120, not last
    year's 110 (上年度实际执行 is a column of the table, no field)."""
    from pipeline.forms import parse
    from pipeline.readers.txt import read_text

    text = "\n".join([
        "项目支出绩效目标申报表 |", "项目名称 | 某某消防设施维护 |", "主管部门 | 某市某局 |",
        "资金来源 (万元) |", "项目 | 上年度预算安排 | 上年度实际执行 | 本年度申请金额 |",
        "合计 | 110 | 108.6 | 120 |", "财政拨款 | 110 | 108.6 | 120 |",
        "一级指标 | 二级指标 | 三级指标 | 指标值 |", "产出指标 | 数量指标 | 维护设施数量 | ≥30处 |",
        "满意度指标 | 服务对象满意度指标 | 使用单位满意度 | ≥90% |",
    ])
    [r] = parse(read_text(text, "x.txt"))
    assert r.budget_amount == 1200000


def test_a_cost_tables_total_row_with_its_words_column_left_empty():
    """湖北 鄂州 申报表 as a page's text (empty cells gone): `成本构成 | 金额 | 测算（公式）依据 | 2020年实际执行数 |
    2021年实际执行数` over item rows and `合计 | 696 | 666.5 | 683.2` — the total row's words column is empty, so
    its figures stand under the figure columns: the budget is the total under 金额, 696 万元."""
    from pipeline.forms import parse
    from pipeline.readers.txt import read_text

    text = "\n".join([
        "某市2022年市直部门预算项目支出绩效目标表 |", "项目名称 | 某某大楼运行保障 |", "项目预算 （万元） |",
        "成本构成 | 金额 | 测算（公式）依据 | 2020年实际执行数 | 2021年实际执行数 |",
        "保安服务费 | 180 | 依据招标文件 | 176 | 178 |", "保洁服务费 | 96 | 依据招标文件 | 92 | 95 |",
        "水电气、维修维护费 | 420 | 各项费用据实结算 | 398.5 | 410.2 |", "合计 | 696 | 666.5 | 683.2 | |",
        "一级指标 | 二级指标 | 三级指标 | 指标值 |", "产出指标 | 数量指标 | 日常维修次数 | ≥2000次 |",
        "满意度指标 | 服务对象满意度指标 | 办公人员满意度 | ≥90% |",
    ])
    [r] = parse(read_text(text, "x.txt"))
    assert r.budget_amount == 6960000


def test_a_header_row_whose_cells_hold_line_breaks_in_a_pages_text():
    """Rows one space apart with the cells' line breaks kept: the header `… 三级指标 年度` / `指标值 实际` /
    `完成值 分` / `值 得` / `分 偏差原因分析` / `及改进措施` is one header row again (each line's first piece finishes
    the header above it); a data row after a header (`备注` / `产出指标 …`) is left alone."""
    from pipeline.readers.txt import read_text

    text = "\n".join(["一级指标 二级指标 三级指标 年度", "指标值 实际", "完成值 分", "值 得", "分 偏差原因分析", "及改进措施",
                      "产出指标 数量指标 更新设备数量 40件 40件 20 20",
                      "一级指标 二级指标 三级指标 指标值 备注", "产出指标 数量指标 网点数量 6个 无"])
    rows = [[c.text.replace("\n", "/") for c in r.cells] for r in read_text(text, "x.txt").rows]
    assert rows[0] == ["一级指标", "二级指标", "三级指标", "年度/指标值", "实际/完成值", "分/值", "得/分",
                       "偏差原因分析/及改进措施"]
    assert rows[1][0] == "产出指标" and rows[3][0] == "产出指标"
