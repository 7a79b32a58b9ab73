"""A large upload on the Data page: the old report goes at once, rows checked show, a stop writes nothing."""

from __future__ import annotations

import time

import pytest

from tests.browser.axe import assert_accessible
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

HEADER = "traject_id;regio;organisatie;methode;startdatum\n"
ROWS = 100_000


def _big_file(tmp_path):
    path = tmp_path / "groot.csv"
    lines = [f"Q{n:07d};AM09;Werkbedrijf {n % 5};IPS;{1 + n % 28}-{1 + n % 5}-2020\n" for n in range(ROWS)]
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def _texts_until(page, selector: str, done: str, seconds: float = 120) -> list[str]:
    seen: list[str] = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        text = page.inner_text(selector)
        if text and (not seen or seen[-1] != text):
            seen.append(text)
        if done in page.inner_text("body"):
            return seen
        time.sleep(0.05)
    raise AssertionError(f"'{done}' kwam niet; gezien: {seen[-5:]}")


@pytest.mark.account("beheer")
def test_a_large_file_shows_rows_checked_and_a_stopped_import_writes_nothing(page, server, tmp_path):
    page.goto(server + "/data")
    page.wait_for_selector("#import-log-table tbody tr")
    log_rows = page.locator("#import-log-table tbody tr").count()
    bad = tmp_path / "fout.csv"
    bad.write_text(HEADER + "B1;Atlantis;GGZ Oost;IPS;2020-05-01\n", encoding="utf-8")
    page.set_input_files("#upload input[type=file]", str(bad))
    page.wait_for_function("document.querySelector('#upload-report').innerText.includes('afgekeurd')")

    page.set_input_files("#upload input[type=file]", str(_big_file(tmp_path)))
    # The red report of the previous file goes the moment the new one is chosen.
    gone = (
        "(() => { const r = document.querySelector('#upload-report');"
        " return r.offsetParent === null || !r.innerText.includes('afgekeurd'); })()"
    )
    # Hidden on the input's change event; the time limit allows for the page's main thread being
    # busy encoding the 20 MB file for the upload, when the test itself cannot look.
    page.wait_for_function(gone, timeout=10_000)
    seen = _texts_until(page, "#upload-progress", "goedgekeurd")
    checked = [t for t in seen if "gecontroleerd" in t]
    assert len(checked) >= 2, seen
    assert any(f"van {ROWS:,}".replace(",", ".") + " gecontroleerd" in t for t in checked), checked
    report = page.inner_text("#upload-report")
    assert "groot.csv is goedgekeurd" in report

    page.click("#upload-confirm")
    page.wait_for_selector("#upload-stop")
    screenshot(page, "data-import-voortgang")
    assert_accessible(page)
    page.click("#upload-stop")
    page.wait_for_function("document.querySelector('#upload-progress').innerText.includes('Gestopt')")
    assert "Er is niets opgeslagen" in page.inner_text("#upload-progress")
    page.reload()
    page.wait_for_selector("#import-log-table tbody tr")
    assert page.locator("#import-log-table tbody tr").count() == log_rows
