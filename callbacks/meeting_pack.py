"""The meeting pack (*vergaderstuk*): the national overview and the chosen regions as PDF or PPTX."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
from flask import Blueprint, Response, abort, request

from callbacks.national import update_ranking, update_trend
from callbacks.organisation import organisation_rows, organisation_table
from callbacks.region import funnel_counts, update_monthly
from dashboard.auth.viewer import current_viewer
from dashboard.data.meetings import last_case_discussion
from dashboard.data.meta import data_status
from dashboard.data.national import national_summary, summarise_country
from dashboard.data.progress import progress_by_region
from dashboard.documents.pack import PackInfo, PackSection, PackTable, pack_filename, pack_pdf, pack_pptx
from dashboard.documents.pack.images import HEIGHT
from dashboard.i18n import _
from dashboard.infra.runtime import runtime
from dashboard.reports.params import parse_cohort
from dashboard.rules import comparison, metrics
from dashboard.rules.region_metrics import outflow_cohort, outflow_status, region_metrics
from dashboard.text import format as fmt
from geodata import region_refs
from layouts.figures.funnel import funnel_figure, funnel_summary
from layouts.figures.ranking import ranking_for_print
from layouts.presentation import Show, parse_show

blueprint = Blueprint("meeting_pack", __name__)
MEDIA = {
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


def _status_row(label: str, held: int | None, target: float, expected: float) -> list[str]:
    if held is None:
        no_data = _(metrics.PaceStatus.GEEN_GEGEVENS.value)
        return [label, no_data, fmt.number(target), "–", no_data]
    status = metrics.pace_status(held, expected)
    # Counts are whole numbers, the expected count by pace too (the status uses the exact value).
    return [label, fmt.number(held), fmt.number(target), fmt.number(expected), _(status.value)]


def outflow_row(cohort: int, pct: float | None, goal: float, mature: bool) -> list[str]:
    """The outflow goal: the cohort's sustainable outflow against its goal; no pace for a share."""
    label = _("Duurzame uitstroom, cohort {year}").format(year=cohort)
    value = float("nan") if pct is None else pct
    status = _(outflow_status(value, goal, mature))
    return [label, status if pct is None else fmt.percentage(pct), fmt.percentage(goal), "–", status]


def goal_table(
    caption: str, regions: pd.DataFrame, year: int, peildatum: dt.date, outflow: list[str]
) -> PackTable:
    """The goals of the country or one region: reached, target, pace and status in words.

    ``outflow`` is the row of the outflow goal (:func:`outflow_row`), for the cohort the page shows.
    """
    summary = summarise_country(regions, year, peildatum)
    fraction = metrics.year_fraction(year, peildatum)
    meetings = summary.meetings_delivered
    rows = [
        _status_row(
            _("Trajecten gestart"),
            summary.started if summary.delivered else None,
            summary.target_started,
            summary.expected_started,
        ),
        _status_row(
            _("Leerbijeenkomsten"),
            summary.learning_sessions if meetings else None,
            summary.target_learning_sessions,
            summary.target_learning_sessions * fraction,
        ),
        _status_row(
            _("Casusbesprekingen"),
            summary.case_discussions if meetings else None,
            summary.target_case_discussions,
            summary.target_case_discussions * fraction,
        ),
        outflow,
    ]
    headers = [_("Doel"), _("Bereikt"), _("Jaardoel"), _("Tempo (verwacht)"), _("Status")]
    return PackTable(caption, headers, rows, {1, 2, 3})


