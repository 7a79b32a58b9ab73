"""A narrative saved between imports shows in the signals at once, though the figures stay cached."""

from __future__ import annotations

import datetime as dt

from dashboard.auth.viewer import Viewer
from dashboard.data.narrative_checks import ActionInput, NarrativeInput
from dashboard.data.narratives import periods_for, save_narrative
from dashboard.reports.signals import signals_for
from dashboard.rules import signals as rules
from tests.helpers import load, trajectory

DAY = dt.date(2026, 8, 12)


def test_an_overdue_action_saved_after_the_last_import_is_signalled(db, make_app):
    load(db, "trajecten", [trajectory("T1", "2026-01-15")], today=dt.date(2026, 2, 1))
    app = make_app(peildatum=DAY)
    nation = Viewer("kim", "landelijk")
    with app.server.app_context():
        before = [s for s in signals_for(db, nation, DAY) if s.rule == rules.ACTION]
        period = next(p for p in periods_for(db, "AM09", DAY.year) if p.start <= DAY <= p.end)
        action = ActionInput("Werkgevers benaderen", "UWV", DAY - dt.timedelta(days=10), "open")
        save_narrative(db, Viewer("bea", "beheer"), "AM09", period.key, NarrativeInput(actions=(action,)))
        after = [s for s in signals_for(db, nation, DAY) if s.rule == rules.ACTION]
    assert before == []
    assert [(s.region, "Werkgevers benaderen" in str(s.text)) for s in after] == [("AM09", True)]
