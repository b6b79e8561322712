"""The database file: where it lives, how it is opened, and its versioned schema.

SQLite in WAL mode: readers (the dashboard) never block the writer (an ingest), and a
process killed mid-write leaves the file consistent because every document is written
in one `BEGIN IMMEDIATE` transaction (see `write_transaction`).

Migrations are an ordered list; `schema_version` records which ones ran. Never edit a
migration that has shipped: append a new one.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

# --- settings ------------------------------------------------------------------------
ENV_DB = "DISTRICT_FACTS_DB"  # environment variable naming the database file
PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = PROJECT_ROOT / "data" / "facts.sqlite3"  # data/ is git-ignored
BUSY_TIMEOUT_S = 60.0  # how long a writer waits for another process's transaction


class StoreError(ValueError):
    """A request the store refuses; the message is one line of Chinese for the user."""


def default_db_path() -> Path:
    """The database file: `$DISTRICT_FACTS_DB` if set, else `<project>/data/facts.sqlite3`.

    >>> default_db_path().name  # doctest: +SKIP
    'facts.sqlite3'
    """
    env = os.environ.get(ENV_DB, "").strip()
    return Path(env).expanduser() if env else DEFAULT_DB


def utc_now() -> str:
    """Timestamp stored in every table: ISO 8601, UTC, to the second."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# --- schema ---------------------------------------------------------------------------
# Each migration is SQL (run as a script) or a function taking the connection; both run
# inside the migration's transaction together with the schema_version row.
Migration = tuple[int, str, str | Callable[[sqlite3.Connection], None]]

_V1 = """
CREATE TABLE documents (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL UNIQUE,   -- base file name; Fact.doc of its facts
    sha256            TEXT NOT NULL UNIQUE,   -- of the file's bytes: the idempotency key
    encoding          TEXT NOT NULL,          -- detected encoding, or pdf / docx / html:<enc>
    text              TEXT NOT NULL,          -- original text; fact offsets point into it
    size_bytes        INTEGER NOT NULL,
    source            TEXT NOT NULL DEFAULT '',  -- path given to ingest, or 'upload'
    extractor_version TEXT NOT NULL,          -- version that made its current facts
    ingested_at       TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);

-- Earlier contents of a document replaced by a file of the same name: nothing is lost.
CREATE TABLE document_revisions (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sha256      TEXT NOT NULL,
    encoding    TEXT NOT NULL,
    text        TEXT NOT NULL,
    replaced_at TEXT NOT NULL
);

CREATE TABLE articles (
    document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    article_index INTEGER NOT NULL,
    title         TEXT NOT NULL,
    date          TEXT,
    date_inferred INTEGER NOT NULL,
    start         INTEGER NOT NULL,
    "end"         INTEGER NOT NULL,
    PRIMARY KEY (document_id, article_index)
);

CREATE TABLE facts (
    id                INTEGER PRIMARY KEY,
    fact_id           TEXT NOT NULL UNIQUE,   -- Fact.fact_id; "-2", "-3" for repeats in a document
    document_id       INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    article_index     INTEGER NOT NULL,
    extractor_version TEXT NOT NULL,
    confidence        REAL NOT NULL,
    topic             TEXT NOT NULL,
    indicator         TEXT NOT NULL,
    unit_std          TEXT NOT NULL,
    data              TEXT NOT NULL           -- Fact.to_row() as JSON: the one serialisation
);
CREATE INDEX facts_document ON facts(document_id);

-- An overlay, not a foreign key: corrections outlive the facts they were made on, so a
-- re-extraction that no longer finds the figure shows the correction as orphaned.
CREATE TABLE corrections (
    id          INTEGER PRIMARY KEY,
    fact_id     TEXT NOT NULL,
    doc         TEXT NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('approve', 'edit', 'reject', 'restore')),
    field       TEXT,                         -- edited field (action = 'edit')
    old_value   TEXT,                         -- JSON
    new_value   TEXT,                         -- JSON
    note        TEXT NOT NULL DEFAULT '',
    who         TEXT NOT NULL,
    at          TEXT NOT NULL,
    snapshot    TEXT NOT NULL,                -- the fact as shown when corrected (JSON)
    dismissed_at TEXT,                        -- an orphan a person has dealt with
    dismissed_by TEXT
);
CREATE INDEX corrections_fact ON corrections(fact_id);

CREATE TABLE ingest_log (
    id                INTEGER PRIMARY KEY,
    at                TEXT NOT NULL,
    name              TEXT NOT NULL,
    sha256            TEXT,
    status            TEXT NOT NULL,
    facts             INTEGER NOT NULL DEFAULT 0,
    message           TEXT NOT NULL DEFAULT '',
    extractor_version TEXT NOT NULL
);
"""

# Query copies of two JSON fields, like topic / indicator / unit_std in v1: the overview
# counts facts by topic, article date and period without decoding 50,000 JSON rows, from
# one covering index. `data` stays the one serialisation; ingest writes both.
_V2 = """
ALTER TABLE facts ADD COLUMN period TEXT;
ALTER TABLE facts ADD COLUMN article_date TEXT;
UPDATE facts SET period = json_extract(data, '$.period'), article_date = json_extract(data, '$.article_date');
CREATE INDEX facts_overview ON facts(topic, indicator, period, article_date);
"""

MIGRATIONS: list[Migration] = [
    (1, "documents, articles, facts, corrections, ingest log", _V1),
    (2, "facts.period and facts.article_date as query columns, overview index", _V2),
]


def connect(path: str | Path | None = None) -> sqlite3.Connection:
    """Open (and create, and migrate) the store.

    The connection is in autocommit mode: writes go through `write_transaction`.
    `check_same_thread=False` lets a Streamlit app keep one connection per session, but
    a connection must not be used by two threads at once.

    >>> conn = connect(":memory:")
    >>> conn.execute("SELECT count(*) FROM facts").fetchone()[0]
    0
    """
    target = default_db_path() if path is None else path
    if str(target) != ":memory:":
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(
        str(target), timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
    )
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    # NORMAL is durable against a killed process in WAL mode (only a power cut can
    # lose the last commits) and keeps one-transaction-per-document cheap.
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    migrate(conn)
    return conn


def schema_version(conn: sqlite3.Connection) -> int:
    """Highest migration applied (0 for a new file)."""
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_version'"
    ).fetchone()
    if not has_table:
        return 0
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection) -> int:
    """Apply pending migrations, each in its own transaction; return the new version."""
    latest = MIGRATIONS[-1][0]
    if schema_version(conn) == latest:
        return latest
    with write_transaction(conn):
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_version ("
            "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
    for version, description, step in MIGRATIONS:
        with write_transaction(conn):
            # Checked inside the write lock: two processes opening a new file at once
            # must not both run the same migration.
            current = schema_version(conn)
            if current > latest:
                raise StoreError(f"数据库结构版本 {current} 比本程序支持的 {latest} 新，请升级程序")
            if version <= current:
                continue
            if isinstance(step, str):
                for statement in _split_sql(step):
                    conn.execute(statement)
            else:
                step(conn)
            conn.execute(
                "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                (version, description, utc_now()),
            )
    return schema_version(conn)


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """`BEGIN IMMEDIATE` ... `COMMIT`, rolled back on any exception.

    IMMEDIATE takes the write lock up front, so two writers queue on the busy timeout
    instead of failing with "database is locked" half-way through.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _split_sql(script: str) -> list[str]:
    """Split a migration script into statements (`executescript` would commit)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
