"""The measured phrase next to a number, segmented with jieba and a domain dictionary.

`在孵企业人员数为22283人` -> 在孵企业人员数. jieba runs only on the few characters
before a number (regex first, jieba only near numbers), with HMM off so the result
depends on the dictionaries alone. The tokenizer is built once per process.
"""

from __future__ import annotations

import logging
import math
import re
from functools import cache
from typing import Final

import jieba

from extract.lexicon import data_path, indicator_meta

# How many words of the clause before a number make its measured phrase.
MAX_WORDS: Final = 4
MAX_CHARS: Final = 14
OWNER_ENDINGS: Final = ("项目", "公司", "集团", "基地", "高新区", "区", "县", "市", "省")
OWNER_END: Final = re.compile("(?:" + "|".join(OWNER_ENDINGS) + ")$")
CLAUSE_BREAK_CHARS: Final = (",", ";", ":", "、", "。", "!", "?")
CLAUSE_BREAK: Final = re.compile("[" + "".join(CLAUSE_BREAK_CHARS) + "]")
TIME_OR_NUMBER_CHARS: Final = ".年月日底季度上下半前后"  # and digits (\d)
TIME_OR_NUMBER: Final = re.compile(rf"[\d{TIME_OR_NUMBER_CHARS}]+")
# jieba.re_eng's class: single characters of these run together into one word.
ASCII_ALNUM: Final = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
# Words around the measure that are not part of it (verbs of reporting, qualifiers,
# places and time words that open a clause).
TRAILING: Final = {"共", "为", "达", "达到", "共", "共有", "共计", "合计", "约", "已", "已经", "是", "有", "了", "实现", "超", "超过",
                   "近", "逾", "分别", "均", "总计", "累计达", "高达"}
LEADING: Final = {"共", "其中", "全区", "全市", "全县", "全省", "我市", "我区", "我省", "我县", "目前", "截至", "截至目前", "同时",
                  "此外", "另外", "以及", "及", "和", "并", "在", "对", "从", "当年", "今年", "据悉", "据了解", "据介绍"}


@cache
def tokenizer() -> jieba.Tokenizer:
    """jieba with our user dictionary and every indicator keyword as a word."""
    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.load_userdict(_user_dictionary_lines())
    for meta in indicator_meta().values():
        for keyword in meta.keywords:
            if len(keyword) > 1:
                tok.add_word(keyword, freq=2000)
    return tok


# Segmenter.fragment's marks (a log-probability is never positive): a prefix of
# words that is no word itself, and neither a word nor a prefix of one. Final, so the
# compiled core inlines them (a module variable is looked up, and a float boxed, on
# every read).
NOT_A_WORD: Final = 1.0
NEITHER: Final = 2.0
NO_WORD_YET: Final = -math.inf  # the score of no segmentation


class _Fragment:
    """A fragment of text met at a step of the route: its mark (a word's log-probability,
    NOT_A_WORD or NEITHER) and, by their last character, the fragments one character
    longer met so far. Walking these from a character looks each longer fragment up
    by one character instead of by a new slice of the block (a copy, hashed anew on
    every lookup): the slices were most of the segmentation's cost."""

    def __init__(self, mark: float) -> None:
        self.mark = mark
        self.longer: dict[str, _Fragment] = {}


