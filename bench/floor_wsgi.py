"""The monitor as gunicorn serves it, plus the floor pages from a folder, on the app's own host.

The floor pages must load Plotly and the stylesheets exactly as the app does: from the same host,
under the same Content-Security-Policy and browser cache. ``HZW_BENCH_FLOOR_DIR`` names the folder
``python -m bench.floor`` writes them to.
"""

from __future__ import annotations

import os
from pathlib import Path

from flask import Response, send_from_directory

from bench.floor_page import PREFIX
from dashboard.wsgi import app, server

FOLDER = Path(os.environ.get("HZW_BENCH_FLOOR_DIR", "."))


def floor_file(name: str) -> Response:
    """A floor page or its drawing script; never cached, each run writes them anew."""
    return send_from_directory(FOLDER, name, max_age=0)


server.add_url_rule(PREFIX + "<path:name>", "bench_floor", floor_file)
__all__ = ["app", "server"]
