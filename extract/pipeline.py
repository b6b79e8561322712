"""One public entry: text of a page -> its news items and their facts.

Stages: split the page into items (extract.articles, which normalises), date each item
(extract.dates), find quantities and drop non-facts (extract.numbers), then resolve each
quantity's indicator, topic, status (extract.indicators), subject (extract.subjects) and
period, and keep one fact per (item, indicator, subject, value).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from decimal import Decimal
from functools import cache
from typing import Final

from extract.articles import ArticleText, is_section_heading_text, split_page
from extract.dates import (
    ArticleDates,
    TimeExpr,
    article_dates,
    dateline,
    find_time_expressions,
    in_zai_zhong,
    is_event_date,
    join_split_dates,
    page_month,
    page_timestamp,
    page_year,
    publication_date,
    qualifies_noun,
    resolve_period,
    reviewed_years,
)
from extract.fact import Fact
from extract.indicators import (
    IndicatorMatch,
    SentenceHead,
    decide_figure_status,
    decide_figure_topic,
    decide_status,
    decide_topic,
    is_economic_count,
    match_indicator,
)
from extract.lexicon import cues, has_word, indicator_meta, qualifiers, starts_with_word, time_words, units
from extract import tables
from extract.normalize import CELL_SEPARATOR, Span, join_spans
from extract.numbers import (
    Quantity,
    noun_at,
    find_quantities,
    find_ranks,
    non_fact_reason,
    noun_after,
)
from extract.phrases import measured_phrase
from extract.subjects import (
    ANAPHOR_FOUND,
    NAMED_AFTER,
    OPENING,
    carrier_subject,
    figure_subject,
    place_of,
    project_in,
)

# Cheap screens: a sentence with none of these has no figure / no time expression.
def _number_hint() -> re.Pattern[str]:
    """Digits, or a Chinese numeral before a counting word or 万/亿 (两千余家, 三场), from
    units.yaml and qualifiers.yaml, so a new counting word is screened in by itself."""
    counting = sorted(
        {u[0] for u, info in units().items() if info.unit_std in ("count", "rank")}
        | {u for u, info in units().items() if info.unit_std == "percent" and len(u) == 1 and not u.isascii()}  # 七成
        | {"万", "亿"}
    )
    inside = "".join(qualifiers()["inside"])
    return re.compile(
        r"(?=[\d零〇两二三四五六七八九十百千第首])"  # the possible first characters: re skips to them
        rf"(?:\d|[零〇两二三四五六七八九十百千][{inside}]?[{''.join(counting)}]|百分|第[一二三四五六七八九十]|首位)"
    )


NUMBER_HINT: Final = _number_hint()
TIME_HINT: Final = re.compile(r"[年月]|季度")
# (较去年同期多开工11个: 多/少 before a verb of progress.)
CHANGE_WORDS: Final = re.compile(r"增加|减少|新增|净增|增长|下降|[多少](?=[\u4e00-\u9fff])")
# What is compared with before a change (较去年度增加了): not a thing the count names.
COMPARED_WITH: Final = re.compile(rf"(?:同比|环比|较|比)[^,;。]{{0,6}}?(?={CHANGE_WORDS.pattern})|了")
LEVEL_WORDS: Final = "国家级|省级|市级|区级|县级"  # the levels a count is split by (the chart lines of Trends)
LEVEL: Final = re.compile(LEVEL_WORDS)
# A headline's line break inside a number: …总投资186. / 5亿元, …游客286 / .4万人次.
NUMBER_CUT_BEFORE: Final = re.compile(r"\d\.?$")
NUMBER_CUT_AFTER: Final = re.compile(r"\.?\d")
TRAILING_NOTE: Final = re.compile(r"\([^()]{1,12}\)$")
CAPACITY: Final = "年产能"  # the indicator of what a plant can make in a year
# A place opening a count's clause (、运城市958家): it says where, not what is counted.
LEADING_PLACE: Final = re.compile(r"^(?:其中)?[、和及与]?[\u4e00-\u9fff]{1,4}?[省市县区镇州盟旗]")
TOP_SECTION: Final = re.compile(r"[一二三四五六七八九十]+、")  # 二、…: a top heading, not (一) or 1.
# Dates that, opening a sentence (截至6月末,), say when the rest of its paragraph holds.
AS_OF_DATES: Final = ("until_year_end", "until_month_end", "until_day")
MONTH_PERIOD: Final = re.compile(r"\d{4}-\d{2}")
YEAR_PERIOD: Final = re.compile(r"\d{4}")
# Text that names nothing but a level between two counts (,其中国家级 / 、省级 / 和市级).
LEVEL_PART_LEAD: Final = re.compile(rf"^[,、和及与]?(?:其中)?(?:(?:{LEVEL_WORDS})(?:以上)?[、和及与]?)+")
LEVEL_PART_ONLY: Final = re.compile(rf"{LEVEL_PART_LEAD.pattern}(?:的|有|为|达|共)?$")
SENTENCE_END: Final = re.compile(r"[。!?]+[”’\"]?")
CLAUSE_BREAK: Final = re.compile(r"[,;:]")
SENTENCE_CLAUSE_END: Final = re.compile(r"[,;:。]")
WHITESPACE_RUN: Final = re.compile(r"\s+")
CLAUSE_BREAKS_ANY_WIDTH: Final = ",，;；:：。"  # in original text, before NFKC
CLAUSE_BREAK_ANY_WIDTH: Final = re.compile(f"[{CLAUSE_BREAKS_ANY_WIDTH}]")
# Longest sentence read as one; longer runs are cut at a clause break.
MAX_SENTENCE: Final = 400
# Joined to the previous figure by these (200万套…以及400万套), a figure shares its label.
COORDINATION: Final = re.compile(r"^[^,;。]{0,16}?(?:以及|及|和|与|、)$|^、$|^$")
# Time expressions that name a deadline: after a planned figure they are its period.
DEADLINES: Final = ("until_month_end", "until_year_end", "before_year_end", "within_year", "until_day")
# Confidence: start high, lower for each thing the extractor had to guess.
CONFIDENCE_BASE: Final = 0.95
CONFIDENCE_PENALTIES: Final = {
    "generic_indicator": 0.25,
    "default_period": 0.1,
    "inferred_year": 0.1,
    "chinese_numeral": 0.05,
    "headline": 0.05,
}
_GENERIC_PENALTY: Final = CONFIDENCE_PENALTIES["generic_indicator"]
_DEFAULT_PERIOD_PENALTY: Final = CONFIDENCE_PENALTIES["default_period"]
_INFERRED_YEAR_PENALTY: Final = CONFIDENCE_PENALTIES["inferred_year"]
_CHINESE_NUMERAL_PENALTY: Final = CONFIDENCE_PENALTIES["chinese_numeral"]
_HEADLINE_PENALTY: Final = CONFIDENCE_PENALTIES["headline"]


@dataclass(frozen=True, slots=True)
class Article:
    index: int  # 0-based position in the document
    title: str  # headline ("" when none)
    date: str | None  # article date: YYYY-MM-DD, YYYY-MM or YYYY; None when unknown
    date_inferred: bool  # the year (or the day) was inferred rather than written
    start: int  # offset of the item's first character in the original text
    end: int  # end offset (exclusive) in the original text


@dataclass(frozen=True, slots=True)
class DocumentExtraction:
    doc: str
    articles: tuple[Article, ...]
    facts: tuple[Fact, ...]


class _SentenceContext:
    """What carries from sentence to sentence inside a paragraph.

    A plain class rather than a dataclass: compiled, a dataclass keeps the interpreted
    __init__ that dataclasses generates, and one context is made per paragraph."""

    def __init__(
        self,
        project: str | None = None,
        rank_period: str | None = None,
        lead_frame: str | None = None,
        plan_section: bool = False,
        breakdown_period: str | None = None,
        breakdown_by_label: dict[str, str | None] | None = None,
        unread: list[str] | None = None,
    ) -> None:
        self.frame: str | None = None  # period of the last year/cumulative frame (今年1-6月,)
        # The date a 截至6月末, frame gives the rest of its paragraph (not the item's lead).
        self.as_of: str | None = None
        self.project = project  # the project the last sentence was about (for 该项目)
        # Sentences with no figure since `project` was set, latest last: the project one
        # names (project_in) replaces it, but is looked for only when read (current_project()):
        # few sentences read it (该项目…), and most have no figure.
        self.unread: list[str] = unread if unread is not None else []
        # Period of the previous sentence's last figure: a sentence opening with 其中 breaks
        # that figure down and holds at the same time.
        self.breakdown_period = breakdown_period
        # ... and of its last figure of each indicator and of each unit class: 其中,新建项目
        # 52个,…总投资298亿元 breaks down the count and the total investment before it
        # (项目86个,总投资额412亿元), not the annual plan that ended that sentence.
        self.breakdown_by_label: dict[str, str | None] = breakdown_by_label if breakdown_by_label is not None else {}
        self.frame_name = ""  # the name (times.yaml) of the expression that set `frame`
        self.last_topic: str | None = None  # topic of the previous sentence's last figure
        # Indicator of the paragraph's last count in each counting word: 老旧小区123个,涉及楼栋
        # 684栋…。截至6月25日,已开工98个 counts the same things as the last 个.
        self.count_by_unit: dict[str, str] = {}
        # Period of the item's last ranking with a time of its own: the rankings of one item
        # come from one evaluation (2021年国家级高新区评价结果 ... 三项指标分列第4位).
        self.rank_period = rank_period
        # The frame the item's lead set (2023年,新区深入实施…): the first paragraph with a
        # frame or figures (page chrome may come before it). A year-end or quarterly
        # report's later paragraphs report that period too, unless they name their own.
        # (Frames of later paragraphs stay in them: carried on, they dated the figures of
        # projects and funds described after a report's totals.)
        self.lead_frame = lead_frame
        # The paragraph stands in a section whose heading names a plan (二、…主要预期目标).
        self.plan_section = plan_section

    def mention(self, sentence: str) -> None:
        """A sentence without figures: the project it names, if any, is the one carried."""
        self.unread.append(sentence)

    def current_project(self) -> str | None:
        """The project carried: `project_in(s) or project` over the unread sentences."""
        if self.unread:
            for sentence in reversed(self.unread):
                found = project_in(sentence)
                if found:
                    self.project = found
                    break
            self.unread = []
        return self.project

    def set_project(self, project: str | None) -> None:
        self.project = project
        self.unread = []


def extract_document(text: str, doc: str) -> list[Fact]:
    """Every economic fact of a page.

    >>> [(f.value, f.unit, f.indicator) for f in extract_document("本报讯 3月13日，项目总投资约66亿元。", "x.txt")]
    [(Decimal('66'), '亿元', '总投资')]
    """
    return list(extract_articles(text, doc).facts)


def extract_articles(text: str, doc: str) -> DocumentExtraction:
    """Split a page into news items and extract every economic fact."""
    page = split_page(text)
    meta_texts = join_split_dates([m.text for m in page.meta])
    lines = [dateline(a.paragraphs[0].text) for a in page.articles if a.paragraphs]
    datelines = [d for d in lines if d]
    pub = publication_date(meta_texts)
    if pub is None:
        pub = page_timestamp(page.full_text)
        if pub:  # the items read their publication date from the meta texts
            meta_texts = meta_texts + [f"{pub[0]:04d}-{pub[1]:02d}-{pub[2]:02d}"]
    year: int | None
    if pub:
        year, inferred = pub[0], False
    else:
        year, inferred = page_year(page.full_text, datelines)
    month = page_month(datelines)  # (with none, a 近日 item under a page header takes the issue)
    articles: list[Article] = []
    facts: list[Fact] = []
    for art in page.articles:
        first = art.paragraphs[0].text if art.paragraphs else ""
        dates = article_dates(first, meta_texts, year, inferred, month, art.has_opener)
        start, end = art.origin()
        articles.append(Article(art.index, art.title, dates.article_date, dates.inferred, start, end))
        facts.extend(_article_facts(text, doc, art, dates))
    return DocumentExtraction(doc, tuple(articles), tuple(_dedupe_document(facts)))


# The longest line read as a report's title when it stands as its own paragraph.
REPORT_LINE_MAX: Final = 40


class _ItemPlace:
    """The item's place (place_of its title and body), found on the first call: it is
    needed only when the item has figures. A native class rather than cache(lambda):
    compiled, calling its method is a direct call, not one through a Python object."""

    def __init__(self, art: ArticleText) -> None:
        self.art = art
        self.name: str | None = None

    def __call__(self) -> str:
        name = self.name
        if name is None:
            name = self.name = place_of(self.art.title + self.art.body_text())
        return name


def _article_facts(raw: str, doc: str, art: ArticleText, dates: ArticleDates) -> list[Fact]:
    # The item's place is needed only when it has figures; find it once, lazily.
    place = _ItemPlace(art)
    body: list[Fact] = []
    ctx = _SentenceContext()
    # 鸠江区2023年国民经济和社会发展统计公报, published in 2024: the item reviews that
    # year, so its 全年, 年末 and untimed figures hold for it.
    review_frame = _reviewed_year(art.title, art.paragraphs[0].text if art.paragraphs else "", dates) or _report_period(
        art.headlines, dates
    )
    lead_frame: str | None = review_frame
    lead_done = False  # the lead has been read
    header: list[tables.Cell] | None = None  # the last table header seen
    header_periods: dict[str, str | None] = {}  # its columns' periods
    plan_section = False  # under a heading such as 二、2024年主要预期目标和重点工作
    section_frame: str | None = None  # the year such a heading names
    previous_cut = False
    for paragraph in art.paragraphs:
        heading = is_section_heading_text(paragraph.text)
        if heading:
            # A top heading (二、2024年主要预期目标) sets its section's plan status and year;
            # a subheading ((一)创新主体持续壮大) keeps them unless it names its own.
            top = TOP_SECTION.match(paragraph.text) is not None
            status_cues = cues()["status"]
            names_plan = has_word(paragraph.text, status_cues["plan_section"]) and not has_word(
                paragraph.text, status_cues["done_section"]
            )
            plan_section = names_plan or (plan_section and not top)
            frames = [
                t for t in find_time_expressions(paragraph.text)
                if t.kind == "year" or (t.kind == "cumulative" and _names_report(paragraph.text))
            ]
            if frames or top:
                section_frame = resolve_period(frames[-1], dates) if frames else None
        elif len(paragraph.text) <= REPORT_LINE_MAX and "。" not in paragraph.text:
            # A report's own title line in its body (数说长沙县·2023年1—9月) frames it too.
            section_frame = _report_period([paragraph], dates) or section_frame
        if CELL_SEPARATOR in paragraph.text:
            row = tables.cells(paragraph.text)
            if tables.is_header(row):
                header = row
                header_periods = {c.text: _text_period(c.text, dates) for c in row}
            elif tables.has_figures(row):
                default = section_frame or lead_frame or dates.event_date
                body.extend(_table_facts(raw, doc, art, dates, paragraph, header, header_periods, row, place(), default))
            previous_cut = False
            continue
        if not previous_cut:
            # 截至6月30日,全市实有市场主体70386户… / 其中,企业21457户…: the new paragraph
            # breaks down the figures of an as-of count before it.
            breaks_down = paragraph.text.startswith("其中") and ctx.as_of is not None
            ctx = _SentenceContext(
                project=ctx.project, unread=ctx.unread, rank_period=ctx.rank_period, lead_frame=section_frame or lead_frame,
                plan_section=plan_section,
                breakdown_period=ctx.breakdown_period if breaks_down else None,
                breakdown_by_label=ctx.breakdown_by_label if breaks_down else {},
            )
        # A paragraph cut mid-sentence (a column's end, its text continued after another
        # item) goes on in the next one: what framed its sentence frames the rest.
        previous_cut = SENTENCE_END.search(paragraph.text[-2:]) is None and not heading
        facts_before = len(body)
        for sentence in _sentences(paragraph):
            body.extend(_sentence_facts(raw, doc, art, dates, sentence, ctx, place, headline=False))
        if not lead_done and (ctx.frame is not None or len(body) > facts_before):
            # (A lead's 今年, frames its own paragraph only: the items after it describe
            # projects and works as of the item's date, not the year.)
            carried = ctx.frame if ctx.frame is not None and ctx.frame_name != "this_year" else None
            lead_frame, lead_done = (carried if carried is not None else review_frame), True
    titles: list[Fact] = []
    if art.headlines:
        # Headline lines read as one sentence: "…2家公司上市 / 200多家进入“后备军”".
        joined = _join_headlines(art.headlines)
        titles.extend(_sentence_facts(raw, doc, art, dates, joined, _SentenceContext(), place, headline=True))
    # A headline figure repeats the body: keep the body's fact (it has the context).
    body_keys = {(f.unit_std, f.value_std) for f in body}
    kept_titles = [f for f in titles if (f.unit_std, f.value_std) not in body_keys]
    return _dedupe_article(kept_titles + body)


def _table_facts(
    raw: str,
    doc: str,
    art: ArticleText,
    dates: ArticleDates,
    row_span: Span,
    header: list[tables.Cell] | None,
    periods: dict[str, str | None],
    row: list[tables.Cell],
    place: str,
    default_period: str | None,
) -> list[Fact]:
    """The figures of one table row (extract.tables), as facts of the item. The row's
    label and its column's header name the indicator and the status (年度计划 is a
    plan); a column's time is its period (1-8月累计); 本月 and rate columns hold at the
    month the other columns end at; a column naming no time holds when the item's other
    figures do (its section's or lead's frame, else its date); a cell's own note
    (312(2023年)) beats its column."""
    table_month = next((p for p in periods.values() if p and MONTH_PERIOD.fullmatch(p)), None)
    month_columns = cues()["tables"]["current_month_columns"]
    facts: list[Fact] = []
    for figure in tables.row_figures(header, row):
        unit = figure.unit
        # The column speaks too: 年度计划 makes the figure a plan, 增长 a growth rate.
        phrase = figure.label + figure.column
        match = match_indicator(phrase, "", unit.unit, unit.unit_std)
        meta = indicator_meta()[match.name]
        if unit.unit_std == "count" and not is_economic_count(match, unit.unit):
            continue
        period = periods.get(figure.column)
        if period is None and (figure.is_rate or figure.column in month_columns):
            period = table_month
        note_period = _text_period(figure.note, dates) if figure.note else None
        if note_period is not None:
            period = note_period  # 312(2023年): the cell says when it holds
        cell = figure.cell
        q = Quantity(
            start=cell.start, end=cell.end, num_start=cell.start, value=figure.value, value_text=cell.text,
            unit=unit.unit, unit_std=unit.unit_std, value_std=(figure.value * unit.factor).normalize(),
            qualifier=figure.qualifier, chinese_numeral=False,
        )
        topic = decide_topic(unit.unit_std, meta, phrase, figure.label, figure.label, None)
        status = decide_status(meta, phrase, "", "", "")
        facts.append(
            _fact(raw, doc, art, dates, row_span, q, match, match.name, topic, status, place,
                  period if period is not None else default_period,
                  (figure.note if note_period else figure.column) if period else "", figure.label, headline=False)
        )
    return facts


def _text_period(text: str, dates: ArticleDates) -> str | None:
    """The period the last time expression of a header or a cell's note names."""
    times = find_time_expressions(text)
    return resolve_period(times[-1], dates) if times else None


