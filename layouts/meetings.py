"""Bijeenkomsten: learning sessions and case discussions per region, with overdue regions marked."""

from __future__ import annotations

import datetime as dt

from dash import html

from dashboard.i18n import N_, _
from dashboard.reports.national import NationalReport
from dashboard.reports.standing import RegionStanding
from dashboard.reports.view import View
from dashboard.rules import domain, metrics
from dashboard.text import format as fmt
from layouts import ids
from layouts.a11y import aria
from layouts.controls import year_select
from layouts.notices import view_problems
from layouts.status import status_badge
from layouts.tables import table

# Column titles; translated when a table is drawn.
HEADERS = (
    N_("Regio"),
    N_("Leerbijeenkomsten"),
    N_("Status leerbijeenkomsten"),
    N_("Casusbesprekingen"),
    N_("Status casusbesprekingen"),
    N_("Laatste casusbespreking"),
    N_("Achterstallig"),
)


def page(view: View) -> html.Div:
    """The page skeleton; a callback fills the table (years up to the view's peildatum's)."""
    return html.Div(
        [
            html.H1(_("Bijeenkomsten"), className="h2"),
            *view_problems(view.problems),
            html.P(
                _(
                    "Leerbijeenkomsten (doel 3 per jaar) en casusbesprekingen (doel 10 per jaar) per regio. "
                    "Een regio is achterstallig als er {days} dagen geen casusbespreking was."
                ).format(days=domain.CASE_DISCUSSION_MAX_GAP_DAYS),
                className="lead",
            ),
            year_select(ids.MEETINGS_YEAR, view.year, view.peildatum.year),
            html.Div(id=ids.MEETINGS_EXPORT),
            html.Div(id=ids.MEETINGS_TABLE, **aria(live="polite")),
        ]
    )


def overdue(last: dt.date | None, peildatum: dt.date) -> bool:
    """Whether a region held no case discussion in the last 45 days before the peildatum."""
    return last is None or (peildatum - last).days > domain.CASE_DISCUSSION_MAX_GAP_DAYS


def _overdue_flag(last: dt.date | None, on_day: dt.date) -> object:
    if not overdue(last, on_day):
        return _("nee")
    return html.Span(
        [html.I(className="bi bi-alarm me-1", **aria(hidden="true")), _("achterstallig")],
        className="status status-ver-achter",
    )


def _caption(year: int, on_day: dt.date) -> str:
    return _("Bijeenkomsten per regio in {year}, t/m {date}").format(year=year, date=fmt.date(on_day))


def _no_meetings(name: str) -> list[object]:
    # A region that never reported a meeting has no data, not zero meetings.
    unknown = status_badge(metrics.PaceStatus.GEEN_GEGEVENS)
    none = _("geen gegevens")
    return [name, none, unknown, none, unknown, "–", none]


def report_table(report: NationalReport, codes: tuple[str, ...] = ()) -> object:
    """Counts against targets with pace status, and the last case discussion with overdue flag.

    Args:
        report: the national report of the view; its standings carry counts, goals and status.
        codes: only these regions (all when empty), e.g. those a presentation is about.
    """
    rows = [_standing_row(r, report) for r in report.standings if not codes or r.code in codes]
    return table(_caption(report.year, report.through), [_(h) for h in HEADERS], rows, set())


def _standing_row(region: RegionStanding, report: NationalReport) -> list[object]:
    learning, cases = region.learning, region.cases
    if learning.value is None:
        return _no_meetings(region.name)
    last = report.last_case.get(region.code)
    return [
        region.name,
        _("{held} van {target}").format(held=_count(learning.value), target=_count(learning.target)),
        status_badge(metrics.PaceStatus(learning.status)),
        _("{held} van {target}").format(held=_count(cases.value), target=_count(cases.target)),
        status_badge(metrics.PaceStatus(cases.status)),
        fmt.date(last),
        _overdue_flag(last, report.through),
    ]


def _count(value: float | None) -> int | None:
    # Meetings and their goals are whole numbers; the report holds them as floats beside NaN.
    return None if value is None else int(value)
