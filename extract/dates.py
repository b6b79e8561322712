"""Dates: the article date from its dateline, the page's year, and each figure's period.

A district paper's dateline says `3月19日` and no year. The year comes from evidence on
the page: publication lines (`发布日期:2025-03-26`), the latest year the page mentions
(`回顾2024年…部署2025年任务`), and the rule that an item reports only past events (an
item dated 3月21日 that reports work done in 2022年9月 is from 2023).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from re import _constants as _sre, _parser as _sre_parser  # type: ignore[attr-defined]
from typing import Any, Final, Iterable, NamedTuple, Sequence

import cn2an

from extract.lexicon import (
    TimePattern,
    time_patterns,
    time_words,
    pattern_of,
)

FULL_DATE: Final = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[-./年/]\s*(?P<m>\d{1,2})\s*[-./月/]\s*(?P<d>\d{1,2})日?"
    r"|(?P<d2>\d{1,2})\.(?P<m2>\d{1,2})\.(?P<y2>(?:19|20)\d{2})"
)
# A dateline opens the item; a date after 截至/到/于 is a period or an event, not it.
DATELINE: Final = re.compile(r"(?<![至止到于\d])(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?![前后起])")
# DATELINE, opening with a digit (its look behind, taken after that digit, sees the
# character before it): a pattern opening with a look behind gives re no first
# character to skip to, so it is entered at every position of the lead.
DATELINE_BY_DIGIT: Final = re.compile(r"(?P<m>\d(?<![至止到于\d]\d)\d?)月(?P<d>\d{1,2})日(?![前后起])")
RECENT: Final = re.compile(r"近日|日前|近期|昨日|今天|今日")
# (No digit before the year: tested after it, `(?<!\d{5})`, so that the pattern opens
# with 1 or 2 and re can skip to those characters instead of trying every position.)
YEAR_MENTION: Final = re.compile(r"(?P<y>(?:19|20)\d{2})(?<!\d{5})(?:年|-\d{1,2}-\d{1,2})(?P<m>\d{1,2}月)?")
# A year looked back on: 回顾2024年 (REVIEWED_YEAR), 2024年全年, 截至2024年底. (Three
# patterns, each opening with its own characters, which re skips to: see
# _looked_back_years.)
WHOLE_YEAR: Final = re.compile(r"(?P<y>(?:19|20)\d{2})年全年")
UNTIL_YEAR_END: Final = re.compile(r"(?:截至|截止)(?P<y>(?:19|20)\d{2})年(?:底|末)")
# 今年是新中国成立70周年 / 中国共产党成立100周年 (the founding years are in times.yaml).
ANNIVERSARY: Final = re.compile(r"(?:今年是|今年恰逢|今年正值)(?P<event>[\u4e00-\u9fff]{2,8}?)(?P<n>\d{1,3}|[一二三四五六七八九十百]{1,4})周年")
PLAN_YEAR_STATEMENT: Final = re.compile(r"今年是[“\"]?(十[一二三四五六七八九]?五)[”\"]?(开局之年|收官之年|第([一二三四五])年)")
REVIEW_WORDS: Final = ("回顾", "总结", "盘点")
REVIEWED_YEAR: Final = re.compile(f"(?:{'|'.join(REVIEW_WORDS)})" + r"(?P<y>(?:19|20)\d{2})年")
# REVIEWED_YEAR by its word: a pattern opening with a word is found by re as fast as
# `in` finds the word, an alternation of words four times slower (a page-wide scan).
REVIEWED_YEAR_BY_WORD: Final = tuple(re.compile(word + r"(?P<y>(?:19|20)\d{2})年") for word in REVIEW_WORDS)
MONTH_WORD: Final = re.compile(r"(?<![\d\-—至到.年])(?P<m>[一二三四五六七八九十]{1,3}|1[0-2]|[1-9])月(?![份底末初中\d日])")
TIMESTAMP: Final = re.compile(
    r"(?:发布日期|发布时间|来源|日期|时间)[^\d]{0,8}(?:19|20)\d{2}[-./年]\d{1,2}[-./月]\d{1,2}"
    r"|(?:19|20)\d{2}[-./年]\d{1,2}[-./月]\d{1,2}日?\d{1,2}:\d{2}"
)
TIMESTAMP_WINDOW: Final = 300
CLAUSE_END: Final = re.compile(r"[,;。:]")
SENTENCE_CLAUSE_END: Final = re.compile(r"[,;。]")  # (a colon does not end a 在…中 phrase's clause)
PART_OF_YEAR: Final = re.compile(r"季度|半年|\d{1,2}月|[一二三四五六七八九十]{1,2}月")
# A newspaper page's header (浏阳日报 2023年11月20日 星期一 第03版): a publication
# line that dates the issue, not each item.
PAGE_HEADER: Final = re.compile(r"第\s*[\d一二三四五六七八九十A-Z]{1,3}\s*版|星期[一二三四五六日天]")
# A newspaper's name with its issue date (东楚晚报2021年12月21日) is a page header too.
MASTHEAD_DATE: Final = re.compile(r"报(?:19|20)\d{2}年\d{1,2}月\d{1,2}日")
SPLIT_DATE_REST: Final = re.compile(r"\d{1,2}月\d{1,2}日")
# Words of a web page's publication line (a page header names its 责任编辑 too).
PUBLISHED: Final = re.compile(r"发布|来源|时间")
DOCUMENT_YEAR: Final = re.compile(r"[〔\[](?P<y>(?:19|20)\d{2})[〕\]]\d{1,4}号")
# A whole year reported as done (2024年,北滘镇完成固定资产投资…) in an item dated up to
# this month is the year before the page's: the season of annual reviews and reports.
# Later in a year, "2024年,…完成" may be that year's running total.
YEAR_REVIEW_LAST_MONTH: Final = 4
# How far into an item's first paragraph its dateline may stand (after 本报讯 and a byline).
DATELINE_WINDOW: Final = 60


class TimeExpr(NamedTuple):
    start: int  # offsets in the sentence text
    end: int
    name: str  # pattern name in times.yaml
    kind: str  # point | cumulative | year | event
    year: int | None
    month: int | None
    day: int | None
    quarter: int | None
    text: str
    year_offset: int = 0  # 明年 (+1), 去年 (-1) written before a date with no year of its own



@dataclass(frozen=True, slots=True)
class ArticleDates:
    year: int | None  # the item's year (written or inferred); None when unknown
    article_date: str | None  # YYYY-MM-DD / YYYY-MM / YYYY
    event_date: str | None  # the dateline day (period of figures with no time of their own)
    inferred: bool  # the year was inferred from evidence, not written in a date


def _cn_int(text: str) -> int:
    return int(text) if text.isdigit() else _cn_numeral(text)


# cn2an costs tens of microseconds a call, for the same few numerals (一季度, 十月份)
# on every page: remember them (a numeral word, not a text, is the key).
@lru_cache(maxsize=1024)
def _cn_numeral(text: str) -> int:
    return int(cn2an.cn2an(text, "smart"))


def find_time_expressions(text: str) -> list[TimeExpr]:
    """Every time expression in a sentence, longest first where they overlap.

    >>> [t.name for t in find_time_expressions("截至2022年底,收入为5万元")]
    ['until_year_end']
    """
    taken: list[TimeExpr] = []
    last_end = -1
    scanner = _time_scanner()
    screen_orders = _time_screen()[1]
    # Every match starts at a candidate, and candidates come in order: at each, the
    # longest match (the first pattern among equals) not ruled out below is taken.
    # (The candidates are _time_screen()'s finditer: see _time_scanner.)
    pos = 0
    while True:
        candidate = scanner.search(text, pos)
        if candidate is None:
            break
        start = candidate.start()
        index = candidate.lastindex or 0
        pos = candidate.end(index)  # (where the screen's match ends: never empty)
        if start < last_end:
            continue  # inside the expression taken last
        if _is_comparison(text, start):
            continue  # (较2022年: the base of a comparison, whichever pattern matches)
        # The screen tried the patterns in order: those before the one it matched did
        # not match here (2023年 is the last one's, year).
        first = screen_orders[index]
        best: re.Match[str] | None = None
        best_pat: TimePattern | None = None
        best_end = start
        for order, pat in _patterns_opening_with(text[start]):
            if order < first:
                continue
            m = pat.regex.match(text, start)
            if m is None:
                continue
            end = m.end()
            # (Strictly longer: among equals the first pattern wins.)
            if end > best_end and not (pat.name == "year" and _starts_with(text, end, end + 3, "bound_after")):
                # 2000年以前建成的: a bound on a noun (a deadline's 年底之前 stays)
                best, best_pat, best_end = m, pat, end
        if best is not None and best_pat is not None:
            taken.append(_time_expr(best, best_pat))
            last_end = best_end
    return taken


def _time_expr(m: re.Match[str], pat: TimePattern) -> TimeExpr:
    """The TimeExpr of pattern `pat`'s match `m`: its groups read as a date."""
    # (The groups the pattern has, by number: m.groupdict() built a dict of them for
    # every match, to be asked about nine names most patterns do not have.)
    g = _group_numbers(pat.regex)
    text = _group(m, g.year)
    year = int(text) if text else None
    text = _group(m, g.month)
    month = _cn_int(text) if text else None
    text = _group(m, g.day)
    day = int(text) if text else None
    quarter = None
    text = _group(m, g.quarter)
    if text:
        quarter = _cn_int(text)
    text = _group(m, g.quarters)
    if text:
        month = 3 * _cn_int(text.replace("两", "二"))
    text = _group(m, g.half)
    if text:
        month = 6 if text == "上半年" else 12
    text = _group(m, g.plan)
    if text:
        first_year = time_words()["five_year_plans"].get(text)
        year = first_year + 4 if first_year else None
    offset = 1 if _group(m, g.next) else -1 if _group(m, g.last) else 0
    # (tuple.__new__: the same tuple as TimeExpr(...), without the Python function that
    # is NamedTuple's __new__.)
    return tuple.__new__(
        TimeExpr, (m.start(), m.end(), pat.name, pat.kind, year, month, day, quarter, m.group(0), offset)
    )


