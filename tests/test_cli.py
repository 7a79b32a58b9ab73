import pytest
from sqlalchemy import func, select

from dashboard.cli import cli, run
from dashboard.data.models import ImportLog, Trajectory
from dashboard.infra.db import Database


@pytest.fixture
def cli_db(database_url, monkeypatch):
    monkeypatch.setenv("HZW_DATABASE_URL", database_url)
    database = Database(database_url)
    yield database
    database.dispose()


def count(db, model) -> int:
    with db.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(model)).scalar_one()


def test_commands_before_upgrade_say_what_to_do(cli_db, capsys):
    assert run(cli, ["demo"]) == 1
    assert "Voer eerst 'hzw db upgrade' uit" in capsys.readouterr().err


def test_upgrade_import_check_and_bad_file(cli_db, tmp_path, capsys):
    assert run(cli, ["db", "upgrade"]) == 0
    good = tmp_path / "trajecten.csv"
    good.write_text(
        "traject_id;regio;organisatie;methode;startdatum\nT1;AM09;GGZ Test;IPS;2024-02-01\n", encoding="utf-8"
    )
    assert run(cli, ["import", "trajecten", str(good), "--controleer"]) == 0
    assert "Gecontroleerd, niets opgeslagen: 1 rij trajecten: 1 nieuw" in capsys.readouterr().out
    assert count(cli_db, Trajectory) == 0
    assert run(cli, ["import", "trajecten", str(good), "--gebruiker", "beheer"]) == 0
    assert count(cli_db, Trajectory) == 1
    bad = tmp_path / "fout.csv"
    bad.write_text(
        "traject_id;regio;organisatie;methode;startdatum\nT2;AM99;GGZ Test;IPS;2024-02-01\n", encoding="utf-8"
    )
    assert run(cli, ["import", "trajecten", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "Bestand 'fout.csv' is geweigerd; er is niets opgeslagen." in err
    assert "fout.csv, rij 2, kolom 'regio': waarde 'AM99'" in err
    assert "Traceback" not in err
    assert count(cli_db, Trajectory) == 1 and count(cli_db, ImportLog) == 1


def test_usage_errors_are_reported_in_dutch(cli_db, capsys):
    assert run(cli, ["import", "personen", "x.csv"]) == 2
    assert "Fout in de opdracht" in capsys.readouterr().err


@pytest.mark.zuiver
def test_bad_environment_is_a_clear_error(monkeypatch, capsys):
    monkeypatch.setenv("HZW_CACHE_TIMEOUT", "veel")
    assert run(cli, ["db", "status"]) == 1
    assert "HZW_CACHE_TIMEOUT moet een geheel getal zijn" in capsys.readouterr().err


def test_unreachable_database_is_a_clear_error(monkeypatch, capsys):
    monkeypatch.setenv("HZW_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    assert run(cli, ["db", "upgrade"]) == 1
    err = capsys.readouterr().err
    assert "Fout: De database is niet bereikbaar. Controleer HZW_DATABASE_URL" in err
    assert "Traceback" not in err


@pytest.mark.traag
def test_demo_if_empty_loads_once(cli_db, capsys):
    assert run(cli, ["db", "upgrade"]) == 0
    assert run(cli, ["demo", "--als-leeg", "--tot", "2022-03-31"]) == 0
    loaded = count(cli_db, Trajectory)
    assert loaded > 0
    assert run(cli, ["demo", "--als-leeg"]) == 0
    assert "niet opnieuw geladen" in capsys.readouterr().out
    assert count(cli_db, Trajectory) == loaded


def test_user_commands_manage_accounts_with_dutch_errors(cli_db, monkeypatch, capsys):
    import io

    from dashboard.auth import store

    assert run(cli, ["db", "upgrade"]) == 0
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO("een-lang-wachtwoord\n"))
    args = ["gebruiker", "toevoegen", "rob", "--rol", "regio", "--regio", "am09", "--wachtwoord-stdin"]
    assert run(cli, args) == 0
    assert "Account aangemaakt: rob: regio (AM09)" in capsys.readouterr().out
    assert store.authenticate(cli_db, "rob", "een-lang-wachtwoord") is not None
    monkeypatch.setattr("sys.stdin", io.StringIO("kort\n"))
    assert run(cli, ["gebruiker", "toevoegen", "kim", "--rol", "landelijk", "--wachtwoord-stdin"]) == 1
    assert "minstens 12 tekens" in capsys.readouterr().err
    assert run(cli, ["gebruiker", "toevoegen", "kim", "--rol", "regio", "--oidc"]) == 1
    assert "minstens één regio" in capsys.readouterr().err
    assert run(cli, ["gebruiker", "rol", "rob", "--rol", "regio", "--regio", "AM99"]) == 1
    assert "Onbekende regio: AM99" in capsys.readouterr().err
    assert run(cli, ["gebruiker", "rol", "rob", "--rol", "landelijk"]) == 0
    assert run(cli, ["gebruiker", "blokkeer", "rob"]) == 0
    assert store.authenticate(cli_db, "rob", "een-lang-wachtwoord") is None
    capsys.readouterr()
    assert run(cli, ["gebruiker", "lijst"]) == 0
    assert "rob: landelijk [geblokkeerd]" in capsys.readouterr().out
    assert run(cli, ["gebruiker", "verwijder", "niemand"]) == 1
    assert "Er is geen account 'niemand'" in capsys.readouterr().err
    assert run(cli, ["audit"]) == 0
    out = capsys.readouterr().out
    assert "account aangemaakt" in out and "account geblokkeerd" in out and "een-lang-wachtwoord" not in out


@pytest.mark.zuiver
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["demo", "--schaal", "abc"], "Ongeldige waarde voor '--schaal': 'abc' is geen geldig geheel getal."),
        (["demo", "--schaal", "0"], "0 ligt niet in het bereik"),
        (["gebruiker", "toevoegen"], "Ontbrekend argument 'NAAM'."),
        (["bestaatniet"], "Onbekende opdracht 'bestaatniet'."),
        (["import", "--kapot"], "Onbekende optie '--kapot'."),
    ],
)
def test_usage_errors_are_dutch(args, expected, capsys):
    assert run(cli, args) == 2
    err = capsys.readouterr().err
    assert expected in err and "Invalid" not in err and "No such" not in err


