"""The Data page, the import's messages, the login page and the meeting pack in English, and
still Dutch by default."""

from __future__ import annotations

import base64
import datetime as dt
import io
import re

import pandas as pd
import pytest
from pypdf import PdfReader

from callbacks.meeting_pack import meeting_pack
from callbacks.upload import check_upload
from dashboard.auth import store
from dashboard.auth.viewer import Viewer
from dashboard.documents.pack import PackInfo, PackSection, PackTable, pack_pdf
from dashboard.i18n import use_language
from dashboard.importing import ImportRejected
from dashboard.importing.reading import _megabytes
from layouts import data_page
from layouts.presentation import parse_show
from tests.helpers import load, trajectory, viewing_as
from tests.test_callbacks import text_of

ADMIN = Viewer("beheerder", "beheer")
GOOD = "traject_id;regio;organisatie;methode;startdatum\nU1;Achterhoek;GGZ Oost;IPS;2-3-2026\n"
LOG = pd.DataFrame(
    [
        {
            "tijdstip": dt.datetime(2026, 6, 30, 8, 15, tzinfo=dt.UTC),
            "soort": "trajecten",
            "bestandsnaam": "oost.csv",
            "rijen": 1234,
            "nieuw": 1200,
            "gewijzigd": 30,
            "ongewijzigd": 4,
            "gebruiker": "beheerder",
        }
    ]
)


def data_url(text: str) -> str:
    return "data:text/csv;base64," + base64.b64encode(text.encode("cp1252")).decode()


def _rejected(db) -> str:
    rows = [trajectory("U1", "2026-03-02", methode="Yoga"), trajectory("U2", "2026-07-01")]
    with pytest.raises(ImportRejected) as caught:
        load(db, "trajecten", rows)
    return caught.value.report()


def test_import_problems_follow_the_language_and_stay_dutch_outside_it(db):
    with use_language("en"):
        english = _rejected(db)
    dutch = _rejected(db)
    assert "File 'test-trajecten.csv' was refused; nothing was saved." in english
    assert "test-trajecten.csv, row 2, column 'methode': value 'Yoga': one of: IPS, Jobcoaching" in english
    assert "row 3, column 'startdatum': value '2026-07-01': a date not after the import date" in english
    assert "geweigerd" not in english and "rij" not in english
    assert "test-trajecten.csv, rij 2, kolom 'methode': waarde 'Yoga': een van: IPS" in dutch
    assert "niet na de importdatum (30-06-2026)" in dutch


def test_upload_check_answers_in_english(app, db):
    with viewing_as(app, ADMIN), use_language("en"):
        report, disabled, _result = check_upload(data_url(GOOD), "oost.csv", "trajecten")
    text = text_of(report)
    assert disabled is False
    assert "oost.csv was approved." in text
    assert "1 row of trajectories: 1 new, 0 changed, 0 unchanged. Click Import to save." in text


@pytest.mark.zuiver
def test_import_log_and_sizes_use_english_numbers_and_dates():
    with use_language("en"):
        english = text_of(data_page.import_log_table(LOG))
        size = _megabytes(1_234_500_000)
    dutch = text_of(data_page.import_log_table(LOG))
    assert "Import log, newest first" in english and "Unchanged" in english
    assert "30 June 2026 10:15" in english and "1,234" in english and "1,200" in english
    assert size == "1,234.5 MB" and _megabytes(1_234_500_000) == "1.234,5 MB"
    assert "Importlogboek, nieuwste eerst" in dutch and "30 juni 2026 10:15" in dutch and "1.234" in dutch


@pytest.mark.zuiver
def test_data_page_and_problem_report_in_english():
    with use_language("en"):
        page = text_of(data_page.page(25_000_000, ADMIN))
    assert "Deliver a file" in page and "Templates and rules" in page and "(at most 25 MB)" in page
    assert "trajectories template (CSV)" in page
    assert "Bestand aanleveren" in text_of(data_page.page(25_000_000, ADMIN))


