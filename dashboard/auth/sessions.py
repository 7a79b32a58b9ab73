"""Sessions held on the server: the cookie carries a random key, the database its hash and its life.

A stolen or copied cookie is worth nothing once its row is gone: logout, a password or role change,
a block or the deletion of the account, and expiry all delete the row.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import Delete, Update, delete, insert, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from dashboard.data.models import LoginSession, User
from dashboard.infra import clock
from dashboard.infra.db import Database
from dashboard.infra.db_errors import database_problem

# The audit event of every session end; its detail says why.
SESSION_END = "sessie beëindigd"
# Last-seen is written at most this often: not a database write for every request.
TOUCH_EVERY = dt.timedelta(minutes=1)
# How long a request waits for the write lock to touch or drop its session behind an import.
WAIT_SECONDS = 0.5
# How long a login waits to write its new session behind an import before it gives up (503).
START_WAIT_SECONDS = 2.0


@dataclass(frozen=True)
class LiveSession:
    """One session of an account, as the monitor shows it (never with its key or hash)."""

    row_id: int
    user_id: int
    user_name: str
    how: str
    started: dt.datetime
    last_seen: dt.datetime


def key_hash(key: str) -> str:
    """What the table keeps of a cookie's key: a database dump does not open any session."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _aware(moment: dt.datetime) -> dt.datetime:
    # SQLite hands back the stored UTC time without its zone.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def start(db: Database, user_id: int, how: str) -> str:
    """Open a session for the account and return its key (for the cookie only).

    Raises:
        DBAPIError: when the database cannot take the row, also when a long import holds SQLite's
            write lock for more than ``START_WAIT_SECONDS``: the login is refused, not held.
    """
    key = secrets.token_urlsafe(32)
    now = clock.utc_now()
    with db.brief_transaction(START_WAIT_SECONDS) as connection:
        connection.execute(
            insert(LoginSession).values(
                sleutel_hash=key_hash(key), user_id=user_id, hoe=how, begonnen=now, laatst_gezien=now
            )
        )
    return key


def _live(row: object) -> LiveSession:
    return LiveSession(
        row_id=row.id,  # type: ignore[attr-defined]
        user_id=row.user_id,  # type: ignore[attr-defined]
        user_name=row.gebruikersnaam,  # type: ignore[attr-defined]
        how=row.hoe,  # type: ignore[attr-defined]
        started=_aware(row.begonnen),  # type: ignore[attr-defined]
        last_seen=_aware(row.laatst_gezien),  # type: ignore[attr-defined]
    )


_COLUMNS = (
    LoginSession.id,
    LoginSession.user_id,
    User.gebruikersnaam,
    LoginSession.hoe,
    LoginSession.begonnen,
    LoginSession.laatst_gezien,
)


def find(db: Database, key: str) -> LiveSession | None:
    """The session behind a cookie's key, or None when there is none (ended, or never was)."""
    query = select(*_COLUMNS).join(User, User.id == LoginSession.user_id)
    with db.engine.connect() as connection:
        row = connection.execute(query.where(LoginSession.sleutel_hash == key_hash(key))).first()
    return _live(row) if row is not None else None


def expiry(found: LiveSession, now: dt.datetime, hours: int, idle_minutes: int) -> str | None:
    """Why the session has ended by now (the audit detail), or None while it lasts."""
    if now - found.started >= dt.timedelta(hours=hours):
        return "verlopen"
    if now - found.last_seen >= dt.timedelta(minutes=idle_minutes):
        return "verlopen (niet gebruikt)"
    return None


def _brief_write(db: Database, statement: Delete | Update) -> int | None:
    """Run a one-row write that gives way to a long import: rows changed, or None when busy."""
    try:
        with db.brief_transaction(WAIT_SECONDS) as connection:
            return connection.execute(statement).rowcount
    except DBAPIError as error:
        if database_problem(error) != "locked":
            raise
        return None


def drop(db: Database, found: LiveSession) -> bool:
    """Delete an expired session; True when this call deleted it (so its end is logged once)."""
    done = _brief_write(db, delete(LoginSession).where(LoginSession.id == found.row_id))
    return bool(done)


def touch(db: Database, found: LiveSession, now: dt.datetime) -> None:
    """Note that the session is in use, at most once per ``TOUCH_EVERY``.

    Behind a long import the write is skipped: the next request tries again.
    """
    if now - found.last_seen >= TOUCH_EVERY:
        _brief_write(
            db, update(LoginSession).where(LoginSession.id == found.row_id).values(laatst_gezien=now)
        )


def end(db: Database, key: str) -> LiveSession | None:
    """End the session of this key (logout); the session that ended, or None."""
    found = find(db, key)
    if found is None:
        return None
    with db.engine.begin() as connection:
        deleted = connection.execute(delete(LoginSession).where(LoginSession.id == found.row_id)).rowcount
    return found if deleted else None


def of_user(session: Session, user_id: int) -> list[LiveSession]:
    """Every session of an account, oldest first, inside the caller's transaction."""
    query = (
        select(*_COLUMNS)
        .join(User, User.id == LoginSession.user_id)
        .where(LoginSession.user_id == user_id)
        .order_by(LoginSession.begonnen, LoginSession.id)
    )
    return [_live(row) for row in session.execute(query)]


def end_all(session: Session, user_id: int) -> list[LiveSession]:
    """Delete every session of an account inside the caller's transaction; the ones that ended."""
    ended = of_user(session, user_id)
    session.execute(delete(LoginSession).where(LoginSession.user_id == user_id))
    return ended
