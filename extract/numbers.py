"""Quantities: numbers with their unit and qualifier, and the rules that drop non-facts.

Stage one of two (find spans; `extract.pipeline` resolves them into facts). A span is
a number (Arabic or Chinese numerals, converted with cn2an), an optional 万/亿
multiplier, a unit from units.yaml, and qualifier words around it (约, 超, 余, 以上).
Dates, ordinals, thresholds (`10亿元以上的项目`), ranking pools (`在169家国家高新区
中`), numbers inside names and slogans (`“三个一批”`, `2+4+3`) and counts of
political or administrative things (`3个巡察组`) are dropped here.

A range (`3-5亿元`) is its lower bound, qualified at_least.

TODO: forms not yet handled: fractions (`三分之一`), multiples (`增长1.5倍`), foreign
currencies (`亿美元`): the schema's unit classes have no place for them yet.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from typing import Final, NamedTuple

import cn2an

from extract.lexicon import (
    UnitInfo,
    bare_money,
    multipliers,
    cues,
    ends_with_word,
    pattern_of,
    qualifiers,
    unit_pattern,
    units,
    words_pattern,
)

ARABIC: Final = r"\d+(?:,\d{3})*(?:\.\d+)?"
# Chinese numerals, with 万/亿 inside when digits follow them (一万二千 = 12000; a
# trailing 万/亿 is the multiplier group of the quantity regex: 三万家), and decimals
# after 点 (四十八点六).
CHINESE: Final = r"[零〇一二两三四五六七八九十百千]+(?:[万亿][零〇一二两三四五六七八九十百千]+)*(?:点[零〇一二三四五六七八九]+)?"
CHINESE_DIGITS: Final = set("零〇一二两三四五六七八九十百千")


class Quantity(NamedTuple):
    start: int  # span in the sentence text: number (with qualifier words) .. unit
    end: int
    num_start: int  # where the number itself starts
    value: Decimal
    value_text: str
    unit: str
    unit_std: str
    value_std: Decimal
    qualifier: str
    chinese_numeral: bool
    is_rank_change: bool = False
    upper: Quantity | None = None  # a range's upper bound (15亿—18亿元: 18亿元, at most)


def _number_group(after_first: str = "") -> str:
    """(?P<num>…): an Arabic number or a Chinese numeral, written to open with one
    character class, so that re skips from one digit or numeral to the next (a pattern
    opening with a look-ahead or an alternation of groups is tried at every character).
    The class takes the first character; a look-behind at it then picks the Arabic or
    the Chinese rest: (?>ARABIC)|CHINESE, the same matches. `after_first`: a zero-width
    test placed right after the first character.

    (The Arabic number is atomic, (?>…): no unit, 万/亿 or 余/多 starts with a digit, a
    comma or a point, so giving back digits could never let a unit match; re would try
    the whole unit alternation once per digit given back, as it does in every year.)"""
    # ARABIC and CHINESE open with \d+ and [零〇…]+: the class takes one of these.
    numerals = CHINESE[: CHINESE.index("]") + 1]
    assert ARABIC.startswith("\\d+") and CHINESE.startswith(numerals + "+")
    arabic_rest = "\\d*" + ARABIC[3:]
    chinese_rest = numerals + "*" + CHINESE[len(numerals) + 1 :]
    return rf"(?P<num>[\d{numerals[1:]}{after_first}(?:(?<=\d)(?>{arabic_rest})|(?<!\d){chinese_rest}))"


@cache
def _quantity_regex() -> re.Pattern[str]:
    inside = "|".join(qualifiers()["inside"])
    return re.compile(rf"{_number_group()}(?P<mult>万|亿)?(?P<inside>{inside})?(?P<unit>{_unit_alternation()})")


@cache
def _unit_alternation() -> str:
    """unit_pattern() with the units grouped by their first character (万(?:平方米|元|…)|
    亿(?:…)|…): re tries the alternatives one by one, and most of them can be skipped
    at once. Within a group, longer units still come first, so the longest unit wins
    as in unit_pattern()."""
    groups: dict[str, list[str]] = {}
    for unit in sorted(units(), key=len, reverse=True):
        groups.setdefault(unit[0], []).append(unit[1:])
    return "|".join(
        re.escape(first) + "(?:" + "|".join(re.escape(rest) for rest in rests) + ")" for first, rests in groups.items()
    )


NOUN_RUN: Final = re.compile(r"[\u4e00-\u9fffA-Za-z()（）“”]{1,12}")
# Where a counted noun stops: a verb or preposition starts the predicate.
NOUN_STOP: Final = re.compile(r"[为在被是将已需从对向把由均都也即正进通入获报,;。:!?]")
# How far into the noun after a count a political or administrative word may sit
# (12个区直部门党组织).
COUNTED_NOUN_WINDOW: Final = 8
# What closes a ranking's pool (…7家国家高新区中居第二, …评价中, …综合排名中); not the 中
# inside a word (集中开工).
POOL_TAIL: Final = re.compile(r"中(?![\u4e00-\u9fff])|中(?=[排位居列名])|评价|排名|排序")
# After a count, the pool's noun and then the place in it (16个区第3位, 7家中列第2).
POOL_BEFORE_PLACE: Final = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:\([^()]{1,8}\))?中?(?:排名|位列|列|居)?(?:第[\d一二三四五六七八九十]|首位)")
# The amounts listed before a figure (奖励100万元、50万元): the second is the grant's too.
LISTED_AMOUNTS: Final = re.compile(r"(?:\d[\d.]*[万亿]?元[、和及])+$")
CLAUSE_END: Final = re.compile(r"[,;。]")
# What opens a clause (_clause_start; a ranking's head stops at , ; 。 only) and a quote.
# (Tuples: a compiled loop over a str would build a string per character.)
CLAUSE_MARKS: Final = (",", ";", "。", ":")
SENTENCE_CLAUSE_MARKS: Final = (",", ";", "。")
QUOTE_MARKS: Final = ("“", "\"")
RANGE_MARK: Final = re.compile(r"[-—–~～至到]")
# What may stand right before a range's upper bound (the end of _range_lower; and a
# newline, which `$` matches before).
RANGE_MARKS: Final = frozenset("-—–~～至到\n")
# What joins a figure to the next one in _coordinated_next (3.3个和1.8个百分点).
COORDINATION_MARKS: Final = "、和及与"
# A bound joined by 或 to another (用地3亩以上或年营业收入500万元以上的企业): a category's.
OR_AFTER_BOUND: Final = re.compile(r"(?:及?以上|及?以下)?或")
PERCENT_WORDS: Final = re.compile(r"百分之百|百分百|百分之(?P<num>" + ARABIC + "|" + CHINESE + ")")
RANK_ORDINAL: Final = re.compile(rf"第(?P<num>{ARABIC}|[一二三四五六七八九十百]+)(?P<unit>位|名)?")
RANK_FIRST: Final = re.compile(r"首位")
# What a text with a place in a ranking holds (find_ranks tests 第, 位 and 名 with `in`,
# which finds what this finds; tests/test_fast_paths_numbers.py checks it).
RANK_HINT: Final = re.compile(r"第|首位|位|名")
# A later place in a list after a rank (分列第8位、36位; 分列第二、三、四位). (The mark is
# taken, not looked behind at, for re to skip to it: the place starts at group num.)
RANK_LIST_ITEM: Final = re.compile(rf"[、和及](?P<num>{ARABIC}|[一二三四五六七八九十]{{1,3}})(?P<unit>位|名)?(?=[、和及,。;)]|$)")


def parse_number(text: str) -> Decimal:
    """Arabic or Chinese numerals -> Decimal, exact to the written digits.

    >>> parse_number("1,260.33"), parse_number("四"), parse_number("两")
    (Decimal('1260.33'), Decimal('4'), Decimal('2'))
    """
    if text[0].isdigit():
        return Decimal(text.replace(",", ""))
    value = _chinese_number(text)
    if value is None:
        raise ValueError(f"not a number: {text}")
    return value


# cn2an costs tens of microseconds a call, and the same few numerals (三, 十, 两) come
# back on every page: remember them (a numeral word, not a text, is the key).
@lru_cache(maxsize=4096)
def _chinese_number(text: str) -> Decimal | None:
    if text[0] in "百千":
        text = "一" + text  # 近千家, 逾百亿元: a bare 百/千 is one hundred/thousand
    try:
        return Decimal(str(cn2an.cn2an(text, "smart")))
    except (ValueError, KeyError, InvalidOperation):
        return None


class _Words:
    """A word list of the data files compiled once (lexicon.words_pattern), for the hot
    rules here: has_word and its kin search a slice of the text (a copy), and a suffix
    test scans all its text where only the tail can end with a word. (A plain class, not
    a NamedTuple: compiled, its methods are called directly.)"""

    def __init__(self, words: tuple[str, ...]) -> None:
        self.any = words_pattern(words)
        self.suffix = words_pattern(words, "$")
        self.longest = max(map(len, words), default=0)
        self.first_chars = frozenset(w[0] for w in words)  # (what the words open with)
        # What a text ending with one of the words ends with (or "\n": see ends).
        self.last_chars = frozenset(w[-1] for w in words) | {"\n"}

    def within(self, text: str, start: int, end: int) -> bool:
        """has_word(text[start:end])."""
        return self.any.search(text, start, end) is not None

    def starts(self, text: str, pos: int, end: int) -> bool:
        """starts_with_word(text[pos:end])."""
        if pos >= end or pos >= len(text) or text[pos] not in self.first_chars:
            return False  # (most texts: no word opens here; the words are not empty)
        return self.any.match(text, pos, end) is not None

    def ends(self, text: str, end: int) -> bool:
        """ends_with_word(text[:end]); one character more than the longest word, since
        `$` also matches before a final newline."""
        if end < 1 or text[end - 1] not in self.last_chars:
            return False  # (most texts: no word can end here)
        return self.suffix.search(text, max(0, end - self.longest - 1), end) is not None


@cache
def _words(words: tuple[str, ...]) -> _Words:
    return _Words(words)


@cache
def _nonfact_words() -> dict[str, _Words]:
    """cues.yaml's nonfact lists, compiled (plus the ranking context)."""
    lists = dict(cues()["nonfact"])
    lists["policy_grant_or_rate"] = lists["policy_grant"] + lists["policy_rate_after"]
    lists["counted_longer"] = list(_longer_words(tuple(lists["counted"])))
    lists["ranking_context"] = cues()["ranking"]["context"]
    return {key: _words(tuple(words)) for key, words in lists.items() if isinstance(words, (list, tuple))}


