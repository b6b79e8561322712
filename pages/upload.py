"""导入文章: upload news files; each gives its facts or a clear error; every page updates."""

import pandas as pd
import streamlit as st

from ui import data, state

state.require_entry()

STATUS_WORDS = {"added": "新增", "updated": "已更新", "unchanged": "未变", "failed": "失败"}

st.title("导入文章")
st.caption(
    f"支持 {'、'.join('.' + s for s in data.UPLOAD_SUFFIXES)} 文件，单个文件不超过 {data.MAX_UPLOAD_MB} MB；"
    "可一次选择多个文件。同一文件重复导入不会产生重复数据，导入后所有页面立即显示新数据。"
)

files = st.file_uploader(
    "选择新闻稿文件",
    type=list(data.UPLOAD_SUFFIXES),
    accept_multiple_files=True,
    max_upload_size=data.MAX_UPLOAD_MB,
    key="upload_files",
)

if st.button("开始导入", type="primary", disabled=not files, key="upload_go"):
    bar = st.progress(0.0, text="准备导入……")
    outcomes = []
    for i, f in enumerate(files):
        bar.progress(i / len(files), text=f"正在处理 {f.name}（{i + 1}/{len(files)}）")
        outcomes.append(data.ingest(f.name, f.getvalue()))
    bar.progress(1.0, text="导入完成")
    st.session_state["upload_results"] = [
        {"文件": r.name, "结果": STATUS_WORDS.get(r.status, r.status), "数据条数": r.facts, "说明": r.message}
        for r in outcomes
    ]

results = st.session_state.get("upload_results")
if results:
    table = pd.DataFrame(results)
    added = int(table["数据条数"].sum())
    failed = int(table["结果"].str.contains("失败").sum())
    if failed:
        st.warning(f"{len(table)} 个文件中有 {failed} 个未能导入，原因见下表。", icon="⚠️")
    else:
        st.success(f"已处理 {len(table)} 个文件，新增或更新 {added} 条数据。", icon="✅")
    st.dataframe(table, hide_index=True, column_config={"说明": st.column_config.TextColumn(width="large")})
    st.page_link("pages/review.py", label="去核对新数据", icon=":material/fact_check:")

with st.expander("最近的导入记录"):
    log = data.ingest_log(limit=30)
    if log.empty:
        st.caption("还没有导入记录。")
    else:
        st.dataframe(
            log.assign(结果=log["status"].map(STATUS_WORDS))[["at", "name", "结果", "facts", "message"]].rename(
                columns={"at": "时间（UTC）", "name": "文件", "facts": "数据条数", "message": "说明"}
            ),
            hide_index=True,
        )
