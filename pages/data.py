"""数据明细: the fact table with filters, CSV and XLSX downloads."""

import streamlit as st

from ui import data, state, widgets
from ui.format import STATUS_LABELS
from ui.queries import FilterSpec, filter_facts, options, values_of, year_bounds

state.require_entry()

st.title("数据明细")
facts = data.facts()
view = filter_facts(facts, FilterSpec(topics=state.selected_topics()))
if view.empty:
    widgets.no_data()
    st.stop()

c1, c2, c3 = st.columns([2, 2, 1])
indicators = values_of(
    c1.multiselect("指标", options(view, "indicator"), key="indicator", bind="query-params", placeholder="全部指标")
)
subjects = values_of(
    c2.multiselect("主体", options(view, "subject"), key="subject", bind="query-params", placeholder="全部主体")
)
statuses = values_of(
    c3.pills("状态", list(STATUS_LABELS), format_func=lambda s: STATUS_LABELS[s], selection_mode="multi", key="status",
             bind="query-params")
)
c4, c5, c6 = st.columns([2, 2, 1])
bounds = year_bounds(view)
years: tuple[int, int] | None = None
if bounds and bounds[0] < bounds[1]:
    years = c4.select_slider(
        "年份", options=list(range(bounds[0], bounds[1] + 1)), value=bounds, key="years", bind="query-params"
    )
text = c5.text_input("搜索", key="q", bind="query-params", placeholder="指标、主体、标题或原句中的字词")
checked_only = c6.toggle("只看已核对", key="checked", bind="query-params")

spec = FilterSpec(
    topics=state.selected_topics(),
    indicators=indicators,
    subjects=subjects,
    statuses=statuses,
    year_from=years[0] if years and years != bounds else None,
    year_to=years[1] if years and years != bounds else None,
    text=text or "",
    checked_only=bool(checked_only),
)
rows = filter_facts(facts, spec)
st.caption(f"共 {len(rows)} 条（全部 {len(facts)} 条）。选中一行查看出处；黄色为抽取所得，“✔ 已核对”为人工核对过。")
if rows.empty:
    widgets.no_data("没有符合这些筛选条件的数据。")
    st.stop()

widgets.fact_list(rows, key="fact_table", hint=None)  # the caption above says how

filters = f"主题：{state.topics_caption()}；指标：{'、'.join(indicators) or '全部'}；主体：{'、'.join(subjects) or '全部'}"
widgets.table_downloads(rows, stem=f"数据明细_{state.topics_caption()}", key="dl_data", note=filters)
