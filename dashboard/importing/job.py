"""An upload checked or imported as a background job: the same ``import_file`` as the CLI.

The file travels with the job in the database (a worker may run on another machine) and is
dropped when the job ends; the outcome is the summary or every problem, as the page shows them.
"""

from __future__ import annotations

import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from dashboard.importing import progress
from dashboard.importing.problems import ImportBusy, ImportRejected
from dashboard.importing.service import import_file
from dashboard.jobs import JobContext, JobOutcome

KIND = "import"


def import_arguments(
    kind: str,
    file_name: str,
    check_only: bool,
    left_out: str | None,
    new_organisations: list[str],
    max_bytes: int,
    parse_seconds: float,
    user: str,
) -> dict[str, Any]:
    """The job's arguments: what ``import_file`` needs besides the file itself."""
    return {
        "soort": kind,
        "bestandsnaam": file_name,
        "alleen_controleren": check_only,
        "ontbrekend": left_out,
        "nieuwe_organisaties": new_organisations,
        "max_bytes": max_bytes,
        "parse_seconds": parse_seconds,
        "gebruiker": user,
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
            "rijen": result.rijen,
            "import": result.import_id,
        }
    )
