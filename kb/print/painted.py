"""Paint every laid-out card face once and reuse that painting in every PDF that prints the face.

A face is printed in several PDFs: its set for the print shop and for home printing, its single-card PDF, and
every other set that holds it. Painting a laid-out WeasyPrint page (walking its boxes, turning every line of text
into glyphs) costs more than writing it, so each face is painted once, into a PDF form XObject: its content
stream (compressed once) and its resources (fonts, images, transparency groups). ``PaintedFace.paint`` then only
draws that form; each PDF gets its own copy of the form's resource dictionaries (WeasyPrint's writer fills them
in per file) and the fonts and images it uses, so font subsetting and images stay per file, as before.

``PaintedFace`` offers what WeasyPrint's PDF writer and impose.py read from a ``weasyprint.Page`` (size, bleed,
links, anchors, bookmarks, forms, ``paint``). It relies on WeasyPrint's Stream (pinned in requirements.txt);
tests/test_card_layout.py compares a painted face with the page painted directly.
"""

from __future__ import annotations

import contextlib
import contextvars
import copy
import gc
import zlib

PDF_SCALE = 0.75  # WeasyPrint paints pages at zoom x 0.75 (CSS px to PDF points); zoom is always 1 here
_FONTS: dict = {}  # pango font key -> one weasyprint Font, the model for that font in every PDF
_GLYPHS: dict = {}  # pango font key -> (widths, to_unicode) of every glyph painted in this process


class _Stream:
    """A frozen content stream: compressed once, with its dictionary (holding its resources)."""

    def __init__(self, content: bytes, extra):
        self.content = zlib.compress(content, 9)
        self.extra = extra


class _Dict(dict):
    pass


class _Array(list):
    pass


_COLOR_SPACE = object()  # stands for the ColorSpace resource of the PDF the form is drawn in


def _raw(stream) -> bytes:
    import pydyf

    return b"\n".join(pydyf._to_bytes(item) for item in stream.stream)


def _freeze(value, memo: dict):
    """A copy of a recorded resource tree that WeasyPrint's writer will never touch (it fills in references)."""
    import pydyf

    if id(value) in memo:
        return memo[id(value)]
    if isinstance(value, pydyf.Stream):
        frozen = memo[id(value)] = _Stream(_raw(value), None)
        frozen.extra = _freeze(value.extra, memo)
    elif isinstance(value, dict):
        frozen = memo[id(value)] = _Dict()
        for key, item in value.items():
            frozen[key] = _COLOR_SPACE if key == "ColorSpace" and "ExtGState" in value else _freeze(item, memo)
    elif isinstance(value, list):
        frozen = memo[id(value)] = _Array(_freeze(item, memo) for item in value)
    else:
        frozen = value
    return frozen


def _thaw(value, memo: dict, color_space):
    """Fresh pydyf objects for one PDF from a frozen tree (shared objects stay shared, except streams: WeasyPrint's
    writer adds an XObject, with its resources, at every place it meets one, so a form drawn in two places, such as an
    icon, gets a copy of its own in each)."""
    import pydyf

    if value is _COLOR_SPACE:
        return color_space
    if isinstance(value, _Stream):
        thawed = pydyf.Stream([value.content], None, compress=False)
        thawed.extra = _thaw(value.extra, {}, color_space)
        thawed.extra["Filter"] = "/FlateDecode"
        return thawed
    if id(value) in memo:
        return memo[id(value)]
    if isinstance(value, _Dict):
        thawed = memo[id(value)] = pydyf.Dictionary()
        for key, item in value.items():
            thawed[key] = _thaw(item, memo, color_space)
    elif isinstance(value, _Array):
        thawed = memo[id(value)] = pydyf.Array()
        thawed.extend(_thaw(item, memo, color_space) for item in value)
    else:
        thawed = value
    return thawed


def _resources() -> dict:
    import pydyf

    return pydyf.Dictionary(
        {
            "ExtGState": pydyf.Dictionary(),
            "XObject": pydyf.Dictionary(),
            "Pattern": pydyf.Dictionary(),
            "Shading": pydyf.Dictionary(),
            "ColorSpace": None,
            "Font": None,  # WeasyPrint's writer points this at the fonts of the PDF
        }
    )


class _FaceFonts(dict):
    """The fonts one painting uses, each a copy of the process's model for that font with its own glyph lists: a new
    weasyprint Font would read the whole font file again (most of the time it takes to paint a small face)."""

    def __contains__(self, key) -> bool:
        return dict.__contains__(self, key) or key in _FONTS

    def __getitem__(self, key):
        if not dict.__contains__(self, key):
            dict.__setitem__(self, key, _font_copy(_FONTS[key]))
        return dict.__getitem__(self, key)


