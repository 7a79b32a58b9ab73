"""Access to the running app's settings and database from callbacks (via Flask's app context)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from flask import current_app

from dashboard.data.meta import reference_date
from dashboard.infra.cache import request_data_status
from dashboard.infra.config import Settings
from dashboard.infra.db import Database
from geodata.boundaries import BoundaryError

EXTENSION = "hzw"


@dataclass(frozen=True)
class Runtime:
    """What one app instance holds: its settings and its database gateway."""

    settings: Settings
    db: Database
    # Prepared GeoJSON of the 35 regions, or None with the reason the map falls back to tiles.
    boundaries: dict[str, Any] | None = None
    boundary_problem: BoundaryError | None = None
    # Per-app services that exist only in some configurations (the OpenID Connect client).
    extras: dict[str, Any] = field(default_factory=dict)


def runtime() -> Runtime:
    """The runtime of the app serving the current request."""
    found: Runtime = current_app.extensions[EXTENSION]
    return found


def current_peildatum() -> dt.date:
    """The default peildatum for this request (fixed by configuration, or from the data date)."""
    rt = runtime()
    if rt.settings.peildatum is not None:
        # Fixed by configuration: the import log cannot change it, so it is not read for it.
        return rt.settings.peildatum
    return reference_date(request_data_status(rt.db), None)
