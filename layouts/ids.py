"""Every component ID of the monitor, in one place (kebab-case)."""

from __future__ import annotations

# Shell
URL = "url"
NAVIGATE = "navigate"  # a second Location that navigates (the first only mirrors state in the URL)
MAIN = "main-content"
DEMO_BANNER = "demo-banner"
DATA_DATE = "data-date"
FRAME_CLOCK = "frame-clock"  # ticks the frame's notices and signal count fresh (callbacks/shell.py)
LOGOUT_TOKEN = "logout-token"
LANGUAGE_SWITCH = "language-switch"
NAV_TOGGLE = "nav-toggle"
NAV_COLLAPSE = "nav-collapse"
# Whether the page is read on a phone-sized screen: set in the browser, read by figures that lay out
# differently there (fewer columns, fewer tick labels).
NARROW = "narrow-screen"

# Landelijk
NATIONAL_YEAR = "national-year"
# The national page's own Locations: their callbacks' outputs are inside the page, so Dash does not
# call them when the page appears (only when a control or the map changes).
NATIONAL_URL = "national-url"
NATIONAL_TILES = "national-tiles"
NATIONAL_HEADING = "national-heading"
NATIONAL_VERDICT = "national-verdict"
NATIONAL_PEILDATUM = "national-peildatum"
NATIONAL_PUBLICATION = "national-publication"
NATIONAL_SINCE = "national-since"
NATIONAL_METRIC = "national-metric"
NATIONAL_MAP_FORM = "national-map-form"
NATIONAL_HIGHLIGHT = "national-highlight"
NATIONAL_MAP = "national-map"
NATIONAL_MAP_NOTE = "national-map-note"
NATIONAL_REGION_LINK = "national-region-link"
NATIONAL_RANKING = "national-ranking"
NATIONAL_TREND = "national-trend"
NATIONAL_TREND_EXPORT = "national-trend-export"
# The text alternatives of the figures, filled by the same callbacks as the figures.
NATIONAL_MAP_SUMMARY = "national-map-summary"
NATIONAL_RANKING_SUMMARY = "national-ranking-summary"
NATIONAL_TREND_SUMMARY = "national-trend-summary"
NATIONAL_EXPORT = "national-export"
# Methoden en financiering: the country, one small chart per region, their sentences and download.
NATIONAL_METHODS = "national-methods"
NATIONAL_METHODS_SUMMARY = "national-methods-summary"
NATIONAL_METHODS_GRID = "national-methods-grid"
NATIONAL_METHODS_GRID_NOTE = "national-methods-grid-note"
NATIONAL_METHODS_GRID_SUMMARY = "national-methods-grid-summary"
NATIONAL_METHODS_EXPORT = "national-methods-export"

# Regio (one region)
REGION_CODE = "region-code"
# The region page's own address writer: the view goes into the address as the page appears.
REGION_URL = "region-url"
REGION_YEAR = "region-year"
REGION_PEILDATUM = "region-peildatum"
REGION_PUBLICATION = "region-publication"
REGION_COHORT = "region-cohort"
REGION_BREADCRUMB = "region-breadcrumb"
REGION_TILES = "region-tiles"
REGION_HEADING = "region-heading"
REGION_VERDICT = "region-verdict"
REGION_SINCE = "region-since"
REGION_EXPORT = "region-export"
REGION_FUNNEL = "region-funnel"
REGION_FUNNEL_NATIONAL = "region-funnel-national"
REGION_FUNNEL_TEXT = "region-funnel-text"
REGION_FUNNEL_EXPORT = "region-funnel-export"
REGION_MIX_EXPORT = "region-mix-export"
REGION_CADENCE_EXPORT = "region-cadence-export"
REGION_MONTHLY = "region-monthly"
REGION_MIX = "region-mix"
REGION_MIX_TABLE = "region-mix-table"
REGION_CADENCE = "region-cadence"
REGION_CADENCE_TEXT = "region-cadence-text"
REGION_ATTENDANCE = "region-attendance"
REGION_COMPARISON = "region-comparison"
REGION_FUNNEL_PLOT = "region-funnel-plot"
REGION_FUNNEL_PLOT_TEXT = "region-funnel-plot-text"
REGION_ORGANISATIONS = "region-organisations"
# Where the organisations grid is mounted once its section comes near the viewport.
REGION_ORGANISATIONS_SLOT = "region-organisations-slot"
REGION_ORGANISATIONS_EXPORT = "region-organisations-export"
# True once the organisations section has come near the viewport (assets/lazy-sections.js).
REGION_ORGANISATIONS_SEEN = "region-organisations-seen"
REGION_ORGANISATION_SELECT = "region-organisation-select"
REGION_ORGANISATION_LINK = "region-organisation-link"

