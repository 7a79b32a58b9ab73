import datetime as dt

import pytest
from dash import html

from callbacks.national import update_national
from callbacks.overview import update_meetings, update_regions
from callbacks.shell import update_import_log, update_shell
from dashboard.auth.viewer import Viewer
from dashboard.reports.params import parse_year
from tests.helpers import load, trajectory, viewing_as


def text_of(component) -> str:
    """All text inside a component tree, as a screen reader would get it."""
    if component is None:
        return ""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return " ".join(" ".join(text_of(c) for c in component).split())
    return text_of(getattr(component, "children", None))


@pytest.fixture
def loaded(app, db):
    rows = [trajectory(f"A{i}", f"2026-0{1 + i % 5}-1{i % 9}") for i in range(30)]
    rows += [trajectory("B1", "2025-04-01", regio="AM01", organisatie="GGZ Noord")]
    load(db, "trajecten", rows, today=dt.date(2026, 6, 30))
    return app


def test_national_callback_shows_the_known_totals(loaded):
    with loaded.server.app_context():
        tiles, heading, _verdict = update_national("2026", None)
    text = text_of(tiles)
    assert heading == "Voortgang 2026 · cijfers t/m 30 juni 2026 · voorlopig"
    assert "Trajecten gestart 30 van 3.500 (jaardoel)" in text
    assert "1 van 35" not in text  # 30 starts against a pace of 49.6: AM09 is not on track
    assert "0 van 35" in text and "33 zonder gegevens" in text


def test_past_year_is_counted_to_31_december(loaded):
    with loaded.server.app_context():
        tiles, heading, _verdict = update_national("2025", None)
    # Starts end with the year; the cohort's outflow is followed to the peildatum, and the label says so.
    assert heading == "Voortgang 2025 · cijfers t/m 31 december 2025 (uitstroom t/m 30 juni 2026) · voorlopig"
    assert "Trajecten gestart 1 van 3.500" in text_of(tiles)


@pytest.mark.zuiver
@pytest.mark.parametrize("raw", [None, "", "abc", "1999", "2099"])
def test_unusable_year_falls_back_to_the_peildatum_year(raw):
    assert parse_year(raw, 2026) == 2026


def test_regions_table_marks_regions_without_data(loaded):
    with loaded.server.app_context():
        table, _links, _search = update_regions("2026")
    text = text_of(table)
    assert "Achterhoek AM09 Gelderland 30 100 60 % ver achter" in text
    # AM01 delivered in 2025 but started nobody in 2026: that is zero, not missing data.
    assert "Groningen AM01 Groningen 0 100 0 % ver achter" in text
    assert "Friesland AM02 Fryslân geen gegevens 100 – geen gegevens" in text


def test_meetings_table_flags_overdue_regions(loaded, db):
    load(
        db,
        "bijeenkomsten",
        [{"regio": "AM09", "soort": "casusbespreking", "datum": "2026-06-01"}],
        today=dt.date(2026, 6, 30),
    )
    with loaded.server.app_context():
        table, _links, _search = update_meetings("2026")
    text = text_of(table)
    assert "Achterhoek 0 van 3" in text and "1 juni 2026 nee" in text
    # Groningen never reported a meeting: no data, not "0 van 3, achterstallig".
    assert "Groningen geen gegevens geen gegevens geen gegevens geen gegevens – geen gegevens" in text


def test_shell_shows_data_date_and_demo_notice_only_for_demo_data(loaded):
    with viewing_as(loaded, Viewer("beheerder", "beheer")):
        banner, footer = update_shell()
        log = update_import_log("import-log-table")
    assert banner is None
    assert footer == "Cijfers t/m 30 juni 2026"
    assert "test-trajecten.csv" in text_of(log)
    with viewing_as(loaded, Viewer("leider", "regio", frozenset({"AM09"}))):
        refused = update_import_log("import-log-table")
    assert "test-trajecten.csv" not in text_of(refused) and "Alleen beheer" in text_of(refused)


def test_shell_without_data(app):
    with viewing_as(app, Viewer("beheerder", "beheer")):
        banner, footer = update_shell()
        log = update_import_log("import-log-table")
    assert banner is None and footer == "Nog geen gegevens ingelezen"
    assert isinstance(log, html.P)


def test_region_search_finds_by_name_code_or_province_without_accents(loaded):
    with loaded.server.app_context():
        table, _links, query = update_regions("2026", "fryslan")
        text = text_of(table)
        assert "Friesland AM02 Fryslân" in text and "Achterhoek" not in text
        assert "(1 van 35 regio's gevonden)" in text and query == "?jaar=2026&zoek=fryslan"
        table, *_rest = update_regions("2026", "am09")
        assert text_of(table).count("Gelderland") == 1
        table, *_rest = update_regions("2026", "gelderland")
        assert "Achterhoek" in text_of(table) and "Groningen" not in text_of(table)
        table, *_rest = update_regions("2026", "bestaat niet")
        assert text_of(table) == "Geen regio gevonden voor 'bestaat niet'."
        table, _links, query = update_regions("2026", "  ")
        assert "(1 van" not in text_of(table) and query == "?jaar=2026"


def test_the_frame_clock_brings_the_notices_and_the_signal_count_in_one_answer(loaded):
    import orjson

    from callbacks.shell import update_frame
    from layouts.shell import open_signal_count

    leader = Viewer("leider", "regio", frozenset({"AM09"}))
    with viewing_as(loaded, leader):
        banner, footer, count = update_frame(3)
        expected = open_signal_count(leader)
    # The notices come from the answer cache as finished JSON, the count is built for this viewer.
    assert orjson.loads(orjson.dumps(footer)) == "Cijfers t/m 30 juni 2026"
    assert orjson.loads(orjson.dumps(banner)) is None
    assert text_of(count) == text_of(expected) and text_of(count).endswith("open signalen")
