"""Write side of review: approve, edit, reject, restore — each one appended to `corrections`.

Corrections are an append-only log keyed by the stable fact id, so they survive
re-extraction; `store.queries.apply_corrections` folds them over the extracted fact. A
correction whose fact is gone after a re-extraction is listed by `orphaned_corrections`
for a person to re-attach or dismiss; it is never dropped silently.
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

import pandas as pd

from extract.fact import STATUSES, TOPICS, decimal_to_number
from store.db import StoreError, utc_now, write_transaction
from store.queries import Overlay, apply_corrections, load_corrections
from store.units import unit_table

# Fields a person may edit. topic and status go beyond the list because they are
# closed vocabularies that reviewers get wrong-by-extractor most often after indicator.
EDITABLE_FIELDS: tuple[str, ...] = ("value", "unit", "indicator", "subject", "period", "topic", "status")
FIELD_LABELS = {
    "value": "数值", "unit": "单位", "indicator": "指标", "subject": "主体", "period": "时期",
    "topic": "主题", "status": "状态",
}
ACTION_LABELS = {
    "extract": "抽取", "approve": "核对通过", "edit": "修改", "reject": "删除", "restore": "恢复",
}
MAX_TEXT_CHARS = 100  # longest indicator / subject a person may type
MAX_NOTE_CHARS = 1000
_PERIOD = re.compile(r"^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")

Action = Literal["approve", "edit", "reject", "restore"]


def approve(conn: sqlite3.Connection, fact_id: str, who: str, note: str = "") -> None:
    """Mark a fact as checked by a person (this also undoes a rejection).

    >>> approve(conn, "3f2a9c0d1e4b5a67", "王科长", "与原文一致")  # doctest: +SKIP
    """
    _record(conn, fact_id, "approve", who, note)


def reject(conn: sqlite3.Connection, fact_id: str, who: str, note: str = "") -> None:
    """Remove a fact from every view and export (kept in history; `restore` undoes it).

    >>> reject(conn, "3f2a9c0d1e4b5a67", "王科长", "这是会议届次，不是经济数据")  # doctest: +SKIP
    """
    _record(conn, fact_id, "reject", who, note)


def restore(conn: sqlite3.Connection, fact_id: str, who: str, note: str = "") -> None:
    """Undo a rejection; the fact is shown again, unchecked unless it was checked before."""
    _record(conn, fact_id, "restore", who, note)


def correct(
    conn: sqlite3.Connection, fact_id: str, field: str, new_value: Any, who: str, note: str = ""
) -> None:
    """Change one field of a fact; the fact counts as checked from then on.

    Editing `value` or `unit` recomputes `value_std` / `unit_std` from the unit table.
    Raises StoreError (one line of Chinese) for an unknown fact, field, unit or a value
    that does not parse. Setting a field to what it already shows records nothing.

    >>> correct(conn, "3f2a9c0d1e4b5a67", "value", "1,260.33", "王科长", "原文为1260.33万元")  # doctest: +SKIP
    """
    if field not in EDITABLE_FIELDS:
        allowed = "、".join(FIELD_LABELS[f] for f in EDITABLE_FIELDS)
        raise StoreError(f"不能修改字段“{field}”，可修改：{allowed}")
    clean = _validate(field, new_value)
    _record(conn, fact_id, "edit", who, note, field=field, new_value=clean)


def fact_history(conn: sqlite3.Connection, fact_id: str) -> pd.DataFrame:
    """Everything that happened to a fact, oldest first: its extraction, then each correction.

    Columns: at, who, action, action_label, field, field_label, old_value, new_value, note.
    """
    rows: list[dict[str, Any]] = []
    fact = conn.execute(
        "SELECT f.extractor_version, d.updated_at FROM facts f JOIN documents d ON d.id = f.document_id"
        " WHERE f.fact_id = ?",
        (fact_id,),
    ).fetchone()
    if fact is not None:
        rows.append({"at": fact[1], "who": f"抽取程序 {fact[0]}", "action": "extract", "field": None,
                     "old_value": None, "new_value": None, "note": ""})
    for c in conn.execute("SELECT * FROM corrections WHERE fact_id = ? ORDER BY id", (fact_id,)):
        rows.append({"at": c["at"], "who": c["who"], "action": c["action"], "field": c["field"],
                     "old_value": _loads(c["old_value"]), "new_value": _loads(c["new_value"]),
                     "note": c["note"]})
    columns = ["at", "who", "action", "action_label", "field", "field_label", "old_value", "new_value", "note"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["action_label"] = frame["action"].map(ACTION_LABELS)
    frame["field_label"] = frame["field"].map(lambda f: FIELD_LABELS.get(f, "") if f else "")
    return frame


def orphaned_corrections(conn: sqlite3.Connection) -> pd.DataFrame:
    """Corrections whose fact no longer exists after a re-extraction, for a person to handle.

    One row per correction, newest first, with what the fact looked like when corrected
    (indicator, value, unit, subject, quote, sentence) and whether its document is still
    stored. Handle one with `reattach_correction` or `dismiss_correction`.
    """
    rows = conn.execute(
        "SELECT c.*, EXISTS (SELECT 1 FROM documents d WHERE d.name = c.doc) AS document_exists"
        " FROM corrections c WHERE c.dismissed_at IS NULL"
        " AND NOT EXISTS (SELECT 1 FROM facts f WHERE f.fact_id = c.fact_id) ORDER BY c.id DESC"
    ).fetchall()
    records = []
    for c in rows:
        snap = json.loads(c["snapshot"])
        records.append({
            "correction_id": c["id"], "fact_id": c["fact_id"], "doc": c["doc"],
            "action": c["action"], "action_label": ACTION_LABELS[c["action"]],
            "field": c["field"], "old_value": _loads(c["old_value"]), "new_value": _loads(c["new_value"]),
            "note": c["note"], "who": c["who"], "at": c["at"],
            "indicator": snap.get("indicator"), "value": snap.get("value"), "unit": snap.get("unit"),
            "subject": snap.get("subject"), "quote": snap.get("quote"), "sentence": snap.get("sentence"),
            "document_exists": bool(c["document_exists"]),
        })
    columns = ["correction_id", "fact_id", "doc", "action", "action_label", "field", "old_value",
               "new_value", "note", "who", "at", "indicator", "value", "unit", "subject", "quote",
               "sentence", "document_exists"]
    return pd.DataFrame(records, columns=columns)


def reattach_correction(conn: sqlite3.Connection, correction_id: int, fact_id: str, who: str) -> None:
    """Apply an orphaned correction to the fact that now stands for the same figure."""
    orphan = _orphan(conn, correction_id)
    note = f"由孤立记录 #{correction_id} 转来" + (f"：{orphan['note']}" if orphan["note"] else "")
    new_value = _loads(orphan["new_value"]) if orphan["action"] == "edit" else None
    _record(conn, fact_id, orphan["action"], who, note, field=orphan["field"], new_value=new_value,
            dismiss=correction_id)


def dismiss_correction(conn: sqlite3.Connection, correction_id: int, who: str) -> None:
    """Take an orphaned correction off the list (it stays in the history)."""
    _orphan(conn, correction_id)
    who = _who(who)
    with write_transaction(conn):
        conn.execute(
            "UPDATE corrections SET dismissed_at = ?, dismissed_by = ? WHERE id = ?",
            (utc_now(), who, correction_id),
        )


# --- internals -------------------------------------------------------------------------


def _record(
    conn: sqlite3.Connection,
    fact_id: str,
    action: str,
    who: str,
    note: str,
    *,
    field: str | None = None,
    new_value: Any = None,
    dismiss: int | None = None,
) -> None:
    who, note = _who(who), _note(note)
    with write_transaction(conn):
        # Read the current state under the write lock so old_value is what the person saw
        # even if a colleague corrected the same fact a moment earlier.
        found = conn.execute(
            "SELECT f.data, d.name FROM facts f JOIN documents d ON d.id = f.document_id WHERE f.fact_id = ?",
            (fact_id,),
        ).fetchone()
        if found is None:
            raise StoreError(f"找不到这条数据（{fact_id}），可能已被重新抽取，请刷新页面")
        overlay: Overlay = apply_corrections(json.loads(found[0]), load_corrections(conn, fact_id)[fact_id])
        old_value = overlay.row.get(field) if field else None
        # Nothing would change: keep the history free of no-op edits and double rejections.
        no_op = (action == "edit" and old_value == new_value) or (action == "reject" and overlay.rejected)
        if not no_op:
            snapshot = dict(overlay.row, fact_id=fact_id)
            conn.execute(
                "INSERT INTO corrections (fact_id, doc, action, field, old_value, new_value, note, who, at,"
                " snapshot) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (fact_id, found[1], action, field,
                 json.dumps(old_value, ensure_ascii=False) if field else None,
                 json.dumps(new_value, ensure_ascii=False) if field else None,
                 note, who, utc_now(), json.dumps(snapshot, ensure_ascii=False)),
            )
        if dismiss is not None:
            conn.execute(
                "UPDATE corrections SET dismissed_at = ?, dismissed_by = ? WHERE id = ?",
                (utc_now(), who, dismiss),
            )


def _orphan(conn: sqlite3.Connection, correction_id: int) -> sqlite3.Row:
    row = conn.execute(
        "SELECT * FROM corrections WHERE id = ? AND dismissed_at IS NULL", (int(correction_id),)
    ).fetchone()
    if row is None:
        raise StoreError(f"找不到待处理的核对记录 #{correction_id}")
    return row


def _validate(field: str, raw: Any) -> Any:
    """The value to store for an edit, in the same JSON type as Fact.to_row() uses."""
    if field == "value":
        return _parse_number(raw)
    text = unicodedata.normalize("NFKC", "" if raw is None else str(raw)).strip()
    if field == "unit":
        if text not in unit_table():
            examples = "、".join(list(unit_table())[:12])
            raise StoreError(f"不认识的单位“{text}”，可用如：{examples} 等")
        return text
    if field == "period":
        if not text:
            return None
        if not _PERIOD.match(text):
            raise StoreError(f"时期格式不对：“{text}”，应为 2023、2023-Q1、2023-06 或 2023-06-30")
        return text
    if field == "topic":
        if text not in TOPICS:
            raise StoreError(f"主题应为：{'、'.join(TOPICS)}")
        return text
    if field == "status":
        if text not in STATUSES:
            raise StoreError(f"状态应为：{'、'.join(STATUSES)}")
        return text
    # indicator, subject: short one-line text
    if not text:
        raise StoreError(f"{FIELD_LABELS[field]}不能为空")
    if "\n" in text or len(text) > MAX_TEXT_CHARS:
        raise StoreError(f"{FIELD_LABELS[field]}应为一行、不超过 {MAX_TEXT_CHARS} 个字")
    return text


def _parse_number(raw: Any) -> int | float:
    text = unicodedata.normalize("NFKC", "" if raw is None else str(raw))
    text = text.replace(",", "").replace("，", "").replace(" ", "").strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise StoreError(f"数值格式不对：“{raw}”，请只填阿拉伯数字，如 1260.33") from None
    if not number.is_finite():
        raise StoreError(f"数值格式不对：“{raw}”")
    return decimal_to_number(number)


def _who(who: str) -> str:
    text = " ".join(str(who or "").split())
    if not text:
        raise StoreError("请填写核对人姓名")
    return text[:MAX_TEXT_CHARS]


def _note(note: str) -> str:
    return str(note or "").strip()[:MAX_NOTE_CHARS]


def _loads(value: str | None) -> Any:
    return None if value is None else json.loads(value)
