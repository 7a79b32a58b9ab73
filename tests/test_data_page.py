import base64
import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest
from sqlalchemy import func, select

from callbacks.upload import check_upload, confirm_upload, update_delivery
from dashboard.auth.viewer import Viewer
from dashboard.data.cohorts import funnel_by_organisation, organisation_imports
from dashboard.data.models import ImportLog, Trajectory
from dashboard.data.organisations import delivery_status, recent_quarters
from dashboard.documents.spreadsheets import escape_formulas
from dashboard.importing.rules import SCHEMAS
from tests.conftest import PEILDATUM
from tests.helpers import load, signed_in_client, trajectory, viewing_as
from tests.test_callbacks import text_of

ADMIN = Viewer("beheerder", "beheer")


def data_url(text: str) -> str:
    return "data:text/csv;base64," + base64.b64encode(text.encode("cp1252")).decode()


GOOD = "traject_id;regio;organisatie;methode;startdatum\nU1;Achterhoek;GGZ Oost;IPS;2-3-2026\n"
BAD = (
    "traject_id;regio;organisatie;methode;startdatum\n"
    "U1;Atlantis;GGZ Oost;IPS;2-3-2026\nU2;AM09;GGZ Oost;Yoga;2026-03-04\n"
)


def count(db, model) -> int:
    with db.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(model)).scalar_one()


def test_upload_is_checked_first_then_imported_on_confirmation(app, db):
    with viewing_as(app, ADMIN):
        report, disabled, _result = check_upload(data_url(GOOD), "oost.csv", "trajecten")
        assert "oost.csv is goedgekeurd" in text_of(report) and "1 nieuw" in text_of(report)
        assert disabled is False
        assert count(db, Trajectory) == 0  # checking writes nothing
        result, disabled, report, log = confirm_upload(1, data_url(GOOD), "oost.csv", "trajecten")
    assert "Ingelezen" in text_of(result) and disabled is True
    assert count(db, Trajectory) == 1
    # The import log names the account that imported the file.
    assert "oost.csv" in text_of(log) and "beheerder" in text_of(log)


def test_rejected_upload_reports_every_problem_and_writes_nothing(app, db):
    with viewing_as(app, ADMIN):
        report, disabled, _result = check_upload(data_url(BAD), "../../etc/fout.csv", "trajecten")
    text = text_of(report)
    assert disabled is True
    assert "fout.csv is afgekeurd" in text and "etc" not in text
    assert "2 regio Atlantis een arbeidsmarktregio als code" in text
    assert "3 methode Yoga een van: IPS, Jobcoaching, WaBZ, Overig" in text
    assert count(db, Trajectory) == 0 and count(db, ImportLog) == 0


def test_broken_upload_payload_is_a_clear_error(app):
    with viewing_as(app, ADMIN):
        report, disabled, _ = check_upload("data:text/csv;base64,@@@", "x.csv", "trajecten")
    assert "kon niet worden ontvangen" in text_of(report) and disabled is True


def test_delivery_status_of_one_organisation_is_its_row_of_all(known):
    everyone = delivery_status(known, PEILDATUM)
    for name in ("GGZ A", "UWV B", "GGZ Noord"):
        region = "AM01" if name == "GGZ Noord" else "AM09"
        number = int(
            funnel_by_organisation(known, region, 2026, PEILDATUM).set_index("organisatie").loc[name, "id"]
        )
        alone = delivery_status(known, PEILDATUM, organisation=number)
        expected = everyone[everyone["organisatie"] == name].reset_index(drop=True)
        pd.testing.assert_frame_equal(alone.reset_index(drop=True), expected, check_dtype=False)


def test_delivery_status_marks_missing_quarters(app, db):
    rows = [trajectory(f"Q{i}", day) for i, day in enumerate(["2025-08-01", "2025-11-01", "2026-05-01"])]
    rows.append(trajectory("L1", "2026-05-02", organisatie="Laat Gestart"))
    load(db, "trajecten", rows, today=PEILDATUM)
    frame = delivery_status(db, PEILDATUM).set_index("organisatie")
    assert [f"{y}-K{q}" for y, q in recent_quarters(PEILDATUM, 3)] == ["2025-K4", "2026-K1", "2026-K2"]
    assert frame.loc["GGZ Test", "2025-K3"] == 1 and frame.loc["GGZ Test", "2026-K1"] == -1
    assert pd.isna(frame.loc["GGZ Test", "2025-K2"])  # before its first delivery
    assert pd.isna(frame.loc["Laat Gestart", "2026-K1"]) and frame.loc["Laat Gestart", "2026-K2"] == 1
    with viewing_as(app, ADMIN):
        text = text_of(update_delivery("AM09"))
    assert "GGZ Test GGZ – – – – geleverd geleverd geen levering geleverd" in text
    client = signed_in_client(app)
    export = client.get("/export/aanleverstatus.csv?peildatum=2026-06-30&regio=AM09").get_data(as_text=True)
    rows = export.lstrip("\ufeff").splitlines()
    assert rows[0].startswith("code;regio;organisatie;soort;2024-K3;")
    assert rows[1].startswith("AM09;Achterhoek;GGZ Test;GGZ;;;;;geleverd;geleverd;geen levering;geleverd;")
    # Only beheer reads the import log.
    assert client.get("/export/importlog.xlsx").status_code == 403
    log = pd.read_excel(io.BytesIO(signed_in_client(app, "beheer").get("/export/importlog.xlsx").data))
    assert list(log["bestandsnaam"]) == ["test-trajecten.csv"] and log.loc[0, "rijen"] == 4


