"""Split a newspaper page into news items: headlines, openings, bylines, paragraphs.

A page's columns come out of OCR in any order: a headline may sit far from its item,
an item may be cut in two by another item. We classify lines (headline, byline,
publication line, body), join column-wrapped lines into paragraphs, start an item at
each opening (`本报讯`, `…日讯`), end it at its byline, and give every piece without
an opening (a continued column) and every headline to the item it shares most words with.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from typing import Final

from extract.dates import PAGE_HEADER
from extract.normalize import CELL_SEPARATOR, EMPTY, LineTable, Span, split_line_table

# An item opening: 本报讯 / XX网4月14日讯 / 湖北日报讯.
# A dated opening needs nothing after it (11月8日讯今天上午: OCR spaces are gone); an
# undated one must be followed by what opens a dateline, so 通讯/资讯 are not openings.
OPENER: Final = re.compile(
    r"本报讯|[\u4e00-\u9fffA-Za-z]{0,12}?\d{1,2}月\d{1,2}日讯"
    r"|[\u4e00-\u9fffA-Za-z]{0,12}?讯(?=[\s(（【“\"]|\d|近日|日前|$)"
    r"|[\u4e00-\u9fff]{0,12}?\d{1,2}月\d{1,2}日电"
)
# What every OPENER match holds: its 讯 (with what must follow a bare one) or 日电. A
# cheap search that rules most texts out before OPENER's, which tries its lazy prefix
# at every position (ten times as long on a byline's 通讯员).
OPENER_HINT: Final = re.compile(r"本报讯|日讯|日电|讯(?=[\s(（【“\"]|\d|近日|日前|$)")
# Openings that start an item wherever they open a line after a blank one.
LINE_OPENERS: Final = ("本报讯",)
OPENER_MARKS: Final = ("讯", "日电")  # (no two of their hits overlap)
# A paragraph opening with its date (11月14日，… / 近日，…): an item's first when a
# headline stands right above it.
DATED_START: Final = re.compile(r"(?:\d{1,2}月\d{1,2}日|近日|日前|近期)[,，]")
# A bulleted, dated paragraph opens an item of a news-in-brief list (◆11月14日,… / ▲近日,…).
BULLET_OPENER: Final = re.compile(r"[◆▲■●★◇△□▶►](?=\d{1,2}月\d{1,2}日|近日|日前|近期)")
# Bylines: "记者 孙庆辉", "通讯员 方宝岭", "…文/图", "(刘蓉万兴峰)". Read on the raw line,
# because "记者 X" keeps its space where the body's "记者从…获悉" has none.
BYLINE_RAW: Final = re.compile(
    r"^\s*(?:\S{0,10}记者\s|通讯员|见习记者|实习生|\S{0,8}记者\S{2,8}(?:文/图|摄))|文\s*/\s*图\s*$|摄影?\s*$"
    r"|^\s*[(（][\u4e00-\u9fff]{2,10}[)）]\s*$"
)
BYLINE_HINT: Final = re.compile(r"(?=[记通实文摄\s(（])(?:记者|通讯员|实习生|文\s*/\s*图|摄|^\s*[(（])")
# What a BYLINE_HINT leaves in the line's normalised text (its spaces gone, its （ a "("):
# one of these words.
BYLINE_HINT_WORDS: Final = ("记者", "通讯员", "实习生", "/", "摄", "(")
# An inline byline after the last sentence: "…早达效。记者 孙庆辉 文/图", "…以内。（钟 文）".
BYLINE_INLINE: Final = re.compile(
    r"(?<=[。!?”])\s*(?:(?:记者|本报记者)\s+\S.{0,40}|[(（][\u4e00-\u9fff][\u4e00-\u9fff\s]{1,10}[)）]\s*)$"
)
# Publication lines: dates, times, sources (发布日期:2025-03-26 02:34:12, 25.12.2014 13:56).
META_WORDS: Final = re.compile(
    r"发布日期|发布时间|发布机构|信息来源|来源|作者|编辑|责任编辑|浏览|点击"
    # a government site's disclosure block (索引号: …, 信息分类: 计划总结, 生成日期: …)
    r"|索引号|信息分类|主题分类|公开方式|公开范围|文号|生成日期|成文日期|发文机关|发文日期|有效性"
    # navigation crumbs (当前位置:首页 > 工作动态)
    r"|当前位置|您的位置|您现在的位置|首页\s*[>›»]"
    # a web page's tools (【字体:大 中 小】【打印本页】【关闭窗口】, 字号:大 中 小)
    r"|【字体|字体:|字号:|【打印|打印本页|关闭窗口|【关闭|【大"
)
META_FIRST_CHARS: Final = frozenset(word[0] for word in META_WORDS.pattern.split("|"))
# How the lines that may be meta though they hold a comma start: a source tag (【…】),
# META_WORDS, a speech's date line (——2021年1月12日在…).
COMMA_META_FIRST_CHARS: Final = META_FIRST_CHARS | {"【", "—"}
# (The leading lookahead names the possible first characters: re then skips to them
# instead of trying every alternative at every position, three times faster.)
DATE_TOKEN: Final = re.compile(
    r"(?=[\d:])(?:\d{4}[-./年/]\d{1,2}[-./月/]\d{1,2}日?|\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}:\d{2}(?::\d{2})?|:\d{2}(?![\d.%\u4e00-\u9fff]))"
)
# What every dates.PAGE_HEADER match (第2版, 星期五) opens with: str rules most short
# lines out before the regex is called.
PAGE_HEADER_OPENINGS: Final = ("第", "星期")
# The date line under a speech's or a work report's title.
SPEECH_DATE: Final = re.compile(r"—{1,2}\s*(?:19|20)\d{2}年\d{1,2}月\d{1,2}日\s*在")
MASTHEAD_YEAR: Final = re.compile(r"[\u4e00-\u9fff]{0,10}(?:19|20)\d{2}年")
MASTHEAD_DAY: Final = re.compile(r"\d{1,2}月\d{1,2}日(?:星期[一二三四五六日天])?")
WEEKDAY_CHARS: Final = frozenset("星期一二三四五六日天")
SOURCE_TAG: Final = re.compile(r"^【[^】]{1,20}】$")
# A column's headline opens with its place (仁怀:酱香酒配套产业招商签约68.5亿元).
PLACE_COLON: Final = re.compile(r"^[\u4e00-\u9fff]{2,4}:")
# A document's date closing its letterhead line (…领导小组办公室    2024年4月1日).
DATE_AT_END: Final = re.compile(r"(?:19|20)\d{2}年\d{1,2}月\d{1,2}日$")
FULL_DATE_TOKEN: Final = re.compile(r"(?:19|20)\d{2}[-./年]\d{1,2}[-./月]\d{1,2}")
SENTENCE_BREAK: Final = re.compile(r"[。,，;；!?！？]")
SENTENCE_PUNCT: Final = re.compile(r"[。,;:!?，；：！？]")
CLAUSE_PUNCT: Final = re.compile(r"[。,;:，；：]")
SECTION_NUMBER: Final = re.compile(r"[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、]\D")
# What a SECTION_NUMBER opens with, but for a digit: a cheap first test.
SECTION_FIRST_CHARS: Final = frozenset("一二三四五六七八九十(（")
TERMINAL: Final = "。!?”’…"
TERMINAL_ENDS: Final = tuple(TERMINAL)  # for str.endswith
# A line ending a lead-in (现将有关情况总结如下:) ends its paragraph before a heading too.
LEAD_IN_ENDS: Final = (*TERMINAL_ENDS, ":")
HEADING_MAX_LINE: Final = 40
# A column-layout line is short; a line longer than this that ends a sentence ends its
# paragraph even without a blank line after it (one paragraph per line).
COLUMN_LINE_MAX: Final = 30
# Share of a headline's character pairs an item must contain to claim it.
HEADLINE_MIN_SIMILARITY: Final = 0.3
# An infographic's line: a label, a colon and one figure (新签约项目:36个, 同比增长:12.3%,
# 全国百强县(2023):第4位). Two or more in a row are a list of figures, one per line,
# not a column wrapping a sentence: each line stands alone.
LABEL_FIGURE_LINE: Final = re.compile(r"[^:,;。]{2,30}:(?:约|超|近|逾)?第?-?\d[\d.,]*(?:%|[\u4e00-\u9fff]{1,5})?")


@dataclass
class ArticleText:
    """One news item as found on the page (mutable while the page is assembled)."""

    index: int
    headlines: list[Span] = field(default_factory=list)
    paragraphs: list[Span] = field(default_factory=list)
    meta: list[Span] = field(default_factory=list)  # publication lines seen inside it
    has_opener: bool = False
    closed: bool = False  # its byline has been seen

    @property
    def title(self) -> str:
        return " ".join(h.text for h in self.headlines)

    def body_text(self) -> str:
        return "".join(p.text for p in self.paragraphs)

    def origin(self) -> tuple[int, int]:
        start, end = -1, -1
        for spans in (self.headlines, self.paragraphs):
            for s in spans:
                if s.text:
                    first, last = s.offset_at(0), s.offset_at(len(s.text) - 1) + 1
                    if start == -1 or first < start:
                        start = first
                    end = max(end, last)
        return (start, end) if start != -1 else (0, 0)


@dataclass(frozen=True, slots=True)
class Page:
    articles: tuple[ArticleText, ...]
    meta: tuple[Span, ...]  # publication lines of the page (dates, sources)
    full_text: str  # all normalised text, for page-level evidence (years)


def _classify(table: LineTable, page: str) -> tuple[list[str], set[int]]:
    """Each line's kind (heading, meta: a publication line, byline or body), and the
    body lines with no , or 。. `page`: the lines' texts end to end (_lines_holding).

    Most lines are body text, and most of those hold a 。 or a comma, which rules out
    nearly every other kind: such a line takes only the tests that allow one.
    """
    texts, raws, blank_before, markdown_heading = table.texts, table.raws, table.blank_before, table.markdown_heading
    kinds: list[str] = []  # (kinds.append is called as such: compiled, a direct list append)
    headline_like: set[int] = set()  # body lines that read as a headline (_is_heading_text)
    short_body: list[int] = []  # body lines with no , or 。: the only ones that may be headlines
    block_starts = [0]  # the blocks of lines between blank lines
    sentence_blocks: set[int] = set()  # (the starts of) blocks holding a body line that is no headline
    block = 0
    hinted = _lines_holding(table, page, BYLINE_HINT_WORDS)  # the lines a BYLINE_HINT may be on
    for k, text in enumerate(texts):
        if blank_before[k] and k:
            block = k
            block_starts.append(k)
        if markdown_heading[k]:
            kinds.append("heading")
        elif "。" in text:
            # Of the tests below, only a source tag's allows a 。.
            if text.startswith("【") and SOURCE_TAG.match(text):
                kinds.append("meta")
            else:
                kinds.append("body")
                sentence_blocks.add(block)
        elif "," in text:
            # A comma rules out dates, mastheads and page headers.
            if text[:1] in COMMA_META_FIRST_CHARS and (
                (text.startswith("【") and SOURCE_TAG.match(text))
                or (META_WORDS.match(text) and len(text) <= 60)
                or (text.startswith("—") and SPEECH_DATE.match(text))
            ):
                kinds.append("meta")
            elif k in hinted and len(text) <= 40 and BYLINE_HINT.search(raws[k]) and _is_byline(table, kinds, k):
                kinds.append("byline")
            else:
                kinds.append("body")
                sentence_blocks.add(block)
        else:  # no , or 。: any kind
            plain = text.isalnum()  # words and figures only, as most column lines are
            if (
                # A plain line passes none of _is_publication_line's tests but META_WORDS,
                # a page header's, a masthead's, a date's (which needs its 年) and those
                # after a publication line.
                (
                    not plain
                    or text[:1] in META_FIRST_CHARS
                    or len(text) <= 8
                    or "年" in text
                    or (k > 0 and kinds[k - 1] == "meta")
                )
                and _is_publication_line(table, kinds, k)
            ):
                kinds.append("meta")
            elif k in hinted and len(text) <= 40 and BYLINE_HINT.search(raws[k]) and _is_byline(table, kinds, k):
                kinds.append("byline")
            else:
                kinds.append("body")
                short_body.append(k)
                # (_is_heading_text's commonest case first, inline)
                if (plain and len(text) <= HEADING_MAX_LINE and "讯" not in text) or _is_heading_text(text):
                    headline_like.add(k)
                else:
                    sentence_blocks.add(block)
    _mark_headings(table, kinds, headline_like, short_body, block_starts, sentence_blocks)
    return kinds, set(short_body)


def _lines_holding(table: LineTable, page: str, words: tuple[str, ...]) -> set[int]:
    """The lines whose text holds one of `words` (and maybe a few more), found on the
    whole `page` (the lines end to end, joined once per page) by str.find: far faster
    than a test on each line when few lines have one."""
    # Line k starts at los[k] in `page`. (A word across two lines marks a line that has
    # none: a wasted test, no harm.)
    found: set[int] = set()
    for word in words:
        pos = page.find(word)
        while pos != -1:
            found.add(bisect_right(table.los, pos + len(word) - 1) - 1)  # the line of its last character
            pos = page.find(word, pos + 1)
    return found


def _is_publication_line(table: LineTable, kinds: list[str], k: int) -> bool:
    """Line k, which holds no , or 。, is a publication line: a date, a source, a page
    header. (Every test gives the same kind, so they go cheapest first.)"""
    texts = table.texts
    text = texts[k]
    first = text[:1]
    if first in META_FIRST_CHARS and META_WORDS.match(text) and len(text) <= 60:
        return True  # 来源:…, 索引号:…, 当前位置:首页 > …
    if first == "【" and SOURCE_TAG.match(text):
        return True
    if first == "—" and SPEECH_DATE.match(text):
        return True  # ——2021年1月12日在…会议上: a speech's or report's date line
    if len(text) <= 8 and text.startswith(PAGE_HEADER_OPENINGS) and PAGE_HEADER.fullmatch(text):
        return True  # a page header's 第2版 or 星期五 on a line of its own
    if text.endswith("年") and k + 1 < len(texts) and _masthead_split(text, texts[k + 1]):
        return True  # 东楚晚报 2021年 / 12月21日: a masthead's date on two lines
    if k > 0 and kinds[k - 1] == "meta":
        if _masthead_split(texts[k - 1], text):
            return True
        # A page header broken across lines (城固报 2022年11月15 / 日 星期二 第2版).
        # (OCR may give each character of 星期四 a line of its own.)
        if (
            not table.blank_before[k]
            and len(text) <= HEADING_MAX_LINE
            and (PAGE_HEADER.search(text) or (len(text) <= 3 and WEEKDAY_CHARS.issuperset(text)))
        ):
            return True
    # The tests left need a date (a FULL_DATE_TOKEN is a DATE_TOKEN too), and every
    # DATE_TOKEN holds a time's ":" or a date's separator, which str finds faster.
    if not ("年" in text or ":" in text or "." in text or "-" in text or "/" in text) or DATE_TOKEN.search(text) is None:
        return False
    if (len(_strip_meta(text)) <= 8 or (len(text) <= HEADING_MAX_LINE and PAGE_HEADER.search(text))) and not (
        SENTENCE_BREAK.search(text)
    ):
        return True
    # 天宁日报 2025-04-18 来源:天宁日报 作者:周莉: a dated line naming its source,
    # or a letterhead line ending with the document's date.
    return (
        len(text) <= 60
        and FULL_DATE_TOKEN.search(text) is not None
        and (META_WORDS.search(text) is not None or (DATE_AT_END.search(text) is not None and "  " in table.raws[k]))
    )


def _is_byline(table: LineTable, kinds: list[str], k: int) -> bool:
    """Line k (short, no 。, with a BYLINE_HINT) is a byline: 记者 孙庆辉, (刘蓉万兴峰)."""
    text = table.texts[k]
    return (
        not _continues_sentence(table, kinds, k)
        and not any(map(str.isdigit, text))
        and BYLINE_RAW.search(table.raws[k]) is not None
        and not _has_opener(text)
    )


def _masthead_split(line: str, next_line: str) -> bool:
    """A masthead's date broken after its year: `东楚晚报2021年` / `12月21日`."""
    return MASTHEAD_YEAR.fullmatch(line) is not None and MASTHEAD_DAY.fullmatch(next_line) is not None


