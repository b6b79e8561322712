"""Dashboard benchmark on a synthetic store of 50,000 facts.

Prints:
  1. the time of a filter change: the page functions' work when the topic (or indicator)
     changes, data already cached (target < 300 ms);
  2. the app's cold start to first chart: a fresh `streamlit run` process, first browser
     visit, until the first Plotly chart is drawn (target < 2 s from the visit; the
     server's own boot is printed apart). Needs Chromium (Debian's /usr/bin/chromium);
     without it the cold start is measured with AppTest (no browser rendering).

    python benchmarks/bench_dashboard.py [--facts 50000] [--keep DIR]

The synthetic corpus is ingested through the real store (store.ingest_bytes with a
synthetic extractor), so loading goes through the same code as production.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from statistics import median
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import store  # noqa: E402
from extract.fact import Fact  # noqa: E402
from extract.pipeline import Article, DocumentExtraction  # noqa: E402
from ui import charts, queries  # noqa: E402
from ui.exports import facts_csv  # noqa: E402
from ui.indicators import load_indicator_meta  # noqa: E402

FACTS_PER_DOC = 100
TARGET_FILTER_MS = 300
TARGET_COLD_S = 2.0
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# (indicator, topic, unit, unit_std, factor, status, typical value)
INDICATORS = [
    ("完成投资", "investment", "亿元", "CNY", Decimal(10) ** 8, "actual", 50),
    ("年度计划投资", "investment", "亿元", "CNY", Decimal(10) ** 8, "plan", 120),
    ("总投资", "investment", "亿元", "CNY", Decimal(10) ** 8, "plan", 30),
    ("收入", "innovation", "万元", "CNY", Decimal(10) ** 4, "actual", 30000),
    ("在孵企业数", "innovation", "家", "count", Decimal(1), "actual", 3000),
    ("企业数", "enterprises", "家", "count", Decimal(1), "actual", 70000),
    ("园区面积", "parks", "万平方米", "m2", Decimal(10) ** 4, "actual", 300),
    ("建成交付面积", "housing", "万平方米", "m2", Decimal(10) ** 4, "actual", 40),
    ("住房套数", "housing", "套", "count", Decimal(1), "actual", 3000),
    ("资产规模", "finance", "亿元", "CNY", Decimal(10) ** 8, "actual", 500),
    ("排名", "ranking", "位", "rank", Decimal(1), "actual", 30),
    ("增速", "investment", "%", "percent", Decimal(1), "actual", 10),
]
SUBJECTS = ["高新区"] + [f"第{i}号产业园项目" for i in range(1, 150)] + [f"{c}街道" for c in "东西南北中"]


def synthetic_document(index: int, rng: random.Random) -> tuple[str, DocumentExtraction]:
    """One page of FACTS_PER_DOC sentences and their facts, offsets exact."""
    year = 2015 + index % 10
    date = f"{year}-{1 + index % 12:02d}-{1 + index % 28:02d}"
    title = f"高新区经济运行简报第{index}期"
    text = f"# {title}\n\n"
    facts: list[Fact] = []
    for k in range(FACTS_PER_DOC):
        name, topic, unit, unit_std, factor, status, typical = INDICATORS[rng.randrange(len(INDICATORS))]
        subject = SUBJECTS[0] if rng.random() < 0.3 else SUBJECTS[rng.randrange(len(SUBJECTS))]
        period = rng.choice([str(year), f"{year}-Q{1 + k % 4}", f"{year}-{1 + k % 12:02d}", date])
        value = Decimal(str(round(typical * rng.uniform(0.5, 1.5), 2)))
        surface = f"{value}{unit}"
        sentence = f"{subject}{name}{surface}。"
        start = len(text)
        text += sentence + "\n"
        at = start + len(subject) + len(name)
        facts.append(Fact(
            doc=f"syn_{index:05d}.txt", article_index=0, article_title=title, sentence=sentence,
            quote=sentence.rstrip("。"), surface=surface, start=at, end=at + len(surface),
            sentence_start=start, sentence_end=start + len(sentence), value=value, value_text=str(value),
            unit=unit, value_std=value * factor, unit_std=unit_std, qualifier="exact", indicator=name,  # type: ignore[arg-type]
            measure=name, topic=topic, subject=subject, status=status, period=period, period_text="",  # type: ignore[arg-type]
            article_date=date, date_inferred=False, confidence=round(rng.uniform(0.3, 1.0), 2),
        ))
    article = Article(index=0, title=title, date=date, date_inferred=False, start=0, end=len(text))
    return text, DocumentExtraction(doc=f"syn_{index:05d}.txt", articles=(article,), facts=tuple(facts))


def build_store(path: Path, n_facts: int) -> None:
    rng = random.Random(7)
    conn = store.connect(path)
    docs = {}
    for i in range(n_facts // FACTS_PER_DOC):
        text, extraction = synthetic_document(i, rng)
        docs[extraction.doc] = extraction
        store.ingest_bytes(conn, extraction.doc, text.encode("utf-8"), extract=lambda t, d: docs[d])
    conn.close()


def timed(fn: Callable[[], Any], repeat: int = 5) -> float:
    """Median wall time of fn() in milliseconds."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return median(times)


