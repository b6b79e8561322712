"""Plotly figure builders: DataFrame in, `go.Figure` out. No Streamlit here.

Every figure carries its units in the axis titles, a source note under the plot (the
figures are news excerpts, not official statistics) and, in `customdata[0]`, the fact id
of each point so a click can show its sentence. Hover text is HTML-escaped: sentences
come from documents anyone may upload.
"""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ui.format import TOPIC_LABELS, UNIT_CLASS_LABELS, choose_scale, format_number
from ui.queries import STAGES, bucket_key, count_timeline, scale_series

FONT_FAMILY = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
SOURCE_NOTE = "数据来源：新闻报道中的数字，经自动抽取与人工核对，非官方统计。"
TOPIC_COLORS: dict[str, str] = {
    "investment": "#1f77b4",
    "innovation": "#ff7f0e",
    "enterprises": "#2ca02c",
    "parks": "#9467bd",
    "housing": "#d62728",
    "finance": "#8c564b",
    "ranking": "#17becf",
}
STAGE_SYMBOLS = {"签约": "diamond", "开工": "triangle-up", "在建": "square", "投产": "star"}
HOVER_WRAP = 28  # characters per hover line; Plotly does not wrap hover text itself
DOTS_UP_TO = 3000  # facts drawn as dots on the overview timeline; beyond, monthly counts (bars)
CHART_HEIGHT = 460
MAX_PERIOD_TICKS = 10  # up to this many distinct periods, each gets its own labelled tick


def chart_config(file_stem: str) -> dict[str, Any]:
    """Plotly config: modebar PNG at 2x with a Chinese file name, no logo.

    >>> chart_config("指标趋势")["toImageButtonOptions"]["scale"]
    2
    """
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": safe_filename(file_stem), "scale": 2},
        "modeBarButtonsToRemove": ["lasso2d"],
    }


def safe_filename(*parts: str) -> str:
    """Join parts into a file name, keeping Chinese, dropping path and shell characters.

    >>> safe_filename("指标趋势", "完成投资/总投资")
    '指标趋势_完成投资-总投资'
    """
    text = "_".join(p for p in parts if p)
    text = re.sub(r'[\\/:*?"<>|\s]+', "-", text).strip("-_")
    return text[:80] or "chart"


def dated_filename(*parts: str) -> str:
    """`safe_filename` with today's date appended, e.g. 指标趋势_完成投资_2025-01-31."""
    return safe_filename(*parts, date.today().isoformat())


def wrap(text: str, width: int = HOVER_WRAP) -> str:
    """Escape for Plotly's HTML-ish hover and break into lines of `width` characters.

    >>> wrap("<b>", 10)
    '&lt;b&gt;'
    """
    flat = re.sub(r"\s+", "", str(text or ""))
    lines = [flat[i : i + width] for i in range(0, len(flat), width)] or [""]
    return "<br>".join(html.escape(line) for line in lines)


def empty_figure(message: str) -> go.Figure:
    """A blank figure with a centred message (used when a filter leaves nothing)."""
    fig = go.Figure()
    fig.add_annotation(text=html.escape(message), showarrow=False, font={"size": 16, "color": "#666"})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _style(fig, height=240, note=False)


