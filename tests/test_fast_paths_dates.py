"""The fast paths of extract.dates and extract.phrases give exactly what their references give.

Speed work on dates and the measured phrase replaced plain code with cheaper equivalents;
each is checked here against the code it replaced, on the golden texts and on random ones:
- `dates._time_scanner`, the time screen opening with its start characters (consumed,
  then stepped back over), against `_time_screen()`'s screen and its finditer;
- `dates._time_expr`, reading a time pattern's groups by number, against reading them
  from `m.groupdict()`;
- `dates.DATELINE_BY_DIGIT` searched up to DATELINE_WINDOW against `DATELINE` searched
  in the lead's slice;
- `dates._iso`, `_year_month` and `_zero_padded` against format's zero padding;
- `phrases._segmenter` against `segmenter()`.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.dates import (
    DATELINE,
    DATELINE_BY_DIGIT,
    DATELINE_WINDOW,
    TimeExpr,
    _cn_int,
    _iso,
    _year_month,
    _time_expr,
    _time_scanner,
    _time_screen,
    _zero_padded,
    dateline,
)
from extract.lexicon import TimePattern, time_patterns, time_words
from extract.normalize import nfkc
from extract.phrases import _segmenter, segmenter

GOLDEN = Path(__file__).resolve().parent / "golden"
TEXTS = sorted(GOLDEN.rglob("*.txt"))
GOLDEN_TEXTS = [nfkc(path.read_text(encoding="utf-8")) for path in TEXTS]
GOLDEN_LINES = [line for text in GOLDEN_TEXTS for line in text.splitlines() if line.strip()]

time_text = st.text(
    alphabet=st.sampled_from("0123456789一二三四五六七八九十两年月日底末初季度上下半前后今去明本全截至止目当近第期间以来十四五规划份旬,-.较于"),
    max_size=24,
)
dateline_text = st.text(alphabet=st.sampled_from("0123456789月日至止到于前后起讯本报 ,"), max_size=70)


def test_golden_texts_are_there() -> None:
    assert len(TEXTS) >= 15


# --- the time scanner ------------------------------------------------------------------


def _scanned(text: str) -> list[tuple[int, int, int]]:
    """(start, end, order of the screen's pattern) of each candidate, as find_time_expressions
    reads them from _time_scanner."""
    scanner = _time_scanner()
    orders = _time_screen()[1]
    found: list[tuple[int, int, int]] = []
    pos = 0
    while True:
        m = scanner.search(text, pos)
        if m is None:
            return found
        index = m.lastindex or 0
        found.append((m.start(), m.end(index), orders[index]))
        pos = m.end(index)


def _screened(text: str) -> list[tuple[int, int, int]]:
    """The same from the screen's finditer (the reference)."""
    screen, orders = _time_screen()
    return [(m.start(), m.end(), orders[m.lastindex or 0]) for m in screen.finditer(text)]


def test_time_scanner_matches_the_screen_on_the_golden_texts() -> None:
    for text in GOLDEN_TEXTS:
        assert _scanned(text) == _screened(text)


@settings(max_examples=500, deadline=None)
@given(time_text)
def test_time_scanner_matches_the_screen(text: str) -> None:
    assert _scanned(text) == _screened(text)


def test_time_scanner_edge_cases() -> None:
    for text in ["", "2023年", "截至2022年底", "项目", "12.5亿元", "较2022年", "前三季度", "x2023年", "20232023年",
                 "2023年\n", "\n截至目前", "今年1-9月", "2023年2024年"]:
        assert _scanned(text) == _screened(text), text


# --- a time expression's groups --------------------------------------------------------


def _time_expr_by_groupdict(m: re.Match[str], pat: TimePattern) -> TimeExpr:
    """_time_expr as it was: the groups read from m.groupdict()."""
    groups = m.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    month = _cn_int(groups["month"]) if groups.get("month") else None
    day = int(groups["day"]) if groups.get("day") else None
    quarter = None
    if groups.get("quarter"):
        quarter = _cn_int(groups["quarter"])
    if groups.get("quarters"):
        month = 3 * _cn_int(groups["quarters"].replace("两", "二"))
    if groups.get("half"):
        month = 6 if groups["half"] == "上半年" else 12
    if groups.get("plan"):
        first_year = time_words()["five_year_plans"].get(groups["plan"])
        year = first_year + 4 if first_year else None
    offset = 1 if groups.get("next") else -1 if groups.get("last") else 0
    return TimeExpr(m.start(), m.end(), pat.name, pat.kind, year, month, day, quarter, m.group(0), offset)


def _check_time_exprs(text: str) -> int:
    checked = 0
    for pat in time_patterns():
        for m in pat.regex.finditer(text):
            assert _time_expr(m, pat) == _time_expr_by_groupdict(m, pat), (pat.name, m.group(0))
            checked += 1
    return checked


def test_time_expr_matches_groupdict_on_the_golden_texts() -> None:
    assert sum(_check_time_exprs(text) for text in GOLDEN_TEXTS) > 100


@settings(max_examples=400, deadline=None)
@given(time_text)
def test_time_expr_matches_groupdict(text: str) -> None:
    _check_time_exprs(text)


def test_time_expr_edge_cases() -> None:
    for text in ["截至去年底", "明年3月", "“十四五”时期", "今年前两季度", "上半年", "下半年", "2023年第一季度", "截至2022年12月31日"]:
        _check_time_exprs(text)


# --- the dateline ----------------------------------------------------------------------


def _check_dateline(text: str) -> None:
    plain = DATELINE.search(text[:DATELINE_WINDOW])
    fast = DATELINE_BY_DIGIT.search(text, 0, DATELINE_WINDOW)
    assert (plain is None) == (fast is None), text
    if plain is not None and fast is not None:
        assert (plain.span(), plain.group("m"), plain.group("d")) == (fast.span(), fast.group("m"), fast.group("d")), text
    expected = (int(plain.group("m")), int(plain.group("d"))) if plain else None
    assert dateline(text) == expected


def test_dateline_by_digit_matches_dateline_on_the_golden_lines() -> None:
    for line in GOLDEN_LINES:
        _check_dateline(line)


@settings(max_examples=500, deadline=None)
@given(dateline_text)
def test_dateline_by_digit_matches_dateline(text: str) -> None:
    _check_dateline(text)


def test_dateline_edge_cases() -> None:
    for text in ["3月19日", "本报讯 3月19日", "10月23日讯", "123月4日", "至3月1日", "于12月5日", "截至6月30日前", "3月1日起",
                 "x" * 58 + "3月1日", "x" * 57 + "3月1日", "x" * 56 + "12月1日", "1月2日3月4日", "5月12日前,6月1日", ""]:
        _check_dateline(text)


# --- dates as text ---------------------------------------------------------------------


def test_zero_padded_matches_format() -> None:
    for width in (2, 4):
        for number in [*range(-1100, 11000), 10**6, -(10**6)]:
            assert _zero_padded(number, width) == format(number, f"0{width}d")


def test_iso_matches_format() -> None:
    for year, month, day in [(2023, 1, 5), (2023, 12, 31), (999, 7, 10), (5, 0, 0), (-1, -2, 3), (12345, 1, 1)]:
        assert _iso(year, month, day) == f"{year:04d}-{month:02d}-{day:02d}"
        assert _year_month(year, month) == f"{year:04d}-{month:02d}"


# --- the segmenter ---------------------------------------------------------------------


def test_segmenter_held_is_the_cached_one() -> None:
    assert _segmenter() is segmenter()
    assert _segmenter().cut("在孵企业人员数为") == segmenter().cut("在孵企业人员数为")
