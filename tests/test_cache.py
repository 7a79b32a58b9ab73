import datetime as dt
import importlib.metadata

import pytest
import redis
from sqlalchemy import event

from dashboard.auth.viewer import Viewer
from dashboard.data.national import national_summary
from dashboard.infra.callback_cache import cached_callback, context_key
from dashboard.infra.runtime import EXTENSION
from tests.conftest import PEILDATUM, REDIS_URL, service_url
from tests.helpers import load, signed_in_client, trajectory, viewing_as
from tests.test_access import _grid, _org, _org_tiles, _rows, forge


def count_statements(db):
    statements: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    return statements


def test_cached_result_is_reused_until_an_import_changes_the_data(app, db):
    load(db, "trajecten", [trajectory("A1", "2026-01-10")], today=PEILDATUM)
    statements = count_statements(db)
    with app.server.app_context():
        assert national_summary(db, 2026, PEILDATUM).started == 1
        first = len(statements)
        assert national_summary(db, 2026, PEILDATUM).started == 1
        # A hit costs only the data-version lookup, not the aggregation.
        assert len(statements) - first == 1
        load(db, "trajecten", [trajectory("A2", "2026-02-10")], today=PEILDATUM)
        assert national_summary(db, 2026, PEILDATUM).started == 2


def test_one_request_works_a_result_out_once_even_with_a_cache_that_keeps_nothing(app, db, monkeypatch):
    from dashboard.infra.cache import cache

    load(db, "trajecten", [trajectory("A1", "2026-01-10")], today=PEILDATUM)
    # A cache that stores nothing, as a Redis that is down: every get misses.
    monkeypatch.setattr(cache, "get", lambda key: None)
    statements = count_statements(db)
    with app.server.test_request_context("/"):
        assert national_summary(db, 2026, PEILDATUM).started == 1
        first = len(statements)
        assert national_summary(db, 2026, PEILDATUM).started == 1
        assert len(statements) == first  # the same request: not asked again
    with app.server.test_request_context("/"):
        assert national_summary(db, 2026, PEILDATUM).started == 1
        assert len(statements) > first  # the next request works it out anew


@pytest.mark.redis
def test_redis_backend_is_shared_between_app_instances(db, make_app):
    url = service_url(REDIS_URL, "redis")
    client = redis.Redis.from_url(url)
    client.flushdb()
    load(db, "trajecten", [trajectory("A1", "2026-01-10")], today=PEILDATUM)
    first = make_app(redis_url=url)
    with first.server.app_context():
        national_summary(db, 2026, PEILDATUM)
    assert any(b"hzw:" in key for key in client.keys("*"))
    second = make_app(redis_url=url)
    statements = count_statements(db)
    with second.server.app_context():
        assert national_summary(db, 2026, PEILDATUM).started == 1
    assert len(statements) == 1  # served from Redis: only the data-version lookup ran
    client.flushdb()


@pytest.mark.parametrize("peildatum", [dt.date(2026, 1, 31), dt.date(2026, 3, 1)])
def test_cache_keys_include_the_arguments(app, db, peildatum):
    load(db, "trajecten", [trajectory("A1", "2026-01-10"), trajectory("A2", "2026-02-10")], today=PEILDATUM)
    with app.server.app_context():
        national_summary(db, 2026, PEILDATUM)
        expected = 1 if peildatum.month == 1 else 2
        assert national_summary(db, 2026, peildatum).started == expected


# --- finished callback answers ------------------------------------------------------------------


def _grid_rows(client, region: str) -> dict[str, object]:
    rows = _rows(_grid(client, region))
    return {r["organisatie"]: r["gestart"] for r in rows}


def test_a_cached_answer_is_not_shared_between_roles(known, app):
    regional = signed_in_client(app, "regio", ("AM09",))
    admin = signed_in_client(app, "beheer")
    national = signed_in_client(app, "landelijk")
    # Each role asks the very same callback with the very same arguments, one after the other:
    # a key without the viewer would hand the second and third the first one's answer.
    assert _grid_rows(regional, "AM09")["GGZ A"] == "x"
    assert _grid_rows(admin, "AM09")["GGZ A"] == 3
    assert _grid_rows(regional, "AM09")["GGZ A"] == "x"
    assert _grid_rows(national, "AM09")["GGZ A"] == "x"
    # A region outside the regional account's own: empty for it, open to a national account.
    assert _grid_rows(regional, "AM01") == {}
    assert set(_grid_rows(national, "AM01")) == {"GGZ Noord"}
    assert _grid_rows(signed_in_client(app, "regio", ("AM01",)), "AM01") == {"GGZ Noord": "x"}


