"""The small markup of narratives: bold, italics, lists and links, and nothing else.

Markdown is turned into HTML by markdown-it with only those rules switched on, and the HTML then
goes through nh3 (the ammonia sanitiser) with an allow-list of the same elements. Either step on
its own would be enough today; both together mean that a future change to one of them cannot let
a script or an image that calls another host into a page or a meeting pack.
"""

from __future__ import annotations

import html

import nh3
from markdown_it import MarkdownIt

# The longest text a field holds: a steering group reads a paragraph, not a report.
MAX_LENGTH = 2000

_TAGS = {"p", "strong", "em", "ul", "ol", "li", "a", "br"}
_ATTRIBUTES = {"a": {"href"}}
_SCHEMES = {"http", "https", "mailto"}

_PARSER = MarkdownIt("zero", {"breaks": True, "linkify": False}).enable(
    ["emphasis", "list", "link", "newline"]
)


def to_html(source: str) -> str:
    """Sanitised HTML of ``source``: safe to put into a page as it is."""
    rendered = _PARSER.render(source or "")
    return nh3.clean(
        rendered,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def to_plain(source: str) -> str:
    """``source`` as plain text (for slides, PDF and mail): markup removed, lines kept."""
    text = nh3.clean(to_html(source).replace("</li>", "</li>\n").replace("</p>", "</p>\n"), tags=set())
    return "\n".join(html.unescape(line.strip()) for line in text.splitlines() if line.strip())


def too_long(source: str) -> bool:
    """Whether ``source`` is over the cap of one field."""
    return len(source or "") > MAX_LENGTH
