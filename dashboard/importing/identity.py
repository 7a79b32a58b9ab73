"""Which organisation a name means: former names, names that resemble a known one, and renames."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from rapidfuzz.distance import Indel, Levenshtein
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from dashboard.data.models import Organisation, OrganisationAlias
from dashboard.i18n import _
from dashboard.importing.values import has_control_characters, identity_key
from dashboard.infra.db import Database

# Legal forms and their abbreviations (after dots are dropped): "GGNet B.V." is GGNet.
LEGAL_FORMS = frozenset({"bv", "nv", "stichting", "vereniging", "cooperatie", "ua", "vof", "cv"})
# Names this alike (the normalised Indel similarity over the plain names, 0 to 1) are probably
# one organisation; so are names a typo or two apart ("Achterhoeck" for "Achterhoek").
RESEMBLANCE = 0.85
TYPO_EDITS = 2
NAME_LIMIT = 160


class IdentityError(ValueError):
    """A rename that cannot be made; the message says why in Dutch, and nothing was changed."""


def _words(name: str) -> list[str]:
    """The words of a name without case, accents, punctuation and legal forms ("B.V.", "Stichting")."""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace(".", "")
    words = re.sub(r"[^0-9a-z]+", " ", letters).split()
    # A name that is nothing but a legal form keeps it, rather than becoming empty.
    return [w for w in words if w not in LEGAL_FORMS] or words


def plain_name(name: str) -> str:
    """A name as resemblance compares it: "Stichting GGZ-Oost B.V." is "ggzoost"."""
    return "".join(_words(name))


def _told_apart_by_codes(first: list[str], second: list[str]) -> bool:
    # "Werkbedrijf Twente B" and "… C", "Locatie 1" and "Locatie 2": a short code or a number
    # in both names tells organisations apart on purpose.
    only_first, only_second = set(first) - set(second), set(second) - set(first)
    codes = only_first | only_second
    return bool(only_first and only_second) and all(len(w) <= 2 or w.isdigit() for w in codes)


def resemblance(new: str, known: str) -> float:
    """How alike two organisation names are, from 0 to 1 (1: the same apart from form)."""
    first, second = _words(new), _words(known)
    if not first or not second:
        # Nothing left to compare (a name without Latin letters or digits): only equal keys match.
        return float(identity_key(new) == identity_key(known))
    if _told_apart_by_codes(first, second):
        return 0.0
    plain_new, plain_known = "".join(first), "".join(second)
    # A name a typo or two from a known one is as good as the same, however short it is.
    if Levenshtein.distance(plain_new, plain_known, score_cutoff=TYPO_EDITS) <= TYPO_EDITS:
        return max(Indel.normalized_similarity(plain_new, plain_known), RESEMBLANCE)
    return float(Indel.normalized_similarity(plain_new, plain_known))


def aliases(session: Session, regions: Collection[str]) -> dict[tuple[str, str], int]:
    """(region code, former name's key) → organisation id, for the given regions."""
    query = select(
        OrganisationAlias.region_code, OrganisationAlias.sleutel, OrganisationAlias.organisation_id
    )
    rows = session.execute(query.where(OrganisationAlias.region_code.in_(regions)))
    return {(row.region_code, row.sleutel): row.organisation_id for row in rows}


def organisation_ids(session: Session, regions: Collection[str]) -> dict[tuple[str, str], int]:
    """(region code, name key) → organisation id, by current name and by former names."""
    query = select(Organisation.id, Organisation.region_code, Organisation.naam)
    known = {
        (row.region_code, identity_key(row.naam)): row.id
        for row in session.execute(query.where(Organisation.region_code.in_(regions)))
    }
    # The current name wins should a former name ever equal another organisation's name.
    return aliases(session, regions) | known


def named_organisations(kind: str, records: Iterable[dict[str, Any]]) -> dict[tuple[str, str], str]:
    """(region code, name key) → the name as the file first writes it, for every name in the file."""
    named: dict[tuple[str, str], str] = {}
    for record in records:
        if kind == "trajecten":
            names = [record["organisatie"]]
        elif kind == "bijeenkomsten":
            names = [n.strip() for n in (record["organisaties"] or "").split("|") if n.strip()]
        else:
            names = []
        for name in names:
            named.setdefault((record["regio"], identity_key(name)), name)
    return named


@dataclass(frozen=True)
class NameReview:
    """New organisation names in a file that resemble known ones, and those confirmed as new."""

    warnings: tuple[str, ...]
    notices: tuple[str, ...]


def review_names(
    session: Session, kind: str, records: list[dict[str, Any]], confirmed: Collection[str]
) -> NameReview:
    """Warn about a new name that resembles a known organisation of its region.

    A warning does not refuse the file: the import then waits for an explicit "toch importeren"
    (the name becomes a new organisation), or for the sender to correct the name. A name that
    ``beheer`` confirmed as new gives a notice instead.

    Args:
        session: the open import transaction.
        kind: the file kind; only trajectories and meetings name organisations.
        records: the validated records.
        confirmed: names that ``beheer`` confirmed to be new organisations (any case).
    """
    named = named_organisations(kind, records)
    if not named:
        return NameReview((), ())
    regions = {region for region, _key in named}
    ids = organisation_ids(session, regions)
    query = select(Organisation.id, Organisation.region_code, Organisation.naam)
    known = session.execute(query.where(Organisation.region_code.in_(regions))).all()
    confirmed_keys = {identity_key(name) for name in confirmed}
    warnings: list[str] = []
    notices: list[str] = []
    for (region, key), name in sorted(named.items()):
        if (region, key) in ids:
            continue
        scored = [(resemblance(name, row.naam), row) for row in known if row.region_code == region]
        score, like = max(scored, key=lambda pair: pair[0], default=(0.0, None))
        if like is None or score < RESEMBLANCE:
            continue
        if key in confirmed_keys:
            notices.append(
                _("Nieuwe organisatie bevestigd: '{naam}' in {regio}, naast '{bekend}'.").format(
                    naam=name, regio=region, bekend=like.naam
                )
            )
            continue
        warnings.append(
            _(
                "'{naam}' is nieuw in {regio} en lijkt op de bekende organisatie '{bekend}' (nummer "
                "{nummer}). Een tikfout? Verbeter dan de naam in het bestand; is het dezelfde organisatie "
                'met een nieuwe naam, hernoem haar dan eerst (hzw organisatie hernoem "{bekend}" '
                '"{naam}"). Met toch importeren wordt het een nieuwe organisatie.'
            ).format(regio=region, bekend=like.naam, nummer=like.id, naam=name)
        )
    return NameReview(tuple(warnings), tuple(notices))


@dataclass(frozen=True)
class Renamed:
    """What ``rename_organisation`` did."""

    organisation_id: int
    region: str
    old: str
    new: str


def _find(session: Session, name: str, region: str | None) -> list[Any]:
    """Organisations called ``name`` now or before, optionally within one region."""
    key = identity_key(name)
    query = select(Organisation.id, Organisation.region_code, Organisation.naam)
    if region is not None:
        query = query.where(Organisation.region_code == region)
    found = {row.id: row for row in session.execute(query) if identity_key(row.naam) == key}
    former = select(OrganisationAlias.organisation_id).where(OrganisationAlias.sleutel == key)
    if region is not None:
        former = former.where(OrganisationAlias.region_code == region)
    for org_id in session.scalars(former):
        if org_id not in found:
            found[org_id] = session.execute(query.where(Organisation.id == org_id)).one()
    return sorted(found.values(), key=lambda row: (row.region_code, row.id))


def _new_name(new: str) -> str:
    name = " ".join(new.split())
    if not name or len(name) > NAME_LIMIT or has_control_characters(new):
        raise IdentityError(
            _("De nieuwe naam moet tekst van 1 tot {limit} tekens zijn; er is niets gewijzigd.").format(
                limit=NAME_LIMIT
            )
        )
    return name


def rename_organisation(db: Database, old: str, new: str, *, user: str, region: str | None = None) -> Renamed:
    """Give an organisation a new name, keeping its id, trajectories and history.

    The former name is kept as an alias, so files that still use it are read as this
    organisation.

    Args:
        db: the database gateway.
        old: the organisation's current (or a former) name, in any case.
        new: its new name.
        user: who renames (kept with the former name).
        region: the region's AM code, needed when ``old`` names organisations in several regions.

    Raises:
        IdentityError: when no or several organisations match, or the new name belongs to another
            organisation; nothing was changed.
    """
    name = _new_name(new)
    with db.transaction() as session:
        matches = _find(session, old, region)
        where = _(" in {regio}").format(regio=region) if region else ""
        if not matches:
            raise IdentityError(
                _("Er is geen organisatie '{naam}'{waar}; er is niets gewijzigd.").format(
                    naam=old, waar=where
                )
            )
        if len(matches) > 1:
            regions = ", ".join(sorted({row.region_code for row in matches}))
            raise IdentityError(
                _(
                    "'{naam}' staat in meer dan één regio ({regios}); kies er één met --regio. "
                    "Er is niets gewijzigd."
                ).format(naam=old, regios=regions)
            )
        org = matches[0]
        key, current_key = identity_key(name), identity_key(org.naam)
        if name == org.naam:
            raise IdentityError(
                _("Organisatie '{naam}' heet al zo; er is niets gewijzigd.").format(naam=name)
            )
        other = organisation_ids(session, [org.region_code]).get((org.region_code, key))
        if other is not None and other != org.id:
            raise IdentityError(
                _(
                    "In {regio} heet organisatie nummer {nummer} al '{naam}' (of heette zo). Hernoemen "
                    "voegt geen organisaties samen; er is niets gewijzigd."
                ).format(regio=org.region_code, nummer=other, naam=name)
            )
        if key != current_key:
            # Renaming back to a former name: that name is the organisation's own again.
            session.execute(
                delete(OrganisationAlias).where(
                    OrganisationAlias.organisation_id == org.id, OrganisationAlias.sleutel == key
                )
            )
            session.add(
                OrganisationAlias(
                    organisation_id=org.id,
                    region_code=org.region_code,
                    naam=org.naam,
                    sleutel=current_key,
                    gebruiker=user,
                    tijdstip=dt.datetime.now(dt.UTC),
                )
            )
        session.execute(update(Organisation).where(Organisation.id == org.id).values(naam=name))
    return Renamed(org.id, org.region_code, org.naam, name)
