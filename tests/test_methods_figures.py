"""Pure figure builders of *Methoden en financiering* and the readable trend (hand-made frames)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard.rules import domain
from dashboard.rules.region_metrics import OutflowCohort
from geodata import region_refs
from layouts.figures.methods import (
    grid_note,
    grid_summary,
    methods_figure,
    methods_grid_figure,
    methods_summary,
)
from layouts.figures.theme import PHONE, PRINT, SCREEN, on_screen
from layouts.figures.trend import GOAL_COLOUR, trend_figure

pytestmark = pytest.mark.zuiver

COHORT = OutflowCohort(2025, 2026, True)


def by_method() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "methode": list(domain.METHODS),
            "gestart": [60, 30, 10, 0],
            "cohort_gestart": [50, 20, 0, 0],
            "duurzaam": [20, 5, 0, 0],
            "duurzaam_pct": [40.0, 25.0, None, None],
        }
    )


def by_funding() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "financiering": [*domain.FUNDING_STREAMS],
            "gestart": [50, 30, 10, 10, 0],
            "cohort_gestart": [40, 30, 0, 0, 0],
            "duurzaam": [10, 15, 0, 0, 0],
            "duurzaam_pct": [25.0, 50.0, None, None, None],
        }
    )


def regions() -> pd.DataFrame:
    rows = []
    for index, ref in enumerate(region_refs()):
        for method in domain.METHODS:
            started = (index % 3) * 10 if method == "IPS" else (5 if method == "WaBZ" else 0)
            cohort = 10 if method == "IPS" else 0
            rows.append(
                (ref.code, ref.naam, method, started, cohort, 3 if cohort else 0, 30.0 if cohort else None)
            )
    return pd.DataFrame(
        rows, columns=["code", "regio", "methode", "gestart", "cohort_gestart", "duurzaam", "duurzaam_pct"]
    )


def test_methods_figure_has_starts_and_outflow_panels_named_with_their_cohort():
    figure = methods_figure(by_method(), by_funding(), 2026, COHORT)
    assert len(figure.data) == 4
    starts, outflow = figure.data[0], figure.data[1]
    assert list(starts.y) == list(domain.METHODS) and list(starts.x) == [60, 30, 10, 0]
    # Percentages of the outflow cohort; a method without cohort starts shows "–", not 0 %.
    assert list(outflow.text) == ["40 %", "25 %", "–", "–"]
    titles = [a.text for a in figure.layout.annotations]
    assert titles[0] == "Gestart in 2026, per methode"
    assert titles[1] == "Duurzame uitstroom per methode, cohort 2025 (laatste uitontwikkelde)"
    table = figure.layout.meta["table"]
    assert table["columns"][1:3] == ["Gestart in 2026", "Gestart, cohort 2025"]
    assert table["rows"][0] == ["Methode: IPS", "60", "50", "20", "40 %"]
    assert table["rows"][-1][0] == "Financiering: Overig" and len(table["rows"]) == 9


def test_methods_figure_without_any_start_says_so():
    empty = by_method().assign(gestart=0, cohort_gestart=0)
    figure = methods_figure(empty, by_funding(), 2026, COHORT)
    assert figure.layout.annotations[0].text == "geen gegevens" and not figure.data


def test_grid_has_one_chart_per_region_on_one_scale():
    figure = methods_grid_figure(regions(), 2026, COHORT)
    assert len(figure.data) == 35
    assert [a.text for a in figure.layout.annotations][:2] == [r.naam for r in region_refs()][:2]
    first = figure.data[0]
    assert list(first.y) == list(domain.METHODS) and list(first.text) == ["30 %", "", "", ""]
    # Every x axis matches one: bars compare across regions by length.
    axes = [figure.layout[name] for name in figure.layout if name.startswith("xaxis")]
    assert len(axes) == 35 and len({axis.matches for axis in axes if axis.matches}) == 1
    assert axes[0].range[1] == pytest.approx(20 * 1.45)
    table = figure.layout.meta["table"]
    assert len(table["rows"]) == 35 and table["columns"][1:3] == [
        "IPS: gestart in 2026",
        "IPS: duurzaam, cohort 2025",
    ]
    assert (
        figure.layout.height == 7 * 130 + 40
        and methods_grid_figure(regions(), 2026, COHORT, PRINT).layout.height == 600
    )


def test_on_a_phone_panels_stand_under_each_other_and_the_grid_has_two_columns():
    assert on_screen(True) is PHONE and on_screen(None) is SCREEN and on_screen(False) is SCREEN
    wide = methods_figure(by_method(), by_funding(), 2026, COHORT)
    phone = methods_figure(by_method(), by_funding(), 2026, COHORT, PHONE)
    # Same bars in the same order; side by side on screen, one column on a phone.
    assert [list(t.x) for t in phone.data] == [list(t.x) for t in wide.data]
    assert {t.xaxis for t in phone.data} == {"x", "x2", "x3", "x4"}
    domains = [tuple(phone.layout[f"xaxis{k}"].domain) for k in ("", "2", "3", "4")]
    assert len(set(domains)) == 1 and domains[0] == (0.0, 1.0)
    assert len({tuple(wide.layout[f"xaxis{k}"].domain) for k in ("", "2")}) == 2
    assert all(len(line) <= 30 for a in phone.layout.annotations for line in a.text.split("<br>"))
    grid = methods_grid_figure(regions(), 2026, COHORT, PHONE)
    assert len(grid.data) == 35 and grid.layout.height == 18 * 130 + 40
    assert {round(grid.layout[n].domain[0], 2) for n in grid.layout if n.startswith("xaxis")} == {0.0, 0.51}


def test_on_a_phone_the_trend_names_every_other_month_upright():
    phone = trend_figure(monthly(), 2026, dt.date(2026, 6, 30), 300, medium=PHONE)
    screen = trend_figure(monthly(), 2026, dt.date(2026, 6, 30), 300)
    assert list(phone.layout.xaxis.ticktext)[1:4] == ["jan", "", "mrt"] and phone.layout.xaxis.tickangle == 0
    assert list(screen.layout.xaxis.ticktext)[1:4] == ["jan", "feb", "mrt"]
    # Earlier years can still be clicked on (a phone is a screen), and the hint sits above them.
    assert [t.visible for t in phone.data] == [t.visible for t in screen.data]
    assert phone.layout.legend.title.side == "top" and "<br>" in phone.layout.legend.title.text


def test_sentences_name_both_cohorts():
    assert methods_summary(by_method(), 2026, COHORT) == (
        "In 2026 zijn 100 trajecten gestart, 60 % met IPS. "
        "Duurzame uitstroom van cohort 2025 (laatste uitontwikkelde): 36 % over alle methoden, 40 % met IPS."
    )
    # Regions 0, 3, 6 … start no IPS: WaBZ (5) is their largest method.
    assert (
        grid_summary(regions(), 2026)
        == "Grootste methode in 2026, per regio: IPS in 23, WaBZ in 12 van de 35 regio's."
    )
    assert "gestart in 2026" in grid_note(2026, COHORT) and "cohort 2025" in grid_note(2026, COHORT)


def monthly() -> pd.DataFrame:
    rows = [(year, month, 10 + year - 2023) for year in range(2023, 2027) for month in range(1, 13)]
    return pd.DataFrame(rows, columns=["jaar", "maand", "gestart"])


def test_trend_draws_this_year_bold_last_year_as_comparison_and_earlier_years_on_request():
    figure = trend_figure(monthly(), 2026, dt.date(2026, 6, 30), 300)
    lines = {trace.name: trace for trace in figure.data}
    assert list(lines) == ["2026", "2025", "2024", "2023", "doel 2026"]
    assert lines["2026"].line.width > lines["2025"].line.width > lines["2024"].line.width
    assert lines["2026"].visible is True and lines["2025"].visible is True
    assert lines["2024"].visible == "legendonly" and lines["2023"].visible == "legendonly"
    assert lines["2024"].line.dash != lines["2023"].line.dash
    # The goal is no year: its own colour, out of the legend, and named at its end.
    goal = lines["doel 2026"]
    assert goal.showlegend is False and goal.line.color == GOAL_COLOUR
    assert goal.line.color not in {trace.line.color for trace in figure.data if trace is not goal}
    label = figure.layout.annotations[-1]
    assert (label.text, label.x, label.y, label.xanchor) == ("doel 2026: 300", 12, 300, "left")
    assert figure.layout.legend.title.text.startswith("Klik op een jaar")
    # The hidden years stay in the table: "on request" covers the table too.
    assert figure.layout.meta["table"]["columns"] == ["Maand", "2026", "2025", "2024", "2023", "doel 2026"]


def test_printed_trend_leaves_out_what_nobody_can_click_open():
    figure = trend_figure(monthly(), 2026, dt.date(2026, 6, 30), 300, medium=PRINT)
    assert [trace.name for trace in figure.data] == ["2026", "2025", "doel 2026"]
    assert not figure.layout.legend.title.text
    assert figure.layout.annotations[-1].text == "doel 2026: 300"
    screen = trend_figure(monthly(), 2026, dt.date(2026, 6, 30), None, years=2, medium=SCREEN)
    # Nothing hidden, nothing to click open: no legend title; no goal, no goal label.
    assert not screen.layout.legend.title.text and screen.layout.annotations[-1].text == "2026"
