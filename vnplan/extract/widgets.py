"""Text that form widgets draw on a page: what a signing tool stamps into a signed document.

    widget_glyphs(path, password, index, plumber_page) -> [Glyph]

Vietnamese e-government signing tools (VGCA, VNPT SmartCA …) write a document's number and day
into signature fields at signing time: the page's own content reads ``Số:      /BC-UBND`` and
``ngày    tháng 12``, and the ``329`` and ``19`` a reader sees are drawn by the fields' appearance
streams. pdfplumber reads page content only, so those characters are taken from pdfium after it
flattens the fields into the page (on a copy of the page opened for that, so the document used
for rendering stays as it is). Only characters inside a field and not already in the page's own
content are returned; pages without drawn fields cost nothing.
"""

from __future__ import annotations

import ctypes
import logging
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.pdftypes import resolve1
from pdfminer.psexceptions import PSException
from pdfplumber.page import Page as PlumberPage

from vnplan.extract.text_layer import Glyph

log = logging.getLogger(__name__)

_SAME_PLACE = 1.0  # points: a field character this close to a page character of the same text is that one


def drawn_widgets(plumber_page: PlumberPage) -> list[tuple[float, float, float, float]]:
    """Boxes (x0, top, x1, bottom) of the form fields that carry an appearance stream.

    Read shallowly from the page's /Annots: pdfplumber's ``page.annots`` resolves every object an
    annotation refers to, and signed files hold reference cycles that make it recurse without end.
    """
    boxes = []
    page_top, page_left = float(plumber_page.mediabox[3]), float(plumber_page.mediabox[0])
    for ref in resolve1(plumber_page.page_obj.annots) or []:
        annot = resolve1(ref)
        if not isinstance(annot, dict) or "AP" not in annot:
            continue
        subtype = resolve1(annot.get("Subtype"))
        if getattr(subtype, "name", None) != "Widget":
            continue
        try:
            x0, y0, x1, y1 = (float(resolve1(v)) for v in resolve1(annot.get("Rect")))
        except (TypeError, ValueError):
            continue  # a field without a usable rectangle draws nowhere we can place
        x0, x1, y0, y1 = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
        boxes.append((x0 - page_left, page_top - y1, x1 - page_left, page_top - y0))
    return boxes


def widget_glyphs(path: Path, password: str | None, index: int, plumber_page: PlumberPage) -> list[Glyph]:
    """Characters the page's form fields draw and its content does not hold. Fields that cannot
    be read (a damaged annotation, a page stored turned, whose field boxes pdfium and pdfplumber
    place differently) add nothing: the page's own text is read all the same."""
    try:
        boxes = drawn_widgets(plumber_page)
        if not boxes or plumber_page.rotation % 360:
            return []
        return _flattened_glyphs(path, password, index, plumber_page, boxes)
    except (PSException, pdfium.PdfiumError, TypeError, ValueError, KeyError, AttributeError) as error:
        log.info("page %d: form fields not read (%s: %s)", index + 1, type(error).__name__, error)
        return []


def _flattened_glyphs(
    path: Path,
    password: str | None,
    index: int,
    plumber_page: PlumberPage,
    boxes: list[tuple[float, float, float, float]],
) -> list[Glyph]:
    page_top = float(plumber_page.mediabox[3])
    page_left = float(plumber_page.mediabox[0])
    own = _own_characters(plumber_page.chars)
    glyphs = []
    with pdfium.PdfDocument(str(path), password=password) as pdf:
        page = pdf[index]
        flattened = pdfium_c.FPDFPage_Flatten(page.raw, pdfium_c.FLAT_NORMALDISPLAY) == pdfium_c.FLATTEN_SUCCESS
        page.close()
        if not flattened:
            return []
        page = pdf[index]  # pdfium's flattened content is seen once the page is loaded again
        textpage = page.get_textpage()
        try:
            for i in range(textpage.count_chars()):
                glyph = _glyph(textpage, i, page_top, page_left)
                if glyph is None or glyph.text.isspace():
                    continue
                centre_x, centre_y = (glyph.x0 + glyph.x1) / 2, (glyph.top + glyph.bottom) / 2
                inside = any(x0 <= centre_x <= x1 and top <= centre_y <= bottom for x0, top, x1, bottom in boxes)
                if inside and not _is_own(own, glyph):
                    glyphs.append(glyph)
        finally:
            textpage.close()
            page.close()
    return glyphs


def _glyph(textpage: pdfium.PdfTextPage, i: int, page_top: float, page_left: float) -> Glyph | None:
    code = pdfium_c.FPDFText_GetUnicode(textpage.raw, i)
    if code == 0 or pdfium_c.FPDFText_IsGenerated(textpage.raw, i):
        return None  # a space or line break pdfium inferred, not a character of the page
    x0, bottom, x1, top = textpage.get_charbox(i, loose=True)
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(textpage.raw, i, origin_x, origin_y)
    size = float(pdfium_c.FPDFText_GetFontSize(textpage.raw, i)) or (top - bottom)
    name = ctypes.create_string_buffer(128)
    pdfium_c.FPDFText_GetFontInfo(textpage.raw, i, name, len(name), None)
    font = name.value.decode("latin-1", "replace")
    return Glyph(
        chr(code),
        x0 - page_left,
        x1 - page_left,
        page_top - top,
        page_top - bottom,
        page_top - origin_y.value,
        size,
        font,
    )


def _own_characters(chars: list[dict[str, Any]]) -> dict[tuple[str, int, int], None]:
    return {(str(c["text"]), round(c["x0"]), round(c["top"])): None for c in chars}


def _is_own(own: dict[tuple[str, int, int], None], glyph: Glyph) -> bool:
    """Whether the page's content already has this character here (a field over body text)."""
    x, top = round(glyph.x0), round(glyph.top)
    reach = int(_SAME_PLACE) + 1
    return any(
        (glyph.text, x + dx, top + dy) in own for dx in range(-reach, reach + 1) for dy in range(-reach, reach + 1)
    )
