"""Unit table for corrections: a unit as written -> (unit class, factor to the standard unit).

Read from the engine's own `extract/data/units.yaml` so that a reviewer's "万元" means
exactly what the extractor's "万元" means. Only the store needs it at correction time
(recomputing `value_std` when a person edits a value or a unit).
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import yaml

UNITS_FILE = Path(__file__).resolve().parents[1] / "extract" / "data" / "units.yaml"


@lru_cache(maxsize=1)
def unit_table() -> dict[str, tuple[str, Decimal]]:
    """Every unit a reviewer may type, with its class and factor.

    >>> unit_table()["亿元"]
    ('CNY', Decimal('1E+8'))
    """
    raw = yaml.safe_load(UNITS_FILE.read_text(encoding="utf-8")) or {}
    table: dict[str, tuple[str, Decimal]] = {}
    # YAML 1.1 reads "1e4" as a string, so every factor goes through Decimal(str()).
    prefixes = {str(k): Decimal(str(v)) for k, v in (raw.get("multipliers") or {}).items()}
    for group in raw.values():
        if not isinstance(group, dict) or "unit_std" not in group:
            continue
        unit_std = str(group["unit_std"])
        for unit, factor in (group.get("units") or {}).items():
            table[str(unit)] = (unit_std, Decimal(str(factor)))
    # 万家, 亿人次: a multiplier before a counting word (units.yaml `multipliers`).
    for unit, (unit_std, factor) in list(table.items()):
        if unit_std != "count":
            continue
        for prefix, multiplier in prefixes.items():
            table.setdefault(prefix + unit, (unit_std, factor * multiplier))
    return table


def standardise(value: Decimal, unit: str) -> tuple[str, Decimal]:
    """(unit_std, value_std) of a value in a unit; KeyError for an unknown unit.

    >>> standardise(Decimal("1.5"), "万平方米")
    ('m2', Decimal('1.5E+4'))
    """
    unit_std, factor = unit_table()[unit]
    return unit_std, value * factor
