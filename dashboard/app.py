"""The app factory: builds a Dash app bound to one database, cache and configuration."""

from __future__ import annotations

import functools
import importlib.metadata
import json
import logging
import re
from collections.abc import Mapping
from html import escape
from pathlib import Path
from typing import Any

import flask_bootstrap
from dash import Dash
from dash.exceptions import DependencyException
from flask import Blueprint, request
from flask_compress import Compress
from sqlalchemy.exc import DBAPIError
from werkzeug.middleware.proxy_fix import ProxyFix

from callbacks import (
    bottlenecks,
    deliveries,
    figure_tables,
    matrix,
    meeting_pack,
    narrative,
    national,
    organisation,
    overview,
    presentation,
    presenter,
    publications,
    region,
    shell,
    signals,
    steering,
    upload,
    upload_jobs,
)
from dashboard.auth import digest_form
from dashboard.auth.web import init_auth
from dashboard.data.access import NoAccess
from dashboard.documents import downloads
from dashboard.i18n import N_, _, current_language, with_language
from dashboard.importing import job as import_job
from dashboard.infra import early_requests, health, plotly_bundle, script_bundle
from dashboard.infra.cache import cache
from dashboard.infra.callback_guard import init_callback_guard
from dashboard.infra.config import PROJECT_ROOT, load_settings
from dashboard.infra.db import Database, DatabaseError
from dashboard.infra.db_errors import database_message, database_problem
from dashboard.infra.runtime import EXTENSION, Runtime
from dashboard.infra.security import init_security_headers
from dashboard.infra.static_compression import init_static_compression
from dashboard.jobs import web as job_web
from dashboard.jobs.queue import Jobs
from geodata.boundaries import BoundaryError, load_boundaries
from layouts.page_container import page_title, title_by_page_script
from layouts.pages import register_pages
from layouts.shell import shell as shell_layout

log = logging.getLogger(__name__)

# Bootstrap 5 and Bootstrap Icons ship inside the bootstrap-flask wheel, so no CDN is needed.
BOOTSTRAP_STATIC = Path(flask_bootstrap.__file__).with_name("static") / "bootstrap5"
# The files change only with the package: its version in the address lets the browser keep them
# (dashboard/infra/security.py) instead of asking again before every page is drawn.
_VENDOR_VERSION = importlib.metadata.version("bootstrap-flask")
STYLESHEETS = [
    f"/vendor/bootstrap/css/bootstrap.min.css?v={_VENDOR_VERSION}",
    f"/vendor/bootstrap/css/font/bootstrap-icons.min.css?v={_VENDOR_VERSION}",
]

# Dash's default page template with lang (screen readers must know the page is Dutch) and a plain
# <div> around the scripts instead of Dash's <footer>: the shell has the page's one footer landmark.
INDEX_STRING = """<!DOCTYPE html>
<html lang="{%lang%}">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
        {%preload%}
    </head>
    <body>
        {%app_entry%}
        <div>
            {%config%}
            {%scripts%}
            {%renderer%}
        </div>
    </body>
</html>"""


# Dash's renderer loads @babel/polyfill (core-js 2) first, for browsers older than any this monitor
# supports: it cost 30 ms to start on every page, and it put its own Promise in place of the
# browser's, through which every Promise of Dash and Plotly then ran. The one part the scripts use,
# the global ``regeneratorRuntime`` (dcc's lazy loading), comes with dash-bootstrap-components,
# which sets it as it loads, before dcc and the renderer (tests/browser/test_page_scripts.py).
POLYFILL = re.compile(r'<script src="[^"]*/polyfill@[^"]*"></script>\s*')
# Dash names its DataTable's bundle on every page; the monitor draws tables with AG Grid and plain
# HTML, so it is left out (tests/test_architecture.py: nothing imports dash_table).
DASH_TABLE = re.compile(r'<script src="[^"]*/dash_table/bundle[^"]*"></script>\s*')
# AG Grid's bundle, which assets/lazy-grid.js loads when a grid is first drawn.
AG_GRID = re.compile(r'<script src="([^"]*/dash_ag_grid/dash_ag_grid\.[^"]*\.js)"></script>')


def page_scripts(scripts: str, graph_scripts: str) -> str:
    """Dash's script tags for a page, followed by ``graph_scripts`` (Plotly and dcc.Graph's chunk).

    Without the polyfill and DataTable; AG Grid named, not loaded.
    """
    scripts = DASH_TABLE.sub("", POLYFILL.sub("", scripts))
    # A script of type JSON is data, not run (the Content-Security-Policy allows it as such).
    scripts = AG_GRID.sub(
        lambda found: (
            '<script type="application/json" id="hzw-lazy-scripts">'
            + json.dumps({"dash_ag_grid": found.group(1)})
            + "</script>"
        ),
        scripts,
        count=1,
    )
    return scripts + "\n" + graph_scripts


