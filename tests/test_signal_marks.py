"""'Gezien' marks: stored with their history, and only for signals the viewer may see."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from dashboard.auth.viewer import PUBLIC_VIEWER, Viewer
from dashboard.data import signal_marks
from dashboard.data.access import NoAccess
from dashboard.data.models import SignalMark
from dashboard.i18n import UserError

REGIO = Viewer("rob", "regio", frozenset({"AM09"}))
LANDELIJK = Viewer("kim", "landelijk")
CASES = "casus:AM09:2026-07-26"
OTHER = "casus:AM01:2026-07-26"
DELIVERY = "levering:AM09:17:2026-K2"


def _count(db):
    with db.engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(SignalMark))


def test_a_mark_is_kept_with_who_when_and_the_note_and_taking_it_back_is_history_too(db):
    signal_marks.mark(db, REGIO, CASES, "  Besproken met de trekker  ")
    assert signal_marks.current(db, LANDELIJK, [CASES])[CASES].note == "Besproken met de trekker"
    signal_marks.mark(db, LANDELIJK, CASES, "", seen=False)
    assert signal_marks.current(db, REGIO, [CASES]) == {}
    marks = signal_marks.history(db, REGIO, CASES)
    assert [(m.by, m.seen, m.note) for m in marks] == [
        ("rob", True, "Besproken met de trekker"),
        ("kim", False, ""),
    ]


def test_another_regions_signal_cannot_be_marked_or_read(db):
    signal_marks.mark(db, LANDELIJK, OTHER, "gezien door het programma")
    with pytest.raises(NoAccess):
        signal_marks.mark(db, REGIO, OTHER, "vervalst")
    with pytest.raises(NoAccess):
        signal_marks.mark(db, PUBLIC_VIEWER, CASES)
    assert signal_marks.current(db, REGIO, [OTHER]) == {}
    assert signal_marks.history(db, REGIO, OTHER) == []
    assert _count(db) == 1


def test_an_organisation_signal_needs_the_right_to_see_organisations(db):
    assert signal_marks.may_see(REGIO, DELIVERY)
    assert not signal_marks.may_see(Viewer("eva", "regio", frozenset({"AM01"})), DELIVERY)
    assert not signal_marks.may_see(PUBLIC_VIEWER, DELIVERY)


@pytest.mark.parametrize(
    ("key", "note"),
    [
        ("geen-signaal", ""),
        ("casus:XX01:2026-07-26", ""),
        ("onbekend:AM09:1", ""),
        (CASES, "x" * 281),
        (CASES, "bel 0612345678"),
        (CASES, "BSN 111222333"),
    ],
)
def test_bad_input_gets_a_dutch_error_and_stores_nothing(db, key, note):
    with pytest.raises(UserError) as raised:
        signal_marks.mark(db, REGIO, key, note)
    assert str(raised.value)
    assert "111222333" not in str(raised.value) and "0612345678" not in str(raised.value)
    assert _count(db) == 0
