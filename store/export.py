"""Export the current facts (corrections applied, rejected ones left out) with provenance.

- jsonl: one fact per line, the keys of `Fact.to_row()` plus review columns; the same
  shape as the gold files, so the scorer reads an export directly.
- csv: the same columns, UTF-8 with BOM so that Excel on Chinese Windows opens it right.
- xlsx: one sheet per topic, Chinese headers, and the standard value split into one
  column per unit class with the unit in the header, so each column sums correctly.
"""

from __future__ import annotations

import io
import json
import math
import sqlite3
from pathlib import Path
from typing import Any, BinaryIO, Literal

import pandas as pd

from extract.fact import FACT_FIELDS, TOPICS
from store.queries import facts_frame
from store.review import FIELD_LABELS

ExportFormat = Literal["jsonl", "csv", "xlsx"]
FORMATS: tuple[str, ...] = ("jsonl", "csv", "xlsx")
REVIEW_COLUMNS = ("checked", "corrected_fields", "extractor_version")
EXPORT_COLUMNS: tuple[str, ...] = FACT_FIELDS + REVIEW_COLUMNS

TOPIC_LABELS = {
    "investment": "投资", "innovation": "创新", "enterprises": "企业", "parks": "园区",
    "housing": "住房", "finance": "金融", "ranking": "排名",
}
UNIT_STD_LABELS = {
    "CNY": "元", "m2": "平方米", "mu": "亩", "count": "个", "percent": "%", "rank": "名次",
}
# (column, Chinese header) of the xlsx sheets, in order; value_std columns are added per unit.
XLSX_COLUMNS = (
    ("indicator", "指标"), ("subject", "主体"), ("period", "时期"), ("value", "数值（原文）"),
    ("unit", "单位（原文）"), ("qualifier", "限定"), ("status", "状态"), ("article_date", "文章日期"),
    ("doc", "来源文档"), ("article_title", "文章标题"), ("quote", "原文摘录"), ("sentence", "原文句子"),
    ("checked", "已人工核对"), ("corrected_fields", "人工修改的字段"), ("confidence", "置信度"),
    ("extractor_version", "抽取程序版本"), ("fact_id", "数据编号"),
)
QUALIFIER_LABELS = {"exact": "", "approx": "约", "at_least": "超过", "at_most": "不到"}
STATUS_LABELS = {"actual": "实际", "plan": "计划"}


def export_facts(conn: sqlite3.Connection, fmt: ExportFormat, out: BinaryIO | Path | str) -> int:
    """Write the current facts to a file or binary stream; return how many were written.

    >>> buffer = io.BytesIO(); export_facts(conn, "csv", buffer)  # doctest: +SKIP
    128
    """
    if fmt not in FORMATS:
        raise ValueError(f"导出格式应为 {' / '.join(FORMATS)}，不是 {fmt!r}")
    frame = facts_frame(conn)
    if isinstance(out, (str, Path)):
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        with open(out, "wb") as handle:
            _write(frame, fmt, handle)
    else:
        _write(frame, fmt, out)
    return len(frame)


def _write(frame: pd.DataFrame, fmt: str, out: BinaryIO) -> None:
    if fmt == "jsonl":
        for record in _records(frame):
            out.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
    elif fmt == "csv":
        table = pd.DataFrame(_records(frame), columns=list(EXPORT_COLUMNS))
        text = table.to_csv(index=False, lineterminator="\r\n")
        out.write(text.encode("utf-8-sig"))
    else:
        # openpyxl needs a seekable stream; sys.stdout.buffer is not.
        buffer = io.BytesIO()
        _write_xlsx(frame, buffer)
        out.write(buffer.getvalue())


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Export rows: whole numbers without '.0', missing values as null."""
    records = []
    for row in frame[list(EXPORT_COLUMNS)].to_dict(orient="records"):
        for key in ("value", "value_std"):
            row[key] = _number(row[key])
        for key, value in row.items():
            if isinstance(value, float) and math.isnan(value):
                row[key] = None
        records.append(row)
    return records


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else float(value)


def _write_xlsx(frame: pd.DataFrame, out: BinaryIO) -> None:
    unit_columns = {u: f"标准值（{label}）" for u, label in UNIT_STD_LABELS.items()}
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        topics = [t for t in TOPICS if (frame["topic"] == t).any()]
        topics += sorted(set(frame["topic"]) - set(TOPICS))  # a topic added to the engine later
        if not topics:
            pd.DataFrame({"说明": ["没有数据"]}).to_excel(writer, sheet_name="数据", index=False)
        for topic in topics:
            part = frame[frame["topic"] == topic]
            sheet = pd.DataFrame({header: part[col].values for col, header in XLSX_COLUMNS[:5]})
            for unit_std, header in unit_columns.items():
                if (part["unit_std"] == unit_std).any():
                    sheet[header] = part["value_std"].where(part["unit_std"] == unit_std).values
            for col, header in XLSX_COLUMNS[5:]:
                sheet[header] = part[col].values
            sheet["限定"] = sheet["限定"].map(lambda q: QUALIFIER_LABELS.get(q, q))
            sheet["状态"] = sheet["状态"].map(lambda s: STATUS_LABELS.get(s, s))
            sheet["已人工核对"] = sheet["已人工核对"].map({True: "是", False: ""})
            sheet["人工修改的字段"] = sheet["人工修改的字段"].map(
                lambda fields: "、".join(FIELD_LABELS.get(f, f) for f in fields.split(",") if f)
            )
            sheet.to_excel(writer, sheet_name=TOPIC_LABELS.get(topic, str(topic))[:31], index=False)
