import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import func, select

from dashboard.data.models import ImportLog, Meeting, Organisation, Target, Trajectory
from dashboard.importing import ImportRejected, import_file, values
from tests.helpers import load, trajectory


def count(db, model) -> int:
    with db.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(model)).scalar_one()


def test_import_then_reimport_changes_nothing_and_correction_updates(db):
    rows = [trajectory("A1", "2026-01-10"), trajectory("A2", "2026-02-10", plaatsingsdatum="2026-04-01")]
    first = load(db, "trajecten", rows)
    assert (first.nieuw, first.gewijzigd, first.ongewijzigd) == (2, 0, 0)
    again = load(db, "trajecten", rows)
    assert (again.nieuw, again.gewijzigd, again.ongewijzigd) == (0, 0, 2)
    rows[1]["plaatsingsdatum"] = "2026-05-01"
    corrected = load(db, "trajecten", rows)
    assert (corrected.nieuw, corrected.gewijzigd, corrected.ongewijzigd) == (0, 1, 1)
    assert count(db, Trajectory) == 2
    assert count(db, ImportLog) == 3
    with db.engine.connect() as connection:
        placed = connection.execute(
            select(Trajectory.plaatsingsdatum).where(Trajectory.traject_id == "A2")
        ).scalar_one()
    assert placed == dt.date(2026, 5, 1)


def test_region_by_name_method_alias_and_dutch_dates(db):
    rows = [
        trajectory(
            "B1", "3-2-2026", regio=" achterhoek ", methode="Werk als Beste Zorg", aanmelddatum="01-02-2026"
        )
    ]
    load(db, "trajecten", rows)
    with db.engine.connect() as connection:
        found = connection.execute(
            select(
                Organisation.region_code, Trajectory.methode, Trajectory.startdatum, Trajectory.aanmelddatum
            ).join(Organisation, Organisation.id == Trajectory.organisation_id)
        ).one()
    assert tuple(found) == ("AM09", "WaBZ", dt.date(2026, 2, 3), dt.date(2026, 2, 1))


def test_one_bad_row_rejects_the_whole_file_and_names_row_column_value(db):
    rows = [
        trajectory("C1", "2026-01-10"),
        trajectory("C2", "2026-01-11", methode="Toverkunst"),
        trajectory("C3", "2026-13-01"),
    ]
    with pytest.raises(ImportRejected) as caught:
        load(db, "trajecten", rows)
    report = caught.value.report()
    assert "rij 3, kolom 'methode': waarde 'Toverkunst': een van: IPS, Jobcoaching, WaBZ, Overig" in report
    assert "rij 4, kolom 'startdatum': waarde '2026-13-01': een bestaande datum" in report
    assert count(db, Trajectory) == 0
    assert count(db, ImportLog) == 0


@pytest.mark.parametrize(
    ("extra", "column", "expected"),
    [
        ({"plaatsingsdatum": "2026-01-01"}, "plaatsingsdatum", "niet voor de startdatum"),
        ({"duurzaam_datum": "2026-03-01"}, "duurzaam_datum", "alleen met een plaatsingsdatum"),
        ({"aanmelddatum": "2026-02-01"}, "aanmelddatum", "niet na de startdatum"),
        ({"einddatum": "2026-07-01"}, "einddatum", "niet na de importdatum"),
    ],
)
def test_date_rules_of_the_contract(db, extra, column, expected):
    with pytest.raises(ImportRejected) as caught:
        load(db, "trajecten", [trajectory("D1", "2026-01-10", **extra)])
    problem = caught.value.problems[0]
    assert (problem.row, problem.column) == (2, column)
    assert expected in problem.expected


def test_duplicate_traject_id_in_one_file_is_an_error(db):
    with pytest.raises(ImportRejected) as caught:
        load(db, "trajecten", [trajectory("E1", "2026-01-10"), trajectory("E1", "2026-01-12")])
    assert "staat ook op rij 2" in caught.value.report()


def test_identifying_columns_and_bsn_values_are_refused(db):
    row = trajectory("F1", "2026-01-10") | {"BSN ": "123456782"}
    with pytest.raises(ImportRejected, match="kan personen identificeren"):
        load(db, "trajecten", [row])
    with pytest.raises(ImportRejected) as caught:
        load(db, "trajecten", [trajectory("111222333", "2026-01-10")])
    assert "geldig BSN" in caught.value.report()
    assert "111222333" not in caught.value.report()  # the number itself is never repeated
    assert count(db, Trajectory) == 0


