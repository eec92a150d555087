"""Rules found on published pages in round 14 of real forms (helper realforms14), each on a few
hand-written lines of invented content."""

from __future__ import annotations

from pipeline import vocab
from pipeline.forms import parse
from pipeline.readers.txt import read_text


def _inds(r):
    return [(i.level1, i.level2, i.name, i.period_value, i.annual_value) for i in r.indicators]


# the pre-2018 tree, one cell a line (海南 2016 档案 项目绩效目标表: 产出指标 | 成效指标 | 效率指标)
_OLD_TREE = """项目绩效目标表
项目名称
社区阅读角建设
一级指标
三级指标
指标值
产出指标
新建阅读角数量
12个
成效指标
居民借阅人次
≥3000人次
效率指标
资金到位率
100%
"""


def test_the_old_trees_effect_and_efficiency_levels_are_levels():
    """成效指标 (what the project brought about) and 效率指标 (how fast: 资金到位率) were no level names, so
    one cell a line each was read as a value and every row after it shifted by a cell."""
    assert vocab.level1_of("成效指标") == "效益指标"
    assert vocab.level2_of("效率指标") == "时效指标"
    (r,) = parse(read_text(_OLD_TREE, "x.txt"))
    assert [(i.level1, i.name, i.annual_value) for i in r.indicators] == [
        ("产出指标", "新建阅读角数量", "12个"),
        ("效益指标", "居民借阅人次", "≥3000人次"),
        ("产出指标", "资金到位率", "100%")]
    assert r.indicators[2].level2 == "时效指标"


# a 自评表's lines one space apart, the goal's numbered aims first and the goal reached's after them
# (安徽 宣城 地震局 2021)
_AIMS_FIRST = """社区安全宣传项目支出绩效自评表
(2023年度)
项目名称 社区安全宣传
主管部门 某区应急管理局 实施单位 某区应急管理局
项目资金
(万元)
年初预算数 全年预算数(A) 全年执行数(B) 分值 执行率(B/A) 得分
年度资金总额: 12 12 12 10 100% 10
年度总体目标完成情况 预期目标 实际完成情况
目标1:开展社区安全宣传活动二十场。
目标2:发放安全知识手册五千册。
1.开展社区安全宣传活动二十二场。
2.发放安全知识手册五千二百册。
年度绩效指标完成情况
一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
产出指标 数量指标 宣传活动场次 ≥20场 22场 20 20
"""


def test_the_goals_aims_all_first_then_the_goal_reached():
    """预期目标 | 实际完成情况 over numbered lines: read as set and reached row by row, the goal took its
    first aim and the goal reached's first line (目标1：… 1.…). The goal's numbering going on (目标2 after
    目标1) says its aims come all first; the lines numbered anew below are the goal reached's."""
    (r,) = parse(read_text(_AIMS_FIRST, "x.txt"))
    assert r.goal_annual == "目标1:开展社区安全宣传活动二十场。目标2:发放安全知识手册五千册。"
    assert _inds(r) == [("产出指标", "数量指标", "宣传活动场次", None, "≥20场")]


def test_aims_row_by_row_still_alternate():
    """The same labels with the goal and the goal reached row by row (目标1 / 1. / 目标2 / 2.): every second
    line is the goal reached, as before."""
    text = _AIMS_FIRST.replace(
        "目标2:发放安全知识手册五千册。\n1.开展社区安全宣传活动二十二场。",
        "1.开展社区安全宣传活动二十二场。\n目标2:发放安全知识手册五千册。")
    (r,) = parse(read_text(text, "x.txt"))
    assert r.goal_annual == "目标1:开展社区安全宣传活动二十场。目标2:发放安全知识手册五千册。"


# a 自评表 run together on one line, words for values (安徽 贵池 棠溪镇 2022 .doc preview)
_RUN_ON = ("项目支出绩效自评表 (2023年度) 项目名称 村务公开栏维护 主管部门 某镇人民政府 实施单位 某镇人民政府 "
           "项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额: 6 6 6 10 100% 10 "
           "绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施 "
           "产出指标 数量指标 维护公开栏数量 =15个 15 10 10 质量指标 公开内容合规性 合规 达成预期指标 10 10 "
           "公开程序规范性 按规定程序公开 达成预期指标 10 10 时效指标 公开更新及时性 及时 达成预期指标 10 10\n")