def trend_figure(series: pd.DataFrame, chart: str = "line", title: str = "") -> go.Figure:
    """Indicator series over their reference period, one panel per unit class.

    `series` is `queries.build_series` output. Plan series are dashed with open markers;
    NaN rows break the line (connectgaps=False), so a missing report is a visible gap.
    Built as plain dicts and wrapped once without validation: Plotly's per-property
    validation was most of the time of a filter change on 50,000 facts.
    """
    if series.empty or series["value_std"].notna().sum() == 0:
        return empty_figure("所选条件下没有带期间的数据")
    scaled, units = scale_series(series)
    classes = [u for u in UNIT_CLASS_LABELS if u in units]
    custom = _customdata(scaled)
    palette = _palette()
    traces: list[dict[str, Any]] = []
    codes, keys = pd.factorize(scaled["series"], sort=False)
    first_rows = pd.Series(range(len(scaled))).groupby(codes).first()
    for i, key in enumerate(keys):
        idx = np.flatnonzero(codes == i)
        first = scaled.iloc[int(first_rows[i])]
        axis = classes.index(str(first["unit_std"])) + 1
        color = palette[i % len(palette)]
        plan = first["status"] == "plan"
        trace: dict[str, Any] = {
            "x": scaled["x"].iloc[idx].dt.strftime("%Y-%m-%d").tolist(),
            "y": [None if np.isnan(v) else float(v) for v in scaled["y"].to_numpy()[idx]],
            "name": str(first["series_label"]),
            "legendgroup": str(key),
            "customdata": custom[idx].tolist(),
            "hovertemplate": _HOVER,
            "xaxis": "x",
            "yaxis": "y" if axis == 1 else f"y{axis}",
        }
        if chart == "bar":
            trace.update(
                type="bar",
                marker={"color": color, "pattern": {"shape": "/" if plan else ""}},
                opacity=0.65 if plan else 1.0,
            )
        else:
            trace.update(
                type="scatter",
                mode="lines+markers",
                connectgaps=False,
                line={"color": color, "width": 2, "dash": "dash" if plan else "solid"},
                marker={"size": 8, "symbol": "circle-open" if plan else "circle", "color": color},
            )
        traces.append(trace)
    layout: dict[str, Any] = {"barmode": "group"} if chart == "bar" else {}
    gap = 0.08
    height = (1 - gap * (len(classes) - 1)) / len(classes)
    for row, unit_std in enumerate(classes):
        top = 1 - row * (height + gap)
        layout["yaxis" if row == 0 else f"yaxis{row + 1}"] = {
            "title": {"text": f"{UNIT_CLASS_LABELS[unit_std]}（{units[unit_std]}）"},
            "domain": [max(0.0, top - height), top],
            "rangemode": "tozero" if chart == "bar" else "normal",
            "autorange": "reversed" if unit_std == "rank" else True,
            "anchor": "x",
        }
    layout["xaxis"] = {"anchor": "y" if len(classes) == 1 else f"y{len(classes)}", "type": "date"}
    fig = go.Figure({"data": traces, "layout": layout}, _validate=False)
    _period_ticks(fig, series)
    return _style(fig, title=title, height=CHART_HEIGHT + 220 * (len(classes) - 1))


def plan_actual_figure(pairs: pd.DataFrame, title: str = "") -> go.Figure:
    """Plan and actual bars side by side per subject and year, completion rate on top.

    One panel per unit class; like `trend_figure`, built from dicts without validation.
    """
    if pairs.empty:
        return empty_figure("没有可以对照的计划与完成数据")
    scales = {
        str(u): choose_scale(list(rows["plan"]) + list(rows["actual"]), str(u))
        for u, rows in pairs.groupby("unit_std")
    }
    classes = [u for u in UNIT_CLASS_LABELS if u in scales]
    traces: list[dict[str, Any]] = []
    layout: dict[str, Any] = {"barmode": "group"}
    gap = 0.15
    height = (1 - gap * (len(classes) - 1)) / len(classes)
    for row, unit_std in enumerate(classes):
        rows = pairs[pairs["unit_std"] == unit_std]
        x = [f"{wrap(s, 14)}<br>{y}年" for s, y in zip(rows["subject"], rows["year"])]
        div = scales[unit_std].divisor
        suffix = "" if row == 0 else str(row + 1)
        axes = {"xaxis": f"x{suffix}", "yaxis": f"y{suffix}"}
        plan_custom = zip(rows["plan_fact_id"], rows["plan_label"], rows["plan_indicator"], rows["plan_sentence"].map(wrap))
        traces.append({
            "type": "bar", "x": x, "y": (rows["plan"] / div).tolist(), "name": "计划",
            "marker": {"color": "#c6dbef", "pattern": {"shape": "/"}},
            "customdata": [list(c) for c in plan_custom],
            "hovertemplate": "<b>%{customdata[2]}</b>：%{customdata[1]}<br>%{customdata[3]}<extra>计划</extra>",
            "legendgroup": "plan", "showlegend": row == 0, **axes,
        })
        actual_custom = zip(rows["actual_fact_id"], rows["actual_label"], rows["actual_indicator"],
                            rows["actual_sentence"].map(wrap), rows["actual_period_label"])
        traces.append({
            "type": "bar", "x": x, "y": (rows["actual"] / div).tolist(), "name": "完成",
            "marker": {"color": "#08519c"},
            "text": [f"完成{format_number(r, 1)}%" if np.isfinite(r) else "" for r in rows["rate"].astype(float)],
            "textposition": "outside",
            "customdata": [list(c) for c in actual_custom],
            "hovertemplate": "<b>%{customdata[2]}</b>：%{customdata[1]}（%{customdata[4]}）<br>%{customdata[3]}"
                             "<extra>完成</extra>",
            "legendgroup": "actual", "showlegend": row == 0, **axes,
        })
        top = 1 - row * (height + gap)
        layout[f"yaxis{suffix}"] = {
            "title": {"text": f"{UNIT_CLASS_LABELS[unit_std]}（{scales[unit_std].unit}）"},
            "domain": [max(0.0, top - height), top], "anchor": f"x{suffix}",
        }
        layout[f"xaxis{suffix}"] = {"anchor": f"y{suffix}", "type": "category"}
    fig = go.Figure({"data": traces, "layout": layout}, _validate=False)
    return _style(fig, title=title, height=CHART_HEIGHT + 200 * (len(classes) - 1))


