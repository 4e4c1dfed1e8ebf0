"""Born-digital PDF pages: pdfplumber words + ruling lines -> table rows and narrative lines.

pdfplumber's table finder (lines strategy) gives only the cell geometry; the text of each cell is
rebuilt from words so that legacy-encoded fonts can be decoded word by word (a TCVN3 heading and a
Unicode body often share a page). A merged cell's text sits in its top-left slot and the slots it
covers are blank, so two-row headers come out as printed and ``normalize`` sees the real shape.
"""

from __future__ import annotations

import bisect
import itertools
import logging
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pdfplumber.page import Page as PlumberPage

from vnplan.extract.legacy_encoding import Encoding, decode, detect_encoding, font_to_encoding, syllable_share
from vnplan.extract.model import BBox, Cell, Line, Page

log = logging.getLogger(__name__)

TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 3}
MIN_SYLLABLE_SHARE = 0.6  # below this (after any legacy decoding) the text layer is garbage
MIN_TOKENS_FOR_SHARE = 12  # fewer words than this say too little to judge
BIG_IMAGE_SHARE = 0.4  # an image this large with little text on it is a scan under a thin OCR layer


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2


@dataclass(frozen=True)
class TextLayerVerdict:
    usable: bool
    reason: str  # why not, for the log and the document warnings
    encodings: frozenset[str]  # legacy encodings decoded on the page ("tcvn3", "vni")


def fonts_to_encodings(raw_words: Sequence[dict[str, object]]) -> dict[str, tuple[Encoding, bool]]:
    """Encoding per font: by font name when it says, else by the content set in that font."""
    texts: dict[str, list[str]] = {}
    for w in raw_words:
        texts.setdefault(str(w.get("fontname", "")), []).append(str(w["text"]))
    result: dict[str, tuple[Encoding, bool]] = {}
    for font, words in texts.items():
        by_name, capitals = font_to_encoding(font)
        result[font] = (by_name, capitals) if by_name else (detect_encoding(words)[0], False)
    return result


