"""The presenter view: titles of the current and next screen and speaker notes from the reports."""

import datetime as dt

import pytest
from dash.development.base_component import Component

from callbacks.presenter import draw_presenter, draw_presenter_deck
from dashboard.infra.runtime import runtime
from dashboard.reports.national import national_report
from dashboard.reports.region import region_report
from dashboard.reports.verdict import national_verdict, region_verdict
from dashboard.text.changes import changes_sentence
from layouts.presentation import Show, parse_show
from tests.test_callbacks import text_of

STORED = "?jaar=2026&peildatum=2026-06-30&regios=AM09&begin=regio"


def test_region_screen_notes_are_the_regions_verdict_and_changes(region_app):
    with region_app.server.app_context():
        current, following, notes, total = draw_presenter(1, STORED)
        show = parse_show({"jaar": "2026", "peildatum": "2026-06-30", "regios": "AM09"})
        report = region_report(runtime().db, show.view(), "AM09")
        verdict, changes = region_verdict(report.standing), changes_sentence(report.changes)
    assert isinstance(notes, Component)
    assert current == "Scherm 1 van 5: Regio Achterhoek"
    assert following == "Landelijk overzicht" and total == "5"
    assert verdict and verdict in text_of(notes) and changes in text_of(notes)


def test_national_screen_notes_are_the_national_verdict_and_the_last_screen_says_so(region_app):
    with region_app.server.app_context():
        current, following, notes, _total = draw_presenter(2, STORED)
        show = parse_show({"jaar": "2026", "peildatum": "2026-06-30"})
        verdict = national_verdict(national_report(runtime().db, show.view()))
        last, after, _notes, _total = draw_presenter(99, STORED)
    assert current == "Scherm 2 van 5: Landelijk overzicht" and following == "Kaart: % van het jaardoel"
    assert verdict in text_of(notes) and "Achterhoek" not in text_of(notes)
    assert last == "Scherm 5 van 5: Bijeenkomsten" and after == "Einde van de presentatie"


@pytest.mark.zuiver
def test_the_show_and_its_presenter_share_one_key_without_step():
    show = Show(2026, dt.date(2026, 6, 30), ("AM09",), None, 0, regions_first=True)
    assert show.key() == "?jaar=2026&peildatum=2026-06-30&regios=AM09&begin=regio"
    assert show.query(3) == show.key() + "&stap=3"


def test_the_presenter_gets_every_screens_notes_at_once_as_each_step_says_them(region_app):
    with region_app.server.app_context():
        notes, deck, total = draw_presenter_deck(STORED)
        alone = [draw_presenter(step, STORED) for step in range(1, 6)]
    assert total == "5" and len(notes) == len(deck) == 5
    assert [n.to_plotly_json()["props"]["data-step"] for n in notes] == ["1", "2", "3", "4", "5"]
    assert [d["current"] for d in deck] == [a[0] for a in alone]
    assert [d["next"] for d in deck] == [a[1] for a in alone]
    assert deck[-1]["next"] == "Einde van de presentatie"
    assert [text_of(n) for n in notes] == [text_of(a[2]) for a in alone]
    # The region's own verdict on its screen, the country's on the next.
    assert "Achterhoek" in deck[0]["current"] and text_of(notes[0]) != text_of(notes[1])