def _group(m: re.Match[str], number: int) -> str | None:
    """Group `number` of `m`; None when it did not match, or when `number` is 0 (the
    pattern has no such group)."""
    return m.group(number) if number else None


class _GroupNumbers:
    """The number of each named group _time_expr reads in a time pattern, 0 for one
    it does not have."""

    def __init__(self, regex: re.Pattern[str]) -> None:
        index = regex.groupindex
        self.year: int = index.get("year", 0)
        self.month: int = index.get("month", 0)
        self.day: int = index.get("day", 0)
        self.quarter: int = index.get("quarter", 0)
        self.quarters: int = index.get("quarters", 0)
        self.half: int = index.get("half", 0)
        self.plan: int = index.get("plan", 0)
        self.next: int = index.get("next", 0)
        self.last: int = index.get("last", 0)


# (A plain dict, keyed by the compiled pattern: lexicon data, not text.)
_GROUP_NUMBERS: Final[dict[re.Pattern[str], _GroupNumbers]] = {}


def _group_numbers(regex: re.Pattern[str]) -> _GroupNumbers:
    found = _GROUP_NUMBERS.get(regex)
    if found is None:
        found = _GROUP_NUMBERS[regex] = _GroupNumbers(regex)
    return found


@cache
def _time_screen() -> tuple[re.Pattern[str], tuple[int, ...]]:
    """lexicon.time_screen(), with its patterns grouped by the characters they may open
    with: (?=[start_chars])(?:(?=[0-9])(?:patterns opening with a digit)|(?=[目])(?:目前's)|…);
    and the order of the time pattern of each of its groups, by group number.

    The plain screen enters each of its ~30 patterns at every digit and every 目 of
    项目; here a few looks at the character skip all groups but its own, and a digit
    not followed by 年, 月, 至… skips its group too. A match is the same as the plain
    screen's (the same first pattern in order that matches, since the others cannot
    open with that character), so candidates and where the scan resumes after each are
    unchanged: test_fast_paths checks _patterns_opening_with, which this relies on."""
    start = time_words()["start_chars"]
    bodies = [re.sub(r"\(\?P<\w+>", "(?:", pat.regex.pattern) for pat in time_patterns()]
    groups: dict[tuple[int, ...], list[str]] = {}
    for char in _class_chars(start):
        orders = tuple(order for order, _ in _patterns_opening_with(char))
        if orders:
            groups.setdefault(orders, []).append(char)
    digit_groups: list[_ScreenGroup] = []
    other_groups: list[_ScreenGroup] = []
    for orders, group_chars in groups.items():
        escaped = "".join(re.escape(c) for c in group_chars)
        opening = escaped
        digits = all(c.isdecimal() for c in group_chars)
        # Most digits are an amount's (12.5亿元), where no time pattern matches: a
        # pattern opening with a digit needs, after the digits, a character of few
        # (年, 月, 季, -, 至…), which one look ahead checks for the whole group.
        after = _after_digits([parsed for order, (_, parsed) in enumerate(_parsed_time_patterns()) if order in orders])
        if after is not None and digits:
            opening += "]\\d*+[" + "".join(after)
        # (Each pattern is followed by an empty group, which the match's lastindex
        # names: an empty group costs nothing until its pattern has matched.)
        alternative = f"(?=[{opening}])(?:" + "|".join(f"(?:{bodies[o]})()" for o in orders) + ")"
        group_orders = [o for o in orders for _ in range(re.compile(bodies[o]).groups + 1)]
        (digit_groups if digits else other_groups).append(_ScreenGroup(escaped, alternative, group_orders))
    # (Digits first: most candidates open with one.)
    tree = _alternation([_guarded(_dispatched(digit_groups)), _guarded(_dispatched(other_groups))])
    screen = re.compile(f"(?=[{start}])(?:{tree.regex})")
    assert screen.groups == len(tree.group_orders)
    return screen, (0, *tree.group_orders)  # (group 0: the whole match)


