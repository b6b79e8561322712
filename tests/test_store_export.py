"""Export: jsonl / csv (UTF-8 with BOM) / xlsx, corrections applied, provenance kept."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from store_fakes import FAKE_VERSION, fake_extract

import store
from extract.fact import FACT_FIELDS

DOC = (
    "# 高新区重点项目开工\n"
    "本报讯 共5个项目，总投资66亿元，新增企业12家。\n"
    "建筑面积3.5万平方米，增长8%。\n"
)


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    conn = store.connect(tmp_path / "facts.sqlite3")
    store.ingest_bytes(conn, "page.txt", DOC.encode(), extract=fake_extract, version=FAKE_VERSION)
    frame = store.facts_frame(conn).set_index("unit")
    store.correct(conn, frame.loc["亿元", "fact_id"], "value", "70", "王科长")
    store.reject(conn, frame.loc["%", "fact_id"], "王科长")
    return conn


def export(conn: sqlite3.Connection, fmt: str) -> bytes:
    buffer = io.BytesIO()
    store.export_facts(conn, fmt, buffer)  # type: ignore[arg-type]
    return buffer.getvalue()


def jsonl_rows(conn: sqlite3.Connection) -> list[dict]:
    return [json.loads(line) for line in export(conn, "jsonl").decode("utf-8").splitlines()]


def test_jsonl_has_one_line_per_current_fact(conn: sqlite3.Connection) -> None:
    assert len(jsonl_rows(conn)) == 4  # 5 facts, one rejected


def test_jsonl_applies_corrections(conn: sqlite3.Connection) -> None:
    money = next(r for r in jsonl_rows(conn) if r["unit"] == "亿元")
    assert (money["value"], money["value_std"], money["checked"]) == (70, 7_000_000_000, True)


def test_jsonl_whole_numbers_have_no_fraction(conn: sqlite3.Connection) -> None:
    line = export(conn, "jsonl").decode("utf-8").splitlines()[0]
    assert '"value": 5,' in line


def test_jsonl_keeps_provenance(conn: sqlite3.Connection) -> None:
    row = jsonl_rows(conn)[0]
    assert (row["doc"], row["sentence"], row["extractor_version"]) == (
        "page.txt", "本报讯 共5个项目，总投资66亿元，新增企业12家。", FAKE_VERSION)


def test_jsonl_keys_are_fact_fields_plus_review_columns(conn: sqlite3.Connection) -> None:
    assert list(jsonl_rows(conn)[0]) == [*FACT_FIELDS, "checked", "corrected_fields", "extractor_version"]


def test_csv_starts_with_utf8_bom(conn: sqlite3.Connection) -> None:
    assert export(conn, "csv").startswith(b"\xef\xbb\xbf")


def test_csv_reads_back_chinese_text(conn: sqlite3.Connection) -> None:
    rows = list(csv.DictReader(io.StringIO(export(conn, "csv").decode("utf-8-sig"))))
    assert rows[1]["indicator"] == "总投资"


def test_csv_has_a_row_per_current_fact(conn: sqlite3.Connection) -> None:
    rows = list(csv.DictReader(io.StringIO(export(conn, "csv").decode("utf-8-sig"))))
    assert len(rows) == 4


def test_xlsx_has_one_sheet_per_topic(conn: sqlite3.Connection) -> None:
    book = openpyxl.load_workbook(io.BytesIO(export(conn, "xlsx")))
    assert book.sheetnames == ["投资", "企业", "园区"]


def test_xlsx_headers_carry_units(conn: sqlite3.Connection) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(export(conn, "xlsx")))["投资"]
    headers = [c.value for c in sheet[1]]
    assert {"标准值（元）", "标准值（个）"} <= set(headers)


def test_xlsx_value_is_in_the_column_of_its_unit(conn: sqlite3.Connection) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(export(conn, "xlsx")))["投资"]
    headers = [c.value for c in sheet[1]]
    money = [r for r in sheet.iter_rows(min_row=2, values_only=True) if r[headers.index("单位（原文）")] == "亿元"][0]
    assert (money[headers.index("标准值（元）")], money[headers.index("标准值（个）")]) == (7e9, None)


def test_xlsx_of_empty_store_is_a_valid_workbook(tmp_path: Path) -> None:
    conn = store.connect(tmp_path / "empty.sqlite3")
    assert openpyxl.load_workbook(io.BytesIO(export(conn, "xlsx"))).sheetnames == ["数据"]


def test_export_to_path_creates_the_file(conn: sqlite3.Connection, tmp_path: Path) -> None:
    store.export_facts(conn, "csv", tmp_path / "out" / "facts.csv")
    assert (tmp_path / "out" / "facts.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_export_returns_the_number_of_facts(conn: sqlite3.Connection) -> None:
    assert store.export_facts(conn, "jsonl", io.BytesIO()) == 4


def test_unknown_format_is_refused(conn: sqlite3.Connection) -> None:
    with pytest.raises(ValueError, match="导出格式"):
        store.export_facts(conn, "pdf", io.BytesIO())  # type: ignore[arg-type]


def test_xlsx_names_corrected_fields_in_chinese(conn: sqlite3.Connection) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(export(conn, "xlsx")))["投资"]
    headers = [c.value for c in sheet[1]]
    money = [r for r in sheet.iter_rows(min_row=2, values_only=True) if r[headers.index("单位（原文）")] == "亿元"][0]
    assert money[headers.index("人工修改的字段")] == "数值"
