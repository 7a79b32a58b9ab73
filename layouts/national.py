"""Landelijk: KPI tiles, map of the 35 regions (geographic or tiles), ranking and trend."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.data.national import NationalSummary
from dashboard.i18n import _
from dashboard.reports.view import View
from dashboard.rules import metrics
from dashboard.text import format as fmt
from dashboard.text.as_of import through
from layouts import controls, ids, matrix
from layouts.a11y import aria
from layouts.exports import pack_links, presentation_link
from layouts.figure_table import table_switch
from layouts.figures.theme import graph_config
from layouts.notices import view_problems
from layouts.page_container import page_start, view_location


def described(graph: Any, summary_id: str, graph_id: str, first: Mapping[str, Any]) -> html.Figure:
    """A graph with its one-sentence summary as caption and the switch to show it as a table."""
    return html.Figure(
        [
            graph,
            html.Figcaption(
                first.get(summary_id), id=summary_id, className="small mt-1", **aria(live="polite")
            ),
            table_switch(graph_id, first.get(graph_id)),
        ],
        className="mb-2",
    )


def page(
    view: View,
    latest: dt.date,
    form: str,
    first: Mapping[str, Any],
    choice: tuple[list[dict[str, str]], str] = ([], ""),
) -> html.Div:
    """The page with its controls set from the view of the URL, drawn: callbacks redraw on a change.

    Args:
        view: what the URL asks for (its problems are listed above the page).
        latest: the newest peildatum there is data for.
        form: the map form to start with (the tile map when no boundaries could be loaded).
        first: what each output shows for these controls, by id
            (``layouts.national_content.first_view``), so the first response is the drawn page.
        choice: the options and value of the publication control (which figures are shown).
    """
    year, peildatum = view.year, view.peildatum
    return html.Div(
        [
            # Whether the screen is phone-sized: the figures are drawn for a wide one; on a phone
            # assets/page-start.js sets it when the page appears and they are redrawn.
            dcc.Store(id=ids.NARROW, data=False),
            # The address holds the whole view (from the start, and after each change of a control).
            view_location(ids.NATIONAL_URL, first.get(ids.NATIONAL_URL)),
            html.H1(_("Landelijk overzicht"), className="h2"),
            *view_problems(view.problems),
            html.P(first.get(ids.NATIONAL_HEADING), id=ids.NATIONAL_HEADING, className="lead"),
            # The verdict first, in the reading order: on track or behind, goal by goal.
            html.P(first.get(ids.NATIONAL_VERDICT), id=ids.NATIONAL_VERDICT, className="lead fw-semibold"),
            # A group, not a <form>: Enter in the date field must not submit and reload the page.
            html.Div(
                [
                    # A snapshot sets the peildatum (and a peildatum the snapshot): one callback keeps step.
                    controls.publication_select(ids.NATIONAL_PUBLICATION, *choice),
                    # Years after the peildatum's have nothing to show; a callback follows the peildatum.
                    controls.year_select(ids.NATIONAL_YEAR, year, peildatum.year),
                    controls.peildatum_input(ids.NATIONAL_PEILDATUM, peildatum, latest),
                    # E.g. the previous steering-group date: the tiles then show the change since.
                    controls.since_input(ids.NATIONAL_SINCE, view.since, latest),
                    html.Div(
                        [
                            presentation_link(year, peildatum),
                            html.Span(pack_links(year, peildatum), className="small ms-3"),
                        ],
                        className="ms-auto mb-2",
                    ),
                ],
                className="d-flex flex-wrap align-items-start",
                role="group",
                **aria(label=_("Jaar, peildatum en vergelijking")),
            ),
            html.Div(
                first.get(ids.NATIONAL_TILES),
                id=ids.NATIONAL_TILES,
                className="row g-3 mb-4",
                **aria(live="polite"),
            ),
            html.Div(
                [
                    controls.metric_select(ids.NATIONAL_METRIC, view.metric),
                    controls.map_form_choice(ids.NATIONAL_MAP_FORM, form),
                    controls.region_select(ids.NATIONAL_HIGHLIGHT, view.region),
                    # The keyboard route to a region page, beside the map that needs a pointer.
                    html.Div(
                        first.get(ids.NATIONAL_REGION_LINK), id=ids.NATIONAL_REGION_LINK, className="mb-2"
                    ),
                ],
                className="d-flex flex-wrap align-items-center",
                role="group",
                **aria(label=_("Kaart en rangorde")),
            ),
            html.Div(first.get(ids.NATIONAL_MAP_NOTE), id=ids.NATIONAL_MAP_NOTE),
            dbc.Row(
                [
                    dbc.Col(
                        html.Section(
                            [
                                html.H2(_("Kaart van de 35 arbeidsmarktregio's"), className="h5"),
                                html.P(
                                    _("Klik op een regio om de regiopagina te openen."),
                                    className="small text-body-secondary mb-1",
                                ),
                                described(
                                    dcc.Loading(
                                        dcc.Graph(
                                            id=ids.NATIONAL_MAP,
                                            figure=first.get(ids.NATIONAL_MAP),
                                            # The wheel scrolls the page, not the map: it is fitted already.
                                            config={**graph_config(), "scrollZoom": False},
                                        ),
                                        delay_show=300,
                                        # The map comes drawn with the page: shown at once, not
                                        # hidden behind a spinner until Dash's first loading check
                                        # (a timer after every graph was drawn, 0.1-0.3 s later).
                                        show_initially=False,
                                    ),
                                    ids.NATIONAL_MAP_SUMMARY,
                                    ids.NATIONAL_MAP,
                                    first,
                                ),
                            ]
                        ),
                        lg=6,
                    ),
                    dbc.Col(
                        html.Section(
                            [
                                html.H2(_("Rangorde"), className="h5"),
                                described(
                                    graph(ids.NATIONAL_RANKING, first),
                                    ids.NATIONAL_RANKING_SUMMARY,
                                    ids.NATIONAL_RANKING,
                                    first,
                                ),
                                html.Div(first.get(ids.NATIONAL_EXPORT), id=ids.NATIONAL_EXPORT),
                            ]
                        ),
                        lg=6,
                    ),
                ],
                className="g-4",
            ),
            # All regions on all goals: the table behind the map, with filters and sorting.
            matrix.section(first.get(ids.MATRIX_TABLE), first.get(ids.MATRIX_COUNT)),
            html.Section(
                [
                    html.H2(_("Trend: gestarte trajecten per maand, cumulatief"), className="h5 mt-4"),
                    described(
                        graph(ids.NATIONAL_TREND, first),
                        ids.NATIONAL_TREND_SUMMARY,
                        ids.NATIONAL_TREND,
                        first,
                    ),
                    html.Div(first.get(ids.NATIONAL_TREND_EXPORT), id=ids.NATIONAL_TREND_EXPORT),
                ]
            ),
            # Methods and funding of the country and per region (filled by callbacks/national.py).
            methods_section(first),
        ],
        **page_start(ids.NATIONAL_URL, first.get(ids.NATIONAL_URL), narrow=ids.NARROW),
    )


def graph(graph_id: str, first: Mapping[str, Any]) -> dcc.Graph:
    """A figure of the page, drawn from the first response (without one, Dash's empty figure)."""
    figure = first.get(graph_id)
    return dcc.Graph(id=graph_id, config=graph_config(), **({"figure": figure} if figure is not None else {}))


def methods_section(first: Mapping[str, Any]) -> html.Section:
    """*Methoden en financiering*: the country, then one small chart per region."""
    return html.Section(
        [
            html.H2(_("Methoden en financiering"), className="h5 mt-4"),
            described(
                graph(ids.NATIONAL_METHODS, first), ids.NATIONAL_METHODS_SUMMARY, ids.NATIONAL_METHODS, first
            ),
            html.H3(_("Per regio"), className="h6 mt-3"),
            html.P(
                first.get(ids.NATIONAL_METHODS_GRID_NOTE),
                id=ids.NATIONAL_METHODS_GRID_NOTE,
                className="small text-body-secondary mb-1",
            ),
            described(
                graph(ids.NATIONAL_METHODS_GRID, first),
                ids.NATIONAL_METHODS_GRID_SUMMARY,
                ids.NATIONAL_METHODS_GRID,
                first,
            ),
            html.Div(first.get(ids.NATIONAL_METHODS_EXPORT), id=ids.NATIONAL_METHODS_EXPORT),
        ]
    )


def heading(summary: NationalSummary) -> str:
    """E.g. *Voortgang 2026 · cijfers t/m 22 november 2026* (a past year also names the outflow's day)."""
    return _("Voortgang {year} · cijfers t/m {date}").format(
        year=summary.year, date=through(summary.year, summary.peildatum)
    )


def trend_summary(monthly: pd.DataFrame, year: int, peildatum: dt.date, target: int) -> str:
    """One sentence for the trend: starts so far against pace and target, and the year before.

    The earlier year is counted to the end of the same month, as the trend's monthly points are.
    """
    last = metrics.effective_date(year, peildatum)
    months = monthly["maand"] <= last.month
    now = int(monthly.loc[(monthly["jaar"] == year) & months, "gestart"].sum())
    text = _("In {year} zijn t/m {date} {count} trajecten gestart").format(
        year=year, date=fmt.date(last), count=fmt.number(now)
    )
    if last < metrics.year_end(year):
        expected = metrics.expected_by(target, year, peildatum)
        text += _(", {expected} verwacht op tempo naar het jaardoel van {target}").format(
            expected=fmt.number(expected), target=fmt.number(target)
        )
    else:
        text += _(", tegen een jaardoel van {target}").format(target=fmt.number(target))
    if year - 1 in set(monthly["jaar"]):
        before = int(monthly.loc[(monthly["jaar"] == year - 1) & months, "gestart"].sum())
        text += _("; in {year} waren dat er t/m {month} {count}").format(
            year=year - 1, month=fmt.month_name(last.month), count=fmt.number(before)
        )
    return text + "."


def tile_map_note(problem: object) -> dbc.Alert:
    """Why the geographic map is not available (the tile map is shown instead)."""
    return dbc.Alert(
        [
            html.I(className="bi bi-info-circle-fill me-2", **aria(hidden="true")),
            _("De geografische kaart is niet beschikbaar; de tegelkaart wordt getoond.") + " ",
            html.Span(str(problem or ""), className="small"),
        ],
        color="info",
        className="py-2",
    )
