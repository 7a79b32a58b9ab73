"""A busy, full, read-only or unreachable database each get their own message: CLI, upload page, error page.

The errors are real where a test can cause them: an open write transaction (busy), a database
opened read-only (``?mode=ro``; chmod does not stop root), a directory or a dropped PostgreSQL
database where the file or database should be (unreachable). A full disk cannot be made safely,
so the driver's own error for it is raised from the driver call, as SQLite would raise it.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.dialects.postgresql.psycopg import PGDialect_psycopg
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite

from callbacks.upload import check_upload, confirm_upload, retry_check
from dashboard.auth import store
from dashboard.auth.viewer import Viewer
from dashboard.cli import cli, run
from dashboard.data.models import AuditEvent, Trajectory
from dashboard.infra import db as db_module
from dashboard.infra.db import Database
from dashboard.infra.db_errors import database_problem
from layouts import ids
from tests.helpers import viewing_as
from tests.test_access import PASSWORD, _login
from tests.test_callbacks import text_of
from tests.test_data_page import GOOD, data_url
from tests.test_sqlite_writers import long_import

ADMIN = Viewer("beheerder", "beheer")
BUSY = "De database is bezet"
FULL = "De schijf van de database is vol"
READ_ONLY = "De database is alleen-lezen"
UNREACHABLE = "De database is niet bereikbaar"


def count(db: Database, model: Any) -> int:
    with db.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(model)).scalar_one())


def read_only_url(db: Database) -> str:
    if db.engine.url.get_backend_name() == "sqlite":
        return f"sqlite:///file:{db.engine.url.database}?mode=ro&uri=true"
    # A PostgreSQL database whose sessions are read-only, as on a standby.
    url = db.engine.url
    with db.engine.connect() as connection:
        connection.execute(text(f'ALTER DATABASE "{url.database}" SET default_transaction_read_only = on'))
        connection.commit()
    return url.render_as_string(hide_password=False)


@contextmanager
def disk_full(db: Database) -> Iterator[None]:
    """Every INSERT fails as on a full disk (sqlite3's and psycopg's own exceptions for it)."""
    sqlite = db.engine.url.get_backend_name() == "sqlite"
    dialect: Any = SQLiteDialect_pysqlite if sqlite else PGDialect_psycopg
    error = sqlite3.OperationalError("database or disk is full") if sqlite else psycopg.errors.DiskFull()
    originals = {method: getattr(dialect, method) for method in ("do_execute", "do_executemany")}

    def failing(real: Any) -> Any:
        def execute(self: Any, cursor: Any, statement: str, *args: Any, **kwargs: Any) -> Any:
            if statement.lstrip().upper().startswith("INSERT"):
                raise error
            return real(self, cursor, statement, *args, **kwargs)

        return execute

    for method, real in originals.items():
        setattr(dialect, method, failing(real))
    try:
        yield
    finally:
        for method, real in originals.items():
            setattr(dialect, method, real)


def impatient_writers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Writers created from now on give up after a tenth of a second behind another writer."""
    monkeypatch.setattr(db_module, "SQLITE_BUSY_SECONDS", 0.1)
    monkeypatch.setenv("PGOPTIONS", "-c lock_timeout=100")


# --- the CLI ----------------------------------------------------------------------------------


@pytest.fixture
def delivery(tmp_path: Any) -> str:
    path = tmp_path / "trajecten.csv"
    path.write_text(GOOD, encoding="utf-8")
    return str(path)


def cli_import(url: str, delivery: str, monkeypatch: pytest.MonkeyPatch, capsys: Any) -> str:
    monkeypatch.setenv("HZW_DATABASE_URL", url)
    assert run(cli, ["import", "trajecten", delivery]) == 1
    err: str = capsys.readouterr().err
    assert "Traceback" not in err and err.startswith("Fout: ")
    return err


def test_cli_names_a_busy_database(db, delivery, monkeypatch, capsys):
    impatient_writers(monkeypatch)
    with long_import(db, table="import_log"):
        assert BUSY in cli_import(db.engine.url.render_as_string(False), delivery, monkeypatch, capsys)
    assert count(db, Trajectory) == 0


def test_cli_names_a_read_only_database(db, delivery, monkeypatch, capsys):
    assert READ_ONLY in cli_import(read_only_url(db), delivery, monkeypatch, capsys)
    assert count(db, Trajectory) == 0


def test_cli_names_a_full_disk(db, delivery, monkeypatch, capsys):
    with disk_full(db):
        err = cli_import(db.engine.url.render_as_string(False), delivery, monkeypatch, capsys)
    assert FULL in err
    assert count(db, Trajectory) == 0


def test_cli_names_an_unreachable_database(tmp_path, delivery, monkeypatch, capsys):
    # A folder where the database file should be: SQLite cannot open it.
    (tmp_path / "hzw.sqlite3").mkdir()
    assert UNREACHABLE in cli_import(f"sqlite:///{tmp_path / 'hzw.sqlite3'}", delivery, monkeypatch, capsys)


# --- the upload page --------------------------------------------------------------------------


