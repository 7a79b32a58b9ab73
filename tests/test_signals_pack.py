"""The meeting pack lists the open signals at its peildatum, as the reader may see them."""

from __future__ import annotations

import datetime as dt

from callbacks.meeting_pack import meeting_pack
from dashboard.auth.viewer import Viewer
from layouts.presentation import parse_show
from tests.helpers import load, trajectory, viewing_as

DAY = dt.date(2026, 8, 12)
SHOW = {"jaar": "2026", "peildatum": DAY.isoformat(), "regios": "AM09"}


def _section(app, viewer, show=SHOW):
    with viewing_as(app, viewer):
        sections = meeting_pack(parse_show(show))[1]
    assert sections[-1].title == "Signalen"
    return sections[-1]


def test_the_pack_lists_its_regions_open_signals_at_its_peildatum(db, make_app):
    load(db, "trajecten", [trajectory("T1", "2026-01-15", organisatie="GGZ X")], today=dt.date(2026, 2, 1))
    app = make_app(peildatum=DAY)
    section = _section(app, Viewer("kim", "landelijk"))
    assert section.text == "De open signalen op 12 augustus 2026, het meest dringende eerst."
    rows = section.tables[0].rows
    assert {row[1].split(" · ")[0] for row in rows} == {"Achterhoek"}
    delivery = next(row for row in rows if row[1] == "Achterhoek · GGZ X")
    assert delivery[0] == "middel" and delivery[3] == "12 augustus 2026"
    assert "2026-K2 geen gegevens aangeleverd" in delivery[2]
    # A region account of another region gets the section without the other region's signals.
    other = _section(app, Viewer("eva", "regio", frozenset({"AM01"})))
    assert other.tables == [] and other.text == "Op 12 augustus 2026 zijn er geen open signalen."
    # Without regions the pack takes the country's most urgent signals only.
    national = _section(app, Viewer("kim", "landelijk"), {**SHOW, "regios": ""})
    assert national.text.startswith("De open signalen met ernst hoog")
    assert national.tables[0].rows and all(row[0] == "hoog" for row in national.tables[0].rows)
