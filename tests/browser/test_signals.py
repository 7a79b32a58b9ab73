"""Signalen in the browser: the page is accessible and keyboard-usable, a signal leads to its view,
and one is marked "gezien" with a note; a region account sees its own region only."""

from __future__ import annotations

import pytest

from dashboard.auth.viewer import Viewer
from dashboard.data import signal_marks
from dashboard.infra.db import Database
from dashboard.reports.signals import signals_for
from tests.browser.axe import assert_accessible
from tests.browser.conftest import DEMO_DAY, screenshot
from tests.browser.test_keyboard import tab_to

pytestmark = pytest.mark.browser


def _signals(demo_database: str, viewer: Viewer) -> tuple[list, dict]:
    db = Database(demo_database)
    try:
        found = signals_for(db, viewer, DEMO_DAY)
        return found, signal_marks.current(db, viewer, [s.key for s in found])
    finally:
        db.dispose()


def test_signals_page_by_keyboard_marks_one_seen_and_a_signal_leads_to_its_view(page, server, demo_database):
    found, marks = _signals(demo_database, Viewer("test-landelijk", "landelijk"))
    assert len(found) >= 5, "the demo data should give a handful of signals"
    open_ = [s for s in found if s.key not in marks]
    page.goto(server + "/signalen")
    page.wait_for_selector("#signals-list li")
    assert page.inner_text("#signals-list h2 >> nth=0") == f"Open ({len(open_)})"
    # The count in the navigation is a number with words, not a colour.
    page.wait_for_function("document.querySelector('#signals-count').innerText.length > 0")
    assert page.inner_text("#signals-count").split()[0] == str(len(open_))
    assert page.get_attribute("#signals-count .visually-hidden", "class") == "visually-hidden"
    first = open_[0]
    assert str(first.text)[:40] in page.inner_text("#signals-list li >> nth=0")
    assert_accessible(page)
    screenshot(page, "signalen")

    # Keyboard only: to the first note, type it, Tab to "Gezien", Enter.
    unmarked = tab_to(page, "#signals-list li input[type=text]", limit=80)
    page.keyboard.type("Besproken met de trekker")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.innerText") == "Gezien"
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#signals-status').innerText.includes('gezien')")
    assert page.inner_text("#signals-list h2 >> nth=0") == f"Open ({len(open_) - 1})"
    assert page.inner_text("#signals-count").split()[0] == str(len(open_) - 1)
    seen = page.inner_text("#signals-list ul >> nth=1")
    assert "Besproken met de trekker" in seen and "Gezien door test-landelijk" in seen
    assert unmarked == []
    _, marks = _signals(demo_database, Viewer("test-landelijk", "landelijk"))
    assert marks[first.key].note == "Besproken met de trekker"
    screenshot(page, "signalen-gezien")

    # The second open signal leads to the exact view of its link.
    second = open_[1]
    page.click("#signals-list ul >> nth=0 >> li >> nth=0 >> text=Bekijk in de monitor")
    page.wait_for_url("**" + second.link)
    page.wait_for_selector("h1")
    assert page.url.endswith(second.link)


def test_filtered_by_severity_in_the_address(page, server, demo_database):
    found, _marks = _signals(demo_database, Viewer("test-landelijk", "landelijk"))
    page.goto(server + "/signalen?ernst=hoog")
    page.wait_for_selector("#signals-list h2")
    items = page.locator("#signals-list li")
    assert items.count() == sum(1 for s in found if s.severity == "hoog")
    for i in range(items.count()):
        assert "Ernst: hoog" in items.nth(i).inner_text()


@pytest.mark.account("regio")
def test_a_region_account_sees_its_own_region_and_the_region_page_block(page, server, demo_database):
    found, marks = _signals(demo_database, Viewer("test-regio", "regio", frozenset({"AM09"})))
    assert found and {s.region for s in found} == {"AM09"}
    # The block lists the open ones: an earlier test in the session may have marked one "gezien".
    open_ = [s for s in found if s.key not in marks]
    page.goto(server + "/signalen?regio=AM01")
    page.wait_for_selector("#signals-list h2")
    assert page.locator("#signals-list li").count() == 0  # another region: nothing
    page.goto(server + "/regio/AM09")
    page.wait_for_selector("#region-signals h2")
    assert page.locator("#region-signals li").count() == len(open_)
    assert_accessible(page)
    screenshot(page, "regio-signalen")
