"""Every component ID of the monitor, in one place (kebab-case)."""

from __future__ import annotations

# Shell
URL = "url"
NAVIGATE = "navigate"  # a second Location that navigates (the first only mirrors state in the URL)
MAIN = "main-content"
DEMO_BANNER = "demo-banner"
DATA_DATE = "data-date"

# Landelijk
NATIONAL_YEAR = "national-year"
NATIONAL_TILES = "national-tiles"
NATIONAL_HEADING = "national-heading"
NATIONAL_PEILDATUM = "national-peildatum"
NATIONAL_METRIC = "national-metric"
NATIONAL_MAP_FORM = "national-map-form"
NATIONAL_HIGHLIGHT = "national-highlight"
NATIONAL_MAP = "national-map"
NATIONAL_MAP_NOTE = "national-map-note"
NATIONAL_REGION_LINK = "national-region-link"
NATIONAL_RANKING = "national-ranking"
NATIONAL_TREND = "national-trend"
NATIONAL_EXPORT = "national-export"

# Regio (one region)
REGION_CODE = "region-code"
REGION_YEAR = "region-year"
REGION_TILES = "region-tiles"
REGION_HEADING = "region-heading"
REGION_EXPORT = "region-export"
REGION_PEILDATUM = "region-peildatum"

# Regio's
REGIONS_YEAR = "regions-year"
REGIONS_TABLE = "regions-table"
REGIONS_EXPORT = "regions-export"

# Bijeenkomsten
MEETINGS_YEAR = "meetings-year"
MEETINGS_TABLE = "meetings-table"
MEETINGS_EXPORT = "meetings-export"

# Data
IMPORT_LOG_TABLE = "import-log-table"
UPLOAD = "upload"
UPLOAD_KIND = "upload-kind"
UPLOAD_REPORT = "upload-report"
UPLOAD_CONFIRM = "upload-confirm"
UPLOAD_RESULT = "upload-result"
DELIVERY_REGION = "delivery-region"
DELIVERY_TABLE = "delivery-table"
