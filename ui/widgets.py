"""Small page pieces used on several pages: provenance panel, download rows, empty states.

Pages stay a description of the UI; these keep the repeated layout in one place. All
downloads pass `on_click="ignore"` (no rerun) and, where the bytes cost something, a
callable, so the file is built only when someone clicks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ui import exports, queries
from ui.charts import chart_config, dated_filename

MARK_CSS = """
<style>
mark { background: #ffe08a; padding: 0 2px; border-radius: 3px; }
mark.checked { background: #b7e4c7; }
.src-text { line-height: 1.9; font-size: 0.95rem; max-height: 34rem; overflow-y: auto;
            padding: 0.6rem 0.9rem; border: 1px solid rgba(128,128,128,0.25); border-radius: 0.5rem; }
.src-sentence { line-height: 1.8; }
</style>
"""


def inject_css() -> None:
    """Styles for highlighted figures (yellow: extracted, green: checked by a person)."""
    st.markdown(MARK_CSS, unsafe_allow_html=True)


def no_data(message: str = "当前筛选条件下没有数据。") -> None:
    """A helpful empty state instead of an empty chart or an error."""
    st.info(f"{message}可以在左侧更换主题，或到“导入文章”页上传新闻稿。", icon="ℹ️")


def show_chart(fig: go.Figure, key: str, file_stem: str) -> str | None:
    """Draw a chart with click-to-select; return the fact id of a clicked point, if any."""
    event = st.plotly_chart(
        fig,
        key=key,
        on_select="rerun",
        selection_mode="points",
        config=chart_config(dated_filename(file_stem)),
    )
    points = getattr(getattr(event, "selection", None), "points", None) or []
    for point in points:
        custom = point.get("customdata") if isinstance(point, dict) else None
        if custom and custom[0]:
            return str(custom[0])
    return None


def provenance_panel(info: dict[str, Any] | None, hint: str = "点击图中的点，查看该数字的出处。") -> None:
    """Where a figure came from: document, article, date and the sentence, figure marked."""
    if info is None:
        st.caption(hint)
        return
    with st.container(border=True):
        badge = "　✔ 已人工核对" if info["checked"] else ""
        st.markdown(f"**{md_escape(info['indicator'])}｜{md_escape(info['subject'])}：{md_escape(info['value_label'])}**{badge}")
        st.caption(
            f"期间：{info['period_label']}　状态：{info['status_label']}　"
            f"文章：《{md_escape(info['article_title'])}》　日期：{info['article_date']}　文档：{md_escape(info['doc'])}"
        )
        st.markdown(f'<div class="src-sentence">{info["sentence_html"]}</div>', unsafe_allow_html=True)
        if info.get("corrected_fields"):
            st.caption(f"人工修改过的字段：{info['corrected_fields']}")


def fact_list(rows: pd.DataFrame, key: str, hint: str | None = "选中一行，查看该数字在原文中的出处。") -> None:
    """Facts as the Chinese table, each with its sentence; select a row for its source
    (`hint` is shown until one is selected)."""
    table = queries.fact_table(rows)
    selection = st.dataframe(
        table,
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        key=key,
        column_config={
            "原句": st.column_config.TextColumn(width="large"),
            "置信度": st.column_config.ProgressColumn(min_value=0.0, max_value=1.0, format="%.2f"),
            "编号": None,
            "文档": None,
        },
    )
    picked = selection.selection.rows if selection is not None else []
    if picked:
        provenance_panel(queries.provenance(rows, table.iloc[picked[0]]["编号"]))
    elif hint:
        st.caption(hint)


def chart_downloads(fig: go.Figure, data_csv: Callable[[], bytes], stem: str, key: str) -> None:
    """CSV of the chart's data, and PNG/SVG rendered on the server when a browser exists."""
    name = dated_filename(stem)
    cols = st.columns(3)
    cols[0].download_button(
        "下载图表数据（CSV）", data=data_csv, file_name=f"{name}.csv", mime="text/csv",
        key=f"{key}_csv", on_click="ignore", icon=":material/download:",
    )
    if exports.image_export_available():
        cols[1].download_button(
            "下载图片（PNG）", data=lambda: exports.figure_image(fig, "png"), file_name=f"{name}.png",
            mime="image/png", key=f"{key}_png", on_click="ignore", icon=":material/image:",
        )
        cols[2].download_button(
            "下载矢量图（SVG）", data=lambda: exports.figure_image(fig, "svg"), file_name=f"{name}.svg",
            mime="image/svg+xml", key=f"{key}_svg", on_click="ignore", icon=":material/image:",
        )
    else:
        cols[1].caption("服务器未安装浏览器，无法导出图片；请用图表右上角的相机按钮下载 PNG。")


def table_downloads(facts: pd.DataFrame, stem: str, key: str, note: str = "") -> None:
    """The facts behind a view as CSV (UTF-8 with BOM) and XLSX (a sheet per topic)."""
    name = dated_filename(stem)
    cols = st.columns(2)
    cols[0].download_button(
        "下载 CSV", data=lambda: exports.facts_csv(facts), file_name=f"{name}.csv", mime="text/csv",
        key=f"{key}_csv", on_click="ignore", icon=":material/download:",
    )
    cols[1].download_button(
        "下载 Excel（按主题分表）", data=lambda: exports.facts_xlsx(facts, note), file_name=f"{name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx", on_click="ignore", icon=":material/table:",
    )


def md_escape(text: Any) -> str:
    """Escape Markdown and HTML in user-derived text shown through st.markdown."""
    out = str(text if text is not None else "")
    for ch in "\\`*_{}[]()#+-.!|<>$~":
        out = out.replace(ch, "\\" + ch)
    return out
