"""View state shared by every page, bound to the URL so a link reproduces the view.

Widgets use Streamlit 1.67's `bind="query-params"`: the widget key is the query parameter
and the value is the option as shown (`?topic=投资&topic=住房`, `?chart=柱状图`), a default
value keeps it out of the URL, and an unknown value in a hand-edited link is dropped rather
than raising. The overview is the root page ("/"); the others are /trends, /projects,
/data, /sources, /glossary, /upload and /review.

Query parameters (one name per concern, shared by pages where the meaning is the same):
    topic   sidebar topic filter (repeatable)
    ind, subj, chart            Trends: indicators, subjects (repeatable), line | bar
    indicator, subject, status,
    years, q, checked           Data: filters, year range, text search, checked only
    proj                        Projects: project name search
    doc                         Sources: document
"""

from __future__ import annotations

import runpy
import threading
from pathlib import Path
from typing import Any

import streamlit as st

from extract.fact import TOPICS
from ui.format import topic_label
from ui.queries import values_of

ENTRY_SCRIPT = Path(__file__).resolve().parent.parent / "dashboard.py"
TOPIC_KEY = "topic"
NOTE = "数据来自新闻报道中的数字，并非官方统计；每个数字都可追溯到原文句子。"


def topic_filter() -> tuple[str, ...]:
    """Render the sidebar topic filter (in dashboard.py) and return the chosen topics."""
    chosen = st.sidebar.multiselect(
        "主题",
        options=list(TOPICS),
        format_func=topic_label,
        key=TOPIC_KEY,
        bind="query-params",
        placeholder="全部主题",
        help="选择一个或多个主题；不选即为全部。筛选条件保存在网址中，可复制链接分享。",
    )
    return values_of(chosen)


def selected_topics() -> tuple[str, ...]:
    """The topics chosen in the sidebar (empty = all), for pages."""
    return values_of(st.session_state.get(TOPIC_KEY))


def topics_caption() -> str:
    """"全部主题" or the chosen topics in Chinese, for titles and file names."""
    topics = selected_topics()
    return "、".join(topic_label(t) for t in topics) if topics else "全部主题"


# --- entry guard ---------------------------------------------------------------------------
# Streamlit still honours the legacy "pages/ folder" mode until the entry script has called
# st.navigation once in the process. Until then a deep link such as /trends?topic=housing
# runs pages/trends.py on its own: no sidebar, no page config. Each page therefore starts
# with `require_entry()`, which runs dashboard.py instead when the page was not started by
# it; dashboard.py then routes back to the same page through st.navigation.
_ENTRY = threading.local()  # one flag per script thread (sessions run concurrently)


def run_page(page: Any) -> None:
    """Run the page chosen by st.navigation (called once, at the end of dashboard.py)."""
    _ENTRY.active = True
    try:
        page.run()
    finally:
        _ENTRY.active = False


def require_entry() -> None:
    """First line of every page: make sure dashboard.py (sidebar, config) wraps it."""
    if getattr(_ENTRY, "active", False):
        return
    runpy.run_path(str(ENTRY_SCRIPT), run_name="__main__")
    st.stop()
