"""*Toon als tabel*: every figure carries a table with the numbers it draws, in the page's language."""

from __future__ import annotations

import datetime as dt
from typing import Any

import orjson
import pandas as pd
import plotly.graph_objects as go
import pytest
from plotly.io.json import to_json_plotly

from dashboard.data.cadence import Gap
from dashboard.data.progress import REGION_COLUMNS
from dashboard.i18n import use_language
from dashboard.rules.region_metrics import region_metrics
from dashboard.text import format as fmt
from geodata import tile_layout
from layouts import figure_table
from layouts.figures.cadence import cadence_figure
from layouts.figures.funnel import funnel_figure
from layouts.figures.funnel_plot import funnel_plot_figure
from layouts.figures.maps import GEO, TILES, geo_map_figure, map_patch, map_values, tile_map_figure
from layouts.figures.ranking import ranking_figure
from layouts.figures.theme import message_figure
from layouts.figures.trend import trend_figure
from layouts.metric_specs import METRICS
from tests.helpers import FUNNEL_COUNTS

pytestmark = pytest.mark.zuiver

PEILDATUM = dt.date(2026, 6, 30)
COUNTS = FUNNEL_COUNTS
EMPTY_GEOJSON: dict[str, Any] = {"type": "FeatureCollection", "features": []}


def table(figure: go.Figure) -> dict[str, Any]:
    """The table the figure carries (as the browser reads it from layout.meta)."""
    return figure.layout.meta["table"]


def has_table(figure: go.Figure) -> bool:
    return isinstance(figure.layout.meta, dict) and "table" in figure.layout.meta


def regions() -> pd.DataFrame:
    """Groningen far above the country, Noord-Holland Noord above the 95 % limit only, two within."""
    return pd.DataFrame(
        [
            ["AM01", "Groningen", "Groningen", 100, 40.0, 3, 10, 60, 30, 3, 5, True, True],
            ["AM02", "Noord-Holland Noord", "Noord-Holland", 100, 40.0, 3, 10, 100, 25, 2, 4, True, True],
            ["AM05", "Twente", "Overijssel", 100, 40.0, 4, 10, 10, 1, 3, 2, True, True],
            ["AM09", "Achterhoek", "Gelderland", 100, 40.0, 3, 10, 2000, 300, 0, 1, True, True],
            ["AM10", "Rivierenland", "Gelderland", 100, 40.0, 3, 10, 0, 0, 0, 0, False, False],
        ],
        columns=REGION_COLUMNS,
    )


def metrics_frame() -> pd.DataFrame:
    return region_metrics(regions(), 2025, PEILDATUM)


@pytest.mark.parametrize("form", [GEO, TILES])
def test_map_table_holds_each_regions_value_colour_class_and_status(form):
    values = map_values(metrics_frame(), METRICS["leer"])
    if form == GEO:
        figure = geo_map_figure(EMPTY_GEOJSON, values)
        classes, colour_bar = figure.data[0].z, figure.data[0].colorbar
    else:
        figure = tile_map_figure(tile_layout(), values)
        classes, colour_bar = figure.data[0].marker.color, figure.data[0].marker.colorbar
    shown = table(figure)
    assert shown["caption"] == "Leerbijeenkomsten"
    assert shown["columns"] == ["Regio", "Leerbijeenkomsten", "Kleurklasse", "Status"]
    # Name, value and status as the hover shows them, the class as the legend names its colour.
    assert shown["rows"] == [
        [data[1], data[2], colour_bar.ticktext[klass], data[4]]
        for data, klass in zip(figure.data[0].customdata, classes, strict=True)
    ]
    assert shown["rows"][0] == ["Groningen", "3", "≥ 3", "op koers"]
    assert shown["rows"][3] == ["Achterhoek", "0", "< 1", "ver achter"]
    assert shown["rows"][4][1:3] == ["geen gegevens", "geen gegevens"]
    # The table does not push out the map's form.
    assert figure.layout.meta["vorm"] == form


def test_a_new_metric_patches_the_map_table_along_with_the_colours():
    frame = metrics_frame()
    operations = map_patch(TILES, map_values(frame, METRICS["gestart"])).to_plotly_json()["operations"]
    patched = {tuple(op["location"]): op["params"]["value"] for op in operations}
    whole = tile_map_figure(tile_layout(), map_values(frame, METRICS["gestart"]))
    assert patched[("layout", "meta", "table")] == table(whole)
    assert patched[("layout", "meta", "table")]["columns"][1] == "Trajecten gestart"


