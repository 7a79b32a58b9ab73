"""From the list of publications to the revision view of Achterhoek (AM09), as a regio account."""

import datetime as dt
from collections.abc import Iterator

import pytest

from dashboard.data import snapshots
from dashboard.infra.db import Database
from dashboard.reports import publication
from tests.browser.axe import assert_accessible
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

PUBLISHED = dt.date(2026, 6, 30)


@pytest.fixture
def published(demo_database: str) -> Iterator[int]:
    db = Database(demo_database)
    try:
        number = publication.publish(db, PUBLISHED, "test", 5, "Stuurgroep juli")
        yield number
        # The demo database is shared by every browser test: a publication left standing would
        # make every later page open at 30 June for the accounts that see published figures.
        snapshots.withdraw(db, number, "test", "einde van de browsertest")
    finally:
        db.dispose()


@pytest.mark.account("regio")
def test_walk_from_the_publications_to_the_revisions_of_achterhoek(page, server, published):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(server + "/publicaties")
    page.wait_for_selector(f"a[href='/publicaties/{published}']")
    assert_accessible(page)
    screenshot(page, "publicaties")
    page.click(f"a[href='/publicaties/{published}']")
    page.wait_for_selector("#publication-label")
    assert "cijfers t/m 30 juni 2026" in page.inner_text("#publication-label")
    page.click("a[href$='?regio=AM09']")
    page.wait_for_selector("#revision-causes")
    assert page.url.endswith(f"/publicaties/{published}?regio=AM09")
    detail = page.inner_text("main")
    assert "Achterhoek" in detail and "Oorzaak" in detail
    assert_accessible(page)
    screenshot(page, "publicatie-herzieningen-AM09")
