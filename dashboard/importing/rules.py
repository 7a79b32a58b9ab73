"""The import contract per file kind: columns, cell parsers and the rules between cells."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
from openpyxl.utils import get_column_letter

from dashboard.i18n import _
from dashboard.importing import progress
from dashboard.importing import values as v
from dashboard.importing.personal import is_identifying_header, personal_data_problems
from dashboard.importing.problems import Problem


@dataclass(frozen=True)
class Column:
    """One column of the contract."""

    name: str
    required: bool
    parse: Callable[[str], Any]


SCHEMAS: dict[str, tuple[Column, ...]] = {
    "trajecten": (
        Column("traject_id", True, v.text_up_to(64)),
        Column("regio", True, v.parse_region),
        Column("organisatie", True, v.text_up_to(160)),
        Column("organisatie_type", False, v.parse_organisation_type),
        Column("methode", True, v.parse_method),
        Column("financiering", False, v.parse_funding),
        Column("aanmelddatum", False, v.parse_date),
        Column("startdatum", True, v.parse_date),
        Column("plaatsingsdatum", False, v.parse_date),
        Column("duurzaam_datum", False, v.parse_date),
        Column("einddatum", False, v.parse_date),
        Column("eindreden", False, v.parse_end_reason),
    ),
    "bijeenkomsten": (
        Column("regio", True, v.parse_region),
        Column("soort", True, v.parse_meeting_kind),
        Column("datum", True, v.parse_date),
        Column("deelnemers", False, lambda text: v.parse_whole_number(text, 10_000)),
        Column("onderwerp", False, v.parse_text),
        Column("organisaties", False, v.text_up_to(2000)),
    ),
    "doelen": (
        Column("regio", True, v.parse_region),
        Column("jaar", True, v.parse_year),
        Column("trajecten", True, v.parse_whole_number),
        Column("duurzaam_pct", True, v.parse_percentage),
        Column("leerbijeenkomsten", True, v.parse_whole_number),
        Column("casusbesprekingen", True, v.parse_whole_number),
    ),
}

DATE_COLUMNS = ("aanmelddatum", "startdatum", "plaatsingsdatum", "duurzaam_datum", "einddatum", "datum")


def _header_text(header: object) -> str:
    if header is None or (isinstance(header, float) and pd.isna(header)):
        return ""
    return str(header).strip().lower()


def normalise_headers(frame: pd.DataFrame) -> pd.DataFrame:
    """Match headers case-insensitively, ignoring surrounding spaces; an empty header becomes ""."""
    renamed = frame.copy()
    renamed.columns = [_header_text(c) for c in frame.columns]
    return renamed


def is_identifying(header: str, kind: str) -> bool:
    """Whether a column name suggests data that identifies a person (contract columns never do)."""
    return header not in {c.name for c in SCHEMAS[kind]} and is_identifying_header(header)


def _letter(position: int) -> str:
    letter: str = get_column_letter(position + 1)
    return letter


def _suggestion(kind: str, header: str, columns: list[str]) -> str | None:
    """The contract column ``header`` looks like a misspelling of, when that column is missing."""
    missing = [c.name for c in SCHEMAS[kind] if c.name not in columns]
    close = difflib.get_close_matches(header, missing, n=1, cutoff=0.8)
    return close[0] if close else None


def _header_problems(kind: str, columns: list[str]) -> list[Problem]:
    identifying = sorted(c for c in set(columns) if is_identifying(c, kind))
    if identifying:
        return [
            Problem(
                None,
                col,
                "",
                _(
                    "deze kolom kan personen identificeren; alleen gepseudonimiseerde gegevens zijn "
                    "toegestaan. Verwijder de kolom en lever het bestand opnieuw aan."
                ),
            )
            for col in identifying
        ]
    problems = [
        Problem(None, c.name, "", _("deze verplichte kolom ontbreekt"))
        for c in SCHEMAS[kind]
        if c.required and c.name not in columns
    ]
    for column in SCHEMAS[kind]:
        positions = [_letter(i) for i, c in enumerate(columns) if c == column.name]
        if len(positions) > 1:
            places = functools.reduce(
                lambda first, second: _("{eerste} en {tweede}").format(eerste=first, tweede=second),
                [_("kolom {letter}").format(letter=p) for p in positions],
            )
            expected = _("één keer in de kop; deze kolom staat in {plaatsen}").format(plaatsen=places)
            problems.append(Problem(None, column.name, "", expected))
    known = {c.name for c in SCHEMAS[kind]}
    for header in dict.fromkeys(c for c in columns if c and c not in known):
        meant = _suggestion(kind, header, columns)
        if meant is not None:
            problems.append(
                Problem(
                    None,
                    header,
                    "",
                    _(
                        "een kolom uit het aanlevercontract; bedoelt u '{kolom}'? Verbeter de kopnaam, "
                        "anders worden deze gegevens niet ingelezen"
                    ).format(kolom=meant),
                )
            )
    return problems


def ignored_columns(kind: str, frame: pd.DataFrame) -> tuple[str, ...]:
    """Notices about columns outside the contract that the import leaves out (never an error).

    Extra columns (a remark, an internal number) are common in exports and harmless, so they
    do not block a file; a name close to a missing contract column is an error instead (see
    ``validate_frame``). A column without a header only counts when it holds data.
    """
    known = {c.name for c in SCHEMAS[kind]}
    shown: list[str] = []
    for position, header in enumerate(_header_text(c) for c in frame.columns):
        if header in known:
            continue
        if header:
            shown.append(f"'{v.shown(header, 40)}' ({_letter(position)})")
        elif (frame.iloc[:, position].astype("string").fillna("").str.strip() != "").any():
            shown.append(_("kolom {letter} zonder kopnaam").format(letter=_letter(position)))
    if not shown:
        return ()
    notice = _("Let op: deze kolommen horen niet bij het aanlevercontract en zijn genegeerd: {kolommen}.")
    return (notice.format(kolommen=", ".join(shown)),)


def _row_rules(kind: str, record: dict[str, Any], today: dt.date) -> list[tuple[str, str, str]]:
    """Rules between cells of one row: (column, value, expected) for each broken rule."""
    broken: list[tuple[str, str, str]] = []
    for col in DATE_COLUMNS:
        day = record.get(col)
        if day is not None and day > today:
            # The date as the file may write it (D-M-YYYY), in any language.
            expected = _("een datum niet na de importdatum ({datum})").format(datum=f"{today:%d-%m-%Y}")
            broken.append((col, day.isoformat(), expected))
    if kind == "bijeenkomsten":
        names = (record["organisaties"] or "").split("|")
        broken += [
            ("organisaties", n[:40], _("organisatienamen van hoogstens {limit} tekens").format(limit=160))
            for n in names
            if len(n) > 160
        ]
    if kind != "trajecten":
        return broken
    # A cell that did not parse is None here: the rules it takes part in are skipped, the others
    # still run, so one look at the report shows every error of the row.
    start: dt.date | None = record["startdatum"]
    referred, placed_on, ended = record["aanmelddatum"], record["plaatsingsdatum"], record["einddatum"]
    if start is not None and referred is not None and referred > start:
        broken.append(("aanmelddatum", referred.isoformat(), _("niet na de startdatum")))
    if start is not None and placed_on is not None and placed_on < start:
        broken.append(("plaatsingsdatum", placed_on.isoformat(), _("niet voor de startdatum")))
    if start is not None and ended is not None and ended < start:
        broken.append(("einddatum", ended.isoformat(), _("niet voor de startdatum")))
    sustainable, placed = record["duurzaam_datum"], record["plaatsingsdatum"]
    if sustainable is not None and placed is None:
        broken.append(("duurzaam_datum", sustainable.isoformat(), _("alleen met een plaatsingsdatum")))
    elif sustainable is not None and placed is not None and sustainable < placed:
        broken.append(("duurzaam_datum", sustainable.isoformat(), _("niet voor de plaatsingsdatum")))
    if record["traject_id"] is not None and v.is_valid_bsn(record["traject_id"]):
        broken.append(
            (
                "traject_id",
                _("(verborgen)"),
                _("een pseudoniem; deze waarde is een geldig BSN en wordt geweigerd"),
            )
        )
    return broken


def _key(kind: str, record: dict[str, Any]) -> tuple[Any, ...] | None:
    if kind == "trajecten":
        # Compared as the import compares them with stored trajectories: "a1" and "A1" are one id.
        return (record["regio"], v.identity_key(record["organisatie"]), v.identity_key(record["traject_id"]))
    if kind == "doelen":
        return (record["regio"], record["jaar"])
    return None  # the same meeting twice is one meeting, not an error


def _cell_problem(row: int, column: str, text: str, expected: str) -> Problem:
    # A BSN is never repeated, not even inside a value refused for another reason.
    digits = "".join(ch for ch in text if ch.isdecimal())
    hidden = column == "traject_id" and v.is_valid_bsn(digits[-9:])
    return Problem(row, column, _("(verborgen)") if hidden else v.shown(text), expected)


def _excel_rows(frame: pd.DataFrame) -> list[int]:
    # The index counts rows below the header from 0 (Excel row 2); ``read_table`` keeps it across
    # blank rows it drops, so the numbers stay those the user sees in Excel.
    if pd.api.types.is_integer_dtype(frame.index):
        return [int(i) + 2 for i in frame.index]
    return list(range(2, len(frame) + 2))


def validate_frame(
    kind: str, frame: pd.DataFrame, today: dt.date
) -> tuple[list[dict[str, Any]], list[Problem]]:
    """Check a table of text cells against the contract for ``kind``.

    Args:
        kind: "trajecten", "bijeenkomsten" or "doelen".
        frame: the file's cells as strings, empty cells as "" or NaN, headers as in the file.
            Its integer index is the row's position below the header (0 is Excel row 2).
        today: the import date; no date may lie after it.

    Returns:
        The parsed records (typed values, None for empty cells) and the problems found.
        When there are problems the records must not be written.
    """
    frame = normalise_headers(frame)
    columns = list(frame.columns)
    problems = _header_problems(kind, columns) or personal_data_problems(frame, _excel_rows(frame))
    if problems:
        # Personal data refuses the file before any other message could repeat a value.
        return [], problems
    schema = [c for c in SCHEMAS[kind] if c.name in columns]
    records: list[dict[str, Any]] = []
    seen: dict[tuple[Any, ...], int] = {}
    cells = frame.iloc[:, [columns.index(c.name) for c in schema]].astype("string").fillna("")
    for done, (row, raw) in enumerate(
        zip(_excel_rows(frame), cells.itertuples(index=False, name=None), strict=True), start=1
    ):
        progress.rows_checked(done, len(cells))
        record: dict[str, Any] = {c.name: None for c in SCHEMAS[kind]}
        row_ok = True
        for column, text in zip(schema, raw, strict=True):
            if text.strip() == "":
                if column.required:
                    problems.append(Problem(row, column.name, "", _("een waarde (deze kolom is verplicht)")))
                    row_ok = False
                continue
            try:
                record[column.name] = column.parse(text)
            except v.CellError as error:
                problems.append(_cell_problem(row, column.name, text, str(error)))
                row_ok = False
        # The rules between cells run on the cells that did parse: every error of the row at once.
        problems += [Problem(row, col, val, exp) for col, val, exp in _row_rules(kind, record, today)]
        if not row_ok:
            continue
        key = _key(kind, record)
        if key is not None and key in seen:
            shown = _("(verborgen)") if v.is_valid_bsn(str(key[-1])) else str(key[-1])
            expected = _("uniek in het bestand; staat ook op rij {rij}").format(rij=seen[key])
            problems.append(Problem(row, key_column(kind), shown, expected))
        elif key is not None:
            seen[key] = row
        records.append(record)
    return records, problems


def key_column(kind: str) -> str:
    """The column that identifies a row of ``kind`` for the user."""
    return {"trajecten": "traject_id", "doelen": "jaar"}.get(kind, "datum")