# Organisatie (one organisation)
ORG_ID = "org-id"
# The organisation page's own location: its view into the address (see REGION_URL).
ORG_URL = "org-url"
ORG_YEAR = "org-year"
ORG_PEILDATUM = "org-peildatum"
ORG_BREADCRUMB = "org-breadcrumb"
ORG_HEADING = "org-heading"
ORG_TILES = "org-tiles"
ORG_FUNNEL = "org-funnel"
ORG_FUNNEL_TEXT = "org-funnel-text"
ORG_MONTHLY = "org-monthly"
ORG_MIX = "org-mix"
ORG_MIX_TABLE = "org-mix-table"
ORG_DELIVERIES = "org-deliveries"

# Regio's (list)
REGIONS_SEARCH = "regions-search"

# Regio's
REGIONS_YEAR = "regions-year"
REGIONS_TABLE = "regions-table"
REGIONS_EXPORT = "regions-export"

# Bijeenkomsten
MEETINGS_YEAR = "meetings-year"
MEETINGS_TABLE = "meetings-table"
MEETINGS_EXPORT = "meetings-export"

# Knelpunten (national bottleneck page)
BOTTLENECKS_YEAR = "bottlenecks-year"
BOTTLENECKS_THEME = "bottlenecks-theme"
BOTTLENECKS_PERIOD = "bottlenecks-period"
BOTTLENECKS_STATUS = "bottlenecks-status"
BOTTLENECKS_CONTENT = "bottlenecks-content"

# Data
IMPORT_LOG_TABLE = "import-log-table"
UPLOAD = "upload"
UPLOAD_KIND = "upload-kind"
UPLOAD_REPORT = "upload-report"
UPLOAD_CONFIRM = "upload-confirm"
UPLOAD_RESULT = "upload-result"
UPLOAD_RETRY = "upload-retry"
UPLOAD_LEFT_OUT = "upload-left-out"
UPLOAD_NEW_ORGANISATION = "upload-new-organisation"
UPLOAD_JOB = "upload-job"
UPLOAD_POLL = "upload-poll"
UPLOAD_PROGRESS = "upload-progress"
UPLOAD_STOP = "upload-stop"
UPLOAD_ACCEPT_WARNINGS = "upload-accept-warnings"
MISSING_REGION = "missing-region"
MISSING_QUARTER = "missing-quarter"
MISSING_TABLE = "missing-table"
MISSING_MESSAGE = "missing-message"
MISSING_RECORD = "missing-record"
REGION_COMPLETENESS = "region-completeness"
DELIVERY_REGION = "delivery-region"
STEERING_DAY = "steering-day"
STEERING_RECORD = "steering-record"
STEERING_LIST = "steering-list"
DELIVERY_TABLE = "delivery-table"

# Presentatiemodus
PRESENTATION = "presentation"
PRESENTATION_SHOW = "presentation-show"
PRESENTATION_STEP = "presentation-step"
PRESENTATION_TIMER = "presentation-timer"
PRESENTATION_PREVIOUS = "presentation-previous"
PRESENTATION_NEXT = "presentation-next"
PRESENTATION_POSITION = "presentation-position"
PRESENTATION_EXIT = "presentation-exit"
PRESENTATION_SCREEN = "presentation-screen"
PRESENTATION_WINDOW = "presentation-window"
# Every screen's position line and URL, in step order: the browser steps through them alone.
PRESENTATION_DECK = "presentation-deck"
PRESENTATION_PRESENTER = "presentation-presenter"
PRESENTER = "presenter"
PRESENTER_SHOW = "presenter-show"
PRESENTER_STEP = "presenter-step"
PRESENTER_WINDOW = "presenter-window"
# Every screen's titles for the presenter, in step order (the notes are drawn in the page).
PRESENTER_DECK = "presenter-deck"
PRESENTER_CURRENT = "presenter-current"
PRESENTER_NEXT = "presenter-next"
PRESENTER_BACK = "presenter-back"
PRESENTER_FORWARD = "presenter-forward"
PRESENTER_NOTES = "presenter-notes"
PRESENTER_CLOCK = "presenter-clock"
PRESENTER_ELAPSED = "presenter-elapsed"

