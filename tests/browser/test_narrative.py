"""A region project leader writes the story behind the numbers; a national account reads it."""

from __future__ import annotations

import pytest

from dashboard.auth.viewer import Viewer
from dashboard.data.narratives import periods_for, versions
from dashboard.infra.db import Database
from tests.browser.axe import assert_accessible
from tests.browser.conftest import screenshot, sign_in

pytestmark = pytest.mark.browser

EXPLANATION = '[id=\'{"goal":"gestart","type":"narrative-explanation"}\']'


def _empty_period(demo_database: str) -> str:
    # A period of AM09 the demo wrote nothing for, so this test's versions are the only ones.
    db = Database(demo_database)
    try:
        reader = Viewer("test", "landelijk")
        period = next(p for p in periods_for(db, "AM09", 2026) if not versions(db, reader, "AM09", p.key))
    finally:
        db.dispose()
    return period.end.isoformat()


def _first_empty(page, part: str):
    fields = page.locator(f"[id*='narrative-{part}']")
    return next(fields.nth(i) for i in range(fields.count()) if fields.nth(i).input_value() == "")


def _save(page, expected: str) -> None:
    page.click("#narrative-save")
    page.wait_for_function(
        "text => document.querySelector('#narrative-message').innerText.includes(text)", arg=expected
    )


@pytest.mark.account("regio")
def test_regio_writes_the_narrative_and_landelijk_reads_it(page, server, demo_database, browser):
    day = _empty_period(demo_database)
    address = f"{server}/regio/AM09?jaar=2026&peildatum={day}"
    page.goto(address)
    page.click("text=Verhaal bewerken")
    page.wait_for_selector(EXPLANATION)
    page.fill(EXPLANATION, "De instroom loopt **weer** op tempo.")
    bottleneck = _first_empty(page, "bottleneck-text")
    bottleneck.fill("Werkgevers zoeken vooral ervaren krachten.")
    number = int(bottleneck.get_attribute("id").split('"index":')[1].split(",")[0]) + 1
    page.locator(f'[aria-label="Thema\'s van knelpunt {number}"]').get_by_label("werkgevers").check()
    action = _first_empty(page, "action-text")
    action.fill("Werkgeversontbijt organiseren")
    row = action.get_attribute("id").split('"index":')[1].split(",")[0]
    page.fill(f'[id=\'{{"index":{row},"type":"narrative-action-owner"}}\']', "Werkgeversservicepunt")
    page.fill(f'[id=\'{{"index":{row},"type":"narrative-action-due"}}\']', "2026-12-01")
    _save(page, "Opgeslagen als versie 1.")
    page.wait_for_function(
        "document.querySelector('#narrative-view').innerText.includes('Werkgeversontbijt')"
    )
    assert "weer op tempo" in page.inner_text("#narrative-explanations")
    story = page.inner_text("#narrative-view")
    assert "Werkgevers zoeken vooral ervaren krachten." in story and "werkgevers" in story
    assert "Werkgeversservicepunt" in story
    assert "stuurgroep van" in story  # the action's period, as a reader says it
    # A second edit is a second version; the history compares the two.
    page.click("text=Verhaal bewerken")
    page.fill(EXPLANATION, "De instroom loopt op tempo dankzij de nieuwe aanbieder.")
    _save(page, "Opgeslagen als versie 2.")
    page.click("text=Geschiedenis en vergelijken")
    page.wait_for_function("document.querySelector('#narrative-history').innerText.startsWith('2 ')")
    page.wait_for_selector("#narrative-compare del")
    compared = page.inner_text("#narrative-compare")
    assert "Uitleg bij gestarte trajecten" in compared and "dankzij de nieuwe aanbieder" in compared
    assert_accessible(page)
    screenshot(page, "regio-verhaal-bewerken")

    national = browser.new_context(viewport={"width": 1366, "height": 900}, locale="nl-NL", bypass_csp=True)
    try:
        sign_in(national, server, "landelijk")
        reader = national.new_page()
        reader.goto(address)
        reader.wait_for_function(
            "document.querySelector('#narrative-view') && "
            "document.querySelector('#narrative-view').innerText.includes('Werkgeversontbijt')"
        )
        assert "dankzij de nieuwe aanbieder" in reader.inner_text("#narrative-explanations")
        assert reader.locator("#narrative-save").count() == 0
        assert_accessible(reader)
        screenshot(reader, "regio-verhaal-landelijk")
    finally:
        national.close()
