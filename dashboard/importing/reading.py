"""Read a delivered file (CSV or XLSX) into a table of text cells, as Dutch Excel writes them."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import math
import re
import time
import warnings
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pandas as pd

from dashboard.i18n import N_, _
from dashboard.importing.problems import ImportRejected, Problem
from dashboard.text import format as fmt
from dashboard.text.rounding import rounded

DELIMITERS = (";", ",", "\t")
ZIP_MAGIC = b"PK\x03\x04"
# Office 97–2003 files (.xls), and password-protected .xlsx files, which Office wraps the same way.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An XLSX is zipped XML, and worksheets compress about 5 to 10 times (very repetitive ones some
# tens of times): ten times the file limit unpacked, and a hundred times the file itself, leave
# room for any honest workbook, while a zip bomb (hundreds of times) is refused before anything is
# inflated. zipfile never inflates an entry beyond the size its directory declares, so the
# declared sizes are a real bound.
UNPACKED_FACTOR = 10
UNPACKED_RATIO = 100
# A workbook holds some tens of parts; thousands are no workbook of ours.
MAX_PARTS = 1000
# Parts that are archives themselves (an embedded workbook or zip) are not unpacked a second time.
NESTED_ARCHIVES = (".zip", ".xlsx", ".xlsm", ".xlsb", ".xls", ".docx", ".pptx", ".jar", ".gz", ".7z", ".rar")
# Seconds a workbook may take to read, when the caller names no other limit.
PARSE_SECONDS = 60
# What openpyxl raises, from its own code, the zip layer and the XML parser (ParseError is a
# SyntaxError), when a workbook is damaged or only looks like one.
XLSX_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    SyntaxError,
    LookupError,
    ValueError,
    TypeError,
    AttributeError,
    NotImplementedError,
    RuntimeError,
)

# Translated where they are raised (``_rejected``), in the language of the request.
NOT_XLSX = N_(
    "geen geldige Excel-werkmap (.xlsx): het bestand is beschadigd of alleen zo genoemd. "
    "Open het in Excel en sla het opnieuw op als .xlsx of .csv."
)
OLD_EXCEL = N_(
    "een oud Excel-bestand (.xls) of een met wachtwoord beveiligd bestand wordt niet ingelezen; "
    "open het in Excel en sla het op als .xlsx of .csv (zonder wachtwoord)."
)
ODD_ARCHIVE = N_(
    "een gewone Excel-werkmap; dit bestand bevat ingesloten archieven, versleutelde of vreemd "
    "benoemde onderdelen. Sla de gegevens op als een nieuwe .xlsx of als .csv."
)
TOO_SLOW = N_(
    "een werkmap die binnen {seconden} seconden te lezen is; lever de gegevens in kleinere "
    "bestanden of als CSV aan."
)
NOT_CSV = N_(
    "het bestand kan niet gelezen worden als CSV: een cel is te lang of de aanhalingstekens "
    "kloppen niet. Open het in Excel en sla het opnieuw op als .csv of .xlsx."
)


def file_sha256(path: Path) -> str:
    """SHA-256 of the file as delivered, for the import log."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _rejected(name: str, expected: str) -> ImportRejected:
    return ImportRejected(name, [Problem(None, "", "", expected)])


def _megabytes(size: int) -> str:
    amount = rounded(size / 1_000_000, 1)
    return _("{aantal} MB").format(
        aantal=fmt.number(amount, 0 if amount == amount.to_integral_value() else 1)
    )


def _decode(raw: bytes) -> str:
    # UTF-8 (with or without BOM) first; anything that is not valid UTF-8 is Windows-1252.
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _sniff_delimiter(text: str) -> str:
    header = next((line for line in text.splitlines() if line.strip()), "")
    return max(DELIMITERS, key=header.count)


def _csv_rows(raw: bytes, name: str) -> list[list[str]]:
    text = _decode(raw)
    try:
        # One record per Excel row: a quoted cell may span lines, a blank line is an empty row.
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text)))
    except csv.Error:
        raise _rejected(name, _(NOT_CSV)) from None


def _is_percentage(number_format: str | None) -> bool:
    # A % inside quotes or after a backslash is literal text, not a percentage format.
    return bool(number_format) and "%" in re.sub(r'"[^"]*"|\\.', "", number_format or "")


