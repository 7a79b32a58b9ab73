"""WSGI entry point for gunicorn (``dashboard.wsgi:server``); the only module-level app."""

from dashboard.app import create_app

app = create_app()
server = app.server
