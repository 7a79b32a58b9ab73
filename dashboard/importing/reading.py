"""Read a delivered file (CSV or XLSX) into a table of text cells, as Dutch Excel writes them."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from pathlib import Path

import pandas as pd

from dashboard.importing.problems import ImportRejected, Problem

DELIMITERS = (";", ",", "\t")


def file_sha256(path: Path) -> str:
    """SHA-256 of the file as delivered, for the import log."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _decode(raw: bytes) -> str:
    # UTF-8 (with or without BOM) first; anything that is not valid UTF-8 is Windows-1252.
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _sniff_delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    return max(DELIMITERS, key=header.count)


def _cell_text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _tidy(frame: pd.DataFrame) -> pd.DataFrame:
    # Excel leaves empty trailing rows and columns behind; they carry no data.
    frame = frame.map(_cell_text)
    unnamed = [c for c in frame.columns if str(c).startswith("Unnamed:") and (frame[c] == "").all()]
    frame = frame.drop(columns=unnamed)
    return frame[(frame != "").any(axis=1)].reset_index(drop=True)


def read_table(path: Path, max_bytes: int, file_name: str | None = None) -> pd.DataFrame:
    """Read ``path`` as a table of text cells with the file's own headers.

    Raises:
        ImportRejected: when the file is too large, missing or unreadable.
    """
    name = file_name or path.name
    try:
        size = path.stat().st_size
    except OSError:
        raise ImportRejected(
            name, [Problem(None, "", "", "het bestand bestaat niet of is niet leesbaar")]
        ) from None
    if size > max_bytes:
        limit = f"{max_bytes / 1_000_000:.0f} MB"
        raise ImportRejected(name, [Problem(None, "", "", f"het bestand is groter dan de grens van {limit}")])
    try:
        if path.suffix.lower() == ".xlsx":
            frame = pd.read_excel(path, sheet_name=0, dtype=object, engine="openpyxl")
        else:
            text = _decode(path.read_bytes())
            frame = pd.read_csv(
                io.StringIO(text),
                sep=_sniff_delimiter(text),
                dtype=str,
                keep_default_na=False,
                skip_blank_lines=True,
            )
    except (ValueError, OSError, KeyError, zipfile.BadZipFile) as error:
        # pandas and openpyxl report broken files with these; the user needs to know which file.
        raise ImportRejected(
            name,
            [
                Problem(
                    None,
                    "",
                    "",
                    f"het bestand kan niet gelezen worden als CSV of XLSX ({type(error).__name__})",
                )
            ],
        ) from None
    return _tidy(frame)
