"""The contract's rules for reading a value as a target, one rule per test case."""

from __future__ import annotations

import unicodedata

import pytest

from pipeline.targets import cn_to_number, is_unit, parse_target


def t(value):
    got = parse_target(value)
    return None if got is None else (got.op, got.value, got.unit)


@pytest.mark.parametrize(("value", "want"), [
    # ≥ from ≥, >=, ＞=, 不低于, 不少于, 至少, trailing 以上 (and the look-alikes ≧ ⩾, spaced > =)
    ("≥50场", ("≥", 50, "场")),
    (">=50场", ("≥", 50, "场")),
    ("＞=50场", ("≥", 50, "场")),
    ("≧50场", ("≥", 50, "场")),
    ("> = 50场", ("≥", 50, "场")),
    ("不低于90%", ("≥", 90, "%")),
    ("不少于20场", ("≥", 20, "场")),
    ("至少2人", ("≥", 2, "人")),
    ("15场以上", ("≥", 15, "场")),
    ("30人及以上", ("≥", 30, "人")),
    ("90%（含）以上", ("≥", 90, "%")),
    ("大于等于95%", ("≥", 95, "%")),
    # ≤ from ≤, <=, 不高于, 不超过, 不多于, trailing 以下 / 以内
    ("≤48万元", ("≤", 48, "万元")),
    ("<=5%", ("≤", 5, "%")),
    ("≦5%", ("≤", 5, "%")),
    ("不高于3%", ("≤", 3, "%")),
    ("不超过48万元", ("≤", 48, "万元")),
    ("不多于2次", ("≤", 2, "次")),
    ("5%以下", ("≤", 5, "%")),
    ("3天以内", ("≤", 3, "天")),
    ("控制在5%以内", ("≤", 5, "%")),
    # > and <, full width too
    (">95%", (">", 95, "%")),
    ("＞95%", (">", 95, "%")),
    ("<1%", ("<", 1, "%")),
    ("＜1%", ("<", 1, "%")),
    # a plain number is =
    ("7人", ("=", 7, "人")),
    ("=100%", ("=", 100, "%")),
    # a unit glossed in words after it (a budget system's 单位 column: %(百分比)); its 百 is no number
    ("≥98%(百分比)", ("≥", 98, "%")),
    ("≥30人(人数)", ("≥", 30, "人")),
])
def test_operators(value, want):
    assert t(value) == want


@pytest.mark.parametrize(("value", "want"), [
    ("1,000人次", ("=", 1000, "人次")),  # thousands separators dropped
    ("≥30,000人次", ("≥", 30000, "人次")),
    ("30 000人", ("=", 30000, "人")),
    ("99.5%", ("=", 99.5, "%")),  # decimals
    ("100.0%", ("=", 100, "%")),
    ("3.50万元", ("=", 3.5, "万元")),
    ("≥１００％", ("≥", 100, "%")),  # full-width digits and percent
])
def test_numbers(value, want):
    assert t(value) == want


@pytest.mark.parametrize(("value", "want"), [
    ("不少于三次", ("≥", 3, "次")),
    ("十二个", ("=", 12, "个")),
    ("两场", ("=", 2, "场")),
    ("一百零五人", ("=", 105, "人")),
    ("二十五人", ("=", 25, "人")),
    ("不少于十场次", ("≥", 10, "场次")),
])
def test_chinese_numerals(value, want):
    assert t(value) == want


@pytest.mark.parametrize(("text", "n"), [("五", 5), ("十", 10), ("十二", 12), ("二十", 20), ("两", 2),
                                         ("一百零五", 105), ("两千", 2000), ("三万五千", 35000)])
def test_cn_to_number(text, n):
    assert cn_to_number(text) == n


@pytest.mark.parametrize(("value", "unit"), [
    ("1000元/户", "元/户"),  # compound units
    ("800元/队/场次", "元/队/场次"),
    ("≤12元/人", "元/人"),
    ("≥1000人次", "人次"),  # the longest unit wins
    ("≤48万元", "万元"),
    ("2万亩", "万亩"),  # 万 before any unit is part of it
    ("≥3000㎡", "㎡"),
    ("3个百分点", "个百分点"),
    ("50", None),  # no unit
])
def test_units(value, unit):
    got = t(value)[2]
    # units compare after NFKC, as the contract's scorer does: ㎡ is m2
    assert (got and unicodedata.normalize("NFKC", got)) == (unit and unicodedata.normalize("NFKC", unit))