def _join_headlines(lines: list[Span]) -> Span:
    """Headline lines as one sentence, a comma between lines, except where a line
    break cuts a number (`…企业1` / `3家`, `…总投资186.` / `5亿元`)."""
    joined = lines[0]
    for line in lines[1:]:
        cut_number = NUMBER_CUT_BEFORE.search(joined.text) is not None and NUMBER_CUT_AFTER.match(line.text) is not None
        joined = join_spans([joined, line], separator="" if cut_number else ",")
    return joined


def _sentences(paragraph: Span) -> list[Span]:
    """Sentences of a paragraph; one longer than MAX_SENTENCE is cut at a clause break
    (real sentences are far shorter; a run-on line must not make the work quadratic)."""
    out: list[Span] = []
    text = paragraph.text
    start = 0
    ends = _sentence_ends(text)
    if not ends or ends[-1] < len(text):
        ends.append(len(text))
    for end in ends:
        while end - start > MAX_SENTENCE:
            cut = max(text.rfind(c, start, start + MAX_SENTENCE) for c in ",;")
            cut = cut + 1 if cut > start else start + MAX_SENTENCE
            out.append(paragraph.slice(start, cut))
            start = cut
        if end > start:
            out.append(paragraph.slice(start, end))
        start = end
    return out


def _sentence_ends(text: str) -> list[int]:
    """The ends of SENTENCE_END's matches in `text`."""
    if "!" in text or "?" in text:
        return [m.end() for m in SENTENCE_END.finditer(text)]
    # Only 。 ends sentences here (the common case): str.find reaches each one several
    # times faster than re scanning every character for the set of stops.
    ends: list[int] = []
    pos = text.find("。")
    while pos >= 0:
        stop = SENTENCE_END.match(text, pos)
        end = stop.end() if stop is not None else pos + 1
        ends.append(end)
        pos = text.find("。", end)
    return ends