def _xlsx_cell_text(value: object, number_format: str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        # Excel stores 40 % as 0.4 and shows it as 40 %; the user means what is shown.
        number = value * 100 if _is_percentage(number_format) else value
        if isinstance(number, float) and math.isfinite(number):
            number = round(number, 9)  # 0.07 * 100 is 7.000000000000001
            return str(int(number)) if number.is_integer() else repr(number)
        return str(number)
    return str(value)


def _odd_part(info: zipfile.ZipInfo) -> bool:
    name = info.filename.replace("\\", "/")
    return (
        info.flag_bits & 0x1 != 0  # encrypted
        or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
        or name.startswith("/")
        or ".." in name.split("/")
        or name.lower().endswith(NESTED_ARCHIVES)
    )


def _check_archive(raw: bytes, name: str, max_bytes: int) -> None:
    """Refuse a workbook from its zip directory alone, before any part is inflated."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            parts = archive.infolist()
    except XLSX_ERRORS:
        raise _rejected(name, _(NOT_XLSX)) from None
    names = [info.filename for info in parts]
    # The same part twice means two readers may see two different workbooks.
    if len(parts) > MAX_PARTS or len(set(names)) < len(names) or any(_odd_part(info) for info in parts):
        raise _rejected(name, _(ODD_ARCHIVE))
    unpacked = sum(info.file_size for info in parts)
    limit = min(max_bytes * UNPACKED_FACTOR, len(raw) * UNPACKED_RATIO)
    if unpacked > limit:
        raise _rejected(
            name,
            _(
                "het bestand is uitgepakt {grootte} groot, meer dan de grens van {grens} ({factor} keer "
                "het bestand, en nooit meer dan {maximum}); lever de gegevens in kleinere bestanden "
                "of als CSV aan."
            ).format(
                grootte=_megabytes(unpacked),
                grens=_megabytes(limit),
                factor=UNPACKED_RATIO,
                maximum=_megabytes(max_bytes * UNPACKED_FACTOR),
            ),
        )


def _xlsx_rows(raw: bytes, name: str, max_bytes: int, parse_seconds: float) -> list[list[str]]:
    _check_archive(raw, name, max_bytes)
    # A deadline checked per row rather than a signal or a thread: it works the same in a
    # gunicorn worker, the CLI and tests, and leaves no half-read workbook behind.
    deadline = time.monotonic() + parse_seconds
    cells: list[list[tuple[object, str | None]]] = []
    try:
        # openpyxl warns about styles and extensions it skips; the cell values are still read.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
            try:
                sheet = book.worksheets[0]
                sheet.reset_dimensions()  # the stored dimensions may be wrong; read what is there
                for row in sheet.iter_rows():
                    if time.monotonic() > deadline:
                        raise _rejected(name, _(TOO_SLOW).format(seconden=fmt.number(parse_seconds)))
                    cells.append([(cell.value, getattr(cell, "number_format", None)) for cell in row])
            finally:
                book.close()
    except XLSX_ERRORS:
        raise _rejected(name, _(NOT_XLSX)) from None
    return [[_xlsx_cell_text(value, number_format) for value, number_format in row] for row in cells]


def _too_wide(row: list[str], width: int) -> int:
    filled = len(row)
    while filled > width and not row[filled - 1].strip():
        filled -= 1
    return filled if filled > width else 0


def _table(rows: list[list[str]], name: str, fixed_width: bool) -> pd.DataFrame:
    """Rows (row 1 first) as a frame under the first non-blank row, indexed by Excel row − 2."""
    blank = [not any(cell.strip() for cell in row) for row in rows]
    first = next((i for i, empty in enumerate(blank) if not empty), None)
    if first is None:
        raise _rejected(name, _("het bestand is leeg; rij 1 hoort de kolomnamen te bevatten"))
    header = list(rows[first])
    if not fixed_width:
        # A worksheet has no field count: a filled cell right of the header is a column without name.
        header += [""] * (max(len(row) for row in rows) - len(header))
    width = len(header)
    problems = []
    data: list[list[str]] = []
    index: list[int] = []
    for position in range(first + 1, len(rows)):
        if blank[position]:
            continue
        row, excel_row = rows[position], position + 1
        fields = _too_wide(row, width)
        if fields:
            problems.append(
                Problem(
                    excel_row,
                    "",
                    "",
                    _(
                        "evenveel velden als de kop (rij {rij} heeft {velden} velden, de kop heeft "
                        "{breedte}); staat er een scheidingsteken in een cel, zet die cel dan tussen "
                        "aanhalingstekens"
                    ).format(rij=excel_row, velden=fields, breedte=width),
                )
            )
            continue
        data.append(row[:width] + [""] * (width - len(row)))
        index.append(excel_row - 2)
    if problems:
        raise ImportRejected(name, problems)
    return pd.DataFrame(data, columns=header, index=pd.Index(index, dtype="int64"), dtype=object)


def read_table(
    path: Path, max_bytes: int, file_name: str | None = None, parse_seconds: float = PARSE_SECONDS
) -> pd.DataFrame:
    """Read ``path`` as a table of text cells with the file's own headers.

    The format follows the content (a zip is XLSX) and otherwise the name shown, so an upload
    stored under a neutral name is still recognised. Headers are kept as written, duplicates
    included; the index is each row's Excel row number minus 2, blank rows dropped. A workbook
    is checked as an archive before it is unpacked, and read within ``parse_seconds``.

    Raises:
        ImportRejected: when the file is too large, missing, unreadable, ragged, an archive that
            unpacks too far or holds odd parts, or a workbook that takes too long to read.
    """
    name = file_name or path.name
    try:
        size = path.stat().st_size
        raw = path.read_bytes() if size <= max_bytes else b""
    except OSError:
        raise _rejected(name, _("het bestand bestaat niet of is niet leesbaar")) from None
    if size > max_bytes or len(raw) > max_bytes:
        raise _rejected(
            name, _("het bestand is groter dan de grens van {grens}").format(grens=_megabytes(max_bytes))
        )
    suffixes = {Path(name).suffix.lower(), path.suffix.lower()}
    if raw.startswith(OLE_MAGIC) or ".xls" in suffixes:
        raise _rejected(name, _(OLD_EXCEL))
    if raw.startswith(ZIP_MAGIC) or ".xlsx" in suffixes:
        return _table(_xlsx_rows(raw, name, max_bytes, parse_seconds), name, fixed_width=False)
    return _table(_csv_rows(raw, name), name, fixed_width=True)
