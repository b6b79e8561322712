"""The one cached loader of the rule data in extract/data/ (units, cues, times, indicators).

Every rule the extractor applies comes from these files; code only decides how to use
them. Each loader is cached, so the YAML is parsed once per process.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any, Final

import yaml

DATA_PACKAGE = "extract.data"


def load_yaml(name: str) -> Any:
    """Parse one data file, e.g. load_yaml("units.yaml")."""
    return _load_yaml_cached(name)


@cache
def _load_yaml_cached(name: str) -> Any:
    text = resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def data_path(name: str) -> str:
    """Filesystem path of a data file (jieba wants a path for its user dictionary)."""
    return str(resources.files(DATA_PACKAGE).joinpath(name))


# --- units -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UnitInfo:
    unit: str  # as written, e.g. 万平方米
    unit_std: str  # CNY | m2 | mu | count | percent | rank
    factor: Decimal  # multiply the written value by this to get the standard value


@cache
def units() -> dict[str, UnitInfo]:
    """Every written unit, including 万/亿-prefixed counting words (万家, 万场次)."""
    data = load_yaml("units.yaml")
    table: dict[str, UnitInfo] = {}
    for group in ("money", "area", "land", "percent", "count", "rank"):
        spec = data[group]
        for unit, factor in spec["units"].items():
            table[unit] = UnitInfo(unit, spec["unit_std"], _decimal(factor))
    for prefix, factor in data["multipliers"].items():
        for unit, factor2 in data["count"]["units"].items():
            table.setdefault(prefix + unit, UnitInfo(prefix + unit, "count", _decimal(factor) * _decimal(factor2)))
    return table


def _decimal(x: Any) -> Decimal:
    return Decimal(str(x)).normalize()


@cache
def multipliers() -> dict[str, Decimal]:
    """万/亿 written between a number and its counting word -> factor."""
    return {prefix: _decimal(factor) for prefix, factor in load_yaml("units.yaml")["multipliers"].items()}


@cache
def bare_money() -> dict[str, Any]:
    """units.yaml's bare_money: {"units": {multiplier: money unit}, "money_words": [...],
    "may_follow": [...]}."""
    data: dict[str, Any] = load_yaml("units.yaml")["bare_money"]
    return data


@cache
def unit_pattern() -> str:
    """Alternation of all written units, longest first (万平方米 before 平方米)."""
    return "|".join(re.escape(u) for u in sorted(units(), key=len, reverse=True))


# --- qualifiers ----------------------------------------------------------------------


@cache
def qualifiers() -> dict[str, dict[str, str]]:
    """{"before": {...}, "inside": {...}, "after": {...}}: word -> qualifier."""
    data: dict[str, dict[str, str]] = load_yaml("qualifiers.yaml")
    return data


# --- cues ----------------------------------------------------------------------------


@cache
def cues() -> dict[str, Any]:
    data: dict[str, Any] = _frozen_word_lists(load_yaml("cues.yaml"))
    return data


class _WordList:
    """A word list of the rule data and its patterns (words_pattern), compiled on first
    use: `any` for has_word, `prefix` ("^") and `suffix` ("$")."""

    def __init__(self, words: tuple[str, ...]) -> None:
        self.words = words
        self.any: re.Pattern[str] | None = None
        self.prefix: re.Pattern[str] | None = None
        self.suffix: re.Pattern[str] | None = None


# Word lists of the rule data (cues.yaml, times.yaml) by identity, with the patterns
# has_word, starts_with_word and ends_with_word test them by: rules test word lists
# thousands of times per page, and looking a pattern up by the words (hashing the whole
# tuple on every call) cost twice the search itself. The lists are tuples, so they
# cannot change under their patterns, and cached for the process, so no id is reused.
_LEXICON_WORDS: Final[dict[int, _WordList]] = {}


def _frozen_word_lists(node: Any) -> Any:
    """The YAML tree with every list of words made a tuple known to _LEXICON_WORDS
    (other lists kept as lists)."""
    if isinstance(node, dict):
        return {key: _frozen_word_lists(value) for key, value in node.items()}
    if isinstance(node, list):
        if node and all(isinstance(item, str) for item in node):
            words = tuple(node)
            _LEXICON_WORDS[id(words)] = _WordList(words)
            return words
        return [_frozen_word_lists(item) for item in node]
    return node


@cache
def words_pattern(words: tuple[str, ...], anchor: str = "") -> re.Pattern[str]:
    """One compiled alternation of words, longest first; anchor "^" or "$" to test a
    prefix or suffix. Rules test word lists thousands of times per page, and one regex
    is far cheaper than a Python loop over the words."""
    body = alternation(words) or "(?!x)x"
    if anchor == "^":
        return re.compile(f"^(?:{body})")
    if anchor == "$":
        return re.compile(f"(?:{body})$")
    return re.compile(body)


def alternation(words: Sequence[str]) -> str:
    """A regex matching what `w1|w2|...` with the words longest first matches, with the
    same preference (at a position, the longest word first, then shorter ones on
    backtracking), written as a trie: 投资额|投资 -> 投资(?:额)?.

    re tries the branches of an alternation one by one at every position a match may
    start; a list of hundreds of words cost hundreds of tries there, the trie one
    try per distinct character.
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, Any]) -> str:
    # The children start with distinct characters, so at most one of them can match and
    # their order does not matter; a word ending here makes them optional, tried first
    # (greedy), so the longer words win as in the sorted alternation.
    branches = [re.escape(ch) + _trie_pattern(child) for ch, child in node.items() if ch]
    if not branches:
        return ""
    if "" in node:
        return "(?:" + "|".join(branches) + ")?"
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def pattern_of(words: Sequence[str], anchor: str = "") -> re.Pattern[str]:
    """words_pattern(tuple(words), anchor), kept with the words when they are a lexicon's."""
    known = _LEXICON_WORDS.get(id(words))
    if known is None or known.words is not words:
        return words_pattern(tuple(words), anchor)
    # (The patterns sit in attributes of a compiled class: cheaper than a dict by anchor.)
    if anchor == "":
        found = known.any
        if found is None:
            found = known.any = words_pattern(known.words, anchor)
    elif anchor == "^":
        found = known.prefix
        if found is None:
            found = known.prefix = words_pattern(known.words, anchor)
    elif anchor == "$":
        found = known.suffix
        if found is None:
            found = known.suffix = words_pattern(known.words, anchor)
    else:
        found = words_pattern(known.words, anchor)
    return found