@pytest.mark.parametrize(("value", "want"), [
    # the unit is what stands right after the number, known or not
    ("≥136块", ("≥", 136, "块")),
    ("24卷", ("=", 24, "卷")),
    ("21批次以上", ("≥", 21, "批次")),
    ("3眼", ("=", 3, "眼")),
    ("8樘", ("=", 8, "樘")),
    ("300延米", ("=", 300, "延米")),
    ("1.2公顷", ("=", 1.2, "公顷")),
    ("12人·次", ("=", 12, "人·次")),
    ("2000株/亩", ("=", 2000, "株/亩")),
    ("45车次", ("=", 45, "车次")),
    ("300元/眼", ("=", 300, "元/眼")),
    ("≥20盏", ("≥", 20, "盏")),
    ("不少于6口", ("≥", 6, "口")),
    ("150立方", ("=", 150, "立方")),
    ("≥3处以上", ("≥", 3, "处")),
    ("6孔", ("=", 6, "孔")),  # unknown to the vocabulary: a short run before the end
    ("≥4孔涵洞", ("≥", 4, "孔")),
    ("≥12座次", ("≥", 12, "座次")),
    ("3眼机井", ("=", 3, "眼")),  # a measure word before words
    ("不超过30个工作日", ("≤", 30, "个工作日")),
    # count units that end where words begin (an open run would take the noun too: 羽鸡, 匹马)
    ("0起", ("=", 0, "起")),
    ("≤0起安全事故", ("≤", 0, "起")),
    ("500羽鸡苗", ("=", 500, "羽")),
    ("1000尾鱼苗", ("=", 1000, "尾")),
    ("5匹马", ("=", 5, "匹")),
    ("100双鞋", ("=", 100, "双")),
    ("2片林地", ("=", 2, "片")),
    ("10把椅子", ("=", 10, "把")),
    ("≥50床", ("≥", 50, "床")),
    ("20床位", ("=", 20, "床位")),
    ("3届比赛", ("=", 3, "届")),
])
def test_open_units(value, want):
    assert t(value) == want


@pytest.mark.parametrize(("value", "want"), [
    ("100%完成", ("=", 100, "%")),  # words after the unit are not part of it
    ("≥8个政府部门/企业支持", ("≥", 8, "个")),
    ("≥5个单位/个人的支持", ("≥", 5, "个")),
    ("12月底前完成", ("=", 12, "月")),
])
def test_words_after_the_unit(value, want):
    assert t(value) == want


@pytest.mark.parametrize(("value", "want"), [
    ("慰问覆盖率100%", ("=", 100, "%")),  # text before the op or number is allowed
    ("人员100%考核合格", ("=", 100, "%")),
    ("授课老师具有相关家庭教育资质证书≥4人", ("≥", 4, "人")),
    ("每年不少于2次", ("≥", 2, "次")),
])
def test_text_before(value, want):
    assert t(value) == want


@pytest.mark.parametrize("value", [
    "配置6名助理社会工作者103157元/年及1名社会工作者128458元/年",  # compound: two or more numbers
    "配置2名助理社会工作者，103157元/年/名。",
    "2026年12月31日前",
    "1-2次",
])
def test_compound_values_have_no_target(value):
    assert parse_target(value) is None


@pytest.mark.parametrize("value", ["逐步提高", "明显改善", "长期", "一对一服务", "一口气完成", "全面提升", "", None])
def test_no_number_no_target(value):
    assert parse_target(value) is None


def test_bare_units():
    assert is_unit("场") and is_unit("元/户") and is_unit("元/队/场次") and is_unit("%") and is_unit("万亩")
    assert not is_unit("50场") and not is_unit("逐步提高")
    assert is_unit("起") and is_unit("羽") and is_unit("尾") and is_unit("床") and is_unit("台套")
    assert is_unit("批次") and is_unit("元/眼") and is_unit("人·次") and is_unit("延米")
    assert not is_unit("长期") and not is_unit("得到保障")  # a cell is a unit only when the vocabulary says so


def test_numbers_with_open_units():
    from pipeline.targets import numbers_with_units

    assert numbers_with_units("打井3眼，每眼300元/眼") == [(3.0, "眼"), (300.0, "元/眼")]
    assert numbers_with_units("配置6名助理社会工作者103157元/年及1名社会工作者128458元/年") == [
        (6.0, "名"), (103157.0, "元/年"), (1.0, "名"), (128458.0, "元/年")]
