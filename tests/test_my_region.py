"""A regional account starts at its own region: *Mijn regio* in the navigation."""

from __future__ import annotations

from dash import dcc

from dashboard.auth.viewer import Viewer
from layouts.shell import navigation, own_region_link


def anchors(nav: object) -> list[dict[str, object]]:
    """The props of the navigation's links (they name their rule in ``data-current``)."""
    found: list[dict[str, object]] = []

    def walk(node: object) -> None:
        props = node.to_plotly_json()["props"] if hasattr(node, "to_plotly_json") else {}
        if "data-current" in props:
            found.append(props)
        children = getattr(node, "children", None)
        for child in children if isinstance(children, list) else [children]:
            if child is not None and not isinstance(child, (str, dcc.Input)):
                walk(child)

    walk(nav)
    return found


def nav_links(nav: object) -> list[tuple[str, str]]:
    """Label and address of each link; the signals link's label is the word before its count."""
    links = []
    for props in anchors(nav):
        children = props["children"]
        label = children[0] if isinstance(children, list) else children
        links.append((str(label), str(props["href"])))
    return links


def test_a_regional_account_has_its_region_first_in_the_navigation(app):
    with app.server.test_request_context("/"):
        regional = nav_links(navigation(Viewer("pl-achterhoek", "regio", frozenset({"AM09"}))))
        national = nav_links(navigation(Viewer("szw", "landelijk")))
        several = own_region_link(Viewer("pl", "regio", frozenset({"AM09", "AM01"})))
    assert regional[0] == ("Mijn regio", "/regio/AM09")
    assert all(label != "Mijn regio" for label, _href in national)
    assert regional[1:] == national  # the rest of the menu is the same
    assert several == ("Mijn regio's", "/regio")
    assert own_region_link(Viewer("pl", "regio")) is None


def test_a_regional_account_lands_on_its_region_after_login(known, app):
    import re

    from dashboard.auth import store

    store.add_user(known, "pl-achterhoek", "regio", ["AM09"], "een-lang-testwachtwoord")
    store.add_user(known, "szw", "landelijk", [], "een-lang-testwachtwoord")

    def login(name: str, target: str) -> str:
        client = app.server.test_client()
        form = client.get("/inloggen").get_data(as_text=True)
        token = re.search(r'name="csrf" value="([^"]+)"', form)
        assert token is not None
        data = {"csrf": token.group(1), "gebruikersnaam": name, "wachtwoord": "een-lang-testwachtwoord"}
        answer = client.post("/inloggen", data={**data, "volgende": target})
        assert answer.status_code == 303
        return str(answer.headers["Location"])

    assert login("pl-achterhoek", "/") == "/regio/AM09"
    # A page asked for before login is where the login leads, also for a regional account.
    assert login("pl-achterhoek", "/bijeenkomsten") == "/bijeenkomsten"
    assert login("szw", "/") == "/"


def active_of(nav: object) -> dict[str, object]:
    """Per link address how it marks the page current (``exact``: that page only, ``partial``: below it)."""
    return {str(props["href"]): props["data-current"] for props in anchors(nav)}


def current_of(nav: object) -> list[tuple[str, object, object]]:
    """The links marked current: address, class and aria-current."""
    return [
        (str(props["href"]), props.get("className"), props.get("aria-current"))
        for props in anchors(nav)
        if "aria-current" in props or "active" in str(props.get("className", "")).split()
    ]


def test_on_its_own_region_page_only_mijn_regio_is_current(app):
    with app.server.test_request_context("/"):
        regional = active_of(navigation(Viewer("pl-achterhoek", "regio", frozenset({"AM09"}))))
        several = active_of(navigation(Viewer("pl", "regio", frozenset({"AM09", "AM01"}))))
        national = active_of(navigation(Viewer("szw", "landelijk")))
        on_own = current_of(
            navigation(Viewer("pl-achterhoek", "regio", frozenset({"AM09"})), path="/regio/AM09")
        )
        on_other = current_of(navigation(Viewer("szw", "landelijk"), path="/regio/AM09"))
        on_home = current_of(navigation(Viewer("szw", "landelijk"), path="/"))
        nowhere = current_of(navigation(Viewer("szw", "landelijk"), path="/regioplan"))
    # /regio/AM09 is below /regio: a partial Regio's link would be current there too.
    assert regional["/regio/AM09"] == "exact" and regional["/regio"] == "exact"
    # Without one own region page, Regio's stays current on every region page.
    assert several["/regio"] == "partial" and national["/regio"] == "partial"
    # The server marks the link of the page it sends, with words for screen readers too.
    assert on_own == [("/regio/AM09", "nav-link active", "page")]
    assert on_other == [("/regio", "nav-link active", "page")]
    assert on_home == [("/", "nav-link active", "page")]
    # A page whose address only starts like a link's is not below it.
    assert nowhere == []
