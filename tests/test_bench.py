import json
import threading

import pytest
from sqlalchemy import text
from werkzeug.serving import make_server

from bench import load, report
from bench.measure import INTERACTIONS, METRIC, NATIONAL, Bench, Repetitions
from bench.run import settle_database
from dashboard.importing.demo import load_demo
from dashboard.infra.db import Database
from tests.conftest import PEILDATUM

# The benchmark harness runs whole sessions of requests: seconds per test.
pytestmark = pytest.mark.traag


@pytest.fixture
def bench(db, make_app):
    load_demo(db, 2021, PEILDATUM, 25_000_000)
    return Bench(make_app(), PEILDATUM, Repetitions(uncached=1, cached=2, floor=1, imports=1))


def test_every_interaction_is_measured_and_reported(bench):
    rows = bench.measure_all("db", 1, 20_456, lambda _name: True)
    assert [r.interaction for r in rows] == list(INTERACTIONS)
    for row in rows:
        assert row.errors == 0, row.note
        assert row.requests >= 1
        assert row.ms("uncached", 95) > 0 and row.ms("floor", 50) > 0 and row.ratio > 0
    for row in rows[:-1]:
        assert row.ms("cached", 95) > 0
        assert 0 < row.bytes_gzip < row.bytes_plain
    names = {call.name for call in bench.interactions()[NATIONAL]}
    # The page comes drawn with its content: its own callbacks wait for a control to change.
    assert "_pages_content.children" in names
    assert not names & {"national-tiles.children", "national-map.figure"}, names
    assert bench.metric_switch_is_patch()

    results = report.Results(rows=rows, patch=True)
    results.browser = report.BrowserResult([(900.0, 400.0)], [(700.0, 200.0)], "db", 1)
    text = report.markdown(results, "python -m bench --snel")
    for name in INTERACTIONS:
        assert f"| db | 1 | 20 456 | {name} |" in text
    assert f"| maat wisselen < 20 KB | {METRIC}" in text
    assert "| landelijke pagina getekend ≤ 1.5 s | Chromium, db schaal 1 | 900 ms zonder cache" in text
    assert "–" not in text.split("## Latentie per interactie")[1].split(NATIONAL)[1].split("\n")[0]


def test_load_client_counts_requests_and_errors(bench, make_app):
    # The load test runs against the public monitor, as bench/server.py starts it.
    server = make_server("127.0.0.1", 0, make_app(mode="openbaar").server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        calls = bench.interactions()[METRIC]
        good = load.as_requests("/", calls)
        broken = [("POST", "/_dash-update-component", b"{}", "kapot")]
        outcome = load.run_load(
            f"http://127.0.0.1:{server.server_port}", [good, broken], users=3, seconds=2, think=(0.05, 0.1)
        )
    finally:
        server.shutdown()
    assert outcome.requests > len(good)
    assert outcome.errors == outcome.failed.get("kapot", 0) > 0
    assert outcome.p95_ms >= outcome.p50_ms > 0


def test_record_comparison_names_each_changed_answer(tmp_path, capsys):
    from bench.record import compare

    before, after = tmp_path / "voor.json", tmp_path / "na.json"
    answers = {"/ a": [200, {"x": 1}], "/ b": [200, {"x": 2}]}
    before.write_text(json.dumps({"answers": answers, "files": {"/export/a.csv": "1"}}))
    after.write_text(json.dumps({"answers": answers, "files": {"/export/a.csv": "1"}}))
    assert compare(before, after) == 0
    after.write_text(json.dumps({"answers": {**answers, "/ b": [200, {"x": 3}]}, "files": {}}))
    assert compare(before, after) == 1
    out = capsys.readouterr().out
    assert "[answers] / b" in out and "[files] /export/a.csv" in out and "2 verschillen" in out


def test_a_loaded_postgresql_database_is_written_out_before_it_is_measured(postgres_url):
    # The checkpointer's own count of requested checkpoints goes up by the one settle_database asks
    # (or more: another test's DROP DATABASE asks for one too).
    database = Database(postgres_url)

    def requested() -> int:
        with database.engine.connect() as connection:
            newer = connection.dialect.server_version_info >= (17,)
            view = "pg_stat_checkpointer" if newer else "pg_stat_bgwriter"
            column = "num_requested" if newer else "checkpoints_req"
            return int(connection.execute(text(f"SELECT {column} FROM {view}")).scalar_one())

    try:
        before = requested()
        settle_database(database)
        assert requested() > before
    finally:
        database.dispose()