class _Nonfact:
    """_nonfact_words()'s lists that non_fact_reason reads for every quantity, as
    fields: compiled, a field is read directly, where each words["…"] is a dict lookup
    (several per quantity)."""

    def __init__(self, words: dict[str, _Words]) -> None:
        self.before = words["before"]
        self.criteria = words["criteria"]
        self.policy_grant_or_rate = words["policy_grant_or_rate"]
        self.each_item = words["each_item"]
        self.service_rates = words["service_rates"]
        self.context = words["context"]
        self.context_after = words["context_after"]
        self.per_unit = words["per_unit"]
        self.non_economic_clause = words["non_economic_clause"]
        self.ranking_context = words["ranking_context"]
        self.counted = words["counted"]
        self.counted_longer = words["counted_longer"]
        # The words of context, per_unit and non_economic_clause in one list: what
        # non_fact_reason searches once before the text, where most numbers have none
        # of them (each of those three searches a part of text[:num_start]).
        lists = cues()["nonfact"]
        self.before_number = _words(
            tuple(lists["context"]) + tuple(lists["per_unit"]) + tuple(lists["non_economic_clause"])
        )


@cache
def _nonfact() -> _Nonfact:
    return _Nonfact(_nonfact_words())


@cache
def _qualifier_words(where: str) -> tuple[dict[str, str], _Words]:
    """qualifiers.yaml's table for "before" / "after" a number, and its words compiled."""
    table = qualifiers()[where]
    return table, _words(tuple(table))


