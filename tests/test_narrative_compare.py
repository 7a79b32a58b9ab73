"""Comparing two versions of a narrative: only changed fields, lines marked removed or added."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.reports.narrative import Action, Bottleneck, Narrative, Period
from dashboard.reports.narrative_compare import compare

pytestmark = pytest.mark.zuiver

PERIOD = Period("2026-T2", dt.date(2026, 5, 1), dt.date(2026, 8, 31))


def _version(number: int, **fields: object) -> Narrative:
    return Narrative(
        "AM09", PERIOD, number, "rob", dt.datetime(2026, 6, number, tzinfo=dt.UTC), False, **fields
    )


def test_only_changed_fields_with_removed_and_added_lines():
    action = Action("a1", "Overleg", "UWV", dt.date(2026, 7, 1), "open", "2026-T2")
    older = _version(1, explanations={"gestart": "Loopt achter\nTwee vacatures"}, actions=(action,))
    newer = _version(
        2,
        explanations={"gestart": "Loopt achter\nVacatures vervuld"},
        bottlenecks=(Bottleneck("Wachtlijst", ("capaciteit ggz",)),),
        actions=(Action("a1", "Overleg", "UWV", dt.date(2026, 7, 1), "klaar", "2026-T2"),),
    )
    changes = {c.title: c.lines for c in compare(older, newer)}
    assert set(changes) == {"Uitleg bij gestarte trajecten", "Knelpunten", "Acties"}
    assert changes["Uitleg bij gestarte trajecten"] == (
        "  Loopt achter",
        "- Twee vacatures",
        "+ Vacatures vervuld",
    )
    assert changes["Knelpunten"] == ("+ Wachtlijst [capaciteit ggz]",)
    assert changes["Acties"] == (
        "- Overleg | UWV | 2026-07-01 | open",
        "+ Overleg | UWV | 2026-07-01 | klaar",
    )
    assert compare(newer, newer) == []
