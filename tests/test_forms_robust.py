"""Nothing in a form's text crashes the parser (issue 9, item 11).

A property test without a framework: the rows of every template fixture, shuffled,
truncated, respaced, cut short and salted with odd cells, seeded so a failure can be
replayed; the parser must give records or a clear NotAForm, never a traceback."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from pipeline import readers
from pipeline.document import Cell, RawDocument, Row
from pipeline.errors import NotAForm
from pipeline.forms import parse
from pipeline.models import Record

TEMPLATES = Path(__file__).parent / "data" / "templates"
SOURCES = sorted(p for p in TEMPLATES.glob("*/form.*") if p.suffix in (".docx", ".txt"))
SEEDS = 20
# cells that have broken parsers: a year written with spaces, bare operators and units, labels without values
ODD_CELLS = ("(20 17 年度)", "（20 26年度）", "：", "::", "|", "指标1：", "≥", "万元", "合计", "项目名称", "（续）",
             "一级指标", "单位：万元", "2025-", "-2027", "202001-", "0.0.0", "１２３", "\u3000", "<p></p>", "(cid:12)",
             "年度指标值", "满意度", "……", "实施周期", "资金总额", "9" * 40)


def _respace(text: str, rng: random.Random) -> str:
    if not text:
        return text
    k = rng.randrange(len(text) + 1)
    return text[:k] + rng.choice((" ", "  ", "\n", "\u3000")) + text[k:]


def _mutate(doc: RawDocument, rng: random.Random) -> RawDocument:
    rows = [Row([Cell(c.text, c.col, c.span, c.row_span, c.covered) for c in r.cells], r.page, r.table, r.row)
            for r in doc.rows]
    for _ in range(rng.randrange(1, 6)):
        op = rng.randrange(6)
        if not rows:
            break
        i = rng.randrange(len(rows))
        if op == 0:
            rng.shuffle(rows)
        elif op == 1:
            rows = rows[: rng.randrange(len(rows) + 1)]
        elif op == 2 and rows[i].cells:
            c = rng.choice(rows[i].cells)
            c.text = _respace(c.text, rng)
        elif op == 3 and rows[i].cells:
            del rows[i].cells[rng.randrange(len(rows[i].cells))]
        elif op == 4:
            rows.insert(i, Row([Cell(rng.choice(ODD_CELLS)) for _ in range(rng.randrange(1, 4))], table=0, row=i))
        else:
            rows.insert(i, rows[rng.randrange(len(rows))])
    return RawDocument(doc.path, doc.format, rows)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: f"{p.parent.name}/{p.suffix[1:]}")
def test_mutated_rows_never_crash_the_parser(source: Path):
    doc = readers.read(source)
    for seed in range(SEEDS):
        mutated = _mutate(doc, random.Random(f"{source.parent.name}{source.suffix}{seed}"))
        try:
            records = parse(mutated)
        except NotAForm:
            continue
        assert all(isinstance(r, Record) for r in records), f"seed {seed}"


def test_a_year_written_with_spaces():
    rows = [["项目支出绩效目标表"], ["(20 17 年度)"], ["项目名称", "甲项目"],
            ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "培训人数", "≥100人"]]
    [r] = parse(RawDocument("x", "txt", [Row([Cell(t) for t in row], table=0, row=i) for i, row in enumerate(rows)]))
    assert r.budget_year == 2017


@pytest.mark.parametrize("text", ODD_CELLS)
def test_odd_cells_alone(text):
    doc = RawDocument("x", "txt", [Row([Cell(text)], table=0, row=0), Row([Cell(text), Cell(text)], table=0, row=1)])
    try:
        records = parse(doc)
    except NotAForm:
        return
    assert isinstance(records, list)


def test_a_cost_line_left_unfilled_with_zeros_is_no_indicator():
    rows = [["项目支出绩效目标表"], ["项目名称", "甲项目"],
            ["一级指标", "二级指标", "三级指标", "指标值", "分值", "指标解释"],
            ["成本指标", "经济成本指标", "0", "0.00%", "0", "反映直接经济成本"],
            ["社会成本指标", "无", "/", "0", "反映社会影响"],
            ["产出指标", "数量指标", "宣传活动次数", "≥3次", "10", ""],
            ["质量指标", "达标率", "0%", "10", ""]]
    [r] = parse(RawDocument("x", "txt", [Row([Cell(t) for t in row], table=0, row=i) for i, row in enumerate(rows)]))
    assert [(i.name, i.annual_value) for i in r.indicators] == [("宣传活动次数", "≥3次"), ("达标率", "0%")]


def test_a_target_split_as_operator_value_unit_under_a_two_row_header():
    # 河北 自评表: 预期指标值 over 符号 | (the number, no label) | 单位(文字描述), 自评得分 over three parts,
    # a numbered section heading in the header's first cell, the unit glossed in words
    rows = [["项目支出绩效自评表"], ["项目名称:", "乙项目"],
            ["四、年度绩效指标完成情况", "一级指标", "二级指标", "三级指标", "指标分值", "预期指标值",
             "单项指标实际完成值", "单项指标完成情况", "自评得分"],
            ["符号", "单位(文字描述)", "单项指标得分", "权重占比(%)", "单项指标折算得分"],
            ["产出指标", "数量指标", "培训覆盖率", "受训人数占应训人数的比例", ">=", "90", "%(百分比)", "96%", "完成",
             "20.00", "20.00", "4.00"],
            ["时效指标", "按时办结率", "当月办结的比例", ">=", "95", "%(百分比)", "100%", "完成", "20.00", "20.00", "4.00"],
            ["预算执行率", "预算执行率"]]
    [r] = parse(RawDocument("x", "txt", [Row([Cell(t) for t in row], table=0, row=i) for i, row in enumerate(rows)]))
    assert [(i.level2, i.name, i.annual_value) for i in r.indicators] == [
        ("数量指标", "培训覆盖率", "≥90%(百分比)"), ("时效指标", "按时办结率", "≥95%(百分比)")]
    first = r.indicators[0]
    assert (first.annual_target.op, first.annual_target.value, first.annual_target.unit) == ("≥", 90, "%")
    assert first.extras["单项指标实际完成值"] == "96%" and first.extras["单项指标折算得分"] == "4.00"


def test_a_money_unit_note_split_over_two_cells():
    rows = [["项目支出绩效自评表"],
            ["一、基本情况", "项目名称:", "丙项目", "金额单位:", "万元"],
            ["预算数", "3.5", "执行数", "3.5"],
            ["一级指标", "二级指标", "三级指标", "预期指标值"], ["产出指标", "数量指标", "走访户数", "≥40户"]]
    [r] = parse(RawDocument("x", "txt", [Row([Cell(t) for t in row], table=0, row=i) for i, row in enumerate(rows)]))
    assert r.project_name == "丙项目" and r.budget_amount == 35000


def test_a_unit_label_naming_the_department_in_brackets_fills_both():
    rows = [["项目支出绩效目标表"], ["项目名称", "丁项目", "实施(主管)单位", "314001-某县某局机关"],
            ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "走访户数", "≥40户"]]
    [r] = parse(RawDocument("x", "txt", [Row([Cell(t) for t in row], table=0, row=i) for i, row in enumerate(rows)]))
    assert (r.implementing_unit, r.department) == ("某县某局机关", "某县某局机关")
    rows.insert(2, ["主管部门", "某县某局"])  # a label of its own for the department wins
    [r] = parse(RawDocument("x", "txt", [Row([Cell(t) for t in row], table=0, row=i) for i, row in enumerate(rows)]))
    assert (r.implementing_unit, r.department) == ("某县某局机关", "某县某局")


def test_a_two_row_header_whose_top_row_starts_with_the_block_label():
    # 云南 自评表 copied from a web page: 绩效指标 spans the level columns of the row below, 年度指标值 spans
    # 指标性质 | 指标值 | 度量单位, and 实际完成值 | 分值 | 得分 (merged over both rows) stand only in the top row
    rows = [["2020年度项目支出绩效自评表"], ["项目名称"], ["某某补助经费支出绩效自评表"],
            ["主管部门", "某市某局", "实施单位", "某区某局"],
            ["年度 总体 目标"], ["预期目标", "实际完成情况"], ["某某补助经费", "某某补助经费"],
            ["绩效指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
            ["一级 指标"], ["二级指标", "三级指标", "指标性质", "指标值", "度量单位"],
            ["产出指标", "数量指标", "核查图斑数", "≥", "120", "个", "126", "20.00", "20.00"],
            ["质量指标", "核查合格率", "﹦", "100", "%", "100", "20", "19"]]
    [r] = parse(RawDocument("x", "txt", [Row([Cell(t) for t in row], table=0, row=i) for i, row in enumerate(rows)]))
    assert [(i.level2, i.name, i.annual_value) for i in r.indicators] == [
        ("数量指标", "核查图斑数", "≥120个"), ("质量指标", "核查合格率", "100%")]
    assert r.indicators[0].extras == {"实际完成值": "126", "分值": "20.00", "得分": "20.00"}
    # the name under 项目名称 reads like a title; a goal under 预期目标 reads like a money label
    assert (r.project_name, r.goal_annual) == ("某某补助经费支出绩效自评表", "某某补助经费")


def test_a_goal_label_merged_down_beside_the_goal_labels_over_two_texts():
    # 年度总体目标 merged down over the goal labels' row and their texts' row, one row a line
    rows = [["项目支出绩效自评表"], ["项目名称", "乙经费"], ["年度总体目标", "预期目标", "实际完成情况"],
            ["某某监测补助经费", "某某监测补助经费"],
            ["一级指标", "二级指标", "三级指标", "年度指标值"], ["产出指标", "数量指标", "监测点数", "36个"]]
    [r] = parse(RawDocument("x", "txt", [Row([Cell(t) for t in row], table=0, row=i) for i, row in enumerate(rows)]))
    assert r.goal_annual == "某某监测补助经费" and r.budget_amount is None


def test_a_column_header_whose_last_cells_stand_on_the_next_lines():
    # 监控表 page text: the row broken after each cell spanning rows (… | 指标值 | / 半年度 指标执行情况 | / …)
    rows = [["某市项目支出绩效监控表"], ["项目名称", "乙经费"],
            ["绩效指标", "一级 指标", "二级 指标", "指标名称", "指标值"], ["半年度 指标执行情况"],
            ["完成目标可能性(确定能、有可能、不可能)", "备注"],
            ["产 出 指 标"], ["数量", "修缮座数", "3座", "已完成1座", "确定能"]]
    [r] = parse(RawDocument("x", "txt", [Row([Cell(t) for t in row], table=0, row=i) for i, row in enumerate(rows)]))
    assert [(i.level2, i.name, i.annual_value) for i in r.indicators] == [("数量指标", "修缮座数", "3座")]
    assert r.indicators[0].extras == {"半年度 指标执行情况": "已完成1座", "完成目标可能性(确定能、有可能、不可能)": "确定能"}


def test_a_row_whose_name_is_only_a_figure_is_no_indicator():
    # a preview that cut a 自评表's header off: 满意度 ≥90% then its actual and scores on the next lines
    rows = [["项目支出绩效自评表"], ["项目名称", "丙经费"],
            ["一级指标", "二级指标", "三级指标", "年度指标值"],
            ["满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%"], ["100%", "10", "10"]]
    [r] = parse(RawDocument("x", "txt", [Row([Cell(t) for t in row], table=0, row=i) for i, row in enumerate(rows)]))
    assert [(i.name, i.annual_value) for i in r.indicators] == [("服务对象满意度", "≥90%")]


def test_a_self_evaluation_row_with_only_its_scores_filled():
    # 天长 自评表 as a page's text: 工程质量合格 left 年度指标值 and 实际完成值 empty, only 分值 | 得分 filled (the
    # empty cells gone): the two figures are the scores, cell for cell those of the row above, not a target
    rows = [["项目支出绩效自评表"], ["项目名称", "乙经费"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
            ["产出指标", "数量指标", "指标1:改造泵站数量", "2", "2", "10", "10"], ["……"],
            ["质量指标", "指标1:工程质量合格", "10", "10"],
            ["时效指标", "指标1:完工及时率", "100%", "95%", "10", "9"],
            ["满意度指标", "服务对象满意度指标", "指标1:群众满意度", "90%", "96%"]]
    [r] = parse(RawDocument("x", "txt", [Row([Cell(t) for t in row], table=0, row=i) for i, row in enumerate(rows)]))
    assert [(i.name, i.annual_value) for i in r.indicators] == [
        ("改造泵站数量", "2"), ("工程质量合格", None), ("完工及时率", "100%"), ("群众满意度", "90%")]
    assert r.indicators[1].extras == {"分值": "10", "得分": "10"}
    assert r.indicators[3].extras == {"实际完成值": "96%"}
def test_bare_short_level2_names_of_an_older_self_evaluation():
    # a hospital's 自评表 (湖北 襄阳, 2021) writes its 二级 column bare: 成本, 时效, 经济效益, 可持续性
    rows = [["项目支出绩效自评表"], ["项目名称", "戊项目"],
            ["一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "得分"],
            ["产出指标", "数量指标", "走访户数", "≥40户", "42户", "10"],
            ["成本", "每户补助标准", "≤500元", "500元", "10"],
            ["时效", "补助发放时限", "≤30日", "25日", "10"],
            ["效益指标", "经济效益", "带动增收", "≥5万元", "6万元", "10"],
            ["可持续性", "持续服务年限", "≥5年", "5年", "10"]]
    [r] = parse(RawDocument("x", "txt", [Row([Cell(t) for t in row], table=0, row=i) for i, row in enumerate(rows)]))
    assert [(i.level1, i.level2, i.name, i.annual_value) for i in r.indicators] == [
        ("产出指标", "数量指标", "走访户数", "≥40户"), ("成本指标", "经济成本指标", "每户补助标准", "≤500元"),
        ("产出指标", "时效指标", "补助发放时限", "≤30日"), ("效益指标", "经济效益指标", "带动增收", "≥5万元"),
        ("效益指标", "可持续影响指标", "持续服务年限", "≥5年")]


def test_a_department_form_under_a_page_heading_then_an_empty_project_title_is_refused_as_such():
    # 重庆 巴南 街道 page: a heading naming 整体绩效, the 部门(单位)整体绩效目标表 (its body unread here), then the
    # title of a 一般性项目绩效目标表 cut off after its first line
    rows = [["某街道2022年预算整体绩效和部分重点项目绩效公开"], ["2022年部门(单位)整体绩效目标表"], ["单位:万元"],
            ["2022年区级一般性项目绩效目标表"], ["单位:万元"]]
    with pytest.raises(NotAForm) as err:
        parse(RawDocument("x", "txt", [Row([Cell(t) for t in row], table=0, row=i) for i, row in enumerate(rows)]))
    assert "部门整体" in str(err.value)


def test_a_list_row_holding_only_an_office_is_the_unit_of_the_projects_below():
    # a web page's list, its empty cells gone: 某县某局 | | | … under a 单位名称、项目名称 column, then the projects
    rows = [["某县某局2024年项目支出绩效目标表"],
            ["单位名称、项目名称", "项目年度绩效目标", "一级指标", "二级指标", "三级指标", "指标值"],
            ["某县某局"],
            ["乡村道路养护经费", "完成养护二百公里。", "产出指标", "数量指标", "养护里程", "≥200公里"],
            ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"],
            ["客运站运营补助", "保障四个客运站运营。", "产出指标", "数量指标", "补助客运站数量", "4个"]]
    records = parse(RawDocument("x", "txt", [Row([Cell(t) for t in row], table=0, row=i) for i, row in enumerate(rows)]))
    assert [(r.project_name, r.implementing_unit, len(r.indicators)) for r in records] == [
        ("乡村道路养护经费", "某县某局", 2), ("客运站运营补助", "某县某局", 1)]


def test_a_goal_labels_note_on_a_line_of_its_own_is_no_goal():
    # one cell a line: 项目总体绩效目标 / （长期目标） / its text; 年度绩效目标 / （80分） / then the indicator table
    lines = ["项目支出绩效目标表", "项目名称", "甲项目", "项目总体绩效目标", "（长期目标）", "建成城区绿道网络。",
             "年度绩效目标", "（80分）", "一级指标", "二级指标", "三级指标", "指标值", "产出指标", "数量指标", "新建绿道长度", "≥5公里"]
    from pipeline.readers.txt import read_text
    [r] = parse(read_text("\n\n".join(lines), "x.txt"))
    assert (r.goal_overall, r.goal_annual) == ("建成城区绿道网络。", None)


def test_a_numbered_note_under_the_table_does_not_go_on_the_goal():
    # one cell a line: 年度目标 / 目标1:… / the table / 注: 1.… / 2.… (the note's items are no aims of the goal)
    lines = ["项目支出绩效目标表", "项目名称", "乙项目", "年度目标", "目标1:维护安置小区设施。", "一级指标", "二级指标",
             "三级指标", "指标值", "产出指标", "数量指标", "维护小区数", "3个", "注: 1.其他资金是指单位自有资金。",
             "2.各单位可自行增加二级指标。"]
    from pipeline.readers.txt import read_text
    [r] = parse(read_text("\n\n".join(lines), "x.txt"))
    assert r.goal_annual == "目标1:维护安置小区设施。"


def test_a_money_table_one_cell_a_line_under_a_label_read_by_meaning():
    # 湖南 申报表 copied one cell a line: 项目资金申请(万元) / 项 目 / 上年度安排资金 / 本年度申请资金 / 合 计 / 96 / 120
    lines = ["项目支出预算绩效目标申报表", "项目名称", "丙项目", "项目资金情况", "项目资金申请(万元)", "项 目", "上年度安排资金",
             "本年度申请资金", "合 计", "96", "120", "一级指标", "二级指标", "三级指标", "指标值", "产出指标", "数量指标",
             "补助园数", "60所"]
    from pipeline.readers.txt import read_text
    [r] = parse(read_text("\n\n".join(lines), "x.txt"))
    assert r.budget_amount == 1200000
