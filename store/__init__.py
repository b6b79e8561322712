"""The store: the only code that touches the database.

SQLite file (see `default_db_path`), versioned schema, idempotent ingest, corrections as
an overlay keyed by stable fact ids, queries returning DataFrames, export.

    >>> from store import connect, ingest_paths, facts_frame
    >>> conn = connect()                      # data/facts.sqlite3 or $DISTRICT_FACTS_DB
    >>> ingest_paths(conn, ["seeds/"])        # doctest: +SKIP
    >>> facts_frame(conn).head()              # doctest: +SKIP
"""

from store.db import ENV_DB, StoreError, connect, default_db_path
from store.export import export_facts
from store.ingest import (
    MAX_BYTES,
    IngestResult,
    ensure_seeded,
    ingest_bytes,
    ingest_paths,
    reextract_stale,
    safe_name,
)
from store.overview import COUNT_FIELDS, fact_counts
from store.queries import (
    articles_frame,
    document_text,
    documents_frame,
    facts_frame,
    ingest_log_frame,
    review_queue,
)
from store.review import (
    EDITABLE_FIELDS,
    approve,
    correct,
    dismiss_correction,
    fact_history,
    orphaned_corrections,
    reattach_correction,
    reject,
    restore,
)

__all__ = [
    "COUNT_FIELDS",
    "EDITABLE_FIELDS",
    "ENV_DB",
    "MAX_BYTES",
    "IngestResult",
    "StoreError",
    "approve",
    "articles_frame",
    "connect",
    "correct",
    "default_db_path",
    "dismiss_correction",
    "document_text",
    "documents_frame",
    "ensure_seeded",
    "export_facts",
    "fact_counts",
    "fact_history",
    "facts_frame",
    "ingest_bytes",
    "ingest_log_frame",
    "ingest_paths",
    "orphaned_corrections",
    "reattach_correction",
    "reextract_stale",
    "reject",
    "restore",
    "review_queue",
    "safe_name",
]
