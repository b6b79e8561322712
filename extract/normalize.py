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
from dataclasses import dataclass

MARKDOWN_PREFIX = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+|>\s*)")
MARKDOWN_INLINE = re.compile(r"\*\*|__|`")
ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True, slots=True)
class Span:
    """Normalised text with the original offset of each of its characters."""

    text: str
    offsets: tuple[int, ...]

    def __add__(self, other: Span) -> Span:
        return Span(self.text + other.text, self.offsets + other.offsets)

    def __len__(self) -> int:
        return len(self.text)

    def slice(self, start: int, end: int) -> Span:
        return Span(self.text[start:end], self.offsets[start:end])

    def origin(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) covering normalised characters [start, end)."""
        if not self.offsets or start >= end:
            pos = self.offsets[min(start, len(self.offsets) - 1)] if self.offsets else 0
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1


EMPTY = Span("", ())


@dataclass(frozen=True, slots=True)
class Line:
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
    if unicodedata.is_normalized("NFKC", text):
        return Span(text, tuple(range(base, base + len(text))))
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        norm = unicodedata.normalize("NFKC", ch) if ord(ch) > 127 else ch
        for out in norm:
            chars.append(out)
            offsets.append(base + i)
    return Span("".join(chars), tuple(offsets))


def strip_inner_whitespace(span: Span) -> Span:
    """Remove OCR whitespace, keeping one space only between two ASCII letters/digits.

    >>> strip_inner_whitespace(Span("科 学 城 12 个", tuple(range(12)))).text
    '科学城12个'
    """
    text = span.text
    if not any(ch.isspace() for ch in text):
        return span
    keep_chars: list[str] = []
    keep_offsets: list[int] = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch.isspace():
            j = i
            while j < n and text[j].isspace():
                j += 1
            before = keep_chars[-1] if keep_chars else ""
            after = text[j] if j < n else ""
            # "Hello World" keeps its space; "12 个" and "科 学" lose it. Two numbers
            # separated by space stay apart so they are not read as one.
            if before and after and ASCII_ALNUM.match(before) and ASCII_ALNUM.match(after):
                if not (before.isdigit() != after.isdigit()):
                    keep_chars.append(" ")
                    keep_offsets.append(span.offsets[i])
            i = j
            continue
        keep_chars.append(ch)
        keep_offsets.append(span.offsets[i])
        i += 1
    return Span("".join(keep_chars), tuple(keep_offsets))


def normalise_line(raw_line: str, base: int) -> tuple[Span, bool]:
    """One original line -> (normalised span, was it a markdown heading)."""
    heading = raw_line.lstrip().startswith("#")
    prefix = MARKDOWN_PREFIX.match(raw_line)
    start = prefix.end() if prefix else 0
    span = nfkc_with_offsets(raw_line[start:], base + start)
    if MARKDOWN_INLINE.search(span.text):
        keep = [i for i, _ in enumerate(span.text)]
        for m in MARKDOWN_INLINE.finditer(span.text):
            for k in range(m.start(), m.end()):
                keep[k] = -1
        idx = [k for k in keep if k >= 0]
        span = Span("".join(span.text[k] for k in idx), tuple(span.offsets[k] for k in idx))
    return strip_inner_whitespace(span), heading


def split_lines(raw: str) -> list[Line]:
    """The document's non-blank lines, normalised, with their layout flags."""
    lines: list[Line] = []
    pos = 0
    blank = False
    for raw_line in raw.splitlines(keepends=True):
        body = raw_line.rstrip("\r\n")
        span, heading = normalise_line(body, pos)
        base = pos
        pos += len(raw_line)
        if not span.text:
            blank = True
            continue
        lines.append(Line(span=span, raw=body, base=base, blank_before=blank, markdown_heading=heading))
        blank = False
    return lines
