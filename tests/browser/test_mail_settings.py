"""The mail digest settings page: reached from the account menu, saved by its own account, accessible."""

import pytest

from tests.browser.axe import assert_accessible
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


@pytest.mark.account("regio")
def test_a_region_account_chooses_its_digests_from_the_account_menu(page, server):
    page.goto(server + "/")
    page.wait_for_selector("#tile-trajecten .kpi-value")
    page.click("text=Maildigests")
    page.wait_for_selector("h1:has-text('Maildigests')")
    assert page.url.endswith("/account/mail")
    assert_accessible(page)
    page.fill("#adres", "projectleider@regio.example")
    page.check("#stuurgroep")
    page.fill("#dagen", "5")
    page.click("button:has-text('Opslaan')")
    page.wait_for_selector("[role=status]")
    assert page.inner_text("[role=status]").strip() == "Opgeslagen."
    assert page.input_value("#adres") == "projectleider@regio.example"
    assert page.is_checked("#stuurgroep") and not page.is_checked("#wekelijks")
    assert page.input_value("#dagen") == "5"
    assert "Voor elke stuurgroep van mijn regio's" in page.inner_text("main")
    assert_accessible(page)
    screenshot(page, "maildigests")
    page.click("text=English")
    page.wait_for_selector("h1:has-text('Mail digests')")
    assert page.get_attribute("html", "lang") == "en"
    screenshot(page, "maildigests-en")
