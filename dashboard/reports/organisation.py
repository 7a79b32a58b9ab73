"""Organisation figures as the viewer may see them: the region's grid and export, the pack, one organisation.

Small numbers are already hidden (``dashboard.data.access`` applies the viewer's suppression
rule), so every output that reads these rows shows the same hidden cells. These reports depend on
who is looking, so they are not cached themselves; the published tables beneath them are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.data import access
from dashboard.data.cohorts import OrganisationRef
from dashboard.data.progress import progress_by_region
from dashboard.i18n import _
from dashboard.infra.db import Database
from dashboard.reports.region import region_ref
from dashboard.reports.view import View
from dashboard.rules import domain, metrics
from dashboard.rules.suppression import ORGANISATION_COUNTS, SuppressionRule
from dashboard.text import format as fmt
from dashboard.text.categories import ORGANISATION_TYPE, category
from dashboard.text.rounding import exact
from geodata import RegionRef


def _plain(value: object) -> object:
    # Shown numbers as Python numbers, markers as text, missing as None (JSON for the grid). The
    # grid rounds halves away from zero as fmt does, once the float noise is gone (28.499999999999996
    # is 28.5, which shows as 29 %).
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, str):
        return value
    number = float(exact(value))  # type: ignore[arg-type]
    return int(number) if number.is_integer() else number


def organisation_rows(shown: pd.DataFrame) -> list[dict[str, Any]]:
    """Grid rows of the region's organisations as published (``access.organisation_table``)."""
    rows = []
    for rec in shown.to_dict("records"):
        last = rec["laatst_aangeleverd"]
        rows.append(
            {
                "id": int(rec["id"]),
                "organisatie": rec["organisatie"],
                # pandas gives NaN, not None, for an organisation of unknown type. The type is shown
                # text (grid, pack), so it is in the reader's language; exports keep the stored code.
                "soort": category(ORGANISATION_TYPE, rec["soort"])
                if isinstance(rec["soort"], str)
                else _("onbekend"),
                **{column: _plain(rec[column]) for column in ORGANISATION_COUNTS},
                "duurzaam_pct": _plain(rec["duurzaam_pct"]),
                "aandeel_pct": _plain(rec["aandeel_regio_pct"]),
                "onderdrukt": any(bool(rec[f"{column}_onderdrukt"]) for column in ORGANISATION_COUNTS),
                # A row hidden whole to protect small counts says so briefly; the reason stands once
                # under the grid (hidden_rows_note), not repeated in every row.
                "toelichting": _("rij verborgen") if isinstance(rec.get("toelichting"), str) else None,
                # The calendar day in Dutch time; the grid and the tile have no room for the time.
                "laatst_aangeleverd": fmt.moment(last).rsplit(" ", 1)[0]
                if last is not None and not pd.isna(last)
                else _("geen gegevens"),
            }
        )
    return rows


def hidden_rows_note(rows: list[dict[str, Any]]) -> str | None:
    """How many organisations show no figures at all, and why (None when every row shows some)."""
    hidden = sum(1 for row in rows if row.get("toelichting"))
    if not hidden:
        return None
    return _(
        "{hidden} van de {total} organisaties zonder cijfers (rij verborgen): te weinig trajecten om "
        "hun cijfers te tonen zonder dat kleine aantallen herleidbaar zijn."
    ).format(hidden=hidden, total=len(rows))


def moment_note(view: View) -> str | None:
    """What the reader is told about the day organisation figures stand on (None for ``beheer``)."""
    if view.viewer is None or view.viewer.is_admin:
        return None
    moment = access.moment_for(view.viewer, view.peildatum)
    return _("Cijfers per organisatie staan per kwartaaleinde: stand {datum}.").format(datum=fmt.date(moment))


def published_table(db: Database, view: View, code: str, minimum: int) -> pd.DataFrame:
    """The organisations of region ``code`` (start cohort ``view.year``) as ``view.viewer`` may see them.

    Everyone but ``beheer`` sees the last published moment (quarter end) on or before the
    peildatum, protected by the disclosure audit (``access.organisation_table``).

    Raises:
        access.NoAccess: when ``view.viewer`` may not see this region's organisations.
        access.Withheld: when the table failed the audit (its message says so in Dutch).
    """
    if view.viewer is None:
        raise access.NoAccess(_("U hebt geen toegang tot cijfers per organisatie."))
    return access.organisation_table(view.viewer, db, code, view.year, view.peildatum, minimum)