def _continues_sentence(table: LineTable, kinds: list[str], k: int) -> bool:
    """A line right after an unfinished body line (no blank line between) continues it:
    `本报讯 (记者 肖 莲 见` / `习记者 张 矛)6月14日` is not a byline."""
    if k == 0 or table.blank_before[k] or kinds[k - 1] != "body":
        return False
    return not table.texts[k - 1].endswith(TERMINAL_ENDS)


def _strip_meta(text: str) -> str:
    text = DATE_TOKEN.sub("", text)
    text = META_WORDS.sub("", text)
    return re.sub(r"[\s:：•·\-—|/]", "", text)


def _is_heading_text(text: str) -> bool:
    if ":" in text:
        text = PLACE_COLON.sub("", text, count=1)  # 盘州:前三季度工业投资同比增长21.3%
    return (
        len(text) <= HEADING_MAX_LINE
        # (Most headlines are words and figures only: str.isalnum() rules out every
        # punctuation mark and the CELL_SEPARATOR at once.)
        and (
            text.isalnum()
            or (
                CELL_SEPARATOR not in text  # a table's row or header
                and "," not in text  # (SENTENCE_PUNCT's commonest, found faster by str)
                and not SENTENCE_PUNCT.search(text)
            )
        )
        and ("讯" not in text or not _has_opener(text))
    )


