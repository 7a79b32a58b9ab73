"""The meeting pack (*vergaderstuk*): the national overview and the chosen regions as PDF or PPTX.

It draws the reports every page draws (``dashboard.reports``), with the pages' figure builders in
their print medium; the tables and sentences come from ``dashboard.documents.pack.contents``.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qsl

from flask import Blueprint, Response, abort, jsonify, request

from dashboard.auth.viewer import current_viewer
from dashboard.data import access, snapshots
from dashboard.data.meta import data_status
from dashboard.data.narratives import narrative_for, narratives_in
from dashboard.documents.pack import PackInfo, PackSection, contents, pack_filename, pack_pdf, pack_pptx
from dashboard.documents.pack.narrative import narrative_section
from dashboard.documents.pack.signals import signals_section
from dashboard.i18n import _, current_language
from dashboard.infra.cache import request_data_status
from dashboard.infra.runtime import runtime
from dashboard.jobs import JobContext, JobOutcome
from dashboard.jobs.web import describe, jobs
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


def build_pack(
    show: Show, extension: str, on_figure: Callable[[int, int], None] | None = None
) -> tuple[bytes, str]:
    """The pack's file and its name, for the reader and language of the current request."""
    info, sections = meeting_pack(show)
    render = pack_pdf if extension == "pdf" else pack_pptx
    return render(info, sections, on_figure), pack_filename(info, extension)


def pack_job(job: JobContext) -> JobOutcome:
    """A meeting pack as a background job: progress per figure drawn."""
    show = parse_show(job.arguments["query"])
    extension = job.arguments["formaat"]
    # Gathering the reports comes first; it shows as "figuur 0 van N" once N is known.
    body, name = build_pack(show, extension, lambda done, total: job.progress(done, total, "figuur"))
    return JobOutcome(body, name)


def pack_version() -> str:
    """Everything a pack shows besides its arguments: imports, narratives, stuurgroep dates."""
    status = request_data_status(runtime().db)
    return f"{status.version}|{status.narratives}|{status.steering_groups}"


@blueprint.route("/taak/vergaderstuk.<extension>", methods=["POST"])
def start(extension: str) -> Response:
    """Start the pack in the background (or join the same pack already being made)."""
    if extension not in MEDIA or not request.is_json:
        abort(404 if extension not in MEDIA else 400)
    query = {k: v for k, v in request.args.to_dict().items() if k != "lang"}
    show = parse_show(query)
    # The arguments as parsed, so that two spellings of the same pack share one job.
    arguments = {"query": dict(parse_qsl(show.key())), "formaat": extension}
    job_id, _new = jobs().submit(
        "vergaderstuk", arguments, current_viewer(), current_language(), pack_version()
    )
    state = jobs().state(job_id)
    assert state is not None  # noqa: S101 - created a moment ago
    return jsonify(describe(state))


@blueprint.route("/vergaderstuk.<extension>")
def download(extension: str) -> Response:
    """``/vergaderstuk.pdf?jaar=…&peildatum=…&regios=AM09,AM01`` (or ``.pptx``)."""
    if extension not in MEDIA:
        abort(404)
    body, name = build_pack(parse_show(request.args.to_dict()), extension)
    response = Response(body, mimetype=MEDIA[extension])
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
