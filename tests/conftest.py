"""Shared fixtures: fresh databases (SQLite, and PostgreSQL when configured), apps, demo data."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.parse
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from unittest import mock

import dash
import pytest
import redis
from argon2 import PasswordHasher
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from dashboard.app import create_app
from dashboard.auth import store
from dashboard.infra.db import Database
from dashboard.infra.runtime import EXTENSION
from tests.helpers import load, trajectory


def _redis_of_this_worker(url: str) -> str:
    """Under pytest-xdist, the shared test Redis with a database number of this worker's own.

    The Redis tests empty their database and count the cache's keys in it, and two apps on one
    Redis share cache entries; each worker (gw0, gw1, …) therefore keeps to database 1, 2, ….
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not url or not worker.startswith("gw"):
        return url
    return urllib.parse.urlsplit(url)._replace(path=f"/{int(worker[2:]) + 1}").geturl()


POSTGRES_URL = os.environ.get("HZW_TEST_POSTGRES_URL", "")
REDIS_URL = _redis_of_this_worker(os.environ.get("HZW_TEST_REDIS_URL", ""))
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


@pytest.fixture(autouse=True, scope="session")
def _quick_password_hashes() -> Iterator[None]:
    # Still argon2id, but with the smallest cost: at the production cost every account a test
    # makes or signs in with costs a tenth of a second, a good part of the quick test layers.
    with mock.patch.object(store, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)):
        yield


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


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One upgraded, empty SQLite database (regions only), copied for each test that needs one."""
    path = tmp_path_factory.mktemp("sjabloon") / "hzw.sqlite3"
    template = Database(f"sqlite:///{path}")
    template.upgrade()
    template.dispose()  # the last connection to close folds the write-ahead log into the file
    return path


@pytest.fixture
def db(database_url: str, request: pytest.FixtureRequest) -> Iterator[Database]:
    """An upgraded, empty database (regions only).

    SQLite gets a copy of a database upgraded once per session: running the migrations for each
    of several hundred tests cost more than most of the tests themselves.
    """
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database:
        shutil.copyfile(request.getfixturevalue("sqlite_template"), url.database)
        database = Database(database_url)
    else:
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


# The hand-made region dataset (described in tests/test_region_page.py), shared by the region,
# organisation and presentation tests.
@pytest.fixture
def known(db):
    ggz = {"organisatie": "GGZ A"}
    uwv = {"organisatie": "UWV B", "organisatie_type": "UWV"}
    rows = [
        trajectory(
            "T1",
            "2026-01-10",
            aanmelddatum="2025-12-20",
            plaatsingsdatum="2026-02-01",
            financiering="UWV",
            **ggz,
        ),
        trajectory(
            "T2",
            "2026-02-10",
            methode="Jobcoaching",
            financiering="Gemeente",
            einddatum="2026-03-01",
            eindreden="uitval",
            **ggz,
        ),
        trajectory(
            "T3",
            "2026-01-02",
            aanmelddatum="2026-01-01",
            plaatsingsdatum="2026-01-03",
            duurzaam_datum="2026-06-03",
            einddatum="2026-06-03",
            eindreden="duurzaam werk",
            financiering="UWV",
            **ggz,
        ),
        trajectory("T5", "2026-04-01", aanmelddatum="2026-03-01", methode="WaBZ", **uwv),
        trajectory("T6", "2025-05-01", plaatsingsdatum="2025-06-01", duurzaam_datum="2025-12-15", **uwv),
    ]
    rows += [
        trajectory(f"N{i}", f"2026-0{i + 1}-15", regio="AM01", organisatie="GGZ Noord") for i in range(4)
    ]
    rows[-1].update(plaatsingsdatum="2026-04-20", duurzaam_datum="2026-06-01")
    load(db, "trajecten", rows, today=PEILDATUM)
    meetings = [
        {
            "regio": "AM09",
            "soort": "casusbespreking",
            "datum": "2026-02-01",
            "organisaties": "GGZ A|Gemeente C",
        },
        {"regio": "AM09", "soort": "casusbespreking", "datum": "2026-06-10", "organisaties": "UWV B"},
        {"regio": "AM09", "soort": "leerbijeenkomst", "datum": "2026-03-05"},
    ]
    load(db, "bijeenkomsten", meetings, today=PEILDATUM)
    return db


@pytest.fixture
def region_app(known, make_app):
    # Suppression off (threshold 1), so the hand-made numbers can be checked level against level;
    # test_region_page checks the suppressed view separately.
    return make_app(suppression_minimum=1)


class PrivateRedis:
    """A redis-server of this test alone, on a free port, without persistence."""

    def __init__(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis.from_url(self.url, socket_timeout=0.5)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.stop()
                    raise
                time.sleep(0.05)
        client.close()

    def keys(self) -> list[bytes]:
        client = redis.Redis.from_url(self.url, socket_timeout=1)
        try:
            return list(client.keys("*hzw:*"))
        finally:
            client.close()

    def pause(self) -> None:
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        os.kill(self.process.pid, signal.SIGCONT)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.resume()  # a paused server cannot act on SIGTERM
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def private_redis() -> Iterator[PrivateRedis]:
    """A Redis of this test alone, which it may stop or pause (never the shared one)."""
    if shutil.which("redis-server") is None:
        if REQUIRE_SERVICES:
            pytest.fail("redis-server is niet geïnstalleerd")
        pytest.skip("redis-server is niet geïnstalleerd")
    server = PrivateRedis()
    try:
        yield server
    finally:
        server.stop()


# Fixtures that open a database, an app or a server: a test that asks for one is not pure.
NOT_PURE = {"db", "database_url", "postgres_url", "make_app", "app", "known", "private_redis"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the service layers by the fixtures a test asks for, and keep pure tests pure.

    The PostgreSQL variant of a ``database_url`` test, or any test on ``postgres_url``, gets the
    ``postgres`` mark and a test on a private Redis the ``redis`` mark, so ``-m`` selects layers
    without a mark on each test (``make test-snel`` leaves both out).
    """
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        callspec = getattr(item, "callspec", None)
        if "postgres_url" in names or (callspec and callspec.params.get("database_url") == "postgres"):
            item.add_marker(pytest.mark.postgres)
        if "private_redis" in names:
            item.add_marker(pytest.mark.redis)
        if item.get_closest_marker("zuiver") and names & NOT_PURE:
            raise pytest.UsageError(f"{item.nodeid} is gemarkeerd als zuiver maar vraagt {names & NOT_PURE}")
