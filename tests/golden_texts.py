"""The golden texts' sentences, for the fast-path tests that compare a shortcut with
its reference on real text."""

from __future__ import annotations

from pathlib import Path

from extract.normalize import nfkc

GOLDEN = Path(__file__).resolve().parent / "golden"
TEXTS = sorted(GOLDEN.rglob("*.txt"))


def golden_sentences() -> list[str]:
    """Every 。-ended sentence of the golden texts, NFKC-normalised, line by line."""
    out: list[str] = []
    for path in TEXTS:
        for line in nfkc(path.read_text(encoding="utf-8")).splitlines():
            out.extend(s + "。" for s in line.split("。") if s.strip())
    return out