def test_a_name_of_a_quality_after_the_scores_opens_the_next_row():
    """…合规性 | 合规 | 达成预期指标 | 10 | 10 | 公开程序规范性 | 按规定程序公开 | …: the empty 偏差原因 column
    took the next row's name (…规范性), whose own value then stood as a name. A 三级指标 named by its 性
    reads as a name, and a name is what such a column of words holds least."""
    from pipeline.forms.cells import cell_class

    assert cell_class("公开程序规范性") == "name"
    assert cell_class("合规") != "name"
    (r,) = parse(read_text(_RUN_ON, "x.txt"))
    assert [(i.name, i.annual_value) for i in r.indicators] == [
        ("维护公开栏数量", "=15个"), ("公开内容合规性", "合规"), ("公开程序规范性", "按规定程序公开"),
        ("公开更新及时性", "及时")]
    assert r.indicators[1].extras == {"实际完成值": "达成预期指标", "分值": "10", "得分": "10"}


# a 自评表 with the wide column set of the newer model, rows one space apart (新疆 阜康 统计局 2023)
_WIDE_ZIPING = """项目支出绩效自评表
(2023年度)
项目名称 某文〔2022〕8号 社区住户调查专项经费
主管部门 某县统计局 实施单位 某县统计局
项目资金
(万元)
资金来源 年初预算数 全年预算数 全年执行数 分值权重 执行率 得分
年度资金总额 4.50 4.50 4.20 10 93.33% 9
年度总体目标 总体目标 总体目标完成情况
完成住户收支调查,按月上报数据。 全年按月上报住户收支数据。
一级指标 二级指标 三级指标 指标值 指标值设置依据 上年完成值 指标分值权重 指标赋分规则 佐证资料 指标实际完成值 完成率 指标得分 偏差原因分析及改进措施
年度绩效指标完成情况 产出指标 数量指标 调查住户数 ≥80户 调查方案 80户 20 按完成比例赋分 住户名册 82户 100% 20
质量指标 数据上报准确率 100% 制度要求 100% 20 按完成比例赋分 报表 100% 100% 20
"""


def test_the_newer_ziping_columns_are_extras_and_the_blocks_label_no_row():
    """指标赋分规则 / 佐证资料 / 完成率 were no columns known: dropped from the header, the row's cells
    outnumbered its columns and ran together into one value. And 年度绩效指标完成情况, the block's label
    merged down the table's left, stood in the first row's first cell and was read as a 三级指标."""
    for header in ("指标赋分规则", "佐证资料", "完成率"):
        assert vocab.column_role(header) == "extra"
    (r,) = parse(read_text(_WIDE_ZIPING, "x.txt"))
    assert _inds(r) == [("产出指标", "数量指标", "调查住户数", None, "≥80户"),
                        ("产出指标", "质量指标", "数据上报准确率", None, "100%")]
    assert r.indicators[0].extras["佐证资料"] == "住户名册"
    assert r.indicators[0].extras["完成率"] == "100%"
    assert r.indicators[0].extras["指标实际完成值"] == "82户"


def test_a_name_cut_by_its_space_is_joined():
    """`项目名称 某文〔2022〕8号 社区住户调查专项经费`: the name written with a space was cut into two cells
    (the second read as a money label by meaning, …经费), and the name kept only its first part."""
    (r,) = parse(read_text(_WIDE_ZIPING, "x.txt"))
    assert r.project_name == "某文〔2022〕8号 社区住户调查专项经费"
    # a label the vocabulary lacks after the name (是否新增), its value gone, is no part of it
    text = _WIDE_ZIPING.replace("项目名称 某文〔2022〕8号 社区住户调查专项经费", "项目名称\t社区住户调查\t是否新增")
    (r,) = parse(read_text(text, "x.txt"))
    assert r.project_name == "社区住户调查"


_TAB_ZIPING = (
    "项目支出绩效自评表\n(2023年度)\n项目名称\t社区住户调查专项经费\n主管部门\t某县统计局\t实施单位\t某县统计局\n"
    "年度资金总额\t4.50\t4.50\t4.20\t10\t93.33%\t9\n年度总体目标\t总体目标\t总体目标完成情况\n"
    "1.完成住户收支调查。2.完成年度汇总。 截至年底,按月上报住户收支数据,完成年度汇总。\n"
    "一级指标\t二级指标\t三级指标\t指标值\t指标实际完成值\t指标得分\n产出指标\t数量指标\t调查住户数\t≥80户\t82户\t20\n")


