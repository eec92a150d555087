"""A money table's total row in one-cell-per-line text (pipeline/forms/money_table.py), and the parser
taking the budget from it; hand-written cells."""

from pipeline.forms import parse
from pipeline.forms.money_table import budget_figure, money_columns
from pipeline.readers.txt import read_text

SOURCES = ["(万元)", "项目", "上年度预算安排", "上年度实际执行", "本年度申请金额"]


def test_budget_under_this_year_column():
    header = money_columns(SOURCES)
    assert header is not None and header.budget == 2
    assert budget_figure(header, ["——", "——", "64", "财政拨款"]) == "64"


def test_words_column_is_empty_in_the_total_row():
    header = money_columns(["成本构成", "金额", "测算依据", "2022年实际执行数", "2023年实际执行数", "保安服务费"])
    assert header is not None and header.headers == ("金额", "2022年实际执行数", "2023年实际执行数")
    assert budget_figure(header, ["343", "342", "346", "绩效目标"]) == "343"


def test_figures_that_do_not_count_up_tell_nothing():
    header = money_columns(SOURCES)
    assert header is not None
    assert budget_figure(header, ["——", "64", "绩效目标"]) is None  # two figures under three columns
    assert budget_figure(header, ["——", "——", "——", "绩效目标"]) is None  # this year's left empty


def test_stream_form_takes_the_total_under_this_year():
    lines = ["项目名称", "某某村道保洁", "资金来源", "(万元)", *SOURCES[1:], "合计", "——", "——", "64", "财政拨款",
             "——", "——", "60", "其他资金", "——", "——", "4", "年度目标", "保洁村道十二公里。",
             "绩效指标", "二级指标", "三级指标", "指标值", "数量指标", "保洁村道长度", "12公里"]
    [r] = parse(read_text("\n".join(lines) + "\n", "x.txt"))
    assert r.budget_amount == 640000
