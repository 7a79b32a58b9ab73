"""The show as a preloaded deck: once open it steps without the network, each screen already drawn."""

from __future__ import annotations

import statistics
from typing import Any

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

SHOW = "/presentatie?jaar=2026&peildatum=2026-09-30&regios=AM09,AM01"
TITLES = [
    "Landelijk overzicht",
    "Kaart: % van het jaardoel",
    "Rangorde van de regio's",
    "Achterhoek",
    "Groningen",
    "Bijeenkomsten",
]
# Screens that draw a Plotly figure (the tiles and the meetings table may have none).
WITH_FIGURE = {"Kaart: % van het jaardoel", "Rangorde van de regio's", "Achterhoek", "Groningen"}

# The screen shown: the position says step ``n``, exactly one heading is visible and names it, and
# every graph of that screen is drawn (Plotly's SVG, with data, at a real size). Returns what was
# found, or null while that is not so yet.
SHOWN = """n => {
  const visible = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility === 'visible'
    && !el.closest('[hidden]');
  const said = (document.querySelector('#presentation-position') || {}).innerText || '';
  const match = said.match(/^Scherm (\\d+) van (\\d+): (.*)$/);
  if (!match || Number(match[1]) !== n) return null;
  const headings = [...document.querySelectorAll('#presentation-screen h1')].filter(visible);
  if (headings.length !== 1 || !headings[0].innerText.includes(match[3])) return null;
  const screen = headings[0].closest('section') || document.querySelector('#presentation-screen');
  const graphs = [...screen.querySelectorAll('.dash-graph')];
  const drawn = graphs.filter(graph => {
    const plot = graph.querySelector('.js-plotly-plot');
    const box = graph.getBoundingClientRect();
    return plot && plot.querySelector('svg.main-svg') && plot.data && plot.data.length > 0
      && box.width > 100 && box.height > 100 && visible(plot);
  });
  if (drawn.length !== graphs.length) return null;
  return {total: Number(match[2]), title: match[3], heading: headings[0].innerText, figures: graphs.length};
}"""

# Press ArrowRight (as a clicker sends it) and count the time until screen ``n`` is on the
# screen: ready in the page, then painted (the frame it is ready in, and a task after that frame).
STEP = """async ([n, shown]) => {
  const check = eval(shown);
  const start = performance.now();
  document.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight', bubbles: true}));
  const since = () => performance.now() - start;
  const painted = resolve => requestAnimationFrame(() => setTimeout(() => resolve(since())));
  return await new Promise((resolve, reject) => {
    const look = () => {
      if (check(n)) painted(resolve);
      else if (performance.now() - start > 20000) reject(new Error('scherm ' + n + ' niet getekend'));
      else requestAnimationFrame(look);
    };
    look();
  });
}"""


def open_show(page: Any, server: str) -> dict[str, Any]:
    """The show at 1920×1080 with its first screen drawn and nothing more on its way."""
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(server + SHOW)
    handle = page.wait_for_function(SHOWN, arg=1, timeout=30_000)
    page.wait_for_load_state("networkidle")
    # Every figure in the page drawn (all screens, once the deck is in), then a moment of rest.
    page.wait_for_function(
        "() => [...document.querySelectorAll('#presentation-screen .dash-graph')]"
        ".every(graph => graph.querySelector('svg.main-svg'))"
    )
    page.wait_for_timeout(500)
    return dict(handle.json_value())


def test_once_loaded_the_show_steps_through_every_screen_offline(page: Any, server: str) -> None:
    first = open_show(page, server)
    assert first["total"] == len(TITLES)
    # The meeting room's wifi drops: no request may leave the page from now on.
    asked = cut_network(page)
    seen = [first]
    for number in range(2, len(TITLES) + 1):
        page.evaluate(STEP, [number, SHOWN])
        seen.append(dict(page.evaluate(f"({SHOWN})({number})")))
        page.wait_for_function("n => location.search.endsWith('stap=' + n)", arg=number)
        screenshot(page, f"presentatie-offline-{number}")
    assert [s["title"] for s in seen] == TITLES
    for found in seen:
        assert found["heading"].endswith(" · 2026"), found
        if found["title"] in WITH_FIGURE:
            assert found["figures"] >= 1, found
    # Back again, still offline: the screens stay drawn.
    page.keyboard.press("ArrowLeft")
    page.wait_for_function(SHOWN, arg=len(TITLES) - 1)
    # Nothing asked (the browser asks again for the tab's icon with each address; left out).
    assert asked == []
    # Screens not shown are out of reach of a screen reader and of the Tab key.
    slides = page.evaluate(
        "() => [...document.querySelectorAll('#presentation-screen > .presentation-slide')]"
        ".map(s => [s.dataset.step, s.inert, getComputedStyle(s).visibility])"
    )
    assert slides == [
        [str(n), n != len(TITLES) - 1, "visible" if n == len(TITLES) - 1 else "hidden"]
        for n in range(1, len(TITLES) + 1)
    ]


def cut_network(page: Any) -> list[str]:
    """Take ``page`` offline (DevTools); the requests it still tries, besides the tab's icon."""
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url) if "favicon" not in request.url else None)
    devtools = page.context.new_cdp_session(page)
    devtools.send("Network.enable")
    devtools.send(
        "Network.emulateNetworkConditions",
        {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    return asked


def test_offline_the_presenter_and_the_beamer_still_follow_each_other(page: Any, server: str) -> None:
    open_show(page, server)
    presenter = page.context.new_page()
    presenter.set_viewport_size({"width": 1440, "height": 900})
    presenter.goto(server + SHOW.replace("/presentatie", "/presentatie/presentator"))
    says = "([id, text]) => document.getElementById(id)?.innerText === text"
    presenter.wait_for_function(says, arg=["presenter-current", "Scherm 1 van 6: Landelijk overzicht"])
    presenter.wait_for_load_state("networkidle")
    asked_beamer, asked_presenter = cut_network(page), cut_network(presenter)
    for _step in range(4):
        presenter.keyboard.press("ArrowRight")
    page.wait_for_function(SHOWN, arg=5)
    presenter.wait_for_function(says, arg=["presenter-current", "Scherm 5 van 6: Regio Groningen"])
    presenter.wait_for_function(says, arg=["presenter-next", "Bijeenkomsten"])
    # Only the notes of the screen shown are visible: the region's own, not the country's.
    notes = presenter.inner_text("#presenter-notes")
    assert "van 120)" in notes and "liggen achter op twee of meer doelen" not in notes
    page.keyboard.press("ArrowLeft")
    presenter.wait_for_function(says, arg=["presenter-current", "Scherm 4 van 6: Regio Achterhoek"])
    assert asked_beamer + asked_presenter == []


def test_time_from_arrow_right_to_the_next_screen_drawn(page: Any, server: str) -> None:
    """A measurement, not a limit: the median is printed for people to compare."""
    open_show(page, server)
    times = [page.evaluate(STEP, [number, SHOWN]) for number in range(2, len(TITLES) + 1)]
    print(  # noqa: T201 - the measurement is the output
        "ArrowRight -> volgend scherm getekend (ms): "
        + ", ".join(f"{t:.0f}" for t in times)
        + f"; mediaan {statistics.median(times):.0f}"
    )
    assert len(times) == len(TITLES) - 1
