"""`ingest` and `export` commands, for `python -m extract` (via `add_store_commands`) and
`python -m store`.

    python -m store ingest 报纸/2024/ 新一期.pdf --db data/facts.sqlite3
    python -m store export --format xlsx -o 高新区数据.xlsx

Exit codes: 0 done, 1 some files failed (the rest landed), 2 the database or arguments
are unusable.
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import sqlite3
import sys
from collections import Counter
from pathlib import Path
from typing import BinaryIO, TextIO

from store.db import ENV_DB, StoreError, connect, default_db_path
from store.export import FORMATS, export_facts
from store.ingest import IngestResult, ingest_paths, reextract_stale

STATUS_LABELS = {"added": "新增", "updated": "更新", "unchanged": "未变", "failed": "失败"}
BAR_WIDTH = 30
DEFAULT_JOBS = max(1, min(os.cpu_count() or 1, 4))  # extraction is CPU-bound: one per core


class TextProgress:
    """A one-line progress bar on a terminal; on a log (no tty), a line per 10%.

    Chosen over tqdm: ingest needs one bar, not a dependency.
    """

    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty()

    def __call__(self, done: int, total: int, name: str) -> None:
        if total <= 0:
            return
        if self.tty:
            filled = BAR_WIDTH * done // total
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            self.stream.write(f"\r{self.label} [{bar}] {done}/{total} {name[:40]:<40}")
            if done == total:
                self.stream.write("\n")
        elif done == total or (10 * done) // total != (10 * (done - 1)) // total:
            self.stream.write(f"{self.label} {done}/{total}\n")
        self.stream.flush()


def add_store_commands(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    """Register `ingest` and `export` on an argparse subparsers object.

    Each sets `store_command` and `run` (this module's `run`, called as
    `args.run(args, out, err)` by `python -m extract`) on the parsed args.
    """
    db_help = f"数据库文件（默认：环境变量 {ENV_DB}，否则 data/facts.sqlite3）"
    ingest = subparsers.add_parser(
        "ingest", help="导入文件或文件夹（.txt .md .html .pdf .docx）",
        description="导入文件或文件夹；内容未变的文件自动跳过，抽取程序升级后自动重新抽取。",
    )
    ingest.add_argument("paths", nargs="+", metavar="PATH", help="文件或文件夹")
    ingest.add_argument("--db", default=None, help=db_help)
    ingest.add_argument("-v", "--verbose", action="store_true", help="逐个列出每个文件的结果")
    ingest.add_argument("-q", "--quiet", action="store_true", help="不显示进度条")
    ingest.add_argument(
        "-j", "--jobs", type=int, default=DEFAULT_JOBS,
        help=f"同时抽取的进程数（默认 {DEFAULT_JOBS}，即本机核数，最多 4）",
    )
    ingest.set_defaults(store_command="ingest", run=run)

    export = subparsers.add_parser(
        "export", help="导出当前数据（已应用人工更正）",
        description="导出当前数据：已应用人工更正，已删除的数据不导出，附来源列。",
    )
    export.add_argument("--db", default=None, help=db_help)
    export.add_argument("--format", choices=FORMATS, default="jsonl", help="导出格式（默认 jsonl）")
    export.add_argument("-o", "--output", default=None, help="输出文件（默认输出到屏幕/标准输出）")
    export.set_defaults(store_command="export", run=run)


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run a parsed `ingest` or `export` command; return the exit code.

    Results go to `out`, progress and failures to `err` (default: stdout, stderr).
    """
    # pypdf logs every oddity of a malformed file; the one-line result message says enough.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    if args.store_command == "ingest":
        return _ingest(args, out, err)
    if args.store_command == "export":
        return _export(args, out, err)
    raise ValueError(f"unknown store command {args.store_command!r}")


def main(argv: list[str] | None = None) -> int:
    """Entry of `python -m store`."""
    parser = argparse.ArgumentParser(prog="python -m store", description="数据库：导入与导出")
    add_store_commands(parser.add_subparsers(dest="command", required=True))
    return run(parser.parse_args(argv))


def _ingest(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    db = Path(args.db) if args.db else default_db_path()
    try:
        conn = connect(db)
    except (sqlite3.Error, OSError, StoreError) as exc:
        print(f"无法打开数据库 {db}：{exc}", file=err)
        return 2
    try:
        jobs = max(1, args.jobs)
        stale = reextract_stale(conn, progress=None if args.quiet else TextProgress("重新抽取", err), jobs=jobs)
        progress = None if args.quiet else TextProgress("导入", err)
        results = stale + ingest_paths(conn, args.paths, progress=progress, jobs=jobs)
    finally:
        conn.close()
    for result in results:
        if result.status == "failed":
            print(f"失败  {result.name}：{result.message}", file=err)
        elif args.verbose:
            print(f"{STATUS_LABELS[result.status]}  {result.name}：{result.message}", file=out)
    print(_summary(results, db), file=out)
    return 1 if any(r.status == "failed" for r in results) else 0


def _summary(results: list[IngestResult], db: Path) -> str:
    counts: Counter[str] = Counter(r.status for r in results)
    parts = "，".join(f"{STATUS_LABELS[s]} {counts[s]}" for s in STATUS_LABELS)
    facts = sum(r.facts for r in results)
    return f"完成：{parts}；本次写入数据 {facts} 条。数据库：{db}"


def _export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    db = Path(args.db) if args.db else default_db_path()
    if not db.is_file():
        print(f"数据库不存在：{db}（先运行 ingest 导入文件）", file=err)
        return 2
    binary: BinaryIO | None = getattr(out, "buffer", None)
    if args.output is None and args.format == "xlsx" and (binary is None or out.isatty()):
        print("xlsx 是二进制文件，请用 -o 指定输出文件", file=err)
        return 2
    try:
        conn = connect(db)
    except (sqlite3.Error, OSError, StoreError) as exc:
        print(f"无法打开数据库 {db}：{exc}", file=err)
        return 2
    try:
        if args.output is not None:
            n = export_facts(conn, args.format, Path(args.output))
        elif binary is not None:
            out.flush()
            n = export_facts(conn, args.format, binary)
            binary.flush()
        else:  # a text stream without bytes underneath (tests, a caller's StringIO)
            buffer = io.BytesIO()
            n = export_facts(conn, args.format, buffer)
            out.write(buffer.getvalue().decode("utf-8"))
    except OSError as exc:
        print(f"无法写入 {args.output}：{exc}", file=err)
        return 2
    finally:
        conn.close()
    if args.output is not None:
        print(f"已导出 {n} 条数据到 {args.output}", file=err)
    return 0
