"""Unit table for corrections: a unit as written -> (unit class, factor to the standard unit).

A thin view of the engine's own table (`extract.lexicon.units()`, read from
extract/data/units.yaml), so that a reviewer's "万元" means exactly what the
extractor's "万元" means. The store needs it when a person edits a value or a unit.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from extract.lexicon import units


@cache
def unit_table() -> dict[str, tuple[str, Decimal]]:
    """Every unit a reviewer may type, with its class and factor (cached by the engine).

    >>> unit_table()["亿元"]
    ('CNY', Decimal('1E+8'))
    """
    return {unit: (info.unit_std, info.factor) for unit, info in units().items()}


def standardise(value: Decimal, unit: str) -> tuple[str, Decimal]:
    """(unit_std, value_std) of a value in a unit; KeyError for an unknown unit.

    >>> standardise(Decimal("1.5"), "万平方米")
    ('m2', Decimal('1.5E+4'))
    """
    unit_std, factor = unit_table()[unit]
    return unit_std, value * factor
