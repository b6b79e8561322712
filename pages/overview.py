"""总览: headline cards, a timeline of every fact by topic, and what the data covers."""

import streamlit as st

from ui import data, state, widgets
from ui.charts import DOTS_UP_TO, timeline_figure
from ui.exports import csv_bytes
from ui.queries import FilterSpec, coverage, filter_facts, headline_cards, provenance, timeline_frame

state.require_entry()

st.title("总览")
st.caption(f"主题：{state.topics_caption()}")

facts = data.facts()
view = filter_facts(facts, FilterSpec(topics=state.selected_topics()))

cov = coverage(view, data.documents(), data.articles())
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

if view.empty:
    widgets.no_data()
    st.stop()

st.subheader("关键指标")
cards = headline_cards(view)
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
                widgets.provenance_panel(provenance(view, card.fact_id))
                if card.previous_fact_id:
                    st.caption(f"变化相对于上一期（{card.previous_label}）的报道，请核实两者口径一致：")
                    widgets.provenance_panel(provenance(view, card.previous_fact_id))

st.subheader("数据时间轴")
st.caption(
    "每个点是一条数据，按文章日期排列；点击查看原文句子。"
    if len(view) <= DOTS_UP_TO
    else f"数据较多（{len(view)} 条），按月统计条数；在“数据明细”中可查看每条数据的出处。"
)
timeline = timeline_frame(view)
fig = timeline_figure(timeline, title=f"数据时间轴（{state.topics_caption()}）")
picked = widgets.show_chart(fig, key="overview_timeline", file_stem=f"数据时间轴_{state.topics_caption()}")
widgets.provenance_panel(provenance(view, picked) if picked else None)
widgets.chart_downloads(
    fig,
    lambda: csv_bytes(timeline[["topic_label", "indicator", "subject", "value_label", "period_label", "article_date",
                                "article_title", "sentence", "fact_id"]]),
    stem=f"数据时间轴_{state.topics_caption()}",
    key="dl_timeline",
)