def _is_web_headline(texts: list[str], k: int) -> bool:
    """A short line that reads as a headline but for an exclamation (亮眼！…“成绩单”出炉),
    right above a long one-line paragraph: web pages title their news so."""
    text = texts[k]
    return (
        k + 1 < len(texts)
        and len(texts[k + 1]) > COLUMN_LINE_MAX
        and len(text) <= HEADING_MAX_LINE
        and CELL_SEPARATOR not in text
        and not CLAUSE_PUNCT.search(text)
    )


def _after_page_furniture(kinds: list[str], k: int) -> bool:
    """Line k opens the page or follows a publication line, headline or byline: where a
    web page's headline stands (a short line above a paragraph mid-item is a subheading)."""
    return k == 0 or kinds[k - 1] != "body"


def is_section_heading_text(text: str) -> bool:
    """二、2024年主要预期目标和重点工作: short, numbered, no sentence punctuation."""
    return len(text) <= HEADING_MAX_LINE and SECTION_NUMBER.match(text) is not None and not SENTENCE_PUNCT.search(text)


def _is_section_heading(table: LineTable, k: int, current: list[str]) -> bool:
    """二、运行分析 / （一）新开工项目: a numbered heading inside an item, a paragraph of
    its own (a column line that only starts like one, 1.全年实现地区生产总值4, runs on).
    `current`: the lines of the paragraph before it, if it is still open."""
    texts = table.texts
    if SECTION_NUMBER.match(texts[k]) is None or not is_section_heading_text(texts[k]):
        return False  # (most lines fail the regex: it goes first)
    starts = table.blank_before[k] or not current or current[-1].endswith(LEAD_IN_ENDS)
    # It ends at a blank line, or above a long line: web pages print a paragraph a
    # line (a column's lines are short).
    if not starts:
        return False
    if k + 1 == len(texts) or table.blank_before[k + 1] or len(texts[k + 1]) > COLUMN_LINE_MAX:
        return True
    # 二、三季度重点工作推进情况 / （一）项目建设提速提效: a heading above a subheading.
    return is_section_heading_text(texts[k + 1]) and not texts[k + 1].endswith(TERMINAL_ENDS)


