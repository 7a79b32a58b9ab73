"""The verdict sentence at the top of / and /regio/AM09, read in the browser, checked against the report."""

import pytest

from dashboard.infra.db import Database
from dashboard.reports.national import national_report
from dashboard.reports.verdict import national_goals, region_goals, regions_behind, verdict_sentence
from dashboard.reports.view import View
from dashboard.text import format as fmt
from tests.browser.axe import assert_accessible
from tests.browser.conftest import DEMO_DAY, screenshot

pytestmark = pytest.mark.browser


def demo_report(demo_database: str):
    db = Database(demo_database)
    try:
        return national_report(db, View.parse({}, DEMO_DAY))
    finally:
        db.dispose()


def read_verdict(page, selector: str) -> str:
    page.wait_for_selector(selector, state="attached")
    page.wait_for_function(f"document.querySelector('{selector}').innerText.length > 0")
    return page.inner_text(selector)


def test_the_national_verdict_names_the_reports_figures(page, server, demo_database):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(server + "/")
    page.wait_for_selector("#tile-trajecten .kpi-value")
    text = read_verdict(page, "#national-verdict")
    report = demo_report(demo_database)
    assert text == verdict_sentence(national_goals(report), regions_behind(report))
    outflow = report.outflow
    assert (
        f"duurzame uitstroom ({fmt.percentage(outflow.pct)} van {fmt.percentage(outflow.target_pct)})" in text
    )
    assert f"({fmt.number(report.summary.started)} van {fmt.number(report.summary.target_started)})" in text
    # The outflow tile carries the same verdict in words beside its icon.
    assert outflow.status in page.inner_text("#tile-duurzaam")
    assert not page.is_visible("#tile-duurzaam details p")  # folded until the reader asks
    screenshot(page, "landelijk-oordeel")  # docs/landelijk.png: 1440 wide, explanations folded
    page.click("#tile-duurzaam summary")
    assert "Wat betekent dit?" in page.inner_text("#tile-duurzaam details")
    assert_accessible(page)


def test_the_region_verdict_names_the_regions_figures(page, server, demo_database):
    page.goto(server + "/regio/AM09")
    text = read_verdict(page, "#region-verdict")
    standing = demo_report(demo_database).standing("AM09")
    assert text == verdict_sentence(region_goals(standing))
    assert f"({fmt.number(standing.starts.value)} van {fmt.number(standing.starts.target)})" in text
    assert_accessible(page)
