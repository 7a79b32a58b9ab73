import datetime as dt
import io
import os
import signal
import subprocess
import sys
import time
import unicodedata
import zipfile
from functools import cache
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from dashboard.data.models import ImportLog, Meeting, Organisation, Target, Trajectory, meeting_organisation
from dashboard.importing import ImportRejected, import_file, import_frame
from dashboard.importing.values import has_control_characters
from tests.helpers import TRAJECTORY_HEADER, trajectory


def count(db, model) -> int:
    with db.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(model)).scalar_one()


@pytest.mark.traag
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


SAMPLE_ROWS = {
    "trajecten": [
        TRAJECTORY_HEADER,
        ["R1", "AM09", "GGZ Oost", "GGZ", "IPS", "UWV", "2026-01-02", "2026-01-05", "", "", "", ""],
        ["R2", "Achterhoek", "GGZ Oost", "", "WaBZ", "", "", "3-2-2026", "1-4-2026", "", "", ""],
    ],
    "bijeenkomsten": [
        ["regio", "soort", "datum", "deelnemers", "onderwerp", "organisaties"],
        ["AM09", "casusbespreking", "2026-03-02", "12", "IPS", "GGZ Oost|UWV"],
        ["Twente", "werkgroep", "4-3-2026", "", "", ""],
    ],
    "doelen": [
        ["regio", "jaar", "trajecten", "duurzaam_pct", "leerbijeenkomsten", "casusbesprekingen"],
        ["AM09", "2026", "110", "42,5", "3", "10"],
    ],
}


@cache
def sample_file(kind: str, suffix: str) -> bytes:
    if suffix == "csv":
        return "\r\n".join(";".join(row) for row in SAMPLE_ROWS[kind]).encode("utf-8")
    book = openpyxl.Workbook()
    for row in SAMPLE_ROWS[kind]:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@st.composite
def mangled(draw: st.DrawFn, original: bytes) -> bytes:
    data = bytearray(original)
    noise = st.binary(min_size=1, max_size=8) | st.sampled_from(
        [b";", b",", b"\t", b'"', b"\n", b"\x00", b"\xff"]
    )
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "replace", "delete", "truncate"]))
        if action == "insert":
            data[at:at] = draw(noise)
        elif action == "replace":
            data[at : at + 1] = draw(noise)
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 16))]
        else:
            del data[at:]
    return bytes(data)


@st.composite
def mangled_member(draw: st.DrawFn, original: bytes) -> bytes:
    """A well-formed zip whose parts (sheet XML, shared strings, styles …) are mangled."""
    with zipfile.ZipFile(io.BytesIO(original)) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    target = draw(st.sampled_from(sorted(parts)))
    parts[target] = draw(mangled(parts[target]))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def file_bytes(kind: str, suffix: str) -> st.SearchStrategy[bytes]:
    original = sample_file(kind, suffix)
    choices = [st.binary(max_size=2000), mangled(original), st.just(original)]
    if suffix == "xlsx":
        choices.append(mangled_member(original))
    return st.one_of(choices)


TABLES = (Trajectory, Meeting, Target, Organisation, ImportLog, meeting_organisation)
MAIN_TABLE = {"trajecten": Trajectory, "bijeenkomsten": Meeting, "doelen": Target}


def table_counts(db) -> tuple[int, ...]:
    return tuple(count(db, table) for table in TABLES)


@pytest.mark.traag
@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
@pytest.mark.parametrize("kind", ["trajecten", "bijeenkomsten", "doelen"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_and_mangled_bytes_import_or_report_never_half(db, tmp_path, kind, suffix, data):
    content = data.draw(file_bytes(kind, suffix))
    path = tmp_path / f"rommel.{suffix}"
    path.write_bytes(content)
    before = table_counts(db)
    try:
        result = import_file(db, kind, path, user="t", max_bytes=20_000, today=dt.date(2026, 6, 30))
    except ImportRejected as rejected:
        assert rejected.problems and all(p.expected for p in rejected.problems)
        assert table_counts(db) == before
        return
    after = table_counts(db)
    log, main = TABLES.index(ImportLog), TABLES.index(MAIN_TABLE[kind])
    assert after[log] == before[log] + 1
    assert after[main] == before[main] + result.nieuw
    assert result.nieuw + result.gewijzigd + result.ongewijzigd <= result.rijen


@pytest.mark.zuiver
def test_control_characters_are_exactly_unicode_s_cc_category_but_tab_and_line_breaks():
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:  # surrogates are no characters of their own
            continue
        char = chr(code)
        expected = unicodedata.category(char) == "Cc" and char not in "\t\n\r"
        assert has_control_characters(f"a{char}b") is expected, hex(code)