def region_organisations(db: Database, view: View, code: str, minimum: int) -> list[dict[str, Any]]:
    """The organisations of region ``code``: counts of start cohort ``view.year``, outflow of ``view.cohort``.

    The outflow percentage is that of the cohort the region page's gauge and comparison hold
    against the goal, as the grid's column title says.

    Raises:
        access.NoAccess: when ``view.viewer`` may not see this region's organisations.
    """
    rows = organisation_rows(published_table(db, view, code, minimum))
    cohort = published_table(db, view.but(year=view.cohort), code, minimum)
    outflow = {row["id"]: row["duurzaam_pct"] for row in organisation_rows(cohort)}
    return [row | {"duurzaam_pct": outflow.get(row["id"])} for row in rows]


def visible_organisation(db: Database, view: View) -> OrganisationRef | None:
    """Organisation ``view.organisation`` when ``view.viewer`` may see it, in ``view.region`` if named.

    None for one that does not exist, one the viewer may not see and one of another region: the
    same answer, so a crafted number does not tell whether it exists.
    """
    if view.viewer is None:
        return None
    found = access.organisation(view.viewer, db, view.organisation)
    if found is None or (view.region is not None and found.region_code != view.region):
        return None
    return found


@dataclass(frozen=True)
class OrganisationReport:
    """One organisation at one view, as its viewer may see it.

    Attributes:
        ref: the organisation; region: its region.
        year, peildatum: of the view (start cohort ``year``).
        mature: whether start cohort ``year`` is mature at the peildatum.
        counts: its published row of the region's grid (``organisation_rows``), small numbers
            hidden there hidden here; None when it delivered nothing (*geen gegevens*, never 0).
        target_outflow_pct: the region's outflow goal of the year, the one its gauge shows.
        rule: the viewer's small-number rule.
        monthly: starts per month of this and last year, or None when any month is a small number.
        mix: methods and funding of the cohort, or None when any count in it is a small number.
        deliveries: its delivery status per quarter at the peildatum.
        files: the files that brought its trajectories by the peildatum.
    """

    ref: OrganisationRef
    region: RegionRef
    year: int
    peildatum: dt.date
    mature: bool
    counts: dict[str, Any] | None
    target_outflow_pct: float
    rule: SuppressionRule
    monthly: pd.DataFrame | None
    mix: pd.DataFrame | None
    deliveries: pd.DataFrame
    files: pd.DataFrame

    @property
    def suppressed(self) -> bool:
        """Whether some of its counts are hidden as small numbers."""
        return self.counts is not None and bool(self.counts["onderdrukt"])


def organisation_report(
    db: Database, view: View, organisation_id: int | None, minimum: int
) -> OrganisationReport:
    """The report of organisation ``organisation_id`` at ``view``, for ``view.viewer``.

    Starts per month and per method are single small counts at this level: they are shown only
    when none of them is small.

    Raises:
        access.NoAccess: when it does not exist or the viewer may not see it (one answer for both).
    """
    found = visible_organisation(db, view.but(organisation=organisation_id, region=None))
    if found is None or view.viewer is None:
        raise access.NoAccess(_("Organisatie niet gevonden of geen toegang."))
    viewer, year, peildatum = view.viewer, view.year, view.peildatum
    table = published_table(db, view, found.region_code, minimum)
    row = next(r for r in organisation_rows(table) if r["id"] == found.id)
    rule = viewer.suppression(minimum)
    # Figures per organisation stand on the published moment (beheer: on the peildatum itself).
    day = access.moment_for(viewer, peildatum)
    first = max(domain.FIRST_YEAR, year - 1)
    monthly = access.organisation_monthly(viewer, db, found, first, metrics.effective_date(year, day))
    mix = access.organisation_mix(viewer, db, found, year, day)
    # The months add up to the row's starts and the mix to its starts and outflow: where the
    # audited table hides those, showing the parts would give the hidden cells away.
    own = table[table["id"] == found.id].iloc[0]
    monthly_open = not bool(own["gestart_onderdrukt"]) and access.starts_always_shown(
        viewer, db, found, range(first, year + 1), day, minimum
    )
    mix_open = not (bool(own["gestart_onderdrukt"]) or bool(own["duurzaam_onderdrukt"]))
    goals = progress_by_region(db, year, peildatum).set_index("code")
    return OrganisationReport(
        ref=found,
        region=region_ref(found.region_code),
        year=year,
        peildatum=peildatum,
        mature=metrics.cohort_is_mature(year, peildatum),
        counts=None if row["gestart"] is None else row,
        # The region's own outflow goal for the year, as the region's gauge holds it.
        target_outflow_pct=float(goals.loc[found.region_code, "doel_duurzaam_pct"]),
        rule=rule,
        monthly=None
        if not monthly_open or any(rule.is_small(int(v)) for v in monthly["gestart"])
        else monthly,
        mix=None
        if not mix_open or any(rule.is_small(int(v)) for v in [*mix["gestart"], *mix["duurzaam"]])
        else mix,
        deliveries=access.delivery(viewer, db, peildatum, found.id),
        files=access.organisation_files(viewer, db, found, peildatum),
    )
