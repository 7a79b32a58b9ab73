"""The region page's tables: the numbers behind the mix and cadence figures, and the comparison."""

from __future__ import annotations

import pandas as pd
from dash import html

from dashboard.i18n import _
from dashboard.reports.region import RegionReport
from dashboard.rules import comparison, domain
from dashboard.text import format as fmt
from dashboard.text.as_of import through
from dashboard.text.categories import MEETING_KIND, METHOD, ORGANISATION_TYPE, category
from geodata import region_refs
from layouts.figures.mix import funding_label, funding_table, method_table
from layouts.tables import table


def mix_tables(mix: pd.DataFrame, cohort: int) -> html.Details:
    """Methods (started, sustainable, outflow %) and funding streams, folded under *toon als tabel*."""
    methods = method_table(mix)
    method_rows = [
        [
            category(METHOD, row.methode),
            fmt.number(row.gestart),
            fmt.number(row.duurzaam),
            fmt.percentage(row.duurzaam_pct),
        ]
        for row in methods.itertuples()
    ]
    total = int(methods["gestart"].sum())
    funding = funding_table(mix)
    funding_rows = [
        [
            funding_label(row.financiering),
            fmt.number(row.gestart),
            fmt.percentage(100 * row.gestart / total if total else None),
        ]
        for row in funding.itertuples()
    ]
    return html.Details(
        [
            html.Summary(_("Toon als tabel")),
            table(
                _("Methoden, startcohort {cohort}").format(cohort=cohort),
                [_("Methode"), _("Gestart"), _("Duurzaam"), _("Duurzame uitstroom")],
                method_rows,
                {1, 2, 3},
            ),
            table(
                _("Financiering, startcohort {cohort}").format(cohort=cohort),
                [_("Financiering"), _("Gestart"), _("Aandeel")],
                funding_rows,
                {1, 2},
            ),
        ],
        className="mt-2",
    )


def attendance_table(attendance: pd.DataFrame, known: pd.DataFrame) -> html.Div | html.P:
    """Per meeting kind: how many meetings each partner type attended, of those with attendance known."""
    if known.empty:
        return html.P(_("Geen bijeenkomsten in deze periode."), className="small")
    types = [t for t in domain.ORGANISATION_TYPES if t in set(attendance["organisatie_soort"])]
    counts = attendance.set_index(["soort", "organisatie_soort"])["bijeenkomsten"]
    rows = []
    for row in known.itertuples():
        cells = [fmt.number(int(counts.get((row.soort, t), 0))) for t in types]
        rows.append(
            [
                category(MEETING_KIND, row.soort),
                fmt.number(row.bijeenkomsten),
                fmt.number(row.met_organisaties),
                *cells,
            ]
        )
    caption = _(
        "Aanwezigheid per soort partner: aantal bijeenkomsten waarbij de partner er was, "
        "van de bijeenkomsten waarvan de deelnemende organisaties bekend zijn"
    )
    headers = [
        _("Soort bijeenkomst"),
        _("Gehouden"),
        _("Deelnemers bekend"),
        *(category(ORGANISATION_TYPE, t) for t in types),
    ]
    return table(caption, headers, rows, set(range(1, len(headers))))


def _shown(value: float | None, measure: str) -> str:
    if value is None or pd.isna(value):
        return _("geen gegevens")
    if "%" in measure:
        return fmt.percentage(value)
    return fmt.number(value, 1 if value != int(value) else 0)


def comparison_table(report: RegionReport) -> html.Div:
    """The region beside the country, the median and regions of similar volume, with its rank."""
    ref, year, peildatum = report.ref, report.national.year, report.national.peildatum
    rows = [
        [
            # The comparison names its measures in Dutch; the outflow row names its cohort.
            comparison.measure_label(row.maat, row.cohort),
            _shown(row.regio, row.maat),
            _shown(row.landelijk, row.maat),
            _shown(row.mediaan, row.maat),
            _shown(row.vergelijkbaar, row.maat),
            fmt.rank(row.rang),
        ]
        for row in report.comparison.itertuples()
    ]
    names = {r.code: r.naam for r in region_refs()}
    caption = _("{name} vergeleken, {year} t/m {date}. Vergelijkbaar volume: {similar}.").format(
        name=ref.naam,
        year=year,
        date=through(year, peildatum),
        similar=", ".join(names[c] for c in report.similar) or _("geen"),
    )
    headers = [
        _("Maat"),
        ref.naam,
        _("Landelijk"),
        _("Mediaan 35 regio's"),
        _("Vergelijkbare regio's"),
        _("Rang"),
    ]
    return table(caption, headers, rows, {1, 2, 3, 4})
