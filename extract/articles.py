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
from dataclasses import dataclass, field

from extract.dates import PAGE_HEADER
from extract.normalize import CELL_SEPARATOR, EMPTY, Line, Span, join_spans, split_lines

# An item opening: 本报讯 / XX网4月14日讯 / 湖北日报讯.
# A dated opening needs nothing after it (11月8日讯今天上午: OCR spaces are gone); an
# undated one must be followed by what opens a dateline, so 通讯/资讯 are not openings.
OPENER = re.compile(
    r"本报讯|[\u4e00-\u9fffA-Za-z]{0,12}?\d{1,2}月\d{1,2}日讯"
    r"|[\u4e00-\u9fffA-Za-z]{0,12}?讯(?=[\s(（【“\"]|\d|近日|日前|$)"
    r"|[\u4e00-\u9fff]{0,12}?\d{1,2}月\d{1,2}日电"
)
# Openings that start an item wherever they open a line after a blank one.
LINE_OPENERS = ("本报讯",)
OPENER_MARK = re.compile(r"讯|日电")
# A paragraph opening with its date (11月14日，… / 近日，…): an item's first when a
# headline stands right above it.
DATED_START = re.compile(r"(?:\d{1,2}月\d{1,2}日|近日|日前|近期)[,，]")
# A bulleted, dated paragraph opens an item of a news-in-brief list (◆11月14日,… / ▲近日,…).
BULLET_OPENER = re.compile(r"[◆▲■●★◇△□▶►](?=\d{1,2}月\d{1,2}日|近日|日前|近期)")
# Bylines: "记者 孙庆辉", "通讯员 方宝岭", "…文/图", "(刘蓉万兴峰)". Read on the raw line,
# because "记者 X" keeps its space where the body's "记者从…获悉" has none.
BYLINE_RAW = re.compile(
    r"^\s*(?:\S{0,10}记者\s|通讯员|见习记者|实习生|\S{0,8}记者\S{2,8}(?:文/图|摄))|文\s*/\s*图\s*$|摄影?\s*$"
    r"|^\s*[(（][\u4e00-\u9fff]{2,10}[)）]\s*$"
)
BYLINE_HINT = re.compile(r"(?=[记通实文摄\s(（])(?:记者|通讯员|实习生|文\s*/\s*图|摄|^\s*[(（])")
# An inline byline after the last sentence: "…早达效。记者 孙庆辉 文/图", "…以内。（钟 文）".
BYLINE_INLINE = re.compile(
    r"(?<=[。!?”])\s*(?:(?:记者|本报记者)\s+\S.{0,40}|[(（][\u4e00-\u9fff][\u4e00-\u9fff\s]{1,10}[)）]\s*)$"
)
# Publication lines: dates, times, sources (发布日期:2025-03-26 02:34:12, 25.12.2014 13:56).
META_WORDS = re.compile(
    r"发布日期|发布时间|发布机构|信息来源|来源|作者|编辑|责任编辑|浏览|点击"
    # a government site's disclosure block (索引号: …, 信息分类: 计划总结, 生成日期: …)
    r"|索引号|信息分类|主题分类|公开方式|公开范围|文号|生成日期|成文日期|发文机关|发文日期|有效性"
    # navigation crumbs (当前位置:首页 > 工作动态)
    r"|当前位置|您的位置|您现在的位置|首页\s*[>›»]"
    # a web page's tools (【字体:大 中 小】【打印本页】【关闭窗口】, 字号:大 中 小)
    r"|【字体|字体:|字号:|【打印|打印本页|关闭窗口|【关闭|【大"
)
META_FIRST_CHARS = frozenset(word[0] for word in META_WORDS.pattern.split("|"))
# (The leading lookahead names the possible first characters: re then skips to them
# instead of trying every alternative at every position, three times faster.)
DATE_TOKEN = re.compile(
    r"(?=[\d:])(?:\d{4}[-./年/]\d{1,2}[-./月/]\d{1,2}日?|\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}:\d{2}(?::\d{2})?|:\d{2}(?![\d.%\u4e00-\u9fff]))"
)
# The date line under a speech's or a work report's title.
SPEECH_DATE = re.compile(r"—{1,2}\s*(?:19|20)\d{2}年\d{1,2}月\d{1,2}日\s*在")
MASTHEAD_YEAR = re.compile(r"[\u4e00-\u9fff]{0,10}(?:19|20)\d{2}年")
MASTHEAD_DAY = re.compile(r"\d{1,2}月\d{1,2}日(?:星期[一二三四五六日天])?")
WEEKDAY_CHARS = frozenset("星期一二三四五六日天")
SOURCE_TAG = re.compile(r"^【[^】]{1,20}】$")
# A column's headline opens with its place (仁怀:酱香酒配套产业招商签约68.5亿元).
PLACE_COLON = re.compile(r"^[\u4e00-\u9fff]{2,4}:")
# A document's date closing its letterhead line (…领导小组办公室    2024年4月1日).
DATE_AT_END = re.compile(r"(?:19|20)\d{2}年\d{1,2}月\d{1,2}日$")
FULL_DATE_TOKEN = re.compile(r"(?:19|20)\d{2}[-./年]\d{1,2}[-./月]\d{1,2}")
SENTENCE_BREAK = re.compile(r"[。,，;；!?！？]")
SENTENCE_PUNCT = re.compile(r"[。,;:!?，；：！？]")
CLAUSE_PUNCT = re.compile(r"[。,;:，；：]")
SECTION_NUMBER = re.compile(r"[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、]\D")
TERMINAL = "。!?”’…"
TERMINAL_ENDS = tuple(TERMINAL)  # for str.endswith
# A line ending a lead-in (现将有关情况总结如下:) ends its paragraph before a heading too.
LEAD_IN_ENDS = (*TERMINAL_ENDS, ":")
HEADING_MAX_LINE = 40
# A column-layout line is short; a line longer than this that ends a sentence ends its
# paragraph even without a blank line after it (one paragraph per line).
COLUMN_LINE_MAX = 30
# Share of a headline's character pairs an item must contain to claim it.
HEADLINE_MIN_SIMILARITY = 0.3
# An infographic's line: a label, a colon and one figure (新签约项目:36个, 同比增长:12.3%,
# 全国百强县(2023):第4位). Two or more in a row are a list of figures, one per line,
# not a column wrapping a sentence: each line stands alone.
LABEL_FIGURE_LINE = re.compile(r"[^:,;。]{2,30}:(?:约|超|近|逾)?第?-?\d[\d.,]*(?:%|[\u4e00-\u9fff]{1,5})?")


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
        spans = [s for s in self.headlines + self.paragraphs if s.text]
        if not spans:
            return 0, 0
        return min(s.offset_at(0) for s in spans), max(s.offset_at(len(s) - 1) + 1 for s in spans)


