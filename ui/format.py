"""Chinese number, unit and period formatting for display.

Values arrive in the standard unit of their class (`value_std`, `unit_std`: yuan, square
metres, mu, counts, percent, rank places). Officials read money in 亿元 or 万元 and floor
area in 万平方米, so each class has a scale table: the largest step the value reaches wins
(9660000000 CNY -> "96.6亿元"). Charts need one scale per axis, `choose_scale` picks it from
the largest value of a series.

TODO: 平方公里 for very large land areas is shown only when the article wrote it that way;
      万亿元 is never used (no district reports that much).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# unit_std -> steps of (divisor, unit label), largest first. The last step always applies.
SCALES: dict[str, tuple[tuple[float, str], ...]] = {
    "CNY": ((1e8, "亿元"), (1e4, "万元"), (1.0, "元")),
    "m2": ((1e4, "万平方米"), (1.0, "平方米")),
    "mu": ((1.0, "亩"),),
    "count": ((1.0, "个"),),
    "percent": ((1.0, "%"),),
    "rank": ((1.0, "位"),),
}

# Class names for table and export headers, e.g. "金额（亿元）".
UNIT_CLASS_LABELS: dict[str, str] = {
    "CNY": "金额",
    "m2": "面积",
    "mu": "土地面积",
    "count": "数量",
    "percent": "比率",
    "rank": "名次",
}

# How a qualifier reads in front of (or behind) a figure.
QUALIFIER_PREFIX: dict[str, str] = {"approx": "约", "at_least": "超", "at_most": "不到", "exact": ""}
QUALIFIER_LABELS: dict[str, str] = {"approx": "约数", "at_least": "以上", "at_most": "以下", "exact": "确数"}

STATUS_LABELS: dict[str, str] = {"actual": "实际", "plan": "计划"}

# The same words as the store's XLSX export, so a sheet and a filter read alike.
TOPIC_LABELS: dict[str, str] = {
    "investment": "投资",
    "innovation": "创新",
    "enterprises": "企业",
    "parks": "园区",
    "housing": "住房",
    "finance": "金融",
    "ranking": "排名",
}

SEPARATOR_FROM = 100000  # news writes 29304.6万元 without separators; longer numbers get them
QUARTER_NAMES = {"1": "一", "2": "二", "3": "三", "4": "四"}

# A rank figure that is a move up the table, not a place ("进步了9位").
_RANK_CHANGE = re.compile(r"提升|进步|上升|前移|提高|跃升|变化|下降|后退")
_PERIOD = re.compile(r"^(\d{4})(?:-(Q[1-4]|\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True)
class Scale:
    divisor: float  # divide value_std by this to get the displayed number
    unit: str  # the displayed unit, e.g. 亿元


def choose_scale(values: Any, unit_std: str, unit_hint: str = "") -> Scale:
    """The scale that shows the largest value of a series with a leading digit.

    >>> choose_scale([9.66e9, 5e8], "CNY")
    Scale(divisor=100000000.0, unit='亿元')
    """
    finite = [abs(float(v)) for v in _iter(values) if v is not None and _finite(v)]
    peak = max(finite, default=0.0)
    steps = SCALES.get(unit_std, ((1.0, ""),))
    if unit_std == "count" and unit_hint:
        return Scale(1.0, _count_word(unit_hint))
    for divisor, unit in steps:
        if peak >= divisor:
            return Scale(divisor, unit)
    return Scale(*steps[-1])


def format_number(x: float, digits: int = 2) -> str:
    """Round to `digits` decimals, drop trailing zeros; thousands separators from 100000.

    >>> format_number(29304.6), format_number(1234567)
    ('29304.6', '1,234,567')
    """
    if not _finite(x):
        return "—"
    return _number(float(x), digits)


def _number(v: float, digits: int = 2) -> str:
    """`format_number` of a finite float (no checks: the per-figure loop of prepare_facts)."""
    text = f"{v:,.{digits}f}" if abs(v) >= SEPARATOR_FROM else f"{v:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_value(
    value_std: float | None,
    unit_std: str,
    unit: str = "",
    qualifier: str = "exact",
    indicator: str = "",
) -> str:
    """One figure the Chinese way, in the largest unit it reaches.

    >>> format_value(9660000000, "CNY", "亿元", "approx")
    '约96.6亿元'
    """
    return value_formatter(unit_std, unit, qualifier, indicator)(value_std)


@functools.lru_cache(maxsize=4096)
def value_formatter(unit_std: str, unit: str = "", qualifier: str = "exact", indicator: str = "") -> Callable[[Any], str]:
    """`format_value` for one (unit class, unit, qualifier, indicator): the choices that
    depend only on these are made once, so formatting 50,000 figures is a loop of number
    formatting (`prepare_facts` groups its rows by these four first).

    >>> value_formatter("CNY", "亿元", "approx")(9660000000)
    '约96.6亿元'
    """
    prefix = QUALIFIER_PREFIX.get(qualifier, "")
    unit = unit if isinstance(unit, str) else ""
    if unit_std == "count":
        word = _count_word(unit)
        in_wan = unit.startswith("万")

        def count(v: float) -> str:
            if in_wan and abs(v) >= 1e4:
                return f"{prefix}{_number(v / 1e4)}万{word}"
            return f"{prefix}{_number(v)}{word}"

        return _finite_only(count)
    if unit_std == "percent":
        suffix = "个百分点" if unit == "个百分点" else "%"
        return _finite_only(lambda v: f"{prefix}{_number(v)}{suffix}")
    if unit_std == "rank":
        if _RANK_CHANGE.search(indicator if isinstance(indicator, str) else ""):
            return _finite_only(lambda v: f"{_number(v, 0)}位")
        return _finite_only(lambda v: f"第{_number(v, 0)}位")
    if unit_std == "m2" and unit == "平方公里":
        return _finite_only(lambda v: f"{prefix}{_number(v / 1e6)}平方公里")
    steps = SCALES.get(unit_std, ((1.0, ""),))

    def scaled(v: float) -> str:
        peak = abs(v)
        for divisor, label in steps:  # as choose_scale([v], unit_std)
            if peak >= divisor:
                return f"{prefix}{_number(v / divisor)}{label}"
        divisor, label = steps[-1]
        return f"{prefix}{_number(v / divisor)}{label}"

    return _finite_only(scaled)


def _finite_only(fmt: Callable[[float], str]) -> Callable[[Any], str]:
    """A formatter that shows "—" for None, NaN, infinities and non-numbers."""

    def guarded(value: Any) -> str:
        try:
            v = float(value)
        except (TypeError, ValueError):
            return "—"
        return fmt(v) if math.isfinite(v) else "—"

    return guarded


def format_delta(current: float, previous: float, unit_std: str, indicator: str = "") -> str:
    """Change from the previous value of a series, signed, in the current value's scale.

    >>> format_delta(9.66e9, 8.4e9, "CNY")
    '+12.6亿元（+15%）'
    """
    if not (_finite(current) and _finite(previous)):
        return ""
    diff = float(current) - float(previous)
    if unit_std == "percent":
        return f"{'+' if diff >= 0 else ''}{format_number(diff)}个百分点"
    if unit_std == "rank":
        # A smaller place number is better: say which way the district moved.
        if _RANK_CHANGE.search(indicator):
            return f"{'+' if diff >= 0 else ''}{format_number(diff, 0)}位"
        if diff == 0:
            return "名次不变"
        return f"{'上升' if diff < 0 else '下降'}{format_number(abs(diff), 0)}位"
    scale = choose_scale([current, previous], unit_std)
    unit = scale.unit if unit_std != "count" else ""
    text = f"{'+' if diff >= 0 else '-'}{format_number(abs(diff) / scale.divisor)}{unit}"
    if float(previous) != 0:
        pct = diff / abs(float(previous)) * 100
        text += f"（{'+' if pct >= 0 else ''}{format_number(pct, 1)}%）"
    return text


def format_period(period: str | None) -> str:
    """A period key as Chinese text.

    >>> format_period("2024-Q1")
    '2024年第一季度'
    """
    if not period:
        return "未注明"
    m = _PERIOD.match(str(period))
    if not m:
        return str(period)
    year, mid, day = m.groups()
    if mid is None:
        return f"{year}年"
    if mid.startswith("Q"):
        return f"{year}年第{QUARTER_NAMES[mid[1]]}季度"
    if day is None:
        return f"{year}年{int(mid)}月"
    return f"{year}年{int(mid)}月{int(day)}日"


def unit_header(unit_std: str, scale: Scale | None = None) -> str:
    """Column header carrying the unit, e.g. "金额（亿元）".

    >>> unit_header("m2")
    '面积（万平方米）'
    """
    scale = scale or Scale(*SCALES.get(unit_std, ((1.0, ""),))[0])
    label = UNIT_CLASS_LABELS.get(unit_std, unit_std)
    return f"{label}（{scale.unit}）" if scale.unit else label


def topic_label(topic: str) -> str:
    """Chinese name of a topic key: "investment" -> "投资"."""
    return TOPIC_LABELS.get(topic, topic)


def _count_word(unit: str) -> str:
    word = (unit or "").lstrip("万")
    return word or "个"


def _finite(x: Any) -> bool:
    try:
        return math.isfinite(float(x))
    except (TypeError, ValueError):
        return False


def _iter(values: Any) -> list[Any]:
    if isinstance(values, (list, tuple)):
        return list(values)
    try:
        return list(values)
    except TypeError:
        return [values]
