"""The four goal gauges of a region, each with its status in words and icon beside the dial."""

from __future__ import annotations

import datetime as dt
from typing import Any

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import dcc, html

from dashboard.data.national import NationalSummary
from dashboard.i18n import _, current_language
from dashboard.reports.region import RegionReport
from dashboard.reports.standing import OutflowStanding, Standing
from dashboard.rules import metrics
from dashboard.rules.region_metrics import OUTFLOW_BELOW, OUTFLOW_IMMATURE, OUTFLOW_REACHED
from dashboard.text import format as fmt
from dashboard.text.changes import change_line
from dashboard.text.rounding import exact
from layouts.a11y import aria
from layouts.figures.theme import SCREEN, Medium, base_layout
from layouts.status import STYLE, status_badge

BAR = "#154273"
PACE = "#1a1a1a"
BAND = "#dbe4ee"
STATIC: Any = {"staticPlot": True, "displayModeBar": False}


def static_config() -> Any:
    """``STATIC`` with Plotly's number format of the current language (a copy: constants stay put)."""
    return {**STATIC, "locale": current_language()}


# The outflow words of the report, shown with the icon and colour of the pace words they match.
OUTFLOW_STYLE = {
    OUTFLOW_REACHED: STYLE[metrics.PaceStatus.OP_KOERS],
    OUTFLOW_BELOW: STYLE[metrics.PaceStatus.ACHTER],
}


def dial(
    value: float,
    axis_max: float,
    marker: float,
    band: tuple[float, float] | None,
    suffix: str,
    medium: Medium = SCREEN,
) -> go.Figure:
    """A half-circle gauge: the bar is the value, the black line the marker (pace or goal).

    Args:
        value: what was reached.
        axis_max: the end of the scale (at least the goal).
        marker: where the value should be now (pace) or the goal for a percentage.
        band: a shaded range on the scale (the projection's range), or None.
        suffix: unit after the number (" %" or "%" for percentages, as the language writes it).
        medium: where the dial is read. In a fixed room (a projector screen) it takes that height
            and leaves out its own number: the card says the same number in words beside it.
    """
    room = medium.height is not None
    steps = [{"range": list(band), "color": BAND}] if band else []
    figure = go.Figure(
        go.Indicator(
            mode="gauge" if room else "gauge+number",
            # The browser rounds the dial's number (",.0f"): halves of a positive number go up, as
            # in fmt, once the float noise is gone (28.499999999999996 would show 28, the text 29).
            value=float(exact(value)),
            number={"suffix": suffix, "valueformat": ",.0f", "font": {"size": 30}},
            gauge={
                "shape": "angular",
                "axis": {"range": [0, axis_max], "tickformat": ",.0f"},
                "bar": {"color": BAR, "thickness": 0.35},
                "steps": steps,
                "threshold": {
                    "line": {"color": PACE, "width": medium.line(4)},
                    "thickness": 0.9,
                    "value": marker,
                },
            },
        ),
        layout=base_layout(medium, height=170, margin=_dial_margin(medium)),
    )
    return figure


def _dial_margin(medium: Medium) -> dict[str, int]:
    # Room beside the half circle for the end labels of its scale ("3.000"), which grow with the text.
    return {"l": medium.size(35), "r": medium.size(40), "t": medium.size(15), "b": 5}


