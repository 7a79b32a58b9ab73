"""Small hand-made datasets whose right answers are known."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

import pandas as pd

from dashboard.auth.viewer import Viewer, set_viewer
from dashboard.importing import ImportResult, import_frame
from dashboard.importing.rules import SCHEMAS
from dashboard.infra import clock
from dashboard.infra.db import Database

TRAJECTORY_HEADER = [column.name for column in SCHEMAS["trajecten"]]
# One region's funnel of a start cohort, as funnel_counts gives it to the figure builders.
FUNNEL_COUNTS = {
    "aangemeld": 1500,
    "gestart": 1234,
    "geplaatst": 600,
    "duurzaam": 300,
    "lopend": 700,
    "uitgevallen": 234,
}


def trajectory(
    traject_id: str, start: str, regio: str = "AM09", organisatie: str = "GGZ Test", **extra: str
) -> dict[str, str]:
    """One trajectory row as a delivered file would hold it (all cells text)."""
    row = {column: "" for column in TRAJECTORY_HEADER}
    row.update(
        traject_id=traject_id,
        regio=regio,
        organisatie=organisatie,
        organisatie_type="GGZ",
        methode="IPS",
        startdatum=start,
    )
    row.update(extra)
    return row


def load(
    db: Database,
    kind: str,
    rows: list[dict[str, str]],
    today: dt.date = dt.date(2026, 6, 30),
    at: dt.datetime | None = None,
    **choices: Any,
) -> ImportResult:
    """Import rows through the real import path (``choices``: ``left_out``, ``new_organisations``).

    The file is delivered on ``today`` (at noon in Amsterdam) or at the instant ``at``: the import
    log holds that time, as it would have held it then, so a view at the peildatum sees the file.
    """
    moment = at or dt.datetime.combine(today, dt.time(12), tzinfo=clock.AMSTERDAM).astimezone(dt.UTC)
    with mock.patch.object(clock, "utc_now", return_value=moment):
        return import_frame(
            db,
            kind,
            pd.DataFrame(rows),
            file_name=f"test-{kind}.csv",
            sha256="0" * 64,
            user="test",
            today=today,
            **choices,
        )


@contextmanager
def viewing_as(app: Any, viewer: Viewer) -> Iterator[None]:
    """Run callbacks inside a request of ``viewer``, as the login guard would have set it."""
    with app.server.test_request_context("/"):
        set_viewer(viewer)
        yield


def signed_in_client(app: Any, role: str = "landelijk", regions: tuple[str, ...] = ()) -> Any:
    """A test client with the session of an account of ``role`` (created on first use).

    The session is opened and written the way a successful login does; the login itself is
    tested in tests/test_access.py.
    """
    from dashboard.auth import sessions, store
    from dashboard.infra.runtime import EXTENSION

    db = app.server.extensions[EXTENSION].db
    name = f"test-{role}-{'-'.join(regions) or 'alle'}".lower()
    found = next((a for a in store.list_users(db) if a.name == name), None)
    account = found or store.add_user(db, name, role, list(regions), "een-lang-testwachtwoord")
    client = app.server.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = sessions.start(db, account.id, "wachtwoord")
        session["_fresh"] = True
    return client


# Words that only Dutch uses (or that would be wrong in English text), and the reverse.
DUTCH = {
    "het", "van", "voor", "niet", "geen", "trajecten", "gestart", "duurzaam", "duurzame", "organisatie",
    "organisaties", "bijeenkomst", "bijeenkomsten", "leerbijeenkomsten", "casusbesprekingen", "peildatum",
    "landelijk", "kaart", "toon", "tabel", "aantal", "achter", "koers", "gegevens", "uitstroom", "lopend",
    "aangemeld", "geplaatst", "cijfers", "inloggen", "uitloggen", "naar", "inhoud", "zonder", "wordt",
    "zijn", "deze", "alle", "maand", "maart", "mei", "juni", "juli", "augustus", "oktober", "jaar", "doel",
    "regio", "regio's", "vergelijk", "presenteren", "startcohort", "gemiddeld", "uitgevallen",
    "onbekend", "onbekende", "instelling", "moet", "mislukt", "bestaat", "wachtwoord", "grenzen",
    "regiogrenzen", "heeft", "minstens", "tekens", "eerst", "bijv", "nodig", "wanneer", "een",
}  # fmt: skip
WORD = re.compile(r"[A-Za-zÀ-ÿ']+")


def dutch_words(text: str) -> set[str]:
    """The words of ``text`` that only Dutch uses (an English text should have none).

    Commands are names, not language: ``hzw`` speaks Dutch, so its options (``--jaar``) are left out.
    """
    text = re.sub(r"--[\w-]+", " ", text)
    return {word.lower() for word in WORD.findall(text)} & DUTCH