class Segmenter:
    """jieba's dictionary segmentation (`Tokenizer.lcut(text, HMM=False)`), word for word.

    The same maximum-probability route over the same dictionary, without jieba's
    per-call overhead (generators, an initialisation check, a log per candidate word):
    a word's log-probability is computed once per process. Phrases are a few
    characters long, so the overhead was most of the cost.
    """

    def __init__(self, tok: jieba.Tokenizer) -> None:
        tok.check_initialized()
        self.freq: dict[str, int] = tok.FREQ
        self.log_total = math.log(tok.total)
        self.log_prob: dict[str, float] = {}
        # Every fragment seen, as a trie from the empty one: its log-probability as a
        # word, NOT_A_WORD for a prefix of words that is no word itself, NEITHER for
        # neither; one lookup a step, classified once per fragment and process.
        self.fragments = _Fragment(NOT_A_WORD)
        # jieba's patterns of Chinese blocks and of whitespace, kept here: reading them
        # from the jieba module on every call costs a generic attribute lookup.
        self.re_han: re.Pattern[str] = jieba.re_han_default
        self.re_skip: re.Pattern[str] = jieba.re_skip_default

    def cut(self, text: str) -> list[str]:
        words: list[str] = []
        # Both patterns are one capturing group, so their split lists the text between
        # matches at even places and the matches at odd ones: the place says what jieba
        # learns by matching each piece again.
        for i, block in enumerate(self.re_han.split(text)):
            if not block:
                continue
            if i % 2:
                self._cut_block(block, words)
            else:
                for j, piece in enumerate(self.re_skip.split(block)):
                    if j % 2:
                        words.append(piece)
                    else:
                        words.extend(piece)
        return words

    def _cut_block(self, block: str, words: list[str]) -> None:
        root = self.fragments
        n = len(block)
        chars = list(block)  # each character made a string once, not once per fragment
        # score[k]: best log-probability of block[k:]; last[k]: end of its first word - 1.
        # Ties go to the longer word, as in jieba (its max over (score, end) tuples): the
        # candidates come in order of length, so an equal score replaces the best.
        score = [0.0] * (n + 1)
        last = list(range(n))
        for k in range(n - 1, -1, -1):
            best = NO_WORD_YET
            i = k
            node = root
            while True:
                # block[k : i + 1]: a word, a prefix of words only (its frequency 0), or
                # neither, which ends the words starting at k: freq says which, looked
                # up once per fragment and process.
                ch = chars[i]
                found = node.longer.get(ch)
                if found is None:
                    found = node.longer[ch] = _Fragment(self._classify(block[k : i + 1]))
                node = found
                lp = node.mark
                if lp == NEITHER:
                    break
                if lp != NOT_A_WORD:
                    candidate = lp + score[i + 1]
                    if candidate >= best:
                        best = candidate
                        last[k] = i
                i += 1
                if i == n:
                    break
            if best == NO_WORD_YET:
                best = self._log_prob(chars[k]) + score[k + 1]
            score[k] = best
        buf = ""
        x = 0
        while x < n:
            y = last[x] + 1
            word = block[x:y]
            if y - x == 1 and word in ASCII_ALNUM:  # jieba.re_eng, on one character
                buf += word
            else:
                if buf:
                    words.append(buf)
                    buf = ""
                words.append(word)
            x = y
        if buf:
            words.append(buf)

    def _classify(self, frag: str) -> float:
        f = self.freq.get(frag)
        if f is None:
            return NEITHER
        return self._log_prob(frag) if f else NOT_A_WORD

    def _log_prob(self, word: str) -> float:
        value = self.log_prob.get(word)
        if value is None:
            value = self.log_prob[word] = math.log(self.freq.get(word) or 1) - self.log_total
        return value


@cache
def segmenter() -> Segmenter:
    return Segmenter(tokenizer())


# segmenter(), held in a plain list for measured_phrase: compiled, reading it costs
# less than a call through the cache (a Python object), made for every figure.
_SEGMENTER: Final[list[Segmenter]] = []


def _segmenter() -> Segmenter:
    if not _SEGMENTER:
        _SEGMENTER.append(segmenter())
    return _SEGMENTER[0]


def _user_dictionary_lines() -> list[str]:
    with open(data_path("userdict.txt"), encoding="utf-8") as handle:
        return [line for line in handle if line.strip() and not line.startswith("#")]


def measured_phrase(before: str) -> str:
    """The words naming what the following number measures.

    >>> measured_phrase("其中,在孵企业人员数为")
    '在孵企业人员数'
    """
    # The clause is what follows the last CLAUSE_BREAK (CLAUSE_BREAK.split(before)[-1]).
    last_break = -1
    for mark in CLAUSE_BREAK_CHARS:
        last_break = max(last_break, before.rfind(mark))
    clause = before[last_break + 1 :]
    if not clause:
        return ""
    # Only the end of the clause names the measure; segmenting more costs time.
    words = [w for w in _segmenter().cut(clause[-(MAX_CHARS + 6) :]) if w.strip()]
    while words and words[-1] in TRAILING:
        words.pop()
    if len(words) > MAX_WORDS:
        words = words[-MAX_WORDS:]
    # The measure follows its owner: drop a leading project, company or place name.
    # (endswith is OWNER_END.search: no word holds a newline for its `$` to stop at.)
    for i in range(len(words) - 2, -1, -1):
        if words[i].endswith(OWNER_ENDINGS):
            words = words[i + 1 :]
            break
    while words and (words[0] in LEADING or words[0] == "的" or _is_time_or_number(words[0])):
        words.pop(0)
    # (A list, not a generator: a generator is an object with a frame, built per call.)
    phrase = "".join([w for w in words if w != "的"])[-MAX_CHARS:]
    if phrase.count("”") > phrase.count("“"):
        # Keep a quoted name whole: “三个一批”活动项目, not 一批”活动项目.
        opening = clause.rfind("“", 0, len(clause) - len(phrase) + phrase.index("”"))
        if opening >= 0:
            phrase = clause[opening:].rstrip("".join(TRAILING))
    return phrase


def _is_time_or_number(word: str) -> bool:
    """TIME_OR_NUMBER.fullmatch(word), character by character (\\d is isdecimal)."""
    if not word:
        return False
    for ch in word:
        if not (ch.isdecimal() or ch in TIME_OR_NUMBER_CHARS):
            return False
    return True
