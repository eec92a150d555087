"""Rules found on published pages earlier rounds left (the leftovers round), each on a few
hand-written values or a small checked-in file."""

from __future__ import annotations

import pytest

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
