"""The page's scripts in one file, in the order Dash names them.

Dash names about 25 scripts on every page: React, the component libraries, the renderer, the
monitor's assets, Plotly and dcc.Graph's chunk. Even from the browser's cache, Chromium took
187 ms until such a page could start, against 111 ms for the same code as one file (a page that
loads only the stylesheets and the scripts, median of 10 loads on the development machine). So
the page names one file that holds them, in their order, and the inline script Dash puts between
them. A script this module cannot read stays a tag of its own, and the files around it stay
around it (a run before it, a run after it), so nothing runs in another order than before.

Two things a script can notice when it shares a file are kept as they were:

- ``document.currentScript``. Webpack finds the folder of its lazily loaded chunks from the address
  of the script that is running (dcc loads its dropdown, upload and date picker that way). Before
  each file the bundle points ``document.currentScript`` at a detached script element with the
  file's own address, and gives the browser's own back at the end.
- Strict mode. ``"use strict"`` at the top of a file makes all of it strict; in the middle of a
  file it means nothing. Such a file runs inside a strict function. That is the same only when the
  file declares nothing at its top level, as webpack's chunks (one ``push`` each), the only strict
  files Dash sends: ``STRICT_CHUNK`` holds each strict file to that form, others keep their tag.

The bundle's address carries a hash of its content, so the browser keeps it for a year. It lies
under ``/_dash-component-suites/`` with the files it holds: open without signing in, and
compressed once per process (infra/static_compression.py), as they are.
"""

from __future__ import annotations

import hashlib
import html
import json
import pkgutil
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dash import Dash
from dash.fingerprint import check_fingerprint
from flask import Response, abort

from dashboard.infra import plotly_bundle

SUITES = "_dash-component-suites/"
# Dash refuses a page that names no script with "dash-renderer" in its address; the renderer is
# one of the files in the bundle.
ROUTE = SUITES + "monitor/dash-renderer-and-page-scripts.<name>.js"
TAG = re.compile(r"<script(?P<attrs>[^>]*)>(?P<text>.*?)</script>", re.S)
SOURCE = re.compile(r'^\s+src="(?P<src>[^"]+)"$')
# Comments and space before a file's first statement.
LEADING = r"^(?:\s|/\*(?:[^*]|\*(?!/))*\*/|//[^\n]*\n)*"
# A directive prologue: "use strict" as the first statement.
STRICT = re.compile(LEADING + r"""(["'])use strict\1""")
# Webpack's chunk file: "use strict"; then one push onto the library's list of loaded chunks.
STRICT_CHUNK = re.compile(
    LEADING + r"""(["'])use strict\1;\(self\.webpackChunk(\w+)=self\.webpackChunk\2\|\|\[\]\)\.push\("""
)
# Bundles kept per process: one per set of scripts (a changed asset gives a new set).
KEPT = 8


@dataclass(frozen=True)
class Part:
    """One script of the page: its tag, and its code when the bundle can hold it."""

    tag: str
    code: str | None
    src: str | None = None
    strict: bool = False  # its code starts with "use strict"


@dataclass(frozen=True)
class Bundle:
    """One file of scripts: its name (a hash of the body, in its address) and its body."""

    name: str
    body: bytes


class Bundles:
    """The bundles of the page's current scripts, by name, made once per process."""

    def __init__(self, app: Dash) -> None:
        self._app = app
        self._pages: dict[str, tuple[str, dict[str, Bundle]]] = {}
        self._lock = threading.Lock()

    def page(self, scripts: str) -> str:
        """The page's script tags with each run of scripts the bundle can hold as one tag."""
        return self._made(scripts)[0]

    def find(self, name: str, scripts: str) -> Bundle | None:
        """The bundle ``name`` among those of ``scripts`` (the page's tags as Dash makes them now)."""
        return self._made(scripts)[1].get(name)

    def _made(self, scripts: str) -> tuple[str, dict[str, Bundle]]:
        with self._lock:
            made = self._pages.get(scripts)
        if made is None:
            made = bundled(self._app, scripts)
            with self._lock:
                if len(self._pages) >= KEPT:
                    self._pages.clear()
                self._pages[scripts] = made
        return made


