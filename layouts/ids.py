"""Every component ID of the monitor, in one place (kebab-case)."""

from __future__ import annotations

# Shell
URL = "url"
MAIN = "main-content"
DEMO_BANNER = "demo-banner"
DATA_DATE = "data-date"

# Landelijk
NATIONAL_YEAR = "national-year"
NATIONAL_TILES = "national-tiles"
NATIONAL_HEADING = "national-heading"

# Regio's
REGIONS_YEAR = "regions-year"
REGIONS_TABLE = "regions-table"

# Bijeenkomsten
MEETINGS_YEAR = "meetings-year"
MEETINGS_TABLE = "meetings-table"

# Data
IMPORT_LOG_TABLE = "import-log-table"
