"""What a job function gets (its arguments, its file, a way to report progress) and returns."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dashboard.auth.viewer import Viewer
from dashboard.data import jobs as rows
from dashboard.infra.db import Database

# Progress is written at most this often: a loop over 263,000 rows must not write 263,000 times.
WRITE_EVERY = 0.25


class JobStopped(Exception):  # noqa: N818 - a request, not an error
    """The reader asked the job to stop; whatever it did is rolled back."""


@dataclass(frozen=True)
class JobOutcome:
    """A finished job: a file to download (a pack), and/or an outcome as JSON-able data."""

    content: bytes | None = None
    file_name: str = ""
    outcome: dict[str, Any] = field(default_factory=dict)


@dataclass
class JobContext:
    """One running job as its function sees it."""

    db: Database
    job_id: str
    arguments: dict[str, Any]
    viewer: Viewer
    language: str
    data: bytes | None = None
    stop_asked: bool = False
    _written: float = 0.0
    # The embedded pool follows its own jobs in memory too: on SQLite an import holds the write
    # lock, so neither its progress nor a stop can reach the job's row until it commits.
    on_step: Callable[[int, int, str], None] | None = None
    stop_here: Callable[[], bool] | None = None
    # The part of the time the job may compute (HZW_JOB_CPU_PERCENT): on a machine that also serves
    # pages, a worker rests between steps so that the pages keep their speed.
    cpu_share: float = 1.0
    _since: float = field(default_factory=time.monotonic)

    def _rest(self) -> None:
        if self.cpu_share < 1:
            worked = time.monotonic() - self._since
            time.sleep(worked * (1 / self.cpu_share - 1))
            self._since = time.monotonic()

    def _stop_asked_here(self) -> bool:
        return self.stop_here is not None and self.stop_here()

    def progress(self, step: int, total: int, unit: str) -> None:
        """At ``step`` of ``total`` ``unit`` (``figuur``, ``rij``, …); raises JobStopped on request."""
        self._rest()
        if self.on_step is not None:  # in memory: every step, however quick
            self.on_step(step, total, unit)
        now = time.monotonic()
        if step >= total or now - self._written >= WRITE_EVERY:
            self._written = now
            self.stop_asked = rows.beat(self.db, self.job_id, step, total, unit) or self.stop_asked
        if self.stop_asked or self._stop_asked_here():
            raise JobStopped

    def check(self) -> None:
        """Raise JobStopped when a stop was asked for; asks the database, not a cached answer."""
        self.stop_asked = rows.beat(self.db, self.job_id) or self.stop_asked
        if self.stop_asked or self._stop_asked_here():
            raise JobStopped
