"""A child process that ingests files with the fake extractor, for the kill and
concurrency tests in test_store_processes.py (not a test module itself).

    python tests/store_worker.py DB [--slow SECONDS] PATH...

With --slow, facts are written one at a time with a pause between them, and the line
"WRITING <doc>" is printed when a document's transaction has begun, so that the test can
kill the process while a transaction is open.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

import store.ingest  # noqa: E402
from store import connect, ingest_paths  # noqa: E402
from store_fakes import FAKE_VERSION, fake_extract  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--slow", type=float, default=0.0)
    args = parser.parse_args()
    if args.slow:
        insert = store.ingest._insert_facts

        def slow_insert(conn, rows):  # type: ignore[no-untyped-def]
            print(f"WRITING {rows[0][1] if rows else '-'}", flush=True)
            for row in rows:
                insert(conn, [row])
                time.sleep(args.slow)

        store.ingest._insert_facts = slow_insert
    conn = connect(args.db)
    results = ingest_paths(conn, args.paths, extract=fake_extract, version=FAKE_VERSION)
    failed = [r for r in results if r.status == "failed"]
    for result in failed:
        print(f"FAILED {result.name}: {result.message}", flush=True)
    print(f"DONE {len(results)}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
