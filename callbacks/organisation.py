"""Callbacks of the organisation level: the region's organisations grid and the organisation page.

Each callback parses one view and draws the organisation reports of ``dashboard.reports.organisation``.
"""

from __future__ import annotations

from typing import Any

from dash import ClientsideFunction, Dash, Input, Output, State, html
from dash.exceptions import PreventUpdate

from dashboard.data.access import NoAccess, Withheld
from dashboard.i18n import _
from dashboard.infra.callback_cache import cached_callback
from dashboard.infra.runtime import runtime
from dashboard.reports.organisation import (
    hidden_rows_note,
    moment_note,
    region_organisations,
    visible_organisation,
)
from layouts import ids
from layouts import organisation as org_layout
from layouts.exports import export_links
from layouts.organisation_content import (
    deliveries_answer,
    figures_answer,
    organisation_answer,
    parse_view,
    suppression_minimum,
    update_deliveries,
    update_organisation,
    update_organisation_figures,
)
from layouts.region import organisations_grid
from layouts.static_html import collapsed

__all__ = [
    "mount_organisations",
    "organisation_link",
    "register",
    "update_deliveries",
    "update_organisation",
    "update_organisation_figures",
    "update_organisations",
]


def update_organisations(
    year_raw: str | None,
    code: str | None,
    peildatum_raw: str | None,
    cohort_raw: str | None = None,
) -> tuple[list[dict[str, Any]], object, object]:
    """The rows of a region's organisations grid, its download links and the keyboard route to each page.

    Counts are those of start cohort ``year``; the outflow percentage is that of the page's start
    cohort, the one its gauge and comparison hold against the goal (named in the column title).
    """
    view = parse_view(year_raw, peildatum_raw, cohort=cohort_raw, regio=code)
    if view.region is None:
        return [], None, []
    try:
        rows = region_organisations(runtime().db, view, view.region, suppression_minimum())
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
    # Each row carries its page's address: a click on it opens the page in the browser.
    rows = [{**row, "adres": org_layout.organisation_url(view, view.region, int(row["id"]))} for row in rows]
    # The day the figures stand on and the rows hidden whole, after the download links.
    for note in notes:
        links.children = [*links.children, html.Br(), note]
    return rows, links, options


organisations_answer = cached_callback(collapsed(update_organisations))


def mount_organisations(
    seen: object, year_raw: str | None, code: str | None, peildatum_raw: str | None, cohort_raw: str | None
) -> tuple[Any, object, object]:
    """The organisations grid with its rows and columns, once its section has come near the viewport."""
    if seen is not True:
        raise PreventUpdate
    rows, links, options = organisations_answer(year_raw, code, peildatum_raw, cohort_raw)
    view = parse_view(year_raw, peildatum_raw, cohort=cohort_raw)
    return organisations_grid(rows, view.cohort, view.outflow.mature), links, options


def organisation_link(
    chosen: str | None, code: str | None, year_raw: str | None, peildatum_raw: str | None
) -> html.A | None:
    """A link to the chosen organisation: the route to it that needs no pointer."""
    view = parse_view(year_raw, peildatum_raw, organisatie=chosen, regio=code)
    found = visible_organisation(runtime().db, view) if view.region is not None else None
    if found is None or code is None:
        return None
    return html.A(
        _("Open {name}").format(name=found.naam), href=org_layout.organisation_url(view, code, found.id)
    )


def register(app: Dash) -> None:
    """Wire this module's callbacks to ``app``."""
    region_year, region_code = Input(ids.REGION_YEAR, "value"), Input(ids.REGION_CODE, "data")
    region_day = Input(ids.REGION_PEILDATUM, "value")
    # organisations section in view, then region year, peildatum, cohort -> the grid with its
    # rows and columns, downloads, picker. The grid is mounted anew for a change: before its
    # section is seen it does not exist, and a callback may not write into what is not there.
    app.callback(
        Output(ids.REGION_ORGANISATIONS_SLOT, "children"),
        Output(ids.REGION_ORGANISATIONS_EXPORT, "children"),
        Output(ids.REGION_ORGANISATION_SELECT, "options"),
        Input(ids.REGION_ORGANISATIONS_SEEN, "data"),
        region_year,
        region_code,
        region_day,
        Input(ids.REGION_COHORT, "value"),
        # Not on load: when the section comes near the viewport, or a control changes after that.
        prevent_initial_call=True,
    )(mount_organisations)
    # grid row clicked -> organisation page (in the browser: each row carries its address)
    app.clientside_callback(
        ClientsideFunction(namespace="hzw", function_name="openOrganisation"),
        Output(ids.NAVIGATE, "href", allow_duplicate=True),
        Input(ids.REGION_ORGANISATIONS, "cellClicked"),
        State(ids.REGION_ORGANISATIONS, "rowData"),
        prevent_initial_call=True,
    )
    # organisation chosen -> link to its page
    app.callback(
        Output(ids.REGION_ORGANISATION_LINK, "children"),
        Input(ids.REGION_ORGANISATION_SELECT, "value"),
        region_code,
        region_year,
        region_day,
        # Nothing is chosen on load, so there is no link yet.
        prevent_initial_call=True,
    )(cached_callback(collapsed(organisation_link)))

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
        Output(ids.ORG_URL, "search"),
        year,
        org,
        day,
        State(ids.ORG_URL, "search"),
        # The page's layout holds its first view (layouts.organisation_content.first_view).
        prevent_initial_call=True,
    )(organisation_answer)
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
        prevent_initial_call=True,
    )(figures_answer)
    # peildatum -> deliveries
    app.callback(Output(ids.ORG_DELIVERIES, "children"), org, day, prevent_initial_call=True)(
        deliveries_answer
    )
