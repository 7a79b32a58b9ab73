import pytest

from tests.browser.axe import assert_accessible
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

HEADER = "traject_id;regio;organisatie;methode;startdatum\n"


def upload(page, tmp_path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_bytes(content.encode("cp1252"))
    page.set_input_files("#upload input[type=file]", str(path))


@pytest.mark.account("beheer")
def test_upload_shows_a_report_before_writing_and_imports_on_confirmation(page, server, tmp_path):
    page.goto(server + "/data")
    page.wait_for_selector("#import-log-table tbody tr")
    log_rows = page.locator("#import-log-table tbody tr").count()
    upload(
        page,
        tmp_path,
        "fouten.csv",
        HEADER + "B1;Atlantis;GGZ Oost;IPS;2020-05-01\nB2;AM09;GGZ Oost;Yoga;2020-05-02\n",
    )
    page.wait_for_selector("#upload-report table")
    report = page.inner_text("#upload-report")
    assert "fouten.csv is afgekeurd" in report
    assert "Atlantis" in report and "Yoga" in report
    assert page.is_disabled("#upload-confirm")
    assert_accessible(page)
    screenshot(page, "data-afgekeurd")
    upload(page, tmp_path, "goed.csv", HEADER + "G1;Achterhoek;GGZ Oost;IPS;1-5-2020\n")
    page.wait_for_function("document.querySelector('#upload-report').innerText.includes('goedgekeurd')")
    assert page.locator("#import-log-table tbody tr").count() == log_rows  # nothing written yet
    # The frame's notices and signal count follow the import at once, not at the frame's next tick.
    frame_asked = lambda r: "_dash-update-component" in r.url and "data-date" in (r.post_data or "")  # noqa: E731
    with page.expect_request(frame_asked, timeout=20_000):
        page.click("#upload-confirm")
        page.wait_for_function("document.querySelector('#upload-result').innerText.includes('Ingelezen')")
        page.wait_for_function(
            f"document.querySelectorAll('#import-log-table tbody tr').length === {log_rows + 1}"
        )
    assert "goed.csv" in page.inner_text("#import-log-table tbody tr:first-child")
    page.select_option("#delivery-region", "AM09")
    page.wait_for_function("document.querySelector('#delivery-table').innerText.includes('GGZ Oost')")
    assert_accessible(page)
    screenshot(page, "data-ingelezen")


@pytest.mark.account("beheer")
def test_templates_and_exports_download(page, server):
    page.goto(server + "/data")
    page.wait_for_selector("a[href='/sjablonen/trajecten.xlsx']")
    with page.expect_download() as download:
        page.click("a[href='/sjablonen/trajecten.xlsx']")
    assert download.value.suggested_filename == "sjabloon-trajecten.xlsx"
    page.goto(server + "/regio")
    page.wait_for_selector("#regions-export a")
    with page.expect_download() as download:
        page.click("#regions-export a:text('CSV')")
    assert download.value.suggested_filename.startswith("regios-2026-tm-2026-09-30")
