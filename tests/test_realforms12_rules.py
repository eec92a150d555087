"""Rules found on published pages in round 12 of real forms (helper realforms12), each on a few
hand-written lines of invented content."""

from __future__ import annotations

from pipeline import vocab
from pipeline.forms import parse
from pipeline.readers.txt import read_text


def _inds(r):
    return [(i.level1, i.level2, i.name, i.period_value, i.annual_value) for i in r.indicators]


_WEB_NAME_LINE = """某市财政项目支出绩效目标表 | |||||
( 2023 年度) | |||||
预算单位:某市某馆 | |||||
项目 名称 |
{value} | 本年度申请市财政预算资金(万元) | 46.5 | ||||
总体目标 | 实施周期总目标(2023年--2025年) | 年度目标 | ||||
三年内保持场馆正常开放 | 本年度保持场馆正常开放 | ||||
绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | ||
产出指标 | 数量指标 | 保洁面积 | 1.2万平方米 | ||
"""


def test_a_name_label_ending_its_line_takes_the_next_lines_first_cell():
    """A web copy ends a merged label's line (`项目 名称 |`): the next line opens with the name, then a
    money label and its amount (东莞 财政项目支出绩效目标表). The name was lost: the money label in
    that row dropped the label waiting from the line above."""
    [r] = parse(read_text(_WEB_NAME_LINE.format(value="场馆保洁服务费"), "x.txt"))
    assert r.project_name == "场馆保洁服务费"
    assert r.budget_amount == 465000
    assert (r.period_start, r.period_end, r.budget_year) == (2023, 2025, 2023)
    assert _inds(r) == [("产出指标", "数量指标", "保洁面积", None, "1.2万平方米")]


def test_a_label_ending_its_line_takes_no_label_of_the_next_line():
    """The rule keeps the waiting label only for a plain first cell: a next line that opens with a
    label of its own (项目负责人) gives the name nothing."""
    text = _WEB_NAME_LINE.replace("{value} | ", "项目负责人 | 张某 | ")
    [r] = parse(read_text(text, "x.txt"))
    assert r.project_name is None
    assert r.budget_amount == 465000


def test_a_form_title_after_a_sites_note_in_the_same_cell():
    """A document site's OCR note runs into the form's title in one cell (`(注:以下内容为附件图片识别…)部门预算
    项目支出绩效自评表(2023年度)`): still the title, and its year is the budget's."""
    note = "详情见附件(注:以下内容为附件图片识别,个别文字可能不准确,请以附件为准)"
    assert vocab.is_form_title(note + "部门预算项目支出绩效自评表(2023年度)")
    assert not vocab.is_form_title(note + "某某单位关于报送部门预算项目支出绩效自评表的说明与附件清单")
    assert not vocab.is_form_title("(注:按照要求填写)" + "本表由各单位根据实际情况认真填写并于月底前报送财政局")
    text = (note + "部门预算项目支出绩效自评表(2023年度) | | | | |\n"
            "项目名称 | | 某某专项工作经费 | | |\n"
            "主管部门 | | 某市某局 | 实施单位(盖章) | 某市某中心 |\n"
            "绩效指标(90分) | 一级指标 | 二级指标 | 三级指标 | 指标值 |\n"
            "| 产出指标 | 数量指标 | 培训次数 | ≥2次 |\n")
    [r] = parse(read_text(text, "x.txt"))
    assert (r.project_name, r.budget_year) == ("某某专项工作经费", 2023)
