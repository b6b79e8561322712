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
from array import array
from collections.abc import Sequence
from itertools import accumulate, compress
from operator import not_
from typing import Final, NamedTuple

MARKDOWN_PREFIX: Final = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+|>\s*)")
MARKDOWN_INLINE: Final = re.compile(r"\*\*|__|`")
ASCII_LETTER: Final = re.compile(r"[A-Za-z]")


def _stable_class() -> str:
    """A regex class of characters NFKC leaves alone on their own and that cannot
    compose with a neighbour: ASCII, CJK ideographs, and the stable ones of the
    punctuation blocks news text is full of (、。“”《》)."""
    ranges = ["\\x00-\\x7f", "\\u4e00-\\u9fff"]
    for code in [*range(0x2000, 0x2070), *range(0x3000, 0x3040)]:
        ch = chr(code)
        if unicodedata.normalize("NFKC", ch) == ch and _composes_with_nothing(ch):
            ranges.append(re.escape(ch))
    return "".join(ranges)


def _composes_with_nothing(text: str) -> bool:
    # Canonical composition joins a starter with a following mark or Hangul jamo; text
    # without either composes nowhere, so NFKC works on it character by character.
    return not any(
        unicodedata.category(c).startswith("M") or "\u1100" <= c <= "\u11ff" or "\u3130" <= c <= "\u318f"
        or "\ua960" <= c <= "\ua97f" or "\ud7b0" <= c <= "\ud7ff"
        for c in text
    )


NFKC_CANDIDATE: Final = re.compile(f"[^{_stable_class()}]")
_NFKC_CHAR: Final[dict[str, str | None]] = {}  # char -> its NFKC form, None if it may compose
# The full-width punctuation Chinese text is full of, with its NFKC forms: replaced
# before the scan for the others (a str.replace is far faster than a regex match per
# comma, and replacing a character by its NFKC form leaves the text's NFKC as it is).
COMMON_WIDE: Final = {ch: unicodedata.normalize("NFKC", ch) for ch in "，：；（）"}


def nfkc(text: str) -> str:
    """unicodedata.normalize("NFKC", text), an order of magnitude faster on Chinese text.

    The library normalises every ideograph; here only the few other characters are
    looked at (full-width ，；（）０-９ and the like), each once per process, and the
    string is rewritten with str.replace. Text with combining marks or Hangul jamo,
    which can compose across characters, takes the library's path.

    >>> nfkc("总投资１２．５亿元，（约）")
    '总投资12.5亿元,(约)'
    """
    return _nfkc_in_place(text)[0]


def _nfkc_in_place(text: str) -> tuple[str, bool]:
    """nfkc(text), and whether every character kept its position (each was replaced by
    one character): then the lines of the result are the lines of `text`, same lengths."""
    for wide, narrow in COMMON_WIDE.items():
        if wide in text:
            text = text.replace(wide, narrow)
    # Most pages are NFKC once their wide punctuation is replaced: unicodedata's quick
    # check says so in a third of the time of the scan for the odd characters.
    if unicodedata.is_normalized("NFKC", text):
        return text, True
    in_place = True
    odd = set(NFKC_CANDIDATE.findall(text))
    for ch in odd:
        if ch not in _NFKC_CHAR:
            form = unicodedata.normalize("NFKC", ch)
            _NFKC_CHAR[ch] = form if _composes_with_nothing(ch + form) else None
        norm = _NFKC_CHAR[ch]
        if norm is None:
            return unicodedata.normalize("NFKC", text), False
        if norm != ch:
            text = text.replace(ch, norm)
            in_place = in_place and len(norm) == 1
    return text, in_place


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


def join_spans(spans: Sequence[Span], separator: str = "") -> Span:
    """Concatenate spans in one pass (a separator takes the offset of the char before it).

    Spans that sit end to end in one shared offset table (the lines of a paragraph, as
    split_lines makes them) join into a view of that table: no offsets are copied.
    """
    if not separator and spans and _adjacent(spans):
        return Span("".join([s.text for s in spans]), spans[0].offsets, spans[0].lo)
    texts: list[str] = []
    offsets: list[int] = []
    for span in spans:
        if separator and texts:
            texts.append(separator)
            offsets.extend([offsets[-1]] * len(separator))
        texts.append(span.text)
        offsets.extend(span.own_offsets())
    return Span("".join(texts), offsets)


