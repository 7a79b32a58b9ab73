"""More than one writer: a login during a long import does not hang, and its audit line follows.

A long import is simulated by a second connection that holds the write lock (SQLite) or a lock
on the audit table (PostgreSQL) in an open transaction, as an import does while it writes.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from dashboard.auth import store
from dashboard.infra.db import SQLITE_BUSY_SECONDS
from dashboard.infra.runtime import EXTENSION
from tests.helpers import load, signed_in_client, trajectory
from tests.test_access import PASSWORD, _events, _grid, _login, _rows


@contextmanager
def long_import(db: Any, table: str = "audit_event") -> Iterator[None]:
    """Hold what an import holds: SQLite's one write lock, or (PostgreSQL) a lock on ``table``."""
    url = db.engine.url
    if url.get_backend_name() == "sqlite":
        holder = sqlite3.connect(url.database, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("UPDATE region SET naam = naam")
        try:
            yield
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        return
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text(f"LOCK TABLE {table} IN EXCLUSIVE MODE"))
            yield
    finally:
        engine.dispose()


@pytest.mark.traag
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_login_during_a_long_sqlite_import_is_refused_quickly_and_sessions_go_on(db, app):
    # A new session is a row in the database, and SQLite has one writer: the login gives up after
    # a moment with the "database bezet" page instead of hanging for the whole import.
    load(db, "trajecten", [trajectory("T1", "2026-01-10", organisatie="GGZ A")])
    store.add_user(db, "anna", "landelijk", [], PASSWORD)
    writer = app.server.extensions[EXTENSION].extras["audit"]
    admin = signed_in_client(app, "beheer")  # its session is written before the import starts
    with long_import(db):
        started = time.perf_counter()
        response = _login(app.server.test_client(), "anna", PASSWORD)
        elapsed = time.perf_counter() - started
        assert response.status_code == 503 and "De database is bezet" in response.get_data(as_text=True)
        assert 1.5 < elapsed < 4.0, elapsed
        # A failed password is still written down, after the import; an open session reads on.
        assert _login(app.server.test_client(), "anna", "fout-wachtwoord-1").status_code == 401
        assert writer.pending() == 1
        rows = _rows(_grid(admin, "AM09"))
        assert {r["organisatie"]: r["gestart"] for r in rows} == {"GGZ A": 1}
    assert writer.flush(15)
    assert [e for e in _events(db) if e[1] == "anna"] == [("inloggen mislukt", "anna")]
    assert _login(app.server.test_client(), "anna", PASSWORD).status_code == 303


@pytest.mark.traag
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_a_login_during_a_long_import_succeeds_and_its_audit_line_lands_after(db, app):
    load(db, "trajecten", [trajectory("T1", "2026-01-10", organisatie="GGZ A")])
    store.add_user(db, "anna", "landelijk", [], PASSWORD)
    writer = app.server.extensions[EXTENSION].extras["audit"]
    admin = signed_in_client(app, "beheer")  # its account is written before the import starts
    with long_import(db):
        started = time.perf_counter()
        response = _login(app.server.test_client(), "anna", PASSWORD)
        elapsed = time.perf_counter() - started
        assert response.status_code == 303
        # The login waited half a second for the lock, not the 30 s an import may take.
        assert 0.4 < elapsed < 2.0, elapsed
        assert ("inloggen", "anna") not in _events(db)
        assert writer.pending() == 1
        # A failed login in the meantime queues behind it, and reading the figures is not held up.
        assert _login(app.server.test_client(), "anna", "fout-wachtwoord-1").status_code == 401
        assert writer.pending() == 2
        rows = _rows(_grid(admin, "AM09"))
        assert {r["organisatie"]: r["gestart"] for r in rows} == {"GGZ A": 1}
    assert writer.flush(15)
    events = [e for e in _events(db) if e[1] == "anna"]
    assert events == [("inloggen", "anna"), ("inloggen mislukt", "anna")]


def test_without_an_import_the_audit_line_is_written_at_once(db, app):
    store.add_user(db, "anna", "landelijk", [], PASSWORD)
    assert _login(app.server.test_client(), "anna", PASSWORD).status_code == 303
    assert ("inloggen", "anna") in _events(db)
    assert app.server.extensions[EXTENSION].extras["audit"].pending() == 0


@pytest.mark.traag
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_second_sqlite_writer_waits_longer_than_five_seconds(db):
    # sqlite3's default busy timeout (5 s) failed every write behind an import that took longer.
    assert SQLITE_BUSY_SECONDS >= 30
    release = threading.Event()

    def hold() -> None:
        with long_import(db):
            release.set()
            time.sleep(6)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert release.wait(5)
        started = time.perf_counter()
        store.record(db, "import", "beheerder", "trajecten: groot.csv")
        assert time.perf_counter() - started > 4
    finally:
        holder.join()
    assert ("import", "beheerder") in _events(db)
