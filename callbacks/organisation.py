"""Callbacks of the organisation level: the region's organisations grid and the organisation page.

Each callback parses one view and draws the organisation reports of ``dashboard.reports.organisation``.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from dash import Dash, Input, NoUpdate, Output, State, html, no_update

from dashboard.auth.viewer import current_viewer
from dashboard.data.access import NoAccess, Withheld
from dashboard.i18n import _, current_language
from dashboard.infra.callback_cache import cached_callback
from dashboard.infra.runtime import current_peildatum, runtime
from dashboard.reports.organisation import (
    OrganisationReport,
    hidden_rows_note,
    moment_note,
    organisation_report,
    region_organisations,
    visible_organisation,
)
from dashboard.reports.view import View
from layouts import ids, mix_tables
from layouts import organisation as org_layout
from layouts.exports import export_links
from layouts.figures.funnel import funnel_figure
from layouts.figures.mix import mix_figure
from layouts.figures.theme import message_figure
from layouts.figures.trend import trend_figure
from layouts.region import breadcrumb, organisation_columns


def _view(year_raw: str | None, peildatum_raw: str | None, **more: object) -> View:
    # ``more``: the other parameters under their URL names (cohort, regio, organisatie).
    query = {"jaar": year_raw, "peildatum": peildatum_raw, **more}
    return View.parse(query, current_peildatum(), current_viewer(), current_language())


def _minimum() -> int:
    return runtime().settings.suppression_minimum


def _organisation_view(year_raw: str | None, organisation: object, peildatum_raw: str | None) -> View:
    return _view(year_raw, peildatum_raw, organisatie=str(organisation))


def _report(view: View) -> OrganisationReport:
    return organisation_report(runtime().db, view, view.organisation, _minimum())


def update_organisations(
    year_raw: str | None,
    code: str | None,
    peildatum_raw: str | None,
    cohort_raw: str | None = None,
    _seen: object = None,
) -> tuple[list[dict[str, Any]], object, object]:
    """The organisations grid of a region, its download links and the keyboard route to each page.

    Counts are those of start cohort ``year``; the outflow percentage is that of the page's start
    cohort, the one its gauge and comparison hold against the goal (named in the column title).
    """
    view = _view(year_raw, peildatum_raw, cohort=cohort_raw, regio=code)
    if view.region is None:
        return [], None, []
    try:
        rows = region_organisations(runtime().db, view, view.region, _minimum())
    except Withheld as withheld:
        return [], html.P(str(withheld), className="alert alert-warning"), []
    except NoAccess:
        return [], None, []
    what = _("de cijfers per organisatie")
    links = export_links(
        "organisaties", view.year, view.peildatum, what, region=view.region, cohort=view.cohort
    )
    notes = [note for note in (moment_note(view), hidden_rows_note(rows)) if note is not None]
    options = [{"label": row["organisatie"], "value": str(row["id"])} for row in rows]
    # The day the figures stand on and the rows hidden whole, after the download links.
    for note in notes:
        links.children = [*links.children, html.Br(), note]
    return rows, links, options


def update_organisation_columns(
    year_raw: str | None, peildatum_raw: str | None, cohort_raw: str | None
) -> list[dict[str, Any]]:
    """The grid's columns, the outflow column titled with the page's start cohort."""
    view = _view(year_raw, peildatum_raw, cohort=cohort_raw)
    return organisation_columns(view.cohort, view.outflow.mature)


def open_organisation(
    cell: dict[str, Any] | None, code: str | None, year_raw: str | None, peildatum_raw: str | None
) -> str | NoUpdate:
    """A click on a row of the grid opens that organisation's page."""
    row = cell.get("rowId", "") if isinstance(cell, dict) else ""  # a forged click may be anything
    view = _view(year_raw, peildatum_raw, organisatie=str(row))
    if view.organisation is None or not isinstance(code, str):
        return no_update
    return org_layout.organisation_url(view, code, view.organisation)


def organisation_link(
    chosen: str | None, code: str | None, year_raw: str | None, peildatum_raw: str | None
) -> html.A | None:
    """A link to the chosen organisation: the route to it that needs no pointer."""
    view = _view(year_raw, peildatum_raw, organisatie=chosen, regio=code)
    found = visible_organisation(runtime().db, view) if view.region is not None else None
    if found is None or code is None:
        return None
    return html.A(
        _("Open {name}").format(name=found.naam), href=org_layout.organisation_url(view, code, found.id)
    )


def update_organisation(
    year_raw: str | None, organisation: int | None, peildatum_raw: str | None, search: str | None = None
) -> tuple[list[Any], str, object, str | NoUpdate]:
    """The organisation's tiles, heading, breadcrumb and URL query."""
    view = _organisation_view(year_raw, organisation, peildatum_raw)
    report = _report(view)
    tiles = org_layout.tiles(report.counts, report.year, report.peildatum, report.target_outflow_pct)
    trail = breadcrumb(org_layout.organisation_trail(report.region, report.ref, view.year, view.peildatum))
    query: str | NoUpdate = no_update if view.shown_by(search, current_peildatum()) else view.address()
    return tiles, org_layout.heading(report), trail, query