def _qualifier_before(text: str, pos: int, rules: _Rules | None = None) -> tuple[str, int]:
    """Qualifier word ending right before `pos`, and where it starts."""
    if rules is None:
        rules = _rules()
    words = rules.before_words
    if pos < 1 or text[pos - 1] not in words.last_chars:
        return "exact", pos  # (most numbers: no qualifier word can end here)
    m = words.suffix.search(text, max(0, pos - 4), pos)
    if m:
        qualifier = rules.before_table[m.group(0)]
        if qualifier != "exact":
            return qualifier, m.start()
    return "exact", pos


def _qualifier_after(text: str, pos: int, rules: _Rules | None = None) -> tuple[str, int]:
    if rules is None:
        rules = _rules()
    words = rules.after_words
    if pos >= len(text) or text[pos] not in words.first_chars:
        return "exact", pos  # (most numbers: no qualifier word opens here)
    m = words.any.match(text, pos, pos + 4)
    if m:
        return rules.after_table[m.group(0)], m.end()
    return "exact", pos


# How many numerals _Rules remembers the values of before it starts afresh.
VALUE_MEMO_SIZE: Final = 4096


class _Rules:
    """What find_quantities and _make read for every number, looked up once: each
    cached loader (units(), qualifiers(), …) is a call through a Python object, and
    a field of this class is read directly (compiled). It also remembers the values
    of numerals: the same few (2023, 10, 三) come back on every page, and Decimal's
    parse, product and normalize cost several times a dict lookup (a numeral word,
    not a text, is the key; cleared when it holds VALUE_MEMO_SIZE numerals)."""

    def __init__(self) -> None:
        self.quantity_regex = _quantity_regex()
        self.units = units()
        self.percent = self.units["%"]
        self.multipliers = multipliers()
        self.inside = qualifiers()["inside"]
        self.before_table, self.before_words = _qualifier_words("before")
        self.after_table, self.after_words = _qualifier_words("after")
        self.values: dict[str, Decimal] = {}  # numeral -> parse_number(numeral)
        self.not_numbers: set[str] = set()  # numerals parse_number rejects
        # factor -> numeral -> (parse_number(numeral) * factor).normalize()
        self.scaled: dict[Decimal, dict[str, Decimal]] = {}

    def value(self, num_text: str) -> Decimal | None:
        """parse_number(num_text), or None where it raises ValueError."""
        value = self.values.get(num_text)
        if value is not None:
            return value
        if num_text in self.not_numbers:
            return None
        try:
            value = parse_number(num_text)
        except ValueError:
            if len(self.not_numbers) >= VALUE_MEMO_SIZE:
                self.not_numbers.clear()
            self.not_numbers.add(num_text)
            return None
        if len(self.values) >= VALUE_MEMO_SIZE:
            self.values.clear()
            self.scaled.clear()
        self.values[num_text] = value
        return value

    def scale(self, num_text: str, value: Decimal, factor: Decimal) -> Decimal:
        """(value * factor).normalize(), `value` being parse_number(num_text)."""
        by_numeral = self.scaled.get(factor)
        if by_numeral is None:
            by_numeral = self.scaled[factor] = {}
        scaled = by_numeral.get(num_text)
        if scaled is None:
            scaled = by_numeral[num_text] = (value * factor).normalize()
        return scaled


