"""Files in, facts stored: idempotent by content hash, one transaction per document.

Flow of one file: size and suffix checks -> sha256 (unchanged files stop here) ->
`extract.formats.document_text` -> the extractor (outside any transaction, so readers and
other writers are not held up) -> one `BEGIN IMMEDIATE` transaction writing the document,
its articles, its facts and the log line. A process killed at any point leaves either
the whole document or none of it.

When `extract.EXTRACTOR_VERSION` changes, every stored document is re-extracted from
its stored text; the corrections overlay (keyed by fact id) applies to the new facts.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import multiprocessing
import multiprocessing.connection
import re
import sqlite3
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, Literal

from extract.fact import Fact
from extract.formats import SUFFIXES, document_text
from extract.reading import UnreadableDocument
from store.db import StoreError, utc_now, write_transaction

if TYPE_CHECKING:
    # The engine is imported only when first used, so the store (and the dashboard's
    # read-only pages) keep working while the engine module cannot be imported.
    from extract.pipeline import DocumentExtraction

# --- settings ------------------------------------------------------------------------
MAX_BYTES = 20 * 1024 * 1024  # largest file accepted (a whole PDF issue fits)
MAX_NAME_CHARS = 200  # longest file name accepted from an upload
SEED_SUFFIXES = (".txt", ".md")  # what ensure_seeded takes from the bundled corpus
MIN_FILES_FOR_WORKERS = 8  # below this, starting worker processes costs more than it saves

IngestStatus = Literal["added", "unchanged", "updated", "failed"]
Extractor = Callable[[str, str], "DocumentExtraction"]  # (text, doc name) -> extraction
Progress = Callable[[int, int, str], None]  # (done, total, current name)


@dataclass(frozen=True, slots=True)
class IngestResult:
    name: str  # document name (base file name)
    status: IngestStatus  # added | unchanged | updated | failed
    facts: int  # facts now stored for the document (0 when unchanged or failed)
    message: str  # one line of Chinese for the person who gave the file


@dataclass(slots=True)
class _Known:
    """What the store holds, loaded once per batch so unchanged files cost no query."""

    by_name: dict[str, tuple[str, str]]  # name -> (sha256, extractor_version)
    by_sha: dict[str, str]  # sha256 -> name

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> _Known:
        rows = conn.execute("SELECT name, sha256, extractor_version FROM documents").fetchall()
        return cls({r[0]: (r[1], r[2]) for r in rows}, {r[1]: r[0] for r in rows})


def ingest_bytes(
    conn: sqlite3.Connection,
    name: str,
    data: bytes,
    *,
    extract: Extractor | None = None,
    version: str | None = None,
) -> IngestResult:
    """Ingest one uploaded file; bad input gives a `failed` result, never an exception.

    >>> ingest_bytes(conn, "高新区.txt", "总投资66亿元".encode())  # doctest: +SKIP
    IngestResult(name='高新区.txt', status='added', facts=1, message='已入库，抽取 1 条数据')
    """
    try:
        doc = safe_name(name)
    except StoreError as exc:
        result = IngestResult(str(name)[:MAX_NAME_CHARS], "failed", 0, str(exc))
        _log(conn, [(result, None)], _version(version))
        return result
    known = _Known.load(conn)
    result, sha = _ingest_one(conn, doc, data, "upload", known, _extractor(extract), _version(version))
    if result.status in ("unchanged", "failed"):
        _log(conn, [(result, sha)], _version(version))
    return result


def ingest_paths(
    conn: sqlite3.Connection,
    paths: Iterable[str | Path],
    *,
    progress: Progress | None = None,
    extract: Extractor | None = None,
    version: str | None = None,
    jobs: int = 1,
) -> list[IngestResult]:
    """Ingest files and folders (recursively: .txt .md .html .htm .pdf .docx).

    Re-extracts stale documents first when the extractor version changed. One result
    per file, in the order of the files; a folder with nothing readable gives one
    `failed` result. `jobs` > 1 reads and extracts in that many worker processes
    (progress is then reported in the order files finish); writes stay in this
    process, one transaction per document.

    >>> [r.status for r in ingest_paths(conn, ["seeds/"])]  # doctest: +SKIP
    ['added', 'added', 'added', 'added', 'added']
    """
    extractor, current = _extractor(extract), _version(version)
    results = reextract_stale(conn, extract=extractor, version=current)
    files, missing = expand_paths(paths)
    results.extend(missing)
    known = _Known.load(conn)
    quiet: list[tuple[IngestResult, str | None]] = []  # logged in one batch at the end
    by_index: dict[int, IngestResult] = {}
    for done, (index, path, job, prepared) in enumerate(_prepared(files, known, extractor, current, jobs), 1):
        if isinstance(prepared, IngestResult):
            result = prepared
        else:
            assert job is not None  # a file with an extraction passed screening
            result = _store(conn, job, prepared, known, current)
        by_index[index] = result
        if result.status in ("unchanged", "failed"):
            quiet.append((result, job.sha if job else None))
        if progress is not None:
            progress(done, len(files), path.name)
    _log(conn, [(r, None) for r in missing] + quiet, current)
    return results + [by_index[i] for i in sorted(by_index)]


def reextract_stale(
    conn: sqlite3.Connection,
    *,
    progress: Progress | None = None,
    extract: Extractor | None = None,
    version: str | None = None,
) -> list[IngestResult]:
    """Re-extract every document whose facts were made by another extractor version.

    A document whose re-extraction fails keeps its old facts (and stays stale, so the
    next run tries again).
    """
    extractor, current = _extractor(extract), _version(version)
    stale = conn.execute(
        "SELECT id, name, sha256, extractor_version FROM documents"
        " WHERE extractor_version <> ? ORDER BY id",
        (current,),
    ).fetchall()
    results: list[IngestResult] = []
    for done, row in enumerate(stale, start=1):
        doc_id, name, sha, old = row[0], row[1], row[2], row[3]
        text = conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
        try:
            extraction = extractor(text, name)
        except Exception as exc:  # noqa: BLE001 - an engine bug must not stop the batch
            result = IngestResult(name, "failed", 0, f"重新抽取出错，保留原有数据：{_one_line(exc)}")
            _log(conn, [(result, sha)], current)
            results.append(result)
            continue
        with write_transaction(conn):
            # Another process may have re-extracted or replaced it meanwhile.
            still = conn.execute(
                "SELECT 1 FROM documents WHERE id = ? AND sha256 = ? AND extractor_version <> ?",
                (doc_id, sha, current),
            ).fetchone()
            if still is None:
                continue
            n = _replace_facts(conn, doc_id, name, extraction, current)
            conn.execute(
                "UPDATE documents SET extractor_version = ?, updated_at = ? WHERE id = ?",
                (current, utc_now(), doc_id),
            )
            message = f"抽取程序已更新（{old} → {current}），已重新抽取 {n} 条数据" + _orphan_note(conn, name)
            result = IngestResult(name, "updated", n, message)
            _insert_log(conn, result, sha, current)
        results.append(result)
        if progress is not None:
            progress(done, len(stale), name)
    return results


def ensure_seeded(
    conn: sqlite3.Connection,
    seeds_dir: Path,
    *,
    extract: Extractor | None = None,
    version: str | None = None,
) -> int:
    """Fill an empty store with the bundled sample corpus; return documents added.

    Also re-extracts stored documents when the extractor version changed.

    >>> ensure_seeded(connect(":memory:"), Path("seeds"))  # doctest: +SKIP
    5
    """
    extractor, current = _extractor(extract), _version(version)
    reextract_stale(conn, extract=extractor, version=current)
    if conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone() is not None:
        return 0
    seeds = sorted(p for p in Path(seeds_dir).iterdir() if p.suffix.lower() in SEED_SUFFIXES)
    results = ingest_paths(conn, seeds, extract=extractor, version=current)
    return sum(1 for r in results if r.status == "added")


def expand_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[IngestResult]]:
    """Files to ingest (folders searched recursively, hidden files skipped), and a
    `failed` result for each path that does not exist or holds nothing readable."""
    files: list[Path] = []
    missing: list[IngestResult] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                missing.append(IngestResult(str(raw), "failed", 0, "文件夹中没有可读取的文件（" + " ".join(SUFFIXES) + "）"))
        elif path.is_file():
            found = [path]
        else:
            missing.append(IngestResult(str(raw), "failed", 0, "找不到该文件或文件夹"))
            continue
        for p in found:
            key = p.resolve()
            if key not in seen:
                seen.add(key)
                files.append(p)
    return files, missing


def safe_name(name: str) -> str:
    """The document name for an uploaded file: its base name, or StoreError.

    A name that climbs out of a folder (`..`) is refused rather than trimmed: browsers
    send base names, so such a name was crafted.

    >>> safe_name("上传/高新区.txt")
    '高新区.txt'
    """
    raw = unicodedata.normalize("NFC", str(name or "")).strip()
    if not raw:
        raise StoreError("文件名为空")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in raw):
        raise StoreError("文件名含有控制字符")
    parts = re.split(r"[\\/]+", raw)
    if ".." in (part.strip() for part in parts):
        raise StoreError(f"文件名不能包含路径（..）：{raw[:MAX_NAME_CHARS]}")
    base = parts[-1].strip()
    if not base or base.startswith("."):
        raise StoreError(f"文件名不合法：{raw[:MAX_NAME_CHARS]}")
    if len(base) > MAX_NAME_CHARS:
        raise StoreError(f"文件名太长（{len(base)} 个字符，上限 {MAX_NAME_CHARS}）")
    return base


# --- one document ---------------------------------------------------------------------


@dataclass(slots=True)
class _Job:
    """A file that passed the cheap checks and needs reading and extraction."""

    name: str
    data: bytes
    sha: str
    source: str


Prepared = tuple[str, str, "DocumentExtraction"]  # (text, encoding, extraction)


def _screen_path(path: Path, known: _Known, version: str) -> tuple[_Job | None, IngestResult | None]:
    """Name, suffix and size checks, then the content hash; no parsing yet."""
    try:
        # The same rules as uploads: a file named "..\\x.txt" on Linux is legal but odd.
        name = safe_name(path.name)
    except StoreError as exc:
        return None, IngestResult(path.name[:MAX_NAME_CHARS], "failed", 0, str(exc))
    if path.suffix.lower() not in SUFFIXES:
        return None, IngestResult(name, "failed", 0, _suffix_message(path.suffix))
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:  # checked before reading: never load a huge file
            return None, IngestResult(name, "failed", 0, _size_message(size))
        data = path.read_bytes()
    except OSError as exc:
        return None, IngestResult(name, "failed", 0, f"无法读取文件：{_one_line(exc)}")
    return _screen(name, data, str(path), known, version)


def _screen(
    name: str, data: bytes, source: str, known: _Known, version: str
) -> tuple[_Job | None, IngestResult | None]:
    suffix = PurePath(name).suffix
    if suffix.lower() not in SUFFIXES:
        return None, IngestResult(name, "failed", 0, _suffix_message(suffix))
    if len(data) > MAX_BYTES:
        return None, IngestResult(name, "failed", 0, _size_message(len(data)))
    job = _Job(name, data, hashlib.sha256(data).hexdigest(), source)
    if known.by_name.get(name) == (job.sha, version):
        return job, IngestResult(name, "unchanged", 0, "内容未变，无需处理")
    twin = known.by_sha.get(job.sha)
    if twin is not None and twin != name:
        return job, IngestResult(name, "unchanged", 0, f"与已入库的《{twin}》内容相同，已跳过")
    return job, None


def _prepare(name: str, data: bytes, extractor: Extractor) -> Prepared | IngestResult:
    """File bytes -> text -> extraction; the CPU-heavy part, run in a worker when jobs > 1."""
    try:
        text, encoding = document_text(data, name)
    except UnreadableDocument as exc:
        return IngestResult(name, "failed", 0, f"无法读取：{exc}")
    try:
        extraction = extractor(text, name)
    except Exception as exc:  # noqa: BLE001 - an engine bug on one file must not stop the batch
        return IngestResult(name, "failed", 0, f"抽取出错：{_one_line(exc)}")
    return text, encoding, extraction


def _store(conn: sqlite3.Connection, job: _Job, prepared: Prepared, known: _Known, version: str) -> IngestResult:
    text, encoding, extraction = prepared
    try:
        result = _write_document(
            conn, job.name, job.sha, encoding, text, len(job.data), job.source, version, extraction
        )
    except sqlite3.Error as exc:
        return IngestResult(job.name, "failed", 0, f"写入数据库失败，未做任何改动：{_one_line(exc)}")
    old = known.by_name.get(job.name)
    if old is not None:
        known.by_sha.pop(old[0], None)
    known.by_name[job.name] = (job.sha, version)
    known.by_sha[job.sha] = job.name
    return result


def _ingest_one(
    conn: sqlite3.Connection, name: str, data: bytes, source: str, known: _Known,
    extractor: Extractor, version: str,
) -> tuple[IngestResult, str | None]:
    job, early = _screen(name, data, source, known, version)
    sha = job.sha if job else None
    if early is not None:
        return early, sha
    assert job is not None
    prepared = _prepare(job.name, job.data, extractor)
    if isinstance(prepared, IngestResult):
        return prepared, sha
    return _store(conn, job, prepared, known, version), sha


def _prepared(
    files: list[Path], known: _Known, extractor: Extractor, version: str, jobs: int
) -> Iterator[tuple[int, Path, _Job | None, Prepared | IngestResult]]:
    """Each file (by its index in `files`) with its extraction or its early result.

    With jobs > 1 the results come in the order the workers finish them.
    """
    screened = ((i, path, *_screen_path(path, known, version)) for i, path in enumerate(files))
    if jobs <= 1 or len(files) < MIN_FILES_FOR_WORKERS:
        for i, path, job, early in screened:
            if early is not None:
                yield i, path, job, early
            else:
                assert job is not None
                yield i, path, job, _prepare(job.name, job.data, extractor)
        return
    yield from _extract_in_workers(screened, extractor, jobs)


@dataclass(slots=True)
class _Worker:
    process: BaseProcess
    conn: Connection  # parent's end of the worker's pipe
    task: tuple[int, Path, _Job] | None = None  # the file it holds, None when idle


def _worker_loop(conn: Connection, inherited: list[Connection], extractor: Extractor) -> None:
    """A worker process: receive (name, data), send back `_prepare`'s result, until EOF."""
    # A forked worker holds copies of the parent's pipe ends; closing them lets every
    # worker see EOF, and exit, when the parent dies (even by SIGKILL).
    pass
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return  # the parent closed the pipe or died
        if task is None:
            return
        result = _prepare(task[0], task[1], extractor)
        try:
            conn.send(result)
        except Exception as exc:  # noqa: BLE001 - e.g. an extraction that will not pickle
            conn.send(IngestResult(task[0], "failed", 0, f"抽取结果无法传回：{_one_line(exc)}"))


