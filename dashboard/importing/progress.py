"""Progress of an import run as a background job, and its last chance to stop before the commit.

The import code calls these at its steps; outside a job (the CLI, a test) nobody listens and
they do nothing. A context variable carries the listener, so no signature between the job and
the row loop has to change.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

# Rows checked between two reports: often enough for a moving bar, rare enough to cost nothing.
EVERY = 5_000


class Listener(Protocol):
    """What a job offers the import (``dashboard.jobs.JobContext``)."""

    def progress(self, step: int, total: int, unit: str) -> None:
        """At ``step`` of ``total`` ``unit``; may raise to stop the import."""

    def check(self) -> None:
        """Raise when the import must stop."""


_listener: contextvars.ContextVar[Listener | None] = contextvars.ContextVar(
    "hzw_import_progress", default=None
)


@contextmanager
def reporting(listener: Listener) -> Iterator[None]:
    """Report the import's progress inside this block to ``listener``."""
    token = _listener.set(listener)
    try:
        yield
    finally:
        _listener.reset(token)


def step(unit: str) -> None:
    """A step without a count: ``lezen``, ``opslaan``."""
    found = _listener.get()
    if found is not None:
        found.progress(0, 0, unit)


def rows_checked(done: int, total: int) -> None:
    """``done`` of ``total`` rows checked (reported every ``EVERY`` rows and at the end)."""
    found = _listener.get()
    if found is not None and (done % EVERY == 0 or done == total):
        found.progress(done, total, "rij")


def before_commit() -> None:
    """The last moment to stop: raising here rolls the whole import back."""
    found = _listener.get()
    if found is not None:
        found.check()
