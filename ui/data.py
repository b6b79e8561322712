"""Cached access to the store: the only module with `st.cache_*`, the only one importing `store`.

- `st.cache_resource` holds one store connection per database file, plus a lock: the
  connection is shared by every session and must not be used by two threads at once.
  Opening it seeds an empty store from the bundled `seeds/` (first launch needs nothing else).
- `st.cache_data` holds the prepared fact frame and the article/document tables, keyed by
  `data_version()`, a cheap fingerprint of the database (fact count, last ingest, last
  correction). Any write, by this app or by the CLI, changes it, so new and corrected
  facts show up on every page at the next rerun without clearing anything by hand.
- The prepared fact frame is also kept on disk (`persist="disk"`, in ~/.streamlit/cache),
  so a restarted server does not re-read and re-prepare every fact: with 50,000 facts that
  is about 1 s saved on the first visit. Its key adds a fingerprint of the code and
  metadata that shape the frame, and older entries are cleared when the data version
  moves on.
- The overview needs no fact frame of everything: `fact_counts` (SQL counts) and
  `facts_subset` (the facts of a few topics / indicators) serve it, so the landing page of
  a freshly started server does not wait for every fact to be read.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

import store
from ui.indicators import IndicatorInfo, load_indicator_meta
from ui.queries import FilterSpec, filter_facts, prepare_facts

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
UPLOAD_SUFFIXES: tuple[str, ...] = ("txt", "md", "html", "htm", "pdf", "docx")
MAX_UPLOAD_MB = store.MAX_BYTES // (1024 * 1024)
EDITABLE_FIELDS: tuple[str, ...] = tuple(store.EDITABLE_FIELDS)
StoreError = store.StoreError


@dataclass
class StoreHandle:
    conn: Any  # sqlite3.Connection
    lock: threading.RLock
    path: str
    seeded: int  # documents added from seeds/ when this process opened the store
    seed_error: str  # why seeding failed ("" when it did not)


@st.cache_resource(show_spinner="正在准备数据库，首次启动会导入示例文章……")
def _open(path: str) -> StoreHandle:
    conn = store.connect(path)
    seeded, error = 0, ""
    try:
        seeded = store.ensure_seeded(conn, SEEDS_DIR)
    except Exception as exc:  # noqa: BLE001 - an engine failure must leave a usable, empty app
        error = f"{type(exc).__name__}: {exc}"
    if not error and not _has_documents(conn):
        log = store.ingest_log_frame(conn, limit=1)
        error = str(log["message"].iloc[0]) if len(log) else "示例文章没有导入"
    return StoreHandle(conn, threading.RLock(), path, seeded, error)


def handle() -> StoreHandle:
    """The store of `$DISTRICT_FACTS_DB` (or the default file), opened once per process."""
    return _open(str(store.default_db_path()))


def data_version() -> tuple[Any, ...]:
    """Fingerprint of the data: changes whenever facts, documents or corrections change."""
    h = handle()
    with h.lock:
        row = h.conn.execute(
            "SELECT (SELECT count(*) FROM facts), (SELECT max(id) FROM facts),"
            " (SELECT max(id) FROM ingest_log), (SELECT max(id) FROM corrections),"
            " (SELECT max(updated_at) FROM documents)"
        ).fetchone()
    return (h.path, *tuple(row))


@st.cache_data(show_spinner="正在读取数据……", max_entries=2, persist="disk")
def _facts(version: tuple[Any, ...], shape: str) -> pd.DataFrame:
    h = handle()
    with h.lock:
        raw = store.facts_frame(h.conn)
    return prepare_facts(raw, indicator_meta())


_LAST_VERSION: dict[str, tuple[Any, ...]] = {}  # db path -> version last served, per process


def facts() -> pd.DataFrame:
    """All current facts (corrections applied, rejected ones removed), prepared for pages."""
    version = data_version()
    previous = _LAST_VERSION.get(version[0])
    if previous is not None and previous != version:
        _facts.clear()  # drop superseded frames from memory and disk
    _LAST_VERSION[version[0]] = version
    return _facts(version, _shape_fingerprint())


def warm_facts() -> None:
    """Read every fact into the cache, for a page that drew itself from counts and a few
    facts (the overview): the next filter change, on any page, is then served from
    memory, not from the store (0.5-0.8 s on 50,000 facts). Call it last on the page:
    on a fresh server it takes about a second, after everything is drawn."""
    facts()


@st.cache_data(show_spinner="正在读取数据……", max_entries=8)
def _facts_subset(version: tuple[Any, ...], shape: str, topics: tuple[str, ...], indicators: tuple[str, ...]) -> pd.DataFrame:
    h = handle()
    with h.lock:
        raw = store.facts_frame(h.conn, topics=topics, indicators=indicators)
    return prepare_facts(raw, indicator_meta())


def facts_subset(topics: tuple[str, ...] = (), indicators: tuple[str, ...] = ()) -> pd.DataFrame:
    """The prepared facts of some topics and/or indicators only (empty = any): the
    overview's cards and a clicked timeline bar need a few thousand facts, not all of
    them. Read apart from the store, unless `facts()` already holds them all."""
    if not topics and not indicators:
        return facts()
    version = data_version()
    if _LAST_VERSION.get(version[0]) == version:  # all facts are cached already: filter them
        return filter_facts(facts(), FilterSpec(topics=topics, indicators=indicators))
    return _facts_subset(version, _shape_fingerprint(), tuple(sorted(topics)), tuple(sorted(indicators)))


@st.cache_data(show_spinner=False, max_entries=16)
def _fact_counts(version: tuple[Any, ...], by: tuple[str, ...], topics: tuple[str, ...]) -> pd.DataFrame:
    h = handle()
    with h.lock:
        return store.fact_counts(h.conn, by, topics=topics)


def fact_counts(by: tuple[str, ...], topics: tuple[str, ...] = ()) -> pd.DataFrame:
    """Current facts counted by some fields in SQL (see `store.fact_counts`)."""
    return _fact_counts(data_version(), tuple(by), tuple(sorted(topics)))


@st.cache_resource(show_spinner=False)
def _shape_fingerprint() -> str:
    """Hash of what decides the prepared frame besides the data: ui code and metadata."""
    digest = hashlib.sha1()
    for module in ("queries.py", "format.py", "indicators.py"):
        digest.update((Path(__file__).parent / module).read_bytes())
    digest.update(repr(sorted(load_indicator_meta().items())).encode("utf-8"))
    return digest.hexdigest()[:16]


@st.cache_data(show_spinner=False, max_entries=3)
def _articles(version: tuple[Any, ...]) -> pd.DataFrame:
    h = handle()
    with h.lock:
        return store.articles_frame(h.conn)


def articles() -> pd.DataFrame:
    """News items: doc, article_index, title, date, start, end."""
    return _articles(data_version())


@st.cache_data(show_spinner=False, max_entries=3)
def _documents(version: tuple[Any, ...]) -> pd.DataFrame:
    h = handle()
    with h.lock:
        return store.documents_frame(h.conn)


def documents() -> pd.DataFrame:
    """Stored documents: name, encoding, ingested_at, n_facts, n_articles ..."""
    return _documents(data_version())


@st.cache_data(show_spinner=False, max_entries=2)
def _article_texts(version: tuple[Any, ...]) -> pd.DataFrame:
    items = _articles(version)
    h = handle()
    texts: dict[str, str] = {}
    with h.lock:
        for doc in items["doc"].unique():
            texts[doc] = store.document_text(h.conn, doc)
    return items.assign(
        text=[texts[d][int(s) : int(e)] for d, s, e in zip(items["doc"], items["start"], items["end"])]
    )


def article_texts() -> pd.DataFrame:
    """News items with their text (for finding every article that names a project)."""
    return _article_texts(data_version())


@st.cache_data(show_spinner=False, max_entries=32)
def _document_text(name: str, version: tuple[Any, ...]) -> str:
    h = handle()
    with h.lock:
        return store.document_text(h.conn, name)


def document_text(name: str) -> str:
    """The original text of a document (fact offsets point into it)."""
    return _document_text(name, data_version())


@st.cache_data(show_spinner=False)
def indicator_meta() -> dict[str, IndicatorInfo]:
    """Indicator metadata ({} while the engine's file is missing)."""
    return load_indicator_meta()


def seed_status() -> tuple[int, str]:
    """(documents added from seeds/ at start-up, error message or "")."""
    h = handle()
    return h.seeded, h.seed_error


# --- writes: never cached; the version key makes every page see them -----------------


def ingest(name: str, data: bytes) -> Any:
    """Store one uploaded file; returns the store's IngestResult (never raises)."""
    h = handle()
    with h.lock:
        return store.ingest_bytes(h.conn, name, data)


def review_queue() -> pd.DataFrame:
    """Facts to check, unchecked first, lowest confidence first (fresh on every call)."""
    h = handle()
    with h.lock:
        return store.review_queue(h.conn)


def approve(fact_id: str, who: str, note: str = "") -> None:
    h = handle()
    with h.lock:
        store.approve(h.conn, fact_id, who, note)


def reject(fact_id: str, who: str, note: str = "") -> None:
    h = handle()
    with h.lock:
        store.reject(h.conn, fact_id, who, note)


def correct(fact_id: str, field: str, value: Any, who: str, note: str = "") -> None:
    """Change one field; raises StoreError with a Chinese message when it is refused."""
    h = handle()
    with h.lock:
        store.correct(h.conn, fact_id, field, value, who, note)


def fact_history(fact_id: str) -> pd.DataFrame:
    h = handle()
    with h.lock:
        return store.fact_history(h.conn, fact_id)


def orphaned_corrections() -> pd.DataFrame:
    h = handle()
    with h.lock:
        return store.orphaned_corrections(h.conn)


def dismiss_correction(correction_id: int, who: str) -> None:
    h = handle()
    with h.lock:
        store.dismiss_correction(h.conn, correction_id, who)


def ingest_log(limit: int = 50) -> pd.DataFrame:
    h = handle()
    with h.lock:
        return store.ingest_log_frame(h.conn, limit=limit)


def _has_documents(conn: Any) -> bool:
    return conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone() is not None
