"""Signals about the steering group's actions: an action past its due date and not finished.

The actions live in the region narrative (``dashboard.data.narratives``); the one of the period the
day falls in carries the unfinished actions of earlier periods, so each open action is read once.
"""

from __future__ import annotations

import datetime as dt

from dashboard.auth.viewer import SYSTEM_VIEWER
from dashboard.data.narratives import current_narratives
from dashboard.i18n import N_, LazyText
from dashboard.infra.db import Database
from dashboard.reports.signal import HIGH, MEDIUM, Signal, region_link
from dashboard.reports.view import View
from dashboard.rules import signals as rules
from dashboard.text.lazy import ShownDate
from dashboard.text.markup import to_plain
from geodata import region_refs

# How much of an action's text a signal repeats; the region page shows the whole action.
TEXT_CHARACTERS = 120


def _short(source: str) -> str:
    plain = " ".join(to_plain(source).split())
    return plain if len(plain) <= TEXT_CHARACTERS else plain[: TEXT_CHARACTERS - 1].rstrip() + "…"


def action_signals(db: Database, view: View) -> list[Signal]:
    """An open action past its due date, per action, in every region with a narrative."""
    day = view.peildatum
    result = []
    # Signals are computed for everyone and cut per viewer afterwards: read as the system does.
    narratives = current_narratives(db, SYSTEM_VIEWER, day)
    for ref in region_refs():
        narrative = narratives.get(ref.code)
        if narrative is None:
            continue
        for action in narrative.open_actions():
            if not action.overdue(day):
                continue
            late = (day - action.due).days
            text = LazyText(
                N_(
                    "{regio}: de actie '{actie}' ({eigenaar}) had op {datum} klaar moeten zijn en staat "
                    "nog open. Een afgesproken actie die blijft liggen, komt terug in de stuurgroep."
                ),
                regio=ref.naam,
                actie=_short(action.text),
                eigenaar=action.owner,
                datum=ShownDate(action.due),
            )
            result.append(
                Signal.raised(
                    rules.ACTION,
                    ref.code,
                    action.uid,
                    severity=HIGH if late > rules.ACTION_HIGH_DAYS else MEDIUM,
                    text=text,
                    started=action.due + dt.timedelta(days=1),
                    link=region_link(view, ref.code),
                )
            )
    return result
