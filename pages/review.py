"""核对: facts with their sentence, lowest confidence first; approve, edit or reject.

Every action is recorded with who did it; corrections overlay the extracted facts, so
every page shows the corrected value and marks it as checked.
"""

import streamlit as st

from ui import data, state, widgets
from ui.queries import FilterSpec, filter_facts, review_order, sentence_html

state.require_entry()

PAGE_SIZE = 10
FIELD_LABELS = {"value": "数值", "unit": "单位", "indicator": "指标", "subject": "主体", "period": "期间（如 2024、2024-Q1、2024-06、2024-06-30）"}


def _who() -> str:
    return (st.session_state.get("reviewer") or "").strip()


def _approve(fact_id: str) -> None:
    data.approve(fact_id, _who())
    st.session_state["review_message"] = ("success", "已标记为核对通过。")


def _reject(fact_id: str) -> None:
    data.reject(fact_id, _who(), st.session_state.get(f"note_{fact_id}", ""))
    st.session_state["review_message"] = ("success", "已删除该条数据（可在修改记录中查到）。")


def _edit(fact_id: str, original: dict) -> None:
    changed = []
    note = st.session_state.get(f"note_{fact_id}", "")
    try:
        for field in FIELD_LABELS:
            new = str(st.session_state.get(f"edit_{field}_{fact_id}", "")).strip()
            if new != original[field]:
                data.correct(fact_id, field, new or None, _who(), note)
                changed.append(FIELD_LABELS[field].split("（")[0])
    except data.StoreError as exc:
        st.session_state["review_message"] = ("error", f"未能保存：{exc}")
        return
    message = f"已修改：{'、'.join(changed)}。" if changed else "没有改动。"
    st.session_state["review_message"] = ("success", message)


st.title("核对")
st.caption("按置信度从低到高列出抽取到的数据。核对通过、修改或删除后，所有页面立即使用核对后的数值，并标记为“已核对”。")

who = st.text_input(
    "核对人", key="reviewer", placeholder="请先填写姓名，操作会记录在修改记录中", persist_state="session"
)
message = st.session_state.pop("review_message", None)
if message:
    (st.error if message[0] == "error" else st.success)(message[1])

facts = filter_facts(data.facts(), FilterSpec(topics=state.selected_topics()))
if facts.empty:
    widgets.no_data("没有需要核对的数据。")
    st.stop()

only_open = st.toggle("只看未核对", value=True, key="open_only")
queue = review_order(facts[~facts["checked"]] if only_open else facts)
st.caption(f"待核对 {int((~facts['checked']).sum())} 条，已核对 {int(facts['checked'].sum())} 条。")
if queue.empty:
    st.success("当前主题下的数据都已核对。", icon="✅")
    st.stop()

pages = max(1, -(-len(queue) // PAGE_SIZE))
page = st.pagination(pages, key="review_page") if pages > 1 else 1
for r in queue.iloc[(page - 1) * PAGE_SIZE : page * PAGE_SIZE].itertuples(index=False):
    fid = r.fact_id
    with st.container(border=True):
        badges = ("　✔ 已核对" if r.checked else "") + (f"　✎ 改过：{r.corrected_fields}" if r.corrected_fields else "")
        st.markdown(
            f"**{widgets.md_escape(r.indicator)}｜{widgets.md_escape(r.subject)}：{widgets.md_escape(r.value_label)}**　"
            f"{r.period_label}　{r.status_label}　置信度 {r.confidence:.2f}{badges}"
        )
        s = sentence_html(r.sentence, int(r.start) - int(r.sentence_start), int(r.end) - int(r.sentence_start))
        st.markdown(f'<div class="src-sentence">{s}</div>', unsafe_allow_html=True)
        st.caption(f"《{r.article_title or '无标题'}》　{r.article_date or '日期未注明'}　{r.doc}")
        c1, c2, c3 = st.columns([1, 1, 4])
        c1.button("核对通过", key=f"ok_{fid}", on_click=_approve, args=(fid,), disabled=not who, type="primary")
        c2.button("删除", key=f"rej_{fid}", on_click=_reject, args=(fid,), disabled=not who)
        c3.text_input("备注", key=f"note_{fid}", label_visibility="collapsed", placeholder="备注（可选）")
        original = {
            "value": f"{r.value:g}", "unit": r.unit, "indicator": r.indicator, "subject": r.subject,
            "period": r.period or "",
        }
        with st.expander("修改"):
            with st.form(f"form_{fid}", border=False):
                for field, label in FIELD_LABELS.items():
                    st.text_input(label, value=original[field], key=f"edit_{field}_{fid}")
                st.form_submit_button("保存修改", on_click=_edit, args=(fid, original), disabled=not who)
        with st.expander("修改记录"):
            history = data.fact_history(fid)
            st.dataframe(
                history[["at", "who", "action_label", "field_label", "old_value", "new_value", "note"]].rename(
                    columns={"at": "时间（UTC）", "who": "操作人", "action_label": "操作", "field_label": "字段",
                             "old_value": "原值", "new_value": "新值", "note": "备注"}
                ).astype(str),
                hide_index=True,
            )

orphans = data.orphaned_corrections()
if not orphans.empty:
    with st.expander(f"找不到对应数据的核对记录（{len(orphans)} 条）"):
        st.caption("文章重新抽取后，这些人工修改找不到原来的数据。请核实后处理。")
        st.dataframe(orphans[["doc", "action_label", "indicator", "value", "unit", "subject", "sentence", "who", "at"]],
                     hide_index=True)