@dataclass(frozen=True, slots=True)
class Page:
    articles: tuple[ArticleText, ...]
    meta: tuple[Span, ...]  # publication lines of the page (dates, sources)
    full_text: str  # all normalised text, for page-level evidence (years)


def _classify(lines: list[Line]) -> list[str]:
    kinds: list[str] = []
    for k, line in enumerate(lines):
        text = line.span.text
        if line.markdown_heading:
            kinds.append("heading")
        elif (text.startswith("【") and SOURCE_TAG.match(text)) or (
            # A sentence break rules a line out; most lines have a , or 。, which str
            # finds far faster than DATE_TOKEN's scan.
            "," not in text
            and "。" not in text
            and DATE_TOKEN.search(text)
            and (len(_strip_meta(text)) <= 8 or (len(text) <= HEADING_MAX_LINE and PAGE_HEADER.search(text)))
            and not SENTENCE_BREAK.search(text)
        ):
            kinds.append("meta")
        elif text[:1] in META_FIRST_CHARS and META_WORDS.match(text) and len(text) <= 60 and "。" not in text:
            kinds.append("meta")
        elif text.endswith("年") and k + 1 < len(lines) and _masthead_split(text, lines[k + 1].span.text):
            kinds.append("meta")  # 东楚晚报 2021年 / 12月21日: a masthead's date on two lines
        elif k > 0 and kinds[k - 1] == "meta" and _masthead_split(lines[k - 1].span.text, text):
            kinds.append("meta")
        elif text.startswith(("——", "—")) and SPEECH_DATE.match(text) and "。" not in text:
            kinds.append("meta")  # ——2021年1月12日在…会议上: a speech's or report's date line
        elif len(text) <= 8 and PAGE_HEADER.fullmatch(text):
            kinds.append("meta")  # a page header's 第2版 or 星期五 on a line of its own
        elif (
            # 天宁日报 2025-04-18 来源:天宁日报 作者:周莉: a dated line naming its source,
            # or a letterhead line ending with the document's date.
            len(text) <= 60
            and "," not in text
            and "。" not in text
            and FULL_DATE_TOKEN.search(text)
            and (META_WORDS.search(text) or (DATE_AT_END.search(text) and "  " in line.raw))
        ):
            kinds.append("meta")
        elif (
            # A page header broken across lines (城固报 2022年11月15 / 日 星期二 第2版).
            k > 0
            and kinds[k - 1] == "meta"
            and not line.blank_before
            and len(text) <= HEADING_MAX_LINE
            and "," not in text
            and "。" not in text
            and (PAGE_HEADER.search(text) or (len(text) <= 3 and WEEKDAY_CHARS.issuperset(text)))
        ):
            # (OCR may give each character of 星期四 a line of its own.)
            kinds.append("meta")
        elif (
            len(text) <= 40
            and "。" not in text
            and BYLINE_HINT.search(line.raw)
            and not any(map(str.isdigit, text))
            and BYLINE_RAW.search(line.raw)
            and not OPENER.search(text)
            and not _continues_sentence(lines, kinds, k)
        ):
            kinds.append("byline")
        else:
            kinds.append("body")
    _mark_headings(lines, kinds)
    return kinds


