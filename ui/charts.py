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
from plotly.subplots import make_subplots

from ui.format import TOPIC_LABELS, UNIT_CLASS_LABELS, choose_scale, format_number
from ui.queries import STAGES, scale_series

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
WEBGL_ABOVE = 3000  # points; SVG scatter gets slow beyond this
CHART_HEIGHT = 460


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
    """
    if series.empty or series["value_std"].notna().sum() == 0:
        return empty_figure("所选条件下没有带期间的数据")
    scaled, units = scale_series(series)
    classes = [u for u in UNIT_CLASS_LABELS if u in units]
    fig = make_subplots(
        rows=len(classes), cols=1, shared_xaxes=True, vertical_spacing=0.08 if len(classes) > 1 else 0.02
    )
    palette = _palette()
    for i, (key, points) in enumerate(scaled.groupby("series", sort=False)):
        first = points.iloc[0]
        row = classes.index(str(first["unit_std"])) + 1
        color = palette[i % len(palette)]
        plan = first["status"] == "plan"
        custom = _customdata(points)
        common = {
            "x": points["x"],
            "y": points["y"],
            "name": str(first["series_label"]),
            "legendgroup": str(key),
            "customdata": custom,
            "hovertemplate": _HOVER,
        }
        if chart == "bar":
            trace: go.BaseTraceType = go.Bar(
                marker={"color": color, "pattern": {"shape": "/" if plan else ""}},
                opacity=0.65 if plan else 1.0,
                **common,
            )
        else:
            trace = go.Scatter(
                mode="lines+markers",
                connectgaps=False,
                line={"color": color, "width": 2, "dash": "dash" if plan else "solid"},
                marker={"size": 8, "symbol": "circle-open" if plan else "circle", "color": color},
                **common,
            )
        fig.add_trace(trace, row=row, col=1)
    for row, unit_std in enumerate(classes, start=1):
        fig.update_yaxes(
            title_text=f"{UNIT_CLASS_LABELS[unit_std]}（{units[unit_std]}）",
            rangemode="tozero" if chart == "bar" else "normal",
            autorange="reversed" if unit_std == "rank" else True,
            row=row,
            col=1,
        )
    fig.update_xaxes(tickformat=_tickformat(series), hoverformat="%Y-%m-%d")
    if chart == "bar":
        fig.update_layout(barmode="group")
    height = CHART_HEIGHT + 220 * (len(classes) - 1)
    return _style(fig, title=title, height=height)


def plan_actual_figure(pairs: pd.DataFrame, title: str = "") -> go.Figure:
    """Plan and actual bars side by side per subject and year, completion rate on top."""
    if pairs.empty:
        return empty_figure("没有可以对照的计划与完成数据")
    scales = {
        str(u): choose_scale(list(rows["plan"]) + list(rows["actual"]), str(u))
        for u, rows in pairs.groupby("unit_std")
    }
    classes = [u for u in UNIT_CLASS_LABELS if u in scales]
    fig = make_subplots(rows=len(classes), cols=1, vertical_spacing=0.15)
    for row, unit_std in enumerate(classes, start=1):
        rows = pairs[pairs["unit_std"] == unit_std]
        x = [f"{wrap(s, 14)}<br>{y}年" for s, y in zip(rows["subject"], rows["year"])]
        div = scales[unit_std].divisor
        fig.add_trace(
            go.Bar(
                x=x,
                y=rows["plan"] / div,
                name="计划",
                marker={"color": "#c6dbef", "pattern": {"shape": "/"}},
                customdata=np.stack(
                    [rows["plan_fact_id"], rows["plan_label"], rows["plan_indicator"], rows["plan_sentence"].map(wrap)],
                    axis=-1,
                ),
                hovertemplate="<b>%{customdata[2]}</b>：%{customdata[1]}<br>%{customdata[3]}<extra>计划</extra>",
                legendgroup="plan",
                showlegend=row == 1,
            ),
            row=row,
            col=1,
        )
        rate_text = [
            f"完成{format_number(r, 1)}%" if np.isfinite(r) else "" for r in rows["rate"].astype(float)
        ]
        fig.add_trace(
            go.Bar(
                x=x,
                y=rows["actual"] / div,
                name="完成",
                marker={"color": "#08519c"},
                text=rate_text,
                textposition="outside",
                customdata=np.stack(
                    [
                        rows["actual_fact_id"],
                        rows["actual_label"],
                        rows["actual_indicator"],
                        rows["actual_sentence"].map(wrap),
                        rows["actual_period_label"],
                    ],
                    axis=-1,
                ),
                hovertemplate=(
                    "<b>%{customdata[2]}</b>：%{customdata[1]}（%{customdata[4]}）<br>%{customdata[3]}<extra>完成</extra>"
                ),
                legendgroup="actual",
                showlegend=row == 1,
            ),
            row=row,
            col=1,
        )
        fig.update_yaxes(title_text=f"{UNIT_CLASS_LABELS[unit_std]}（{scales[unit_std].unit}）", row=row, col=1)
    fig.update_layout(barmode="group")
    return _style(fig, title=title, height=CHART_HEIGHT + 200 * (len(classes) - 1))


def timeline_figure(facts: pd.DataFrame, title: str = "") -> go.Figure:
    """Every fact as a dot on the time axis, one row per topic (`queries.timeline_frame`)."""
    if facts.empty:
        return empty_figure("还没有可以排在时间轴上的数据")
    fig = go.Figure()
    large = len(facts) > WEBGL_ABOVE
    rng = np.random.default_rng(0)  # fixed jitter: the same data draws the same picture
    topics = [t for t in TOPIC_LABELS if t in set(facts["topic"])]
    for i, topic in enumerate(topics):
        rows = facts[facts["topic"] == topic]
        y = i + rng.uniform(-0.25, 0.25, len(rows))
        trace_cls = go.Scattergl if large else go.Scatter
        fig.add_trace(
            trace_cls(
                x=rows["when"],
                y=y,
                mode="markers",
                name=TOPIC_LABELS[topic],
                marker={"color": TOPIC_COLORS.get(topic, "#888"), "size": 6 if large else 9, "opacity": 0.7},
                customdata=_customdata(rows) if not large else rows[["fact_id", "value_label", "indicator"]].to_numpy(),
                hovertemplate=_HOVER if not large else "%{customdata[2]}：%{customdata[1]}<extra></extra>",
            )
        )
    fig.update_yaxes(
        tickvals=list(range(len(topics))), ticktext=[TOPIC_LABELS[t] for t in topics], range=[-0.6, len(topics) - 0.4]
    )
    fig.update_xaxes(tickformat="%Y年%-m月")
    return _style(fig, title=title, height=max(300, 70 * len(topics) + 160))


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
    fig.update_xaxes(tickformat="%Y年%-m月")
    return _style(fig, title=title, height=max(320, 36 * len(projects) + 180))


# --- internals ----------------------------------------------------------------------------

_HOVER = (
    "<b>%{customdata[1]}</b>　%{customdata[2]}<br>"
    "主体：%{customdata[3]}<br>"
    "%{customdata[4]}<br>"
    "<i>%{customdata[5]}（%{customdata[6]}）</i>"
    "<extra>%{fullData.name}</extra>"
)


def _customdata(points: pd.DataFrame) -> np.ndarray:
    """[fact_id, value, period, subject, sentence, title, date] per point, escaped."""
    gap = points["gap"].fillna(False).astype(bool) if "gap" in points else pd.Series(False, index=points.index)
    return np.stack(
        [
            points["fact_id"].fillna("").astype(str),
            points["value_label"].fillna("").astype(str).map(html.escape),
            points["period_label"].fillna("").astype(str),
            points["subject"].fillna("").astype(str).map(html.escape),
            np.where(gap, "该期间没有报道", points["sentence"].fillna("").map(wrap)),
            points["article_title"].fillna("").astype(str).map(lambda t: wrap(t, 40)),
            points["article_date"].fillna("").astype(str),
        ],
        axis=-1,
    )


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
    fig.update_layout(
        title={"text": html.escape(title), "x": 0, "xanchor": "left"} if title else None,
        font={"family": FONT_FAMILY, "size": 13},
        height=height,
        margin={"l": 60, "r": 20, "t": 60 if title else 30, "b": 110 if note else 30},
        legend={"orientation": "h", "y": -0.18, "x": 0, "yanchor": "top"},
        hoverlabel={"font": {"family": FONT_FAMILY}, "align": "left"},
        template="plotly_white",
        separators=".,",
    )
    if note:
        fig.add_annotation(
            text=SOURCE_NOTE, xref="paper", yref="paper", x=0, y=-0.02, yshift=-95, showarrow=False,
            xanchor="left", yanchor="top", font={"size": 11, "color": "#777"},
        )
    return fig
