"""Throughput benchmark: our fact extractor against JioNLP's money extractor.

What is measured
    A corpus of at least ``--mb`` megabytes (1 MB = 1,000,000 bytes of UTF-8) is built
    by repeating the bundled seed pages ``seeds/*.txt``, joined with blank lines.
    Each seed-page copy is then fed, one call per page as in real use, to

    * ours:   ``extract.pipeline.extract_document(text, name)``
    * JioNLP: ``jionlp.ner.extract_money(text)`` (the reference)

    and the throughput is total characters / elapsed seconds (``time.perf_counter``).
    Each side first processes one warm-up page, timed and printed separately, so that
    one-time loading (YAML lexicons, jieba, cn2an, JioNLP's dictionaries) is not counted.
    Peak memory is the process's ``ru_maxrss``.

Why
    JioNLP's money extractor is a well-known, rule-based Chinese amount extractor, the
    nearest public tool to what we do. We do far more per number than it does: besides
    the amount, we find the indicator label, the subject, the period, the status and
    cover areas, counts, percentages and ranks, not only money. The target is that we
    are still no slower: ratio ours/JioNLP >= 1.0.

JioNLP is NOT a project dependency. It is imported lazily; when it is missing the
script says how to install it and exits with status 2. ``--install`` pip-installs it
into the current interpreter first; ``--skip-jionlp`` times ours only.

Usage (from the project root)::

    python -m extract compile     # once: the compiled core (mypyc), else the source runs
    python benchmarks/bench_extract.py [--mb 5] [--skip-jionlp] [--install]

The line ``ours engine:`` says whether the compiled core or the Python source ran
(``EXTRACT_PURE_PYTHON=1`` forces the source).

The last line printed is machine-readable:
``ratio=X.XX ours_cps=N jionlp_cps=N`` (``ratio=nan jionlp_cps=0`` with --skip-jionlp).
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
MB = 1_000_000  # bytes of UTF-8
EXIT_MISSING_JIONLP = 2
MISSING_JIONLP = (
    "JioNLP is not installed (it is the benchmark's reference, not a project dependency).\n"
    "Install it with:  pip install jionlp\n"
    "or rerun with --install, or with --skip-jionlp to time ours only."
)

if str(ROOT) not in sys.path:  # run as a script from anywhere: make `extract` importable
    sys.path.insert(0, str(ROOT))


def load_seeds(folder: Path = SEEDS) -> list[tuple[str, str]]:
    """(name, text) of every seed page, sorted by name."""
    pages = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]
    if not pages:
        raise SystemExit(f"no seed pages in {folder}")
    return pages


def build_corpus(seeds: Sequence[tuple[str, str]], mb: float) -> list[tuple[str, str]]:
    """Repeat the seed pages until their text, joined with blank lines, is >= `mb` MB.

    Returns the page copies (name, text); the name carries the copy number.
    """
    target = int(mb * MB)
    sep = len("\n\n".encode("utf-8"))
    pages: list[tuple[str, str]] = []
    size = 0
    copy = 0
    while size < target:
        for name, text in seeds:
            size += len(text.encode("utf-8")) + (sep if pages else 0)
            pages.append((f"{copy:04d}_{name}", text))
            if size >= target:
                break
        copy += 1
    return pages


def timed(
    fn: Callable[[str, str], int], pages: Sequence[tuple[str, str]]
) -> tuple[float, float, int]:
    """Run `fn(text, name)` over every page: (wall s, CPU s, sum of what it returned).

    Wall time (perf_counter) is the measure; CPU time (process_time) is printed beside
    it because on a shared 2-core machine other load inflates wall time.
    """
    found = 0
    cpu = time.process_time()
    start = time.perf_counter()
    for name, text in pages:
        found += fn(text, name)
    return time.perf_counter() - start, time.process_time() - cpu, found


def jionlp_available(install: bool) -> bool:
    """Whether jionlp can be imported, pip-installing it first when `install`.

    Only looks for it: the import itself (slow, memory-hungry) waits until our run is done.
    """
    if install:
        print("installing jionlp: pip install jionlp", flush=True)
        rc = subprocess.call([sys.executable, "-m", "pip", "install", "jionlp"])
        if rc != 0:
            print(f"pip install jionlp failed (exit {rc})", file=sys.stderr)
            return False
        importlib.invalidate_caches()
    try:
        return importlib.util.find_spec("jionlp") is not None
    except (ImportError, ValueError):
        return False


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KiB)."""
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kib * 1024 / MB


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--mb", type=float, default=5.0, help="corpus size in MB of UTF-8 (default 5)")
    ap.add_argument("--skip-jionlp", action="store_true", help="time our extractor only")
    ap.add_argument("--install", action="store_true", help="pip install jionlp first")
    return ap.parse_args(argv)


