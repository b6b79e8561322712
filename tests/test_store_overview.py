"""The store's fast read paths: bulk-decoded facts and SQL counts, both with corrections.

Each fast path is checked against the plain one it replaces: `facts_frame` decoded by
pyarrow against the same rows decoded one by one, `fact_counts` against counting
`facts_frame` in pandas, after people approved, edited (topic, period, indicator),
rejected and restored facts.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest
import ui_factories  # noqa: F401 - first: puts the repo root on sys.path
from ui_factories import SEEDS, corrected_store, fake_extract_articles

import store
from store import queries as store_queries

COUNT_BYS = [
    ("topic",),
    ("topic", "article_date", "period"),
    ("indicator", "period"),
    ("unit_std", "indicator"),
]


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    """The seed documents with their gold facts, and corrections of every kind."""
    return corrected_store(tmp_path / "facts.sqlite3")


@pytest.fixture
def plain_conn(tmp_path: Path) -> sqlite3.Connection:
    conn = store.connect(tmp_path / "plain.sqlite3")
    store.ingest_paths(conn, sorted(SEEDS.iterdir()), extract=fake_extract_articles)
    return conn


def row_by_row(conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch, **kwargs: object) -> pd.DataFrame:
    """facts_frame with the bulk decoder switched off: every row through json.loads."""
    with monkeypatch.context() as m:
        m.setattr(store_queries, "_decode_bulk", lambda rows: None)
        return store.facts_frame(conn, **kwargs)  # type: ignore[arg-type]


# --- facts_frame: bulk decoding --------------------------------------------------------------


def test_current_fact_rows_are_decoded_in_bulk() -> None:
    # If a Fact field got a type without an Arrow counterpart, every read would silently
    # fall back to the slow path.
    assert store_queries._arrow_schema() is not None


@pytest.mark.parametrize("include_rejected", [False, True])
def test_bulk_decoding_gives_the_row_by_row_frame(conn, monkeypatch, include_rejected) -> None:
    fast = store.facts_frame(conn, include_rejected=include_rejected)
    pd.testing.assert_frame_equal(fast, row_by_row(conn, monkeypatch, include_rejected=include_rejected))


def test_bulk_decoding_without_corrections(plain_conn, monkeypatch) -> None:
    pd.testing.assert_frame_equal(store.facts_frame(plain_conn), row_by_row(plain_conn, monkeypatch))


def test_rows_that_do_not_fit_the_schema_are_read_one_by_one(plain_conn) -> None:
    # A row written by another engine version with a number where text is expected.
    fact_id = store.facts_frame(plain_conn)["fact_id"].iloc[0]
    plain_conn.execute("UPDATE facts SET data = json_set(data, '$.subject', 42) WHERE fact_id = ?", (fact_id,))
    frame = store.facts_frame(plain_conn).set_index("fact_id")
    assert frame.loc[fact_id, "subject"] == 42


@pytest.mark.parametrize(
    "topics, indicators",
    [(("investment",), ()), ((), ("完成投资", "企业数")), (("housing", "investment"), ("完成投资",))],
)
def test_narrowed_read_is_the_filtered_frame(conn, topics, indicators) -> None:
    everything = store.facts_frame(conn)
    keep = pd.Series(True, index=everything.index)
    if topics:
        keep &= everything["topic"].isin(topics)
    if indicators:
        keep &= everything["indicator"].isin(indicators)
    expected = everything[keep].reset_index(drop=True)
    pd.testing.assert_frame_equal(store.facts_frame(conn, topics=topics, indicators=indicators), expected)


def test_narrowed_read_follows_corrections(conn) -> None:
    moved = store.facts_frame(conn).query("corrected_fields == 'topic'")["fact_id"].iloc[0]
    assert moved in set(store.facts_frame(conn, topics=("housing",))["fact_id"])


# --- fact_counts: SQL counts with the overlay -------------------------------------------------


def counted_in_pandas(frame: pd.DataFrame, by: tuple[str, ...]) -> pd.DataFrame:
    keys = frame[list(by)].astype(object)
    keys = keys.where(keys.notna() & (keys != ""), None)
    grouped = keys.assign(n=1, checked=frame["checked"].astype(int)).groupby(list(by), dropna=False)
    out = grouped[["n", "checked"]].sum().reset_index()
    out[list(by)] = out[list(by)].astype(object).where(out[list(by)].notna(), None)
    return out.sort_values(list(by), na_position="first", kind="stable").reset_index(drop=True)


@pytest.mark.parametrize("by", COUNT_BYS, ids="+".join)
def test_counts_are_the_counts_of_the_frame(conn, by) -> None:
    expected = counted_in_pandas(store.facts_frame(conn), by)
    pd.testing.assert_frame_equal(store.fact_counts(conn, by), expected, check_dtype=False)


@pytest.mark.parametrize("by", COUNT_BYS, ids="+".join)
def test_counts_without_corrections(plain_conn, by) -> None:
    expected = counted_in_pandas(store.facts_frame(plain_conn), by)
    pd.testing.assert_frame_equal(store.fact_counts(plain_conn, by), expected, check_dtype=False)


@pytest.mark.parametrize("topics", [("housing",), ("investment", "innovation")])
def test_counts_of_some_topics(conn, topics) -> None:
    frame = store.facts_frame(conn)
    expected = counted_in_pandas(frame[frame["topic"].isin(topics)], ("topic", "period"))
    counted = store.fact_counts(conn, ("topic", "period"), topics=topics)
    pd.testing.assert_frame_equal(counted, expected, check_dtype=False)


def test_counts_honour_each_kind_of_correction(conn) -> None:
    frame = store.facts_frame(conn, include_rejected=True)
    counts = store.fact_counts(conn, ("topic",))
    assert counts["n"].sum() == len(frame) - int(frame["rejected"].sum())
    assert counts["checked"].sum() == int(frame.loc[~frame["rejected"], "checked"].sum()) > 0


def test_counts_of_an_empty_store(tmp_path) -> None:
    counts = store.fact_counts(store.connect(tmp_path / "empty.sqlite3"), ("topic", "period"))
    assert (len(counts), list(counts.columns)) == (0, ["topic", "period", "n", "checked"])


@pytest.mark.parametrize("by", [(), ("data",), ("topic", "sentence")])
def test_counts_only_by_query_columns(plain_conn, by) -> None:
    with pytest.raises(store.StoreError):
        store.fact_counts(plain_conn, by)


# --- query columns ------------------------------------------------------------------------------


def test_query_columns_are_the_json_fields(plain_conn) -> None:
    rows = plain_conn.execute(
        "SELECT period IS json_extract(data, '$.period') AND article_date IS json_extract(data, '$.article_date')"
        " FROM facts"
    ).fetchall()
    assert rows and all(r[0] for r in rows)
