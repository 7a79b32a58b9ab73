"""Callbacks of the presenter view: every screen's speaker notes from the reports, stepped in the browser."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from dash import ClientsideFunction, Dash, Input, Output, State

from dashboard.auth.viewer import current_viewer
from dashboard.data.narratives import narrative_for
from dashboard.i18n import _, current_language
from dashboard.infra.runtime import runtime
from dashboard.reports.national import national_report
from dashboard.reports.region import region_report
from dashboard.reports.verdict import national_verdict, region_verdict
from dashboard.text.changes import changes_sentence
from dashboard.text.narrative import story_notes
from layouts import ids, presenter
from layouts import presentation as show_layout
from layouts.presentation import Show, Step, parse_show
from layouts.presentation_fit import Window
from layouts.presentation_screens import meetings_since, starts_since


def speaker_notes(step: Step, show: Show) -> list[str]:
    """What the presenter may say at ``step``: the sentences of the report the screen draws from."""
    view, db = show.view(current_viewer(), current_language()), runtime().db
    if step.kind == "regio" and step.region is not None:
        report = region_report(db, view, step.region)
        # The region's own story beside its figures: the explanation per goal, then what is in the way.
        narrative = narrative_for(db, current_viewer(), step.region, report.through)
        return [region_verdict(report.standing), changes_sentence(report.changes)] + (
            story_notes(narrative, report.through) if narrative is not None else []
        )
    national = national_report(db, view)
    since = {"tegels": starts_since, "bijeenkomsten": meetings_since}.get(step.kind)
    return [national_verdict(national), since(national) if since else ""]


def _title(step: Step) -> str:
    return step.title if step.kind != "regio" else _("Regio {name}").format(name=step.title)


def _at(show: Show, steps: list[Step], current: int) -> tuple[str, str, Any]:
    """The position with the current title, the next title and the notes at step ``current``."""
    shown = steps[current - 1]
    following = _title(steps[current]) if current < len(steps) else _("Einde van de presentatie")
    position = show_layout.position(current, len(steps), _title(shown))
    return position, following, presenter.notes(speaker_notes(shown, show))


def draw_presenter(step: int | None, stored: str | None, size: Any = None) -> tuple[str, str, Any, str]:
    """The position with the current title, the next title, the notes and the number of screens.

    ``size`` is the beamer window's, when it has told: the sequence is counted as it shows it.
    """
    show = parse_show(parse_qs(stored.lstrip("?") if isinstance(stored, str) else ""))
    steps = show_layout.sequence(show.regions, show.regions_first, Window.from_store(size))
    chosen = step if isinstance(step, int) and not isinstance(step, bool) else 1
    current = min(max(chosen, 1), len(steps))
    return (*_at(show, steps, current), str(len(steps)))


def draw_presenter_deck(stored: str | None, size: Any = None) -> tuple[list[Any], list[dict[str, str]], str]:
    """The notes of every screen, the titles the browser says at each, and the number of screens.

    Drawn once (again when the beamer's size changes the sequence): stepping is the browser's
    alone (assets/presentation.js), so the presenter keeps its notes when the network drops.
    """
    show = parse_show(parse_qs(stored.lstrip("?") if isinstance(stored, str) else ""))
    steps = show_layout.sequence(show.regions, show.regions_first, Window.from_store(size))
    notes, deck = [], []
    for number in range(1, len(steps) + 1):
        position, following, said = _at(show, steps, number)
        notes.append(presenter.note_slide(number, said))
        deck.append({"current": position, "next": following})
    return notes, deck, str(len(steps))


def register(app: Dash) -> None:
    """Wire this module's callbacks to ``app``."""
    # show opened, beamer size -> the notes of every screen, titles at each step, number of screens
    app.callback(
        Output(ids.PRESENTER_NOTES, "children"),
        Output(ids.PRESENTER_DECK, "data"),
        Output(ids.PRESENTER, "data-total"),
        State(ids.PRESENTER_SHOW, "data"),
        Input(ids.PRESENTER_WINDOW, "data"),
    )(draw_presenter_deck)
    # step (keys or the beamer, via assets/presentation.js), notes drawn -> titles, notes shown
    app.clientside_callback(
        ClientsideFunction("presentation", "present"),
        Output(ids.PRESENTER_CURRENT, "children"),
        Output(ids.PRESENTER_NEXT, "children"),
        Input(ids.PRESENTER_STEP, "data"),
        Input(ids.PRESENTER_DECK, "data"),
    )
