"""Scripts and stylesheets compressed once per process, not on every request.

Flask-Compress compresses each answer as it goes out. For the page's own files that meant
compressing Plotly (4.8 MB) again for every visitor whose browser does not have it yet: 50 ms of
the server's time, on the path of the first draw, and as much again for Dash's own scripts. These
files do not change while the server runs (Dash's and the assets' addresses carry a fingerprint,
the vendored Bootstrap is fixed), so each is compressed once per encoding and kept. Every other
answer is left to Flask-Compress, which sees the ``Content-Encoding`` and passes it on.
"""

from __future__ import annotations

import gzip
import threading

from flask import Flask, Request, Response, request

from dashboard.auth.web import OPEN_PREFIXES

try:
    from compression import zstd  # Python 3.14 and later
except ImportError:
    from backports import zstd

# The encodings Chromium, Firefox, Safari and Edge ask for that compress these files best.
ZSTD_LEVEL, GZIP_LEVEL = 3, 6
# Plenty for the page's scripts, styles and fonts in both encodings; a bound all the same.
MAX_FILES = 200


def chosen_encoding(accept_encoding: str) -> str | None:
    """``zstd`` or ``gzip`` when the browser accepts it (a ``q=0`` refuses), zstd first."""
    accepted: set[str] = set()
    for part in accept_encoding.lower().split(","):
        name, _, quality = part.strip().partition(";q=")
        try:
            refused = quality != "" and float(quality) <= 0
        except ValueError:
            refused = True
        if name and not refused:
            accepted.add(name)
    return next((name for name in ("zstd", "gzip") if name in accepted), None)


def _compress(data: bytes, encoding: str) -> bytes:
    if encoding == "zstd":
        return bytes(zstd.compress(data, ZSTD_LEVEL))
    return gzip.compress(data, GZIP_LEVEL, mtime=0)


class CompressedFiles:
    """Compressed copies of the page's static files, by address and encoding."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, str], bytes] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._kept)

    def after_request(self, response: Response) -> Response:
        """Compress a static file's answer from the copy kept, or make and keep that copy."""
        encoding = self._applies(request, response)
        if encoding is None:
            return response
        key = (request.full_path, encoding)
        with self._lock:
            body = self._kept.get(key)
        if body is None:
            response.direct_passthrough = False
            body = _compress(response.get_data(), encoding)
            with self._lock:
                if len(self._kept) < MAX_FILES:
                    self._kept[key] = body
        response.set_data(body)
        response.headers["Content-Encoding"] = encoding
        response.vary.add("Accept-Encoding")
        etag, weak = response.get_etag()
        if etag and not weak:
            # The same validator as Flask-Compress gives: another encoding is another body.
            response.set_etag(f"{etag}:{encoding}")
        return response

    @staticmethod
    def _applies(req: Request, response: Response) -> str | None:
        if (
            req.method != "GET"
            or response.status_code != 200
            or "Content-Encoding" in response.headers
            or not req.path.startswith(OPEN_PREFIXES)
            # Already compressed formats gain nothing.
            or not (response.mimetype or "").startswith(
                ("text/", "application/javascript", "application/json")
            )
        ):
            return None
        return chosen_encoding(req.headers.get("Accept-Encoding", ""))


def init_static_compression(server: Flask) -> CompressedFiles:
    """Register after Flask-Compress, so this runs first (Flask runs the last registered first)."""
    files = CompressedFiles()
    server.after_request(files.after_request)
    server.extensions["hzw_static_compression"] = files
    return files
