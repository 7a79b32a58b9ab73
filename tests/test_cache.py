import datetime as dt

import pytest
import redis
from sqlalchemy import event

from dashboard.data.national import national_summary
from tests.conftest import PEILDATUM, REDIS_URL, service_url
from tests.helpers import load, trajectory


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