@cache
def _rules() -> _Rules:
    return _Rules()


def _make(
    text: str,
    num_start: int,
    num_text: str,
    unit: UnitInfo,
    written_unit: str,
    end: int,
    inside: str | None,
    rules: _Rules | None = None,
) -> Quantity | None:
    if rules is None:
        rules = _rules()
    value = rules.value(num_text)
    if value is None:
        return None
    qualifier, start = _qualifier_before(text, num_start, rules)
    after_q, end_q = _qualifier_after(text, end, rules)
    if inside:
        qualifier = rules.inside[inside]
    elif after_q != "exact":
        qualifier = after_q
    if after_q != "exact":
        end = end_q
    return _quantity(
        start, end, num_start, value, num_text, written_unit, unit.unit_std, rules.scale(num_text, value, unit.factor),
        qualifier, not num_text[0].isdigit(), False, None,
    )


def _quantity(
    start: int,
    end: int,
    num_start: int,
    value: Decimal,
    value_text: str,
    unit: str,
    unit_std: str,
    value_std: Decimal,
    qualifier: str,
    chinese_numeral: bool,
    is_rank_change: bool,
    upper: Quantity | None,
) -> Quantity:
    """Quantity(...) with every field given, built by tuple.__new__: the same tuple,
    but NamedTuple's own __new__ is a Python function binding its twelve arguments
    one by one, three times the cost of this one call in C."""
    return tuple.__new__(
        Quantity,
        (start, end, num_start, value, value_text, unit, unit_std, value_std, qualifier, chinese_numeral, is_rank_change, upper),
    )


def find_quantities(text: str) -> list[Quantity]:
    """Every number with a unit in a sentence, before any fact/non-fact filtering.

    >>> [(q.value, q.unit, q.qualifier) for q in find_quantities("总投资约66亿元")]
    [(Decimal('66'), '亿元', 'approx')]
    """
    rules = _rules()
    table = rules.units
    out: list[Quantity] = []
    for m in rules.quantity_regex.finditer(text):
        # (Groups by number, all at once: num, mult, inside, unit.)
        num, mult, inside, unit = m.groups()
        end = m.end()
        if unit == "个" and not mult and text.startswith("亿", end):
            continue  # 10个亿: money (find_bare_money), not ten things
        written = mult + unit if mult else unit
        if end < len(text) and text[end] in COORDINATION_MARKS:
            longer = _shared_unit(text, end, written)
            if longer:
                written = longer  # 3.3个和1.8个百分点: the first is 个百分点 too
        info = table.get(written)
        num_start = m.start(1)
        if unit == "名" and not _ranked(text, num_start):
            # 聘请创业导师412名, 1.2万名: outside a ranking, 名 counts people.
            info = UnitInfo(written, "count", rules.multipliers[mult] if mult else Decimal(1))
        if info is None:
            continue
        if info.unit_std == "rank":
            continue  # ranks are found by find_ranks, with their context
        q = _make(text, num_start, num, info, written, end, inside, rules)
        if q is None:
            continue
        if info.unit_std == "percent" and _minus_before(text, num_start):
            q = _negated(q)
            num_start -= 1  # (where the number starts now: at its sign)
        # (Only a range mark right before the number can make it a range's upper bound.)
        if num_start > 0 and text[num_start - 1] in RANGE_MARKS:
            q = _as_range(text, q, info) or q
        out.append(q)
    if "百分" in text:
        for m in PERCENT_WORDS.finditer(text):
            num = m.group("num") or "100"
            q = _make(text, m.start(), num, rules.percent, "%", m.end(), None, rules)
            if q is not None:
                out.append(q)
    if "万" in text or "亿" in text:
        bare = find_bare_money(text)
        if bare:  # (rare: the set of numbers taken is built only then)
            taken = {q.num_start for q in out}
            out.extend(q for q in bare if q.num_start not in taken)
    return out


@cache
def _bare_money_regex() -> re.Pattern[str]:
    # (Not after a digit or a point: (?<![\d.].), tested after the number's first
    # character so that the pattern opens with _number_group's class.)
    not_after_a_number = r"(?<![\d.].)"
    return re.compile(rf"{_number_group(not_after_a_number)}(?P<ge>个)?{_bare_money_tail()}")


