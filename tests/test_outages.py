"""Redis stopped or paused under a running monitor: pages, exports and logins go on without it.

Each test starts its own redis-server on a free loopback port (never the shared one), so it can
stop or pause it (SIGSTOP) and always resumes and ends it by its process id.
"""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Callable
from typing import Any

import pytest
from redis.connection import AbstractConnection

from dashboard.auth import store
from dashboard.infra.cache import cache
from dashboard.infra.cache_redis import GuardedRedisCache, cache_health
from tests.conftest import PEILDATUM, PrivateRedis
from tests.helpers import load, signed_in_client, trajectory
from tests.test_access import PASSWORD, _grid, _login, _rows, forge

# Time one request may spend waiting on Redis's socket. Before the short time-outs and the breaker
# a paused Redis held each call 5 s; now a call gives up after 0.1 s and the next ones skip Redis.
# Only the wait is measured: the request's own work depends on how busy the machine is.
REDIS_WAIT_SECONDS = 1.0
NATIONAL = {"national-year.value": "2026", "national-peildatum.value": "2026-06-30"}
# The comparison date changes the tiles alone: one part of the page's callback, so the time limit
# below measures waiting on Redis, not the work of a whole change of year.
TILES_ONLY = "national-since.value"
# Starts per organisation of AM09 in the hand-made dataset (Gemeente C only attends meetings).
AM09_STARTS = {"GGZ A": 3, "UWV B": 1, "Gemeente C": None}
EXPORT = "/export/regios.csv?jaar=2026&peildatum=2026-06-30"


@pytest.fixture
def outage_app(known: Any, make_app: Callable[..., Any], private_redis: PrivateRedis) -> Any:
    app = make_app(redis_url=private_redis.url, login_rate_limit="3 per minute")
    store.add_user(known, "anna", "landelijk", [], PASSWORD)
    return app


class RedisWaits:
    """Seconds spent in redis-py's socket calls (connect, send, read) while installed."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._depth = 0  # a send connects first: count the outer call only

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.seconds = 0.0
        for name in ("connect", "send_packed_command", "read_response"):
            monkeypatch.setattr(AbstractConnection, name, self._timing(getattr(AbstractConnection, name)))

    def _timing(self, call: Callable[..., Any]) -> Callable[..., Any]:
        def timed_call(*args: Any, **kwargs: Any) -> Any:
            self._depth += 1
            started = time.perf_counter()
            try:
                return call(*args, **kwargs)
            finally:
                self._depth -= 1
                if not self._depth:
                    self.seconds += time.perf_counter() - started

        return timed_call


WAITS = RedisWaits()


@pytest.fixture(autouse=True)
def _measure_redis_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    WAITS.install(monkeypatch)


def timed(request: Callable[[], Any]) -> Any:
    """The request's answer, after checking it waited on Redis no longer than a short time-out."""
    before = WAITS.seconds
    response = request()
    waited = WAITS.seconds - before
    assert waited < REDIS_WAIT_SECONDS, f"{waited:.2f} s waiting on Redis"
    return response


def gestart(admin: Any) -> dict[str, object]:
    return {r["organisatie"]: r["gestart"] for r in _rows(timed(lambda: _grid(admin, "AM09")))}


def serves_everything(app: Any, national_answer: bytes, export_answer: bytes) -> None:
    """Every kind of request works, fast, with the figures of a working cache."""
    admin = signed_in_client(app, "beheer")
    for _ in range(3):  # computed each time: nothing may be stored or served from the cache
        assert gestart(admin) == AM09_STARTS
        national = timed(lambda: forge(admin, "national-tiles.children", NATIONAL, changed=TILES_ONLY))
        assert national.status_code == 200 and national.data == national_answer
    export = timed(lambda: admin.get(EXPORT))
    assert export.status_code == 200 and export.data == export_answer
    assert timed(lambda: admin.get("/regio/AM09")).status_code == 200
    login = timed(lambda: _login(app.server.test_client(), "anna", PASSWORD))
    assert login.status_code == 303
    # The login limit still holds, counted in memory: three failures, then the fourth is refused.
    client = app.server.test_client()
    failures = [timed(lambda: _login(client, "anna", "fout-wachtwoord-1")).status_code for _ in range(4)]
    assert failures == [401, 401, 401, 429]


