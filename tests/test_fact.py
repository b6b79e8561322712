"""The Fact type: its only serialisation round-trips, and its id is stable."""

from __future__ import annotations

import dataclasses
import json

import pytest

from extract.fact import FACT_FIELDS, Fact
from extract.pipeline import _new_fact, extract_document

TEXT = "发布日期:2023-10-07\n郑州高新区2家孵化器和2家众创空间获批，总投资约66亿元。"


def facts() -> list[Fact]:
    return extract_document(TEXT, "x.txt")


def test_row_round_trips_through_json() -> None:
    for fact in facts():
        row = json.loads(json.dumps(fact.to_row(), ensure_ascii=False))
        assert Fact.from_row(row) == fact
        assert list(row) == list(FACT_FIELDS)


def test_figures_written_alike_get_different_ids() -> None:
    two = [f for f in facts() if f.value == 2]
    assert len(two) == 2 and two[0].fact_id != two[1].fact_id


def test_id_ignores_inferred_fields() -> None:
    fact = facts()[-1]
    changed = dataclasses.replace(fact, indicator="其他金额", subject="别处", period="1999", article_title="新标题")
    assert changed.fact_id == fact.fact_id


def test_id_changes_with_the_figure() -> None:
    fact = facts()[-1]
    assert dataclasses.replace(fact, value_std=fact.value_std + 1).fact_id != fact.fact_id


def test_the_engines_fast_construction_gives_the_same_fact() -> None:
    # pipeline._new_fact sets the slots directly (a frozen dataclass's __init__ goes
    # through a guarded __setattr__ per field): same fact, equal, same hash and id.
    for fact in facts():
        values = {field.name: getattr(fact, field.name) for field in dataclasses.fields(Fact)}
        built = _new_fact(values)
        assert type(built) is Fact
        assert built == Fact(**values) and hash(built) == hash(fact) and built.fact_id == fact.fact_id


def test_the_engines_fast_construction_wants_every_field() -> None:
    values = {field.name: getattr(facts()[0], field.name) for field in dataclasses.fields(Fact)}
    del values["unit"]
    with pytest.raises(TypeError):
        _new_fact(values)
