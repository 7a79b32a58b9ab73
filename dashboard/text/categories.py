"""Every category the monitor stores, with the label a reader sees, translated where it is shown.

The database, the import contract and the code columns of the exports keep the stored Dutch
values (``dashboard.rules.domain``): they are codes that deliveries and re-imports use. A page, a
figure or the meeting pack shows ``category(kind, value)`` instead, in the reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from dashboard.i18n import N_, _

METHOD: Final = "methode"
FUNDING: Final = "financiering"
ORGANISATION_TYPE: Final = "organisatie_type"
END_REASON: Final = "eindreden"
MEETING_KIND: Final = "bijeenkomst"

# Stored value → Dutch label (marked for the catalogue). Keyed by the values of
# dashboard.rules.domain; tests/test_categories.py fails when a value lacks a label here.
LABELS: Final[Mapping[str, Mapping[str, str]]] = {
    METHOD: {
        "IPS": N_("IPS"),
        "Jobcoaching": N_("Jobcoaching"),
        "WaBZ": N_("WaBZ"),
        "Overig": N_("Overig"),
    },
    FUNDING: {
        "UWV": N_("UWV"),
        "Gemeente": N_("Gemeente"),
        "Zorgverzekeraar": N_("Zorgverzekeraar"),
        "Combinatie": N_("Combinatie"),
        "Overig": N_("Overig"),
    },
    ORGANISATION_TYPE: {
        "GGZ": N_("GGZ"),
        "UWV": N_("UWV"),
        "Gemeente": N_("Gemeente"),
        "Re-integratiebedrijf": N_("Re-integratiebedrijf"),
        "Werkgever": N_("Werkgever"),
        "Overig": N_("Overig"),
    },
    END_REASON: {
        "duurzaam werk": N_("duurzaam werk"),
        "uitval": N_("uitval"),
        "verhuizing": N_("verhuizing"),
        "overig": N_("overig"),
        "ingetrokken": N_("ingetrokken"),
    },
    MEETING_KIND: {
        "leerbijeenkomst": N_("Leerbijeenkomst"),
        "casusbespreking": N_("Casusbespreking"),
        "stuurgroep": N_("Stuurgroep"),
        "werkgroep": N_("Werkgroep"),
        "managersoverleg": N_("Managersoverleg"),
        "beleidsoverleg": N_("Beleidsoverleg"),
    },
}

# Names that English readers use as they are: the method IPS, the method Werk als Beste Zorg
# (a programme name), the agency UWV and the mental-health sector GGZ. Every other label has an
# English text of its own.
SAME_IN_ENGLISH: Final = frozenset({"IPS", "WaBZ", "UWV", "GGZ"})


def category(kind: str, value: str) -> str:
    """The label of stored ``value`` of category ``kind`` in the current language.

    A value outside the catalogue (possible only in data older than the current contract) is
    shown as stored rather than hidden.
    """
    label = LABELS[kind].get(value)
    return value if label is None else _(label)