def _masthead_split(line: str, next_line: str) -> bool:
    """A masthead's date broken after its year: `东楚晚报2021年` / `12月21日`."""
    return MASTHEAD_YEAR.fullmatch(line) is not None and MASTHEAD_DAY.fullmatch(next_line) is not None


def _continues_sentence(lines: list[Line], kinds: list[str], k: int) -> bool:
    """A line right after an unfinished body line (no blank line between) continues it:
    `本报讯 (记者 肖 莲 见` / `习记者 张 矛)6月14日` is not a byline."""
    if k == 0 or lines[k].blank_before or kinds[k - 1] != "body":
        return False
    return not lines[k - 1].span.text.endswith(TERMINAL_ENDS)


def _strip_meta(text: str) -> str:
    text = DATE_TOKEN.sub("", text)
    text = META_WORDS.sub("", text)
    return re.sub(r"[\s:：•·\-—|/]", "", text)


def _is_heading_text(text: str) -> bool:
    if ":" in text:
        text = PLACE_COLON.sub("", text, count=1)  # 盘州:前三季度工业投资同比增长21.3%
    return (
        len(text) <= HEADING_MAX_LINE
        and CELL_SEPARATOR not in text  # a table's row or header
        and "," not in text  # (SENTENCE_PUNCT's commonest, found faster by str)
        and not SENTENCE_PUNCT.search(text)
        and ("讯" not in text or not OPENER.search(text))
    )


def _is_web_headline(lines: list[Line], k: int) -> bool:
    """A short line that reads as a headline but for an exclamation (亮眼！…“成绩单”出炉),
    right above a long one-line paragraph: web pages title their news so."""
    text = lines[k].span.text
    return (
        len(text) <= HEADING_MAX_LINE
        and CELL_SEPARATOR not in text
        and not CLAUSE_PUNCT.search(text)
        and k + 1 < len(lines)
        and len(lines[k + 1].span.text) > COLUMN_LINE_MAX
    )


def _after_page_furniture(kinds: list[str], k: int) -> bool:
    """Line k opens the page or follows a publication line, headline or byline: where a
    web page's headline stands (a short line above a paragraph mid-item is a subheading)."""
    return k == 0 or kinds[k - 1] != "body"