def has_word(text: str, words: Sequence[str]) -> bool:
    """Does `text` contain any of `words`?"""
    return pattern_of(words).search(text) is not None


def ends_with_word(text: str, words: Sequence[str]) -> bool:
    return pattern_of(words, "$").search(text) is not None


def starts_with_word(text: str, words: Sequence[str]) -> bool:
    return pattern_of(words, "^").match(text) is not None


# --- time expressions ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TimePattern:
    name: str
    kind: str  # point | cumulative | year | event
    regex: re.Pattern[str]


@cache
def time_patterns() -> tuple[TimePattern, ...]:
    data = load_yaml("times.yaml")
    return tuple(
        TimePattern(e["name"], e["kind"], re.compile(e["pattern"])) for e in data["expressions"]
    )


@cache
def time_screen() -> re.Pattern[str]:
    """All time patterns in one alternation (groups unnamed): finds where a time
    expression may start, so sentences without one cost a single scan."""
    parts = [re.sub(r"\(\?P<\w+>", "(?:", p.regex.pattern) for p in time_patterns()]
    start = time_words()["start_chars"]
    return re.compile(f"(?=[{start}])(?:" + "|".join(f"(?:{p})" for p in parts) + ")")


@cache
def time_words() -> dict[str, Any]:
    data: dict[str, Any] = _frozen_word_lists(load_yaml("times.yaml"))
    return data


@cache
def places() -> frozenset[str]:
    """Known place names (places.txt): 淮南市, 临颍县, 湖北省 ..."""
    with open(data_path("places.txt"), encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle if line.strip() and not line.startswith("#"))


# --- indicators ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IndicatorMeta:
    name: str  # Chinese title, the key
    unit: str  # display unit, e.g. 亿元
    unit_std: tuple[str, ...]  # unit classes this indicator is measured in
    topic: str  # default topic (context cues may override)
    kind: str  # stock | flow | rate | rank | plan
    description: str  # one line, for the glossary
    keywords: tuple[str, ...]  # phrases that find it next to a number
    status: str | None  # fixed status, or None when cue words decide
    status_default: str  # status when no cue word decides
    generic: bool  # the fallback indicator of its unit class


@cache
def indicator_meta() -> dict[str, IndicatorMeta]:
    """All indicators by name, in file order."""
    table: dict[str, IndicatorMeta] = {}
    for entry in load_yaml("indicators.yaml"):
        unit_std = entry["unit_std"]
        meta = IndicatorMeta(
            name=entry["name"],
            unit=entry["unit"],
            unit_std=tuple(unit_std) if isinstance(unit_std, list) else (unit_std,),
            topic=entry["topic"],
            kind=entry["kind"],
            description=entry["description"],
            keywords=tuple(entry.get("keywords", [])),
            status=entry.get("status"),
            status_default=entry.get("status_default", entry.get("status") or "actual"),
            generic=bool(entry.get("generic", False)),
        )
        table[meta.name] = meta
    return table


@cache
def generic_indicator(unit_std: str) -> str:
    """The fallback indicator of a unit class (其他金额, 其他计数 ...)."""
    for meta in indicator_meta().values():
        if meta.generic and unit_std in meta.unit_std:
            return meta.name
    raise KeyError(f"no generic indicator for unit class {unit_std}")


@cache
def keyword_lookup(unit_std: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """Keywords of a unit class as one regex over REVERSED text: its first match is the
    keyword ending last in the original, longest first (Chinese phrases are
    head-final, so that keyword names what is measured)."""
    pairs = keyword_index(unit_std)
    if not pairs:
        return re.compile(r"(?!x)x"), {}
    reversed_words = [kw[::-1] for kw, _ in pairs]
    return re.compile(alternation(reversed_words)), dict(pairs)


@cache
def keyword_index(unit_std: str) -> tuple[tuple[str, str], ...]:
    """(keyword, indicator) pairs for one unit class, longest keyword first."""
    pairs = [
        (kw, meta.name)
        for meta in indicator_meta().values()
        if unit_std in meta.unit_std
        for kw in meta.keywords
    ]
    return tuple(sorted(pairs, key=lambda p: len(p[0]), reverse=True))