def _has_opener(text: str) -> bool:
    """OPENER.search(text) is not None, found faster: every opening holds a 讯 or a 电,
    and an OPENER_HINT."""
    return ("讯" in text or "电" in text) and OPENER_HINT.search(text) is not None and OPENER.search(text) is not None


def _opens_item(text: str) -> bool:
    """OPENER.match(text): every opening holds a 讯 or a 电, which str finds faster."""
    return ("讯" in text or "电" in text) and OPENER.match(text) is not None


def _mark_headings(
    table: LineTable,
    kinds: list[str],
    headline_like: set[int],
    short_body: list[int],
    block_starts: list[int],
    sentence_blocks: set[int],
) -> None:
    """Headlines: blocks of short unpunctuated lines that lead to an item, a date or a byline.

    A block of unpunctuated lines can also be a column cut mid-sentence; what tells a
    headline apart is what follows it: an item opening, another headline, a
    publication line or byline, or the end of the page.

    Only the body lines with no , or 。 (`short_body`, from _classify) can become
    headlines, so only they are visited; a block with a body line that does not read
    as a headline (`sentence_blocks`) is no headline block.
    """
    texts, blank_before = table.texts, table.blank_before
    n = len(texts)
    # Per line: a short unpunctuated line glued to an opening line ("标题\n本报讯 3月13日"),
    # or opening a block glued to a dated first line ("标题\n11月14日，县委…" / "近日，…":
    # a brief with no 本报讯; a column line cut mid-sentence has no blank line before it).
    for k in short_body:
        if k in headline_like and k + 1 < n and kinds[k] == "body" and not blank_before[k + 1] and kinds[k + 1] == "body":
            following = texts[k + 1]
            block_start = k == 0 or blank_before[k] or kinds[k - 1] != "body"
            if _opens_item(following) or (block_start and DATED_START.match(following)):
                kinds[k] = "heading"
                _mark_headline_above(table, kinds, headline_like, k)
    bounds = [*block_starts, n]
    blocks = list(zip(bounds, bounds[1:]))
    first_text_block = next((b for b in blocks if "body" in kinds[b[0] : b[1]]), None)
    for i, j in reversed(blocks):
        if i in sentence_blocks:
            continue
        body = [k for k in range(i, j) if kinds[k] == "body"]
        if not body or not all(k in headline_like for k in body):
            continue
        if any(texts[k].endswith(("、", "·")) for k in body):
            continue
        if sum(len(texts[k]) for k in body) > 2 * HEADING_MAX_LINE + 10:
            continue
        nxt = body[-1] + 1 if body[-1] + 1 < n else None
        # The page's first block of text, above everything else, is its headline too.
        if (i, j) == first_text_block or nxt is None or kinds[nxt] in ("heading", "meta", "byline") or _opens_item(texts[nxt]):
            for k in body:
                kinds[k] = "heading"
    for k in short_body:
        if kinds[k] != "body" or k + 1 == n:
            continue
        nxt_kind = kinds[k + 1]
        if nxt_kind in ("meta", "byline"):
            prev_body_open = k > 0 and kinds[k - 1] == "body" and not blank_before[k] and not (
                texts[k - 1].endswith(TERMINAL_ENDS)
            )
            if k in headline_like and not prev_body_open:
                kinds[k] = "heading"
        # A web page's headline right above its first paragraph, one paragraph per line
        # (`高新区营业收入突破千亿元` / `五年来，高新区…。`): a column never wraps a short
        # line into a long one, so the short line is not the start of that paragraph.
        # A numbered section heading (二、运行分析) stays in the body.
        elif (
            nxt_kind == "body"
            and len(texts[k + 1]) > COLUMN_LINE_MAX
            and (k in headline_like or _is_web_headline(texts, k))
            and _after_page_furniture(kinds, k)
            and (texts[k + 1].endswith(LEAD_IN_ENDS) or blank_before[k + 1])
            and not SECTION_NUMBER.match(texts[k])
        ):
            kinds[k] = "heading"


