"""Delivered files, read from disk the way the CLI and the upload page read them."""

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from dashboard.data.models import ImportLog, Meeting, Organisation, Target, Trajectory
from dashboard.importing import ImportRejected, ImportResult, Problem, import_file

TODAY = dt.date(2026, 6, 30)
HEADER = "traject_id;regio;organisatie;methode;startdatum"
GOOD_ROW = "A1;AM09;GGZ Test;IPS;2026-01-10"


def count(db, model) -> int:
    with db.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(model)).scalar_one()


def csv_file(tmp_path: Path, lines: list[str], name: str = "trajecten.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes("\r\n".join(lines).encode(encoding) + b"\r\n")
    return path


def xlsx_file(tmp_path: Path, rows: list[list[object] | None], name: str = "trajecten.xlsx") -> Path:
    """A workbook whose first sheet holds ``rows`` from A1 down; None leaves a row empty."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row_number, row in enumerate(rows, start=1):
        for column_number, value in enumerate(row or [], start=1):
            sheet.cell(row=row_number, column=column_number, value=value)
    path = tmp_path / name
    book.save(path)
    return path


def imported(db, kind: str, path: Path, max_bytes: int = 1_000_000) -> ImportResult:
    return import_file(db, kind, path, user="t", max_bytes=max_bytes, today=TODAY)


def rejected(db, kind: str, path: Path, max_bytes: int = 1_000_000) -> tuple[list[Problem], str]:
    logged = count(db, ImportLog)
    with pytest.raises(ImportRejected) as caught:
        import_file(db, kind, path, user="t", max_bytes=max_bytes, today=TODAY)
    assert count(db, ImportLog) == logged
    return caught.value.problems, caught.value.report()


def located(problems: list[Problem]) -> set[tuple[int | None, str]]:
    return {(p.row, p.column) for p in problems}


# Row numbers are Excel's, whatever was skipped above them.


def test_csv_row_number_after_an_empty_row_is_the_excel_row(db, tmp_path):
    path = csv_file(tmp_path, [HEADER, GOOD_ROW, "", "A3;AM09;GGZ Test;Yoga;2026-01-10"])
    problems, report = rejected(db, "trajecten", path)
    assert located(problems) == {(4, "methode")}
    assert "trajecten.csv, rij 4, kolom 'methode'" in report


def test_csv_row_number_after_a_row_of_separators_and_a_duplicate(db, tmp_path):
    path = csv_file(tmp_path, [HEADER, GOOD_ROW, ";;;;", " ; ;;;", GOOD_ROW])
    problems, report = rejected(db, "trajecten", path)
    assert located(problems) == {(5, "traject_id")}
    assert "staat ook op rij 2" in report


def test_xlsx_row_number_after_an_empty_row_is_the_excel_row(db, tmp_path):
    header = HEADER.split(";")
    rows = [header, ["A1", "AM09", "GGZ Test", "IPS", "2026-01-10"], None]
    rows.append(["A3", "AM09", "GGZ Test", "IPS", "2026-13-01"])
    problems, _ = rejected(db, "trajecten", xlsx_file(tmp_path, rows))
    assert located(problems) == {(4, "startdatum")}


def test_xlsx_header_below_empty_rows_keeps_excel_numbering(db, tmp_path):
    rows = [None, HEADER.split(";"), ["A1", "AM09", "GGZ Test", "Yoga", "2026-01-10"]]
    problems, _ = rejected(db, "trajecten", xlsx_file(tmp_path, rows))
    assert located(problems) == {(3, "methode")}


# XLSX cells as Excel shows them.


def targets_sheet(pct: object) -> list[list[object] | None]:
    header = ["regio", "jaar", "trajecten", "duurzaam_pct", "leerbijeenkomsten", "casusbesprekingen"]
    return [header, ["AM09", 2026, 120, pct, 3, 10]]


@pytest.mark.parametrize(("value", "number_format", "stored"), [(0.4, "0%", 40), (0.455, "0.0%", 45.5)])
def test_xlsx_percentage_cell_is_read_as_shown(db, tmp_path, value, number_format, stored):
    path = xlsx_file(tmp_path, targets_sheet(value), name="doelen.xlsx")
    book = openpyxl.load_workbook(path)
    book.active["D2"].number_format = number_format
    book.save(path)
    assert imported(db, "doelen", path).nieuw == 1
    with db.engine.connect() as connection:
        assert connection.execute(select(Target.duurzaam_pct)).scalar_one() == pytest.approx(stored)


def test_xlsx_plain_number_percentage_is_taken_as_written(db, tmp_path):
    assert imported(db, "doelen", xlsx_file(tmp_path, targets_sheet(42), name="doelen.xlsx")).nieuw == 1
    with db.engine.connect() as connection:
        assert connection.execute(select(Target.duurzaam_pct)).scalar_one() == pytest.approx(42)


# Columns are never lost without a word.


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_a_header_twice_names_both_positions(db, tmp_path, suffix):
    header = [*HEADER.split(";"), "Regio "]
    row = ["A1", "AM09", "GGZ Test", "IPS", "2026-01-10", "AM10"]
    if suffix == "csv":
        path = csv_file(tmp_path, [";".join(header), ";".join(row)])
    else:
        path = xlsx_file(tmp_path, [header, row])
    problems, _ = rejected(db, "trajecten", path)
    assert len(problems) == 1
    assert problems[0].column == "regio"
    assert "kolom B en kolom F" in problems[0].expected


def test_a_misspelled_column_is_an_error_that_suggests_the_right_name(db, tmp_path):
    path = csv_file(tmp_path, [f"{HEADER};plaatsingdatum", f"{GOOD_ROW};2026-03-01"])
    problems, _ = rejected(db, "trajecten", path)
    assert located(problems) == {(None, "plaatsingdatum")}
    assert "bedoelt u 'plaatsingsdatum'" in problems[0].expected
    assert count(db, Trajectory) == 0


def test_an_unknown_column_is_ignored_with_a_notice(db, tmp_path):
    path = csv_file(tmp_path, [f"{HEADER};Opmerking;", f"{GOOD_ROW};belt terug;"])
    result = imported(db, "trajecten", path)
    assert result.nieuw == 1
    assert "'opmerking' (F)" in result.summary() and "genegeerd" in result.summary()


def test_data_in_a_column_without_a_header_is_reported_as_ignored(db, tmp_path):
    path = csv_file(tmp_path, [f"{HEADER};", f"{GOOD_ROW};los"])
    result = imported(db, "trajecten", path)
    assert "kolom F zonder kopnaam" in result.summary()


def test_contract_columns_only_give_no_notice(db, tmp_path):
    result = imported(db, "trajecten", csv_file(tmp_path, [HEADER, GOOD_ROW]))
    assert result.meldingen == ()


# Field counts.


def test_a_row_with_more_fields_than_the_header_is_refused(db, tmp_path):
    path = csv_file(tmp_path, [HEADER, GOOD_ROW, "A2;AM09;GGZ;Test;IPS;2026-01-10;x"])
    problems, report = rejected(db, "trajecten", path)
    assert located(problems) == {(3, "")}
    assert "rij 3 heeft 7 velden, de kop heeft 5" in report
    assert count(db, Trajectory) == 0


def test_empty_trailing_fields_are_not_extra_fields(db, tmp_path):
    path = csv_file(tmp_path, [HEADER, f"{GOOD_ROW};;", "A2;AM09;GGZ Test;IPS"])
    problems, _ = rejected(db, "trajecten", path)
    assert located(problems) == {(3, "startdatum")}  # a short row is padded, not shifted


# Dates, text and identifiers.


@pytest.mark.parametrize(
    "start", ["0001-01-01", "0026-01-10", "10-1-0026", "1999-12-31", "２０２６-01-10", "٢٠٢٦-01-10"]
)
def test_dates_before_2000_or_in_other_digits_are_refused(db, tmp_path, start):
    path = csv_file(tmp_path, [HEADER, f"A1;AM09;GGZ Test;IPS;{start}"])
    problems, _ = rejected(db, "trajecten", path)
    assert located(problems) == {(2, "startdatum")}


@pytest.mark.parametrize("value", ["A\x001", "A\x071", "\x1b[31mA1"])
def test_control_characters_in_text_are_refused(db, tmp_path, value):
    path = csv_file(tmp_path, [HEADER, f"{value};AM09;GGZ Test;IPS;2026-01-10"])
    problems, report = rejected(db, "trajecten", path)
    assert located(problems) == {(2, "traject_id")}
    assert "stuurteken" in report and "\x00" not in report and "\x1b" not in report
    assert count(db, Trajectory) == 0


def test_control_characters_in_meeting_text_are_refused(db, tmp_path):
    path = csv_file(
        tmp_path, ["regio;soort;datum;onderwerp;organisaties", "AM09;werkgroep;2026-01-10;IPS;GGZ\x00Oost"]
    )
    problems, _ = rejected(db, "bijeenkomsten", path)
    assert located(problems) == {(2, "organisaties")}
    assert count(db, Meeting) == 0 and count(db, Organisation) == 0


@pytest.mark.parametrize(
    ("regio", "code"),
    [
        ("Groot-Amsterdam", "AM18"),
        ("AM9", "AM09"),
        ("am 9", "AM09"),
        ("Regio Achterhoek", "AM09"),
        ("Zwolle", "AM36"),
        ("Zaanstreek / Waterland", "AM17"),
        ("helmond de peel", "AM32"),
    ],
)
def test_region_names_are_matched_loosely(db, tmp_path, regio, code):
    assert (
        imported(db, "trajecten", csv_file(tmp_path, [HEADER, f"A1;{regio};GGZ;IPS;2026-01-10"])).nieuw == 1
    )
    with db.engine.connect() as connection:
        assert connection.execute(select(Organisation.region_code)).scalar_one() == code


@pytest.mark.parametrize("regio", ["AM4", "AM100", "9", "Amsterdam"])
def test_unknown_regions_are_still_refused(db, tmp_path, regio):
    problems, _ = rejected(db, "trajecten", csv_file(tmp_path, [HEADER, f"A1;{regio};GGZ;IPS;2026-01-10"]))
    assert located(problems) == {(2, "regio")}


def test_a_bsn_that_lost_its_leading_zero_in_excel_is_refused(db, tmp_path):
    rows = [HEADER.split(";"), [12345672, "AM09", "GGZ Test", "IPS", "2026-01-10"]]
    problems, report = rejected(db, "trajecten", xlsx_file(tmp_path, rows))
    assert located(problems) == {(2, "traject_id")}
    assert "geldig BSN" in report and "12345672" not in report


# Files that are not what they claim to be.


def test_an_xlsx_that_unpacks_far_beyond_the_limit_is_refused_unread(db, tmp_path):
    rows = [HEADER.split(";"), ["A1", "AM09", "GGZ Test", "IPS", "2026-01-10"]]
    path = xlsx_file(tmp_path, rows)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/opvulling.bin", bytes(2_000_000))
    assert path.stat().st_size < 100_000
    problems, report = rejected(db, "trajecten", path, max_bytes=100_000)
    assert located(problems) == {(None, "")}
    assert "uitgepakt" in report


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("kapot.xlsx", b"traject_id;regio\n"),
        ("kapot.xlsx", b"PK\x03\x04" + bytes(200)),
        ("afgekapt.xlsx", None),
    ],
)
def test_unreadable_xlsx_gets_a_dutch_message(db, tmp_path, name, content):
    if content is None:
        good = xlsx_file(tmp_path, [HEADER.split(";")], name="goed.xlsx").read_bytes()
        content = good[: len(good) // 2]
    path = tmp_path / name
    path.write_bytes(content)
    _, report = rejected(db, "trajecten", path)
    assert "geen geldige Excel-werkmap" in report
    assert "Error" not in report and "BadZip" not in report


@pytest.mark.parametrize("name", ["oud.xls", "oud.csv"])
def test_an_old_xls_file_is_told_to_be_saved_as_xlsx_or_csv(db, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    _, report = rejected(db, "trajecten", path)
    assert "sla het op als .xlsx of .csv" in report


def test_an_xls_upload_is_recognised_by_the_name_shown(db, tmp_path):
    path = tmp_path / "upload.csv"
    path.write_bytes(b"\x00\x01\x02")
    with pytest.raises(ImportRejected, match=r"sla het op als \.xlsx of \.csv"):
        import_file(db, "trajecten", path, user="t", max_bytes=1000, today=TODAY, file_name="oud.xls")


def test_an_overlong_csv_cell_gets_a_dutch_message(db, tmp_path):
    path = csv_file(tmp_path, [HEADER, "A1;AM09;" + "x" * 200_000 + ";IPS;2026-01-10"])
    _, report = rejected(db, "trajecten", path)
    assert "kan niet gelezen worden als CSV" in report and "Error" not in report


# Rules of the contract, through real files.


@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_each_delimiter_of_the_contract(db, tmp_path, delimiter):
    lines = [HEADER.replace(";", delimiter), GOOD_ROW.replace(";", delimiter)]
    assert imported(db, "trajecten", csv_file(tmp_path, lines)).nieuw == 1


def test_quoted_comma_in_a_comma_separated_file(db, tmp_path):
    lines = [HEADER.replace(";", ","), 'A1,AM09,"GGZ Oost, afdeling Werk",IPS,2026-01-10']
    assert imported(db, "trajecten", csv_file(tmp_path, lines)).nieuw == 1
    with db.engine.connect() as connection:
        assert connection.execute(select(Organisation.naam)).scalar_one() == "GGZ Oost, afdeling Werk"


def test_empty_trailing_columns_are_dropped_silently(db, tmp_path):
    result = imported(db, "trajecten", csv_file(tmp_path, [f"{HEADER};;;", f"{GOOD_ROW};;;"]))
    assert (result.nieuw, result.meldingen) == (1, ())
    path = xlsx_file(tmp_path, [HEADER.split(";"), ["A2", "AM09", "GGZ Test", "IPS", "2026-01-10"]])
    book = openpyxl.load_workbook(path)
    book.active["H1"].number_format = "0.00"  # formatted, never filled: Excel writes an empty cell
    book.active["H5"].number_format = "0.00"
    book.save(path)
    result = imported(db, "trajecten", path)
    assert (result.nieuw, result.meldingen) == (1, ())


@pytest.mark.parametrize(
    ("extra_header", "extra_value", "column", "expected"),
    [
        ("einddatum", "2026-01-09", "einddatum", "niet voor de startdatum"),
        ("plaatsingsdatum;duurzaam_datum", "2026-03-01;2026-02-28", "duurzaam_datum", "plaatsingsdatum"),
    ],
)
def test_date_order_rules_in_a_file(db, tmp_path, extra_header, extra_value, column, expected):
    path = csv_file(tmp_path, [f"{HEADER};{extra_header}", f"{GOOD_ROW};{extra_value}"])
    problems, _ = rejected(db, "trajecten", path)
    assert located(problems) == {(2, column)}
    assert expected in problems[0].expected


@pytest.mark.parametrize(
    ("column", "good", "bad", "listed"),
    [
        ("organisatie_type", "Re-integratiebedrijf", "Zorg", "GGZ, UWV, Gemeente, Re-integratiebedrijf"),
        ("financiering", "zorgverzekeraar", "Fonds", "UWV, Gemeente, Zorgverzekeraar, Combinatie, Overig"),
        ("eindreden", "duurzaam werk", "klaar", "duurzaam werk, uitval, verhuizing, overig"),
    ],
)
def test_allowed_values_of_choice_columns(db, tmp_path, column, good, bad, listed):
    lines = [f"{HEADER};{column}", f"{GOOD_ROW};{good}", f"A2;AM09;GGZ Test;IPS;2026-01-10;{bad}"]
    problems, _ = rejected(db, "trajecten", csv_file(tmp_path, lines))
    assert located(problems) == {(3, column)}
    assert listed in problems[0].expected
    assert imported(db, "trajecten", csv_file(tmp_path, lines[:2])).nieuw == 1


def test_an_empty_required_cell_is_named(db, tmp_path):
    problems, report = rejected(db, "trajecten", csv_file(tmp_path, [HEADER, "A1;AM09;;IPS;2026-01-10"]))
    assert located(problems) == {(2, "organisatie")}
    assert "verplicht" in report


def test_a_future_meeting_is_refused(db, tmp_path):
    path = csv_file(tmp_path, ["regio;soort;datum", "AM09;werkgroep;2026-06-30", "AM09;werkgroep;1-7-2026"])
    problems, report = rejected(db, "bijeenkomsten", path)
    assert located(problems) == {(3, "datum")}
    assert "niet na de importdatum (30-06-2026)" in report


def test_targets_for_next_year_are_accepted_as_agreed_in_advance(db, tmp_path):
    # Doelen carry a year, not a date: a region agrees next year's target before it starts.
    header = "regio;jaar;trajecten;duurzaam_pct;leerbijeenkomsten;casusbesprekingen"
    path = csv_file(tmp_path, [header, "AM09;2027;110;40;3;10"], name="doelen.csv")
    assert imported(db, "doelen", path).nieuw == 1
    path = csv_file(tmp_path, [header, "AM09;2101;110;40;3;10"], name="doelen.csv")
    problems, _ = rejected(db, "doelen", path)
    assert located(problems) == {(2, "jaar")}