def _national(show: Show) -> list[PackSection]:
    year, day = str(show.year), show.peildatum.isoformat()
    db = runtime().db
    regions = progress_by_region(db, show.year, show.peildatum)
    summary = national_summary(db, show.year, show.peildatum)
    trend, trend_text = update_trend(year, day)
    ranking, ranking_text, _links = update_ranking("doel", year, day, None)
    frame = region_metrics(regions, show.year, show.peildatum)
    rows = [
        [
            r.naam,
            _("geen gegevens") if pd.isna(r.gestart) else fmt.number(r.gestart),
            fmt.number(r.doel_trajecten),
            "–" if pd.isna(r.pct_tempo) else fmt.percentage(r.pct_tempo),
            _(str(r.status)),
        ]
        for r in frame.itertuples()
    ]
    regions_table = PackTable(
        _("Gestarte trajecten per regio, {jaar}").format(jaar=show.year),
        [_("Regio"), _("Gestart"), _("Jaardoel"), _("% van tempo"), _("Status")],
        rows,
        {1, 2, 3},
    )
    cohort = summary.mature_cohort
    outflow = (
        _(
            "Duurzame uitstroom van het laatste uitontwikkelde startcohort ({jaar}): "
            "{percentage} ({duurzaam} van {gestart})."
        ).format(
            jaar=cohort.year,
            percentage=fmt.percentage(cohort.pct),
            duurzaam=fmt.number(cohort.sustainable),
            gestart=fmt.number(cohort.started),
        )
        if cohort is not None
        else _("Nog geen uitontwikkeld startcohort.")
    )
    on_track = _("Regio's op koers: {op_koers} van {totaal}.").format(
        op_koers=summary.regions_on_track, totaal=summary.regions_total
    )
    goals = _("Landelijke doelen {jaar}").format(jaar=show.year)
    # The cohort of the outflow tile: this year's if mature, else the latest mature one.
    shown = outflow_cohort(show.year, show.peildatum)
    of_cohort = national_summary(db, shown.year, show.peildatum)
    national_outflow = outflow_row(
        shown.year, of_cohort.sustainable_pct, of_cohort.target_sustainable_pct, shown.mature
    )
    return [
        PackSection(
            _("Landelijk overzicht"),
            f"{trend_text} {outflow} {on_track}",
            [trend],
            [goal_table(goals, regions, show.year, show.peildatum, national_outflow)],
        ),
        PackSection(
            _("Rangorde van de regio's"), ranking_text, [ranking_for_print(ranking, HEIGHT)], [regions_table]
        ),
    ]


def _region(show: Show, code: str) -> PackSection:
    ref = next(r for r in region_refs() if r.code == code)
    db = runtime().db
    year, day = str(show.year), show.peildatum.isoformat()
    regions = progress_by_region(db, show.year, show.peildatum)
    cohort = parse_cohort(None, show.year, show.peildatum)
    counts = funnel_counts(cohort, show.peildatum, code)
    # The comparison of the region page for the same view: outflow of the page's start cohort.
    cohort_regions = progress_by_region(db, cohort, show.peildatum)
    compared = comparison.compare_region_with_cohort(
        regions, cohort_regions, code, show.year, cohort, show.peildatum
    )
    # The outflow gauge of the region page: this cohort against the region's goal for the year.
    own = region_metrics(cohort_regions, cohort, show.peildatum).set_index("code").loc[code]
    region_outflow = outflow_row(
        cohort,
        None if pd.isna(own["duurzaam_pct"]) else float(own["duurzaam_pct"]),
        float(regions.set_index("code").loc[code, "doel_duurzaam_pct"]),
        metrics.cohort_is_mature(cohort, show.peildatum),
    )
    compare_rows = [
        # ``maat`` is the measure's Dutch name: the key for its translation and for "%".
        [
            comparison.measure_label(str(row.maat), row.cohort),
            *[_value(getattr(row, c), str(row.maat)) for c in ("regio", "landelijk", "mediaan")],
        ]
        + [fmt.rank(row.rang)]
        for row in compared.itertuples()
    ]
    tables = []
    if current_viewer().sees_organisations(code):
        organisations = organisation_rows(organisation_table(code, show.year, show.peildatum))
        tables.append(
            PackTable(
                _("Organisaties in {regio}, {jaar}").format(regio=ref.naam, jaar=show.year),
                [_("Organisatie"), _("Type"), _("Gestart"), _("Duurzaam"), _("Aandeel")],
                _organisation_rows(organisations),
                {2, 3, 4},
            )
        )
    return PackSection(
        _("Regio {regio}").format(regio=ref.naam),
        funnel_summary(ref.naam, counts, cohort),
        [
            update_monthly(year, code, day),
            funnel_figure(counts, _("{regio}, startcohort {cohort}").format(regio=ref.naam, cohort=cohort)),
        ],
        [
            goal_table(
                _("Doelen {regio} {jaar}").format(regio=ref.naam, jaar=show.year),
                regions[regions["code"] == code],
                show.year,
                show.peildatum,
                region_outflow,
            ),
            PackTable(
                _("{regio} vergeleken").format(regio=ref.naam),
                [_("Maat"), ref.naam, _("Landelijk"), _("Mediaan"), _("Rang")],
                compare_rows,
                {1, 2, 3},
            ),
            *tables,
        ],
    )


