import re

import pytest

from dashboard.data.national import national_summary
from dashboard.infra.db import Database
from dashboard.text import format as fmt
from tests.browser.axe import assert_accessible
from tests.browser.conftest import DEMO_DAY, screenshot

pytestmark = pytest.mark.browser

PAGES = [
    ("/", "Landelijk overzicht"),
    ("/regio", "Regio's"),
    ("/bijeenkomsten", "Bijeenkomsten"),
    ("/data", "Data"),
    ("/bestaat-niet", "Pagina niet gevonden"),
]


def wait_for_tiles(page):
    page.wait_for_selector("#tile-trajecten .kpi-value")


def test_national_page_shows_the_database_totals(page, server, demo_database):
    page.goto(server + "/")
    wait_for_tiles(page)
    db = Database(demo_database)
    summary = national_summary(db, DEMO_DAY.year, DEMO_DAY)
    db.dispose()
    assert page.inner_text("#tile-trajecten .kpi-value") == fmt.number(summary.started)
    assert page.inner_text("#tile-regios .kpi-value") == f"{summary.regions_on_track} van 35"
    assert (
        page.inner_text("#national-heading") == "Voortgang 2026 · cijfers t/m 30 september 2026 · voorlopig"
    )
    assert "Voorbeelddata" in page.inner_text("#demo-banner")
    assert "Cijfers t/m 30 september 2026" in page.inner_text("footer")
    assert page.get_attribute("html", "lang") == "nl"
    screenshot(page, "landelijk")


def test_year_choice_updates_tiles_and_is_kept_in_the_url(page, server):
    page.goto(server + "/")
    wait_for_tiles(page)
    before = page.inner_text("#tile-trajecten .kpi-value")
    page.select_option("#national-year", "2024")
    page.wait_for_function("document.querySelector('#national-heading').innerText.includes('2024')")
    # The starts of 2024 end with the year; its cohort's outflow is followed to the peildatum.
    assert (
        page.inner_text("#national-heading")
        == "Voortgang 2024 · cijfers t/m 31 december 2024 (uitstroom t/m 30 september 2026) · voorlopig"
    )
    assert page.inner_text("#tile-trajecten .kpi-value") != before
    # The URL is written by its own callback, which may answer after the tiles.
    page.wait_for_function("location.search.includes('jaar=2024')")
    assert "?jaar=2024&peildatum=2026-09-30&maat=doel&kaart=geo" in page.url
    page.reload()
    wait_for_tiles(page)
    assert page.input_value("#national-year") == "2024"
    assert "2024" in page.inner_text("#national-heading")


@pytest.mark.parametrize(("path", "heading"), PAGES)
def test_every_page_renders_in_dutch_and_passes_axe(page, server, path, heading):
    page.goto(server + path)
    page.wait_for_selector("h1")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("h1") == heading
    assert "Traceback" not in page.content()
    others = assert_accessible(page)
    # One footer landmark (the shell's), none around Dash's scripts.
    assert page.locator("footer").count() == 1
    assert not [v["id"] for v in others if v["id"].startswith("landmark")]
    screenshot(page, "pagina" + (path.replace("/", "-") if path != "/" else "-landelijk"))


@pytest.mark.account("beheer")  # the import log on /data is for beheer only
def test_tables_fill_on_overview_pages(page, server):
    page.goto(server + "/regio")
    page.wait_for_selector("#regions-table tbody tr")
    assert page.locator("#regions-table tbody tr").count() == 35
    page.goto(server + "/bijeenkomsten")
    page.wait_for_selector("#meetings-table tbody tr")
    assert page.locator("#meetings-table tbody tr").count() == 35
    page.goto(server + "/data")
    page.wait_for_selector("#import-log-table tbody tr")
    assert "voorbeelddata-trajecten.csv" in page.inner_text("#import-log-table")


