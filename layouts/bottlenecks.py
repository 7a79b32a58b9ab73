"""Knelpunten: the bottlenecks the regions name, counted per theme, each linked to its region."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import html

from dashboard.i18n import N_, _
from dashboard.reports.bottlenecks import (
    OVERDUE,
    STATUS_CHOICES,
    TERTIALS,
    BottleneckFilter,
    BottleneckReport,
)
from dashboard.reports.view import View
from dashboard.text import format as fmt
from dashboard.text.markup import to_plain
from dashboard.text.narrative import period_label, theme_line, themes_text
from geodata import region_refs
from layouts import ids
from layouts.a11y import aria
from layouts.controls import year_select
from layouts.tables import table

HEADERS = (N_("Regio"), N_("Knelpunt"), N_("Thema's"), N_("Periode"), N_("Open acties"))
ALL = "alle"
TERTIAL_NAMES = {1: N_("januari t/m april"), 2: N_("mei t/m augustus"), 3: N_("september t/m december")}


def _select(
    component_id: str, label: str, options: list[dict[str, str]], value: str, width: str = "15rem"
) -> html.Div:
    return html.Div(
        [
            dbc.Label(label, html_for=component_id, className="me-2 mb-0"),
            dbc.Select(id=component_id, options=options, value=value, style={"width": width}),
        ],
        className="d-flex align-items-center me-4 mb-3",
    )


def filters(view: View, chosen: BottleneckFilter, themes: Sequence[str]) -> html.Div:
    """Year, theme, tertial and action status: native selects, read by keyboard and screen reader."""
    # A select needs a value for "all": a word the filter does not know, so it means no filter.
    everything = {"label": _("alle"), "value": ALL}
    theme_options = [everything, *({"label": _(t), "value": t} for t in themes)]
    period_options = [
        {"label": _("laatste per regio"), "value": ALL},
        *({"label": f"T{t}: {_(TERTIAL_NAMES[t])}", "value": f"T{t}"} for t in TERTIALS),
    ]
    status_options = [
        everything,
        *({"label": _("met een actie: {status}").format(status=_(s)), "value": s} for s in STATUS_CHOICES),
    ]
    return html.Div(
        [
            year_select(ids.BOTTLENECKS_YEAR, view.year, view.peildatum.year),
            _select(ids.BOTTLENECKS_THEME, _("Thema"), theme_options, chosen.theme or ALL),
            _select(
                ids.BOTTLENECKS_PERIOD,
                _("Periode"),
                period_options,
                f"T{chosen.tertial}" if chosen.tertial else ALL,
            ),
            _select(ids.BOTTLENECKS_STATUS, _("Acties"), status_options, chosen.status or ALL, "19rem"),
        ],
        className="d-flex flex-wrap align-items-start",
        role="search",
    )


def page(view: View, chosen: BottleneckFilter, themes: Sequence[str]) -> html.Div:
    """The page skeleton with its filters from the URL; a callback fills in the counts and the list."""
    return html.Div(
        [
            html.H1(_("Knelpunten in de regio's"), className="h2"),
            html.P(
                _(
                    "Welke knelpunten de regio's in hun verhaal noemen, geteld per thema, en hoeveel van "
                    "die regio's nog open acties hebben."
                ),
                className="lead",
            ),
            filters(view, chosen, themes),
            html.Div(id=ids.BOTTLENECKS_CONTENT, **aria(live="polite")),
        ]
    )


def _theme_link(theme: str, view: View, chosen: BottleneckFilter) -> str:
    query = {"jaar": view.year, **BottleneckFilter(theme, chosen.tertial, chosen.status).query()}
    return "/knelpunten?" + urlencode(query)


def _actions_cell(open_actions: int, overdue: int) -> str:
    if not open_actions:
        return _("geen")
    if overdue:
        return _("{n}, waarvan {late} achterstallig").format(n=fmt.number(open_actions), late=overdue)
    return fmt.number(open_actions)


def content(report: BottleneckReport, view: View) -> list[object]:
    """The count per theme (each a link that filters on it) and every bottleneck with its region."""
    if not report.rows:
        return [html.P(_("Geen knelpunten gevonden voor deze keuze."), className="mt-2")]
    names = {r.code: r.naam for r in region_refs()}
    counts = html.Ul(
        [
            html.Li(html.A(theme_line(count), href=_theme_link(count.theme, view, report.chosen)))
            for count in report.counts
        ],
        className="bottleneck-counts",
    )
    region_query = "?" + urlencode({"jaar": view.year})
    rows = [
        [
            html.A(names.get(row.region, row.region), href=f"/regio/{row.region}{region_query}"),
            to_plain(row.text),
            themes_text(row.themes),
            period_label(row.period),
            _actions_cell(row.open_actions, row.overdue_actions),
        ]
        for row in report.rows
    ]
    caption = _("Knelpunten van {n} regio's in {year}").format(n=report.regions, year=report.year)
    if report.chosen.status == OVERDUE:
        caption += " · " + _("met een achterstallige actie")
    return [
        html.H2(_("Per thema"), className="h4"),
        counts,
        table(caption, [_(h) for h in HEADERS], rows, set()),
    ]
