"""A phone held upright (390×844): nothing overlaps or runs off the screen.

Among the texts of each figure (title, axis titles, tick labels, legend, annotations, data labels
and the toolbar) no two boxes overlap and none sticks out of the figure; no element is wider than
the screen unless a box of its own scrolls it sideways, and such a box says so.
``phone_layout.js`` measures the page in the browser and returns what it found.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.axe import assert_accessible
from tests.browser.conftest import screenshot, show_figures, show_organisations

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
MEASURE = (Path(__file__).with_name("phone_layout.js")).read_text(encoding="utf-8")
# Every figure of each page, so the measurement waits until all of them are drawn.
FIGURES = {
    "/": ["national-map", "national-ranking", "national-trend", "national-methods", "national-methods-grid"],
    "/regio/AM09": [
        "region-funnel",
        "region-funnel-national",
        "region-monthly",
        "region-mix",
        "region-cadence",
        "region-funnel-plot",
    ],
}


def _asks_for_phone_figures(response) -> bool:
    return "_dash-update-component" in response.url and "narrow-screen" in (response.request.post_data or "")


def _open(page, server: str, path: str) -> dict[str, list[str]]:
    page.set_viewport_size(PHONE)
    if path == "/":
        # The national page asks for its phone figures once it has appeared (assets/page-start.js).
        # Figures are then drawn as they are scrolled to: wait for that answer first, or a slow
        # machine scrolls past a figure before its phone version has come.
        with page.expect_response(_asks_for_phone_figures, timeout=60_000):
            page.goto(server + path)
    else:
        page.goto(server + path)
    page.wait_for_load_state("networkidle")
    show_figures(page, FIGURES[path], state="attached")
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)  # Plotly's own second pass (automargin) after the first draw
    return page.evaluate(MEASURE)


@pytest.mark.parametrize("path", list(FIGURES))
def test_nothing_overlaps_or_runs_off_a_phone(page, server, path):
    found = _open(page, server, path)
    screenshot(page, "telefoon-390" + path.replace("/", "-").rstrip("-"))
    drawn = page.evaluate(
        "ids => ids.filter(id => document.querySelector('#' + id + ' .main-svg'))", FIGURES[path]
    )
    assert drawn == FIGURES[path]
    assert found["overlaps"] == [], f"{path}: teksten over elkaar: {found['overlaps']}"
    assert found["clipped"] == [], f"{path}: tekst buiten de figuur: {found['clipped']}"
    assert found["overflow"] == [], f"{path}: breder dan het scherm: {found['overflow']}"


def test_a_wide_table_scrolls_in_its_own_box_and_says_so(page, server):
    _open(page, server, "/")
    box = page.locator("#matrix-table .table-responsive").first
    assert box.get_attribute("data-overflows") == "true"
    cue = box.evaluate("b => getComputedStyle(b, '::before').content")
    assert "Schuif opzij" in cue
    assert box.evaluate("b => b.getBoundingClientRect().right") <= PHONE["width"]
    # Scrolled to its end the bar at the right edge goes; the words stay while there is more.
    box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
    page.wait_for_timeout(200)
    assert box.get_attribute("data-at-end") == "true"
    assert_accessible(page)


def test_the_organisation_grid_keeps_its_name_column_on_a_phone(page, server):
    _open(page, server, "/regio/AM09")
    show_organisations(page)
    pinned = page.locator("#region-organisations .ag-pinned-left-cols-container").first
    first = pinned.evaluate("p => p.getBoundingClientRect().toJSON()")
    assert first["width"] > 100 and first["right"] <= PHONE["width"]
    viewport = page.locator("#region-organisations .ag-body-horizontal-scroll-viewport")
    viewport.evaluate("v => { v.scrollLeft = 2000; }")
    page.wait_for_timeout(200)
    assert pinned.evaluate("p => p.getBoundingClientRect().left") == pytest.approx(first["left"], abs=1)
