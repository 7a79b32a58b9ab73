"""Celery entry point of the background workers: ``celery -A dashboard.worker:celery worker``.

A worker builds the same app as a web process (same settings, same database) and runs the jobs
the web processes queue; start as many as you like, on as many machines as reach the broker and
the database.
"""

from celery import Celery

from dashboard.app import create_app
from dashboard.infra.collector import settle_after_start
from dashboard.jobs.web import JOBS_KEY

_app = create_app()
# As in a web process (dashboard.wsgi). An import reads millions of stored rows; with fewer full
# collections, none of which walks the app built here, the benchmark's 10,000-row import took 8.8 s
# instead of 14.3 s (bench/RESULTS.md).
settle_after_start()
_jobs = _app.server.extensions["hzw"].extras[JOBS_KEY]
if _jobs.celery is None:
    raise SystemExit("Geen wachtrij ingesteld: zet HZW_CELERY_BROKER of HZW_REDIS_URL.")
celery: Celery = _jobs.celery
