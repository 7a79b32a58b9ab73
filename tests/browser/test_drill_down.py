"""Drill-down in the browser: country → region → organisation and back, with numbers that agree."""

import pytest

from dashboard.data.cohorts import funnel_by_organisation
from dashboard.data.progress import progress_by_region
from dashboard.infra.db import Database
from dashboard.text import format as fmt
from tests.browser.axe import assert_accessible
from tests.browser.conftest import DEMO_DAY, screenshot, show_organisations

pytestmark = pytest.mark.browser


def wait_for_region(page):
    page.wait_for_selector("#gauge-trajecten .kpi-value")
    show_organisations(page)


def grid_column(page, column: str) -> list[str]:
    return page.eval_on_selector_all(
        f"#region-organisations .ag-center-cols-container [col-id='{column}']",
        "cells => cells.map(c => c.innerText)",
    )


# beheer sees every organisation figure on the peildatum itself: the organisations must add up to
# the region. Other roles see the audited quarter-end table, whose hidden cells are tested in
# tests/test_disclosure*.py and tests/test_region_page.py.
@pytest.mark.account("beheer")
def test_drill_from_country_to_region_to_organisation_and_back(page, server, demo_database):
    db = Database(demo_database)
    regions = progress_by_region(db, DEMO_DAY.year, DEMO_DAY).set_index("code")
    organisations = funnel_by_organisation(db, "AM09", DEMO_DAY.year, DEMO_DAY)
    db.dispose()
    started = int(regions.loc["AM09", "gestart"])

    page.goto(server + "/?regio=AM09")
    page.wait_for_selector("#national-region-link a")
    page.click("text=Open regiopagina Achterhoek")
    page.wait_for_url("**/regio/AM09?jaar=2026&peildatum=2026-09-30")
    wait_for_region(page)
    assert page.inner_text("#gauge-trajecten .kpi-value") == f"{fmt.number(started)} van 100"
    crumbs = page.inner_text("nav[aria-label=Kruimelpad]")
    assert "Nederland" in crumbs and "Achterhoek" in crumbs
    # The organisations add up to the region's starts.
    counts = [int(v.replace(".", "")) for v in grid_column(page, "gestart") if v != "geen gegevens"]
    assert sum(counts) == started == int(organisations["gestart"].sum())
    assert_accessible(page)
    screenshot(page, "regio")

    biggest = organisations.sort_values("gestart", ascending=False).iloc[0]
    page.click(f"#region-organisations .ag-row:has-text('{biggest['organisatie']}') [col-id='organisatie']")
    page.wait_for_url(f"**/regio/AM09/organisatie/{int(biggest['id'])}?jaar=2026&peildatum=2026-09-30")
    page.wait_for_selector("#org-gestart .kpi-value")
    assert page.inner_text("h1") == biggest["organisatie"]
    assert page.inner_text("#org-gestart .kpi-value") == fmt.number(int(biggest["gestart"]))
    share = fmt.percentage(100 * int(biggest["gestart"]) / started)
    assert page.inner_text("#org-aandeel .kpi-value") == share
    assert "Nederland" in page.inner_text("nav[aria-label=Kruimelpad]")
    assert_accessible(page)
    screenshot(page, "organisatie")

    page.go_back()
    page.wait_for_url("**/regio/AM09?**")
    wait_for_region(page)
    assert page.inner_text("h1") == "Achterhoek"
    page.go_back()
    page.wait_for_url("**/?**regio=AM09**")
    page.wait_for_selector("#tile-trajecten .kpi-value")


def test_keyboard_route_to_an_organisation_and_year_carried_along(page, server):
    page.goto(server + "/regio/AM09?jaar=2025&peildatum=2026-09-30")
    wait_for_region(page)
    assert page.input_value("#region-year") == "2025"
    options = page.eval_on_selector_all("#region-organisation-select option", "o => o.map(x => x.value)")
    chosen = next(value for value in options if value)
    page.focus("#region-organisation-select")
    page.select_option("#region-organisation-select", chosen)
    link = page.wait_for_selector("#region-organisation-link a")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/regio/AM09/organisatie/{chosen}?jaar=2025&peildatum=2026-09-30")
    page.wait_for_selector("#org-gestart")
    assert page.input_value("#org-year") == "2025"
    # The breadcrumb leads back with the same year.
    href = page.get_attribute("nav[aria-label=Kruimelpad] a >> text=Achterhoek", "href")
    assert href == "/regio/AM09?jaar=2025&peildatum=2026-09-30"


def test_changing_the_cohort_updates_the_funnel_and_the_url(page, server):
    page.goto(server + "/regio/AM09?jaar=2026&peildatum=2026-09-30&cohort=2024")
    wait_for_region(page)
    assert "startcohort 2024" in page.inner_text("#region-funnel-text")
    page.select_option("#region-cohort", "2023")
    page.wait_for_function(
        "document.querySelector('#region-funnel-text').innerText.includes('startcohort 2023')"
    )
    page.wait_for_function("location.search.includes('cohort=2023')")
    assert "Duurzame uitstroom, cohort 2023" in page.inner_text("#gauge-duurzaam")


@pytest.mark.parametrize(
    ("path", "heading"),
    [("/regio/AM99", "Regio niet gevonden"), ("/regio/AM09/organisatie/999999", "Organisatie niet gevonden")],
)
def test_unknown_addresses_give_a_dutch_page_with_a_way_back(page, server, path, heading):
    page.goto(server + path)
    page.wait_for_selector("h1")
    assert page.inner_text("h1") == heading
    assert page.is_visible("text=Naar de lijst van regio's")
    assert_accessible(page)


@pytest.mark.account("beheer")
def test_the_organisations_sort_stays_when_a_control_changes(page, server):
    """The grid is mounted anew for a new cohort; the sort the user chose stays on it."""
    page.goto(server + "/regio/AM09?jaar=2026&peildatum=2026-09-30&cohort=2024")
    wait_for_region(page)
    header = "#region-organisations .ag-header-cell[col-id='gestart']"
    page.click(f"{header} .ag-header-cell-label")
    page.wait_for_selector(f"{header}[aria-sort='ascending']")
    page.select_option("#region-cohort", "2023")
    # The new grid names the cohort in its outflow column.
    page.wait_for_function(
        "[...document.querySelectorAll('#region-organisations .ag-header-cell-text')]"
        ".some(cell => cell.innerText.includes('2023'))"
    )
    page.wait_for_selector(f"{header}[aria-sort='ascending']")
    # The rows as the grid places them (row-index), not as they stand in the DOM.
    order = page.eval_on_selector_all(
        "#region-organisations .ag-center-cols-container .ag-row",
        "rows => rows.map(r => [Number(r.getAttribute('row-index')), r]).sort((a, b) => a[0] - b[0])"
        ".map(([, r]) => r).map(r => r.querySelector(\"[col-id='gestart']\").innerText)",
    )
    started = [int(value.replace(".", "")) for value in order]
    assert len(started) > 2 and started == sorted(started) and started != started[::-1]
