"""An upload checked or imported as a background job: the same ``import_file`` as the CLI.

The file travels with the job in the database (a worker may run on another machine) and is
dropped when the job ends; the outcome is the summary with its warnings, every problem, or the
warnings that stopped an import without "toch importeren", as the page shows them.
"""

from __future__ import annotations

import base64
import binascii
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from dashboard.i18n import N_, _
from dashboard.importing import progress
from dashboard.importing.problems import ImportBusy, ImportRejected, ImportUnconfirmed, Problem
from dashboard.importing.service import import_file
from dashboard.jobs import JobContext, JobOutcome

KIND = "import"
ADMIN_ONLY = N_("alleen het beheer van de monitor mag bestanden aanleveren")


def shown_name(filename: object) -> str:
    """The client's name of the file, only shown and logged; the file on disk gets a fixed name."""
    name = filename if isinstance(filename, str) else ""
    return (Path(name or "bestand.csv").name.replace("\x00", "") or "bestand.csv")[:200]


def receive_upload(contents: str, name: str, is_admin: bool, max_bytes: int) -> bytes:
    """The file from the browser's data URL, for ``beheer`` only and within the size limit.

    Raises:
        ImportRejected: with the reason; nothing was written.
    """
    # Checked here, not only by hiding the form: a forged callback request gets the same answer.
    if not is_admin:
        raise ImportRejected(name, [Problem(None, "", "", _(ADMIN_ONLY))])
    if len(contents) > max_bytes * 1.4 + 1000:  # base64 is 4/3 of the file
        too_large = _("het bestand is groter dan de toegestane grens")
        raise ImportRejected(name, [Problem(None, "", "", too_large)])
    try:
        return base64.b64decode(contents.split(",", 1)[1], validate=True)
    except (IndexError, binascii.Error):
        not_received = _("het bestand kon niet worden ontvangen")
        raise ImportRejected(name, [Problem(None, "", "", not_received)]) from None


def import_arguments(
    kind: str,
    file_name: str,
    check_only: bool,
    left_out: str | None,
    new_organisations: list[str],
    max_bytes: int,
    parse_seconds: float,
    user: str,
    accept_warnings: bool = False,
) -> dict[str, Any]:
    """The job's arguments: what ``import_file`` needs besides the file itself.

    ``accept_warnings`` is "toch importeren": an import that raises warnings writes only with it.
    """
    return {
        "soort": kind,
        "bestandsnaam": file_name,
        "alleen_controleren": check_only,
        "ontbrekend": left_out,
        "nieuwe_organisaties": new_organisations,
        "max_bytes": max_bytes,
        "parse_seconds": parse_seconds,
        "gebruiker": user,
        "toch_importeren": accept_warnings,
    }


def import_job(job: JobContext) -> JobOutcome:
    """Check or import the job's file; stopping it before the commit writes nothing."""
    args = job.arguments
    name = str(args["bestandsnaam"])
    with tempfile.TemporaryDirectory(prefix="hzw-upload-") as folder:
        path = Path(folder) / ("upload.xlsx" if name.lower().endswith(".xlsx") else "upload.csv")
        path.write_bytes(job.data or b"")
        try:
            with progress.reporting(job):
                result = import_file(
                    job.db,
                    str(args["soort"]),
                    path,
                    user=str(args["gebruiker"]),
                    max_bytes=int(args["max_bytes"]),
                    parse_seconds=float(args["parse_seconds"]),
                    check_only=bool(args["alleen_controleren"]),
                    file_name=name,
                    new_organisations=list(args["nieuwe_organisaties"]),
                    left_out=args["ontbrekend"],
                    # Only a true tick counts; a job from before the choice existed has none.
                    accept_warnings=args.get("toch_importeren") is True,
                )
        except ImportUnconfirmed as unconfirmed:
            # Before ImportRejected, which it extends: these are warnings, not errors.
            warnings = list(unconfirmed.warnings)
            return JobOutcome(
                outcome={
                    "uitslag": "niet bevestigd",
                    "bestand": unconfirmed.file_name,
                    "waarschuwingen": warnings,
                }
            )
        except ImportRejected as rejected:
            problems = [asdict(p) for p in rejected.problems]
            return JobOutcome(
                outcome={"uitslag": "afgekeurd", "bestand": rejected.file_name, "fouten": problems}
            )
        except ImportBusy as busy:
            return JobOutcome(outcome={"uitslag": "bezet", "melding": str(busy)})
    return JobOutcome(
        outcome={
            "uitslag": "goed",
            "samenvatting": result.summary(),
            # The check's warnings apart, so the page can list them and ask for "toch importeren".
            "kaal": result.summary(False),
            "waarschuwingen": list(result.waarschuwingen),
            "rijen": result.rijen,
            "import": result.import_id,
        }
    )