def bench_filters(path: Path) -> None:
    conn = store.connect(path)
    t = time.perf_counter()
    raw = store.facts_frame(conn)
    load_ms = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    facts = queries.prepare_facts(raw, load_indicator_meta())
    prepare_ms = (time.perf_counter() - t) * 1000
    print(f"facts: {len(facts)}")
    print(f"load from store (once per data version, cached): {load_ms:7.0f} ms")
    print(f"prepare columns (once per data version, cached): {prepare_ms:7.0f} ms")

    def trends(topic: str) -> None:
        view = queries.filter_facts(facts, queries.FilterSpec(topics=(topic,)))
        indicators = tuple(queries.chartable_indicators(view)[:2])
        chosen = queries.filter_facts(view, queries.FilterSpec(indicators=indicators))
        fig = charts.trend_figure(queries.build_series(chosen), title="、".join(indicators))
        fig.to_plotly_json()  # what st.plotly_chart does with a figure
        queries.dropped_series(chosen)
        pairs = queries.plan_vs_actual(view)
        charts.plan_actual_figure(queries.top_pairs(pairs)).to_plotly_json()

    def data_page(topic: str) -> None:
        view = queries.filter_facts(facts, queries.FilterSpec(topics=(topic,)))
        queries.fact_table(view)

    def overview(topic: str) -> None:
        view = queries.filter_facts(facts, queries.FilterSpec(topics=(topic,)))
        queries.headline_cards(view)
        charts.timeline_figure(queries.timeline_frame(view)).to_plotly_json()

    def search(text: str) -> None:
        queries.fact_table(queries.filter_facts(facts, queries.FilterSpec(text=text)))

    results = {
        "趋势页 换主题 (投资)": timed(lambda: trends("investment")),
        "趋势页 换主题 (住房)": timed(lambda: trends("housing")),
        "明细页 换主题 (投资)": timed(lambda: data_page("investment")),
        "明细页 全文搜索": timed(lambda: search("产业园")),
        "总览页 换主题 (投资)": timed(lambda: overview("investment")),
    }
    print(f"\nfilter change, page functions' work (median of 5; target < {TARGET_FILTER_MS} ms):")
    for name, ms in results.items():
        print(f"  {name:<16} {ms:7.0f} ms  {'OK' if ms < TARGET_FILTER_MS else 'SLOW'}")
    print(f"  (CSV download of all facts, built on click: {timed(lambda: facts_csv(facts), 1):.0f} ms)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def bench_cold_start(path: Path) -> None:
    """Fresh `streamlit run` processes; the first visit of each until a chart is drawn."""
    chromium = os.environ.get("BROWSER_PATH") or shutil.which("chromium")
    python_side = cold_python_side(path)
    print("\ncold start:")
    print(f"  python side, fresh process, no cache (AppTest, trends page): {python_side:6.2f} s")
    if not chromium:
        print("  (no Chromium: browser timings skipped; CI installs chromium)")
        return
    for label in ("first start (data read from the store)", "restart (prepared facts from the disk cache)"):
        boot, first, warm = visit_fresh_server(path, chromium)
        print(f"  {label}:")
        print(f"    server boot until it answers:       {boot:6.2f} s")
        print(f"    first visit until the first chart:  {first:6.2f} s  "
              f"{'OK' if first < TARGET_COLD_S else 'SLOW'} (target < {TARGET_COLD_S} s)")
        print(f"    a second visitor:                   {warm:6.2f} s")
    print("  (a visit includes the browser loading Streamlit's 4.7 MB Plotly bundle; on this 2-core VM")
    print("   without GPU that alone takes 2-4 s, measured with a 111-fact store)")


def cold_python_side(path: Path) -> float:
    """Seconds for a fresh Python process to run the trends page script (no browser)."""
    code = (
        "import os, sys, time; t = time.perf_counter();"
        "from streamlit.testing.v1 import AppTest;"
        f"at = AppTest.from_file({str(ROOT / 'dashboard.py')!r}, default_timeout=300);"
        "at.run(); at.switch_page('pages/trends.py').run();"
        "assert not at.exception, at.exception;"
        "print(time.perf_counter() - t)"
    )
    env = {**os.environ, "DISTRICT_FACTS_DB": str(path)}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def visit_fresh_server(path: Path, chromium: str) -> tuple[float, float, float]:
    from playwright.sync_api import sync_playwright

    port = free_port()
    env = {**os.environ, "DISTRICT_FACTS_DB": str(path)}
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/trends"
    try:
        for _ in range(240):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1):
                    break
            except OSError:
                time.sleep(0.25)
        boot = time.perf_counter() - t0
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            times = []
            for _ in range(2):
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                t = time.perf_counter()
                page.goto(url)
                page.wait_for_selector(".js-plotly-plot .main-svg", timeout=120_000)
                times.append(time.perf_counter() - t)
                page.close()
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    return boot, times[0], times[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=50_000)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the synthetic store in this folder")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench_dashboard_"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "facts.sqlite3"
    if not path.exists():
        t = time.perf_counter()
        build_store(path, args.facts)
        print(f"synthetic store: {args.facts} facts in {time.perf_counter() - t:.1f} s ({path})")
    bench_filters(path)
    bench_cold_start(path)
    if args.keep is None:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