@cache
def _time_scanner() -> re.Pattern[str]:
    """_time_screen()'s screen as a pattern that opens with its start characters
    consumed: [start_chars](?<=(?=screen)(?s:.)), the same groups by the same numbers.

    The screen opens with a look ahead, so re has no first character to skip to and
    enters it at every position of a sentence; a pattern opening with a character
    class is entered only where one of those characters stands (most characters of a
    sentence are not). The look behind steps back over that character and matches the
    screen from it: a match starts where the screen's does, and the screen's match
    ends where its last group (the empty group closing each pattern, which the
    match's lastindex names) ends. Every time pattern takes a character at least, so
    a screen's match is never empty and the next search starts at its end, as
    finditer's would."""
    screen, _ = _time_screen()
    assert all(_sre_parser.parse(pat.regex.pattern).getwidth()[0] > 0 for pat in time_patterns())
    start = time_words()["start_chars"]
    # (Without the screen's own look at the start characters: the first one took it.)
    opening = f"(?=[{start}])"
    assert screen.pattern.startswith(opening)
    scanner = re.compile(f"[{start}](?<=(?={screen.pattern[len(opening):]})(?s:.))")
    assert scanner.groups == screen.groups
    return scanner


class _ScreenGroup(NamedTuple):
    chars: str  # the characters its regex may open with (re.escape'd)
    regex: str
    group_orders: list[int]  # the time pattern of each of its groups, in order


