"""A job's state in words, in the reader's language (the rows hold Dutch message ids only)."""

from __future__ import annotations

from dashboard.data.jobs import INTERRUPTED, JobState
from dashboard.i18n import N_, _
from dashboard.text import format as fmt

STEPS = {
    "figuur": N_("figuur {stap} van {totaal}"),
    "rij": N_("rij {stap} van {totaal} gecontroleerd"),
    "opslaan": N_("rijen opslaan"),
    "lezen": N_("bestand lezen"),
    "regio": N_("regio {stap} van {totaal} vastgelegd"),
}
WAITING = N_("Wacht op een vrije verwerker…")
BUSY = N_("Bezig…")
DONE = N_("Klaar.")
STOPPED = N_("Gestopt. Er is niets opgeslagen.")
INTERRUPTED_TEXT = N_(
    "Het maken is onderbroken: de verwerker is gestopt. Er is niets opgeslagen. Probeer het opnieuw."
)


def step_text(state: JobState) -> str:
    """``figuur 7 van 23``, ``rij 120.000 van 263.157 gecontroleerd``, or the state in words."""
    if state.toestand == "wachtend":
        return _(WAITING)
    if state.toestand == "klaar":
        return _(DONE)
    if state.toestand == "gestopt":
        return _(STOPPED)
    if state.toestand == "mislukt":
        return failure_text(state)
    template = STEPS.get(state.eenheid)
    if template is None:
        return _(BUSY)
    return _(template).format(stap=fmt.number(state.stap), totaal=fmt.number(state.totaal))


def failure_text(state: JobState) -> str:
    """Why the job failed, in Dutch (or English), never a traceback."""
    return _(INTERRUPTED_TEXT) if state.fout == INTERRUPTED else _(state.fout or INTERRUPTED_TEXT)


def percent(state: JobState) -> int:
    """How far the job is, 0–100, for a progress bar."""
    if state.toestand == "klaar":
        return 100
    return round(100 * state.stap / state.totaal) if state.totaal else 0