def is_section_heading_text(text: str) -> bool:
    """二、2024年主要预期目标和重点工作: short, numbered, no sentence punctuation."""
    return len(text) <= HEADING_MAX_LINE and SECTION_NUMBER.match(text) is not None and not SENTENCE_PUNCT.search(text)


def _is_section_heading(lines: list[Line], k: int, current: list[Span]) -> bool:
    """二、运行分析 / （一）新开工项目: a numbered heading inside an item, a paragraph of
    its own (a column line that only starts like one, 1.全年实现地区生产总值4, runs on)."""
    if not is_section_heading_text(lines[k].span.text):
        return False
    starts = lines[k].blank_before or not current or current[-1].text.endswith(LEAD_IN_ENDS)
    # It ends at a blank line, or above a long line: web pages print a paragraph a
    # line (a column's lines are short).
    if not starts:
        return False
    if k + 1 == len(lines) or lines[k + 1].blank_before or len(lines[k + 1].span.text) > COLUMN_LINE_MAX:
        return True
    # 二、三季度重点工作推进情况 / （一）项目建设提速提效: a heading above a subheading.
    return is_section_heading_text(lines[k + 1].span.text) and not lines[k + 1].span.text.endswith(TERMINAL_ENDS)


def _opens_item(text: str) -> bool:
    """OPENER.match(text): every opening holds a 讯 or a 电, which str finds faster."""
    return ("讯" in text or "电" in text) and OPENER.match(text) is not None


def _mark_headings(lines: list[Line], kinds: list[str]) -> None:
    """Headlines: blocks of short unpunctuated lines that lead to an item, a date or a byline.

    A block of unpunctuated lines can also be a column cut mid-sentence; what tells a
    headline apart is what follows it: an item opening, another headline, a
    publication line or byline, or the end of the page.
    """
    n = len(lines)
    headline_like = [_is_heading_text(line.span.text) for line in lines]
    # Per line: a short unpunctuated line glued to an opening line ("标题\n本报讯 3月13日"),
    # or opening a block glued to a dated first line ("标题\n11月14日，县委…" / "近日，…":
    # a brief with no 本报讯; a column line cut mid-sentence has no blank line before it).
    for k in range(n - 1):
        if kinds[k] == "body" and headline_like[k] and not lines[k + 1].blank_before and kinds[k + 1] == "body":
            following = lines[k + 1].span.text
            block_start = k == 0 or lines[k].blank_before or kinds[k - 1] != "body"
            if _opens_item(following) or (block_start and DATED_START.match(following)):
                kinds[k] = "heading"
                _mark_headline_above(lines, kinds, headline_like, k)
    blocks: list[tuple[int, int]] = []
    i = 0
    while i < n:
        j = i + 1
        while j < n and not lines[j].blank_before:
            j += 1
        blocks.append((i, j))
        i = j
    first_text_block = next((b for b in blocks if any(kinds[k] == "body" for k in range(*b))), None)
    for i, j in reversed(blocks):
        body = [k for k in range(i, j) if kinds[k] == "body"]
        if not body or not all(headline_like[k] for k in body):
            continue
        if any(lines[k].span.text.endswith(("、", "·")) for k in body):
            continue
        if sum(len(lines[k].span.text) for k in body) > 2 * HEADING_MAX_LINE + 10:
            continue
        nxt = body[-1] + 1 if body[-1] + 1 < n else None
        # The page's first block of text, above everything else, is its headline too.
        if (i, j) == first_text_block or nxt is None or kinds[nxt] in ("heading", "meta", "byline") or _opens_item(lines[nxt].span.text):
            for k in body:
                kinds[k] = "heading"
    for k in range(n):
        if kinds[k] != "body" or not (headline_like[k] or _is_web_headline(lines, k)):
            continue
        nxt_kind = kinds[k + 1] if k + 1 < n else "end"
        prev_body_open = k > 0 and kinds[k - 1] == "body" and not lines[k].blank_before and not (
            lines[k - 1].span.text.endswith(TERMINAL_ENDS)
        )
        if nxt_kind in ("meta", "byline") and not prev_body_open and headline_like[k]:
            kinds[k] = "heading"
        # A web page's headline right above its first paragraph, one paragraph per line
        # (`高新区营业收入突破千亿元` / `五年来，高新区…。`): a column never wraps a short
        # line into a long one, so the short line is not the start of that paragraph.
        # A numbered section heading (二、运行分析) stays in the body.
        elif (
            nxt_kind == "body"
            and _after_page_furniture(kinds, k)
            and len(lines[k + 1].span.text) > COLUMN_LINE_MAX
            and (lines[k + 1].span.text.endswith(LEAD_IN_ENDS) or lines[k + 1].blank_before)
            and not SECTION_NUMBER.match(lines[k].span.text)
        ):
            kinds[k] = "heading"