def _dispatched(groups: list[_ScreenGroup]) -> _ScreenGroup:
    """`groups` as one alternation that looks at a position's character about log2(n)
    times, not once per group: (?=[first half's characters])(?:first half)|(?=[…])(?:second
    half), halved again within each half. (Each character opens one group only: the
    alternation matches as the plain one does.)"""
    if len(groups) <= 2:
        return _alternation(groups)
    half = len(groups) // 2
    return _alternation([_guarded(_dispatched(groups[:half])), _guarded(_dispatched(groups[half:]))])


def _guarded(group: _ScreenGroup) -> _ScreenGroup:
    """`group` behind a look at the character it may open with."""
    return _ScreenGroup(group.chars, f"(?=[{group.chars}])(?:{group.regex})", group.group_orders)


def _alternation(groups: list[_ScreenGroup]) -> _ScreenGroup:
    """The plain alternation of `groups` (in order)."""
    return _ScreenGroup(
        "".join(g.chars for g in groups), "|".join(g.regex for g in groups), [o for g in groups for o in g.group_orders]
    )


def _after_digits(patterns: list[Any]) -> list[str] | None:
    """What a match of one of the parsed `patterns` that opens with digits may have
    right after them: the first character it takes that is not a digit (\\d) is in
    the returned class items (re.escape'd characters and ranges). None when it cannot
    be told (or a match may be all digits)."""
    found: list[str] = []
    for parsed in patterns:
        if parsed.state.flags & (re.IGNORECASE | re.ASCII):
            return None  # (other cases; \d as [0-9]: not read here)
        after = _first_non_digit(parsed)
        if after is None or after[1]:
            return None
        found.extend(item for item in after[0] if item not in found)
    return found


def _first_non_digit(items: Iterable[tuple[Any, Any]]) -> tuple[list[str], bool] | None:
    """(the class items the first non-digit character taken by a match of the parsed
    regex `items` may be in, it may take only digits), from re's parse tree; None for
    what is not known here. Zero-width items are passed over (a superset: still only
    a necessary condition)."""
    found: list[str] = []
    for op, av in items:
        if op is _sre.LITERAL:
            if chr(av).isdecimal():
                continue
            found.append(re.escape(chr(av)))
            return found, False
        if op is _sre.IN:
            digit = False
            for item_op, item_av in av:
                if item_op is _sre.LITERAL:
                    if chr(item_av).isdecimal():
                        digit = True
                    else:
                        found.append(re.escape(chr(item_av)))
                elif item_op is _sre.RANGE:
                    runs = _non_digit_runs(item_av[0], item_av[1])
                    digit = digit or sum(high - low + 1 for low, high in runs) < item_av[1] - item_av[0] + 1
                    found.extend(re.escape(chr(low)) + "-" + re.escape(chr(high)) for low, high in runs)
                elif item_op is _sre.CATEGORY and item_av is _sre.CATEGORY_DIGIT:
                    digit = True
                else:
                    return None  # (a negated class, \w, …)
            if not digit:
                return found, False
            continue
        if op is _sre.SUBPATTERN and not av[1] and not av[2]:  # (a group, without flags)
            inner = _first_non_digit(av[3])
        elif op is _sre.BRANCH:
            inner = ([], False)
            for alternative in av[1]:
                one = _first_non_digit(alternative)
                if one is None:
                    return None
                inner = (inner[0] + one[0], inner[1] or one[1])
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            inner = _first_non_digit(av[2])
            if inner is not None:
                inner = (inner[0], inner[1] or av[0] == 0)
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT, _sre.AT):
            continue
        else:
            return None
        if inner is None:
            return None
        found.extend(inner[0])
        if not inner[1]:
            return found, False
    return found, True


def _class_chars(class_body: str) -> list[str]:
    """The characters of a regex character class's body (截至0-9 -> 截, 至, 0 … 9), read
    from re's parse tree."""
    chars: list[str] = []
    ((_, items),) = _sre_parser.parse(f"[{class_body}]")
    for op, av in items:
        if op is _sre.LITERAL:
            chars.append(chr(av))
        elif op is _sre.RANGE:
            chars.extend(chr(code) for code in range(av[0], av[1] + 1))
        else:
            raise ValueError(f"start_chars: only characters and ranges expected, not {op}")
    return chars


def _non_digit_runs(low: int, high: int) -> list[tuple[int, int]]:
    """The code ranges within low..high that hold no digit (\\d): 0-9 has none, and
    一-龥 is itself."""
    runs: list[tuple[int, int]] = []
    run_start = -1
    for code in range(low, high + 2):
        if code <= high and not chr(code).isdecimal():
            if run_start < 0:
                run_start = code
        elif run_start >= 0:
            runs.append((run_start, code - 1))
            run_start = -1
    return runs


