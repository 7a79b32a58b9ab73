"""The monitor's clock: instants in UTC, calendar days in Amsterdam, whatever the host's time zone.

The programme runs on Dutch days: an import at 00:30 in Amsterdam is on that Dutch day, even on a
host whose clock and time zone say UTC and the day before. Every "today" goes through here, and
so does every stored instant, which lets a test freeze both by replacing ``utc_now``.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def utc_now() -> dt.datetime:
    """The current instant, time-zone aware, in UTC (as timestamps are stored)."""
    return dt.datetime.now(dt.UTC)


def now() -> dt.datetime:
    """The current instant on the Amsterdam wall clock."""
    return utc_now().astimezone(AMSTERDAM)


def today() -> dt.date:
    """Today's date in Amsterdam: the import date, the default peildatum's upper bound."""
    return now().date()


def end_of_day(day: dt.date) -> dt.datetime:
    """The first instant after ``day`` in Amsterdam, in UTC: what was stored before it happened on that day.

    Passed to a query as UTC, because SQLite stores instants as naive UTC text.
    """
    after = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=AMSTERDAM)
    return after.astimezone(dt.UTC)
