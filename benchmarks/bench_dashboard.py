"""Dashboard benchmark on a synthetic store of 50,000 facts.

Prints:
  1. the time of a filter change: the page functions' work when the topic (or indicator)
     changes, data already cached (target < 300 ms);
  2. the app's cold start to first chart: a fresh `streamlit run` process (own empty
     ~/.streamlit, so no disk cache from earlier runs), a freshly launched headless
     Chromium with a fresh profile, one visit until the first Plotly chart is drawn
     (target < 2 s from the visit; the server's own boot is printed apart). For the
     landing page (/, 总览) and the Trends page (/trends), `--runs` times each, as
     min-max (median), split into: Streamlit's frontend connecting, the script's work
     until the chart's data arrives, Plotly's 4.7 MB chunk loading and evaluating, the
     chart drawing, and the script finishing. Then the same for a restart (prepared facts
     in the disk cache), and, for scale, a three-line Streamlit app with one 3-point
     Plotly chart: the floor that Streamlit and Plotly set in this browser.
     Needs Chromium (Debian's /usr/bin/chromium); without it only the Python side runs.
  3. the Python side of a cold start per step (CPU time, fresh process, no cache).

    python benchmarks/bench_dashboard.py [--facts 50000] [--keep DIR] [--runs 3]

The synthetic corpus is ingested through the real store (store.ingest_bytes with a
synthetic extractor), so loading goes through the same code as production. The machine
is shared and has 2 cores: read wall-clock figures as ranges, and run it more than once.
"""

from __future__ import annotations

import argparse
import json
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

import extract  # noqa: E402
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
    meta = load_indicator_meta()
    t = time.perf_counter()
    facts = queries.prepare_facts(raw, meta)
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

    def overview(topic: str, cards_from: str) -> None:
        # What pages/overview.py computes: SQL counts, then cards from the facts of their
        # indicators (filtered from all facts when those are cached, else read apart).
        counts = store.fact_counts(conn, queries.COUNT_KEYS, topics=(topic,))
        queries.coverage_from_counts(counts, 0, 0)
        charts.timeline_counts_figure(queries.timeline_counts(counts)).to_plotly_json()
        names = queries.card_indicators(store.fact_counts(conn, queries.CARD_COUNT_KEYS, topics=(topic,)))
        if cards_from == "cache":
            subset = queries.filter_facts(facts, queries.FilterSpec(topics=(topic,), indicators=names))
        else:
            subset = queries.prepare_facts(store.facts_frame(conn, topics=(topic,), indicators=names), meta)
        queries.headline_cards(subset)

    def search(text: str) -> None:
        queries.fact_table(queries.filter_facts(facts, queries.FilterSpec(text=text)))

    results = {
        "趋势页 换主题 (投资)": timed(lambda: trends("investment")),
        "趋势页 换主题 (住房)": timed(lambda: trends("housing")),
        "明细页 换主题 (投资)": timed(lambda: data_page("investment")),
        "明细页 全文搜索": timed(lambda: search("产业园")),
        "总览页 换主题 (投资)": timed(lambda: overview("investment", "cache")),
        "总览页 换主题 (投资, 未缓存)": timed(lambda: overview("investment", "store")),
    }
    print(f"\nfilter change, page functions' work (median of 5; target < {TARGET_FILTER_MS} ms):")
    for name, ms in results.items():
        print(f"  {name:<20} {ms:7.0f} ms  {'OK' if ms < TARGET_FILTER_MS else 'SLOW'}")
    print("  (总览 未缓存: a topic change on a fresh server before the overview, once drawn, has filled the")
    print("   all-facts cache (data.warm_facts), i.e. within about a second of the first page)")
    print(f"  (CSV download of all facts, built on click: {timed(lambda: facts_csv(facts), 1):.0f} ms)")


PAGES_TIMED = (("/", "总览 (landing page)"), ("/trends", "指标趋势"))
# In-page marks, set by a MutationObserver from the first byte of the page on.
MARKS_SCRIPT = """
window.__marks = {};
const mark = (k) => { if (!(k in window.__marks)) window.__marks[k] = performance.now(); };
new MutationObserver(() => {
  if (document.querySelector('h1')) mark('title');
  if (document.querySelector('[data-testid="stPlotlyChart"]')) mark('chart_element');
  if (document.querySelector('.js-plotly-plot .main-svg')) mark('chart_drawn');
}).observe(document, {subtree: true, childList: true});
"""
MINIMAL_APP = """import plotly.graph_objects as go
import streamlit as st
st.title("floor")
st.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3], y=[1, 3, 2])))
"""
STEPS = (
    "navigation", "connected", "chart_data", "chunk_loaded", "chart_element", "chart_drawn", "finished",
)
STEP_LABELS = {
    "navigation": "visit -> page requested (Playwright)",
    "connected": "visit -> app connected (frontend up)",
    "chart_data": "visit -> chart data received",
    "chunk_loaded": "visit -> Plotly chunk downloaded",
    "chart_element": "visit -> Plotly evaluated, chart mounted",
    "chart_drawn": "visit -> FIRST CHART DRAWN",
    "finished": "visit -> last message of the script run",
}