def test_meetings_same_key_is_one_meeting_and_organisations_are_linked(db):
    rows = [
        {
            "regio": "AM09",
            "soort": "casusbespreking",
            "datum": "2026-03-02",
            "deelnemers": "12",
            "onderwerp": "",
            "organisaties": "GGZ Test|UWV Achterhoek",
        },
        {
            "regio": "Achterhoek",
            "soort": "Casusbespreking",
            "datum": "2026-03-02",
            "deelnemers": "12",
            "onderwerp": "",
            "organisaties": "",
        },
        {
            "regio": "AM09",
            "soort": "leerbijeenkomst",
            "datum": "2026-04-02",
            "deelnemers": "",
            "onderwerp": "IPS",
            "organisaties": "",
        },
    ]
    # Three rows, two meetings: the merge is a warning with its reason, written after "toch importeren".
    result = load(db, "bijeenkomsten", rows, accept_warnings=True)
    assert (result.rijen, result.nieuw, result.ongewijzigd) == (3, 2, 0)
    assert "1 rij beschrijft een bijeenkomst die al eerder in het bestand staat" in result.summary()
    assert count(db, Meeting) == 2
    assert count(db, Organisation) == 2
    assert load(db, "bijeenkomsten", rows, accept_warnings=True).ongewijzigd == 2


def test_targets_override_and_validate(db):
    rows = [
        {
            "regio": "AM09",
            "jaar": "2026",
            "trajecten": "120",
            "duurzaam_pct": "45,5",
            "leerbijeenkomsten": "3",
            "casusbesprekingen": "10",
        }
    ]
    assert load(db, "doelen", rows).nieuw == 1
    with db.engine.connect() as connection:
        assert connection.execute(select(Target.duurzaam_pct)).scalar_one() == pytest.approx(45.5)
    rows[0]["duurzaam_pct"] = "140"
    with pytest.raises(ImportRejected, match="percentage tussen 0 en 100"):
        load(db, "doelen", rows)


def test_missing_required_column_names_the_column(db):
    frame = pd.DataFrame([{"traject_id": "G1", "regio": "AM09"}])
    with pytest.raises(ImportRejected) as caught:
        from dashboard.importing import import_frame

        import_frame(
            db, "trajecten", frame, file_name="x.csv", sha256="0", user="t", today=dt.date(2026, 6, 1)
        )
    missing = {p.column for p in caught.value.problems}
    assert missing == {"organisatie", "methode", "startdatum"}


def test_semicolon_windows_1252_csv_file(db, tmp_path):
    path = tmp_path / "trajecten.csv"
    content = (
        "Traject_ID ; Regio;Organisatie;Methode;Startdatum\r\n"
        "H1;Friesland;Werkbedrijf Súdwest;IPS;15-1-2026\r\n"
        ";;;;\r\n"
    )
    path.write_bytes(content.encode("cp1252"))
    result = import_file(db, "trajecten", path, user="t", max_bytes=1_000_000, today=dt.date(2026, 6, 1))
    assert result.nieuw == 1
    with db.engine.connect() as connection:
        assert connection.execute(select(Organisation.naam)).scalar_one() == "Werkbedrijf Súdwest"


def test_file_over_the_size_limit_is_refused_before_reading(db, tmp_path):
    path = tmp_path / "groot.csv"
    path.write_text("traject_id\n" + "x\n" * 1000)
    with pytest.raises(ImportRejected, match="groter dan de grens"):
        import_file(db, "trajecten", path, user="t", max_bytes=100)


def test_check_only_writes_nothing(db):
    from dashboard.importing import import_frame

    frame = pd.DataFrame([trajectory("J1", "2026-01-10")])
    result = import_frame(
        db,
        "trajecten",
        frame,
        file_name="x.csv",
        sha256="0",
        user="t",
        today=dt.date(2026, 6, 1),
        check_only=True,
    )
    assert result.nieuw == 1 and result.import_id is None
    assert count(db, Trajectory) == 0 and count(db, ImportLog) == 0


@pytest.mark.parametrize(
    "header", ["BSN-nummer", "cliëntnaam", "geboorte_datum", "E-mailadres", "Telefoonnr"]
)
def test_identifying_columns_are_recognised_however_spelled(db, header):
    with pytest.raises(ImportRejected, match="kan personen identificeren"):
        load(db, "trajecten", [trajectory("P1", "2026-01-10") | {header: "x"}])


