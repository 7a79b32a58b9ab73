"""The region page's tables: the numbers behind the mix and cadence figures, and the comparison."""

from __future__ import annotations

import pandas as pd
from dash import html

from dashboard.i18n import _
from dashboard.reports.region import RegionReport
from dashboard.rules import domain
from dashboard.text import comparison as cells
from dashboard.text import format as fmt
from dashboard.text.as_of import through
from dashboard.text.categories import MEETING_KIND, METHOD, ORGANISATION_TYPE, category
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


def comparison_table(report: RegionReport) -> html.Div:
    """The region beside the country, the median and its comparable regions, then each peer's values.

    The comparable regions come one per row (region, yearly target, then the measures): region
    names wrap inside the first column and the numbers stay narrow, so the table reads at 390 px
    wide, scrolling sideways inside its own box where it must; with the regions as columns each
    long name would have to fit a narrow header instead. The region itself heads the list.
    """
    ref, year, peildatum = report.ref, report.national.year, report.national.peildatum
    caption = _("{name} vergeleken, {year} t/m {date}.").format(
        name=ref.naam, year=year, date=through(year, peildatum)
    )
    compared = report.comparison
    rows: list[list[object]] = [list(row) for row in cells.comparison_rows(compared)]
    for row, measure in zip(rows, compared.itertuples(), strict=True):
        # On a phone the figure keeps its line and what it is goes small beneath it.
        figure, kind = cells.national_parts(
            measure.landelijk, str(measure.maat), str(measure.landelijk_soort)
        )
        if kind:
            row[2] = html.Span([html.Span(figure, className="text-nowrap"), html.Br(), html.Small(kind)])
    main = table(caption, cells.comparison_headers(ref.naam), rows, {1, 2, 3, 4})
    peers = table(
        cells.peer_caption(ref.naam, year),
        cells.peer_headers(compared),
        cells.peer_rows(ref.naam, report.target_started, compared, report.peers),
        set(range(1, len(compared) + 2)),
    )
    note = cells.explanation(ref.naam, report.target_started, len(report.peers))
    return html.Div([main, peers, html.P(note, className="small text-muted")])
