"""The content of each presentation screen, drawn from the reports at the size of the window."""

from __future__ import annotations

import math
from typing import Any

import plotly.graph_objects as go
from dash import dcc, html

from dashboard.i18n import _, current_language
from dashboard.reports.narrative import Narrative
from dashboard.reports.national import NationalReport
from dashboard.reports.region import RegionReport
from dashboard.reports.standing import RegionStanding, Standing
from dashboard.rules import metrics
from dashboard.text import format as fmt
from dashboard.text.changes import since_phrase, value_mark
from geodata import tile_layout
from layouts import meetings
from layouts.a11y import aria
from layouts.figures.maps import map_summary, map_values, tile_map_figure
from layouts.figures.ranking import ranking_figure, ranking_summary
from layouts.figures.theme import CHAR_WIDTH
from layouts.gauges import region_gauges
from layouts.metric_specs import metric
from layouts.presentation_fit import Window
from layouts.presentation_story import LINES as STORY_LINES
from layouts.presentation_story import shows_story, story_strip
from layouts.status import status_badge
from layouts.tables import table
from layouts.tiles import national_tiles

# The metric of the map and ranking screens: progress toward the year's goal of starts.
SHOW_METRIC = "doel"
# The lines of text a region's goal card holds under its dial (title, number, three facts that
# wrap in a quarter of the screen), and the heading above the cards.
REGION_CARD_LINES = 12


def static_config() -> dcc.Graph.Config:
    """A graph without mode bar, in the page's language (known per request, so not a constant)."""
    return {"displayModeBar": False, "locale": current_language()}


def _graph(figure: go.Figure) -> dcc.Graph:
    return dcc.Graph(figure=figure, config=static_config())


def lines(text: str, window: Window, share: float = 1.0) -> int:
    """About how many lines ``text`` takes in body text across ``share`` of the screen's width."""
    across = (window.width - 2 * window.text) * share
    return max(1, math.ceil(len(text) * window.text * CHAR_WIDTH / across))


def _signed(difference: int) -> str:
    sign = "+" if difference > 0 else ("−" if difference < 0 else "±")
    return sign + fmt.number(abs(difference))


def _head(report: NationalReport) -> str:
    """``Sinds 15 september 2026``, ``Sinds de stuurgroep van …`` or ``Vergeleken met een jaar eerder …``."""
    compared = report.compared_with
    if compared is None or compared.day is None:
        return ""
    phrase = since_phrase(compared)
    return phrase[:1].upper() + phrase[1:]


def starts_since(report: NationalReport) -> str:
    """``Sinds 15 september 2026: +120 trajecten gestart in het land (van 2.100 naar 2.220)``.

    By default the comparison is the last national stuurgroep, or the same date a year earlier.
    Empty without a comparison date, or when there were no figures on that day.
    """
    before, head = report.earlier, _head(report)
    if not head or before is None or not before.delivered or not report.summary.delivered:
        return ""
    now = report.summary.started
    return _("{since}: {difference} trajecten gestart in het land (van {before} naar {now})").format(
        since=head,
        difference=_signed(now - before.started),
        before=fmt.number(before.started),
        now=fmt.number(now),
    )


def meetings_since(report: NationalReport) -> str:
    """``Sinds 15 september 2026: +12 leerbijeenkomsten en +5 casusbesprekingen in het land``."""
    before, now, head = report.earlier, report.summary, _head(report)
    if not head or before is None or not before.meetings_delivered or not now.meetings_delivered:
        return ""
    return _("{since}: {learning} leerbijeenkomsten en {cases} casusbesprekingen in het land").format(
        since=head,
        learning=_signed(now.learning_sessions - before.learning_sessions),
        cases=_signed(now.case_discussions - before.case_discussions),
    )


