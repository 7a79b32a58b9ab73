"""Exports as a Dutch spreadsheet reads them: decimal commas in CSV, numeric XLSX cells, whole counts."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from dashboard.documents.spreadsheets import as_file
from tests.conftest import PEILDATUM
from tests.helpers import load, signed_in_client, trajectory

QUERY = "jaar=2026&peildatum=2026-06-30"


def sheet_of(data: bytes) -> dict[str, list[openpyxl.cell.Cell]]:
    """The XLSX's columns by header, cells below it."""
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    header = [cell.value for cell in sheet[1]]
    return {name: [row[i] for row in sheet.iter_rows(min_row=2)] for i, name in enumerate(header)}


@pytest.mark.zuiver
def test_csv_has_decimal_commas_and_stays_safe_from_formulas():
    frame = pd.DataFrame(
        {
            "tekst": ["=SUM(A1)", "-2", "+31", "veilig"],
            "aandeel": [111.1, -3.5, float("nan"), 0.0],
            "aantal": pd.array([3, None, -4, 0], dtype="Int64"),
            "gemengd": ["<5", 12, None, 7.5],
        }
    )
    response = as_file(frame, "proef", "csv")
    lines = response.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert lines == [
        "tekst;aandeel;aantal;gemengd",
        "'=SUM(A1);111,1;3;<5",
        # A negative number is written as a number (Dutch Excel reads -3,5), the text "-2" is quoted.
        "'-2;-3,5;;12",
        "'+31;;-4;",
        "veilig;0,0;0;7,5",
    ]
    # What Dutch Excel does with it, as pandas reads it with a decimal comma: numbers stay numbers.
    read = pd.read_csv(io.StringIO("\n".join(lines)), sep=";", decimal=",")
    assert list(read["aandeel"].dropna()) == [111.1, -3.5, 0.0]


@pytest.mark.zuiver
def test_xlsx_has_numeric_cells_with_a_number_format():
    frame = pd.DataFrame({"tekst": ["-2", "x"], "aandeel": [111.1, -3.5], "aantal": [3, -4]})
    response = as_file(frame, "proef", "xlsx")
    columns = sheet_of(response.data)
    assert [c.value for c in columns["tekst"]] == ["'-2", "x"]
    assert [(c.value, c.data_type, c.number_format) for c in columns["aandeel"]] == [
        (111.1, "n", "0.0"),
        (-3.5, "n", "0.0"),
    ]
    assert [(c.value, c.data_type, c.number_format) for c in columns["aantal"]] == [
        (3, "n", "0"),
        (-4, "n", "0"),
    ]


def test_region_export_writes_counts_whole_and_decimals_with_a_comma(app, db):
    load(db, "trajecten", [trajectory("E1", "2026-01-10"), trajectory("E2", "2026-02-10")], today=PEILDATUM)
    client = signed_in_client(app)
    csv = client.get(f"/export/regios.csv?{QUERY}&regio=AM09").get_data(as_text=True)
    header, row = (line.split(";") for line in csv.lstrip("\ufeff").splitlines())
    cells = dict(zip(header, row, strict=True))
    # 100 starts a year, 181 of 365 days gone: 49.6 expected by pace, a count, written as 50.
    assert (cells["gestart"], cells["jaardoel"], cells["tempo"]) == ("2", "100", "50")
    assert (cells["pct_jaardoel"], cells["pct_tempo"]) == ("2,0", "4,0")
    assert cells["leerbijeenkomsten"] == "" and cells["status"] == "ver achter"
    xlsx = sheet_of(client.get(f"/export/regios.xlsx?{QUERY}&regio=AM09").data)
    tempo, pct = xlsx["tempo"][0], xlsx["pct_tempo"][0]
    assert (tempo.value, tempo.data_type, tempo.number_format) == (50, "n", "0")
    assert (pct.value, pct.data_type, pct.number_format) == (4.0, "n", "0.0")


@pytest.mark.traag
def test_organisation_export_rounds_half_a_tenth_away_from_zero(app, db):
    # One start of sixteen in the region: a share of 6.25 %, written as 6,3 (not 6.2, to even).
    rows = [trajectory("S1", "2026-01-10", organisatie="GGZ Klein")]
    rows += [trajectory(f"G{i}", "2026-02-10", organisatie="GGZ Groot") for i in range(15)]
    load(db, "trajecten", rows, today=PEILDATUM)
    client = signed_in_client(app, "beheer")
    csv = client.get(f"/export/organisaties.csv?{QUERY}&regio=AM09").get_data(as_text=True)
    frame = pd.read_csv(io.StringIO(csv.lstrip("\ufeff")), sep=";", decimal=",").set_index("organisatie")
    assert frame.loc["GGZ Klein", "aandeel_regio_pct"] == 6.3
    assert frame.loc["GGZ Groot", "aandeel_regio_pct"] == 93.8  # 93.75
    assert ";6,3;" in csv and ";93,8;" in csv
    xlsx = sheet_of(client.get(f"/export/organisaties.xlsx?{QUERY}&regio=AM09").data)
    shares = {c.value: s for c, s in zip(xlsx["organisatie"], xlsx["aandeel_regio_pct"], strict=True)}
    assert (shares["GGZ Klein"].value, shares["GGZ Klein"].number_format) == (6.3, "0.0")