def bench_cold_start(path: Path, runs: int) -> None:
    """Fresh `streamlit run` processes; the first visit of each until a chart is drawn."""
    chromium = os.environ.get("BROWSER_PATH") or shutil.which("chromium")
    print("\ncold start, python side (fresh process, no cache, AppTest, no browser):")
    for page in ("pages/overview.py", "pages/trends.py"):
        print(f"  {page:<20} {cold_python_side(path, page):6.2f} s")
    print_python_steps(path)
    if not chromium:
        print("  (no Chromium: browser timings skipped; CI installs chromium)")
        return
    for url, label in PAGES_TIMED:
        first, restart = [], []
        for _ in range(runs):
            with tempfile.TemporaryDirectory(prefix="bench_home_") as home:  # own ~/.streamlit/cache
                first.append(visit_fresh_server(ROOT, "dashboard.py", path, chromium, url, home))
                restart.append(visit_fresh_server(ROOT, "dashboard.py", path, chromium, url, home))
        print_visits(f"{url} {label}, first start (facts read from the store)", first)
        print_visits(f"{url} {label}, restart (prepared facts in the disk cache)", restart)
    with tempfile.TemporaryDirectory(prefix="bench_floor_") as folder:
        (Path(folder) / "app.py").write_text(MINIMAL_APP, encoding="utf-8")
        floor = [visit_fresh_server(Path(folder), "app.py", path, chromium, "/", folder) for _ in range(runs)]
    print_visits("floor: a 3-line Streamlit app with one 3-point Plotly chart", floor)


def print_visits(title: str, visits: list[dict[str, float]]) -> None:
    print(f"\n  {title} ({len(visits)} runs, min-max (median)):")

    def line(label: str, key: str, extra: str = "") -> None:
        values = [v[key] for v in visits if key in v]
        if values:
            print(f"    {label:<42} {min(values):5.2f}-{max(values):5.2f} s ({median(values):.2f}){extra}")

    line("server boot until it answers", "boot")
    line("browser launch", "launch")
    for step in STEPS:
        extra = ""
        if step == "chart_drawn":
            ok = median(v[step] for v in visits) < TARGET_COLD_S
            extra = f"  {'OK' if ok else 'SLOW'} (target < {TARGET_COLD_S} s)"
        line(STEP_LABELS[step], step, extra)
    line("a second visitor (warm server, new context)", "second")


def cold_python_side(path: Path, page: str) -> float:
    """Seconds for a fresh Python process to run a page script (no browser, no disk cache)."""
    code = (
        "import os, sys, time; t = time.perf_counter();"
        "from streamlit.testing.v1 import AppTest;"
        f"at = AppTest.from_file({str(ROOT / 'dashboard.py')!r}, default_timeout=300);"
        f"at.run(); at.switch_page({page!r}).run() if {page!r} != 'pages/overview.py' else None;"
        "assert not at.exception, at.exception;"
        "print(time.perf_counter() - t)"
    )
    with tempfile.TemporaryDirectory(prefix="bench_home_") as home:
        env = {**os.environ, "DISTRICT_FACTS_DB": str(path), "HOME": home}
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                             check=True)
    return float(out.stdout.strip().splitlines()[-1])


STEP_CODE = r"""
import json, os, sys, time
T = [time.perf_counter(), time.process_time()]
out = []
def lap(name):
    w, c = time.perf_counter(), time.process_time()
    out.append((name, w - T[0], c - T[1]))
    T[:] = [time.perf_counter(), time.process_time()]
import streamlit, streamlit.runtime.scriptrunner; lap("import streamlit (done by the server before)")
import pandas, plotly.graph_objects, pyarrow; lap("import pandas, plotly, pyarrow")
import store; from ui import charts, queries; from ui.indicators import load_indicator_meta; lap("import store, ui")
conn = store.connect(sys.argv[1]); store.ensure_seeded(conn, store.db.PROJECT_ROOT / "seeds"); lap("open store")
counts = store.fact_counts(conn, queries.COUNT_KEYS); lap("overview: counts by topic, date, period (SQL)")
queries.coverage_from_counts(counts, 0, 0); fig = charts.timeline_counts_figure(queries.timeline_counts(counts))
fig.to_plotly_json(); lap("overview: coverage, timeline chart")
names = queries.card_indicators(store.fact_counts(conn, queries.CARD_COUNT_KEYS)); lap("overview: card indicators (SQL)")
meta = load_indicator_meta(); lap("indicator metadata (YAML)")
sub = queries.prepare_facts(store.facts_frame(conn, indicators=names), meta); lap(f"overview: read+prepare card facts ({len(sub)})")
queries.headline_cards(sub); lap("overview: cards")
raw = store.facts_frame(conn); lap(f"trends: read all facts ({len(raw)})")
facts = queries.prepare_facts(raw, meta); lap("trends: prepare all facts")
picked = queries.chartable_indicators(facts)[:1]
series = queries.build_series(queries.filter_facts(facts, queries.FilterSpec(indicators=tuple(picked))))
charts.trend_figure(series).to_plotly_json(); lap("trends: series and chart")
print(json.dumps(out))
"""


