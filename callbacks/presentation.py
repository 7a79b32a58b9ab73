"""Callbacks of presentation mode: every screen drawn when the show opens, stepped in the browser."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from dash import ClientsideFunction, Dash, Input, NoUpdate, Output, State, no_update

from dashboard.auth.viewer import current_viewer
from dashboard.data.narratives import narrative_for
from dashboard.i18n import _, current_language
from dashboard.infra.runtime import runtime
from dashboard.reports.national import national_report
from dashboard.reports.publication import heading_mark, published_view
from dashboard.reports.region import region_report
from dashboard.reports.since import Comparison
from dashboard.reports.view import View
from dashboard.text.as_of import through
from dashboard.text.changes import difference_phrase
from layouts import ids
from layouts import presentation as show_layout
from layouts import presentation_screens as screens
from layouts.presentation import Show, Step, parse_show
from layouts.presentation_fit import Window


def show_from_store(stored: str | None) -> Show:
    """The show kept in the page's store (its own query string); anything else is the plain show."""
    return parse_show(parse_qs(stored.lstrip("?") if isinstance(stored, str) else ""))


def _screen_body(step: Step, show: Show, window: Window, view: View | None = None) -> tuple[list[Any], str]:
    """The screen's content and what its changes compare with (the line under its title).

    Every screen shows a change: a region's since its own comparison day (by default its last
    stuurgroep), the national ones since the show's (by default the last national stuurgroep,
    else the same date a year earlier).
    """
    db = runtime().db
    view = view if view is not None else show.view(current_viewer(), current_language())
    if step.kind == "regio" and step.region is not None:
        report = region_report(db, view, step.region)
        # The narrative of the period the figures stand in, as the viewer may read it.
        narrative = narrative_for(db, current_viewer(), step.region, report.through)
        return screens.region_screen(report, window, narrative), _compared(report.changes.comparison)
    national = national_report(db, view)
    if step.kind == "bijeenkomsten":
        body = screens.meetings_screen(national, show.regions, step.rows)
    else:
        draw = {
            "tegels": screens.tiles_screen,
            "kaart": screens.map_screen,
            "rangorde": screens.ranking_screen,
        }
        body = draw[step.kind](national, window)
    return body, _compared(national.compared_with)


def _compared(comparison: Comparison | None) -> str:
    return "" if comparison is None or comparison.day is None else difference_phrase(comparison)


def _figures(show: Show) -> tuple[View, str]:
    """The view the show's figures are drawn at, and the mark saying whether they are published.

    Everyone but beheer is shown the snapshot standing at the peildatum, as on the pages.
    """
    view, found = published_view(
        runtime().db, show.view(current_viewer(), current_language()), current_viewer()
    )
    return view, heading_mark(found)


def _drawn(
    show: Show, steps: list[Step], current: int, window: Window, figures: tuple[View, str]
) -> tuple[Any, str]:
    """Screen ``current`` (1-based) of ``steps`` at ``figures`` (``_figures``), and its position line."""
    shown = steps[current - 1]
    # Tiles and region gauges show cohort outflow, followed past the end of a past year.
    day = through(show.year, show.peildatum, outflow=shown.kind in ("tegels", "regio"))
    title = shown.title if shown.kind != "regio" else _("Regio {name}").format(name=shown.title)
    view, mark = figures
    content, compared = _screen_body(shown, show, window, view)
    body = show_layout.screen(f"{title} · {show.year}", day, content, compared, mark)
    return body, show_layout.position(current, len(steps), shown.title)


def draw_deck(stored: str | None, size: Any = None) -> tuple[list[Any], list[dict[str, str]], str]:
    """Every screen of the show, what the browser says and writes at each, and the number of screens.

    One request when the show opens (and when the window changes size, ``size`` being
    ``{"width": …, "height": …}``): the screens are drawn to fit it. Stepping is the browser's
    alone (assets/presentation.js), so a show once open keeps going when the network drops.
    """
    show, window = show_from_store(stored), Window.from_store(size)
    steps = show_layout.sequence(show.regions, show.regions_first, window)
    slides, deck, taken = [], [], set[str]()
    figures = _figures(show)
    for number in range(1, len(steps) + 1):
        body, said = _drawn(show, steps, number, window, figures)
        slides.append(show_layout.slide(number, body, taken))
        deck.append({"position": said, "query": show.query(number)})
    return slides, deck, str(len(steps))


def draw_step(
    step: int | None, stored: str | None, search: str | None = None, size: Any = None
) -> tuple[Any, str, str | NoUpdate, str]:
    """One screen as the deck draws it: the screen, the position, its URL query and the number of screens.

    The query is ``no_update`` when ``search`` already shows this screen.
    """
    show, window = show_from_store(stored), Window.from_store(size)
    steps = show_layout.sequence(show.regions, show.regions_first, window)
    # The step comes from the browser's store: a forged one that is no number means the first.
    chosen = step if isinstance(step, int) and not isinstance(step, bool) else 1
    current = min(max(chosen, 1), len(steps))
    body, said = _drawn(show, steps, current, window, _figures(show))
    shown_query = parse_qs(search.lstrip("?") if isinstance(search, str) else "")
    if parse_show(shown_query) == show and shown_query.get("stap", ["1"])[0] == str(current):
        return body, said, no_update, str(len(steps))
    return body, said, show.query(current), str(len(steps))


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
    # page load -> window size (later sizes come from assets/presentation.js on resize)
    app.clientside_callback(
        ClientsideFunction("presentation", "size"),
        Output(ids.PRESENTATION_WINDOW, "data"),
        Input(ids.PRESENTATION_SHOW, "data"),
    )
    # show opened, window size -> every screen, the position line and URL of each, number of screens
    app.callback(
        Output(ids.PRESENTATION_SCREEN, "children"),
        Output(ids.PRESENTATION_DECK, "data"),
        Output(ids.PRESENTATION, "data-total"),
        State(ids.PRESENTATION_SHOW, "data"),
        Input(ids.PRESENTATION_WINDOW, "data"),
    )(draw_deck)
    # step (keys, buttons, timer, presenter), deck drawn -> screen and position line shown (by the
    # script itself, in the same frame), URL; no request
    app.clientside_callback(
        ClientsideFunction("presentation", "show"),
        Output(ids.URL, "search", allow_duplicate=True),
        Input(ids.PRESENTATION_STEP, "data"),
        Input(ids.PRESENTATION_DECK, "data"),
        prevent_initial_call="initial_duplicate",
    )
