"""Shared cache for data-layer results and finished callback answers, keyed by the data version."""

from __future__ import annotations

import functools
import importlib.metadata
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar, cast

import orjson
from dash import NoUpdate
from flask import g, has_app_context, has_request_context
from flask_caching import Cache
from plotly.io.json import to_json_plotly

from dashboard.auth.viewer import current_viewer
from dashboard.data.meta import DataStatus, data_status
from dashboard.i18n import current_language
from dashboard.infra import clock

if TYPE_CHECKING:
    from dashboard.infra.db import Database

log = logging.getLogger(__name__)

# Created unbound; create_app binds it (in-process by default, Redis when HZW_REDIS_URL is set).
cache = Cache()

# Part of every key, so a deploy never reads results pickled by older code from a shared Redis.
CODE_VERSION = importlib.metadata.version("hoofdzaak-werk-monitor")

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


def _data_version(db: Database) -> str:
    return request_data_status(db).version


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


def context_key() -> str:
    """What besides its arguments decides a callback's answer: who is looking, in which language.

    Results differ per viewer (a ``regio`` account sees its own organisations, ``beheer`` sees
    small numbers) and per language, so a cached answer is shared only between requests with the
    same role, regions and language. Anything else that comes to shape answers belongs here too.
    """
    viewer = current_viewer()
    return f"{viewer.role}:{','.join(sorted(viewer.regions))}:{current_language()}"


def _serialised(value: object) -> object:
    # Serialised once, when computed, and kept as JSON text: a hit hands Dash the finished JSON,
    # so neither the figure nor its serialisation is redone. no_update stays itself: Dash looks for
    # it by type.
    if value is None or isinstance(value, NoUpdate):
        return value
    return to_json_plotly(value)


def _answer(stored: object) -> object:
    # orjson (plotly's engine) writes a Fragment into the response as it is.
    return orjson.Fragment(stored) if isinstance(stored, str) else stored


def cached_callback(fn: Callable[P, R]) -> Callable[P, R]:
    """Cache a callback's finished answer per arguments, data version, day and :func:`context_key`.

    For ``app.callback(...)(cached_callback(fn))``: ``fn`` stays a plain function that tests call
    directly. A tuple answer is a multi-output callback, each part serialised on its own so
    ``no_update`` parts keep their meaning. The day is in the key because a missing peildatum
    means today. Exceptions (``PreventUpdate``, ``NoAccess``) pass through and are not cached.
    """
    name = f"{fn.__module__}.{fn.__qualname__}"

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if not has_request_context():
            return fn(*args, **kwargs)
        # Imported here: the runtime imports the data layer, which imports this module.
        from dashboard.infra.runtime import runtime

        db = runtime().db
        where = f"{db.cache_namespace}:{_data_version(db)}:{clock.today().isoformat()}"
        arguments = f"{args!r}:{sorted(kwargs.items())!r}"
        key = f"hzw:{CODE_VERSION}:callback:{name}:{where}:{context_key()}:{arguments}"
        stored = cache.get(key)
        if stored is None:
            value = fn(*args, **kwargs)
            stored = (
                ("parts", [_serialised(v) for v in value])
                if isinstance(value, tuple)
                else ("one", _serialised(value))
            )
            cache.set(key, stored)
        form, content = stored
        if form == "parts":
            return cast(R, tuple(_answer(v) for v in content))
        return cast(R, _answer(content))

    return wrapper