def _mark_headline_above(table: LineTable, kinds: list[str], headline_like: set[int], k: int) -> None:
    """The lines of a headline above its last one, glued to it (湑水河片区安置房一期交付 /
    386户群众喜领新房钥 / 匙 / 本报讯…), when they open their block: a column's lines
    cut mid-sentence follow the text before them instead."""
    blank_before = table.blank_before
    top = k
    while top > 0 and kinds[top - 1] == "body" and top - 1 in headline_like and not blank_before[top]:
        top -= 1
    opens_block = top == 0 or blank_before[top] or kinds[top - 1] != "body"
    if top < k and opens_block and sum(len(table.texts[j]) for j in range(top, k + 1)) <= 2 * HEADING_MAX_LINE + 10:
        for j in range(top, k):
            kinds[j] = "heading"


def _split_inline_byline(table: LineTable, k: int) -> tuple[str, bool]:
    """Cut "…。记者 孙庆辉 文/图" off body line k: the text kept, and whether a byline was there."""
    text = table.texts[k]
    m = BYLINE_INLINE.search(table.raws[k])
    if not m:
        return text, False
    cut = table.bases[k] + m.start()
    lo = table.los[k]
    keep = sum(1 for off in table.offsets[lo : lo + len(text)] if off < cut)
    return text[:keep], True


