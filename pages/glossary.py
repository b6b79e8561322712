"""指标说明: what each indicator means, its unit and kind (from the indicator metadata)."""

import streamlit as st

from ui import data, state, widgets
from ui.exports import table_csv
from ui.indicators import glossary_frame
from ui.queries import FilterSpec, filter_facts

state.require_entry()

st.title("指标说明")
st.caption(
    "指标名称、单位与口径来自抽取程序的指标表。“时点值”是某一天的存量（如在孵企业数），"
    "“期间累计值”是一段时间的发生额（如一季度完成投资），二者不会画在同一条线上。"
)
facts = filter_facts(data.facts(), FilterSpec(topics=state.selected_topics()))
meta = data.indicator_meta()
if state.selected_topics():
    meta = {k: v for k, v in meta.items() if v.topic in state.selected_topics()}
table = glossary_frame(facts, meta)
if table.empty:
    widgets.no_data("没有可以说明的指标。")
    st.stop()
st.dataframe(table, hide_index=True, column_config={"说明": st.column_config.TextColumn(width="large")})
st.download_button(
    "下载指标说明（CSV）", data=lambda: table_csv(table), file_name="指标说明.csv", mime="text/csv",
    on_click="ignore", key="dl_glossary", icon=":material/download:",
)
