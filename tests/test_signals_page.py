"""The Signalen page's kind filter and its count per kind."""

from __future__ import annotations

import datetime as dt

import pytest
from dash import html

from dashboard.auth.viewer import Viewer
from dashboard.i18n import LazyText
from dashboard.reports.signal import HIGH, MEDIUM, Signal
from dashboard.reports.view import View
from dashboard.rules import signals as rules
from layouts.signals_page import chosen_kind, filtered, per_kind

pytestmark = pytest.mark.zuiver

DAY = dt.date(2026, 9, 30)


def _signal(rule: str, region: str, severity: str = MEDIUM) -> Signal:
    return Signal(f"{rule}:{region}", rule, region, None, severity, LazyText("x"), DAY, f"/regio/{region}")


SIGNALS = [
    _signal(rules.OUTFLOW, "AM01"),
    _signal(rules.OUTFLOW, "AM09"),
    _signal(rules.CASES, "AM09", HIGH),
    _signal(rules.DELIVERY, "AM01", HIGH),
]


def test_kind_filter_keeps_only_that_rule_and_ignores_unknown_words() -> None:
    assert [s.key for s in filtered(SIGNALS, "", None, chosen_kind("uitstroom"))] == [
        "uitstroom:AM01",
        "uitstroom:AM09",
    ]
    assert chosen_kind(["<script>"]) == "" and len(filtered(SIGNALS, "", None, chosen_kind("x"))) == 4
    assert [s.key for s in filtered(SIGNALS, HIGH, "AM09", "")] == ["casus:AM09"]


def test_count_per_kind_links_to_each_kind_within_the_other_filters() -> None:
    view = View.parse({"peildatum": DAY.isoformat(), "regio": "AM09"}, DAY, Viewer("kim", "landelijk"))
    nav = per_kind(view, filtered(SIGNALS, "", "AM09"), "", "nl")
    assert nav is not None
    links = [a for li in nav.children[1].children for a in [li.children] if isinstance(a, html.A)]
    assert [(a.children, a.href) for a in links] == [
        ("casusbespreking te lang geleden: 1", "/signalen?peildatum=2026-09-30&regio=AM09&soort=casus"),
        ("uitstroom onder doel: 1", "/signalen?peildatum=2026-09-30&regio=AM09&soort=uitstroom"),
    ]
    # One kind only: nothing to break down.
    assert per_kind(view, filtered(SIGNALS, "", "AM09", rules.CASES), "", "nl") is None