@pytest.mark.zuiver
def test_formulas_are_escaped_in_exports():
    frame = pd.DataFrame({"a": ["=SUM(A1)", "+31", "-2", "@x", "veilig"], "b": [1, 2, 3, 4, 5]})
    escaped = escape_formulas(frame)
    assert list(escaped["a"]) == ["'=SUM(A1)", "'+31", "'-2", "'@x", "veilig"]
    assert list(escaped["b"]) == [1, 2, 3, 4, 5]


@pytest.mark.parametrize("kind", ["trajecten", "bijeenkomsten", "doelen"])
def test_templates_have_the_contract_headers_and_import_cleanly(app, db, kind, tmp_path):
    client = signed_in_client(app)
    csv = client.get(f"/sjablonen/{kind}.csv")
    assert csv.status_code == 200 and csv.data.startswith(b"\xef\xbb\xbf")
    header = csv.data.decode("utf-8-sig").splitlines()[0].split(";")
    assert header == [c.name for c in SCHEMAS[kind]]
    xlsx = client.get(f"/sjablonen/{kind}.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.data)).active
    assert [c.value for c in sheet[1]] == header
    path = tmp_path / "sjabloon.csv"
    path.write_bytes(csv.data)
    from dashboard.importing import import_file

    assert import_file(db, kind, path, user="t", max_bytes=10_000, today=dt.date(2026, 6, 30)).rijen == 1
    missing = client.get("/sjablonen/personen.csv")
    assert missing.status_code == 404 and "Dit bestand of adres bestaat niet" in missing.get_data(
        as_text=True
    )


def test_export_has_the_numbers_on_screen(app, db):
    load(db, "trajecten", [trajectory("E1", "2026-01-10"), trajectory("E2", "2026-02-10")], today=PEILDATUM)
    client = signed_in_client(app)
    response = client.get("/export/regios.csv?jaar=2026&peildatum=2026-06-30")
    assert response.status_code == 200
    assert 'filename="regios-2026-tm-2026-06-30.csv"' in response.headers["Content-Disposition"]
    frame = pd.read_csv(io.BytesIO(response.data), sep=";", encoding="utf-8-sig").set_index("code")
    assert len(frame) == 35
    assert frame.loc["AM09", "gestart"] == 2 and frame.loc["AM09", "regio"] == "Achterhoek"
    xlsx = client.get("/export/bijeenkomsten.xlsx?jaar=2026")
    assert xlsx.status_code == 200 and len(pd.read_excel(io.BytesIO(xlsx.data))) == 35
    assert client.get("/export/personen.csv").status_code == 404
    one = client.get("/export/regios.csv?jaar=2026&peildatum=2026-06-30&regio=AM09")
    single = pd.read_csv(io.BytesIO(one.data), sep=";", encoding="utf-8-sig")
    assert list(single["code"]) == ["AM09"] and single.loc[0, "gestart"] == 2


@pytest.mark.parametrize("name", ["..", ".", "x" * 300 + ".csv", "a\x00b.csv", "/etc/passwd"])
def test_odd_upload_names_are_handled(app, db, name):
    with viewing_as(app, ADMIN):
        report, disabled, _ = check_upload(data_url(GOOD), name, "trajecten")
    assert "goedgekeurd" in text_of(report) and disabled is False


def test_redelivery_without_changes_counts_as_a_delivery(app, db):
    rows = [trajectory("R1", "2025-08-01"), trajectory("R2", "2025-09-01")]
    load(db, "trajecten", rows, today=dt.date(2025, 9, 30))
    # The same file again, without changes, delivered in the second quarter of 2026.
    again = load(db, "trajecten", rows, today=PEILDATUM)
    assert (again.nieuw, again.gewijzigd, again.ongewijzigd) == (0, 0, 2)
    with db.engine.begin() as connection:
        # Imports are stamped with the time they ran: move them to when the files came in.
        connection.execute(
            ImportLog.__table__.update()
            .where(ImportLog.id == again.import_id)
            # After K1's delivery deadline (12 May): the file counts for K2 only.
            .values(tijdstip=dt.datetime(2026, 5, 20, 9, 0, tzinfo=dt.UTC))
        )
        connection.execute(
            ImportLog.__table__.update()
            .where(ImportLog.id != again.import_id)
            .values(tijdstip=dt.datetime(2025, 9, 30, 9, 0, tzinfo=dt.UTC))
        )
    frame = delivery_status(db, PEILDATUM).set_index("organisatie")
    assert frame.loc["GGZ Test", "2025-K3"] == 2  # started in the quarter
    assert frame.loc["GGZ Test", "2026-K1"] == -1  # nothing came in
    assert frame.loc["GGZ Test", "2026-K2"] == 0  # a file came in, without new starts
    last = pd.Timestamp(frame.loc["GGZ Test", "laatst_aangeleverd"])
    last = last.tz_localize("UTC") if last.tzinfo is None else last
    assert last == pd.Timestamp("2026-05-20 09:00", tz="UTC")
    with viewing_as(app, ADMIN):
        text = text_of(update_delivery("AM09"))
    assert "geen levering geleverd 20 mei 2026" in text
    org = int(funnel_by_organisation(db, "AM09", 2025, PEILDATUM)["id"].iloc[0])
    files = organisation_imports(db, org, PEILDATUM)
    assert list(files["trajecten"]) == [2, 2]