def bundled(app: Dash, scripts: str) -> tuple[str, dict[str, Bundle]]:
    """The tags with runs of readable scripts as bundles, and those bundles by name."""
    prefix = app.config.requests_pathname_prefix
    tags: list[str] = []
    bundles: dict[str, Bundle] = {}
    run: list[Part] = []

    def close_run() -> None:
        if len(run) == 1:
            tags.append(run[0].tag)
        elif run:
            body = _body(run)
            name = hashlib.sha256(body).hexdigest()[:20]
            bundles[name] = Bundle(name, body)
            tags.append(f'<script src="{prefix}{ROUTE.replace("<name>", name)}"></script>')
        run.clear()

    for part in parts(app, scripts):
        if part.code is not None:
            run.append(part)
        elif _is_data(part.tag):
            # Data, not run: it may come before the run's bundle, as scripts read it as they run.
            tags.append(part.tag)
        else:
            close_run()
            tags.append(part.tag)
    close_run()
    return "\n".join(tags), bundles


def parts(app: Dash, scripts: str) -> list[Part]:
    """Each script tag in ``scripts`` with its code, when it is one the bundle can hold."""
    found: list[Part] = []
    for match in TAG.finditer(scripts):
        attrs, text = match.group("attrs"), match.group("text")
        source = SOURCE.match(attrs)
        if source and not text.strip():
            src = html.unescape(source.group("src"))
            found.append(_part(match.group(0), _read(app, src), src))
        elif not attrs.strip():
            found.append(_part(match.group(0), text, None))
        else:
            found.append(Part(match.group(0), None))
    return found


def _part(tag: str, code: str | None, src: str | None) -> Part:
    """The script with its code, unless it is strict without being a webpack chunk."""
    strict = code is not None and STRICT.match(code) is not None
    if strict and STRICT_CHUNK.match(code or "") is None:
        return Part(tag, None, src)
    return Part(tag, code, src, strict)


def _is_data(tag: str) -> bool:
    return 'type="application/json"' in tag[: tag.index(">")]


def _body(run: list[Part]) -> bytes:
    lines: list[str] = []
    for part in run:
        if part.src is None:
            lines.append("delete document.currentScript;")
        else:
            lines.append(
                "(function (src) { var script = document.createElement('script'); script.src = src; "
                "Object.defineProperty(document, 'currentScript', "
                "{configurable: true, get: function () { return script; }}); })"
                f"({json.dumps(part.src)});"
            )
        code = part.code or ""
        # A strict chunk keeps its strictness in a function of its own (the module's docstring).
        lines.append(f"(function () {{\n{code}\n}}).call(this);" if part.strict else code)
        # A file may end in a line comment or without a semicolon.
        lines.append(";")
    lines.append("delete document.currentScript;")
    return "\n".join(lines).encode("utf-8")


def _read(app: Dash, src: str) -> str | None:
    """The code the browser would get at ``src``, read where the server reads it; None if elsewhere."""
    prefix = app.config.requests_pathname_prefix
    path = src.split("?", 1)[0]
    if not path.startswith(prefix):
        return None
    path = path[len(prefix) :]
    try:
        if path == plotly_bundle.DASH_PATH and plotly_bundle.BUNDLE.is_file():
            return plotly_bundle.BUNDLE.read_text(encoding="utf-8")
        if path.startswith(SUITES):
            package, _, fingerprinted = path[len(SUITES) :].partition("/")
            inside, _ = check_fingerprint(fingerprinted)
            data = pkgutil.get_data(package, inside) if package in app.registered_paths else None
            return data.decode("utf-8") if data is not None else None
        if path.startswith("assets/"):
            folder = Path(app.config.assets_folder).resolve()
            file = (folder / path[len("assets/") :]).resolve()
            return file.read_text(encoding="utf-8") if file.is_relative_to(folder) else None
    except (OSError, UnicodeDecodeError, ImportError):
        return None
    return None


def register(app: Dash, bundles: Bundles, page_scripts: Callable[[], str]) -> None:
    """Answer the bundles' address.

    ``page_scripts`` gives the tags the page names, from which any process can make the bundle,
    also one that has not served a page yet.
    """

    def scripts_bundle(name: str) -> Response:
        found = bundles.find(name, page_scripts())
        if found is None:
            abort(404)
        response = Response(found.body, mimetype="application/javascript")
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response

    # Two fixed parts outrank Dash's own /_dash-component-suites/<package>/<path> rule.
    app.server.add_url_rule(app.config.routes_pathname_prefix + ROUTE, "scripts_bundle", scripts_bundle)