def timeline_figure(facts: pd.DataFrame, title: str = "") -> go.Figure:
    """Every fact as a dot on the time axis, one row per topic (`queries.timeline_frame`).

    Beyond DOTS_UP_TO facts the dots are unreadable and slow: the figure becomes monthly
    counts per topic (stacked bars) instead.
    """
    if facts.empty:
        return empty_figure("还没有可以排在时间轴上的数据")
    if len(facts) > DOTS_UP_TO:
        return timeline_counts_figure(count_timeline(facts), title)
    fig = go.Figure()
    rng = np.random.default_rng(0)  # fixed jitter: the same data draws the same picture
    topics = [t for t in TOPIC_LABELS if t in set(facts["topic"])]
    for i, topic in enumerate(topics):
        rows = facts[facts["topic"] == topic]
        fig.add_trace(
            go.Scatter(
                x=rows["when"],
                y=i + rng.uniform(-0.25, 0.25, len(rows)),
                mode="markers",
                name=TOPIC_LABELS[topic],
                marker={"color": TOPIC_COLORS.get(topic, "#888"), "size": 9, "opacity": 0.75},
                customdata=_customdata(rows),
                hovertemplate=_HOVER,
            )
        )
    fig.update_yaxes(
        tickvals=list(range(len(topics))), ticktext=[TOPIC_LABELS[t] for t in topics], range=[-0.6, len(topics) - 0.4]
    )
    fig.update_xaxes(tickformat="%Y年%-m月")
    return _style(fig, title=title, height=max(300, 70 * len(topics) + 160))


def timeline_counts_figure(counts: pd.DataFrame, title: str = "") -> go.Figure:
    """Facts per month and topic as stacked bars (`queries.timeline_counts`).

    Each bar carries its click key (`queries.bucket_key`) in customdata[0]: a click lists
    the facts of that topic and month with their sentences. Built from dicts without
    validation, like `trend_figure`.
    """
    if counts.empty:
        return empty_figure("还没有可以排在时间轴上的数据")
    traces: list[dict[str, Any]] = []
    for topic in [t for t in TOPIC_LABELS if t in set(counts["topic"])]:
        rows = counts[counts["topic"] == topic]
        traces.append({
            "type": "bar",
            "x": rows["month"].dt.strftime("%Y-%m-%d").tolist(),
            "y": rows["n"].astype(int).tolist(),
            "name": TOPIC_LABELS[topic],
            "marker": {"color": TOPIC_COLORS.get(topic, "#888")},
            "customdata": [[bucket_key(topic, m)] for m in rows["month"]],
            "hovertemplate": "%{x|%Y年%-m月}：%{y} 条（点击查看）<extra>%{fullData.name}</extra>",
        })
    layout = {
        "barmode": "stack",
        "bargap": 0.1,
        "yaxis": {"title": {"text": "数据条数（按月）"}},
        "xaxis": {"type": "date", "tickformat": "%Y年%-m月"},
    }
    fig = go.Figure({"data": traces, "layout": layout}, _validate=False)
    return _style(fig, title=title, height=CHART_HEIGHT)


def project_timeline_figure(events: pd.DataFrame, title: str = "") -> go.Figure:
    """Stages (签约, 开工, 在建, 投产) of each project on a time axis."""
    events = events[events["date"].notna()] if not events.empty else events
    if events.empty:
        return empty_figure("报道中没有带日期的项目进展")
    fig = go.Figure()
    projects = list(dict.fromkeys(events.sort_values("date")["project"]))
    for project in projects:
        rows = events[events["project"] == project].sort_values("date")
        fig.add_trace(
            go.Scatter(
                x=rows["date"], y=[project] * len(rows), mode="lines", line={"color": "#bbb", "width": 2},
                hoverinfo="skip", showlegend=False,
            )
        )
    for stage, _words in STAGES:
        rows = events[events["stage"] == stage]
        if rows.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=rows["date"],
                y=rows["project"],
                mode="markers",
                name=stage,
                marker={"symbol": STAGE_SYMBOLS[stage], "size": 13},
                customdata=np.stack(
                    [rows["stage"], rows["article_title"].map(lambda t: wrap(t or "（无标题）")), rows["sentence"].map(wrap)],
                    axis=-1,
                ),
                hovertemplate="<b>%{customdata[0]}</b> %{x|%Y-%m-%d}<br>%{customdata[1]}<br>%{customdata[2]}<extra></extra>",
            )
        )
    fig.update_yaxes(categoryorder="array", categoryarray=projects[::-1], automargin=True)
    span = events["date"].max() - events["date"].min()
    fig.update_xaxes(tickformat="%Y年%-m月" if span > pd.Timedelta(days=90) else "%Y年%-m月%-d日")
    return _style(fig, title=title, height=max(320, 36 * len(projects) + 180))


