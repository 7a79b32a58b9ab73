"""The four goal gauges of a region, each with its status in words and icon beside the dial."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import dcc, html

from dashboard import metrics
from dashboard.data.national import NationalSummary
from layouts import format as fmt
from layouts.a11y import aria
from layouts.figures.theme import base_layout
from layouts.status import status_badge

BAR = "#154273"
PACE = "#1a1a1a"
BAND = "#dbe4ee"
STATIC: Any = {"staticPlot": True, "displayModeBar": False}


@dataclass(frozen=True)
class CohortOutflow:
    """Sustainable outflow of one start cohort at the peildatum."""

    year: int
    started: int
    sustainable: int
    mature: bool

    @property
    def pct(self) -> float | None:
        """Sustainable outflow as a percentage, None without trajectories."""
        return 100 * self.sustainable / self.started if self.started else None


def dial(
    value: float, axis_max: float, marker: float, band: tuple[float, float] | None, suffix: str
) -> go.Figure:
    """A half-circle gauge: the bar is the value, the black line the marker (pace or goal).

    Args:
        value: what was reached.
        axis_max: the end of the scale (at least the goal).
        marker: where the value should be now (pace) or the goal for a percentage.
        band: a shaded range on the scale (the projection's range), or None.
        suffix: unit after the number (" %" for percentages).
    """
    steps = [{"range": list(band), "color": BAND}] if band else []
    figure = go.Figure(
        go.Indicator(
            mode="gauge+number",
            value=value,
            number={"suffix": suffix, "valueformat": ",.0f", "font": {"size": 30}},
            gauge={
                "shape": "angular",
                "axis": {"range": [0, axis_max], "tickformat": ",.0f"},
                "bar": {"color": BAR, "thickness": 0.35},
                "steps": steps,
                "threshold": {"line": {"color": PACE, "width": 4}, "thickness": 0.9, "value": marker},
            },
        ),
        layout=base_layout(height=170, margin={"l": 35, "r": 40, "t": 15, "b": 5}),
    )
    return figure


def _card(title: str, figure: go.Figure | None, value: str, lines: list[Any], card_id: str) -> dbc.Col:
    graph = (
        # The dial repeats the numbers in the text below it, so screen readers skip it.
        html.Div(dcc.Graph(figure=figure, config=STATIC), **aria(hidden="true"))
        if figure is not None
        else None
    )
    body = dbc.Card(
        dbc.CardBody(
            [
                html.H3(title, className="h6 text-body-secondary mb-0"),
                graph,
                html.P(value, className="kpi-value mb-1 fs-4"),
                *[html.P(line, className="mb-1 small") for line in lines if line],
            ]
        ),
        className="h-100 kpi-tile",
        id=card_id,
    )
    return dbc.Col(body, xs=12, md=6, xl=3)


def _last_year(now: float | None, before: float | None, percent: bool = False) -> str:
    if now is None or before is None:
        return ""
    shown = fmt.percentage(before) if percent else fmt.number(before)
    return f"Vorig jaar op deze datum: {shown}"


def starts_gauge(summary: NationalSummary, previous: NationalSummary | None) -> dbc.Col:
    """Trajectories started against the year target, with the pace marker and the projection."""
    title = "Trajecten gestart"
    if not summary.delivered:
        empty = [
            f"jaardoel {fmt.number(summary.target_started)}",
            status_badge(metrics.PaceStatus.GEEN_GEGEVENS),
        ]
        return _card(title, None, "geen gegevens", empty, "gauge-trajecten")
    proj = summary.projection
    band = (proj.low, proj.high) if proj is not None else None
    top = max(summary.target_started, summary.started, band[1] if band else 0) * 1.05
    figure = dial(summary.started, top, summary.expected_started, band, "")
    lines: list[Any] = [
        f"van {fmt.number(summary.target_started)} (jaardoel)",
        html.Span(
            [f"Tempo: {fmt.number(summary.expected_started)} verwacht · ", status_badge(summary.status)]
        ),
        f"Prognose jaareinde: {fmt.number(proj.estimate)} (bandbreedte {fmt.number(proj.low)}–"
        f"{fmt.number(proj.high)}, grijs)"
        if proj is not None
        else "",
        _last_year(summary.started, previous.started if previous and previous.delivered else None),
    ]
    return _card(
        title,
        figure,
        f"{fmt.number(summary.started)} van {fmt.number(summary.target_started)}",
        lines,
        "gauge-trajecten",
    )


def outflow_gauge(outflow: CohortOutflow, goal: float) -> dbc.Col:
    """Sustainable outflow of the chosen cohort against the goal, flagged while immature."""
    title = f"Duurzame uitstroom, cohort {outflow.year}"
    if outflow.pct is None:
        return _card(title, None, "geen gegevens", [f"doel {fmt.percentage(goal)}"], "gauge-duurzaam")
    figure = dial(outflow.pct, 100, goal, None, " %")
    maturity = (
        html.Span(
            [html.I(className="bi bi-hourglass-split me-1", **aria(hidden="true")), "nog niet uitontwikkeld"],
            className="badge text-bg-light border",
        )
        if not outflow.mature
        else status_badge(metrics.PaceStatus.OP_KOERS if outflow.pct >= goal else metrics.PaceStatus.ACHTER)
    )
    lines = [
        f"doel {fmt.percentage(goal)} (zwarte streep)",
        f"{fmt.number(outflow.sustainable)} van {fmt.number(outflow.started)} duurzaam aan het werk",
        maturity,
    ]
    return _card(title, figure, fmt.percentage(outflow.pct), lines, "gauge-duurzaam")


def meeting_gauge(
    title: str,
    held: int | None,
    target: int,
    year: int,
    peildatum: dt.date,
    card_id: str,
    before: int | None = None,
    extra: Any = None,
) -> dbc.Col:
    """Meetings held against the year target, with the pace marker."""
    if held is None:
        lines = [f"jaardoel {fmt.number(target)}", status_badge(metrics.PaceStatus.GEEN_GEGEVENS), extra]
        return _card(title, None, "geen gegevens", lines, card_id)
    expected = metrics.expected_by(target, year, peildatum)
    figure = dial(held, max(target, held) * 1.05 or 1, expected, None, "")
    lines = [
        f"van {fmt.number(target)} (jaardoel)",
        html.Span(
            [
                f"Tempo: {fmt.number(expected, 1)} verwacht · ",
                status_badge(metrics.pace_status(held, expected)),
            ]
        ),
        extra,
        _last_year(held, before),
    ]
    return _card(title, figure, f"{fmt.number(held)} van {fmt.number(target)}", lines, card_id)


def overdue_flag(last_case: dt.date | None, peildatum: dt.date, overdue: bool) -> html.Span:
    """*Achterstallig* with icon when the last case discussion is too long ago, else its date."""
    since = f"laatste: {fmt.date(last_case)}" if last_case else "nog geen casusbespreking"
    if not overdue:
        return html.Span(since)
    return html.Span(
        [
            html.I(className="bi bi-alarm-fill me-1", **aria(hidden="true")),
            html.Strong("achterstallig"),
            f" ({since}; meer dan 45 dagen vóór {fmt.date(peildatum)})",
        ],
        className="status status-ver-achter text-wrap",
    )