def _cache_config(redis_url: str, timeout: int) -> dict[str, Any]:
    if redis_url:
        # Redis is optional at run time: the guarded backend misses instead of failing (cache_redis).
        return {
            "CACHE_TYPE": "dashboard.infra.cache_redis.GuardedRedisCache",
            "CACHE_REDIS_URL": redis_url,
            "CACHE_DEFAULT_TIMEOUT": timeout,
        }
    return {"CACHE_TYPE": "SimpleCache", "CACHE_DEFAULT_TIMEOUT": timeout, "CACHE_THRESHOLD": 2000}


def _plain_page(title: str, text: str, status: int) -> tuple[str, int]:
    # Never a traceback or a stock page: the user gets an explanation in the page's language.
    home = escape(with_language("/"))
    return (
        f"<!DOCTYPE html><html lang='{current_language()}'><head><title>{escape(title)} – Hoofdzaak Werk "
        f"Monitor</title></head><body><main><h1>{escape(title)}</h1><p>{escape(text)}</p>"
        f"<p><a href='{home}'>{escape(_('Naar het landelijk overzicht'))}</a></p></main></body></html>",
        status,
    )


def _server_error(_error: Exception) -> tuple[str, int]:
    text = _(
        "De monitor kon deze pagina niet tonen. Probeer het later opnieuw of neem contact op met de "
        "beheerder."
    )
    return _plain_page(_("Er ging iets mis"), text, 500)


def _database_error(error: DBAPIError) -> tuple[str, int]:
    # Busy, full, read-only or unreachable: say which, so nobody hunts a network fault when the
    # disk is full. Anything else is a bug and is logged with its traceback like any other 500.
    problem = database_problem(error)
    if problem is None:
        log.error("database error", exc_info=error)
        return _server_error(error)
    log.warning("database problem: %s (%s)", problem, type(error.orig).__name__)
    return _plain_page(_("De database is niet beschikbaar"), database_message(error), 503)


def _bad_request() -> tuple[str, int]:
    text = _("De monitor begrijpt dit verzoek niet. Laad de pagina opnieuw en probeer het nog eens.")
    return _plain_page(_("Ongeldig verzoek"), text, 400)


def _not_found(_error: Exception) -> tuple[str, int]:
    return _plain_page(_("Niet gevonden"), _("Dit bestand of adres bestaat niet in de monitor."), 404)


def _forbidden(error: Exception) -> tuple[str, int]:
    return _plain_page(_("Geen toegang"), str(error), 403)


def _too_large(_error: Exception) -> tuple[str, int]:
    text = _("Het verzoek of bestand is groter dan de monitor aanneemt. Er is niets opgeslagen.")
    return _plain_page(_("Te groot"), text, 413)


def _layout_preload(app: Dash) -> str:
    """``<link rel=preload>`` for the layout and the callback list, which Dash's renderer fetches.

    The renderer asks for them only after every script has loaded and run; preloaded, the server
    builds the page (it is in the layout: layouts/page_container.py) while the browser loads the
    scripts, and the renderer's own request takes the preloaded answer. ``crossorigin`` (anonymous)
    gives the preload the renderer's mode and credentials, which is what lets the two match.
    """
    prefix = app.config.requests_pathname_prefix
    return "".join(
        f'<link rel="preload" href="{prefix}{name}" as="fetch" crossorigin>'
        for name in ("_dash-layout", "_dash-dependencies")
    )