def _clause_start(text: str, pos: int) -> int:
    """Where the clause holding `pos` starts (after the last , ; : before it)."""
    # Each search starts where the one before found its mark: a mark before it cannot
    # be the last one, and ; and : are rare (searched back to the text's start, each
    # cost a scan of the whole head of the sentence).
    start = text.rfind(",", 0, pos) + 1
    start = text.rfind(";", start, pos) + 1 or start
    return text.rfind(":", start, pos) + 1 or start


def _clause_id(text: str, pos: int) -> int:
    """How many clause breaks (CLAUSE_BREAK: , ; :) come before `pos`."""
    return text.count(",", 0, pos) + text.count(";", 0, pos) + text.count(":", 0, pos)


def _sentence_facts(
    raw: str,
    doc: str,
    art: ArticleText,
    dates: ArticleDates,
    sentence: Span,
    ctx: _SentenceContext,
    place: _ItemPlace,
    headline: bool,
) -> list[Fact]:
    text = sentence.text
    if not NUMBER_HINT.search(text):
        # No figure here: only what carries to the next sentences (a time frame, a project).
        if "年" in text or "月" in text or "季度" in text:  # TIME_HINT, by faster `in` tests
            _update_frame(text, find_time_expressions(text), [], set(), ctx, dates)
        ctx.mention(text)
        return []
    times = find_time_expressions(text)
    found = find_quantities(text) + find_ranks(text)
    if not _in_order(found):
        found.sort(key=lambda q: (q.start, -q.end))  # at one start the longer (a range) wins
    quantities = [q for q in _drop_overlaps(found) if non_fact_reason(text, q) is None]
    clauses = [_clause_id(text, q.num_start) for q in quantities]  # (each figure's, for _period_of)
    quantity_clauses = set(clauses)
    head = text[: quantities[0].start] if quantities else text
    status_head = SentenceHead(head)  # its cue's status and topic cues, found once for all the figures
    facts: list[Fact] = []
    fact_starts: list[int] = []  # where each fact's number starts in `text`
    previous: tuple[Quantity, str, str, str] | None = None  # (quantity, indicator, topic, status)
    batch = ""  # the batch of projects the sentence counts, once it has
    sentence_counts: dict[str, str] = {}  # counting word -> indicator of its last count here
    last_by_unit: dict[str, tuple[Quantity, str, str, str]] = {}  # unit -> its last figure here
    topic_cues = cues()["topic"]
    economic_words = cues()["economic"]["words"]
    metas = indicator_meta()
    # What every fact of the sentence shares, worked out once: where the sentence stands
    # in the page and its text there; the times before a figure, nearest first, each
    # with its clause (_period reads them for every figure).
    whole = _sentence_in_raw(raw, sentence)
    times_back = _times_nearest_first(text, times)
    for qi in range(len(quantities)):
        q = quantities[qi]
        part: IndicatorMatch | None = None  # set when the figure is a level's part of the one before
        clause_start = _clause_start(text, q.start)
        prev_end = previous[0].end if previous else 0
        before = text[max(clause_start, prev_end) : q.start]
        label_colon = clause_start - 1
        labelled = not before and label_colon > prev_end and text[label_colon] == ":"
        if labelled:
            # 新签约项目:36个 (a label and its figure, as infographics list them): the
            # label names the figure, and what follows is the next label.
            before = text[max(_clause_start(text, label_colon), prev_end) : label_colon]
        noun = "" if labelled else noun_at(text, q.end)  # (noun_after(text[q.end:]), no copy)
        match = match_indicator(before, noun, q.unit, q.unit_std)
        if q.unit_std == "rank":
            match = match._replace(name="排名变化" if q.is_rank_change else "排名")
        coordinated = False
        if previous is not None and previous[0].unit == q.unit:  # (the text between is sliced only then)
            between = text[previous[0].end : q.start]
            coordinated = (not match.from_words and COORDINATION.match(between) is not None) or between in (
                "、", "和", "及"
            )
        if q.unit_std == "count" and not coordinated and not match.from_words:
            # 较年初净增5200余户, 较去年度增加了89家: a change of the figure before it.
            part = _level_part_of_previous(before, q, previous, facts[-1].measure if facts else "")
            # (开工率89.8%,较去年同期多开工11个: the change is of the last count in 个.)
            change = _change_of_previous(text[: q.start], last_by_unit.get(q.unit, previous)) or part
            if change is not None:
                match = change
            elif not is_economic_count(match, q.unit):
                fallback = _sentence_keyword_match(text[: q.start], q) or _continued_count(text, q, noun, previous, ctx, sentence_counts)
                if fallback is None:
                    continue
                match = fallback
        meta = metas[match.name]
        if q.unit_std == "percent" and meta.generic and previous is None:
            if not has_word(text[: q.start], economic_words):
                continue
        clause_end_m = CLAUSE_BREAK.search(text, q.end)
        after_in_clause = text[q.end : clause_end_m.start() if clause_end_m else len(text)]
        here = place()
        # (subject_of, reading the carried project only when the figure's case needs it.)
        subject_case, subject = figure_subject(text, q.end)
        if subject_case == OPENING:
            ctx.set_project(subject)
        elif subject_case != NAMED_AFTER:  # (after a name, the carried project stays)
            carried = ctx.current_project() if subject_case == ANAPHOR_FOUND else None
            subject = carried if carried else here
            ctx.set_project(carried if carried else None)
        if coordinated and previous is not None:
            indicator, topic, status = previous[1], previous[2], previous[3]
        else:
            indicator = match.name
            local = before + noun
            topic = decide_figure_topic(
                q.unit_std,
                meta,
                local,
                status_head,
                text,  # (the context, text[: q.start] + subject, is built only if read)
                q.start,
                subject,
                previous[2] if previous else None,
                ctx.last_topic,
            )
            segment_start = text.rfind(";", 0, q.start) + 1
            before_in_segment = text[segment_start : q.start]
            # (Arguments spelled out, not *args: compiled, that is a direct call.)
            status = decide_figure_status(
                meta, before_in_segment, after_in_clause, text, q.end, status_head, ctx.plan_section
            )
            if status == "plan" and topic == "parks" and q.unit_std in ("m2", "mu"):
                # The parks an operator runs exist: their areas are plans only by a cue.
                status = decide_figure_status(
                    replace(meta, status_default="actual"), before_in_segment, after_in_clause, text, q.end,
                    status_head, ctx.plan_section,
                )
            if (
                topic == "investment"
                and indicator in topic_cues["realized_output"]
                and "项目" not in subject + local
                and ctx.current_project() is None
                and not has_word(text[clause_start : q.start], topic_cues["project_output_before"])
            ):
                topic = "enterprises"  # (cues.yaml: realized_output)
        period, period_text = _period_of(
            text, q, clauses[qi], times, times_back, quantity_clauses, ctx, dates, indicator, status
        )
        if q.unit_std == "percent" and facts and period_text.startswith("(上句"):
            # 其中…总投资298亿元,占比72.3%: the share holds when the figure it describes does.
            period, period_text = facts[-1].period, facts[-1].period_text
        if q.unit_std == "rank" and period_text and not period_text.startswith("("):
            ctx.rank_period = period
        if indicator.startswith("年度") or after_in_clause.find("年度", 0, 4) >= 0:  # (in [:4], unsliced)
            period = _year_of(period, dates)
        # A coordinated figure (200万套…以及400万套) measures what the one before it does.
        if part is not None and facts:
            # 国家级18个 is the national part of what the count before it measures.
            measure = "".join(LEVEL.findall(before)) + indicator.removesuffix("数")
        else:
            measure = facts[-1].measure if coordinated and facts else _measure(before, noun, match)
        if subject == here and topic == "innovation":
            subject = carrier_subject(head + before, match.keyword, subject) or subject
        # "承担重点建设项目53个,总投资1260.33亿元": the money after a count of projects
        # belongs to that batch of projects, not to the whole district.
        if indicator == "项目数" and "项目" in measure:
            if subject == here:
                subject = measure if measure.startswith(subject) else subject + measure
            batch = subject
        elif subject == here:
            subject = batch or subject
        generic = metas[indicator].generic
        facts.append(
            _sentence_fact(raw, doc, art, dates, sentence, whole, q, match, indicator, generic, topic, status,
                           subject, period, period_text, measure, headline)
        )
        fact_starts.append(q.num_start)
        if q.unit_std == "count":
            sentence_counts[q.unit] = indicator
        if q.upper is not None:
            # 预计年产值15亿—18亿元: the upper bound is a fact of its own, at most.
            facts.append(
                _sentence_fact(raw, doc, art, dates, sentence, whole, q.upper, match, indicator, generic, topic,
                               status, subject, period, period_text, measure, headline)
            )
            fact_starts.append(q.upper.num_start)
        previous = (q, indicator, topic, status)
        last_by_unit[q.unit] = previous
    if "分别" in text:
        facts = _respective_levels(text, facts, fact_starts)
    if not facts:
        ctx.mention(text)
    else:
        ctx.breakdown_period = facts[-1].period
        # (By unit class, then by indicator, which wins a clash: one dict, not three.)
        by_label: dict[str, str | None] = {}
        for f in facts:
            by_label[f.unit_std] = f.period
        for f in facts:
            by_label[f.indicator] = f.period
        ctx.breakdown_by_label = by_label
        ctx.last_topic = facts[-1].topic
        for f in facts:
            if f.unit_std == "count":
                ctx.count_by_unit[f.unit] = f.indicator
    _update_frame(text, times, quantities, quantity_clauses, ctx, dates)
    return facts


