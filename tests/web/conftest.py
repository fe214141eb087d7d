"""The web UI in a real browser: the demo store (texts ingested through the pipeline, plus
one hostile document), the app served by uvicorn in a thread on a free port, and Debian's
Chromium driven by Playwright. Run them alone with ``pytest -m browser``."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

from enlace.api.app import create_app
from enlace.demo.case import Case, load_case, password, set_passwords
from enlace.ingest import jobs, queue
from enlace.ingest.jobs import IngestOptions
from enlace.sharing.marking import LabelOptions
from enlace.store import Store

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
HOSTILE = ("Nota de prueba <script>window.__pwned = 1; alert('xss')</script>\n"
           "<img src=x onerror=\"window.__pwned = 2; alert('img')\">\n"
           "<a href=\"javascript:window.__pwned=3\">enlace</a> sobre Rigoberto Salas Medina.\n")

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def demo_store(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    path = tmp_path_factory.mktemp("web-demo") / "enlace.db"
    shutil.copy(sqlite_template, path)
    store = Store.open(f"sqlite:///{path}")
    case = Case.bundled()
    load_case(store, case)
    set_passwords(store, case)
    hostile = tmp_path_factory.mktemp("hostile") / "nota-hostil.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    options = IngestOptions(LabelOptions("PUBLIC", (), ("MX", "US"), "FGR", "CLEAR"))
    queue.run_inline(store, jobs.enqueue_paths(store, [hostile], "ana.ruiz", options).id)
    yield store
    store.close()


@pytest.fixture(scope="session")
def base_url(demo_store: Store) -> Iterator[str]:
    port = free_port()
    config = uvicorn.Config(create_app(demo_store), host="127.0.0.1", port=port,
                            log_level="warning", ws="none", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


def open_as(browser: Browser, base_url: str, name: str, locale: str = "en-GB") -> Page:
    """A fresh browser context logged in as ``name`` through the login form."""
    context = browser.new_context(base_url=base_url, locale=locale,
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto("/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", password(name))
    page.click("button[type=submit]")
    page.wait_for_url("**/search")
    return page


@pytest.fixture
def brennan(browser: Browser, base_url: str) -> Iterator[Page]:
    page = open_as(browser, base_url, "michael.brennan")
    yield page
    page.context.close()


@pytest.fixture
def arce(browser: Browser, base_url: str) -> Iterator[Page]:
    page = open_as(browser, base_url, "tomas.arce")
    yield page
    page.context.close()


@pytest.fixture
def csp_errors(brennan: Page, arce: Page) -> Iterator[list[str]]:
    """Content-Security-Policy refusals either page reports while a test runs."""
    found: list[str] = []

    def listen(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            found.append(message.text)

    brennan.on("console", listen)
    arce.on("console", listen)
    yield found