def test_ranking_table_follows_the_bars_with_interval_and_shared_goal():
    spec = METRICS["duurzaam"]
    figure = ranking_figure(metrics_frame(), spec, "AM09")
    bar = figure.data[0]
    shown = table(figure)
    assert shown["columns"] == ["Regio", "Duurzame uitstroom %", "95 %-interval", "doel"]
    # Best first, as the bars; the value as printed beside each bar.
    assert [row[0] for row in shown["rows"]] == [
        "Groningen",
        "Noord-Holland Noord",
        "Achterhoek",
        "Twente",
        "Rivierenland",
    ]
    for row, label, text, value, plus, minus in zip(
        shown["rows"], bar.y, bar.text, bar.x, bar.error_x.array, bar.error_x.arrayminus, strict=True
    ):
        assert row[0] in label
        if text:
            assert row[1] == text
            assert row[2] == f"{fmt.percentage(value - minus)} tot {fmt.percentage(value + plus)}"
        else:
            assert row[1:3] == ["geen gegevens", "–"]
    # One shared goal: one dashed line, the same goal in every row.
    assert figure.layout.shapes[0].x0 == 40.0
    assert {row[3] for row in shown["rows"]} == {"40 %"}
    assert shown["rows"][0][:2] == ["Groningen", "50 %"]


def test_ranking_table_has_each_regions_own_goal_where_goals_differ():
    spec = METRICS["leer"]
    figure = ranking_figure(metrics_frame(), spec, None)
    bar, _values, goals = figure.data
    shown = table(figure)
    assert shown["columns"] == ["Regio", "Leerbijeenkomsten", "jaardoel"]
    assert [row[2] for row in shown["rows"]] == [spec.format(goal) for goal in goals.x]
    assert [row[1] for row in shown["rows"]] == [text or "geen gegevens" for text in bar.text]
    assert ["Twente", "3", "4"] in shown["rows"]


def monthly() -> pd.DataFrame:
    return pd.DataFrame(
        [(2025, 1, 10), (2025, 3, 5), (2025, 11, 1234), (2026, 2, 7), (2026, 6, 3)],
        columns=["jaar", "maand", "gestart"],
    )


def test_trend_table_has_a_row_per_month_and_a_column_per_line():
    figure = trend_figure(monthly(), 2026, dt.date(2026, 6, 15), 120, years=2)
    shown = table(figure)
    assert shown["columns"] == ["Maand", "2026", "2025", "doel 2026"]
    assert shown["caption"].endswith("(2026 t/m 15 juni)")
    assert [row[0] for row in shown["rows"]] == [fmt.month_name(m) for m in range(1, 13)]
    # Each year: the line's points after its start at 0, one per month it reaches.
    current, last, goal = figure.data
    assert [row[1] for row in shown["rows"][:6]] == [fmt.number(y) for y in current.y[1:]]
    assert [row[1] for row in shown["rows"][6:]] == ["–"] * 6
    assert [row[2] for row in shown["rows"]] == [fmt.number(y) for y in last.y[1:]]
    assert shown["rows"][10][2] == "1.249"
    # The goal line runs from 0 to the target in twelve months.
    assert goal.y[-1] == 120 and [row[3] for row in shown["rows"]] == [
        fmt.number(10 * m) for m in range(1, 13)
    ]


def test_trend_without_target_or_data():
    organisation = trend_figure(monthly(), 2026, PEILDATUM, None, years=2)
    assert table(organisation)["columns"] == ["Maand", "2026", "2025"]
    nothing = trend_figure(monthly().iloc[0:0], 2026, PEILDATUM, None, years=2)
    assert nothing.data == () and not has_table(nothing)


def test_funnel_table_has_steps_with_counts_and_shares():
    figure = funnel_figure(COUNTS, "Achterhoek, startcohort 2025")
    steps, beside = figure.data
    shown = table(figure)
    assert shown["caption"] == "Achterhoek, startcohort 2025"
    assert shown["columns"] == ["Stap", "Trajecten", "% van vorige stap"]
    assert [row[0] for row in shown["rows"]] == [*steps.y, *beside.y]
    assert [row[1] for row in shown["rows"]] == [fmt.number(x) for x in [*steps.x, *beside.x]]
    assert shown["rows"][2] == ["Geplaatst (betaald werk)", "600", "49 %"]
    assert shown["rows"][0][2] == shown["rows"][1][2] == "–"  # referred -> started is no conversion


def test_a_suppressed_funnel_step_shows_its_marker_in_the_table():
    counts = {
        "aangemeld": 12,
        "gestart": 10,
        "geplaatst": "<5",
        "duurzaam": "x",
        "lopend": "<5",
        "uitgevallen": 6,
    }
    figure = funnel_figure(counts, "GGZ A, startcohort 2026")
    steps, beside = figure.data
    rows = table(figure)["rows"]
    assert list(steps.x)[2:] == [0, 0] and list(steps.text)[2:] == ["<5", "x"]
    assert [row[1] for row in rows] == ["12", "10", "<5", "x", "<5", "6"]
    assert rows[3] == ["Duurzaam aan het werk", "x", "–"]
    assert not has_table(funnel_figure(None, "x"))
    assert not has_table(message_figure("geen gegevens"))


