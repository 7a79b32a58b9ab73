"""Redis behind the shared cache, optional at run time: fail fast, step aside, report it.

A cache only saves work. When Redis is stopped, paused or slow, every cache call gives up within
a tenth of a second and the monitor computes the answer itself; after a failure Redis is left
alone for a few seconds (a circuit breaker), so a hung server costs one short wait, not one per
call. The failures are counted for the health check and logged at most once a minute.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from typing import Any, Literal, TypedDict, TypeVar

from dash import Dash
from flask import Flask, current_app
from flask_caching.backends.rediscache import RedisCache
from redis.backoff import NoBackoff
from redis.exceptions import RedisError
from redis.retry import Retry

log = logging.getLogger(__name__)

# Connect and read time-outs of every Redis call: a cache answer slower than this is no saving.
REDIS_TIMEOUT_SECONDS = 0.1
# How long Redis is left alone after a failure before one call tries it again.
PAUSE_SECONDS = 5.0
# A Redis that is down fails on every call; the log hears about it at most this often.
WARN_EVERY_SECONDS = 60.0

T = TypeVar("T")
Timeout = int | dt.timedelta | None


def redis_options() -> dict[str, Any]:
    """Client options for every Redis connection of the monitor (cache and login limiter).

    redis-py's defaults wait 5 s per attempt and retry with back-off, so a paused Redis held each
    request for 5 to 10 s. One attempt with short time-outs; the caller decides what a failure means.
    """
    return {
        "socket_timeout": REDIS_TIMEOUT_SECONDS,
        "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
        "retry": Retry(NoBackoff(), 0),
    }


class CacheHealth(TypedDict):
    """What the health check reports about the cache.

    ``status`` is "ok" (Redis answers), "degraded" (Redis is configured but failing: answers are
    computed without it) or "not configured" (an in-process cache, nothing to fail).
    ``errors`` counts Redis failures since the app started; ``last_error`` is the UTC time of the
    latest one (ISO 8601), or None.
    """

    status: Literal["ok", "degraded", "not configured"]
    errors: int
    last_error: str | None


class Breaker:
    """The state of one Redis connection: failures, the last one, and whether to leave it alone."""

    def __init__(self, pause: float = PAUSE_SECONDS, warn_every: float = WARN_EVERY_SECONDS) -> None:
        """Start closed: the first call goes to Redis."""
        self.pause = pause
        self.warn_every = warn_every
        self.errors = 0
        self.last_error: dt.datetime | None = None
        self.failing = False
        self._failed_at = float("-inf")
        self._last_warning = float("-inf")
        self._unreported = 0
        self._lock = threading.Lock()

    def is_open(self) -> bool:
        """Whether calls skip Redis now (a failure was less than ``pause`` seconds ago)."""
        return time.monotonic() - self._failed_at < self.pause

    def failed(self, error: Exception) -> None:
        """Count a failure, open the breaker and warn unless a warning went out recently."""
        now = time.monotonic()
        with self._lock:
            self.errors += 1
            self.last_error = dt.datetime.now(dt.UTC)
            self.failing = True
            self._failed_at = now
            self._unreported += 1
            if now - self._last_warning < self.warn_every:
                return
            self._last_warning, count, self._unreported = now, self._unreported, 0
        log.warning(
            "Redis cache unavailable (%s: %s); answers are computed without the cache, Redis is tried "
            "again every %.0f s (%d failure(s) since the last warning)",
            error.__class__.__name__,
            error,
            self.pause,
            count,
        )

    def succeeded(self) -> None:
        """Close the breaker after a call that worked, and say so once when Redis is back."""
        if not self.failing:
            return
        with self._lock:
            was_failing, self.failing = self.failing, False
        if was_failing:
            log.warning("Redis cache reachable again after %d failure(s) in total", self.errors)


class GuardedRedisCache(RedisCache):
    """flask-caching's Redis backend whose calls never raise for Redis trouble: they miss instead.

    Selected with ``CACHE_TYPE = "dashboard.infra.cache_redis.GuardedRedisCache"``.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """As ``RedisCache``, plus a breaker."""
        super().__init__(*args, **kwargs)
        self.breaker = Breaker()

    @classmethod
    def factory(
        cls, app: Flask, config: dict[str, Any], args: list[Any], kwargs: dict[str, Any]
    ) -> GuardedRedisCache:
        """Build the backend with the monitor's short time-outs and no retries."""
        config = {**config, "CACHE_OPTIONS": {**redis_options(), **(config.get("CACHE_OPTIONS") or {})}}
        made = super().factory(app, config, args, kwargs)
        assert isinstance(made, GuardedRedisCache)
        return made

    def _guarded(self, call: Callable[[], T], missed: T) -> T:
        if self.breaker.is_open():
            return missed
        try:
            value = call()
        except RedisError as error:
            self.breaker.failed(error)
            return missed
        self.breaker.succeeded()
        return value

    def get(self, key: str) -> Any:
        """The cached value, or None (a miss) when Redis fails."""
        return self._guarded(lambda: super(GuardedRedisCache, self).get(key), None)

    def get_many(self, *keys: str) -> list[Any]:
        """The cached values, all misses when Redis fails."""
        return self._guarded(lambda: super(GuardedRedisCache, self).get_many(*keys), [None] * len(keys))

    def set(self, key: str, value: Any, timeout: Timeout = None) -> Any:
        """Store ``value``; False (not stored) when Redis fails."""
        return self._guarded(lambda: super(GuardedRedisCache, self).set(key, value, timeout), False)

    def add(self, key: str, value: Any, timeout: Timeout = None) -> Any:
        """Store ``value`` unless present; False when Redis fails."""
        return self._guarded(lambda: super(GuardedRedisCache, self).add(key, value, timeout), False)

    def set_many(self, mapping: dict[str, Any], timeout: Timeout = None) -> Any:
        """Store several values; none stored when Redis fails."""
        return self._guarded(lambda: super(GuardedRedisCache, self).set_many(mapping, timeout), [])

    def delete(self, key: str) -> Any:
        """Remove ``key``; False when Redis fails."""
        return self._guarded(lambda: super(GuardedRedisCache, self).delete(key), False)

    def delete_many(self, *keys: str) -> Any:
        """Remove several keys; none removed when Redis fails."""
        return self._guarded(lambda: super(GuardedRedisCache, self).delete_many(*keys), [])

    def has(self, key: str) -> Any:
        """Whether ``key`` is cached; False when Redis fails."""
        return self._guarded(lambda: super(GuardedRedisCache, self).has(key), False)

    def clear(self) -> Any:
        """Empty the cache; False when Redis fails."""
        return self._guarded(lambda: super(GuardedRedisCache, self).clear(), False)

    def inc(self, key: str, delta: int = 1) -> Any:
        """Increment a counter; None when Redis fails."""
        return self._guarded(lambda: super(GuardedRedisCache, self).inc(key, delta), None)

    def dec(self, key: str, delta: int = 1) -> Any:
        """Decrement a counter; None when Redis fails."""
        return self._guarded(lambda: super(GuardedRedisCache, self).dec(key, delta), None)

    def ping(self) -> bool:
        """Ask Redis whether it answers (skipped, False, while the breaker is open)."""
        return bool(self._guarded(lambda: self._write_client.ping(), False))


def cache_health(app: Flask | Dash | None = None, *, probe: bool = True) -> CacheHealth:
    """The cache's state for the health check.

    Args:
        app: the Flask server or Dash app; the current app when omitted.
        probe: ping Redis first (at most one short wait, and none while the breaker is open), so
            an idle monitor still notices that Redis went away.
    """
    # Imported here: dashboard.infra.cache imports the data layer, whose modules use this one's options.
    from dashboard.infra.cache import cache

    server = app.server if isinstance(app, Dash) else (app or current_app)
    backend = server.extensions.get("cache", {}).get(cache)
    if not isinstance(backend, GuardedRedisCache):
        return {"status": "not configured", "errors": 0, "last_error": None}
    if probe:
        backend.ping()
    breaker = backend.breaker
    last = breaker.last_error.isoformat() if breaker.last_error is not None else None
    status: Literal["ok", "degraded"] = "degraded" if breaker.failing else "ok"
    return {"status": status, "errors": breaker.errors, "last_error": last}
