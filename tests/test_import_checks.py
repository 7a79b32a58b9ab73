"""The checks of an import: every error of a row, and warnings that need "toch importeren"."""

import pytest
from sqlalchemy import func, select

from dashboard.cli import cli, run
from dashboard.data.models import ImportLog, Organisation, Trajectory
from dashboard.importing import ImportRejected, ImportResult, ImportUnconfirmed, Problem
from dashboard.importing.plausibility import is_jump, merged_reason
from tests.helpers import load, trajectory


def test_a_row_with_two_errors_reports_both(db):
    rows = [
        trajectory("E1", "2026-01-10"),
        trajectory("E2", "2026-03-10", methode="Toverkunst", einddatum="2026-02-01"),
    ]
    with pytest.raises(ImportRejected) as caught:
        load(db, "trajecten", rows)
    report = caught.value.report()
    assert "rij 3, kolom 'methode': waarde 'Toverkunst'" in report
    assert "rij 3, kolom 'einddatum': waarde '2026-02-01': niet voor de startdatum" in report
    assert len(caught.value.problems) == 2


def stored(db, model) -> int:
    with db.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(model)).scalar_one()


def test_a_near_duplicate_organisation_warns_and_needs_toch_importeren(db):
    load(db, "trajecten", [trajectory("K1", "2026-01-10", organisatie="GGZ Kompas Achterhoek")])
    typo = [trajectory("K2", "2026-02-10", organisatie="GGZ Kompas Achterhoeck")]
    checked = load(db, "trajecten", typo, check_only=True)
    assert checked.waarschuwingen == (
        "'GGZ Kompas Achterhoeck' is nieuw in AM09 en lijkt op de bekende organisatie 'GGZ Kompas "
        "Achterhoek' (nummer 1). Een tikfout? Verbeter dan de naam in het bestand; is het dezelfde "
        'organisatie met een nieuwe naam, hernoem haar dan eerst (hzw organisatie hernoem "GGZ Kompas '
        'Achterhoek" "GGZ Kompas Achterhoeck"). Met toch importeren wordt het een nieuwe organisatie.',
    )
    # Without "toch importeren" nothing is written: no organisation, no row, no log entry.
    with pytest.raises(ImportUnconfirmed) as caught:
        load(db, "trajecten", typo)
    assert "gaf 1 waarschuwing; er is niets opgeslagen" in caught.value.report()
    assert (stored(db, Organisation), stored(db, Trajectory), stored(db, ImportLog)) == (1, 1, 1)
    result = load(db, "trajecten", typo, accept_warnings=True)
    assert result.nieuw == 1 and stored(db, Organisation) == 2


def test_a_different_organisation_gives_no_warning(db):
    load(db, "trajecten", [trajectory("K1", "2026-01-10", organisatie="GGZ Kompas Achterhoek")])
    other = load(db, "trajecten", [trajectory("U1", "2026-02-10", organisatie="UWV Achterhoek")])
    assert other.waarschuwingen == () and other.nieuw == 1


def test_a_volume_jump_warns_against_earlier_deliveries(db):
    load(db, "trajecten", [trajectory(f"V{n}", "2026-01-10") for n in range(40)])
    big = [trajectory(f"V{n}", "2026-01-10") for n in range(200)]
    with pytest.raises(ImportUnconfirmed) as caught:
        load(db, "trajecten", big)
    assert caught.value.warnings == (
        "GGZ Test (AM09) levert 200 rijen, veel meer dan de grootste eerdere levering (40 rijen). "
        "Staan er rijen van een andere organisatie of een bestand twee keer in?",
    )
    assert stored(db, Trajectory) == 40
    # Growth within the band is no jump.
    assert load(db, "trajecten", big[:110]).waarschuwingen == ()


@pytest.mark.zuiver
def test_volume_jump_rule():
    assert not is_jump(263_157, None)  # a first delivery has nothing to jump from
    assert is_jump(263_157, 2_000)
    assert not is_jump(120, 30)  # four times, but only 90 rows more
    assert not is_jump(3_000, 1_000)  # exactly three times is inside


def test_the_report_follows_the_number(db):
    one = load(db, "trajecten", [trajectory("G1", "2026-01-10")])
    assert one.summary().startswith("1 rij trajecten: 1 nieuw, 0 gewijzigd, 0 ongewijzigd.")
    two = load(db, "trajecten", [trajectory("G1", "2026-01-10"), trajectory("G2", "2026-01-11")])
    assert two.summary().startswith("2 rijen trajecten: 1 nieuw, 0 gewijzigd, 1 ongewijzigd.")


@pytest.mark.zuiver
def test_counts_in_the_report_go_through_the_formatter():
    result = ImportResult("trajecten", 263_157, 263_100, 0, 57, None)
    assert result.summary() == "263.157 rijen trajecten: 263.100 nieuw, 0 gewijzigd, 57 ongewijzigd."
    assert merged_reason("bijeenkomsten", 44).startswith("44 rijen beschrijven een bijeenkomst")
    assert merged_reason("bijeenkomsten", 1).startswith("1 rij beschrijft een bijeenkomst")


def test_cli_imports_with_warnings_only_with_the_flag(db, database_url, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("HZW_DATABASE_URL", database_url)
    load(db, "trajecten", [trajectory("K1", "2026-01-10", organisatie="GGZ Kompas Achterhoek")])
    path = tmp_path / "kompas.csv"
    path.write_text(
        "traject_id;regio;organisatie;methode;startdatum\nK2;AM09;GGZ Kompas Achterhoeck;IPS;2026-02-10\n"
    )
    assert run(cli, ["import", "trajecten", str(path)]) == 1
    assert "--toch-importeren" in capsys.readouterr().err and stored(db, Organisation) == 1
    assert run(cli, ["import", "trajecten", str(path), "--toch-importeren"]) == 0
    assert "Ingelezen: 1 rij trajecten: 1 nieuw" in capsys.readouterr().out
    assert stored(db, Organisation) == 2


@pytest.mark.zuiver
def test_counts_in_a_refusal_go_through_the_formatter_and_follow_the_number():
    many = ImportRejected("groot.csv", [Problem(n, "methode", "x", "IPS") for n in range(2, 1_053)])
    assert many.report().endswith("… en nog 1.001 fouten.")
    one = ImportRejected("klein.csv", [Problem(n, "methode", "x", "IPS") for n in range(2, 53)])
    assert one.report().endswith("… en nog 1 fout.")
    assert ImportUnconfirmed("a.csv", ("let op",)).report().startswith("Bestand 'a.csv' gaf 1 waarschuwing;")
    two = ImportUnconfirmed("a.csv", ("een", "twee")).report()
    assert two.startswith("Bestand 'a.csv' gaf 2 waarschuwingen;")
