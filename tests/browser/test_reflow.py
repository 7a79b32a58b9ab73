"""Phone width and 200 % zoom: no horizontal scrolling of the page, and the menu folds away.

A 640 px wide viewport is a 1280 px screen at 200 % zoom; 360 px is a phone. Wide content that
must keep its shape (tables, the grid, graphs) may scroll inside its own box, never the page.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

PAGE_OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"


@pytest.mark.account("beheer")
@pytest.mark.parametrize("width", [360, 640])
def test_pages_reflow_without_horizontal_scrolling(page, server, width):
    page.set_viewport_size({"width": width, "height": 800})
    for path in ("/", "/regio", "/regio/AM09", "/bijeenkomsten", "/data", "/inloggen"):
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
        page.wait_for_selector("main h1")
        page.wait_for_timeout(300)
        assert page.evaluate(PAGE_OVERFLOW) <= 1, f"{path} schuift horizontaal bij {width} px"
        if path == "/regio/AM09" and width == 360:
            screenshot(page, "telefoon-regio")


def test_menu_folds_behind_a_button_on_a_phone(page, server):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(server + "/")
    page.wait_for_selector("#tile-trajecten .kpi-value")
    assert not page.is_visible("text=Bijeenkomsten")
    toggle = page.locator("#nav-toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#nav-collapse.show")
    assert toggle.get_attribute("aria-expanded") == "true"
    page.click("#nav-collapse >> text=Bijeenkomsten")
    page.wait_for_url("**/bijeenkomsten**")
    # The chosen page shows without the menu over it; the button opens it again.
    page.wait_for_selector("#nav-collapse:not(.show)", state="attached")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.is_visible("#nav-collapse >> text=Regio's")
    toggle.click()
    page.wait_for_selector("#nav-collapse.show")
    assert toggle.get_attribute("aria-expanded") == "true"
    # On a wide screen the links are there without the button.
    page.set_viewport_size({"width": 1366, "height": 900})
    assert page.is_visible("#nav-collapse >> text=Regio's") and not page.is_visible("#nav-toggle")
