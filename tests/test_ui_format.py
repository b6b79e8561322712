"""Chinese number formatting: one case per test, grouped by where the case came from.

New cases: a figure read wrong in the dashboard goes to CASES_BUGS_CAUGHT; a unit class
the dashboard learns to show goes to the table of that class.
"""

import math

import pytest
import ui_factories  # noqa: F401 - first: puts the repo root on sys.path

from ui.format import choose_scale, format_delta, format_number, format_period, format_value, unit_header

# (value_std, unit_std, unit as written, qualifier, indicator) -> text
CASES_MONEY = [
    ((9660000000, "CNY", "亿元", "exact", "总投资"), "96.6亿元"),
    ((9660000000, "CNY", "亿元", "approx", "总投资"), "约96.6亿元"),
    ((293046000, "CNY", "万元", "exact", "收入"), "2.93亿元"),
    ((58000000, "CNY", "万元", "exact", "收入"), "5800万元"),
    ((3500, "CNY", "元", "exact", "补贴"), "3500元"),
    ((500000000000, "CNY", "亿元", "at_least", "总投资"), "超5000亿元"),
]
CASES_AREA_AND_COUNTS = [
    ((3000000, "m2", "万平方米", "approx", "园区面积"), "约300万平方米"),
    ((2500, "m2", "平方米", "exact", "使用面积"), "2500平方米"),
    ((2000000, "m2", "平方公里", "exact", "园区面积"), "2平方公里"),
    ((98, "mu", "亩", "exact", "占地面积"), "98亩"),
    ((20, "count", "个", "at_least", "园区数"), "超20个"),
    ((75000, "count", "万家", "exact", "企业数"), "7.5万家"),
    ((3268, "count", "套", "exact", "住房套数"), "3268套"),
    ((4, "count", "", "exact", "项目数"), "4个"),
]
CASES_RATES_AND_RANKS = [
    ((58.73, "percent", "%", "exact", "完成率"), "58.73%"),
    ((2.5, "percent", "个百分点", "exact", "占比"), "2.5个百分点"),
    ((21, "rank", "位", "exact", "排名"), "第21位"),
    ((9, "rank", "位", "exact", "排名变化"), "9位"),
]
CASES_BUGS_CAUGHT = [
    ((float("nan"), "CNY", "亿元", "exact", "总投资"), "—"),
    ((None, "CNY", "亿元", "exact", "总投资"), "—"),
    ((1234567, "count", "人", "exact", "就业人数"), "1,234,567人"),
]


@pytest.mark.parametrize(
    ("args", "expected"),
    [pytest.param(a, e, id=f"{a[1]}:{e}") for a, e in CASES_MONEY + CASES_AREA_AND_COUNTS + CASES_RATES_AND_RANKS + CASES_BUGS_CAUGHT],
)
def test_format_value(args, expected):
    assert format_value(*args) == expected


CASES_PERIODS = [
    ("2024", "2024年"),
    ("2024-Q1", "2024年第一季度"),
    ("2024-06", "2024年6月"),
    ("2022-06-30", "2022年6月30日"),
    (None, "未注明"),
    ("", "未注明"),
    ("去年", "去年"),
]


@pytest.mark.parametrize(("period", "expected"), [pytest.param(p, e, id=str(p)) for p, e in CASES_PERIODS])
def test_format_period(period, expected):
    assert format_period(period) == expected


CASES_DELTAS = [
    ((9.66e9, 8.4e9, "CNY", "完成投资"), "+12.6亿元（+15%）"),
    ((8.4e9, 9.66e9, "CNY", "完成投资"), "-12.6亿元（-13%）"),
    ((3400, 3000, "count", "在孵企业数"), "+400（+13.3%）"),
    ((60.5, 58.0, "percent", "完成率"), "+2.5个百分点"),
    ((18, 21, "rank", "排名"), "上升3位"),
    ((21, 18, "rank", "排名"), "下降3位"),
    ((21, 21, "rank", "排名"), "名次不变"),
    ((5, 0, "count", "项目数"), "+5"),
]


@pytest.mark.parametrize(("args", "expected"), [pytest.param(a, e, id=e) for a, e in CASES_DELTAS])
def test_format_delta(args, expected):
    assert format_delta(*args) == expected


def test_choose_scale_takes_the_largest_value():
    scale = choose_scale([5e7, 2.1e9], "CNY")
    assert (scale.divisor, scale.unit) == (1e8, "亿元")


def test_choose_scale_ignores_gaps():
    assert choose_scale([math.nan, 5e5], "CNY").unit == "万元"


def test_choose_scale_uses_the_counting_word():
    assert choose_scale([3, 4], "count", "家").unit == "家"


def test_format_number_trims_zeros():
    assert format_number(96.60) == "96.6"
    assert format_number(3.0) == "3"


def test_unit_header():
    assert unit_header("CNY") == "金额（亿元）"
