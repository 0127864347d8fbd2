"""Real browser tests: a `streamlit run dashboard.py` server on loopback, Debian chromium.

The server starts from an empty temporary folder, so the first-start path (demo data
created offline) is exercised too. It runs a temporary copy of the app, so the outline
files it serves from `static/` are written there, not into the checkout. Every request the browser makes is recorded: a test
fails if any goes to another host than the app's own.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from benchmarks.servers import free_port, wait_ready
from tests.conftest import PROJECT_ROOT, output_dir

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-gpu", "--disable-quic",
]
MAX_SHOT_PX = 6000
# What `streamlit run dashboard.py` reads (no secrets.toml: tests use their own settings).
APP_FILES = ("dashboard.py", "pages", "observatory", "sql", "data/demo", "data/reference",
             ".streamlit/config.toml")


@pytest.fixture(scope="session")
def app_url(tmp_path_factory) -> str:
    """Base URL of a dashboard started on an empty database folder (first start loads the demo)."""
    yield from serve(tmp_path_factory.mktemp("app") / "observatory.duckdb")


@pytest.fixture(scope="session")
def app_with_outlines_url(tmp_path_factory, shared_geo) -> str:
    """Base URL of a dashboard on the demo plus the real Bretagne outlines, loaded by the CLI."""
    folder = tmp_path_factory.mktemp("app-outlines")
    env = {**os.environ, "OBSERVATORY_DB": str(folder / "observatory.duckdb")}
    for command in (["init", "--demo"],
                    ["geo", "import", str(shared_geo / "communes-bretagne.geojson"),
                     "--level", "commune", "--add-missing"],
                    ["geo", "import", str(shared_geo / "departements-bretagne.geojson"),
                     "--level", "departement"]):
        subprocess.run([sys.executable, "-m", "observatory", *command], cwd=PROJECT_ROOT,
                       env=env, check=True, capture_output=True)
    yield from serve(folder / "observatory.duckdb")


def app_copy(folder: Path) -> Path:
    """Copy the app into `folder` and return it: its `static/` is then a temporary folder."""
    for name in APP_FILES:
        source, target = PROJECT_ROOT / name, folder / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    return folder


def serve(database: Path, **settings: str):
    """Run `streamlit run dashboard.py` on `database` (plus settings); yield its base URL."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    port = free_port()
    app = app_copy(database.parent / "app")
    environment = {name: value for name, value in os.environ.items()
                   if name != "OBSERVATORY_STATIC_DIR"}  # the copy's own static/ is served
    env = {**environment, "OBSERVATORY_DB": str(database),
           "OBSERVATORY_STAFF_PASSWORD": "mot de passe de test", "PYTHONUNBUFFERED": "1",
           **settings}
    log = database.parent / "streamlit.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard.py",
             "--server.headless", "true", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
            cwd=app, env=env, stdout=out, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base_url, process, log, "/_stcore/health")
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def browser():
    """One headless Debian chromium for the session."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class RecordedPage:
    """A Playwright page plus every URL its browser context requested (websockets included)."""

    def __init__(self, page, requests: list[str]):
        self.page = page
        self.requests = requests

    def foreign_requests(self, base_url: str) -> list[str]:
        """Return the requests that went to another host than the app's."""
        host = urlsplit(base_url).netloc
        return [url for url in self.requests
                if urlsplit(url).scheme in ("http", "https", "ws", "wss")
                and urlsplit(url).netloc != host]


@pytest.fixture
def open_context(browser):
    """Factory: a fresh browser context (another person) with a page recording its requests."""
    contexts = []

    def factory(width: int = 1366, height: int = 768) -> RecordedPage:
        context = browser.new_context(viewport={"width": width, "height": height}, locale="fr-FR")
        contexts.append(context)
        requests: list[str] = []
        # On the context, not the page: requests of workers and of any popup count too.
        context.on("request", lambda request: requests.append(request.url))
        context.on("page", lambda opened: opened.on(
            "websocket", lambda socket: requests.append(socket.url)))
        page = context.new_page()
        return RecordedPage(page, requests)

    yield factory
    for context in contexts:
        context.close()


def wait_for_app(page, timeout_ms: int = 60_000, ready: str = "[data-testid='stMain'] h1") -> None:
    """Wait until the `ready` element shows, the script stopped running, placeholders are filled.

    The page title is the default sign of a rendered page (embedded views have none).
    """
    page.wait_for_selector(ready, timeout=timeout_ms)
    idle = ("() => !document.querySelector(\"[data-testid='stStatusWidget'], "
            "[data-testid='stSkeleton']\")")
    # A run can start again right after one ends (URL write-back, first start): settle twice.
    for _ in range(2):
        page.wait_for_timeout(400)
        page.wait_for_function(idle, timeout=timeout_ms)


def screenshot(page, name: str) -> Path:
    """Save a screenshot of the whole page under $OBSERVATORY_TEST_OUTPUT/browser/; return it.

    Streamlit scrolls inside its main block, so the window is made as tall as the content
    for the shot, then put back.
    """
    path = output_dir("browser") / f"{name}.png"
    size = page.viewport_size
    height = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll(\"[data-testid='stMain'], "
        "[data-testid='stSidebar'], [data-testid='stMainBlockContainer']\")]"
        ".map(node => node.scrollHeight), window.innerHeight)")
    page.set_viewport_size({"width": size["width"], "height": min(int(height), MAX_SHOT_PX)})
    page.wait_for_timeout(600)  # let charts re-layout to the new size
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    return path
