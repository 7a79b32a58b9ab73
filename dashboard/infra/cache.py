"""Shared cache for data-layer results, keyed by the data version (callback answers: callback_cache)."""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from flask import g, has_app_context, has_request_context
from flask_caching import Cache

from dashboard.data.meta import DataStatus, data_status
from dashboard.infra.config import PROJECT_ROOT

if TYPE_CHECKING:
    from dashboard.infra.db import Database

log = logging.getLogger(__name__)

# Created unbound; create_app binds it (in-process by default, Redis when HZW_REDIS_URL is set).
cache = Cache()

# What makes a cached answer: the monitor's code and translations, and the libraries that build
# and pickle figures and layouts.
CODE_FOLDERS = ("dashboard", "layouts", "callbacks", "geodata")
CODE_SUFFIXES = (".py", ".po")
LIBRARIES = ("dash", "plotly", "dash-bootstrap-components", "dash-ag-grid", "pandas")


def code_version(root: Path = PROJECT_ROOT) -> str:
    """The package version and a digest of everything that makes what is cached.

    The package version alone stays the same from one deploy to the next; a changed layout or
    report would then be read as the older code pickled it from a shared Redis.
    """
    digest = hashlib.sha256()
    for folder in CODE_FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in CODE_SUFFIXES and path.is_file():
                digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    for library in LIBRARIES:
        digest.update(f"{library}={importlib.metadata.version(library)}\0".encode())
    return f"{importlib.metadata.version('hoofdzaak-werk-monitor')}-{digest.hexdigest()[:16]}"


# Part of every key, so a deploy never reads results pickled by older code from a shared Redis.
CODE_VERSION = code_version()

# Outside an app, ``memo`` lets one long job (a publication) reuse what it worked out already.
_memo: ContextVar[dict[str, object] | None] = ContextVar("hzw_memo", default=None)

P = ParamSpec("P")
R = TypeVar("R")


def request_data_status(db: Database) -> DataStatus:
    """The import log's state (data date, demo data, data version), read once per request.

    Every callback request needs the data version for its cache keys and most need the data date
    for the default peildatum or the footer; one query answers both, and a callback that calls
    several cached functions asks it only once.
    """
    if not has_request_context():
        return data_status(db)
    found: dict[str, DataStatus] = g.setdefault("hzw_data_status", {})
    if db.cache_namespace not in found:
        found[db.cache_namespace] = data_status(db)
    return found[db.cache_namespace]


def data_version(db: Database) -> str:
    """A value that changes with every committed import; cache keys include it."""
    return request_data_status(db).version


def cached(fn: Callable[Concatenate[Database, P], R]) -> Callable[Concatenate[Database, P], R]:
    """Cache a data function ``fn(db, *args)`` per arguments and data version.

    Every import adds an import-log row, which changes the data version, so a result is never
    served after the data behind it changed. Outside an app (CLI, tests of the data layer) the
    function runs uncached.
    """

    @functools.wraps(fn)
    def wrapper(db: Database, *args: P.args, **kwargs: P.kwargs) -> R:
        name = f"{fn.__module__}.{fn.__qualname__}"
        if not has_app_context():
            found = _memo.get()
            if found is None:
                return fn(db, *args, **kwargs)
            local = f"{name}:{db.cache_namespace}:{args!r}:{sorted(kwargs.items())!r}"
            if local not in found:
                found[local] = fn(db, *args, **kwargs)
            return found[local]  # type: ignore[return-value]
        where = f"{db.cache_namespace}:{data_version(db)}"
        # Hashed: the arguments (views, dates) are already parsed, but a key need not carry them.
        arguments = hashlib.sha256(f"{args!r}:{sorted(kwargs.items())!r}".encode()).hexdigest()
        key = f"hzw:{CODE_VERSION}:{name}:{where}:{arguments}"
        # One request may ask the same result several times (a change of year on the national
        # page reads the national report for tiles, map, ranking, trend and matrix): it is worked
        # out or fetched once per request, also while Redis is down and nothing is stored.
        seen: dict[str, object] = g.setdefault("hzw_cached", {}) if has_request_context() else {}
        if key in seen:
            return seen[key]  # type: ignore[return-value]
        hit = cache.get(key)
        if hit is not None:
            seen[key] = hit
            return hit
        value = fn(db, *args, **kwargs)
        cache.set(key, value)
        seen[key] = value
        return value

    return wrapper


@contextmanager
def memo() -> Iterator[None]:
    """Outside an app, remember the results of cached functions within the block.

    The data must not change inside it: one publication reads every region's report, and each
    of them reads the same national report.
    """
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)
