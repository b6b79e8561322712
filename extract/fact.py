"""The one fact type: a number from a news sentence, what it measures, whom and when.

A `Fact` is immutable. `to_row()` / `from_row()` are its only serialisation; every
other module (CLI, store, dashboard) goes through them, so a field added here shows up
everywhere at once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any, Literal, get_args

Qualifier = Literal["exact", "approx", "at_least", "at_most"]
Status = Literal["actual", "plan"]
Topic = Literal["investment", "innovation", "enterprises", "parks", "housing", "finance", "ranking"]
UnitStd = Literal["CNY", "m2", "mu", "count", "percent", "rank"]

# Characters of source text on each side of a figure that go into its fact id.
CONTEXT_CHARS = 8

QUALIFIERS: tuple[str, ...] = get_args(Qualifier)
STATUSES: tuple[str, ...] = get_args(Status)
TOPICS: tuple[str, ...] = get_args(Topic)
UNIT_STDS: tuple[str, ...] = get_args(UnitStd)


@dataclass(frozen=True, slots=True)
class Fact:
    # --- where it comes from -------------------------------------------------
    doc: str  # file name of the source document, without its folder
    article_index: int  # 0-based position of the news item within the document
    article_title: str  # the news item's headline ("" when the page gives none)
    sentence: str  # the source sentence as written in the original text (OCR breaks kept)
    quote: str  # whitespace-free span holding the measured phrase, number and unit
    surface: str  # the matched number+unit as written, e.g. "约 66\n亿元"
    start: int  # offset of `surface` in the original document text
    end: int  # end offset (exclusive) of `surface` in the original document text
    sentence_start: int  # offset of `sentence` in the original document text
    sentence_end: int  # end offset (exclusive) of `sentence`
    # --- the number ----------------------------------------------------------
    value: Decimal  # the number as written, in Arabic digits ("四个" -> 4)
    value_text: str  # the digits or numerals as written ("四", "1,260.33")
    unit: str  # the unit as written: 亿元, 万平方米, 个, %, 位 ...
    value_std: Decimal  # value in the standard unit of its class (yuan, m2, ...)
    unit_std: UnitStd  # the unit class
    qualifier: Qualifier  # exact | approx (约) | at_least (超, 余) | at_most (不到)
    # --- what, whom, when ----------------------------------------------------
    indicator: str  # canonical indicator name (a key of extract/data/indicators.yaml)
    measure: str  # the measured phrase as the sentence says it, e.g. "在孵企业人员数"
    topic: Topic  # topic of the indicator in this context
    subject: str  # the entity the figure is about: district, project, park, company
    status: Status  # actual (done, counted) or plan (planned, targeted, to be built)
    period: str | None  # YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD; None when the year is unknown
    period_text: str  # the time expression the period came from ("" = article date)
    article_date: str | None  # date of the news item, as precise as the text allows
    date_inferred: bool  # True when the article date's year was inferred, not written
    confidence: float  # 0..1, how sure the extractor is (lowest first in review)

    @property
    def fact_id(self) -> str:
        """Stable key of the fact: survives re-extraction while the text is unchanged.

        It is made of the document, the figure as written and the few characters
        around it in the source (whitespace dropped), never of inferred fields
        (indicator, subject, period, headline), so a person's correction keyed by it
        still applies after the extractor improves. Two figures written alike in one
        sentence differ by their surroundings (`2家孵化器和2家众创空间`).
        """
        rel = self.start - self.sentence_start
        around = self.sentence[max(0, rel - CONTEXT_CHARS) : rel + len(self.surface) + CONTEXT_CHARS]
        key = "|".join([self.doc, self.unit_std, _plain(self.value_std), "".join(around.split())])
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def to_row(self) -> dict[str, Any]:
        """JSON-friendly dict: Decimals become int/float, plus the derived `fact_id`."""
        # Fields are immutable scalars: no deep copy needed (dataclasses.asdict is slow).
        row = {name: getattr(self, name) for name in _FIELD_NAMES}
        for name in ("value", "value_std"):
            row[name] = decimal_to_number(row[name])
        row["fact_id"] = self.fact_id
        return row

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Fact:
        """Inverse of `to_row`; unknown keys (e.g. `fact_id`) are ignored."""
        kwargs: dict[str, Any] = {}
        for f in fields(cls):
            raw = row[f.name]
            if f.name in ("value", "value_std"):
                raw = Decimal(str(raw))
            elif f.name in ("article_index", "start", "end", "sentence_start", "sentence_end"):
                raw = int(raw)
            elif f.name == "confidence":
                raw = float(raw)
            elif f.name == "date_inferred":
                raw = raw in (True, 1, "1", "true", "True")
            elif f.name in ("period", "article_date") and raw in ("", None):
                raw = None
            kwargs[f.name] = raw
        return cls(**kwargs)


_FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Fact))
FACT_FIELDS: tuple[str, ...] = _FIELD_NAMES + ("fact_id",)


def decimal_to_number(value: Decimal) -> int | float:
    """Decimal -> int when integral, else float (JSON has no decimal type)."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")
