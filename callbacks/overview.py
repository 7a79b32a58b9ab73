"""Callbacks of the overview tables: Regio's and Bijeenkomsten (always at the latest data)."""

from __future__ import annotations

from dash import Dash, Input, Output

from dashboard.i18n import _
from dashboard.infra.callback_cache import cached_callback
from dashboard.infra.runtime import current_peildatum, runtime
from dashboard.reports.national import national_report
from dashboard.reports.view import View
from layouts import ids, meetings, regions
from layouts.exports import export_links
from layouts.static_html import collapsed


def _latest(year_value: str | None) -> View:
    # These pages have no peildatum control: they show the chosen year at the latest data.
    return View.parse({"jaar": year_value}, current_peildatum())


def update_regions(year_value: str | None, search: str | None = None) -> tuple[object, object, str]:
    """The regions table (filtered by the search), its download links and the URL query."""
    view = _latest(year_value)
    report = national_report(runtime().db, view)
    links = export_links("regios", view.year, view.peildatum, _("de cijfers per regio"))
    words = (search or "").strip()[:80]
    query = view.query(dated=False, extra={"zoek": words} if words else None)
    return regions.regions_table(report, view, words), links, query


def update_meetings(year_value: str | None) -> tuple[object, object, str]:
    """The meeting cadence table and URL query for the selected year."""
    view = _latest(year_value)
    table = meetings.report_table(national_report(runtime().db, view))
    links = export_links("bijeenkomsten", view.year, view.peildatum, _("de bijeenkomsten per regio"))
    return table, links, view.query(dated=False)


def register(app: Dash) -> None:
    """Wire this module's callbacks to ``app``."""
    # year select, search -> regions table, URL
    app.callback(
        Output(ids.REGIONS_TABLE, "children"),
        Output(ids.REGIONS_EXPORT, "children"),
        Output(ids.URL, "search", allow_duplicate=True),
        Input(ids.REGIONS_YEAR, "value"),
        Input(ids.REGIONS_SEARCH, "value"),
        prevent_initial_call="initial_duplicate",
    )(cached_callback(collapsed(update_regions)))
    # year select -> meetings table, URL
    app.callback(
        Output(ids.MEETINGS_TABLE, "children"),
        Output(ids.MEETINGS_EXPORT, "children"),
        Output(ids.URL, "search", allow_duplicate=True),
        Input(ids.MEETINGS_YEAR, "value"),
        prevent_initial_call="initial_duplicate",
    )(cached_callback(collapsed(update_meetings)))
