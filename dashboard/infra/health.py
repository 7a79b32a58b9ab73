"""Health of one app instance, as JSON for load balancers and monitoring: no sign-in, no figures.

``/gezondheid`` is for monitoring: HTTP 503 as soon as any part fails, Redis included.
``/healthz`` is for a load balancer: HTTP 503 only when this instance cannot serve (database or
schema). The cache is optional at run time, so a Redis that every instance shares being away must
not take every instance out of rotation; the body says "degraded" instead.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

import redis
from flask import Blueprint, Response
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from dashboard.data.summary_check import last_summary_check
from dashboard.infra.cache_redis import cache_health
from dashboard.infra.db import Database
from dashboard.infra.runtime import runtime

blueprint = Blueprint("health", __name__)
# What a health request may wait for one service: a load balancer probes often and gives up fast.
SERVICE_TIMEOUT_SECONDS = 0.5
OK, FAILED, NOT_CONFIGURED, NOT_CHECKED = "ok", "fout", "niet ingesteld", "nooit gecontroleerd"
# The job service puts its probe under this key of the runtime's extras: given a timeout, whether
# jobs can run and the queue's counts. Infra asks it without knowing how jobs run.
WORKERS_PROBE = "taakwerkers"
T = TypeVar("T")
WorkerProbe = Callable[[float], tuple[bool, dict[str, Any]]]


@dataclass(frozen=True)
class Check:
    """One part of the instance: whether it answers, and what a person on call needs to know."""

    status: str  # OK, FAILED, NOT_CONFIGURED or NOT_CHECKED
    required: bool  # without it the instance cannot serve at all
    detail: dict[str, Any]

    def as_json(self) -> dict[str, Any]:
        """The check as it appears in the report."""
        return {"status": self.status, **self.detail}


def _timed(probe: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    answer = probe()
    return answer, round((time.perf_counter() - start) * 1000, 1)


def database_check(db: Database) -> Check:
    """Whether the database answers a query (a missing SQLite file counts as not answering)."""
    url = db.engine.url
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        # Connecting would create an empty file in its place and hide that the data is gone.
        if not Path(str(url.database)).exists():
            return Check(FAILED, True, {"melding": "databasebestand ontbreekt"})
    try:
        with db.engine.connect() as connection:
            _detail, ms = _timed(lambda: {"antwoord": connection.scalar(text("SELECT 1"))})
    except SQLAlchemyError as error:
        # The class name says enough (OperationalError, …); the message could carry a password.
        return Check(FAILED, True, {"melding": type(getattr(error, "orig", error)).__name__})
    return Check(OK, True, {"ms": ms, "soort": url.get_backend_name()})


def migration_check(db: Database) -> Check:
    """Whether the schema is at the newest migration this code knows."""
    try:
        current, head = db.current_revision(), db.head_revision()
    except SQLAlchemyError as error:
        return Check(FAILED, True, {"melding": type(getattr(error, "orig", error)).__name__})
    status = OK if current == head else FAILED
    return Check(status, True, {"versie": current, "nieuwste": head})


def redis_check(url: str) -> Check:
    """Whether the configured Redis answers a PING, and how often the cache has had to do without it."""
    if not url:
        return Check(NOT_CONFIGURED, False, {})
    # Counted by the cache itself: calls that gave up on Redis and computed the answer instead.
    cache = cache_health(probe=False)
    counts = {"cachefouten": cache["errors"], "laatste_cachefout": cache["last_error"]}
    client = redis.Redis.from_url(
        url, socket_timeout=SERVICE_TIMEOUT_SECONDS, socket_connect_timeout=SERVICE_TIMEOUT_SECONDS
    )
    try:
        _detail, ms = _timed(lambda: {"antwoord": client.ping()})
    except (redis.RedisError, OSError) as error:
        return Check(FAILED, False, {"melding": type(error).__name__, **counts})
    finally:
        client.close()
    return Check(OK, False, {"ms": ms, **counts})


def summary_check(db: Database) -> Check:
    """The last proof of the summary table (``hzw db controleer``): a difference means wrong figures."""
    try:
        last = last_summary_check(db)
    except SQLAlchemyError as error:
        return Check(FAILED, False, {"melding": type(getattr(error, "orig", error)).__name__})
    if last is None:
        return Check(NOT_CHECKED, False, {})
    status = FAILED if last.outcome == "afwijkend" else OK
    detail = {"uitkomst": last.outcome, "verschillen": last.differences, "tijd": last.tijdstip.isoformat()}
    return Check(status, False, detail)


def worker_check(probe: WorkerProbe | None) -> Check:
    """Whether background jobs (packs, imports) can run: the job service answers for its workers."""
    if probe is None:
        return Check(NOT_CONFIGURED, False, {})
    (ok, detail), ms = _timed(lambda: probe(SERVICE_TIMEOUT_SECONDS))
    return Check(OK if ok else FAILED, False, {"ms": ms, **detail})


def report(db: Database, redis_url: str, workers: WorkerProbe | None = None) -> dict[str, Any]:
    """The health of this instance: every check, and one status over them."""
    checks = {
        "database": database_check(db),
        "migraties": migration_check(db),
        "redis": redis_check(redis_url),
        "samenvatting": summary_check(db),
        "taakwerkers": worker_check(workers),
    }
    failed = [c for c in checks.values() if c.status == FAILED]
    if any(c.required for c in failed):
        status = "error"
    elif failed:
        status = "degraded"
    else:
        status = "ok"
    return {
        "status": status,
        "tijd": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "versie": metadata.version("hoofdzaak-werk-monitor"),
        "controles": {name: check.as_json() for name, check in checks.items()},
    }


def _answer(body: dict[str, Any], healthy: bool) -> Response:
    response = Response(json.dumps(body), status=200 if healthy else 503, mimetype="application/json")
    response.headers["Cache-Control"] = "no-store"
    return response


@blueprint.get("/gezondheid")
def full_health() -> Response:
    """For monitoring: 503 when anything fails."""
    rt = runtime()
    body = report(rt.db, rt.settings.redis_url, rt.extras.get(WORKERS_PROBE))
    return _answer(body, body["status"] == "ok")


@blueprint.get("/healthz")
def serving_health() -> Response:
    """For a load balancer: 503 only when this instance cannot serve."""
    rt = runtime()
    body = report(rt.db, rt.settings.redis_url, rt.extras.get(WORKERS_PROBE))
    return _answer(body, body["status"] != "error")