def retry_button(component: Any) -> bool:
    """Whether the "Opnieuw proberen" button is somewhere in ``component``."""
    if isinstance(component, list | tuple):
        return any(retry_button(c) for c in component)
    if getattr(component, "id", None) == ids.UPLOAD_RETRY:
        return True
    children = getattr(component, "children", None)
    return children is not None and not isinstance(children, str) and retry_button(children)


def test_upload_check_on_a_busy_database_says_so_and_offers_a_retry(db, make_app, monkeypatch):
    impatient_writers(monkeypatch)
    app = make_app()
    with viewing_as(app, ADMIN):
        with long_import(db, table="import_log"):
            report, disabled, _result = check_upload(data_url(GOOD), "oost.csv", "trajecten")
        assert BUSY in text_of(report) and "oost.csv is niet verwerkt" in text_of(report)
        assert disabled is True and retry_button(report)
        # The import has finished: the retry checks the file.
        report, disabled, _result = retry_check(1, data_url(GOOD), "oost.csv", "trajecten")
    assert "oost.csv is goedgekeurd" in text_of(report) and disabled is False


def test_upload_import_on_a_busy_database_says_so_and_stays_enabled(db, make_app, monkeypatch):
    impatient_writers(monkeypatch)
    app = make_app()
    with viewing_as(app, ADMIN), long_import(db, table="import_log"):
        result, disabled, _report, _log = confirm_upload(1, data_url(GOOD), "oost.csv", "trajecten")
    assert BUSY in text_of(result) and "Klik op Importeren" in text_of(result)
    assert disabled is False and count(db, Trajectory) == 0


def test_upload_import_on_a_read_only_database_says_so(db, make_app):
    app = make_app(database_url=read_only_url(db))
    with viewing_as(app, ADMIN):
        result, disabled, _report, _log = confirm_upload(1, data_url(GOOD), "oost.csv", "trajecten")
    assert READ_ONLY in text_of(result) and disabled is False
    assert count(db, Trajectory) == 0


def test_upload_import_on_a_full_disk_says_so(db, make_app, monkeypatch):
    app = make_app()
    with viewing_as(app, ADMIN), disk_full(db):
        result, disabled, _report, _log = confirm_upload(1, data_url(GOOD), "oost.csv", "trajecten")
    assert FULL in text_of(result) and disabled is False
    assert count(db, Trajectory) == 0


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_upload_check_when_the_database_is_gone_says_so(db, make_app):
    app = make_app()
    url = db.engine.url
    db.dispose()
    app.server.extensions["hzw"].db.dispose()
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{url.database}" WITH (FORCE)'))
    admin.dispose()
    with viewing_as(app, ADMIN):
        report, disabled, _result = check_upload(data_url(GOOD), "oost.csv", "trajecten")
    assert UNREACHABLE in text_of(report) and retry_button(report) and disabled is True


def test_an_unexpected_failure_is_shown_with_a_retry_and_logged(db, make_app, monkeypatch, caplog):
    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("kapot")

    monkeypatch.setattr("callbacks.upload.import_file", broken)
    app = make_app()
    with viewing_as(app, ADMIN), caplog.at_level(logging.ERROR, logger="callbacks.upload"):
        report, disabled, _result = check_upload(data_url(GOOD), "oost.csv", "trajecten")
        assert "onverwachts mis bij het controleren" in text_of(report) and retry_button(report)
        assert disabled is True
        result, disabled, report, log = confirm_upload(1, data_url(GOOD), "oost.csv", "trajecten")
    assert "onverwachts mis bij het importeren" in text_of(result) and "importlogboek" in text_of(result)
    assert disabled is False  # clicking Importeren again is the retry
    # The cause is in the log with its traceback, for whoever has to fix it.
    assert [r.exc_info[1] for r in caplog.records if r.exc_info][0].args == ("kapot",)


# --- the error page ---------------------------------------------------------------------------


def test_a_login_on_a_read_only_database_gets_a_page_naming_it_and_no_session(db, make_app):
    store.add_user(db, "anna", "landelijk", [], PASSWORD)
    app = make_app(database_url=read_only_url(db))
    client = app.server.test_client()
    response = _login(client, "anna", PASSWORD)
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert READ_ONLY in page and "Traceback" not in page
    # No login without its audit line: the session was never started.
    assert client.get("/").status_code == 302 and count(db, AuditEvent) == 0


# --- the classification itself ----------------------------------------------------------------


@pytest.mark.zuiver
@pytest.mark.parametrize(
    ("error", "problem"),
    [
        (psycopg.errors.LockNotAvailable(), "locked"),
        (psycopg.errors.DeadlockDetected(), "locked"),
        (psycopg.errors.DiskFull(), "full"),
        (psycopg.errors.ReadOnlySqlTransaction(), "read_only"),
        (psycopg.errors.AdminShutdown(), "unreachable"),
        (psycopg.errors.InvalidCatalogName(), "unreachable"),
        (psycopg.errors.UniqueViolation(), None),
        (sqlite3.OperationalError("database is locked"), "locked"),
        (sqlite3.OperationalError("no such table: trajectory"), None),
        (sqlite3.IntegrityError("UNIQUE constraint failed"), None),
    ],
)
def test_driver_errors_are_told_apart(error, problem):
    assert database_problem(error) == problem