def _adjacent(spans: Sequence[Span]) -> bool:
    table = spans[0].offsets
    end = spans[0].lo + len(spans[0].text)
    for span in spans[1:]:
        if span.offsets is not table or span.lo != end:
            return False
        end += len(span.text)
    return True


EMPTY: Final = Span("", ())


class Line(NamedTuple):
    span: Span  # the normalised line
    raw: str  # the original line, for classification that needs the layout
    base: int  # offset of the original line in the document
    blank_before: bool  # a blank line (paragraph or column break) precedes it
    markdown_heading: bool  # the line was a markdown heading (# ...)


class LineTable(NamedTuple):
    """A document's non-blank lines, as split_lines gives them, in columns: the fields
    of Line, one list each. Code that reads every line of a page (extract.articles)
    takes them so, and makes a line's Span only where it needs one: a page has
    hundreds of lines, and a Span and a Line per line cost more than the reading.

    The lines' characters lie end to end in one offset table: those of line k came
    from offsets[los[k] : los[k] + len(texts[k])]. (On the plain path the table is an
    array of machine integers: see _COUNTING.)
    """

    texts: list[str]  # the normalised lines (Line.span.text)
    raws: list[str]
    bases: list[int]
    blank_before: list[bool]
    markdown_heading: list[bool]
    offsets: Sequence[int]
    los: list[int]

    def span(self, k: int) -> Span:
        """Line k's span, a view of the shared offset table."""
        return Span(self.texts[k], self.offsets, self.los[k])

    def lines(self) -> list[Line]:
        return [
            Line(self.span(k), raw, base, blank, heading)
            for k, (raw, base, blank, heading) in enumerate(zip(self.raws, self.bases, self.blank_before, self.markdown_heading))
        ]


def _line_table(lines: list[Line]) -> LineTable:
    """The columns of `lines`, their offsets copied into one table."""
    offsets: list[int] = []
    los: list[int] = []
    for line in lines:
        los.append(len(offsets))
        offsets.extend(line.span.own_offsets())
    return LineTable(
        [line.span.text for line in lines],
        [line.raw for line in lines],
        [line.base for line in lines],
        [line.blank_before for line in lines],
        [line.markdown_heading for line in lines],
        offsets,
        los,
    )


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


WHITESPACE_RUN: Final = re.compile(r"\s+")


# A text table's cells are set apart by tabs or runs of spaces (指标名称  单位  本月…);
# OCR spaces single characters. A line of three or more such cells, none of them
# prose (no ，。) and no number followed by words (总投资  96.6  亿元 is OCR spacing),
# is a table line: its gaps become CELL_SEPARATOR instead of vanishing, so
# 61.37  468.92  9.6 does not read as one number.
CELL_GAP: Final = re.compile(r"[ \t]*\t[ \t]*| {2,}")
LETTER_SPACED: Final = re.compile(r"[\u4e00-\u9fff] [\u4e00-\u9fff]")
PROSE_PUNCT: Final = re.compile(r"[。，]|,(?!\d{3})")  # (1,203.4 is a number, not prose)
# A private-use character: it never comes from the page, so a | in the text is no cell.
CELL_SEPARATOR: Final = "\ue000"
MIN_TABLE_CELLS: Final = 3


def cell_gaps(text: str) -> set[int]:
    """Start offsets of the whitespace runs of `text` that separate table cells (empty
    unless the line is a table line).

    >>> sorted(cell_gaps("规上工业总产值  亿元  61.37  468.92"))
    [7, 11, 18]
    """
    if "  " not in text and "\t" not in text:
        return set()
    inner = text.strip()
    if PROSE_PUNCT.search(inner) or LETTER_SPACED.search(inner):
        return set()  # prose, or a line OCR spaced out character by character
    lead = len(text) - len(text.lstrip())
    gaps = [m for m in CELL_GAP.finditer(inner)]
    if len(gaps) + 1 < MIN_TABLE_CELLS:
        return set()
    for m in gaps:
        if inner[m.start() - 1].isdigit() and "\u4e00" <= inner[m.end()] <= "\u9fff":
            return set()  # a number and its unit or noun: a sentence spaced out
    cells = CELL_GAP.split(inner)
    if 2 * sum(len(cell) == 1 for cell in cells) > len(cells):
        return set()  # mostly single characters: OCR letter spacing (板   和   深)
    return {m.start() + lead for m in gaps}


