"""Counts for the overview page, made by SQLite from the query columns (no JSON decoded).

The overview needs how many facts there are per topic, date and indicator, not the facts
themselves: SQLite counts 50,000 facts from the `facts_overview` index in a few tens of
milliseconds, where loading and decoding them takes about a second.

People's corrections are honoured exactly: the stored (extracted) values of corrected
facts are taken out of the SQL counts and their corrected values put back (unless
rejected), through the same overlay as `facts_frame`. Corrected facts are few, so that
part is cheap.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

import pandas as pd

from store.db import StoreError
from store.queries import _CORRECTED, read_facts

# Fields a count can be grouped by: the facts table's query columns.
COUNT_FIELDS: tuple[str, ...] = ("topic", "indicator", "unit_std", "period", "article_date")


def fact_counts(conn: sqlite3.Connection, by: Sequence[str], *, topics: Sequence[str] = ()) -> pd.DataFrame:
    """Current facts (corrections applied, rejected left out) counted by the fields `by`.

    Columns: the `by` fields (None where a fact has no value or ""), `n` (facts) and
    `checked` (of them, checked by a person); only groups with facts, sorted by the `by`
    fields, missing values first. `topics` keeps facts whose topic, as corrected, is one
    of them (empty = all).

    >>> fact_counts(conn, ["topic"])  # doctest: +SKIP
             topic   n  checked
    0  enterprises  14        0
    1   investment  52        3
    """
    by = list(by)
    unknown = [f for f in by if f not in COUNT_FIELDS]
    if not by or unknown:
        raise StoreError(f"不能按这些字段计数：{unknown or by}")
    keys = ", ".join(f"NULLIF({f}, '')" for f in by)
    where, params = "", list(topics)
    if topics:
        where = f"topic IN ({', '.join('?' * len(topics))})"
    cursor = conn.cursor()
    cursor.row_factory = None
    # All facts as extracted ...
    stored = cursor.execute(
        f"SELECT {keys}, count(*) FROM facts {'WHERE ' + where if where else ''}"
        f" GROUP BY {keys} ORDER BY {keys}",
        params,
    ).fetchall()
    counted = pd.DataFrame(stored, columns=[*by, "n"]).astype({f: object for f in by})
    counted = counted.assign(n=counted["n"].astype("int64"), checked=0)
    if cursor.execute(f"SELECT 1 FROM facts WHERE {_CORRECTED} LIMIT 1").fetchone() is None:
        return counted
    # ... minus the corrected ones as extracted, plus them as people left them.
    taken_out = cursor.execute(
        f"SELECT {keys}, -count(*) FROM facts WHERE {_CORRECTED} {'AND ' + where if where else ''}"
        f" GROUP BY {keys}",
        params,
    ).fetchall()
    corrected = read_facts(conn, topics=topics, corrected_only=True)
    parts = [
        counted,
        pd.DataFrame(taken_out, columns=[*by, "n"]).assign(checked=0),
        corrected[by].assign(n=1, checked=corrected["checked"].astype(int).to_numpy()),
    ]
    rows = _missing_as_none(pd.concat(parts, ignore_index=True), by)
    summed = rows.groupby(by, dropna=False, sort=False)[["n", "checked"]].sum().reset_index()
    summed = _missing_as_none(summed[summed["n"] > 0], by).astype({"n": "int64", "checked": "int64"})
    return summed.sort_values(by, na_position="first", kind="stable").reset_index(drop=True)


def _missing_as_none(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Key columns as Python objects with None for a missing value (SQL NULL, NaN, "")."""
    out = frame.copy()
    for column in keys:
        values = out[column].astype(object)
        out[column] = values.where(values.notna() & (values != ""), None)
    return out
