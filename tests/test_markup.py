"""The narrative markup keeps bold, lists and links and drops everything else."""

from html.parser import HTMLParser

import pytest

from dashboard.text.markup import MAX_LENGTH, to_html, to_plain, too_long

pytestmark = pytest.mark.zuiver


def test_bold_lists_and_links_survive() -> None:
    shown = to_html("**Vet** en *schuin*\n\n- een\n- [site](https://example.nl)")
    assert "<strong>Vet</strong>" in shown and "<em>schuin</em>" in shown
    assert shown.count("<li>") == 2
    assert 'href="https://example.nl"' in shown


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "![beeld](https://elders.example/p.png)",
        '<img src="https://elders.example/p.png">',
        '<a href="https://x.nl" onclick="alert(1)">x</a>',
    ],
)
def test_no_script_image_or_handler_gets_through(attack: str) -> None:
    elements = _elements(to_html(attack))
    assert {tag for tag, _ in elements} <= {"p", "a"}
    for _, attributes in elements:
        assert set(attributes) <= {"href", "rel"}
        assert not attributes.get("href", "").startswith("javascript")


def _elements(shown: str) -> list[tuple[str, dict[str, str]]]:
    found: list[tuple[str, dict[str, str]]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, {name: value or "" for name, value in attrs}))

    Collect().feed(shown)
    return found


def test_plain_text_has_no_markup_and_no_escapes() -> None:
    assert to_plain("**Vet** & <b>zo</b>\n\n- een\n- twee") == "Vet & <b>zo</b>\neen\ntwee"


def test_length_cap() -> None:
    assert not too_long("a" * MAX_LENGTH)
    assert too_long("a" * (MAX_LENGTH + 1))


def test_the_page_draws_the_sanitised_markup_as_its_own_components() -> None:
    """Bold, lists, links and line breaks become html components; nothing else gets in."""
    from dash import html

    from layouts.narrative import components

    shown = html.Div(components("**Vet** en *schuin*\n\n- een\n- [site](https://example.nl)\n\nregel\nnieuw"))
    found: dict[str, list[object]] = {}

    def walk(node: object) -> None:
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif hasattr(node, "children") or type(node).__name__ == "Br":
            found.setdefault(type(node).__name__, []).append(node)
            walk(getattr(node, "children", None))

    walk(shown)
    assert [s.children for s in found["Strong"]] == [["Vet"]] and [e.children for e in found["Em"]] == [
        ["schuin"]
    ]
    assert len(found["Li"]) == 2 and len(found["Br"]) == 1
    link = found["A"][0]
    assert link.href == "https://example.nl" and "noopener" in link.rel and link.children == ["site"]
    for attack in (
        "<script>alert(1)</script>",
        '<img src="https://elders.example/p.png">',
        "[x](javascript:x)",
    ):
        tree = repr(components(attack))
        assert (
            "Script" not in tree
            and "Img" not in tree
            and "javascript:" not in tree.replace("[x](javascript:x)", "")
        )
