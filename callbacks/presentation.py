"""Callbacks of presentation mode: stepping through the sequence and drawing the current screen."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

import plotly.graph_objects as go
from dash import ClientsideFunction, Dash, Input, NoUpdate, Output, State, dcc, html, no_update

from callbacks.national import update_map, update_national, update_ranking
from callbacks.region import update_region
from dashboard.data.meetings import last_case_discussion
from dashboard.data.progress import progress_by_region
from dashboard.i18n import _, current_language
from dashboard.infra.runtime import runtime
from dashboard.rules.metrics import effective_date
from dashboard.text.as_of import through
from layouts import ids, meetings
from layouts import presentation as show_layout
from layouts.figures.maps import TILES
from layouts.presentation import FIGURE_FONT, Show, Step, parse_show


def static_config() -> dcc.Graph.Config:
    """A graph without mode bar, in the page's language (known per request, so not a constant)."""
    return {"displayModeBar": False, "locale": current_language()}


def show_from_store(stored: str | None) -> Show:
    """The show kept in the page's store (its own query string)."""
    return parse_show(parse_qs((stored or "").lstrip("?")))


def _big(figure: go.Figure, height: int = 470) -> dcc.Graph:
    figure.update_layout(
        font={"size": FIGURE_FONT}, height=height, hoverlabel={"font": {"size": FIGURE_FONT}}
    )
    return dcc.Graph(figure=figure, config=static_config())


def _screen_body(step: Step, show: Show) -> list[Any]:
    year, day = str(show.year), show.peildatum.isoformat()
    if step.kind == "tegels":
        since = show.since.isoformat() if show.since is not None else None
        tiles, _heading = update_national(year, day, since)
        return [html.Div(tiles, className="row g-3")]
    if step.kind == "kaart":
        figure, _note, summary = update_map("doel", TILES, year, day, None)
        return [_big(figure, 460), html.P(summary, className="presentation-summary")]
    if step.kind == "rangorde":
        figure, summary, _links = update_ranking("doel", year, day, None)
        return [_big(figure, 520), html.P(summary, className="presentation-summary")]
    if step.kind == "regio" and step.region is not None:
        cards, heading, *_rest = update_region(year, step.region, day, None, None)
        return [html.P(heading, className="presentation-summary"), html.Div(cards, className="row g-3")]
    db = runtime().db
    frame = progress_by_region(db, show.year, show.peildatum)
    if show.regions:
        frame = frame[frame["code"].isin(show.regions)]
    last_case = last_case_discussion(db, effective_date(show.year, show.peildatum))
    return [meetings.meetings_table(frame, last_case, show.year, show.peildatum)]


def draw_step(
    step: int | None, stored: str | None, search: str | None = None
) -> tuple[Any, str, str | NoUpdate]:
    """The current screen, the position indicator and the URL query of this exact screen."""
    show = show_from_store(stored)
    steps = show_layout.sequence(show.regions)
    current = min(max(step or 1, 1), len(steps))
    shown = steps[current - 1]
    # Tiles and region gauges show cohort outflow, followed past the end of a past year.
    day = through(show.year, show.peildatum, outflow=shown.kind in ("tegels", "regio"))
    title = shown.title if shown.kind != "regio" else _("Regio {name}").format(name=shown.title)
    body = show_layout.screen(f"{title} · {show.year}", day, _screen_body(shown, show), show.since)
    query = show.query(current)
    # Each step is a history entry (Back steps back), but the opening screen is not written twice.
    shown_query = parse_qs((search or "").lstrip("?"))
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
