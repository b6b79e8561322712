"""Fast paths of page splitting give exactly what their plain references give.

- `normalize._plain_line_table` answers each line's `isprintable()` once per page when
  the page's lines are printable end to end, and rules out markdown markers by the code
  of a line's first character: checked against the careful line-by-line path on pages
  that mix printable and unprintable lines and on lines opening with every marker;
- `normalize._drop_whitespace` told that its line is printable gives what it gives when
  it finds out by itself;
- `articles._is_publication_line` calls dates.PAGE_HEADER.fullmatch only on a line that
  opens with PAGE_HEADER_OPENINGS: checked against the pattern's alternatives and on
  short lines;
- `articles._best_match` scores pieces by sets of int pair codes (_pairs) instead of
  sets of two-character strings: checked against the string version it replaced, on
  the golden texts cut into items and pieces.

New cases for these paths go here; those of earlier fast paths are in test_fast_paths.py.
"""

from __future__ import annotations

import math
import random
import re
from array import array
from collections import Counter
from itertools import chain
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.articles import PAGE_HEADER_OPENINGS, ArticleText, _best_match, _pairs, _pairs_among, _word_chars
from extract.dates import PAGE_HEADER
from extract.normalize import (
    Line,
    Span,
    _counting,
    _drop_whitespace,
    _split_lines_carefully,
    _split_plain_lines,
    has_written_tables,
    nfkc,
)

GOLDEN = Path(__file__).resolve().parent / "golden"
TEXTS = sorted(GOLDEN.rglob("*.txt"))


def _as_tuples(lines: list[Line]) -> list[tuple[object, ...]]:
    return [
        (line.span.text, list(line.span.own_offsets()), line.raw, line.base, line.blank_before, line.markdown_heading)
        for line in lines
    ]


def _plain_matches_careful(text: str) -> bool:
    normal = nfkc(text)
    if len(normal) != len(text) or normal.count("\n") != text.count("\n") or has_written_tables(normal):
        return True  # split_lines takes the careful path for these
    return _as_tuples(_split_plain_lines(text, normal)) == _as_tuples(_split_lines_carefully(text, normal, True))


# Pages whose lines are not all printable: the per-line isprintable() must still decide.
CASES_UNPRINTABLE = [
    "高新区项目\n总投资\u3000５亿元\n科 学 城",  # an ideographic space on one line
    "标题\n\n本报讯\t3月1日，开工\n记者 张三",  # a tab
    "第一行\n第二行\u00a0有不换行空格\n第三行",
    "行\u2003一\n\n行二\x07响铃\n行三",
    "全部可打印\n没有空白\n两行",  # (printable: the page-level answer)
]
# Lines opening with each markdown marker, its full-width form, and CJK or ASCII text.
CASES_MARKDOWN = [
    "# 标题\n正文一行\n## 小标题\n- 列表项\n* 星号\n+ 加号\n> 引用\n",
    "＃ 全角井号\n－ 全角减号\n＊全角星号\n＞全角大于\n",
    "#无空格标题\n-12.5%\n*注\n>引\n+3个\n",
    "Abc 正文\n123 个\n高新区 #号\n正文**加粗**文字\n`代码`\n__下划线__\n",
]


@pytest.mark.parametrize("text", CASES_UNPRINTABLE + CASES_MARKDOWN)
def test_plain_line_table_matches_the_careful_path(text: str) -> None:
    assert _plain_matches_careful(text)


def test_plain_line_table_matches_on_golden_pages_with_an_unprintable_line() -> None:
    checked = 0
    for k, path in enumerate(TEXTS):
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        # One line made unprintable (a tab in it): the page-level answer is off, and
        # each line is tested on its own.
        i = random.Random(k).randrange(len(lines))
        lines[i] = lines[i][:3] + "\t" + lines[i][3:]
        assert _plain_matches_careful("\n".join(lines)), path.name
        assert _plain_matches_careful(text), path.name
        checked += 1
    assert checked >= 20


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("高新区投资亿元12.3ab \t\u3000\u00a0\x07\n#-*+>＃＞**__`，。"), max_size=60))
def test_plain_line_table_paths_agree(text: str) -> None:
    assert _plain_matches_careful(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("高新区投资亿元12.3ab AB-%  "), min_size=1, max_size=40))
