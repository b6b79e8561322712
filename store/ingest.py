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
import re
import sqlite3
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Literal

from extract.formats import SUFFIXES, document_text
from extract.reading import UnreadableDocument
from store.db import StoreError, utc_now, write_transaction
from store.workers import run_tasks

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
    results = reextract_stale(conn, extract=extractor, version=current, jobs=jobs)
    files, missing = expand_paths(paths)
    results.extend(missing)
    known = _Known.load(conn)
    quiet: list[tuple[IngestResult, str | None]] = []  # logged in one batch at the end
    by_index: dict[int, IngestResult] = {}

    def tasks() -> Iterator[tuple[tuple[int, Path, _Job | None], Task | None, Prepared | IngestResult | None]]:
        for index, path in enumerate(files):  # lazily: a file is read when a worker is free
            job, early = _screen_path(path, known, version=current)
            yield (index, path, job), (("file", job.name, job.data) if job and not early else None), early

    work: Callable[[Task], Prepared | IngestResult] = partial(_work, extractor=extractor)
    stream: Iterator[tuple[tuple[int, Path, _Job | None], Prepared | IngestResult]]
    stream = run_tasks(tasks(), work, _died, _jobs(jobs, len(files)))
    for done, ((index, path, job), prepared) in enumerate(stream, start=1):
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
    jobs: int = 1,
) -> list[IngestResult]:
    """Re-extract every document whose facts were made by another extractor version.

    From the stored text, one transaction per document, in `jobs` worker processes as
    for `ingest_paths`. A document whose re-extraction fails keeps its old facts (and
    stays stale, so the next run tries again).
    """
    current = _version(version)
    stale = conn.execute(
        "SELECT id, name, sha256, extractor_version FROM documents"
        " WHERE extractor_version <> ? ORDER BY id",
        (current,),
    ).fetchall()
    if not stale:
        return []
    extractor = _extractor(extract)

    def tasks() -> Iterator[tuple[sqlite3.Row, Task, Prepared | IngestResult | None]]:
        for row in stale:  # lazily: one stored text at a time per worker
            text = conn.execute("SELECT text FROM documents WHERE id = ?", (row["id"],)).fetchone()[0]
            yield row, ("text", row["name"], text), None

    results: list[IngestResult] = []
    work: Callable[[Task], Prepared | IngestResult] = partial(_work, extractor=extractor)
    stream: Iterator[tuple[sqlite3.Row, Prepared | IngestResult]]
    stream = run_tasks(tasks(), work, _died, _jobs(jobs, len(stale)))
    for done, (row, prepared) in enumerate(stream, start=1):
        result = _store_reextraction(conn, row, prepared, current)
        if result is not None:
            results.append(result)
        if progress is not None:
            progress(done, len(stale), row["name"])
    return results


def _store_reextraction(
    conn: sqlite3.Connection, row: sqlite3.Row, prepared: Prepared | IngestResult, current: str
) -> IngestResult | None:
    """Swap a re-extracted document's facts; None when another process got there first."""
    doc_id, name, sha, old = row["id"], row["name"], row["sha256"], row["extractor_version"]
    if isinstance(prepared, IngestResult):  # the old facts stay; the next run tries again
        _log(conn, [(prepared, sha)], current)
        return prepared
    with write_transaction(conn):
        # Another process may have re-extracted or replaced it meanwhile.
        still = conn.execute(
            "SELECT 1 FROM documents WHERE id = ? AND sha256 = ? AND extractor_version <> ?",
            (doc_id, sha, current),
        ).fetchone()
        if still is None:
            return None
        n = _replace_facts(conn, doc_id, prepared[2], current)
        conn.execute(
            "UPDATE documents SET extractor_version = ?, updated_at = ? WHERE id = ?",
            (current, utc_now(), doc_id),
        )
        message = f"抽取程序已更新（{old} → {current}），已重新抽取 {n} 条数据" + _orphan_note(conn, name)
        result = IngestResult(name, "updated", n, message)
        _insert_log(conn, result, sha, current)
    return result


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
    # The engine is imported only when there is something to extract: importing it (jieba,
    # cn2an, their regexes) is a third of a second of every dashboard start otherwise.
    current = _version(version)
    reextract_stale(conn, extract=extract, version=current)
    if conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone() is not None:
        return 0
    seeds = sorted(p for p in Path(seeds_dir).iterdir() if p.suffix.lower() in SEED_SUFFIXES)
    results = ingest_paths(conn, seeds, extract=_extractor(extract), version=current)
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


Prepared = tuple[str, str, "Serialised"]  # (text, encoding, rows)
Task = tuple[str, str, "bytes | str"]  # ("file", name, bytes) or ("text", name, stored text)


