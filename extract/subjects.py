"""Whom a figure is about: a named project, park or company, else the place of the news.

`总投资50亿元的哈工大机器人（郑州）智能装备科技园项目` -> the project after 的;
`新天智慧能源科技产业园项目总占地面积98亩` -> the project the sentence opens with;
`该项目…` -> the project of the previous sentence; else the district the item is about.
"""

from __future__ import annotations

import re
from collections import Counter

from extract.lexicon import cues, places

NAME_CHARS = r"[^\s的、,;:。“”!?《》]"
ENTITY_SUFFIX = r"(?:项目|产业园|科技园|产业基地|基地|园区|示范园|集团|公司|安置房|中心)"
AFTER_DE = re.compile(rf"^的?({NAME_CHARS}{{2,40}}{ENTITY_SUFFIX})")
SENTENCE_HEAD = re.compile(rf"(?:[^,;。]{{0,6}}?[,])?({NAME_CHARS}{{3,30}}?{ENTITY_SUFFIX})")
ANAPHOR = re.compile(r"^(?:[^,;。]{0,4}[,])?(?:该项目|项目|该园区|该公司|该基地)")
PLACE = re.compile(r"(?:[\u4e00-\u9fff]{2,3})?高新区|[\u4e00-\u9fff]{2,6}?(?:县|市|区|省|镇)")
PLACE_END = re.compile(r"[县市区省镇]")
COUNT_IN_NAME = re.compile(r"\d+(?:\.\d+)?[个家项宗套户]")
LEADING_NOISE = re.compile(
    r"^(?:其中|分别为|以及|及|和|据了解|据悉|截至|截止|目前|当前|今年|此外|另外|同时|在|位于|走进|来到|\d{4}年)+"
)
PROJECT = re.compile(rf"{NAME_CHARS}{{3,40}}?(?:项目|产业园|科技园|产业基地)")


def place_of(text: str) -> str:
    """The place an item is mostly about (郑州高新区 -> 高新区; 临颍县; 淮南市).

    Text that merely ends in 市/县/区/省 (拉动全市, 记者从区, 挂牌上市) is not a place:
    a candidate counts only through its longest tail that is a known place name
    (在商南县 -> 商南县). With none, the item's place is 本地.
    """
    counts: Counter[str] = Counter()
    known = places()
    # PLACE.finditer(text), trying only the starts a match can have: it ends in
    # 县/市/区/省/镇 (高新区 in 区) and starts two to six characters before that, so
    # only those starts are tried, left to right and resuming after each match as
    # finditer does. The regex scanning every character of the item was most of the
    # cost of this function (test_fast_paths checks the two agree).
    matches: list[str] = []
    start = 0  # the next start to try: past the last match and every failed start
    for end in PLACE_END.finditer(text):
        start = max(start, end.start() - 6)
        while start <= end.start() - 2:
            m = PLACE.match(text, start)
            if m:
                matches.append(m.group(0))
                start = m.end()
            else:
                start += 1
    for match in matches:
        name = place_name(match, known)
        if name is not None:
            counts[name] += 1
    if not counts:
        return "本地"
    return counts.most_common(1)[0][0]


def place_name(match: str, known: frozenset[str]) -> str | None:
    """The place a PLACE match names, or None when it only ends like one."""
    if match.endswith("高新区"):
        # 郑州高新区, 合肥高新区 -> 高新区 (the district of the news); a longer
        # prefix is kept only when it is a place (郑州市高新区).
        return match if len(match) > 5 and match[:-3] in known else "高新区"
    return next((match[i:] for i in range(len(match) - 2) if match[i:] in known), None)


def subject_of(sentence: str, quantity_end: int, previous: str | None, place: str) -> tuple[str, str | None]:
    """(subject of this figure, project to carry to the next sentence)."""
    m = AFTER_DE.match(sentence[quantity_end:])
    if m and _is_name(_clean(m.group(1))):
        return _clean(m.group(1)), previous
    # The project a sentence (or a ;-separated part of it) opens with.
    segment_start = sentence.rfind(";", 0, quantity_end) + 1
    head = SENTENCE_HEAD.match(sentence, segment_start)
    if head and head.end() <= quantity_end and _is_name(_clean(head.group(1))):
        name = _clean(head.group(1))
        return name, name
    if previous and ANAPHOR.match(sentence):
        return previous, previous
    return place, None


def _clean(name: str) -> str:
    name = re.split(r"以及|及|和", name)[0] if re.search(r"以及|及|和", name[2:]) else name
    return LEADING_NOISE.sub("", name)


def _is_name(name: str) -> bool:
    # A name holds no function words ("此次集中开工活动的项目" is a description) and
    # says more than its kind ("公司" alone is not a name).
    return len(name) >= 4 and not any(ch in name for ch in "的在是为了和与及") and not COUNT_IN_NAME.search(name)


def project_in(sentence: str) -> str | None:
    """A project a sentence without figures names, for the `该项目` of the next one."""
    if not any(w in sentence for w in ("项目", "园", "基地")):
        return None
    for m in PROJECT.finditer(sentence):
        name = _clean(m.group(0))
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