def test_the_goal_and_the_goal_reached_run_into_one_line():
    """总体目标 | 总体目标完成情况 over one line `某目标。 截至年底…` (the goal's cell and the goal reached's one
    space apart, kept as one cell): the goal took the goal reached's text too. The goal ends at its sentence
    before the space when the goal reached's label waits beside it."""
    (r,) = parse(read_text(_TAB_ZIPING, "x.txt"))
    assert r.goal_annual == "1.完成住户收支调查。2.完成年度汇总。"
    assert _inds(r) == [("产出指标", "数量指标", "调查住户数", None, "≥80户")]


def test_the_general_goal_label_under_the_rows_label_heads_a_column():
    """年度总体目标 | 总体目标 | 总体目标完成情况: the row's label says the goal is the year's; 总体目标 beside the
    goal reached's label heads the goal's column and named the goal 总体 (goal_overall) instead."""
    (r,) = parse(read_text(_WIDE_ZIPING, "x.txt"))
    assert (r.goal_annual, r.goal_overall) == ("完成住户收支调查,按月上报数据。", None)


# the pre-2018 table's header (海南 2016 档案): 指标类型 | 指标名称 | 绩效目标 | 绩效标准
_TYPE_HEADER_ROWS = """项目绩效目标表
项目名称:档案编研
| 指标类型 | 指标名称 | 绩效目标 | 绩效标准 |
| 产出指标 | 编印资料汇编 | 编印汇编500册 | 计划标准 |
| 成效指标 | 档案查阅利用 | 查阅利用人次增加 | 历史标准 |
"""


def test_the_indicator_type_column_and_the_target_column_after_the_name():
    """指标类型 was read as 指标性质 (a value's type, 定量 / 定性) and 绩效目标 as the form's goal label: the
    type column holds the 一级's name, and 绩效目标 right after 指标名称 is each indicator's target, in a
    grid and one cell a line alike."""
    assert vocab.column_role("指标类型") == "level1"
    assert vocab.column_role("指标值类型") == "nature"
    (r,) = parse(read_text(_TYPE_HEADER_ROWS, "x.txt"))
    assert [(i.level1, i.name, i.annual_value, i.extras) for i in r.indicators] == [
        ("产出指标", "编印资料汇编", "编印汇编500册", {"绩效标准": "计划标准"}),
        ("效益指标", "档案查阅利用", "查阅利用人次增加", {"绩效标准": "历史标准"})]
    assert r.goal_annual is None
    lines = "项目绩效目标表\n项目名称\n档案编研\n" + "\n".join(
        c.strip() for row in _TYPE_HEADER_ROWS.splitlines()[2:] for c in row.strip("|").split("|")) + "\n"
    (r,) = parse(read_text(lines, "x.txt"))
    assert [(i.level1, i.name, i.period_value, i.annual_value) for i in r.indicators] == [
        ("产出指标", "编印资料汇编", None, "编印汇编500册"), ("效益指标", "档案查阅利用", None, "查阅利用人次增加")]
    assert r.goal_annual is None


# a web page's table as text, a line ending after each cell that spans the row (安徽 六安 农业农村局 2024)
_GOALS_A_LINE_EACH = """项目支出绩效目标申报表 | |||||||||
( 2024 年度) | |||||||||
项目名称 | 农产品抽检能力建设 | ||||||||
主管部门及代码 | [066]某市农业农村局 | 实施单位 | 某市农业农村局 | ||||||
项目属性 | 常年项目 | 项目期 | 3年 | ||||||
项目资金 (万元) |
中期资金总额: | 60.00 | 年度资金总额: | 20.00 | |||||
总 体 目 标 |
中期目标(2024年—2026年) | 年度目标 | |||||||
三年完成农产品例行监测九千批次,建成市级抽检数据平台。 |
全年完成农产品例行监测三千批次。 |
||||||||
绩 效 指 标 |
一级指标 | 二级指标 | 三级指标 | 指标值 | 二级指标 | 三级指标 | 指标值 | ||
产出指标 | 数量指标 | 例行监测批次 | ≥9000批次 | 数量指标 | 例行监测批次 | ≥3000批次 | |||
"""


def test_the_two_goals_side_by_side_a_line_each():
    """中期目标(…) | 年度目标 over two texts, each on a line of its own: read as a goal label merged down over
    the row (the first text under the second label), the 中期 goal went to the year's and the year's was lost."""
    (r,) = parse(read_text(_GOALS_A_LINE_EACH, "x.txt"))
    assert r.goal_overall == "三年完成农产品例行监测九千批次,建成市级抽检数据平台。"
    assert r.goal_annual == "全年完成农产品例行监测三千批次。"
    assert _inds(r) == [("产出指标", "数量指标", "例行监测批次", "≥9000批次", "≥3000批次")]
