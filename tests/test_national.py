import dataclasses
import datetime as dt
import json

import plotly.graph_objects as go
import pytest
from dash import Patch
from plotly.utils import PlotlyJSONEncoder

from callbacks.national import (
    open_region,
    region_link,
    state_to_url,
    update_map,
    update_national,
    update_ranking,
    update_trend,
    year_before,
)
from callbacks.region import update_region
from dashboard.runtime import EXTENSION
from layouts import ids
from tests.conftest import PEILDATUM
from tests.helpers import load, trajectory
from tests.test_callbacks import text_of


def days(year: int, count: int, last: dt.date) -> list[str]:
    """``count`` start dates spread from 1 January up to ``last``."""
    span = (last - dt.date(year, 1, 1)).days
    return [
        (dt.date(year, 1, 1) + dt.timedelta(days=span * i // max(count - 1, 1))).isoformat()
        for i in range(count)
    ]


@pytest.fixture
def national(app, db):
    """2026 to 30 June: AM09 30 starts (6 sustainable), AM01 60; 2025: AM09 40 starts, 20 by 30 June."""
    rows = [trajectory(f"A{i}", d) for i, d in enumerate(days(2026, 30, PEILDATUM))]
    for i in range(6):
        rows[i].update(plaatsingsdatum=rows[i]["startdatum"], duurzaam_datum="2026-06-30")
    rows += [
        trajectory(f"N{i}", d, regio="AM01", organisatie="GGZ Noord")
        for i, d in enumerate(days(2026, 60, PEILDATUM))
    ]
    first_half = days(2025, 20, dt.date(2025, 6, 30))
    second_half = [(dt.date(2025, 7, 2) + dt.timedelta(days=8 * i)).isoformat() for i in range(20)]
    rows += [trajectory(f"V{i}", d) for i, d in enumerate(first_half + second_half)]
    load(db, "trajecten", rows, today=PEILDATUM)
    load(
        db,
        "bijeenkomsten",
        [{"regio": "AM09", "soort": "leerbijeenkomst", "datum": "2026-03-01"}],
        today=PEILDATUM,
    )
    return app


def run(app, fn, *args):
    with app.server.app_context():
        return fn(*args)


def trace_points(figure: go.Figure) -> dict[str, list]:
    trace = figure.data[0]
    return {row[0]: row for row in trace.customdata}


def test_tiles_compare_with_the_same_date_last_year(national):
    tiles, heading = run(national, update_national, "2026", "2026-06-30")
    text = text_of(tiles)
    assert heading == "Voortgang 2026 · cijfers t/m 30 juni 2026"
    assert "Trajecten gestart 90 van 3.500" in text
    assert "Vorig jaar op deze datum: 20 (+70)" in text
    assert "Regio's op koers 1 van 35" in text  # AM01: 60 ≥ 49.6; AM09: 30 is not
    assert "Leerbijeenkomsten 1 van 105" in text and "Vorig jaar op deze datum: 0 (+1)" in text


def test_peildatum_control_moves_every_figure(national):
    tiles, heading = run(national, update_national, "2026", "2026-03-31")
    assert heading == "Voortgang 2026 · cijfers t/m 31 maart 2026"
    assert "Trajecten gestart 45 van 3.500" in text_of(tiles)  # half of each region's starts
    tiles, heading = run(national, update_national, "2026", "2030-01-01")  # beyond the data: clamped
    assert heading.endswith("30 juni 2026")


@pytest.mark.parametrize(
    ("metric", "am09", "am01", "am09_class"),
    [
        ("gestart", "30", "60", 2),
        ("doel", "30 %", "60 %", 2),
        ("tempo", "60 %", "121 %", 1),
        ("duurzaam", "20 %", "0 %", 2),
    ],
)
def test_map_values_per_metric(national, metric, am09, am01, am09_class):
    figure, note = run(national, update_map, metric, "tegel", "2026", "2026-06-30", None)
    assert isinstance(figure, go.Figure) and note is None
    points = trace_points(figure)
    assert points["AM09"][2] == am09 and points["AM01"][2] == am01
    assert points["AM02"][2] == "geen gegevens"
    classes = dict(zip([p[0] for p in figure.data[0].customdata], figure.data[0].marker.color, strict=True))
    assert classes["AM09"] == am09_class and classes["AM02"] == 0


def test_metric_change_sends_values_not_geometry(national):
    geojson = {"type": "FeatureCollection", "features": []}
    runtime = national.server.extensions[EXTENSION]
    national.server.extensions[EXTENSION] = dataclasses.replace(runtime, boundaries=geojson)
    with national.server.app_context():
        full, _note = update_map("doel", "geo", "2026", "2026-06-30", None)
        patch, note = update_map("gestart", "geo", "2026", "2026-06-30", ids.NATIONAL_METRIC)
    assert isinstance(full, go.Figure) and full.data[0].type == "choroplethmap"
    assert isinstance(patch, Patch)
    body = json.dumps(patch.to_plotly_json(), cls=PlotlyJSONEncoder)
    assert "geojson" not in body and "FeatureCollection" not in body
    assert '"Trajecten gestart' in body


def test_without_boundaries_the_tile_map_is_shown_with_a_note(national):
    figure, note = run(national, update_map, "doel", "geo", "2026", "2026-06-30", None)
    assert figure.data[0].type == "scatter"
    assert "tegelkaart wordt getoond" in text_of(note)


def test_ranking_orders_highlights_and_draws_intervals(national):
    figure, links = run(national, update_ranking, "gestart", "2026", "2026-06-30", "AM09")
    assert links.children[2].href == "/export/regios.csv?jaar=2026&peildatum=2026-06-30"
    labels = list(figure.data[0].y)
    assert labels[0] == "Groningen" and labels[1] == "▶ Achterhoek"
    assert labels[-1].endswith("(geen gegevens)")
    assert figure.layout.shapes[0].x0 == pytest.approx(100 * 181 / 365)
    sustainable, _links = run(national, update_ranking, "duurzaam", "2026", "2026-06-30", "")
    error = sustainable.data[0].error_x
    assert error.array[0] > 0 and error.arrayminus[0] > 0
    assert sustainable.layout.shapes[0].x0 == 40


def test_trend_is_cumulative_per_month_against_the_target(national):
    figure = run(national, update_trend, "2026", "2026-06-30")
    lines = {trace.name: trace for trace in figure.data}
    assert list(lines) == ["2026", "2025", "doel 2026"]
    assert lines["2026"].y[-1] == 90 and list(lines["2026"].x)[-1] == 6
    assert lines["2025"].y[-1] == 40
    assert lines["doel 2026"].y[-1] == 3500


def test_url_reproduces_the_view_and_clicks_open_the_region(national):
    query = run(national, state_to_url, "2025", "2026-06-30", "duurzaam", "tegel", "AM09")
    assert query == "?jaar=2025&peildatum=2026-06-30&maat=duurzaam&kaart=tegel&regio=AM09"
    assert run(national, state_to_url, "abc", "kapot", "onzin", "geo", "XX") == (
        "?jaar=2026&peildatum=2026-06-30&maat=doel&kaart=geo"
    )
    geo_click = {"points": [{"location": "AM09"}]}
    assert (
        run(national, open_region, geo_click, "2026", "2026-03-31")
        == "/regio/AM09?jaar=2026&peildatum=2026-03-31"
    )
    tile_click = {"points": [{"customdata": ["AM01", "Groningen"]}]}
    assert run(national, open_region, tile_click, None, None) == "/regio/AM01?jaar=2026&peildatum=2026-06-30"


def test_marked_region_gets_a_keyboard_link_to_its_page(national):
    link = run(national, region_link, "AM09", "2025")
    assert (
        link.href == "/regio/AM09?jaar=2025&peildatum=2026-06-30"
        and link.children == "Open regiopagina Achterhoek"
    )
    assert run(national, region_link, "", "2025") is None


def test_region_page_tiles(national):
    tiles, heading, links = run(national, update_region, "2026", "AM09")
    assert links.children[2].href == "/export/regios.csv?jaar=2026&peildatum=2026-06-30&regio=AM09"
    assert heading.startswith("Arbeidsmarktregio AM09 · provincie Gelderland")
    text = text_of(tiles)
    assert "Trajecten gestart 30 van 100" in text and "Vorig jaar op deze datum: 20 (+10)" in text
    assert "Regio's op koers" not in text
    assert "Laatste uitontwikkelde cohort (2025): 0 %" in text
    # The peildatum carried over from the national page counts here too.
    early, heading, _links = run(national, update_region, "2026", "AM09", "2026-03-31")
    assert "Trajecten gestart 15 van 100" in text_of(early) and heading.endswith("t/m 31 maart 2026")


def test_region_without_any_data_says_so(national):
    tiles, _heading, _links = run(national, update_region, "2026", "AM02")
    text = text_of(tiles)
    assert "Trajecten gestart geen gegevens" in text and "ver achter" not in text
    assert "Prognose" not in text
    assert "Casusbesprekingen geen gegevens" in text


@pytest.mark.parametrize(
    "query",
    [
        {"jaar": "²"},
        {"jaar": ["2025", "2026"]},
        {"regio": ["AM09", "AM01"]},
        {"maat": ["doel", "tempo"]},
        {"peildatum": ["2026-01-01"]},
        {"kaart": ["geo"]},
    ],
)
def test_odd_query_values_fall_back_to_defaults(national, query):
    from layouts.pages import national_page, region_page

    with national.server.app_context():
        assert national_page(**query) is not None
        assert region_page(code=["AM09"], **query).children[0].children == "Regio niet gevonden"
        assert region_page(code="am09", **query) is not None


def test_year_before_handles_leap_days():
    assert year_before(dt.date(2024, 2, 29)) == dt.date(2023, 2, 28)
    assert year_before(dt.date(2026, 6, 30)) == dt.date(2025, 6, 30)


def test_immature_cohort_is_not_ranked_as_final_and_bars_carry_their_values(national):
    figure, _links = run(national, update_ranking, "duurzaam", "2026", "2026-06-30", "")
    assert "nog niet uitontwikkeld" in figure.layout.annotations[0].text
    assert list(figure.data[0].text)[:2] == ["20 %", "0 %"]
    mature, _links = run(national, update_ranking, "duurzaam", "2025", "2026-06-30", "")
    assert "nog niet uitontwikkeld" not in mature.layout.annotations[0].text


def test_trend_places_the_running_month_at_the_peildatum(national):
    figure = run(national, update_trend, "2026", "2026-03-15")
    current = next(trace for trace in figure.data if trace.name == "2026")
    assert list(current.x)[-1] == pytest.approx(2 + 15 / 31)
