"""Meeting cadence of one region: its meetings, who attended them, and gaps between case discussions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import ColumnElement, func, select

from dashboard.data.models import Meeting, Organisation, meeting_organisation
from dashboard.infra.cache import cached
from dashboard.infra.db import Database
from dashboard.rules import domain
from dashboard.rules.metrics import effective_date

MEETING_COLUMNS = ["datum", "soort", "deelnemers", "onderwerp"]
ATTENDANCE_COLUMNS = ["soort", "organisatie_soort", "bijeenkomsten"]
KNOWN_ATTENDANCE_COLUMNS = ["soort", "bijeenkomsten", "met_organisaties"]


@dataclass(frozen=True)
class Gap:
    """A stretch without case discussion: from ``start`` to ``end``, ``days`` long.

    ``open`` means no case discussion closed it: it runs up to the last day that counts.
    """

    start: dt.date
    end: dt.date
    days: int
    open: bool


def _in_period(region: str, year: int, peildatum: dt.date) -> list[ColumnElement[bool]]:
    return [
        Meeting.region_code == region,
        Meeting.datum.between(dt.date(year, 1, 1), effective_date(year, peildatum)),
    ]


@cached
def meetings_of_region(db: Database, region: str, year: int, peildatum: dt.date) -> pd.DataFrame:
    """Every meeting of a region in ``year`` up to the peildatum.

    Args:
        db: the database.
        region: the region's CBS code (``AM09``).
        year: the calendar year.
        peildatum: nothing dated after it counts.

    Returns:
        One row per meeting, ordered by date, with ``datum`` (``datetime.date``), ``soort``,
        ``deelnemers`` (nullable ``Int64``) and ``onderwerp`` (empty string when none was given).
    """
    query = (
        select(Meeting.datum, Meeting.soort, Meeting.deelnemers, Meeting.onderwerp)
        .where(*_in_period(region, year, peildatum))
        .order_by(Meeting.datum, Meeting.soort, Meeting.onderwerp)
    )
    with db.engine.connect() as connection:
        frame = pd.DataFrame(connection.execute(query).all(), columns=MEETING_COLUMNS)
    frame["deelnemers"] = frame["deelnemers"].astype("Int64")
    return frame


@cached
def attendance_by_type(db: Database, region: str, year: int, peildatum: dt.date) -> pd.DataFrame:
    """Per meeting kind and organisation type, at how many meetings that type was present.

    A meeting counts once per type, however many organisations of that type attended.
    Organisations without a known type are left out. Read the counts against
    ``meetings_with_attendance``: most files do not list the organisations present.

    Args:
        db: the database.
        region: the region's CBS code (``AM09``).
        year: the calendar year.
        peildatum: nothing dated after it counts.

    Returns:
        Columns ``soort`` (meeting kind), ``organisatie_soort`` and ``bijeenkomsten``; pairs that
        never occurred are omitted.
    """
    query = (
        select(Meeting.soort, Organisation.soort, func.count(Meeting.id.distinct()))
        .join(meeting_organisation, meeting_organisation.c.meeting_id == Meeting.id)
        .join(Organisation, Organisation.id == meeting_organisation.c.organisation_id)
        .where(*_in_period(region, year, peildatum), Organisation.soort.is_not(None))
        .group_by(Meeting.soort, Organisation.soort)
        .order_by(Meeting.soort, Organisation.soort)
    )
    with db.engine.connect() as connection:
        return pd.DataFrame(connection.execute(query).all(), columns=ATTENDANCE_COLUMNS)


@cached
def meetings_with_attendance(db: Database, region: str, year: int, peildatum: dt.date) -> pd.DataFrame:
    """Per meeting kind, how many meetings there were and at how many the attendance is known.

    Args:
        db: the database.
        region: the region's CBS code (``AM09``).
        year: the calendar year.
        peildatum: nothing dated after it counts.

    Returns:
        Columns ``soort``, ``bijeenkomsten`` (all meetings of that kind) and ``met_organisaties``
        (meetings with at least one recorded organisation, typed or not); kinds without meetings
        are omitted.
    """
    attended = select(meeting_organisation.c.meeting_id).distinct().subquery()
    query = (
        select(Meeting.soort, func.count(Meeting.id), func.count(attended.c.meeting_id))
        .outerjoin(attended, attended.c.meeting_id == Meeting.id)
        .where(*_in_period(region, year, peildatum))
        .group_by(Meeting.soort)
        .order_by(Meeting.soort)
    )
    with db.engine.connect() as connection:
        return pd.DataFrame(connection.execute(query).all(), columns=KNOWN_ATTENDANCE_COLUMNS)


def case_discussion_gaps(
    dates: Sequence[dt.date],
    year: int,
    peildatum: dt.date,
    max_gap_days: int = domain.CASE_DISCUSSION_MAX_GAP_DAYS,
    *,
    previous: dt.date | None = None,
) -> list[Gap]:
    """The stretches of more than ``max_gap_days`` days without case discussion in ``year``.

    The period runs from 1 January to ``effective_date(year, peildatum)``. Case discussions
    outside it are ignored. The stretches considered are, in order:

    * from ``previous`` (the last case discussion before the year), or from 1 January when it
      is not given, to the first case discussion of the period;
    * between each two consecutive case discussions;
    * from the last case discussion (or the start, when there was none) to the end of the
      period; this one is ``open``.

    A stretch's ``days`` is ``(end - start).days`` and it is listed when that exceeds
    ``max_gap_days``. That is the overdue rule of the meetings page (``layouts.meetings.overdue``):
    the open stretch is listed exactly when the region is overdue on the period's last day,
    provided ``previous`` is given.

    Args:
        dates: dates of case discussions, in any order; duplicates count once.
        year: the calendar year.
        peildatum: nothing dated after it counts.
        max_gap_days: the longest stretch that is still on schedule.
        previous: the last case discussion before ``year``, if any.

    Returns:
        The gaps in date order; empty before the year has begun.
    """
    first, last = dt.date(year, 1, 1), effective_date(year, peildatum)
    if last < first:
        return []
    held = sorted({d for d in dates if first <= d <= last})
    start = previous if previous is not None and previous < first else first
    gaps = []
    for end, is_open in [*((d, False) for d in held), (last, True)]:
        days = (end - start).days
        if days > max_gap_days:
            gaps.append(Gap(start, end, days, is_open))
        start = end
    return gaps
