"""Indicator metadata for the dashboard, read through one function with fallbacks.

The engine owns the metadata (`extract/data/indicators.yaml`, read by
`extract.lexicon.indicator_meta()`); the dashboard must keep working while that file is
missing or lags behind the rules, so an indicator without metadata still shows: its name
is its title, its unit comes from its facts and its kind is inferred from the facts'
period granularity (a figure at a day is a level, one over a year or a month an amount).

Kinds (OWID's distinction between stocks and flows):
    stock  a level at a date (在孵企业数 at 2022-12-31)
    flow   an amount over a period (完成投资 in 2022-Q1)
    rate   a ratio or a growth rate (固定资产投资增速)
    rank   a place in a ranking (排名第21位)
    plan   a planned or targeted amount (年度计划投资)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ui.format import SCALES, topic_label

KINDS: tuple[str, ...] = ("stock", "flow", "rate", "rank", "plan")
KIND_LABELS: dict[str, str] = {
    "stock": "时点值",
    "flow": "期间累计值",
    "rate": "比率",
    "rank": "排名",
    "plan": "计划值",
}

# Fallback kind from the unit class, used before granularity is considered.
_KIND_BY_UNIT = {"percent": "rate", "rank": "rank"}
# Name hints, used only when the metadata file does not list the indicator.
_PLAN_WORDS = re.compile(r"计划|目标|预计|拟|总投资|首期投资")
_STOCK_WORDS = re.compile(r"数$|总数|面积$|规模$|资产$")


@dataclass(frozen=True, slots=True)
class IndicatorInfo:
    name: str  # Chinese title, the key
    unit: str  # display unit, e.g. 亿元 ("" when unknown)
    unit_std: str  # CNY | m2 | mu | count | percent | rank ("" when unknown)
    topic: str  # topic key ("" when unknown)
    kind: str  # stock | flow | rate | rank | plan
    description: str  # one line; "" when the indicator has no metadata
    from_metadata: bool  # False when the fields were inferred here


def load_indicator_meta() -> dict[str, IndicatorInfo]:
    """Every indicator the engine documents, or {} while the metadata is missing.

    >>> isinstance(load_indicator_meta(), dict)
    True
    """
    try:
        from extract.lexicon import indicator_meta  # the lead's module; may not exist yet
    except ImportError:
        return {}
    try:
        raw = indicator_meta()
    except (OSError, NotImplementedError, ValueError, KeyError, TypeError):
        return {}
    out: dict[str, IndicatorInfo] = {}
    for key, meta in dict(raw).items():
        name = str(_field(meta, "name", key) or key)
        kind = str(_field(meta, "kind", "") or "")
        unit_std = _field(meta, "unit_std", "") or ""
        if isinstance(unit_std, (tuple, list)):  # an indicator measured in m2 or mu
            unit_std = unit_std[0] if unit_std else ""
        out[name] = IndicatorInfo(
            name=name,
            unit=str(_field(meta, "unit", "") or ""),
            unit_std=str(unit_std),
            topic=str(_field(meta, "topic", "") or ""),
            kind=kind if kind in KINDS else "",
            description=str(_field(meta, "description", "") or ""),
            from_metadata=True,
        )
    return out


def infer_kind(indicator: str, unit_std: str, granularity: str | None, status: str = "actual") -> str:
    """Kind of an indicator that has no metadata, from its unit, name and period.

    >>> infer_kind("在孵企业数", "count", "day")
    'stock'
    """
    if unit_std in _KIND_BY_UNIT:
        return _KIND_BY_UNIT[unit_std]
    if status == "plan" and _PLAN_WORDS.search(indicator):
        return "plan"
    if granularity == "day" or granularity is None:
        return "stock"
    if unit_std == "count" and _STOCK_WORDS.search(indicator) and "新" not in indicator:
        return "stock"
    return "flow"


def glossary_frame(facts: pd.DataFrame, meta: dict[str, IndicatorInfo]) -> pd.DataFrame:
    """One row per indicator present in the facts (and every documented one), in Chinese.

    Columns: 指标, 主题, 单位, 类型, 说明, 事实数. Indicators without metadata say so.
    """
    counts = facts.groupby("indicator").size() if len(facts) else pd.Series(dtype=int)
    names = sorted(set(meta) | set(counts.index))
    rows: list[dict[str, Any]] = []
    for name in names:
        info = meta.get(name)
        sub = facts[facts["indicator"] == name] if name in counts.index else facts.iloc[0:0]
        unit_std = info.unit_std if info and info.unit_std else _mode(sub, "unit_std")
        topic = info.topic if info and info.topic else _mode(sub, "topic")
        kind = info.kind if info and info.kind else (_mode(sub, "kind") if "kind" in sub else "")
        unit = info.unit if info and info.unit else SCALES.get(unit_std, ((1.0, ""),))[0][1]
        rows.append(
            {
                "指标": name,
                "主题": topic_label(topic) if topic else "",
                "单位": unit,
                "类型": KIND_LABELS.get(kind, ""),
                "说明": info.description if info and info.description else "（暂无说明，按报道原文命名）",
                "事实数": int(counts.get(name, 0)),
            }
        )
    return pd.DataFrame(rows, columns=["指标", "主题", "单位", "类型", "说明", "事实数"])


def _field(meta: Any, name: str, default: Any) -> Any:
    if isinstance(meta, dict):
        return meta.get(name, default)
    return getattr(meta, name, default)


def _mode(frame: pd.DataFrame, column: str) -> str:
    if column not in frame or frame.empty:
        return ""
    counts = frame[column].dropna().astype(str).value_counts()
    return str(counts.index[0]) if len(counts) else ""
