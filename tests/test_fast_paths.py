"""The engine's fast paths give exactly what the reference implementations give.

Speed work replaced three library or per-line calls with faster equivalents; each is
checked here against the original on the golden texts (OCR'd and clean), on their
re-flowed and marked-up variants, and on random text from hypothesis:
- `normalize.nfkc` against `unicodedata.normalize("NFKC", ...)`;
- `phrases.Segmenter.cut` against `jieba.Tokenizer.lcut(..., HMM=False)`;
- `normalize.split_lines`'s plain-text path against its careful line-by-line path;
- `subjects.place_of`, which tries PLACE only where a match can start, against the
  same function over `PLACE.finditer`;
- `articles._pairs` and `_codes`, character pairs as int codes, against the pairs as
  strings;
- `dates._patterns_opening_with`, which reads re's parse tree to try at a position only
  the time patterns that can open with its character, against trying every pattern;
- `dates._time_screen`, the time patterns grouped by their opening characters, against
  `lexicon.time_screen`, their plain alternation;
- `lexicon.alternation`, a word list as a trie (投资(?:额)?), against the words
  longest first (投资额|投资);
- `subjects.project_in`, which finds project names from their suffixes, against the same
  function over `PROJECT.finditer`;
- `pipeline._writes_year`, the screen before the time patterns in `_reviewed_year`,
  against the years those patterns find.
"""

from __future__ import annotations

import random
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.articles import _codes, _pairs
from extract.dates import _patterns_opening_with, _time_screen, find_time_expressions, reviewed_years
from extract.lexicon import _LEXICON_WORDS, alternation, cues, places, time_patterns, time_screen, time_words
from extract.normalize import (
    CELL_SEPARATOR,
    LINE_BREAKS_OTHER,
    Line,
    _split_lines_carefully,
    _split_plain_lines,
    has_written_tables,
    nfkc,
    split_lines,
)
from extract.phrases import segmenter, tokenizer
from extract.pipeline import _writes_year
from extract.subjects import PLACE, PROJECT, _clean, _is_name, place_name, place_of, project_in

GOLDEN = Path(__file__).resolve().parent / "golden"
TEXTS = sorted(GOLDEN.rglob("*.txt"))

# Characters that stress normalisation: full-width forms, ligatures, circled and
# superscript digits, CJK compatibility ideographs, combining marks, Hangul jamo and
# syllables (which compose across characters), and OCR whitespace.
TRICKY = (
    "０１２３４５６７８９ＡＢｃ，。；：（）％＋－"
    "ﬁ①②⑴²³㎡㎞℃№™…‥"
    "豈更車賈"
    "e\u0301a\u0308\u0327\u20dd"
    "\u1100\u1161\u11a8가각"
    " \t\u3000\u00a0\u2003"
    "高新区项目总投资亿元万个家平方米年月日"
)
tricky_text = st.text(alphabet=st.sampled_from(TRICKY), max_size=40)
any_text = st.text(max_size=40)


def test_golden_texts_are_there() -> None:
    assert len(TEXTS) >= 15


def test_nfkc_matches_unicodedata_on_the_golden_texts() -> None:
    for path in TEXTS:
        text = path.read_text(encoding="utf-8")
        assert nfkc(text) == unicodedata.normalize("NFKC", text), path.name


@settings(max_examples=400, deadline=None)
@given(st.one_of(tricky_text, any_text))
def test_nfkc_matches_unicodedata(text: str) -> None:
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


def _tails(text: str, width: int = 20, step: int = 5) -> list[str]:
    flat = text.replace("\n", "")
    return [flat[i : i + width] for i in range(0, max(len(flat) - width, 1), step)]


def test_segmenter_matches_jieba_on_the_golden_texts() -> None:
    jieba_tok, ours = tokenizer(), segmenter()
    tails = [t for path in TEXTS for t in _tails(path.read_text(encoding="utf-8"))]
    assert len(tails) > 1000
    for tail in tails:
        assert ours.cut(tail) == jieba_tok.lcut(tail, HMM=False), tail


