"""Browser fixtures: the app served the README's way on demo data, and headless Chromium."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from dashboard.auth import store
from dashboard.importing.demo import load_demo
from dashboard.infra.db import Database
from tests.conftest import REQUIRE_SERVICES

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Flags that keep Chromium from phoning home, so every request it makes is the page's own.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_DAY = dt.date(2026, 9, 30)
SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"
# One account per role; a test picks one with @pytest.mark.account("beheer"), default landelijk.
ACCOUNTS = {"landelijk": (), "regio": ("AM09",), "beheer": ()}
PASSWORD = "browser-test-wachtwoord"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite database with the demo data up to ``DEMO_DAY``."""
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'demo.sqlite3'}"
    db = Database(url)
    db.upgrade()
    load_demo(db, 2021, DEMO_DAY, 25_000_000)
    for role, regions in ACCOUNTS.items():
        store.add_user(db, f"test-{role}", role, list(regions), PASSWORD)
    db.dispose()
    return url


@pytest.fixture(scope="session")
def server(demo_database: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``hzw serve`` in its own process, as the README starts it; yields the base URL."""
    port = _free_port()
    env = {
        **os.environ,
        "HZW_DATABASE_URL": demo_database,
        "HZW_PEILDATUM": DEMO_DAY.isoformat(),
        "HZW_PORT": str(port),
        # No configured file and an empty data folder (no downloaded cache): the map is drawn from
        # the boundaries shipped in the package, as on a fresh machine.
        "HZW_GEODATA_FILE": "",
        "HZW_DATA_DIR": str(tmp_path_factory.mktemp("data")),
    }
    hzw = Path(sys.executable).with_name("hzw")
    # The server log goes to a file: a pipe nobody reads fills up and then blocks the server.
    log_path = tmp_path_factory.mktemp("server") / "hzw-serve.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen([str(hzw), "serve"], env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"hzw serve stopte: {log_path.read_text()[-2000:]}")
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("hzw serve startte niet binnen 30 s")
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium driven by Playwright (no browser download)."""
    if not Path(CHROMIUM).exists():
        reason = "chromium niet geïnstalleerd (apt-get install chromium chromium-driver)"
        if REQUIRE_SERVICES:
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def outside_requests() -> list[str]:
    """Every request the page tried to send to another host (the test fails if any)."""
    return []


def sign_in(context: object, server: str, role: str) -> None:
    """Log in through the real form (token and all) in ``context``; its pages share the session."""
    request = context.request  # type: ignore[attr-defined]
    form = request.get(f"{server}/inloggen").text()
    token = re.search(r'name="csrf" value="([^"]+)"', form)
    assert token is not None, "inlogformulier zonder token"
    answer = request.post(
        f"{server}/inloggen",
        form={
            "csrf": token.group(1),
            "gebruikersnaam": f"test-{role}",
            "wachtwoord": PASSWORD,
            "volgende": "/",
        },
        max_redirects=0,
    )
    assert answer.status == 303, f"inloggen als {role} mislukt: {answer.status}"


@pytest.fixture
def page(
    browser: object, server: str, outside_requests: list[str], request: pytest.FixtureRequest
) -> Iterator[object]:
    """A fresh page, signed in, that blocks and records any request leaving the server's own host.

    Playwright's own waiting helpers evaluate strings, which the monitor's Content-Security-Policy
    forbids, so these pages bypass it; tests/browser/test_access.py loads every page under the real
    policy instead.
    """
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": 1366, "height": 900}, locale="nl-NL", bypass_csp=True
    )
    marker = request.node.get_closest_marker("account")
    role = marker.args[0] if marker else "landelijk"
    if role:
        sign_in(context, server, role)
    own = urlsplit(server).netloc

    def guard(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != own:
            outside_requests.append(url)
            route.abort()  # type: ignore[attr-defined]
        else:
            route.continue_()  # type: ignore[attr-defined]

    context.route("**/*", guard)
    tab = context.new_page()
    errors: list[str] = []
    failed: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error) + " @ " + str(error.stack)[:1500]))

    def callback_failed(response: object) -> None:
        # A callback that raises leaves its part of the page empty without any JavaScript error.
        if "/_dash-update-component" in response.url and response.status >= 400:  # type: ignore[attr-defined]
            failed.append(f"{response.status} {response.request.post_data[:200]}")  # type: ignore[attr-defined]

    tab.on("response", callback_failed)
    yield tab
    context.close()
    assert outside_requests == [], f"verzoeken naar andere hosts: {outside_requests}"
    assert errors == [], f"JavaScript-fouten: {errors}"
    assert failed == [], f"mislukte callbacks: {failed}"


def screenshot(page: object, name: str) -> Path:
    """Save a full-page screenshot under tests/screenshots/ for people to look at."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    return path


def show_organisations(page: Any) -> None:
    """Scroll the region page's organisations grid into view and wait for its rows.

    The grid is filled when it comes near the viewport (assets/lazy-sections.js), as for a user.
    """
    # The grid is mounted once its place comes near the viewport.
    page.locator("#region-organisations-slot").scroll_into_view_if_needed()
    page.wait_for_selector("#region-organisations .ag-row")


def show_figures(page: Any, figures: list[str], state: str = "visible") -> None:
    """Scroll each graph into view and wait until it is drawn.

    Figures far below the first screen are drawn when they come near it (assets/graph_draws.js).
    Scrolled by script: dcc.Graph swaps its placeholder for the graph as its code arrives, so a
    located element may be replaced; the graph's position is what counts.
    """
    for figure in figures:
        # "networkidle" can come while the page's script still runs (its requests are preloaded
        # with the page): on a slow machine the graph is not in the page yet.
        page.wait_for_selector(f"#{figure}", state="attached")
        page.evaluate("id => document.getElementById(id).scrollIntoView({block: 'center'})", figure)
        page.wait_for_selector(f"#{figure} .main-svg", state=state)
