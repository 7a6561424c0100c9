"""The one sanitising layer: every page's HTML and every draaiboek PDF passes through `clean_html`.

Contributor text is Markdown. kb/site/templating.py already makes '<', '{' and '}' inert where it enters a page;
this allow-list sanitiser (nh3, the Python binding of the Rust library ammonia) is the second, independent wall on
the HTML that Markdown makes of it: only the elements and attributes that Markdown and our templates produce
survive, links only go to http(s), mailto or relative addresses, and no images, scripts, styles, forms or event
handlers get through. `escape_meta` does the same for the page title and description that the theme writes into
the <head> without escaping.
"""

from __future__ import annotations

import html

import nh3

TAGS = frozenset(
    """
    a abbr b blockquote br caption code dd del details div dl dt em figcaption figure h1 h2 h3 h4 h5 h6 hr i li
    mark ol p pre s small span strong sub summary sup table tbody td tfoot th thead tr ul
    """.split()
)
_GENERIC = {
    "class",
    "id",
    "title",
    "role",
    "lang",
    "aria-label",
    "aria-hidden",
    "aria-labelledby",
    "aria-describedby",
    "aria-live",
}
ATTRIBUTES = {
    "*": _GENERIC,
    "a": {"href", "download", "hreflang"},
    "ol": {"start"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "details": {"open"},
}
URL_SCHEMES = {"http", "https", "mailto"}
STYLE_PROPERTIES = {"text-align"}  # Markdown tables align their columns with an inline style


def clean_html(fragment: str) -> str:
    """HTML with everything outside the allow-list removed (text is kept, as text)."""
    return nh3.clean(
        fragment,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
        filter_style_properties=STYLE_PROPERTIES,
    )


def escape_meta(value) -> str:
    """A title or description for the theme's <head>: plain text, HTML-escaped once."""
    return html.escape(" ".join(str(value).split()), quote=True)