@cache
def _patterns_opening_with(char: str) -> tuple[tuple[int, TimePattern], ...]:
    """The time patterns (with their order) a match of which may open with `char`: a
    candidate tries only these, where most of them cannot match (目 opens only 目前).
    (Candidates open with one of start_chars, so few characters are ever asked.)"""
    return tuple(
        (order, pat)
        for order, (pat, parsed) in enumerate(_parsed_time_patterns())
        # (With (?i), a literal may open with its other case: not read here.)
        if parsed.state.flags & re.IGNORECASE or _may_open_with(parsed, char)[0]
    )


@cache
def _parsed_time_patterns() -> tuple[tuple[TimePattern, Any], ...]:
    """Each time pattern with re's parse tree of it (private to re, so read with care:
    _may_open_with answers "may" to anything it does not know)."""
    return tuple((pat, _sre_parser.parse(pat.regex.pattern)) for pat in time_patterns())


def _may_open_with(items: Iterable[tuple[Any, Any]], char: str) -> tuple[bool, bool]:
    """(a match of the parsed regex `items` may open with `char`, it may be empty), read
    from re's own parse tree. What is not known here answers (True, True), which only
    costs a useless try."""
    code = ord(char)
    for op, av in items:
        if op is _sre.LITERAL:
            return code == av, False
        if op is _sre.IN:
            return _in_class(av, char), False
        if op is _sre.SUBPATTERN and not av[1] and not av[2]:  # (a group, without flags)
            may, empty = _may_open_with(av[3], char)
        elif op is _sre.BRANCH:
            opens = [_may_open_with(alternative, char) for alternative in av[1]]
            may, empty = any(o[0] for o in opens), any(o[1] for o in opens)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            may, empty = _may_open_with(av[2], char)
            empty = empty or av[0] == 0
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT, _sre.AT):
            may, empty = False, True  # (zero width: what follows opens the match)
        else:
            return True, True
        if may or not empty:
            return may, empty
    return False, True


def _in_class(items: list[tuple[Any, Any]], char: str) -> bool:
    """Does a parsed character class ([…]) match `char`? (Unknown parts say yes.)"""
    code = ord(char)
    negated = bool(items) and items[0][0] is _sre.NEGATE
    for op, av in items[1:] if negated else items:
        if op is _sre.LITERAL:
            hit = code == av
        elif op is _sre.RANGE:
            hit = av[0] <= code <= av[1]
        elif op is _sre.CATEGORY and av is _sre.CATEGORY_DIGIT:
            hit = char.isdecimal()  # (\d: any Unicode decimal digit)
        else:
            return True
        if hit:
            return not negated
    return negated


def _is_comparison(text: str, start: int) -> bool:
    return _ends_with(text, max(0, start - 3), start, "comparison_before")


# has_word and its kin (extract.lexicon) search a slice of the text (a copy); these
# search `text` in place. The compiled lists are kept in a plain dict: looking one up
# costs less than a call through a cache, and a test runs for every time expression.
_WORD_LISTS: Final[dict[str, _WordList]] = {}


def _word_patterns(key: str) -> _WordList:
    """times.yaml's word list `key`, compiled."""
    found = _WORD_LISTS.get(key)
    if found is None:
        found = _WORD_LISTS[key] = _WordList(time_words()[key])
    return found


class _WordList:
    """A word list compiled: any of its words, one of them at the end, and the
    characters its words open and end with: most tests fail on one character, without
    a call into re."""

    def __init__(self, words: Sequence[str]) -> None:
        self.any = pattern_of(words)
        self.suffix = pattern_of(words, "$")
        self.first_chars = frozenset(w[0] for w in words if w)
        # (`$` also matches before a final newline.)
        self.last_chars = frozenset(w[-1] for w in words if w) | {"\n"}
        self.gated = all(words)  # (an empty word would match anywhere)


def _has(text: str, start: int, end: int, key: str) -> bool:
    """has_word(text[start:end], time_words()[key])."""
    return _word_patterns(key).any.search(text, start, end) is not None


def _starts_with(text: str, start: int, end: int, key: str) -> bool:
    """starts_with_word(text[start:end], time_words()[key])."""
    words = _word_patterns(key)
    if words.gated and 0 <= start and (start >= min(end, len(text)) or text[start] not in words.first_chars):
        return False
    return words.any.match(text, start, end) is not None


def _ends_with(text: str, start: int, end: int, key: str) -> bool:
    """ends_with_word(text[start:end], time_words()[key])."""
    words = _word_patterns(key)
    last = min(end, len(text))
    if words.gated and (last <= max(start, 0) or text[last - 1] not in words.last_chars):
        return False
    return words.suffix.search(text, start, end) is not None


def is_event_date(text: str, expr: TimeExpr) -> bool:
    """`2017年3月开工`: a date followed by an event verb holds only in its clause."""
    return _starts_with(text, expr.end, expr.end + 4, "event_verbs")