def _respective_levels(text: str, facts: list[Fact], starts: list[int]) -> list[Fact]:
    """`新增国家级、省级孵化器分别为2家和5家`: levels listed before 分别 go, in order, to
    the figures after it in its clause (the level decides the chart line)."""
    out = list(facts)
    for m in re.finditer("分别", text):
        levels = LEVEL.findall(text[_clause_start(text, m.start()) : m.start()])
        clause_end = SENTENCE_CLAUSE_END.search(text, m.end())
        end = clause_end.start() if clause_end else len(text)
        after = [i for i, pos in enumerate(starts) if m.end() <= pos < end]
        if len(levels) < 2 or len(levels) != len(after):
            continue
        for level, i in zip(levels, after):
            base = LEVEL.sub("", out[i].measure)
            out[i] = replace(out[i], measure=level + base)
    return out


def _change_of_previous(
    before_in_sentence: str, previous: tuple[Quantity, str, str, str] | None
) -> IndicatorMatch | None:
    """`较去年度增加了89家`: a count naming nothing itself but a change is the change of
    the count before it in the sentence, and takes its indicator."""
    clause = before_in_sentence[_clause_start(before_in_sentence, len(before_in_sentence)) :]
    if previous is None or previous[0].unit_std != "count" or not CHANGE_WORDS.search(clause):
        return None
    # Only a change: 新增手机1200部 names other things than the count before it.
    if not _progress_only().fullmatch(COMPARED_WITH.sub("", clause)):
        return None
    return IndicatorMatch(previous[1], "", False, -1)


