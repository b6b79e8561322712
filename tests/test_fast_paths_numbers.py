"""extract.numbers' screens give exactly what the plain code they stand before gives.

Speed work on extract.numbers put cheap tests before regex calls that most texts fail;
each is checked here against the plain code, on the sentences of the golden texts and on
random text:
- `find_bare_money`, which returns at once when `_bare_money_screen` (the tail of a bare
  amount: 万/亿, a qualifier, no unit after) finds nothing, against its loop over
  `_bare_money_regex` alone;
- `find_ranks`, whose screens are `in` tests (第, 位, 名) where the plain code searched
  RANK_HINT and ran `_rank_change` on every text;
- `_Words.starts`, which looks at the first character before matching the words;
- `noun_at`, which narrows its bounds in the text and copies the noun once, against
  the run, the run before 的 and the noun before its stop as strings;
- `_Nonfact`, the non-fact word lists as fields, against `_nonfact_words()`'s dict;
- `non_fact_reason`'s screen: with no word of context, per_unit or non_economic_clause
  before a number, none of the three rules that search those lists before it can fire.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from golden_texts import golden_sentences
from extract.lexicon import bare_money
from extract.numbers import (
    NOUN_RUN,
    NOUN_STOP,
    RANK_HINT,
    Quantity,
    _bare_money_regex,
    _bare_money_screen,
    _clause_start,
    _make,
    _money_word,
    _nonfact,
    _nonfact_words,
    _rank_change,
    _rules,
    _Words,
    find_bare_money,
    find_quantities,
    find_ranks,
    non_fact_reason,
    noun_at,
)

SENTENCES = golden_sentences()

# Bare amounts and what comes near them: numbers, 万/亿 and what may or may not follow,
# qualifiers, money words and a person's noun after one.
MONEY_ALPHABET = "12305.,一二十百千两个万亿余多元人的以上家投资者融收入税款,;。 a%"
# Places in a ranking and their kin.
RANK_ALPHABET = "第首位名次个上升提前移了12一三五、,。排居全省列家"


def test_golden_sentences_are_there() -> None:
    assert len(SENTENCES) > 500


def _find_bare_money_unscreened(text: str) -> list[Quantity]:
    """find_bare_money as it was before its screen."""
    money_units: dict[str, str] = bare_money()["units"]
    rules = _rules()
    out: list[Quantity] = []
    for m in _bare_money_regex().finditer(text):
        num, ge, mult, inside = m.groups()
        if ge and mult != "亿":
            continue
        start = m.start()
        if not _money_word().search(text, _clause_start(text, start), start):
            continue
        written = money_units[mult]
        q = _make(text, start, num, rules.units[written], written, m.end(), inside, rules)
        if q is not None:
            out.append(q)
    return out


def _check_bare_money(text: str) -> None:
    assert find_bare_money(text) == _find_bare_money_unscreened(text), text
    # The screen finds a tail wherever the whole pattern finds an amount.
    if _bare_money_regex().search(text) is not None:
        assert _bare_money_screen().search(text) is not None, text


BARE_MONEY_CASES = [
    "项目总投资10个亿,融资5000万",
    "总投资5000万元",
    "投资3万,",
    "投资3万余,",
    "投资3万余元",
    "投资3亿多",
    "投资3亿的",
    "投资三个万",
    "收入2万人",
    "投资2万",
    "投资2万\n",
    "投资1.5亿以上",
    "投资1.5亿a",
    "投资一万二千",
    "万亿",
    "",
]


def test_bare_money_screen_on_cases() -> None:
    for text in BARE_MONEY_CASES:
        _check_bare_money(text)


def test_bare_money_screen_on_the_golden_texts() -> None:
    for sentence in SENTENCES:
        _check_bare_money(sentence)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from(MONEY_ALPHABET), max_size=30))
def test_bare_money_screen_on_any_text(text: str) -> None:
    _check_bare_money(text)


def _check_rank_screens(text: str) -> None:
    assert (RANK_HINT.search(text) is not None) == ("第" in text or "位" in text or "名" in text), text
    if "位" not in text and "名" not in text:
        assert _rank_change().search(text) is None, text
    if RANK_HINT.search(text) is None:
        assert find_ranks(text) == [], text


RANK_CASES = [
    "排名第21位",
    "位居全国第五、西北第一",
    "居全省首位",
    "排名上升2位、4位、17位",
    "提升9个位次",
    "第一家企业",
    "前移了3名",
    "首",
    "",
]


def test_rank_screens_on_cases() -> None:
    for text in RANK_CASES:
        _check_rank_screens(text)


def test_rank_screens_on_the_golden_texts() -> None:
    for sentence in SENTENCES:
        _check_rank_screens(sentence)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from(RANK_ALPHABET), max_size=30))
def test_rank_screens_on_any_text(text: str) -> None:
    _check_rank_screens(text)


def _check_starts(words: _Words, text: str) -> None:
    n = len(text)
    for pos in range(n + 2):
        for end in (pos - 1, pos, pos + 1, pos + 4, n, n + 3):
            expected = words.any.match(text, pos, end) is not None
            assert words.starts(text, pos, end) == expected, (text, pos, end)


def test_words_starts_on_the_golden_texts() -> None:
    lists = _nonfact_words()
    for sentence in SENTENCES[::10]:
        for words in (lists["counted"], lists["policy_grant_or_rate"]):
            _check_starts(words, sentence[:60])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("个组人次名班按的给予补助项目问题党委, "), max_size=12))
def test_words_starts_on_any_text(text: str) -> None:
    lists = _nonfact_words()
    _check_starts(lists["counted"], text)
    _check_starts(lists["policy_grant_or_rate"], text)


def test_nonfact_fields_are_the_word_lists() -> None:
    lists = _nonfact_words()
    nonfact = _nonfact()
    for key in (
        "before",
        "criteria",
        "policy_grant_or_rate",
        "each_item",
        "service_rates",
        "context",
        "context_after",
        "per_unit",
        "non_economic_clause",
        "ranking_context",
        "counted",
        "counted_longer",
    ):
        assert getattr(nonfact, key) is lists[key], key


def _noun_at_by_copies(text: str, pos: int) -> str:
    """noun_at as it was: the run, the run before 的 and the noun before its stop, each
    a string."""
    m = NOUN_RUN.match(text, pos)
    if not m:
        return ""
    noun = m.group(0).split("的", 1)[0]
    cut_m = NOUN_STOP.search(noun, 1)
    return noun[: cut_m.start()] if cut_m else noun


def test_noun_at_on_the_golden_texts() -> None:
    for sentence in SENTENCES[::3]:
        for pos in range(len(sentence) + 1):
            assert noun_at(sentence, pos) == _noun_at_by_copies(sentence, pos), (sentence, pos)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from("的企业为在家A()“”,。1个组被"), max_size=20), st.integers(0, 21))
def test_noun_at_on_any_text(text: str, pos: int) -> None:
    assert noun_at(text, pos) == _noun_at_by_copies(text, pos)


def _check_words_before(text: str) -> None:
    nonfact = _nonfact()
    for num_start in range(len(text) + 1):
        if nonfact.before_number.within(text, 0, num_start):
            continue
        assert not nonfact.context.within(text, 0, num_start), (text, num_start)
        for clause_start in range(num_start + 1):
            assert not nonfact.per_unit.within(text, clause_start, num_start), (text, clause_start, num_start)
            assert not nonfact.non_economic_clause.within(text, clause_start, num_start), (text, clause_start)


def test_words_before_the_number_screen_the_three_rules_on_the_golden_texts() -> None:
    for sentence in SENTENCES[::7]:
        _check_words_before(sentence[:50])


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("户型停车位每斤吨工资租金巡察党员志愿者12个,"), max_size=16))
def test_words_before_the_number_screen_the_three_rules_on_any_text(text: str) -> None:
    _check_words_before(text)


def test_screened_rules_still_give_their_reasons() -> None:
    """The screened rules still give their reasons (each case is one of them)."""
    cases = {
        "90平方米户型共120套": "apartment sizes or parking, not economic",
        "干品每斤卖到45元左右": "price or rate per unit (每斤45元)",
        "巡察期间走访企业12家": "political, administrative or volunteer count (from its clause)",
    }
    for text, reason in cases.items():
        reasons = [non_fact_reason(text, q) for q in find_quantities(text)]
        assert reason in reasons, (text, reasons)
