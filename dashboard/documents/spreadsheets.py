"""Frames as files a Dutch spreadsheet reads: CSV with semicolons and decimal commas, or XLSX."""

from __future__ import annotations

import io

import pandas as pd
from flask import Response

# A spreadsheet runs a cell that starts with one of these as a formula (CSV/formula injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# XLSX number formats: a whole number (a count, a year) and a figure with one decimal (a
# percentage such as 38.2, written in percentage points like the CSV). Excel shows them with the
# reader's own decimal mark.
WHOLE_FORMAT = "0"
DECIMAL_FORMAT = "0.0"


def escape_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would execute with a quote, so they stay text."""

    def safe(value: object) -> object:
        if isinstance(value, str) and value.startswith(FORMULA_START):
            return "'" + value
        return value

    return frame.map(safe)


def with_decimal_commas(frame: pd.DataFrame) -> pd.DataFrame:
    """Floats as text with a decimal comma (``111,1``, ``-3,5``), which Dutch Excel reads as numbers.

    Only numbers are turned into text here, after :func:`escape_formulas` has seen the text cells:
    a negative number keeps its minus and stays a number, while a text starting with ``-`` was
    already quoted. Whole counts are ints and keep no decimals; missing values stay empty.
    """

    def dutch(value: object) -> object:
        if isinstance(value, float) and value == value:  # np.float64 is a float; NaN stays empty
            return str(float(value)).replace(".", ",")
        return value

    floats = [name for name, dtype in frame.dtypes.items() if dtype.kind in "fO"]
    return frame.assign(**{str(name): frame[name].map(dutch) for name in floats})


def _xlsx(frame: pd.DataFrame, sheet: str) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name=sheet)
        for row in writer.sheets[sheet].iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, bool):
                    continue
                if isinstance(cell.value, int):
                    cell.number_format = WHOLE_FORMAT
                elif isinstance(cell.value, float):
                    cell.number_format = DECIMAL_FORMAT
    return buffer.getvalue()


def as_file(frame: pd.DataFrame, name: str, extension: str) -> Response:
    """A download of ``frame`` as CSV (semicolons, UTF-8 with BOM, as Dutch Excel reads it) or XLSX.

    Text cells that would run as a formula are quoted in both. In the CSV a decimal has a comma;
    in the XLSX numbers are numeric cells with a number format.
    """
    frame = escape_formulas(frame)
    if extension == "csv":
        payload = with_decimal_commas(frame).to_csv(sep=";", index=False).encode("utf-8-sig")
    else:
        payload = _xlsx(frame, name[:31])
    return Response(
        payload,
        mimetype=MEDIA[extension],
        headers={"Content-Disposition": f'attachment; filename="{name}.{extension}"'},
    )
