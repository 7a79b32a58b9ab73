"""What counts as personal data in a cell or a column name, and which workbooks are not unpacked."""

import contextlib
import datetime as dt
import io
import time
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest

from dashboard.importing import ImportRejected, demo, personal, reading
from dashboard.importing.rules import SCHEMAS, is_identifying

pytestmark = pytest.mark.zuiver

BSN, EMAIL, PHONE, BIRTH = personal.BSN, personal.EMAIL, personal.PHONE, personal.BIRTH_DATE


def _eleven_test(digits: str) -> bool:
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(int(d) * w for d, w in zip(digits.rjust(9, "0"), weights, strict=True)) % 11 == 0


def test_the_numbers_used_here_pass_or_fail_the_eleven_test_as_assumed():
    assert _eleven_test("111222333") and _eleven_test("012345672")
    assert not _eleven_test("111222334") and not _eleven_test("20260312")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Casus Jan de Vries BSN 111222333 geb. 01-02-1980", BSN),
        ("ID-111222333", BSN),
        ("ID111222333", BSN),
        ("bsn: 111 222 333", BSN),
        ("1112.22.333", BSN),
        ("111-222-333", BSN),
        ("12345672", BSN),  # a number cell that lost its leading zero
        ("cliënt 12345672", BSN),
        ("ID-１１１２２２３３３", BSN),  # full-width digits
        ("ID-111\u200b222333", BSN),  # a zero-width space
        ("ID-١١١٢٢٢٣٣٣", BSN),  # Arabic-Indic digits
        ("ID-111222334", None),  # fails the eleven-test
        ("1111222333", None),  # ten digits: part of a longer number
        ("j.de.vries@gemeente-oost.nl", EMAIL),
        ("mail naar info@ggz.example.com", EMAIL),
        ("06-12345678", PHONE),
        ("06 1234 5678", PHONE),
        ("0612345678", PHONE),
        ("+31 6 1234 5678", PHONE),
        ("+31 (0)6 12345678", PHONE),
        ("0031 6 12345678", PHONE),
        ("020-1234567", PHONE),
        ("(0570) 12 34 56", PHONE),
        ("020-123456", None),  # nine digits: no Dutch number
        ("(0575) 123456", PHONE),
        ("geb. 01-02-1980", BIRTH),
        ("geboren op 1 februari 1980", BIRTH),
        ("Geboortedatum 1980-02-01", BIRTH),
        ("DOB: 01/02/1980", BIRTH),
        ("born 3 Mar 1985", BIRTH),
        ("01-02-1980 (geb.)", BIRTH),
    ],
)
def test_personal_data_is_found_in_free_text(text, found):
    assert personal.personal_data(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "HZW-AM09-2026-0003",  # the demo's pseudonymous ids
        "2023-12345",
        "HZW20260312",
        "20260312",  # a date written without separators, not a shortened BSN
        "AM09",
        "Achterhoek",
        "2026-01-10",
        "10-1-2026",
        "Stuurgroep 12-03-2026 12.30",
        "2026-03-12 12.30.00",
        "Casus 2026-03 werkgever",
        "Leerbijeenkomst Q1 2026 (20 deelnemers)",
        "Werkplein Achterhoek B",
        "Stichting Gebouw 12",
        "GGZ Horizon Achterhoek|UWV Achterhoek",
        "40,5",
        "100000",
    ],
)
def test_legitimate_values_are_not_personal_data(text):
    assert personal.personal_data(text) is None


@pytest.mark.parametrize("seed", [2021, 7, 99])
def test_no_cell_of_the_demo_files_looks_personal(seed):
    for kind, frame in demo.generate(seed, dt.date(2026, 6, 30)).items():
        assert personal.personal_data_problems(frame, range(2, len(frame) + 2)) == [], kind


@pytest.mark.parametrize(
    ("header", "folded"),
    [
        ("BЅN", "bsn"),  # Cyrillic Ѕ
        ("ВЅΝ", "bsn"),  # Cyrillic В and Ѕ, Greek Ν
        ("Ｅ-Mail", "email"),  # full-width
        ("B\u200bSN", "bsn"),  # a zero-width space
        ("Date_Of_Birth", "dateofbirth"),
        ("Cliëntnaam", "clientnaam"),
    ],
)
def test_headers_are_folded_to_plain_letters(header, folded):
    assert personal.fold_header(header) == folded