@settings(max_examples=400, deadline=None)
@given(st.one_of(tricky_text, any_text, st.text(alphabet=st.sampled_from("高新区项目投资企业孵化器众创空间ab12 .%-_#，"), max_size=30)))
def test_segmenter_matches_jieba(text: str) -> None:
    assert segmenter().cut(text) == tokenizer().lcut(text, HMM=False)


def _as_tuples(lines: list[Line]) -> list[tuple[object, ...]]:
    return [
        (line.span.text, list(line.span.own_offsets()), line.raw, line.base, line.blank_before, line.markdown_heading)
        for line in lines
    ]


def _variants(text: str, seed: int) -> list[str]:
    rng = random.Random(seed)
    spaced = "\n".join(" ".join(line) if rng.random() < 0.3 else line for line in text.split("\n"))
    marked = "# " + text.replace("\n\n", "\n\n## ", 2).replace("。", "。**注**", 1) + "\n- 列表 项\n> 引用`代码`"
    table = "\n\n指标名称    单位   本月\t1-8月累计\n  其中：工业投资  亿元  —  141.76  11.2\n总投资  96.6  亿元\n"
    return [text, spaced, marked, text.replace("\n", "\n  \t"), text + "\n\n\n", text + table]


def _one_to_one(text: str, normal: str) -> bool:
    """split_lines takes the plain path only when NFKC kept every character in place."""
    return len(normal) == len(text) and normal.count("\n") == text.count("\n")


def test_plain_line_split_matches_the_careful_one() -> None:
    checked = 0
    for k, path in enumerate(TEXTS):
        for text in _variants(path.read_text(encoding="utf-8"), k):
            normal = nfkc(text)
            if not _one_to_one(text, normal) or has_written_tables(normal):
                continue  # split_lines takes the careful path for these
            checked += 1
            assert _as_tuples(_split_plain_lines(text, normal)) == _as_tuples(
                _split_lines_carefully(text, normal, True)
            ), path.name
    assert checked >= 50


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(TRICKY + "\n#*_`->+ab"), max_size=60))
def test_split_lines_paths_agree(text: str) -> None:
    normal = unicodedata.normalize("NFKC", text)
    if not _one_to_one(text, normal) or has_written_tables(normal):
        return  # only the careful path handles NFKC expansions and written tables
    assert _as_tuples(_split_plain_lines(text, normal)) == _as_tuples(_split_lines_carefully(text, normal, True))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("指标亿元投资12.3-— \t\u3000%，\n"), max_size=60))
def test_split_lines_paths_agree_on_table_like_lines(text: str) -> None:
    normal = unicodedata.normalize("NFKC", text)
    if not _one_to_one(text, normal) or has_written_tables(normal):
        return
    assert _as_tuples(_split_plain_lines(text, normal)) == _as_tuples(_split_lines_carefully(text, normal, True))


def test_the_plain_path_is_for_text_broken_only_at_newlines() -> None:
    # split_lines screens out, one by one, the characters str.splitlines breaks at too.
    breaks = {chr(c) for c in range(0x3000) if len(f"a{chr(c)}b".splitlines()) == 2}
    assert breaks - {"\n"} == set(LINE_BREAKS_OTHER)


def test_split_lines_keeps_the_offsets_of_the_original() -> None:
    raw = "高 新 区\n\n总投资１２亿元，\r\n# 标题\n"
    lines = split_lines(raw)
    assert [line.span.text for line in lines] == ["高新区", "总投资12亿元,", "标题"]
    for line in lines:
        for i, ch in enumerate(line.span.text):
            assert unicodedata.normalize("NFKC", raw[line.span.offset_at(i)]) == ch


def test_markdown_table_rows_become_cells_that_keep_their_offsets() -> None:
    raw = "上半年：\n| 指标 | 1-6月 |\n|:---|---:|\n| 投资（亿元） | 5 6.2 |\n文中 | 不是表格\n"
    lines = split_lines(raw)
    assert [line.span.text.split(CELL_SEPARATOR) for line in lines] == [
        ["上半年:"], ["指标", "1-6月"], ["投资(亿元)", "56.2"], ["文中|不是表格"]
    ]
    assert not any(line.blank_before for line in lines)  # the |---| line is no paragraph break
    for line in lines:
        for i, ch in enumerate(line.span.text):
            if ch != CELL_SEPARATOR:
                assert unicodedata.normalize("NFKC", raw[line.span.offset_at(i)]) == ch


