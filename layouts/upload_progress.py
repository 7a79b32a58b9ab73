"""The progress of an upload being checked or imported in the background, with its stop button."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from dashboard.data.jobs import JobState
from dashboard.i18n import _
from dashboard.jobs import words
from layouts import ids


def _bar(percent: int, file_name: str) -> html.Div:
    # Bootstrap's markup with the name and values a screen reader needs (dbc.Progress takes no
    # aria-label).
    names: dict[str, Any] = {
        "aria-label": _("Voortgang van {bestand}").format(bestand=file_name),
        "aria-valuenow": str(percent),
        "aria-valuemin": "0",
        "aria-valuemax": "100",
    }
    return html.Div(
        html.Div(className="progress-bar", style={"width": f"{percent}%"}),
        className="progress mb-1",
        role="progressbar",
        style={"maxWidth": "30rem"},
        **names,
    )


def sending(file_name: str) -> html.Div:
    """Shown once the file has arrived and its job is queued."""
    return html.Div(
        [
            _bar(0, file_name),
            html.Span(_("{bestand}: wacht op een vrije verwerker…").format(bestand=file_name)),
        ],
        className="small",
    )


def progress(state: JobState, file_name: str) -> html.Div:
    """``rij 120.000 van 263.157 gecontroleerd`` with a bar and a button that stops the job."""
    return html.Div(
        [
            _bar(words.percent(state), file_name),
            html.Span(f"{file_name}: {words.step_text(state)} ", role="status"),
            dbc.Button(_("Stoppen"), id=ids.UPLOAD_STOP, color="link", size="sm", className="p-0"),
        ],
        className="small",
    )


def ended(state: JobState) -> html.Div | None:
    """What stays after a job that did not finish its work (stopped); None otherwise."""
    if state.toestand == "gestopt":
        return html.Div(words.step_text(state), className="small text-muted")
    return None
