"""The meeting pack as a background job in the browser: progress, one job, the file."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from sqlalchemy import select

from dashboard.data.job_models import Job
from dashboard.infra.db import Database
from tests.browser.axe import assert_accessible
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def _pack_jobs(url: str, region: str) -> list[Job]:
    db = Database(url)
    try:
        with db.sessions() as session:
            found = session.scalars(select(Job).where(Job.soort == "vergaderstuk")).all()
    finally:
        db.dispose()
    return [j for j in found if json.loads(j.argumenten)["query"].get("regios") == region]


_READ_JOB = """() => {
  const div = document.querySelector(".hzw-taak");
  return [div.querySelector(".hzw-taak-tekst").innerText,
          div.querySelector(".progress").getAttribute("aria-valuenow") || "",
          div.getAttribute("data-toestand")];
}"""


def test_the_pdf_pack_shows_progress_downloads_once_and_a_second_click_joins(
    page: Any, server: str, demo_database: str
):
    page.goto(f"{server}/regio/AM07")
    link = page.get_by_role("link", name="Vergaderstuk PDF")
    link.wait_for()
    seen: list[tuple[str, str]] = []
    with page.expect_download(timeout=120_000) as download:
        link.click()
        page.wait_for_selector(".hzw-taak-tekst")
        link.click()  # while the first runs: joins it, starts nothing
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            # One read of all three: pack-jobs.js sets them together, and separate reads
            # could straddle an update (the old text with the new state).
            text, now, state = page.evaluate(_READ_JOB)
            if not seen or seen[-1] != (text, now):
                seen.append((text, now))
            if state == "klaar":
                break
            if len(seen) == 3:
                screenshot(page, "vergaderstuk-voortgang")
                assert_accessible(page)
            time.sleep(0.05)
    body = download.value.path().read_bytes()
    assert body.startswith(b"%PDF")
    assert download.value.suggested_filename == "vergaderstuk-2026-09-30.pdf"
    steps = [t for t, _now in seen if t.startswith("figuur ")]
    # The bar moved: a figure step was shown between empty and full, and it never went
    # back. How many of the four steps this poll sees depends on the machine's speed.
    assert steps, seen
    numbers = [int(t.split()[1]) for t in steps]
    assert numbers == sorted(numbers)
    values = [int(now) for _t, now in seen if now]
    assert values == sorted(values), seen
    assert 0 < min(v for v in values if v > 0) < 100, seen
    assert seen[-1] == ("Klaar.", "100")
    assert len(_pack_jobs(demo_database, "AM07")) == 1
