"""The pipeline's per-sentence fast paths give exactly what their references give.

Speed work on extract.pipeline did once per sentence what was done for every figure,
and skipped work whose result could not matter; each shortcut is checked here against
the plain code it replaced, on the sentences of the golden texts and on random ones:
- `_in_order`: quantities already sorted by (start, -end) are not sorted again;
- `_times_nearest_first`: a sentence's times sorted once, nearest end first, each with
  its clause, for every figure (`_period` sorted the times before each figure);
- `numbers.noun_at(text, end)` for `noun_after(text[end:])` (no copy of the rest);
- `_measure`'s screen before TRAILING_NOTE (a note can only end the phrase with ")");
- `_report_period`, which tests for a report's words before finding quantities;
- `_ItemPlace`, the item's place found once, on the first call;
- `subjects.figure_subject`, subject_of's cases without the carried project, and
  `_SentenceContext.current_project`, which finds the project a sentence without
  figures names (project_in) only when a figure reads it.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from golden_texts import TEXTS, golden_sentences
from extract.articles import split_page
from extract.dates import ArticleDates, find_time_expressions, resolve_period
from extract.indicators import IndicatorMatch
from extract.normalize import Span, nfkc
from extract.numbers import Quantity, noun_at, find_quantities, find_ranks, noun_after
from extract.phrases import measured_phrase
from extract.pipeline import (
    NUMBER_HINT,
    TRAILING_NOTE,
    _clause_id,
    _in_order,
    _ItemPlace,
    _measure,
    _names_report,
    _report_period,
    _times_nearest_first,
)
from extract.subjects import _clean, _is_name, place_of, project_in, subject_of

SENTENCES = golden_sentences()


def _by_start_longest_first(found: list[Quantity]) -> list[Quantity]:
    return sorted(found, key=lambda q: (q.start, -q.end))


def test_golden_sentences_are_there() -> None:
    assert len(SENTENCES) > 500


def test_quantities_in_order_are_what_sorting_gives_on_the_golden_texts() -> None:
    for sentence in SENTENCES:
        found = find_quantities(sentence) + find_ranks(sentence)
        assert _in_order(found) == (_by_start_longest_first(found) == found), sentence


def _quantity(start: int, length: int) -> Quantity:
    return Quantity(start, start + length, start, Decimal(1), "1", "个", "count", Decimal(1), "exact", False)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.integers(1, 4)), max_size=6))
def test_quantities_in_order_are_what_sorting_gives(spans: list[tuple[int, int]]) -> None:
    found = [_quantity(start, length) for start, length in spans]
    # (Equal keys: only a stable sort of a list already in order leaves it as it is.)
    assert _in_order(found) == (_by_start_longest_first(found) == found)


def _check_times_nearest_first(text: str) -> None:
    times = find_time_expressions(text)
    back = _times_nearest_first(text, times)
    assert [clause for _, clause in back] == [_clause_id(text, t.start) for t, _ in back]
    for pos in range(len(text) + 1):
        reference = sorted((t for t in times if t.end <= pos), key=lambda t: -t.end)
        assert [t for t, _ in back if t.end <= pos] == reference, (text, pos)


def test_times_nearest_first_is_the_sort_before_each_figure_on_the_golden_texts() -> None:
    for sentence in SENTENCES:
        if "年" in sentence or "月" in sentence or "季度" in sentence or "今" in sentence:
            _check_times_nearest_first(sentence)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("2023年6月底1-5今全末截至目前,;:。上半季度同比增长"), max_size=40))
def test_times_nearest_first_is_the_sort_before_each_figure(text: str) -> None:
    _check_times_nearest_first(text)


def test_noun_at_is_the_noun_after_on_the_golden_texts() -> None:
    for sentence in SENTENCES:
        for q in find_quantities(sentence) + find_ranks(sentence):
            assert noun_at(sentence, q.end) == noun_after(sentence[q.end :]), sentence
            if q.upper is not None:
                assert noun_at(sentence, q.upper.end) == noun_after(sentence[q.upper.end :]), sentence


def _measure_by_regex(before: str, noun: str, match: IndicatorMatch) -> str:
    if match.in_noun:
        return noun[: match.start + len(match.keyword)]
    return measured_phrase(TRAILING_NOTE.sub("", before).removesuffix("第")) or match.name


NOTE_CASES = [
    "重点实验室(基地)",
    "重点实验室(基地)\n",
    "重点实验室(基地)第",
    "企业(含个体户)数量(单位:户)",
    "(一)",
    "项目()",
    "项目(一个很长很长很长很长很长的注)",
    "项目)",
    "",
]


def test_measure_screens_the_trailing_note_as_the_regex_does() -> None:
    match = IndicatorMatch("其他数量", "", False, -1)
    for before in NOTE_CASES:
        assert _measure(before, "", match) == _measure_by_regex(before, "", match), before


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("()\n第项目基地企业1数量"), max_size=20))
def test_measure_screens_the_trailing_note_as_the_regex_does_on_any_text(before: str) -> None:
    match = IndicatorMatch("其他数量", "", False, -1)
    assert _measure(before, "", match) == _measure_by_regex(before, "", match)


def _report_period_in_the_old_order(headlines: list[Span], dates: ArticleDates) -> str | None:
    for line in headlines:
        if NUMBER_HINT.search(line.text) and find_quantities(line.text):
            continue
        if not _names_report(line.text):
            continue
        report = [t for t in find_time_expressions(line.text) if t.kind == "cumulative" or t.name == "year_month"]
        if report:
            return resolve_period(report[-1], dates)
    return None


def _dates(year: int) -> ArticleDates:
    return ArticleDates(year, f"{year}-06-30", f"{year}-06-30", False)


REPORT_LINES = [
    "鹿城区2023年8月份统计月报",
    "数说长沙县·2023年1—9月",
    "前三季度全区经济运行稳中有进",
    "高新区第二季度重点项目集中开工",
    "2023年1-6月主要经济指标:固定资产投资增长12%",
    "1-8月经济运行情况,完成投资86亿元",
]


def test_report_period_in_either_order_on_report_lines() -> None:
    for text in REPORT_LINES:
        line = Span(text, list(range(len(text))))
        assert _report_period([line], _dates(2023)) == _report_period_in_the_old_order([line], _dates(2023)), text


def test_report_period_in_either_order_on_the_golden_texts() -> None:
    for path in TEXTS:
        for art in split_page(path.read_text(encoding="utf-8")).articles:
            lines = art.headlines + [p for p in art.paragraphs if len(p.text) <= 40]
            for line in lines:
                assert _report_period([line], _dates(2023)) == _report_period_in_the_old_order([line], _dates(2023))


def test_item_place_is_place_of_its_title_and_body() -> None:
    for path in TEXTS:
        for art in split_page(path.read_text(encoding="utf-8")).articles:
            place = _ItemPlace(art)
            expected = place_of(art.title + art.body_text())
            assert place() == expected
            assert place() == expected  # (the second call reads what the first found)



def _subject_of_reference(sentence: str, quantity_end: int, previous: str | None, place: str) -> tuple[str, str | None]:
    """subjects.subject_of as it was before figure_subject split out its cases."""
    from extract.subjects import ANAPHOR, ENTITY_END, SENTENCE_HEAD, SENTENCE_HEAD_MAX, _AFTER_DE_AT

    m = _AFTER_DE_AT.match(sentence, quantity_end)
    if m:
        name = _clean(m.group(1))
        if _is_name(name):
            return name, previous
    segment_start = sentence.rfind(";", 0, quantity_end) + 1
    suffix_end = min(quantity_end, segment_start + SENTENCE_HEAD_MAX)
    head = SENTENCE_HEAD.match(sentence, segment_start) if ENTITY_END.search(sentence, segment_start, suffix_end) else None
    if head and head.end() <= quantity_end:
        name = _clean(head.group(1))
        if _is_name(name):
            return name, name
    if previous and ANAPHOR.match(sentence):
        return previous, previous
    return place, None


SUBJECT_CASES = [
    "该项目总投资5亿元,建成后年产值10亿元。",
    "项目总投资5亿元。",
    "新天智慧能源科技产业园项目总占地面积98亩,总投资12亿元;该项目计划年底投产。",
    "总投资50亿元的哈工大机器人(郑州)智能装备科技园项目开工。",
    "共有3家企业,该公司营收2亿元。",
]


def test_subject_of_by_cases_is_the_reference_on_the_golden_texts() -> None:
    for sentence in SENTENCES + SUBJECT_CASES:
        for q in find_quantities(sentence):
            for previous in (None, "", "某某产业园项目"):
                expected = _subject_of_reference(sentence, q.end, previous, "高新区")
                assert subject_of(sentence, q.end, previous, "高新区") == expected, sentence


def test_carried_project_found_when_read_is_the_one_found_eagerly() -> None:
    from extract.pipeline import _SentenceContext

    for path in TEXTS:
        sentences = _golden_sentences_of(path)
        for start in range(0, len(sentences), 7):
            eager: str | None = "起始项目"
            ctx = _SentenceContext(project="起始项目")
            for i, sentence in enumerate(sentences[start : start + 7]):
                eager = project_in(sentence) or eager
                ctx.mention(sentence)
                if i % 3 == 2:  # read now and then, as figures do
                    assert ctx.current_project() == eager
            assert ctx.current_project() == eager


def _golden_sentences_of(path: Path) -> list[str]:
    return [s + "。" for line in nfkc(path.read_text(encoding="utf-8")).splitlines() for s in line.split("。") if s.strip()]
