"""Headless Chromium for the floor benchmark: load a page or do an interaction, and say when it was drawn."""

from __future__ import annotations

import json
import re
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from bench import floor_js
from bench.floor_page import Snapshot
from dashboard.infra import plotly_bundle

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# The flags of the browser tests, with the new headless mode named explicitly; every request the
# browser makes is then the page's own.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1366, "height": 900}
PROJECTOR = {"width": 1920, "height": 1080}
# Drawn = no request in flight and no change to the page for this long.
QUIET_S = 0.5
# A graph may stay empty on purpose (no data to show); once everything else settled this long, accept it.
EMPTY_GRACE_S = 3.0
TIMEOUT_S = 120.0


class Network:
    """Requests of one tab in flight, and when the last one started or ended (monotonic clock)."""

    def __init__(self, page: Any) -> None:
        self.inflight = 0
        self.last = time.monotonic()
        page.on("request", self._start)
        page.on("requestfinished", self._end)
        page.on("requestfailed", self._end)

    def _start(self, _request: object) -> None:
        self.inflight += 1
        self.last = time.monotonic()

    def _end(self, _request: object) -> None:
        self.inflight = max(0, self.inflight - 1)
        self.last = time.monotonic()


@dataclass
class Tab:
    """A page with its network tracking."""

    page: Any
    network: Network

    def close(self) -> None:
        """Close the tab."""
        self.page.close()


def wait_drawn(tab: Tab, after: float = 0.0, path: str | None = None) -> float:
    """The page's time (ms since navigation start) of its last change once it is drawn.

    Args:
        tab: the tab.
        after: a change must have happened after this page time (an interaction's input).
        path: the page must have arrived at an address starting with this path.
    """
    started = time.monotonic()
    settled_since: float | None = None
    while time.monotonic() - started < TIMEOUT_S:
        state = tab.page.evaluate(floor_js.PROBE)
        settled = (
            tab.network.inflight == 0
            and time.monotonic() - tab.network.last >= QUIET_S
            and state["now"] - state["last"] >= QUIET_S * 1000
            and not state["loading"]
            and state["last"] > after
            and (path is None or state["path"].startswith(path))
        )
        if settled:
            settled_since = settled_since or time.monotonic()
            if state["empty"] == 0 or time.monotonic() - settled_since >= EMPTY_GRACE_S:
                return float(state["last"])
        else:
            settled_since = None
        tab.page.wait_for_timeout(50)
    raise TimeoutError(f"pagina niet getekend binnen {TIMEOUT_S:.0f} s: {tab.page.url}")


@contextmanager
def chromium(folder: Path) -> Iterator[Any]:
    """One headless Chromium with a fresh profile in ``folder``; yields its (only) context."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(folder),
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": VIEWPORT["width"], "height": VIEWPORT["height"]},
            locale="nl-NL",
        )
        context.add_init_script(floor_js.STAMP)
        try:
            yield context
        finally:
            context.close()


def sign_in(context: Any, base: str, user: str, password: str) -> None:
    """Log in through the real form; the context's tabs share the session cookie."""
    form = context.request.get(f"{base}/inloggen", timeout=TIMEOUT_S * 1000).text()
    token = re.search(r'name="csrf" value="([^"]+)"', form)
    if token is None:
        raise RuntimeError("inlogformulier zonder token")
    answer = context.request.post(
        f"{base}/inloggen",
        form={"csrf": token.group(1), "gebruikersnaam": user, "wachtwoord": password, "volgende": "/"},
        max_redirects=0,
        timeout=TIMEOUT_S * 1000,
    )
    if answer.status != 303:
        raise RuntimeError(f"inloggen mislukt: {answer.status}")


def open_tab(context: Any, url: str, no_cache: bool = False, viewport: dict[str, int] | None = None) -> Tab:
    """A new tab on ``url`` (its navigation started; not yet drawn)."""
    page = context.new_page()
    if viewport:
        page.set_viewport_size(viewport)
    tab = Tab(page, Network(page))
    if no_cache:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    page.goto(url, wait_until="commit", timeout=TIMEOUT_S * 1000)
    return tab


def load(
    context: Any, url: str, no_cache: bool = False, viewport: dict[str, int] | None = None
) -> tuple[Tab, float]:
    """Open ``url`` in a new tab; the tab and milliseconds from navigation start until drawn."""
    tab = open_tab(context, url, no_cache, viewport)
    return tab, wait_drawn(tab)


def interact(tab: Tab, act: Callable[[Any], None], path: str | None = None) -> tuple[float, float, int]:
    """Do ``act`` on a drawn tab and wait until it is drawn again.

    Returns: milliseconds from the input until drawn, the time the interaction's requests were on
    the network (ms), and how many requests it made.
    """
    before = float(tab.page.evaluate("performance.now()"))
    tab.page.evaluate(floor_js.ARM)
    act(tab.page)
    stamped = tab.page.evaluate("window.__hzw.inputAt")
    start = float(stamped) if stamped is not None else before
    drawn = wait_drawn(tab, after=start, path=path)
    network = tab.page.evaluate(floor_js.NETWORK_AFTER, start)
    return drawn - start, float(network["ms"]), int(network["requests"])


def capture(tab: Tab) -> Snapshot:
    """The drawn page as a snapshot for its floor."""
    found = tab.page.evaluate(floor_js.CAPTURE)
    # The page has Plotly inside its one script file (dashboard/infra/script_bundle.py); the floor
    # loads the same Plotly from the address the app also answers it at on its own.
    found["plotly"] = urljoin(found["url"], "/" + plotly_bundle.DASH_PATH)
    return Snapshot.from_browser(found)


def floor_step(tab: Tab, following: Snapshot) -> float:
    """On a drawn floor page: milliseconds to draw ``following``'s figures (see ``floor_js.DRAW``)."""
    payload = json.loads(json.dumps({"body": following.body, "graphs": following.graphs}))
    return float(tab.page.evaluate("(next) => window.hzwVloerStap(next)", payload))
