"""总览: headline cards, a timeline of every fact by topic, and what the data covers.

Served from the store's counts (`data.fact_counts`, SQL), not from every fact: the cards
need the facts of their few indicators only, and the timeline above DOTS_UP_TO facts is
counts per month and topic. The timeline is drawn before the cards are computed (they
fill a container placed above it), so the browser loads the chart library meanwhile.
"""

import streamlit as st

from ui import data, state, widgets
from ui.charts import DOTS_UP_TO, timeline_counts_figure, timeline_figure
from ui.exports import csv_bytes
from ui.format import topic_label
from ui.queries import (
    CARD_COUNT_KEYS,
    COUNT_KEYS,
    FilterSpec,
    card_indicators,
    coverage_from_counts,
    filter_facts,
    headline_cards,
    parse_bucket,
    provenance,
    timeline_bucket,
    timeline_counts,
    timeline_frame,
)

state.require_entry()

st.title("总览")
st.caption(f"主题：{state.topics_caption()}")

topics = state.selected_topics()
counts = data.fact_counts(COUNT_KEYS, topics)
cov = coverage_from_counts(counts, len(data.documents()), len(data.articles()))
cols = st.columns(5)
cols[0].metric("文档", cov["documents"])
cols[1].metric("新闻条目", cov["articles"])
cols[2].metric("数据条数", cov["facts"])
cols[3].metric("已人工核对", cov["checked"])
cols[4].metric(
    "时间范围",
    f"{cov['first'][:4]}—{cov['last'][:4]}" if cov["first"] else "—",
    help=f"最早 {cov['first']}，最晚 {cov['last']}（按文章日期）" if cov["first"] else None,
)

if cov["facts"] == 0:
    widgets.no_data()
    st.stop()

cards_area = st.container()  # filled after the timeline, see the module docstring

st.subheader("数据时间轴")
stem = f"数据时间轴_{state.topics_caption()}"
title = f"数据时间轴（{state.topics_caption()}）"
if cov["facts"] <= DOTS_UP_TO:
    st.caption("每个点是一条数据，按文章日期排列；点击查看原文句子。")
    view = filter_facts(data.facts(), FilterSpec(topics=topics))
    timeline = timeline_frame(view)
    fig = timeline_figure(timeline, title=title)
    table = timeline[["topic_label", "indicator", "subject", "value_label", "period_label", "article_date",
                      "article_title", "sentence", "fact_id"]]
else:
    st.caption(f"数据较多（{cov['facts']} 条），按月统计条数；点击柱子，列出该月该主题的每条数据及其原句。")
    view = None
    monthly = timeline_counts(counts)
    fig = timeline_counts_figure(monthly, title=title)
    table = monthly.assign(topic=monthly["topic"].map(topic_label), month=monthly["month"].dt.strftime("%Y-%m")).rename(
        columns={"month": "月份", "topic": "主题", "n": "数据条数"}
    )[["月份", "主题", "数据条数"]]
picked = widgets.show_chart(fig, key="overview_timeline", file_stem=stem)
bucket = parse_bucket(picked)
if bucket is not None:
    topic, month = bucket
    rows = timeline_bucket(data.facts_subset(topics=(topic,)), topic, month)
    st.markdown(f"**{month.year}年{month.month}月 · {topic_label(topic)}：{len(rows)} 条数据**")
    widgets.fact_list(rows, key="overview_bucket")
elif view is not None:
    widgets.provenance_panel(provenance(view, picked) if picked else None)
widgets.chart_downloads(fig, lambda: csv_bytes(table), stem=stem, key="dl_timeline")

with cards_area:
    st.subheader("关键指标")
    card_names = card_indicators(data.fact_counts(CARD_COUNT_KEYS, topics))
    card_facts = data.facts_subset(topics=topics, indicators=card_names) if card_names else None
    cards = headline_cards(card_facts) if card_facts is not None else []
    if not cards:
        st.caption("还没有注明期间的数据，无法给出最新值。")
    for row_start in range(0, len(cards), 3):
        for col, card in zip(st.columns(3), cards[row_start : row_start + 3]):
            with col.container(border=True):
                st.metric(
                    f"{card.indicator}（{card.subject}）",
                    card.value_label,
                    delta=f"较{card.previous_label} {card.delta_label}" if card.delta_label else None,
                    delta_color="off" if card.indicator.startswith("排名") else "normal",
                    help=f"原文：{card.sentence}",
                )
                checked = "　✔ 已核对" if card.checked else ""
                reports = f"共 {card.points} 期报道" if card.points > 1 else "仅一期报道"
                st.caption(f"{card.period_label}　{reports}{checked}")
                with st.popover("查看出处", icon=":material/format_quote:"):
                    widgets.provenance_panel(provenance(card_facts, card.fact_id))
                    if card.previous_fact_id:
                        st.caption(f"变化相对于上一期（{card.previous_label}）的报道，请核实两者口径一致：")
                        widgets.provenance_panel(provenance(card_facts, card.previous_fact_id))

# Last: the page is drawn; fill the all-facts cache so that the next filter change (here
# or on another page) does not wait for the store.
data.warm_facts()