def _place_of_by_finditer(text: str) -> str:
    """place_of as it was, with the regex scanning the whole text."""
    counts: Counter[str] = Counter()
    known = places()
    for m in PLACE.finditer(text):
        name = place_name(m.group(0), known)
        if name is not None:
            counts[name] += 1
    if not counts:
        return "本地"
    return counts.most_common(1)[0][0]


def test_place_of_matches_the_regex_scan_on_the_golden_texts() -> None:
    for path in TEXTS:
        text = path.read_text(encoding="utf-8")
        # Windows of every size and offset, so the place most named changes often.
        for width in (7, 30, 200, len(text)):
            for start in range(0, max(len(text) - width, 1), max(width // 3, 1)):
                window = text[start : start + width]
                assert place_of(window) == _place_of_by_finditer(window), (path.name, window)


# Places (up to the longest a match can be), parts of places and their end characters,
# words that end in one (全市, 上市), and the non-CJK characters that cut a name.
PLACE_PIECES = ["高新区", "郑州", "商南县", "金山区", "中沙镇", "临夏市", "中国西藏自治区", "木里藏族自治县", "卧龙自然保护区",
                "在", "全", "上", "区", "市", "县", "省", "镇", "高", "新", "科学城", ",", "。", "a", "1", " ", "\n"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PLACE_PIECES), max_size=30).map("".join))
def test_place_of_matches_the_regex_scan(text: str) -> None:
    assert place_of(text) == _place_of_by_finditer(text)


def _decode(code: int) -> str:
    return code.to_bytes(8, sys.byteorder).decode("utf-32-le", "surrogatepass")


def _check_pair_codes(text: str) -> None:
    pairs = {text[i : i + 2] for i in range(len(text) - 1)}
    assert {_decode(code) for code in _pairs(text)} == pairs
    assert len(_pairs(text)) == len(pairs)
    assert [_decode(code) for code in _codes(text)] == [text[i : i + 2] for i in range(0, len(text) - 1, 2)]


def test_pair_codes_are_the_pairs_on_the_golden_texts() -> None:
    for path in TEXTS:
        _check_pair_codes(path.read_text(encoding="utf-8"))


@settings(max_examples=400, deadline=None)
@given(st.one_of(tricky_text, any_text, st.text(alphabet=st.characters(min_codepoint=0xD7F0, max_codepoint=0xE010, exclude_categories=()))))
def test_pair_codes_are_the_pairs(text: str) -> None:
    # (The last alphabet holds lone surrogates, which a str may carry.)
    _check_pair_codes(text)


def _check_time_patterns_opening(text: str) -> None:
    for start in range(len(text)):
        allowed = {pat.name for _, pat in _patterns_opening_with(text[start])}
        for pat in time_patterns():
            m = pat.regex.match(text, start)
            if m and m.end() > start:
                assert pat.name in allowed, (pat.name, text[start : m.end()])


def test_time_patterns_opening_with_a_character_miss_no_match_on_the_golden_texts() -> None:
    for path in TEXTS:
        _check_time_patterns_opening(nfkc(path.read_text(encoding="utf-8")))


time_text = st.text(alphabet=st.sampled_from("0123456789一二三四五六七八九十两年月日底末初季度上下半前后今去明本全截至止目当近第期间以来十四五规划份旬,"), max_size=20)


@settings(max_examples=400, deadline=None)
@given(time_text)
def test_time_patterns_opening_with_a_character_miss_no_match(text: str) -> None:
    _check_time_patterns_opening(text)