def _mark_headline_above(lines: list[Line], kinds: list[str], headline_like: list[bool], k: int) -> None:
    """The lines of a headline above its last one, glued to it (湑水河片区安置房一期交付 /
    386户群众喜领新房钥 / 匙 / 本报讯…), when they open their block: a column's lines
    cut mid-sentence follow the text before them instead."""
    top = k
    while top > 0 and kinds[top - 1] == "body" and headline_like[top - 1] and not lines[top].blank_before:
        top -= 1
    opens_block = top == 0 or lines[top].blank_before or kinds[top - 1] != "body"
    if top < k and opens_block and sum(len(lines[j].span.text) for j in range(top, k + 1)) <= 2 * HEADING_MAX_LINE + 10:
        for j in range(top, k):
            kinds[j] = "heading"


def _split_inline_byline(line: Line) -> tuple[Span, bool]:
    """Cut "…。记者 孙庆辉 文/图" off a body line; say whether a byline was there."""
    m = BYLINE_INLINE.search(line.raw)
    if not m:
        return line.span, False
    cut = line.base + m.start()
    keep = sum(1 for off in line.span.own_offsets() if off < cut)
    if not keep:
        return EMPTY, True
    return line.span.slice(0, keep), True


def _paragraphs(lines: list[Line], kinds: list[str]) -> list[tuple[str, Span, int]]:
    """The page as a sequence of (kind, span, line index): paragraphs are joined lines."""
    items: list[tuple[str, Span, int]] = []
    current: list[Span] = []
    start_line = 0
    prev_line_len = 0

    def flush() -> None:
        if current:
            items.append(("body", join_spans(current), start_line))
            current.clear()

    label_lines = _label_figure_lines(lines)
    for k, (line, kind) in enumerate(zip(lines, kinds)):
        if kind != "body":
            flush()
            items.append((kind, line.span, k))
            continue
        if CELL_SEPARATOR in line.span.text or k in label_lines or _is_section_heading(lines, k, current):
            flush()  # a table line (a row, or the header) or a section heading stands alone
            items.append(("body", line.span, k))
            continue
        # (An inline byline names a 记者 or ends the line in brackets: most lines skip the call.)
        may_have_byline = "记者" in line.raw or line.raw.rstrip().endswith((")", "）"))
        span, byline_after = _split_inline_byline(line) if may_have_byline else (line.span, False)
        if current and line.blank_before and span.text.startswith(LINE_OPENERS):
            # 本报讯 opening a line after a blank one starts an item even where the text
            # before it stops mid-sentence (a column cut: its rest comes later).
            flush()
        elif current and current[-1].text.endswith(TERMINAL_ENDS):
            # Column wraps and mid-sentence column breaks join; a sentence end followed
            # by a blank line, or a long (non-column) line, ends the paragraph.
            if line.blank_before or prev_line_len > COLUMN_LINE_MAX:
                flush()
        if not current:
            start_line = k
        if span.text:
            current.append(span)
        prev_line_len = len(line.span.text)
        if byline_after:
            flush()
            items.append(("byline", EMPTY, k))
    flush()
    return items


