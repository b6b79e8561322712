"""项目台账: every named project, its total investment, stages and the articles about it."""

import streamlit as st

from ui import data, state, widgets
from ui.charts import project_timeline_figure
from ui.exports import table_csv
from ui.queries import FilterSpec, fact_table, filter_facts, project_ledger

state.require_entry()

st.title("项目台账")
st.caption("报道中出现的具体项目：总投资、进展（签约、开工、在建、投产）及相关文章。选中一行查看该项目的全部数据。")

facts = data.facts()
view = filter_facts(facts, FilterSpec(topics=state.selected_topics()))
ledger, events = project_ledger(view, data.article_texts())
if ledger.empty:
    widgets.no_data("当前主题下的报道没有提到具体项目。")
    st.stop()

search = st.text_input("查找项目", key="proj", bind="query-params", placeholder="输入项目名称中的字词")
if search:
    ledger = ledger[ledger["项目"].str.contains(search, regex=False)]
    events = events[events["project"].str.contains(search, regex=False)]

st.caption(f"共 {len(ledger)} 个项目")
selection = st.dataframe(
    ledger,
    hide_index=True,
    on_select="rerun",
    selection_mode="single-row",
    key="ledger_table",
    column_config={"相关文章": st.column_config.TextColumn(width="large")},
)
rows = selection.selection.rows if selection is not None else []
if rows:
    project = ledger.iloc[rows[0]]["项目"]
    st.markdown(f"#### {project}")
    st.dataframe(fact_table(view[view["subject"] == project]), hide_index=True)

st.download_button(
    "下载项目台账（CSV）", data=lambda: table_csv(ledger), file_name="项目台账.csv", mime="text/csv",
    on_click="ignore", key="dl_ledger_csv", icon=":material/download:",
)

st.subheader("项目进展时间轴")
fig = project_timeline_figure(events, title="项目进展")
widgets.show_chart(fig, key="project_timeline", file_stem="项目进展时间轴")
widgets.chart_downloads(
    fig,
    lambda: table_csv(events.rename(columns={"project": "项目", "stage": "进展", "date": "日期",
                                             "article_title": "文章", "doc": "文档", "sentence": "原句"})
                      .drop(columns="stage_order")),
    stem="项目进展时间轴",
    key="dl_projects",
)