def _extract_in_workers(
    screened: Iterator[tuple[int, Path, _Job | None, IngestResult | None]], extractor: Extractor, jobs: int
) -> Iterator[tuple[int, Path, _Job | None, Prepared | IngestResult]]:
    """Reading and extraction in `jobs` worker processes while the caller writes.

    Hand-rolled rather than ProcessPoolExecutor: a worker that dies (a file that crashes
    a parser, memory running out) must fail only the file it held, and on Python 3.11 a
    broken executor can leave a future waiting forever. Each worker holds one file at
    a time, so memory stays bounded and the pipes cannot deadlock.
    """
    methods = multiprocessing.get_all_start_methods()
    context: Any = multiprocessing.get_context("fork" if "fork" in methods else "spawn")

    workers: list[_Worker] = []

    def start() -> _Worker:
        parent, child = context.Pipe()
        inherited = [w.conn for w in workers if not w.conn.closed] + [parent]
        if context.get_start_method() != "fork":
            inherited = []  # a spawned worker inherits no pipe ends
        process = context.Process(target=_worker_loop, args=(child, inherited, extractor), daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    for _ in range(jobs):
        workers.append(start())
    exhausted = False
    try:
        while True:
            for index, worker in enumerate(workers):
                while worker.task is None and not exhausted:
                    item = next(screened, None)
                    if item is None:
                        exhausted = True
                        break
                    i, path, job, early = item
                    if early is not None:
                        yield i, path, job, early
                        continue
                    assert job is not None
                    try:
                        worker.conn.send((job.name, job.data))
                    except OSError:  # died while idle: replace it and hand the file on
                        worker.conn.close()
                        worker = workers[index] = start()
                        worker.conn.send((job.name, job.data))
                    worker.task = (i, path, job)
            busy = [w for w in workers if w.task is not None]
            if not busy:
                return
            waitables: list[Any] = [w.conn for w in busy] + [w.process.sentinel for w in busy]
            ready = set(multiprocessing.connection.wait(waitables))
            for worker in busy:
                if worker.conn not in ready and worker.process.sentinel not in ready:
                    continue
                assert worker.task is not None
                i, path, job = worker.task
                worker.task = None
                try:
                    # A result sent just before dying is still in the pipe: read it first.
                    result: Prepared | IngestResult = worker.conn.recv()
                except (EOFError, OSError):
                    result = IngestResult(job.name, "failed", 0, "抽取进程意外退出（文件可能损坏或过大），未做任何改动")
                    worker.conn.close()
                    workers[workers.index(worker)] = start()
                yield i, path, job, result
    finally:
        for worker in workers:
            try:
                worker.conn.send(None)
            except OSError:
                pass
            worker.conn.close()
        for worker in workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()


def _write_document(
    conn: sqlite3.Connection,
    name: str,
    sha: str,
    encoding: str,
    text: str,
    size: int,
    source: str,
    version: str,
    extraction: DocumentExtraction,
) -> IngestResult:
    """Everything about one document in one transaction: all of it lands, or none."""
    now = utc_now()
    with write_transaction(conn):
        # Re-read under the write lock: a concurrent ingest may have written it.
        row = conn.execute(
            "SELECT id, sha256, encoding, text, extractor_version FROM documents WHERE name = ?",
            (name,),
        ).fetchone()
        if row is not None and row["sha256"] == sha and row["extractor_version"] == version:
            return IngestResult(name, "unchanged", 0, "内容未变，无需处理")
        twin = conn.execute(
            "SELECT name FROM documents WHERE sha256 = ? AND name <> ?", (sha, name)
        ).fetchone()
        if twin is not None:
            return IngestResult(name, "unchanged", 0, f"与已入库的《{twin[0]}》内容相同，已跳过")
        if row is None:
            doc_id = conn.execute(
                "INSERT INTO documents (name, sha256, encoding, text, size_bytes, source,"
                " extractor_version, ingested_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (name, sha, encoding, text, size, source, version, now, now),
            ).lastrowid
            assert doc_id is not None
            status: IngestStatus = "added"
        else:
            doc_id = row["id"]
            if row["sha256"] != sha:
                # Same name, new content: keep the old text so nothing is ever lost.
                conn.execute(
                    "INSERT INTO document_revisions (document_id, sha256, encoding, text, replaced_at)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (doc_id, row["sha256"], row["encoding"], row["text"], now),
                )
            conn.execute(
                "UPDATE documents SET sha256 = ?, encoding = ?, text = ?, size_bytes = ?, source = ?,"
                " extractor_version = ?, updated_at = ? WHERE id = ?",
                (sha, encoding, text, size, source, version, now, doc_id),
            )
            status = "updated"
        n = _replace_facts(conn, doc_id, name, extraction, version)
        verb = "已入库" if status == "added" else "已更新"
        message = f"{verb}，抽取 {n} 条数据" + _orphan_note(conn, name)
        result = IngestResult(name, status, n, message)
        _insert_log(conn, result, sha, version)
    return result


def _replace_facts(
    conn: sqlite3.Connection, doc_id: int, name: str, extraction: DocumentExtraction, version: str
) -> int:
    """Swap a document's articles and facts for a new extraction (caller holds the transaction)."""
    conn.execute("DELETE FROM facts WHERE document_id = ?", (doc_id,))
    conn.execute("DELETE FROM articles WHERE document_id = ?", (doc_id,))
    conn.executemany(
        'INSERT INTO articles (document_id, article_index, title, date, date_inferred, start, "end")'
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(doc_id, a.index, a.title, a.date, int(a.date_inferred), a.start, a.end) for a in extraction.articles],
    )
    rows = fact_rows(extraction.facts, doc_id, version)
    _insert_facts(conn, rows)
    return len(rows)