def qualifies_noun(text: str, expr: TimeExpr) -> bool:
    """`是2017年市级重点项目`: after 是/为/列入 a year names a noun, not the time of figures;
    so does a year before an ordinal batch (举行今年第一批产业项目集中动工仪式)."""
    start, end = expr.start, expr.end
    if _ends_with(text, max(0, start - 6), start, "attributive_before"):
        return True
    if _starts_with(text, end, end + 2, "attributive_after"):
        return True
    # 高新区2022年第三季度重点项目集中签约仪式举行: the time names the event.
    clause_end = CLAUSE_END.search(text, end)
    rest_end = clause_end.start() if clause_end else len(text)  # the rest of its clause
    if _has(text, end, rest_end, "event_nouns") or _ends_with(text, end, rest_end, "attributive_clause_end"):
        return True
    # 截至7月底,全市2019年棚户区改造计划新开工18650套,已开工16342套: a year inside a
    # clause, naming a plan, is that plan's (it dates the figures of its clause only).
    return (
        expr.name == "year"
        and start > 0
        and "\u4e00" <= text[start - 1] <= "\u9fff"
        and _has(text, end, min(rest_end, end + 12), "plan_nouns")
    )


def in_zai_zhong(text: str, expr: TimeExpr) -> bool:
    """`在工信部2024年国家高新区评价结果中`: the time of that ranking only (unless the
    在…中 phrase stands as its own clause and frames what follows)."""
    clause_start = max(text.rfind(",", 0, expr.start), text.rfind(";", 0, expr.start)) + 1
    cut = SENTENCE_CLAUSE_END.search(text, clause_start)
    clause_end = cut.start() if cut else len(text)
    # (在 in the clause before the time, 中 in the clause after it.)
    return text.find("在", clause_start, min(expr.start, clause_end)) >= 0 and text.find("中", expr.end, clause_end) >= 0


# --- the article's date --------------------------------------------------------------


def publication_date(meta_texts: list[str]) -> tuple[int, int, int] | None:
    """The first full date on a publication line (发布日期:2025-03-26, 25.12.2014 13:56)."""
    for text in meta_texts:
        m = FULL_DATE.search(text)
        if m:
            if m.group("y"):
                return int(m.group("y")), int(m.group("m")), int(m.group("d"))
            return int(m.group("y2")), int(m.group("m2")), int(m.group("d2"))
    return None


def join_split_dates(meta_texts: list[str]) -> list[str]:
    """Publication lines with a masthead's date broken after its year (`东楚晚报2021年` /
    `12月21日`) read as one line."""
    out: list[str] = []
    for text in meta_texts:
        if out and out[-1].endswith("年") and SPLIT_DATE_REST.match(text):
            out[-1] += text
        else:
            out.append(text)
    return out


def page_timestamp(page_start: str) -> tuple[int, int, int] | None:
    """A publication timestamp broken across lines (`来源:• 2021-08-` / `17 11:08:54`):
    a full date after 发布/来源/日期 or before a clock time, near the top of the page."""
    head = "".join(page_start[:TIMESTAMP_WINDOW].split())
    m = TIMESTAMP.search(head)
    if not m:
        return None
    return publication_date([m.group(0)])


def _page_header_only(meta_texts: list[str]) -> bool:
    """The page's only dated line is a newspaper page header (…日报 2023年11月20日 星期一
    第03版), not a web page's publication line (发布时间:…)."""
    dated = [t for t in meta_texts if FULL_DATE.search(t)]
    # (The header may be broken across lines: its date on one, 星期二 第2版 on the next.)
    header = any(PAGE_HEADER.search(t) or MASTHEAD_DATE.search(t) for t in meta_texts)
    return bool(dated) and header and not any(PUBLISHED.search(t) for t in dated)


def dateline(first_paragraph: str) -> tuple[int, int] | None:
    """(month, day) of the item's dateline: `本报讯 3月19日` / `10月23日讯`."""
    # (endpos, not a slice: the pattern sees the text end there all the same.)
    m = DATELINE_BY_DIGIT.search(first_paragraph, 0, DATELINE_WINDOW)
    if m:
        return int(m.group("m")), int(m.group("d"))
    return None