@cache
def _bare_money_tail() -> str:
    """What ends a bare amount: its 万/亿, a qualifier word, and no unit after them."""
    spec = bare_money()
    mults = "".join(spec["units"])
    may_follow = "".join(spec["may_follow"])
    inside = "|".join(qualifiers()["inside"])
    return rf"(?P<mult>[{mults}])(?P<inside>{inside})?(?![\dA-Za-z%]|[\u4e00-\u9fff](?<![{may_follow}]))"


@cache
def _bare_money_screen() -> re.Pattern[str]:
    """The tail of _bare_money_regex alone: every bare amount ends with it, and it is
    rare (5000万元, 一万二千: a unit or a numeral follows the 万 of most texts). It opens
    with 万/亿, which re skips to, where _bare_money_regex is tried at every digit and
    numeral. (The tail's look-behind reads only the character its look-ahead took, so
    the screen matches wherever a bare amount's tail does, whatever precedes it.)"""
    return re.compile(_bare_money_tail())


def find_bare_money(text: str) -> list[Quantity]:
    """Money written without 元 (`投资10个亿`, `融资5000万`): a bare 万/亿 after a money
    word of its clause is yuan.

    >>> [(q.value, q.unit, q.value_std) for q in find_bare_money("项目总投资10个亿,融资5000万")]
    [(Decimal('10'), '亿元', Decimal('1E+9')), (Decimal('5000'), '万元', Decimal('5E+7'))]
    """
    if _bare_money_screen().search(text) is None:
        return []  # (most texts with 万/亿: 5000万元, 三万家; no bare amount)
    money_units: dict[str, str] = bare_money()["units"]
    rules = _rules()
    out: list[Quantity] = []
    for m in _bare_money_regex().finditer(text):
        num, ge, mult, inside = m.groups()
        if ge and mult != "亿":
            continue  # 三个万: not a way money is written
        start = m.start()
        if not _money_word().search(text, _clause_start(text, start), start):
            continue
        written = money_units[mult]
        q = _make(text, start, num, rules.units[written], written, m.end(), inside, rules)
        if q is not None:
            out.append(q)
    return out


@cache
def _money_word() -> re.Pattern[str]:
    """A money word of bare_money, not the start of a person's noun (投资者, 投资人)."""
    spec = bare_money()
    words = "|".join(re.escape(w) for w in sorted(spec["money_words"], key=len, reverse=True))
    return re.compile(f"(?:{words})(?![{''.join(spec['not_followed_by'])}])")


def _shared_unit(text: str, end: int, unit: str) -> str | None:
    """`3.3个和1.8个百分点`: the longer unit of the figure coordinated right after this
    one, when this one's unit is the start of it (the writer left the rest out)."""
    m = _coordinated_next().match(text, end)
    if m and m.group("unit").startswith(unit) and len(m.group("unit")) > len(unit):
        return m.group("unit")
    return None


@cache
def _coordinated_next() -> re.Pattern[str]:
    return re.compile(rf"[{COORDINATION_MARKS}](?:{ARABIC})(?P<unit>{unit_pattern()})")


def _ranked(text: str, num_start: int) -> bool:
    """A 名 in a ranking (前100名, 第3名, 排名…5名), not a count of people."""
    if text[max(0, num_start - 1) : num_start] in ("第", "前"):
        return True
    # (The ranking word comes before the place: 居全省前列…第5名; 1.2万名群众…入住新居
    # counts people.)
    return _nonfact().ranking_context.within(text, _clause_start(text, num_start), num_start)


@cache
def _threshold_of() -> re.Pattern[str]:
    """What a bound qualifies when it is a category's threshold: 以上的项目, 以下企业, 的标准."""
    nouns = "|".join(re.escape(w) for w in cues()["nonfact"]["threshold_of"])
    return re.compile(rf"(?:以上|以下)?的?[\u4e00-\u9fff]{{0,6}}?(?:{nouns})")


def _minus_before(text: str, pos: int) -> bool:
    """`增长-2.5%`: a minus sign after a word (not after a digit: 3-5% is a range, and
    not inside a code: A-3%)."""
    if pos < 1 or text[pos - 1] != "-":
        return False
    return pos == 1 or "\u4e00" <= text[pos - 2] <= "\u9fff" or text[pos - 2] in ":(,"


def _negated(q: Quantity) -> Quantity:
    sign_at = q.num_start - 1
    return q._replace(
        start=min(q.start, sign_at), num_start=sign_at, value=-q.value, value_text="-" + q.value_text, value_std=-q.value_std
    )


@cache
def _range_lower() -> re.Pattern[str]:
    # The lower bound of a range, ending right before the upper bound: 3-, 3亿至, 5亿元至.
    return re.compile(rf"(?<![\d.])(?P<num>{ARABIC})(?P<mult>万|亿)?(?P<unit>{unit_pattern()})?[-—–~～至到]$")


