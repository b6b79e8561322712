"""Bad input through the upload function and the CLI: a clear message, no crash, no loss.

Every case runs against a store that already holds a reviewed document, and checks that
the document, its facts and its correction are still there afterwards.
New bad-input cases go in CASES; the three tests below pick them up.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from store_fakes import FAKE_VERSION, fake_extract, minimal_pdf

import extract
import extract.pipeline
import store
from store.cli import main

GOOD = "# 高新区重点项目开工\n本报讯 共5个项目，总投资66亿元，新增企业12家。\n"
INJECTION = "# 标题\n<script>alert('x')</script>'; DROP TABLE facts;-- 总投资5亿元\n"


@dataclass(frozen=True)
class Case:
    name: str  # file name as uploaded (and as written to disk for the CLI)
    data: bytes
    status: str  # expected IngestResult.status of the upload
    message: str  # expected part of the upload's message
    cli: tuple[str, str] | None = None  # (status, message) through the CLI when it differs
    cli_only_upload: bool = False  # the name cannot be a file on disk


OTHER = "总投资8亿元。".encode()  # content not yet stored, for the file-name cases
CASES = [
    pytest.param(Case("empty.txt", b"", "failed", "文件为空"), id="empty"),
    pytest.param(Case("binary.txt", bytes(range(256)) * 64, "failed", "二进制"), id="binary"),
    pytest.param(Case("gbk.txt", "高新区总投资66亿元。".encode("gbk"), "added", "已入库"), id="gbk-encoded"),
    pytest.param(Case("long.txt", ("高新区" * 1_200_000 + "总投资7亿元").encode(), "added", "已入库"), id="10MB-one-line"),
    pytest.param(Case("huge.txt", b"x" * (store.MAX_BYTES + 1), "failed", "文件太大"), id="over-size-limit"),
    pytest.param(Case("bad.pdf", b"%PDF-1.7\n1 0 obj <<>> garbage", "failed", "PDF 文件已损坏"), id="malformed-pdf"),
    pytest.param(Case("cut.pdf", minimal_pdf("x")[:150], "failed", "PDF 文件已损坏"), id="truncated-pdf"),
    pytest.param(Case("bad.docx", b"PK\x03\x04junk", "failed", "DOCX 文件已损坏"), id="malformed-docx"),
    # Through the CLI "../../x.txt" is a real relative path; the document is named x.txt.
    pytest.param(Case("../../x.txt", OTHER, "failed", "路径", cli=("added", "x.txt：已入库")), id="path-traversal"),
    pytest.param(Case("..\\..\\x.txt", OTHER, "failed", "路径"), id="path-traversal-backslash"),
    pytest.param(Case("", OTHER, "failed", "文件名为空", cli_only_upload=True), id="no-name"),
    pytest.param(Case(".env", OTHER, "failed", "文件名不合法"), id="hidden-name"),
    pytest.param(Case("a\x00.txt", OTHER, "failed", "控制字符", cli_only_upload=True), id="nul-in-name"),
    pytest.param(Case("virus.exe", b"MZ\x90\x00", "failed", "不支持的文件类型"), id="unsupported-type"),
    pytest.param(Case("inject.txt", INJECTION.encode(), "added", "已入库"), id="script-and-sql"),
    pytest.param(Case("good.txt", b"", "failed", "文件为空"), id="empty-file-replacing-a-stored-one"),
    pytest.param(Case("good.txt", b"\xff\xfe\x00\x00" * 100, "failed", "二进制"), id="binary-replacing-a-stored-one"),
]
CLI_CASES = [c for c in CASES if not c.values[0].cli_only_upload]


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    """A store holding good.txt with one approved fact."""
    conn = store.connect(tmp_path / "facts.sqlite3")
    store.ingest_bytes(conn, "good.txt", GOOD.encode(), extract=fake_extract, version=FAKE_VERSION)
    store.approve(conn, store.facts_frame(conn)["fact_id"].iloc[0], "王科长")
    return conn


def stored_state(conn: sqlite3.Connection) -> tuple[object, ...]:
    good = conn.execute("SELECT id, sha256, text FROM documents WHERE name = 'good.txt'").fetchone()
    facts = conn.execute("SELECT count(*) FROM facts WHERE document_id = ?", (good[0],)).fetchone()[0]
    corrections = conn.execute("SELECT count(*) FROM corrections").fetchone()[0]
    return tuple(good) + (facts, corrections)


# --- upload ---------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES)
def test_upload_gives_clear_result(conn: sqlite3.Connection, case: Case) -> None:
    result = store.ingest_bytes(conn, case.name, case.data, extract=fake_extract, version=FAKE_VERSION)
    assert (result.status, case.message in result.message) == (case.status, True), result.message


@pytest.mark.parametrize("case", CASES)
def test_upload_loses_nothing_stored(conn: sqlite3.Connection, case: Case) -> None:
    before = stored_state(conn)
    store.ingest_bytes(conn, case.name, case.data, extract=fake_extract, version=FAKE_VERSION)
    assert stored_state(conn) == before


def test_upload_message_is_one_line(conn: sqlite3.Connection) -> None:
    result = store.ingest_bytes(conn, "bad.pdf", b"%PDF-1.7\n1 0 obj <<>>\n\ngarbage\n", extract=fake_extract)
    assert "\n" not in result.message


def test_failed_upload_is_logged(conn: sqlite3.Connection) -> None:
    store.ingest_bytes(conn, "empty.txt", b"", extract=fake_extract, version=FAKE_VERSION)
    assert store.ingest_log_frame(conn)["status"].iloc[0] == "failed"


def test_gbk_upload_is_stored_as_text(conn: sqlite3.Connection) -> None:
    store.ingest_bytes(conn, "gbk.txt", "高新区总投资66亿元。".encode("gbk"), extract=fake_extract, version=FAKE_VERSION)
    assert store.document_text(conn, "gbk.txt") == "高新区总投资66亿元。"


def test_gbk_upload_records_its_encoding(conn: sqlite3.Connection) -> None:
    store.ingest_bytes(conn, "gbk.txt", "高新区总投资66亿元。".encode("gbk"), extract=fake_extract, version=FAKE_VERSION)
    assert store.documents_frame(conn).set_index("name").loc["gbk.txt", "encoding"] == "gb18030"


def test_script_and_sql_round_trip_as_plain_text(conn: sqlite3.Connection) -> None:
    store.ingest_bytes(conn, "inject.txt", INJECTION.encode(), extract=fake_extract, version=FAKE_VERSION)
    assert store.document_text(conn, "inject.txt") == INJECTION


def test_script_and_sql_stay_in_fact_sentence(conn: sqlite3.Connection) -> None:
    store.ingest_bytes(conn, "inject.txt", INJECTION.encode(), extract=fake_extract, version=FAKE_VERSION)
    frame = store.facts_frame(conn)
    assert frame.loc[frame["doc"] == "inject.txt", "sentence"].iloc[0] == INJECTION.splitlines()[1]


def test_tables_survive_sql_in_text(conn: sqlite3.Connection) -> None:
    store.ingest_bytes(conn, "inject.txt", INJECTION.encode(), extract=fake_extract, version=FAKE_VERSION)
    assert conn.execute("SELECT count(*) FROM facts").fetchone()[0] == 4


def test_plain_path_in_upload_name_keeps_base_name(conn: sqlite3.Connection) -> None:
    result = store.ingest_bytes(conn, "C:\\报纸\\第12期.txt", "总投资8亿元".encode(), extract=fake_extract)
    assert result.name == "第12期.txt"


# --- CLI ------------------------------------------------------------------------------


@pytest.fixture
def cli_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database file holding good.txt; the CLI's engine replaced by the fake."""
    monkeypatch.setattr(extract.pipeline, "extract_articles", fake_extract)
    db = tmp_path / "cli.sqlite3"
    conn = store.connect(db)
    store.ingest_bytes(conn, "good.txt", GOOD.encode(), extract=fake_extract, version=extract.EXTRACTOR_VERSION)
    store.approve(conn, store.facts_frame(conn)["fact_id"].iloc[0], "王科长")
    conn.close()
    return db


