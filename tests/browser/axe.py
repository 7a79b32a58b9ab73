"""axe-core accessibility check for any page of the monitor (reused by every page's tests)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Best practices (landmarks, headings) are reported beside the WCAG rules but never block.
REPORTED_TAGS = [*TAGS, "best-practice"]
BLOCKING = {"serious", "critical"}
# Dash's own dropdown markup keeps a focusable input inside an aria-hidden wrapper; that is the
# component library's, not ours, and the only rule switched off.
DISABLED_RULES = {"aria-hidden-focus": {"enabled": False}}
LOG = logging.getLogger(__name__)


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core (WCAG 2.1 A/AA and best practices) on the page as it is now; return all violations."""
    if not AXE.exists():
        raise RuntimeError(f"{AXE} ontbreekt: voer 'npm ci' uit (make test doet dat).")
    # Evaluated through DevTools rather than as a <script> tag: the page's Content-Security-Policy
    # rightly refuses inline scripts it does not know.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result: dict[str, Any] = page.evaluate(
        "async (options) => await axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": REPORTED_TAGS}, "rules": DISABLED_RULES},
    )
    return list(result["violations"])


def describe(violations: list[dict[str, Any]]) -> list[str]:
    """One readable line per violation: rule, impact, help text and up to five elements."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
    ]


def is_blocking(violation: dict[str, Any]) -> bool:
    """A serious or critical breach of a WCAG 2.1 A/AA rule (the project's threshold)."""
    return violation["impact"] in BLOCKING and bool(set(violation["tags"]) & set(TAGS))


def assert_accessible(page: Any) -> list[dict[str, Any]]:
    """Fail with a readable list when axe finds a serious or critical WCAG violation.

    The project blocks on those only; the other findings (moderate and minor ones, best
    practices) are logged, so they show up beside a failing test, and returned, so a page's tests
    can hold that page to a higher standard.
    """
    violations = axe_violations(page)
    blocking = [v for v in violations if is_blocking(v)]
    others = [v for v in violations if not is_blocking(v)]
    for line in describe(others):
        LOG.warning("axe-core, niet blokkerend: %s", line)
    assert not blocking, "axe-core:\n" + "\n".join(describe(blocking))
    return others
