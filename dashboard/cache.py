"""Shared cache for data-layer results, keyed by arguments and the data version."""

from __future__ import annotations

import functools
import importlib.metadata
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from flask import g, has_app_context, has_request_context
from flask_caching import Cache

if TYPE_CHECKING:
    from dashboard.db import Database

log = logging.getLogger(__name__)

# Created unbound; create_app binds it (in-process by default, Redis when HZW_REDIS_URL is set).
cache = Cache()

# Part of every key, so a deploy never reads results pickled by older code from a shared Redis.
CODE_VERSION = importlib.metadata.version("hoofdzaak-werk-monitor")

P = ParamSpec("P")
R = TypeVar("R")


def _data_version(db: Database) -> str:
    """The data version, read once per request: one callback calls several cached functions."""
    if not has_request_context():
        return db.data_version()
    versions: dict[str, str] = g.setdefault("hzw_data_versions", {})
    if db.cache_namespace not in versions:
        versions[db.cache_namespace] = db.data_version()
    return versions[db.cache_namespace]


def cached(fn: Callable[Concatenate[Database, P], R]) -> Callable[Concatenate[Database, P], R]:
    """Cache a data function ``fn(db, *args)`` per arguments and data version.

    Every import adds an import-log row, which changes the data version, so a result is never
    served after the data behind it changed. Outside an app (CLI, tests of the data layer) the
    function runs uncached.
    """

    @functools.wraps(fn)
    def wrapper(db: Database, *args: P.args, **kwargs: P.kwargs) -> R:
        if not has_app_context():
            return fn(db, *args, **kwargs)
        name = f"{fn.__module__}.{fn.__qualname__}"
        where = f"{db.cache_namespace}:{_data_version(db)}"
        key = f"hzw:{CODE_VERSION}:{name}:{where}:{args!r}:{sorted(kwargs.items())!r}"
        hit = cache.get(key)
        if hit is not None:
            return hit
        value = fn(db, *args, **kwargs)
        cache.set(key, value)
        return value

    return wrapper