@pytest.mark.parametrize(
    "header",
    [
        *("BЅN", "bsn", "sofinummer", "sofi-nr", "burgerservicenummer", "naam", "voornaam", "achternaam"),
        *("name", "first_name", "last_name", "surname", "geboortedatum", "date_of_birth", "dob"),
        *("birth_date", "postcode", "zipcode", "zip", "postal_code", "adres", "address", "email"),
        *("e-mail", "telefoon", "phone", "mobile", "Ａｄｄｒｅｓｓ", "НоmеАddrеss"),
    ],
)
def test_identifying_headers_are_refused_in_dutch_and_english(header):
    assert is_identifying(header, "trajecten")


@pytest.mark.parametrize(
    "header", ["opmerking", "organisatienaam", "organisation_name", "regionaam", "filosofie", "kwartaal"]
)
def test_harmless_headers_pass(header):
    assert not is_identifying(header, "trajecten")


def test_no_contract_column_is_taken_for_an_identifying_one():
    for kind, columns in SCHEMAS.items():
        assert [c.name for c in columns if is_identifying(c.name, kind)] == []


HEADER = ["traject_id", "regio", "organisatie", "methode", "startdatum"]
ROW = "".join(
    f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in ["A1", "AM09", "GGZ Test", "IPS", "2026-01-10"]
)


def bomb(tmp_path: Path) -> Path:
    """A workbook of about 48 kB whose sheet unpacks to about 15 MB: rows, then blank space."""
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    plain = io.BytesIO()
    book.save(plain)
    head = "".join(f'<c t="inlineStr"><is><t>{h}</t></is></c>' for h in HEADER)
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        f"<row>{head}</row>" + f"<row>{ROW}</row>" * 46_000 + " " * 4_900_000 + "</sheetData></worksheet>"
    )
    path = tmp_path / "bom.xlsx"
    with (
        zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in source.infolist():
            part = sheet.encode() if info.filename == "xl/worksheets/sheet1.xml" else source.read(info)
            out.writestr(info.filename, part)
    return path


def unpacked_size(path: Path) -> int:
    with zipfile.ZipFile(path) as archive:
        return sum(info.file_size for info in archive.infolist())


def test_a_300_times_workbook_is_refused_before_it_is_unpacked(tmp_path):
    path = bomb(tmp_path)
    size, unpacked = path.stat().st_size, unpacked_size(path)
    assert 40_000 < size < 60_000 and 14_000_000 < unpacked < 16_000_000
    assert unpacked / size > 280
    tracemalloc.start()
    started = time.process_time()
    try:
        with pytest.raises(ImportRejected) as caught:
            reading.read_table(path, 25_000_000)
        seconds = time.process_time() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "uitgepakt" in caught.value.report() and "100 keer" in caught.value.report()
    assert seconds < 1 and peak < 10_000_000


def test_an_honest_workbook_of_the_same_rows_is_read(tmp_path):
    book = openpyxl.Workbook()
    for row in [HEADER, *[[f"A{i}", "AM09", "GGZ Test", "IPS", "2026-01-10"] for i in range(2000)]]:
        book.active.append(row)
    path = tmp_path / "eerlijk.xlsx"
    book.save(path)
    assert len(reading.read_table(path, 25_000_000)) == 2000


def test_a_workbook_that_reads_too_long_is_refused(tmp_path):
    book = openpyxl.Workbook()
    for row in [HEADER, *[[f"A{i}", "AM09", "GGZ Test", "IPS", "2026-01-10"] for i in range(50)]]:
        book.active.append(row)
    path = tmp_path / "traag.xlsx"
    book.save(path)
    with pytest.raises(ImportRejected, match="binnen 0 seconden te lezen"):
        reading.read_table(path, 25_000_000, parse_seconds=0)


@pytest.mark.parametrize(
    "part", ["xl/embeddings/werkmap.xlsx", "../buiten.xml", "/absoluut.xml", "xl/worksheets/sheet1.xml"]
)
def test_a_workbook_with_odd_parts_is_refused(tmp_path, part):
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    path = tmp_path / "vreemd.xlsx"
    book.save(path)
    duplicate = part.startswith("xl/w")
    warned = pytest.warns(UserWarning, match="Duplicate") if duplicate else contextlib.nullcontext()
    with zipfile.ZipFile(path, "a") as archive, warned:
        archive.writestr(part, b"<x/>")
    with pytest.raises(ImportRejected, match="ingesloten archieven"):
        reading.read_table(path, 25_000_000)
