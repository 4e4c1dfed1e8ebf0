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

from pdfplumber.page import Page as PlumberPage

from vnplan.extract.model import BBox, Cell, Line, Page
from vnplan.extract.routing import OcrPolicy, TextLayerVerdict, judge_text_layer
from vnplan.extract.text_layer import Glyph, Word, page_to_words

log = logging.getLogger(__name__)

TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 3}


def words_to_text_lines(words: Sequence[Word], tolerance: float = 3.0) -> list[tuple[float, list[Word]]]:
    """Group words into lines by vertical position (the baseline where known: words of two fonts
    on one baseline have tops points apart); (top, words left to right) per line."""
    lines: list[tuple[float, list[Word]]] = []
    for w in sorted(words, key=lambda w: (w.line_key, w.x0)):
        if lines and abs(w.line_key - lines[-1][0]) <= tolerance:
            lines[-1][1].append(w)
        else:
            lines.append((w.line_key, [w]))
    return [(min(w.top for w in ws), sorted(ws, key=lambda w: w.x0)) for _, ws in lines]


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
    owners = words_to_cells(row_cells, words)
    out: list[tuple[float, Line]] = []
    for r, cells in enumerate(row_cells):
        built = []
        for c, bbox in enumerate(cells):
            if bbox is None:
                built.append(Cell(""))
                continue
            text = words_to_cell_text(owners.get((r, c), []))
            built.append(Cell(unicodedata.normalize("NFC", text), bbox=tuple(map(float, bbox))))  # type: ignore[arg-type]
        if not any(c.text for c in built):
            continue  # the blank filler rows of a merged area carry nothing
        tops = [b[1] for b in cells if b is not None]
        line = Line(text="\t".join(c.text for c in built), page=page_number, cells=tuple(built))
        out.append((min(tops) if tops else 0.0, line))
    return out


def words_to_cells(
    row_cells: Sequence[Sequence[BBox | None]], words: Sequence[Word]
) -> dict[tuple[int, int], list[Word]]:
    """The words of each cell (row, column). A word belongs to one cell only: where the table finder
    returns overlapping cells (a ruling that stops short of a border), the smallest cell holding
    the word's centre has it, so no text is read twice."""
    # Words sorted by their centre's height: each row looks only at the words of its own band
    # instead of every word of the page (tables of a few hundred cells on pages of thousands of words).
    by_height = sorted(range(len(words)), key=lambda i: words[i].centre[1])
    heights = [words[i].centre[1] for i in by_height]
    best: dict[int, tuple[float, int, int]] = {}  # word index -> (cell area, row, column)
    for r, cells in enumerate(row_cells):
        for c, bbox in enumerate(cells):
            if bbox is None:
                continue
            area = (bbox[2] - bbox[0]) * (bbox[3] - bbox[1])
            for i in by_height[bisect.bisect_left(heights, bbox[1]) : bisect.bisect_right(heights, bbox[3])]:
                if inside(words[i], bbox) and (i not in best or area < best[i][0]):
                    best[i] = (area, r, c)
    owners: dict[tuple[int, int], list[Word]] = {}
    for i in sorted(best):
        owners.setdefault(best[i][1:], []).append(words[i])
    return owners


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


def plumber_page_to_page(
    page: PlumberPage, page_number: int, ocr: OcrPolicy = "auto", extra: Sequence[Glyph] = ()
) -> tuple[Page | None, TextLayerVerdict]:
    """The page read from its text layer, or None (with the verdict) when it must be OCRed;
    ``extra``: glyphs drawn by the page's form fields (``vnplan.extract.widgets``).

    Under ``--ocr never`` a layer is read whatever the verdict; only a page without one is None.
    """
    words, used = page_to_words(page, extra)
    verdict = judge_text_layer(page, words, used)
    if not verdict.has_text or (ocr == "auto" and not verdict.usable):
        log.info("page %d: %s; falling back to OCR", page_number, verdict.reason)
        return None, verdict
    route = verdict.reason
    if ocr == "never":
        route = "text layer read (--ocr never)" + ("" if verdict.usable else f", although {verdict.reason}")
    lines = page_to_lines(page, words, page_number)
    width, height = float(page.width), float(page.height)
    return Page(page_number, reader_name(used), tuple(lines), width, height, route=route), verdict