# A table written with bars: markdown's | 指标 | 1-6月 | 同比增长% | (then |---|---|),
# or a web page's 指标名称｜单位｜2020年基期值 (NFKC makes ｜ a |) with no outer bars but
# two or more inside and no sentence end. Searched on whole pages (re.M) and matched on
# one line's normalised text.
PIPE_ROW: Final = re.compile(r"^[ \t]*\|[^\n]*\|[ \t]*$|^[^|\n。]+(?:\|[^|\n。]*){2,}$", re.M)
PIPE_RULE: Final = re.compile(r"[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+(?:[ \t]*:?-{3,}:?[ \t]*)?$")
# An infographic's line with its unit in the label: 新开工项目(个):41, 增速(%):7.2.
LABEL_UNIT_ROW: Final = re.compile(r"[^:|。,]{1,24}?\([^()]{1,6}\)[:][ \t]*-?\d[\d,.]*%?[ \t]*")


def pipe_cells(span: Span) -> Span:
    """A table line written with bars as one with CELL_SEPARATOR between its cells
    (whitespace dropped; outer bars, when there are any, go).

    >>> pipe_cells(Span("| 固定资产投资 | 5 6.2 |", range(19))).text.split(CELL_SEPARATOR)
    ['固定资产投资', '56.2']
    >>> pipe_cells(Span("上市公司数|家|3|7", range(11))).text.split(CELL_SEPARATOR)
    ['上市公司数', '家', '3', '7']
    """
    text = span.text
    inner = text.strip()
    lead = len(text) - len(text.lstrip())
    first = text.index("|") if inner.startswith("|") else lead - 1
    last = text.rindex("|") if inner.endswith("|") else lead + len(inner)
    bars = [first] + [i for i in range(first + 1, last) if text[i] == "|"] + [last]
    texts: list[str] = []
    offsets: list[int] = []
    for left, right in zip(bars, bars[1:]):
        cell = strip_inner_whitespace(span.slice(left + 1, right))
        if texts:
            texts.append(CELL_SEPARATOR)
            offsets.append(span.offset_at(left))
        texts.append(cell.text)
        offsets.extend(cell.own_offsets())
    return Span("".join(texts), offsets)


def label_cells(span: Span) -> Span:
    """新开工项目(个):41 as the table line 新开工项目(个) | 41 (the unit stays in the label).

    >>> label_cells(Span("增速(%):7.2", range(9))).text.split(CELL_SEPARATOR)
    ['增速(%)', '7.2']
    """
    colon = span.text.index(":")
    label = strip_inner_whitespace(span.slice(0, colon))
    value = strip_inner_whitespace(span.slice(colon + 1, len(span.text)))
    return Span(label.text + CELL_SEPARATOR + value.text, [*label.own_offsets(), span.offset_at(colon), *value.own_offsets()])


def strip_inner_whitespace(span: Span) -> Span:
    """Remove OCR whitespace, keeping one space only between two ASCII letters
    ("Hello World"). OCR spaces out digits too ("1 2 . 6 %"), so digits are joined.
    The cells of a table line keep a CELL_SEPARATOR between them (cell_gaps).

    >>> strip_inner_whitespace(Span("科 学 城 12 个", range(12))).text
    '科学城12个'
    """
    text = span.text
    if " " not in text and "\t" not in text and not WHITESPACE_RUN.search(text):
        return span
    runs = list(WHITESPACE_RUN.finditer(text))
    gaps = cell_gaps(text)
    pieces: list[str] = []
    offsets: list[int] = []
    own = span.own_offsets()
    pos = 0
    for m in runs:
        pieces.append(text[pos : m.start()])
        offsets.extend(own[pos : m.start()])
        before = text[m.start() - 1] if m.start() > 0 else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if m.start() in gaps:
            pieces.append(CELL_SEPARATOR)
            offsets.append(own[m.start()])
        elif before and after and ASCII_LETTER.match(before) and ASCII_LETTER.match(after):
            pieces.append(" ")
            offsets.append(own[m.start()])
        pos = m.end()
    pieces.append(text[pos:])
    offsets.extend(own[pos:])
    return Span("".join(pieces), offsets)


MARKDOWN_START: Final = ("#", "-", "*", "+", ">")


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


