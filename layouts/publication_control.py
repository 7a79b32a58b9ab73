"""The publication control and the peildatum move together: one rule for every page that has both."""

from __future__ import annotations

from dash import NoUpdate, no_update

from dashboard.auth.viewer import current_viewer
from dashboard.infra.runtime import current_peildatum, runtime
from dashboard.reports.snapshot_choice import follow
from dashboard.reports.view import View


def synced(
    view: View, by_choice: bool, peildatum_raw: str | None, year_raw: str | None, publication_raw: str | None
) -> tuple[str | NoUpdate, str | NoUpdate, str | NoUpdate]:
    """The peildatum, year and publication control values after one of them changed.

    ``by_choice``: the reader chose a snapshot (the peildatum and year follow it); else a typed
    peildatum moves the control to what that day shows. A value already shown is not sent again,
    so the two controls cannot chase each other.
    """
    day, value = follow(runtime().db, view, current_viewer(), current_peildatum(), by_choice)
    return (
        day.isoformat() if day.isoformat() != peildatum_raw else no_update,
        str(day.year) if by_choice and str(day.year) != year_raw else no_update,
        value if value != publication_raw else no_update,
    )
