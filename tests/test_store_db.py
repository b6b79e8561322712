"""The database file: location, pragmas, migrations."""

from __future__ import annotations

from pathlib import Path

import pytest

import store.db
from store import ENV_DB, StoreError, connect, default_db_path


def test_default_path_is_data_folder_of_the_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_DB, raising=False)
    assert default_db_path() == Path(store.db.__file__).resolve().parents[1] / "data" / "facts.sqlite3"


def test_environment_variable_overrides_default_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_DB, str(tmp_path / "x.sqlite3"))
    assert default_db_path() == tmp_path / "x.sqlite3"


def test_connect_without_path_uses_environment_variable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_DB, str(tmp_path / "env.sqlite3"))
    connect().close()
    assert (tmp_path / "env.sqlite3").is_file()


def test_connect_creates_missing_folders(tmp_path: Path) -> None:
    connect(tmp_path / "a" / "b" / "facts.sqlite3").close()
    assert (tmp_path / "a" / "b" / "facts.sqlite3").is_file()


def test_journal_mode_is_wal(tmp_path: Path) -> None:
    conn = connect(tmp_path / "f.sqlite3")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    conn = connect(tmp_path / "f.sqlite3")
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


@pytest.mark.parametrize(
    "table", ["documents", "articles", "facts", "corrections", "ingest_log", "document_revisions"]
)
def test_migration_creates_table(tmp_path: Path, table: str) -> None:
    conn = connect(tmp_path / "f.sqlite3")
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (table,)).fetchone()
    assert found is not None


def test_schema_version_records_latest_migration(tmp_path: Path) -> None:
    conn = connect(tmp_path / "f.sqlite3")
    assert store.db.schema_version(conn) == store.db.MIGRATIONS[-1][0]


def test_reopening_runs_no_migration_twice(tmp_path: Path) -> None:
    connect(tmp_path / "f.sqlite3").close()
    conn = connect(tmp_path / "f.sqlite3")
    assert conn.execute("SELECT count(*) FROM schema_version").fetchone()[0] == len(store.db.MIGRATIONS)


def test_new_migration_is_applied_to_an_existing_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    connect(tmp_path / "f.sqlite3").close()
    extra = (len(store.db.MIGRATIONS) + 1, "test column", "ALTER TABLE documents ADD COLUMN test_note TEXT;")
    monkeypatch.setattr(store.db, "MIGRATIONS", [*store.db.MIGRATIONS, extra])
    conn = connect(tmp_path / "f.sqlite3")
    columns = [r[1] for r in conn.execute("PRAGMA table_info(documents)")]
    assert "test_note" in columns


def test_query_columns_are_filled_when_an_older_file_is_migrated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as m:
        m.setattr(store.db, "MIGRATIONS", store.db.MIGRATIONS[:1])
        old = connect(tmp_path / "f.sqlite3")
        old.execute(
            "INSERT INTO documents (name, sha256, encoding, text, size_bytes, extractor_version, ingested_at,"
            " updated_at) VALUES ('a.txt', 'x', 'utf-8', '', 0, 'v', 't', 't')"
        )
        for fact_id, data in (("f1", '{"period": "2023-Q1", "article_date": "2023-04-02"}'),
                              ("f2", '{"period": null, "article_date": null}')):
            old.execute(
                "INSERT INTO facts (fact_id, document_id, article_index, extractor_version, confidence, topic,"
                " indicator, unit_std, data) VALUES (?, 1, 0, 'v', 1.0, 'investment', '总投资', 'CNY', ?)",
                (fact_id, data),
            )
        old.close()
    conn = connect(tmp_path / "f.sqlite3")
    rows = conn.execute("SELECT fact_id, period, article_date FROM facts ORDER BY fact_id").fetchall()
    assert [tuple(r) for r in rows] == [("f1", "2023-Q1", "2023-04-02"), ("f2", None, None)]


def test_file_from_a_newer_program_is_refused(tmp_path: Path) -> None:
    conn = connect(tmp_path / "f.sqlite3")
    conn.execute("INSERT INTO schema_version VALUES (999, 'future', 'now')")
    conn.close()
    with pytest.raises(StoreError, match="升级"):
        connect(tmp_path / "f.sqlite3")


def test_failed_transaction_leaves_nothing(tmp_path: Path) -> None:
    conn = connect(tmp_path / "f.sqlite3")
    with pytest.raises(RuntimeError):
        with store.db.write_transaction(conn):
            conn.execute(
                "INSERT INTO ingest_log (at, name, status, extractor_version) VALUES ('t', 'n', 'failed', 'v')"
            )
            raise RuntimeError("boom")
    assert conn.execute("SELECT count(*) FROM ingest_log").fetchone()[0] == 0