def page_year(full_text: str, datelines: list[tuple[int, int]]) -> tuple[int | None, bool]:
    """The year the page was printed, from the text; (year, inferred).

    The latest year mentioned, unless it is a target (到2030年); then one year later
    if the page reports, as done, an event later in that year than its datelines.
    """
    stated = current_year_statement(full_text)
    if stated:
        return stated, True
    years: list[int] = []
    past_months: list[tuple[int, int]] = []
    mentions = list(YEAR_MENTION.finditer(full_text))
    for m in mentions:
        start, end = m.start(), m.end()
        if _ends_with(full_text, max(0, start - 4), start, "target_year_before"):
            continue
        if _is_comparison(full_text, start):
            years.append(int(m.group("y")) + 1)  # 较2022年增长: compared with the year before
            continue
        if full_text.startswith(("前", "年前"), end, end + 2):
            continue
        year = int(m.group("y"))
        years.append(year)
        if m.group("m") and not _ends_with(full_text, max(0, start - 4), start, "planned_date_before"):
            past_months.append((year, int(m.group("m")[:-1])))
    # A year looked back on (回顾2023年, 2023年全年, 截至2023年底) was over when the
    # page was printed.
    for m in _looked_back_years(full_text):
        year = int(m.group("y"))
        forecast = _ends_with(full_text, max(0, m.start() - 4), m.start(), "target_year_before")
        # 预计2023年全年…将突破: a forecast of the year still running.
        years.append(year if forecast else year + 1)
    # A document number (长政发〔2023〕18号) was issued by the page's year.
    if "〔" in full_text or "[" in full_text:  # (a scan of the page saved on most pages)
        years.extend(int(m.group("y")) for m in DOCUMENT_YEAR.finditer(full_text))
    plans, done = _year_clauses(full_text, mentions)
    if datelines and max(m for m, _ in datelines) <= YEAR_REVIEW_LAST_MONTH:
        years.extend(y + 1 for y in done)
    if not years:
        return None, False
    year = max(years)
    if datelines and past_months:
        latest_event = max((mo for y, mo in past_months if y == year), default=0)
        if latest_event and min(m for m, _ in datelines) < latest_event:
            year += 1
    # 12月26日 … 2023年度工作总结暨2024年工作部署: a late-year review of 2023 planning 2024.
    mentioned = {int(m.group("y")) for m in mentions}
    if year in plans and year - 1 in mentioned and datelines and min(m for m, _ in datelines) >= 10:
        year -= 1
    return year, True


def _looked_back_years(full_text: str) -> list[re.Match[str]]:
    """The matches of REVIEWED_YEAR, WHOLE_YEAR and UNTIL_YEAR_END in `full_text`, as
    one scan of their alternation would find them: in order, none inside the one
    before. (A match of one of them never overlaps another of them opening with the
    same word: each opens with characters it cannot hold further on.)"""
    found: list[re.Match[str]] = []
    for pattern in REVIEWED_YEAR_BY_WORD:
        found.extend(pattern.finditer(full_text))
    # (WHOLE_YEAR opens with any 1 or 2: `in` is far cheaper than its scan, and most
    # pages have no 全年.)
    if "全年" in full_text:
        found.extend(WHOLE_YEAR.finditer(full_text))
    found.extend(UNTIL_YEAR_END.finditer(full_text))
    found.sort(key=_match_start)
    kept: list[re.Match[str]] = []
    for m in found:
        if not kept or m.start() >= kept[-1].end():
            kept.append(m)
    return kept


def _match_start(m: re.Match[str]) -> int:
    return m.start()


def _year_clauses(full_text: str, mentions: list[re.Match[str]]) -> tuple[set[int], set[int]]:
    """(years only ever named as plans, years reported as done) from the clauses that
    open with a year (2024年,经开区将… / 2024年,北滘镇完成…) and from 2024年工作部署."""
    planned: set[int] = set()
    other: set[int] = set()
    done: set[int] = set()
    for m in mentions:
        year = int(m.group("y"))
        after = full_text[m.end() : m.end() + 40].removeprefix("度")
        clause = after[1 : _clause_end(after, 1)] if after.startswith(",") else ""
        if _starts_with(after, 0, len(after), "plan_year_after") or _has(clause, 0, len(clause), "plan_clause_words"):
            planned.add(year)
            continue
        other.add(year)
        # A part of the year (2024年,一季度全区完成…) says nothing of the whole year.
        if clause and _has(clause, 0, len(clause), "done_clause_words") and not PART_OF_YEAR.search(clause):
            done.add(year)
    return planned - other, done


def _clause_end(text: str, start: int) -> int:
    m = CLAUSE_END.search(text, start)
    return m.start() if m else len(text)


def reviewed_years(text: str) -> set[int]:
    """Years the text looks back on (回顾2023年工作, 总结2023年)."""
    return {int(m.group("y")) for m in REVIEWED_YEAR.finditer(text)}


def current_year_statement(text: str) -> int | None:
    """`今年是"十三五"开局之年` -> 2016; `今年是新中国成立70周年` -> 2019."""
    if "今年" not in text:
        return None  # (both statements open with it: a page-wide scan saved)
    plans: dict[str, int] = time_words()["five_year_plans"]
    anniversary = ANNIVERSARY.search(text)
    if anniversary:
        founded = time_words()["anniversaries"].get(anniversary.group("event"))
        if founded is not None:
            return founded + _cn_int(anniversary.group("n"))
    m = PLAN_YEAR_STATEMENT.search(text)
    if not m or m.group(1) not in plans:
        return None
    start = plans[m.group(1)]
    if m.group(2) == "收官之年":
        return start + 4
    if m.group(3):
        return start + _cn_int(m.group(3)) - 1
    return start


