"""Indicator metadata is read through one function and degrades gracefully."""

import sys

import pandas as pd
import ui_factories  # noqa: F401 - first: puts the repo root on sys.path
from ui_factories import facts_frame, make_fact

from ui import indicators


def test_metadata_loads_when_the_engine_has_it():
    meta = indicators.load_indicator_meta()
    for info in meta.values():
        assert info.kind in indicators.KINDS
        assert info.name


def test_missing_metadata_module_gives_an_empty_table(monkeypatch):
    monkeypatch.setitem(sys.modules, "extract.lexicon", None)  # import fails
    assert indicators.load_indicator_meta() == {}


def test_broken_metadata_file_gives_an_empty_table(monkeypatch):
    import extract.lexicon

    def broken():
        raise FileNotFoundError("indicators.yaml")

    monkeypatch.setattr(extract.lexicon, "indicator_meta", broken)
    assert indicators.load_indicator_meta() == {}


def test_infer_kind_from_granularity_and_unit():
    assert indicators.infer_kind("某指标", "CNY", "day") == "stock"
    assert indicators.infer_kind("某指标", "CNY", "quarter") == "flow"
    assert indicators.infer_kind("某比例", "percent", "year") == "rate"
    assert indicators.infer_kind("名次", "rank", "year") == "rank"


def test_glossary_lists_undocumented_indicators_too():
    frame = facts_frame([make_fact(indicator="没有说明的指标")])
    table = indicators.glossary_frame(frame, {})
    row = table[table["指标"] == "没有说明的指标"].iloc[0]
    assert row["事实数"] == 1
    assert "暂无说明" in row["说明"]
    assert row["单位"] == "亿元"


def test_glossary_of_nothing():
    assert indicators.glossary_frame(pd.DataFrame(columns=["indicator"]), {}).empty