# Anything that needs the careful per-line path for the whole document: line breaks
# other than \n (the others str.splitlines breaks at), and text NFKC does not map one
# to one. Newspaper text has neither. (Searched one by one with str: faster than a
# regex class scanning the page.)
LINE_BREAKS_OTHER: Final = "\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"


def split_lines(raw: str) -> list[Line]:
    """The document's non-blank lines, normalised, with their layout flags.

    The lines' spans share one offset table and lie end to end in it, so the lines of a
    paragraph join without copying (join_spans).
    """
    return split_line_table(raw).lines()


def split_line_table(raw: str) -> LineTable:
    """split_lines's lines as a LineTable.

    >>> split_line_table("高 新 区\\n\\n总投资１２亿元").texts
    ['高新区', '总投资12亿元']
    """
    normal, in_place = _nfkc_in_place(raw)
    one_to_one = in_place or (len(normal) == len(raw) and normal.count("\n") == raw.count("\n"))
    if one_to_one and not has_written_tables(normal) and not any(map(raw.__contains__, LINE_BREAKS_OTHER)):
        return _plain_line_table(raw, normal, in_place)
    return _line_table(_split_lines_carefully(raw, normal, one_to_one))


def has_written_tables(normal: str) -> bool:
    """Lines only the careful path reads as table rows: bars (指标|单位|…) or a label
    with its unit (新开工项目(个):41)."""
    return ("|" in normal and PIPE_ROW.search(normal) is not None) or "):" in normal


def _split_plain_lines(raw: str, normal: str) -> list[Line]:
    """split_lines for the common case: \n line breaks, NFKC one to one."""
    return _plain_line_table(raw, normal, False).lines()


def _plain_line_table(raw: str, normal: str, in_place: bool) -> LineTable:
    """split_line_table for the common case: \n line breaks, NFKC one to one. A line
    with no whitespace and no markdown (most) is cleaned by a few C-level calls.
    `in_place`: NFKC replaced each character by one (_nfkc_in_place), so `normal`'s
    lines are as long as `raw`'s."""
    # MARKDOWN_INLINE.search(normal), by str's literal search (a regex scan of the page
    # costs as much as all the other page-wide checks together).
    inline_markdown = "**" in normal or "__" in normal or "`" in normal
    bodies = raw.split("\n")
    normal_lines = normal.split("\n")
    if not in_place and list(map(len, normal_lines)) != list(map(len, bodies)):
        # NFKC composed some characters and expanded others, so its line breaks moved:
        # each line's text is cut from where the raw line stands, as the careful path does.
        starts = accumulate(map(len, bodies), lambda pos, n: pos + n + 1, initial=0)
        normal_lines = [normal[base : base + len(body)] for base, body in zip(starts, bodies)]
    # Each line's text.isprintable() (no whitespace but " "), answered once for the page
    # when its lines end to end are printable, as on most pages: then so is every line.
    printable = "".join(normal_lines).isprintable()
    counting = _counting(len(raw))
    offsets = array("q")
    texts: list[str] = []
    raws: list[str] = []
    bases: list[int] = []
    after_blank: list[int] = []  # the (indexes of the) lines with a blank line before them
    headings: list[int] = []  # and of the markdown headings
    end = -1  # where the last line's \n stands
    blank = False
    for body, text in zip(bodies, normal_lines):
        base = end + 1
        end = base + len(body)
        if not body:
            blank = True
            continue
        if (
            " " not in text
            and (printable or text.isprintable())  # (every whitespace character but " " is unprintable)
            # body[0] not in CAREFUL_FIRST: when NFKC kept each character in place, the
            # text's first is the body's, or its NFKC form: a markdown marker stays one,
            # whitespace becomes " " or stays unprintable (both ruled out above). A test
            # of the text needs no one-character string, and every marker is ASCII: a
            # non-ASCII first character rules out all five at once (text >= "\x80" says
            # so by comparing strings: text[0] would build a string for a CJK character).
            and (
                (text >= "\x80" or not text.startswith(MARKDOWN_START))
                if in_place
                else body[0] not in CAREFUL_FIRST
            )
            and not (inline_markdown and MARKDOWN_INLINE.search(text))
        ):
            # Most lines: no whitespace, no markdown, so nothing to drop.
            offsets.extend(counting[base:end])
        else:
            if (body[0] in CAREFUL_FIRST) and body.lstrip().startswith(MARKDOWN_START) or (
                inline_markdown and MARKDOWN_INLINE.search(text)
            ):
                span, heading = _clean_line(Span(text, range(base, end)), body)
                text = span.text
                offsets.extend(span.own_offsets())
                if heading and text:
                    headings.append(len(texts))
            elif " " not in text and (printable or text.isprintable()):
                offsets.extend(counting[base:end])
            else:
                text = _drop_whitespace(text, base, offsets, counting, printable)
            if not text:
                blank = True
                continue
        if blank:
            after_blank.append(len(texts))
            blank = False
        texts.append(text)
        raws.append(body)
        bases.append(base)
    # Every line put len(text) offsets in the table, so each starts where the one before ends.
    los = list(accumulate(map(len, texts), initial=0))
    los.pop()
    return LineTable(texts, raws, bases, _flags(len(texts), after_blank), _flags(len(texts), headings), offsets, los)