# --- internals ----------------------------------------------------------------------------

_HOVER = "%{customdata[1]}<extra>%{fullData.name}</extra>"


def _customdata(points: pd.DataFrame) -> np.ndarray:
    """[fact_id, hover HTML] per point: value, period, subject, sentence, title, date, escaped.

    Two fields, not seven: Plotly deep-copies customdata element by element, and a
    filter change on 50,000 facts spent a quarter of its time there.
    """
    n = len(points)
    gap = points["gap"].fillna(False).astype(bool).tolist() if "gap" in points else [False] * n
    others = points["sources"].fillna(1).astype(int).tolist() if "sources" in points else [1] * n
    checked = points["checked"].tolist() if "checked" in points else [False] * n
    hover = [
        f"<b>{html.escape(value)}{'（✔已核对）' if ok is True else ''}</b>　{period}<br>"
        f"主体：{html.escape(subject)}<br>"
        + ("该期间没有报道" if is_gap else wrap(sentence))
        + (f"<br><i>同期另有 {k - 1} 条报道，见数据明细</i>" if k > 1 else "")
        + f"<br><i>{wrap(title, 40)}（{day}）</i>"
        for value, ok, period, subject, sentence, title, day, is_gap, k in zip(
            points["value_label"].fillna("").astype(str).tolist(),
            checked,
            points["period_label"].fillna("").astype(str).tolist(),
            points["subject"].fillna("").astype(str).tolist(),
            points["sentence"].fillna("").astype(str).tolist(),
            points["article_title"].fillna("").astype(str).tolist(),
            points["article_date"].fillna("").astype(str).tolist(),
            gap,
            others,
        )
    ]
    return np.stack(
        [np.asarray(points["fact_id"].fillna("").astype(str).tolist(), dtype=object), np.asarray(hover, dtype=object)],
        axis=-1,
    )


def _period_ticks(fig: go.Figure, series: pd.DataFrame) -> None:
    """Few periods: one tick per period, labelled as the period (2024年第一季度)."""
    periods = series.drop_duplicates("x").sort_values("x")
    single = series["granularity"].dropna().nunique() <= 1 if "granularity" in series else False
    if single and len(periods) <= MAX_PERIOD_TICKS:
        fig.update_xaxes(tickvals=list(periods["x"]), ticktext=list(periods["period_label"].str.replace("（无报道）", "")))
    else:
        fig.update_xaxes(tickformat=_tickformat(series))


def _tickformat(series: pd.DataFrame) -> str:
    granularity = set(series["granularity"]) if "granularity" in series else set()
    basis = set(series["basis"])
    if basis <= {"annual"} or granularity == {"year"}:
        return "%Y年"
    return "%Y年%-m月"


def _palette() -> list[str]:
    import plotly.express as px

    return list(px.colors.qualitative.D3) + list(px.colors.qualitative.Set2)


def _style(fig: go.Figure, title: str = "", height: int = CHART_HEIGHT, note: bool = True) -> go.Figure:
    """Fonts, margins, legend under the plot, the source note as the title's subtitle."""
    fig.update_layout(
        title={
            "text": html.escape(title) if title else "",
            "subtitle": {"text": SOURCE_NOTE if note else "", "font": {"size": 11, "color": "#777"}},
            "x": 0,
            "xanchor": "left",
        },
        font={"family": FONT_FAMILY, "size": 13},
        height=height,
        margin={"l": 60, "r": 20, "t": 80 if (title or note) else 30, "b": 40},
        legend={"orientation": "h", "y": -0.12, "x": 0, "yanchor": "top"},
        hoverlabel={"font": {"family": FONT_FAMILY}, "align": "left"},
        template="plotly_white",
        separators=".,",
    )
    return fig
