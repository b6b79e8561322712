"""Streamlit entry: `streamlit run dashboard.py`.

Page config, navigation and the shared sidebar (topic filter bound to the URL, the note
that the figures are news reports, not official statistics). Everything else lives in
`pages/` (thin views) and `ui/` (queries, charts, cached data access).
"""

from __future__ import annotations

import streamlit as st

from ui import data, state, widgets

st.set_page_config(page_title="高新区经济数据看板", page_icon="📊", layout="wide")

PAGES = {
    "看数据": [
        st.Page("pages/overview.py", title="总览", icon=":material/dashboard:", url_path="overview", default=True),
        st.Page("pages/trends.py", title="指标趋势", icon=":material/show_chart:", url_path="trends"),
        st.Page("pages/projects.py", title="项目台账", icon=":material/construction:", url_path="projects"),
        st.Page("pages/data.py", title="数据明细", icon=":material/table_view:", url_path="data"),
        st.Page("pages/sources.py", title="原文", icon=":material/article:", url_path="sources"),
        st.Page("pages/glossary.py", title="指标说明", icon=":material/menu_book:", url_path="glossary"),
    ],
    "管数据": [
        st.Page("pages/upload.py", title="导入文章", icon=":material/upload_file:", url_path="upload"),
        st.Page("pages/review.py", title="核对", icon=":material/fact_check:", url_path="review"),
    ],
}

page = st.navigation(PAGES)
widgets.inject_css()

with st.sidebar:
    st.markdown("### 高新区经济数据看板")
    state.topic_filter()
    st.info(state.NOTE, icon=":material/info:")
    seeded, error = data.seed_status()
    if error:
        st.warning(f"示例数据未能导入：{error}", icon="⚠️")

state.run_page(page)