def _card(title: str, figure: go.Figure | None, value: str, lines: list[Any], card_id: str) -> dbc.Col:
    graph = (
        # The dial repeats the numbers in the text below it, so screen readers skip it.
        html.Div(dcc.Graph(figure=figure, config=static_config()), **aria(hidden="true"))
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
    return _("Vorig jaar op deze datum: {value}").format(value=shown)


def starts_gauge(
    summary: NationalSummary, previous: NationalSummary | None, since: str = "", medium: Medium = SCREEN
) -> dbc.Col:
    """Trajectories started against the year target, with the pace marker and the projection.

    ``since`` is the line of the change since the comparison day (``dashboard.text.changes``).
    """
    title = _("Trajecten gestart")
    if not summary.delivered:
        empty = [
            _("jaardoel {target}").format(target=fmt.number(summary.target_started)),
            status_badge(metrics.PaceStatus.GEEN_GEGEVENS),
        ]
        return _card(title, None, _("geen gegevens"), empty, "gauge-trajecten")
    proj = summary.projection
    band = (proj.low, proj.high) if proj is not None else None
    top = max(summary.target_started, summary.started, band[1] if band else 0) * 1.05
    figure = dial(summary.started, top, summary.expected_started, band, "", medium)
    lines: list[Any] = [
        _("van {target} (jaardoel)").format(target=fmt.number(summary.target_started)),
        html.Span(
            [
                _("Tempo: {expected} verwacht · ").format(expected=fmt.number(summary.expected_started)),
                status_badge(summary.status),
            ]
        ),
        _("Prognose jaareinde: {estimate} (bandbreedte {low}–{high}, grijs)").format(
            estimate=fmt.number(proj.estimate), low=fmt.number(proj.low), high=fmt.number(proj.high)
        )
        if proj is not None
        else "",
        since,
        _last_year(summary.started, previous.started if previous and previous.delivered else None),
    ]
    # A screen of a show says the goal once, on the line below the number.
    value = (
        fmt.number(summary.started)
        if medium.height is not None
        else _("{value} van {target}").format(
            value=fmt.number(summary.started), target=fmt.number(summary.target_started)
        )
    )
    return _card(title, figure, value, lines, "gauge-trajecten")


def outflow_badge(status: str) -> html.Span:
    """The report's outflow status in words and icon (an hourglass while the cohort is immature)."""
    if status == OUTFLOW_IMMATURE:
        return html.Span(
            [html.I(className="bi bi-hourglass-split me-1", **aria(hidden="true")), _(status)],
            className="badge text-bg-light border",
        )
    if status not in OUTFLOW_STYLE:
        return status_badge(metrics.PaceStatus(status))
    icon, css = OUTFLOW_STYLE[status]
    return html.Span(
        [html.I(className=f"bi {icon} me-1", **aria(hidden="true")), _(status)], className=f"status {css}"
    )


def outflow_gauge(outflow: OutflowStanding, since: str = "", medium: Medium = SCREEN) -> dbc.Col:
    """Sustainable outflow of the chosen cohort against its goal, with the report's status."""
    title = _("Duurzame uitstroom, cohort {year}").format(year=outflow.cohort.year)
    goal = outflow.target_pct if outflow.target_pct is not None else 0.0
    if outflow.pct is None:
        goal_line = _("doel {goal}").format(goal=fmt.percentage(goal))
        return _card(title, None, _("geen gegevens"), [goal_line], "gauge-duurzaam")
    figure = dial(outflow.pct, 100, goal, None, fmt.percent_suffix(), medium)
    lines = [
        _("doel {goal} (zwarte streep)").format(goal=fmt.percentage(goal)),
        _("{sustainable} van {started} duurzaam aan het werk").format(
            sustainable=fmt.number(outflow.sustainable), started=fmt.number(outflow.started)
        ),
        outflow_badge(outflow.status),
        since,
    ]
    return _card(title, figure, fmt.percentage(outflow.pct), lines, "gauge-duurzaam")


def meeting_gauge(
    title: str,
    standing: Standing,
    card_id: str,
    before: int | None = None,
    extra: Any = None,
    since: str = "",
    medium: Medium = SCREEN,
) -> dbc.Col:
    """Meetings held against the year target, with the pace marker and the standing's status."""
    target = int(standing.target or 0)
    if standing.value is None:
        lines = [
            _("jaardoel {target}").format(target=fmt.number(target)),
            status_badge(metrics.PaceStatus.GEEN_GEGEVENS),
            extra,
        ]
        return _card(title, None, _("geen gegevens"), lines, card_id)
    held = int(standing.value)
    expected = standing.expected or 0.0
    figure = dial(held, max(target, held) * 1.05 or 1, expected, None, "", medium)
    lines = [
        _("van {target} (jaardoel)").format(target=fmt.number(target)),
        html.Span(
            [
                _("Tempo: {expected} verwacht · ").format(expected=fmt.number(expected, 1)),
                status_badge(metrics.PaceStatus(standing.status)),
            ]
        ),
        extra,
        since,
        _last_year(held, before),
    ]
    value = _("{value} van {target}").format(value=fmt.number(held), target=fmt.number(target))
    return _card(title, figure, fmt.number(held) if medium.height is not None else value, lines, card_id)


def region_gauges(report: RegionReport, with_changes: bool = True, medium: Medium = SCREEN) -> list[dbc.Col]:
    """The four goal gauges of a region: starts, the cohort's outflow, learning sessions, cases.

    With ``with_changes`` each gauge says what changed since the report's comparison day
    (by default the region's last stuurgroep): arrow, signed difference, then → now.
    ``medium`` is where they are read: a presentation screen gives each dial its room and size.
    """
    summary, previous, standing = report.summary, report.previous, report.standing
    changes, compared = report.changes, report.compared_with

    def since(goal: str) -> str:
        return change_line(changes.goal(goal), compared) if with_changes else ""

    before = previous if previous is not None and previous.meetings_delivered else None
    flag = (
        overdue_flag(report.last_case, report.through, report.overdue) if summary.meetings_delivered else None
    )
    return [
        starts_gauge(summary, previous, since("gestart"), medium),
        outflow_gauge(report.outflow, since("duurzaam"), medium),
        meeting_gauge(
            _("Leerbijeenkomsten"),
            standing.learning,
            "gauge-leer",
            before.learning_sessions if before else None,
            since=since("leer"),
            medium=medium,
        ),
        meeting_gauge(
            _("Casusbesprekingen"),
            standing.cases,
            "gauge-casus",
            before.case_discussions if before else None,
            flag,
            since=since("casus"),
            medium=medium,
        ),
    ]


def overdue_flag(last_case: dt.date | None, peildatum: dt.date, overdue: bool) -> html.Span:
    """*Achterstallig* with icon when the last case discussion is too long ago, else its date."""
    since = (
        _("laatste: {date}").format(date=fmt.date(last_case)) if last_case else _("nog geen casusbespreking")
    )
    if not overdue:
        return html.Span(since)
    return html.Span(
        [
            html.I(className="bi bi-alarm-fill me-1", **aria(hidden="true")),
            html.Strong(_("achterstallig")),
            _(" ({since}; meer dan 45 dagen vóór {date})").format(since=since, date=fmt.date(peildatum)),
        ],
        className="status status-ver-achter text-wrap",
    )
