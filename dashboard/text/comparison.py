"""The cells of a region's comparison, written once for the region page and the meeting pack.

Both show the same two tables (the region beside the country, the median and its comparable
regions; and each comparable region's own values), so both take their text from here.
"""

from __future__ import annotations

import pandas as pd

from dashboard.i18n import _
from dashboard.rules import comparison
from dashboard.text import format as fmt


def shown(value: object, measure: str) -> str:
    """A value of measure ``measure`` (its Dutch name says whether it is a percentage)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return _("geen gegevens")
    number = float(value)  # type: ignore[arg-type]
    return fmt.percentage(number) if "%" in measure else fmt.number(number, 0 if number.is_integer() else 1)


def national_parts(value: object, measure: str, kind: str) -> tuple[str, str]:
    """The national figure and what it is: ``("106,3", "(gemiddelde per regio)")``; no kind without value."""
    text = shown(value, measure)
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return text, ""
    return text, _("({kind})").format(kind=_(kind))


def national(value: object, measure: str, kind: str) -> str:
    """The national figure with what it is: ``106,3 (gemiddelde per regio)``, ``38 % (landelijk totaal)``."""
    return " ".join(part for part in national_parts(value, measure, kind) if part)


def comparison_headers(name: str) -> list[str]:
    """The columns of :func:`comparison_rows`; ``name`` is the region's name."""
    return [
        _("Maat"),
        name,
        _("Landelijk"),
        _("Mediaan 35 regio's"),
        _("Vergelijkbare regio's (gemiddelde)"),
        _("Rang"),
    ]


def comparison_rows(compared: pd.DataFrame) -> list[list[str]]:
    """One row per measure of ``comparison.compare_region_with_cohort``, as the reader sees it."""
    return [
        [
            # The comparison names its measures in Dutch; the outflow row names its cohort.
            comparison.measure_label(str(row.maat), row.cohort),
            shown(row.regio, str(row.maat)),
            national(row.landelijk, str(row.maat), str(row.landelijk_soort)),
            shown(row.mediaan, str(row.maat)),
            shown(row.vergelijkbaar, str(row.maat)),
            fmt.rank(row.rang),
        ]
        for row in compared.itertuples()
    ]


def peer_headers(compared: pd.DataFrame) -> list[str]:
    """The columns of :func:`peer_rows`: region, yearly target, then the measures in table order."""
    labels = [comparison.measure_label(str(row.maat), row.cohort) for row in compared.itertuples()]
    return [_("Regio"), _("Jaardoel trajecten"), *labels]


def peer_rows(name: str, target: int, compared: pd.DataFrame, peers: pd.DataFrame) -> list[list[str]]:
    """The region itself, then each comparable region with its own value of every measure.

    Args:
        name: the region's name.
        target: its yearly target of trajectories.
        compared: the region's comparison (its ``regio`` values head the table).
        peers: the report's ``peers`` (``comparison.peer_values`` with ``naam``).
    """
    measures = [str(m) for m in compared["maat"]]
    own = [name, fmt.number(target), *[shown(v, m) for v, m in zip(compared["regio"], measures, strict=True)]]
    rows = [own]
    for peer in peers.to_dict("records"):
        rows.append(
            [str(peer["naam"]), shown(peer["doel_trajecten"], ""), *[shown(peer[m], m) for m in measures]]
        )
    return rows


def peer_caption(name: str, year: int) -> str:
    """The caption of the comparable regions' table."""
    return _("Vergelijkbare regio's van {name}, {year}: elke regio met haar eigen waarden").format(
        name=name, year=year
    )


def explanation(name: str, target: int, count: int) -> str:
    """How the comparable regions are chosen and what *landelijk* holds, for under the tables."""
    return _(
        "Vergelijkbare regio's: de {count} regio's met gegevens waarvan het jaardoel (aantal te starten "
        "trajecten) het dichtst bij dat van {name} ligt ({target}). Ze zijn gekozen op dat doel, niet op "
        "een resultaat dat hier beoordeeld wordt. Bij een gelijk jaardoel gaat de regio met het "
        "dichtstbijzijnde regionummer voor, daarna het lagere. Landelijk: bij "
        "aantallen het gemiddelde per regio (het landelijk totaal gedeeld door het aantal regio's met "
        "gegevens), bij percentages het landelijk totaal (alle regio's samen, niet het gemiddelde van "
        "de percentages)."
    ).format(count=count, name=name, target=fmt.number(target))