def _level_part_of_previous(
    before: str, q: Quantity, previous: tuple[Quantity, str, str, str] | None, previous_measure: str
) -> IndicatorMatch | None:
    """`研发平台210个,其中国家级18个、省级52个`: a count naming only a level, or a level
    and a word of the count before it (其中国家级平台19个), is the part of that count at
    that level, and takes its indicator."""
    if previous is None or previous[0].unit_std != "count" or previous[0].unit != q.unit or not LEVEL.search(before):
        return None
    if LEVEL_PART_ONLY.match(before):
        return IndicatorMatch(previous[1], "", False, -1)
    rest = LEVEL_PART_LEAD.sub("", before)
    if len(rest) >= 2 and rest in previous_measure:
        return IndicatorMatch(previous[1], "", False, -1)
    return None


@cache
def _progress_only() -> re.Pattern[str]:
    words = sorted(cues()["nonfact"]["progress_words"], key=len, reverse=True)
    return re.compile(r"[、和及与]?(?:" + "|".join(re.escape(w) for w in words) + ")*")


def _continued_count(
    text: str,
    q: Quantity,
    noun: str,
    previous: tuple[Quantity, str, str, str] | None,
    ctx: _SentenceContext,
    sentence_counts: dict[str, str],
) -> IndicatorMatch | None:
    """A count that names nothing, before or after it (`已开工61个`, `完工37个`), counts
    what the count before it in the sentence, else in the paragraph, counted; in a list
    of capacities (年产…30万套、精密冲压件1200万件) any counting word goes on it."""
    if noun:
        return None
    if previous is not None and previous[1] == CAPACITY and CLAUSE_BREAK.search(text, previous[0].end, q.start) is None:
        return IndicatorMatch(CAPACITY, "", False, -1)
    clause = text[max(_clause_start(text, q.start), previous[0].end if previous else 0) : q.start]
    for expr in reversed(find_time_expressions(clause)):  # 截至目前已开工19个
        clause = clause[: expr.start] + clause[expr.end :]
    clause = LEADING_PLACE.sub("", clause)  # 太原市入库4127家、晋中市1386家: by place
    if not _progress_only().fullmatch(clause):
        return None
    if previous is not None and previous[0].unit_std == "count":
        if previous[0].unit == q.unit or text[previous[0].end : q.start] in ("、", "和", "及"):
            # (涉及群众2863户、8700余人: a count joined to the one before measures it too.)
            return IndicatorMatch(previous[1], "", False, -1)
        # 改造老旧小区126个、涉及居民1.35万户,目前已开工68个: the sentence's last 个.
        earlier = sentence_counts.get(q.unit)
        return IndicatorMatch(earlier, "", False, -1) if earlier is not None else None
    if q.unit in sentence_counts:
        # 新开工安置房项目12个、3650套,总建筑面积46万平方米,目前已开工9个: past an area.
        return IndicatorMatch(sentence_counts[q.unit], "", False, -1)
    if q.unit in ctx.count_by_unit:
        return IndicatorMatch(ctx.count_by_unit[q.unit], "", False, -1)
    return None


def _sentence_keyword_match(before_in_sentence: str, q: Quantity) -> IndicatorMatch | None:
    """Enterprises counted in 家 when the sentence is about enterprises (`其中境内22家、
    境外87家`): a count whose own clause names nothing takes the sentence's noun."""
    if q.unit.endswith("家"):
        found = match_indicator(before_in_sentence, "", q.unit, "count")
        if found.from_words:
            return found._replace(start=-1, keyword="")
    return None


def _measure(before: str, noun: str, match: IndicatorMatch) -> str:
    """What the figure measures, as the text says it (for display and review)."""
    if match.in_noun:
        return noun[: match.start + len(match.keyword)]
    # A bracketed note before the number (重点实验室(基地)3个) is not what it measures.
    # (TRAILING_NOTE ends with ")" at the end, or before a final newline, as $ allows.)
    if before.endswith(")") or before.endswith(")\n"):
        before = TRAILING_NOTE.sub("", before)
    return measured_phrase(before.removesuffix("第")) or match.name


