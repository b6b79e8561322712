"""Whom a figure is about: a named project, park or company, else the place of the news.

`总投资50亿元的哈工大机器人（郑州）智能装备科技园项目` -> the project after 的;
`新天智慧能源科技产业园项目总占地面积98亩` -> the project the sentence opens with;
`该项目…` -> the project of the previous sentence; else the district the item is about.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from extract.lexicon import cues, places

NAME_CHARS = r"[^\s的、,;:。“”!?《》]"
ENTITY_SUFFIX = r"(?:项目|产业园|科技园|产业基地|基地|园区|示范园|集团|公司|安置房|中心)"
AFTER_DE: Final = re.compile(rf"^的?({NAME_CHARS}{{2,40}}{ENTITY_SUFFIX})")
SENTENCE_HEAD: Final = re.compile(rf"(?:[^,;。]{{0,6}}?[,])?({NAME_CHARS}{{3,30}}?{ENTITY_SUFFIX})")
# AFTER_DE at a position of the sentence (match(sentence, pos) rather than a slice).
_AFTER_DE_AT: Final = re.compile(AFTER_DE.pattern.removeprefix("^"))
JOINER: Final = re.compile(r"以及|及|和")
FUNCTION_WORD: Final = re.compile(r"[的在是为了和与及]")
ENTITY_END: Final = re.compile(ENTITY_SUFFIX)
# SENTENCE_HEAD's longest match: 6 characters and a comma, a 30-character name, and
# its longest suffix (产业基地).
SENTENCE_HEAD_MAX: Final = 6 + 1 + 30 + 4
ANAPHOR: Final = re.compile(r"^(?:[^,;。]{0,4}[,])?(?:该项目|项目|该园区|该公司|该基地)")
PLACE: Final = re.compile(r"(?:[\u4e00-\u9fff]{2,3})?高新区|[\u4e00-\u9fff]{2,6}?(?:县|市|区|省|镇)")
PLACE_END_CHARS: Final = ("县", "市", "区", "省", "镇")
PLACE_END: Final = re.compile("[" + "".join(PLACE_END_CHARS) + "]")
HAN_FIRST: Final = "\u4e00"  # PLACE's range of Chinese characters
HAN_LAST: Final = "\u9fff"
COUNT_IN_NAME: Final = re.compile(r"\d+(?:\.\d+)?[个家项宗套户]")
LEADING_NOISE: Final = re.compile(
    r"^(?:其中|分别为|以及|及|和|据了解|据悉|截至|截止|目前|当前|今年|此外|另外|同时|在|位于|走进|来到|\d{4}年)+"
)
PROJECT_MIN_NAME: Final = 3
PROJECT_MAX_NAME: Final = 40
PROJECT_SUFFIXES = r"(?:项目|产业园|科技园|产业基地)"
PROJECT: Final = re.compile(rf"{NAME_CHARS}{{{PROJECT_MIN_NAME},{PROJECT_MAX_NAME}}}?{PROJECT_SUFFIXES}")
# project_in's pieces of PROJECT: its suffixes, and what NAME_CHARS excludes.
PROJECT_SUFFIX: Final = re.compile(PROJECT_SUFFIXES)
NAME_BREAK: Final = re.compile("[" + NAME_CHARS.removeprefix("[^"))
# Up to the last NAME_BREAK of a span: its end is where the run of NAME_CHARS before
# the span's end starts (one call rather than a Match object for every break).
UP_TO_LAST_BREAK: Final = re.compile("(?s:.*)" + NAME_BREAK.pattern)


def place_of(text: str) -> str:
    """The place an item is mostly about (郑州高新区 -> 高新区; 临颍县; 淮南市).

    Text that merely ends in 市/县/区/省 (拉动全市, 记者从区, 挂牌上市) is not a place:
    a candidate counts only through its longest tail that is a known place name
    (在商南县 -> 商南县). With none, the item's place is 本地.
    """
    # Counts by name in order of first sight: the first of the most named wins a tie,
    # as Counter.most_common's does (a plain dict is cheaper than a Counter compiled).
    counts: dict[str, int] = {}
    known = places()
    tails = _place_tails()
    # PLACE.finditer(text), trying only the starts a match can have: it ends in
    # 县/市/区/省/镇 (高新区 in 区) and starts two to six characters before that, so
    # only those starts are tried, left to right and resuming after each match as
    # finditer does. The regex scanning every character of the item was most of the
    # cost of this function (test_fast_paths checks the two agree).
    start = 0  # the next start to try: past the last match and every failed start
    for end in _place_ends(text):
        start = max(start, end - 6)
        while start <= end - 2:
            # (Either alternative of PLACE opens with a Chinese character: a start on
            # anything else fails without a call of the regex.)
            if not HAN_FIRST <= text[start] <= HAN_LAST:
                start += 1
                continue
            m = PLACE.match(text, start)
            if m:
                found = m.group(0)
                # (Most matches only end like a place, 拉动全市: no known name ends
                # with their last three characters, and place_name need not try
                # each of their tails.)
                if found[-3:] in tails or found.endswith("高新区"):
                    name = place_name(found, known)
                    if name is not None:
                        counts[name] = counts.get(name, 0) + 1
                start = m.end()
            else:
                start += 1
    best = "本地"
    most = 0
    for name, count in counts.items():
        if count > most:
            best, most = name, count
    return best


def _place_ends(text: str) -> list[int]:
    """Where PLACE_END matches in `text`, in order: str.find for each of its characters
    costs a fraction of the regex's scan of every character."""
    ends: list[int] = []
    for end_char in PLACE_END_CHARS:
        i = text.find(end_char)
        while i >= 0:
            ends.append(i)
            i = text.find(end_char, i + 1)
    ends.sort()
    return ends


