"""Real processes: one killed mid-ingest (kill -9) and two ingesting at once.

The child is tests/store_worker.py, which ingests with the fake extractor and, with
--slow, writes facts one at a time inside the document's transaction.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from store_fakes import FAKE_VERSION, fake_extract, fake_fact_count, write_corpus

import store

WORKER = Path(__file__).resolve().parent / "store_worker.py"
KILL_AFTER = 5  # documents begun before the kill; the 5th is mid-transaction


def start_worker(db: Path, paths: list[Path], slow: float) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WORKER), str(db), "--slow", str(slow), *map(str, paths)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def facts_per_document(conn: sqlite3.Connection) -> dict[str, int]:
    rows = conn.execute(
        "SELECT d.name, count(f.id) FROM documents d LEFT JOIN facts f ON f.document_id = d.id GROUP BY d.id"
    )
    return {name: n for name, n in rows}


def kill_mid_ingest(tmp: Path) -> tuple[Path, list[Path]]:
    """Ingest 40 files in a child process and SIGKILL it inside the 5th document's transaction."""
    paths = write_corpus(tmp / "in", 40, per_file=3)
    db = tmp / "facts.sqlite3"
    worker = start_worker(db, paths, slow=0.05)
    assert worker.stdout is not None
    begun = 0
    for line in worker.stdout:
        begun += line.startswith("WRITING")
        if begun == KILL_AFTER:
            os.kill(worker.pid, signal.SIGKILL)
            break
    worker.wait(timeout=30)
    assert worker.returncode == -signal.SIGKILL, worker.stderr.read() if worker.stderr else ""
    return db, paths


@pytest.fixture(scope="module")
def killed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    """A database as a killed ingest left it (read-only checks share it)."""
    return kill_mid_ingest(tmp_path_factory.mktemp("killed"))


def test_killed_ingest_leaves_a_sound_file(killed: tuple[Path, list[Path]]) -> None:
    conn = store.connect(killed[0])
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_killed_ingest_keeps_committed_documents_and_drops_the_open_one(killed: tuple[Path, list[Path]]) -> None:
    conn = store.connect(killed[0])
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == KILL_AFTER - 1


def test_killed_ingest_leaves_each_document_with_all_its_facts(killed: tuple[Path, list[Path]]) -> None:
    db, paths = killed
    expected = {p.name: fake_fact_count(p) for p in paths}
    stored = facts_per_document(store.connect(db))
    assert stored == {name: expected[name] for name in stored}


def test_killed_ingest_leaves_no_stray_facts(killed: tuple[Path, list[Path]]) -> None:
    conn = store.connect(killed[0])
    stray = conn.execute("SELECT count(*) FROM facts WHERE document_id NOT IN (SELECT id FROM documents)")
    assert stray.fetchone()[0] == 0


def test_ingest_after_kill_completes(tmp_path: Path) -> None:
    db, paths = kill_mid_ingest(tmp_path)
    conn = store.connect(db)
    store.ingest_paths(conn, paths, extract=fake_extract, version=FAKE_VERSION)
    assert facts_per_document(conn) == {p.name: fake_fact_count(p) for p in paths}


def test_two_concurrent_ingests_both_land(tmp_path: Path) -> None:
    first = write_corpus(tmp_path / "a", 15, per_file=3)
    second = write_corpus(tmp_path / "b", 15, per_file=3, start=100)
    db = tmp_path / "facts.sqlite3"
    store.connect(db).close()
    workers = [start_worker(db, first, slow=0.002), start_worker(db, second, slow=0.002)]
    outputs = [w.communicate(timeout=120) for w in workers]
    assert [w.returncode for w in workers] == [0, 0], outputs
    expected = {p.name: fake_fact_count(p) for p in first + second}
    assert facts_per_document(store.connect(db)) == expected


def test_concurrent_ingests_of_one_new_database_both_land(tmp_path: Path) -> None:
    """Neither process finds the schema half-made when both create the file at once."""
    first = write_corpus(tmp_path / "a", 3)
    second = write_corpus(tmp_path / "b", 3, start=100)
    db = tmp_path / "new.sqlite3"
    workers = [start_worker(db, first, slow=0.001), start_worker(db, second, slow=0.001)]
    outputs = [w.communicate(timeout=120) for w in workers]
    assert [w.returncode for w in workers] == [0, 0], outputs


def test_killed_parallel_ingest_leaves_no_worker_behind(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "in", 30, per_file=3)
    script = (
        "import sys, time; sys.path[:0] = sys.argv[1:3]\n"
        "import store, store_fakes\n"
        "def slow(text, doc):\n"
        "    time.sleep(0.2)\n"
        "    return store_fakes.fake_extract(text, doc)\n"
        "store_fakes.slow = slow\n"  # picklable by name for a spawn start method
        "print('START', flush=True)\n"
        "store.ingest_paths(store.connect(sys.argv[3]), [sys.argv[4]], extract=slow, version='v', jobs=2)\n"
    )
    tests = Path(__file__).resolve().parent
    parent = subprocess.Popen(
        [sys.executable, "-c", script, str(tests.parent), str(tests), str(tmp_path / "f.sqlite3"), str(tmp_path / "in")],
        stdout=subprocess.PIPE, text=True,
    )
    assert parent.stdout is not None and parent.stdout.readline().strip() == "START"
    time.sleep(1.5)  # workers started and busy
    workers = children_of(parent.pid)
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait(timeout=30)
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in workers if alive(pid)]
    for pid in left:  # do not leave them running when the test fails
        os.kill(pid, signal.SIGKILL)
    assert (len(workers), left) == (2, [])


def children_of(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.split(")")[-1].split()[0] != "Z"  # a zombie has exited
