import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from dashboard.importing import ImportRejected, import_file, import_frame
from dashboard.models import ImportLog, Meeting, Trajectory
from tests.helpers import TRAJECTORY_HEADER, trajectory


def count(db, model) -> int:
    with db.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(model)).scalar_one()


def test_kill_during_the_write_leaves_the_database_as_it_was(db, database_url, tmp_path):
    rows = [trajectory(f"K{i:05d}", "2025-03-01", organisatie=f"GGZ {i % 7}") for i in range(40_000)]
    path = tmp_path / "groot.csv"
    pd.DataFrame(rows).to_csv(path, sep=";", index=False)
    env = {**os.environ, "HZW_DATABASE_URL": database_url, "HZW_LOG_LEVEL": "INFO"}
    hzw = Path(sys.executable).with_name("hzw")
    process = subprocess.Popen(
        [str(hzw), "import", "trajecten", str(path)], env=env, stderr=subprocess.PIPE, text=True
    )
    assert process.stderr is not None
    for line in process.stderr:
        if "schrijven begint" in line:
            break
    time.sleep(0.3)  # well inside the write of 40,000 rows
    assert process.poll() is None, "de import was al klaar voordat hij gestopt kon worden"
    process.send_signal(signal.SIGKILL)
    process.wait()
    process.stderr.close()
    assert count(db, Trajectory) == 0 and count(db, ImportLog) == 0
    result = import_file(db, "trajecten", path, user="t", max_bytes=50_000_000, today=dt.date(2026, 1, 1))
    assert result.nieuw == 40_000  # the database is whole and usable after the kill


def test_xlsx_with_excel_date_cells(db, tmp_path):
    path = tmp_path / "trajecten.xlsx"
    frame = pd.DataFrame(
        [
            {
                "traject_id": "X1",
                "regio": "AM09",
                "organisatie": "GGZ Test",
                "methode": "IPS",
                "startdatum": dt.datetime(2026, 1, 15),
                "plaatsingsdatum": dt.datetime(2026, 3, 2),
            },
        ]
    )
    frame.to_excel(path, index=False)
    result = import_file(db, "trajecten", path, user="t", max_bytes=1_000_000, today=dt.date(2026, 6, 1))
    assert result.nieuw == 1
    with db.engine.connect() as connection:
        found = connection.execute(select(Trajectory.startdatum, Trajectory.plaatsingsdatum)).one()
    assert tuple(found) == (dt.date(2026, 1, 15), dt.date(2026, 3, 2))


cell = st.one_of(
    st.just(""),
    st.text(max_size=12),
    st.sampled_from(
        ["AM09", "Achterhoek", "IPS", "WaBZ", "2026-02-30", "31-12-2025", "1-2-2026", "=1+1", "123456782"]
    ),
    st.dates(dt.date(2019, 1, 1), dt.date(2027, 12, 31)).map(dt.date.isoformat),
)
header = st.lists(
    st.sampled_from([*TRAJECTORY_HEADER, "bsn", "Onbekend", " Startdatum "]), min_size=1, max_size=14
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(columns=header, data=st.data())
def test_random_and_mangled_files_import_or_report_never_half(db, columns, data):
    rows = data.draw(st.lists(st.lists(cell, min_size=len(columns), max_size=len(columns)), max_size=8))
    frame = pd.DataFrame(rows, columns=columns) if rows else pd.DataFrame(columns=columns)
    before = (count(db, Trajectory), count(db, ImportLog))
    try:
        result = import_frame(
            db, "trajecten", frame, file_name="rommel.csv", sha256="0", user="t", today=dt.date(2026, 6, 30)
        )
    except ImportRejected as rejected:
        assert rejected.problems and all(p.expected for p in rejected.problems)
        assert (count(db, Trajectory), count(db, ImportLog)) == before
        return
    assert result.nieuw + result.gewijzigd + result.ongewijzigd == result.rijen
    assert count(db, ImportLog) == before[1] + 1
    assert count(db, Trajectory) == before[0] + result.nieuw


@pytest.mark.parametrize("kind", ["bijeenkomsten", "doelen"])
def test_other_kinds_refuse_rubbish_without_writing(db, kind):
    frame = pd.DataFrame([{"regio": "Atlantis", "soort": "feest", "datum": "gisteren", "jaar": "twee"}])
    with pytest.raises(ImportRejected):
        import_frame(db, kind, frame, file_name="x.csv", sha256="0", user="t", today=dt.date(2026, 6, 30))
    assert count(db, Meeting) == 0 and count(db, ImportLog) == 0
