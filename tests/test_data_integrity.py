"""The rule data in extract/data/ is consistent: every file parses, every regex compiles,
no keyword is listed twice, and every indicator a rule can emit has metadata."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from extract import lexicon
from extract.fact import TOPICS, UNIT_STDS
from extract.pipeline import extract_document

DATA = Path(lexicon.data_path("units.yaml")).parent


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.yaml")))
def test_data_file_parses_and_says_where_its_words_came_from(name: str) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    assert text.startswith("#"), "each data file opens with a comment on its sources"
    assert lexicon.load_yaml(name) is not None


def test_time_patterns_compile() -> None:
    for pattern in lexicon.time_patterns():
        assert isinstance(pattern.regex, re.Pattern)
        assert pattern.kind in ("point", "cumulative", "year", "event")


def test_every_indicator_has_complete_metadata() -> None:
    for meta in lexicon.indicator_meta().values():
        assert meta.name and meta.unit and meta.description, meta.name
        assert meta.topic in TOPICS, meta.name
        assert set(meta.unit_std) <= set(UNIT_STDS), meta.name
        assert meta.kind in ("stock", "flow", "rate", "rank", "plan"), meta.name
        assert meta.status in (None, "actual", "plan") and meta.status_default in ("actual", "plan")


def test_every_unit_class_has_a_fallback_indicator() -> None:
    for unit_std in UNIT_STDS:
        if unit_std != "rank":
            assert lexicon.generic_indicator(unit_std) in lexicon.indicator_meta()


def test_rank_indicators_exist() -> None:
    assert {"排名", "排名变化"} <= set(lexicon.indicator_meta())


def test_no_keyword_listed_twice_within_a_unit_class() -> None:
    for unit_std in UNIT_STDS:
        counts = Counter(kw for kw, _ in lexicon.keyword_index(unit_std))
        assert [kw for kw, n in counts.items() if n > 1] == [], unit_std


def test_no_cue_word_listed_twice() -> None:
    data = lexicon.cues()
    for group in ("status", "topic", "nonfact"):
        for name, words in data[group].items():
            if isinstance(words, list):
                assert len(words) == len(set(words)), (group, name)


def test_units_have_a_known_class() -> None:
    for info in lexicon.units().values():
        assert info.unit_std in UNIT_STDS and info.factor > 0


def test_emitted_indicators_have_metadata() -> None:
    root = Path(__file__).resolve().parent.parent
    meta = lexicon.indicator_meta()
    for path in sorted((root / "seeds").glob("*.txt")) + sorted((root / "tests" / "golden" / "dev" / "docs").glob("*.txt")):
        for fact in extract_document(path.read_text(encoding="utf-8"), path.name):
            assert fact.indicator in meta, (path.name, fact.indicator)
