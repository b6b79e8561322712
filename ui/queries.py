"""Queries behind every page: filters, chart series, cards, ledgers, coverage (pure pandas).

Everything here takes and returns DataFrames, so it is tested without a browser and timed
by `benchmarks/bench_dashboard.py`. `prepare_facts` does the per-row work once per data
version (it is cached in `ui/data.py`); filters afterwards are boolean masks.

Series never mix what cannot be joined. A series is (indicator, subject, status, unit class,
basis), where the *basis* says what a point means: a level at a date, an annual amount, a
quarterly amount, a year-to-date amount, an amount to some day, or a cumulative amount
since a project began. Amounts of different bases are never joined in one line, plan
figures are never joined with actual ones, and a period with no report inserts a gap
(NaN) into the line, never a zero.

TODO: 1-8月 and 截至8月底 share the year-to-date basis; a quarter (一季度) is kept apart
      from both because news uses it for both the quarter alone and the year so far.
TODO: project stages come from the fact sentences and titles; a stage reported in a
      sentence without a figure is not seen.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ui.format import (
    STATUS_LABELS,
    choose_scale,
    format_delta,
    format_period,
    topic_label,
    value_formatter,
)
from ui.indicators import IndicatorInfo, infer_kind

# --- declared tables (settings live here, not in the pages) ---------------------------

BASIS_LABELS: dict[str, str] = {
    "level": "时点值",
    "annual": "年度",
    "quarter": "季度",
    "ytd": "年内累计",
    "todate": "截至当日",
    "cumulative": "累计",
    "undated": "未注明期间",
}

# Headline cards: indicators in this order first, then the most reported others.
KEY_INDICATORS: tuple[str, ...] = (
    "完成投资",
    "年度计划投资",
    "孵化器收入",
    "在孵企业数",
    "安置房建成面积",
    "交付套数",
    "企业数",
    "排名",
    "总投资",
)
CARD_LIMIT = 6

# (plan indicator, actual indicator) pairs compared on the plan-vs-actual chart; the same
# indicator reported as plan and as actual is compared too.
PLAN_ACTUAL_PAIRS: tuple[tuple[str, str], ...] = (
    ("年度计划投资", "完成投资"),
    ("年度计划投资", "完成固定资产投资"),
    ("计划投资", "完成投资"),
    ("年度投资计划", "完成投资"),
    ("计划新开工项目数", "新开工项目数"),
    ("年度产值目标", "产值"),
)
# Indicators whose value is itself a reported completion rate.
REPORTED_RATE = re.compile(r"完成率|完成比例")

# Project ledger: a subject is a project when its name ends in one of these words and it
# is not a group of projects ("集中开工项目", "重点项目").
PROJECT_SUFFIXES: tuple[str, ...] = ("项目", "产业园", "科技园", "基地")
PROJECT_GROUP_WORDS = re.compile(
    r"集中开工|重点项目|重点建设项目|批|活动项目|白名单|借款项目|新开工项目|项目群|保交楼|年底前|需建成|等项目|各类"
    r"|类项目|[个两三四五六七八九十\d]+个.*项目"
)
# Stage of a project, in life-cycle order, and the words that report it.
STAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("签约", ("签约", "签署", "落户", "签订")),
    ("开工", ("开工", "奠基", "破土", "动工")),
    ("在建", ("在建", "建设中", "加快建设", "施工", "主体封顶", "封顶")),
    ("投产", ("投产", "投用", "竣工", "运营", "达产", "交付")),
)

MAX_SERIES = 24
MAX_PAIRS = 16  # plan-vs-actual bars on one chart; the table lists all  # a chart with more lines is unreadable; the rest is listed instead

_PERIOD = re.compile(r"^(\d{4})(?:-(Q[1-4]|\d{2})(?:-(\d{2}))?)?$")


# --- preparation ------------------------------------------------------------------------


def prepare_facts(raw: pd.DataFrame, meta: dict[str, IndicatorInfo] | None = None) -> pd.DataFrame:
    """Add the derived columns every page needs, once per data version.

    Adds: granularity, x (period end), year, period_label, date (article date), kind,
    basis, series, series_label, value_label, topic_label, status_label, search.

    >>> prepare_facts(pd.DataFrame()).empty
    True
    """
    meta = meta or {}
    df = raw.copy()
    for column, default in (("checked", False), ("corrected_fields", ""), ("confidence", 1.0)):
        if column not in df:
            df[column] = default
    if df.empty:
        for column in _DERIVED:
            df[column] = pd.Series(dtype=object)
        return df
    df["value_std"] = pd.to_numeric(df["value_std"], errors="coerce").astype(float)
    df["checked"] = df["checked"].fillna(False).astype(bool)
    df["confidence"] = pd.to_numeric(df["confidence"], errors="coerce").fillna(0.0)
    df["period"] = df["period"].astype(object).where(df["period"].notna() & (df["period"] != ""), None)
    # Per-row Python work runs once per distinct input (a few hundred), not per fact.
    col = {c: df[c] for c in ("period", "article_date", "indicator", "subject", "status",
                               "unit_std", "unit", "qualifier", "topic", "value_std")}
    parsed = _memo(_parse_period, col["period"])
    df["granularity"] = [g for g, _ in parsed]
    df["x"] = pd.to_datetime(pd.Series([x for _, x in parsed], index=df.index, dtype=object))
    df["date"] = pd.to_datetime(pd.Series(_memo(_date_start, col["article_date"]), index=df.index), errors="coerce")
    df["year"] = df["x"].dt.year.fillna(df["date"].dt.year).astype("Int64")
    df["period_label"] = _memo(format_period, col["period"])
    df["topic_label"] = _memo(topic_label, col["topic"])
    df["status_label"] = _memo(lambda s: STATUS_LABELS.get(s, s), col["status"])
    granularity = df["granularity"].tolist()

    def kind_of(indicator: str, unit_std: str, gran: str | None, status: str) -> str:
        info = meta.get(indicator)
        return info.kind if info and info.kind else infer_kind(indicator, unit_std, gran, status)

    kinds = _memo(kind_of, col["indicator"], col["unit_std"], granularity, col["status"])
    df["kind"] = kinds
    measures = df["measure"].fillna("") if "measure" in df else [""] * len(df)
    bases = _memo(_basis, kinds, granularity, col["indicator"], col["period"], measures)
    df["basis"] = bases
    # 国家级孵化器10家 and 省级孵化器18家 are one indicator of one district, but two lines.
    levels = _memo(level_of, measures)
    df["series"] = [
        "|".join(k)
        for k in zip(*(col[c].tolist() for c in ("indicator", "subject", "status", "unit_std")), bases, levels)
    ]
    df["series_label"] = _memo(_series_label, col["indicator"], col["subject"], col["status"], bases, levels)
    df["value_label"] = _value_labels(col["value_std"], col["unit_std"], col["unit"], col["qualifier"], col["indicator"])
    df["search"] = (
        df["indicator"] + " " + df["subject"] + " " + df["article_title"] + " " + df["sentence"]
    ).str.lower()
    return df


def _memo(func: Any, *columns: pd.Series | list[Any]) -> list[Any]:
    """func applied row-wise over parallel columns, computed once per distinct argument tuple.

    The distinct tuples are found by pandas' factorize (C speed), not a dict lookup per
    row: on 50,000 facts that was half the time of `prepare_facts`.
    """
    codes, firsts = _row_groups(columns)
    args = [c.iloc[firsts].tolist() if isinstance(c, pd.Series) else [c[i] for i in firsts] for c in columns]
    results = np.empty(len(firsts), dtype=object)
    for k, key in enumerate(zip(*args)):
        results[k] = func(*key)  # item by item: tuples stay tuples (no broadcasting)
    return results[codes].tolist()


def _value_labels(values: pd.Series, *how: pd.Series) -> list[str]:
    """`format_value` of every row: one formatter per (unit_std, unit, qualifier, indicator)."""
    codes, firsts = _row_groups(how)
    numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
    keys = zip(*(column.iloc[firsts].tolist() for column in how))
    out = np.empty(len(values), dtype=object)
    order = np.argsort(codes, kind="stable")
    bounds = np.cumsum(np.bincount(codes, minlength=len(firsts)))
    start = 0
    for k, key in enumerate(keys):
        rows = order[start : bounds[k]]
        start = bounds[k]
        fmt = value_formatter(*key)
        out[rows] = [fmt(v) for v in numbers[rows].tolist()]
    return out.tolist()


def _row_groups(columns: Sequence[pd.Series | list[Any]]) -> tuple[np.ndarray, np.ndarray]:
    """(group code per row, first row of each group) of the rows' value tuples.

    Missing values (None and NaN alike) form one value; a group's first row stands for it.
    """
    n = len(columns[0])
    codes = np.zeros(n, dtype=np.int64)
    for column in columns:
        values = column if isinstance(column, pd.Series) else pd.Series(column, dtype=object)
        col_codes, uniques = pd.factorize(values, use_na_sentinel=False)
        codes, _ = pd.factorize(codes * (len(uniques) + 1) + col_codes)
    if n == 0:
        return codes, np.zeros(0, dtype=np.int64)
    _, firsts = np.unique(codes, return_index=True)  # factorize numbers groups by first row
    return codes, firsts


_DERIVED = (
    "granularity", "x", "date", "year", "period_label", "topic_label", "status_label", "kind",
    "basis", "series", "series_label", "value_label", "search",
)


# --- filters -----------------------------------------------------------------------------


@dataclass(frozen=True)
class FilterSpec:
    topics: tuple[str, ...] = ()  # topic keys; empty = all
    indicators: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()  # actual | plan
    year_from: int | None = None  # inclusive, on the period's (else the article's) year
    year_to: int | None = None
    text: str = ""  # substring of indicator, subject, title or sentence
    checked_only: bool = False
    extra: dict[str, Any] = field(default_factory=dict, compare=False)


def filter_facts(df: pd.DataFrame, spec: FilterSpec) -> pd.DataFrame:
    """Rows of prepared facts that pass every filter of `spec` (masks only, no copies).

    >>> filter_facts(prepare_facts(pd.DataFrame()), FilterSpec(topics=("housing",))).empty
    True
    """
    if df.empty:
        return df
    mask = np.ones(len(df), dtype=bool)
    if spec.topics:
        mask &= df["topic"].isin(spec.topics).to_numpy()
    if spec.indicators:
        mask &= df["indicator"].isin(spec.indicators).to_numpy()
    if spec.subjects:
        mask &= df["subject"].isin(spec.subjects).to_numpy()
    if spec.statuses:
        mask &= df["status"].isin(spec.statuses).to_numpy()
    if spec.year_from is not None:
        mask &= (df["year"] >= spec.year_from).fillna(False).to_numpy(dtype=bool)
    if spec.year_to is not None:
        mask &= (df["year"] <= spec.year_to).fillna(False).to_numpy(dtype=bool)
    if spec.checked_only:
        mask &= df["checked"].to_numpy(dtype=bool)
    text = spec.text.strip().lower()
    if text:
        mask &= df["search"].str.contains(text, regex=False).to_numpy(dtype=bool)
    return df[mask]


def options(df: pd.DataFrame, column: str, by_count: bool = True) -> list[str]:
    """Distinct values of a column for a select widget, most frequent first.

    >>> options(pd.DataFrame({"indicator": ["总投资", "完成投资", "总投资"]}), "indicator")
    ['总投资', '完成投资']
    """
    if df.empty or column not in df:
        return []
    values = df[column].dropna().astype(str)
    if by_count:
        counts = values.value_counts()
        return sorted(counts.index, key=lambda v: (-int(counts[v]), v))
    return sorted(values.unique())


def chartable_indicators(df: pd.DataFrame) -> list[str]:
    """Indicators for the trend picker, best to chart first: longest series, then most facts.

    >>> chartable_indicators(pd.DataFrame(columns=["indicator", "series", "x"]))
    []
    """
    dated = df[df["x"].notna()] if not df.empty else df
    if dated.empty:
        return options(df, "indicator")
    longest = dated.groupby(["indicator", "series"]).size().groupby("indicator").max()
    total = dated.groupby("indicator").size()
    ranked = sorted(longest.index, key=lambda i: (-int(longest[i]), -int(total[i]), i))
    return ranked + [i for i in options(df, "indicator") if i not in set(ranked)]


def year_bounds(df: pd.DataFrame) -> tuple[int, int] | None:
    """(first, last) year reported, or None when no fact has a year."""
    years = df["year"].dropna() if "year" in df else pd.Series(dtype=int)
    if years.empty:
        return None
    return int(years.min()), int(years.max())


# --- chart series ---------------------------------------------------------------------------


def build_series(df: pd.DataFrame, max_series: int = MAX_SERIES) -> pd.DataFrame:
    """Long frame of chart points, one row per (series, period), gaps as NaN rows.

    One point per series and period: a figure reported twice keeps the checked one, then
    the most confident, then the latest article. Undated facts are left out. Regular
    series (annual, quarterly, monthly) get a NaN row for every missing period so the line
    breaks there.

    >>> build_series(prepare_facts(pd.DataFrame())).empty
    True
    """
    columns = [
        "series", "series_label", "indicator", "subject", "status", "basis", "unit_std", "unit",
        "granularity", "x", "period", "period_label", "value_std", "value_label", "qualifier", "sentence", "doc",
        "article_title", "article_date", "fact_id", "checked", "gap", "sources",
    ]
    if df.empty:
        return pd.DataFrame(columns=columns)
    needed = [c for c in columns if c in df.columns] + ["confidence", "date"]
    dated = df.loc[df["x"].notna(), list(dict.fromkeys(needed))]  # fewer columns: cheaper sorts
    if dated.empty:
        return pd.DataFrame(columns=columns)
    sizes = dated.groupby("series").size().sort_values(ascending=False)
    keep = sizes.index[:max_series]
    dated = dated[dated["series"].isin(keep)]
    ranked = dated.sort_values(["checked", "confidence", "date"], ascending=[False, False, False])
    sources = ranked.groupby(["series", "x"]).size().rename("sources")
    best = ranked.drop_duplicates(["series", "x"]).join(sources, on=["series", "x"])
    best = best.assign(gap=False)
    fillers = _gap_rows(best)
    out = pd.concat([best, fillers], ignore_index=True) if len(fillers) else best
    order = {s: i for i, s in enumerate(keep)}
    out = out.assign(_order=out["series"].map(order)).sort_values(["_order", "x"]).drop(columns="_order")
    return out.reindex(columns=columns).reset_index(drop=True)


def dropped_series(df: pd.DataFrame, max_series: int = MAX_SERIES) -> list[str]:
    """Labels of the series `build_series` leaves out for readability."""
    dated = df[df["x"].notna()] if not df.empty else df
    if dated.empty:
        return []
    sizes = dated.groupby("series_label").size().sort_values(ascending=False)
    return list(sizes.index[max_series:])


def _gap_rows(best: pd.DataFrame) -> pd.DataFrame:
    """NaN rows for every period a regular series has no report in (never zeros).

    Regular: annual, quarterly and year-to-date amounts, and levels reported at one
    granularity (year, quarter or month ends). Irregular dates (a level at some day,
    amounts to a day, cumulative amounts) get no grid: their points are joined.
    """
    rows: list[tuple[str, str, pd.Timestamp]] = []
    groups = best.groupby("series", sort=False)
    for key, idx in groups.indices.items():
        basis = best["basis"].iat[idx[0]]
        granularity = {"annual": "year", "quarter": "quarter", "ytd": "month"}.get(basis)
        found = set(best["granularity"].iloc[idx])
        if basis == "level" and len(found) == 1:
            granularity = next(iter(found))
        if granularity not in _STEPS or len(idx) < 2:
            continue
        have = {_ordinal(ts, granularity) for ts in best["x"].iloc[idx]}
        for n in range(min(have), max(have) + 1):
            if n not in have:
                rows.append((str(key), granularity, _from_ordinal(n, granularity)))
    if not rows:
        return best.iloc[0:0]
    keys, grans, xs = zip(*rows)
    firsts = best.drop_duplicates("series").set_index("series")
    same = ["series_label", "indicator", "subject", "status", "basis", "unit_std", "unit"]
    filler = firsts.loc[list(keys), same].reset_index()
    return filler.assign(
        granularity=list(grans),
        x=list(xs),
        period=None,
        period_label=[_label_for(ts, g) + "（无报道）" for ts, g in zip(xs, grans)],
        value_std=np.nan,
        value_label="无报道",
        gap=True,
        checked=False,
        sources=0,
    )


_STEPS = {"year": 1, "quarter": 4, "month": 12}


def _ordinal(ts: pd.Timestamp, granularity: str) -> int:
    if granularity == "year":
        return int(ts.year)
    if granularity == "quarter":
        return int(ts.year) * 4 + (int(ts.month) - 1) // 3
    return int(ts.year) * 12 + int(ts.month) - 1


def _from_ordinal(n: int, granularity: str) -> pd.Timestamp:
    """The period end of an ordinal (the same x as a reported period's end)."""
    if granularity == "year":
        return pd.Timestamp(n, 12, 31)
    if granularity == "quarter":
        year, q = divmod(n, 4)
        return pd.Timestamp(year, q * 3 + 3, 1) + pd.offsets.MonthEnd(0)
    year, m = divmod(n, 12)
    return pd.Timestamp(year, m + 1, 1) + pd.offsets.MonthEnd(0)


def scale_series(series: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    """Add `y` (value in the display unit of its class) and return {unit_std: unit label}.

    One scale per unit class, chosen from the largest value (亿元 when any reaches it).
    """
    units: dict[str, str] = {}
    out = series.copy()
    out["y"] = np.nan
    for unit_std, rows in series.groupby("unit_std"):
        hint = ""
        if unit_std == "count":
            words = rows["unit"].dropna().astype(str).str.lstrip("万")
            words = words[words != ""]
            hint = words.mode().iloc[0] if len(words) else "个"
        scale = choose_scale(rows["value_std"].dropna().tolist(), str(unit_std), hint)
        out.loc[rows.index, "y"] = rows["value_std"] / scale.divisor
        units[str(unit_std)] = scale.unit
    return out, units


# --- plan against actual -----------------------------------------------------------------


def plan_vs_actual(df: pd.DataFrame) -> pd.DataFrame:
    """Plan figures next to the actual figures of the same subject and year.

    Columns: subject, year, plan_indicator, plan, actual_indicator, actual, rate (actual /
    plan in %), reported_rate (a completion rate the article itself gives), unit_std,
    plan_label, actual_label, plan_sentence, actual_sentence, plan_fact_id, actual_fact_id.
    The latest actual figure in the year is used (a year-to-date amount).
    """
    columns = [
        "subject", "year", "plan_indicator", "plan", "actual_indicator", "actual", "rate",
        "reported_rate", "unit_std", "plan_label", "actual_label", "plan_sentence",
        "actual_sentence", "plan_fact_id", "actual_fact_id", "actual_period_label",
    ]
    if df.empty:
        return pd.DataFrame(columns=columns)
    wanted = ["subject", "year", "unit_std", "indicator", "status", "basis", "value_std", "value_label", "sentence",
              "fact_id", "period_label", "x", "checked", "confidence"]
    # Masks on the whole view, then copy only the rows that can pair (cheap on 50,000 facts).
    dated = df["year"].notna().to_numpy(dtype=bool)
    is_plan = (df["status"] == "plan").to_numpy(dtype=bool) & dated
    is_actual = ((df["status"] == "actual") & (df["basis"] != "cumulative")).to_numpy(dtype=bool) & dated
    plan_names = set(df.loc[is_plan, "indicator"].unique())
    actual_names = set(df.loc[is_actual, "indicator"].unique())
    pairs = [(p, a) for p, a in PLAN_ACTUAL_PAIRS if p in plan_names and a in actual_names]
    pairs += [(i, i) for i in sorted(plan_names & actual_names)]
    if not pairs:
        return pd.DataFrame(columns=columns)
    needed_plans = {p for p, _ in pairs}
    needed_actuals = {a for _, a in pairs}
    plans = df.loc[is_plan & df["indicator"].isin(needed_plans).to_numpy(dtype=bool), wanted]
    actuals = df.loc[is_actual & df["indicator"].isin(needed_actuals).to_numpy(dtype=bool), wanted]  # not since-start
    rate_mask = is_actual & (df["unit_std"] == "percent").to_numpy(dtype=bool)
    rates = df.loc[rate_mask, ["indicator", "subject", "year", "value_std"]]
    rates = rates[rates["indicator"].str.contains(REPORTED_RATE)]
    reported = dict(zip(zip(rates["subject"], rates["year"].astype(int)), rates["value_std"]))
    frames = []
    for plan_ind, actual_ind in pairs:
        p = plans[plans["indicator"] == plan_ind]
        a = actuals[actuals["indicator"] == actual_ind]
        if p.empty or a.empty:
            continue
        p = p.sort_values(["checked", "confidence"], ascending=False).drop_duplicates(["subject", "year"])
        a = a.sort_values(["x", "checked", "confidence"], ascending=[False, False, False])
        a = a.drop_duplicates(["subject", "year"])
        merged = p.merge(a, on=["subject", "year", "unit_std"], suffixes=("_p", "_a"))
        if not merged.empty:
            frames.append(merged.assign(plan_indicator=plan_ind, actual_indicator=actual_ind))
    if not frames:
        return pd.DataFrame(columns=columns)
    m = pd.concat(frames, ignore_index=True).drop_duplicates(["subject", "year", "plan_indicator"])
    plan, actual = m["value_std_p"].astype(float), m["value_std_a"].astype(float)
    out = pd.DataFrame(
        {
            "subject": m["subject"],
            "year": m["year"].astype(int),
            "plan_indicator": m["plan_indicator"],
            "plan": plan,
            "actual_indicator": m["actual_indicator"],
            "actual": actual,
            "rate": (actual / plan.where(plan != 0)) * 100,
            "reported_rate": [reported.get((s, int(y)), np.nan) for s, y in zip(m["subject"], m["year"])],
            "unit_std": m["unit_std"],
            "plan_label": m["value_label_p"],
            "actual_label": m["value_label_a"],
            "plan_sentence": m["sentence_p"],
            "actual_sentence": m["sentence_a"],
            "plan_fact_id": m["fact_id_p"],
            "actual_fact_id": m["fact_id_a"],
            "actual_period_label": m["period_label_a"],
        }
    )
    return out.sort_values(["year", "plan"], ascending=[False, False]).reset_index(drop=True)[columns]


def top_pairs(pairs: pd.DataFrame, limit: int = MAX_PAIRS) -> pd.DataFrame:
    """The pairs worth a bar each: the latest years, largest plans first."""
    return pairs.head(limit)


# --- overview ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Card:
    indicator: str
    subject: str
    series_label: str
    value_label: str  # e.g. 约96.6亿元
    period_label: str  # e.g. 2024年第一季度
    delta_label: str  # change from the previous value of the same series ("" = none)
    previous_label: str  # the previous period, e.g. 2023年第四季度 ("" = none)
    sentence: str
    doc: str
    article_title: str
    article_date: str
    fact_id: str
    checked: bool
    points: int  # reports in the series
    previous_fact_id: str  # the report the change is measured from ("" = none)


def headline_cards(df: pd.DataFrame, limit: int = CARD_LIMIT) -> list[Card]:
    """Latest value of the key indicators, with the change from the previous report.

    For each indicator the series with the most reports is shown (actual before plan).
    """
    dated = df[df["x"].notna()] if not df.empty else df
    if dated.empty:
        return []
    ordered = _card_order(dated.groupby("indicator").size())
    cards: list[Card] = []
    stats = dated.assign(is_actual=dated["status"] == "actual").groupby(["indicator", "series"]).agg(
        n=("x", "size"), actual=("is_actual", "any"), last=("x", "max")
    )
    for indicator in ordered[:limit]:
        rows = dated[dated["indicator"] == indicator]
        sizes = stats.loc[indicator]
        best = sizes.sort_values(["actual", "n", "last"], ascending=False).index[0]
        series = rows[rows["series"] == best]
        series = series.sort_values(["x", "checked", "confidence"], ascending=[False, False, False])
        series = series.drop_duplicates("x")
        latest = series.iloc[0]
        previous = series.iloc[1] if len(series) > 1 else None
        cards.append(
            Card(
                indicator=indicator,
                subject=str(latest["subject"]),
                series_label=str(latest["series_label"]),
                value_label=str(latest["value_label"]),
                period_label=str(latest["period_label"]),
                delta_label=(
                    format_delta(latest["value_std"], previous["value_std"], latest["unit_std"], indicator)
                    if previous is not None
                    else ""
                ),
                previous_label=str(previous["period_label"]) if previous is not None else "",
                sentence=str(latest["sentence"]),
                doc=str(latest["doc"]),
                article_title=str(latest["article_title"]),
                article_date=str(latest["article_date"] or ""),
                fact_id=str(latest["fact_id"]),
                checked=bool(latest["checked"]),
                points=len(series),
                previous_fact_id=str(previous["fact_id"]) if previous is not None else "",
            )
        )
    return cards


def coverage(facts: pd.DataFrame, documents: pd.DataFrame | None = None, articles: pd.DataFrame | None = None) -> dict[str, Any]:
    """Counts and date range for the coverage panel.

    >>> coverage(prepare_facts(pd.DataFrame()))["facts"]
    0
    """
    dates = facts["date"].dropna() if "date" in facts and not facts.empty else pd.Series(dtype="datetime64[ns]")
    docs = len(documents) if documents is not None else (facts["doc"].nunique() if len(facts) else 0)
    if articles is not None:
        n_articles = len(articles)
    else:
        n_articles = len(facts[["doc", "article_index"]].drop_duplicates()) if len(facts) else 0
    return {
        "documents": int(docs),
        "articles": int(n_articles),
        "facts": int(len(facts)),
        "checked": int(facts["checked"].sum()) if len(facts) else 0,
        "first": dates.min().strftime("%Y-%m-%d") if len(dates) else "",
        "last": dates.max().strftime("%Y-%m-%d") if len(dates) else "",
        "topics": int(facts["topic"].nunique()) if len(facts) else 0,
    }


def _card_order(dated_counts: pd.Series) -> list[str]:
    """Indicators in card order: KEY_INDICATORS first, then most reported, then by name."""
    ordered = [i for i in KEY_INDICATORS if i in dated_counts.index]
    others = sorted((i for i in dated_counts.index if i not in ordered), key=lambda i: (-int(dated_counts[i]), i))
    return ordered + others


def timeline_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Every fact placed on a time axis by topic: the article date, else the period end."""
    if df.empty:
        return df.assign(when=pd.Series(dtype="datetime64[ns]"))
    when = df["date"].fillna(df["x"])
    return df.assign(when=when)[when.notna()]


# --- overview from the store's counts -----------------------------------------------------
# The overview does not load every fact: `store.fact_counts` counts them by topic, article
# date and period (and by indicator and period) in SQL, and the functions below turn those
# counts into what the facts would give, with the same date rules as `prepare_facts`.

COUNT_KEYS: tuple[str, ...] = ("topic", "article_date", "period")  # `store.fact_counts` for the timeline
CARD_COUNT_KEYS: tuple[str, ...] = ("indicator", "period")  # ... and for choosing the cards


def count_when(counts: pd.DataFrame) -> pd.Series:
    """The timeline date of each count row (article date, else period end), as `timeline_frame`."""
    if counts.empty:
        return pd.Series(dtype="datetime64[ns]")
    date = pd.to_datetime(pd.Series(_memo(_date_start, counts["article_date"]), index=counts.index), errors="coerce")
    x = pd.to_datetime(pd.Series([x for _, x in _memo(_parse_period, counts["period"])], index=counts.index, dtype=object))
    return date.fillna(x)


def coverage_from_counts(counts: pd.DataFrame, documents: int, articles: int) -> dict[str, Any]:
    """`coverage` of the facts counted in `counts` (by COUNT_KEYS), without the facts.

    >>> coverage_from_counts(pd.DataFrame(columns=[*COUNT_KEYS, "n", "checked"]), 0, 0)["facts"]
    0
    """
    n = counts["n"] if len(counts) else pd.Series(dtype=int)
    dates = pd.to_datetime(pd.Series(_memo(_date_start, counts["article_date"]), dtype=object), errors="coerce")
    dates = dates[(n > 0).to_numpy()].dropna() if len(counts) else dates
    return {
        "documents": int(documents),
        "articles": int(articles),
        "facts": int(n.sum()),
        "checked": int(counts["checked"].sum()) if len(counts) else 0,
        "first": dates.min().strftime("%Y-%m-%d") if len(dates) else "",
        "last": dates.max().strftime("%Y-%m-%d") if len(dates) else "",
        "topics": int(counts.loc[n > 0, "topic"].nunique()) if len(counts) else 0,
    }


def timeline_counts(counts: pd.DataFrame) -> pd.DataFrame:
    """Facts per topic and month of the timeline (columns topic, month, n), from `counts`
    by COUNT_KEYS; a fact with neither a usable article date nor period is left out.

    >>> timeline_counts(pd.DataFrame(columns=[*COUNT_KEYS, "n", "checked"])).empty
    True
    """
    if counts.empty:
        return pd.DataFrame({"topic": pd.Series(dtype=object), "month": pd.Series(dtype="datetime64[ns]"),
                             "n": pd.Series(dtype="int64")})
    when = count_when(counts)
    rows = counts.assign(month=when.dt.to_period("M").dt.to_timestamp())[when.notna().to_numpy()]
    out = rows.groupby(["topic", "month"], sort=True)["n"].sum().reset_index()
    return out[out["n"] > 0].reset_index(drop=True)


def count_timeline(facts: pd.DataFrame) -> pd.DataFrame:
    """`timeline_counts` of prepared facts placed by `timeline_frame` (same columns)."""
    if facts.empty:
        return timeline_counts(pd.DataFrame(columns=[*COUNT_KEYS, "n", "checked"]))
    month = facts["when"].dt.to_period("M").dt.to_timestamp()
    return facts.assign(month=month).groupby(["topic", "month"], sort=True).size().rename("n").reset_index()


def card_indicators(counts: pd.DataFrame, limit: int = CARD_LIMIT) -> tuple[str, ...]:
    """The indicators `headline_cards` shows, from `counts` by CARD_COUNT_KEYS: load only
    these facts and `headline_cards` gives the same cards as on all of them."""
    if counts.empty:
        return ()
    dated = counts[[x is not None for _, x in _memo(_parse_period, counts["period"])]]
    return tuple(_card_order(dated.groupby("indicator")["n"].sum())[:limit])


BUCKET_PREFIX = "bucket"


def bucket_key(topic: str, month: pd.Timestamp) -> str:
    """The click key of a timeline bar: 'bucket|investment|2024-03'."""
    return f"{BUCKET_PREFIX}|{topic}|{month:%Y-%m}"


def parse_bucket(key: str | None) -> tuple[str, pd.Timestamp] | None:
    """(topic, month) of a timeline bar's click key, or None for anything else.

    >>> parse_bucket("bucket|investment|2024-03")
    ('investment', Timestamp('2024-03-01 00:00:00'))
    """
    parts = (key or "").split("|")
    if len(parts) != 3 or parts[0] != BUCKET_PREFIX:
        return None
    try:
        return parts[1], pd.Timestamp(parts[2] + "-01")
    except ValueError:
        return None


def timeline_bucket(facts: pd.DataFrame, topic: str, month: pd.Timestamp) -> pd.DataFrame:
    """The prepared facts of one timeline bar: that topic, placed in that month."""
    placed = timeline_frame(facts[facts["topic"] == topic] if not facts.empty else facts)
    if placed.empty:
        return placed
    in_month = placed["when"].dt.to_period("M").dt.to_timestamp() == month
    return placed[in_month.to_numpy()]


# --- projects ------------------------------------------------------------------------------


def is_project(subject: str) -> bool:
    """A single named project, not a group of them.

    >>> is_project("新奥莱时尚之都项目"), is_project("高新区2022年重点项目")
    (True, False)
    """
    return subject.endswith(PROJECT_SUFFIXES) and not PROJECT_GROUP_WORDS.search(subject)


def project_ledger(df: pd.DataFrame, articles: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(ledger, events): one ledger row per named project, and its dated stage events.

    `articles` (doc, article_index, title, date, text) adds every news item whose text
    names the project, figure or not; a stage (签约, 开工, 在建, 投产) is read from the
    sentences that name the project, the fact sentences and the titles.

    Ledger columns: 项目, 总投资, 最新进展, 进展日期, 报道数, 事实数, 相关文章, 主题.
    Events columns: project, stage, stage_order, date, article_title, doc, sentence.
    """
    ledger_cols = ["项目", "总投资", "最新进展", "进展日期", "报道数", "事实数", "相关文章", "主题"]
    event_cols = ["project", "stage", "stage_order", "date", "article_title", "doc", "sentence"]
    projects = df[df["subject"].map(is_project)] if not df.empty else df
    if projects.empty:
        return pd.DataFrame(columns=ledger_cols), pd.DataFrame(columns=event_cols)
    flat_articles = _flat_articles(articles)
    events: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    for name, facts in projects.groupby("subject", sort=False):
        # (doc, article_index) -> (title, date, sentences that may report a stage)
        mentions: dict[tuple[str, int], tuple[str, Any, list[str]]] = {}
        for r in facts.itertuples(index=False):
            key = (r.doc, int(r.article_index))
            title, date, sentences = mentions.get(key, (r.article_title, r.date, []))
            mentions[key] = (title, date, sentences + [re.sub(r"\s+", "", r.sentence)])
        for a in flat_articles:
            if name in a["flat"]:
                key = (a["doc"], a["article_index"])
                title, date, sentences = mentions.get(key, (a["title"], a["date"], []))
                named = [t for t in a["sentences"] if name in t]
                mentions[key] = (title or a["title"], date if pd.notna(date) else a["date"], sentences + named)
        mine: list[dict[str, Any]] = []
        for (doc, _index), (title, date, sentences) in mentions.items():
            texts = sentences + ([title] if title and name in re.sub(r"\s+", "", title) else [])
            for order, (stage, words) in enumerate(STAGES):
                hit = next((t for t in texts if any(w in t for w in words)), None)
                if hit is not None:
                    mine.append({"project": name, "stage": stage, "stage_order": order, "date": date,
                                 "article_title": title, "doc": doc, "sentence": hit})
        events.extend(mine)
        total = facts[(facts["indicator"] == "总投资") & (facts["unit_std"] == "CNY")]
        total = total.sort_values(["checked", "date"], ascending=False)
        latest = max(
            mine,
            key=lambda e: (e["date"] if pd.notna(e["date"]) else pd.Timestamp.min, e["stage_order"]),
            default=None,
        )
        titles = [t or d for (d, _i), (t, _date, _s) in mentions.items()]
        rows.append(
            {
                "项目": name,
                "总投资": total["value_label"].iloc[0] if len(total) else "—",
                "最新进展": latest["stage"] if latest else "—",
                "进展日期": latest["date"].strftime("%Y-%m-%d") if latest and pd.notna(latest["date"]) else "",
                "报道数": len(mentions),
                "事实数": len(facts),
                "相关文章": "；".join(dict.fromkeys(titles)),
                "主题": "、".join(sorted(set(facts["topic_label"]))),
                "_total": float(total["value_std"].iloc[0]) if len(total) else np.nan,
            }
        )
    ledger = pd.DataFrame(rows).sort_values("_total", ascending=False, na_position="last").drop(columns="_total")
    return ledger.reset_index(drop=True)[ledger_cols], pd.DataFrame(events, columns=event_cols)


def _flat_articles(articles: pd.DataFrame | None) -> list[dict[str, Any]]:
    """News items with whitespace removed (OCR breaks words) and cut into sentences."""
    if articles is None or articles.empty or "text" not in articles:
        return []
    out = []
    for a in articles.itertuples(index=False):
        flat = re.sub(r"\s+", "", str(a.text))
        out.append(
            {
                "doc": a.doc,
                "article_index": int(a.article_index),
                "title": a.title or "",
                "date": pd.to_datetime(_date_start(a.date), errors="coerce"),
                "flat": flat,
                "sentences": [t for t in re.split(r"[。！？；]", flat) if t],
            }
        )
    return out


# --- tables --------------------------------------------------------------------------------

TABLE_COLUMNS: dict[str, str] = {
    "topic_label": "主题",
    "indicator": "指标",
    "subject": "主体",
    "value_label": "数值",
    "period_label": "期间",
    "status_label": "状态",
    "basis_label": "口径",
    "article_title": "文章",
    "article_date": "文章日期",
    "sentence": "原句",
    "checked_label": "核对",
    "confidence": "置信度",
    "doc": "文档",
    "fact_id": "编号",
}


def fact_table(df: pd.DataFrame) -> pd.DataFrame:
    """The fact table in Chinese, newest report first, values formatted."""
    if df.empty:
        return pd.DataFrame(columns=list(TABLE_COLUMNS.values()))
    out = df.assign(
        basis_label=df["basis"].map(BASIS_LABELS),
        checked_label=np.where(df["checked"], "✔ 已核对", ""),
    )
    out = out.sort_values(["date", "doc", "start"], ascending=[False, True, True])
    return out[list(TABLE_COLUMNS)].rename(columns=TABLE_COLUMNS).reset_index(drop=True)


def review_order(df: pd.DataFrame) -> pd.DataFrame:
    """Facts in review order: unchecked first, then lowest confidence (as store.review_queue)."""
    if df.empty:
        return df
    return df.sort_values(
        ["checked", "confidence", "doc", "start"], ascending=[True, True, True, True], kind="stable"
    )


def provenance(df: pd.DataFrame, fact_id: str) -> dict[str, Any] | None:
    """Everything needed to show where one figure came from, or None."""
    rows = df[df["fact_id"] == fact_id] if not df.empty else df
    if rows.empty:
        return None
    r = rows.iloc[0]
    return {
        "fact_id": fact_id,
        "indicator": r["indicator"],
        "subject": r["subject"],
        "value_label": r["value_label"],
        "period_label": r["period_label"],
        "status_label": r["status_label"],
        "doc": r["doc"],
        "article_title": r["article_title"] or "（无标题）",
        "article_date": r["article_date"] or "未注明",
        "sentence": r["sentence"],
        "sentence_html": sentence_html(
            r["sentence"], int(r["start"]) - int(r["sentence_start"]), int(r["end"]) - int(r["sentence_start"])
        ),
        "checked": bool(r["checked"]),
        "corrected_fields": r.get("corrected_fields", "") or "",
    }


# --- highlighted text ---------------------------------------------------------------------


def sentence_html(sentence: str, start: int, end: int) -> str:
    """The sentence, HTML-escaped, with the figure at [start, end) in <mark>.

    >>> sentence_html("总投资<约>66亿元", 7, 12)
    '总投资&lt;约&gt;<mark>66亿元</mark>'
    """
    if not (0 <= start < end <= len(sentence)):
        return html.escape(sentence)
    return (
        html.escape(sentence[:start])
        + "<mark>"
        + html.escape(sentence[start:end])
        + "</mark>"
        + html.escape(sentence[end:])
    )


def highlight_html(text: str, spans: Iterable[tuple[int, int, str, bool]], offset: int = 0) -> str:
    """Text with each (start, end, title, checked) span marked, HTML-escaped throughout.

    `offset` is subtracted from span offsets (an article cut out of its document).
    Overlapping spans keep the first. Line breaks become <br>.

    >>> highlight_html("投资<6亿元>", [(3, 6, "总投资", False)])
    '投资&lt;<mark title="总投资">6亿元</mark>&gt;'
    """
    pieces: list[str] = []
    cursor = 0
    for start, end, title, checked in sorted(spans, key=lambda s: (s[0], s[1])):
        start, end = start - offset, end - offset
        if start < cursor or end > len(text) or start >= end:
            continue
        pieces.append(html.escape(text[cursor:start]))
        css = ' class="checked"' if checked else ""
        pieces.append(f'<mark title="{html.escape(title, quote=True)}"{css}>{html.escape(text[start:end])}</mark>')
        cursor = end
    pieces.append(html.escape(text[cursor:]))
    return "".join(pieces).replace("\n", "<br>")


def article_spans(facts: pd.DataFrame) -> list[tuple[int, int, str, bool]]:
    """(start, end, tooltip, checked) for every fact of a document or article."""
    return [
        (int(r.start), int(r.end), f"{r.indicator}｜{r.subject}｜{r.value_label}｜{r.period_label}", bool(r.checked))
        for r in facts.itertuples(index=False)
    ]


# --- helpers -------------------------------------------------------------------------------


def _parse_period(period: str) -> tuple[str | None, pd.Timestamp | None]:
    """(granularity, end of period) of a period key."""
    m = _PERIOD.match(str(period))
    if not m:
        return None, None
    year, mid, day = m.groups()
    try:
        if mid is None:
            return "year", pd.Timestamp(int(year), 12, 31)
        if mid.startswith("Q"):
            return "quarter", pd.Period(f"{year}{mid}", freq="Q").end_time.normalize()
        if day is None:
            return "month", pd.Period(f"{year}-{mid}", freq="M").end_time.normalize()
        return "day", pd.Timestamp(int(year), int(mid), int(day))
    except ValueError:
        return None, None


def _date_start(value: Any) -> str | None:
    """An article date as precise as given -> a parseable day (its first day)."""
    if not value or not isinstance(value, str):
        return None
    if len(value) == 4:
        return f"{value}-01-01"
    if len(value) == 7:
        return f"{value}-01"
    return value


def _basis(kind: str, granularity: str | None, indicator: str, period: str | None, measure: str = "") -> str:
    """What a point means, so that only like is joined with like (see module docstring)."""
    if granularity is None:
        return "undated"
    if "累计" in indicator or "累计" in measure:  # since a project or a programme began
        return "cumulative"
    if kind in ("stock", "rank"):
        # A count given for a whole year ("2022年重点项目314个") is that year's figure, not a
        # level at a date: it is joined only with other years.
        return {"year": "annual", "quarter": "quarter"}.get(granularity, "level")
    day = pd.Timestamp(str(period)) if granularity == "day" else None
    if kind == "plan":
        # 年度计划投资 (2022) and 年底前 targets (2022-12-31) are annual; a project's 总投资
        # stated on some day is the plan's level at that day.
        if granularity == "year" or (day is not None and day.month == 12 and day.day == 31):
            return "annual"
        if day is not None:
            return "level"
    if granularity == "year":
        return "annual"
    if granularity == "quarter":
        return "quarter"
    if granularity == "month":
        return "ytd"
    # A day at a month end is a year-to-date figure (截至6月底 = 1-6月); any other day is
    # "to that day".
    if day is not None and day.is_month_end:
        return "ytd"
    return "todate"


LEVEL = re.compile(r"国家级|省级|市级|区级|县级")


def level_of(measure: str) -> str:
    """The administrative level a figure counts at (国家级孵化器 -> 国家级), "" if none.

    >>> level_of("国家级众创空间"), level_of("在孵企业")
    ('国家级', '')
    """
    m = LEVEL.search(measure or "")
    return m.group(0) if m else ""


def _series_label(indicator: str, subject: str, status: str, basis: str, level: str = "") -> str:
    tags = [level] if level else []
    if status == "plan":
        tags.append("计划")
    if basis not in ("level", "undated"):
        tags.append(BASIS_LABELS[basis])
    suffix = f"（{'·'.join(tags)}）" if tags else ""
    return f"{indicator}·{subject}{suffix}"


def _label_for(ts: pd.Timestamp, granularity: str) -> str:
    if granularity == "year":
        return f"{ts.year}年"
    if granularity == "quarter":
        return f"{ts.year}年第{'一二三四'[ts.quarter - 1]}季度"
    return f"{ts.year}年{ts.month}月"


def values_of(items: Sequence[Any] | None) -> tuple[str, ...]:
    """Widget values (None, str or list) as a tuple of strings."""
    if items is None:
        return ()
    if isinstance(items, str):
        return (items,) if items else ()
    return tuple(str(i) for i in items)