def _drop_overlaps(found: list[Quantity]) -> list[Quantity]:
    out: list[Quantity] = []
    for q in found:
        if out and q.num_start < out[-1].end:
            continue
        out.append(q)
    return out


def _times_nearest_first(text: str, times: list[TimeExpr]) -> list[tuple[TimeExpr, int]]:
    """A sentence's times by their end, last first (at one end in text order), each
    with its clause (_clause_id): the order in which _period tries them for a figure,
    worked out once for all the figures of the sentence."""
    ordered = sorted(times, key=lambda t: -t.end) if len(times) > 1 else times
    return [(t, _clause_id(text, t.start)) for t in ordered]


def _in_order(found: list[Quantity]) -> bool:
    """Are the quantities already sorted by (start, -end)? (Mostly they are: a check
    costs less than sorting with a key tuple built for each.)"""
    for i in range(1, len(found)):
        a = found[i - 1]
        b = found[i]
        if a.start > b.start or (a.start == b.start and a.end < b.end):
            return False
    return True


def _period_of(
    text: str,
    q: Quantity,
    clause: int,
    times: list[TimeExpr],
    times_back: list[tuple[TimeExpr, int]],
    quantity_clauses: set[int],
    ctx: _SentenceContext,
    dates: ArticleDates,
    indicator: str,
    status: str,
) -> tuple[str | None, str]:
    """_period, with the figure's clause (_clause_id) and the sentence's times nearest
    first (_times_nearest_first), both worked out once per sentence."""
    # (Filtering the sorted times keeps the order of sorting the filtered ones: the
    # sort is stable.)
    for expr, expr_clause in times_back:
        if expr.end > q.num_start:
            continue
        if q.unit_std == "percent" and starts_with_word(text[expr.end : expr.end + 2], time_words()["plan_nouns"]):
            continue  # 1—5月,…完成全年目标任务的45.7%: 全年 names the target, the share holds at May
        if expr_clause != clause:
            if qualifies_noun(text, expr) or is_event_date(text, expr):
                continue
            if text[expr.start - 1 : expr.start] == "而":
                continue  # …92家,而2017年全区新增71家;新增…6家: a year in contrast stays in its clause
            if text[expr.end : expr.end + 1] == "前" and ";" in text[expr.end : q.num_start]:
                continue  # 计划10月底前交付;…总投资9.8亿元: a deadline stays in its part
            if in_zai_zhong(text, expr) and expr_clause in quantity_clauses:
                continue
        if expr.text == "全年":
            # (A target, 力争全年完成…, is for a year to come; a review's 全年签约资金 is not.)
            targeted = status == "plan" and has_word(text[: expr.start], cues()["status"]["intent"])
            if year := _framed_year(expr, times, ctx, dates.year if targeted else None):
                return year, expr.text
        if expr.text in ("年末", "年底") and status == "actual" and (year := _framed_year(expr, times, ctx)):
            return f"{year}-12-31", expr.text  # 过去一年,…年末总数达到768家
        if expr.name == "this_event" and q.unit_std == "rank" and ctx.rank_period is not None:
            return ctx.rank_period, expr.text  # 本次评价中…分列第29位: the evaluation's year
        return _figure_period(expr, dates, status), expr.text
    if status == "plan":
        # 剩余600套计划于6月底前全部交付: a planned figure's deadline later in its clause.
        for expr in times:
            if expr.start >= q.end and expr.name in DEADLINES and _clause_id(text, expr.start) == clause:
                return resolve_period(expr, dates), expr.text
    if ctx.breakdown_period is not None and text.startswith("其中"):
        # 截至6月底,已开工2853套…。其中,城中村改造项目5个: the breakdown holds when the
        # figure it breaks down does, even in a paragraph framed by its year.
        labels = ctx.breakdown_by_label
        return labels.get(indicator, labels.get(q.unit_std, ctx.breakdown_period)), "(上句时间)"
    if ctx.frame is not None:
        return ctx.frame, "(段落时间)"
    if ctx.as_of is not None:
        return ctx.as_of, "(段落时点)"
    if q.unit_std == "rank" and ctx.rank_period is not None:
        return ctx.rank_period, "(排名评价时间)"
    if ctx.lead_frame is not None:
        return ctx.lead_frame, "(导语时间)"
    return dates.event_date, ""


def _reviewed_year(title: str, lead: str, dates: ArticleDates) -> str | None:
    """The year before the item's when the item reports on it: its title names only
    that year (a bulletin, a review, an evaluation's results), or its lead looks back on
    it (作政府工作报告,回顾2023年工作,部署2024年任务)."""
    if dates.year is None:
        return None
    last_year = dates.year - 1
    # Both tests need the year written before 年 (2023年): most titles and leads name no
    # such year, and _writes_year finds that faster than the time patterns run.
    if _writes_year(title, last_year):
        years = {t.year for t in find_time_expressions(title) if t.name == "year"}
        if years == {last_year}:
            return str(last_year)
    if _writes_year(lead, last_year) and last_year in reviewed_years(lead):
        return str(last_year)
    return None


def _writes_year(text: str, year: int) -> bool:
    """Does `year` stand in four digits (any decimal digits, as re's \\d) right before a 年?"""
    pos = text.find("年", 4)
    while pos >= 0:
        digits = text[pos - 4 : pos]
        if digits.isdecimal() and int(digits) == year:
            return True
        pos = text.find("年", pos + 1)
    return False


def _report_period(headlines: list[Span], dates: ArticleDates) -> str | None:
    """The part of a year named by a report's headline that names no figure (鹿城区2023年
    8月份统计月报, 数说长沙县·2023年1—9月, 前三季度全区经济运行稳中有进; not an event's
    高新区第二季度重点项目集中开工): the report's figures with no time of their own hold for it."""
    for line in headlines:
        # (Most lines name no report: that test is a fraction of finding quantities.)
        if not _names_report(line.text):
            continue
        if NUMBER_HINT.search(line.text) and find_quantities(line.text):
            continue
        report = [t for t in find_time_expressions(line.text) if t.kind == "cumulative" or t.name == "year_month"]
        if report:
            return resolve_period(report[-1], dates)
    return None


def _names_report(text: str) -> bool:
    """The text titles a report of figures (统计月报, 经济运行情况, 数说…, 主要经济指标),
    not an event that names its batch or campaign (第二季度重点项目集中开工, 决战四季度)."""
    return has_word(text, time_words()["report_title_words"])


def _framed_year(expr: TimeExpr, times: list[TimeExpr], ctx: _SentenceContext, plan_year: int | None = None) -> str | None:
    """The year a 全年 means when the text has named one: a year earlier in its sentence
    (2024年,经开区将…力争全年完成), else the year frame of its paragraph or of the
    item's lead (2021年,共有86家… 全年孵化载体总收入). A target (`plan_year`, the
    item's year) is for no year before it."""
    named = [t for t in times if t.end <= expr.start and t.name == "year" and t.year is not None]
    if named:
        return str(named[-1].year)
    frame = ctx.frame or ctx.lead_frame
    if frame is None or not YEAR_PERIOD.fullmatch(frame):
        return None
    if plan_year is not None and int(frame) < plan_year:
        return None  # 去年,…完成投资171.2亿元。…力争全年完成…: a target is for a year to come
    return frame


