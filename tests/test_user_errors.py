"""Every error meant for a user is raised for real and reads in the language it is shown in.

Errors are raised where no page decides the language (start-up, the data layer, a command), so
each one is raised here in Dutch and shown in English, and raised in English and shown in Dutch.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from dashboard.app import create_app
from dashboard.auth import store
from dashboard.i18n import UserError, use_language
from dashboard.importing import ImportBusy
from dashboard.importing.values import parse_date, parse_percentage, parse_region
from dashboard.infra.config import load_settings
from dashboard.infra.db import Database, make_engine
from dashboard.infra.db_errors import database_message
from geodata.boundaries import SHIPPED, download, load_boundaries, prepare, read_file
from tests.helpers import DUTCH, dutch_words

ROLES = {"landelijk", "regio", "beheer", "openbaar", "login"}  # names of roles and modes, not words


def _raised(action: Callable[[], object]) -> Exception:
    with pytest.raises(Exception) as caught:
        action()
    return caught.value


def _boundary_errors(tmp_path: Path) -> dict[str, Callable[[], object]]:
    broken = tmp_path / "kapot.geojson"
    broken.write_text("{geen json")
    table = tmp_path / "tabel.csv"
    table.write_text("statcode;statnaam\nAM01;Groningen\n")
    frame = read_file(SHIPPED)
    incomplete = frame[frame.statcode != "AM09"].copy()
    incomplete.loc[incomplete.index[0], "statcode"] = "AM99"
    return {
        "grenzen: bestand ontbreekt": lambda: read_file(tmp_path / "weg.geojson"),
        "grenzen: onleesbaar": lambda: read_file(broken),
        "grenzen: geen vormen": lambda: read_file(table),
        "grenzen: geen statcode": lambda: prepare(frame.drop(columns=["statcode"])),
        "grenzen: onvolledig": lambda: prepare(incomplete),
        "grenzen: geen jaar": lambda: load_boundaries(None, tmp_path, 1999),
        "grenzen: PDOK onbereikbaar": lambda: download(2025, "http://127.0.0.1:9/items", timeout=2),
    }


def _config_errors() -> dict[str, Callable[[], object]]:
    return {
        "instelling: geen getal": lambda: load_settings(environ={"HZW_CACHE_TIMEOUT": "vijf"}),
        "instelling: geen datum": lambda: load_settings(environ={"HZW_PEILDATUM": "30 juni"}),
        "instelling: onbekend": lambda: load_settings({"onbekend": 1}, environ={}),
        "instelling: negatief": lambda: load_settings(environ={"HZW_CACHE_TIMEOUT": "-1"}),
        "instelling: modus": lambda: load_settings(environ={"HZW_MODE": "open"}),
        "instelling: sessie": lambda: load_settings(environ={"HZW_SESSION_HOURS": "0"}),
        "instelling: oidc": lambda: load_settings(environ={"HZW_OIDC_ISSUER": "https://idp.example"}),
    }


def _database_errors(tmp_path: Path) -> dict[str, Callable[[], object]]:
    empty = f"sqlite:///{tmp_path / 'leeg.sqlite3'}"
    return {
        "database: URL": lambda: make_engine("geen url"),
        "database: leeg": lambda: create_app({"database_url": empty}),
    }


def _account_errors(db: Database) -> dict[str, Callable[[], object]]:
    store.add_user(db, "bestaand", "landelijk", [], "een-lang-wachtwoord")
    return {
        "account: naam": lambda: store.add_user(db, "met spatie", "landelijk", [], "een-lang-wachtwoord"),
        "account: wachtwoord": lambda: store.add_user(db, "kort", "landelijk", [], "kort"),
        "account: rol": lambda: store.add_user(db, "rol", "koning", [], "een-lang-wachtwoord"),
        "account: regio nodig": lambda: store.add_user(db, "r1", "regio", [], "een-lang-wachtwoord"),
        "account: geen regio": lambda: store.add_user(db, "r2", "beheer", ["AM09"], "een-lang-wachtwoord"),
        "account: onbekende regio": lambda: store.add_user(
            db, "r3", "regio", ["AM99"], "een-lang-wachtwoord"
        ),
        "account: dubbel": lambda: store.add_user(db, "bestaand", "beheer", [], "een-lang-wachtwoord"),
        "account: onbekend": lambda: store.set_active(db, "niemand", False),
    }


@pytest.fixture
def user_errors(tmp_path: Path) -> dict[str, Exception]:
    """Every user-facing error, raised for real (outside any page, so in Dutch)."""
    db = Database(f"sqlite:///{tmp_path / 'accounts.sqlite3'}")
    db.upgrade()
    actions = {
        **_boundary_errors(tmp_path),
        **_config_errors(),
        **_database_errors(tmp_path),
        **_account_errors(db),
    }
    errors = {name: _raised(action) for name, action in actions.items()}
    errors["import: bezet"] = ImportBusy("levering.csv")
    db.dispose()
    return errors


def _without_names(text: str) -> str:
    # Values quoted back to the user (a file name, a setting's value), settings and roles are names.
    text = re.sub(r"HZW_[A-Z_]+", " ", text)
    text = re.sub(rf"\b(?:{'|'.join(sorted(ROLES))})\b", " ", text)
    return text.replace("'geen url'", "").replace("'open'", "").replace("'vijf'", "").replace("'30 juni'", "")


def test_every_user_error_is_a_translatable_error(user_errors):
    wrong = {
        name: type(error).__name__ for name, error in user_errors.items() if not isinstance(error, UserError)
    }
    assert not wrong


def test_every_user_error_reads_in_english_on_an_english_page(user_errors):
    for name, error in user_errors.items():
        dutch = str(error)
        with use_language("en"):
            english = str(error)
        assert dutch_words(dutch), (name, dutch)  # the source text is Dutch
        assert english != dutch, name
        assert not dutch_words(_without_names(english)), (name, english)


def test_the_values_in_a_message_are_kept_in_both_languages(user_errors):
    incomplete = user_errors["grenzen: onvolledig"]
    with use_language("en"):
        english = str(incomplete)
    assert english == (
        "The boundaries must hold exactly the 35 labour-market regions; "
        "missing regions: AM01, AM09; unknown codes: AM99."
    )
    assert str(incomplete) == (
        "De grenzen moeten precies de 35 arbeidsmarktregio's bevatten; "
        "ontbrekende regio's: AM01, AM09; onbekende codes: AM99."
    )


@pytest.mark.zuiver
@pytest.mark.parametrize(
    ("parse", "text"),
    [(parse_date, "31-02-2026"), (parse_percentage, "120"), (parse_region, "Atlantis")],
)
def test_cell_errors_of_an_import_read_in_english(parse, text):
    with use_language("en"), pytest.raises(ValueError) as caught:
        parse(text)
    assert not dutch_words(str(caught.value)), str(caught.value)


@pytest.mark.zuiver
def test_the_dutch_word_list_catches_dutch():
    # The check above is only as good as its word list: a Dutch sentence must trip it.
    assert dutch_words("Er zijn geen regiogrenzen van 1999.") == {"zijn", "geen", "van", "regiogrenzen"}
    assert DUTCH.isdisjoint({"the", "no", "region", "boundaries"})
    assert json.dumps(sorted(dutch_words("The boundaries are missing."))) == "[]"


@pytest.mark.zuiver
@pytest.mark.parametrize(
    "error",
    [
        sqlite3.OperationalError("database is locked"),
        sqlite3.OperationalError("database or disk is full"),
        sqlite3.OperationalError("attempt to write a readonly database"),
        sqlite3.OperationalError("unable to open database file"),
        sqlite3.OperationalError("iets onverwachts"),
    ],
)
def test_database_failures_read_in_english(error):
    wrapped = OperationalError("SELECT 1", {}, error)
    dutch = database_message(wrapped)
    with use_language("en"):
        english = database_message(wrapped)
    assert dutch_words(dutch) and english != dutch
    assert not dutch_words(english), english
