"""axe-core accessibility check for any page of the monitor (reused by every page's tests)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
# Dash's own dropdown markup keeps a focusable input inside an aria-hidden wrapper; that is the
# component library's, not ours, and the only rule switched off.
DISABLED_RULES = {"aria-hidden-focus": {"enabled": False}}


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core (WCAG 2.1 A/AA) on the page as it is now; return all violations."""
    if not AXE.exists():
        raise RuntimeError(f"{AXE} ontbreekt: voer 'npm ci' uit (make test doet dat).")
    page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate(
        "async (options) => await axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": TAGS}, "rules": DISABLED_RULES},
    )
    return list(result["violations"])


def assert_accessible(page: Any) -> None:
    """Fail with a readable list when axe finds a serious or critical violation."""
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING]
    lines = [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:5]}" for v in blocking
    ]
    assert not blocking, "axe-core:\n" + "\n".join(lines)
