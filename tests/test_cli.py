"""`python -m extract` in-process: output formats, scoring line, and bad input.

Bad input never stops a run: one clear line per broken file on stderr, the other files
still processed, exit status 1 when anything failed.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.cli import main
from extract.pipeline import extract_document

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "004_3813a52965f71fc8.txt"
GOOD_TEXT = "本报讯 3月13日，新奥莱时尚之都项目总投资约66亿元。\n记者 孙庆辉\n"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_facts_jsonl_has_every_schema_field(tmp_path: Path) -> None:
    code, out, _ = run("facts", str(SEED))
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(rows) >= 50
    schema_fields = {"doc", "quote", "value", "unit", "value_std", "unit_std", "indicator", "topic",
                     "subject", "period", "article_date", "qualifier", "status"}
    assert schema_fields | {"article_title", "sentence", "start", "end"} <= set(rows[0])
    assert rows[0]["doc"] == SEED.name


def test_facts_offsets_point_at_the_number_in_the_original_text() -> None:
    _, out, _ = run("facts", str(SEED))
    text = SEED.read_text(encoding="utf-8")
    for row in map(json.loads, out.splitlines()):
        assert text[row["start"] : row["end"]] == row["surface"]
        assert text[row["sentence_start"] : row["sentence_end"]] == row["sentence"]


def test_facts_csv_has_bom_and_opens(tmp_path: Path) -> None:
    out = io.BytesIO()
    wrapper = io.TextIOWrapper(out, encoding="utf-8")
    code = main(["facts", "--format", "csv", str(SEED)], out=wrapper, err=io.StringIO())
    wrapper.flush()
    data = out.getvalue()
    assert code == 0 and data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows and rows[0]["doc"] == SEED.name and "indicator" in rows[0]


def test_folder_reads_txt_and_md_only(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (tmp_path / "b.md").write_text("# 标题\n\n" + GOOD_TEXT, encoding="utf-8")
    (tmp_path / "c.csv").write_text("x,y", encoding="utf-8")
    _, out, _ = run("facts", str(tmp_path))
    assert sorted({json.loads(line)["doc"] for line in out.splitlines()}) == ["a.txt", "b.md"]


def test_eval_last_line_is_the_score() -> None:
    code, out, _ = run("eval", "--gold", str(ROOT / "tests" / "golden" / "gold_seeds.jsonl"), str(ROOT / "seeds"))
    last = out.strip().splitlines()[-1]
    assert code == 0
    assert last.startswith("P=") and "matched=" in last and last.endswith("gold=111")


@pytest.mark.parametrize(
    "name, content, message",
    [
        pytest.param("empty.txt", b"", "文件为空", id="empty"),
        pytest.param("blank.txt", b"  \n\n ", "文件为空", id="only-whitespace"),
        pytest.param("binary.txt", bytes(range(256)) * 20, "二进制文件", id="binary"),
        pytest.param("controls.txt", b"\x01\x02\x03abc\x04\x05" * 100, "二进制文件", id="control-characters"),
    ],
)
def test_bad_file_is_reported_and_others_still_processed(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    code, out, err = run("facts", str(bad), str(good))
    assert code == 1
    assert err.strip().count("\n") == 0 and name in err and message in err
    assert [json.loads(line)["doc"] for line in out.splitlines()] == ["good.txt"]


def test_missing_file_is_reported(tmp_path: Path) -> None:
    code, _, err = run("facts", str(tmp_path / "nope.txt"))
    assert code == 1 and "nope.txt" in err and "无法读取" in err


def test_gbk_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes(GOOD_TEXT.encode("gbk"))
    code, out, err = run("facts", str(path))
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and err == ""
    assert [(r["value"], r["unit"], r["indicator"]) for r in rows] == [(66, "亿元", "总投资")]


def test_utf8_bom_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD_TEXT.encode("utf-8"))
    _, out, _ = run("facts", str(path))
    assert [json.loads(line)["value"] for line in out.splitlines()] == [66]


def test_ten_megabytes_on_one_line(tmp_path: Path) -> None:
    block = "会议强调，要坚持问题导向，压实工作责任，" * 40 + "高新区完成固定资产投资159.3亿元，增速12.6%，"
    path = tmp_path / "big.txt"
    path.write_text(block * (10_000_000 // len(block.encode("utf-8")) + 1), encoding="utf-8")
    assert path.stat().st_size >= 10_000_000 and path.read_bytes().count(b"\n") == 0
    code, out, err = run("facts", str(path))
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and err == ""
    # The same figures repeated in one item are the same two facts.
    assert sorted((r["value"], r["unit"]) for r in rows) == [(12.6, "%"), (159.3, "亿元")]


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_random_unicode_never_crashes(text: str) -> None:
    for fact in extract_document(text, "random.txt"):
        assert text[fact.start : fact.end] == fact.surface


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["总投资", "约", "12", "３", ".5", "亿元", "万平方米", "个", "家", "%", "，", "。",
                                   "\n", " ", "截至", "6月底", "2023年", "第", "位", "本报讯", "记者 张三\n", "“", "”"]),
                max_size=60).map("".join))
def test_news_like_fragments_never_crash(text: str) -> None:
    for fact in extract_document(text, "fragments.txt"):
        assert fact.unit_std in ("CNY", "m2", "mu", "count", "percent", "rank")
        assert text[fact.start : fact.end] == fact.surface