def test_organisation_name_column_is_not_mistaken_for_a_person(db):
    result = load(db, "trajecten", [trajectory("P2", "2026-01-10") | {"organisatienaam": "x"}])
    assert result.nieuw == 1
    assert "'organisatienaam'" in result.summary()  # not a typo of organisatie, which is there: ignored


def test_a_bsn_is_never_repeated_in_a_duplicate_message(db):
    with pytest.raises(ImportRejected) as caught:
        load(db, "trajecten", [trajectory("111222333", "2026-01-10"), trajectory("111222333", "2026-01-11")])
    assert "111222333" not in caught.value.report()


def test_too_long_values_are_reported_not_crashed_on(db):
    rows = [trajectory("T" * 65, "2026-01-10"), trajectory("T2", "2026-01-10", organisatie="O" * 161)]
    with pytest.raises(ImportRejected) as caught:
        load(db, "trajecten", rows)
    assert {(p.row, p.column) for p in caught.value.problems} == {(2, "traject_id"), (3, "organisatie")}
    meeting = {"regio": "AM09", "soort": "werkgroep", "datum": "2026-01-10", "deelnemers": "99999999999"}
    with pytest.raises(ImportRejected, match="geheel getal van 0 tot en met 10000"):
        load(db, "bijeenkomsten", [meeting])


def test_fractional_percentage_reimports_unchanged(db):
    rows = [
        {
            "regio": "AM09",
            "jaar": "2026",
            "trajecten": "110",
            "duurzaam_pct": "33,333",
            "leerbijeenkomsten": "3",
            "casusbesprekingen": "10",
        }
    ]
    load(db, "doelen", rows)
    assert load(db, "doelen", rows).ongewijzigd == 1


def test_renamed_or_empty_xlsx_is_refused_clearly(db, tmp_path):
    path = tmp_path / "kapot.xlsx"
    path.write_text("traject_id;regio\n")
    with pytest.raises(ImportRejected, match="geen geldige Excel-werkmap"):
        import_file(db, "trajecten", path, user="t", max_bytes=1_000_000)


@pytest.mark.zuiver
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0001-01-01", "vanaf 1-1-2000"),
        ("1999-12-31", "vanaf 1-1-2000"),
        ("1-1-0026", "vanaf 1-1-2000"),
        ("２０２６-01-01", "JJJJ-MM-DD"),
        ("2026-٠١-01", "JJJJ-MM-DD"),
        ("2026-01-01\n", None),
        ("1-1-2000", None),
    ],
)
def test_parse_date_takes_ascii_digits_from_2000_on(text, expected):
    if expected is None:
        assert values.parse_date(text) in {dt.date(2026, 1, 1), dt.date(2000, 1, 1)}
        return
    with pytest.raises(values.CellError, match=expected):
        values.parse_date(text)


@pytest.mark.zuiver
@pytest.mark.parametrize("text", ["４０", "1e1", "nan", "40%%", "-0"])
def test_parse_percentage_takes_plain_numbers_only(text):
    with pytest.raises(values.CellError):
        values.parse_percentage(text)


@pytest.mark.zuiver
def test_region_names_that_fold_together_are_refused_as_ambiguous():
    lookup = values.build_region_lookup([("AM01", "Zuid-Oost"), ("AM02", "Zuidoost"), ("AM03", "Noord")])
    assert values.resolve_region("noord", lookup) == "AM03"
    assert values.resolve_region("AM2", lookup) == "AM02"
    with pytest.raises(values.CellError, match="gebruik de AM-code"):
        values.resolve_region("Zuid Oost", lookup)


@pytest.mark.zuiver
def test_stored_region_names_do_not_fold_together():
    from geodata import region_refs

    lookup = values.build_region_lookup((ref.code, ref.naam) for ref in region_refs())
    assert None not in lookup.values()
    assert {values.resolve_region(ref.naam.upper(), lookup) for ref in region_refs()} == {
        ref.code for ref in region_refs()
    }


@pytest.mark.zuiver
@pytest.mark.parametrize(
    ("text", "is_bsn"),
    [
        ("123456782", True),
        ("12345672", True),  # 012345672 after Excel dropped the leading zero
        ("1234.56.782", True),
        ("12345673", False),
        ("1234567", False),
        ("A12345672", False),
    ],
)
def test_bsn_check_sees_numbers_excel_shortened_or_wrote_with_dots(text, is_bsn):
    assert values.is_valid_bsn(text) is is_bsn