def update_organisation_figures(
    year_raw: str | None, organisation: int | None, peildatum_raw: str | None
) -> tuple[go.Figure, str, go.Figure, go.Figure, object]:
    """Funnel, monthly starts and the method mix of the organisation, small numbers suppressed."""
    report = _report(_organisation_view(year_raw, organisation, peildatum_raw))
    title = _("{name}, startcohort {cohort}").format(name=report.ref.naam, cohort=report.year)
    hidden = _("kleine aantallen niet getoond")
    per_month = (
        message_figure(hidden, 340)
        if report.monthly is None
        else trend_figure(report.monthly, report.year, report.peildatum, None, years=2)
    )
    if report.mix is None:
        mix_shown, mix_table = message_figure(hidden), None
    else:
        mix_shown, mix_table = mix_figure(report.mix), mix_tables.mix_tables(report.mix, report.year)
    return (
        funnel_figure(report.counts, title),
        org_layout.funnel_text(report),
        per_month,
        mix_shown,
        mix_table,
    )


def update_deliveries(organisation: int | None, peildatum_raw: str | None) -> list[Any]:
    """Delivery per quarter and the files that brought the organisation's trajectories."""
    return org_layout.deliveries(_report(_organisation_view(None, organisation, peildatum_raw)))


def register(app: Dash) -> None:
    """Wire this module's callbacks to ``app``."""
    region_year, region_code = Input(ids.REGION_YEAR, "value"), Input(ids.REGION_CODE, "data")
    region_day = Input(ids.REGION_PEILDATUM, "value")
    # organisations section in view, or region year, peildatum, cohort -> grid, downloads, picker
    app.callback(
        Output(ids.REGION_ORGANISATIONS, "rowData"),
        Output(ids.REGION_ORGANISATIONS_EXPORT, "children"),
        Output(ids.REGION_ORGANISATION_SELECT, "options"),
        region_year,
        region_code,
        region_day,
        Input(ids.REGION_COHORT, "value"),
        # Not on load: when the section comes near the viewport, or a control changes.
        Input(ids.REGION_ORGANISATIONS_SEEN, "data"),
        prevent_initial_call=True,
    )(cached_callback(update_organisations))
    # region year, peildatum, cohort -> grid columns (the outflow column names its cohort)
    app.callback(
        Output(ids.REGION_ORGANISATIONS, "columnDefs"),
        region_year,
        region_day,
        Input(ids.REGION_COHORT, "value"),
        # The page's layout sets the columns for its first view.
        prevent_initial_call=True,
    )(cached_callback(update_organisation_columns))
    # grid row clicked -> organisation page
    app.callback(
        Output(ids.NAVIGATE, "href", allow_duplicate=True),
        Input(ids.REGION_ORGANISATIONS, "cellClicked"),
        State(ids.REGION_CODE, "data"),
        State(ids.REGION_YEAR, "value"),
        State(ids.REGION_PEILDATUM, "value"),
        prevent_initial_call=True,
    )(open_organisation)
    # organisation chosen -> link to its page
    app.callback(
        Output(ids.REGION_ORGANISATION_LINK, "children"),
        Input(ids.REGION_ORGANISATION_SELECT, "value"),
        region_code,
        region_year,
        region_day,
        # Nothing is chosen on load, so there is no link yet.
        prevent_initial_call=True,
    )(cached_callback(organisation_link))

    year, org, day = (
        Input(ids.ORG_YEAR, "value"),
        Input(ids.ORG_ID, "data"),
        Input(ids.ORG_PEILDATUM, "value"),
    )
    # year, peildatum -> organisation tiles, heading, breadcrumb, URL
    app.callback(
        Output(ids.ORG_TILES, "children"),
        Output(ids.ORG_HEADING, "children"),
        Output(ids.ORG_BREADCRUMB, "children"),
        Output(ids.URL, "search", allow_duplicate=True),
        year,
        org,
        day,
        State(ids.URL, "search"),
        prevent_initial_call="initial_duplicate",
    )(cached_callback(update_organisation))
    # year, peildatum -> funnel, monthly starts, mix
    app.callback(
        Output(ids.ORG_FUNNEL, "figure"),
        Output(ids.ORG_FUNNEL_TEXT, "children"),
        Output(ids.ORG_MONTHLY, "figure"),
        Output(ids.ORG_MIX, "figure"),
        Output(ids.ORG_MIX_TABLE, "children"),
        year,
        org,
        day,
    )(cached_callback(update_organisation_figures))
    # peildatum -> deliveries
    app.callback(Output(ids.ORG_DELIVERIES, "children"), org, day)(cached_callback(update_deliveries))