def _label_figure_lines(lines: list[Line]) -> set[int]:
    """Indexes of the lines that are label:figure lines next to another such line."""
    found = [k for k, line in enumerate(lines) if ":" in line.span.text and LABEL_FIGURE_LINE.fullmatch(line.span.text)]
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
    marks = sorted(i for i in (m.start() for m in OPENER_MARK.finditer(text)))
    for pos in marks:
        window_start = max(0, pos - 25)
        for m in OPENER.finditer(text, window_start, min(len(text), pos + 2)):
            if m.end() > pos and _opener_ok(text, m.start()) and (not starts or m.start() > starts[-1]):
                starts.append(m.start())
                break
    return starts


def _opener_ok(text: str, pos: int) -> bool:
    # An opening starts a paragraph or follows a sentence end / headline.
    return pos == 0 or text[pos - 1] in TERMINAL + " "


def split_page(raw: str) -> Page:
    """Split raw page text into news items.

    >>> [a.title for a in split_page("标题一\\n\\n本报讯 3月1日，总投资5亿元。\\n记者 张三").articles]
    ['标题一']
    """
    lines = split_lines(raw)
    kinds = _classify(lines)
    items = _split_openers(_paragraphs(lines, kinds))
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
    if orphans:
        # No headline is attached yet: an item's text is its body.
        bodies = [a.body_text() for a in articles]
        pairs, sizes = [_pairs(b) for b in bodies], [max(len(b), 1) for b in bodies]
        for span in orphans:
            _best_match(articles, span.text, pairs, sizes).paragraphs.append(span)
    if headings:
        pairs = [_pairs(a.body_text()) for a in articles]
        for span, following in headings:
            _attach_headline(articles, span, following, pairs)
    full_text = "\n".join(s.text for _, s in items)
    return Page(articles=tuple(articles), meta=tuple(page_meta), full_text=full_text)


def _bigrams(text: str) -> set[str]:
    """The pairs of neighbouring word characters (CJK, letters, digits) of `text`."""
    chars = _word_chars(text)
    return {a + b for a, b in zip(chars, chars[1:])}


def _word_chars(text: str) -> str:
    return "".join([c for c in text if "\u4e00" <= c <= "\u9fff" or c.isalnum()])


def _pairs(text: str) -> set[int]:
    """Every two-character substring of `text`, each as its int code (_codes): `code(g)
    in _pairs(t)` is `g in t` for a pair g, and a set answers it without scanning t.

    The pairs at even positions are _codes(text), those at odd positions
    _codes(text[1:]): made in C, twice as fast as a set of two-character strings.
    """
    return {*_codes(text), *_codes(text[1:])}


def _codes(text: str) -> memoryview:
    """The int codes of text[0:2], text[2:4] ... (a last odd character is left out):
    the UTF-32 bytes of the text read as 64-bit words. One code per pair, and no two
    pairs share one."""
    data = text.encode("utf-32-le", "surrogatepass")
    return memoryview(data)[: len(data) // 8 * 8].cast("Q")


def _best_match(articles: list[ArticleText], text: str, pairs: list[set[int]], sizes: list[int]) -> ArticleText:
    """The item a headless piece of column continues: idf-weighted cosine of character pairs.

    Pairs every item shares (高新, 党工委 ...) say nothing; a long item must not win by
    its length alone, hence the cosine.
    """
    grams = _bigrams(text)
    n = len(articles)
    # The idf sums below follow the order of `grams`, so it stays a set of strings;
    # joined, its two-character grams give their codes in that order.
    codes = _codes("".join(grams))
    present = [{g for g, code in zip(grams, codes) if code in body} for body in pairs]

    def idf(g: str) -> float:
        df = sum(1 for p in present if g in p)
        return math.log((n + 1) / (df + 0.5))

    def score(i: int) -> float:
        if not present[i]:
            return 0.0
        return sum(idf(g) for g in present[i]) / math.sqrt(len(grams) * sizes[i])

    return articles[max(range(n), key=lambda i: (score(i), -i))]


def _attach_headline(articles: list[ArticleText], span: Span, following: int | None, pairs: list[set[int]]) -> None:
    """A headline goes to the item right after it unless another item clearly matches it better."""
    grams = _pairs(_word_chars(span.text))  # _bigrams, as codes
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
