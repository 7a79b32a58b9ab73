"""Import warnings on the job path of the Data page: the check lists them, an import writes a file
that warns only with "Toch importeren", and every new file starts without the tick."""

from __future__ import annotations

import base64
import json
import time
from typing import Any

import pytest
from sqlalchemy import func, select

from callbacks.upload_jobs import follow, start_check, start_import
from dashboard.auth.viewer import Viewer
from dashboard.data.models import ImportLog, Organisation, Trajectory
from dashboard.jobs.web import JOBS_KEY
from tests.helpers import load, signed_in_client, trajectory, viewing_as
from tests.test_callbacks import text_of

ADMIN = Viewer("beheerder", "beheer")
TYPO = "traject_id;regio;organisatie;methode;startdatum\nK2;AM09;GGZ Kompas Achterhoeck;IPS;2026-02-10\n"


@pytest.fixture(autouse=True)
def _no_job_left(app):
    yield
    app.server.extensions["hzw"].extras[JOBS_KEY].shutdown()


def data_url(text: str) -> str:
    return "data:text/csv;base64," + base64.b64encode(text.encode()).decode()


def stored(db) -> tuple[int, int, int]:
    with db.engine.connect() as connection:
        return tuple(
            connection.execute(select(func.count()).select_from(model)).scalar_one()
            for model in (Organisation, Trajectory, ImportLog)
        )


def until_ended(job: dict[str, Any], seconds: float = 60) -> tuple[Any, ...]:
    """Poll as the page does until the poll switches itself off: (progress, report, result, ...)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        outputs = follow(1, job)
        if outputs[4] is True:
            return outputs
        time.sleep(0.05)
    raise AssertionError("de taak werd niet op tijd klaar")


def test_the_check_job_lists_warnings_and_an_import_writes_them_only_when_ticked(app, db):
    load(db, "trajecten", [trajectory("K1", "2026-01-10", organisatie="GGZ Kompas Achterhoek")])
    file = (data_url(TYPO), "tikfout.csv", "trajecten", None, None)
    with viewing_as(app, ADMIN):
        job = start_check(*file)[3]
        _progress, report, _result, disabled, _off, _log = until_ended(job)
        text = text_of(report)
        assert "tikfout.csv is goedgekeurd, met 1 waarschuwing." in text
        assert "lijkt op de bekende organisatie 'GGZ Kompas Achterhoek'" in text
        assert "1 rij trajecten: 1 nieuw" in text and "Toch importeren" in text
        # The warning is listed once, not repeated in the summary.
        assert "Waarschuwing:" not in text
        assert disabled is False  # Importeren stays available
        assert stored(db) == (1, 1, 1)

        # Importeren without the tick, and with a forged non-boolean "tick": nothing is written.
        for not_ticked in (False, "true", [True]):
            job = start_import(1, *file, not_ticked)[2]
            assert (
                json.loads(app.server.extensions["hzw"].extras[JOBS_KEY].state(job["id"]).argumenten)[
                    "toch_importeren"
                ]
                is False
            )
            _progress, report, result, disabled, _off, _log = until_ended(job)
            assert "gaf 1 waarschuwing; er is niets opgeslagen" in text_of(result)
            assert "GGZ Kompas Achterhoeck" in text_of(result)
            assert disabled is False  # tick the box and click again
            assert stored(db) == (1, 1, 1)

        job = start_import(1, *file, True)[2]
        _progress, report, result, disabled, _off, log = until_ended(job)
    assert "Ingelezen" in text_of(result) and disabled is True
    assert "tikfout.csv" in text_of(log)
    assert stored(db) == (2, 2, 2)


def test_a_file_without_warnings_imports_without_the_tick(app, db):
    clean = TYPO.replace("GGZ Kompas Achterhoeck", "UWV Achterhoek")
    with viewing_as(app, ADMIN):
        job = start_check(data_url(clean), "schoon.csv", "trajecten", None, None)[3]
        report = until_ended(job)[1]
        assert "schoon.csv is goedgekeurd." in text_of(report)
        assert "waarschuwing" not in text_of(report)
        job = start_import(1, data_url(clean), "schoon.csv", "trajecten", None, None, False)[2]
        result = until_ended(job)[2]
    assert "Ingelezen" in text_of(result)
    assert stored(db) == (1, 1, 1)


def test_every_new_file_or_kind_unticks_toch_importeren(app):
    client = signed_in_client(app, "beheer")
    deps = json.loads(client.get("/_dash-dependencies").get_data(as_text=True))
    untick = [d for d in deps if d["output"] == "upload-accept-warnings.value"]
    assert len(untick) == 1
    assert {(i["id"], i["property"]) for i in untick[0]["inputs"]} == {
        ("upload", "contents"),
        ("upload-kind", "value"),
    }
