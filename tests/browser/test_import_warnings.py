"""The Data page flow of a file that warns: nothing is written until "Toch importeren"; and the
list of who has not delivered."""

import pytest

from tests.browser.axe import assert_accessible
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

HEADER = "traject_id;regio;organisatie;methode;startdatum\n"


@pytest.mark.account("beheer")
def test_a_warning_needs_toch_importeren_before_anything_is_written(page, server, tmp_path):
    page.goto(server + "/data")
    page.wait_for_selector("#import-log-table tbody tr")
    log_rows = page.locator("#import-log-table tbody tr").count()
    path = tmp_path / "tikfout.csv"
    path.write_text(HEADER + "W1;AM09;UWV Achterhoeck;IPS;1-5-2026\n")
    page.set_input_files("#upload input[type=file]", str(path))
    page.wait_for_function("document.querySelector('#upload-report').innerText.includes('waarschuwing')")
    report = page.inner_text("#upload-report")
    assert "tikfout.csv is goedgekeurd, met 1 waarschuwing." in report
    assert "lijkt op de bekende organisatie 'UWV Achterhoek'" in report
    assert "1 rij trajecten: 1 nieuw" in report
    assert_accessible(page)
    screenshot(page, "data-waarschuwing")
    # Importeren without the tick: nothing is written, and the page says so.
    page.click("#upload-confirm")
    page.wait_for_function("document.querySelector('#upload-result').innerText.includes('niets opgeslagen')")
    assert page.locator("#import-log-table tbody tr").count() == log_rows
    assert not page.is_disabled("#upload-confirm")
    # With "Toch importeren" the file goes in.
    page.check("#upload-accept-warnings")
    page.click("#upload-confirm")
    page.wait_for_function("document.querySelector('#upload-result').innerText.includes('Ingelezen')")
    page.wait_for_function(
        f"document.querySelectorAll('#import-log-table tbody tr').length === {log_rows + 1}"
    )
    assert "tikfout.csv" in page.inner_text("#import-log-table tbody tr:first-child")
    assert_accessible(page)
    screenshot(page, "data-toch-ingelezen")
    # The tick answered that file's warnings; the next file starts without it.
    other = tmp_path / "volgende.csv"
    other.write_text(HEADER + "W2;AM09;UWV Achterhoek;IPS;2-5-2026\n")
    page.set_input_files("#upload input[type=file]", str(other))
    page.wait_for_function("!document.querySelector('#upload-accept-warnings').checked")


@pytest.mark.account("regio")
def test_the_list_of_who_has_not_delivered(page, server):
    page.goto(server + "/data")
    page.wait_for_selector("#missing-table")
    page.wait_for_function("document.querySelector('#missing-table').innerText.length > 0")
    listed = page.inner_text("#missing-table")
    # A region account sees its own region's organisations only.
    assert "Groningen" not in listed
    page.select_option("#missing-quarter", "2026-K1")
    page.wait_for_function(
        "document.querySelector('#missing-table').innerText.includes('2026-K1')"
        " || document.querySelector('#missing-table').innerText.includes('Iedere')"
    )
    assert_accessible(page)
    page.locator("#missing-table").scroll_into_view_if_needed()
    screenshot(page, "data-niet-geleverd")
