"""The rows of background jobs: create or share one, report progress, finish, fail, stop.

Every state change is one short transaction, so a worker on another machine and every web process
see the same job; ``actief`` (unique while a job waits or runs) makes sharing a job race-free.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from dashboard.data.job_models import Job
from dashboard.infra import clock
from dashboard.infra.db import Database

ACTIVE = ("wachtend", "bezig")
# Progress is worth a short wait, not more: on SQLite a long import holds the one write lock, and
# its own progress must not wait for it (the page then shows the last step it could write).
PROGRESS_WAIT = 0.3
# A running job whose worker stopped beating this long ago has lost its worker.
INTERRUPTED = "onderbroken"


@dataclass(frozen=True)
class JobState:
    """What a page needs to show a job: its state and progress, never its file."""

    id: str
    soort: str
    toestand: str
    stap: int
    totaal: int
    eenheid: str
    fout: str
    bestandsnaam: str
    uitkomst: str
    lezer: str
    argumenten: str
    taal: str
    has_result: bool

    @property
    def active(self) -> bool:
        """Waiting for a worker or running."""
        return self.toestand in ACTIVE


def _state(job: Job, has_result: bool) -> JobState:
    return JobState(
        job.id,
        job.soort,
        job.toestand,
        job.stap,
        job.totaal,
        job.eenheid,
        job.fout,
        job.bestandsnaam,
        job.uitkomst,
        job.lezer,
        job.argumenten,
        job.taal,
        has_result,
    )


@dataclass(frozen=True)
class QueueLoad:
    """How much work waits and runs: counts only, never what the jobs are about."""

    waiting: int
    running: int
    oldest_wait_seconds: float | None


def queue_load(db: Database) -> QueueLoad:
    """The jobs waiting for a worker and running now, and how long the oldest has waited."""
    with db.engine.connect() as connection:
        rows = connection.execute(
            select(Job.toestand, func.count(), func.min(Job.gemaakt))
            .where(Job.toestand.in_(ACTIVE))
            .group_by(Job.toestand)
        ).all()
    counts = {state: (count, first) for state, count, first in rows}
    waiting, first = counts.get("wachtend", (0, None))
    oldest = None
    if first is not None:
        # SQLite hands the time back without its zone; it was written in UTC.
        first = first if first.tzinfo else first.replace(tzinfo=dt.UTC)
        oldest = round((clock.utc_now() - first).total_seconds(), 1)
    return QueueLoad(waiting, counts.get("bezig", (0, None))[0], oldest)


def expire_stale(db: Database, seconds: float, running_here: Collection[str] = ()) -> int:
    """Mark running jobs without a heartbeat for ``seconds`` as failed; how many there were.

    ``running_here`` are jobs this process runs itself: alive whatever their heartbeat says.
    """
    limit = clock.utc_now() - dt.timedelta(seconds=seconds)
    try:
        with db.brief_transaction(PROGRESS_WAIT) as connection:
            done = connection.execute(
                update(Job)
                .where(Job.toestand == "bezig", Job.bijgewerkt < limit, Job.id.not_in(list(running_here)))
                .values(toestand="mislukt", fout=INTERRUPTED, actief=None, invoer=None)
            )
    except DBAPIError:
        return 0  # a writer holds the database; the next look expires them
    return int(done.rowcount or 0)


def prune(db: Database, older_than: dt.timedelta) -> int:
    """Forget ended jobs (their files and reports) older than ``older_than``; how many."""
    limit = clock.utc_now() - older_than
    try:
        with db.brief_transaction(PROGRESS_WAIT) as connection:
            done = connection.execute(delete(Job).where(Job.actief.is_(None), Job.bijgewerkt < limit))
    except DBAPIError:
        return 0  # a writer holds the database; the next job prunes
    return int(done.rowcount or 0)


def create(
    db: Database,
    key: str,
    kind: str,
    arguments: str,
    reader: str,
    language: str,
    data: bytes | None = None,
    reuse_finished: bool = True,
) -> tuple[str, bool]:
    """A new waiting job for ``key``, or the one already doing (or done with) that work.

    Returns its id and whether it is new; a finished job counts only with ``reuse_finished``.
    """
    if reuse_finished:
        with db.engine.connect() as connection:
            done = connection.scalar(
                select(Job.id)
                .where(Job.sleutel == key, Job.toestand == "klaar", Job.resultaat.is_not(None))
                .order_by(Job.gemaakt.desc())
                .limit(1)
            )
        if done is not None:
            return str(done), False
    now = clock.utc_now()
    job = Job(
        id=uuid.uuid4().hex,
        sleutel=key,
        actief=key,
        soort=kind,
        argumenten=arguments,
        lezer=reader,
        taal=language,
        toestand="wachtend",
        stap=0,
        totaal=0,
        eenheid="",
        stoppen=False,
        fout="",
        invoer=data,
        bestandsnaam="",
        uitkomst="",
        gemaakt=now,
        bijgewerkt=now,
    )
    try:
        with db.transaction() as session:
            session.add(job)
    except IntegrityError:
        # Another request for the same work got in first: share its job.
        with db.engine.connect() as connection:
            found = connection.scalar(select(Job.id).where(Job.actief == key))
        if found is None:  # it finished in between; try once more
            return create(db, key, kind, arguments, reader, language, data, reuse_finished)
        return str(found), False
    return job.id, True


def get(db: Database, job_id: str) -> JobState | None:
    """The job's state, or None for an unknown id."""
    with db.sessions() as session:
        job = session.get(Job, job_id)
        if job is None:
            return None
        has = session.scalar(select(Job.resultaat.is_not(None)).where(Job.id == job_id))
        return _state(job, bool(has))