def answers_with_redis(app: Any, private_redis: PrivateRedis) -> tuple[bytes, bytes]:
    admin = signed_in_client(app, "beheer")
    national = forge(admin, "national-tiles.children", NATIONAL, changed=TILES_ONLY)
    export = admin.get(EXPORT)
    assert national.status_code == 200 and export.status_code == 200
    assert b"Achterhoek" in export.data
    assert private_redis.keys(), "the answers went to Redis"
    assert cache_health(app) == {"status": "ok", "errors": 0, "last_error": None}
    return national.data, export.data


def test_stopped_redis_leaves_pages_exports_and_logins_working(outage_app, private_redis, caplog):
    national, export = answers_with_redis(outage_app, private_redis)
    private_redis.stop()
    with caplog.at_level(logging.WARNING, logger="dashboard.infra.cache_redis"):
        serves_everything(outage_app, national, export)
    health = cache_health(outage_app)
    assert health["status"] == "degraded" and health["errors"] >= 1 and health["last_error"]
    # A Redis that is down fails on every call; the log hears about it once, not per request.
    warnings = [r for r in caplog.records if "Redis cache unavailable" in r.getMessage()]
    assert len(warnings) == 1


def test_paused_redis_costs_at_most_a_short_wait(outage_app, private_redis, known):
    national, export = answers_with_redis(outage_app, private_redis)
    private_redis.pause()
    try:
        serves_everything(outage_app, national, export)
        assert cache_health(outage_app)["status"] == "degraded"
        # New data while Redis hangs: it holds answers for the old data version, which must
        # never come back once Redis does.
        load(known, "trajecten", [trajectory("T9", "2026-05-01", organisatie="GGZ A")], today=PEILDATUM)
    finally:
        private_redis.resume()
    backend = outage_app.server.extensions["cache"][cache]
    assert isinstance(backend, GuardedRedisCache)
    backend.breaker.pause = 0  # no waiting out the breaker in a test
    admin = signed_in_client(outage_app, "beheer")
    assert gestart(admin) == {**AM09_STARTS, "GGZ A": 4}
    assert cache_health(outage_app)["status"] == "ok"
    # Redis is used again: the second answer comes from it and is still the new one.
    stored = len(private_redis.keys())
    assert gestart(admin) == {**AM09_STARTS, "GGZ A": 4}
    assert len(private_redis.keys()) == stored


def test_the_breaker_leaves_a_hung_redis_alone(outage_app, private_redis):
    answers_with_redis(outage_app, private_redis)
    backend = outage_app.server.extensions["cache"][cache]
    backend.breaker.pause = 60  # however slow this machine is today
    admin = signed_in_client(outage_app, "beheer")
    private_redis.pause()
    try:
        gestart(admin)
        errors = backend.breaker.errors
        for _ in range(5):
            gestart(admin)
        # Within the pause after a failure, no call waits on Redis again.
        assert backend.breaker.errors == errors
    finally:
        private_redis.resume()


def test_monitor_starts_and_serves_when_redis_was_never_there(known, make_app):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    app = make_app(redis_url=f"redis://127.0.0.1:{port}/0")
    store.add_user(known, "anna", "landelijk", [], PASSWORD)
    assert gestart(signed_in_client(app, "beheer")) == AM09_STARTS
    assert timed(lambda: _login(app.server.test_client(), "anna", PASSWORD)).status_code == 303
    assert cache_health(app)["status"] == "degraded"


def test_an_in_process_cache_has_nothing_to_report(app):
    assert cache_health(app) == {"status": "not configured", "errors": 0, "last_error": None}