def test_keyboard_skip_link_and_navigation(page, server):
    page.goto(server + "/")
    wait_for_tiles(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
    page.goto(server + "/")
    wait_for_tiles(page)
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Regio's":
            break
    page.keyboard.press("Enter")
    page.wait_for_selector("#regions-table tbody tr")
    assert re.search(r"/regio(\?|$)", page.url)


def test_outside_request_guard_catches_cdn_requests(page, server, outside_requests):
    page.goto(server + "/")
    page.evaluate("fetch('https://cdn.example.org/theme.css').catch(() => null)")
    page.wait_for_timeout(200)
    assert outside_requests == ["https://cdn.example.org/theme.css"]
    outside_requests.clear()  # the guard worked; the fixture's own check must not fail on this one


def test_the_tab_title_follows_each_navigation(page, server):
    """The title comes with the page's HTML; on navigation the page script copies the new page's."""
    page.goto(server + "/")
    wait_for_tiles(page)
    assert page.title() == "Landelijk – Hoofdzaak Werk Monitor"
    page.click("#nav-collapse >> text=Bijeenkomsten")
    page.wait_for_url("**/bijeenkomsten**")
    page.wait_for_function("document.title === 'Bijeenkomsten – Hoofdzaak Werk Monitor'")
    page.click("#nav-collapse >> text=Regio's")
    page.wait_for_url(re.compile(r".*/regio(\?.*)?$"))
    page.wait_for_function("document.title.startsWith('Regio')")
    page.click("a.navbar-brand")
    page.wait_for_selector("#tile-trajecten .kpi-value")
    page.wait_for_function("document.title === 'Landelijk – Hoofdzaak Werk Monitor'")


CURRENT_LINKS = """() => [...document.querySelectorAll('#nav-collapse a.nav-link')]
  .filter(a => a.classList.contains('active') || a.hasAttribute('aria-current'))
  .map(a => [a.textContent, a.classList.contains('active'), a.getAttribute('aria-current')])"""


def test_the_navigation_marks_the_current_page_and_opens_links_in_the_app(page, server):
    """Marked by the server with the page (class and aria-current), moved as the address changes."""
    changes: list[str] = []
    page.add_init_script(
        "window.__navChanges = [];"
        "new MutationObserver(rs => rs.forEach(r => r.target.closest && r.target.closest('#nav-collapse ul')"
        " && window.__navChanges.push(r.attributeName))).observe(document, "
        "{subtree: true, attributes: true, attributeFilter: ['class', 'aria-current']});"
    )
    page.goto(server + "/")
    wait_for_tiles(page)
    page.wait_for_load_state("networkidle")
    assert page.evaluate(CURRENT_LINKS) == [["Landelijk", True, "page"]]
    # Drawn marked: nothing in the navigation changed after it appeared.
    changes = page.evaluate("window.__navChanges")
    assert changes == []
    page.evaluate("window.__loadedOnce = true")
    page.click("#nav-collapse >> text=Bijeenkomsten")
    page.wait_for_url("**/bijeenkomsten**")
    page.wait_for_selector("#meetings-table tbody tr")
    assert page.evaluate(CURRENT_LINKS) == [["Bijeenkomsten", True, "page"]]
    # Opened in the app: the page was not loaded again.
    assert page.evaluate("window.__loadedOnce") is True
    # Back to the national page (the meetings page wrote its view into the address as it appeared).
    for _ in range(3):
        if page.evaluate("location.pathname") == "/":
            break
        page.go_back()
    page.wait_for_function(
        "() => document.querySelector('#nav-collapse a.active').textContent === 'Landelijk'"
    )
    assert page.evaluate(CURRENT_LINKS) == [["Landelijk", True, "page"]]
    # The keyboard opens a link the same way.
    page.focus("#nav-collapse >> text=Regio's")
    page.keyboard.press("Enter")
    page.wait_for_selector("#regions-table tbody tr")
    assert page.evaluate(CURRENT_LINKS) == [["Regio's", True, "page"]]
    assert page.evaluate("window.__loadedOnce") is True
