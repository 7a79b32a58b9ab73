"""Re-deliveries: one trajectory whatever the case of its id, and the earlier ones a file leaves out."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from dashboard.data import summary
from dashboard.data.models import Organisation, Trajectory
from dashboard.i18n import _, ngettext
from dashboard.importing.identity import organisation_ids
from dashboard.importing.problems import ImportRejected, Problem
from dashboard.importing.values import identity_key
from dashboard.rules.domain import WITHDRAWN
from dashboard.text import format as fmt

# What the sender chose for earlier trajectories the file leaves out (stored in the import log).
KEEP = "behouden"
WITHDRAW = "intrekken"
CHOICES = (KEEP, WITHDRAW)
# Trajectory ids per statement when withdrawing.
CHUNK = 1000


def pick(stored: Iterable[Any], wanted: Iterable[str]) -> dict[str, Any]:
    """Match the file's traject_ids of one organisation to its stored rows, case and spaces ignored.

    Rows stored before ids were compared this way may hold one id in two spellings; then the
    same spelling wins, then a row that is not withdrawn, then the oldest. The other stays
    unmatched, so a re-delivery reports it as left out and the sender can withdraw it.

    Args:
        stored: rows with ``id``, ``traject_id`` and ``eindreden``.
        wanted: the file's ids for this organisation (unique by key: the contract checks that).

    Returns:
        The file's traject_id → the stored row it updates; ids without one are new.
    """
    candidates: dict[str, list[Any]] = defaultdict(list)
    for row in stored:
        candidates[identity_key(row.traject_id)].append(row)
    matched: dict[str, Any] = {}
    for traject_id in wanted:
        options = candidates.get(identity_key(traject_id))
        if options:
            matched[traject_id] = min(
                options, key=lambda row: (row.traject_id != traject_id, row.eindreden == WITHDRAWN, row.id)
            )
    return matched


@dataclass(frozen=True)
class LeftOut:
    """Earlier trajectories of the file's organisations that the file does not hold."""

    ids: tuple[int, ...]
    per_organisation: dict[str, int]  # organisation name → how many

    def describe(self) -> str:
        """The count by organisation, names only: "GGZ Oost 7, UWV Oost 5"."""
        return ", ".join(f"{name} {fmt.number(n)}" for name, n in sorted(self.per_organisation.items()))


def left_out(session: Session, records: Sequence[dict[str, Any]], highest: int) -> LeftOut:
    """The stored, not withdrawn trajectories that a re-delivery leaves out.

    A file re-delivers an organisation when it holds at least one of its earlier trajectories;
    a file with only new ones adds to the earlier deliveries and leaves nothing out. Read after
    the file's rows were written, inside the import's transaction; ``highest`` is the highest
    trajectory id before they were, so the rows this import added do not count as earlier ones.
    """
    regions = {rec["regio"] for rec in records}
    ids = organisation_ids(session, regions)
    wanted: dict[int, list[str]] = defaultdict(list)
    for rec in records:
        wanted[ids[(rec["regio"], identity_key(rec["organisatie"]))]].append(rec["traject_id"])
    query = select(Organisation.id, Organisation.naam).where(Organisation.id.in_(wanted))
    names = {row.id: row.naam for row in session.execute(query)}
    missing: list[int] = []
    per_organisation: Counter[str] = Counter()
    for org_id, traject_ids in sorted(wanted.items()):
        columns = select(Trajectory.id, Trajectory.traject_id, Trajectory.eindreden)
        stored = session.execute(columns.where(Trajectory.organisation_id == org_id)).all()
        matched = {row.id for row in pick(stored, traject_ids).values()}
        if all(row_id > highest for row_id in matched):
            continue  # only new trajectories: an addition to the earlier deliveries, not a re-delivery
        gone = [row.id for row in stored if row.id not in matched and row.eindreden != WITHDRAWN]
        missing += gone
        if gone:
            per_organisation[names[org_id]] += len(gone)
    return LeftOut(tuple(missing), dict(per_organisation))


def withdraw(session: Session, ids: Sequence[int], import_id: int) -> None:
    """Mark trajectories withdrawn by this import and take them out of the summary."""
    before = summary.counted_by_id(session, ids)
    for start in range(0, len(ids), CHUNK):
        session.execute(
            update(Trajectory)
            .where(Trajectory.id.in_(ids[start : start + CHUNK]))
            .values(eindreden=WITHDRAWN, import_id=import_id)
        )
    summary.apply(session, Counter({key: -n for key, n in before.items()}))


@dataclass(frozen=True)
class Settled:
    """How many earlier trajectories were left out, what was done with them, and what to tell."""

    count: int
    choice: str | None
    notices: tuple[str, ...]


def settle(
    session: Session,
    records: Sequence[dict[str, Any]],
    import_id: int,
    highest: int,
    choice: str | None,
    *,
    file_name: str,
    check_only: bool,
) -> Settled:
    """Keep or withdraw the trajectories a re-delivery leaves out, as the sender chose.

    ``highest`` is the highest trajectory id before the file's rows were written.

    Raises:
        ImportRejected: when some were left out and no choice was made (outside a check).
    """
    gone = left_out(session, records, highest)
    if not gone.ids:
        return Settled(0, None, ())
    n = len(gone.ids)
    if choice is None:
        message = ngettext(
            "{aantal} eerder aangeleverd traject staat niet in dit bestand ({organisaties}).",
            "{aantal} eerder aangeleverde trajecten staan niet in dit bestand ({organisaties}).",
            n,
        ).format(aantal=fmt.number(n), organisaties=gone.describe())
        advice = _(
            "Kies bij het importeren of ze behouden blijven of worden ingetrokken (eindreden "
            "'ingetrokken': ze tellen dan niet meer mee); op de opdrachtregel met --ontbrekend behouden "
            "of --ontbrekend intrekken."
        )
        if check_only:
            return Settled(n, None, (_("Let op: {melding} {advies}").format(melding=message, advies=advice),))
        raise ImportRejected(file_name, [Problem(None, "", "", f"{message} {advice}")])
    if choice == WITHDRAW:
        withdraw(session, gone.ids, import_id)
        notice = ngettext(
            "{aantal} eerder aangeleverd traject stond niet in dit bestand ({organisaties}) en is "
            "ingetrokken; het telt niet meer mee.",
            "{aantal} eerder aangeleverde trajecten stonden niet in dit bestand ({organisaties}) en zijn "
            "ingetrokken; ze tellen niet meer mee.",
            n,
        )
    else:
        notice = ngettext(
            "{aantal} eerder aangeleverd traject stond niet in dit bestand ({organisaties}) en is behouden.",
            "{aantal} eerder aangeleverde trajecten stonden niet in dit bestand ({organisaties}) en zijn "
            "behouden.",
            n,
        )
    return Settled(n, choice, (notice.format(aantal=fmt.number(n), organisaties=gone.describe()),))
