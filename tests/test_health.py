from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from dashboard.app import create_app
from dashboard.data import jobs, summary_check
from dashboard.infra.cache import cache
from dashboard.infra.db import Database
from dashboard.infra.runtime import EXTENSION
from tests.conftest import PEILDATUM
from tests.helpers import load, trajectory


def _get(app, path: str) -> tuple[int, dict]:
    response = app.server.test_client().get(path)
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["Cache-Control"] == "no-store"
    return response.status_code, json.loads(response.get_data(as_text=True))


def test_a_healthy_instance_answers_without_sign_in_and_without_figures(db, make_app):
    load(db, "trajecten", [trajectory("T1", "2026-01-10"), trajectory("T2", "2026-02-10")])
    app = make_app()
    for path in ("/gezondheid", "/healthz"):
        status, body = _get(app, path)
        assert status == 200 and body["status"] == "ok", body
        checks = body["controles"]
        assert checks["database"]["status"] == "ok" and checks["database"]["ms"] >= 0
        assert checks["migraties"]["versie"] == checks["migraties"]["nieuwste"] == db.head_revision()
        assert checks["redis"]["status"] == "niet ingesteld"
        # Without a broker the jobs run in the web process's own pool: there whenever it answers.
        assert checks["taakwerkers"]["status"] == "ok" and checks["taakwerkers"]["soort"] == "ingebed"
        assert checks["taakwerkers"]["wachtend"] == checks["taakwerkers"]["bezig"] == 0
        assert checks["samenvatting"] == {"status": "nooit gecontroleerd"}
    # Nothing about the data: no counts, no regions, no organisations.
    raw = app.server.test_client().get("/gezondheid").get_data(as_text=True)
    assert "AM09" not in raw and "GGZ" not in raw and '"2"' not in raw


@pytest.fixture
def sqlite_app(tmp_path: Path) -> Iterator[tuple[object, Path]]:
    path = tmp_path / "hzw.sqlite3"
    db = Database(f"sqlite:///{path}")
    db.upgrade()
    db.dispose()
    app = create_app({"database_url": f"sqlite:///{path}", "peildatum": PEILDATUM})
    yield app, path
    app.server.extensions[EXTENSION].db.dispose()


def test_a_removed_database_file_makes_both_endpoints_fail(sqlite_app):
    app, path = sqlite_app
    assert _get(app, "/gezondheid")[0] == 200
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    for endpoint in ("/gezondheid", "/healthz"):
        status, body = _get(app, endpoint)
        assert status == 503 and body["status"] == "error", body
        assert body["controles"]["database"] == {"status": "fout", "melding": "databasebestand ontbreekt"}
    assert not path.exists()  # the check did not create an empty database in its place


def test_a_schema_behind_the_code_fails(sqlite_app):
    app, _path = sqlite_app
    db = app.server.extensions[EXTENSION].db
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0005'"))
    status, body = _get(app, "/healthz")
    assert status == 503 and body["controles"]["migraties"]["status"] == "fout"
    assert body["controles"]["migraties"]["versie"] == "0005"


def test_redis_away_fails_monitoring_but_keeps_the_instance_in_rotation(db, make_app, private_redis):
    # Jobs in the embedded pool: these tests are about the cache's Redis, not about workers.
    app = make_app(redis_url=private_redis.url, celery_broker="lokaal")
    status, body = _get(app, "/gezondheid")
    assert status == 200 and body["controles"]["redis"]["status"] == "ok", body
    private_redis.stop()
    status, body = _get(app, "/gezondheid")
    assert status == 503 and body["status"] == "degraded", body
    redis_part = body["controles"]["redis"]
    assert redis_part["status"] == "fout" and redis_part["melding"] == "ConnectionError"
    assert redis_part["cachefouten"] == 0
    # A figure asked meanwhile is computed without the cache, and the cache counts the miss.
    with app.server.app_context():
        assert cache.get("een-sleutel") is None
    assert _get(app, "/gezondheid")[1]["controles"]["redis"]["cachefouten"] == 1
    status, body = _get(app, "/healthz")
    assert status == 200 and body["status"] == "degraded"


def test_a_hung_redis_is_reported_within_the_time_out(db, make_app, private_redis):
    # Jobs in the embedded pool: these tests are about the cache's Redis, not about workers.
    app = make_app(redis_url=private_redis.url, celery_broker="lokaal")
    private_redis.pause()
    start = time.monotonic()
    status, body = _get(app, "/gezondheid")
    assert time.monotonic() - start < 3
    assert status == 503 and body["controles"]["redis"]["status"] == "fout"


@pytest.mark.parametrize("trouble", ["stop", "pause"])
def test_a_broker_without_workers_away_or_hung_degrades_within_the_time_out(
    db, make_app, private_redis, trouble
):
    app = make_app(redis_url=private_redis.url)  # the Redis is the Celery broker as well
    status, body = _get(app, "/gezondheid")
    workers = body["controles"]["taakwerkers"]
    # The broker answers, but no worker listens: packs and imports would wait for ever.
    assert status == 503 and workers["soort"] == "celery" and workers["werkers"] == 0, body
    getattr(private_redis, trouble)()
    start = time.monotonic()
    status, body = _get(app, "/gezondheid")
    assert time.monotonic() - start < 5
    workers = body["controles"]["taakwerkers"]
    assert status == 503 and workers["status"] == "fout" and "werkers" not in workers, body
    assert _get(app, "/healthz")[0] == 200


def test_the_last_summary_check_is_reported_and_a_difference_degrades(db, make_app):
    load(db, "trajecten", [trajectory("T1", "2026-01-10"), trajectory("T2", "2026-02-10")])
    app = make_app()
    summary_check.check(db, "beheerder")
    status, body = _get(app, "/gezondheid")
    assert status == 200 and body["controles"]["samenvatting"]["uitkomst"] == "gelijk"
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE trajectory_summary SET aantal = aantal + 3"))
    summary_check.check(db, "beheerder")
    status, body = _get(app, "/gezondheid")
    found = body["controles"]["samenvatting"]
    assert status == 503 and body["status"] == "degraded"
    assert found["status"] == "fout" and found["uitkomst"] == "afwijkend" and found["verschillen"] > 0
    assert _get(app, "/healthz")[0] == 200  # every instance shares the database: no reason to leave rotation
    summary_check.repair(db, "beheerder")
    status, body = _get(app, "/gezondheid")
    assert status == 200 and body["controles"]["samenvatting"]["uitkomst"] == "hersteld"


def test_a_waiting_job_is_counted_without_saying_what_it_is(db, make_app):
    app = make_app()
    # A job row nobody has taken yet (written directly: the embedded pool would start it).
    jobs.create(db, "sleutel-1", "vergaderstuk", '{"regios": "AM09"}', "beheer", "nl")
    status, body = _get(app, "/gezondheid")
    workers = body["controles"]["taakwerkers"]
    assert status == 200 and workers["wachtend"] == 1 and workers["bezig"] == 0, workers
    assert 0 <= workers["langst_wachtend_s"] < 60
    assert "AM09" not in json.dumps(body) and "vergaderstuk" not in json.dumps(body)
