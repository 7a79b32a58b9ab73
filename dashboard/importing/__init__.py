"""The import path: files (and the demo generator) enter the database only through here."""

from dashboard.importing.problems import ImportBusy, ImportRejected, ImportUnconfirmed, Problem
from dashboard.importing.service import ImportResult, import_file, import_frame

__all__ = [
    "ImportBusy",
    "ImportRejected",
    "ImportResult",
    "ImportUnconfirmed",
    "Problem",
    "import_file",
    "import_frame",
]
