"""Extraction engine: district news text -> dated, labelled, traceable economic facts.

Public entry points:
    read_document(data: bytes, name) -> ReadDocument   (decode + NFKC; raises UnreadableDocument)
    extract_document(text, doc) -> list[Fact]
    extract_articles(text, doc) -> DocumentExtraction  (articles and facts)
"""

from extract import native

native.guard()  # before any engine module loads: a stale compiled core must not run

from extract.fact import Fact  # noqa: E402

EXTRACTOR_VERSION = "0.6.0"

__all__ = ["EXTRACTOR_VERSION", "Fact"]
