"""All regions on all goals on the national page, in the browser on the demo data."""

import re

import pytest

from tests.browser.axe import assert_accessible
from tests.browser.conftest import DEMO_DAY, SCREENSHOTS

pytestmark = pytest.mark.browser

ROWS = "#matrix-grid tbody tr"


def test_matrix_lists_every_region_links_to_its_page_sorts_filters_and_passes_axe(page, server):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(server + "/")
    page.wait_for_selector(ROWS)
    assert page.locator(ROWS).count() == 35
    assert page.inner_text("#matrix-count") == "35 van 35 regio's"
    # Every cell of a goal carries its status in words, not in colour alone.
    first = page.locator(ROWS).first
    statuses = first.locator("td .status, td .badge").all_inner_texts()
    assert len(statuses) == 4 and all(s.strip() for s in statuses)
    query = f"?jaar={DEMO_DAY.year}&peildatum={DEMO_DAY.isoformat()}"
    href = first.locator("th a").get_attribute("href")
    assert re.fullmatch(r"/regio/AM\d\d" + re.escape(query), href or ""), href

    # A click on the region name opens its page for the same view.
    first.locator("th a").click()
    page.wait_for_url(re.compile(r"/regio/AM\d\d\?"))
    assert page.url.endswith(href)
    page.go_back()
    page.wait_for_selector(ROWS)

    # The sort buttons: starts ascending, then descending, announced through aria-sort.
    button = page.locator("#matrix-grid thead button", has_text="trajecten")
    button.click()
    page.wait_for_selector("#matrix-grid th[aria-sort='ascending'] >> text=trajecten")
    button = page.locator("#matrix-grid thead button", has_text="trajecten")
    button.click()
    page.wait_for_selector("#matrix-grid th[aria-sort='descending'] >> text=trajecten")

    # Behind on two goals or more: only such rows stay, and the count says how many.
    page.select_option("#matrix-behind", "2")
    page.wait_for_function("!document.querySelector('#matrix-count').innerText.startsWith('35 ')")
    behind = [int(t) for t in page.locator(f"{ROWS} td:last-child").all_inner_texts()]
    assert behind and all(n >= 2 for n in behind)
    assert page.inner_text("#matrix-count") == f"{len(behind)} van 35 regio's"
    page.select_option("#matrix-behind", "0")
    page.wait_for_function("document.querySelector('#matrix-count').innerText.startsWith('35 ')")

    # The province filter starts on every province and keeps the chosen one's regions.
    assert page.locator("#matrix-province option:checked").inner_text() == "alle provincies"
    page.select_option("#matrix-province", "Gelderland")
    page.wait_for_function("!document.querySelector('#matrix-count').innerText.startsWith('35 ')")
    places = page.locator(f"{ROWS} th div").all_inner_texts()
    assert places and all(p.endswith("· Gelderland") for p in places)
    page.select_option("#matrix-province", "alle")
    page.wait_for_function("document.querySelector('#matrix-count').innerText.startsWith('35 ')")

    page.wait_for_load_state("networkidle")
    assert_accessible(page)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.locator("#matrix").screenshot(path=str(SCREENSHOTS / "matrix.png"))
