"""Prove the trajectory summary against a fresh count of the trajectories, and rebuild it when it differs.

The fresh count is ``summary.aggregation()``: the same definition ``summary.rebuild`` writes, so
"equal to a fresh count" means "equal to what a rebuild would give". Every result is written to
the audit trail, which is where ``last_summary_check`` (for the health check) reads it back.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Connection, and_, func, literal, or_, select, union_all
from sqlalchemy.orm import Session

from dashboard.auth import store
from dashboard.data import summary
from dashboard.data.models import AuditEvent
from dashboard.importing import locking
from dashboard.infra.db import Database

Outcome = Literal["gelijk", "afwijkend", "hersteld"]
# Audit event per outcome; the detail starts with the number of differing keys.
AUDIT_EVENTS: dict[Outcome, str] = {
    "gelijk": "samenvatting gelijk",
    "afwijkend": "samenvatting afwijkend",
    "hersteld": "samenvatting hersteld",
}
DETAIL = "{n} verschillende sleutels"
_DETAIL_NUMBER = re.compile(r"^(\d+) ")
EXAMPLES = 5


@dataclass(frozen=True)
class Difference:
    """One summary key whose stored count is not the fresh count (0 where a row is missing)."""

    key: tuple[Any, ...]
    stored: int
    fresh: int


@dataclass(frozen=True)
class SummaryCheck:
    """The outcome of comparing (and perhaps repairing) the summary."""

    differences: int
    examples: tuple[Difference, ...]
    repaired: bool = False

    @property
    def outcome(self) -> Outcome:
        """``gelijk``, ``afwijkend``, or ``hersteld`` when differences were rebuilt away."""
        if self.differences == 0:
            return "gelijk"
        return "hersteld" if self.repaired else "afwijkend"


@dataclass(frozen=True)
class LastSummaryCheck:
    """The newest recorded check, as the health check reports it."""

    tijdstip: dt.datetime
    outcome: Outcome
    differences: int


def compare(connection: Connection | Session) -> SummaryCheck:
    """Compare the stored summary with a fresh count, in one statement (so one snapshot).

    The examples are the first few differing keys in key order.
    """
    stored = summary.SUMMARY
    fresh = summary.aggregation().cte("fresh")
    keys = summary.KEY_COLUMNS
    same_key = and_(*(fresh.c[k] == stored.c[k] for k in keys))
    changed_or_missing = (
        select(
            *(fresh.c[k] for k in keys),
            func.coalesce(stored.c.aantal, 0).label("opgeslagen"),
            fresh.c.aantal.label("telling"),
        )
        .select_from(fresh.outerjoin(stored, same_key))
        .where(or_(stored.c.aantal.is_(None), stored.c.aantal != fresh.c.aantal))
    )
    # A stored row of 0 changes no figure; only rows that count something are extra.
    extra = (
        select(*(stored.c[k] for k in keys), stored.c.aantal, literal(0).label("telling"))
        .select_from(stored.outerjoin(fresh, same_key))
        .where(fresh.c.organisation_id.is_(None), stored.c.aantal != 0)
    )
    different = union_all(changed_or_missing, extra).subquery()
    query = (
        select(different, func.count().over().label("totaal"))
        .order_by(*(different.c[k] for k in keys))
        .limit(EXAMPLES)
    )
    rows = connection.execute(query).all()
    if not rows:
        return SummaryCheck(0, ())
    examples = tuple(Difference(tuple(row[: len(keys)]), int(row[-3]), int(row[-2])) for row in rows)
    return SummaryCheck(int(rows[0][-1]), examples)


def check(db: Database, user: str) -> SummaryCheck:
    """Compare the summary with a fresh count and record the result in the audit trail."""
    with db.engine.connect() as connection:
        result = compare(connection)
    store.record(db, AUDIT_EVENTS[result.outcome], user, DETAIL.format(n=result.differences))
    return result


def repair(db: Database, user: str, on_wait: Callable[[], None] | None = None) -> SummaryCheck:
    """Rebuild the summary from the trajectories in one transaction, recording what it mended.

    Imports wait while it runs (and it waits for running imports): a rebuild next to an import
    would count that import's rows once or twice depending on timing.
    """
    with db.transaction() as session:
        locking.serialise(session, {locking.EVERYTHING: True}, on_wait)
        found = compare(session)
        summary.rebuild(session)
        result = SummaryCheck(found.differences, found.examples, repaired=True)
        store.add_event(session, AUDIT_EVENTS[result.outcome], user, DETAIL.format(n=result.differences))
    return result


def last_summary_check(db: Database) -> LastSummaryCheck | None:
    """The newest recorded check or repair of the summary, or None when there never was one."""
    outcomes = {event: outcome for outcome, event in AUDIT_EVENTS.items()}
    query = (
        select(AuditEvent.tijdstip, AuditEvent.gebeurtenis, AuditEvent.detail)
        .where(AuditEvent.gebeurtenis.in_(outcomes))
        .order_by(AuditEvent.id.desc())
        .limit(1)
    )
    with db.engine.connect() as connection:
        row = connection.execute(query).first()
    if row is None:
        return None
    moment: dt.datetime = row.tijdstip
    # SQLite hands back naive UTC.
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    number = _DETAIL_NUMBER.match(row.detail)
    return LastSummaryCheck(moment, outcomes[row.gebeurtenis], int(number.group(1)) if number else 0)
