"""Who is looking, and what they may see: the one place the rules of the roles are written down.

Every figure about organisations goes through ``dashboard.data.access``, which asks the viewer
from here. Pages and callbacks only decide what to *draw*; what data exists for a viewer is
decided below them, so a crafted URL or callback request gets no more than the page would show.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import g, has_request_context

from dashboard.rules.suppression import SuppressionRule

PUBLIC = "openbaar"
NATIONAL = "landelijk"
REGIONAL = "regio"
ADMIN = "beheer"

ROLE_LABELS = {
    PUBLIC: "openbaar",
    NATIONAL: "landelijk",
    REGIONAL: "regio",
    ADMIN: "beheer",
}


@dataclass(frozen=True)
class Viewer:
    """A person (or the public) looking at the monitor.

    Attributes:
        name: account name; empty for the public.
        role: ``openbaar``, ``landelijk``, ``regio`` or ``beheer``.
        regions: the regions a ``regio`` viewer sees in full detail.
    """

    name: str
    role: str
    regions: frozenset[str] = frozenset()

    def sees_organisations(self, region: str) -> bool:
        """Whether figures per organisation of ``region`` may be shown to this viewer."""
        if self.role in (NATIONAL, ADMIN):
            return True
        return self.role == REGIONAL and region in self.regions

    @property
    def sees_any_organisations(self) -> bool:
        """Whether some region's organisations are open to this viewer."""
        return self.role in (NATIONAL, ADMIN) or bool(self.role == REGIONAL and self.regions)

    @property
    def is_admin(self) -> bool:
        """Imports data, manages accounts, reads the import log, sees small numbers."""
        return self.role == ADMIN

    @property
    def signed_in(self) -> bool:
        """Whether this is an account (not the public)."""
        return self.role != PUBLIC

    def suppression(self, minimum: int) -> SuppressionRule:
        """The small-number rule for this viewer: ``beheer`` sees every number as it is."""
        if self.is_admin:
            return SuppressionRule(minimum=1, percent_base=0)
        return SuppressionRule.from_minimum(minimum)


# The public of an ``openbaar`` monitor.
PUBLIC_VIEWER = Viewer("", PUBLIC)
# Code running outside any web request (the CLI, a data test) sees what a national account sees,
# small numbers suppressed; every web request has a viewer set by the login guard.
SYSTEM_VIEWER = Viewer("systeem", NATIONAL)

_KEY = "hzw_viewer"


def set_viewer(viewer: Viewer) -> None:
    """Record the viewer of the current request (the login guard does this before any view)."""
    setattr(g, _KEY, viewer)


def current_viewer() -> Viewer:
    """The viewer of the current request.

    A request that reached a view without a viewer gets the public's rights, never more.
    """
    if not has_request_context():
        return SYSTEM_VIEWER
    found = getattr(g, _KEY, None)
    return found if isinstance(found, Viewer) else PUBLIC_VIEWER