# 0, 1, 2, … as machine integers. The offsets of an identity-mapped line (base, base + 1,
# …) are copied from it, without a Python int per character: making those was a good
# part of the cost of splitting a page. Grown when a longer document comes.
_COUNTING: Final = array("q")


def _counting(size: int) -> array[int]:
    """_COUNTING, at least `size` long."""
    if len(_COUNTING) < size:
        _COUNTING.extend(range(len(_COUNTING), max(size, 2 * len(_COUNTING), 1 << 16)))
    return _COUNTING


def _flags(n: int, indexes: list[int]) -> list[bool]:
    flags = [False] * n
    for k in indexes:
        flags[k] = True
    return flags


# A line's first character that may make it markdown (a marker, or whitespace before
# one): body.startswith(MARKDOWN_START) or body[:1].isspace() in one set lookup. (Every
# whitespace character is below U+3001.)
CAREFUL_FIRST: Final = frozenset(MARKDOWN_START) | frozenset(filter(str.isspace, map(chr, range(0x3001))))


def _drop_whitespace(text: str, base: int, offsets: array[int], counting: array[int], printable: bool = False) -> str:
    """strip_inner_whitespace for an identity-mapped line, appending its offsets
    (`counting`: _counting, long enough for the line; `printable`: the line is known to
    be text.isprintable())."""
    gaps = cell_gaps(text) if "  " in text or "\t" in text else None
    if not gaps and not ASCII_LETTER.search(text):
        # No space is kept, so every whitespace character goes, with no Python step per
        # run (OCR spaces out whole lines: 科 学 城 建 设).
        if printable or text.isprintable():
            # The only whitespace is " " (OCR's): the pieces between spaces keep their
            # offsets, copied from `counting` (a few slices, not a test per character).
            pos = base
            for piece in text.split(" "):
                offsets.extend(counting[pos : pos + len(piece)])
                pos += len(piece) + 1
            return text.replace(" ", "")
        offsets.extend(compress(range(base, base + len(text)), map(not_, map(str.isspace, text))))
        return "".join(text.split())
    pieces: list[str] = []
    pos = 0
    for m in WHITESPACE_RUN.finditer(text):
        start, end = m.span()
        pieces.append(text[pos:start])
        offsets.extend(range(base + pos, base + start))
        if gaps and start in gaps:
            pieces.append(CELL_SEPARATOR)
            offsets.append(base + start)
        elif 0 < start and end < len(text) and ASCII_LETTER.match(text[start - 1]) and ASCII_LETTER.match(text[end]):
            pieces.append(" ")
            offsets.append(base + start)
        pos = end
    pieces.append(text[pos:])
    offsets.extend(range(base + pos, base + len(text)))
    return "".join(pieces)


def _split_lines_carefully(raw: str, normal: str, one_to_one: bool) -> list[Line]:
    """split_lines line by line, for markdown, unusual line breaks and NFKC expansions."""
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
        else:
            span = nfkc_with_offsets(body, base)
        if PIPE_ROW.fullmatch(span.text):
            if PIPE_RULE.fullmatch(span.text):
                continue  # a markdown table's |---|---| line: layout, not text nor a paragraph break
            span = pipe_cells(span)
        elif LABEL_UNIT_ROW.fullmatch(span.text):
            span = label_cells(span)
        span, heading = _clean_line(span, body)
        if not span.text:
            blank = True
            continue
        lines.append(Line(span=span, raw=body, base=base, blank_before=blank, markdown_heading=heading))
        blank = False
    return lines
