"""The `ingest` and `export` commands, in-process (plus one real `python -m store` run)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from store_fakes import fake_extract, write_corpus

import extract
import extract.pipeline
import store
from store.cli import TextProgress, main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def fake_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract.pipeline, "extract_articles", fake_extract)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A database with 3 documents ingested through the CLI."""
    path = tmp_path / "facts.sqlite3"
    write_corpus(tmp_path / "in", 3)
    assert main(["ingest", "-q", "--db", str(path), str(tmp_path / "in")]) == 0
    return path


def test_ingest_prints_a_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_corpus(tmp_path / "in", 3)
    main(["ingest", "-q", "--db", str(tmp_path / "f.sqlite3"), str(tmp_path / "in")])
    assert "完成：新增 3，更新 0，未变 0，失败 0；本次写入数据 12 条" in capsys.readouterr().out


def test_second_ingest_reports_unchanged(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    main(["ingest", "-q", "--db", str(db), str(tmp_path / "in")])
    assert "新增 0，更新 0，未变 3" in capsys.readouterr().out


def test_ingest_uses_environment_variable_for_db(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(store.ENV_DB, str(tmp_path / "env.sqlite3"))
    write_corpus(tmp_path / "in", 1)
    main(["ingest", "-q", str(tmp_path / "in")])
    assert len(store.documents_frame(store.connect(tmp_path / "env.sqlite3"))) == 1


def test_ingest_progress_goes_to_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_corpus(tmp_path / "in", 2)
    main(["ingest", "--db", str(tmp_path / "f.sqlite3"), str(tmp_path / "in")])
    assert "导入 2/2" in capsys.readouterr().err


def test_ingest_re_extracts_after_version_change(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(extract, "EXTRACTOR_VERSION", "9.9.9")
    capsys.readouterr()
    main(["ingest", "-q", "--db", str(db), str(tmp_path / "in")])
    assert "更新 3，未变 3" in capsys.readouterr().out


def test_export_jsonl_to_stdout(db: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    capsysbinary.readouterr()
    assert main(["export", "--db", str(db), "--format", "jsonl"]) == 0
    lines = capsysbinary.readouterr().out.decode("utf-8").splitlines()
    assert (len(lines), json.loads(lines[0])["doc"]) == (12, "doc_00000.txt")


def test_export_csv_to_file_has_bom(db: Path, tmp_path: Path) -> None:
    main(["export", "--db", str(db), "--format", "csv", "-o", str(tmp_path / "out.csv")])
    assert (tmp_path / "out.csv").read_bytes()[:3] == b"\xef\xbb\xbf"


def test_export_xlsx_to_file(db: Path, tmp_path: Path) -> None:
    main(["export", "--db", str(db), "--format", "xlsx", "-o", str(tmp_path / "out.xlsx")])
    assert (tmp_path / "out.xlsx").read_bytes()[:2] == b"PK"


def test_export_of_missing_database_fails_clearly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["export", "--db", str(tmp_path / "none.sqlite3")])
    assert (code, "数据库不存在" in capsys.readouterr().err) == (2, True)


def test_export_of_missing_database_creates_nothing(tmp_path: Path) -> None:
    main(["export", "--db", str(tmp_path / "none.sqlite3")])
    assert not (tmp_path / "none.sqlite3").exists()


def test_unknown_format_is_an_argument_error(db: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "--db", str(db), "--format", "pdf"])
    assert exit_info.value.code == 2


def test_python_m_store_runs(db: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "store", "export", "--db", str(db), "--format", "csv", "-o", str(tmp_path / "o.csv")],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert (done.returncode, "已导出 12 条数据" in done.stderr) == (0, True), done.stderr


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_redraws_one_line() -> None:
    stream = FakeTty()
    bar = TextProgress("导入", stream)
    for done in range(1, 5):
        bar(done, 4, f"doc{done}.txt")
    assert (stream.getvalue().count("\r"), stream.getvalue().count("\n")) == (4, 1)


def test_progress_on_a_log_prints_every_tenth() -> None:
    stream = io.StringIO()
    bar = TextProgress("导入", stream)
    for done in range(1, 101):
        bar(done, 100, "x.txt")
    assert len(stream.getvalue().splitlines()) == 10


def test_commands_run_through_python_m_extract_parser(db: Path) -> None:
    from extract.cli import main as extract_main

    out, err = io.StringIO(), io.StringIO()
    code = extract_main(["export", "--db", str(db), "--format", "jsonl"], out, err)
    assert (code, len(out.getvalue().splitlines())) == (0, 12)