def test_funnel_plot_table_has_each_marker_and_where_it_lies_against_the_limits():
    figure = funnel_plot_figure(regions(), "AM09", immature=False)
    shown = table(figure)
    assert shown["caption"] == "Duurzame uitstroom per regio; landelijk 16 %, doel 40 %"
    assert shown["columns"][-1] == "Ten opzichte van de grenzen"
    markers = [t for t in figure.data if t.mode == "markers"]
    drawn = {
        data[0]: [fmt.number(x), fmt.percentage(y)]
        for trace in markers
        for data, x, y in zip(trace.customdata, trace.x, trace.y, strict=True)
    }
    assert {row[0]: [row[1], row[3]] for row in shown["rows"]} == drawn  # Rivierenland has no marker
    # National 356 / 2170 = 16.4 %: Groningen (50 % of 60) lies far above, NHN (25 % of 100) only
    # above the 95 % limit (23.7 %), not the 99.8 % limit (27.8 %).
    position = {row[0]: row[4] for row in shown["rows"]}
    assert position == {
        "Groningen": "boven de 99,8 %-grens",
        "Noord-Holland Noord": "boven de 95 %-grens",
        "Twente": "binnen de grenzen",
        "Achterhoek": "binnen de grenzen",
    }
    assert ["Noord-Holland Noord", "100", "25", "25 %"] == shown["rows"][1][:4]
    immature = funnel_plot_figure(regions(), "AM09", immature=True)
    assert table(immature)["caption"].endswith(
        "Cohort nog niet uitontwikkeld: percentages nog niet definitief"
    )


def test_cadence_table_has_one_row_per_meeting_in_date_order():
    meetings = pd.DataFrame(
        {
            "datum": [dt.date(2026, 3, 5), dt.date(2026, 1, 20), dt.date(2026, 2, 1), dt.date(2026, 4, 1)],
            "soort": ["leerbijeenkomst", "casusbespreking", "onbekende soort", "casusbespreking"],
            "deelnemers": pd.array([12, None, 3, 7], dtype="Int64"),
            "onderwerp": ["Jobcoaching", "", "", None],
        }
    )
    gaps = [Gap(dt.date(2026, 4, 1), PEILDATUM, 90, True)]
    figure = cadence_figure(meetings, gaps, 2026, PEILDATUM)
    shown = table(figure)
    assert shown["caption"] == "Bijeenkomsten in 2026; al 90 dagen geen casusbespreking"
    assert shown["columns"] == ["Datum", "Soort", "Deelnemers", "Onderwerp"]
    # A kind the timeline does not draw is not in the table either.
    assert shown["rows"] == [
        ["20 januari 2026", "Casusbespreking", "onbekend", ""],
        ["5 maart 2026", "Leerbijeenkomst", "12", "Jobcoaching"],
        ["1 april 2026", "Casusbespreking", "7", ""],
    ]
    markers = sorted((x, trace.name) for trace in figure.data for x in trace.x)
    assert [(fmt.date(dt.date.fromisoformat(x)), name) for x, name in markers] == [
        (row[0], row[1]) for row in shown["rows"]
    ]


def test_tables_in_english():
    with use_language("en"):
        funnel = funnel_figure(COUNTS, "Achterhoek, start cohort 2025")
        ranking = ranking_figure(metrics_frame(), METRICS["duurzaam"], None)
        trend = trend_figure(monthly(), 2026, dt.date(2026, 6, 15), 120, years=2)
        plot = funnel_plot_figure(regions(), "AM09", immature=False)
        values = map_values(metrics_frame(), METRICS["leer"])
        tiles = tile_map_figure(tile_layout(), values)
    assert table(funnel)["columns"] == ["Step", "Trajectories", "% of previous step"]
    assert table(funnel)["rows"][1] == ["Started", "1,234", "–"]
    assert table(funnel)["rows"][2] == ["Placed (paid work)", "600", "49%"]
    assert table(ranking)["columns"] == ["Region", "Sustainable outflow %", "95% interval", "target"]
    assert table(ranking)["rows"][0][1] == "50%" and " to " in table(ranking)["rows"][0][2]
    assert table(trend)["columns"] == ["Month", "2026", "2025", "target 2026"]
    assert table(trend)["rows"][10][:3] == ["November", "–", "1,249"]
    assert (
        table(trend)["caption"]
        == "Trajectories started per month, cumulative from 1 January (2026 up to 15 June)"
    )
    assert table(plot)["rows"][0][4] == "above the 99.8% limit"
    assert table(plot)["caption"] == "Sustainable outflow per region; national 16%, target 40%"
    assert table(tiles)["columns"] == ["Region", "Learning sessions", "Colour class", "Status"]
    assert table(tiles)["rows"][0][3] == "on track"


def test_the_switch_shows_with_the_first_figure_only_when_it_has_a_table():
    """The page's first layout sets the switch (its script runs only after a change)."""
    drawn = trend_figure(monthly(), 2026, PEILDATUM, None, years=2)
    empty = trend_figure(monthly().iloc[0:0], 2026, PEILDATUM, None, years=2)
    for figure, shown in ((drawn, True), (empty, False)):
        # As built, as a dict, and as the finished JSON of a cached answer.
        for form in (figure, figure.to_dict(), orjson.Fragment(to_json_plotly(figure))):
            assert figure_table.has_table(form) is shown
            switch = figure_table.table_switch("national-trend", form).children[0]
            assert switch.hidden is not shown
    assert figure_table.table_switch("national-trend").children[0].hidden is True