def page_to_words(page: PlumberPage) -> tuple[list[Word], set[str]]:
    """Decoded, NFC words of a page and the legacy encodings that were decoded."""
    raw = page.extract_words(x_tolerance=1.5, y_tolerance=3, extra_attrs=["fontname"])
    encodings = fonts_to_encodings(raw)
    used: set[str] = set()
    words = []
    for w in raw:
        enc, capitals = encodings[str(w.get("fontname", ""))]
        if enc != "unicode":
            used.add(enc)
        text = decode(str(w["text"]), enc, capitals=capitals)
        words.append(Word(text, float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"])))
    return words, used


def has_page_sized_image(page: PlumberPage) -> bool:
    """Whether an image covers a large share of the page (a scan, not a logo or a stamp)."""
    page_area = float(page.width * page.height)
    return any(
        (float(im["x1"]) - float(im["x0"])) * (float(im["bottom"]) - float(im["top"])) >= BIG_IMAGE_SHARE * page_area
        for im in page.images
    )


def judge_text_layer(page: PlumberPage, words: Sequence[Word], encodings: Iterable[str]) -> TextLayerVerdict:
    """Is the text layer worth reading, or must the page be OCR'd?"""
    enc = frozenset(encodings)
    if not words:
        return TextLayerVerdict(False, "empty text layer", enc)
    page_area = float(page.width * page.height)
    for im in page.images:
        x0, top, x1, bottom = float(im["x0"]), float(im["top"]), float(im["x1"]), float(im["bottom"])
        if (x1 - x0) * (bottom - top) < BIG_IMAGE_SHARE * page_area:
            continue
        inside = [w for w in words if x0 <= w.centre[0] <= x1 and top <= w.centre[1] <= bottom]
        covered = (max(w.bottom for w in inside) - min(w.top for w in inside)) if inside else 0.0
        if covered < 0.5 * (bottom - top):
            return TextLayerVerdict(False, "text layer covers only part of a page-sized image", enc)
    text = " ".join(w.text for w in words)
    if len(text.split()) >= MIN_TOKENS_FOR_SHARE and syllable_share(text) < MIN_SYLLABLE_SHARE:
        return TextLayerVerdict(False, f"text layer is not Vietnamese (syllable share {syllable_share(text):.2f})", enc)
    return TextLayerVerdict(True, "", enc)


def words_to_text_lines(words: Sequence[Word], tolerance: float = 3.0) -> list[tuple[float, list[Word]]]:
    """Group words into lines by vertical position; (top, words left to right) per line."""
    lines: list[tuple[float, list[Word]]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and abs(w.top - lines[-1][0]) <= tolerance:
            lines[-1][1].append(w)
        else:
            lines.append((w.top, [w]))
    return [(top, sorted(ws, key=lambda w: w.x0)) for top, ws in lines]


def split_at_wide_gaps(words: Sequence[Word]) -> list[list[Word]]:
    """Side-by-side text blocks on one line (the issuer's block beside the national motto) as
    separate lines: joined, "TỈNH ĐỒNG NAI CỘNG HÒA XÃ HỘI…" reads as one name."""
    if not words:
        return []
    height = max(w.bottom - w.top for w in words)
    blocks: list[list[Word]] = [[words[0]]]
    for previous, word in itertools.pairwise(words):
        if word.x0 - previous.x1 > max(_WIDE_GAP_PT, _WIDE_GAP_LINES * height):
            blocks.append([])
        blocks[-1].append(word)
    return blocks


_WIDE_GAP_PT = 18.0
_WIDE_GAP_LINES = 2.0  # a gap of two line heights is never a space between words


def words_to_cell_text(words: Sequence[Word]) -> str:
    """Text lines inside one cell joined with a space (a wrapped cell reads as one string)."""
    return " ".join(" ".join(w.text for w in ws) for _, ws in words_to_text_lines(words))


def inside(word: Word, bbox: BBox) -> bool:
    x, y = word.centre
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def table_to_rows(
    row_cells: Sequence[Sequence[BBox | None]], words: Sequence[Word], page_number: int
) -> list[tuple[float, Line]]:
    """One Line per table row; a slot covered by a merged cell is a blank Cell."""
    out: list[tuple[float, Line]] = []
    # Words sorted by their centre's height: each row looks only at the words of its own band
    # instead of every word of the page (tables of a few hundred cells on pages of thousands of words).
    by_height = sorted(words, key=lambda w: w.centre[1])
    heights = [w.centre[1] for w in by_height]
    for cells in row_cells:
        boxes = [b for b in cells if b is not None]
        band: Sequence[Word] = ()
        if boxes:
            low = bisect.bisect_left(heights, min(b[1] for b in boxes))
            high = bisect.bisect_right(heights, max(b[3] for b in boxes))
            band = by_height[low:high]
        built = []
        for bbox in cells:
            if bbox is None:
                built.append(Cell(""))
                continue
            text = words_to_cell_text([w for w in band if inside(w, bbox)])
            built.append(Cell(unicodedata.normalize("NFC", text), bbox=tuple(map(float, bbox))))  # type: ignore[arg-type]
        if not any(c.text for c in built):
            continue  # the blank filler rows of a merged area carry nothing
        tops = [b[1] for b in cells if b is not None]
        line = Line(text="\t".join(c.text for c in built), page=page_number, cells=tuple(built))
        out.append((min(tops) if tops else 0.0, line))
    return out


_MIN_RULE_LENGTH = 5.0  # points


def closing_lines(page: PlumberPage) -> list[float]:
    """A horizontal rule where the column rulings end but no row rule closes them.

    A row cut by a page break runs to the bottom of the page with no closing rule, and the table
    finder would drop it as loose text; closing it keeps it a table row (normalize joins its
    continuation on the next page).
    """
    verticals = [edge["bottom"] for edge in page.vertical_edges]
    # Borders drawn as thin rectangles also leave stub horizontal edges (a point wide) where each
    # column line ends; only an edge long enough to span part of a cell closes a row.
    horizontals = [edge["top"] for edge in page.horizontal_edges if edge["x1"] - edge["x0"] >= _MIN_RULE_LENGTH]
    if not verticals or not horizontals:
        return []
    lowest_vertical, lowest_horizontal = max(verticals), max(horizontals)
    return [float(lowest_vertical)] if lowest_vertical > lowest_horizontal + 2 else []


def page_to_lines(page: PlumberPage, words: Sequence[Word], page_number: int) -> list[Line]:
    """Table rows and narrative lines of a page in reading order (top to bottom)."""
    placed: list[tuple[float, Line]] = []
    table_boxes: list[BBox] = []
    for table in page.find_tables({**TABLE_SETTINGS, "explicit_horizontal_lines": closing_lines(page)}):
        if len(table.rows) < 2 or len(table.rows[0].cells) < 2:
            continue  # a lone ruled box (a signature frame, a stamp) is not a table
        table_boxes.append(table.bbox)
        placed += table_to_rows([row.cells for row in table.rows], words, page_number)
    loose = [w for w in words if not any(inside(w, box) for box in table_boxes)]
    for top, ws in words_to_text_lines(loose):
        for block in split_at_wide_gaps(ws):
            text = unicodedata.normalize("NFC", " ".join(w.text for w in block))
            placed.append((top, Line(text=text, page=page_number)))
    placed.sort(key=lambda item: item[0])  # stable: blocks of one line stay left to right
    return [line for _, line in placed]


def reader_name(encodings: Iterable[str]) -> str:
    counts = Counter(encodings)
    return "+".join(["pdfplumber", *sorted(counts)])


def plumber_page_to_page(page: PlumberPage, page_number: int) -> tuple[Page | None, TextLayerVerdict]:
    """The page read from its text layer, or None (with the reason) when it must be OCR'd."""
    words, used = page_to_words(page)
    verdict = judge_text_layer(page, words, used)
    if not verdict.usable:
        log.info("page %d: %s; falling back to OCR", page_number, verdict.reason)
        return None, verdict
    lines = page_to_lines(page, words, page_number)
    width, height = float(page.width), float(page.height)
    return Page(page_number, reader_name(used), tuple(lines), width, height, route="text layer kept"), verdict
