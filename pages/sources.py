"""原文: each document and news item with its figures highlighted; select an item for its facts."""

import streamlit as st

from ui import data, state, widgets
from ui.queries import FilterSpec, article_spans, fact_table, filter_facts, highlight_html

state.require_entry()

st.title("原文")
st.caption("黄色标出抽取到的数字（悬停可见指标与数值），绿色为人工核对过的数字。选中一条新闻查看它的全部数据。")

documents = data.documents()
if documents.empty:
    widgets.no_data("还没有导入任何文档。")
    st.stop()

facts = filter_facts(data.facts(), FilterSpec(topics=state.selected_topics()))
names = list(documents["name"])
with_facts = set(facts["doc"]) if not facts.empty else set()
doc = st.selectbox(
    "文档",
    names,
    key="doc",
    bind="query-params",
    format_func=lambda n: f"{n}（{'有' if n in with_facts else '无'}相关数据）",
)
if doc is None:
    st.stop()

text = data.document_text(doc)
articles = data.articles()
items = articles[articles["doc"] == doc].reset_index(drop=True)
doc_facts = facts[facts["doc"] == doc] if not facts.empty else facts

left, right = st.columns([2, 3])
with left:
    st.markdown("**新闻条目**")
    counts = doc_facts.groupby("article_index").size() if not doc_facts.empty else {}
    listing = items.assign(
        数据=[int(counts.get(i, 0)) if len(counts) else 0 for i in items["article_index"]],
        标题=items["title"].replace("", "（无标题）"),
        日期=items["date"].fillna("未注明"),
    )[["标题", "日期", "数据"]]
    selection = st.dataframe(
        listing, hide_index=True, on_select="rerun", selection_mode="single-row", key="article_table"
    )
    rows = selection.selection.rows if selection is not None else []

with right:
    if rows:
        item = items.iloc[rows[0]]
        start, end = int(item["start"]), int(item["end"])
        shown = doc_facts[doc_facts["article_index"] == int(item["article_index"])]
        st.markdown(f"**{item['title'] or '（无标题）'}**")
    else:
        start, end = 0, len(text)
        shown = doc_facts
        st.markdown(f"**全文：{doc}**")
    body = highlight_html(text[start:end], article_spans(shown), offset=start)
    st.markdown(f'<div class="src-text">{body}</div>', unsafe_allow_html=True)

st.subheader("本条数据" if rows else "本文档数据")
if shown.empty:
    st.caption("这里没有抽取到属于当前主题的数据。")
else:
    st.dataframe(fact_table(shown), hide_index=True, column_config={"编号": None, "文档": None})
