"""Callbacks of the overview tables: Regio's and Bijeenkomsten."""

from __future__ import annotations

from urllib.parse import urlencode

from dash import Dash, Input, Output

from dashboard.data.meetings import last_case_discussion
from dashboard.data.progress import progress_by_region
from dashboard.i18n import _
from dashboard.infra.callback_cache import cached_callback
from dashboard.infra.runtime import current_peildatum, runtime
from dashboard.rules.metrics import effective_date
from layouts import ids, meetings, regions
from layouts.controls import parse_year
from layouts.exports import export_links


def update_regions(year_value: str | None, search: str | None = None) -> tuple[object, object, str]:
    """The regions table (filtered by the search), its download links and the URL query."""
    peildatum = current_peildatum()
    year = parse_year(year_value, peildatum.year)
    frame = progress_by_region(runtime().db, year, peildatum)
    links = export_links("regios", year, peildatum, _("de cijfers per regio"))
    words = (search or "").strip()[:80]
    query = urlencode({"jaar": year} | ({"zoek": words} if words else {}))
    return regions.regions_table(frame, year, peildatum, words), links, f"?{query}"


def update_meetings(year_value: str | None) -> tuple[object, object, str]:
    """The meeting cadence table and URL query for the selected year."""
    peildatum = current_peildatum()
    year = parse_year(year_value, peildatum.year)
    db = runtime().db
    frame = progress_by_region(db, year, peildatum)
    last_case = last_case_discussion(db, effective_date(year, peildatum))
    table = meetings.meetings_table(frame, last_case, year, peildatum)
    links = export_links("bijeenkomsten", year, peildatum, _("de bijeenkomsten per regio"))
    return table, links, f"?jaar={year}"


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
    )(cached_callback(update_regions))
    # year select -> meetings table, URL
    app.callback(
        Output(ids.MEETINGS_TABLE, "children"),
        Output(ids.MEETINGS_EXPORT, "children"),
        Output(ids.URL, "search", allow_duplicate=True),
        Input(ids.MEETINGS_YEAR, "value"),
        prevent_initial_call="initial_duplicate",
    )(cached_callback(update_meetings))