def _as_range(text: str, q: Quantity, info: UnitInfo) -> Quantity | None:
    """`3-5亿元`, `3亿至5亿元`, `5亿元至10亿元`: a range is its lower bound, at least,
    carrying its upper bound, at most (two facts); 1-8月 has no unit and never gets here."""
    m = _range_lower().search(text, max(0, q.num_start - 24), q.num_start)
    if not m or (m.group("unit") and (m.group("mult") or "") + m.group("unit") != q.unit):
        return None
    try:
        lower = parse_number(m.group("num"))
    except ValueError:
        return None
    # 3-5亿元 and 3亿至5亿元 alike: the lower bound takes the upper bound's unit.
    factor = info.factor
    if lower >= q.value:
        return None
    start = m.start()
    qualifier, start = _qualifier_before(text, start)
    return Quantity(
        start=start,
        end=q.end,
        num_start=m.start(),
        value=lower,
        value_text=text[m.start() : q.num_start] + q.value_text,
        unit=q.unit,
        unit_std=q.unit_std,
        value_std=(lower * factor).normalize(),
        qualifier="at_least",
        chinese_numeral=q.chinese_numeral,
        upper=q._replace(qualifier="at_most"),
    )


def find_ranks(text: str) -> list[Quantity]:
    """Places in a ranking (`排名第21位`, `位居全国第五、西北第一`, `居全省首位`) and
    changes of place (`上升2位、4位、17位`), only where the clause speaks of ranking."""
    # (RANK_HINT.search(text), by str's search: 首位 holds 位.)
    ordinal = "第" in text
    place_word = "位" in text or "名" in text
    if not (ordinal or place_word):
        return []
    context = _nonfact().ranking_context
    rules = _rules()
    out: list[Quantity] = []
    info = rules.units["位"]
    # (RANK_ORDINAL and RANK_FIRST scanned only where the text holds the word they open
    # with: most sentences have neither.)
    for m in RANK_ORDINAL.finditer(text) if ordinal else ():
        num, unit = m.groups()
        end = m.end()
        if not unit:
            after = text[end : end + 1]
            if after and after not in "、,。;)":
                continue  # 第一家, 第四轮, 第一梯队: ordinals, not places
            if not _in_clause(context, text, m.start()):
                continue
        q = _make(text, m.start(1), num, info, "位", end, None, rules)
        if q is not None:
            out.append(q)
    for m in RANK_FIRST.finditer(text) if "首位" in text else ():
        if _in_clause(context, text, m.start()):
            out.append(
                Quantity(m.start(), m.end(), m.start(), Decimal(1), "首", "位", "rank", Decimal(1), "exact", True)
            )
    # (提升9个位次 is a change of 9 places: gold writes its unit 位.)
    # (A change of place ends with 位, 名 or 个位次.)
    for m in _rank_change().finditer(text) if place_word else ():
        q = _make(text, m.start("num"), m.group("num"), info, m.group("unit").removeprefix("个").removesuffix("次"), m.end(), None, rules)
        if q is not None:
            out.append(_as_change(q))
    if not out:
        return out  # (a list item only follows a place found above)
    taken = {q.num_start for q in out}
    for m in RANK_LIST_ITEM.finditer(text):
        place = m.start("num")
        if place in taken:
            continue
        prev = [q for q in out if q.end <= place and "," not in text[q.end : place]]
        if prev:
            q = _make(text, m.start("num"), m.group("num"), info, m.group("unit") or "位", m.end(), None, rules)
            if q is not None:
                out.append(_as_change(q) if prev[-1].is_rank_change else q)
    return sorted(out, key=lambda q: q.start)


@cache
def _rank_change() -> re.Pattern[str]:
    change = "|".join(cues()["ranking"]["change"])
    return re.compile(rf"(?:{change})了?(?P<num>{ARABIC}|[一二三四五六七八九十]+)(?P<unit>位|名|个位次)")


def _in_clause(words: _Words, text: str, pos: int) -> bool:
    """Is one of `words` in the clause holding `pos` (_clause_start.._clause_end)?"""
    return words.within(text, _clause_start(text, pos), _clause_end(text, pos))


def _as_change(q: Quantity) -> Quantity:
    return _quantity(
        q.start, q.end, q.num_start, q.value, q.value_text, q.unit, q.unit_std, q.value_std,
        q.qualifier, q.chinese_numeral, True, None,
    )


def _clause_start(text: str, pos: int) -> int:
    """Where the clause holding `pos` starts (after the last , ; 。 : before it)."""
    return _last_of(text, CLAUSE_MARKS, pos) + 1


def _last_of(text: str, marks: tuple[str, ...], pos: int) -> int:
    """max(text.rfind(mark, 0, pos) for mark in marks): each later search looks only
    after the last mark found, and no tuple of boxed ints is built (compiled)."""
    last = -1
    for mark in marks:
        found = text.rfind(mark, last + 1, pos)
        if found > last:
            last = found
    return last


