"""Callbacks of the presenter view: the current and next screen and the speaker notes from the reports."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from dash import Dash, Input, Output, State

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


def draw_presenter(step: int | None, stored: str | None, size: Any = None) -> tuple[str, str, Any, str]:
    """The position with the current title, the next title, the notes and the number of screens.

    ``size`` is the beamer window's, when it has told: the sequence is counted as it shows it.
    """
    show = parse_show(parse_qs(stored.lstrip("?") if isinstance(stored, str) else ""))
    steps = show_layout.sequence(show.regions, show.regions_first, Window.from_store(size))
    chosen = step if isinstance(step, int) and not isinstance(step, bool) else 1
    current = min(max(chosen, 1), len(steps))
    shown = steps[current - 1]
    following = _title(steps[current]) if current < len(steps) else _("Einde van de presentatie")
    position = show_layout.position(current, len(steps), _title(shown))
    return position, following, presenter.notes(speaker_notes(shown, show)), str(len(steps))


def register(app: Dash) -> None:
    """Wire this module's callbacks to ``app``."""
    # step (keys or the beamer, via assets/presentation.js), beamer size -> titles, notes, total
    app.callback(
        Output(ids.PRESENTER_CURRENT, "children"),
        Output(ids.PRESENTER_NEXT, "children"),
        Output(ids.PRESENTER_NOTES, "children"),
        Output(ids.PRESENTER, "data-total"),
        Input(ids.PRESENTER_STEP, "data"),
        State(ids.PRESENTER_SHOW, "data"),
        Input(ids.PRESENTER_WINDOW, "data"),
    )(draw_presenter)