def _figure_period(expr: TimeExpr, dates: ArticleDates, status: str) -> str | None:
    """resolve_period, knowing the figure is done: a whole year (全年) reported as done
    in January or February is the year just ended (全年新增上市公司3家 in a 2024-01-20
    review of 2023), since the current one has barely begun."""
    period = resolve_period(expr, dates)
    article_date = dates.article_date or ""
    if status == "actual" and expr.text == "全年" and period and period.isdigit() and article_date[5:7] in ("01", "02"):
        return str(int(period) - 1)
    return period


def _update_frame(
    text: str,
    times: list[TimeExpr],
    quantities: list[Quantity],
    quantity_clauses: set[int],
    ctx: _SentenceContext,
    dates: ArticleDates,
) -> None:
    """A year or cumulative time standing as its own clause before the sentence's figures
    (`今年1-6月,` `据介绍,2022年,`) frames the next sentences of the paragraph."""
    first = quantities[0].start if quantities else len(text)
    for expr in times:
        if expr.kind not in ("year", "cumulative"):
            continue
        # A frame stands before the sentence's figures, or opens a part of it after
        # a semicolon (截至2021年底,…6.8亿元;2021年,共有86家…).
        if expr.start >= first and text[expr.start - 1 : expr.start] != ";":
            continue
        clause_start = _clause_start(text, expr.start)
        lead = text[clause_start : expr.start]
        clause_end = CLAUSE_BREAK.search(text, expr.end)
        clause = text[clause_start : clause_end.start() if clause_end else len(text)]
        at_clause_start = lead in ("", "在") and text[expr.end : expr.end + 1] == ","
        in_frame = lead.startswith("在") and clause.endswith("中") and _clause_id(text, expr.start) not in quantity_clauses
        if (at_clause_start or in_frame) and not is_event_date(text, expr):
            ctx.frame = resolve_period(expr, dates)
            ctx.frame_name = expr.name
    for expr in times:
        if expr.name in AS_OF_DATES and expr.text.startswith(("截至", "截止")) and text[expr.end : expr.end + 1] == ",":
            ctx.as_of = resolve_period(expr, dates)
    # 商务部公布2023年…考核评价结果: the ranks after it, in this sentence or the next
    # ones, hold for the evaluation's year (find_time_expressions already left out a
    # comparison's: 较2022年排名上升5位).
    for expr in times:
        if expr.name == "year" and expr.year is not None:
            clause_end = CLAUSE_BREAK.search(text, expr.end)
            rest = text[expr.end : clause_end.start() if clause_end else len(text)]
            if has_word(rest, cues()["ranking"]["evaluation_nouns"]):
                ctx.rank_period = str(expr.year)
    # An explicit "as of now" (截至目前) anywhere in a sentence moves the paragraph's
    # frame to the article's date: the sentences after it report to date, not the year
    # an earlier frame named (据介绍,2022年,… 截至目前完成投资… 累计完成投资62亿元).
    for expr in times:
        if expr.name == "until_now" and expr.text.startswith(("截至", "截止")):
            ctx.frame = resolve_period(expr, dates)
            ctx.frame_name = expr.name


def _year_of(period: str | None, dates: ArticleDates) -> str | None:
    if period:
        return period[:4]
    return str(dates.year) if dates.year else None


def _fact(
    raw: str,
    doc: str,
    art: ArticleText,
    dates: ArticleDates,
    sentence: Span,
    q: Quantity,
    match: IndicatorMatch,
    indicator: str,
    topic: str,
    status: str,
    subject: str,
    period: str | None,
    period_text: str,
    measure: str,
    headline: bool,
) -> Fact:
    return _sentence_fact(
        raw, doc, art, dates, sentence, _sentence_in_raw(raw, sentence), q, match, indicator,
        indicator_meta()[indicator].generic, topic, status, subject, period, period_text, measure, headline,
    )


def _sentence_in_raw(raw: str, sentence: Span) -> tuple[int, int, str]:
    """Where a sentence stands in the page, [start, end), and its text there: what its
    facts share."""
    start, end = sentence.origin(0, len(sentence.text))
    return start, end, raw[start:end]


def _sentence_fact(
    raw: str,
    doc: str,
    art: ArticleText,
    dates: ArticleDates,
    sentence: Span,
    whole: tuple[int, int, str],
    q: Quantity,
    match: IndicatorMatch,
    indicator: str,
    generic: bool,
    topic: str,
    status: str,
    subject: str,
    period: str | None,
    period_text: str,
    measure: str,
    headline: bool,
) -> Fact:
    """_fact, given what the facts of a sentence share: `whole` is _sentence_in_raw of
    the sentence, `generic` the indicator's metadata flag."""
    text = sentence.text
    kw_start = q.start
    keyword = match.keyword
    in_noun = match.in_noun
    if keyword and not in_noun:
        # Within the figure's clause: a keyword that is a unit word (套) must not reach
        # back to the figure before it.
        clause_start = _clause_start(text, q.start)
        pos = text.rfind(keyword, clause_start, q.start)
        if pos >= 0:
            kw_start = pos
    quote_end = q.end + (len(noun_at(text, q.end)) if in_noun else 0)
    orig_start, orig_end = sentence.origin(kw_start, quote_end)
    quote = _without_whitespace(raw[orig_start:orig_end])
    sent_start, sent_end, sentence_text = whole
    surface_start, surface_end = sentence.origin(q.num_start, q.end)
    # (The penalties in CONFIDENCE_PENALTIES's order, each a Final float: no dict
    # lookups per figure, and the same sum to the last bit.)
    confidence = CONFIDENCE_BASE
    if generic:
        confidence -= _GENERIC_PENALTY
    if not period_text:
        confidence -= _DEFAULT_PERIOD_PENALTY
    if dates.inferred:
        confidence -= _INFERRED_YEAR_PENALTY
    if q.chinese_numeral:
        confidence -= _CHINESE_NUMERAL_PENALTY
    if headline:
        confidence -= _HEADLINE_PENALTY
    # (In Fact's field order, _FACT_ORDER: a tuple, not a dict, is built and freed per figure.)
    return _fact_in_order((
        doc,  # doc
        art.index,  # article_index
        art.title,  # article_title
        sentence_text,  # sentence
        quote,  # quote
        raw[surface_start:surface_end],  # surface
        surface_start,  # start
        surface_end,  # end
        sent_start,  # sentence_start
        sent_end,  # sentence_end
        q.value,  # value
        q.value_text,  # value_text
        q.unit,  # unit
        q.value_std,  # value_std
        q.unit_std,  # unit_std
        q.qualifier,  # qualifier
        indicator,  # indicator
        measure,  # measure
        topic,  # topic
        subject,  # subject
        status,  # status
        period,  # period
        period_text,  # period_text
        dates.article_date,  # article_date
        dates.inferred,  # date_inferred
        round(max(confidence, 0.05), 2),  # confidence
    ))


def _without_whitespace(text: str) -> str:
    """WHITESPACE_RUN.sub("", text), skipping the regex when `text` holds no whitespace:
    most quotes are one line of unspaced text, and every whitespace character (what \\s
    matches) but " " is unprintable, so two C-level tests rule it out."""
    if " " in text or not text.isprintable():
        return WHITESPACE_RUN.sub("", text)
    return text