def _font_copy(font):
    copied = copy.copy(font)
    copied.widths, copied.to_unicode = {}, {}
    copied.missing, copied.variations = dict(font.missing), dict(font.variations)
    return copied


def _kept_glyphs(fonts: dict) -> dict:
    """Per font only the ids of the glyphs a painting uses; the font (it holds the file) and the widths and text of
    its glyphs are kept once per process."""
    glyphs = {}
    for key, font in fonts.items():
        if key not in _FONTS:
            _FONTS[key] = _font_copy(font)
        widths, to_unicode = _GLYPHS.setdefault(key, ({}, {}))
        for glyph, width in font.widths.items():
            widths.setdefault(glyph, width)
        for glyph, text in font.to_unicode.items():
            to_unicode.setdefault(glyph, text)
        glyphs[key] = tuple(font.widths)
    return glyphs


def _use_glyphs(stream, glyphs: dict) -> None:
    """Register the glyphs a painting uses in the fonts of the PDF it is drawn in (for subsetting and text)."""
    for key, ids in glyphs.items():
        font = stream._fonts.get(key)
        if font is None:
            font = stream._fonts[key] = _font_copy(_FONTS[key])
        widths, to_unicode = _GLYPHS[key]
        for glyph in ids:
            font.widths.setdefault(glyph, widths[glyph])
            if glyph in to_unicode:
                font.to_unicode.setdefault(glyph, to_unicode[glyph])


class PaintedFace:
    """A laid-out face, painted once; ``paint`` draws it into any PDF like the page itself would.

    ``box``: the face's box when the page holds several faces (fit.py lays out a few faces per page, which is
    cheaper): only that box and what is inside it is painted, moved to the top-left corner of the page.
    """

    def __init__(self, page, document, box=None):
        from weasyprint.pdf.stream import Stream

        self.bleed = dict(page.bleed)
        self.bookmarks, self.forms = [], {None: []}
        if box is None:
            self.width, self.height, x, y = page.width, page.height, 0, 0
        else:
            self.width, self.height, x, y = (
                box.border_width(),
                box.border_height(),
                box.border_box_x(),
                box.border_box_y(),
            )
        self.links = [
            (kind, target, (left - x, top - y, width, height), link_box)
            for kind, target, (left, top, width, height), link_box in page.links
            if x <= left < x + self.width and y <= top < y + self.height
        ]
        self.anchors = {name: (left - x, top - y) for name, (left, top) in page.anchors.items()}
        bleed = self.bleed
        rectangle = (-bleed["left"], -bleed["top"], self.width + bleed["left"] + bleed["right"])
        rectangle += (self.height + bleed["top"] + bleed["bottom"],)
        fonts, images, resources = _FaceFonts(), {}, _resources()
        # Transparency groups (opacity) get this rectangle as their box: in the page's coordinates.
        on_page = (rectangle[0] + x, rectangle[1] + y, *rectangle[2:])
        stream = Stream(fonts, on_page, resources, images, None, document.color_profiles, document.output_intent)
        with _painting_once():
            if box is None:
                page.paint(stream, PDF_SCALE)
            else:
                _paint_box(stream, box, page)
        left, top, width, height = (value * PDF_SCALE for value in rectangle)
        self._form = _Stream(
            _raw(stream),
            _freeze(
                {
                    "Type": "/XObject",
                    "Subtype": "/Form",
                    "BBox": [left, top, left + width, top + height],
                    "Resources": resources,
                },
                {},
            ),
        )
        self._glyphs = _kept_glyphs(fonts)
        self._images = {name: (e["image"], e["interpolate"], e["dpi_ratios"]) for name, e in images.items()}

    def paint(self, stream, scale=1):
        """Draw the face's form (what ``page.paint(stream, scale)`` would draw) and register what it uses. A face
        drawn again in the same PDF (a shared cover, the cut lines of every sheet) draws the form it already has:
        WeasyPrint's writer gives all pages of a PDF one resource dictionary."""
        resources = stream._resources
        in_this_pdf = resources.__dict__.setdefault("kb_painted_faces", {})  # not written: only its items are
        name = in_this_pdf.get(self)
        if name is None:
            name = in_this_pdf[self] = f"kf{len(resources['XObject'])}"
            resources["XObject"][name] = _thaw(self._form, {}, resources["ColorSpace"])
            _use_glyphs(stream, self._glyphs)
            for image_name, (image, interpolate, ratios) in self._images.items():
                entry = stream._images.setdefault(
                    image_name, {"image": image, "interpolate": interpolate, "dpi_ratios": set(), "x_object": None}
                )
                entry["dpi_ratios"].update(ratios)
        with stream.stacked():
            if scale != PDF_SCALE:
                stream.transform(a=scale / PDF_SCALE, d=scale / PDF_SCALE)
            stream.draw_x_object(name)


