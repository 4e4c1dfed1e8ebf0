"""pdfplumber pages whose characters cost less to make, with the same objects.

    text_layer_pages(plumber_pdf) -> [TextLayerPage]   # what ``plumber_pdf.pages`` gives, faster

pdfplumber turns every pdfminer layout object into a dict by trying each of its attributes against
the attribute list and resolving it recursively (``Page.process_object``). A text page has tens of
thousands of characters and a few dozen rulings, and for characters nearly all of those values are
plain numbers, strings or tuples of numbers that resolving returns unchanged: that per-attribute
work was a fifth of a born-digital page's time. ``TextLayerPage`` builds a character's dict
directly, resolving only values that are not plain, and leaves every other object to pdfplumber.
The dicts are equal to pdfplumber's, key order included (``tests/test_plumber_pages.py`` compares
them on the sample PDFs, so a pdfplumber upgrade that changes its dicts is caught there).
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Any

import pdfplumber
from pdfminer.layout import LTChar, LTItem
from pdfminer.pdfpage import PDFPage
from pdfplumber.page import ALL_ATTRS, Page, fix_fontname_bytes
from pdfplumber.utils.exceptions import PdfminerException
from pdfplumber.utils.pdfinternals import resolve_all, resolve_and_decode

# Values that pdfplumber's resolve_all returns as they are.
_PLAIN = frozenset({float, int, str, bool, type(None)})


def _resolved(value: Any) -> Any:
    if type(value) in _PLAIN:
        return value
    if type(value) is tuple and all(type(item) in _PLAIN for item in value):
        return value  # resolve_all would rebuild an equal tuple
    return resolve_all(value)


# A page's characters name a handful of colour spaces: each name is decoded once per process
# (bounded, as a damaged file may name many).
_colour_space_name = functools.lru_cache(maxsize=256)(resolve_and_decode)


class TextLayerPage(Page):
    """A pdfplumber page whose characters are made by ``char_object``; everything else is pdfplumber's."""

    def process_object(self, obj: LTItem) -> dict[str, Any]:
        if type(obj) is not LTChar:  # rulings, images, curves, and any subclass pdfminer may add
            return super().process_object(obj)
        return self.char_object(obj)

    def char_object(self, char: LTChar) -> dict[str, Any]:
        """The dict pdfplumber's ``process_object`` makes of a character."""
        attr = {
            key: value if type(value) in _PLAIN else _resolved(value)  # the test inline: most values are plain
            for key, value in char.__dict__.items()
            if key in ALL_ATTRS
        }
        attr["object_type"] = "char"
        attr["page_number"] = self.page_number
        for space in ("ncs", "scs"):
            if hasattr(char, space):
                name = getattr(char, space).name
                attr[space] = _colour_space_name(name) if type(name) is str else resolve_and_decode(name)
        text = char.get_text()
        norm = self.pdf.unicode_norm
        attr["text"] = unicodedata.normalize(norm, text) if norm is not None else text
        state = char.graphicstate
        attr["stroking_color"] = state.scolor if isinstance(state.scolor, tuple) else (state.scolor,)
        attr["non_stroking_color"] = state.ncolor if isinstance(state.ncolor, tuple) else (state.ncolor,)
        if isinstance(attr["fontname"], bytes):
            attr["fontname"] = fix_fontname_bytes(attr["fontname"])
        # pdfminer's coordinates are relative to the MediaBox; pdfplumber's top-left ones are not
        mb_x0, mb_top = self.mediabox[:2]
        attr["top"] = (self.height - attr["y1"]) + mb_top
        attr["bottom"] = (self.height - attr["y0"]) + mb_top
        attr["doctop"] = self.initial_doctop + attr["top"]
        if mb_x0 != 0:
            attr["x0"] = attr["x0"] + mb_x0
            attr["x1"] = attr["x1"] + mb_x0
        return attr


def text_layer_pages(plumber: pdfplumber.PDF) -> list[TextLayerPage]:
    """The document's pages as ``plumber.pages`` makes them (numbers, running top), as ``TextLayerPage``."""
    pages: list[TextLayerPage] = []
    doctop: float = 0
    try:
        for index, page_obj in enumerate(PDFPage.create_pages(plumber.doc)):
            page = TextLayerPage(plumber, page_obj, page_number=index + 1, initial_doctop=doctop)
            pages.append(page)
            doctop += page.height
    except Exception as e:  # as pdfplumber wraps pdfminer's errors while listing pages
        raise PdfminerException(e) from e
    return pages
