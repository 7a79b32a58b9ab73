"""Warnings about a file that keeps the contract but looks unlikely: they wait for "toch importeren".

The near-duplicate organisation name lives with the other name rules (``identity.review_names``);
here are the volume jump and rows that the import merged instead of writing each.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard.data.models import Delivery, Organisation
from dashboard.i18n import _, ngettext
from dashboard.text import format as fmt

# A delivery this many times the organisation's largest earlier one, and at least this many rows
# more, is more often a wrong export (another organisation's rows, a file twice) than growth.
JUMP_FACTOR = 3
JUMP_MIN_ROWS = 100


def is_jump(rows: int, earlier_largest: int | None) -> bool:
    """Whether ``rows`` jumps against the largest earlier delivery (None: no earlier delivery)."""
    if earlier_largest is None:
        return False
    return rows > JUMP_FACTOR * earlier_largest and rows - earlier_largest >= JUMP_MIN_ROWS


def volume_jumps(session: Session, import_id: int) -> tuple[str, ...]:
    """A warning per organisation whose rows in this import jump against its earlier deliveries.

    Read inside the import's transaction, after the writer recorded the import's deliveries.
    """
    now = session.execute(
        select(Delivery.organisation_id, Delivery.rijen, Organisation.naam, Organisation.region_code)
        .join(Organisation, Organisation.id == Delivery.organisation_id)
        .where(Delivery.import_id == import_id)
    ).all()
    if not now:
        return ()
    earlier = dict(
        session.execute(
            select(Delivery.organisation_id, func.max(Delivery.rijen))
            .where(
                Delivery.organisation_id.in_([row.organisation_id for row in now]),
                Delivery.import_id != import_id,
            )
            .group_by(Delivery.organisation_id)
        ).all()
    )
    warnings = []
    for row in sorted(now, key=lambda r: (r.region_code, r.naam)):
        largest = earlier.get(row.organisation_id)
        if not is_jump(row.rijen, largest):
            continue
        warnings.append(
            _(
                "{organisatie} ({regio}) levert {rijen} rijen, veel meer dan de grootste eerdere "
                "levering ({eerder} rijen). Staan er rijen van een andere organisatie of een bestand "
                "twee keer in?"
            ).format(
                organisatie=row.naam,
                regio=row.region_code,
                rijen=fmt.number(row.rijen),
                eerder=fmt.number(largest),
            )
        )
    return tuple(warnings)


def merged_rows(kind: str, rows: int, counts: Counter[str]) -> tuple[str, ...]:
    """A warning when fewer records were written than the file has rows, with the reason.

    Only meetings merge (the same meeting twice is one meeting, see ``writing.write_meetings``);
    for the other kinds a repeated key is an error, so their counts always add up.
    """
    written = counts["nieuw"] + counts["gewijzigd"] + counts["ongewijzigd"]
    merged = rows - written
    if merged <= 0:
        return ()
    return (merged_reason(kind, merged),)


def merged_reason(kind: str, merged: int) -> str:
    """Why ``merged`` rows of a file wrote no record of their own (also for the import log)."""
    if kind == "bijeenkomsten":
        return ngettext(
            "{n} rij beschrijft een bijeenkomst die al eerder in het bestand staat (zelfde regio, "
            "soort, datum en onderwerp) en is daarmee samengevoegd.",
            "{n} rijen beschrijven een bijeenkomst die al eerder in het bestand staat (zelfde regio, "
            "soort, datum en onderwerp) en zijn daarmee samengevoegd.",
            merged,
        ).format(n=fmt.number(merged))
    return ngettext(
        "{n} rij is samengevoegd met een andere rij.",
        "{n} rijen zijn samengevoegd met een andere rij.",
        merged,
    ).format(n=fmt.number(merged))
