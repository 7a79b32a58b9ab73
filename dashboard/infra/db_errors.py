"""What went wrong with the database, in words a user can act on: busy, full, read-only or unreachable.

The drivers say it in codes: sqlite3 gives the SQLite result code (``sqlite_errorcode``),
psycopg the SQLSTATE. Messages are only read where a driver gives no code (an error raised by
hand, or an old driver).
"""

from __future__ import annotations

from typing import Literal

from sqlalchemy.exc import DBAPIError

from dashboard.i18n import N_, _

Problem = Literal["locked", "full", "read_only", "unreachable"]

MESSAGES: dict[Problem, str] = {
    "locked": N_(
        "De database is bezet: een andere bewerking, meestal een import, schrijft er nu in. Er is "
        "niets opgeslagen. Probeer het over een paar minuten opnieuw."
    ),
    "full": N_(
        "De schijf van de database is vol. Er is niets opgeslagen. Vraag de beheerder om ruimte vrij "
        "te maken en probeer het dan opnieuw."
    ),
    "read_only": N_(
        "De database is alleen-lezen: de monitor mag er niet in schrijven. Er is niets opgeslagen. "
        "Vraag de beheerder om de schrijfrechten te herstellen."
    ),
    "unreachable": N_(
        "De database is niet bereikbaar. Controleer HZW_DATABASE_URL en of de databaseserver draait, "
        "en probeer het dan opnieuw."
    ),
}
OTHER = N_("De database gaf een onverwachte fout ({soort}).")

# SQLite primary result codes (https://sqlite.org/rescode.html); extended codes keep them in the
# low byte.
_SQLITE: dict[int, Problem] = {5: "locked", 6: "locked", 8: "read_only", 13: "full", 14: "unreachable"}
# PostgreSQL SQLSTATEs by exact code, then by class (the first two characters).
_SQLSTATE: dict[str, Problem] = {
    "55P03": "locked",  # lock_not_available (lock_timeout)
    "40P01": "locked",  # deadlock_detected
    "53100": "full",  # disk_full
    "25006": "read_only",  # read_only_sql_transaction (a standby, default_transaction_read_only)
    "42501": "read_only",  # insufficient_privilege: the account may read but not write
    "53300": "unreachable",  # too_many_connections
    "3D000": "unreachable",  # invalid_catalog_name: no such database
    "28000": "unreachable",  # invalid_authorization_specification
    "28P01": "unreachable",  # invalid_password
    "57P01": "unreachable",  # admin_shutdown
    "57P02": "unreachable",  # crash_shutdown
    "57P03": "unreachable",  # cannot_connect_now (starting up, recovering)
}
_SQLSTATE_CLASS: dict[str, Problem] = {"08": "unreachable"}  # connection_exception
_WORDS: tuple[tuple[str, Problem], ...] = (
    ("database is locked", "locked"),
    ("table is locked", "locked"),
    ("schema is locked", "locked"),
    ("database or disk is full", "full"),
    ("no space left on device", "full"),
    ("readonly database", "read_only"),
    ("read-only", "read_only"),
    ("unable to open database file", "unreachable"),
    ("connection refused", "unreachable"),
    ("could not connect", "unreachable"),
    ("connection failed", "unreachable"),
)


def database_problem(error: BaseException) -> Problem | None:
    """Which of the four known problems ``error`` is, or None for anything else.

    Accepts SQLAlchemy's wrapper (``DBAPIError``) or the driver's own exception.
    """
    original = error.orig if isinstance(error, DBAPIError) else error
    code = getattr(original, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in _SQLITE:
        return _SQLITE[code & 0xFF]
    state = getattr(original, "sqlstate", None)
    if isinstance(state, str) and state:
        return _SQLSTATE.get(state) or _SQLSTATE_CLASS.get(state[:2])
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return "unreachable"
    text = str(original).lower()
    found = next((problem for words, problem in _WORDS if words in text), None)
    if found is None and state is None and type(original).__name__ == "OperationalError":
        # psycopg raises OperationalError without a SQLSTATE when no connection could be made.
        return "unreachable" if type(original).__module__.startswith("psycopg") else None
    return found


def database_message(error: BaseException) -> str:
    """A Dutch (or the request's language) sentence naming the cause, for the CLI and the pages."""
    problem = database_problem(error)
    if problem is not None:
        return _(MESSAGES[problem])
    original = error.orig if isinstance(error, DBAPIError) else error
    return _(OTHER).format(soort=type(original).__name__)
