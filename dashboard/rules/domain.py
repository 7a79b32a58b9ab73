"""Vocabulary of the programme: the allowed values and default targets from the domain contract."""

from __future__ import annotations

from typing import Final

METHODS: Final = ("IPS", "Jobcoaching", "WaBZ", "Overig")
FUNDING_STREAMS: Final = ("UWV", "Gemeente", "Zorgverzekeraar", "Combinatie", "Overig")
ORGANISATION_TYPES: Final = (
    "GGZ",
    "UWV",
    "Gemeente",
    "Re-integratiebedrijf",
    "Werkgever",
    "Overig",
)
# A withdrawn trajectory ("ingetrokken") was taken back by its sender: it stays stored, with its
# history, but no figure counts it (see dashboard.data.summary).
WITHDRAWN: Final = "ingetrokken"
END_REASONS: Final = ("duurzaam werk", "uitval", "verhuizing", "overig", WITHDRAWN)
MEETING_KINDS: Final = (
    "leerbijeenkomst",
    "casusbespreking",
    "stuurgroep",
    "werkgroep",
    "managersoverleg",
    "beleidsoverleg",
)
IMPORT_KINDS: Final = ("trajecten", "bijeenkomsten", "doelen")
# landelijk: every region with its organisations; regio: own regions in full, others at region
# level; beheer: everything unsuppressed, plus imports, accounts and the import log.
ROLES: Final = ("landelijk", "regio", "beheer")

# Defaults from the covenant; a region may agree on other numbers per year (table `target`).
DEFAULT_TARGET_TRAJECTORIES: Final = 100
DEFAULT_TARGET_SUSTAINABLE_PCT: Final = 40.0
DEFAULT_TARGET_LEARNING_SESSIONS: Final = 3
DEFAULT_TARGET_CASE_DISCUSSIONS: Final = 10

# Sustainable work means six months in paid work, so younger cohorts cannot have reached it yet.
SUSTAINABLE_MONTHS: Final = 6
# A region is overdue for case discussions when none was held in this many days.
CASE_DISCUSSION_MAX_GAP_DAYS: Final = 45
# Pace status thresholds (share of the expected number by the peildatum).
PACE_ON_TRACK: Final = 1.0
PACE_BEHIND: Final = 0.75

FIRST_YEAR: Final = 2021
