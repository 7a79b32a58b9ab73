"""The demo's narratives: several regions, two periods, AM09 carrying an open and an overdue action."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from dashboard.auth.viewer import PUBLIC_VIEWER, Viewer
from dashboard.data.narrative_models import NarrativeVersion
from dashboard.data.narratives import narrative_for, narratives_in
from dashboard.importing import demo
from dashboard.infra.db import Database

pytestmark = pytest.mark.traag

DAY = dt.date(2026, 9, 30)


def test_demo_narratives_are_example_data_and_am09_carries_actions_over(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    try:
        db.upgrade()
        demo.load_demo(db, 2021, DAY, 25_000_000)
        with db.engine.connect() as connection:
            rows = connection.execute(select(NarrativeVersion.region_code, NarrativeVersion.voorbeeld)).all()
        assert sorted({code for code, _ in rows}) == ["AM01", "AM09", "AM12", "AM20"]
        assert all(example for _, example in rows)
        am09 = narrative_for(db, Viewer("x", "landelijk"), "AM09", DAY)
        carried = [a for a in am09.actions if a.since != am09.period.key]
        assert len(carried) == 2 and [a.overdue(DAY) for a in carried] == [True, False]
        periods = {(n.region, n.period.key) for n in narratives_in(db, Viewer("x", "landelijk"), 2026)}
        assert len({key for region, key in periods if region == "AM09"}) == 2
        # AM12's narrative is not public.
        assert "AM12" not in {n.region for n in narratives_in(db, PUBLIC_VIEWER, 2026)}
    finally:
        db.dispose()