def _organisation_rows(organisations: list[dict[str, Any]]) -> list[list[str]]:
    return [
        [
            o["organisatie"],
            o["soort"],
            _("geen gegevens") if o["gestart"] is None else fmt.published(o["gestart"]),
            fmt.published(o["duurzaam"]),
            fmt.published(o["aandeel_pct"], percent=True),
        ]
        for o in organisations
    ]


def _value(value: object, measure: str) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return _("geen gegevens")
    number = float(value)  # type: ignore[arg-type]
    return fmt.percentage(number) if "%" in measure else fmt.number(number, 0 if number.is_integer() else 1)


def _meetings(show: Show) -> PackSection:
    db = runtime().db
    regions = progress_by_region(db, show.year, show.peildatum)
    if show.regions:
        regions = regions[regions["code"].isin(show.regions)]
    last = last_case_discussion(db, metrics.effective_date(show.year, show.peildatum)).set_index("code")[
        "laatste"
    ]
    rows = []
    for r in regions.itertuples():
        if not r.bijeenkomsten_geleverd:
            rows.append([r.naam, _("geen gegevens"), _("geen gegevens"), "–"])
            continue
        day = last.get(r.code)
        shown = _("geen") if day is None or pd.isna(day) else fmt.date(day)
        held = _("{aantal} van {doel}")
        rows.append(
            [
                r.naam,
                held.format(aantal=r.leerbijeenkomsten, doel=r.doel_leerbijeenkomsten),
                held.format(aantal=r.casusbesprekingen, doel=r.doel_casusbesprekingen),
                shown,
            ]
        )
    table = PackTable(
        _("Bijeenkomsten {jaar}").format(jaar=show.year),
        [_("Regio"), _("Leerbijeenkomsten"), _("Casusbesprekingen"), _("Laatste casusbespreking")],
        rows,
        {1, 2},
    )
    return PackSection(_("Bijeenkomsten"), "", [], [table])


def meeting_pack(show: Show) -> tuple[PackInfo, list[PackSection]]:
    """What the pack holds for this show (the same choices as presentation mode)."""
    names = {r.code: r.naam for r in region_refs()}
    chosen = ", ".join(names[c] for c in show.regions) or _("geen")
    filters = _("Jaar {jaar} · peildatum {peildatum} · regio's: {regios}").format(
        jaar=show.year, peildatum=fmt.date(show.peildatum), regios=chosen
    )
    status = data_status(runtime().db)
    data_date = fmt.moment(status.last_import) if status.last_import is not None else _("geen gegevens")
    if status.demo:
        filters += _(" · VOORBEELDDATA (fictief)")
    info = PackInfo(_("Hoofdzaak Werk Monitor – vergaderstuk"), show.peildatum, filters, data_date)
    sections = [*_national(show), *(_region(show, code) for code in show.regions), _meetings(show)]
    return info, sections


@blueprint.route("/vergaderstuk.<extension>")
def download(extension: str) -> Response:
    """``/vergaderstuk.pdf?jaar=…&peildatum=…&regios=AM09,AM01`` (or ``.pptx``)."""
    if extension not in MEDIA:
        abort(404)
    show = parse_show(request.args.to_dict())
    info, sections = meeting_pack(show)
    body = pack_pdf(info, sections) if extension == "pdf" else pack_pptx(info, sections)
    response = Response(body, mimetype=MEDIA[extension])
    response.headers["Content-Disposition"] = f'attachment; filename="{pack_filename(info, extension)}"'
    return response
