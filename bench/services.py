"""Private PostgreSQL and Redis on loopback for the benchmark, started in a temp folder and stopped by PID."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"dienst stopte: {log.read_text()[-2000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"dienst luistert niet op poort {port} na {seconds} s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _pg_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not found:
        raise RuntimeError("PostgreSQL is niet geïnstalleerd (apt-get install postgresql)")
    return found[-1]


def _as_postgres() -> list[str]:
    # PostgreSQL refuses to run as root, so the cluster belongs to the postgres user the package made.
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


@contextmanager
def postgres() -> Iterator[str]:
    """A throwaway PostgreSQL cluster on loopback; yields the URL of its ``postgres`` database."""
    folder = Path(tempfile.mkdtemp(prefix="hzw-bench-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    pg_bin, port = _pg_bin(), free_port()
    subprocess.run(
        [
            *_as_postgres(),
            str(pg_bin / "initdb"),
            "-D",
            str(folder / "pg"),
            "-U",
            "hzw",
            "--auth=trust",
            "-E",
            "UTF8",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    log = folder / "pg.log"
    with log.open("wb") as out:
        # Durability settings off: the cluster lives for one run, and the benchmark measures reads.
        process = subprocess.Popen(
            [
                *_as_postgres(),
                str(pg_bin / "postgres"),
                "-D",
                str(folder / "pg"),
                "-k",
                str(folder),
                "-p",
                str(port),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                "fsync=off",
                "-c",
                "full_page_writes=off",
                "-c",
                "shared_buffers=1GB",
                "-c",
                "work_mem=32MB",
                "-c",
                "max_connections=200",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_for_port(port, process, log)
        for _ in range(60):
            ready = subprocess.run([str(pg_bin / "pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(port)])
            if ready.returncode == 0:
                break
            time.sleep(0.25)
        yield f"postgresql://hzw@127.0.0.1:{port}/postgres"
    finally:
        _stop(process)
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def redis() -> Iterator[str]:
    """A throwaway Redis on loopback without persistence; yields its URL."""
    folder = Path(tempfile.mkdtemp(prefix="hzw-bench-redis-"))
    port = free_port()
    log = folder / "redis.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(folder),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_for_port(port, process, log)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        _stop(process)
        shutil.rmtree(folder, ignore_errors=True)


def postgres_version(url: str) -> str:
    """``SHOW server_version`` of the server behind ``url``."""
    from sqlalchemy import text

    from dashboard.infra.db import make_engine

    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return str(connection.execute(text("SHOW server_version")).scalar_one())
    finally:
        engine.dispose()
