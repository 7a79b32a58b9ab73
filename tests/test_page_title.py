"""The tab's title comes with the page's HTML, and on navigation from the page script, not a callback."""

from __future__ import annotations

import re

from tests.helpers import signed_in_client


def _title(client, path: str) -> str:
    found = re.search(r"<title>(.*?)</title>", client.get(path).get_data(as_text=True))
    assert found is not None
    return found.group(1)


def test_each_page_has_its_own_title_in_its_html(known, app):
    client = signed_in_client(app)
    assert _title(client, "/") == "Landelijk – Hoofdzaak Werk Monitor"
    assert _title(client, "/regio/AM09") == "Regio – Hoofdzaak Werk Monitor"
    assert _title(client, "/?lang=en").startswith("National – ")
    assert _title(client, "/bestaat-niet").startswith("Niet gevonden – ")
    # Dash's callback that copied the title to the tab after each navigation is not sent
    # (assets/page-start.js copies it); the routing callback, which puts it in its store, is.
    outputs = [d["output"] for d in client.get("/_dash-dependencies").get_json()]
    assert not any("_pages_dummy" in output for output in outputs)
    assert any("_pages_store.data" in output for output in outputs)
