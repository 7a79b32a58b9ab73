"""The national page against a small hand-made dataset whose answers are computed by hand.

Peildatum 30 June 2026: day 181 of 365, so the pace of a target T is T × 181/365 (0.49589).

- AM09 (Achterhoek), default targets (100 trajectories, 40 %, 3 sessions, 10 discussions):
  2026: 30 starts spread over 1 January–30 June, 6 of them sustainable; 1 learning session,
  5 case discussions. 2025: 40 starts (20 up to 30 June), none sustainable; 3 learning sessions
  (2 up to 30 June), 4 case discussions (2 up to 30 June).
- AM01 (Groningen), own targets: 2026 80 trajectories, 30 %, 2 sessions, 6 discussions;
  2025 100, 75 %, 3, 10. 2026: 60 starts, none sustainable; 2 sessions, 2 discussions.
  2025: 20 starts (10 up to 30 June), 8 of the first 10 sustainable on 1 December 2025;
  1 case discussion (September).
- The other 33 regions deliver nothing: *geen gegevens*.

Cohort 2026 is immature on 30 June 2026 (its last starts are younger than six months); cohort
2025 is mature from 30 June 2026 on, so it is the outflow cohort held against the goal.
"""

import dataclasses
import datetime as dt
import json

import pandas as pd
import plotly.graph_objects as go
import pytest
from dash import Patch, no_update
from plotly.utils import PlotlyJSONEncoder

from callbacks.national import (
    region_link,
    state_to_url,
    sync_year,
    update_map,
    update_national,
    update_ranking,
    update_trend,
)
from dashboard.auth.viewer import Viewer
from dashboard.data.cohorts import funnel_by_organisation
from dashboard.data.progress import REGION_COLUMNS
from dashboard.infra.runtime import EXTENSION
from dashboard.reports.national import year_before
from dashboard.rules.region_metrics import outflow_cohort, region_metrics
from geodata.boundaries import BoundaryError, load_boundaries
from layouts import ids
from layouts.controls import NO_REGION, region_select
from layouts.figures.maps import IMMATURE, map_summary, map_values
from layouts.figures.ranking import ranking_figure
from layouts.metric_specs import METRICS
from tests.conftest import PEILDATUM
from tests.helpers import dutch_words, load, signed_in_client, trajectory, viewing_as
from tests.test_callbacks import text_of

PACE = 181 / 365


