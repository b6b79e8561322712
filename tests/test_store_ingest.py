"""Ingest: idempotency, updates, re-extraction on a new extractor version, seeding."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from store_fakes import (
    FAKE_VERSION,
    FAKE_VERSION_2,
    article_text,
    crashing_extract,
    fake_extract,
    fake_extract_v2,
    fake_fact_count,
    write_corpus,
)

import store
from extract.pipeline import DocumentExtraction

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    return store.connect(tmp_path / "facts.sqlite3")


def ingest(conn: sqlite3.Connection, paths: list[Path], version: str = FAKE_VERSION, extract=fake_extract):
    return store.ingest_paths(conn, paths, extract=extract, version=version)


def count(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


# --- idempotency ------------------------------------------------------------------------


def test_first_ingest_adds_every_file(conn: sqlite3.Connection, tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "in", 3)
    assert [r.status for r in ingest(conn, paths)] == ["added", "added", "added"]


def test_first_ingest_stores_every_fact(conn: sqlite3.Connection, tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "in", 3)
    ingest(conn, paths)
    assert count(conn, "facts") == sum(fake_fact_count(p) for p in paths)


def test_result_reports_fact_count(conn: sqlite3.Connection, tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "in", 1)
    assert ingest(conn, paths)[0].facts == fake_fact_count(paths[0])


def test_ingest_twice_makes_no_duplicate_documents(conn: sqlite3.Connection, tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "in", 3)
    ingest(conn, paths)
    ingest(conn, paths)
    assert count(conn, "documents") == 3


def test_ingest_twice_makes_no_duplicate_facts(conn: sqlite3.Connection, tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "in", 3)
    ingest(conn, paths)
    before = count(conn, "facts")
    ingest(conn, paths)
    assert count(conn, "facts") == before


def test_second_ingest_reports_unchanged(conn: sqlite3.Connection, tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "in", 2)
    ingest(conn, paths)
    assert [r.status for r in ingest(conn, paths)] == ["unchanged", "unchanged"]


def test_unchanged_file_is_not_extracted_again(conn: sqlite3.Connection, tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "in", 2)
    ingest(conn, paths)
    calls: list[str] = []

    def spy(text: str, doc: str) -> DocumentExtraction:
        calls.append(doc)
        return fake_extract(text, doc)

    ingest(conn, paths, extract=spy)
    assert calls == []


def test_same_content_under_another_name_is_skipped(conn: sqlite3.Connection, tmp_path: Path) -> None:
    [path] = write_corpus(tmp_path / "in", 1)
    copy = tmp_path / "copy.txt"
    copy.write_bytes(path.read_bytes())
    ingest(conn, [path])
    [result] = ingest(conn, [copy])
    assert (result.status, count(conn, "documents")) == ("unchanged", 1)


def test_changed_file_of_same_name_is_updated(conn: sqlite3.Connection, tmp_path: Path) -> None:
    [path] = write_corpus(tmp_path / "in", 1)
    ingest(conn, [path])
    path.write_text(article_text(7) + article_text(8), encoding="utf-8")
    [result] = ingest(conn, [path])
    assert (result.status, result.facts) == ("updated", fake_fact_count(path))


def test_update_replaces_the_facts_of_the_document(conn: sqlite3.Connection, tmp_path: Path) -> None:
    [path] = write_corpus(tmp_path / "in", 1)
    ingest(conn, [path])
    path.write_text(article_text(7) + article_text(8), encoding="utf-8")
    ingest(conn, [path])
    assert count(conn, "facts") == fake_fact_count(path)


def test_update_keeps_the_previous_text_as_a_revision(conn: sqlite3.Connection, tmp_path: Path) -> None:
    [path] = write_corpus(tmp_path / "in", 1)
    old = path.read_text(encoding="utf-8")
    ingest(conn, [path])
    path.write_text(article_text(99), encoding="utf-8")
    ingest(conn, [path])
    assert conn.execute("SELECT text FROM document_revisions").fetchone()[0] == old


def test_articles_are_stored(conn: sqlite3.Connection, tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "in", 2, per_file=3)
    ingest(conn, paths)
    assert len(store.articles_frame(conn)) == 6


def test_every_result_is_logged(conn: sqlite3.Connection, tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "in", 2)
    ingest(conn, paths)
    ingest(conn, paths)
    assert store.ingest_log_frame(conn)["status"].tolist() == ["unchanged", "unchanged", "added", "added"]


def test_progress_is_reported_per_file(conn: sqlite3.Connection, tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "in", 3)
    seen: list[tuple[int, int]] = []
    store.ingest_paths(conn, paths, extract=fake_extract, version=FAKE_VERSION,
                       progress=lambda done, total, name: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_folder_is_searched_recursively(conn: sqlite3.Connection, tmp_path: Path) -> None:
    write_corpus(tmp_path / "in" / "2024" / "05", 2)
    write_corpus(tmp_path / "in" / "2024" / "06", 1, start=10)
    ingest(conn, [tmp_path / "in"])
    assert count(conn, "documents") == 3


def test_hidden_and_unsupported_files_in_a_folder_are_skipped(conn: sqlite3.Connection, tmp_path: Path) -> None:
    write_corpus(tmp_path / "in", 1)
    (tmp_path / "in" / ".hidden.txt").write_text(article_text(5), encoding="utf-8")
    (tmp_path / "in" / "image.png").write_bytes(b"\x89PNG")
    assert [r.name for r in ingest(conn, [tmp_path / "in"])] == ["doc_00000.txt"]


def test_missing_path_fails_with_message(conn: sqlite3.Connection, tmp_path: Path) -> None:
    [result] = ingest(conn, [tmp_path / "nope.txt"])
    assert (result.status, result.message) == ("failed", "找不到该文件或文件夹")


def test_extractor_crash_fails_that_file_only(conn: sqlite3.Connection, tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "in", 3)

    def flaky(text: str, doc: str) -> DocumentExtraction:
        if doc == "doc_00001.txt":
            raise RuntimeError("engine bug")
        return fake_extract(text, doc)

    assert [r.status for r in ingest(conn, paths, extract=flaky)] == ["added", "failed", "added"]


def test_extractor_crash_message_names_the_error(conn: sqlite3.Connection, tmp_path: Path) -> None:
    [path] = write_corpus(tmp_path / "in", 1)

    def broken(text: str, doc: str) -> DocumentExtraction:
        raise RuntimeError("engine bug")

    assert ingest(conn, [path], extract=broken)[0].message == "抽取出错：RuntimeError: engine bug"


def test_repeated_figure_in_one_article_gets_distinct_fact_ids(conn: sqlite3.Connection, tmp_path: Path) -> None:
    path = tmp_path / "twice.txt"
    path.write_text("# 标题\n新增企业12家，其中科技企业12家。\n", encoding="utf-8")
    ingest(conn, [path])
    ids = store.facts_frame(conn)["fact_id"].tolist()
    assert len(ids) == 2 and len(set(ids)) == 2  # the words around each figure differ



# --- extractor version changes ----------------------------------------------------------


@pytest.fixture
def corrected(conn: sqlite3.Connection, tmp_path: Path) -> dict[str, str]:
    """A store made by version 1 with a correction on a kept fact and one on a dropped fact."""
    ingest(conn, write_corpus(tmp_path / "in", 2))
    frame = store.facts_frame(conn)
    kept = frame[frame["unit"] == "亿元"]["fact_id"].iloc[0]
    pct = tmp_path / "in" / "pct.txt"
    pct.write_text("# 增速\n增长12.5%。\n", encoding="utf-8")
    ingest(conn, [pct])
    dropped = store.facts_frame(conn).query("unit == '%'")["fact_id"].iloc[0]
    store.correct(conn, kept, "value", "99.5", "王科长", "按原文更正")
    store.approve(conn, dropped, "王科长")
    return {"kept": kept, "dropped": dropped}


def test_new_version_re_extracts_every_document(conn: sqlite3.Connection, corrected: dict[str, str]) -> None:
    results = store.reextract_stale(conn, extract=fake_extract_v2, version=FAKE_VERSION_2)
    assert [r.status for r in results] == ["updated", "updated", "updated"]


def test_new_version_remakes_facts(conn: sqlite3.Connection, corrected: dict[str, str]) -> None:
    store.reextract_stale(conn, extract=fake_extract_v2, version=FAKE_VERSION_2)
    assert set(store.facts_frame(conn)["extractor_version"]) == {FAKE_VERSION_2}


def test_new_version_facts_carry_new_extraction(conn: sqlite3.Connection, corrected: dict[str, str]) -> None:
    store.reextract_stale(conn, extract=fake_extract_v2, version=FAKE_VERSION_2)
    assert store.facts_frame(conn)["indicator"].str.endswith("（新）").all()


def test_ingest_paths_re_extracts_when_version_changed(conn: sqlite3.Connection, corrected: dict[str, str]) -> None:
    ingest(conn, [], version=FAKE_VERSION_2, extract=fake_extract_v2)
    versions = conn.execute("SELECT DISTINCT extractor_version FROM documents").fetchall()
    assert [v[0] for v in versions] == [FAKE_VERSION_2]


def test_correction_survives_re_extraction(conn: sqlite3.Connection, corrected: dict[str, str]) -> None:
    store.reextract_stale(conn, extract=fake_extract_v2, version=FAKE_VERSION_2)
    row = store.facts_frame(conn).set_index("fact_id").loc[corrected["kept"]]
    assert (row["value"], row["value_std"], row["checked"]) == (99.5, 99.5e8, True)


def test_correction_of_vanished_fact_is_listed_as_orphan(conn: sqlite3.Connection, corrected: dict[str, str]) -> None:
    store.reextract_stale(conn, extract=fake_extract_v2, version=FAKE_VERSION_2)
    assert store.orphaned_corrections(conn)["fact_id"].tolist() == [corrected["dropped"]]


def test_re_extraction_message_mentions_orphans(conn: sqlite3.Connection, corrected: dict[str, str]) -> None:
    results = store.reextract_stale(conn, extract=fake_extract_v2, version=FAKE_VERSION_2)
    assert "找不到对应数据" in next(r.message for r in results if r.name == "pct.txt")


def test_failed_re_extraction_keeps_old_facts(conn: sqlite3.Connection, corrected: dict[str, str]) -> None:
    before = count(conn, "facts")

    def broken(text: str, doc: str) -> DocumentExtraction:
        raise RuntimeError("engine bug")

    store.reextract_stale(conn, extract=broken, version=FAKE_VERSION_2)
    assert count(conn, "facts") == before


def test_failed_re_extraction_is_retried_next_time(conn: sqlite3.Connection, corrected: dict[str, str]) -> None:
    store.reextract_stale(conn, extract=lambda t, d: 1 / 0, version=FAKE_VERSION_2)  # type: ignore[arg-type,return-value]
    results = store.reextract_stale(conn, extract=fake_extract_v2, version=FAKE_VERSION_2)
    assert len(results) == 3


def test_same_version_re_extracts_nothing(conn: sqlite3.Connection, corrected: dict[str, str]) -> None:
    assert store.reextract_stale(conn, extract=fake_extract, version=FAKE_VERSION) == []


# --- seeding ----------------------------------------------------------------------------


def test_ensure_seeded_fills_an_empty_store(conn: sqlite3.Connection, tmp_path: Path) -> None:
    write_corpus(tmp_path / "seeds", 3)
    assert store.ensure_seeded(conn, tmp_path / "seeds", extract=fake_extract, version=FAKE_VERSION) == 3


def test_ensure_seeded_leaves_a_filled_store_alone(conn: sqlite3.Connection, tmp_path: Path) -> None:
    write_corpus(tmp_path / "seeds", 3)
    store.ensure_seeded(conn, tmp_path / "seeds", extract=fake_extract, version=FAKE_VERSION)
    assert store.ensure_seeded(conn, tmp_path / "seeds", extract=fake_extract, version=FAKE_VERSION) == 0


def test_ensure_seeded_re_extracts_after_version_change(conn: sqlite3.Connection, tmp_path: Path) -> None:
    write_corpus(tmp_path / "seeds", 2)
    store.ensure_seeded(conn, tmp_path / "seeds", extract=fake_extract, version=FAKE_VERSION)
    store.ensure_seeded(conn, tmp_path / "seeds", extract=fake_extract_v2, version=FAKE_VERSION_2)
    assert set(store.documents_frame(conn)["extractor_version"]) == {FAKE_VERSION_2}


def test_ensure_seeded_does_not_load_the_engine_when_nothing_is_to_extract(
    conn: sqlite3.Connection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Importing the engine (jieba, cn2an) is a third of a second of every dashboard start.
    write_corpus(tmp_path / "seeds", 2)
    store.ensure_seeded(conn, tmp_path / "seeds", extract=fake_extract, version=FAKE_VERSION)

    def no_engine(extract: object) -> None:
        raise AssertionError("the engine was loaded")

    monkeypatch.setattr("store.ingest._extractor", no_engine)
    assert store.ensure_seeded(conn, tmp_path / "seeds", version=FAKE_VERSION) == 0


def test_seed_corpus_is_ingested_with_the_fake_engine(conn: sqlite3.Connection) -> None:
    assert store.ensure_seeded(conn, SEEDS, extract=fake_extract, version=FAKE_VERSION) == len(
        list(SEEDS.glob("*.txt"))
    )


# --- worker processes -------------------------------------------------------------------


def test_parallel_ingest_stores_the_same_facts(conn: sqlite3.Connection, tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "in", 20, per_file=2)
    store.ingest_paths(conn, paths, extract=fake_extract, version=FAKE_VERSION, jobs=2)
    stored = dict(conn.execute(
        "SELECT d.name, count(f.id) FROM documents d JOIN facts f ON f.document_id = d.id GROUP BY d.id"))
    assert stored == {p.name: fake_fact_count(p) for p in paths}


def test_parallel_ingest_keeps_file_order(conn: sqlite3.Connection, tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "in", 20)
    results = store.ingest_paths(conn, paths, extract=fake_extract, version=FAKE_VERSION, jobs=2)
    assert [r.name for r in results] == [p.name for p in paths]


def test_parallel_ingest_survives_a_dying_worker(conn: sqlite3.Connection, tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "in", 40)
    paths[5].write_text("# 坏文件\nCRASH 总投资5亿元\n", encoding="utf-8")
    results = store.ingest_paths(conn, paths, extract=crashing_extract, version=FAKE_VERSION, jobs=2)
    by_name = {r.name: r for r in results}
    assert (by_name[paths[5].name].status, by_name[paths[-1].name].status) == ("failed", "added")


def test_dying_worker_is_reported(conn: sqlite3.Connection, tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "in", 12)
    paths[5].write_text("# 坏文件\nCRASH 总投资5亿元\n", encoding="utf-8")
    results = store.ingest_paths(conn, paths, extract=crashing_extract, version=FAKE_VERSION, jobs=2)
    assert "抽取进程意外退出" in next(r.message for r in results if r.name == paths[5].name)


def test_files_lost_with_a_dying_worker_land_on_the_next_run(conn: sqlite3.Connection, tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "in", 40)
    paths[5].write_text("# 坏文件\nCRASH 总投资5亿元\n", encoding="utf-8")
    store.ingest_paths(conn, paths, extract=crashing_extract, version=FAKE_VERSION, jobs=2)
    store.ingest_paths(conn, paths[:5] + paths[6:], extract=crashing_extract, version=FAKE_VERSION, jobs=2)
    assert count(conn, "documents") == 39


# --- the real engine ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_seeded(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    """The bundled seeds/ ingested with the real engine (the dashboard's first start)."""
    conn = store.connect(tmp_path_factory.mktemp("real") / "facts.sqlite3")
    assert store.ensure_seeded(conn, SEEDS) == len(list(SEEDS.glob("*.txt")))
    return conn


def engine_output(path: Path) -> DocumentExtraction:
    from extract.pipeline import extract_articles

    return extract_articles(path.read_text(encoding="utf-8"), path.name)


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_real_engine_facts_per_seed_document_equal_engine_output(real_seeded: sqlite3.Connection, seed: str) -> None:
    stored = store.facts_frame(real_seeded)
    assert (stored["doc"] == seed).sum() == len(engine_output(SEEDS / seed).facts)


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_real_engine_articles_per_seed_document_equal_engine_output(real_seeded: sqlite3.Connection, seed: str) -> None:
    stored = store.articles_frame(real_seeded)
    assert (stored["doc"] == seed).sum() == len(engine_output(SEEDS / seed).articles)


def test_real_engine_facts_round_trip_through_the_store(real_seeded: sqlite3.Connection) -> None:
    seed = sorted(SEEDS.glob("*.txt"))[0]
    expected = [f.to_row() for f in engine_output(seed).facts]
    stored = store.facts_frame(real_seeded).query("doc == @seed.name")
    assert sorted((r["value_std"], r["quote"], r["indicator"]) for r in expected) == sorted(
        zip(stored["value_std"], stored["quote"], stored["indicator"]))


def test_real_engine_surface_offsets_point_into_stored_text(real_seeded: sqlite3.Connection) -> None:
    frame = store.facts_frame(real_seeded)
    texts = {name: store.document_text(real_seeded, name) for name in frame["doc"].unique()}
    wrong = [r.fact_id for r in frame.itertuples() if texts[r.doc][r.start:r.end] != r.surface]
    assert wrong == []


def test_parallel_re_extraction_remakes_every_document(conn: sqlite3.Connection, tmp_path: Path) -> None:
    ingest(conn, write_corpus(tmp_path / "in", 12))
    results = store.reextract_stale(conn, extract=fake_extract_v2, version=FAKE_VERSION_2, jobs=2)
    assert ([r.status for r in results], set(store.facts_frame(conn)["extractor_version"])) == (
        ["updated"] * 12, {FAKE_VERSION_2})
