"""Facts for dashboard tests, made without the extraction engine.

`make_fact` builds one hand-made fact; `gold_facts` turns the gold files (expected facts per
document) into full `Fact` objects by locating each quote in its document, so UI tests run on
realistic data whatever state the engine is in. `fake_extract_articles` wraps them in the
engine's `extract_articles` shape so the real store can be seeded in tests.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # plain `pytest` puts only tests/ on sys.path
    sys.path.insert(0, str(ROOT))

import json
import re
import zlib
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache
from typing import Any

import pandas as pd

from extract.fact import Fact

SEEDS = ROOT / "seeds"
GOLD_SEEDS = ROOT / "tests" / "golden" / "gold_seeds.jsonl"
GOLD_DEV = ROOT / "tests" / "golden" / "dev" / "gold.jsonl"
DEV_DOCS = ROOT / "tests" / "golden" / "dev" / "docs"

_SENTENCE_END = "。！？；\n"
_HEADING = re.compile(r"^#+\s*(.+)$", re.M)


def make_fact(**overrides: Any) -> Fact:
    """A plausible investment fact; override any field."""
    sentence = overrides.pop("sentence", "今年一季度，高新区完成投资12.5亿元。")
    surface = overrides.pop("surface", "12.5亿元")
    offset = overrides.pop("sentence_start", 0)
    at = sentence.find(surface)
    fields: dict[str, Any] = {
        "doc": "t01.txt",
        "article_index": 0,
        "article_title": "高新区一季度投资稳步增长",
        "sentence": sentence,
        "quote": re.sub(r"\s+", "", sentence),
        "surface": surface,
        "start": offset + max(at, 0),
        "end": offset + max(at, 0) + len(surface),
        "sentence_start": offset,
        "sentence_end": offset + len(sentence),
        "value": Decimal("12.5"),
        "value_text": "12.5",
        "unit": "亿元",
        "value_std": Decimal("1250000000"),
        "unit_std": "CNY",
        "qualifier": "exact",
        "indicator": "完成投资",
        "measure": "完成投资",
        "topic": "investment",
        "subject": "高新区",
        "status": "actual",
        "period": "2024-Q1",
        "period_text": "今年一季度",
        "article_date": "2024-04-10",
        "date_inferred": False,
        "confidence": 0.9,
    }
    fields.update(overrides)
    return Fact(**fields)


def facts_frame(facts: list[Fact], checked: set[str] | None = None) -> pd.DataFrame:
    """Facts -> the frame `store.facts_frame` returns (plus its overlay columns)."""
    from extract.fact import FACT_FIELDS

    frame = pd.DataFrame([f.to_row() for f in facts], columns=list(FACT_FIELDS))
    frame["checked"] = frame["fact_id"].isin(checked or set())
    frame["corrected_fields"] = ""
    frame["document_id"] = frame["doc"]
    frame["extractor_version"] = "test"
    return frame


def ingest_many_facts(conn: Any, n: int, per_doc: int = 100) -> None:
    """Store `n` made-up facts (every topic, one month per document) through the real store."""
    import store
    from extract.fact import TOPICS
    from extract.pipeline import Article, DocumentExtraction

    for d in range(-(-n // per_doc)):
        name, year, month = f"many_{d:04d}.txt", 2015 + d // 12, 1 + d % 12
        title, text, facts = f"经济运行简报第{d}期", f"# 经济运行简报第{d}期\n", []
        for k in range(min(per_doc, n - d * per_doc)):
            value = d * per_doc + k + 1
            sentence = f"第{k}号项目完成投资{value}亿元。"
            facts.append(make_fact(
                doc=name, article_title=title, sentence=sentence, surface=f"{value}亿元", sentence_start=len(text),
                value=Decimal(value), value_text=str(value), value_std=Decimal(value) * 100000000,
                topic=TOPICS[k % len(TOPICS)], subject=f"第{k}号项目", period=f"{year}-{month:02d}",
                article_date=f"{year}-{month:02d}-15",
            ))
            text += sentence + "\n"
        extraction = DocumentExtraction(
            doc=name, articles=(Article(0, title, f"{year}-{month:02d}-15", False, 0, len(text)),), facts=tuple(facts)
        )
        store.ingest_bytes(conn, name, text.encode("utf-8"), extract=lambda t, doc, e=extraction: e)


@lru_cache(maxsize=4)
def gold_facts(gold: Path = GOLD_SEEDS, docs: Path = SEEDS) -> tuple[Fact, ...]:
    """Every gold fact whose quote is found in its document, as a full `Fact`."""
    out: list[Fact] = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        text = (docs / row["doc"]).read_text(encoding="utf-8")
        fact = _locate(row, text)
        if fact is not None:
            out.append(fact)
    return tuple(out)


def gold_text(doc: str) -> str:
    """Text of a seed or dev document by name."""
    for folder in (SEEDS, DEV_DOCS):
        if (folder / doc).exists():
            return (folder / doc).read_text(encoding="utf-8")
    raise FileNotFoundError(doc)


def gold_articles() -> pd.DataFrame:
    """News items of the seed documents with their text, as `ui.data.article_texts()` gives."""
    rows = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for a in fake_extract_articles(text, path.name).articles:
            rows.append({"doc": path.name, "article_index": a.index, "title": a.title, "date": a.date,
                         "start": a.start, "end": a.end, "text": text[a.start : a.end]})
    return pd.DataFrame(rows)


def fake_extract_articles(text: str, doc: str) -> Any:
    """Stand-in for `extract.pipeline.extract_articles`: the gold facts of a seed document."""
    from extract.pipeline import Article, DocumentExtraction

    facts = tuple(f for f in gold_facts() if f.doc == doc)
    if not facts:  # an uploaded test document: one fact per "完成投资N亿元"
        facts = tuple(_facts_by_pattern(text, doc))
    titles = _articles(text)
    articles = tuple(
        Article(index=i, title=t, date="2024-04-10", date_inferred=False, start=s, end=e)
        for i, (t, s, e) in enumerate(titles)
    )
    return DocumentExtraction(doc=doc, articles=articles, facts=facts)


def _facts_by_pattern(text: str, doc: str) -> list[Fact]:
    out = []
    for m in re.finditer(r"完成投资(\d+(?:\.\d+)?)亿元", text):
        value = Decimal(m.group(1))
        surface = f"{m.group(1)}亿元"
        start = m.start(1)
        s_start = max(text.rfind("。", 0, start) + 1, 0)
        s_end = text.find("。", start)
        s_end = len(text) if s_end < 0 else s_end + 1
        out.append(
            make_fact(
                doc=doc,
                sentence=text[s_start:s_end],
                surface=surface,
                sentence_start=s_start,
                value=value,
                value_text=m.group(1),
                value_std=value * Decimal(100000000),
            )
        )
        # make_fact finds the surface itself; keep the true offsets
        out[-1] = replace(out[-1], start=start, end=start + len(surface))
    return out


def _articles(text: str) -> list[tuple[str, int, int]]:
    heads = [(m.group(1).strip(), m.start()) for m in _HEADING.finditer(text)]
    if not heads:
        return [("", 0, len(text))]
    bounds = [h[1] for h in heads] + [len(text)]
    out = [(t, s, bounds[i + 1]) for i, (t, s) in enumerate(heads)]
    if heads[0][1] > 0:
        out[0] = (out[0][0], 0, out[0][2])
    return out


def _locate(row: dict[str, Any], text: str) -> Fact | None:
    """Find the gold quote in the text, ignoring whitespace, and build the fact around it."""
    flat_chars = [(i, ch) for i, ch in enumerate(text) if not ch.isspace()]
    flat = "".join(ch for _, ch in flat_chars)
    at = flat.find(row["quote"])
    if at < 0:
        return None
    q_start = flat_chars[at][0]
    q_end = flat_chars[at + len(row["quote"]) - 1][0] + 1
    # The figure: the value as written (digits) followed by its unit, inside the quote.
    value_text = _value_text(row["value"])
    span = re.search(re.escape(value_text).replace(r"\.", r"\s*\.\s*"), text[q_start:q_end])
    if span:
        start, end = q_start + span.start(), q_start + span.end()
        unit_at = text.find(row["unit"][0], end, q_end + 1) if row["unit"] else -1
        if 0 <= unit_at - end <= 2:
            end = min(unit_at + len(row["unit"]), len(text))
    else:  # numerals written in Chinese ("四个"): mark the whole quote
        start, end = q_start, q_end
    s_start = max(text.rfind(c, 0, q_start) for c in _SENTENCE_END) + 1
    ends = [i for i in (text.find(c, q_end) for c in _SENTENCE_END) if i >= 0]
    s_end = min(ends) + 1 if ends else len(text)
    while s_start < q_start and text[s_start].isspace():
        s_start += 1
    while s_end > q_end and text[s_end - 1].isspace():
        s_end -= 1
    arts = _articles(text)
    index = max([i for i, (_, s, _e) in enumerate(arts) if s <= q_start] or [0])
    return Fact(
        doc=row["doc"],
        article_index=index,
        article_title=arts[index][0],
        sentence=text[s_start:s_end],
        quote=row["quote"],
        surface=text[start:end],
        start=start,
        end=end,
        sentence_start=s_start,
        sentence_end=s_end,
        value=Decimal(str(row["value"])),
        value_text=value_text,
        unit=row["unit"],
        value_std=Decimal(str(row["value_std"])),
        unit_std=row["unit_std"],
        qualifier=row["qualifier"],
        indicator=row["indicator"],
        measure=row["indicator"],
        topic=row["topic"],
        subject=row["subject"],
        status=row["status"],
        period=row["period"],
        period_text="",
        article_date=row["article_date"],
        date_inferred=False,
        confidence=0.5 + zlib.crc32(row["quote"].encode("utf-8")) % 50 / 100,
    )


def _value_text(value: Any) -> str:
    number = Decimal(str(value))
    return format(number.normalize(), "f") if number != number.to_integral_value() else str(int(number))


def corrected_store(path: Path) -> Any:
    """A store of the seed documents with their gold facts, and corrections of every
    kind: an approval, a topic, a period and an indicator moved, a rejection, and a
    rejection restored."""
    import store

    conn = store.connect(path)
    store.ingest_paths(conn, sorted(SEEDS.iterdir()), extract=fake_extract_articles)
    ids = store.facts_frame(conn).sort_values("fact_id")["fact_id"].tolist()
    store.approve(conn, ids[0], "王科长")
    store.correct(conn, ids[1], "topic", "housing", "王科长")  # moves to another topic
    store.correct(conn, ids[2], "period", "2019-Q3", "王科长")  # moves on the timeline
    store.correct(conn, ids[3], "indicator", "完成投资", "王科长")  # moves to a card indicator
    store.reject(conn, ids[4], "王科长")  # gone
    store.reject(conn, ids[5], "王科长")
    store.restore(conn, ids[5], "王科长")  # back again
    return conn
