"""Downloads: fact tables as CSV (UTF-8 with BOM, so Excel opens Chinese correctly) and
XLSX (one sheet per topic, units in the headers), chart data as CSV, charts as PNG/SVG.

Server-side images use kaleido 1.x, which drives a real Chromium. When no browser is
installed `image_export_available()` is False and the pages point to the chart's own
modebar camera button instead (it renders in the reader's browser).
"""

from __future__ import annotations

import atexit
import importlib.util
import io
import os
import shutil
import threading
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ui.charts import SOURCE_NOTE
from ui.format import SCALES, UNIT_CLASS_LABELS, topic_label
from ui.queries import BASIS_LABELS

CSV_ENCODING = "utf-8-sig"  # the BOM tells Excel the file is UTF-8
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
IMAGE_SCALE = 2
IMAGE_WIDTH = 1100  # px before scaling; pages are wide, reports are A4

# Fact columns in the order and Chinese names of every table download.
EXPORT_COLUMNS: dict[str, str] = {
    "topic_label": "主题",
    "indicator": "指标",
    "subject": "主体",
    "status_label": "状态",
    "basis_label": "口径",
    "period": "期间",
    "value": "原文数值",
    "unit": "原文单位",
    "qualifier": "限定",
    "value_std": "标准值",
    "unit_std": "标准单位",
    "article_title": "文章",
    "article_date": "文章日期",
    "doc": "文档",
    "sentence": "原句",
    "checked": "已核对",
    "confidence": "置信度",
    "fact_id": "编号",
}
# Standard unit of each class as a header word (标准值 is in these units).
STD_UNIT_WORDS: dict[str, str] = {"CNY": "元", "m2": "平方米", "mu": "亩", "count": "个", "percent": "%", "rank": "位"}