class PaintedText:
    """One laid-out line of plain text (a line box), painted once and drawn at any place in any PDF as content of
    that page: no form, because a piece of a slug line or sheet label is drawn on many pages, once on each.

    ``paint(stream, x, y)`` puts the start of the text and the top of the line at (x, y), in the stream's units
    (CSS px where impose.py draws it); ``width`` is the advance of the text (trailing spaces included).
    """

    def __init__(self, line_box, document):
        from weasyprint.draw import draw_inline_level
        from weasyprint.pdf.stream import Stream

        fonts, resources = _FaceFonts(), _resources()
        stream = Stream(fonts, (0, 0, 0, 0), resources, {}, None, document.color_profiles, document.output_intent)
        start = min(child.position_x for child in line_box.children)
        with stream.stacked():
            stream.transform(e=-start, f=-line_box.position_y)
            draw_inline_level(stream, None, line_box)
        used = sorted(name for name in ("XObject", "Pattern", "Shading", "ColorSpace") if resources[name])
        if any(not name.startswith(("a", "A")) for name in resources["ExtGState"]):  # only opacities, named by value
            used.append("ExtGState")
        if used:
            raise ValueError(f"PaintedText tekent alleen tekst, geen {', '.join(used)}")
        self.width = sum(child.margin_width() for child in line_box.children)
        self.height = line_box.height
        self._content = _raw(stream)
        self._states = _freeze(resources["ExtGState"], {})  # the opacity states its colours set
        self._glyphs = _kept_glyphs(fonts)

    def paint(self, stream, x: float, y: float) -> None:
        states = stream._resources["ExtGState"]
        for name, state in self._states.items():
            if name not in states:  # the same name is the same state (WeasyPrint names them by their values)
                states[name] = _thaw(state, {}, None)
        _use_glyphs(stream, self._glyphs)
        with stream.stacked():
            stream.transform(e=x, f=y)
            stream.stream.append(self._content)


_PAINTING_ONCE = contextvars.ContextVar("painting_once", default=False)  # inside PaintedFace or form_of


@contextlib.contextmanager
def _painting_once():
    token = _PAINTING_ONCE.set(True)
    try:
        yield
    finally:
        _PAINTING_ONCE.reset(token)


def form_of(paint, width: float, height: float) -> _Stream:
    """A frozen form of what ``paint(stream)`` draws in the box (0, 0, width, height), in CSS px."""
    from weasyprint.pdf.stream import Stream

    resources = _resources()
    stream = Stream({}, (0, 0, width, height), resources, {}, None, {}, None)
    with _painting_once():
        paint(stream)
    form = {"Type": "/XObject", "Subtype": "/Form", "BBox": [0, 0, width, height], "Resources": resources}
    return _Stream(_raw(stream), _freeze(form, {}))


def draw_form(stream, name: str, form: _Stream, scale_x: float, scale_y: float) -> None:
    """Draw a frozen form (form_of) at the origin, scaled. While a face is painted once it goes in frozen (it is
    thawed with the face, in every PDF); drawn straight into a PDF it is thawed at once."""
    objects = stream._resources["XObject"]
    if name not in objects:
        objects[name] = form if _PAINTING_ONCE.get() else _thaw(form, {}, stream._resources["ColorSpace"])
    with stream.stacked():
        stream.transform(a=scale_x, d=scale_y)
        stream.draw_x_object(name)


def _paint_box(stream, box, page) -> None:
    """Paint one box and everything inside it (as its own stacking context), its top-left corner at the origin."""
    from weasyprint.draw import draw_stacking_context
    from weasyprint.stacking import StackingContext

    with stream.stacked():
        stream.transform(a=PDF_SCALE, d=PDF_SCALE)
        stream.transform(e=-box.border_box_x(), f=-box.border_box_y())
        draw_stacking_context(stream, StackingContext.from_box(box, page._page_box))


def stacked_css(selector: str, width_mm: float, height_mm: float, per_page: int) -> str:
    """CSS that lays out ``per_page`` elements (each on a page of its own in the profile's CSS, of this size) below
    each other on one tall page: every page costs time of its own (page styles, margin boxes). ``PaintedFace`` with
    the element's box paints each on its own."""
    return (
        f"@page {{ size: {width_mm}mm {height_mm * per_page}mm; }}"
        f"{selector}, {selector}:first-child {{ break-before: auto; }}"
        f"{selector}:nth-child({per_page}n+1) {{ break-before: page; }}"
    )


def release() -> None:
    """Free the layouts that are painted (WeasyPrint's boxes hold reference cycles, so only the cyclic garbage
    collector frees them) and leave what stays, such as the paintings, out of later collections (gc.freeze; the
    build unfreezes when the cards are made)."""
    gc.collect()
    gc.freeze()