def days(year: int, count: int, last: dt.date) -> list[str]:
    """``count`` start dates spread from 1 January up to ``last``."""
    span = (last - dt.date(year, 1, 1)).days
    return [
        (dt.date(year, 1, 1) + dt.timedelta(days=span * i // max(count - 1, 1))).isoformat()
        for i in range(count)
    ]


def meetings(regio: str, soort: str, *dates: str) -> list[dict[str, str]]:
    return [{"regio": regio, "soort": soort, "datum": d} for d in dates]


@pytest.fixture
def national(app, db):
    """The dataset described at the top of this module."""
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
    north = days(2025, 10, dt.date(2025, 6, 30)) + [
        (dt.date(2025, 7, 5) + dt.timedelta(days=15 * i)).isoformat() for i in range(10)
    ]
    for i, day in enumerate(north):
        extra = {"plaatsingsdatum": day, "duurzaam_datum": "2025-12-01"} if i < 8 else {}
        rows.append(trajectory(f"M{i}", day, regio="AM01", organisatie="GGZ Noord", **extra))
    load(db, "trajecten", rows, today=PEILDATUM)
    held = meetings("AM09", "leerbijeenkomst", "2025-02-01", "2025-05-01", "2025-10-01", "2026-03-01")
    held += meetings("AM09", "casusbespreking", "2025-01-15", "2025-04-15", "2025-07-15", "2025-10-15")
    held += meetings("AM09", "casusbespreking", *(f"2026-0{m}-15" for m in range(1, 6)))
    held += meetings("AM01", "casusbespreking", "2025-09-01", "2026-03-10", "2026-06-10")
    held += meetings("AM01", "leerbijeenkomst", "2026-02-01", "2026-05-01")
    load(db, "bijeenkomsten", held, today=PEILDATUM)
    targets = [
        {"regio": "AM01", "jaar": "2026", "trajecten": "80", "duurzaam_pct": "30"}
        | {"leerbijeenkomsten": "2", "casusbesprekingen": "6"},
        {"regio": "AM01", "jaar": "2025", "trajecten": "100", "duurzaam_pct": "75"}
        | {"leerbijeenkomsten": "3", "casusbesprekingen": "10"},
    ]
    load(db, "doelen", targets, today=PEILDATUM)
    return app


def run(app, fn, *args):
    with app.server.app_context():
        return fn(*args)


def trace_points(figure: go.Figure) -> dict[str, list]:
    trace = figure.data[0]
    return {row[0]: row for row in trace.customdata}


def tile_text(tiles, tile_id: str) -> str:
    return text_of(next(t.children for t in tiles if t.children.id == tile_id))


def test_tiles_compare_with_the_same_date_last_year(national):
    tiles, heading, _verdict = run(national, update_national, "2026", "2026-06-30")
    text = text_of(tiles)
    assert heading == "Voortgang 2026 · cijfers t/m 30 juni 2026 · voorlopig"
    assert "Trajecten gestart 90 van 3.480" in text  # 34 × 100 + Groningen's own 80
    # Pace 3.480 × 181/365 = 1.725,7; 90 is far behind it.
    assert "Trajecten gestart 90 van 3.480 (jaardoel) ver achter" in text
    assert "Toelichting Tempo: 1.726 verwacht op deze datum" in text
    assert "Vorig jaar op deze datum: 30 (+60)" in text  # 20 + 10 started by 30 June 2025
    assert "Regio's op koers 1 van 35" in text  # AM01: 60 ≥ 80 × 0.4959 = 39.7; AM09: 30 < 49.6
    assert "Leerbijeenkomsten 3 van 104" in text and "Vorig jaar op deze datum: 2 (+1)" in text
    assert "Casusbesprekingen 7 van 346" in text and "Vorig jaar op deze datum: 2 (+5)" in text


def test_projection_is_linear_with_its_range(national):
    tiles, _heading, _verdict = run(national, update_national, "2026", "2026-06-30")
    # 90 / 0.49589 = 181.5; range (90 ∓ 1.96 × √90) / 0.49589 = 144.0 … 219.0
    assert "Prognose jaareinde: 181 (bandbreedte 144–219)" in tile_text(tiles, "tile-trajecten")
    past, _heading, _verdict = run(national, update_national, "2025", "2026-06-30")
    # A finished year needs no estimate: the count is final.
    assert "Prognose jaareinde: 60 (bandbreedte 60–60)" in tile_text(past, "tile-trajecten")


def test_outflow_tile_holds_the_latest_mature_cohort_against_the_goal(national):
    tiles, _heading, _verdict = run(national, update_national, "2026", "2026-06-30")
    text = tile_text(tiles, "tile-duurzaam")
    # Headline: cohort 2025, 8 of 60 = 13 %, against 2025's volume-weighted goal
    # (34 × 100 × 40 % + 100 × 75 %) / 3.500 = 41 %.
    # In view: the figure, its goal and the report's status; the cohorts under the explanation.
    assert text.startswith("Duurzame uitstroom 13 % doel 41 % onder doel Toelichting")
    assert "Cohort 2025 (laatste uitontwikkelde): 8 van 60 duurzaam aan het werk" in text
    # Cohort 2026 (6 of 90 = 7 %) only as a flagged secondary figure, never next to the goal.
    assert "nog niet uitontwikkeld Cohort 2026: 7 % (6 van 90), nog niet met het doel te vergelijken" in text
    assert "cohort uitontwikkeld" not in text
    # A year earlier the latest mature cohort was 2024, without trajectories: nothing to compare.
    assert "Vorig jaar" not in text
    mature, _heading, _verdict = run(national, update_national, "2025", "2026-06-30")
    text = tile_text(mature, "tile-duurzaam")
    assert text.startswith("Duurzame uitstroom 13 % doel 41 % onder doel")
    assert "Toelichting Cohort 2025: 8 van 60 duurzaam aan het werk" in text
    shown = text.split("Wat betekent dit?")[0]  # the definition names the flag; the figures must not
    assert "cohort uitontwikkeld" in shown and "nog niet uitontwikkeld" not in shown


def test_peildatum_control_moves_every_figure(national):
    tiles, heading, _verdict = run(national, update_national, "2026", "2026-03-31")
    assert heading == "Voortgang 2026 · cijfers t/m 31 maart 2026 · voorlopig"
    assert "Trajecten gestart 45 van 3.480" in text_of(tiles)  # half of each region's starts
    tiles, heading, _verdict = run(
        national, update_national, "2026", "2030-01-01"
    )  # beyond the data: clamped
    assert heading.endswith("30 juni 2026 · voorlopig")


# Per metric and year: (value, class) of Achterhoek and Groningen, hand-computed (see the top).
MAP_CASES = [
    ("2026", "gestart", ("30", 2), ("60", 3)),
    ("2025", "gestart", ("40", 2), ("20", 1)),
    ("2026", "doel", ("30 %", 2), ("75 %", 4)),  # 60 of Groningen's own 80
    ("2025", "doel", ("40 %", 2), ("20 %", 1)),
    ("2026", "tempo", ("60 %", 1), ("151 %", 4)),  # 30 / 49.59; 60 / 39.67
    ("2025", "tempo", ("40 %", 1), ("20 %", 1)),  # a past year's pace is the whole target
    ("2026", "duurzaam", ("0 %", 1), ("40 %", 4)),  # cohort 2025 stands in for immature 2026
    ("2025", "duurzaam", ("0 %", 1), ("40 %", 4)),
    ("2026", "leer", ("1", 2), ("2", 3)),
    ("2025", "leer", ("3", 4), ("0", 1)),
    ("2026", "casus", ("5", 2), ("2", 1)),
    ("2025", "casus", ("4", 2), ("1", 1)),
]


@pytest.mark.parametrize(("year", "metric", "am09", "am01"), MAP_CASES)
def test_map_values_per_metric_and_year(national, year, metric, am09, am01):
    figure, _note, _summary = run(national, update_map, metric, "tegel", year, "2026-06-30", None)
    assert isinstance(figure, go.Figure)
    points = trace_points(figure)
    classes = dict(zip([p[0] for p in figure.data[0].customdata], figure.data[0].marker.color, strict=True))
    assert (points["AM09"][2], classes["AM09"]) == am09
    assert (points["AM01"][2], classes["AM01"]) == am01
    assert points["AM02"][2] == "geen gegevens" and classes["AM02"] == 0
    # The tile prints the short value under the abbreviation.
    assert points["AM09"][5] == am09[0] and points["AM02"][5] == "–"
    assert figure.data[0].texttemplate == "<b>%{text}</b><br>%{customdata[5]}"


@pytest.mark.parametrize(
    ("year", "metric", "am09", "am01"),
    [
        # Status against each region's own target and pace (2026: 181/365 of it).
        ("2026", "gestart", "ver achter", "op koers"),  # 30 of 49.6; 60 of 39.7
        ("2026", "leer", "ver achter", "op koers"),  # 1 of 1.49; 2 of 0.99
        ("2026", "casus", "op koers", "ver achter"),  # 5 of 4.96; 2 of 2.98
        ("2025", "leer", "op koers", "ver achter"),  # 3 of 3; 0 of 3
        ("2025", "casus", "ver achter", "ver achter"),  # 4 of 10; 1 of 10
        # Outflow against the cohort year's goal: Groningen's 40 % is below its own 75 %.
        ("2026", "duurzaam", "onder doel", "onder doel"),
    ],
)
def test_map_status_uses_each_regions_own_targets(national, year, metric, am09, am01):
    figure, _note, _summary = run(national, update_map, metric, "tegel", year, "2026-06-30", None)
    points = trace_points(figure)
    assert (points["AM09"][4], points["AM01"][4]) == (am09, am01)
    assert points["AM02"][4] == "geen gegevens"


def test_map_hover_says_value_against_goal_in_words(national):
    figure, _note, _summary = run(national, update_map, "leer", "tegel", "2026", "2026-06-30", None)
    points = trace_points(figure)
    assert points["AM01"][3] == "2 van 2 leerbijeenkomsten gehouden, 1,0 verwacht op deze datum"
    assert points["AM02"][3] == "jaardoel 3 leerbijeenkomsten"
    figure, _note, _summary = run(national, update_map, "duurzaam", "tegel", "2026", "2026-06-30", None)
    assert trace_points(figure)["AM01"][3] == "8 van 20 duurzaam aan het werk; doel 75 %"
    title = figure.data[0].marker.colorbar.title.text
    assert title == "Duurzame uitstroom %<br>cohort 2025 (laatste uitontwikkelde)"
    figure, _note, _summary = run(national, update_map, "duurzaam", "tegel", "2025", "2026-06-30", None)
    assert figure.data[0].marker.colorbar.title.text == "Duurzame uitstroom %<br>cohort 2025"


@pytest.mark.parametrize(
    ("metric", "summary"),
    [
        (
            "doel",
            "Achterhoek staat het verst achter: 30 van 100 trajecten gestart, 50 verwacht op deze datum; "
            "1 van de 35 regio's op koers, 33 zonder gegevens.",
        ),
        (
            "casus",
            "Groningen staat het verst achter: 2 van 6 casusbesprekingen gehouden, 3,0 verwacht op deze "
            "datum; 1 van de 35 regio's op koers, 33 zonder gegevens.",
        ),
        (
            "duurzaam",
            "Achterhoek staat in cohort 2025 het verst achter: 0 van 40 duurzaam aan het werk; "
            "doel 40 %; 0 van de 35 regio's op of boven doel, 33 zonder gegevens "
            "(cohort 2026 is nog niet uitontwikkeld).",
        ),
    ],
)
def test_map_summary_names_the_region_furthest_behind(national, metric, summary):
    _figure, _note, text = run(national, update_map, metric, "tegel", "2026", "2026-06-30", None)
    assert text == summary


@pytest.mark.zuiver
def test_map_summary_names_ties_and_agrees_with_the_ranking():
    regions = pd.DataFrame(
        [
            ["AM01", "Groningen", "Groningen", 100, 40.0, 3, 10, 5, 0, 0, 4, True, True],
            ["AM09", "Achterhoek", "Gelderland", 100, 40.0, 3, 10, 5, 0, 0, 2, True, True],
        ],
        columns=REGION_COLUMNS,
    )
    frame = region_metrics(regions, 2025, dt.date(2026, 6, 30))
    assert map_summary(frame, METRICS["leer"]) == (
        "Achterhoek en 1 andere regio staan het verst achter: 0 van 3 leerbijeenkomsten gehouden, "
        "3,0 verwacht op deze datum; 0 van de 2 regio's op koers."
    )
    assert list(ranking_figure(frame, METRICS["leer"], None).data[0].y)[-1] == "Achterhoek"


@pytest.mark.zuiver
def test_without_any_mature_cohort_outflow_is_neutral_and_flagged():
    regions = pd.DataFrame(
        [["AM09", "Achterhoek", "Gelderland", 100, 40.0, 3, 10, 10, 2, 0, 0, True, False]],
        columns=REGION_COLUMNS,
    )
    day = dt.date(2021, 3, 31)
    cohort = outflow_cohort(2021, day)
    assert not cohort.mature
    frame = region_metrics(regions, 2021, day)
    values = map_values(frame, METRICS["duurzaam"], cohort)
    # 2 of 10 is shown, but in one neutral class and not as "onder doel" (the goal is 40 %).
    assert values.classes == [1] and values.palette[1] == IMMATURE
    assert values.customdata[0][2] == "20 %" and values.customdata[0][4] == "nog niet uitontwikkeld"
    assert values.ticktext == ["geen gegevens", "nog niet uitontwikkeld"]
    figure = ranking_figure(frame, METRICS["duurzaam"], None, cohort)
    assert not figure.layout.shapes and [t.type for t in figure.data] == ["bar", "scatter"]  # bars, values
    assert figure.layout.annotations[0].text == "Geen doellijn: cohort 2021, nog niet uitontwikkeld"
    assert map_summary(frame, METRICS["duurzaam"], cohort).startswith("Cohort 2021 is nog niet uitontwikkeld")


def test_metric_change_sends_values_not_geometry(national):
    geojson = {"type": "FeatureCollection", "features": []}
    runtime = national.server.extensions[EXTENSION]
    national.server.extensions[EXTENSION] = dataclasses.replace(runtime, boundaries=geojson)
    with national.server.app_context():
        full, note, _summary = update_map("doel", "geo", "2026", "2026-06-30", None)
        patch, _note, summary = update_map("gestart", "geo", "2026", "2026-06-30", ids.NATIONAL_METRIC)
    assert isinstance(full, go.Figure) and full.data[0].type == "choropleth" and note is None
    assert isinstance(patch, Patch)
    body = json.dumps(patch.to_plotly_json(), cls=PlotlyJSONEncoder)
    assert "geojson" not in body and "FeatureCollection" not in body
    assert '"Trajecten gestart' in body
    assert summary.startswith("Achterhoek staat het verst achter: 30 van 100 trajecten gestart")


@pytest.fixture
def without_boundaries(national, tmp_path):
    """The national app as it starts when no boundaries of its year exist (none shipped for 1999)."""
    with pytest.raises(BoundaryError) as caught:
        load_boundaries(None, tmp_path, 1999)
    runtime = national.server.extensions[EXTENSION]
    national.server.extensions[EXTENSION] = dataclasses.replace(
        runtime, boundaries=None, boundary_problem=caught.value
    )
    return national


@pytest.mark.parametrize("form", ["geo", "tegel", None])
def test_without_boundaries_every_map_form_says_why(without_boundaries, form):
    figure, note, _summary = run(without_boundaries, update_map, "doel", form, "2026", "2026-06-30", None)
    assert figure.data[0].type == "scatter"
    assert "tegelkaart wordt getoond" in text_of(note)
    assert "geen regiogrenzen van 1999" in text_of(note)


def test_without_boundaries_the_note_speaks_the_page_language(without_boundaries):
    with without_boundaries.server.test_request_context("/?lang=en"):
        _figure, note, _summary = update_map("doel", "geo", "2026", "2026-06-30", None)
    shown = text_of(note)
    assert "No region boundaries of 1999 are available" in shown, shown
    assert not dutch_words(shown), shown


def test_the_shipped_boundaries_draw_the_real_map_by_default(national):
    from layouts.pages import national_page

    with national.server.app_context():
        layout = national_page()
        form = next(c for c in _walk(layout) if getattr(c, "id", None) == ids.NATIONAL_MAP_FORM).value
        figure, note, _summary = update_map("doel", form, "2026", "2026-06-30", None)
    assert form == "geo" and note is None
    assert figure.data[0].type == "choropleth" and len(figure.data[0].locations) == 35


def test_without_boundaries_the_default_view_is_the_tile_map_with_the_note(without_boundaries):
    from layouts.pages import national_page

    national = without_boundaries
    with national.server.app_context():
        layout = national_page()
        form = next(c for c in _walk(layout) if getattr(c, "id", None) == ids.NATIONAL_MAP_FORM).value
        _figure, note, _summary = update_map("doel", form, "2026", "2026-06-30", None)
    assert form == "tegel" and "De geografische kaart is niet beschikbaar" in text_of(note)


def _walk(component):
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            yield from _walk(child)


def test_ranking_orders_highlights_and_draws_intervals(national):
    figure, summary, links = run(national, update_ranking, "gestart", "2026", "2026-06-30", "AM09")
    assert links.children[2].href == "/export/regios.csv?jaar=2026&peildatum=2026-06-30"
    labels = list(figure.data[0].y)
    assert labels[0] == "Groningen" and labels[1] == "▶ Achterhoek"
    assert labels[-1].endswith("(geen gegevens)")
    assert summary == (
        "Rangorde op trajecten gestart: hoogst Groningen (60), laagst Achterhoek (30), van 2 regio's met "
        "gegevens; Achterhoek staat op plaats 2 met 30."
    )
    sustainable, _summary, _links = run(national, update_ranking, "duurzaam", "2025", "2026-06-30", "")
    error = sustainable.data[0].error_x
    assert error.array[0] > 0 and error.arrayminus[0] > 0
    # Wilson 95 % interval of 8 of 20 (Groningen, first): 21.88 % … 61.34 %
    assert 40 + error.array[0] == pytest.approx(61.34, abs=0.01)
    assert 40 - error.arrayminus[0] == pytest.approx(21.88, abs=0.01)


def goal_marks(figure: go.Figure) -> dict[str, float]:
    marks = next(trace for trace in figure.data if trace.type == "scatter" and trace.mode == "markers")
    return {label.removeprefix("▶ "): x for label, x in zip(marks.y, marks.x, strict=True)}


def test_ranking_goal_is_each_regions_own(national):
    # Percent of target: every region should be at 181/365 of its own target, one line for all.
    share, _summary, _links = run(national, update_ranking, "doel", "2026", "2026-06-30", "")
    assert share.layout.shapes[0].x0 == pytest.approx(100 * PACE) and [t.type for t in share.data] == [
        "bar",
        "scatter",
    ]
    # Counts: Groningen's pace follows its own 80, the others' their 100.
    started, _summary, _links = run(national, update_ranking, "gestart", "2026", "2026-06-30", "")
    assert not started.layout.shapes
    marks = goal_marks(started)
    assert marks["Groningen"] == pytest.approx(80 * PACE) and marks["Achterhoek"] == pytest.approx(100 * PACE)
    sessions, _summary, _links = run(national, update_ranking, "leer", "2026", "2026-06-30", "")
    assert goal_marks(sessions)["Groningen"] == 2 and goal_marks(sessions)["Achterhoek"] == 3
    # 2025: Groningen agreed on the default number of sessions, so one line at 3 again.
    sessions, _summary, _links = run(national, update_ranking, "leer", "2025", "2026-06-30", "")
    assert sessions.layout.shapes[0].x0 == 3 and sessions.layout.annotations[0].text == "jaardoel: 3"
    hover = {row[0]: row[2:] for row in sessions.data[0].customdata}
    assert list(hover["AM09"]) == [
        "3 van 3 leerbijeenkomsten gehouden, 3,0 verwacht op deze datum",
        "op koers",
    ]


def test_immature_outflow_ranks_the_latest_mature_cohort(national):
    figure, summary, _links = run(national, update_ranking, "duurzaam", "2026", "2026-06-30", "AM09")
    # Cohort 2025: Groningen 8 of 20 = 40 %, Achterhoek 0 of 40; cohort 2026 would be 0 % and 20 %.
    assert list(figure.data[0].text)[:2] == ["40 %", "0 %"]
    assert goal_marks(figure)["Groningen"] == 75 and goal_marks(figure)["Achterhoek"] == 40
    assert "cohort 2025 (laatste uitontwikkelde)" in figure.layout.annotations[0].text
    assert summary.startswith(
        "Rangorde op duurzame uitstroom %, cohort 2025 (laatste uitontwikkelde): hoogst Groningen"
    )
    assert summary.endswith("Achterhoek staat op plaats 2 met 0 %.")


def test_trend_is_cumulative_per_month_against_the_target(national):
    figure, summary = run(national, update_trend, "2026", "2026-06-30")
    lines = {trace.name: trace for trace in figure.data}
    assert list(lines) == ["2026", "2025", "doel 2026"]
    assert lines["2026"].y[-1] == 90 and list(lines["2026"].x)[-1] == 6
    assert lines["2025"].y[-1] == 60
    assert lines["doel 2026"].y[-1] == 3480
    assert summary == (
        "In 2026 zijn t/m 30 juni 2026 90 trajecten gestart, 1.726 verwacht op tempo naar het jaardoel "
        "van 3.480; in 2025 waren dat er t/m juni 30."
    )
    _figure, past = run(national, update_trend, "2025", "2026-06-30")
    assert past == "In 2025 zijn t/m 31 december 2025 60 trajecten gestart, tegen een jaardoel van 3.500."


@pytest.mark.parametrize(
    ("peildatum", "year", "options_end", "shown"),
    [
        ("2025-05-01", "2026", "2025", "2025"),  # the year follows the peildatum back
        ("2026-05-01", "2024", "2026", no_update),  # an earlier year stays chosen
        ("2025-05-01", "2025", "2025", no_update),
    ],
)
def test_year_choices_follow_the_peildatum(national, peildatum, year, options_end, shown):
    options, value = run(national, sync_year, peildatum, year)
    assert options[0]["value"] == options_end and options[-1]["value"] == "2021"
    assert value == shown


def test_url_reproduces_the_view_and_clicks_open_the_region(national):
    query = run(national, state_to_url, "2025", "2026-06-30", "duurzaam", "tegel", "AM09")
    assert query == "?jaar=2025&peildatum=2026-06-30&maat=duurzaam&kaart=tegel&regio=AM09"
    assert run(national, state_to_url, "abc", "kapot", "onzin", "geo", "XX") == (
        "?jaar=2026&peildatum=2026-06-30&maat=doel&kaart=geo"
    )
    # A click opens the region page in the browser, with the query the map figure carries.
    figure, _note, _summary = run(national, update_map, "doel", "tegel", "2026", "2026-03-31", None)
    assert figure.layout.meta["regionQuery"] == "?jaar=2026&peildatum=2026-03-31"
    assert "table" in figure.layout.meta  # added to what the figure keeps there, not in its place
    # A year change patches the values, and the query with them.
    patch, _note, _summary = run(national, update_map, "doel", "tegel", "2025", None, ids.NATIONAL_YEAR)
    assert isinstance(patch, Patch)
    changed = {tuple(op["location"]): op["params"]["value"] for op in patch.to_plotly_json()["operations"]}
    assert changed[("layout", "meta", "regionQuery")] == "?jaar=2025&peildatum=2026-06-30"


def test_marked_region_gets_a_keyboard_link_to_its_page(national):
    link = run(national, region_link, "AM09", "2025")
    assert (
        link.href == "/regio/AM09?jaar=2025&peildatum=2026-06-30"
        and link.children == "Open regiopagina Achterhoek"
    )
    assert run(national, region_link, "", "2025") is None
    assert run(national, region_link, NO_REGION, "2025") is None
    assert run(national, state_to_url, "2025", "2026-06-30", "doel", "geo", NO_REGION) == (
        "?jaar=2025&peildatum=2026-06-30&maat=doel&kaart=geo"
    )


@pytest.mark.zuiver
def test_region_select_has_no_empty_choice():
    select = region_select(ids.NATIONAL_HIGHLIGHT, None).children[1]
    values = [option["value"] for option in select.options]
    # dbc.Select adds its own hidden "" option; a second one would be the one the browser shows.
    assert "" not in values and values[0] == select.value == NO_REGION and len(values) == 36


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


@pytest.mark.zuiver
def test_year_before_handles_leap_days():
    assert year_before(dt.date(2024, 2, 29)) == dt.date(2023, 2, 28)
    assert year_before(dt.date(2026, 6, 30)) == dt.date(2025, 6, 30)


def test_trend_places_the_running_month_at_the_peildatum(national):
    figure, _summary = run(national, update_trend, "2026", "2026-03-15")
    current = next(trace for trace in figure.data if trace.name == "2026")
    assert list(current.x)[-1] == pytest.approx(2 + 15 / 31)


def test_tiles_can_compare_with_an_earlier_peildatum(national):
    # By 31 March: AM09 15 of its 30 starts (every ~6 days from 1 January), AM01 30 of 60.
    tiles, _heading, _verdict = run(national, update_national, "2026", "2026-06-30", "2026-03-31")
    text = text_of(tiles)
    assert "Op 31 maart 2026: 45 (▲ +45)" in text and "Vorig jaar op deze datum" not in text
    # A date on or after the peildatum is no comparison: back to last year.
    tiles, _heading, _verdict = run(national, update_national, "2026", "2026-06-30", "2026-07-01")
    assert "Vorig jaar op deze datum" in text_of(tiles)
    query = run(national, state_to_url, "2026", "2026-06-30", "doel", "geo", "", "2026-03-31")
    assert query.endswith("&sinds=2026-03-31")


def test_trend_numbers_can_be_downloaded(national):
    from callbacks.national import _trend_with_links

    _figure, _summary, links = run(national, _trend_with_links, "2026", "2026-06-30")
    assert links.children[2].href == "/export/trend.csv?jaar=2026&peildatum=2026-06-30"
    csv = signed_in_client(national).get(links.children[2].href).get_data(as_text=True)
    rows = [line.split(";") for line in csv.lstrip("\ufeff").splitlines()]
    assert rows[0] == ["jaar", "maand", "gestart", "cumulatief", "publicatie"]
    june = next(r for r in rows if r[:2] == ["2026", "6"])
    assert june[3] == "90"  # all of 2026's starts by 30 June, as the tile says
    # Nothing is published in this data: the trend says its figures are provisional.
    assert june[4] == "Voorlopige cijfers t/m 30 juni 2026 (nog niet gepubliceerd)"


def _notices(layout) -> list:
    return [c for c in _walk(layout) if getattr(c, "role", None) == "status"]


def test_a_bad_url_value_is_named_and_the_page_shows_the_default_view(national):
    from layouts.pages import national_page

    with national.server.app_context():
        layout = national_page(peildatum="2026-13-45", regio="XX")
        clean = national_page(jaar="2026", peildatum="2026-06-30")
    (notice,) = _notices(layout)
    assert "De peildatum '2026-13-45' is geen datum" in text_of(notice)
    assert "'XX' is geen arbeidsmarktregio." in text_of(notice)
    values = {c.id: c.value for c in _walk(layout) if getattr(c, "value", None) is not None}
    assert values[ids.NATIONAL_YEAR] == "2026" and values[ids.NATIONAL_PEILDATUM] == "2026-06-30"
    assert values[ids.NATIONAL_HIGHLIGHT] == NO_REGION and values[ids.NATIONAL_METRIC] == "doel"
    # A good address shows no notice, and apart from it the page is the same.
    assert _notices(clean) == []
    layout.children = [c for c in layout.children if c is not notice]
    assert json.dumps(layout, cls=PlotlyJSONEncoder) == json.dumps(clean, cls=PlotlyJSONEncoder)


def test_the_notice_speaks_the_page_language(national):
    from layouts.pages import national_page

    with national.server.test_request_context("/?lang=en"):
        (notice,) = _notices(national_page(peildatum="2026-13-45", maat="onzin"))
    shown = text_of(notice)
    assert "The reference date '2026-13-45' is not a date" in shown
    assert "The measure 'onzin' does not exist" in shown and not dutch_words(shown), shown


def test_the_regions_and_meetings_pages_name_a_bad_year(national):
    from layouts.pages import meetings_page, regions_page

    with national.server.app_context():
        regions = regions_page(jaar="1999", zoek="gron")
        cadence = meetings_page(jaar="abc")
        assert _notices(regions_page(jaar="2025")) == _notices(meetings_page()) == []
    assert "Het jaar '1999' kan niet: kies 2021 t/m 2026; getoond: 2026." in text_of(_notices(regions))
    assert "Het jaar 'abc' kan niet" in text_of(_notices(cadence))
    year = next(c for c in _walk(regions) if getattr(c, "id", None) == ids.REGIONS_YEAR)
    assert year.value == "2026"


def test_the_region_and_organisation_pages_name_a_bad_value(national, db):
    from layouts.pages import organisation_page, region_page

    number = str(int(funnel_by_organisation(db, "AM01", 2026, PEILDATUM)["id"].iloc[0]))
    with viewing_as(national, Viewer("beheerder", "beheer")):
        region = region_page(code="AM09", peildatum="gisteren")
        clean = region_page(code="AM09", jaar="2026", peildatum="2026-06-30")
        organisation = organisation_page(code="AM01", org=number, jaar="20x6")
    assert "De peildatum 'gisteren' is geen datum" in text_of(_notices(region))
    assert _notices(clean) == []
    assert "Het jaar '20x6' kan niet" in text_of(_notices(organisation))
