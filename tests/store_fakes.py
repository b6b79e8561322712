"""Test helpers for the store: a stand-in extractor, a synthetic corpus, tiny PDF/DOCX files.

The store's tests use `fake_extract` instead of the real engine so that they test the
store (idempotency, transactions, the corrections overlay) and not the engine's output;
one test in test_store_ingest.py runs the real engine on seeds/.
"""

from __future__ import annotations

import io
import os
import re
from decimal import Decimal
from pathlib import Path

from extract.fact import Fact
from extract.pipeline import Article, DocumentExtraction

FAKE_VERSION = "fake-1"
FAKE_VERSION_2 = "fake-2"
# number + unit -> (unit_std, factor, indicator, topic); enough to make facts of every kind.
_UNITS = {
    "亿元": ("CNY", Decimal("1e8"), "总投资", "investment"),
    "万元": ("CNY", Decimal("1e4"), "营业收入", "finance"),
    "万平方米": ("m2", Decimal("1e4"), "建筑面积", "parks"),
    "家": ("count", Decimal(1), "企业数", "enterprises"),
    "个": ("count", Decimal(1), "项目数", "investment"),
    "%": ("percent", Decimal(1), "增速", "finance"),
}
_FIGURE = re.compile(r"(\d+(?:\.\d+)?)(亿元|万元|万平方米|家|个|%)")


def fake_extract(text: str, doc: str) -> DocumentExtraction:
    """Every "<number><unit>" is a fact; lines starting with "# " open a news item."""
    return _extract(text, doc, version=1)


def fake_extract_v2(text: str, doc: str) -> DocumentExtraction:
    """An "improved" extractor: renames indicators, drops percentages, raises confidence.

    Facts it keeps have the same fact ids as under `fake_extract` (same doc, title, unit
    class, value and surface), so corrections on them must still apply.
    """
    return _extract(text, doc, version=2)


def crashing_extract(text: str, doc: str) -> DocumentExtraction:
    """Like fake_extract, but the process dies on a text containing "CRASH" (a parser segfault)."""
    if "CRASH" in text:
        os._exit(3)
    return fake_extract(text, doc)


def _extract(text: str, doc: str, version: int) -> DocumentExtraction:
    articles = _articles(text)
    facts = []
    for match in _FIGURE.finditer(text):
        unit = match.group(2)
        if version == 2 and unit == "%":
            continue
        unit_std, factor, indicator, topic = _UNITS[unit]
        article = next(a for a in reversed(articles) if a.start <= match.start())
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end < 0 else line_end
        value = Decimal(match.group(1))
        facts.append(
            Fact(
                doc=doc, article_index=article.index, article_title=article.title,
                sentence=text[line_start:line_end], quote=match.group(0), surface=match.group(0),
                start=match.start(), end=match.end(), sentence_start=line_start, sentence_end=line_end,
                value=value, value_text=match.group(1), unit=unit, value_std=value * factor,
                unit_std=unit_std,  # type: ignore[arg-type]
                qualifier="exact",
                indicator=indicator if version == 1 else indicator + "（新）", measure=indicator,
                topic=topic,  # type: ignore[arg-type]
                subject="高新区", status="actual", period="2024", period_text="2024年",
                article_date=article.date, date_inferred=False,
                # varies with the figure so that review order is testable
                confidence=round(0.1 + (int(value) % 9) / 10, 2) if version == 1 else 0.95,
            )
        )
    return DocumentExtraction(doc=doc, articles=tuple(articles), facts=tuple(facts))


def _articles(text: str) -> list[Article]:
    starts = [m.start() for m in re.finditer(r"(?m)^# ", text)] or [0]
    if starts[0] != 0:
        starts.insert(0, 0)
    articles = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        first_line = text[start:end].split("\n", 1)[0]
        title = first_line[2:].strip() if first_line.startswith("# ") else ""
        articles.append(Article(index, title, "2024-05-01", False, start, end))
    return articles


def article_text(i: int) -> str:
    """A short synthetic news item with four figures, unique per i."""
    return (
        f"# 高新区第{i}批重点项目集中开工\n"
        f"本报讯 5月1日，高新区第{i}批重点项目集中开工，共{i % 50 + 3}个项目，"
        f"总投资{i % 90 + 10}.{i % 10}亿元。\n"
        f"其中新入驻企业{i % 40 + 2}家，建筑面积{i % 30 + 1}万平方米。\n"
    )


def write_corpus(folder: Path, n: int, per_file: int = 1, start: int = 0) -> list[Path]:
    """n files of `per_file` synthetic articles each, numbered from `start`."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(start, start + n):
        path = folder / f"doc_{k:05d}.txt"
        path.write_text("".join(article_text(k * per_file + j) for j in range(per_file)), encoding="utf-8")
        paths.append(path)
    return paths


def fake_fact_count(path: Path) -> int:
    """How many facts `fake_extract` makes of a file."""
    text = path.read_text(encoding="utf-8")
    return len(fake_extract(text, path.name).facts)


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF whose text layer holds `text` (ASCII; Helvetica)."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def minimal_docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    """A .docx with the given paragraphs and an optional table after them."""
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