def export_frame(facts: pd.DataFrame) -> pd.DataFrame:
    """Prepared facts -> the Chinese table every download shares (one row per fact)."""
    if facts.empty:
        return pd.DataFrame(columns=list(EXPORT_COLUMNS.values()))
    out = facts.assign(basis_label=facts["basis"].map(BASIS_LABELS))
    out = out[list(EXPORT_COLUMNS)].rename(columns=EXPORT_COLUMNS)
    out["标准单位"] = out["标准单位"].map(lambda u: STD_UNIT_WORDS.get(u, u))
    out["已核对"] = np.where(out["已核对"].astype(bool), "是", "否")
    return out.reset_index(drop=True)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A frame as CSV bytes, UTF-8 with BOM.

    >>> csv_bytes(pd.DataFrame({"指标": ["总投资"]}))[:3] == b"\\xef\\xbb\\xbf"
    True
    """
    return frame.to_csv(index=False).encode(CSV_ENCODING)


def facts_csv(facts: pd.DataFrame) -> bytes:
    """Prepared facts as the CSV download."""
    return csv_bytes(export_frame(facts))


def facts_xlsx(facts: pd.DataFrame, note: str = "") -> bytes:
    """Prepared facts as an XLSX workbook: a 说明 sheet, then one sheet per topic.

    Each topic sheet has one value column per unit class present, named with its unit
    ("金额（亿元）", "面积（万平方米）"), so a column holds comparable numbers.
    """
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        about = pd.DataFrame(
            {
                "项目": ["说明", "生成时间", "筛选条件", "事实数"],
                "内容": [SOURCE_NOTE, datetime.now().strftime("%Y-%m-%d %H:%M"), note or "全部", len(facts)],
            }
        )
        about.to_excel(writer, sheet_name="说明", index=False)
        if facts.empty:
            pd.DataFrame(columns=list(EXPORT_COLUMNS.values())).to_excel(writer, sheet_name="数据", index=False)
            return _finish(writer, buffer)
        for topic, rows in facts.groupby("topic", sort=False):
            sheet = _topic_sheet(rows)
            sheet.to_excel(writer, sheet_name=topic_label(str(topic))[:31], index=False)
            _fit_columns(writer.sheets[topic_label(str(topic))[:31]], sheet)
    return buffer.getvalue()


def _finish(writer: pd.ExcelWriter, buffer: io.BytesIO) -> bytes:
    writer.close()
    return buffer.getvalue()


def series_csv(series: pd.DataFrame, units: dict[str, str] | None = None) -> bytes:
    """The points behind a trend chart as CSV, gaps included as empty values."""
    if series.empty:
        return csv_bytes(pd.DataFrame(columns=["序列", "指标", "主体", "期间", "数值", "单位"]))
    out = pd.DataFrame(
        {
            "序列": series["series_label"],
            "指标": series["indicator"],
            "主体": series["subject"],
            "状态": series["status"].map({"actual": "实际", "plan": "计划"}),
            "口径": series["basis"].map(BASIS_LABELS),
            "期间": series["period_label"],
            "期末日期": pd.to_datetime(series["x"]).dt.strftime("%Y-%m-%d"),
            "数值": series["value_std"] / series["unit_std"].map(lambda u: _divisor(u, units)),
            "单位": series["unit_std"].map(lambda u: (units or {}).get(u) or SCALES.get(u, ((1, u),))[-1][1]),
            "原句": series["sentence"],
            "文章": series["article_title"],
            "文章日期": series["article_date"],
            "编号": series["fact_id"],
        }
    )
    return csv_bytes(out)


def table_csv(frame: pd.DataFrame) -> bytes:
    """Any display table (ledger, plan vs actual) as CSV."""
    return csv_bytes(frame)


def browser_path() -> str | None:
    """The Chromium that kaleido can drive: $BROWSER_PATH, else one on PATH."""
    env = os.environ.get("BROWSER_PATH")
    if env:
        return env if os.access(env, os.X_OK) else None
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def image_export_available() -> bool:
    """True when kaleido is installed and a browser is found.

    Kaleido is looked up, not imported: importing it takes a quarter of a second, which
    every page with a chart paid on its first run; it is imported on the first export.
    """
    return importlib.util.find_spec("kaleido") is not None and browser_path() is not None


def figure_image(fig: go.Figure, fmt: str = "png", scale: int = IMAGE_SCALE) -> bytes:
    """Render a figure server-side to PNG or SVG bytes (raises when no browser is found).

    The first call starts one headless Chromium for the process (about 4 s); later calls
    reuse it (under 0.5 s). Calls are serialised: kaleido's sync server is one browser.
    """
    import kaleido

    height = fig.layout.height or 460
    opts: dict[str, Any] = {"format": fmt, "width": IMAGE_WIDTH, "height": height, "scale": scale}
    with _KALEIDO_LOCK:
        _start_kaleido(kaleido)
        return bytes(kaleido.calc_fig_sync(fig, opts=opts))


_KALEIDO_LOCK = threading.Lock()
_KALEIDO_STARTED: list[bool] = []  # set once the process's browser is running


def _start_kaleido(kaleido: Any) -> None:
    if _KALEIDO_STARTED:
        return
    path = browser_path()
    if path is None:
        raise RuntimeError("未找到 Chromium 浏览器，无法在服务器端导出图片")
    kaleido.start_sync_server(path=path, silence_warnings=True)
    atexit.register(kaleido.stop_sync_server, silence_warnings=True)
    _KALEIDO_STARTED.append(True)


def _topic_sheet(rows: pd.DataFrame) -> pd.DataFrame:
    base = export_frame(rows)
    out = base[["指标", "主体", "状态", "口径", "期间"]].copy()
    for unit_std in UNIT_CLASS_LABELS:
        mask = (rows["unit_std"] == unit_std).to_numpy()
        if not mask.any():
            continue
        divisor, unit = SCALES[unit_std][0]
        header = f"{UNIT_CLASS_LABELS[unit_std]}（{unit}）"
        out[header] = np.where(mask, rows["value_std"].to_numpy(dtype=float) / divisor, np.nan)
    for column in ("原文数值", "原文单位", "限定", "文章", "文章日期", "原句", "已核对", "编号"):
        out[column] = base[column]
    return out


def _fit_columns(sheet: Any, frame: pd.DataFrame) -> None:
    from openpyxl.utils import get_column_letter

    for i, column in enumerate(frame.columns, start=1):
        width = 60 if column in ("原句", "文章") else max(10, min(30, len(str(column)) * 2 + 2))
        sheet.column_dimensions[get_column_letter(i)].width = width


def _divisor(unit_std: str, units: dict[str, str] | None) -> float:
    label = (units or {}).get(unit_std)
    for divisor, unit in SCALES.get(unit_std, ()):
        if unit == label:
            return divisor
    return 1.0