def measure(
    label: str, fn: Callable[[str, str], int], warm: list[tuple[str, str]], pages: list[tuple[str, str]], chars: int
) -> tuple[float, float, int]:
    """Warm up on one page (not counted), then time every page; print and return
    (characters per wall second, characters per CPU second, items found)."""
    warm_s, _, _ = timed(fn, warm)
    print(f"{label + ' warm-up:':<19}{warm_s:.3f} s (1 page, not counted)")
    wall, cpu, found = timed(fn, pages)
    cps = chars / wall
    print(f"{label + ':':<19}{cps:,.0f} chars/s ({wall:.2f} s wall, {cpu:.2f} s CPU: {chars / cpu:,.0f} chars/CPU s)")
    return cps, chars / cpu, found


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.skip_jionlp:
        # Check before the long run, not after it.
        if not jionlp_available(args.install):
            print(MISSING_JIONLP, file=sys.stderr)
            return EXIT_MISSING_JIONLP

    seeds = load_seeds()
    pages = build_corpus(seeds, args.mb)
    chars = sum(len(text) for _, text in pages)
    size = len("\n\n".join(text for _, text in pages).encode("utf-8"))
    print(f"MB processed:      {size / MB:.2f} MB, {chars:,} chars, {len(pages)} pages "
          f"({len(seeds)} seed pages repeated)")

    t0 = time.perf_counter()
    from extract.pipeline import extract_document

    from extract import native

    print(f"ours import:       {time.perf_counter() - t0:.3f} s (not counted)")
    engine = "compiled core (mypyc)" if native.is_active() else "Python source (python -m extract compile builds the faster core)"
    print(f"ours engine:       {engine}")

    def ours(text: str, name: str) -> int:
        return len(extract_document(text, name))

    warm = [seeds[0]]
    ours_cps, ours_cpu_cps, facts = measure("ours", ours, warm, pages, chars)
    print(f"ours facts:        {facts:,}")
    print(f"peak memory ours:  {peak_rss_mb():.1f} MB (ru_maxrss, before JioNLP is used)")

    jio_cps = jio_cpu_cps = 0.0
    if not args.skip_jionlp:
        t0 = time.perf_counter()
        try:
            jio: Any = importlib.import_module("jionlp")  # optional; prints a banner
        except ImportError as exc:  # found but broken (e.g. a missing dependency)
            print(f"{MISSING_JIONLP}\n(import failed: {exc})", file=sys.stderr)
            return EXIT_MISSING_JIONLP
        print(f"JioNLP import:     {time.perf_counter() - t0:.3f} s (not counted; jionlp {getattr(jio, '__version__', '?')})")

        def jionlp_money(text: str, name: str) -> int:
            return len(jio.ner.extract_money(text))

        jio_cps, jio_cpu_cps, money = measure("JioNLP", jionlp_money, warm, pages, chars)
        print(f"JioNLP money:      {money:,} entities")
        print(f"facts vs money:    {facts:,} facts (ours) vs {money:,} money entities (JioNLP)")
        print(f"ratio ours/JioNLP: {ours_cps / jio_cps:.2f} (target >= 1.00)")
        # On a shared machine other load inflates wall time unevenly; CPU time does not.
        print(f"ratio by CPU time: {ours_cpu_cps / jio_cpu_cps:.2f}")
        print(f"peak memory:       {peak_rss_mb():.1f} MB (ru_maxrss, whole run)")

    ratio = f"{ours_cps / jio_cps:.2f}" if jio_cps else "nan"
    print(f"ratio={ratio} ours_cps={ours_cps:.0f} jionlp_cps={jio_cps:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
