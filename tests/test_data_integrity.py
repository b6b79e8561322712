"""The rule data in extract/data/ is consistent: every file parses, every regex compiles,
no keyword is listed twice, and every indicator a rule can emit has metadata."""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from pathlib import Path

import jieba
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
            if isinstance(words, (list, tuple)):
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


# --- places.txt: jieba's place names ----------------------------------------------------

PLACE_NAME = re.compile(r"[\u4e00-\u9fff]{2,6}[省市县区镇]")
# Tagged ns in jieba but generic areas, not places an item is about.
# (…山区, …城区 stay: 萧山区 and 东城区 are districts.)
GENERIC_AREA = re.compile(r"(?:地区|库区|半区|牧区|灾区|景区|郊区|市区|街区|社区|小区|园区|一日三省)$")


def derive_places() -> list[str]:
    """places.txt's names, from jieba's bundled dictionary (word, frequency, tag)."""
    names: set[str] = set()
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) == 3 and parts[2] == "ns" and PLACE_NAME.fullmatch(parts[0]) and not GENERIC_AREA.search(parts[0]):
                names.add(parts[0])
    return sorted(names)


def test_places_are_derived_from_jieba() -> None:
    text = (DATA / "places.txt").read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert header, "places.txt says where its names came from"
    assert sorted(lexicon.places()) == derive_places()
    assert {"淮南市", "临颍县", "湖北省", "郑州市", "萧山区", "东城区"} <= lexicon.places()
    assert not {"全市", "拉动全市", "上市", "未来社区"} & lexicon.places()


if __name__ == "__main__" and "--write-places" in sys.argv:
    body = "\n".join(derive_places())
    header = "".join(line + "\n" for line in (DATA / "places.txt").read_text(encoding="utf-8").splitlines() if line.startswith("#"))
    (DATA / "places.txt").write_text(header + body + "\n", encoding="utf-8")
