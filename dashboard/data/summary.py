"""The trajectory summary: counts per organisation, event, start cohort and month, exact at any day.

Every count the pages show is "trajectories of start cohort Y whose event date falls on or before
a day" (the peildatum, or the last day of the cohort's year). The summary holds those counts per
calendar month of the event date; a day inside a month is answered by the summary for the months
before it plus the trajectories of that month itself, read through the index on that date.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import pandas as pd
from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    String,
    Table,
    and_,
    bindparam,
    case,
    delete,
    func,
    insert,
    literal,
    or_,
    select,
    true,
    type_coerce,
    union_all,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from dashboard.data.models import Organisation, Trajectory, TrajectorySummary
from dashboard.rules.domain import WITHDRAWN

SUMMARY = cast(Table, TrajectorySummary.__table__)
TRAJECTORY = cast(Table, Trajectory.__table__)
ORGANISATION = cast(Table, Organisation.__table__)
KEY_COLUMNS = ("organisation_id", "soort", "cohort", "jaarmaand", "methode", "financiering")
# Trajectory ids per statement when an import takes its changed rows out of the summary.
ID_CHUNK = 1000


def _year(day: ColumnElement[Any]) -> ColumnElement[int]:
    return func.cast(func.extract("year", day), Integer)


def _year_month(day: ColumnElement[Any]) -> ColumnElement[int]:
    return func.cast(func.extract("year", day) * 100 + func.extract("month", day), Integer)


def year_month(day: dt.date) -> int:
    """``202609`` for any day in September 2026, as the summary stores months."""
    return day.year * 100 + day.month


def _is_month_end(day: dt.date) -> bool:
    return (day + dt.timedelta(days=1)).day == 1


@dataclass(frozen=True)
class Event:
    """Something that happens to a trajectory on a date, counted toward a start cohort."""

    name: str
    date: ColumnElement[Any]
    cohort: ColumnElement[int]
    where: ColumnElement[bool]
    by_mix: bool = False  # also kept per method and funding stream
    # The condition "date between lo and hi" in a form the date indexes can serve.
    within: Callable[[dt.date, dt.date], ColumnElement[bool]] | None = field(default=None, compare=False)

    def between(self, first: dt.date, last: dt.date) -> ColumnElement[bool]:
        """Rows whose event date lies in ``first`` … ``last``."""
        return self.within(first, last) if self.within else self.date.between(first, last)


_S, _A = TRAJECTORY.c.startdatum, TRAJECTORY.c.aanmelddatum
# A withdrawn trajectory was taken back by its sender: it stays stored but no event counts it.
COUNTED = or_(TRAJECTORY.c.eindreden.is_(None), TRAJECTORY.c.eindreden != WITHDRAWN)
_P, _D, _E = TRAJECTORY.c.plaatsingsdatum, TRAJECTORY.c.duurzaam_datum, TRAJECTORY.c.einddatum

STARTED = Event("gestart", _S, _year(_S), true())
PLACED = Event("geplaatst", _P, _year(_S), _P.is_not(None))
SUSTAINABLE = Event("duurzaam", _D, _year(_S), _D.is_not(None))
ENDED = Event("geeindigd", _E, _year(_S), _E.is_not(None))
# Ended and in sustainable work: counted on the later of both dates, when both have happened.
ENDED_SUSTAINABLE = Event(
    "geeindigd_duurzaam",
    case((_E >= _D, _E), else_=_D),
    _year(_S),
    and_(_E.is_not(None), _D.is_not(None)),
    within=lambda lo, hi: or_(and_(_E.between(lo, hi), _D <= hi), and_(_D.between(lo, hi), _E <= hi)),
)
WITHOUT_REFERRAL = Event("zonder_aanmelding", _S, _year(_S), _A.is_(None))
# Started in the cohort year but referred in an earlier year: part of the cohort's *aangemeld*.
REFERRED_BEFORE = Event("eerder_aangemeld", _S, _year(_S), and_(_A.is_not(None), _year(_A) < _year(_S)))
# Referrals count toward the year of the referral itself, started or not.
REFERRED = Event("aangemeld", _A, _year(_A), _A.is_not(None))
STARTED_MIX = Event("gestart_mix", _S, _year(_S), true(), by_mix=True)
SUSTAINABLE_MIX = Event("duurzaam_mix", _D, _year(_S), _D.is_not(None), by_mix=True)

EVENTS = (
    STARTED,
    PLACED,
    SUSTAINABLE,
    ENDED,
    ENDED_SUSTAINABLE,
    WITHOUT_REFERRAL,
    REFERRED_BEFORE,
    REFERRED,
    STARTED_MIX,
    SUSTAINABLE_MIX,
)


def _aggregate(event: Event, rows: ColumnElement[bool]) -> Any:
    """The summary rows of ``event`` for the trajectories matching ``rows``."""
    month = _year_month(event.date)
    if event.by_mix:
        method: Any = TRAJECTORY.c.methode
        funding: Any = type_coerce(func.coalesce(TRAJECTORY.c.financiering, ""), String)
        extra = [method, funding]
    else:
        method = funding = literal("", String)
        extra = []
    return (
        select(
            TRAJECTORY.c.organisation_id,
            literal(event.name, String).label("soort"),
            event.cohort.label("cohort"),
            month.label("jaarmaand"),
            method.label("methode"),
            funding.label("financiering"),
            func.count().label("aantal"),
        )
        .where(event.where, COUNTED, rows)
        .group_by(TRAJECTORY.c.organisation_id, event.cohort, month, *extra)
    )


def rebuild(connection: Connection | Session) -> None:
    """Compute the whole summary afresh from the trajectories (bulk load, check and repair)."""
    connection.execute(delete(SUMMARY))
    for event in EVENTS:
        connection.execute(
            insert(SUMMARY).from_select(list(KEY_COLUMNS) + ["aantal"], _aggregate(event, true()))
        )


def aggregation() -> Any:
    """The whole summary as ``rebuild`` would write it, as one query (key columns and ``aantal``)."""
    return union_all(*(_aggregate(event, true()) for event in EVENTS))


def counted(connection: Connection | Session, rows: ColumnElement[bool]) -> Counter[tuple[Any, ...]]:
    """What the trajectories matching ``rows`` contribute to the summary, by summary key."""
    result: Counter[tuple[Any, ...]] = Counter()
    for event in EVENTS:
        for row in connection.execute(_aggregate(event, rows)):
            result[tuple(row[:-1])] += int(row[-1])
    return result


def counted_by_id(connection: Connection | Session, ids: Sequence[int]) -> Counter[tuple[Any, ...]]:
    """``counted`` for the trajectories with these ids."""
    result: Counter[tuple[Any, ...]] = Counter()
    for start in range(0, len(ids), ID_CHUNK):
        result.update(counted(connection, TRAJECTORY.c.id.in_(ids[start : start + ID_CHUNK])))
    return result


def apply(connection: Connection | Session, delta: Mapping[tuple[Any, ...], int]) -> None:
    """Add ``delta`` (summary key → change in count) to the summary, dropping rows that reach 0."""
    rows = [(*key, n) for key, n in delta.items() if n]
    if not rows:
        return
    dialect = (
        connection.get_bind().dialect.name if isinstance(connection, Session) else connection.dialect.name
    )
    columns = [*KEY_COLUMNS, "aantal"]
    if dialect == "postgresql":
        # One statement with a column of values per array: a 10,000-row import touches some 40,000
        # summary rows, and as an executemany they took longer than the rest of the import.
        arrays = [
            bindparam(f"u_{name}", [row[i] for row in rows], type_=postgresql.ARRAY(SUMMARY.c[name].type))
            for i, name in enumerate(columns)
        ]
        pg = postgresql.insert(SUMMARY).from_select(columns, select(*(func.unnest(a) for a in arrays)))
        connection.execute(pg.on_conflict_do_update(index_elements=list(KEY_COLUMNS), set_=_added(pg)))
    else:
        lite = sqlite.insert(SUMMARY)
        lite = lite.on_conflict_do_update(index_elements=list(KEY_COLUMNS), set_=_added(lite))
        connection.execute(lite, [dict(zip(columns, row, strict=True)) for row in rows])
    # Only a count that went down can have reached 0; looking there alone spares a scan of the
    # whole summary on every import.
    lowered = sorted({row[0] for row in rows if row[-1] < 0})
    if lowered:
        connection.execute(
            delete(SUMMARY).where(SUMMARY.c.organisation_id.in_(lowered), SUMMARY.c.aantal == 0)
        )


def _added(statement: Any) -> dict[str, Any]:
    return {"aantal": SUMMARY.c.aantal + statement.excluded.aantal}


# Grouping columns a caller may ask for, by their name in the summary (``code`` comes from the join).
_SUMMARY_COLUMNS: dict[str, str] = {
    "org": "organisation_id",
    "methode": "methode",
    "financiering": "financiering",
    "jaarmaand": "jaarmaand",
}


def _by_rows(name: str, event: Event) -> ColumnElement[Any]:
    return {
        "code": ORGANISATION.c.region_code,
        "org": TRAJECTORY.c.organisation_id,
        "methode": TRAJECTORY.c.methode,
        "financiering": type_coerce(func.coalesce(TRAJECTORY.c.financiering, ""), String),
        "jaarmaand": _year_month(event.date),
    }[name]


def counts(
    connection: Connection,
    bounds: Mapping[Event, dt.date],
    by: Sequence[str],
    *,
    cohort: int | None = None,
    region: str | None = None,
    organisation: int | None = None,
    since: dt.date | None = None,
) -> pd.DataFrame:
    """Count each event up to and including its own last day.

    Args:
        connection: an open connection.
        bounds: event → the last day whose events count.
        by: grouping, from ``code`` (region), ``org``, ``methode``, ``financiering``, ``jaarmaand``.
        cohort: only trajectories of this cohort (start year; referral year for *aangemeld*).
        region: only this region's organisations.
        organisation: only this organisation.
        since: no event before this day counts; must be the first of a month.

    Returns:
        Columns ``by``, ``soort`` (the event name) and ``aantal``; groups without events are absent.
    """
    if since is not None and since.day != 1:
        raise ValueError("since is the first day of a month")
    queries = [_from_summary(bounds, by, cohort, region, organisation, since)]
    for event, last in bounds.items():
        first = last.replace(day=1)
        if _is_month_end(last) or (since is not None and last < since):
            continue
        queries.append(_from_rows(event, first, last, by, cohort, region, organisation))
    # Summed here rather than by pandas: a few hundred groups, where a concat and a groupby per
    # call cost more than the queries. First-seen order, and groups with an empty key left out,
    # as groupby(sort=False) gave them.
    totals: dict[tuple[Any, ...], int] = {}
    for query in queries:
        for *key, number in connection.execute(query):
            group = tuple(key)
            if None not in group:
                totals[group] = totals.get(group, 0) + int(number)
    if not totals:
        return pd.DataFrame(
            {c: pd.Series(dtype=object) for c in by}
            | {"soort": pd.Series(dtype=object), "aantal": pd.Series(dtype=int)}
        )
    return pd.DataFrame(
        [(*group, number) for group, number in totals.items()], columns=[*by, "soort", "aantal"]
    )


def started_by_region(
    connection: Connection, cohort: int, days: Iterable[dt.date]
) -> dict[dt.date, dict[str, int]]:
    """Per day of ``days``, each region's trajectories of start cohort ``cohort`` started up to it.

    What ``counts({STARTED: day}, ["code"], cohort=cohort)`` gives one day at a time, for many
    days in two queries: the summary's months per region once, and the rows of the days' own
    unfinished months per start day. Regions without a start by a day are absent from its counts.
    """
    wanted = sorted(set(days))
    if not wanted:
        return {}
    through = wanted[-1]
    months: dict[str, dict[int, int]] = {}
    for code, month, _name, number in connection.execute(
        _from_summary({STARTED: through}, ["code", "jaarmaand"], cohort, None, None, None)
    ):
        if code is not None:
            months.setdefault(str(code), {})[int(month)] = int(number)
    # Each unfinished month once, from its first day to the latest day asked in it.
    partial: dict[int, tuple[dt.date, dt.date]] = {}
    for day in wanted:
        if not _is_month_end(day):
            partial[year_month(day)] = (day.replace(day=1), day)
    started: dict[str, dict[dt.date, int]] = {}
    if partial:
        day_column = STARTED.date
        query = (
            select(ORGANISATION.c.region_code, day_column, func.count())
            .select_from(TRAJECTORY)
            .join(Organisation, ORGANISATION.c.id == TRAJECTORY.c.organisation_id)
            .where(
                STARTED.where,
                COUNTED,
                STARTED.cohort == cohort,
                or_(*(STARTED.between(first, last) for first, last in partial.values())),
            )
            .group_by(ORGANISATION.c.region_code, day_column)
        )
        for code, day, number in connection.execute(query):
            if code is not None:
                started.setdefault(str(code), {})[day] = int(number)
    result: dict[dt.date, dict[str, int]] = {}
    for day in wanted:
        whole_through = year_month(day) if _is_month_end(day) else year_month(day) - 1
        first = day.replace(day=1)
        totals: dict[str, int] = {}
        for code in months.keys() | started.keys():
            number = sum(n for month, n in months.get(code, {}).items() if month <= whole_through)
            if not _is_month_end(day):
                number += sum(n for when, n in started.get(code, {}).items() if first <= when <= day)
            if number:
                totals[code] = number
        result[day] = totals
    return result


def _filters(
    org_column: ColumnElement[int], region: str | None, organisation: int | None
) -> list[ColumnElement[bool]]:
    conditions = []
    if region is not None:
        conditions.append(ORGANISATION.c.region_code == region)
    if organisation is not None:
        conditions.append(org_column == organisation)
    return conditions


def _from_summary(
    bounds: Mapping[Event, dt.date],
    by: Sequence[str],
    cohort: int | None,
    region: str | None,
    organisation: int | None,
    since: dt.date | None,
) -> Any:
    # A month ending on the bound counts whole; otherwise the bound's own month comes from the rows.
    per_event = [
        and_(
            SUMMARY.c.soort == event.name,
            SUMMARY.c.jaarmaand <= year_month(last)
            if _is_month_end(last)
            else SUMMARY.c.jaarmaand < year_month(last),
        )
        for event, last in bounds.items()
    ]
    common = [*_filters(SUMMARY.c.organisation_id, None, organisation)]
    if cohort is not None:
        common.append(SUMMARY.c.cohort == cohort)
    if since is not None:
        common.append(SUMMARY.c.jaarmaand >= year_month(since))
    source: Any
    where: list[ColumnElement[bool]]
    if region is not None or len(per_event) == 1:
        # Within one region the planner goes through the region's few organisations; the UNION ALL
        # below got a parallel plan there that cost more (a region's method mix: 3.7 ms against 7).
        source, where = SUMMARY, [or_(*per_event), *common]
    else:
        # Over the whole country, one branch per event joined by UNION ALL: each reads only its own
        # event's months through the index on (cohort, soort, jaarmaand) or (soort, jaarmaand). As
        # one OR, PostgreSQL read every row of the cohort and filtered (a national count: 10 ms
        # against 2).
        source = union_all(*(select(SUMMARY).where(event, *common) for event in per_event)).subquery()
        where = []
    groups = [
        ORGANISATION.c.region_code if name == "code" else source.c[_SUMMARY_COLUMNS[name]] for name in by
    ]
    query = (
        select(*groups, source.c.soort, func.sum(source.c.aantal))
        .select_from(source)
        .where(*where)
        .group_by(*groups, source.c.soort)
    )
    if "code" in by or region is not None:
        query = query.join(Organisation, ORGANISATION.c.id == source.c.organisation_id)
    if region is not None:
        query = query.where(ORGANISATION.c.region_code == region)
    return query


def _from_rows(
    event: Event,
    first: dt.date,
    last: dt.date,
    by: Sequence[str],
    cohort: int | None,
    region: str | None,
    organisation: int | None,
) -> Any:
    groups = [_by_rows(name, event) for name in by]
    query = (
        select(*groups, literal(event.name, String), func.count())
        .select_from(TRAJECTORY)
        .where(
            event.where,
            COUNTED,
            event.between(first, last),
            *_filters(TRAJECTORY.c.organisation_id, region, organisation),
        )
        .group_by(*groups)
    )
    if "code" in by or region is not None:
        query = query.join(Organisation, ORGANISATION.c.id == TRAJECTORY.c.organisation_id)
    if cohort is not None:
        query = query.where(event.cohort == cohort)
    return query


def wide(frame: pd.DataFrame, by: Sequence[str], events: Iterable[Event]) -> pd.DataFrame:
    """One row per group and one integer column per event name (0 where it did not occur)."""
    names = [event.name for event in events]
    if frame.empty:
        return pd.DataFrame(columns=[*by, *names]).astype(dict.fromkeys(names, int))
    # A pivot by hand: pivot_table costs more than the few hundred rows it would turn. Groups in
    # sorted order and events in the given order, as pivot_table and reindex gave them.
    position = {name: index for index, name in enumerate(names)}
    table: dict[tuple[Any, ...], list[int]] = {}
    for *key, kind, number in frame[[*by, "soort", "aantal"]].itertuples(index=False, name=None):
        row = table.setdefault(tuple(key), [0] * len(names))
        if kind in position:
            row[position[kind]] += int(number)
    groups = sorted(table)
    columns: dict[str, list[Any]] = {name: [group[i] for group in groups] for i, name in enumerate(by)}
    columns |= {name: [table[group][i] for group in groups] for i, name in enumerate(names)}
    return pd.DataFrame(columns).astype(dict.fromkeys(names, int))