def test_a_refused_answer_is_not_cached_for_the_next_viewer(known, app):
    noord = _org(known, "AM01", "GGZ Noord")
    assert _org_tiles(signed_in_client(app, "regio", ("AM09",)), noord).status_code == 403
    allowed = _org_tiles(signed_in_client(app, "beheer"), noord)
    assert allowed.status_code == 200 and b"GGZ Noord" in allowed.data


def test_context_key_names_role_and_regions(app):
    with viewing_as(app, Viewer("a", "regio", frozenset({"AM09", "AM01"}))):
        regional = context_key()
    with viewing_as(app, Viewer("b", "regio", frozenset({"AM01", "AM09"}))):
        # The same rights share answers, whoever holds them.
        assert context_key() == regional
    with viewing_as(app, Viewer("c", "beheer")):
        admin = context_key()
    with viewing_as(app, Viewer("d", "landelijk")):
        national = context_key()
    assert len({regional, admin, national}) == 3


def test_an_import_shows_new_numbers_at_once(known, app):
    admin = signed_in_client(app, "beheer")
    assert _grid_rows(admin, "AM09")["GGZ A"] == 3
    load(known, "trajecten", [trajectory("T9", "2026-05-01", organisatie="GGZ A")], today=PEILDATUM)
    assert _grid_rows(admin, "AM09")["GGZ A"] == 4


def test_a_hit_gives_the_same_answer_without_running_the_callback(known, app):
    client = signed_in_client(app, "landelijk")
    first = _grid(client, "AM09")
    statements = count_statements(app.server.extensions[EXTENSION].db)
    second = _grid(client, "AM09")
    assert second.status_code == 200 and second.data == first.data
    # Left: session and account lookups (the request reads /_dash-dependencies too) and the data version.
    assert statements and all(
        any(f"FROM {t}" in s for t in ("app_session", "app_user", "import_log")) for s in statements
    )


def test_a_multi_output_answer_keeps_no_update(known, app):
    client = signed_in_client(app, "landelijk")
    values = {
        "region-year.value": "2026",
        "region-code.data": "AM09",
        "region-peildatum.value": "2026-06-30",
        "region-cohort.value": "2026",
        "url.search": "?jaar=2026&peildatum=2026-06-30&cohort=2026",
    }
    for _ in range(2):  # computed, then from the cache
        response = forge(client, "region-tiles.children", values)
        assert response.status_code == 200
        answer = response.get_json()["response"]
        # The address already shows the view, so the URL output is left alone (no_update).
        assert "url" not in answer and "region-tiles" in answer


def test_callback_runs_uncached_outside_a_request(known, app):
    with app.server.app_context():
        assert cached_callback(lambda x: (x, None))(1) == (1, None)


def test_a_cached_answer_is_not_shared_between_languages(known, app):
    client = signed_in_client(app, "landelijk")
    values = {"national-year.value": "2026", "national-peildatum.value": "2026-06-30"}
    # The same callback with the same arguments, from a Dutch page and then from an English one.
    dutch = forge(client, "national-tiles.children", values).get_data(as_text=True)
    english = forge(client, "national-tiles.children", values, lang="en").get_data(as_text=True)
    assert "Trajecten gestart" in dutch and "Trajecten gestart" not in english
    assert "Trajectories started" in english
    assert forge(client, "national-tiles.children", values).get_data(as_text=True) == dutch


def test_the_code_version_in_every_key_follows_the_code_and_its_translations(tmp_path):
    """A deploy with changed code must not read what older code cached in a shared Redis."""
    from dashboard.infra.cache import CODE_VERSION, code_version

    (tmp_path / "layouts").mkdir()
    (tmp_path / "dashboard" / "locale").mkdir(parents=True)
    page = tmp_path / "layouts" / "page.py"
    page.write_text("TITLE = 'Regio'\n")
    catalogue = tmp_path / "dashboard" / "locale" / "messages.po"
    catalogue.write_text('msgid "Regio"\nmsgstr "Region"\n')
    (tmp_path / "layouts" / "notes.txt").write_text("not code")
    first = code_version(tmp_path)
    package = importlib.metadata.version("hoofdzaak-werk-monitor")
    assert first == code_version(tmp_path) and first.startswith(package + "-")
    (tmp_path / "layouts" / "notes.txt").write_text("still not code")
    assert code_version(tmp_path) == first
    page.write_text("TITLE = 'Regio!'\n")
    second = code_version(tmp_path)
    catalogue.write_text('msgid "Regio"\nmsgstr "Area"\n')
    assert len({first, second, code_version(tmp_path)}) == 3
    # The app's own keys carry its version.
    assert CODE_VERSION == code_version()
