"""The verdict sentence at the top of the national and region pages is the report's, with its figures."""

from __future__ import annotations

from typing import Any

from callbacks.national import update_national
from callbacks.region import update_region_page
from dashboard.infra.runtime import current_peildatum, runtime
from dashboard.reports.national import national_report
from dashboard.reports.region import region_report
from dashboard.reports.verdict import national_goals, region_goals, regions_behind, verdict_sentence
from dashboard.reports.view import View
from tests.test_callbacks import text_of

VERDICT_OUTPUT = 5  # after gauges, heading, downloads, breadcrumb and URL query


def run(app: Any, fn: Any, *args: Any) -> Any:
    with app.server.app_context():
        return fn(*args)


def test_the_national_verdict_is_the_reports_and_agrees_with_the_tiles(region_app):
    tiles, _heading, verdict = run(region_app, update_national, "2026", "2026-06-30")
    with region_app.server.app_context():
        view = View.parse({"jaar": "2026", "peildatum": "2026-06-30"}, current_peildatum())
        report = national_report(runtime().db, view)
    assert verdict == verdict_sentence(national_goals(report), regions_behind(report))
    started = text_of(next(t.children for t in tiles if t.children.id == "tile-trajecten"))
    # The sentence's started figure is the tile's number against the tile's goal.
    value, goal = started.split()[2], started.split()[4]
    assert f"trajecten ({value} van {goal})" in verdict
    assert verdict.endswith("liggen achter op twee of meer doelen.") or "regio ligt achter" in verdict


def test_the_region_verdict_is_the_reports_for_its_cohort(region_app):
    parts = run(region_app, update_region_page, "2026", "AM09", "2026-06-30", "2026", "")
    with region_app.server.app_context():
        view = View.parse(
            {"jaar": "2026", "peildatum": "2026-06-30", "cohort": "2026", "regio": "AM09"},
            current_peildatum(),
        )
        report = region_report(runtime().db, view, "AM09")
    verdict = parts[VERDICT_OUTPUT]
    assert verdict == verdict_sentence(region_goals(report.standing))
    # A region's sentence has no count of regions behind, and the 2026 cohort is not yet judged.
    assert "regio" not in verdict and "duurzame uitstroom: nog niet uitontwikkeld" in verdict