def map_movers(report: NationalReport, metric_key: str) -> str:
    """``Meeste vooruitgang sinds …: Zuid-Limburg ▲ +12, …; minste: Zeeland ▲ +1, …``.

    The map's change as a sentence beside it: a projector's tile holds only name and value.
    """
    moved = report.movement(metric_key)
    if moved is None:
        return ""
    names = {s.code: s.name for s in report.standings}
    known = [(code, c.difference) for code, c in moved.values.items() if c.difference is not None]
    if len(known) < 2:
        return ""
    # Stable on code order, so equal changes are named the same way every time.
    known.sort(key=lambda item: item[1], reverse=True)
    count = min(3, len(known) // 2)

    def named(items: list[tuple[str, float]]) -> str:
        return ", ".join(f"{names.get(code, code)} {value_mark(d)}" for code, d in items)

    return _("Meeste vooruitgang in {metric} {since}: {most}; minste: {least}").format(
        metric=metric(metric_key).label,
        since=since_phrase(moved.comparison),
        most=named(known[:count]),
        least=named(known[-count:][::-1]),
    )


def _since_note(text: str) -> html.P | None:
    return html.P(text, className="presentation-delta") if text else None


def tiles_screen(report: NationalReport, _window: Window) -> list[Any]:
    """The national tiles, as on the national page (compared with the show's date when it has one)."""
    return [html.Div(national_tiles(report), className="row g-3 presentation-tiles")]


def map_screen(report: NationalReport, window: Window) -> list[Any]:
    """The tile map (every region visible) of progress toward the goal, its summary beside it."""
    spec = metric(SHOW_METRIC)
    frame, cohort = report.frame_for(spec.key), (report.cohort if spec.key == "duurzaam" else None)
    medium = window.medium.in_room(window.room())
    figure = tile_map_figure(
        tile_layout(), map_values(frame, spec, cohort, report.movement(spec.key)), medium
    )
    text = [
        html.P(map_summary(frame, spec, cohort), className="presentation-summary"),
        _since_note(map_movers(report, spec.key)),
        _since_note(starts_since(report)),
    ]
    return [
        html.Div(
            [html.Div(_graph(figure), className="col-7"), html.Div(text, className="col-5")],
            className="row align-items-center",
        )
    ]


def ranking_screen(report: NationalReport, window: Window) -> list[Any]:
    """All 35 regions ranked, in two columns so every name is readable from the back of the room."""
    spec = metric(SHOW_METRIC)
    frame, cohort = report.frame_for(spec.key), (report.cohort if spec.key == "duurzaam" else None)
    summary, since = ranking_summary(frame, spec, None, cohort), starts_since(report)
    below = lines(summary, window) + (lines(since, window) if since else 0)
    medium = window.medium.in_room(window.room(below))
    figure = ranking_figure(frame, spec, None, cohort, medium, report.movement(spec.key))
    return [_graph(figure), html.P(summary, className="presentation-summary"), _since_note(since)]


def region_heading(report: RegionReport) -> str:
    """*Arbeidsmarktregio AM09 · provincie Gelderland*: the year and date stand in the screen's title."""
    return _("Arbeidsmarktregio {code} · provincie {province}").format(
        code=report.ref.code, province=report.ref.provincie
    )


def region_screen(report: RegionReport, window: Window, narrative: Narrative | None = None) -> list[Any]:
    """The region's four goal gauges, each number said once (in words; the dial only shows it).

    With a ``narrative`` that names bottlenecks or open actions, a strip under the gauges lists
    them, and the dials give up the room it takes.
    """
    story = (
        story_strip(narrative, report.through) if narrative is not None and shows_story(narrative) else None
    )
    lines = REGION_CARD_LINES + (STORY_LINES if story is not None else 0)
    medium = window.medium.in_room(window.room(lines))
    return [
        html.P(region_heading(report), className="presentation-summary"),
        html.Div(region_gauges(report, medium=medium), className="row g-3"),
        story,
    ]


def _held(standing: Standing) -> Any:
    """``2 van 3`` and the pace status in one cell; *geen gegevens* without counts."""
    if standing.value is None:
        return status_badge(metrics.PaceStatus.GEEN_GEGEVENS)
    held = _("{held} van {target}").format(
        held=fmt.number(int(standing.value)), target=fmt.number(int(standing.target or 0))
    )
    return [held + " ", status_badge(metrics.PaceStatus(standing.status))]


def _last_case(report: NationalReport, region: RegionStanding) -> Any:
    """The last case discussion, flagged when it is longer ago than the programme allows."""
    if region.cases.value is None:
        return _("geen gegevens")
    last = report.last_case.get(region.code)
    if not meetings.overdue(last, report.through):
        return fmt.date(last)
    flag = html.Span(
        [html.I(className="bi bi-alarm me-1", **aria(hidden="true")), _("achterstallig")],
        className="status status-ver-achter",
    )
    return [(fmt.date(last) if last is not None else _("nog geen casusbespreking")) + " ", flag]


def meetings_table(report: NationalReport, codes: list[str]) -> html.Div:
    """The meetings page's table in four columns, so it is read from the back of a room.

    Count and status share a cell, and the overdue flag stands beside the last case discussion.
    """
    rows = [
        [region.name, _held(region.learning), _held(region.cases), _last_case(report, region)]
        for region in report.standings
        if region.code in codes
    ]
    headers = [_("Regio"), _("Leerbijeenkomsten"), _("Casusbesprekingen"), _("Laatste casusbespreking")]
    caption = _("Bijeenkomsten per regio in {year}, t/m {date}").format(
        year=report.year, date=fmt.date(report.through)
    )
    return table(caption, headers, rows, set())


def meetings_screen(
    report: NationalReport, codes: tuple[str, ...], rows: tuple[int, int | None] = (0, None)
) -> list[Any]:
    """The meetings of the show's regions (all regions when it names none), ``rows`` of the table."""
    shown = [r.code for r in report.standings if not codes or r.code in codes][slice(*rows)]
    return [meetings_table(report, shown), _since_note(meetings_since(report))]