def test_drop_whitespace_told_printable_is_the_same(text: str) -> None:
    assert text.isprintable()
    counting = _counting(len(text) + 10)
    told, found = array("q"), array("q")
    assert _drop_whitespace(text, 5, told, counting, True) == _drop_whitespace(text, 5, found, counting)
    assert told == found


def _bigrams(text: str) -> set[str]:
    """The pairs of neighbouring word characters, as strings (the reference)."""
    chars = _word_chars(text)
    return {a + b for a, b in zip(chars, chars[1:])}


def _best_match_by_strings(bodies: list[str], piece: str) -> tuple[int, list[float]]:
    """_best_match as it was: sets of two-character strings, looked up in the bodies."""
    n = len(bodies)
    grams = _bigrams(piece)
    present = [{g for g in grams if g in body} for body in bodies]
    idf_of_df = [math.log((n + 1) / (df + 0.5)) for df in range(n + 1)]
    df = Counter(chain.from_iterable(present))
    sizes = [max(len(b), 1) for b in bodies]
    scores = [
        sum(idf_of_df[df[g]] for g in present[i]) / math.sqrt(len(grams) * sizes[i]) if present[i] else 0.0
        for i in range(n)
    ]
    return max(range(n), key=lambda i: (scores[i], -i)), scores


def _best_match_by_codes(bodies: list[str], piece: str) -> int:
    articles = [ArticleText(index=i, paragraphs=[Span(body, range(len(body)))]) for i, body in enumerate(bodies)]
    grams = _pairs(_word_chars(piece))
    pairs = [_pairs_among(body, grams) for body in bodies]
    return _best_match(articles, grams, pairs, [max(len(b), 1) for b in bodies]).index


def _items_and_pieces(text: str, seed: int) -> tuple[list[str], list[str]]:
    """A golden text cut into four items and a few pieces taken out of them."""
    rng = random.Random(seed)
    paragraphs = [p for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    rng.shuffle(paragraphs)
    pieces = paragraphs[:3]
    rest = paragraphs[3:] or [""]
    bodies = ["".join(rest[i::4]) for i in range(4)]
    return bodies, pieces


def test_best_match_by_codes_matches_the_string_version() -> None:
    checked = 0
    for k, path in enumerate(TEXTS):
        bodies, pieces = _items_and_pieces(path.read_text(encoding="utf-8"), k)
        for piece in pieces:
            expected, scores = _best_match_by_strings(bodies, piece)
            ranked = sorted(scores, reverse=True)
            if len(ranked) > 1 and ranked[0] and math.isclose(ranked[0], ranked[1], rel_tol=1e-12):
                continue  # a tie within rounding: the order of the sums may decide it
            assert _best_match_by_codes(bodies, piece) == expected, path.name
            checked += 1
    assert checked >= 30


@pytest.mark.parametrize(
    "bodies, piece",
    [
        (["高新区项目总投资", "科学城建设综合服务", ""], "科学城建设"),  # an empty item
        (["高新区", "高新区"], "高新区"),  # a tie goes to the first item
        (["abc", "ABC"], "ab"),  # letters, case kept
        (["，。", "高新"], "，。"),  # a piece without word characters
        (["A_B高", "AB高"], "A_B"),  # "_" is no word character
        (["𠀀𠀁高新", "高新"], "𠀀𠀁"),  # characters beyond the BMP
    ],
)
def test_best_match_edge_cases(bodies: list[str], piece: str) -> None:
    assert _best_match_by_codes(bodies, piece) == _best_match_by_strings(bodies, piece)[0]


def test_pairs_are_the_string_bigrams_coded() -> None:
    for text in ["高新区营业收入突破千亿元", "A_B 1,2", "", "高", "𠀀𠀁高"]:
        codes = {int.from_bytes(g.encode("utf-32-le"), "little") for g in _bigrams(text)}
        assert _pairs(_word_chars(text)) == codes


def test_every_page_header_opens_with_a_listed_opening() -> None:
    # Each alternative of the pattern (none holds a "|" inside a class) opens so.
    for alternative in PAGE_HEADER.pattern.split("|"):
        assert alternative.startswith(PAGE_HEADER_OPENINGS), alternative


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("第星期一二三五日天版 12AB报年月"), max_size=8))
def test_page_header_screen_misses_no_match(text: str) -> None:
    if PAGE_HEADER.fullmatch(text):
        assert text.startswith(PAGE_HEADER_OPENINGS)
