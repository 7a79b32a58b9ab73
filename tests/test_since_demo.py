"""With the demo data a region compares with its own last stuurgroep before the peildatum."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.importing import demo
from dashboard.infra.db import Database
from dashboard.reports.region import region_report
from dashboard.reports.since import LAST_STEERING_GROUP
from dashboard.reports.view import View
from dashboard.text.changes import changes_sentence
from dashboard.text.format import date

pytestmark = pytest.mark.traag

DAY = dt.date(2026, 9, 30)


def test_am09_compares_with_its_last_stuurgroep_before_the_peildatum_in_the_demo_data(tmp_path):
    meetings = demo.generate(2021, DAY)["bijeenkomsten"]
    # Worked out from the rows as delivered: Achterhoek is AM09, dates are ISO text.
    held = meetings[(meetings["regio"] == "Achterhoek") & (meetings["soort"] == "stuurgroep")]
    expected = max(dt.date.fromisoformat(d) for d in held["datum"] if d < DAY.isoformat())
    db = Database(f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    try:
        db.upgrade()
        demo.load_demo(db, 2021, DAY, 25_000_000)
        report = region_report(db, View.parse({"jaar": "2026", "peildatum": DAY.isoformat()}, DAY), "AM09")
    finally:
        db.dispose()
    assert (report.comparison_day, report.compared_with.source) == (expected, LAST_STEERING_GROUP)
    assert changes_sentence(report.changes).startswith(f"Sinds de stuurgroep van {date(expected)}: ")
