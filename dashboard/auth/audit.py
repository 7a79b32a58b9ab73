"""Audit lines of the web requests, written without waiting behind a long import.

SQLite has one writer at a time, and an import of a large file holds the write lock for minutes.
A login must not wait that long (nor fail) for its audit line: the line is written at once when
the lock is free within a moment, and otherwise kept in order and written by a background thread
as soon as the import lets go. Each line keeps the time of the event, not of the write.
"""

from __future__ import annotations

import atexit
import logging
import threading
import time
from collections import deque

from sqlalchemy.exc import DBAPIError

from dashboard.auth import store
from dashboard.infra.db import Database
from dashboard.infra.db_errors import database_problem

log = logging.getLogger(__name__)

# How long a request waits for the write lock before handing its audit line to the background.
WAIT_SECONDS = 0.5
# Pause between attempts of the background writer when the database still refuses.
RETRY_SECONDS = 1.0
# At exit, how long to wait for lines that are still waiting to be written.
EXIT_SECONDS = 10.0


class AuditWriter:
    """Writes the audit trail of one database for the web requests of one app."""

    def __init__(self, db: Database, wait: float = WAIT_SECONDS, retry: float = RETRY_SECONDS) -> None:
        """Nothing runs until a line has to wait."""
        self.db = db
        self.wait = wait
        self.retry = retry
        self._backlog: deque[dict[str, object]] = deque()
        self._changed = threading.Condition()
        self._worker: threading.Thread | None = None
        self._exit_hook = False

    def record(self, event: str, user: str, detail: str = "") -> bool:
        """Write one audit line; True when written now, False when it waits for the background.

        Raises:
            DBAPIError: when the database fails for another reason than being busy (full,
                read-only, unreachable): a login is not let through without its audit line.
        """
        line = store.audit_line(event, user, detail)
        with self._changed:
            if self._backlog:  # earlier lines still wait: this one goes after them
                self._backlog.append(line)
                self._start()
                return False
        try:
            with self.db.brief_transaction(self.wait) as connection:
                store.write_audit(connection, [line])
            return True
        except DBAPIError as error:
            if database_problem(error) != "locked":
                raise
        log.warning("audit: the database is busy (an import?); the line is written when it is free")
        with self._changed:
            self._backlog.append(line)
            self._start()
        return False

    def pending(self) -> int:
        """How many lines wait to be written."""
        with self._changed:
            return len(self._backlog)

    def flush(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds until every waiting line is written; True when none is left."""
        with self._changed:
            return self._changed.wait_for(lambda: not self._backlog, timeout)

    def _start(self) -> None:
        # Called with the lock held.
        if self._worker is None:
            self._worker = threading.Thread(target=self._run, name="hzw-audit", daemon=True)
            self._worker.start()
        if not self._exit_hook:
            # A daemon thread dies with the process: give waiting lines a chance at a normal exit.
            atexit.register(self.flush, EXIT_SECONDS)
            self._exit_hook = True

    def _run(self) -> None:
        try:
            while True:
                with self._changed:
                    lines = list(self._backlog)
                    if not lines:
                        # Under the same lock as the check: a line added after it starts a new worker.
                        self._worker = None
                        self._changed.notify_all()
                        return
                try:
                    # The normal connection: it waits as long as an import may hold the lock.
                    with self.db.engine.begin() as connection:
                        store.write_audit(connection, lines)
                except DBAPIError as error:
                    log.warning(
                        "audit: %d line(s) not yet written (%s); trying again",
                        len(lines),
                        database_problem(error) or type(error.orig).__name__,
                    )
                    time.sleep(self.retry)
                    continue
                with self._changed:
                    for _line in lines:
                        self._backlog.popleft()
                    self._changed.notify_all()
        except BaseException:
            # A bug: the lines stay in the backlog, and the next deferred line starts a new worker.
            with self._changed:
                self._worker = None
            raise