def test_login_page_keeps_english_through_the_form(app):
    client = app.server.test_client()
    english = client.get("/inloggen?lang=en&volgende=/regio/AM09").get_data(as_text=True)
    assert '<html lang="en">' in english and "User name" in english and "Password" in english
    assert 'action="/inloggen?lang=en"' in english
    assert 'href="/inloggen?volgende=/regio/AM09" hreflang="nl" lang="nl">Nederlands</a>' in english
    dutch = client.get("/inloggen").get_data(as_text=True)
    assert '<html lang="nl">' in dutch and "Gebruikersnaam" in dutch and 'action="/inloggen"' in dutch
    assert 'href="/inloggen?lang=en" hreflang="en" lang="en">English</a>' in dutch
    # An anonymous visitor of an English page is sent to the English login page.
    redirected = client.get("/regio/AM09?lang=en")
    assert redirected.headers["Location"] == "/inloggen?volgende=/regio/AM09%3Flang%3Den&lang=en"


def test_english_login_answers_in_english_and_returns_to_an_english_page(app, db):
    store.add_user(db, "anna", "landelijk", [], "een-lang-testwachtwoord")
    client = app.server.test_client()
    form = client.get("/inloggen?lang=en").get_data(as_text=True)
    token = re.search(r'name="csrf" value="([^"]+)"', form)
    assert token is not None
    data = {"csrf": token.group(1), "gebruikersnaam": "anna", "volgende": "/regio/AM09"}
    wrong = client.post("/inloggen?lang=en", data={**data, "wachtwoord": "fout-wachtwoord-123"})
    assert wrong.status_code == 401 and "User name or password is incorrect." in wrong.get_data(as_text=True)
    right = client.post("/inloggen?lang=en", data={**data, "wachtwoord": "een-lang-testwachtwoord"})
    assert right.status_code == 303 and right.headers["Location"] == "/regio/AM09?lang=en"


def test_meeting_pack_texts_follow_the_language(region_app):
    with region_app.server.app_context(), use_language("en"):
        info, sections = meeting_pack(
            parse_show({"jaar": "2026", "peildatum": "2026-06-30", "regios": "AM09"})
        )
    assert info.filters == (
        "Year 2026 · reference date 30 June 2026 · regions: Achterhoek"
        " · Provisional figures up to 30 June 2026 (not yet published)"
    )
    assert [s.title for s in sections] == [
        "National overview",
        "Ranking of the regions",
        "Region Achterhoek",
        "Region Achterhoek: narrative and actions",
        "Meetings",
        "Signals",
    ]
    goals = {row[0]: row[1:] for row in sections[2].tables[0].rows}
    assert goals["Trajectories started"] == ["4", "100", "50", "far behind"]
    assert goals["Sustainable outflow, cohort 2025"] == ["100%", "40%", "–", "at or above target"]
    meetings = {row[0]: row for row in sections[4].tables[0].rows}
    assert meetings["Achterhoek"][2] == "2 of 10"


@pytest.mark.zuiver
def test_pdf_pages_carry_english_headers_and_footers():
    info = PackInfo("Test pack", dt.date(2026, 6, 30), "Year 2026", "1 July 2026 09:00")
    table = PackTable("Numbers", ["Region", "Started"], [["Achterhoek", "1,234"]], {1})
    sections = [PackSection("National overview", "Text.", [], [table])]
    with use_language("en"):
        english = [page.extract_text() for page in PdfReader(io.BytesIO(pack_pdf(info, sections))).pages]
    dutch = [page.extract_text() for page in PdfReader(io.BytesIO(pack_pdf(info, sections))).pages]
    assert all("Figures up to 30 June 2026" in text and "page" in text for text in english)
    assert "page 2 of 2" in english[1] and "Data as of: 1 July 2026 09:00" in english[1]
    assert "Meeting pack" in english[0] and "Contents" in english[0]
    assert all("Cijfers t/m 30 juni 2026" in text for text in dutch) and "pagina 2 van 2" in dutch[1]
