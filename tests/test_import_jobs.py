"""Imports as background jobs: progress per row, the final report, and a stop before the commit."""

from __future__ import annotations

import io
import json
import re
import time

import pytest
from sqlalchemy import func, select

from dashboard.auth.viewer import Viewer
from dashboard.data import jobs as rows
from dashboard.data.models import AuditEvent, ImportLog, Organisation, Trajectory
from dashboard.importing import progress
from dashboard.importing.job import KIND, import_arguments
from dashboard.jobs.web import JOBS_KEY

ADMIN = Viewer("beheerder", "beheer")
HEADER = "traject_id;regio;organisatie;organisatie_type;methode;startdatum\n"


def trajectory_file(count: int) -> bytes:
    """``count`` valid trajectories over five organisations of AM09, as a delivered CSV."""
    out = io.StringIO()
    out.write(HEADER)
    for n in range(count):
        out.write(f"T{n:07d};AM09;Werkbedrijf {n % 5};GGZ;IPS;{1 + n % 28:02d}-0{1 + n % 5}-2026\n")
    return out.getvalue().encode()


def count(db, model) -> int:
    with db.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(model)).scalar_one()


@pytest.fixture(autouse=True)
def _no_job_left(app):
    yield
    app.server.extensions["hzw"].extras[JOBS_KEY].shutdown()


def submit(app, data: bytes, check_only: bool = False) -> str:
    jobs = app.server.extensions["hzw"].extras[JOBS_KEY]
    arguments = import_arguments("trajecten", "groot.csv", check_only, None, [], 50_000_000, 60, "beheerder")
    job_id, _new = jobs.submit(KIND, arguments, ADMIN, "nl", data=data, share=False)
    return job_id


def follow(app, job_id: str, seconds: float = 600) -> tuple[rows.JobState, list[tuple[str, int, int]]]:
    """Poll the job as the page does; every distinct progress state seen on the way."""
    jobs = app.server.extensions["hzw"].extras[JOBS_KEY]
    seen: list[tuple[str, int, int]] = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        state = jobs.state(job_id)
        event = (state.eenheid, state.stap, state.totaal)
        if state.toestand == "bezig" and (not seen or seen[-1] != event):
            seen.append(event)
        if not state.active:
            return state, seen
        time.sleep(0.05)
    raise AssertionError("de import werd niet op tijd klaar")


@pytest.mark.traag
def test_a_250000_row_file_imports_through_the_queue_with_progress_and_a_report(app):
    db = app.server.extensions["hzw"].db
    state, seen = follow(app, submit(app, trajectory_file(250_000)))
    assert state.toestand == "klaar", state.fout
    outcome = json.loads(state.uitkomst)
    assert outcome["uitslag"] == "goed" and outcome["rijen"] == 250_000
    assert re.match(r"250\.?000 rijen", outcome["samenvatting"])
    checked = [done for unit, done, total in seen if unit == "rij" and total == 250_000]
    # Rows checked moved forward in several steps before the writing began.
    assert len(checked) >= 3 and checked == sorted(checked) and checked[0] < 250_000
    units = [unit for unit, _done, _total in seen]
    assert units.index("rij") < units.index("opslaan")
    assert count(db, Trajectory) == 250_000 and count(db, ImportLog) == 1
    assert rows.input_of(db, state.id) is None  # the upload is gone with its job


def test_a_stop_at_the_last_moment_before_the_commit_writes_nothing(app, monkeypatch):
    db = app.server.extensions["hzw"].db
    holder: dict[str, str] = {}
    written: list[bool] = []
    last_moment = progress.before_commit

    def stop_now() -> None:
        # The reader clicks Stoppen after every row is written, just before the commit.
        written.append(True)
        app.server.extensions["hzw"].extras[JOBS_KEY].stop(holder["id"])
        last_moment()

    monkeypatch.setattr(progress, "before_commit", stop_now)
    audit_before = count(db, AuditEvent)
    holder["id"] = submit(app, trajectory_file(20_000))
    state, seen = follow(app, holder["id"], 120)
    assert written, "the stop came before the rows were written"
    assert state.toestand == "gestopt" and not state.has_result
    assert ("opslaan", 0, 0) in seen or any(unit == "rij" for unit, _d, _t in seen)
    assert count(db, Trajectory) == 0 and count(db, ImportLog) == 0 and count(db, Organisation) == 0
    # Only the audit trail says an import was broken off; no figure or delivery changed.
    assert count(db, AuditEvent) == audit_before + 1


def test_a_file_with_errors_reports_them_all_and_writes_nothing(app):
    db = app.server.extensions["hzw"].db
    data = trajectory_file(3) + b"X1;AM09;Werkbedrijf 1;GGZ;onbekend;01-01-2026\n"
    state, _seen = follow(app, submit(app, data), 60)
    outcome = json.loads(state.uitkomst)
    assert state.toestand == "klaar" and outcome["uitslag"] == "afgekeurd"
    assert [(p["row"], p["column"]) for p in outcome["fouten"]] == [(5, "methode")]
    assert count(db, Trajectory) == 0
