"""指标趋势: chosen indicators over their reference period, plan against actual."""

import streamlit as st

from ui import data, state, widgets
from ui.charts import plan_actual_figure, trend_figure
from ui.exports import series_csv, table_csv
from ui.format import format_number
from ui.indicators import KIND_LABELS
from ui.queries import (
    FilterSpec,
    MAX_PAIRS,
    build_series,
    chartable_indicators,
    dropped_series,
    filter_facts,
    options,
    plan_vs_actual,
    provenance,
    scale_series,
    top_pairs,
    values_of,
)

state.require_entry()

CHARTS = {"line": "折线图", "bar": "柱状图"}

st.title("指标趋势")
facts = data.facts()
view = filter_facts(facts, FilterSpec(topics=state.selected_topics()))
if view.empty:
    widgets.no_data()
    st.stop()

indicator_options = chartable_indicators(view)
left, mid, right = st.columns([3, 3, 2])
indicators = values_of(
    left.multiselect(
        "指标", indicator_options, default=indicator_options[:1], key="ind", bind="query-params",
        placeholder="选择一个或多个指标",
    )
)
subject_options = options(view[view["indicator"].isin(indicators)], "subject")
subjects = values_of(
    mid.multiselect("主体", subject_options, key="subj", bind="query-params", placeholder="全部主体")
)
chart = right.segmented_control(
    "图形", list(CHARTS), format_func=lambda c: CHARTS[c], default="line", key="chart", bind="query-params"
) or "line"

if not indicators:
    st.info("请先选择至少一个指标。", icon="ℹ️")
    st.stop()

meta = data.indicator_meta()
for name in indicators:
    info = meta.get(name)
    if info is not None:
        st.caption(f"**{name}**（{KIND_LABELS.get(info.kind, '')}，{info.unit}）：{info.description}")

chosen = filter_facts(view, FilterSpec(indicators=indicators, subjects=subjects))
series = build_series(chosen)
title = "、".join(indicators)
fig = trend_figure(series, chart=chart, title=f"{title}（{state.topics_caption()}）")
picked = widgets.show_chart(fig, key="trend_chart", file_stem=f"指标趋势_{title}")
widgets.provenance_panel(provenance(view, picked) if picked else None)

notes = []
undated = int(chosen["x"].isna().sum())
if undated:
    notes.append(f"{undated} 条数据没有注明期间，未画入图中（可在“数据明细”查看）")
hidden = dropped_series(chosen)
if hidden:
    notes.append(f"另有 {len(hidden)} 条序列未画出，请用“主体”缩小范围")
notes.append("实线为实际值，虚线空心点为计划值；口径不同（年度、季度、年内累计、截至某日）的数字分成不同的线，缺少报道的期间留空")
st.caption("；".join(notes) + "。")

scaled, units = scale_series(series) if not series.empty else (series, {})
widgets.chart_downloads(fig, lambda: series_csv(series, units), stem=f"指标趋势_{title}", key="dl_trend")

st.subheader("计划与完成")
pairs = plan_vs_actual(view if not subjects else view[view["subject"].isin(subjects)])
if pairs.empty:
    st.caption("当前主题下没有同一主体、同一年份的计划数与完成数可以对照（例如“年度计划投资”与“完成投资”）。")
else:
    pa_fig = plan_actual_figure(top_pairs(pairs), title="计划与完成对照")
    if len(pairs) > MAX_PAIRS:
        st.caption(f"图中为最近年份、计划额最大的 {MAX_PAIRS} 组，表中列出全部 {len(pairs)} 组。")
    picked_pa = widgets.show_chart(pa_fig, key="plan_chart", file_stem="计划与完成对照")
    widgets.provenance_panel(provenance(view, picked_pa) if picked_pa else None, hint="点击柱子查看出处。")
    table = pairs.assign(
        完成率=pairs["rate"].map(lambda r: f"{format_number(r, 1)}%"),
        报道完成率=pairs["reported_rate"].map(lambda r: f"{format_number(r, 1)}%" if r == r else ""),
    ).rename(
        columns={"subject": "主体", "year": "年份", "plan_indicator": "计划指标", "plan_label": "计划",
                 "actual_indicator": "完成指标", "actual_label": "完成", "actual_period_label": "完成截至"}
    )[["主体", "年份", "计划指标", "计划", "完成指标", "完成", "完成截至", "完成率", "报道完成率"]]
    st.dataframe(table, hide_index=True)
    widgets.chart_downloads(pa_fig, lambda: table_csv(table), stem="计划与完成对照", key="dl_plan")