# Fact's fields, each with the setter of its slot. Set through these, a frozen
# dataclass's fields skip the guarded __setattr__ that its generated __init__ calls
# once per field: building a fact costs about a third, and one is built per figure.
_FACT_SLOTS: tuple[tuple[str, Callable[[Fact, object], None]], ...] = tuple(
    (f.name, getattr(Fact, f.name).__set__) for f in fields(Fact)
)
# The setters alone, Final: compiled, a Final global is a C static, not a lookup in the
# module's dict for each of a fact's 26 fields.
_FACT_SETTERS: Final[tuple[Callable[[Fact, object], None], ...]] = tuple(setter for _, setter in _FACT_SLOTS)


# The order in which _fact lists a fact's values: Fact's own (checked on import).
_FACT_ORDER = (
    "doc",
    "article_index",
    "article_title",
    "sentence",
    "quote",
    "surface",
    "start",
    "end",
    "sentence_start",
    "sentence_end",
    "value",
    "value_text",
    "unit",
    "value_std",
    "unit_std",
    "qualifier",
    "indicator",
    "measure",
    "topic",
    "subject",
    "status",
    "period",
    "period_text",
    "article_date",
    "date_inferred",
    "confidence",
)
if _FACT_ORDER != tuple(name for name, _ in _FACT_SLOTS):
    raise ImportError("pipeline._FACT_ORDER no longer follows Fact's fields")


def _new_fact(values: dict[str, object]) -> Fact:
    """Fact(**values), faster (_FACT_SLOTS); `values` names each field once."""
    if len(values) != len(_FACT_SLOTS):
        raise TypeError(f"a Fact has {len(_FACT_SLOTS)} fields, got {sorted(values)}")
    return _fact_in_order(tuple([values[name] for name, _ in _FACT_SLOTS]))


def _fact_in_order(values: tuple[object, ...]) -> Fact:
    """Fact(*values), faster (_FACT_SLOTS); `values` in Fact's field order."""
    fact: Fact = object.__new__(Fact)
    setters = _FACT_SETTERS
    for i in range(len(setters)):
        setters[i](fact, values[i])
    return fact


def _dedupe_article(facts: list[Fact]) -> list[Fact]:
    """One fact per (indicator, level, value) within an item.

    Two equal figures in one sentence are two facts (`国家级大学科技园2家,国家级星创
    天地2家`); a figure repeated in another sentence with the same label, or with no
    label of its own (其他面积), is one; so is a share in 成 rounding a precise rate.
    """
    out: list[Fact] = []
    # The kept facts by (unit class, value): only those can be the same fact
    # (_same_fact), so each fact is compared with a few, not with all kept before it.
    kept: dict[tuple[str, Decimal], list[Fact]] = {}
    for f in facts:
        same_value = kept.get((f.unit_std, f.value_std))
        if same_value is None:
            kept[(f.unit_std, f.value_std)] = [f]
        elif any(_same_fact(f, g) for g in same_value):
            continue
        else:
            same_value.append(f)
        out.append(f)
    if not any(f.unit == "成" for f in out):
        return out  # only a share in 成 can round another figure
    return [f for f in out if not any(_rounds(f, g) for g in out)]


def _rounds(rounded: Fact, precise: Fact) -> bool:
    """`开工率超九成` summing up `开工率90.6%` of the same item: a share in 成 that a
    precise rate of the same indicator falls within says it again, rounded."""
    if rounded.unit != "成" or precise.unit_std != "percent" or precise.unit == "成":
        return False
    if rounded.indicator != precise.indicator:
        return False
    low = rounded.value_std
    if rounded.qualifier == "at_least":
        return low <= precise.value_std < low + 10
    if rounded.qualifier == "at_most":
        return low - 10 < precise.value_std <= low
    return abs(precise.value_std - low) < 5


def _same_fact(a: Fact, b: Fact) -> bool:
    if (a.unit_std, a.value_std) != (b.unit_std, b.value_std) or a.sentence_start == b.sentence_start:
        return False
    if indicator_meta()[a.indicator].generic or indicator_meta()[b.indicator].generic:
        return True
    # 计划改造老旧小区46个…46个小区已全部开工: a target and what was done are two facts.
    if (a.indicator, a.qualifier, _level(a.measure), a.status) != (b.indicator, b.qualifier, _level(b.measure), b.status):
        return False
    # One indicator covers kinds that the text tells apart (博士后科研工作站3个 and
    # 重点实验室3个 are two facts); a repeat says the same thing again, maybe shorter.
    # Rates share their words (增长): theirs must be the same phrase.
    if a.unit_std == "percent":
        return LEVEL.sub("", a.measure) == LEVEL.sub("", b.measure)
    return _same_thing(a.measure, b.measure, indicator_meta()[a.indicator].keywords)


def _same_thing(a: str, b: str, keywords: tuple[str, ...]) -> bool:
    """Two measures of one indicator name the same thing unless each names a kind of
    its own, by keywords the other lacks (博士后科研工作站 / 重点实验室); a measure that
    names no kind (又有, 共有…参与选房) repeats the other."""
    a, b = LEVEL.sub("", a), LEVEL.sub("", b)
    kinds_a = {k for k in keywords if k in a}
    kinds_b = {k for k in keywords if k in b}
    return not kinds_a or not kinds_b or bool(kinds_a & kinds_b) or a in b or b in a


def _level(measure: str) -> str:
    m = LEVEL.search(measure)
    return m.group(0) if m else ""


def _dedupe_document(facts: list[Fact]) -> list[Fact]:
    """A paragraph printed twice on one page (a repeated lead) gives its facts once."""
    # Only facts of one (unit class, value) can repeat each other, and most values
    # appear once on a page: the clause key (_clause_key: slices, scans, a regex) is
    # worked out only for the facts whose value comes again.
    counts: dict[tuple[str, Decimal], int] = {}
    for f in facts:
        value_key = (f.unit_std, f.value_std)
        counts[value_key] = counts.get(value_key, 0) + 1
    if len(counts) == len(facts):
        return facts
    seen: set[tuple[object, ...]] = set()
    out: list[Fact] = []
    for f in facts:
        if counts[(f.unit_std, f.value_std)] > 1:
            key = _clause_key(f)
            if key in seen:
                continue
            seen.add(key)
        out.append(f)
    return out


def _clause_key(f: Fact) -> tuple[object, ...]:
    """What makes two facts of a page one: the figure's clause, whitespace dropped, and
    where the figure stands in it, with its unit class and value."""
    # Only the clause is sliced and cleaned, not the sentence on each side.
    sentence = f.sentence
    rel = f.start - f.sentence_start
    clause_start = 0
    for mark in CLAUSE_BREAKS_ANY_WIDTH:
        clause_start = max(clause_start, sentence.rfind(mark, 0, rel) + 1)
    clause_end = CLAUSE_BREAK_ANY_WIDTH.search(sentence, rel)
    head = WHITESPACE_RUN.sub("", sentence[clause_start:rel])
    tail = WHITESPACE_RUN.sub("", sentence[rel : clause_end.start() if clause_end else len(sentence)])
    return (head + tail, len(head), f.unit_std, f.value_std)
