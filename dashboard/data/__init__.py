"""Data layer: every SQL query of the monitor, one module per domain, returning frames or dataclasses."""

# Registers the narrative tables on the shared metadata wherever the models are used (migrations,
# backups, the schema test), without ``models`` importing a module that imports it back.
from dashboard.data import job_models as job_models  # noqa: E402
from dashboard.data import narrative_models as narrative_models  # noqa: E402
from dashboard.data import snapshot_models as snapshot_models  # noqa: E402