def _paragraphs(table: LineTable, kinds: list[str], short_body: set[int], page: str) -> list[tuple[str, Span, int]]:
    """The page as a sequence of (kind, span, line index): paragraphs are joined lines.

    `short_body`: the body lines with no , or 。 (only they can be section headings);
    `page`: the lines' texts end to end.
    """
    texts, blank_before = table.texts, table.blank_before
    items: list[tuple[str, Span, int]] = []
    # The paragraph being joined: its lines' texts (the last may lose an inline byline).
    # They are consecutive lines, end to end in the table: the paragraph's span is a
    # view from its first line's start.
    current: list[str] = []
    start_line = 0

    def flush() -> None:
        if current:
            items.append(("body", Span("".join(current), table.offsets, table.los[start_line]), start_line))
            current.clear()

    label_lines = _label_figure_lines(table, page)
    # The lines that may stand alone: table lines (a row, or the header), label:figure
    # lines, and those that start like a section heading (SECTION_NUMBER; re's \d is
    # str.isdecimal()).
    table_lines = _lines_holding(table, page, (CELL_SEPARATOR,))
    section_like = {k for k in short_body if texts[k][0] in SECTION_FIRST_CHARS or texts[k][0].isdecimal()}
    alone = table_lines | label_lines | section_like
    for k, kind in enumerate(kinds):
        if kind != "body":
            flush()
            items.append((kind, table.span(k), k))
            continue
        text = texts[k]
        if k in alone and (
            k in table_lines or k in label_lines or (k in section_like and _is_section_heading(table, k, current))
        ):
            flush()  # a table line (a row, or the header) or a section heading stands alone
            items.append(("body", table.span(k), k))
            continue
        # (An inline byline names a 记者 or ends the raw line in brackets, and the text
        # shows either too: most lines skip the call.)
        if "记者" in text or text.endswith(")"):
            kept, byline_after = _split_inline_byline(table, k)
        else:
            kept, byline_after = text, False
        if current:
            # Column wraps and mid-sentence column breaks join; a sentence end followed
            # by a blank line, or a long (non-column) line, ends the paragraph. (The
            # line before is the paragraph's last: any other kind of line ends one.)
            if blank_before[k]:
                # 本报讯 opening a line after a blank one starts an item even where the
                # text before it stops mid-sentence (a column cut: its rest comes later).
                if current[-1].endswith(TERMINAL_ENDS) or kept.startswith(LINE_OPENERS):
                    flush()
            elif len(texts[k - 1]) > COLUMN_LINE_MAX and current[-1].endswith(TERMINAL_ENDS):
                flush()
        if not current:
            start_line = k
        if kept:
            current.append(kept)
        if byline_after:
            flush()
            items.append(("byline", EMPTY, k))
    flush()
    return items


def _label_figure_lines(table: LineTable, page: str) -> set[int]:
    """Indexes of the lines that are label:figure lines next to another such line."""
    found = [k for k in _lines_holding(table, page, (":",)) if LABEL_FIGURE_LINE.fullmatch(table.texts[k])]
    listed = set(found)
    return {k for k in found if k - 1 in listed or k + 1 in listed}


