"""A serving process leaves what its app built at the start out of the cycle collector's work."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from dashboard.infra.db import Database

ROOT = Path(__file__).resolve().parents[1]

# In a fresh interpreter: the gunicorn entry point builds its app; then how many objects are frozen
# and how many a full collection still walks.
PROBE = """
import gc, json
import dashboard.wsgi
print(json.dumps({"frozen": gc.get_freeze_count(), "walked": len(gc.get_objects()),
                  "threshold": gc.get_threshold()}))
"""


def test_the_served_app_is_frozen_out_of_full_collections(tmp_path):
    url = f"sqlite:///{tmp_path / 'monitor.sqlite3'}"
    db = Database(url)
    db.upgrade()
    db.dispose()
    env = {
        "PATH": "/usr/bin:/bin",
        "HZW_DATABASE_URL": url,
        "HZW_LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    # The app's objects are frozen; a full collection walks only what came after.
    assert found["frozen"] > 100_000
    assert found["walked"] < found["frozen"] / 10
    assert tuple(found["threshold"]) == (10_000, 20, 100)
