"""``hzw vergaderstuk``: meeting packs from the command line, and kept ahead of each stuurgroep.

The packs run as background jobs like a click on the page: on the workers when a broker is set,
else in this process; the command waits and shows the figures being drawn.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

import click

from dashboard.auth.viewer import SYSTEM_VIEWER
from dashboard.cli import common as common
from dashboard.data import kept_packs
from dashboard.data.meta import data_status, reference_date
from dashboard.infra import clock
from dashboard.infra.runtime import EXTENSION
from dashboard.jobs import words
from dashboard.jobs.queue import Jobs
from dashboard.jobs.web import JOBS_KEY
from geodata import region_refs

KIND = "vergaderstuk"


@click.group("vergaderstuk", help="Vergaderstukken (PDF/PPTX) maken, los of vóór elke stuurgroep.")
def vergaderstuk() -> None:
    """Meeting-pack commands."""


def _day(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise common.CliError(
            f"'{text[:20]}' is geen datum: schrijf JJJJ-MM-DD. Er is niets gemaakt."
        ) from None


def _service() -> tuple[Any, Jobs]:
    from dashboard.app import create_app  # the pack draws with the pages' figure builders

    app = create_app()
    return app, app.server.extensions[EXTENSION].extras[JOBS_KEY]


def _close(app: Any, jobs: Jobs) -> None:
    # A command ends here: the pool's threads and the app's database connections go with it (a
    # connection left open would hold a test database, or a server's slot, after the command).
    jobs.shutdown()
    app.server.extensions[EXTENSION].db.dispose()


def _make(
    app: Any, jobs: Jobs, regions: tuple[str, ...], peildatum: dt.date, extension: str
) -> tuple[bytes, str]:
    """One pack as a job; waits, showing the steps, and returns its file."""
    query = {"jaar": str(peildatum.year), "peildatum": peildatum.isoformat()}
    if regions:
        query["regios"] = ",".join(regions)
    runtime = app.server.extensions[EXTENSION]
    status = data_status(runtime.db)
    version = f"{status.version}|{status.narratives}|{status.steering_groups}"
    job_id, _new = jobs.submit(KIND, {"query": query, "formaat": extension}, SYSTEM_VIEWER, "nl", version)
    shown = ""
    while True:
        state = jobs.state(job_id)
        if state is None:
            raise common.CliError("De opdracht is verdwenen. Er is niets gemaakt.")
        with app.server.app_context():
            text = words.step_text(state)
        if text != shown and state.active:
            click.echo(f"  {text}")
            shown = text
        if not state.active:
            break
        time.sleep(0.2)
    found = jobs.result(job_id)
    if state.toestand != "klaar" or found is None:
        with app.server.app_context():
            raise common.CliError(words.failure_text(state))
    return found


def _peildatum(app: Any, given: dt.date | None) -> dt.date:
    runtime = app.server.extensions[EXTENSION]
    return given or reference_date(data_status(runtime.db), runtime.settings.peildatum)


@vergaderstuk.command("maak", help="Maak vergaderstukken: één per --regio, of het landelijke zonder --regio.")
@click.option("--regio", "regions", multiple=True, help="Regiocode, bijv. AM09 (vaker te geven).")
@click.option("--peildatum", default=None, help="JJJJ-MM-DD (standaard de datum van de gegevens).")
@click.option("--formaat", type=click.Choice(["pdf", "pptx"]), default="pdf", show_default=True)
@click.option("--map", "folder", type=click.Path(path_type=Path, file_okay=False), default=Path("."))
def maak(regions: tuple[str, ...], peildatum: str | None, formaat: str, folder: Path) -> None:
    """Build packs and write them to a folder."""
    known = {r.code for r in region_refs()}
    unknown = [code for code in regions if code.upper() not in known]
    if unknown:
        raise common.CliError(f"Onbekende regio: {', '.join(unknown)}. Er is niets gemaakt.")
    day = _day(peildatum)
    app, jobs = _service()
    try:
        day = _peildatum(app, day)
        folder.mkdir(parents=True, exist_ok=True)
        for code in [c.upper() for c in regions] or [""]:
            click.echo(f"Vergaderstuk {code or 'landelijk'} (peildatum {day.isoformat()}):")
            body, name = _make(app, jobs, (code,) if code else (), day, formaat)
            path = folder / (name.replace("vergaderstuk-", f"vergaderstuk-{code}-") if code else name)
            path.write_bytes(body)
            click.echo(f"  geschreven: {path}")
    finally:
        _close(app, jobs)


@vergaderstuk.command(
    "gepland",
    help=(
        "Maak en bewaar het vergaderstuk van elke regio die binnen HZW_PACK_DAYS_BEFORE dagen een "
        "stuurgroep heeft (gepland met `hzw stuurgroep gepland`, of uit de bijeenkomsten), als dat er "
        "nog niet is. Voor cron, bijv. dagelijks."
    ),
)
@click.option("--vandaag", default=None, help="JJJJ-MM-DD in plaats van vandaag (om te proberen).")
def gepland(vandaag: str | None) -> None:
    """Build and keep the packs due before the coming stuurgroep meetings."""
    today = _day(vandaag) or clock.today()
    app, jobs = _service()
    try:
        runtime = app.server.extensions[EXTENSION]
        due = kept_packs.due(runtime.db, today, runtime.settings.pack_days_before)
        if not due:
            click.echo("Geen stuurgroep in aantocht zonder vergaderstuk; er is niets gemaakt.")
        day = _peildatum(app, None)
        for code, meeting in due:
            click.echo(f"{code}: stuurgroep van {meeting.isoformat()}")
            body, name = _make(app, jobs, (code,), min(day, today), "pdf")
            kept_packs.keep(runtime.db, code, meeting, min(day, today), "pdf", name, body)
            click.echo("  bewaard")
    finally:
        _close(app, jobs)
