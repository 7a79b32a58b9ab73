"""Landelijk: the national totals for a year, as KPI tiles with pace and status."""

from __future__ import annotations

import datetime as dt
from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from dashboard import metrics
from dashboard.data.national import NationalSummary
from layouts import format as fmt
from layouts import ids
from layouts.a11y import aria
from layouts.shell import year_select
from layouts.status import status_badge


def page(year: int, last_year: int) -> html.Div:
    """The page skeleton; a callback fills the tiles for the selected year."""
    return html.Div(
        [
            html.H1("Landelijk overzicht", className="h2"),
            html.P(id=ids.NATIONAL_HEADING, className="lead"),
            year_select(ids.NATIONAL_YEAR, year, last_year),
            html.Div(id=ids.NATIONAL_TILES, className="row g-3", **aria(live="polite")),
        ]
    )


def heading(summary: NationalSummary) -> str:
    """E.g. *Voortgang 2026 · cijfers t/m 22 november 2026*."""
    last = metrics.effective_date(summary.year, summary.peildatum)
    return f"Voortgang {summary.year} · cijfers t/m {fmt.date(last)}"


def _tile(title: str, value: str, lines: list[Any], tile_id: str) -> dbc.Col:
    body = dbc.Card(
        dbc.CardBody(
            [
                html.H2(title, className="h6 text-body-secondary mb-1"),
                html.P(value, className="kpi-value mb-1"),
                *[html.P(line, className="mb-1 small") for line in lines],
            ]
        ),
        className="h-100 kpi-tile",
        id=tile_id,
    )
    return dbc.Col(body, xs=12, md=6, xl=True)


def _pace_bar(actual: int, target: int, expected: float, label: str) -> html.Div:
    """Progress toward ``target`` with a marker where the count should be today."""
    share = min(actual / target, 1.0) * 100 if target else 0.0
    marker = min(expected / target, 1.0) * 100 if target else 0.0
    return html.Div(
        [
            # A plain progressbar: dbc.Progress cannot carry the accessible name axe requires.
            html.Div(
                html.Div(className="progress-bar", style={"width": f"{share:.1f}%"}),
                className="progress",
                role="progressbar",
                **aria(label=label, valuenow=str(round(share)), valuemin="0", valuemax="100"),
            ),
            html.Span(
                className="pace-marker",
                style={"left": f"{marker:.1f}%"},
                title="Tempo: verwacht op peildatum",
            ),
        ],
        className="kpi-bar my-2",
    )


def _mature_line(summary: NationalSummary) -> str:
    mature = summary.mature_cohort
    if summary.cohort_mature or mature is None:
        return ""
    return f"Laatste uitontwikkelde cohort ({mature.year}): {fmt.percentage(mature.pct)}"


def tiles(summary: NationalSummary) -> list[dbc.Col]:
    """The five national KPI tiles."""
    started_status = status_badge(summary.status)
    proj = summary.projection
    projection_line = (
        f"Prognose jaareinde: {fmt.number(proj.estimate)} "
        f"(bandbreedte {fmt.number(proj.low)}–{fmt.number(proj.high)})"
        if proj is not None
        else "Nog geen prognose"
    )
    expected = summary.expected_started
    started = _tile(
        "Trajecten gestart",
        fmt.number(summary.started),
        [
            f"van {fmt.number(summary.target_started)} (jaardoel)",
            _pace_bar(
                summary.started,
                summary.target_started,
                expected,
                f"{fmt.number(summary.started)} van {fmt.number(summary.target_started)} trajecten gestart",
            ),
            html.Span([f"Tempo: {fmt.number(expected)} verwacht · ", started_status]),
            projection_line,
        ],
        "tile-trajecten",
    )
    maturity = (
        html.Span(
            [
                html.I(className="bi bi-hourglass-split me-1", **aria(hidden="true")),
                "nog niet uitontwikkeld",
            ],
            className="badge text-bg-light border",
        )
        if not summary.cohort_mature
        else "cohort uitontwikkeld"
    )
    sustainable = _tile(
        "Duurzame uitstroom",
        fmt.percentage(summary.sustainable_pct),
        [
            f"doel {fmt.percentage(summary.target_sustainable_pct)}",
            f"Cohort {summary.year}: {fmt.number(summary.sustainable)} van "
            f"{fmt.number(summary.started)} duurzaam aan het werk",
            maturity,
            _mature_line(summary),
        ],
        "tile-duurzaam",
    )
    on_track = _tile(
        "Regio's op koers",
        f"{summary.regions_on_track} van {summary.regions_total}",
        [
            "met het aantal gestarte trajecten",
            f"{summary.regions_without_data} zonder gegevens"
            if summary.regions_without_data
            else "alle regio's leveren",
        ],
        "tile-regios",
    )

    def meeting_tile(title: str, held: int, target: int, tile_id: str) -> dbc.Col:
        status = metrics.pace_status(held, metrics.expected_by(target, summary.year, summary.peildatum))
        return _tile(
            title, fmt.number(held), [f"van {fmt.number(target)} (jaardoel)", status_badge(status)], tile_id
        )

    return [
        started,
        sustainable,
        on_track,
        meeting_tile(
            "Leerbijeenkomsten", summary.learning_sessions, summary.target_learning_sessions, "tile-leer"
        ),
        meeting_tile(
            "Casusbesprekingen", summary.case_discussions, summary.target_case_discussions, "tile-casus"
        ),
    ]


def as_of_text(day: dt.date) -> str:
    """Footer text with the data date."""
    return f"Cijfers t/m {fmt.date(day)}"
