"""One real-browser test: `streamlit run dashboard.py` headless on a free loopback port,
every page opened in Debian's Chromium through Playwright, Plotly charts waited for,
screenshots saved under test-artifacts/, and no page may show a Streamlit exception.

Skipped only when Chromium is not installed (CI installs it: apt-get install chromium
fonts-noto-cjk). Never `playwright install`: the browser comes from Debian.
Set DASHBOARD_DOCS_SCREENSHOT=1 to also refresh docs/trends.png.
"""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
import ui_factories  # noqa: F401 - first: puts the repo root on sys.path
from ui_factories import ROOT, SEEDS, fake_extract_articles, ingest_many_facts

CHROMIUM = os.environ.get("BROWSER_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts"
SERVER_START_S = 60
PAGE_LOAD_MS = 45_000
# (url path with query, screenshot name, has a Plotly chart)
PAGES = [
    ("/", "overview", True),
    ("/trends?topic=%E6%8A%95%E8%B5%84&ind=%E5%B9%B4%E5%BA%A6%E8%AE%A1%E5%88%92%E6%8A%95%E8%B5%84&ind=%E5%AE%8C%E6%88%90%E6%8A%95%E8%B5%84", "trends", True),  # topic=投资, ind=年度计划投资, ind=完成投资
    ("/projects", "projects", True),
    ("/data?topic=%E4%BD%8F%E6%88%BF", "data", False),
    ("/sources", "sources", False),
    ("/glossary", "glossary", False),
    ("/upload", "upload", False),
    ("/review", "review", False),
]

pytestmark = pytest.mark.skipif(
    not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)),
    reason=f"Chromium not found at {CHROMIUM}; CI installs it with apt-get install chromium fonts-noto-cjk",
)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serve(db, log_path):
    """`streamlit run dashboard.py` on a free loopback port over the store `db`; yields its URL."""
    port = free_port()
    env = {**os.environ, "DISTRICT_FACTS_DB": str(db), "BROWSER_PATH": CHROMIUM}
    log = open(log_path, "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_S
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"streamlit did not start; see {log.name}")
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The dashboard served on 127.0.0.1 from a store seeded with the gold facts."""
    import store

    db = tmp_path_factory.mktemp("browser") / "facts.sqlite3"
    conn = store.connect(db)
    store.ingest_paths(conn, sorted(SEEDS.iterdir()), extract=fake_extract_articles)
    conn.close()
    with serve(db, tmp_path_factory.getbasetemp() / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="module")
def big_server(tmp_path_factory):
    """The dashboard over more facts than the overview draws as dots (monthly bars instead)."""
    import store
    from ui.charts import DOTS_UP_TO

    db = tmp_path_factory.mktemp("browser_big") / "facts.sqlite3"
    conn = store.connect(db)
    ingest_many_facts(conn, DOTS_UP_TO + 100)
    conn.close()
    with serve(db, tmp_path_factory.getbasetemp() / "streamlit_big.log") as url:
        yield url


def test_every_page_renders_in_a_real_browser(server):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    problems = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1800}, locale="zh-CN")
        try:
            for path, name, has_chart in PAGES:
                page.goto(server + path, wait_until="domcontentloaded")
                page.wait_for_selector("h1", timeout=PAGE_LOAD_MS)
                if has_chart:
                    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=PAGE_LOAD_MS)
                wait_until_idle(page)
                page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
                if name == "trends" and os.environ.get("DASHBOARD_DOCS_SCREENSHOT"):
                    page.screenshot(path=str(ROOT / "docs" / "trends.png"), full_page=True)
                errors = page.locator("[data-testid='stException']")
                if errors.count():
                    problems.append(f"{path}: {errors.first.inner_text()[:300]}")
            # A click on a point shows where the figure came from.
            page.goto(server + PAGES[1][0], wait_until="domcontentloaded")
            page.wait_for_selector(".js-plotly-plot .scatterlayer .points path", timeout=PAGE_LOAD_MS)
            wait_until_idle(page)
            page.locator(".js-plotly-plot .scatterlayer .points path").first.click(force=True)
            page.get_by_text("期间：").first.wait_for(timeout=PAGE_LOAD_MS)
            page.screenshot(path=str(ARTIFACTS / "trends_clicked.png"), full_page=True)
        finally:
            browser.close()
    assert not problems, problems


def test_a_timeline_bar_lists_its_facts(big_server):
    """Many facts: the overview counts them by month; a click on a bar lists that month's facts."""
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1800}, locale="zh-CN")
        try:
            page.goto(big_server + "/", wait_until="domcontentloaded")
            bars = page.locator(".js-plotly-plot .barlayer .point path")
            bars.first.wait_for(timeout=PAGE_LOAD_MS)
            wait_until_idle(page)
            bars.first.click(force=True)
            page.get_by_text("条数据").first.wait_for(timeout=PAGE_LOAD_MS)
            page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=PAGE_LOAD_MS)
            wait_until_idle(page)
            page.screenshot(path=str(ARTIFACTS / "overview_bar_clicked.png"), full_page=True)
            assert not page.locator("[data-testid='stException']").count()
        finally:
            browser.close()


def wait_until_idle(page, timeout_s: float = 30) -> None:
    """Until Streamlit's "running" indicator is gone (the script run finished)."""
    deadline = time.monotonic() + timeout_s
    page.wait_for_timeout(300)
    while page.locator("[data-testid='stStatusWidget']").count() and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    page.wait_for_timeout(500)
