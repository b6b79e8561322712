"""Review: queue order, approve / correct / reject / restore, history, orphans."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from store_fakes import FAKE_VERSION, FAKE_VERSION_2, fake_extract, fake_extract_v2

import store
from extract.fact import FACT_FIELDS

DOC = (
    "# 高新区重点项目开工\n"
    "本报讯 共5个项目，总投资66亿元，新增企业12家。\n"
    "# 园区建设\n"
    "建筑面积3.5万平方米，营业收入1260.33万元，增长8%。\n"
)


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    conn = store.connect(tmp_path / "facts.sqlite3")
    result = store.ingest_bytes(conn, "page.txt", DOC.encode(), extract=fake_extract, version=FAKE_VERSION)
    assert result.status == "added"
    return conn


def fact_id(conn: sqlite3.Connection, unit: str) -> str:
    frame = store.facts_frame(conn, include_rejected=True)
    return str(frame.loc[frame["unit"] == unit, "fact_id"].iloc[0])


def row(conn: sqlite3.Connection, fid: str) -> pd.Series:
    return store.facts_frame(conn).set_index("fact_id").loc[fid]


# --- facts_frame ------------------------------------------------------------------------


def test_frame_has_every_fact_field_then_review_columns(conn: sqlite3.Connection) -> None:
    expected = [*FACT_FIELDS, "checked", "corrected_fields", "document_id", "extractor_version"]
    assert store.facts_frame(conn).columns.tolist() == expected


@pytest.mark.parametrize("column", ["value", "value_std", "confidence"])
def test_frame_numbers_are_floats(conn: sqlite3.Connection, column: str) -> None:
    assert store.facts_frame(conn)[column].dtype == float


def test_frame_of_empty_store_has_the_columns(tmp_path: Path) -> None:
    frame = store.facts_frame(store.connect(tmp_path / "empty.sqlite3"))
    assert (len(frame), "fact_id" in frame.columns) == (0, True)


def test_new_facts_are_unchecked(conn: sqlite3.Connection) -> None:
    assert not store.facts_frame(conn)["checked"].any()


# --- review queue -----------------------------------------------------------------------


def test_queue_is_lowest_confidence_first(conn: sqlite3.Connection) -> None:
    confidences = store.review_queue(conn)["confidence"].tolist()
    assert confidences == sorted(confidences)


def test_queue_puts_checked_facts_last(conn: sqlite3.Connection) -> None:
    first = store.review_queue(conn)["fact_id"].iloc[0]
    store.approve(conn, first, "王科长")
    assert store.review_queue(conn)["fact_id"].iloc[-1] == first


def test_queue_limit(conn: sqlite3.Connection) -> None:
    assert len(store.review_queue(conn, limit=2)) == 2


def test_queue_leaves_out_rejected_facts(conn: sqlite3.Connection) -> None:
    fid = fact_id(conn, "%")
    store.reject(conn, fid, "王科长")
    assert fid not in store.review_queue(conn)["fact_id"].tolist()


# --- approve / reject / restore ---------------------------------------------------------


def test_approve_marks_checked(conn: sqlite3.Connection) -> None:
    fid = fact_id(conn, "亿元")
    store.approve(conn, fid, "王科长", "与原文一致")
    assert bool(row(conn, fid)["checked"]) is True


def test_reject_removes_fact_from_frame(conn: sqlite3.Connection) -> None:
    fid = fact_id(conn, "%")
    store.reject(conn, fid, "王科长", "不是经济数据")
    assert fid not in store.facts_frame(conn)["fact_id"].tolist()


def test_rejected_fact_is_kept_for_include_rejected(conn: sqlite3.Connection) -> None:
    fid = fact_id(conn, "%")
    store.reject(conn, fid, "王科长")
    frame = store.facts_frame(conn, include_rejected=True).set_index("fact_id")
    assert bool(frame.loc[fid, "rejected"]) is True


def test_restore_brings_a_rejected_fact_back(conn: sqlite3.Connection) -> None:
    fid = fact_id(conn, "%")
    store.reject(conn, fid, "王科长")
    store.restore(conn, fid, "李主任")
    assert fid in store.facts_frame(conn)["fact_id"].tolist()


def test_approve_undoes_a_rejection(conn: sqlite3.Connection) -> None:
    fid = fact_id(conn, "%")
    store.reject(conn, fid, "王科长")
    store.approve(conn, fid, "李主任")
    assert fid in store.facts_frame(conn)["fact_id"].tolist()


def test_unknown_fact_id_is_refused(conn: sqlite3.Connection) -> None:
    with pytest.raises(store.StoreError, match="找不到"):
        store.approve(conn, "0000000000000000", "王科长")


def test_reviewer_name_is_required(conn: sqlite3.Connection) -> None:
    with pytest.raises(store.StoreError, match="核对人"):
        store.approve(conn, fact_id(conn, "亿元"), "  ")


# --- correct ----------------------------------------------------------------------------


def test_correct_value_changes_value(conn: sqlite3.Connection) -> None:
    fid = fact_id(conn, "亿元")
    store.correct(conn, fid, "value", "70", "王科长")
    assert row(conn, fid)["value"] == 70.0


def test_correct_value_recomputes_value_std(conn: sqlite3.Connection) -> None:
    fid = fact_id(conn, "亿元")
    store.correct(conn, fid, "value", "70", "王科长")
    assert row(conn, fid)["value_std"] == 70e8


def test_correct_unit_recomputes_value_std(conn: sqlite3.Connection) -> None:
    fid = fact_id(conn, "亿元")
    store.correct(conn, fid, "unit", "万元", "王科长")
    assert row(conn, fid)["value_std"] == 66e4


def test_correct_unit_to_another_class_changes_unit_std(conn: sqlite3.Connection) -> None:
    fid = fact_id(conn, "个")
    store.correct(conn, fid, "unit", "亩", "王科长")
    assert row(conn, fid)["unit_std"] == "mu"


def test_correct_value_and_unit_combine(conn: sqlite3.Connection) -> None:
    fid = fact_id(conn, "亿元")
    store.correct(conn, fid, "unit", "万元", "王科长")
    store.correct(conn, fid, "value", "1,260.33", "王科长")
    assert row(conn, fid)["value_std"] == pytest.approx(1260.33e4)


@pytest.mark.parametrize(
    ("field", "new_value", "expected"),
    [
        pytest.param("indicator", "年度计划投资", "年度计划投资", id="indicator"),
        pytest.param("subject", " 郑州高新区 ", "郑州高新区", id="subject-stripped"),
        pytest.param("period", "2023-Q2", "2023-Q2", id="period-quarter"),
        pytest.param("period", "", None, id="period-cleared"),
        pytest.param("topic", "finance", "finance", id="topic"),
        pytest.param("status", "plan", "plan", id="status"),
        pytest.param("value", "６６.５", 66.5, id="value-full-width-digits"),
    ],
)
def test_correct_field(conn: sqlite3.Connection, field: str, new_value: str, expected: object) -> None:
    fid = fact_id(conn, "亿元")
    store.correct(conn, fid, field, new_value, "王科长")
    assert row(conn, fid)[field] == expected


@pytest.mark.parametrize(
    ("field", "new_value", "message"),
    [
        pytest.param("value", "六十六", "数值格式", id="value-not-digits"),
        pytest.param("value", "NaN", "数值格式", id="value-nan"),
        pytest.param("unit", "斤", "不认识的单位", id="unit-unknown"),
        pytest.param("period", "2023年", "时期格式", id="period-free-text"),
        pytest.param("period", "2023-13", "时期格式", id="period-month-13"),
        pytest.param("indicator", "", "不能为空", id="indicator-empty"),
        pytest.param("subject", "甲\n乙", "一行", id="subject-two-lines"),
        pytest.param("topic", "sports", "主题应为", id="topic-unknown"),
        pytest.param("doc", "x.txt", "不能修改", id="field-not-editable"),
    ],
)
def test_correct_refuses_bad_value(conn: sqlite3.Connection, field: str, new_value: str, message: str) -> None:
    with pytest.raises(store.StoreError, match=message):
        store.correct(conn, fact_id(conn, "亿元"), field, new_value, "王科长")


def test_refused_correction_records_nothing(conn: sqlite3.Connection) -> None:
    with pytest.raises(store.StoreError):
        store.correct(conn, fact_id(conn, "亿元"), "unit", "斤", "王科长")
    assert conn.execute("SELECT count(*) FROM corrections").fetchone()[0] == 0


def test_correction_marks_fact_checked(conn: sqlite3.Connection) -> None:
    fid = fact_id(conn, "亿元")
    store.correct(conn, fid, "indicator", "年度计划投资", "王科长")
    assert bool(row(conn, fid)["checked"]) is True


def test_corrected_fields_lists_each_field_once(conn: sqlite3.Connection) -> None:
    fid = fact_id(conn, "亿元")
    store.correct(conn, fid, "value", "70", "王科长")
    store.correct(conn, fid, "subject", "高新区管委会", "王科长")
    store.correct(conn, fid, "value", "71", "王科长")
    assert row(conn, fid)["corrected_fields"] == "value,subject"


def test_correction_to_the_same_value_records_nothing(conn: sqlite3.Connection) -> None:
    store.correct(conn, fact_id(conn, "亿元"), "value", "66", "王科长")
    assert conn.execute("SELECT count(*) FROM corrections").fetchone()[0] == 0


def test_corrected_text_round_trips_as_plain_text(conn: sqlite3.Connection) -> None:
    fid = fact_id(conn, "亿元")
    store.correct(conn, fid, "subject", "<script>alert(1)</script>'; DROP TABLE facts;--", "王科长")
    assert row(conn, fid)["subject"] == "<script>alert(1)</script>'; DROP TABLE facts;--"


# --- history ----------------------------------------------------------------------------


def test_history_starts_with_extraction(conn: sqlite3.Connection) -> None:
    history = store.fact_history(conn, fact_id(conn, "亿元"))
    assert (history["action"].iloc[0], history["who"].iloc[0]) == ("extract", f"抽取程序 {FAKE_VERSION}")


def test_history_lists_corrections_in_order(conn: sqlite3.Connection) -> None:
    fid = fact_id(conn, "亿元")
    store.correct(conn, fid, "value", "70", "王科长")
    store.approve(conn, fid, "李主任")
    assert store.fact_history(conn, fid)["action_label"].tolist() == ["抽取", "修改", "核对通过"]


def test_history_keeps_old_and_new_value(conn: sqlite3.Connection) -> None:
    fid = fact_id(conn, "亿元")
    store.correct(conn, fid, "value", "70", "王科长", "原文为70亿元")
    last = store.fact_history(conn, fid).iloc[-1]
    assert (last["old_value"], last["new_value"], last["note"], last["who"]) == (66, 70, "原文为70亿元", "王科长")


def test_history_of_unknown_fact_is_empty(conn: sqlite3.Connection) -> None:
    assert store.fact_history(conn, "nope").empty


# --- orphans ----------------------------------------------------------------------------


@pytest.fixture
def orphan(conn: sqlite3.Connection) -> int:
    """A correction on the percentage fact, which fake_extract_v2 no longer makes."""
    store.correct(conn, fact_id(conn, "%"), "value", "8.5", "王科长", "原文8.5%")
    store.reextract_stale(conn, extract=fake_extract_v2, version=FAKE_VERSION_2)
    return int(store.orphaned_corrections(conn)["correction_id"].iloc[0])


def test_no_orphans_without_re_extraction(conn: sqlite3.Connection) -> None:
    store.correct(conn, fact_id(conn, "%"), "value", "8.5", "王科长")
    assert store.orphaned_corrections(conn).empty


def test_orphan_shows_what_the_fact_was(conn: sqlite3.Connection, orphan: int) -> None:
    first = store.orphaned_corrections(conn).iloc[0]
    assert (first["unit"], first["value"], first["new_value"], first["document_exists"]) == ("%", 8, 8.5, True)


def test_dismissed_orphan_leaves_the_list(conn: sqlite3.Connection, orphan: int) -> None:
    store.dismiss_correction(conn, orphan, "王科长")
    assert store.orphaned_corrections(conn).empty


def test_reattached_orphan_applies_to_the_new_fact(conn: sqlite3.Connection, orphan: int) -> None:
    target = fact_id(conn, "亿元")
    store.reattach_correction(conn, orphan, target, "王科长")
    assert (row(conn, target)["value"], store.orphaned_corrections(conn).empty) == (8.5, True)


def test_orphan_of_re_ingested_document_is_listed(conn: sqlite3.Connection) -> None:
    store.correct(conn, fact_id(conn, "%"), "value", "8.5", "王科长")
    result = store.ingest_bytes(conn, "page.txt", DOC.replace("8%", "9%").encode(),
                                extract=fake_extract, version=FAKE_VERSION)
    assert (result.status, len(store.orphaned_corrections(conn))) == ("updated", 1)


def test_reattaching_to_a_fact_that_already_shows_the_value_still_clears_the_orphan(
    conn: sqlite3.Connection, orphan: int
) -> None:
    target = fact_id(conn, "亿元")
    store.correct(conn, target, "value", "8.5", "王科长")
    store.reattach_correction(conn, orphan, target, "王科长")
    assert store.orphaned_corrections(conn).empty


def test_reattach_to_unknown_fact_keeps_the_orphan(conn: sqlite3.Connection, orphan: int) -> None:
    with pytest.raises(store.StoreError):
        store.reattach_correction(conn, orphan, "nope", "王科长")
    assert len(store.orphaned_corrections(conn)) == 1