def print_python_steps(path: Path) -> None:
    """The pages' work in a fresh process, step by step (what precedes the chart's data)."""
    env = {**os.environ, "DISTRICT_FACTS_DB": str(path), "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", STEP_CODE, str(path)], cwd=ROOT, env=env, capture_output=True,
                         text=True, check=True)
    print("  per step, fresh process (wall / CPU ms):")
    for name, wall, cpu in json.loads(out.stdout.strip().splitlines()[-1]):
        print(f"    {name:<52} {wall * 1000:6.0f} / {cpu * 1000:6.0f}")


def visit_fresh_server(app_dir: Path, script: str, path: Path, chromium: str, url_path: str,
                       home: str) -> dict[str, float]:
    """Start `streamlit run`, launch Chromium, visit once (and once more); seconds per step."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    env = {**os.environ, "DISTRICT_FACTS_DB": str(path), "HOME": home}
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=app_dir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}{url_path}"
    result: dict[str, float] = {}
    try:
        for _ in range(1200):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1):
                    break
            except OSError:
                time.sleep(0.05)
        result["boot"] = time.perf_counter() - t0
        with sync_playwright() as p:
            t = time.perf_counter()
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            result["launch"] = time.perf_counter() - t
            result.update(timed_visit(browser, url))
            result["second"] = timed_visit(browser, url)["chart_drawn"]
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    return result


def timed_visit(browser: Any, url: str) -> dict[str, float]:
    """One visit in a new browser context (empty cache); seconds from the goto call."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.add_init_script(MARKS_SCRIPT)
    frames: list[tuple[float, bool]] = []  # (wall time, holds a Plotly figure)

    def on_websocket(ws: Any) -> None:
        frames.append((time.time(), False))
        ws.on("framereceived", lambda payload: frames.append(
            (time.time(), isinstance(payload, bytes) and b'"layout":{' in payload)))

    page.on("websocket", on_websocket)
    start_wall, start = time.time(), time.perf_counter()
    page.goto(url)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=120_000)
    drawn = time.perf_counter() - start
    quiet_until = time.time() + 30
    while time.time() < quiet_until and time.time() - frames[-1][0] < 1.5:  # until the script is done
        page.wait_for_timeout(200)
    origin = page.evaluate("performance.timeOrigin") / 1000 - start_wall
    marks = page.evaluate("window.__marks")
    chunk = page.evaluate(
        "(performance.getEntriesByType('resource').find(r => r.name.includes('/PlotlyChart.')) || {}).responseEnd"
    )
    context.close()
    out = {"navigation": origin, "chart_drawn": drawn, "connected": frames[0][0] - start_wall,
           "finished": frames[-1][0] - start_wall}
    plot_frames = [t for t, plot in frames if plot]
    if plot_frames:
        out["chart_data"] = plot_frames[0] - start_wall
    if chunk:
        out["chunk_loaded"] = origin + chunk / 1000
    if "chart_element" in marks:
        out["chart_element"] = origin + marks["chart_element"] / 1000
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def store_is_current(path: Path) -> bool:
    """A kept store is reused only when the dashboard would not re-extract it at start."""
    conn = store.connect(path)  # also migrates it
    try:
        stale = conn.execute(
            "SELECT count(*) FROM documents WHERE extractor_version <> ?", (extract.EXTRACTOR_VERSION,)
        ).fetchone()[0]
    finally:
        conn.close()
    return stale == 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=50_000)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the synthetic store in this folder")
    parser.add_argument("--runs", type=int, default=3, help="fresh-server visits per page and case (default 3)")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench_dashboard_"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "facts.sqlite3"
    if path.exists() and not store_is_current(path):
        print(f"the kept store was made by another extractor version: rebuilding {path}")
        for stale in folder.glob("facts.sqlite3*"):
            stale.unlink()
    if not path.exists():
        t = time.perf_counter()
        build_store(path, args.facts)
        print(f"synthetic store: {args.facts} facts in {time.perf_counter() - t:.1f} s ({path})")
    bench_filters(path)
    bench_cold_start(path, args.runs)
    if args.keep is None:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
