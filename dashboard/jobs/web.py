"""The small API of background jobs: a job's progress, stopping it, and its file.

A page's script asks ``/taak/<id>`` for progress; ``/taak/<id>/stop`` stops the job and
``/taak/<id>/bestand`` gives the finished file. Only a reader with the scope the job was started
with sees it: the job's file holds exactly what that scope may read.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, jsonify, request

from dashboard.auth.viewer import current_viewer
from dashboard.data import kept_packs
from dashboard.data.jobs import JobState
from dashboard.i18n import with_language
from dashboard.infra.runtime import runtime
from dashboard.jobs import words
from dashboard.jobs.queue import Jobs
from dashboard.jobs.runner import reader_text

blueprint = Blueprint("jobs", __name__)
JOBS_KEY = "jobs"


def jobs() -> Jobs:
    """The job service of the running app."""
    found: Jobs = runtime().extras[JOBS_KEY]
    return found


def own_state(job_id: str) -> JobState | None:
    """The job's state when the current reader may see it, else None."""
    if not isinstance(job_id, str) or not job_id.isalnum() or len(job_id) > 32:
        return None
    state = jobs().state(job_id)
    if state is None or state.lezer != reader_text(current_viewer()):
        return None
    return state


def describe(state: JobState) -> dict[str, Any]:
    """What a page shows of a job."""
    return {
        "id": state.id,
        "toestand": state.toestand,
        "stap": state.stap,
        "totaal": state.totaal,
        "procent": words.percent(state),
        "tekst": words.step_text(state),
        "bestand": with_language(f"/taak/{state.id}/bestand") if state.has_result else "",
    }


def media_of(name: str) -> str:
    """The media type of a pack by its file name."""
    if name.endswith(".pptx"):
        return "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    return "application/pdf" if name.endswith(".pdf") else "application/octet-stream"


def _mutating() -> None:
    # A JSON body cannot be sent cross-site without the browser asking first: the same guard as
    # Dash's own callback requests.
    if not request.is_json:
        abort(400)


@blueprint.route("/taak/<job_id>")
def status(job_id: str) -> Response:
    """The job's progress as JSON."""
    state = own_state(job_id)
    if state is None:
        abort(404)
    return jsonify(describe(state))


@blueprint.route("/taak/<job_id>/stop", methods=["POST"])
def stop(job_id: str) -> Response:
    """Stop the job; nothing it did stays behind."""
    _mutating()
    if own_state(job_id) is None:
        abort(404)
    jobs().stop(job_id)
    state = jobs().state(job_id)
    assert state is not None  # noqa: S101 - it was there a moment ago and jobs are never deleted
    return jsonify(describe(state))


@blueprint.route("/taak/<job_id>/bestand")
def download(job_id: str) -> Response:
    """The finished job's file."""
    if own_state(job_id) is None:
        abort(404)
    found = jobs().result(job_id)
    if found is None:
        abort(404)
    body, name = found
    response = Response(body, mimetype=media_of(name))
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@blueprint.route("/vergaderstuk/bewaard/<int:pack_id>")
def kept(pack_id: int) -> Response:
    """A pack kept for a stuurgroep, for those who may read that region's organisations.

    The kept pack shows them, so it is for national and beheer accounts and the region's own.
    """
    # Row ids fit a 32-bit integer; a larger number in the address is no pack (and no database error).
    found = kept_packs.kept_file(runtime().db, pack_id) if pack_id < 2**31 else None
    if found is None or not current_viewer().sees_organisations(found[0]):
        abort(404)
    _region, name, body = found
    response = Response(body, mimetype=media_of(name))
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