def create_app(config: Mapping[str, Any] | None = None) -> Dash:
    """Build the monitor.

    Args:
        config: overrides for ``Settings`` fields (tests pass a database URL and a peildatum).

    Raises:
        ConfigError: when a setting cannot be used.
        DatabaseError: when the database has not been created or upgraded.
    """
    settings = load_settings(config)
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    db = Database(settings.effective_database_url)
    if not db.is_current():
        db.dispose()
        raise DatabaseError(N_("De database is leeg of verouderd. Voer eerst 'hzw db upgrade' uit."))

    app = Dash(
        __name__,
        use_pages=True,
        pages_folder="",
        assets_folder=str(PROJECT_ROOT / "assets"),
        external_stylesheets=STYLESHEETS,
        title="Hoofdzaak Werk Monitor",
        update_title="",  # no "Updating..." flicker in the tab title
        suppress_callback_exceptions=True,
        serve_locally=True,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.index_string = INDEX_STRING.replace("{%lang%}", "nl").replace("{%preload%}", _layout_preload(app))
    # The page's language follows ?lang=; Dash fills the template, this sets the attribute.
    fill_index = app.interpolate_index
    bundles = script_bundle.Bundles(app)
    # Fixed while the server runs: worked out once, not for every page.
    graph_scripts = plotly_bundle.graph_scripts(app)
    # Fixed too, but known only once every callback is registered (below): worked out at the first page.
    early_declaration = functools.cache(lambda: early_requests.declaration(app))

    def interpolate_index(**kwargs: Any) -> str:
        # One file for the scripts the server can read (infra/script_bundle.py).
        kwargs["scripts"] = bundles.page(page_scripts(kwargs["scripts"], graph_scripts))
        # The tab shows the page's own title from the start (Dash would set it once the page runs).
        kwargs["title"] = escape(page_title(request.path))
        # Beside Dash's config: the callbacks the page may ask for as a select changes.
        kwargs["config"] += early_declaration()
        page = fill_index(**kwargs)
        return page.replace('<html lang="nl">', f'<html lang="{current_language()}">', 1)

    app.interpolate_index = interpolate_index  # type: ignore[method-assign,assignment]
    # Every callback request carries the language of the page (assets/language.js). Before the
    # renderer starts, dcc.Graph's lazy code is asked for (assets/graph-code.js).
    app.renderer = (
        "if (window.hzwLoadGraphCode) { window.hzwLoadGraphCode(); } "
        "var renderer = new DashRenderer({request_pre: function (payload) "
        "{ if (window.hzwRequestPre) { window.hzwRequestPre(payload); } }});"
    )
    server = app.server
    if settings.proxy_hops > 0:
        # Behind a reverse proxy every request comes from the proxy's address: the login limit
        # would count all users together. The proxies' X-Forwarded-* headers name the real client.
        hops = settings.proxy_hops
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    # Uploads arrive base64-encoded (4/3 of the file) inside a JSON callback body.
    server.config["MAX_CONTENT_LENGTH"] = int(settings.max_import_bytes * 1.4) + 100_000
    server.register_blueprint(
        Blueprint(
            "vendor", __name__, static_folder=str(BOOTSTRAP_STATIC), static_url_path="/vendor/bootstrap"
        )
    )
    cache.init_app(server, config=_cache_config(settings.redis_url, settings.cache_timeout))
    # Figures and layouts are JSON that shrinks five- to tenfold; assets are compressed too.
    Compress().init_app(server)
    # The page's own scripts and styles: compressed once per process (infra/static_compression.py).
    init_static_compression(server)
    boundaries: dict[str, Any] | None = None
    problem: BoundaryError | None = None
    try:
        boundaries = load_boundaries(settings.geodata_file, settings.data_dir, settings.geodata_year)
    except BoundaryError as error:
        # The monitor still works without boundaries: the national page shows the tile map.
        # Kept as the error itself: the note shows it in the language of each page.
        problem = error
        log.warning("%s", problem)
    runtime = Runtime(settings, db, boundaries, problem)
    server.extensions[EXTENSION] = runtime
    init_auth(server, settings, runtime.extras)
    server.register_blueprint(digest_form.blueprint)

    plotly_bundle.register(app)
    script_bundle.register(app, bundles, lambda: page_scripts(app._generate_scripts_html(), graph_scripts))
    server.register_blueprint(downloads.blueprint)
    server.register_blueprint(health.blueprint)
    server.register_blueprint(meeting_pack.blueprint)
    server.register_blueprint(job_web.blueprint)
    # Meeting packs and imports run as background jobs (Celery workers, or a pool in this process).
    runtime.extras[job_web.JOBS_KEY] = jobs = Jobs(server, db, settings)
    runtime.extras[health.WORKERS_PROBE] = jobs.health
    jobs.register("vergaderstuk", meeting_pack.pack_job)
    jobs.register(publications.PUBLISH_JOB, publications.publication_job)
    jobs.register(import_job.KIND, import_job.import_job)
    server.register_error_handler(500, _server_error)
    server.register_error_handler(404, _not_found)
    # Dash's answer to a script address of no library it serves (a mistyped or forged address).
    server.register_error_handler(DependencyException, _not_found)
    server.register_error_handler(DBAPIError, _database_error)
    server.register_error_handler(413, _too_large)
    server.register_error_handler(NoAccess, _forbidden)
    register_pages()
    title_by_page_script(app)
    app.layout = shell_layout
    for module in (
        shell,
        national,
        overview,
        region,
        organisation,
        presentation,
        presenter,
        upload,
        deliveries,
        steering,
        figure_tables,
        bottlenecks,
        narrative,
        signals,
        upload_jobs,
        publications,
    ):
        module.register(app)
    matrix.register(app)
    init_callback_guard(app, _bad_request)
    init_security_headers(app, https_only=bool(settings.secure_cookies))
    return app
