"""Text tables on news pages: the figures of a header row's columns in each data row.

A government brief prints its indicators as a table (`指标名称  单位  本月  1-8月累计
同比增长%`, then one row per indicator). `extract.normalize` keeps a CELL_SEPARATOR
between the cells of such a line, and `extract.articles` makes each line a paragraph of
its own; here a row's cells are read against the header's: each number is one figure,
with the row's unit (or the header's `(亿元)`), a rate when its column is a growth or a
percentage, and its column's time (`1-8月累计`; `本月` is the month the other columns
end at).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final, NamedTuple

from extract.lexicon import UnitInfo, cues, units
from extract.normalize import CELL_SEPARATOR

NUMBER_CELL: Final = re.compile(r"-?\d+(?:,\d{3})*(?:\.\d+)?%?")
# A figure cell: a number, maybe bounded (≥78) and noted with its time (312(2023年)).
FIGURE_CELL: Final = re.compile(r"(?P<bound>[≥≤]?)(?P<num>-?\d+(?:,\d{3})*(?:\.\d+)?%?)(?:\((?P<note>[^()]{1,24})\))?")
BOUND_QUALIFIERS: Final = {"≥": "at_least", "≤": "at_most", "": "exact"}
UNIT_IN_HEADER: Final = re.compile(r"[(（](?P<unit>[^()（）]{1,6})[)）]")
PERCENT: Final = UnitInfo("%", "percent", Decimal(1))


class Cell(NamedTuple):
    text: str
    start: int  # offsets in the row's text
    end: int


class TableFigure(NamedTuple):
    label: str  # the row's indicator as written (其中: dropped)
    column: str  # the header of the figure's column ("" when unknown)
    cell: Cell
    value: Decimal
    unit: UnitInfo  # the written unit with its class and factor
    is_rate: bool
    note: str = ""  # the cell's own note, its time (312(2023年): 2023年)
    qualifier: str = "exact"  # ≥78: at_least


def cells(text: str) -> list[Cell]:
    """The cells of a table line, with their offsets.

    >>> [c.text for c in cells(CELL_SEPARATOR.join(["规上工业总产值", "亿元", "61.37"]))]
    ['规上工业总产值', '亿元', '61.37']
    """
    out: list[Cell] = []
    start = 0
    for piece in text.split(CELL_SEPARATOR):
        out.append(Cell(piece, start, start + len(piece)))
        start += len(piece) + len(CELL_SEPARATOR)
    return out


def is_header(row: list[Cell]) -> bool:
    """A header names its columns: no number, no unit cell, and names beyond the first
    (a row of placeholders, 其中：民间投资  亿元  --  --, is not one)."""
    spec = cues()["tables"]
    table = units()
    if any(FIGURE_CELL.fullmatch(c.text) or c.text in table for c in row):
        return False
    return sum(c.text not in spec["empty_cells"] for c in row[1:]) >= 2


def has_figures(row: list[Cell]) -> bool:
    return any(FIGURE_CELL.fullmatch(c.text) for c in row[1:])


def row_figures(header: list[Cell] | None, row: list[Cell]) -> list[TableFigure]:
    """The figures of a data row, read against the header (None when none was seen).

    >>> header = cells(CELL_SEPARATOR.join(["指标名称", "单位", "本月", "1-8月累计", "同比增长%"]))
    >>> row = cells(CELL_SEPARATOR.join(["固定资产投资", "亿元", "—", "203.41", "6.8"]))
    >>> [(f.column, str(f.value), f.unit.unit) for f in row_figures(header, row)]
    [('1-8月累计', '203.41', '亿元'), ('同比增长%', '6.8', '%')]
    """
    if not row or NUMBER_CELL.fullmatch(row[0].text):
        return []
    spec = cues()["tables"]
    table = units()
    label = row[0].text
    for prefix in spec["breakdown_prefixes"]:
        label = label.removeprefix(prefix)
    # The unit may follow the row's name: 固定资产投资(亿元).
    label_unit = _header_unit(label, table)
    if label_unit is not None:
        label = UNIT_IN_HEADER.sub("", label)
    columns = [c.text for c in header] if header is not None and len(header) == len(row) else [""] * len(row)
    row_unit = next((table[c.text] for c in row[1:] if c.text in table), None)
    figures: list[TableFigure] = []
    for cell, column in zip(row[1:], columns[1:]):
        m = FIGURE_CELL.fullmatch(cell.text)
        if cell.text in spec["empty_cells"] or m is None:
            continue
        number = m.group("num")
        rate = (
            number.endswith("%")
            or any(word in column for word in spec["rate_columns"])
            or (row_unit is not None and row_unit.unit_std == "percent")
        )
        unit = PERCENT if rate else row_unit or label_unit or _header_unit(column, table)
        if unit is None:
            continue  # a number whose unit the table does not say
        value = Decimal(number.rstrip("%").replace(",", ""))
        figures.append(
            TableFigure(label, column, cell, value, unit, rate, m.group("note") or "", BOUND_QUALIFIERS[m.group("bound")])
        )
    return figures


def _header_unit(column: str, table: dict[str, UnitInfo]) -> UnitInfo | None:
    m = UNIT_IN_HEADER.search(column)
    return table.get(m.group("unit")) if m else None
