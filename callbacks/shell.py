"""Callbacks of the page frame and the Data page: demo notice, data date, import log."""

from __future__ import annotations

from typing import Any

from dash import ClientsideFunction, Dash, Input, Output, State

from dashboard.auth.viewer import current_viewer
from dashboard.data import access
from dashboard.infra.callback_cache import cached_callback
from dashboard.infra.runtime import runtime
from layouts import data_page, ids
from layouts.shell import frame_notes, open_signal_count
from layouts.static_html import collapsed


def update_shell() -> tuple[Any, str]:
    """The demo-data notice and the footer's data date again."""
    return frame_notes()


frame_answer = cached_callback(collapsed(update_shell))


def update_frame(_ticks: int | None) -> tuple[Any, Any, Any]:
    """The frame's notices (from the answer cache) and the open-signal count, on the frame's clock.

    Not on a navigation: there a second request beside the page's own made the page appear about
    20 ms later after a map click (the renderer handles each answer in a round of its own). The
    count is never cached: a signal marked as seen changes it, not the data.
    """
    banner, data_date = frame_answer()
    return banner, data_date, open_signal_count(current_viewer())


def update_import_log(_table_id: str) -> object:
    """The import log, newest first (``beheer`` only; the page shows it to no one else)."""
    try:
        return data_page.import_log_table(access.import_log(current_viewer(), runtime().db))
    except access.NoAccess as refused:
        return str(refused)


def register(app: Dash) -> None:
    """Wire this module's callbacks to ``app``."""
    # the frame's clock -> demo notice, footer data date, number of open signals in the navigation
    app.callback(
        Output(ids.DEMO_BANNER, "children"),
        Output(ids.DATA_DATE, "children"),
        Output(ids.SIGNALS_COUNT, "children"),
        Input(ids.FRAME_CLOCK, "n_intervals"),
        # The first layout holds them already (layouts.shell.shell).
        prevent_initial_call=True,
    )(update_frame)
    # an import written (the import log shown again) -> the frame's clock ticks at once, so the
    # footer's date and the demo notice follow the import without waiting for the next tick
    app.clientside_callback(
        ClientsideFunction(namespace="hzw", function_name="tick"),
        Output(ids.FRAME_CLOCK, "n_intervals"),
        Input(ids.IMPORT_LOG_TABLE, "children"),
        State(ids.FRAME_CLOCK, "n_intervals"),
        prevent_initial_call=True,
    )
    # Data page rendered -> import log (the table's own id fires once when the page appears)
    app.callback(Output(ids.IMPORT_LOG_TABLE, "children"), Input(ids.IMPORT_LOG_TABLE, "id"))(
        update_import_log
    )
    # menu button -> folded navigation open or shut (in the browser: no request for a menu)
    app.clientside_callback(
        ClientsideFunction(namespace="hzw", function_name="toggleNavigation"),
        Output(ids.NAV_COLLAPSE, "className"),
        Output(ids.NAV_TOGGLE, "aria-expanded"),
        Input(ids.NAV_TOGGLE, "n_clicks"),
        State(ids.NAV_COLLAPSE, "className"),
        prevent_initial_call=True,
    )