def claim(db: Database, job_id: str) -> bool:
    """Start a waiting job; False when it was stopped (or taken) before a worker reached it."""
    with db.transaction() as session:
        done = session.execute(
            update(Job)
            .where(Job.id == job_id, Job.toestand == "wachtend", Job.stoppen.is_(False))
            .values(toestand="bezig", bijgewerkt=clock.utc_now())
        )
    return bool(done.rowcount)  # type: ignore[attr-defined]


def beat(
    db: Database, job_id: str, step: int | None = None, total: int | None = None, unit: str = ""
) -> bool:
    """The worker is alive (and at ``step`` of ``total``); True when a stop was asked for."""
    values: dict[str, object] = {"bijgewerkt": clock.utc_now()}
    if step is not None:
        values |= {"stap": step, "totaal": total or 0, "eenheid": unit}
    try:
        with db.brief_transaction(PROGRESS_WAIT) as connection:
            connection.execute(update(Job).where(Job.id == job_id, Job.toestand == "bezig").values(**values))
    except DBAPIError:
        pass  # see PROGRESS_WAIT; the stop is still read below (WAL lets readers past a writer)
    with db.engine.connect() as connection:
        return bool(connection.scalar(select(Job.stoppen).where(Job.id == job_id)))


def input_of(db: Database, job_id: str) -> bytes | None:
    """The file a job works on (an upload), while it waits or runs."""
    with db.engine.connect() as connection:
        return connection.scalar(select(Job.invoer).where(Job.id == job_id))


def result_of(db: Database, job_id: str) -> tuple[bytes, str] | None:
    """A finished job's file and its name."""
    with db.engine.connect() as connection:
        row = connection.execute(
            select(Job.resultaat, Job.bestandsnaam).where(Job.id == job_id, Job.toestand == "klaar")
        ).first()
    return (row[0], row[1]) if row is not None and row[0] is not None else None


def _end(db: Database, job_id: str, **values: object) -> None:
    # The upload is dropped with the end of its job: no copy of a delivery outlives its import.
    with db.transaction() as session:
        session.execute(
            update(Job)
            .where(Job.id == job_id)
            .values(actief=None, invoer=None, bijgewerkt=clock.utc_now(), **values)
        )


def finish(db: Database, job_id: str, result: bytes | None, file_name: str, outcome: str) -> None:
    """The job is done: its file (if any) and its outcome."""
    _end(db, job_id, toestand="klaar", resultaat=result, bestandsnaam=file_name, uitkomst=outcome)


def fail(db: Database, job_id: str, reason: str) -> None:
    """The job failed; ``reason`` is a Dutch message id, worded when shown."""
    _end(db, job_id, toestand="mislukt", fout=reason)


def stopped(db: Database, job_id: str) -> None:
    """The job stopped on request, leaving nothing behind."""
    _end(db, job_id, toestand="gestopt")


def request_stop(db: Database, job_id: str) -> bool:
    """Ask the job to stop (a job still waiting stops at once); False when the database was busy."""
    try:
        with db.brief_transaction(PROGRESS_WAIT * 5) as connection:
            connection.execute(update(Job).where(Job.id == job_id).values(stoppen=True))
            connection.execute(
                update(Job)
                .where(Job.id == job_id, Job.toestand == "wachtend")
                .values(toestand="gestopt", actief=None, invoer=None)
            )
    except DBAPIError:
        return False
    return True
