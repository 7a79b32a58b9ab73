"""gunicorn serving the monitor the production way (``dashboard.wsgi:server``), stopped by PID."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.services import _stop, _wait_for_port, free_port


def default_workers() -> int:
    """Two workers per core plus one (gunicorn.s own advice): two workers per core plus one."""
    return 2 * (os.cpu_count() or 1) + 1


@contextmanager
def gunicorn(
    database_url: str,
    redis_url: str,
    day: dt.date,
    geodata: Path | None,
    workers: int,
    target: str = "dashboard.wsgi:server",
    env: dict[str, str] | None = None,
) -> Iterator[str]:
    """Serve the monitor on loopback with ``workers`` processes sharing Redis; yields the base URL.

    ``target`` is the WSGI app gunicorn loads and ``env`` overrides settings (the floor benchmark
    serves its static pages beside the monitor and signs in).
    """
    port = free_port()
    env = {
        **os.environ,
        "HZW_DATABASE_URL": database_url,
        "HZW_REDIS_URL": redis_url,
        "HZW_PEILDATUM": day.isoformat(),
        "HZW_GEODATA_FILE": str(geodata) if geodata else "",
        "HZW_LOG_LEVEL": "WARNING",
        # The browser and load tests see the public monitor: the national page is the same for
        # everyone, and plain HTTP on loopback cannot carry the secure session cookie.
        "HZW_MODE": "openbaar",
        **(env or {}),
    }
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        target,
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--timeout",
        "120",
        "--log-level",
        "warning",
    ]
    with tempfile.TemporaryDirectory(prefix="hzw-bench-gunicorn-") as folder:
        log = Path(folder) / "gunicorn.log"
        with log.open("wb") as out:
            process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            _wait_for_port(port, process, log, seconds=60)
            yield f"http://127.0.0.1:{port}"
        finally:
            _stop(process)
