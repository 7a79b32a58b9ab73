"""Run one job: claim it, keep its heartbeat while it runs, record how it ended.

The same function runs in a Celery worker and in the embedded pool; it needs the Flask app only
to give the job function the request context the page code expects (its reader and language).
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Mapping

from flask import Flask

from dashboard.auth.viewer import Viewer, set_viewer
from dashboard.data import jobs as rows
from dashboard.i18n import N_, use_language
from dashboard.infra.db import Database
from dashboard.jobs.context import JobContext, JobOutcome, JobStopped

JobFunction = Callable[[JobContext], JobOutcome]
FAILED = N_("Er ging iets mis bij het maken. Er is niets opgeslagen.")
log = logging.getLogger(__name__)


def reader_text(viewer: Viewer) -> str:
    """The reader's scope as stored with a job: role and regions, not the account name."""
    return f"{viewer.role}|{','.join(sorted(viewer.regions))}"


def reader_of(text: str) -> Viewer:
    """The viewer a job runs as: the scope it was asked with."""
    role, _sep, regions = text.partition("|")
    return Viewer("taak", role, frozenset(r for r in regions.split(",") if r))


def _heartbeat(db: Database, context: JobContext, every: float, done: threading.Event) -> None:
    while not done.wait(every):
        try:
            context.stop_asked = rows.beat(db, context.job_id) or context.stop_asked
        except Exception:  # noqa: BLE001 - a missed beat is retried; the job itself reports errors
            log.warning("job heartbeat missed")


def run_job(
    server: Flask,
    db: Database,
    job_id: str,
    functions: Mapping[str, JobFunction],
    beat_seconds: float,
    follow: Callable[[JobContext], None] | None = None,
    cpu_share: float = 1.0,
) -> str:
    """Run the job ``job_id`` to its end; returns the state it ended in."""
    if not rows.claim(db, job_id):
        return "gestopt"
    state = rows.get(db, job_id)
    if state is None:  # pragma: no cover - claimed a moment ago
        return "mislukt"
    viewer = reader_of(state.lezer)
    context = JobContext(
        db, job_id, json.loads(state.argumenten), viewer, state.taal, rows.input_of(db, job_id)
    )
    context.cpu_share = cpu_share
    if follow is not None:
        follow(context)
    done = threading.Event()
    beating = threading.Thread(target=_heartbeat, args=(db, context, beat_seconds, done), daemon=True)
    beating.start()
    try:
        with server.test_request_context("/"), use_language(state.taal):
            set_viewer(viewer)
            outcome = functions[state.soort](context)
    except JobStopped:
        rows.stopped(db, job_id)
        return "gestopt"
    except Exception:
        # The traceback goes to the worker's log; the page says it failed, in Dutch, with a retry.
        log.exception("job %s (%s) failed", job_id, state.soort)
        rows.fail(db, job_id, FAILED)
        return "mislukt"
    finally:
        done.set()
        beating.join()
    rows.finish(db, job_id, outcome.content, outcome.file_name, json.dumps(outcome.outcome))
    return "klaar"