def write_case(folder: Path, case: Case) -> Path:
    """The case's bytes as a file two folders down (so "../../x.txt" stays inside folder)."""
    path = folder / "a" / "b" / case.name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(case.data)
    return path


@pytest.mark.parametrize("case", CLI_CASES)
def test_cli_reports_each_file_and_does_not_crash(
    cli_db: Path, tmp_path: Path, case: Case, capsys: pytest.CaptureFixture[str]
) -> None:
    status, message = case.cli or (case.status, case.message)
    code = main(["ingest", "-q", "-v", "--db", str(cli_db), str(write_case(tmp_path / "in", case))])
    out, err = capsys.readouterr()
    expected_code = 1 if status == "failed" else 0
    assert (code, message in out + err, "Traceback" in err) == (expected_code, True, False), out + err


@pytest.mark.parametrize("case", CLI_CASES)
def test_cli_loses_nothing_stored(cli_db: Path, tmp_path: Path, case: Case) -> None:
    before = stored_state(store.connect(cli_db))
    main(["ingest", "-q", "--db", str(cli_db), str(write_case(tmp_path / "in", case))])
    assert stored_state(store.connect(cli_db)) == before


def test_cli_relative_path_stores_the_base_name(cli_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "x.txt").write_text("总投资9亿元", encoding="utf-8")
    (tmp_path / "a" / "b").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "a" / "b")
    main(["ingest", "-q", "--db", str(cli_db), "../../x.txt"])
    assert "x.txt" in store.documents_frame(store.connect(cli_db))["name"].tolist()


def test_cli_missing_file_is_reported(cli_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["ingest", "-q", "--db", str(cli_db), str(tmp_path / "nope.txt")])
    assert (code, "找不到该文件或文件夹" in capsys.readouterr().err) == (1, True)


def test_cli_unopenable_database_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "dir.sqlite3").mkdir()
    code = main(["ingest", "-q", "--db", str(tmp_path / "dir.sqlite3"), str(tmp_path)])
    assert (code, "无法打开数据库" in capsys.readouterr().err) == (2, True)


def test_cli_file_that_is_not_a_database_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "junk.sqlite3").write_bytes(b"this is not sqlite" * 100)
    code = main(["ingest", "-q", "--db", str(tmp_path / "junk.sqlite3"), str(tmp_path)])
    assert (code, "无法打开数据库" in capsys.readouterr().err) == (2, True)
