"""The meeting pack of a published peildatum draws the snapshot and names it."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from callbacks.meeting_pack import meeting_pack
from dashboard.auth.viewer import Viewer
from dashboard.infra import clock
from dashboard.reports import publication
from layouts.presentation import parse_show
from tests.conftest import PEILDATUM
from tests.helpers import load, signed_in_client, trajectory, viewing_as

pytestmark = pytest.mark.traag

QUERY = {"jaar": "2026", "peildatum": "2026-06-30", "regios": "AM09"}


def _late(db):
    rows = [trajectory(f"L{i}", f"2026-05-0{i + 1}", organisatie="GGZ A") for i in range(3)]
    load(db, "trajecten", rows, today=dt.date(2026, 8, 2))


def test_the_pack_names_its_snapshot_and_keeps_its_figures_after_a_late_delivery(known, app):
    with viewing_as(app, Viewer("l", "landelijk")):
        info, _sections = meeting_pack(parse_show(QUERY))
        assert "Voorlopige cijfers t/m 30 juni 2026" in info.filters
    publication.publish(known, PEILDATUM, "test", 5, "Stuurgroep juli")
    with viewing_as(app, Viewer("l", "landelijk")):
        before_info, before = meeting_pack(parse_show(QUERY))
    _late(known)
    with viewing_as(app, Viewer("l", "landelijk")):
        after_info, after = meeting_pack(parse_show(QUERY))
    # The day of publication in the label: a Dutch day, also on a host that runs on UTC.
    made = clock.today().strftime("%-d")
    assert f"Gepubliceerd {made}" in after_info.filters and "cijfers t/m 30 juni 2026" in after_info.filters
    # Identical figures before and after the late delivery: every table cell and every text.
    assert [(s.title, s.text, [t.rows for t in s.tables]) for s in after] == [
        (s.title, s.text, [t.rows for t in s.tables]) for s in before
    ]


@pytest.mark.browser  # kaleido draws the figures in Chromium
def test_the_pdf_pack_prints_the_snapshot_on_its_pages(known, app):
    publication.publish(known, PEILDATUM, "test", 5, "Stuurgroep juli")
    pdf = signed_in_client(app).get("/vergaderstuk.pdf?jaar=2026&peildatum=2026-06-30&regios=AM09")
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "cijfers t/m 30 juni 2026" in text and "Gepubliceerd" in text
