"""The national, overview and presentation views and the page frame in English, and still Dutch by default."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from dash import html

from callbacks.overview import update_meetings, update_regions
from callbacks.shell import update_shell
from dashboard.auth.viewer import Viewer
from dashboard.i18n import use_language
from layouts import ids, national, presentation
from layouts.metric_specs import METRICS
from layouts.pages import page_title
from layouts.shell import navigation
from tests.helpers import load, trajectory, viewing_as
from tests.test_callbacks import text_of

PEILDATUM = dt.date(2026, 6, 30)


def find(component, component_id: str):
    """The component with ``component_id`` inside a tree, or None."""
    if getattr(component, "id", None) == component_id:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            found = find(child, component_id)
            if found is not None:
                return found
    return None


@pytest.fixture
def loaded(app, db):
    rows = [trajectory(f"A{i}", f"2026-0{1 + i % 5}-1{i % 9}") for i in range(30)]
    load(db, "trajecten", rows, today=PEILDATUM)
    load(db, "bijeenkomsten", [{"regio": "AM09", "soort": "casusbespreking", "datum": "2026-06-01"}])
    return app


@pytest.mark.zuiver
def test_trend_summary_writes_numbers_and_dates_per_language():
    monthly = pd.DataFrame(
        {"jaar": [2026] * 6 + [2025] * 6, "maand": list(range(1, 7)) * 2, "gestart": [300] * 6 + [250] * 6}
    )
    with use_language("en"):
        english = national.trend_summary(monthly, 2026, PEILDATUM, 3500)
    dutch = national.trend_summary(monthly, 2026, PEILDATUM, 3500)
    assert english.startswith("In 2026, 1,800 trajectories were started up to 30 June 2026, ")
    assert "towards the annual target of 3,500; in 2025 there were 1,500 up to June." in english
    assert dutch.startswith("In 2026 zijn t/m 30 juni 2026 1.800 trajecten gestart, ")
    assert dutch.endswith("naar het jaardoel van 3.500; in 2025 waren dat er t/m juni 1.500.")


def test_overview_tables_in_english(loaded):
    with loaded.server.app_context(), use_language("en"):
        regions, links, _query = update_regions("2026")
        meetings, _links, _query = update_meetings("2026")
    text = text_of(regions)
    assert "Trajectories started per region in 2026, up to 30 June 2026" in text
    assert "Region Code Province Started Annual target % of pace Status" in text
    assert "Achterhoek AM09 Gelderland 30 100 60%" in text
    assert "Friesland AM02 Fryslân no data 100" in text
    assert "the figures per region" in text_of(links)
    text = text_of(meetings)
    assert "Meetings per region in 2026, up to 30 June 2026" in text
    assert "Achterhoek 0 of 3" in text and "1 June 2026 no" in text


def test_overview_tables_stay_dutch_without_a_language(loaded):
    with loaded.server.app_context():
        regions, _links, _query = update_regions("2026")
        meetings, _links, _query = update_meetings("2026")
    assert "Gestarte trajecten per regio in 2026, t/m 30 juni 2026" in text_of(regions)
    assert "Achterhoek AM09 Gelderland 30 100 60 %" in text_of(regions)
    assert "Achterhoek 0 van 3" in text_of(meetings) and "1 juni 2026 nee" in text_of(meetings)


def test_footer_date_follows_the_language(loaded):
    with viewing_as(loaded, Viewer("beheerder", "beheer")):
        with use_language("en"):
            assert update_shell()[1] == "Figures up to 30 June 2026"
        assert update_shell()[1] == "Cijfers t/m 30 juni 2026"


def test_navigation_offers_the_other_language(app):
    with app.server.test_request_context("/"):
        with use_language("en"):
            english = navigation(Viewer("beheerder", "beheer"))
        dutch = navigation(Viewer("beheerder", "beheer"))
    to_dutch, to_english = find(english, ids.LANGUAGE_SWITCH), find(dutch, ids.LANGUAGE_SWITCH)
    assert isinstance(to_dutch, html.A) and isinstance(to_english, html.A)
    assert (to_english.children, to_english.href, to_english.hrefLang) == ("English", "?lang=en", "en")
    assert (to_dutch.children, to_dutch.href, to_dutch.lang) == ("Nederlands", "?lang=nl", "nl")
    # The accessible name contains the visible text.
    assert "English" in getattr(to_english, "aria-label")
    assert (
        "Regions" in text_of(english)
        and "Sign out" in text_of(english)
        and "(administrator)" in text_of(english)
    )
    assert "Regio's" in text_of(dutch) and "Uitloggen" in text_of(dutch) and "(beheer)" in text_of(dutch)


@pytest.mark.zuiver
def test_metric_labels_legends_and_page_titles_follow_the_language():
    spec = METRICS["doel"]
    with use_language("en"):
        assert spec.label == "% of annual target reached"
        assert spec.class_labels()[0] == "< 25%" and spec.class_labels()[-1] == "≥ 100%"
        assert spec.format(None) == "no data"
        assert page_title("Regio's")(code="AM09") == "Regions – Hoofdzaak Werk Monitor"
        assert presentation.position(3, 6, "Ranking") == "Screen 3 of 6: Ranking"
    assert spec.label == "% van jaardoel bereikt"
    assert spec.class_labels()[0] == "< 25 %"
    assert page_title("Regio's")() == "Regio's – Hoofdzaak Werk Monitor"
    assert presentation.position(3, 6, "Rangorde") == "Scherm 3 van 6: Rangorde"
