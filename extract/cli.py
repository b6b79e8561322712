"""`python -m extract`: facts as JSON Lines or CSV, and scoring against a gold file.

Bad input never stops a run: each unreadable file gets one line on stderr naming it and
the problem, the other files are still processed, and the exit status is 1 when any
file failed (0 otherwise).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from extract import native
from extract.fact import FACT_FIELDS
from extract.pipeline import extract_document
from extract.reading import UnreadableDocument, read_document
from extract.scoring import SCORED_FIELDS, score

TEXT_SUFFIXES = (".txt", ".md")


def iter_files(paths: Sequence[str]) -> Iterator[Path]:
    """Files named, and every .txt/.md inside folders named, in a stable order."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
        else:
            yield path


def collect_facts(paths: Sequence[str], err: TextIO) -> tuple[list[dict[str, Any]], int]:
    """Extract every readable file; report the others. Returns (fact rows, failures)."""
    rows: list[dict[str, Any]] = []
    failures = 0
    for path in iter_files(paths):
        try:
            data = path.read_bytes()
            text = read_document(data, path.name).text
            facts = extract_document(text, path.name)
        except UnreadableDocument as exc:
            print(f"错误：{exc}", file=err)
            failures += 1
            continue
        except OSError as exc:
            print(f"错误：{path}：无法读取（{exc.strerror or exc}）", file=err)
            failures += 1
            continue
        rows.extend(f.to_row() for f in facts)
    return rows, failures


def write_jsonl(rows: list[dict[str, Any]], out: TextIO) -> None:
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def csv_bytes(rows: list[dict[str, Any]]) -> bytes:
    """CSV in UTF-8 with BOM, so Excel opens the Chinese."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(FACT_FIELDS))
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return buf.getvalue().encode("utf-8-sig")


def read_gold(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def cmd_facts(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    rows, failures = collect_facts(args.paths, err)
    if args.format == "csv":
        data = csv_bytes(rows)
        if hasattr(out, "buffer"):
            out.flush()
            out.buffer.write(data)
            out.buffer.flush()
        else:
            out.write(data.decode("utf-8-sig"))
    else:
        write_jsonl(rows, out)
    return 1 if failures else 0


def cmd_eval(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    gold = read_gold(Path(args.gold))
    rows, failures = collect_facts(args.paths, err)
    docs = {r["doc"] for r in rows} | {p.name for p in iter_files(args.paths)}
    gold = [g for g in gold if g["doc"] in docs]
    result = score(gold, rows)
    out.write(f"{'document':<48} {'gold':>5} {'pred':>5} {'match':>5}\n")
    for d in result.per_doc:
        out.write(f"{d.doc:<48} {d.gold:>5} {d.pred:>5} {d.matched:>5}\n")
    out.write("agreement over matched facts: ")
    out.write("  ".join(f"{f}={result.agreement[f]:.3f}" for f in SCORED_FIELDS) + "\n")
    out.write(f"strict (period, topic, status also agree): matched={result.strict} F1={result.strict_f1:.3f}\n")
    if args.verbose:
        for g in result.missed:
            out.write(f"MISSED  {g['doc'][:12]} {g['quote']} {g['value']}{g['unit']}\n")
        for p in result.spurious:
            out.write(f"EXTRA   {p['doc'][:12]} {p['quote']} {p['value']}{p['unit']} [{p['indicator']}]\n")
        for g, p in result.pairs:
            bad = [f for f in SCORED_FIELDS if g.get(f) != p.get(f)]
            if bad:
                diffs = ", ".join(f"{f}: gold={g.get(f)} pred={p.get(f)}" for f in bad)
                out.write(f"FIELD   {g['doc'][:12]} {g['quote']}: {diffs}\n")
    out.write(result.summary_line() + "\n")
    return 1 if failures else 0


def cmd_compile(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Build (or with --clean remove) the optional compiled core (extract/native.py)."""
    if args.clean:
        removed = native.clean()
        out.write(f"removed the compiled core ({len(removed)} files)\n" if removed else "no compiled core to remove\n")
        return 0
    if native.is_fresh() and not args.force:
        out.write("compiled core is up to date with the sources\n")
        return 0
    why_not = native.can_build()
    if why_not is None:
        out.write(f"compiling {len(native.COMPILED_MODULES)} modules with mypyc (about a minute)...\n")
        out.flush()
        try:
            native.build(verbose=args.verbose)
        except RuntimeError as exc:
            why_not = str(exc)
    if why_not is not None:
        print(f"compiled core not built: {why_not}\nthe extractor runs as plain Python (same facts, slower)", file=err)
        return 1
    out.write("compiled core built: new processes run it\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m extract", description="Economic facts from district news.")
    sub = parser.add_subparsers(dest="command", required=True)
    facts = sub.add_parser("facts", help="extract facts from files or folders")
    facts.add_argument("paths", nargs="+", help="files, or folders whose .txt/.md files are read")
    facts.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    facts.set_defaults(run=cmd_facts)
    ev = sub.add_parser("eval", help="score extraction against a gold JSON Lines file")
    ev.add_argument("--gold", required=True, help="gold facts (SCHEMA.md)")
    ev.add_argument("paths", nargs="+")
    ev.add_argument("-v", "--verbose", action="store_true", help="list missed, extra and disagreeing facts")
    ev.set_defaults(run=cmd_eval)
    comp = sub.add_parser("compile", help="build the optional compiled core (mypyc), ~1.4x faster, same facts")
    comp.add_argument("--clean", action="store_true", help="remove the compiled core instead")
    comp.add_argument("--force", action="store_true", help="rebuild even when it matches the sources")
    comp.add_argument("-v", "--verbose", action="store_true", help="show the compiler's output")
    comp.set_defaults(run=cmd_compile)
    try:
        from store.cli import add_store_commands  # the store owns ingest/export
    except ImportError:
        pass
    else:
        add_store_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    args = build_parser().parse_args(argv)
    run: Any = args.run
    return int(run(args, out or sys.stdout, err or sys.stderr))