def _split_openers(items: list[tuple[str, Span, int]]) -> list[tuple[str, Span]]:
    """Cut body paragraphs at item openings; an opening becomes an "opener" paragraph."""
    out: list[tuple[str, Span]] = []
    for kind, span, _ in items:
        if kind != "body":
            out.append((kind, span))
            continue
        if BULLET_OPENER.match(span.text):
            out.append(("opener", span))  # ◆11月14日,…: one item of a news-in-brief list
            continue
        if out and out[-1][0] == "heading" and DATED_START.match(span.text) and not _opener_starts(span.text):
            out.append(("opener", span))  # 标题 / 11月14日,县委…: a brief with no 本报讯
            continue
        if "讯" not in span.text and "电" not in span.text:
            out.append(("body", span))
            continue
        starts = _opener_starts(span.text)
        if not starts:
            out.append(("body", span))
            continue
        if starts[0] > 0:
            out.append(("body", span.slice(0, starts[0])))
        bounds = starts + [len(span.text)]
        for a, b in zip(bounds, bounds[1:]):
            out.append(("opener", span.slice(a, b)))
    return out


def _opener_starts(text: str) -> list[int]:
    """Where item openings start: look only around each 讯 (the regex is costly elsewhere)."""
    starts: list[int] = []
    for pos in _opener_marks(text):
        window_start, window_end = max(0, pos - 25), min(len(text), pos + 2)
        if OPENER_HINT.search(text, window_start, window_end) is None:
            continue  # (no opening in the window: 通讯员, 资讯)
        for m in OPENER.finditer(text, window_start, window_end):
            if m.end() > pos and _opener_ok(text, m.start()) and (not starts or m.start() > starts[-1]):
                starts.append(m.start())
                break
    return starts


def _opener_marks(text: str) -> list[int]:
    """The starts of OPENER_MARKS in `text`, found by str.find (a regex scan of
    a long paragraph costs more than the rest of _opener_starts)."""
    marks: list[int] = []
    for mark in OPENER_MARKS:
        pos = text.find(mark)
        while pos != -1:
            marks.append(pos)
            pos = text.find(mark, pos + len(mark))
    return sorted(marks)


def _opener_ok(text: str, pos: int) -> bool:
    # An opening starts a paragraph or follows a sentence end / headline.
    return pos == 0 or text[pos - 1] in TERMINAL + " "


def split_page(raw: str) -> Page:
    """Split raw page text into news items.

    >>> [a.title for a in split_page("标题一\\n\\n本报讯 3月1日，总投资5亿元。\\n记者 张三").articles]
    ['标题一']
    """
    table = split_line_table(raw)
    page = "".join(table.texts)  # (the lines end to end: their offsets' order)
    kinds, short_body = _classify(table, page)
    items = _split_openers(_paragraphs(table, kinds, short_body, page))
    articles: list[ArticleText] = []
    orphans: list[Span] = []
    headings: list[tuple[Span, int | None]] = []  # (headline, index of the item it precedes)
    page_meta: list[Span] = []
    pending: list[Span] = []
    current: ArticleText | None = None
    for kind, span in items:
        if kind == "heading":
            pending.append(span)
        elif kind == "meta":
            page_meta.append(span)
            if current is not None:
                current.meta.append(span)
        elif kind == "byline":
            if current is not None:
                current.closed = True
        elif kind == "opener":
            current = ArticleText(index=len(articles), has_opener=True)
            articles.append(current)
            current.paragraphs.append(span)
            headings.extend((h, current.index) for h in pending)
            pending = []
        else:  # body without an opening
            if current is None and not articles:
                current = ArticleText(index=0)
                articles.append(current)
                headings.extend((h, 0) for h in pending)
                pending = []
                current.paragraphs.append(span)
            elif current is not None and not current.closed:
                headings.extend((h, None) for h in pending)
                pending = []
                current.paragraphs.append(span)
            else:
                orphans.append(span)
                headings.extend((h, None) for h in pending)
                pending = []
    headings.extend((h, None) for h in pending)
    if not articles:
        articles.append(ArticleText(index=0))
    if orphans or headings:
        _place_pieces(articles, orphans, headings)
    full_text = "\n".join([s.text for _, s in items])
    return Page(articles=tuple(articles), meta=tuple(page_meta), full_text=full_text)


