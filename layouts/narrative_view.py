"""What the region page's narrative shows for a region and day: for its first layout and its callbacks.

The page layout puts :func:`shown` and :func:`comparison` into the first response; the callbacks in
``callbacks/narrative.py`` call the same functions after a control changes or a version is saved.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dashboard.auth.viewer import current_viewer
from dashboard.data.narrative_periods import period_of
from dashboard.data.narratives import may_write, narrative_with_history, versions
from dashboard.data.themes import themes
from dashboard.i18n import _
from dashboard.infra.runtime import runtime
from dashboard.reports.narrative import Narrative, Period
from dashboard.reports.narrative_compare import compare
from dashboard.text.format import date as format_date
from layouts import narrative as parts


def period_label(period: Period) -> str:
    """``stuurgroep van 19 juni 2026`` or ``1 mei 2026 t/m 31 augustus 2026``."""
    if period.steering_group:
        return _("tot en met de stuurgroep van {date}").format(date=format_date(period.steering_group))
    return _("{start} t/m {end}").format(start=format_date(period.start), end=format_date(period.end))


def _view(region: str, day: dt.date) -> tuple[tuple[Any, ...], dict[str, Narrative]]:
    db, viewer = runtime().db, current_viewer()
    current, history = narrative_with_history(db, viewer, region, day)
    period = period_of(db, region, day)
    writable = may_write(viewer, region)
    form = parts.form(current, themes(db), period_label(period)) if writable else None
    options = parts.history_options(history)
    older = options[-2]["value"] if len(options) > 1 else None
    newer = options[-1]["value"] if options else None
    count = _("{count} versie(s) voor deze periode.").format(count=len(history))
    outputs = (
        parts.explanations(current),
        parts.story(current, day),
        form,
        not writable,
        count,
        options,
        options,
        older,
        newer,
    )
    return outputs, {str(n.version): n for n in history}


def shown(region: str, day: dt.date) -> tuple[Any, ...]:
    """Explanations, story, form (for who may write), its hiding, version count, choices and picks.

    In the order of the outputs of ``callbacks.narrative.show_narrative``.
    """
    return _view(region, day)[0]


def first(region: str, day: dt.date) -> tuple[tuple[Any, ...], list[Any]]:
    """:func:`shown` and the :func:`comparison` of the two versions it picks, from one read."""
    outputs, history = _view(region, day)
    return outputs, _compared(history, outputs[-2], outputs[-1])


def comparison(region: str, day: dt.date, older: str | None, newer: str | None) -> list[Any]:
    """What changed between two saved versions of this period's narrative, field by field."""
    if not older or not newer:
        return []
    db = runtime().db
    history = {
        str(n.version): n for n in versions(db, current_viewer(), region, period_of(db, region, day).key)
    }
    return _compared(history, older, newer)


def _compared(history: dict[str, Narrative], older: str | None, newer: str | None) -> list[Any]:
    if not older or not newer or older not in history or newer not in history:
        return []
    return parts.comparison(compare(history[older], history[newer]))
