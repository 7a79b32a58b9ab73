"""The meeting pack (*vergaderstuk*): the national overview and the chosen regions as PDF or PPTX."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
from flask import Blueprint, Response, abort, request

from callbacks.national import update_ranking, update_trend
from callbacks.organisation import organisation_rows, organisation_table
from callbacks.region import funnel_counts, update_monthly
from dashboard import comparison, metrics
from dashboard.access import current_viewer
from dashboard.data.meetings import last_case_discussion
from dashboard.data.meta import data_status
from dashboard.data.national import national_summary, summarise_country
from dashboard.data.progress import progress_by_region
from dashboard.pack import PackInfo, PackSection, PackTable, pack_filename, pack_pdf, pack_pptx
from dashboard.params import parse_cohort
from dashboard.region_metrics import region_metrics
from dashboard.runtime import runtime
from geodata import region_refs
from layouts import format as fmt
from layouts.figures.funnel import funnel_figure, funnel_summary
from layouts.presentation import Show, parse_show

blueprint = Blueprint("meeting_pack", __name__)
MEDIA = {
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


def _status_row(label: str, held: int | None, target: float, expected: float) -> list[str]:
    if held is None:
        return [label, "geen gegevens", fmt.number(target), "–", metrics.PaceStatus.GEEN_GEGEVENS.value]
    status = metrics.pace_status(held, expected)
    return [label, fmt.number(held), fmt.number(target), fmt.number(expected, 1), status.value]


def goal_table(caption: str, regions: pd.DataFrame, year: int, peildatum: dt.date) -> PackTable:
    """The four goals of the country or one region: reached, target, pace and status in words."""
    summary = summarise_country(regions, year, peildatum)
    fraction = metrics.year_fraction(year, peildatum)
    meetings = summary.meetings_delivered
    rows = [
        _status_row(
            "Trajecten gestart",
            summary.started if summary.delivered else None,
            summary.target_started,
            summary.expected_started,
        ),
        _status_row(
            "Leerbijeenkomsten",
            summary.learning_sessions if meetings else None,
            summary.target_learning_sessions,
            summary.target_learning_sessions * fraction,
        ),
        _status_row(
            "Casusbesprekingen",
            summary.case_discussions if meetings else None,
            summary.target_case_discussions,
            summary.target_case_discussions * fraction,
        ),
    ]
    headers = ["Doel", "Bereikt", "Jaardoel", "Tempo (verwacht)", "Status"]
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
            "geen gegevens" if pd.isna(r.gestart) else fmt.number(r.gestart),
            fmt.number(r.doel_trajecten),
            "–" if pd.isna(r.pct_tempo) else fmt.percentage(r.pct_tempo),
            r.status,
        ]
        for r in frame.itertuples()
    ]
    regions_table = PackTable(
        f"Gestarte trajecten per regio, {show.year}",
        ["Regio", "Gestart", "Jaardoel", "% van tempo", "Status"],
        rows,
        {1, 2, 3},
    )
    cohort = summary.mature_cohort
    outflow = (
        f"Duurzame uitstroom van het laatste uitontwikkelde startcohort ({cohort.year}): "
        f"{fmt.percentage(cohort.pct)} ({fmt.number(cohort.sustainable)} van {fmt.number(cohort.started)})."
        if cohort is not None
        else "Nog geen uitontwikkeld startcohort."
    )
    return [
        PackSection(
            "Landelijk overzicht",
            f"{trend_text} {outflow} "
            f"Regio's op koers: {summary.regions_on_track} van {summary.regions_total}.",
            [trend],
            [goal_table(f"Landelijke doelen {show.year}", regions, show.year, show.peildatum)],
        ),
        PackSection("Rangorde van de regio's", ranking_text, [ranking], [regions_table]),
    ]


def _region(show: Show, code: str) -> PackSection:
    ref = next(r for r in region_refs() if r.code == code)
    db = runtime().db
    year, day = str(show.year), show.peildatum.isoformat()
    regions = progress_by_region(db, show.year, show.peildatum)
    cohort = parse_cohort(None, show.year, show.peildatum)
    counts = funnel_counts(cohort, show.peildatum, code)
    compared = comparison.compare_region(regions, code, show.year, show.peildatum)
    compare_rows = [
        [str(row.maat), *[_value(getattr(row, c), str(row.maat)) for c in ("regio", "landelijk", "mediaan")]]
        + [str(row.rang or "–")]
        for row in compared.itertuples()
    ]
    tables = []
    if current_viewer().sees_organisations(code):
        organisations = organisation_rows(organisation_table(code, show.year, show.peildatum))
        tables.append(
            PackTable(
                f"Organisaties in {ref.naam}, {show.year}",
                ["Organisatie", "Type", "Gestart", "Duurzaam", "Aandeel"],
                _organisation_rows(organisations),
                {2, 3, 4},
            )
        )
    return PackSection(
        f"Regio {ref.naam}",
        funnel_summary(ref.naam, counts, cohort),
        [update_monthly(year, code, day), funnel_figure(counts, f"{ref.naam}, startcohort {cohort}")],
        [
            goal_table(
                f"Doelen {ref.naam} {show.year}", regions[regions["code"] == code], show.year, show.peildatum
            ),
            PackTable(
                f"{ref.naam} vergeleken",
                ["Maat", ref.naam, "Landelijk", "Mediaan", "Rang"],
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
            "geen gegevens" if o["gestart"] is None else fmt.published(o["gestart"]),
            fmt.published(o["duurzaam"]),
            fmt.published(o["aandeel_pct"], percent=True),
        ]
        for o in organisations
    ]


def _value(value: object, measure: str) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "geen gegevens"
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
            rows.append([r.naam, "geen gegevens", "geen gegevens", "–"])
            continue
        day = last.get(r.code)
        shown = "geen" if day is None or pd.isna(day) else fmt.date(day)
        rows.append(
            [
                r.naam,
                f"{r.leerbijeenkomsten} van {r.doel_leerbijeenkomsten}",
                f"{r.casusbesprekingen} van {r.doel_casusbesprekingen}",
                shown,
            ]
        )
    table = PackTable(
        f"Bijeenkomsten {show.year}",
        ["Regio", "Leerbijeenkomsten", "Casusbesprekingen", "Laatste casusbespreking"],
        rows,
        {1, 2},
    )
    return PackSection("Bijeenkomsten", "", [], [table])


def meeting_pack(show: Show) -> tuple[PackInfo, list[PackSection]]:
    """What the pack holds for this show (the same choices as presentation mode)."""
    names = {r.code: r.naam for r in region_refs()}
    chosen = ", ".join(names[c] for c in show.regions) or "geen"
    filters = f"Jaar {show.year} · peildatum {fmt.date(show.peildatum)} · regio's: {chosen}"
    status = data_status(runtime().db)
    data_date = fmt.moment(status.last_import) if status.last_import is not None else "geen gegevens"
    if status.demo:
        filters += " · VOORBEELDDATA (fictief)"
    info = PackInfo("Hoofdzaak Werk Monitor – vergaderstuk", show.peildatum, filters, data_date)
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