def article_dates(
    first_paragraph: str,
    meta_texts: list[str],
    year: int | None,
    year_inferred: bool,
    page_month: int | None,
    has_opener: bool = False,
) -> ArticleDates:
    """Resolve one item's date and event date.

    A publication line wins for the article date; the dateline day, when there is
    one, is the event date (the day figures without a time of their own hold at).
    An item dated only 近日, or opened (本报讯) with no date at all, is news of the
    page's issue: it takes the month of the page's dated items.
    """
    pub = publication_date(meta_texts)
    line = dateline(first_paragraph)
    if pub and _page_header_only(meta_texts):
        # A newspaper page's header date (浏阳日报 2023年11月20日 第03版) is the issue's;
        # an item with a dateline of its own is dated by it, a 近日 or undated 本报讯
        # item by the month of the page's dated items (SCHEMA.md), any other by the issue.
        if line:
            year = pub[0] - 1 if (line[0], line[1]) > (pub[1], pub[2]) else pub[0]
            iso = _iso(year, *line)
            return ArticleDates(year, iso, iso, False)
        if page_month and (RECENT.search(first_paragraph[:DATELINE_WINDOW]) or has_opener):
            year = pub[0] - 1 if page_month > pub[1] else pub[0]
            iso = _year_month(year, page_month)
            return ArticleDates(year, iso, iso, False)
    if pub:
        pub_iso = _iso(*pub)
        event = pub_iso
        if line:
            ev_year = pub[0] - 1 if (line[0], line[1]) > (pub[1], pub[2]) else pub[0]
            event = _iso(ev_year, *line)
        return ArticleDates(pub[0], pub_iso, event, False)
    if year is None:
        return ArticleDates(None, None, None, False)
    if line:
        iso = _iso(year, *line)
        return ArticleDates(year, iso, iso, year_inferred)
    lead = first_paragraph[:DATELINE_WINDOW]
    if (RECENT.search(lead) or has_opener) and page_month:
        iso = _year_month(year, page_month)
        return ArticleDates(year, iso, iso, True)
    # A month the lead names (11月的陇上大地…), a little further in: a headline or a
    # byline may come first.
    word = MONTH_WORD.search(first_paragraph[: 2 * DATELINE_WINDOW])
    if word:
        iso = _year_month(year, _cn_int(word.group("m")))
        return ArticleDates(year, iso, iso, True)
    if current_year_statement(first_paragraph):
        return ArticleDates(year, str(year), str(year), True)
    return ArticleDates(year, None, None, year_inferred)


def page_month(datelines: list[tuple[int, int]]) -> int | None:
    """The month of the page's dated items (an item dated only 近日 takes it)."""
    if not datelines:
        return None
    # (Counter(...).most_common(1) without building a Counter: the first month, in
    # order, of those named most often.)
    counts: dict[int, int] = {}
    for month, _ in datelines:
        counts[month] = counts.get(month, 0) + 1
    best, best_count = 0, 0
    for month, count in counts.items():
        if count > best_count:
            best, best_count = month, count
    return best


def _iso(year: int, month: int, day: int) -> str:
    return _zero_padded(year, 4) + "-" + _zero_padded(month, 2) + "-" + _zero_padded(day, 2)


def _year_month(year: int, month: int) -> str:
    return _zero_padded(year, 4) + "-" + _zero_padded(month, 2)


def _zero_padded(number: int, width: int) -> str:
    """f"{number:0{width}d}" (2 -> "02"). Compiled, str() and a concatenation cost
    less than format's generic call; what they do not cover (a negative number, one
    too short for a few zeros) goes to format."""
    text = str(number)
    if len(text) >= width:
        return text
    if number >= 0 and len(text) == width - 1:
        return "0" + text
    return format(number, f"0{width}d")


# --- a figure's period ---------------------------------------------------------------


def resolve_period(expr: TimeExpr, dates: ArticleDates) -> str | None:
    """Turn a time expression into a SCHEMA.md period, given the item's dates.

    >>> d = ArticleDates(2022, "2022-07-30", "2022-07-30", False)
    >>> resolve_period(find_time_expressions("截至6月底")[0], d)
    '2022-06-30'
    """
    year = expr.year if expr.year is not None else dates.year
    if expr.year is None and year is not None:
        year += expr.year_offset
    name = expr.name
    if year is not None and name in ("next_year", "last_year"):
        return str(year + 1 if name == "next_year" else year - 1)
    if name in ("until_now", "year_to_date"):
        return dates.article_date
    if name == "this_event":
        return dates.event_date
    if year is None:
        return None
    if name in ("until_year_end", "before_year_end"):
        return _zero_padded(year, 4) + "-12-31"
    if name == "until_month_end" and expr.month:
        return _iso(year, expr.month, _month_end(year, expr.month))
    if name in ("until_day", "full_date", "day_range", "month_day") and expr.month and expr.day:
        return _iso(year, expr.month, expr.day)
    if name == "quarter" and expr.quarter:
        return _zero_padded(year, 4) + "-Q" + str(expr.quarter)
    if name in ("month_range", "first_n_quarters", "half_year", "year_month", "month_only") and expr.month:
        return _year_month(year, expr.month)
    return str(year)


def _month_end(year: int, month: int) -> int:
    if month == 2:
        return 29 if (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 else 28
    return 30 if month in (4, 6, 9, 11) else 31
