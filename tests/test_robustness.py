"""OCR damage does not change the figures: every dev article re-flowed into newspaper
columns (12-16 characters a line, some lines spaced out character by character, numbers
cut across lines) gives the same values and units as the clean text."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from extract.pipeline import extract_document

DOCS = Path(__file__).resolve().parent / "golden" / "dev" / "docs"


def as_columns(text: str, seed: int) -> str:
    rng = random.Random(seed)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        paragraph = paragraph.strip()
        pos = 0
        while pos < len(paragraph):
            width = rng.randint(12, 16)
            chunk = paragraph[pos : pos + width]
            lines.append(" ".join(chunk) if rng.random() < 0.2 else chunk)
            pos += width
        lines.append("")
    return "\n".join(lines)


def figures(text: str) -> Counter[tuple[str, str]]:
    return Counter((str(f.value_std.normalize()), f.unit_std) for f in extract_document(text, "x.txt"))


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("doc", sorted(p.name for p in DOCS.glob("*.txt")))
def test_columns_keep_the_figures(doc: str, seed: int) -> None:
    text = (DOCS / doc).read_text(encoding="utf-8")
    assert figures(as_columns(text, seed)) == figures(text)
