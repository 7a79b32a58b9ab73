"""The tab's title comes with the page's HTML, so Dash's title callback waits for a navigation."""

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
    # The callback that would set the same title as the page appears now runs on navigation only.
    dependencies = client.get("/_dash-dependencies").get_json()
    title = [d for d in dependencies if d["output"] == "_pages_dummy.children"]
    assert len(title) == 1 and title[0]["prevent_initial_call"] is True
