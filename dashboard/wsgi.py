"""WSGI entry point for gunicorn (``dashboard.wsgi:server``); the only module-level app."""

from dashboard.app import create_app
from dashboard.infra.collector import settle_after_start

app = create_app()
server = app.server
# Every worker builds its own app (no preload); what it built stays, so the collector leaves it be.
settle_after_start()
