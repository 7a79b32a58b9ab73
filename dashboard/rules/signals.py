"""When a figure needs somebody to act: the signal rules and every threshold they use (pure).

Each threshold is written down here once, with why it has this value; ``docs/signals.md`` explains
them to readers. The reports (``dashboard.reports.signals``) feed these functions the figures and
build the signals; nothing here reads the database or knows a language.

Every rule answers two questions: does the condition hold on a day, and since which day (the
first day of the stretch it has held without a break). A signal is computed, never stored, so it
ends by itself on the first day its condition no longer holds.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Sequence
from typing import Final

from dashboard.rules import domain, metrics
from dashboard.rules.region_metrics import OUTFLOW_BELOW

# The rule names: stable words, part of a signal's key and of the "gezien" marks.
PACE: Final = "tempo"
CASES: Final = "casus"
LEARNING: Final = "leer"
DELIVERY: Final = "levering"
OUTFLOW: Final = "uitstroom"
ANOMALY: Final = "afwijking"
REDELIVERY: Final = "herlevering"
ACTION: Final = "actie"
RULES: Final = (PACE, CASES, LEARNING, DELIVERY, OUTFLOW, ANOMALY, REDELIVERY, ACTION)

# --- Thresholds -------------------------------------------------------------------------------

# Case discussions: the covenant asks for one at least every 45 days, so day 45 after the last is
# still in time and day 46 is overdue. Twice that long means the rhythm has stopped: severity high.
CASE_OVERDUE_DAYS: Final = domain.CASE_DISCUSSION_MAX_GAP_DAYS
CASE_OVERDUE_HIGH_DAYS: Final = 2 * CASE_OVERDUE_DAYS

# Learning sessions: the goal is 3 a year (a region may agree another number). With counts this
# small the pace word would call a region "ver achter" in January for lacking a third of a
# session; a region is behind when it has held fewer than the whole sessions its pace asks by now.
LEARNING_SESSIONS_A_YEAR: Final = domain.DEFAULT_TARGET_LEARNING_SESSIONS

# Outflow: a mature cohort below its goal (40 % unless the region agreed another); exactly on the
# goal is reached. Below the goal even at the top of its 95 % interval is not chance: severity high.
OUTFLOW_TARGET_PCT: Final = domain.DEFAULT_TARGET_SUSTAINABLE_PCT

# Quarterly delivery: the default number of days after a quarter's end that its data may still
# come in (the setting ``HZW_DELIVERY_DEADLINE_DAYS`` overrides it). On the deadline day itself the
# delivery is not late yet. Two quarters missing in a row: severity high.
DELIVERY_DEADLINE_DAYS: Final = 42
DELIVERY_HIGH_QUARTERS: Final = 2

# Data anomalies in an organisation's quarterly count of started trajectories: outside
# median ± k·MAD of its earlier quarters (the Hampel rule). The MAD is scaled by 1.4826 so that it
# estimates the standard deviation of normal noise, and k = 3 keeps ordinary quarters inside (about
# 3 in 1000 fall out by chance); a count exactly on the band's edge is inside. The MAD never counts
# as less than 1 trajectory, or an organisation with the same count every quarter would be flagged
# for a change of one. Fewer than 4 earlier quarters are no history to judge by.
MAD_SCALE: Final = 1.4826
ANOMALY_K: Final = 3.0
ANOMALY_MIN_MAD: Final = 1.0
ANOMALY_MIN_HISTORY: Final = 4
ANOMALY_HISTORY_QUARTERS: Final = 8

# Re-deliveries: a file that changes more than a quarter of the rows it delivers again is more
# often a changed export than a changed reality. Exactly 25 % is not a signal; fewer than 20
# re-delivered rows say too little to judge. The signal stays for 90 days after the file, or until
# the organisation's next delivery.
REDELIVERY_CHANGED_SHARE: Final = 0.25
REDELIVERY_MIN_ROWS: Final = 20
REDELIVERY_DAYS: Final = 90

# Steering-group actions: past the due date and still open (or busy) is a signal from the next
# day; a month late, it has been skipped at a meeting already: severity high.
ACTION_HIGH_DAYS: Final = 30

# Pace of the started trajectories, from good to bad; "geen gegevens" is not on this scale.
PACE_ORDER: Final = (
    metrics.PaceStatus.OP_KOERS.value,
    metrics.PaceStatus.ACHTER.value,
    metrics.PaceStatus.VER_ACHTER.value,
)


# --- Rules -------------------------------------------------------------------------------------


def pace_worse(then: str, now: str) -> bool:
    """Whether the pace status went down a step or more (``op koers`` → ``achter``, …).

    A status without data on either day says nothing about a change.
    """
    if then not in PACE_ORDER or now not in PACE_ORDER:
        return False
    return PACE_ORDER.index(now) > PACE_ORDER.index(then)


def case_overdue_since(last: dt.date | None, day: dt.date, first: dt.date) -> dt.date | None:
    """The first overdue day when a case discussion is overdue on ``day``, else None.

    Args:
        last: the last case discussion on or before ``day``, or None when there never was one.
        day: the day looked at.
        first: the day counting starts without any case discussion (the programme's start).
    """
    start = (last or first) + dt.timedelta(days=CASE_OVERDUE_DAYS + 1)
    return start if day >= start else None


def learning_sessions_due(target: float, year: int, day: dt.date) -> int:
    """The whole learning sessions the pace asks for by ``day`` (floor of target × year elapsed)."""
    # A small margin keeps a float product such as 2.9999999 from losing a whole session.
    return math.floor(metrics.expected_by(target, year, day) + 1e-9)


def learning_behind_since(
    sessions: Sequence[dt.date], target: float, year: int, day: dt.date
) -> dt.date | None:
    """The first day of the stretch up to ``day`` in which the region held fewer sessions than due.

    Args:
        sessions: the days of the region's learning sessions of ``year`` (any order).
        target: the year's goal.
        year: the year.
        day: the day looked at.

    Returns:
        None when the region is not behind on ``day``.
    """

    def behind(on: dt.date) -> bool:
        held = sum(1 for s in sessions if s <= on)
        return learning_sessions_due(target, year, on) > held

    if not behind(day):
        return None
    start = day
    first = dt.date(year, 1, 1)
    while start > first and behind(start - dt.timedelta(days=1)):
        start -= dt.timedelta(days=1)
    return start


def outflow_below(pct: float | None, target: float | None, mature: bool) -> bool:
    """Whether a mature cohort's sustainable outflow is below its goal (on the goal is reached)."""
    if pct is None or target is None or not mature:
        return False
    return pct < target


def outflow_status_below(status: str) -> bool:
    """Whether a report's outflow status word says *onder doel*."""
    return status == OUTFLOW_BELOW


def cohort_mature_from(cohort: int) -> dt.date:
    """The first day start cohort ``cohort`` counts as mature (all its starts had six months)."""
    day = dt.date(cohort, 12, 31)
    while not metrics.cohort_is_mature(cohort, day):
        day += dt.timedelta(days=1)
    return day


def quarter_end(year: int, quarter: int) -> dt.date:
    """The last day of a quarter."""
    if quarter == 4:
        return dt.date(year, 12, 31)
    return dt.date(year, 3 * quarter + 1, 1) - dt.timedelta(days=1)


def delivery_deadline(year: int, quarter: int, days: int = DELIVERY_DEADLINE_DAYS) -> dt.date:
    """The last day a quarter's delivery is in time."""
    return quarter_end(year, quarter) + dt.timedelta(days=days)


def last_judged_quarter(day: dt.date, days: int = DELIVERY_DEADLINE_DAYS) -> tuple[int, int]:
    """The latest quarter whose delivery deadline lies before ``day`` (so it can be late on ``day``)."""
    year, quarter = day.year, (day.month - 1) // 3 + 1
    while delivery_deadline(year, quarter, days) >= day:
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return year, quarter


def anomaly_band(history: Sequence[float]) -> tuple[float, float] | None:
    """The band ``median ± k·MAD`` of earlier quarterly counts, or None with too short a history."""
    if len(history) < ANOMALY_MIN_HISTORY:
        return None
    middle = statistics.median(history)
    mad = max(statistics.median(abs(x - middle) for x in history), ANOMALY_MIN_MAD)
    spread = ANOMALY_K * MAD_SCALE * mad
    return middle - spread, middle + spread


def outside_band(value: float, band: tuple[float, float] | None) -> bool:
    """Whether ``value`` lies outside ``band`` (a value on the edge is inside)."""
    return band is not None and (value < band[0] or value > band[1])


def redelivery_changed(changed: int, unchanged: int) -> float | None:
    """The share of re-delivered rows a file changed, or None when it re-delivered too few to judge."""
    again = changed + unchanged
    if again < REDELIVERY_MIN_ROWS:
        return None
    return changed / again


def redelivery_suspect(changed: int, unchanged: int) -> bool:
    """Whether a file changed more than the allowed share of the rows it delivered again."""
    share = redelivery_changed(changed, unchanged)
    return share is not None and share > REDELIVERY_CHANGED_SHARE