def _check_time_screen(text: str) -> None:
    screen, orders = _time_screen()
    found = [(m.span(), orders[m.lastindex or 0]) for m in screen.finditer(text)]
    assert [span for span, _ in found] == [m.span() for m in time_screen().finditer(text)]
    patterns = time_patterns()
    for (start, _), order in found:
        # The pattern the grouped screen names is the first one that matches there.
        assert order == next(i for i, pat in enumerate(patterns) if pat.regex.match(text, start)), text[start:]


def test_grouped_time_screen_matches_the_plain_one_on_the_golden_texts() -> None:
    for path in TEXTS:
        _check_time_screen(nfkc(path.read_text(encoding="utf-8")))


@settings(max_examples=400, deadline=None)
@given(time_text)
def test_grouped_time_screen_matches_the_plain_one(text: str) -> None:
    _check_time_screen(text)


def test_time_patterns_opening_with_a_character_are_few() -> None:
    # The point of the analysis: most patterns are never tried at a character.
    assert len(_patterns_opening_with("目")) < len(time_patterns()) // 2
    assert {pat.name for _, pat in _patterns_opening_with("截")} >= {"until_year_end"}


def _sorted_alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!x)x"


def _check_alternation(words: tuple[str, ...], texts: list[str]) -> None:
    for wrap in ("{}", "^(?:{})", "(?:{})$"):
        plain = re.compile(wrap.format(_sorted_alternation(words)))
        trie = re.compile(wrap.format(alternation(words) or "(?!x)x"))
        for text in texts:
            assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)], (words, text)
            assert trie.sub("", text) == plain.sub("", text)


def test_trie_alternation_matches_the_sorted_one_for_the_lexicon_lists() -> None:
    cues(), time_words()  # (their word lists are registered when loaded)
    texts = [line for path in TEXTS[:6] for line in nfkc(path.read_text(encoding="utf-8")).splitlines() if line]
    assert len(_LEXICON_WORDS) > 50
    for known in list(_LEXICON_WORDS.values()):
        words = known.words
        _check_alternation(words, texts[:80] + list(words) + [a + b for a in words[:8] for b in words[:8]])


word = st.text(alphabet=st.sampled_from("投资额总项目a.*"), min_size=1, max_size=4)


@settings(max_examples=400, deadline=None)
@given(st.lists(word, max_size=8), st.lists(st.text(alphabet=st.sampled_from("投资额总项目a.*\n"), max_size=12), max_size=5))
def test_trie_alternation_matches_the_sorted_one(words: list[str], texts: list[str]) -> None:
    _check_alternation(tuple(words), texts + words)


def _project_by_regex_scan(sentence: str) -> str | None:
    if "项目" not in sentence and "园" not in sentence and "基地" not in sentence:
        return None
    for m in PROJECT.finditer(sentence):
        name = _clean(m.group(0))
        if len(name) >= 4 and _is_name(name):
            return name
    return None


def test_project_in_matches_the_regex_scan_on_the_golden_texts() -> None:
    for path in TEXTS:
        text = nfkc(path.read_text(encoding="utf-8"))
        for width in (20, 60, 150):
            for start in range(0, max(len(text) - width, 1), width // 2):
                window = text[start : start + width]
                assert project_in(window) == _project_by_regex_scan(window), window


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("项目产业园科技基地的、,;:。“”!?《》 \n高新区公司和及以其中2024年abc"), max_size=120))
def test_project_in_matches_the_regex_scan(text: str) -> None:
    assert project_in(text) == _project_by_regex_scan(text)


def _check_year_gate(text: str) -> None:
    # pipeline._reviewed_year runs the time patterns only where _writes_year says the
    # year stands before a 年: every year they find must pass that gate.
    for year in {t.year for t in find_time_expressions(text) if t.name == "year"} | set(reviewed_years(text)):
        if year is not None:
            assert _writes_year(text, year), (year, text)


def test_year_gate_misses_no_year_on_the_golden_texts() -> None:
    for path in TEXTS:
        for line in nfkc(path.read_text(encoding="utf-8")).splitlines():
            _check_year_gate(line)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("20193〇二零一九三年度回顾总结部署全年工作,。去今"), max_size=30))
def test_year_gate_misses_no_year(text: str) -> None:
    _check_year_gate(text)
