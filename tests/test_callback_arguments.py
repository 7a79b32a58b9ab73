"""Callback arguments are checked before they are used or cached: junk is refused, keys stay small.

A crafted POST can put anything into a callback's arguments. Before the check, ten calls with a
3 MB junk ``value`` kept about 30 MB in the cache, because the arguments were the cache key.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import redis
from flask import Flask

from dashboard.infra.arguments import MAX_TEXT, ArgumentCheck, digest
from dashboard.infra.cache import cache
from tests.conftest import REDIS_URL, service_url
from tests.helpers import signed_in_client
from tests.test_access import forge

JUNK = 3_000_000
# Ten junk calls may leave no more than this in the cache (the answers of the defaults at most).
ALLOWED_GROWTH = 100_000


def _simple_cache_bytes(server: Flask) -> int:
    with server.app_context():
        store: dict[str, Any] = cache.cache._cache  # type: ignore[attr-defined]
        return sum(len(key.encode()) + len(entry[1]) for key, entry in store.items())


def _redis_bytes(client: redis.Redis) -> int:
    return sum(int(client.memory_usage(key) or 0) + len(key) for key in client.scan_iter("*"))


def _junk_calls(client: Any) -> list[int]:
    statuses = []
    for i in range(10):
        junk = chr(ord("a") + i) * JUNK
        answer = forge(
            client,
            "national-tiles.children",
            {"national-year.value": junk, "national-peildatum.value": "2026-06-30"},
        )
        statuses.append(answer.status_code)
    return statuses


def _warm(client: Any) -> None:
    # The answer for the default view is the one a refused call may fall back to: cache it first.
    answer = forge(
        client,
        "national-tiles.children",
        {"national-year.value": "2026", "national-peildatum.value": "2026-06-30"},
    )
    assert answer.status_code == 200


def test_junk_arguments_do_not_grow_the_in_process_cache(known, app):
    client = signed_in_client(app, "beheer")
    _warm(client)
    before = _simple_cache_bytes(app.server)
    statuses = _junk_calls(client)
    grown = _simple_cache_bytes(app.server) - before
    print(f"in-process cache grew by {grown} bytes")  # noqa: T201 (the measured figure, with -s)
    assert all(status < 500 for status in statuses), statuses
    assert grown < ALLOWED_GROWTH


@pytest.mark.redis
def test_junk_arguments_do_not_grow_redis(known, make_app):
    url = service_url(REDIS_URL, "redis")
    client = redis.Redis.from_url(url)
    client.flushdb()
    try:
        browser = signed_in_client(make_app(redis_url=url), "beheer")
        _warm(browser)
        before = _redis_bytes(client)
        statuses = _junk_calls(browser)
        grown = _redis_bytes(client) - before
        print(f"redis cache grew by {grown} bytes")  # noqa: T201
        assert all(status < 500 for status in statuses), statuses
        assert grown < ALLOWED_GROWTH
    finally:
        client.flushdb()


def test_a_dict_where_a_string_belongs_is_refused_without_computing(known, app):
    client = signed_in_client(app, "beheer")
    answer = forge(
        client,
        "national-tiles.children",
        {"national-year.value": {"a": 1}, "national-peildatum.value": ["2026-06-30"]},
    )
    assert answer.status_code == 204  # PreventUpdate: nothing drawn, nothing cached
    assert json.loads(answer.get_data(as_text=True) or "null") is None


def _takes(year: str | None, organisation: int | None = None, regions: list[str] | None = None) -> None:
    """A callback's signature as the check reads it."""


@pytest.mark.zuiver
@pytest.mark.parametrize(
    ("args", "refused"),
    [
        (("2026", 7, ["AM09", "AM01"]), None),
        ((None,), None),
        (("x" * MAX_TEXT,), None),
        (("x" * (MAX_TEXT + 1),), "year"),
        (({"a": 1},), "year"),
        ((["2026"],), "year"),
        ((True,), "year"),
        (("2026", "7"), "organisation"),
        (("2026", True), "organisation"),
        (("2026", 7.5), "organisation"),
        (("2026", None, ["AM01"] * 36), "regions"),  # more than there are regions
        (("2026", None, [{"a": 1}]), "regions"),
        (("2026", None, "AM01"), "regions"),
        (("2026", None, None, "extra"), "*"),
    ],
)
def test_the_check_refuses_the_wrong_type_and_oversized_values(args, refused):
    assert ArgumentCheck(_takes).refused(args, {}) == refused


@pytest.mark.zuiver
def test_a_cached_callback_cannot_declare_anything_but_plain_values():
    def clicked(click: dict[str, Any] | None) -> None:
        """Click data is no cache key."""

    with pytest.raises(TypeError):
        ArgumentCheck(clicked)


@pytest.mark.zuiver
def test_the_key_is_a_fixed_length_hash_of_the_arguments():
    assert len(digest(("a" * JUNK,), {})) == 64
    assert digest(("2026", None), {}) != digest(("2026", "None"), {})
    assert digest((), {"b": 1, "a": 2}) == digest((), {"a": 2, "b": 1})
