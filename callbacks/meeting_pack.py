"""The meeting pack (*vergaderstuk*): the national overview and the chosen regions as PDF or PPTX.

It draws the reports every page draws (``dashboard.reports``), with the pages' figure builders in
their print medium; the tables and sentences come from ``dashboard.documents.pack.contents``.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, request

from dashboard.auth.viewer import current_viewer
from dashboard.data import access, snapshots
from dashboard.data.meta import data_status
from dashboard.data.narratives import narrative_for, narratives_in
from dashboard.documents.pack import PackInfo, PackSection, contents, pack_filename, pack_pdf, pack_pptx
from dashboard.documents.pack.narrative import narrative_section
from dashboard.documents.pack.signals import signals_section
from dashboard.i18n import _, current_language
from dashboard.infra.runtime import runtime
from dashboard.reports.national import national_report
from dashboard.reports.organisation import region_organisations
from dashboard.reports.publication import label, provisional_label
from dashboard.reports.region import region_report
from dashboard.reports.signals import signals_for
from dashboard.reports.view import View
from dashboard.text import format as fmt
from dashboard.text.narrative import trend_marks
from geodata import region_refs
from layouts.figures.funnel import funnel_figure, funnel_summary
from layouts.figures.ranking import ranking_figure, ranking_summary
from layouts.figures.theme import PRINT
from layouts.figures.trend import trend_figure
from layouts.metric_specs import metric
from layouts.national import trend_summary
from layouts.presentation import Show, parse_show

blueprint = Blueprint("meeting_pack", __name__)
MEDIA = {
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
# The ranking of the pack: progress toward the year's goal of starts, as the presentation shows.
PACK_METRIC = "doel"


def _national(view: View) -> list[PackSection]:
    db = runtime().db
    national = national_report(db, view)
    target = national.summary.target_started
    trend_text = trend_summary(national.monthly, view.year, view.peildatum, target)
    spec = metric(PACK_METRIC)
    frame = national.frame_for(spec.key)
    return [
        PackSection(
            _("Landelijk overzicht"),
            f"{trend_text} {contents.national_text(national)}",
            [trend_figure(national.monthly, view.year, view.peildatum, target, medium=PRINT)],
            [contents.national_goals(national)],
        ),
        PackSection(
            _("Rangorde van de regio's"),
            ranking_summary(frame, spec, None),
            [ranking_figure(frame, spec, None, medium=PRINT, moved=national.movement(spec.key))],
            [contents.regions_table(national)],
        ),
    ]


def _region(view: View, code: str) -> list[PackSection]:
    db, viewer = runtime().db, current_viewer()
    report = region_report(db, view, code)
    # The region's story as this reader may read it: its page after the figures, marks on its trend.
    narrative = narrative_for(db, viewer, code, report.through)
    stories = [n for n in narratives_in(db, viewer, view.year) if n.region == code]
    marks = trend_marks(stories, view.year, report.through)
    name, cohort = report.ref.naam, report.cohort.year
    tables = [contents.region_goals(report), contents.comparison_table(report), contents.peers_table(report)]
    try:
        minimum = runtime().settings.suppression_minimum
        tables.append(contents.organisations_table(report, region_organisations(db, view, code, minimum)))
    except access.NoAccess:
        pass  # a reader who may not see this region's organisations gets the pack without them
    title = _("{regio}, startcohort {cohort}").format(regio=name, cohort=cohort)
    figures = PackSection(
        _("Regio {regio}").format(regio=name),
        # The section opens with what changed since the region's last stuurgroep.
        f"{contents.region_opening(report)}\n\n{funnel_summary(name, report.funnel, cohort)}",
        [
            trend_figure(
                report.monthly,
                view.year,
                view.peildatum,
                report.target_started,
                years=2,
                medium=PRINT,
                marks=marks,
            ),
            funnel_figure(report.funnel, title, medium=PRINT),
        ],
        tables,
    )
    return [figures, narrative_section(name, narrative, report.changes, report.through)]


def _meetings(view: View, codes: tuple[str, ...]) -> PackSection:
    table = contents.meetings_table(national_report(runtime().db, view), codes)
    return PackSection(_("Bijeenkomsten"), "", [], [table])


def meeting_pack(show: Show) -> tuple[PackInfo, list[PackSection]]:
    """What the pack holds for this show (the same choices as presentation mode)."""
    view = show.view(current_viewer(), current_language())
    # A pack of a published peildatum draws the snapshot, so it reads the same next month.
    found = snapshots.current_at(runtime().db, view.peildatum)
    if found is not None:
        view = view.but(publication=found.id)
    names = {r.code: r.naam for r in region_refs()}
    chosen = ", ".join(names[c] for c in show.regions) or _("geen")
    filters = _("Jaar {jaar} · peildatum {peildatum} · regio's: {regios}").format(
        jaar=show.year, peildatum=fmt.date(show.peildatum), regios=chosen
    )
    status = data_status(runtime().db)
    data_date = fmt.moment(status.last_import) if status.last_import is not None else _("geen gegevens")
    filters += " · " + (label(found) if found is not None else provisional_label(view.peildatum))
    if status.demo:
        filters += _(" · VOORBEELDDATA (fictief)")
    info = PackInfo(_("Hoofdzaak Werk Monitor – vergaderstuk"), show.peildatum, filters, data_date, show.year)
    sections = [
        *_national(view),
        *(section for code in show.regions for section in _region(view, code)),
        _meetings(view, show.regions),
        signals_section(
            signals_for(runtime().db, view.viewer or current_viewer(), view.peildatum),
            show.regions,
            view.peildatum,
        ),
    ]
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