def _clause_end(text: str, pos: int) -> int:
    """Where the clause holding `pos` ends (at the first , ; 。 from `pos`): what
    CLAUSE_END.search finds, by str.find (no call into re, no match object)."""
    first = len(text)
    for mark in SENTENCE_CLAUSE_MARKS:
        found = text.find(mark, pos, first)  # (each later search stops at the first found)
        if found >= 0:
            first = found
    return first


# --- non-facts -----------------------------------------------------------------------


def noun_after(text: str) -> str:
    """The counted noun after a unit, up to its predicate: `企业通过证监会…` -> 企业."""
    return noun_at(text, 0)


def noun_at(text: str, pos: int) -> str:
    """noun_after(text[pos:]), without copying the rest of the sentence."""
    m = NOUN_RUN.match(text, pos)
    if not m:
        return ""
    # (Bounds in `text` narrowed first, and the noun copied out once at the end: the
    # run, the run before 的 and the noun before its stop were three strings.)
    end = m.end()
    of = text.find("的", pos, end)
    if of >= 0:
        end = of  # (the noun before 的: split("的", 1)[0])
    cut_m = NOUN_STOP.search(text, pos + 1, end)
    return text[pos : cut_m.start() if cut_m else end]


def non_fact_reason(text: str, q: Quantity) -> str | None:
    """Why a quantity is not an economic fact, or None when it may be one.

    >>> non_fact_reason("本轮巡察派3个巡察组", find_quantities("本轮巡察派3个巡察组")[0])
    'political or administrative count'
    """
    # (Most quantities pass every rule, so each rule must be cheap: the word lists are
    # compiled once and searched within `text` rather than in slices of it, and the text
    # before the number, text[:num_start], is copied only by the rare rules that need it.)
    nonfact = _nonfact()
    num_start, end, unit_std, qualifier = q.num_start, q.end, q.unit_std, q.qualifier
    bound = qualifier in ("at_least", "at_most")
    prev = text[max(0, num_start - 1) : num_start]
    next_char = text[end : end + 1]
    if unit_std != "rank" and nonfact.before.ends(text, num_start):
        return "ordinal, threshold or per-unit (第/前/每)"
    if (
        unit_std == "CNY"
        and text.find("最", max(0, num_start - 12), num_start) >= 0
        and ends_with_word(_strip_grant_words(text[:num_start], cues()["nonfact"]["grant_words"]), cues()["nonfact"]["before"])
    ):
        return "cap of a grant (最高奖励100万元)"
    clause_start = _clause_start(text, num_start)
    if (
        unit_std == "CNY"
        and text.startswith("对", clause_start)
        and clause_start < num_start
        and ends_with_word(LISTED_AMOUNTS.sub("", text[:num_start]), cues()["nonfact"]["policy_grant"])
    ):
        return "a policy's grant per recipient (对新认定的企业一次性奖励20万元, 分别奖励100万元、50万元)"
    if bound and nonfact.criteria.within(text, 0, num_start):
        return "a requirement of a policy's criteria (认定条件…在孵企业不少于30家)"
    if next_char == "级":
        return "a class named by its size (千亩级产业园区, 百亿级产业集群)"
    if unit_std == "percent" and nonfact.policy_grant_or_rate.starts(text, end, end + 4):
        return "a policy's rate (按设备投资额的8%给予补助, 减按15%的税率征收)"
    if prev == "分" and q.unit in cues()["nonfact"]["phase_units"]:
        return "phase (分三批发放)"
    if prev and (prev.isascii() and (prev.isalnum() or prev in "+-")):
        if not (prev.isdigit() and num_start >= 2 and text[num_start - 2] in "-—"):
            return "number inside a name or code"
    if next_char == "+":
        return "number inside a name or slogan"
    if next_char == "/":
        return "per-unit rate (5000元/平方米)"
    chinese = q.chinese_numeral
    if chinese and q.value_text[0] in "十百千" and text.endswith(("数", "几", "若干"), 0, num_start):
        return "vague amount (数十家, 几百人)"
    if chinese and q.unit == "元":
        return "Chinese numeral before 元 (三元材料)"
    if chinese and q.value_text == "一" and unit_std == "count":
        return "indefinite article (一个, 一家)"
    if chinese and not q.value_text.strip("零〇"):
        return "a word, not zero (零部件)"
    if _inside_short_quotes(text, q):
        return "inside a quoted name or slogan"
    if unit_std == "count" and next_char in ("“", "\""):
        return "count in a slogan (三个“百分百”)"
    # A bound, written after (10亿元以上) or before (超50亿元) or as a range (3-5亿元),
    # on a figure that qualifies a bare category (的项目, 的重大项目), not one named thing.
    bound_written = (
        text.endswith(("以上", "以下"), 0, end)
        or text.startswith(("以上", "以下", "及以上", "及以下"), end)
        or (bound and (next_char == "的" or q.start < num_start))
    )
    is_range = qualifier == "at_least" and RANGE_MARK.search(q.value_text, 1) is not None
    if (bound_written or is_range) and (_threshold_of().match(text, end) or OR_AFTER_BOUND.match(text, end)):
        return "threshold of a category (10亿元以上的项目, 5亿元至10亿元项目, 用地3亩以上或…)"
    if text.startswith("之间", end):
        return "bracket of a category (面积在1万至5万平方米之间的)"
    if bound and (text[q.start - 1 : q.start] == "均" or nonfact.each_item.within(text, clause_start, num_start)):
        return "bound on each item (均在5000万元以上, 单户授信1000万元以下)"
    if bound and _in_brackets(text, q):
        return "bound defining a category in brackets (年主营业务收入2000万元及以上)"
    if unit_std == "percent" and nonfact.service_rates.within(text, max(0, num_start - 8), num_start):
        return "rate of public service (办结率99.6%)"
    if q.unit == "%" and text[max(0, q.start - 1) : q.start] in ("超", "超过") and q.value == 100:
        return "rhetorical bound (超百分百)"
    if text.endswith(("超", "超过"), 0, num_start) and text.startswith("百分百", num_start, end):
        return "rhetorical bound (超百分百)"
    if unit_std == "count":
        noun = noun_at(text, end)
        if _counts_non_economic(noun, text, q.start, nonfact):
            return "political or administrative count"
        if chinese and text.startswith(("分别", "分列"), end):
            return "a count of the things just named (…和…能力两项分别列第19位、24位)"
    clause_end = _clause_end(text, num_start)
    # (No word of the three lists before the number: none in the parts of the text
    # before it that each of the three rules below searches.)
    words_before = nonfact.before_number.within(text, 0, num_start)
    if (words_before and nonfact.context.within(text, 0, num_start)) or nonfact.context_after.within(
        text, max(clause_start, clause_end - 12), clause_end
    ):
        return "apartment sizes or parking, not economic"
    if words_before and nonfact.per_unit.within(text, clause_start, num_start):
        return "price or rate per unit (每斤45元)"
    if unit_std == "count" and words_before and nonfact.non_economic_clause.within(text, clause_start, num_start):
        return "political, administrative or volunteer count (from its clause)"
    if unit_std == "count" and _ranking_pool(text, q, clause_start, clause_end, nonfact.ranking_context):
        return "size of a ranking's pool"
    return None


