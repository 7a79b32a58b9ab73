"""The region page tells what changed since its last stuurgroep, near the verdict and on the gauges."""

import pytest

from dashboard.infra.db import Database
from dashboard.reports.region import region_report
from dashboard.reports.view import View
from dashboard.text import format as fmt
from dashboard.text.changes import change_line, changes_sentence
from tests.browser.axe import assert_accessible
from tests.browser.conftest import DEMO_DAY, screenshot

pytestmark = pytest.mark.browser


def test_region_page_tells_the_changes_since_the_last_stuurgroep(page, server, demo_database):
    db = Database(demo_database)
    try:
        report = region_report(db, View.parse({}, DEMO_DAY), "AM09")
    finally:
        db.dispose()
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(server + "/regio/AM09")
    page.wait_for_selector("#gauge-trajecten .kpi-value")
    page.wait_for_function("document.querySelector('#region-since').innerText.length > 0")
    sentence = page.inner_text("#region-since")
    assert sentence == changes_sentence(report.changes)
    assert sentence.startswith(f"Sinds de stuurgroep van {fmt.date(report.comparison_day)}: ")
    starts = page.inner_text("#gauge-trajecten")
    assert change_line(report.changes.goal("gestart"), report.compared_with) in starts
    assert "sinds de stuurgroep van" in page.inner_text("#gauge-casus")
    assert_accessible(page)
    screenshot(page, "regio-sinds-stuurgroep")
