"""Start, share, follow and stop background jobs.

With a broker (``HZW_CELERY_BROKER``, or else ``HZW_REDIS_URL``) a job goes to Celery, and any
number of workers on any number of machines take jobs from it; without one (``make run`` on
SQLite), or with ``HZW_CELERY_BROKER=lokaal``, a small pool in the web process runs the same
function, so one command still does everything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any

from celery import Celery
from flask import Flask

from dashboard.auth.viewer import Viewer
from dashboard.data import jobs as rows
from dashboard.infra.config import Settings
from dashboard.infra.db import Database
from dashboard.jobs.context import JobContext
from dashboard.jobs.runner import JobFunction, reader_text, run_job

LOCAL = "lokaal"
# A finished pack is downloaded within minutes; a day later its file and report only take space.
KEEP_ENDED = dt.timedelta(days=1)
TASK = "hzw.job"


def broker_url(settings: Settings) -> str:
    """The Celery broker in force, or empty for the embedded pool."""
    chosen = settings.celery_broker or settings.redis_url
    return "" if chosen == LOCAL else chosen


def make_celery(broker: str, queue: str, jobs: Jobs) -> Celery:
    """The Celery app of the monitor with its one task: run a job by id."""
    celery = Celery("hzw", broker=broker)
    celery.conf.update(
        task_default_queue=queue,
        # One job at a time per worker process: a long pack must not hold a second one back.
        worker_prefetch_multiplier=1,
        task_ignore_result=True,
        broker_connection_retry_on_startup=True,
        # A job whose worker dies is not handed out again behind the reader's back: the page
        # says it failed (its heartbeat stopped) and the reader chooses to retry.
        task_acks_late=False,
    )

    @celery.task(name=TASK)
    def run(job_id: str) -> str:
        return jobs.run(job_id)

    return celery


class Jobs:
    """The job service of one app: knows the job functions and where jobs run."""

    def __init__(self, server: Flask, db: Database, settings: Settings) -> None:
        self.server, self.db, self.settings = server, db, settings
        self.functions: dict[str, JobFunction] = {}
        broker = broker_url(settings)
        self.celery: Celery | None = make_celery(broker, settings.celery_queue, self) if broker else None
        self._pool: ThreadPoolExecutor | None = None
        # Jobs the embedded pool runs: their latest step, and the stops asked for them.
        self._live: dict[str, tuple[int, int, str]] = {}
        self._stops: set[str] = set()

    def register(self, kind: str, function: JobFunction) -> None:
        """Let jobs of ``kind`` run ``function``."""
        self.functions[kind] = function

    @property
    def beat_seconds(self) -> float:
        """How often a running job says it is alive: several beats per ``job_stale_seconds``."""
        return max(0.2, self.settings.job_stale_seconds / 5)

    def run(self, job_id: str) -> str:
        """Run one job here and now (a worker's task)."""
        share = self.settings.job_cpu_percent / 100
        return run_job(self.server, self.db, job_id, self.functions, self.beat_seconds, cpu_share=share)

    def _run_here(self, job_id: str) -> str:
        """Run one job in the embedded pool, followed in memory as well as in its row."""

        def follow(context: JobContext) -> None:
            context.on_step = lambda step, total, unit: self._live.__setitem__(job_id, (step, total, unit))
            context.stop_here = lambda: job_id in self._stops

        self._live[job_id] = (0, 0, "")
        try:
            return run_job(self.server, self.db, job_id, self.functions, self.beat_seconds, follow)
        finally:
            self._live.pop(job_id, None)
            self._stops.discard(job_id)

    def submit(
        self,
        kind: str,
        arguments: dict[str, Any],
        viewer: Viewer,
        language: str,
        version: str = "",
        data: bytes | None = None,
        share: bool = True,
    ) -> tuple[str, bool]:
        """Start a job, or join the one already doing this work; its id and whether it is new.

        Shared jobs are keyed by kind, arguments, data version, the reader's scope and language:
        two readers who would get the same file share one job.
        """
        reader = reader_text(viewer)
        text = json.dumps(arguments, sort_keys=True)
        basis = [kind, text, version, reader, language] + ([] if share else [uuid.uuid4().hex])
        key = hashlib.sha256("\x1f".join(basis).encode()).hexdigest()
        rows.expire_stale(self.db, self.settings.job_stale_seconds, tuple(self._live))
        rows.prune(self.db, KEEP_ENDED)
        job_id, new = rows.create(self.db, key, kind, text, reader, language, data, reuse_finished=share)
        if new:
            self._dispatch(job_id)
        return job_id, new

    def _dispatch(self, job_id: str) -> None:
        if self.celery is not None:
            self.celery.send_task(TASK, args=[job_id])
            return
        if self._pool is None:
            self._pool = ThreadPoolExecutor(
                max_workers=self.settings.job_threads, thread_name_prefix="hzw-job"
            )
        self._pool.submit(self._run_here, job_id)

    def health(self, timeout: float) -> tuple[bool, dict[str, Any]]:
        """Whether jobs can run now, with the queue's counts (for the health endpoint).

        With Celery the workers are asked to answer within ``timeout``: none answering while the
        broker is reachable means packs and imports wait for ever. The embedded pool lives in
        this process, so it is there whenever the process answers.
        """
        load = rows.queue_load(self.db)
        detail: dict[str, Any] = {
            "wachtend": load.waiting,
            "bezig": load.running,
            "langst_wachtend_s": load.oldest_wait_seconds,
        }
        if self.celery is None:
            return True, {"soort": "ingebed", "draden": self.settings.job_threads, **detail}
        # A broker that is away or hung must not hold the health request: no retries, short sockets.
        limits = {"socket_timeout": timeout, "socket_connect_timeout": timeout, "max_retries": 0}
        try:
            with self.celery.connection_for_write(connect_timeout=timeout, transport_options=limits) as link:
                link.ensure_connection(max_retries=1, timeout=timeout)
                answers = self.celery.control.ping(timeout=timeout, connection=link)
        except Exception as error:  # kombu raises its own and OSError; the class name is enough
            return False, {"soort": "celery", "melding": type(error).__name__, **detail}
        return bool(answers), {"soort": "celery", "werkers": len(answers), **detail}

    def shutdown(self) -> None:
        """Stop the jobs of the embedded pool and wait for them (tests, a server shutting down)."""
        self._stops.update(self._live)
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def state(self, job_id: str) -> rows.JobState | None:
        """The job's state now (a running job whose worker went silent counts as failed)."""
        rows.expire_stale(self.db, self.settings.job_stale_seconds, tuple(self._live))
        state = rows.get(self.db, job_id)
        live = self._live.get(job_id)
        if state is not None and live is not None and state.toestand == "bezig" and live[2]:
            state = replace(state, stap=live[0], totaal=live[1], eenheid=live[2])
        return state

    def stop(self, job_id: str) -> None:
        """Ask the job to stop."""
        if job_id in self._live:
            self._stops.add(job_id)
        rows.request_stop(self.db, job_id)

    def result(self, job_id: str) -> tuple[bytes, str] | None:
        """A finished job's file."""
        return rows.result_of(self.db, job_id)
