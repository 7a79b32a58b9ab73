"""Background jobs on the embedded pool: progress, one job per pack, stop, and a silent worker."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from sqlalchemy import update

from dashboard.auth.viewer import Viewer
from dashboard.data import jobs as rows
from dashboard.data.job_models import Job
from dashboard.infra import clock
from dashboard.jobs import JobContext, JobOutcome
from dashboard.jobs.web import JOBS_KEY
from tests.helpers import signed_in_client

READER = Viewer("iemand", "regio", frozenset({"AM09"}))


def _wait(jobs, job_id, states=("klaar", "mislukt", "gestopt"), seconds=20.0):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        state = jobs.state(job_id)
        if state.toestand in states:
            return state
        time.sleep(0.02)
    raise AssertionError(f"job bleef {jobs.state(job_id).toestand}")


@pytest.fixture
def jobs(app):
    service = app.server.extensions["hzw"].extras[JOBS_KEY]
    gate = threading.Event()
    seen: list[tuple[int, int]] = []

    def counting(job: JobContext) -> JobOutcome:
        total = int(job.arguments["n"])
        for step in range(1, total + 1):
            gate.wait(5)
            job._written = 0.0  # every step written, so the test sees each one
            job.progress(step, total, "figuur")
            seen.append((step, total))
        return JobOutcome(b"inhoud", "proef.pdf", {"stappen": total})

    service.register("proef", counting)
    service.gate, service.seen = gate, seen
    yield service
    gate.set()
    service.shutdown()


def test_a_job_reports_its_steps_and_ends_with_its_file(jobs):
    job_id, new = jobs.submit("proef", {"n": 3}, READER, "nl")
    assert new
    jobs.gate.set()
    state = _wait(jobs, job_id)
    assert state.toestand == "klaar" and state.has_result
    assert jobs.seen == [(1, 3), (2, 3), (3, 3)]
    assert jobs.result(job_id) == (b"inhoud", "proef.pdf")
    assert (state.stap, state.totaal, state.eenheid) == (3, 3, "figuur")


def test_the_same_work_shares_one_job_and_other_work_gets_its_own(jobs):
    first, new = jobs.submit("proef", {"n": 2}, READER, "nl", version="v1")
    again, again_new = jobs.submit("proef", {"n": 2}, READER, "nl", version="v1")
    other_scope, _ = jobs.submit("proef", {"n": 2}, Viewer("x", "landelijk"), "nl", version="v1")
    newer_data, _ = jobs.submit("proef", {"n": 2}, READER, "nl", version="v2")
    assert new and not again_new and again == first
    assert len({first, other_scope, newer_data}) == 3
    jobs.gate.set()
    _wait(jobs, first)
    # A finished pack is handed out again until the data changes.
    assert jobs.submit("proef", {"n": 2}, READER, "nl", version="v1") == (first, False)


def test_a_stopped_job_ends_stopped_and_keeps_no_file(jobs):
    job_id, _ = jobs.submit("proef", {"n": 50}, READER, "nl")
    jobs.gate.set()
    while not jobs.seen:
        time.sleep(0.01)
    jobs.stop(job_id)
    state = _wait(jobs, job_id)
    assert state.toestand == "gestopt" and not state.has_result
    assert len(jobs.seen) < 50
    # Stopped work is not shared: asking again starts afresh.
    assert jobs.submit("proef", {"n": 50}, READER, "nl")[1]


def test_a_running_job_whose_worker_went_silent_counts_as_failed(app):
    db = app.server.extensions["hzw"].db
    job_id, _ = rows.create(db, "sleutel", "proef", "{}", "regio|AM09", "nl")
    assert rows.claim(db, job_id)
    long_ago = clock.utc_now() - dt.timedelta(minutes=5)
    with db.transaction() as session:
        session.execute(update(Job).where(Job.id == job_id).values(bijgewerkt=long_ago))
    jobs = app.server.extensions["hzw"].extras[JOBS_KEY]
    state = jobs.state(job_id)
    assert state.toestand == "mislukt" and state.fout == rows.INTERRUPTED
    # Its key is free again: the retry starts a new job.
    assert rows.create(db, "sleutel", "proef", "{}", "regio|AM09", "nl")[1]


def test_only_the_scope_that_started_a_job_sees_it(jobs, app):
    job_id, _ = jobs.submit("proef", {"n": 1}, READER, "nl")
    jobs.gate.set()
    _wait(jobs, job_id)
    own = signed_in_client(app, "regio", ("AM09",))
    other = signed_in_client(app, "regio", ("AM01",))
    answer = own.get(f"/taak/{job_id}").get_json()
    assert answer["toestand"] == "klaar" and answer["procent"] == 100
    assert own.get(answer["bestand"]).data == b"inhoud"
    assert other.get(f"/taak/{job_id}").status_code == 404
    assert other.get(f"/taak/{job_id}/bestand").status_code == 404
    assert other.post(f"/taak/{job_id}/stop", json={}).status_code == 404
    # A stop without a JSON body (a cross-site form) is refused.
    assert own.post(f"/taak/{job_id}/stop").status_code == 400


def test_ended_jobs_are_forgotten_after_a_day_and_running_ones_never(app):
    db = app.server.extensions["hzw"].db
    ended, _ = rows.create(db, "a", "proef", "{}", "regio|AM09", "nl")
    rows.finish(db, ended, b"pdf", "x.pdf", "{}")
    running, _ = rows.create(db, "b", "proef", "{}", "regio|AM09", "nl")
    assert rows.claim(db, running)
    two_days_ago = clock.utc_now() - dt.timedelta(days=2)
    with db.transaction() as session:
        session.execute(update(Job).values(bijgewerkt=two_days_ago))
    assert rows.prune(db, dt.timedelta(days=1)) == 1
    assert rows.get(db, ended) is None and rows.get(db, running) is not None