def _place_pieces(articles: list[ArticleText], orphans: list[Span], headings: list[tuple[Span, int | None]]) -> None:
    """Give each headless piece of column to the item it continues (_best_match), then
    each headline to its item (_attach_headline)."""
    if len(articles) == 1:
        # The one item takes everything (what either function gives with one item).
        articles[0].paragraphs.extend(orphans)
        articles[0].headlines.extend(span for span, _ in headings)
        return
    # The pairs of neighbouring word characters (CJK, letters, digits) of each headline
    # and piece, as codes (_pairs).
    headline_pairs = [_pairs(_word_chars(span.text)) for span, _ in headings]
    piece_pairs = [_pairs(_word_chars(span.text)) for span in orphans]
    # An item's pairs are only looked up for these: it keeps only them (a smaller set
    # to build; the lookups give the same answers).
    wanted = set().union(*headline_pairs, *piece_pairs)
    # No headline is attached yet: an item's text is its body.
    bodies = [a.body_text() for a in articles]
    pairs = [_pairs_among(body, wanted) for body in bodies]
    # Every piece is matched against the items as they were before any piece joined.
    sizes = [max(len(b), 1) for b in bodies]
    homes = [_best_match(articles, grams, pairs, sizes) for grams in piece_pairs]
    for span, home in zip(orphans, homes):
        home.paragraphs.append(span)
        if headings:
            # The pairs of the body with the piece appended: those it had, and those of
            # the piece after the body's last character.
            tail = bodies[home.index][-1:] + span.text
            pairs[home.index] |= _pairs_among(tail, wanted)
            bodies[home.index] = tail
    for (span, following), grams in zip(headings, headline_pairs):
        _attach_headline(articles, span, following, grams, pairs)


# What _word_chars drops: all but CJK and str.isalnum() characters (re's \w is those
# and "_"). One C-level pass instead of a Python step per character.
NON_WORD_CHAR: Final = re.compile(r"[^\w\u4e00-\u9fff]|_")


def _word_chars(text: str) -> str:
    """The characters of `text` that are CJK or str.isalnum()."""
    return NON_WORD_CHAR.sub("", text)


def _pairs(text: str) -> set[int]:
    """Every two-character substring of `text`, each as its int code (_codes): `code(g)
    in _pairs(t)` is `g in t` for a pair g, and a set answers it without scanning t.

    The pairs at even positions are _codes(text), those at odd positions
    _codes(text[1:]): made in C, twice as fast as a set of two-character strings.
    """
    return {*_codes(text), *_codes(text[1:])}


def _pairs_among(text: str, wanted: set[int]) -> set[int]:
    """_pairs(text) & wanted, without making the set of all of text's pairs."""
    # The codes at odd positions are _codes(text[1:]): the same UTF-32 bytes read from
    # the second character on (no copy of the text, one encoding).
    data = memoryview(text.encode("utf-32-le", "surrogatepass"))
    found = wanted.intersection(data[: len(data) // 8 * 8].cast("Q"))
    found.update(wanted.intersection(data[4 : 4 + (len(data) - 4) // 8 * 8].cast("Q")))
    return found


def _codes(text: str) -> memoryview:
    """The int codes of text[0:2], text[2:4] ... (a last odd character is left out):
    the UTF-32 bytes of the text read as 64-bit words. One code per pair, and no two
    pairs share one."""
    data = text.encode("utf-32-le", "surrogatepass")
    return memoryview(data)[: len(data) // 8 * 8].cast("Q")


def _best_match(articles: list[ArticleText], grams: set[int], pairs: list[set[int]], sizes: list[int]) -> ArticleText:
    """The item a headless piece of column continues: idf-weighted cosine of character pairs.

    `grams`: the piece's pairs of word characters, as codes (_pairs); `pairs`: those of
    each item among them. Pairs every item shares (高新, 党工委 ...) say nothing; a long
    item must not win by its length alone, hence the cosine.
    """
    n = len(articles)
    # (Sets of int codes, not of two-character strings: no string made per pair, and
    # the idf sums below add in an order that does not depend on str hashing.)
    present = [grams & body for body in pairs]
    # Each gram's idf once: it depends only on its document frequency (the number of
    # items it is present in).
    idf_of_df = [math.log((n + 1) / (df + 0.5)) for df in range(n + 1)]
    df = Counter(chain.from_iterable(present))
    idf = dict(zip(df, map(idf_of_df.__getitem__, df.values())))

    def score(i: int) -> float:
        if not present[i]:
            return 0.0
        return sum(map(idf.__getitem__, present[i])) / math.sqrt(len(grams) * sizes[i])

    return articles[max(range(n), key=lambda i: (score(i), -i))]


def _attach_headline(
    articles: list[ArticleText], span: Span, following: int | None, grams: set[int], pairs: list[set[int]]
) -> None:
    """A headline goes to the item right after it unless another item clearly matches it
    better. `grams`: the headline's _bigrams, as codes."""
    sims = [len(grams & body) / len(grams) if grams else 0.0 for body in pairs]
    best = max(range(len(articles)), key=lambda i: sims[i])
    if following is not None:
        if sims[best] >= 2 * sims[following] and sims[best] >= 0.5 and best != following:
            articles[best].headlines.append(span)
        else:
            articles[following].headlines.append(span)
        return
    if sims[best] >= HEADLINE_MIN_SIMILARITY:
        articles[best].headlines.append(span)
    elif len(articles) == 1:
        articles[0].headlines.append(span)
