"""Which reader reads a PDF page: its text layer, or OCR of its picture.

    judge_text_layer(plumber_page, words, encodings) -> TextLayerVerdict

The user's policy (``--ocr``), as in OCRmyPDF:

* ``auto`` (default): per page. A born-digital layer is kept, in any language; a page with no
  layer, or whose layer is unreadable (legacy font bytes nothing decodes), is OCRed. A layer lying
  over a page-sized picture is a scan's: kept when it reads as Vietnamese (a searchable scan made
  with Vietnamese OCR), replaced by OCR when it carries few Vietnamese diacritics (a scanner's
  English OCR: ``QUYTTDINH``, ``Ldm D6ng``) or does not decode into syllables, or when it covers
  only part of the picture (a stamp or a signature line added to a scan).
* ``always``: every page is OCRed.
* ``never``: every page is read from its layer, whatever it holds; a page without one is reported
  and left empty.

The verdict's reason is kept per page in ``Page.route`` and reaches the output.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from vnplan.extract.legacy_encoding import is_vietnamese_syllable, word_tokens
from vnplan.extract.model import BBox

if TYPE_CHECKING:  # the policy is imported by the CLI and the batch, which need no PDF stack for it
    from pdfplumber.page import Page as PlumberPage

    from vnplan.extract.text_layer import Word

OcrPolicy = Literal["auto", "always", "never"]
OCR_POLICIES: tuple[OcrPolicy, ...] = ("auto", "always", "never")

# A picture covering this share of the page is the page itself (a scan), not a figure or a logo.
PAGE_IMAGE_SHARE = 0.75
# Vietnamese prose carries a diacritic on most words (0.6–0.9 on real pages, tables included); a
# scanner's OCR without the Vietnamese model almost none (0.00–0.01 on the real files measured).
MIN_DIACRITIC_SHARE = 0.3
# Below this share of valid syllables (or plain ASCII words: English, codes) the layer is garbled.
MIN_READABLE_SHARE = 0.6
MIN_TOKENS_TO_JUDGE = 12  # fewer words than this say too little about a layer's language
MIN_COVERED_HEIGHT = 0.5  # of the picture's height: less, and the layer is a stamp on a scan

_VIETNAMESE_MARKED = frozenset("àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ")


@dataclass(frozen=True)
class TextLayerVerdict:
    usable: bool  # the layer is worth reading (under --ocr auto)
    reason: str  # why, for Page.route and, when OCR replaces a layer, a document warning
    encodings: frozenset[str]  # legacy encodings decoded on the page ("tcvn3", "vni")
    has_text: bool = True  # False: the page has no text layer at all


def page_image(page: PlumberPage) -> BBox | None:
    """The box of a picture covering most of the page (a scan), or None."""
    page_area = float(page.width * page.height)
    for im in page.images:
        box = (float(im["x0"]), float(im["top"]), float(im["x1"]), float(im["bottom"]))
        if (box[2] - box[0]) * (box[3] - box[1]) >= PAGE_IMAGE_SHARE * page_area:
            return box
    return None


def diacritic_share(words: Iterable[Word]) -> float:
    """Share of the words with letters that carry a Vietnamese diacritic (or đ)."""
    lettered = [w.text.lower() for w in words if any(c.isalpha() for c in w.text)]
    if not lettered:
        return 0.0
    return sum(any(c in _VIETNAMESE_MARKED for c in text) for text in lettered) / len(lettered)


def readable_share(words: Iterable[Word]) -> float:
    """Share of the word tokens that are Vietnamese syllables or plain ASCII (English, codes)."""
    tokens = word_tokens(" ".join(w.text for w in words))
    if not tokens:
        return 1.0
    return sum(token.isascii() or is_vietnamese_syllable(token) for token in tokens) / len(tokens)


def judge_text_layer(page: PlumberPage, words: Sequence[Word], encodings: Iterable[str]) -> TextLayerVerdict:
    """Is the page's text layer worth reading, or must the page be OCRed (under ``--ocr auto``)?"""
    enc = frozenset(encodings)
    if not words:
        return TextLayerVerdict(False, "no text layer", enc, has_text=False)
    picture = page_image(page)
    judged = len(words) >= MIN_TOKENS_TO_JUDGE
    if picture is not None:
        x0, top, x1, bottom = picture
        inside = [w for w in words if x0 <= w.centre[0] <= x1 and top <= w.centre[1] <= bottom]
        covered = (max(w.bottom for w in inside) - min(w.top for w in inside)) if inside else 0.0
        if covered < MIN_COVERED_HEIGHT * (bottom - top):
            return TextLayerVerdict(False, "text layer covers only part of a page-sized image", enc)
        share = diacritic_share(words)
        if judged and share < MIN_DIACRITIC_SHARE:
            return TextLayerVerdict(
                False,
                f"text layer over a page-sized image has few Vietnamese diacritics ({share:.0%} of words): "
                "a scanner's OCR",
                enc,
            )
    readable = readable_share(words)
    if judged and readable < MIN_READABLE_SHARE:
        return TextLayerVerdict(False, f"text layer is garbled ({readable:.0%} of words readable)", enc)
    if picture is not None:
        return TextLayerVerdict(True, "text layer kept: Vietnamese text over a page-sized image", enc)
    return TextLayerVerdict(True, "text layer kept", enc)
