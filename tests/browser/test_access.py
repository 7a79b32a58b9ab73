"""Login in the browser, what a regional account sees, and every page under the real CSP."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

from tests.browser.axe import assert_accessible
from tests.browser.conftest import PASSWORD, screenshot, show_figures, show_organisations, sign_in

pytestmark = pytest.mark.browser

# Each violation of the Content-Security-Policy, as the page itself reports it.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


@pytest.mark.account(None)
def test_login_page_passes_axe_and_works_with_the_keyboard_alone(page, server):
    page.goto(server + "/regio/AM09?jaar=2026")
    assert "/inloggen?volgende=/regio/AM09" in page.url
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert_accessible(page)
    page.keyboard.type("test-regio")  # the name field has the focus
    page.keyboard.press("Tab")
    page.keyboard.type("verkeerd-wachtwoord")
    page.keyboard.press("Enter")
    page.wait_for_selector("#login-fout")
    assert "Gebruikersnaam of wachtwoord klopt niet." in page.inner_text("#login-fout")
    assert_accessible(page)
    screenshot(page, "inloggen-fout")
    page.fill("#wachtwoord", PASSWORD)
    page.focus("#wachtwoord")
    page.keyboard.press("Enter")
    page.wait_for_url("**/regio/AM09?jaar=2026")
    show_organisations(page)
    assert "test-regio (regio)" in page.inner_text("header")
    page.click("text=Uitloggen")
    page.wait_for_url("**/inloggen")
    page.goto(server + "/")
    assert "/inloggen" in page.url


@pytest.mark.account("regio")
def test_regional_account_sees_its_own_organisations_only(page, server):
    page.goto(server + "/regio/AM09")
    show_organisations(page)
    page.goto(server + "/regio/AM01")
    page.wait_for_selector("text=Cijfers per organisatie zijn alleen zichtbaar")
    assert page.locator("#region-organisations").count() == 0
    assert_accessible(page)
    page.goto(server + "/data")
    page.wait_for_selector("#delivery-table table")
    options = page.locator("#delivery-region option").all_inner_texts()
    assert [o for o in options if o] == ["Achterhoek"]
    assert page.locator("#upload").count() == 0 and "Importlogboek" not in page.inner_text("main")


@pytest.fixture
def strict_page(browser: object, server: str) -> Iterator[object]:
    """A page signed in as beheer that keeps the Content-Security-Policy (no bypass)."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="nl-NL")  # type: ignore[attr-defined]
    sign_in(context, server, "beheer")
    context.add_init_script(RECORD_VIOLATIONS)
    tab = context.new_page()
    yield tab
    context.close()


def _an_organisation(database_url: str) -> int:
    engine = create_engine(database_url)
    with engine.connect() as connection:
        found = connection.scalar(text("SELECT MIN(id) FROM organisation WHERE region_code = 'AM09'"))
    engine.dispose()
    return int(found)


def test_every_page_works_under_the_content_security_policy(strict_page, server, demo_database):
    page = strict_page
    paths = [
        "/",
        "/?kaart=tegel",
        "/regio",
        "/regio/AM09",
        f"/regio/AM09/organisatie/{_an_organisation(demo_database)}",
        "/bijeenkomsten",
        "/data",
        "/presentatie",
        "/presentatie/presentator",
    ]
    for path in paths:
        response = page.goto(server + path)
        assert "script-src 'self' 'sha256-" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
        page.wait_for_selector("main h1, .presentation-mode")
        assert page.evaluate("window.__cspViolations") == [], path
    # The graphs are drawn (Plotly runs under the policy) and the grid has rows (AG Grid too).
    page.goto(server + "/regio/AM09")
    show_organisations(page)
    show_figures(page, ["region-monthly"])
    assert page.evaluate("window.__cspViolations") == []
