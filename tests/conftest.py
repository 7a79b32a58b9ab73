"""Shared fixtures: fresh databases (SQLite, and PostgreSQL when configured), apps, demo data."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import dash
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from dashboard.app import create_app
from dashboard.db import Database
from dashboard.runtime import EXTENSION

POSTGRES_URL = os.environ.get("HZW_TEST_POSTGRES_URL", "")
REDIS_URL = os.environ.get("HZW_TEST_REDIS_URL", "")
# CI sets this so a missing service fails the run instead of silently skipping its tests.
REQUIRE_SERVICES = os.environ.get("HZW_TEST_REQUIRE_SERVICES") == "1"
# A fixed peildatum keeps every expected number in the tests stable.
PEILDATUM = dt.date(2026, 6, 30)


def service_url(url: str, name: str) -> str:
    """The URL of a test service, or skip (fail under CI) when it is not configured."""
    if url:
        return url
    reason = f"{name} niet geconfigureerd (zet HZW_TEST_{name.upper()}_URL)"
    if REQUIRE_SERVICES:
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _no_outside_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    # Settings a developer or the Makefile exported (HZW_GEODATA_FILE, …) must not steer the tests.
    for name in list(os.environ):
        if name.startswith("HZW_") and not name.startswith("HZW_TEST_"):
            monkeypatch.delenv(name)


@pytest.fixture(autouse=True)
def _reset_dash_registry() -> Iterator[None]:
    # Dash keeps pages in a process-wide registry; every app built in a test starts clean.
    dash.page_registry.clear()
    yield
    dash.page_registry.clear()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database, dropped afterwards."""
    admin_url = make_url(service_url(POSTGRES_URL, "postgres"))
    name = f"hzw_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url.set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each data test runs on a fresh SQLite file and on a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'hzw.sqlite3'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    """An upgraded, empty database (regions only)."""
    database = Database(database_url)
    database.upgrade()
    yield database
    database.dispose()


@pytest.fixture
def make_app(db: Database) -> Iterator[Callable[..., dash.Dash]]:
    """Build apps on the test database (fixed peildatum); their connections close afterwards."""
    built: list[dash.Dash] = []

    def make(**overrides: object) -> dash.Dash:
        url = db.engine.url.render_as_string(hide_password=False)
        app = create_app({"database_url": url, "peildatum": PEILDATUM, **overrides})
        built.append(app)
        return app

    yield make
    for app in built:
        app.server.extensions[EXTENSION].db.dispose()


@pytest.fixture
def app(make_app: Callable[..., dash.Dash]) -> dash.Dash:
    """An app on the test database with the fixed peildatum."""
    return make_app()
