"""Jobs through a real Celery worker on the test Redis: the pack, a killed worker, and the retry."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis

from dashboard.importing.job import KIND, import_arguments
from dashboard.jobs.web import JOBS_KEY
from tests.conftest import PEILDATUM, REDIS_URL, service_url
from tests.helpers import signed_in_client
from tests.test_import_jobs import ADMIN, trajectory_file

pytestmark = pytest.mark.redis
ROOT = Path(__file__).resolve().parents[1]
STALE = 8  # generous: a busy test machine delays the beats of a healthy worker too


class Worker:
    """``celery -A dashboard.worker:celery worker`` in its own process, stopped by its PID."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env, self.log = env, log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [sys.executable, "-m", "celery", "-A", "dashboard.worker:celery", "worker"]
        command += [
            "--loglevel",
            "INFO",
            "--pool",
            "solo",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ]
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                command, env=self.env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + 60
        while b"ready." not in self.log.read_bytes():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.kill()
                pytest.fail(f"celery worker startte niet: {self.log.read_text()[-2000:]}")
            time.sleep(0.2)

    def kill(self) -> None:
        """Stop as a machine that loses power would: no goodbye, no cleanup."""
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def queued(db, make_app, tmp_path) -> Iterator[tuple[object, Worker]]:
    """An app whose jobs go to a queue of its own on the test Redis, and a worker on that queue."""
    broker = service_url(REDIS_URL, "redis")
    queue = f"hzw-test-{uuid.uuid4().hex[:8]}"
    url = db.engine.url.render_as_string(hide_password=False)
    settings = {"celery_broker": broker, "celery_queue": queue, "job_stale_seconds": STALE}
    app = make_app(**settings)
    env = {k: v for k, v in os.environ.items() if not k.startswith("HZW_")}
    env |= {f"HZW_{k.upper()}": str(v) for k, v in settings.items()}
    env |= {"HZW_DATABASE_URL": url, "HZW_PEILDATUM": PEILDATUM.isoformat(), "PYTHONPATH": str(ROOT)}
    env |= {"HZW_DATA_DIR": str(tmp_path / "data"), "HZW_GEODATA_FILE": ""}
    worker = Worker(env, tmp_path / "worker.log")
    worker.start()
    try:
        yield app, worker
    finally:
        worker.stop()
        client = redis.Redis.from_url(broker)
        client.delete(queue)
        client.close()


def _until(app, job_id: str, done: Callable[[object], bool], seconds: float = 120) -> object:
    jobs = app.server.extensions["hzw"].extras[JOBS_KEY]
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        state = jobs.state(job_id)
        if done(state):
            return state
        time.sleep(0.05)
    raise AssertionError(f"job {job_id}: {jobs.state(job_id)}")


def _import(app, rows: int) -> str:
    jobs = app.server.extensions["hzw"].extras[JOBS_KEY]
    arguments = import_arguments("trajecten", "groot.csv", True, None, [], 50_000_000, 60, "beheerder")
    job_id, _new = jobs.submit(KIND, arguments, ADMIN, "nl", data=trajectory_file(rows), share=False)
    return job_id


@pytest.mark.traag
def test_a_killed_worker_fails_its_job_and_the_retry_on_a_new_worker_succeeds(queued):
    app, worker = queued
    client = signed_in_client(app, "beheer")
    web = app.server.test_client()
    health = web.get("/gezondheid").get_json()["controles"]["taakwerkers"]
    assert health["status"] == "ok" and health["soort"] == "celery", health
    assert health["werkers"] == 1 and health["wachtend"] == health["bezig"] == 0, health
    job_id = _import(app, 150_000)
    # The worker on the other process took the job and is checking rows.
    _until(app, job_id, lambda s: s.toestand == "bezig" and s.eenheid == "rij" and s.stap > 0)
    # (The test's worker runs its job in its one process, so it cannot answer a ping meanwhile;
    # the Procfile's worker answers from its main process.)
    assert web.get("/gezondheid").get_json()["controles"]["taakwerkers"]["bezig"] == 1
    worker.kill()
    failed = _until(app, job_id, lambda s: not s.active, seconds=STALE * 5)
    assert failed.toestand == "mislukt"
    page = client.get(f"/taak/{job_id}").get_json()
    assert page["toestand"] == "mislukt"
    assert page["tekst"].startswith("Het maken is onderbroken: de verwerker is gestopt.")
    # No worker answers: monitoring hears it, the load balancer keeps the web process serving.
    body = web.get("/gezondheid").get_json()
    assert body["status"] == "degraded" and body["controles"]["taakwerkers"]["werkers"] == 0, body
    assert web.get("/healthz").status_code == 200
    worker.start()
    # Smaller, so that on SQLite its write (which holds the one write lock, heartbeats included)
    # stays well within STALE.
    retry = _import(app, 30_000)
    done = _until(app, retry, lambda s: not s.active)
    assert done.toestand == "klaar" and '"uitslag": "goed"' in done.uitkomst


@pytest.mark.browser  # kaleido draws the pack's figures in Chromium
def test_the_pack_is_made_by_the_worker_and_downloads_from_the_web_process(queued, known):
    app, _worker = queued
    client = signed_in_client(app, "landelijk")
    query = "jaar=2026&peildatum=2026-06-30&regios=AM09"
    first = client.post(f"/taak/vergaderstuk.pdf?{query}", json={}).get_json()
    second = client.post(f"/taak/vergaderstuk.pdf?{query}", json={}).get_json()
    assert second["id"] == first["id"]  # one job for the same pack
    seen = set()
    end = time.monotonic() + 120
    while (now := client.get(f"/taak/{first['id']}").get_json())["toestand"] in ("wachtend", "bezig"):
        seen.add(now["tekst"])
        assert time.monotonic() < end
        time.sleep(0.05)
    assert now["toestand"] == "klaar", now
    # The steps in figures: seen while polling, or (when the figures were drawn between two polls)
    # as the job's last recorded step.
    jobs = app.server.extensions["hzw"].extras[JOBS_KEY]
    last = jobs.state(first["id"])
    counted = last.eenheid == "figuur" and last.stap == last.totaal > 0
    assert any(t.startswith("figuur ") for t in seen) or counted, (seen, last)
    pdf = client.get(now["bestand"])
    assert (
        pdf.data.startswith(b"%PDF") and "vergaderstuk-2026-06-30.pdf" in pdf.headers["Content-Disposition"]
    )