def fact_rows(facts: Sequence[Fact], doc_id: int, version: str) -> list[tuple[object, ...]]:
    """Rows for the facts table, each keyed by its stable fact id.

    `Fact.fact_id` is the same for two facts of one article with the same figure and
    wording (e.g. "100家" counted under two indicators); the second and later get "-2",
    "-3" in text order, which is stable across re-extractions.
    """
    seen: Counter[str] = Counter()
    rows: list[tuple[object, ...]] = []
    for fact in sorted(facts, key=lambda f: (f.article_index, f.start, f.end, f.indicator)):
        row = fact.to_row()
        seen[row["fact_id"]] += 1
        if seen[row["fact_id"]] > 1:
            row["fact_id"] = f"{row['fact_id']}-{seen[row['fact_id']]}"
        rows.append(
            (row["fact_id"], doc_id, fact.article_index, version, float(fact.confidence),
             fact.topic, fact.indicator, fact.unit_std, json.dumps(row, ensure_ascii=False))
        )
    return rows


def _insert_facts(conn: sqlite3.Connection, rows: list[tuple[object, ...]]) -> None:
    conn.executemany(
        "INSERT INTO facts (fact_id, document_id, article_index, extractor_version, confidence,"
        " topic, indicator, unit_std, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def _orphan_note(conn: sqlite3.Connection, name: str) -> str:
    """A hint when corrections of this document no longer find their fact."""
    n = conn.execute(
        "SELECT count(DISTINCT fact_id) FROM corrections WHERE doc = ? AND dismissed_at IS NULL"
        " AND fact_id NOT IN (SELECT fact_id FROM facts)",
        (name,),
    ).fetchone()[0]
    return f"；{n} 条人工核对记录找不到对应数据，请到核对页处理" if n else ""


# --- log and helpers ------------------------------------------------------------------


def _insert_log(conn: sqlite3.Connection, result: IngestResult, sha: str | None, version: str) -> None:
    conn.execute(
        "INSERT INTO ingest_log (at, name, sha256, status, facts, message, extractor_version)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (utc_now(), result.name, sha, result.status, result.facts, result.message, version),
    )


def _log(conn: sqlite3.Connection, entries: list[tuple[IngestResult, str | None]], version: str) -> None:
    """Log results that wrote nothing else (unchanged, failed), in one transaction."""
    if not entries:
        return
    try:
        with write_transaction(conn):
            for result, sha in entries:
                _insert_log(conn, result, sha, version)
    except sqlite3.Error:
        pass  # the log is an audit aid; failing to write it must not fail the ingest


def _extractor(extract: Extractor | None) -> Extractor:
    # Looked up at call time so tests can swap the engine with monkeypatch.
    if extract is not None:
        return extract
    extractor: Extractor = importlib.import_module("extract.pipeline").extract_articles
    return extractor


def _version(version: str | None) -> str:
    if version is not None:
        return version
    return str(importlib.import_module("extract").EXTRACTOR_VERSION)


def _suffix_message(suffix: str) -> str:
    return f"不支持的文件类型“{suffix or '无后缀'}”，可用：" + " ".join(SUFFIXES)


def _size_message(size: int) -> str:
    return f"文件太大（{size / 1024 / 1024:.1f} MB，上限 {MAX_BYTES // 1024 // 1024} MB）"


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}"[:200] if text else type(exc).__name__
