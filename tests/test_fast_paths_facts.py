"""Fast paths of the fourth round of speed work give exactly what their references give.

Each shortcut is checked against the plain code it replaced, on the golden texts and on
random text:
- `pipeline._without_whitespace`, which skips WHITESPACE_RUN.sub when a quote holds no
  " " and is printable, against the plain substitution;
- `normalize._plain_line_table`'s test of a line's first character by string order
  (text >= "\\x80") for `ord(text[0]) > 0x7F`, through `split_line_table` on pages NFKC
  leaves in place, against the careful line-by-line path;
- `pipeline._fact_in_order`, which sets a fact's slots through `_FACT_SETTERS`, and the
  confidence penalties held as Final floats, against Fact(...) and CONFIDENCE_PENALTIES.
"""

from __future__ import annotations

import sys
from dataclasses import fields
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.fact import Fact
from extract.normalize import Line, _nfkc_in_place, _split_lines_carefully, split_line_table
from extract.pipeline import (
    _CHINESE_NUMERAL_PENALTY,
    _DEFAULT_PERIOD_PENALTY,
    _FACT_SETTERS,
    _GENERIC_PENALTY,
    _HEADLINE_PENALTY,
    _INFERRED_YEAR_PENALTY,
    CONFIDENCE_PENALTIES,
    WHITESPACE_RUN,
    _fact_in_order,
    _without_whitespace,
)

GOLDEN = Path(__file__).resolve().parent / "golden"
TEXTS = sorted(GOLDEN.rglob("*.txt"))
SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))

# Every character str.isspace (and re's \s) holds, and a few printable neighbours.
WHITESPACE = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
EDGE_CHARACTERS = WHITESPACE + "\u200b\ufeff\x00\x7f\x80\xa0高新区12.5亿元,。ab"


def test_the_texts_are_there() -> None:
    assert TEXTS and SEEDS


def test_without_whitespace_matches_the_substitution_on_the_golden_lines() -> None:
    for path in TEXTS + SEEDS:
        text = path.read_text(encoding="utf-8")
        for line in text.split("\n"):
            assert _without_whitespace(line) == WHITESPACE_RUN.sub("", line), (path.name, line)
        for start in range(0, len(text), 97):  # pieces across line breaks, as quotes are
            piece = text[start : start + 40]
            assert _without_whitespace(piece) == WHITESPACE_RUN.sub("", piece), (path.name, start)


def test_without_whitespace_on_each_whitespace_character() -> None:
    for ch in WHITESPACE:
        for text in (ch, f"总投资{ch}66亿元", f"{ch}{ch}项目", f"项目{ch}"):
            assert _without_whitespace(text) == WHITESPACE_RUN.sub("", text), repr(text)
    assert _without_whitespace("") == ""
    assert _without_whitespace("总投资\u200b66亿元") == "总投资\u200b66亿元"  # (not whitespace to \s)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(EDGE_CHARACTERS), max_size=30))
def test_without_whitespace_matches_the_substitution(text: str) -> None:
    assert _without_whitespace(text) == WHITESPACE_RUN.sub("", text)


def test_string_order_tells_a_non_ascii_first_character() -> None:
    for code in [*range(0x00, 0x100), 0x3000, 0x4E00, 0xFF03, 0x10000, sys.maxunicode]:
        for rest in ("", "\x00", "#", "高"):
            text = chr(code) + rest
            assert (text >= "\x80") == (ord(text[0]) > 0x7F), repr(text)


def _as_tuples(lines: list[Line]) -> list[tuple[object, ...]]:
    return [(ln.span.text, list(ln.span.own_offsets()), ln.raw, ln.base, ln.blank_before, ln.markdown_heading) for ln in lines]


def _check_plain_table(text: str) -> None:
    normal, in_place = _nfkc_in_place(text)
    if not in_place or any(ch in text for ch in "\r\v\f\x1c\x1d\x1e\x85\u2028\u2029|"):
        return  # (the careful path's cases: not what the first-character test is on)
    plain = split_line_table(text).lines()
    assert _as_tuples(plain) == _as_tuples(_split_lines_carefully(text, normal, True)), repr(text)


def test_plain_line_table_matches_the_careful_path_on_marked_lines() -> None:
    for first in ["#", "# ", "-", "- ", "*", "* ", "+ ", "> ", ">", "\x7f", "\x80", "\xa0", "高", "a", "1", "\u3000"]:
        _check_plain_table(f"{first}新区项目\n\n{first}总投资12亿元\n  # 标题\n高新区")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("#*_`->+ \t\n\x7f\x80\xa0高新区12亿元,ab"), max_size=60))
def test_plain_line_table_matches_the_careful_path(text: str) -> None:
    _check_plain_table(text)


def test_fact_setters_follow_the_fields() -> None:
    assert len(_FACT_SETTERS) == len(fields(Fact))
    values = {f.name: f"v{i}" for i, f in enumerate(fields(Fact))}
    values["value"] = values["value_std"] = Decimal("1.5")
    built = _fact_in_order(tuple(values.values()))
    assert built == Fact(**values)  # type: ignore[arg-type]


def test_penalties_are_those_of_the_table() -> None:
    assert (
        _GENERIC_PENALTY,
        _DEFAULT_PERIOD_PENALTY,
        _INFERRED_YEAR_PENALTY,
        _CHINESE_NUMERAL_PENALTY,
        _HEADLINE_PENALTY,
    ) == (
        CONFIDENCE_PENALTIES["generic_indicator"],
        CONFIDENCE_PENALTIES["default_period"],
        CONFIDENCE_PENALTIES["inferred_year"],
        CONFIDENCE_PENALTIES["chinese_numeral"],
        CONFIDENCE_PENALTIES["headline"],
    )