def _screen_path(path: Path, known: _Known, *, version: str) -> tuple[_Job | None, IngestResult | None]:
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
        rows = serialise(extractor(text, name))
    except Exception as exc:  # noqa: BLE001 - an engine bug on one file must not stop the batch
        return IngestResult(name, "failed", 0, f"抽取出错：{_one_line(exc)}")
    return text, encoding, rows


def _store(conn: sqlite3.Connection, job: _Job, prepared: Prepared, known: _Known, version: str) -> IngestResult:
    text, encoding, rows = prepared
    try:
        result = _write_document(
            conn, job.name, job.sha, encoding, text, len(job.data), job.source, version, rows
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


def _work(task: Task, extractor: Extractor) -> Prepared | IngestResult:
    """What a worker does: ("file", name, bytes) -> read and extract; ("text", name, text)
    -> extract only (re-extraction from the stored text)."""
    kind, name, payload = task
    if kind == "file":
        assert isinstance(payload, bytes)
        return _prepare(name, payload, extractor)
    assert isinstance(payload, str)
    try:
        return payload, "", serialise(extractor(payload, name))
    except Exception as exc:  # noqa: BLE001 - an engine bug must not stop the batch
        return IngestResult(name, "failed", 0, f"重新抽取出错，保留原有数据：{_one_line(exc)}")


def _died(task: Task) -> IngestResult:
    return IngestResult(task[1], "failed", 0, "抽取进程意外退出（文件可能损坏或过大），未做任何改动，请重新导入")


def _write_document(
    conn: sqlite3.Connection,
    name: str,
    sha: str,
    encoding: str,
    text: str,
    size: int,
    source: str,
    version: str,
    rows: Serialised,
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
        n = _replace_facts(conn, doc_id, rows, version)
        verb = "已入库" if status == "added" else "已更新"
        message = f"{verb}，抽取 {n} 条数据" + _orphan_note(conn, name)
        result = IngestResult(name, status, n, message)
        _insert_log(conn, result, sha, version)
    return result


@dataclass(frozen=True, slots=True)
class Serialised:
    """An extraction as table rows, made in the worker so the writing process only writes."""

    articles: list[tuple[int, str, str | None, int, int, int]]  # index, title, date, inferred, start, end
    facts: list[tuple[str, int, float, str, str, str, str | None, str | None, str]]  # fact_id, article,
    # confidence, topic, indicator, unit_std, period, article_date, Fact.to_row() as JSON


def serialise(extraction: DocumentExtraction) -> Serialised:
    """Rows for the articles and facts tables, each fact keyed by its stable fact id.

    `Fact.fact_id` is the same for two facts of one article with the same figure and
    wording (e.g. "100家" counted under two indicators); the second and later get "-2",
    "-3" in text order, which is stable across re-extractions.
    """
    articles = [(a.index, a.title, a.date, int(a.date_inferred), a.start, a.end) for a in extraction.articles]
    seen: Counter[str] = Counter()
    facts: list[tuple[str, int, float, str, str, str, str | None, str | None, str]] = []
    for fact in sorted(extraction.facts, key=lambda f: (f.article_index, f.start, f.end, f.indicator)):
        row = fact.to_row()
        seen[row["fact_id"]] += 1
        if seen[row["fact_id"]] > 1:
            row["fact_id"] = f"{row['fact_id']}-{seen[row['fact_id']]}"
        facts.append((row["fact_id"], fact.article_index, float(fact.confidence), fact.topic,
                      fact.indicator, fact.unit_std, row["period"], row["article_date"],
                      json.dumps(row, ensure_ascii=False)))
    return Serialised(articles, facts)


def _replace_facts(conn: sqlite3.Connection, doc_id: int, rows: Serialised, version: str) -> int:
    """Swap a document's articles and facts for a new extraction (caller holds the transaction)."""
    conn.execute("DELETE FROM facts WHERE document_id = ?", (doc_id,))
    conn.execute("DELETE FROM articles WHERE document_id = ?", (doc_id,))
    conn.executemany(
        'INSERT INTO articles (document_id, article_index, title, date, date_inferred, start, "end")'
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(doc_id, *article) for article in rows.articles],
    )
    _insert_facts(conn, [(fact_id, doc_id, article, version, *rest) for fact_id, article, *rest in rows.facts])
    return len(rows.facts)


def _insert_facts(conn: sqlite3.Connection, rows: list[tuple[object, ...]]) -> None:
    conn.executemany(
        "INSERT INTO facts (fact_id, document_id, article_index, extractor_version, confidence,"
        " topic, indicator, unit_std, period, article_date, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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


def _jobs(jobs: int, tasks: int) -> int:
    # Starting worker processes costs more than it saves on a handful of files.
    return jobs if tasks >= MIN_FILES_FOR_WORKERS else 1


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