@pytest.mark.zuiver
def test_help_is_dutch(capsys):
    assert run(cli, ["import", "--help"]) == 0
    out = capsys.readouterr().out
    assert "Gebruik: hzw import" in out and "Opties:" in out and "Toon deze hulp en stop." in out
    assert "Show this message" not in out


@pytest.mark.traag
def test_serve_greets_with_the_address_and_the_demo_accounts_while_only_demo_data(cli_db, capsys):
    from dashboard.cli import greeting
    from dashboard.infra.config import load_settings
    from tests.helpers import load, trajectory

    assert run(cli, ["db", "upgrade"]) == 0
    assert run(cli, ["demo", "--tot", "2021-03-31"]) == 0
    settings = load_settings()
    lines = greeting(settings, cli_db, "http://127.0.0.1:8050")
    assert lines[0] == "Hoofdzaak Werk Monitor draait op http://127.0.0.1:8050 (stoppen met Ctrl+C)."
    assert lines[1] == (
        "Voorbeelddata geladen. Inloggen met demo-landelijk, demo-regio, demo-beheer; wachtwoord 'demo'."
    )
    load(cli_db, "trajecten", [trajectory("ECHT-1", "2026-01-10")])  # a real delivery ends the demo accounts
    assert greeting(settings, cli_db, "http://127.0.0.1:8050")[1:] == []
    public = load_settings({"mode": "openbaar"})
    assert "geen inloggen" in greeting(public, cli_db, "http://h:1")[1]
