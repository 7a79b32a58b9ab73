"""Callbacks of the national bottleneck page: the counts per theme and the list, from one report."""

from __future__ import annotations

from dash import Dash, Input, Output

from dashboard.auth.viewer import current_viewer
from dashboard.data.narratives import narratives_in
from dashboard.data.themes import theme_rows
from dashboard.i18n import current_language
from dashboard.infra.runtime import current_peildatum, runtime
from dashboard.reports.bottlenecks import bottleneck_report, parse_filter
from dashboard.reports.view import View
from layouts import bottlenecks, ids


def update_bottlenecks(
    year_raw: str | None, theme: str | None, period: str | None, status: str | None
) -> tuple[list[object], str]:
    """The theme counts and bottleneck list for the chosen filters, and the URL query that shows them."""
    viewer, db = current_viewer(), runtime().db
    view = View.parse({"jaar": year_raw}, current_peildatum(), viewer, current_language())
    chosen = parse_filter(
        {"thema": theme, "periode": period, "status": status}, [t.name for t in theme_rows(db)]
    )
    # The data layer gives only what the viewer may read (the public: public narratives only).
    report = bottleneck_report(narratives_in(db, viewer, view.year), view.year, view.peildatum, chosen)
    return bottlenecks.content(report, view), view.query(dated=False, extra=chosen.query())


def register(app: Dash) -> None:
    """Wire this module's callbacks to ``app``."""
    # year, theme, period, status -> counts and list, URL
    app.callback(
        Output(ids.BOTTLENECKS_CONTENT, "children"),
        Output(ids.URL, "search", allow_duplicate=True),
        Input(ids.BOTTLENECKS_YEAR, "value"),
        Input(ids.BOTTLENECKS_THEME, "value"),
        Input(ids.BOTTLENECKS_PERIOD, "value"),
        Input(ids.BOTTLENECKS_STATUS, "value"),
        prevent_initial_call="initial_duplicate",
    )(update_bottlenecks)
