"""Read side: the stored facts with people's corrections laid over them, as DataFrames.

The overlay is computed here, at read time, and never written back into `facts`: the
extractor owns `facts` (it replaces them on every re-extraction), people own
`corrections`, and what the dashboard shows is the first with the second applied.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import pandas as pd

from extract.fact import FACT_FIELDS, decimal_to_number
from store.db import StoreError
from store.units import unit_table

EXTRA_COLUMNS = ("checked", "corrected_fields", "document_id", "extractor_version")
FACT_COLUMNS: tuple[str, ...] = FACT_FIELDS + EXTRA_COLUMNS
_FLOAT_COLUMNS = ("value", "value_std", "confidence")
_INT_COLUMNS = ("article_index", "start", "end", "sentence_start", "sentence_end", "document_id")


@dataclass(slots=True)
class Overlay:
    """A fact as people left it: the extracted row with their corrections applied."""

    row: dict[str, Any]  # Fact.to_row() keys, corrected
    checked: bool = False  # a person approved or edited it
    rejected: bool = False  # a person said it is not a fact
    corrected_fields: list[str] = field(default_factory=list)  # in the order first edited


def apply_corrections(extracted: dict[str, Any], corrections: list[sqlite3.Row]) -> Overlay:
    """Fold a fact's corrections (oldest first) over its extracted row.

    approve -> checked; edit -> field replaced, checked; reject -> hidden; restore ->
    shown again. E.g. 总投资 66 亿元 with an edit of value to 70 -> value 70,
    value_std 7e9, checked, corrected_fields ["value"].
    """
    overlay = Overlay(dict(extracted))
    for c in corrections:
        action = c["action"]
        if action == "approve":
            overlay.checked, overlay.rejected = True, False
        elif action == "edit":
            overlay.row[c["field"]] = json.loads(c["new_value"])
            if c["field"] not in overlay.corrected_fields:
                overlay.corrected_fields.append(c["field"])
            overlay.checked, overlay.rejected = True, False
        elif action == "reject":
            overlay.rejected = True
        elif action == "restore":
            overlay.rejected = False
    if "value" in overlay.corrected_fields or "unit" in overlay.corrected_fields:
        _restandardise(extracted, overlay.row)
    return overlay


def _restandardise(extracted: dict[str, Any], row: dict[str, Any]) -> None:
    """Recompute value_std (and unit_std) after a person changed the value or the unit."""
    value = Decimal(str(row["value"]))
    table = unit_table()
    if row["unit"] in table:
        unit_std, factor = table[row["unit"]]
        row["unit_std"] = unit_std
    else:
        # A unit the table does not know (only possible when the extractor emitted it):
        # keep the extractor's own factor.
        try:
            factor = Decimal(str(extracted["value_std"])) / Decimal(str(extracted["value"]))
        except (InvalidOperation, ZeroDivisionError):
            factor = Decimal(1)
    row["value_std"] = decimal_to_number(value * factor)


def load_corrections(conn: sqlite3.Connection, fact_id: str | None = None) -> dict[str, list[sqlite3.Row]]:
    """Live (not dismissed) corrections grouped by fact id, oldest first."""
    sql = "SELECT * FROM corrections WHERE dismissed_at IS NULL"
    params: tuple[Any, ...] = ()
    if fact_id is not None:
        sql += " AND fact_id = ?"
        params = (fact_id,)
    grouped: dict[str, list[sqlite3.Row]] = defaultdict(list)
    for row in conn.execute(sql + " ORDER BY id", params):
        grouped[row["fact_id"]].append(row)
    return grouped


def facts_frame(conn: sqlite3.Connection, *, include_rejected: bool = False) -> pd.DataFrame:
    """Current facts, corrections applied, rejected ones left out (unless asked for).

    Columns: every key of `Fact.to_row()`, then `checked`, `corrected_fields`,
    `document_id`, `extractor_version` (and `rejected` with include_rejected=True).

    >>> facts_frame(conn)[["indicator", "value", "unit"]].head(1)  # doctest: +SKIP
      indicator  value unit
    0       总投资   66.0   亿元
    """
    corrections = load_corrections(conn)
    records: list[dict[str, Any]] = []
    for fact_id, document_id, version, data in conn.execute(
        "SELECT fact_id, document_id, extractor_version, data FROM facts ORDER BY document_id, id"
    ):
        overlay = apply_corrections(json.loads(data), corrections.get(fact_id, []))
        if overlay.rejected and not include_rejected:
            continue
        record = overlay.row
        record["fact_id"] = fact_id
        record["checked"] = overlay.checked
        record["corrected_fields"] = ",".join(overlay.corrected_fields)
        record["document_id"] = document_id
        record["extractor_version"] = version
        if include_rejected:
            record["rejected"] = overlay.rejected
        records.append(record)
    columns = list(FACT_COLUMNS) + (["rejected"] if include_rejected else [])
    frame = pd.DataFrame.from_records(records, columns=columns)
    return _typed(frame)


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    for name in _FLOAT_COLUMNS:
        frame[name] = frame[name].astype(float)
    for name in _INT_COLUMNS:
        frame[name] = frame[name].astype("int64")
    for name in ("checked", "date_inferred") + (("rejected",) if "rejected" in frame else ()):
        frame[name] = frame[name].astype(bool)
    # None, not NaN, for a missing period/date: pages test `is None` and print it.
    for name in ("period", "article_date"):
        frame[name] = frame[name].astype(object).where(frame[name].notna(), None)
    return frame


def review_queue(conn: sqlite3.Connection, limit: int | None = None) -> pd.DataFrame:
    """Facts to check: unchecked before checked, then lowest confidence first.

    >>> review_queue(conn, limit=20)[["fact_id", "confidence", "checked"]]  # doctest: +SKIP
    """
    frame = facts_frame(conn)
    frame = frame.sort_values(
        ["checked", "confidence", "doc", "start"], ascending=[True, True, True, True], kind="stable"
    ).reset_index(drop=True)
    return frame if limit is None else frame.head(limit).reset_index(drop=True)


def articles_frame(conn: sqlite3.Connection) -> pd.DataFrame:
    """News items per document: doc, article_index, title, date, date_inferred, start, end."""
    rows = conn.execute(
        'SELECT d.name AS doc, a.article_index, a.title, a.date, a.date_inferred, a.start, a."end",'
        " a.document_id FROM articles a JOIN documents d ON d.id = a.document_id"
        " ORDER BY d.name, a.article_index"
    ).fetchall()
    columns = ["doc", "article_index", "title", "date", "date_inferred", "start", "end", "document_id"]
    frame = pd.DataFrame([tuple(r) for r in rows], columns=columns)
    frame["date_inferred"] = frame["date_inferred"].astype(bool)
    return frame


def documents_frame(conn: sqlite3.Connection) -> pd.DataFrame:
    """Stored documents: id, name, encoding, sha256, ingested_at, n_facts and more."""
    rows = conn.execute(
        "SELECT d.id, d.name, d.encoding, d.sha256, d.ingested_at, d.updated_at, d.size_bytes,"
        " d.source, d.extractor_version,"
        " (SELECT count(*) FROM facts f WHERE f.document_id = d.id) AS n_facts,"
        " (SELECT count(*) FROM articles a WHERE a.document_id = d.id) AS n_articles"
        " FROM documents d ORDER BY d.name"
    ).fetchall()
    columns = ["id", "name", "encoding", "sha256", "ingested_at", "updated_at", "size_bytes",
               "source", "extractor_version", "n_facts", "n_articles"]
    return pd.DataFrame([tuple(r) for r in rows], columns=columns)


def document_text(conn: sqlite3.Connection, name: str) -> str:
    """The stored text of a document; fact `start`/`end` offsets point into it.

    >>> document_text(conn, "004_3813a52965f71fc8.txt")[:10]  # doctest: +SKIP
    """
    row = conn.execute("SELECT text FROM documents WHERE name = ?", (name,)).fetchone()
    if row is None:
        raise StoreError(f"找不到文档：{name}")
    return str(row[0])


def ingest_log_frame(conn: sqlite3.Connection, limit: int = 200) -> pd.DataFrame:
    """The most recent ingest log lines, newest first."""
    rows = conn.execute(
        "SELECT at, name, status, facts, message, extractor_version, sha256 FROM ingest_log"
        " ORDER BY id DESC LIMIT ?",
        (limit,),
    ).fetchall()
    columns = ["at", "name", "status", "facts", "message", "extractor_version", "sha256"]
    return pd.DataFrame([tuple(r) for r in rows], columns=columns)
