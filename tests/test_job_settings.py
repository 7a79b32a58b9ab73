"""Where jobs run: the broker chosen by the settings, and the Procfile's worker line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.infra.config import ConfigError, load_settings
from dashboard.jobs.queue import broker_url
from dashboard.jobs.runner import reader_of, reader_text

pytestmark = pytest.mark.zuiver
ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, ""),  # make run: the embedded pool
        ({"HZW_REDIS_URL": "redis://r:6379/0"}, "redis://r:6379/0"),  # derived from the cache's Redis
        ({"HZW_REDIS_URL": "redis://r/0", "HZW_CELERY_BROKER": "redis://q/1"}, "redis://q/1"),
        ({"HZW_REDIS_URL": "redis://r/0", "HZW_CELERY_BROKER": "lokaal"}, ""),  # forced local
    ],
)
def test_the_broker_follows_the_settings(environ, expected):
    assert broker_url(load_settings(environ=environ)) == expected


def test_job_settings_out_of_range_are_refused_in_dutch():
    with pytest.raises(ConfigError, match="HZW_JOB_THREADS"):
        load_settings(environ={"HZW_JOB_STALE_SECONDS": "0"})
    with pytest.raises(ConfigError, match="HZW_JOB_CPU_PERCENT moet tussen 1 en 100"):
        load_settings(environ={"HZW_JOB_CPU_PERCENT": "0"})


def test_a_job_runs_as_the_scope_it_was_asked_with_never_the_account():
    from dashboard.auth.viewer import Viewer

    text = reader_text(Viewer("anna.devries", "regio", frozenset({"AM09", "AM01"})))
    assert text == "regio|AM01,AM09" and "anna" not in text
    again = reader_of(text)
    assert (again.role, again.regions) == ("regio", frozenset({"AM01", "AM09"}))


def test_the_procfile_starts_a_worker_on_the_monitors_celery_app():
    lines = dict(
        re.match(r"(\w+):\s*(.+)", line).groups()  # type: ignore[union-attr]
        for line in (ROOT / "Procfile").read_text().splitlines()
        if re.match(r"\w+:", line)
    )
    assert "celery -A dashboard.worker:celery worker" in lines["worker"]
    assert set(lines) == {"release", "web", "worker"}
