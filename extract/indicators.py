"""What a number measures: indicator, topic and status, from the words around it.

Stage two (resolve): the measured phrase is the clause text before the number and the
noun right after its unit (Chinese noun phrases are head-final: `21家主板上市公司`
counts 公司; `孵化器的收入为29304.6万元` measures 收入). Keywords and cue words come
from extract/data/indicators.yaml and cues.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final, NamedTuple

from extract.lexicon import (
    IndicatorMeta,
    cues,
    generic_indicator,
    has_word,
    indicator_meta,
    keyword_lookup,
    pattern_of,
    words_pattern,
)

# Counting words whose unit alone says what is counted (套 of housing, 宗 of land ...).
SELF_DESCRIBING_UNITS: Final = ("套", "户", "宗", "幢", "栋", "人次", "场次", "批", "台")
SHARE_OF_PLAN_TAIL: Final = re.compile(r"[^,;。]*的")
# A deadline between an intent word and its verb (力争到2025年累计建成, 力争今年底前完成,
# 确保6月底前交付).
DEADLINE: Final = re.compile(r"(?:到|至|在|于)?(?:(?:(?:19|20)\d{2}年|今年|明年|年)(?:底|末)?|\d{1,2}月(?:底|末))前?")
# 完成全年目标任务的45.7%: at most this many characters (任务的) between a plan word
# and the 的 before a share name the plan, not what the share is.
PLAN_NOUN_TAIL: Final = 3
DEADLINE_ROOM: Final = 10  # characters a deadline may add between a plan word and its cue
TRIM_TAIL_WORDS = ("为", "达", "达到", "共", "共有", "共计", "合计", "约", "已", "实现", "是", "有")
PHRASE_TRIM_TAIL: Final = re.compile("(?:" + "|".join(TRIM_TAIL_WORDS) + ")+$")
TRIM_TAIL_LAST_CHARS: Final = frozenset(w[-1] for w in TRIM_TAIL_WORDS) | {"\n"}


class IndicatorMatch(NamedTuple):
    name: str  # canonical indicator
    keyword: str  # the keyword that found it ("" for the generic fallback)
    in_noun: bool  # found in the noun after the unit rather than the phrase before
    start: int  # position of the keyword in the text it was found in (-1: from the unit, or none)

    @property
    def from_words(self) -> bool:
        """Found by a word of the sentence, not by the unit alone or the fallback."""
        return bool(self.keyword) and self.start >= 0


def match_indicator(before: str, noun: str, unit: str, unit_std: str) -> IndicatorMatch:
    """The indicator a number measures.

    >>> match_indicator("高新区孵化器的", "", "万元", "CNY").name
    '其他金额'
    >>> match_indicator("其中,在孵企业人员数为", "", "人", "count").name
    '从业人员数'
    """
    if unit_std == "rank":
        return IndicatorMatch("排名", "", False, -1)
    # (PHRASE_TRIM_TAIL tries every start of `before`: only a phrase ending with the
    # end of one of its words, or a newline `$` may pass, can lose a tail.)
    trimmed = PHRASE_TRIM_TAIL.sub("", before) if before[-1:] in TRIM_TAIL_LAST_CHARS else before
    adjacent = _last_keyword(trimmed, unit_std)
    if adjacent and adjacent[2] + len(adjacent[0]) == len(trimmed) and trimmed:
        return IndicatorMatch(adjacent[1], adjacent[0], False, adjacent[2])
    # The noun after the unit names what is counted (21家主板上市公司); a rate only
    # when the noun follows it directly (90%交付率).
    in_noun = _last_keyword(noun, unit_std) if noun and unit_std in ("count", "m2", "percent") else None
    if in_noun and (unit_std != "percent" or in_noun[2] == 0):
        return IndicatorMatch(in_noun[1], in_noun[0], True, in_noun[2])
    found = adjacent if trimmed is before else _last_keyword(before, unit_std)
    if found:
        return IndicatorMatch(found[1], found[0], False, found[2])
    names = _keywords(unit_std)[1]
    for word in (unit, unit[-1]):  # 套, 户, 栋: the counting word alone
        if unit_std == "count" and word in names:
            return IndicatorMatch(names[word], word, False, -1)
    return IndicatorMatch(generic_indicator(unit_std), "", False, -1)


# keyword_lookup by unit class, in a plain dict: looking it up costs less than a call
# through the cache of keyword_lookup, and _last_keyword runs for every figure.
_KEYWORDS: Final[dict[str, tuple[re.Pattern[str], dict[str, str]]]] = {}


def _keywords(unit_std: str) -> tuple[re.Pattern[str], dict[str, str]]:
    found = _KEYWORDS.get(unit_std)
    if found is None:
        found = _KEYWORDS[unit_std] = keyword_lookup(unit_std)
    return found


def _last_keyword(text: str, unit_std: str) -> tuple[str, str, int] | None:
    """The keyword ending last in `text` (the head of the phrase); longer wins a tie.
    Returns (keyword, indicator, start)."""
    if not text:
        return None
    pattern, names = _keywords(unit_std)
    m = pattern.search(text[::-1])
    if m is None:
        return None
    keyword = m.group(0)[::-1]
    return keyword, names[keyword], len(text) - m.end()


def _named_indicator(phrase: str) -> IndicatorMeta | None:
    """The money or count indicator a rate's phrase names (增加值 in 规上工业增加值同比
    增长), if any."""
    for unit_std in ("CNY", "count"):
        found = _last_keyword(phrase, unit_std)
        if found:
            meta = indicator_meta()[found[1]]
            return None if meta.generic else meta
    return None


def is_economic_count(match: IndicatorMatch, unit: str) -> bool:
    """A count is a fact only when what it counts is economic (or its unit says so)."""
    if unit.lstrip("万亿") in SELF_DESCRIBING_UNITS:
        return True
    return bool(match.keyword) and not indicator_meta()[match.name].generic


def _has(text: str, words: Sequence[str]) -> bool:
    """Does `text` hold a topic cue word, outside names that only hold one (创业板)?"""
    if not has_word(text, words):
        return False
    blockers = cues()["topic"]["not_cues"]
    return not has_word(text, blockers) or has_word(pattern_of(blockers).sub("", text), words)


class _TopicCues:
    """cues.yaml's topic lists compiled once, by name: decide_topic tests several of
    them for every figure (through has_word, each test first looks its pattern up)."""

    def __init__(self) -> None:
        topic_cues = cues()["topic"]
        self.patterns: dict[str, re.Pattern[str]] = {
            key: pattern_of(words) for key, words in topic_cues.items() if isinstance(words, tuple)
        }
        self.blockers = pattern_of(topic_cues["not_cues"])

    def has(self, text: str, key: str) -> bool:
        """_has(text, cues()["topic"][key])."""
        words = self.patterns[key]
        if words.search(text) is None:
            return False
        return self.blockers.search(text) is None or words.search(self.blockers.sub("", text)) is not None


# (Held in a list rather than behind functools.cache: compiled, a call of the plain
# function is a direct call; a call of the cache wrapper goes through a Python object,
# and the status and topic rules are read several times for every figure.)
_TOPIC_CUES: Final[list[_TopicCues]] = []


def _topic_cues() -> _TopicCues:
    if not _TOPIC_CUES:
        _TOPIC_CUES.append(_TopicCues())
    return _TOPIC_CUES[0]


def decide_topic(
    unit_std: str,
    meta: IndicatorMeta,
    local: str,
    head: str,
    context: str,
    previous_topic: str | None,
    paragraph_topic: str | None = None,
) -> str:
    """Topic from cue words: the measured phrase first (`local`), then the sentence's
    head (`head`: its text before the first figure), then its context and subject.

    Order follows SCHEMA.md: incubator and maker-space figures (money too) are
    innovation; funds, capital, assets and tax are finance; housing units, areas and
    land are housing but their money stays investment.
    """
    return decide_figure_topic(
        unit_std, meta, local, SentenceHead(head), context, len(context), "", previous_topic, paragraph_topic
    )


def decide_figure_topic(
    unit_std: str,
    meta: IndicatorMeta,
    local: str,
    head: SentenceHead,
    sentence: str,
    figure_start: int,
    subject: str,
    previous_topic: str | None,
    paragraph_topic: str | None,
) -> str:
    """decide_topic for a figure of a sentence, with the sentence's head shared by its
    figures (its cue tests are made once), and its context being
    `sentence[:figure_start] + subject`: few figures get as far as reading it, so it is
    built only when read."""
    rules = _topic_cues()
    if unit_std == "rank":
        return "ranking"
    if unit_std == "CNY":
        if rules.has(local, "innovation_over_finance"):
            return "innovation"
        if rules.has(local, "finance"):
            return "finance"
        if rules.has(local, "innovation") or head.has_topic("innovation"):
            return "innovation"
        if meta.topic in ("finance", "innovation"):
            return meta.topic
        if meta.generic and (head.has_topic("finance") or previous_topic == "finance"):
            # 发放贷款1.5万笔,金额23.6亿元: money naming nothing itself is the loans'.
            return "finance"
        if rules.has(local, "enterprises") and meta.name in ("产值", "增加值", "收入", "净利润", "其他金额"):
            return "enterprises"
        return "investment" if meta.topic in ("investment", "housing", "parks") else meta.topic
    if unit_std == "percent":
        if rules.has(local, "innovation_over_finance"):
            return "innovation"  # an incubator's rate (孵化器入驻率), as its money is
        # A rate describes the indicator it is (研发经费投入强度达到6.8%) or names (规上工业
        # 增加值增长10.3%), else the figure before it in the sentence (总投资…,增长32.89%).
        # A share names its whole (占规上工业总产值的50.1%) and describes the figure before.
        if not meta.generic and meta.topic != "investment":
            return meta.topic
        named = None if "占" in local else _named_indicator(local)
        if named is not None:
            return named.topic
        if previous_topic and previous_topic != "ranking":
            return previous_topic  # (a rate after a rank describes no place: 增速分别达到67.5%)
        if rules.has(local, "investment_over_housing"):
            return "investment"
        for topic in ("innovation", "housing", "enterprises"):
            if rules.has(local, topic):
                return topic
        context = sentence[:figure_start] + subject
        for topic in ("housing", "enterprises"):
            if rules.has(context, topic):
                return topic
        return meta.topic
    if rules.has(local, "innovation") or head.has_topic("innovation"):
        return "innovation"
    for topic in ("finance", "housing"):
        if rules.has(local, topic):
            return topic
    if unit_std in ("m2", "mu") and previous_topic == "parks":
        # 运营园区十二个,占地面积约1260亩,总建筑面积86.4万平方米: the areas after a count of
        # parks are the parks' (SCHEMA.md: an operator's portfolio of parks and their areas).
        return "parks"
    # The counted head noun (项目 in 各出资企业开、复工项目) outranks its modifiers.
    if not meta.generic and meta.topic != "investment":
        return meta.topic
    for topic in ("enterprises", "parks"):
        if rules.has(local, topic) and meta.generic:
            return topic
    if rules.has(sentence[:figure_start] + subject, "housing") or paragraph_topic == "housing":
        return "housing"
    return meta.topic


class _StatusCues:
    """cues.yaml's status lists, read once: decide_status reads them several times for
    every figure, and a lookup through cues() costs more than the test it feeds."""

    def __init__(self) -> None:
        status_cues = cues()["status"]
        self.plan: Sequence[str] = status_cues["plan"]
        self.not_cues: Sequence[str] = status_cues["not_cues"]
        self.done_markers: Sequence[str] = status_cues["done_markers"]
        self.clause_intent: Sequence[str] = status_cues["clause_intent"]
        self.intent: Sequence[str] = status_cues["intent"]
        self.conditional_plan: Sequence[str] = status_cues["conditional_plan"]
        self.plan_nouns: Sequence[str] = status_cues["plan_nouns"]
        self.plan_after: tuple[str, ...] = tuple(status_cues["plan_after"])
        self.completed_after: Sequence[str] = status_cues["completed_after"]
        self.window: int = status_cues["plan_prefix_window"]
        # Every cue word reversed, in one alternation: its first match in the reversed
        # text is the cue ending last in the text.
        self.reversed_cues = words_pattern(
            tuple(w[::-1] for w in status_cues["plan"] + status_cues["actual"] + status_cues["not_cues"])
        )
        self.reversed_not_cues = frozenset(w[::-1] for w in status_cues["not_cues"])
        self.won_not_planned = re.compile(status_cues["actual_despite_plan_word"])


_STATUS_CUES: Final[list[_StatusCues]] = []  # (as _TOPIC_CUES)


def _status_cues() -> _StatusCues:
    if not _STATUS_CUES:
        _STATUS_CUES.append(_StatusCues())
    return _STATUS_CUES[0]


def _last_cue(text: str) -> tuple[int, int] | None:
    """[start, end) in `text` of the cue word ending last, past words that only hold
    one (需求, 规划局)."""
    rules = _status_cues()
    reversed_text = text[::-1]
    blockers = rules.reversed_not_cues
    m = rules.reversed_cues.search(reversed_text)
    while m is not None and m.group(0) in blockers:
        m = rules.reversed_cues.search(reversed_text, m.end())
    if m is None:
        return None
    return len(text) - m.end(), len(text) - m.start()


def _cue_status(before: str) -> str | None:
    """The status the nearest cue word before a figure gives it, or None without one."""
    found = _cue(before, _last_cue(before))
    return found[0] if found else None


def _share_of_plan(before: str, word_start: int, word_end: int) -> bool:
    """占年度计划投资28.4亿元的109.9%: a share of the plan the figure names."""
    return "占" in before[max(0, word_start - 4) : word_start] and SHARE_OF_PLAN_TAIL.fullmatch(before, word_end) is not None


def _cue(before: str, found: tuple[int, int] | None) -> tuple[str, str] | None:
    """(status, the cue word's own status) of the nearest cue before a figure (`found`,
    _last_cue(before)): they differ for 占年度计划的 (plan word, actual) and 力争完成
    (actual word, plan)."""
    if found is None:
        return None
    rules = _status_cues()
    plan_words = rules.plan
    word = before[found[0] : found[1]]
    end = found[1]
    own = "plan" if word in plan_words else "actual"
    status = own
    named_plan = before[end : end + 1] == "的" or (before.endswith("的") and len(before) - end <= PLAN_NOUN_TAIL)
    if status == "plan" and (named_plan or _share_of_plan(before, end - len(word), end)):
        # 占年度计划的58.3%, 占年度计划投资28.4亿元的109.9%, 完成目标的85%: the plan is
        # named, not what the figure is.
        status = "actual"
    if status == "plan" and rules.won_not_planned.match(before, end - len(word)):
        status = "actual"
    if status == "actual" and word not in rules.done_markers:
        # What is done is a target after a condition of the future in the sentence (达产后
        # 可年产…50万套,实现年产值30亿元) or a word of intent earlier in the cue's clause
        # (力争上半年重点项目完成投资占年度计划的55%以上, 预计全年…收入完成72.6亿元).
        cue_start = end - len(word)
        clause_start = max(before.rfind(",", 0, cue_start), before.rfind(";", 0, cue_start), before.rfind(":", 0, cue_start)) + 1
        if _after_condition(before[:cue_start]) or has_word(before[clause_start:cue_start], rules.clause_intent):
            return "plan", own
    if status == "actual" and own == "actual":
        window = rules.window
        # A deadline between the plan word and the cue does not count (力争到2025年累计建成).
        lead = _without_deadlines(before[max(0, end - len(word) - window - DEADLINE_ROOM) : end - len(word)])
        if has_word(lead[-window:], plan_words) and not has_word(lead[-window:], rules.done_markers):
            status = "plan"
    return status, own


def _without_deadlines(text: str) -> str:
    """DEADLINE.sub("", text); every deadline names a 年 or a 月, so text without them
    needs no regex."""
    return DEADLINE.sub("", text) if "年" in text or "月" in text else text


def _after_condition(before: str) -> bool:
    """A condition of the future (达产后, 建成后) comes before, and no word saying the
    thing is done (已) after it."""
    rules = _status_cues()
    conditions = [m.end() for m in pattern_of(rules.conditional_plan).finditer(before)]
    return bool(conditions) and not has_word(before[conditions[-1] :], rules.done_markers)


def _targeted_action(before: str) -> bool:
    """A word of intent in the figure's clause, alone (力争年底前棚改开工率达到100%) or
    leading an actual cue (力争全年完成, 确保实现): what the figure is done by is a target."""
    clause = before[before.rfind(",") + 1 :]
    found = _last_cue(clause)
    if found is None:
        return False
    rules = _status_cues()
    intent = rules.intent
    cue_start, cue_end = found
    if clause[cue_start:cue_end] in intent:
        return True
    if clause[cue_start:cue_end] not in rules.done_markers and has_word(clause[:cue_start], rules.clause_intent):
        return True  # 确保重点项目年度投资完成率达到110%
    window = rules.window
    lead = _without_deadlines(clause[max(0, cue_start - window - DEADLINE_ROOM) : cue_start])
    return _cue(clause, found) == ("plan", "actual") and has_word(lead[-window:], intent)


def decide_status(
    meta: IndicatorMeta,
    before_in_sentence: str,
    after_in_clause: str,
    rest_of_sentence: str,
    sentence_head: str = "",
    plan_section: bool = False,
) -> str:
    """Plan or actual: fixed by the indicator, else a plan word right after the figure,
    else the nearest cue word before the figure in its part of the sentence (an actual
    cue right after a plan word stays plan: 需实现), else a plan cue in the sentence's
    head, before its first figure (2024年,将…力争…;新签约项目55个以上), else a target
    noun right after it (`200亿元年度目标`), else the indicator's default.

    `before_in_sentence` is the figure's part of the sentence (after the last ;) up to
    it; `sentence_head` the sentence up to its first figure; `plan_section` says the
    figure stands in a section headed as a plan.
    """
    return decide_figure_status(
        meta, before_in_sentence, after_in_clause, rest_of_sentence, 0, SentenceHead(sentence_head), plan_section
    )


class SentenceHead:
    """A sentence's head (its text before its first figure) and the status its cue
    gives, worked out once for the sentence's figures, when one first needs it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._known = False
        self._status: str | None = None
        self._topics: dict[str, bool] = {}  # topic cue list -> does the head hold one

    def has_topic(self, key: str) -> bool:
        """_TopicCues.has(self.text, key), tested once per sentence."""
        found = self._topics.get(key)
        if found is None:
            found = self._topics[key] = _topic_cues().has(self.text, key)
        return found

    def status(self) -> str | None:
        """The head's cue status (None without a cue, or when its cue is a plan noun)."""
        if not self._known:
            self._status, self._known = _head_status(self.text), True
        return self._status


