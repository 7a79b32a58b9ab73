"""The "t/m" date of a view as a reader reads it: one rule for every label that dates figures."""

from __future__ import annotations

import datetime as dt

from dashboard.i18n import _
from dashboard.rules import metrics
from dashboard.text import format as fmt


def through(year: int, peildatum: dt.date, outflow: bool = True) -> str:
    """The day the figures of ``year`` at the peildatum stand on, for after *t/m*.

    *31 december 2025 (uitstroom t/m 15 oktober 2026)* for 2025 at 15 October 2026: the year's
    starts and meetings end on 31 December, its start cohort's outflow is followed to the
    peildatum. Just *15 oktober 2026* when both are the same day.

    Args:
        year: the year of the view.
        peildatum: the peildatum of the view.
        outflow: whether the labelled figures include cohort outflow; without it, only the
            year's own day is named.
    """
    last = fmt.date(metrics.effective_date(year, peildatum))
    later = metrics.followed_until(year, peildatum)
    if not outflow or later is None:
        return last
    return _("{date} (uitstroom t/m {later})").format(date=last, later=fmt.date(later))
