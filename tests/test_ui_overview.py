"""The overview from the store's counts: the same coverage, timeline and cards as from every fact.

The overview page no longer loads every fact; these tests check that what it shows from
`store.fact_counts` and the facts of the cards' indicators equals what the frame-based
functions give on all facts (after corrections of every kind), and that a clicked
timeline bar lists exactly the facts it counts.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import ui_factories  # noqa: F401 - first: puts the repo root on sys.path
from ui_factories import corrected_store, facts_frame, gold_facts

import store
from ui import charts
from ui import queries as q
from ui.format import format_value
from ui.indicators import load_indicator_meta


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    """The seed documents with their gold facts, and corrections of every kind."""
    return corrected_store(tmp_path / "facts.sqlite3")


def all_facts(conn: sqlite3.Connection, topics: tuple[str, ...] = ()) -> pd.DataFrame:
    facts = q.prepare_facts(store.facts_frame(conn), load_indicator_meta())
    return q.filter_facts(facts, q.FilterSpec(topics=topics))


TOPIC_CASES = [(), ("investment",), ("housing", "innovation")]


@pytest.mark.parametrize("topics", TOPIC_CASES, ids=lambda t: "+".join(t) or "all")
def test_coverage_from_counts_is_coverage_of_the_facts(conn, topics) -> None:
    counts = store.fact_counts(conn, q.COUNT_KEYS, topics=topics)
    expected = q.coverage(all_facts(conn, topics), store.documents_frame(conn), store.articles_frame(conn))
    got = q.coverage_from_counts(counts, len(store.documents_frame(conn)), len(store.articles_frame(conn)))
    assert got == expected


@pytest.mark.parametrize("topics", TOPIC_CASES, ids=lambda t: "+".join(t) or "all")
def test_timeline_counts_are_the_facts_on_the_timeline(conn, topics) -> None:
    counts = q.timeline_counts(store.fact_counts(conn, q.COUNT_KEYS, topics=topics))
    expected = q.count_timeline(q.timeline_frame(all_facts(conn, topics)))
    pd.testing.assert_frame_equal(counts, expected, check_dtype=False)


@pytest.mark.parametrize("topics", TOPIC_CASES, ids=lambda t: "+".join(t) or "all")
def test_cards_from_their_indicators_facts_are_the_cards_of_all_facts(conn, topics) -> None:
    names = q.card_indicators(store.fact_counts(conn, q.CARD_COUNT_KEYS, topics=topics))
    subset = q.prepare_facts(store.facts_frame(conn, topics=topics, indicators=names), load_indicator_meta())
    cards = q.headline_cards(subset)
    assert cards and cards == q.headline_cards(all_facts(conn, topics))


def test_card_order_breaks_ties_by_name() -> None:
    counts = pd.Series({"乙": 3, "甲": 3, "完成投资": 1, "丙": 5})
    assert q._card_order(counts) == ["完成投资", "丙", "乙", "甲"]


def test_a_bar_lists_the_facts_it_counts(conn) -> None:
    facts = all_facts(conn)
    for row in q.timeline_counts(store.fact_counts(conn, q.COUNT_KEYS)).itertuples():
        key = q.bucket_key(row.topic, row.month)
        topic, month = q.parse_bucket(key)
        listed = q.timeline_bucket(facts, topic, month)
        assert (len(listed), set(listed["topic"])) == (row.n, {row.topic}), key


@pytest.mark.parametrize("key", [None, "", "abc", "3f2a9c0d1e4b5a67", "bucket|investment", "bucket|x|2024-13"])
def test_a_point_is_not_a_bar(key) -> None:
    assert q.parse_bucket(key) is None


def test_counts_figure_bars_carry_their_click_keys(conn) -> None:
    counts = q.timeline_counts(store.fact_counts(conn, q.COUNT_KEYS))
    fig = charts.timeline_counts_figure(counts)
    keys = [c[0] for trace in fig.data for c in trace.customdata]
    assert all(q.parse_bucket(k) for k in keys)
    assert sum(sum(trace.y) for trace in fig.data) == counts["n"].sum()
    assert {t.type for t in fig.data} == {"bar"}


# --- prepare_facts' grouped per-row work --------------------------------------------------------


def test_memo_is_the_function_applied_to_each_row() -> None:
    a = ["x", None, "x", "y", None, "y"]
    b = pd.Series([1.0, 2.0, 1.0, np.nan, 2.0, np.nan])
    got = q._memo(lambda x, y: (x, None if pd.isna(y) else y), a, b)
    assert got == [("x", 1.0), (None, 2.0), ("x", 1.0), ("y", None), (None, 2.0), ("y", None)]


def test_value_labels_are_format_value_of_each_fact() -> None:
    facts = q.prepare_facts(facts_frame(list(gold_facts())), load_indicator_meta())
    expected = [
        format_value(v, u, unit, qual, ind)
        for v, u, unit, qual, ind in zip(facts["value_std"], facts["unit_std"], facts["unit"], facts["qualifier"],
                                          facts["indicator"])
    ]
    assert facts["value_label"].tolist() == expected
