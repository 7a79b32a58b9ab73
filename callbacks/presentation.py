"""Callbacks of presentation mode: stepping through the sequence and drawing the current screen."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from dash import ClientsideFunction, Dash, Input, NoUpdate, Output, State, no_update

from dashboard.auth.viewer import current_viewer
from dashboard.i18n import _, current_language
from dashboard.infra.runtime import runtime
from dashboard.reports.national import national_report
from dashboard.reports.region import region_report
from dashboard.text.as_of import through
from layouts import ids
from layouts import presentation as show_layout
from layouts.presentation import Show, Step, parse_show


def show_from_store(stored: str | None) -> Show:
    """The show kept in the page's store (its own query string); anything else is the plain show."""
    return parse_show(parse_qs(stored.lstrip("?") if isinstance(stored, str) else ""))


def _screen_body(step: Step, show: Show) -> list[Any]:
    view, db = show.view(current_viewer(), current_language()), runtime().db
    if step.kind == "regio" and step.region is not None:
        return show_layout.region_screen(region_report(db, view, step.region))
    if step.kind == "bijeenkomsten":
        return show_layout.meetings_screen(national_report(db, view), show.regions)
    national = national_report(db, view)
    screens = {
        "tegels": show_layout.tiles_screen,
        "kaart": show_layout.map_screen,
        "rangorde": show_layout.ranking_screen,
    }
    return screens[step.kind](national)


def draw_step(
    step: int | None, stored: str | None, search: str | None = None
) -> tuple[Any, str, str | NoUpdate]:
    """The current screen, the position indicator and the URL query of this exact screen."""
    show = show_from_store(stored)
    steps = show_layout.sequence(show.regions, show.regions_first)
    # The step comes from the browser's store: a forged one that is no number means the first.
    chosen = step if isinstance(step, int) and not isinstance(step, bool) else 1
    current = min(max(chosen, 1), len(steps))
    shown = steps[current - 1]
    # Tiles and region gauges show cohort outflow, followed past the end of a past year.
    day = through(show.year, show.peildatum, outflow=shown.kind in ("tegels", "regio"))
    title = shown.title if shown.kind != "regio" else _("Regio {name}").format(name=shown.title)
    body = show_layout.screen(f"{title} · {show.year}", day, _screen_body(shown, show), show.since)
    query = show.query(current)
    # Each step is a history entry (Back steps back), but the opening screen is not written twice.
    shown_query = parse_qs(search.lstrip("?") if isinstance(search, str) else "")
    if parse_show(shown_query) == show and shown_query.get("stap", ["1"])[0] == str(current):
        return body, show_layout.position(current, len(steps), shown.title), no_update
    return body, show_layout.position(current, len(steps), shown.title), query


def register(app: Dash) -> None:
    """Wire this module's callbacks to ``app``."""
    # Keys and the previous/next buttons set the step in the browser (assets/presentation.js).
    # timer -> step
    app.clientside_callback(
        ClientsideFunction("presentation", "tick"),
        Output(ids.PRESENTATION_STEP, "data", allow_duplicate=True),
        Input(ids.PRESENTATION_TIMER, "n_intervals"),
        prevent_initial_call=True,
    )
    # step -> screen, position, URL
    app.callback(
        Output(ids.PRESENTATION_SCREEN, "children"),
        Output(ids.PRESENTATION_POSITION, "children"),
        Output(ids.URL, "search", allow_duplicate=True),
        Input(ids.PRESENTATION_STEP, "data"),
        State(ids.PRESENTATION_SHOW, "data"),
        State(ids.URL, "search"),
        prevent_initial_call="initial_duplicate",
    )(draw_step)