@cache
def _place_tails() -> frozenset[str]:
    """The last three characters of every known place name: place_name returns only
    tails of three characters or more, so a match ending otherwise names no place."""
    return frozenset(name[-3:] for name in places())


def place_name(match: str, known: frozenset[str]) -> str | None:
    """The place a PLACE match names, or None when it only ends like one."""
    if match.endswith("高新区"):
        # 郑州高新区, 合肥高新区 -> 高新区 (the district of the news); a longer
        # prefix is kept only when it is a place (郑州市高新区).
        return match if len(match) > 5 and match[:-3] in known else "高新区"
    # Its longest tail of three characters or more that is a known place name.
    for i in range(len(match) - 2):
        if match[i:] in known:
            return match[i:]
    return None


def subject_of(sentence: str, quantity_end: int, previous: str | None, place: str) -> tuple[str, str | None]:
    """(subject of this figure, project to carry to the next sentence)."""
    kind, name = figure_subject(sentence, quantity_end)
    if kind == NAMED_AFTER:
        return name, previous
    if kind == OPENING:
        return name, name
    if kind == ANAPHOR_FOUND and previous:
        return previous, previous
    return place, None


# What figure_subject finds for a figure: subject_of's cases.
NAMED_AFTER: Final = 0  # a name right after it (…的X项目): the project carried stays
OPENING: Final = 1  # the project its sentence (or ;-part) opens with, carried on
ANAPHOR_FOUND: Final = 2  # 该项目…: the project carried from before, if there is one
NOT_FOUND: Final = 3  # none: the place, and no project carried on


def figure_subject(sentence: str, quantity_end: int) -> tuple[int, str]:
    """subject_of without the project carried from before: (case, name), the name
    when the case is NAMED_AFTER or OPENING. The pipeline finds the carried project
    only for ANAPHOR_FOUND, the one case that reads it."""
    m = _AFTER_DE_AT.match(sentence, quantity_end)
    if m:
        name = _clean(m.group(1))
        if _is_name(name):
            return NAMED_AFTER, name
    # The project a sentence (or a ;-separated part of it) opens with.
    segment_start = sentence.rfind(";", 0, quantity_end) + 1
    # (A head that counts ends with an entity's suffix before the figure, and within
    # SENTENCE_HEAD_MAX characters: without one there, SENTENCE_HEAD need not run.)
    suffix_end = min(quantity_end, segment_start + SENTENCE_HEAD_MAX)
    head = SENTENCE_HEAD.match(sentence, segment_start) if ENTITY_END.search(sentence, segment_start, suffix_end) else None
    if head and head.end() <= quantity_end:
        name = _clean(head.group(1))
        if _is_name(name):
            return OPENING, name
    if ANAPHOR.match(sentence):
        return ANAPHOR_FOUND, ""
    return NOT_FOUND, ""


def _clean(name: str) -> str:
    # Cut at the first 以及/及/和 when one stands past the first two characters.
    if name.find("及", 2) >= 0 or name.find("和", 2) >= 0:
        joiner = JOINER.search(name)
        if joiner is not None:
            name = name[: joiner.start()]
    # (LEADING_NOISE is anchored: its one match, if any, opens the name.)
    noise = LEADING_NOISE.match(name)
    return name[noise.end() :] if noise else name


def _is_name(name: str) -> bool:
    # A name holds no function words ("此次集中开工活动的项目" is a description) and
    # says more than its kind ("公司" alone is not a name).
    return len(name) >= 4 and FUNCTION_WORD.search(name) is None and not COUNT_IN_NAME.search(name)


def project_in(sentence: str) -> str | None:
    """A project a sentence without figures names, for the `该项目` of the next one."""
    if "项目" not in sentence and "园" not in sentence and "基地" not in sentence:
        return None
    # PROJECT.finditer(sentence), from where its suffixes stand: the regex tried up to
    # 40 lengths at every start, most of this function's cost. A match ends in a
    # suffix at p and starts at the first s >= (the end of the last match, p - 40, the
    # start of p's run of NAME_CHARS) with s <= p - 3; each bound grows with p, so the
    # first suffix that leaves room gives finditer's next match, ending at that
    # suffix (the lazy quantifier's shortest). The suffixes cannot overlap, so
    # PROJECT_SUFFIX.finditer sees them all.
    resume = 0  # where finditer resumes: the end of the last match
    for suffix in PROJECT_SUFFIX.finditer(sentence):
        p = suffix.start()
        start = max(resume, p - PROJECT_MAX_NAME)
        if start > p - PROJECT_MIN_NAME:
            continue
        last_break = UP_TO_LAST_BREAK.match(sentence, start, p)
        if last_break is not None:
            start = last_break.end()  # (only a break after `start` moves the run's start)
        if start > p - PROJECT_MIN_NAME:
            continue
        resume = suffix.end()
        name = _clean(sentence[start:resume])
        if len(name) >= 4 and _is_name(name):
            return name
    return None


def carrier_subject(head: str, keyword: str, place: str) -> str | None:
    """`高新区孵化器的收入为…`: the carrier the sentence opens with owns its figures,
    unless the figure counts the carriers themselves (keyword 孵化器)."""
    carriers: tuple[str, ...] = cues()["subject"]["carriers"]
    found = [(head.find(c), c) for c in carriers if c in head]
    if not found or any(keyword.endswith(c) for c in carriers):
        return None
    return place + min(found)[1]
