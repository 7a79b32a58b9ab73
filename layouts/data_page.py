"""Data: what the database holds and where it came from (the import log)."""

from __future__ import annotations

import pandas as pd
from dash import html

from layouts import format as fmt
from layouts import ids
from layouts.tables import table


def page() -> html.Div:
    """The page skeleton; a callback fills the import log."""
    return html.Div(
        [
            html.H1("Data", className="h2"),
            html.P(
                "Aangeleverde bestanden met trajecten, bijeenkomsten en doelen. Alleen gepseudonimiseerde "
                "gegevens worden geaccepteerd.",
                className="lead",
            ),
            html.Div(id=ids.IMPORT_LOG_TABLE),
        ]
    )


def import_log_table(log: pd.DataFrame) -> object:
    """The newest imports with their counts."""
    if log.empty:
        return html.P("Er zijn nog geen gegevens ingelezen.")
    rows = [
        [
            fmt.moment(r.tijdstip),
            r.soort,
            r.bestandsnaam,
            fmt.number(r.rijen),
            fmt.number(r.nieuw),
            fmt.number(r.gewijzigd),
            fmt.number(r.ongewijzigd),
            r.gebruiker,
        ]
        for r in log.itertuples()
    ]
    headers = ["Tijdstip", "Soort", "Bestand", "Rijen", "Nieuw", "Gewijzigd", "Ongewijzigd", "Door"]
    return table("Importlogboek, nieuwste eerst", headers, rows, {3, 4, 5, 6})
