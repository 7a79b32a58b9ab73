"""Callback of the region page's list of packs kept for its stuurgroep meetings."""

from __future__ import annotations

from dash import Dash, Input, Output

from dashboard.auth.viewer import current_viewer
from dashboard.data.kept_packs import kept_for
from dashboard.infra.runtime import runtime
from geodata import region_refs
from layouts import ids
from layouts.kept_packs import kept_list


def update_kept(code_raw: object) -> object:
    """The kept packs, for those who may read the region's organisations (as the packs show them)."""
    code = code_raw if isinstance(code_raw, str) else ""
    if code not in {r.code for r in region_refs()} or not current_viewer().sees_organisations(code):
        return None
    return kept_list(kept_for(runtime().db, code))


def register(app: Dash) -> None:
    """Wire this module's callbacks to ``app``."""
    # region -> its kept packs
    app.callback(Output(ids.REGION_KEPT_PACKS, "children"), Input(ids.REGION_CODE, "data"))(update_kept)
