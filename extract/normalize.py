"""Normalise OCR'd newspaper text while remembering where every character came from.

OCR puts spaces between CJK characters (`科 学 城`), inside numbers and between a number
and its unit (`12 个 3022 套`), and breaks lines wherever the column ends. We apply NFKC
(full-width digits and letters become ASCII), drop markdown markers and remove that
whitespace, keeping for each output character its offset in the original text so the
dashboard can highlight the source.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import NamedTuple

MARKDOWN_PREFIX = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+|>\s*)")
MARKDOWN_INLINE = re.compile(r"\*\*|__|`")
ASCII_LETTER = re.compile(r"[A-Za-z]")


class Span:
    """Normalised text with the original offset of each of its characters.

    `offsets` may be shared with a larger span: character i of `text` came from
    `offsets[lo + i]`. Slicing makes a view (no copy of the offsets), so splitting a
    long paragraph into sentences stays linear. A plain slotted class, treated as
    immutable: tens of thousands are made per page, and a frozen dataclass costs five
    times as much to build.
    """

    __slots__ = ("text", "offsets", "lo")

    def __init__(self, text: str, offsets: Sequence[int], lo: int = 0) -> None:
        self.text = text
        self.offsets = offsets
        self.lo = lo

    def __repr__(self) -> str:
        return f"Span({self.text!r}, lo={self.lo})"

    def __len__(self) -> int:
        return len(self.text)

    def own_offsets(self) -> Sequence[int]:
        return self.offsets[self.lo : self.lo + len(self.text)]

    def offset_at(self, i: int) -> int:
        return self.offsets[self.lo + i]

    def slice(self, start: int, end: int) -> Span:
        return Span(self.text[start:end], self.offsets, self.lo + start)

    def origin(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) covering normalised characters [start, end)."""
        if not self.text:
            return 0, 0
        if start >= end:
            pos = self.offset_at(min(start, len(self.text) - 1))
            return pos, pos
        return self.offset_at(start), self.offset_at(end - 1) + 1


def join_spans(spans: Iterable[Span], separator: str = "") -> Span:
    """Concatenate spans in one pass (a separator takes the offset of the char before it)."""
    texts: list[str] = []
    offsets: list[int] = []
    for span in spans:
        if separator and texts:
            texts.append(separator)
            offsets.extend([offsets[-1]] * len(separator))
        texts.append(span.text)
        offsets.extend(span.own_offsets())
    return Span("".join(texts), offsets)


EMPTY = Span("", ())


class Line(NamedTuple):
    span: Span  # the normalised line
    raw: str  # the original line, for classification that needs the layout
    base: int  # offset of the original line in the document
    blank_before: bool  # a blank line (paragraph or column break) precedes it
    markdown_heading: bool  # the line was a markdown heading (# ...)


def nfkc_with_offsets(text: str, base: int = 0) -> Span:
    """NFKC-normalise, mapping each output character to its source offset.

    >>> nfkc_with_offsets("１２３亿元").text
    '123亿元'
    """
    normal = unicodedata.normalize("NFKC", text)
    if len(normal) == len(text):
        # Full-width forms map one to one; only ligatures and the like change length.
        return Span(normal, range(base, base + len(text)))
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        norm = unicodedata.normalize("NFKC", ch) if ord(ch) > 127 else ch
        for out in norm:
            chars.append(out)
            offsets.append(base + i)
    return Span("".join(chars), offsets)


WHITESPACE_RUN = re.compile(r"\s+")


def strip_inner_whitespace(span: Span) -> Span:
    """Remove OCR whitespace, keeping one space only between two ASCII letters
    ("Hello World"). OCR spaces out digits too ("1 2 . 6 %"), so digits are joined.

    >>> strip_inner_whitespace(Span("科 学 城 12 个", range(12))).text
    '科学城12个'
    """
    text = span.text
    if " " not in text and "\t" not in text and not WHITESPACE_RUN.search(text):
        return span
    runs = list(WHITESPACE_RUN.finditer(text))
    pieces: list[str] = []
    offsets: list[int] = []
    own = span.own_offsets()
    pos = 0
    for m in runs:
        pieces.append(text[pos : m.start()])
        offsets.extend(own[pos : m.start()])
        before = text[m.start() - 1] if m.start() > 0 else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if before and after and ASCII_LETTER.match(before) and ASCII_LETTER.match(after):
            pieces.append(" ")
            offsets.append(own[m.start()])
        pos = m.end()
    pieces.append(text[pos:])
    offsets.extend(own[pos:])
    return Span("".join(pieces), offsets)


MARKDOWN_START = ("#", "-", "*", "+", ">")


def normalise_line(raw_line: str, base: int) -> tuple[Span, bool]:
    """One original line -> (normalised span, was it a markdown heading)."""
    return _clean_line(nfkc_with_offsets(raw_line, base), raw_line)


def _clean_line(span: Span, raw_line: str) -> tuple[Span, bool]:
    """Drop markdown markers and OCR whitespace from an NFKC-normalised line."""
    stripped = raw_line.lstrip()
    heading = stripped.startswith("#")
    if stripped.startswith(MARKDOWN_START):
        prefix = MARKDOWN_PREFIX.match(span.text)
        if prefix:
            span = span.slice(prefix.end(), len(span.text))
    if "*" in span.text or "_" in span.text or "`" in span.text:
        drop = {k for m in MARKDOWN_INLINE.finditer(span.text) for k in range(m.start(), m.end())}
        if drop:
            idx = [k for k in range(len(span.text)) if k not in drop]
            span = Span("".join(span.text[k] for k in idx), [span.offset_at(k) for k in idx])
    return strip_inner_whitespace(span), heading


def split_lines(raw: str) -> list[Line]:
    """The document's non-blank lines, normalised, with their layout flags."""
    normal = unicodedata.normalize("NFKC", raw)
    one_to_one = len(normal) == len(raw) and normal.count("\n") == raw.count("\n")
    lines: list[Line] = []
    pos = 0
    blank = False
    for raw_line in raw.splitlines(keepends=True):
        body = raw_line.rstrip("\r\n")
        base = pos
        pos += len(raw_line)
        if not body.strip():
            blank = True
            continue
        if one_to_one:
            # NFKC kept every character in place (full-width forms map one to one).
            span = Span(normal[base : base + len(body)], range(base, base + len(body)))
            span, heading = _clean_line(span, body)
        else:
            span, heading = normalise_line(body, base)
        if not span.text:
            blank = True
            continue
        lines.append(Line(span=span, raw=body, base=base, blank_before=blank, markdown_heading=heading))
        blank = False
    return lines