def _head_status(sentence_head: str) -> str | None:
    head_cue = _last_cue(sentence_head)
    # (A noun of a plan, 承担…任务5200户, names a target; what follows reports on it.)
    if head_cue is not None and sentence_head[head_cue[0] : head_cue[1]] in _status_cues().plan_nouns:
        return None
    head_found = _cue(sentence_head, head_cue)
    return head_found[0] if head_found else None


def decide_figure_status(
    meta: IndicatorMeta,
    before_in_sentence: str,
    after_in_clause: str,
    sentence: str,
    figure_end: int,
    head: SentenceHead,
    plan_section: bool,
) -> str:
    """decide_status for one figure of a sentence, with the sentence's head shared by
    its figures, and the rest of the sentence as `sentence[figure_end:]` (sliced only
    when read)."""
    if meta.status == "actual" and _targeted_action(before_in_sentence):
        return "plan"  # 力争全年完成固定资产投资200亿元: a target of done investment
    if meta.status:
        return meta.status
    rules = _status_cues()
    if after_in_clause.find("目标", 0, 6) >= 0 or after_in_clause.startswith("任务"):  # ("目标" in [:6], unsliced)
        return "plan"
    if after_in_clause.startswith(rules.plan_after):
        # 已交付首批420套,剩余560套计划于9月底前交付: the plan word right after the
        # figure speaks of it; a cue before it may speak of another figure.
        return "plan"
    status = _cue_status(before_in_sentence)
    if status is not None:
        return status
    head_status = head.status()
    if head_status == "plan" or (plan_section and head_status is None):
        # Parts of a sentence joined by ; share its lead verb (2024年,将…力争…;新签约…),
        # and the sentences of a plan section its heading's (二、…主要预期目标).
        return "plan"
    if meta.status_default == "plan" and _has(sentence[figure_end:], rules.completed_after):
        return "actual"
    return meta.status_default
