"""The numbers behind the mix and cadence figures as accessible tables."""

from __future__ import annotations

import pandas as pd
from dash import html

from dashboard import domain
from layouts import format as fmt
from layouts.figures.mix import funding_table, method_table
from layouts.tables import table

MEETING_LABELS = {
    "leerbijeenkomst": "Leerbijeenkomsten",
    "casusbespreking": "Casusbesprekingen",
    "stuurgroep": "Stuurgroep",
    "werkgroep": "Werkgroep",
    "managersoverleg": "Managersoverleg",
    "beleidsoverleg": "Beleidsoverleg",
}


def mix_tables(mix: pd.DataFrame, cohort: int) -> html.Details:
    """Methods (started, sustainable, outflow %) and funding streams, folded under *toon als tabel*."""
    methods = method_table(mix)
    method_rows = [
        [row.methode, fmt.number(row.gestart), fmt.number(row.duurzaam), fmt.percentage(row.duurzaam_pct)]
        for row in methods.itertuples()
    ]
    total = int(methods["gestart"].sum())
    funding = funding_table(mix)
    funding_rows = [
        [
            row.financiering,
            fmt.number(row.gestart),
            fmt.percentage(100 * row.gestart / total if total else None),
        ]
        for row in funding.itertuples()
    ]
    return html.Details(
        [
            html.Summary("Toon als tabel"),
            table(
                f"Methoden, startcohort {cohort}",
                ["Methode", "Gestart", "Duurzaam", "Duurzame uitstroom"],
                method_rows,
                {1, 2, 3},
            ),
            table(
                f"Financiering, startcohort {cohort}",
                ["Financiering", "Gestart", "Aandeel"],
                funding_rows,
                {1, 2},
            ),
        ],
        className="mt-2",
    )


def attendance_table(attendance: pd.DataFrame, known: pd.DataFrame) -> html.Div | html.P:
    """Per meeting kind: how many meetings each partner type attended, of those with attendance known."""
    if known.empty:
        return html.P("Geen bijeenkomsten in deze periode.", className="small")
    types = [t for t in domain.ORGANISATION_TYPES if t in set(attendance["organisatie_soort"])]
    counts = attendance.set_index(["soort", "organisatie_soort"])["bijeenkomsten"]
    rows = []
    for row in known.itertuples():
        cells = [fmt.number(int(counts.get((row.soort, t), 0))) for t in types]
        rows.append(
            [
                MEETING_LABELS.get(row.soort, row.soort),
                fmt.number(row.bijeenkomsten),
                fmt.number(row.met_organisaties),
                *cells,
            ]
        )
    caption = (
        "Aanwezigheid per soort partner: aantal bijeenkomsten waarbij de partner er was, "
        "van de bijeenkomsten waarvan de deelnemende organisaties bekend zijn"
    )
    headers = ["Soort bijeenkomst", "Gehouden", "Deelnemers bekend", *types]
    return table(caption, headers, rows, set(range(1, len(headers))))
