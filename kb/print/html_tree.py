"""The element tree of an HTML document that our own templates wrote (the card documents), made with Python's
html.parser: the tree WeasyPrint's parser (tinyhtml5, the full HTML5 algorithm in Python) makes of the same text,
about eight times faster. That parser took a twelfth of the time of all card sets.

For the documents of kb/print/templates: every element closed in order (void elements excepted), head and body
written out, no comments, scripts or tables. Inline SVG gets the SVG namespace and its attribute names back in their
own case, as the HTML5 parser does. Contributor text is escaped by the templates, so it cannot add elements; but
markers that overlap (``**a *b** c*``) give tags that overlap. A document that is not well-formed in this way (an
end tag that closes another element, an element left open, a comment) goes to tinyhtml5 after all, which repairs it
as a browser would. tests/test_card_layout.py requires the same tree as tinyhtml5 for every card document.
"""

from __future__ import annotations

from html.parser import HTMLParser
from xml.etree import ElementTree

from tinyhtml5.constants import adjust_svg_attributes


class _NotWellFormed(Exception):
    pass


VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
SVG = "{http://www.w3.org/2000/svg}"


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self._tree = ElementTree.TreeBuilder()
        self._open: list[str] = []  # the elements not closed yet
        self._svg = 0  # depth inside an <svg> element

    def handle_starttag(self, tag, attrs):
        attributes = {name: "" if value is None else value for name, value in attrs}
        if tag == "svg" or self._svg:
            self._svg += 1
            tag = SVG + tag
            attributes = {adjust_svg_attributes.get(name, name): value for name, value in attributes.items()}
        self._tree.start(tag, attributes)
        if tag in VOID:
            self._tree.end(tag)
        else:
            self._open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in VOID:  # </br> and the like: HTML5 repairs them its own way
            raise _NotWellFormed(tag)
        if self._svg:
            self._svg -= 1
            tag = SVG + tag
        if not self._open or self._open.pop() != tag:
            raise _NotWellFormed(tag)
        self._tree.end(tag)

    def handle_data(self, data):
        self._tree.data(data)

    def handle_comment(self, data):
        raise _NotWellFormed("<!-- -->")

    def handle_pi(self, data):
        raise _NotWellFormed("<?")

    def close(self):
        super().close()
        if self._open:
            raise _NotWellFormed(self._open[-1])
        return self._tree.close()


def parse(html: str) -> ElementTree.Element:
    """The ``html`` element of a document from our templates, as tinyhtml5.parse(html, namespace_html_elements=False)
    gives it."""
    builder = _TreeBuilder()
    try:
        builder.feed(html)
        return builder.close()
    except _NotWellFormed:
        import tinyhtml5

        return tinyhtml5.parse(html, namespace_html_elements=False)
