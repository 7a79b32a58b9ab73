"""Cache of finished callback answers, per arguments, data version, day, viewer and language.

Apart from the data cache (``dashboard.infra.cache``) because it needs the running app's database
(the runtime), while the runtime needs the data cache's per-request data status.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar, cast

import orjson
from dash import NoUpdate
from dash.exceptions import PreventUpdate
from flask import has_request_context
from plotly.io.json import to_json_plotly

from dashboard.auth.viewer import current_viewer
from dashboard.i18n import current_language
from dashboard.infra import clock
from dashboard.infra.arguments import ArgumentCheck, digest
from dashboard.infra.cache import CODE_VERSION, cache, request_data_status
from dashboard.infra.runtime import runtime

P = ParamSpec("P")
R = TypeVar("R")


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

    Arguments are checked first (:class:`~dashboard.infra.arguments.ArgumentCheck`): one of another
    type than ``fn`` declares, or too large, is refused with ``PreventUpdate`` (Dash answers 204
    and the page keeps what it shows), so junk is neither computed nor cached. The key holds a
    hash of the arguments, never the arguments themselves.
    """
    name = f"{fn.__module__}.{fn.__qualname__}"
    check = ArgumentCheck(fn)

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if not has_request_context():
            return fn(*args, **kwargs)
        if check.refused(args, kwargs) is not None:
            raise PreventUpdate
        db = runtime().db
        # A saved narrative shows in page answers (explanations, trend marks, signals): its count
        # keys them, while the reports underneath stay cached per data version.
        status = request_data_status(db)
        where = f"{db.cache_namespace}:{status.version}:{status.narratives}:{clock.today().isoformat()}"
        key = f"hzw:{CODE_VERSION}:callback:{name}:{where}:{context_key()}:{digest(args, kwargs)}"
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
