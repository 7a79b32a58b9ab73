"""The page's scripts and styles are compressed once per process; every other answer as before."""

from __future__ import annotations

import gzip
import re

import pytest
from backports import zstd

from dashboard.infra import static_compression
from dashboard.infra.static_compression import chosen_encoding
from tests.helpers import signed_in_client

ZSTD = {"Accept-Encoding": "gzip, deflate, br, zstd"}


@pytest.mark.parametrize(
    ("accept", "chosen"),
    [
        ("gzip, deflate, br, zstd", "zstd"),
        ("gzip, deflate, br", "gzip"),
        ("zstd;q=0, gzip;q=0.5", "gzip"),
        ("br", None),
        ("", None),
        ("zstd;q=zero", None),
    ],
)
def test_the_encoding_is_one_the_browser_accepts(accept, chosen):
    assert chosen_encoding(accept) == chosen


def _script(client) -> str:
    page = client.get("/").get_data(as_text=True)
    # The page's one script file (dashboard/infra/script_bundle.py).
    return re.search(r'src="(/_dash-component-suites/monitor/[^"]+\.js)"', page).group(1)


def test_a_script_is_compressed_once_and_the_same_copy_goes_out_again(app, monkeypatch):
    client = signed_in_client(app)
    files = app.server.extensions["hzw_static_compression"]
    made: list[str] = []
    compress = static_compression._compress
    monkeypatch.setattr(
        static_compression,
        "_compress",
        lambda data, encoding: made.append(encoding) or compress(data, encoding),
    )
    path = _script(client)
    plain = client.get(path, headers={"Accept-Encoding": "identity"})
    first, second = client.get(path, headers=ZSTD), client.get(path, headers=ZSTD)
    assert plain.headers.get("Content-Encoding") is None
    assert first.headers["Content-Encoding"] == second.headers["Content-Encoding"] == "zstd"
    assert zstd.decompress(first.data) == zstd.decompress(second.data) == plain.data
    assert "Accept-Encoding" in first.headers["Vary"]
    assert made == ["zstd"]  # the second answer is the kept copy
    older = client.get(path, headers={"Accept-Encoding": "gzip"})
    assert gzip.decompress(older.data) == plain.data and made == ["zstd", "gzip"]
    # A validator names the encoding too: another encoding is another body.
    assert first.headers.get("ETag", ':zstd"').endswith(':zstd"')
    assert len(files) == 2


def test_pages_and_callback_answers_are_not_kept(app):
    client = signed_in_client(app)
    files = app.server.extensions["hzw_static_compression"]
    page = client.get("/", headers=ZSTD)
    layout = client.get("/_dash-layout", headers={**ZSTD, "Referer": "http://localhost/"})
    assert layout.status_code == 200 and layout.headers["Content-Encoding"] == "zstd"  # Flask-Compress
    assert page.status_code == 200
    assert len(files) == 0
