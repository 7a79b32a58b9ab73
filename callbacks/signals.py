"""Callbacks of the signals: the count in the navigation, "gezien" on the Signalen page, the region block."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

import dash
from dash import ALL, Dash, Input, Output, State
from dash.exceptions import PreventUpdate

from dashboard.auth.viewer import current_viewer
from dashboard.data import signal_marks
from dashboard.data.access import NoAccess
from dashboard.i18n import UserError, _
from dashboard.infra.runtime import current_peildatum, runtime
from dashboard.reports.signals import signals_for
from dashboard.reports.view import View
from layouts import ids
from layouts.shell import open_signal_count
from layouts.signals import region_signals, signal_lists
from layouts.signals_page import chosen_kind, chosen_severity, filtered


def _triggered() -> tuple[str, bool] | None:
    trigger = dash.ctx.triggered_id
    fired = dash.ctx.triggered[0]["value"] if dash.ctx.triggered else None
    if not isinstance(trigger, dict) or not fired or not isinstance(trigger.get("key"), str):
        return None
    return trigger["key"], trigger.get("type") == ids.SIGNAL_SEEN


def _note(key: str) -> str:
    for state in dash.ctx.states_list[0] if dash.ctx.states_list else []:
        if state["id"].get("key") == key:
            return str(state.get("value") or "")
    return ""


def mark_signal(
    _seen: list[int | None], _unseen: list[int | None], _notes: list[str | None], search: str | None
) -> tuple[object, object, object]:
    """Mark the clicked signal "gezien" (with its note) or back to open; list them and count again.

    Only a signal the viewer has open on this page's day can be marked: a forged key for another
    region, or one that has cleared, stores nothing.
    """
    clicked = _triggered()
    if clicked is None:
        raise PreventUpdate
    key, seen = clicked
    viewer = current_viewer()
    query = parse_qs((search or "").lstrip("?"))
    view = View.parse(query, current_peildatum(), viewer)
    db = runtime().db
    every = signals_for(db, viewer, view.peildatum)
    if key not in {s.key for s in every}:
        raise PreventUpdate
    try:
        signal_marks.mark(db, viewer, key, _note(key) if seen else "", seen=seen)
    except (UserError, NoAccess) as refused:
        message: object = str(refused)
    else:
        message = _("Gemarkeerd als gezien.") if seen else _("Teruggezet naar open.")
    shown = filtered(every, chosen_severity(query.get("ernst")), view.region, chosen_kind(query.get("soort")))
    lists = signal_lists(shown, signal_marks.current(db, viewer, [s.key for s in shown]))
    return lists, message, open_signal_count(viewer)


def update_region_signals(code: Any, peildatum_raw: str | None) -> object:
    """The region page's block of open signals, at the page's peildatum (nothing for the public)."""
    if not isinstance(code, str):
        return None
    view = View.parse({"peildatum": peildatum_raw, "regio": code}, current_peildatum(), current_viewer())
    if view.region is None:
        raise PreventUpdate
    return region_signals(view.region, view.peildatum)


def register(app: Dash) -> None:
    """Wire this module's callbacks to ``app``."""
    # navigation -> number of open signals in the navigation: with the frame's notices
    # (callbacks/shell.py update_frame), one request per navigation.
    # "Gezien" / "Terugzetten" -> store the mark, list the signals again, count them again
    app.callback(
        Output(ids.SIGNALS_LIST, "children"),
        Output(ids.SIGNALS_STATUS, "children"),
        # The count in the navigation follows at once (otherwise it follows each navigation).
        Output(ids.SIGNALS_COUNT, "children", allow_duplicate=True),
        Input({"type": ids.SIGNAL_SEEN, "key": ALL}, "n_clicks"),
        Input({"type": ids.SIGNAL_UNSEEN, "key": ALL}, "n_clicks"),
        State({"type": ids.SIGNAL_NOTE, "key": ALL}, "value"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )(mark_signal)
    # region page: region or peildatum -> its open signals
    app.callback(
        Output(ids.REGION_SIGNALS, "children"),
        Input(ids.REGION_CODE, "data"),
        Input(ids.REGION_PEILDATUM, "value"),
        # The page's first layout holds the block (layouts.region_content.first_view).
        prevent_initial_call=True,
    )(update_region_signals)