def _strip_grant_words(before: str, grant_words: Sequence[str]) -> str:
    """`…最高奖励` -> `…最高`: the grant's words between a cap word and its amount."""
    stripped = before
    while (shorter := pattern_of(grant_words, "$").sub("", stripped)) != stripped:
        stripped = shorter
    return stripped


@cache
def _longer_words(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w for w in words if len(w) > 1)


def _counts_non_economic(noun: str, text: str, start: int, nonfact: _Nonfact) -> bool:
    """`3个巡察组`, `20余家企业代表`, `各类问题236个`: what is counted is a group, a
    demand, a person's role or a problem. One-character words (期, 级) only at the
    start of the noun: 国家级众创空间 is economic. (`start`: where the quantity starts.)"""
    if nonfact.counted.starts(noun, 0, len(noun)):
        return True
    longer = nonfact.counted_longer
    if longer.within(noun, 0, COUNTED_NOUN_WINDOW):
        return True
    return not noun and longer.ends(text, start)


def _in_brackets(text: str, q: Quantity) -> bool:
    open_pos = text.rfind("(", 0, q.num_start)
    return open_pos >= 0 and text.find(")", open_pos, q.num_start) < 0 and text.find(")", q.end) >= 0


def _inside_short_quotes(text: str, q: Quantity) -> bool:
    open_pos = _last_of(text, QUOTE_MARKS, q.num_start)
    if open_pos < 0:
        return False
    close_before = text.find("”", open_pos, q.num_start)
    if close_before >= 0:
        return False
    close = text.find("”", q.end)
    return close >= 0 and close - open_pos <= 12


def _ranking_pool(text: str, q: Quantity, clause_start: int, clause_end: int, ranking_context: _Words) -> bool:
    """`在科技部对169家国家高新区评价中`, `在…157家国家高新区综合排名中`. (`clause_start`,
    `clause_end`: the quantity's clause, as _clause_start and _clause_end give it.)"""
    num_start = q.num_start
    # The head stops at , ; 。 only (not at :); the tail is the rest of the clause from
    # as far into it as the head is long (the clause's text from len(head) on).
    head_start = _last_of(text, SENTENCE_CLAUSE_MARKS, num_start) + 1
    tail_start = clause_start + num_start - head_start
    if text.find("在", head_start, num_start) < 0 and text.find("对", head_start, num_start) < 0:
        # 贷款增速居全市16个区第3位: the pool between a ranking word and the place.
        return ranking_context.within(text, head_start, num_start) and POOL_BEFORE_PLACE.match(text, q.end) is not None
    return POOL_TAIL.search(text, tail_start, clause_end) is not None
