"""``hzw vergaderstuk maak`` and ``gepland``, and the packs kept for a region's stuurgroep."""

from __future__ import annotations

import datetime as dt
import io
import os

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from dashboard.cli import cli
from dashboard.data import kept_packs
from dashboard.infra import clock
from dashboard.text import format
from layouts.kept_packs import kept_list
from tests.conftest import PEILDATUM
from tests.helpers import load, signed_in_client
from tests.test_callbacks import text_of

pytestmark = pytest.mark.browser  # kaleido draws the packs' figures in Chromium


@pytest.fixture
def meetings(known, db, monkeypatch):
    rows = [
        {"regio": "AM09", "soort": "stuurgroep", "datum": "2026-07-04"},
        {"regio": "AM01", "soort": "stuurgroep", "datum": "2026-07-20"},  # too far ahead
        {"regio": "AM02", "soort": "stuurgroep", "datum": "2026-06-20"},  # already held
    ]
    load(db, "bijeenkomsten", rows, today=dt.date(2026, 7, 31))
    monkeypatch.setenv("HZW_DATABASE_URL", db.engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("HZW_PEILDATUM", PEILDATUM.isoformat())
    return db


def test_the_planned_run_keeps_each_due_pack_once_and_the_region_page_lists_it(meetings, make_app):
    runner = CliRunner()
    first = runner.invoke(cli, ["vergaderstuk", "gepland", "--vandaag", "2026-06-27"])
    assert first.exit_code == 0, first.output
    assert "AM09: stuurgroep van 2026-07-04" in first.output and "AM01" not in first.output
    assert "figuur " in first.output  # the steps were shown while it ran
    (pack,) = kept_packs.kept_for(meetings, "AM09")
    assert pack.meeting == dt.date(2026, 7, 4)
    # A second daily run finds nothing left to do.
    again = runner.invoke(cli, ["vergaderstuk", "gepland", "--vandaag", "2026-06-28"])
    assert "er is niets gemaakt" in again.output and len(kept_packs.kept_for(meetings, "AM09")) == 1

    app = make_app()
    with app.server.test_request_context():
        listed = text_of(kept_list(kept_packs.kept_for(meetings, "AM09")))
    made = clock.today()
    month = format.month_name(made.month)
    assert listed == (
        "Klaar voor de stuurgroep "
        f"Vergaderstuk voor de stuurgroep van 4 juli, gemaakt {made.day} {month} (PDF)"
    )
    href = f"/vergaderstuk/bewaard/{pack.id}"
    own = signed_in_client(app, "regio", ("AM09",)).get(href)
    assert own.status_code == 200 and own.data.startswith(b"%PDF")
    assert "Achterhoek" in "".join(p.extract_text() for p in PdfReader(io.BytesIO(own.data)).pages)
    # Another region's account gets neither the list nor the file.
    assert signed_in_client(app, "regio", ("AM01",)).get(href).status_code == 404
    assert signed_in_client(app, "landelijk").get(href).status_code == 200


def test_make_writes_one_pack_per_region_and_refuses_an_unknown_region(meetings, tmp_path):
    tmp_path = tmp_path / "stukken"
    runner = CliRunner()
    bad = runner.invoke(cli, ["vergaderstuk", "maak", "--regio", "XX99", "--map", str(tmp_path)])
    assert bad.exit_code != 0 and "Onbekende regio: XX99" in bad.output and not tmp_path.exists()
    made = runner.invoke(
        cli, ["vergaderstuk", "maak", "--regio", "am09", "--peildatum", "2026-06-30", "--map", str(tmp_path)]
    )
    assert made.exit_code == 0, made.output
    written = tmp_path / "vergaderstuk-AM09-2026-06-30.pdf"
    assert written.read_bytes().startswith(b"%PDF")
    assert os.listdir(tmp_path) == [written.name]
