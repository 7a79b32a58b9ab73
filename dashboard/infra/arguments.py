"""Checks on callback arguments before they are used or cached: the type a callback declares, a size.

Anyone can POST anything to ``/_dash-update-component``; the browser only ever sends what the
monitor's own controls hold: a year, a date, an AM code, an organisation number, a short query
string. An argument of another type or beyond these sizes is refused, so it is neither computed
nor kept in the cache.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import logging
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from geodata import region_refs

log = logging.getLogger(__name__)

# The longest text a control of the monitor sends: a URL query (``?jaar=…&peildatum=…&cohort=…``)
# is well under this; a date, a year or an AM code much more so.
MAX_TEXT = 200
SCALARS: tuple[type, ...] = (str, int, float, bool, type(None))


def _allowed_types(annotation: object) -> tuple[type, ...]:
    # ``str | None`` -> (str, NoneType); ``list[str]`` lets a list of scalars through. No
    # annotation (or ``object``, ``Any``) allows every scalar: the size check still applies.
    if annotation in (inspect.Parameter.empty, Any, object):
        return SCALARS
    union = isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union
    allowed: list[type] = []
    for member in typing.get_args(annotation) if union else (annotation,):
        origin = typing.get_origin(member) or member
        if not (isinstance(origin, type) and (origin in SCALARS or origin in (list, tuple))):
            # Cache keys are the canonical JSON of the arguments: plain values only.
            raise TypeError(f"a cached callback takes plain values, not {member!r}")
        allowed.append(list if origin is tuple else origin)
    return tuple(allowed)


def _fits(value: object, allowed: tuple[type, ...]) -> bool:
    if isinstance(value, bool) and bool not in allowed:
        return False  # JSON true where a number or text belongs: no control sends that
    if isinstance(value, list | tuple):
        # No control of the monitor sends more items than there are regions.
        return (
            list in allowed
            and len(value) <= len(region_refs())
            and all(_fits(item, SCALARS) for item in value)
        )
    return isinstance(value, allowed) and (not isinstance(value, str) or len(value) <= MAX_TEXT)


class ArgumentCheck:
    """The declared argument types of one callback function, checked on each call."""

    def __init__(self, fn: Callable[..., object]) -> None:
        """Read ``fn``'s parameters and their annotations.

        Raises:
            TypeError: when a parameter is declared as something other than plain values.
        """
        self.name = f"{fn.__module__}.{fn.__qualname__}"
        self.signature = inspect.signature(fn)
        hints = typing.get_type_hints(fn)
        self.allowed = {
            name: _allowed_types(hints.get(name, inspect.Parameter.empty))
            for name in self.signature.parameters
        }

    def refused(self, args: Sequence[object], kwargs: Mapping[str, object]) -> str | None:
        """The name of the first argument that is of the wrong type or too large, or None."""
        try:
            bound = self.signature.bind(*args, **kwargs)
        except TypeError:
            return "*"
        for name, value in bound.arguments.items():
            if not _fits(value, self.allowed.get(name, SCALARS)):
                # Only the name, type and size: the value may be anything someone typed.
                size = len(value) if isinstance(value, str | list | tuple | dict) else 0
                log.warning(
                    "refused callback argument %s.%s (%s, size %d)",
                    self.name,
                    name,
                    type(value).__name__,
                    size,
                )
                return name
        return None


def digest(args: Sequence[object], kwargs: Mapping[str, object]) -> str:
    """SHA-256 of the canonical JSON of checked arguments: a cache key part of fixed length."""
    text = json.dumps([list(args), sorted(kwargs.items())], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()
