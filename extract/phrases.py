"""The measured phrase next to a number, segmented with jieba and a domain dictionary.

`在孵企业人员数为22283人` -> 在孵企业人员数. jieba runs only on the few characters
before a number (regex first, jieba only near numbers), with HMM off so the result
depends on the dictionaries alone. The tokenizer is built once per process.
"""

from __future__ import annotations

import logging
import re
from functools import cache

import jieba

from extract.lexicon import data_path, indicator_meta

# How many words of the clause before a number make its measured phrase.
MAX_WORDS = 4
MAX_CHARS = 14
OWNER_END = re.compile(r"(?:项目|公司|集团|基地|高新区|[区县市省])$")
CLAUSE_BREAK = re.compile(r"[,;:、。!?]")
# Words around the measure that are not part of it (verbs of reporting, qualifiers,
# places and time words that open a clause).
TRAILING = {"共", "为", "达", "达到", "共", "共有", "共计", "合计", "约", "已", "已经", "是", "有", "了", "实现", "超", "超过",
            "近", "逾", "分别", "均", "总计", "累计达", "高达"}
LEADING = {"共", "其中", "全区", "全市", "全县", "全省", "我市", "我区", "我省", "我县", "目前", "截至", "截至目前", "同时",
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


def _user_dictionary_lines() -> list[str]:
    with open(data_path("userdict.txt"), encoding="utf-8") as handle:
        return [line for line in handle if line.strip() and not line.startswith("#")]


def measured_phrase(before: str) -> str:
    """The words naming what the following number measures.

    >>> measured_phrase("其中,在孵企业人员数为")
    '在孵企业人员数'
    """
    parts = CLAUSE_BREAK.split(before)
    clause = parts[-1] if parts else ""
    if not clause:
        return ""
    # Only the end of the clause names the measure; segmenting more costs time.
    words = [w for w in tokenizer().lcut(clause[-(MAX_CHARS + 6) :], HMM=False) if w.strip()]
    while words and words[-1] in TRAILING:
        words.pop()
    words = words[-MAX_WORDS:]
    # The measure follows its owner: drop a leading project, company or place name.
    owners = [i for i, w in enumerate(words[:-1]) if OWNER_END.search(w)]
    if owners:
        words = words[owners[-1] + 1 :]
    while words and (words[0] in LEADING or words[0] == "的" or _is_time_or_number(words[0])):
        words.pop(0)
    phrase = "".join(w for w in words if w != "的")[-MAX_CHARS:]
    if phrase.count("”") > phrase.count("“"):
        # Keep a quoted name whole: “三个一批”活动项目, not 一批”活动项目.
        opening = clause.rfind("“", 0, len(clause) - len(phrase) + phrase.index("”"))
        if opening >= 0:
            phrase = clause[opening:].rstrip("".join(TRAILING))
    return phrase


def _is_time_or_number(word: str) -> bool:
    return bool(re.fullmatch(r"[\d.年月日底季度上下半前后]+", word))