# Alle regio's op alle doelen (the matrix on the national page)
MATRIX = "matrix"
MATRIX_BEHIND = "matrix-behind"
MATRIX_PROVINCE = "matrix-province"
MATRIX_COUNT = "matrix-count"
MATRIX_SORT = "matrix-sort"  # the drawn table (StaticHtml): its `clicked` names the sort button's column
MATRIX_SORT_STATE = "matrix-sort-state"
MATRIX_TABLE = "matrix-table"
MATRIX_GRID = "matrix-grid"

# Region narrative (the story behind the numbers)
NARRATIVE_EXPLANATIONS = "narrative-explanations"
NARRATIVE_VIEW = "narrative-view"
NARRATIVE_FORM = "narrative-form"
NARRATIVE_SAVE = "narrative-save"
NARRATIVE_MESSAGE = "narrative-message"
NARRATIVE_SAVED = "narrative-saved"  # bumped after a save: the parts that show the narrative redraw
NARRATIVE_PUBLIC = "narrative-public"
NARRATIVE_SUCCESS = "narrative-success"
NARRATIVE_DEVELOPMENT = "narrative-development"
NARRATIVE_HISTORY = "narrative-history"
NARRATIVE_OLDER = "narrative-older"
NARRATIVE_NEWER = "narrative-newer"
NARRATIVE_COMPARE = "narrative-compare"


def narrative_explanation(goal: str) -> dict[str, str]:
    """The explanation field of one goal in the narrative form."""
    return {"type": "narrative-explanation", "goal": goal}


def narrative_row(part: str, index: object) -> dict[str, object]:
    """One field of a bottleneck or action row (``part``: e.g. ``bottleneck-text``, ``action-due``).

    ``index`` is the row number, or ``ALL`` in a callback that reads every row.
    """
    return {"type": f"narrative-{part}", "index": index}


# Signalen (the page, the count in the navigation, the block on the region page)
SIGNALS_LIST = "signals-list"
SIGNALS_STATUS = "signals-status"
SIGNAL_SEEN = "signal-seen"  # the type of the "gezien" buttons' pattern ids ({"type", "key"})
SIGNAL_UNSEEN = "signal-unseen"  # the type of the "terugzetten" buttons' pattern ids
SIGNAL_NOTE = "signal-note"  # the type of the note fields' pattern ids
SIGNALS_COUNT = "signals-count"
REGION_SIGNALS = "region-signals"
REGION_KEPT_PACKS = "region-kept-packs"

# Publicaties: the beheer form that publishes, the list, a snapshot's label and its revision causes.
PUBLISH_DAY = "publish-day"
PUBLISH_NAME = "publish-name"
PUBLISH_BUTTON = "publish-button"
PUBLISH_LIST = "publish-list"
PUBLISH_JOB = "publish-job"
PUBLISH_POLL = "publish-poll"
PUBLISH_PROGRESS = "publish-progress"
WITHDRAW_CHOICE = "withdraw-choice"
WITHDRAW_REASON = "withdraw-reason"
WITHDRAW_BUTTON = "withdraw-button"
WITHDRAW_FEEDBACK = "withdraw-feedback"
WITHDRAW_PANEL = "withdraw-panel"
WITHDRAW_QUESTION = "withdraw-question"
WITHDRAW_CONFIRM = "withdraw-confirm"
WITHDRAW_CANCEL = "withdraw-cancel"
WITHDRAW_DONE = "withdraw-done"
PUBLICATION_LABEL = "publication-label"
REVISION_CAUSES = "revision-causes"
