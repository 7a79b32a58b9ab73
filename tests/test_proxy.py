"""Behind a reverse proxy (``HZW_PROXY_HOPS``) the client's own address counts, not the proxy's."""

from __future__ import annotations

import pytest
from flask import request

from dashboard.infra.config import ConfigError, load_settings

PROXY = "10.0.0.2"  # where every request seems to come from behind the proxy
CLIENT = "203.0.113.7"


def _seen(app) -> dict[str, str]:
    """Address, scheme and host of one request as the monitor sees them (the login limit's key)."""
    seen: dict[str, str] = {}

    def note(response):
        seen.update(address=str(request.remote_addr), scheme=request.scheme, host=request.host)
        return response

    app.server.after_request(note)
    headers = {"X-Forwarded-For": CLIENT, "X-Forwarded-Proto": "https", "X-Forwarded-Host": "monitor.example"}
    response = app.server.test_client().get("/healthz", headers=headers, environ_base={"REMOTE_ADDR": PROXY})
    assert response.status_code == 200
    return seen


def test_with_one_proxy_hop_the_forwarded_address_is_the_client(make_app):
    seen = _seen(make_app(proxy_hops=1))
    assert seen == {"address": CLIENT, "scheme": "https", "host": "monitor.example"}


def test_without_proxy_hops_forwarded_headers_are_not_believed(make_app):
    # Anyone can send X-Forwarded-For: believing it without a proxy would let a client pick its
    # own address, and with it a fresh login limit for every attempt.
    seen = _seen(make_app())
    assert seen == {"address": PROXY, "scheme": "http", "host": "localhost"}


@pytest.mark.zuiver
def test_proxy_hops_is_read_from_the_environment():
    assert load_settings(environ={}).proxy_hops == 0
    assert load_settings(environ={"HZW_PROXY_HOPS": "2"}).proxy_hops == 2
    with pytest.raises(ConfigError):
        load_settings(environ={"HZW_PROXY_HOPS": "-1"})
    with pytest.raises(ConfigError):
        load_settings(environ={"HZW_PROXY_HOPS": "een"})
