"""Scanned pages and images: grid + one page pass of the OCR engine -> table rows and narrative lines.

Recipe per page: deskew -> grid (ruling lines erased) -> streaks of toner specks lifted off dark
print (``toner_specks``) -> the page engine once -> words into cells
by box centre (words outside the table become narrative lines) -> re-read only the cells of number
columns that do not parse as numbers -> every amount cell read again by a second, independent
engine (``second_reading``). The placement (``words_to_lines``) needs no engine and is tested on
recorded TSV. Which engines read is decided in ``engines``, how they are called behind
``ocr_engine.OcrEngine``.
"""

from __future__ import annotations

import bisect
import dataclasses
import logging
import re
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence

import cv2
import numpy as np

from vnplan.extract.cell_noise import UNSURE, numbers_among_specks, read_unsurely
from vnplan.extract.crossed_rules import streaks_taken_out
from vnplan.extract.dash import dashes_read_by_shape
from vnplan.extract.engines import page_engine, second_engine, third_engine
from vnplan.extract.grid import Grid, denoise, straighten_and_grid
from vnplan.extract.lost_rules import row_rules_put_back, rules_put_back
from vnplan.extract.model import Cell, Line, Page
from vnplan.extract.number_text import DIGITS, GROUPED_FIGURE, NUMBER, adds_up, amount_value, figure_among_marks
from vnplan.extract.ocr_engine import OcrEngine, OcrWord
from vnplan.extract.page_numbering import PageNumbering
from vnplan.extract.pageprep import prepare_page
from vnplan.extract.render import LOW_RESOLUTION, PageImage
from vnplan.extract.second_reading import (
    binarised,
    figure_line,
    inside_rulings,
    look_again_where_rows_fail,
    looks_before_lifting,
    prefer_readings_that_add_up,
    read_amounts_twice,
    reduced,
)
from vnplan.extract.toner_specks import PRINT_MARGIN, streaks_lifted
from vnplan.extract.word_grid import words_to_grid

log = logging.getLogger(__name__)

NUMBER_COLUMN_SHARE = 0.5  # a column is numeric when this share of its filled body cells are numbers
MAX_REREADS_PER_PAGE = 60  # each re-read is an engine call: bound the cost of a bad page
MIN_CLEAN_AMOUNTS = 1  # an amount read clean, which a column needs before its figures among marks count
INK_SHARE = 0.004  # an "empty" cell with this much ink is worth a second look
INK_CONTRAST = 50  # gray levels under a cell's paper that make a pixel faint print (``ink_share``)
# Row codes: "3", "2.1", "1.2.3", "IV", "b" (with an optional closing dot or parenthesis)
CODE = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3}){0,3}|[IVXLC]{1,7}|[a-zđ])[.)]?$")
CODE_CHARS = "0123456789.IVXLC"
MAX_CODE_MISREAD = 4  # letters and digits: a code read as a word is short ("Kẻ" for "3", "là 5..." under specks)
CODE_COLUMN_SHARE = 0.1  # of a table's width, at most: an STT column (some 5 %), not a title's
DECIMAL_COLUMN_SHARE = 0.3  # a column is decimal when this share of its numbers print a comma
# "2124143", "37777": an amount whose thousands dots the page reader lost (bold print, noise). Five
# digits and more: no year, month or row code is that long; such cells are worth a re-read.
LOST_SEPARATORS = re.compile(r"^\d{5,}$")
LOST_COMMA = re.compile(r"^\d{2,3}$")  # "221" for "22,1": a short bare number in a decimal column
SURE_REREAD = 0.7  # a re-read less confident than this is tried again without upscaling
MAX_HEADER_ROWS = 4  # grid rows above the first number that may hold header cells
HEADER_GAP = 40  # white pixels between stacked header cells, so that Tesseract keeps them apart
HEADER_BLOCKS = 10_000  # block numbers of the header re-read start here (the page's own are below)

CellReader = Callable[[np.ndarray, tuple[int, int, int, int]], tuple[str, float]]

# A lone code in its cell is a hard case for Tesseract, whole page or cell alone: held-out Augraphy
# cells whose "6", "7" or "3" it read as "p1", marks or nothing, which PP-OCR (the third reader)
# read at 0.95 and more. Its reading of a code cell Tesseract leaves without a code is taken where
# it is sure, and only a number or a letter: beside the cell's rule it reads the rule as one more
# stroke ("III" for a clean II, at 0.90), so Roman numerals stay Tesseract's, as do the letters a
# stroke makes ("i", "l", "o" for 0).
THIRD_SURE_CODE = 0.9
THIRD_CODE = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3}){0,3}|[a-hkmnp-zđ])[.)]?$")


def words_to_text_lines(words: Sequence[OcrWord]) -> list[list[OcrWord]]:
    """Words grouped into text lines by Tesseract's own (block, paragraph, line) numbers: each line
    left to right, lines in Tesseract's order (top to bottom in a page read as one block).

    Tesseract finds its lines along the baseline, skew and all. Grouping by box height instead
    (words whose centres differ by less than ~1 mm) split a slightly skewed line and shuffled the
    words of neighbouring lines into each other ("HÒA CỘNG", "Quốc về hội" for "Quốc hội về").
    """
    lines: dict[tuple[int, int, int], list[OcrWord]] = {}
    for w in words:
        lines.setdefault(w.line_key, []).append(w)
    # Tesseract numbers its lines in reading order; on a skewed page a line's height says less
    return [sorted(lines[key], key=lambda w: w.x0) for key in sorted(lines)]


def words_to_text(words: Sequence[OcrWord]) -> tuple[str, list[float]]:
    """Words of one cell or narrative line in reading order, joined by spaces; and their confidences."""
    flat = [w for line in words_to_text_lines(words) for w in line]
    return " ".join(w.text for w in flat), [w.conf for w in flat]


def words_to_lines(words: Sequence[OcrWord], grid: Grid | None, page_number: int, dpi: float) -> list[Line]:
    """Table rows (one Cell per grid column) and narrative lines, top to bottom."""
    in_cells: dict[tuple[int, int], list[OcrWord]] = {}
    loose: list[OcrWord] = []
    if grid is not None:
        words = [part for w in words for part in split_at_columns(w, grid)]
    for w in words:
        slot = grid.slot_of(*w.centre) if grid else None
        if grid is None or slot is None:
            loose.append(w)
        else:
            in_cells.setdefault(grid.anchor[slot[0]][slot[1]], []).append(w)
    placed: list[tuple[float, Line]] = []
    if grid is not None:
        rows, cols = grid.shape
        for r in range(rows):
            cells = []
            for c in range(cols):
                if grid.anchor[r][c] != (r, c):
                    cells.append(Cell(""))  # covered by a merged cell anchored elsewhere
                    continue
                text, confs = words_to_text(in_cells.get((r, c), []))
                box = tuple(float(v) for v in grid.cell_box(r, c))
                conf = float(np.mean(confs)) if confs else None
                cells.append(Cell(text, conf, box))  # type: ignore[arg-type]
            if any(cell.text for cell in cells):
                placed.append((grid.ys[r], Line("\t".join(c.text for c in cells), page_number, tuple(cells))))
    for line_words in words_to_text_lines(loose):
        text, _ = words_to_text(line_words)
        placed.append((min(w.top for w in line_words), Line(text, page_number)))
    placed.sort(key=lambda item: item[0])
    return [line for _, line in placed]


def split_at_columns(word: OcrWord, grid: Grid) -> list[OcrWord]:
    """Split a word that straddles a column ruling (erased lines let Tesseract join "0" and "3").

    Characters are apportioned by position; separators left at the cut are dropped. A word inside
    a merged cell is never cut at the boundaries the merge spans ("Cơ cấu nguồn vốn" over two
    sources had read "ngu ồn").
    """
    if not (grid.ys[0] <= word.centre[1] <= grid.ys[-1]) or len(word.text) < 2:
        return [word]
    width = word.x1 - word.x0
    row = min(bisect.bisect_right(grid.ys, word.centre[1]) - 1, len(grid.ys) - 2)
    for index, bx in enumerate(grid.xs[1:-1], start=1):
        if grid.anchor[row][index - 1] == grid.anchor[row][index]:
            continue  # inside a merged cell: no rule runs here
        if word.x0 + 0.2 * width < bx < word.x1 - 0.2 * width:
            k = round(len(word.text) * (bx - word.x0) / width)
            left, right = word.text[:k].rstrip(".,"), word.text[k:].lstrip(".,")
            parts = [
                OcrWord(left, word.x0, word.top, bx - 1, word.bottom, word.conf, word.line_key),
                OcrWord(right, bx + 1, word.top, word.x1, word.bottom, word.conf, word.line_key),
            ]
            return [q for part in parts if part.text for q in split_at_columns(part, grid)]
    return [word]


def figures_beside_table(words: Sequence[OcrWord], grid: Grid) -> str | None:
    """The doubt to record where amounts lie beside the table, level with its rows but outside its
    outermost column rules (a column whose rule the grid lost): they are read as narrative text,
    and their rows lack them; None where there are none.

    An amount here: a number with a thousands or decimal separator, or of five digits or more (no
    year, month or row code is that long)."""
    rows = sorted(
        bisect.bisect_right(grid.ys, w.centre[1])
        for w in words
        if grid.ys[0] < w.centre[1] < grid.ys[-1]
        and not grid.xs[0] <= w.centre[0] <= grid.xs[-1]
        and NUMBER.match(text := w.text.strip(".,:;'\"“”"))
        and (digit_count(text) >= 5 or (digit_count(text) >= 4 and any(sep in text for sep in ".,")))
    )
    if not rows:
        return None
    span = f"row {rows[0]}" if rows[0] == rows[-1] else f"rows {rows[0]}–{rows[-1]}"
    figures = "1 figure lies" if len(rows) == 1 else f"{len(rows)} figures lie"
    return (
        f"{figures} beside the table, outside its columns ({span} of its grid): read as text, not as "
        "amounts; the rows beside them may lack them (check the page)"
    )


def number_columns(rows: Sequence[Line]) -> set[int]:
    """Columns whose filled body cells are mostly numbers (amounts, months)."""
    # header and numbering rows ("(1) (2) …") hold no number at all: they must not outvote the body
    rows = [r for r in rows if any(NUMBER.match(c.text.replace(" ", "")) for c in r.cells)]
    result = set()
    width = max((len(r.cells) for r in rows), default=0)
    for c in range(width):
        texts = [r.cells[c].text.replace(" ", "") for r in rows if c < len(r.cells) and r.cells[c].text]
        numeric = sum(bool(NUMBER.match(t) or LOST_SEPARATORS.match(t)) for t in texts)
        if len(texts) >= 3 and numeric >= NUMBER_COLUMN_SHARE * len(texts):
            result.add(c)
    return result


def amount_columns(lines: Sequence[Line]) -> set[int]:
    """Columns that hold amounts: mostly numbers in the body rows (rows reading two numbers or
    more), not the first (codes such as "15" are numbers too), nor a column of months (whole
    numbers 1–12 only). Unlike ``number_columns`` one body row is enough: the last page of a
    table may hold a single row, and its amounts are read twice like any other."""

    def is_number(cell: Cell) -> bool:
        return bool(NUMBER.match(cell.text.replace(" ", "")))

    # A figure among the marks of a streak counts as a number too: on a page whose streaks garbled
    # most amounts (held-out seed 9901 h05 p.3: "; 707008 la", "|.789,94"), too few rows read two
    # clean numbers, no column was taken for amounts, and not one cell of the page was read twice.
    def is_figure(cell: Cell) -> bool:
        return is_number(cell) or figure_among_marks(cell.text)

    rows = [ln for ln in lines if sum(is_figure(c) for c in ln.cells[1:]) >= 2]
    result = set()
    for c in range(1, max((len(r.cells) for r in rows), default=0)):
        cells = [r.cells[c] for r in rows if c < len(r.cells) and r.cells[c].text.strip()]
        numbers = [t for cell in cells if NUMBER.match(t := cell.text.replace(" ", ""))]
        figures = [cell for cell in cells if is_figure(cell)]
        digits = [t for t in numbers if t != "-"]
        months = bool(digits) and all(t.isdigit() and 1 <= int(t) <= 12 for t in digits)
        # figures among marks count only in a column that reads an amount of its own, printed with a
        # thousands dot or a decimal comma: a column of counts ("120 ha") or years is no amount column
        amounts = sum(bool(re.search(r"\d[.,]\d", t)) for t in digits)
        share = len(figures) if amounts >= MIN_CLEAN_AMOUNTS else len(numbers)
        if numbers and share >= NUMBER_COLUMN_SHARE * len(cells) and not months:
            result.add(c)
    return result


def decimal_columns(rows: Sequence[Line], numeric: set[int]) -> set[int]:
    """Number columns whose amounts mostly print a decimal comma ("28,3"): there a bare "221"
    may be "22,1" with its comma lost (small print, noise), worth a second look."""
    result = set()
    for c in numeric:
        texts = [r.cells[c].text.replace(" ", "") for r in rows if c < len(r.cells) and r.cells[c].text]
        numbers = [t for t in texts if NUMBER.match(t) and t != "-"]
        if numbers and sum("," in t for t in numbers) >= DECIMAL_COLUMN_SHARE * len(numbers):
            result.add(c)
    return result


def digit_count(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def ink_share(gray: np.ndarray, box: tuple[int, int, int, int], margin: int, *, faint: bool = False) -> float:
    """The share of a cell's pixels (inside ``margin``) that are print: darker than mid-gray, or,
    ``faint``, than the cell's paper (its median, a cell being mostly paper) by INK_CONTRAST. Faded
    print ("6" and "7" at gray 160 on paper at 235, held-out seed 10201 h07 p.4) is print to the
    second measure only; so is the back page's print showing through thin paper (gray 180), which
    is why a cell whose ink is faint only is read again and its reading taken only where sure."""
    x0, y0, x1, y1 = box
    crop = gray[y0 + margin : y1 - margin, x0 + margin : x1 - margin]
    if not crop.size:
        return 0.0
    level = float(np.median(crop)) - INK_CONTRAST if faint else 128.0
    return float((crop < level).mean())


def engine_cell_reader(engine: OcrEngine, *, whitelist: str = DIGITS, pattern: re.Pattern = NUMBER) -> CellReader:
    """Read one cell again: crop inside its rulings, upscale ×2, one text line, only the characters
    of ``whitelist``; a reading is good when it matches ``pattern``."""

    def read(gray: np.ndarray, box: tuple[int, int, int, int]) -> tuple[str, float]:
        return read_cell(engine, gray, box, whitelist=whitelist, pattern=pattern)

    return read


def code_cell_reader(engine: OcrEngine, third: OcrEngine) -> CellReader:
    """Read a code cell again: ``engine`` with only a code's characters; where that reads no code at
    all, the third reader's code where it is sure of it (``THIRD_SURE_CODE``). A code Tesseract
    read, however unsurely, is kept: given a tall cell (its title wrapped on four lines), PP-OCR
    squeezes the code and loses its dots ("112" for 1.1.2 at 0.90)."""

    def read(gray: np.ndarray, box: tuple[int, int, int, int]) -> tuple[str, float]:
        text, conf = read_cell(engine, gray, box, whitelist=CODE_CHARS, pattern=CODE)
        if CODE.match(text):
            return text, conf
        crop = inside_rulings(gray, box)
        if crop.size == 0:
            return text, conf
        (reading,) = third.read_lines([crop])
        other = "".join(unicodedata.normalize("NFKC", reading.text).split())
        if THIRD_CODE.match(other) and reading.confidence >= THIRD_SURE_CODE:
            return other, reading.confidence
        return text, conf

    return read


def read_cell(
    engine: OcrEngine,
    gray: np.ndarray,
    box: tuple[int, int, int, int],
    *,
    whitelist: str = DIGITS,
    pattern: re.Pattern = NUMBER,
) -> tuple[str, float]:
    crop = inside_rulings(gray, box)
    if crop.size == 0:
        return "", 0.0
    best = ("", 0.0)
    for scaled, last_resort in _looks(crop):
        (reading,) = engine.read_lines([scaled], charset=whitelist)
        text, conf = "".join(reading.text.split()), reading.confidence
        if last_resort and conf < SURE_REREAD:
            break  # an unsure reading of the reduced print is no reading (a seal's ink read "0" at 0.0)
        better = bool(pattern.match(text)) and (not pattern.match(best[0]) or conf > best[1])
        if better or not best[0]:
            best = (text, conf)
        if pattern.match(best[0]) and best[1] >= SURE_REREAD:
            break
    return best


def _looks(crop: np.ndarray) -> Iterator[tuple[np.ndarray, bool]]:
    """A cell's crop as re-read, in turn while the engine stays unsure: ×2 first; then as it is, for
    on large print (11 pt at 300 dpi) the upscaled digits sometimes read as garbage ("72" -> "224"
    at confidence 0, "72" at 0.73 unscaled); then binarised (``second_reading.binarised``: faint
    print on mottled paper, "3" for "93,13"); then large print reduced (``second_reading.reduced``:
    "772,7" read "172,7" at 0.44 as it is, "772,7" at 0.95 reduced), the last resort: taken only sure.

    A crop holding more lines of ink than its figure's (``second_reading.figure_line``: a streak or
    a row of specks beside the figure) is looked at in its figure's line only: read as one line,
    the whole was read sure and wrong ("37" at 0.96 for 371.403.000 above a row of dots)."""
    line = figure_line(crop)
    piece = crop if line is None else line
    yield cv2.resize(piece, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC), False
    yield piece, False
    yield binarised(piece), False
    small = reduced(piece)
    if small is not None:
        yield small, True


def code_column(rows: Sequence[Line], numeric: set[int]) -> int | None:
    """The leftmost column whose filled body cells are mostly row codes (the STT column), if any.

    Plain item numbers make it look like a number column too: that does not exclude it.
    """
    body = [
        r for r in rows if any(c < len(r.cells) and NUMBER.match(r.cells[c].text.replace(" ", "")) for c in numeric)
    ]
    width = max((len(r.cells) for r in body), default=0)
    for c in range(width):
        texts = [r.cells[c].text.replace(" ", "") for r in body if c < len(r.cells) and r.cells[c].text]
        # "490.217" reads as a code of two levels, but its groups of three digits make it an amount:
        # on a page whose code cells streaks garbled (held-out seed 10201 h07 p.3), the total column
        # was taken for the codes' and its figures "re-read" as codes while the code cells were not
        codes = [t for t in texts if CODE.match(t) and not GROUPED_FIGURE.match(t)]
        if len(texts) >= 3 and len(codes) >= NUMBER_COLUMN_SHARE * len(texts):
            return c
    return 0 if body and 0 not in numeric and _narrow_first_column(body) else None


def _narrow_first_column(body: Sequence[Line]) -> bool:
    """The first column of the grid is as narrow as a code column (``CODE_COLUMN_SHARE`` of the
    row or less, in most rows): where streaks garbled most code cells, so that too few read as
    codes to show the column (held-out seed 10201 h07 p.4, three rows whose "5", "6", "7" read
    "là 5...", marks and "p1"), it is the STT column of a plan's table still."""
    shares = []
    for line in body:
        boxes = [cell.bbox for cell in line.cells if cell.bbox is not None]
        first = line.cells[0].bbox if line.cells else None
        if first is None or len(boxes) < 3:
            continue
        span = max(box[2] for box in boxes) - min(box[0] for box in boxes)
        shares.append((first[2] - first[0]) / span if span > 0 else 1.0)
    return bool(shares) and sorted(shares)[len(shares) // 2] <= CODE_COLUMN_SHARE


def reread_code_cells(lines: list[Line], gray: np.ndarray, reader: CellReader, budget: int) -> tuple[list[Line], int]:
    """Re-read the code cells of body rows that hold a few characters of ink but no code, or a
    code that steps back in the page's numbering (``page_numbering``).

    Psm 6 reads a lone "3" in a wide cell as a word ("Kẻ") now and then: the row keeps its amounts
    but loses its place in the numbering. A short misreading is re-read with only the characters of
    a code allowed; a cell spanning more columns (a "TỔNG CỘNG" label) or holding words is left.
    It reads a lone code as another one too ("2" for a clean "5" after 4.4): the re-read is taken
    where it is a code that does not step back, read at least as surely.
    """
    rows = [ln for ln in lines if ln.cells]
    # a table's last page may hold two rows, too few to show its number columns by share: its
    # amount columns show them (one row is enough), and their rows are body rows all the same
    numeric = number_columns(rows) | amount_columns(rows)
    column = code_column(rows, numeric)
    if column is None:
        return lines, 0
    used = 0
    out = []
    numbering = PageNumbering()  # every code read, heading rows' too: restarts under them are no step back
    for line in lines:
        cell = line.cells[column] if column < len(line.cells) else None
        text = cell.text.replace(" ", "") if cell else ""
        # a number in another column than the codes' own: a header whose "TT" was read "-" is no body row
        is_body = any(
            c != column and c < len(line.cells) and NUMBER.match(line.cells[c].text.replace(" ", "")) for c in numeric
        )
        if cell is None or cell.bbox is None:
            out.append(line)
            continue
        box = tuple(int(v) for v in cell.bbox)
        if CODE.match(text):
            sure = cell.confidence
            if is_body and sure is not None and used < budget and numbering.steps_back(text):
                used += 1
                new_text, conf = reader(gray, box)  # type: ignore[arg-type]
                if CODE.match(new_text) and numbering.fits_instead(new_text, text) and conf >= sure:
                    line, text = _with_code(line, column, new_text, conf), new_text
            numbering.add(text)
            out.append(line)
            continue
        if not is_body or used >= budget:
            out.append(line)
            continue
        neighbour = line.cells[column + 1] if column + 1 < len(line.cells) else None
        spans = neighbour is not None and neighbour.bbox is None and not neighbour.text  # merged across
        dark = ink_share(gray, box, 8) >= INK_SHARE  # type: ignore[arg-type]
        faint = dark or ink_share(gray, box, 8, faint=True) >= INK_SHARE  # type: ignore[arg-type]
        if sum(ch.isalnum() for ch in text) > MAX_CODE_MISREAD or spans or not faint:
            out.append(line)
            continue
        used += 1
        new_text, conf = reader(gray, box)  # type: ignore[arg-type]
        if CODE.match(new_text) and (dark or conf >= SURE_REREAD):
            line = _with_code(line, column, new_text, conf)
            numbering.add(new_text)
        out.append(line)
    return out, used


def _with_code(line: Line, column: int, text: str, confidence: float) -> Line:
    """``line`` with its code cell read again as ``text``."""
    cells = list(line.cells)
    old = cells[column]
    cells[column] = Cell(text, confidence, old.bbox, reread=True)
    return Line("\t".join(c.text for c in cells), line.page, tuple(cells))


def reread_failed_cells(lines: list[Line], gray: np.ndarray, reader: CellReader) -> tuple[list[Line], int]:
    """Re-read the cells of number columns that fail to parse (or look empty but hold ink).

    Rows above the first row holding a number are the header: left alone. Below it, a row none of
    whose number cells parses is a heading or a row of figures all misread under specks ("Bái:"
    for a clean 521 crossed by a streak, read at 0.09): only its cells read unsure
    (``cell_noise.read_unsurely``) are read again, so that a heading's words or a second header's names,
    read surely, are never taken for figures."""
    rows = [ln for ln in lines if ln.cells]
    numeric = number_columns(rows)
    decimal = decimal_columns(rows, numeric)
    amounts = amount_columns(rows)
    budget = MAX_REREADS_PER_PAGE
    out = []
    in_body = False
    for line in lines:
        values = [line.cells[c].text for c in numeric if c < len(line.cells)]
        has_number = any(NUMBER.match(v.replace(" ", "")) for v in values)
        in_body = in_body or has_number
        if not line.cells or not in_body:
            out.append(line)
            continue
        cells = list(line.cells)
        for c in sorted(numeric):
            cell = cells[c]
            text = cell.text.replace(" ", "")
            if cell.bbox is None or budget <= 0:
                continue
            if NUMBER.match(text):
                if c in decimal and LOST_COMMA.match(text):
                    budget -= 1
                    new_text, conf = reader(gray, tuple(int(v) for v in cell.bbox))  # type: ignore[arg-type]
                    # only the comma may change: "221" -> "22,1", never other digits
                    if NUMBER.match(new_text) and "," in new_text and new_text.replace(",", "") == text:
                        cells[c] = Cell(new_text, conf, cell.bbox, reread=True)
                continue
            box = tuple(int(v) for v in cell.bbox)
            # an amount cell read unsurely as no number: specks or a streak over a figure (a clean
            # 521 under a streak read "Bái:" at 0.09, 292,5 "Thợ" at 0.21)
            unsure = c in amounts and read_unsurely(cell)
            if not has_number and not unsure:
                continue  # a heading's cell, or a cell read surely as words
            if not text and ink_share(gray, box, 8) < INK_SHARE:  # type: ignore[arg-type]
                continue
            if text and not any(ch.isdigit() for ch in text) and not unsure:
                continue  # a code ("II") or a word in a number column: not a misread amount
            budget -= 1
            new_text, conf = reader(gray, box)  # type: ignore[arg-type]
            # a re-read that loses digits ("2172" -> "24") reads less of the cell, unless it is sure
            taken = NUMBER.match(new_text) and (digit_count(new_text) >= digit_count(text) or conf >= 0.9)
            # words read where a figure should be are taken for one only where the re-read is not
            # unsure itself: a dash under specks re-read "2" at 0.00 broke a row that added up
            if taken and (not text or digit_count(text) or conf >= UNSURE):
                cells[c] = Cell(new_text, conf, cell.bbox, reread=True)
        out.append(Line("\t".join(c.text for c in cells), line.page, tuple(cells)))
    return out, MAX_REREADS_PER_PAGE - budget


def reread_rows_that_do_not_add_up(
    lines: list[Line], gray: np.ndarray, reader: CellReader, budget: int
) -> tuple[list[Line], int]:
    """Re-read the amount cells of a row whose amounts do not add up; keep one new reading only
    where it alone makes the row add up (a single misread digit), else the page's reading.

    The column names are not known here, but in a budget row the biggest amount is the total of
    the others whatever the column order; a row that never adds up (no total column) costs the
    re-reads and keeps its text.
    """
    out: list[Line] = []
    used = 0
    # number columns only, never the first (codes such as "15" are numbers too)
    numeric = number_columns([ln for ln in lines if ln.cells]) - {0}
    for line in lines:
        amounts = [
            (c, amount_value(cell.text)) for c, cell in enumerate(line.cells) if c in numeric and cell.bbox is not None
        ]
        known = [(c, value) for c, value in amounts if value is not None]
        if adds_up([value for _, value in known]) or used + len(known) > budget:
            out.append(line)
            continue
        cells = list(line.cells)
        for c, _ in known:
            cell = cells[c]
            used += 1
            text, conf = reader(gray, tuple(int(v) for v in cell.bbox))  # type: ignore[arg-type, union-attr]
            value = amount_value(text)
            if value is None:
                continue
            trial = [value if k == c else v for k, v in known]
            if adds_up(trial):
                cells[c] = Cell(text, conf, cell.bbox, reread=True)
                break
        out.append(Line("\t".join(cell.text for cell in cells), line.page, tuple(cells)))
    return out, used


def header_slots(grid: Grid, lines: Sequence[Line]) -> list[tuple[int, int]]:
    """Anchors of the merged cells in the grid rows above the first row holding a number.

    These are the header (and a "(1) (2) …" numbering row). Their text sits at different heights
    in cells of different row spans, which Tesseract's one-block page reading (psm 6) shuffles
    into lines across cells ("Tổng số" beside "Ngân" and "Bắt đầu" becomes "ảnneấ Tổng Xiệu số").
    """
    first_number_y = None
    for line in lines:
        if line.cells and any(
            c.bbox and NUMBER.match(c.text.replace(" ", "")) and digit_count(c.text) for c in line.cells
        ):
            first_number_y = min(c.bbox[1] for c in line.cells if c.bbox)
            break
    if first_number_y is None:
        return []
    rows, cols = grid.shape
    header_rows = [r for r in range(min(rows, MAX_HEADER_ROWS)) if grid.ys[r] < first_number_y - 2]
    return [(r, c) for r in header_rows for c in range(cols) if grid.anchor[r][c] == (r, c)]


def reread_header_words(
    words: Sequence[OcrWord], grid: Grid, slots: Sequence[tuple[int, int]], clean: np.ndarray, engine: OcrEngine
) -> list[OcrWord]:
    """Read the header cells again, each apart: one engine call on their crops stacked vertically.

    The words of the page pass inside these cells are replaced by the stacked reading, mapped
    back to page coordinates, so the placement (``words_to_lines``) stays the same.
    """
    crops: list[tuple[np.ndarray, int, int]] = []  # (crop, page x0, page y0)
    boxes = []
    margin = 6
    for r, c in slots:
        x0, y0, x1, y1 = grid.cell_box(r, c)
        boxes.append((x0, y0, x1, y1))
        crop = clean[y0 + margin : y1 - margin, x0 + margin : x1 - margin]
        ink = np.nonzero(crop < 128)
        if crop.size == 0 or ink[0].size < 20:
            continue
        top, bottom = max(int(ink[0].min()) - 8, 0), int(ink[0].max()) + 9
        left, right = max(int(ink[1].min()) - 8, 0), int(ink[1].max()) + 9
        crops.append((crop[top:bottom, left:right], x0 + margin + left, y0 + margin + top))
    if not crops:
        return list(words)
    width = max(crop.shape[1] for crop, _, _ in crops) + 2 * HEADER_GAP
    height = sum(crop.shape[0] + HEADER_GAP for crop, _, _ in crops) + HEADER_GAP
    sheet = np.full((height, width), 255, dtype=np.uint8)
    bands = []  # (sheet y0, sheet y1, page x0 - sheet x0, page y0 - sheet y0)
    y = HEADER_GAP
    for crop, px, py in crops:
        h, w = crop.shape
        sheet[y : y + h, HEADER_GAP : HEADER_GAP + w] = crop
        bands.append((y, y + h, px - HEADER_GAP, py - y))
        y += h + HEADER_GAP
    stacked = engine.read_page(sheet)

    def in_a_header_cell(word: OcrWord) -> bool:
        cx, cy = word.centre  # once per word, not twice per cell
        return any(x0 <= cx <= x1 and y0 <= cy <= y1 for x0, y0, x1, y1 in boxes)

    kept = [w for w in words if not in_a_header_cell(w)]
    for w in stacked:
        cy = w.centre[1]
        for top, bottom, dx, dy in bands:
            if top - HEADER_GAP / 2 <= cy <= bottom + HEADER_GAP / 2:
                # the stacked sheet's own line numbers, apart from the page's: cells keep their lines
                key = (HEADER_BLOCKS + w.line_key[0], w.line_key[1], w.line_key[2])
                kept.append(OcrWord(w.text, w.x0 + dx, w.top + dy, w.x1 + dx, w.bottom + dy, w.conf, key))
                break
    return kept


def picture_to_page(picture: PageImage, page_number: int) -> tuple[Page, float]:
    """Prepare one page picture (``pageprep``: outline, ink, light, orientation, size) and OCR it.

    Returns the Page, with its rotation and image steps on record and its cell boxes in the
    picture's own pixels (mapped back through upscaling, turning and perspective), and the
    picture's resolution.
    """
    prepared = prepare_page(picture.image, picture.dpi)
    steps = list(prepared.steps)
    if picture.source_dpi and picture.source_dpi < LOW_RESOLUTION * picture.dpi:
        factor = picture.dpi / picture.source_dpi
        steps.insert(0, f"{picture.source_dpi:.0f} dpi scan rendered at {picture.dpi:.0f} dpi (upscaled ×{factor:.1f})")
    page = gray_to_page(prepared.gray, page_number, prepared.dpi)

    def in_source(cell: Cell) -> Cell:
        return cell if cell.bbox is None else dataclasses.replace(cell, bbox=prepared.box_in_source(cell.bbox))

    lines = tuple(dataclasses.replace(line, cells=tuple(in_source(c) for c in line.cells)) for line in page.lines)
    width, height = prepared.source_size
    page = dataclasses.replace(
        page, lines=lines, width=float(width), height=float(height), rotation=prepared.rotation,
        steps=(*steps, *page.steps),
    )  # fmt: skip
    return page, picture.dpi


def gray_to_page(
    gray: np.ndarray,
    page_number: int,
    dpi: float,
    *,
    engine: OcrEngine | None = None,
    second: OcrEngine | None = None,
    third: OcrEngine | None = None,
    cell_reader: CellReader | None = None,
    code_reader: CellReader | None = None,
) -> Page:
    """OCR one page image into a Page: ``engine`` reads the page (default: ``engines.page_engine``),
    ``second`` reads every amount cell again (default: ``engines.second_engine``), ``third`` the
    amount cells in doubt (default: ``engines.third_engine``)."""
    engine = engine or page_engine()
    second = second or second_engine()
    third = third or third_engine()
    cell_reader = cell_reader or engine_cell_reader(engine)
    code_reader = code_reader or code_cell_reader(engine, third)
    started = time.monotonic()
    smooth, denoised = denoise(gray)
    straight, angle, grid, clean = straighten_and_grid(smooth)
    if grid is None:
        # No table: erased "rulings" would only be underlines and frames, and erasing them cut
        # into the letters (a real scanned letter: CER 0.090 on the page, 0.116 erased).
        clean = straight
    # Every page is looked at for streaks (~0.08 s at 300 dpi), not only those the speck count
    # found noisy: a streak's specks are blobs larger than the specks counted, and a page with a
    # few streaks and no pixel noise (held-out seed 9801 h02 p.3) kept them over its figures, which
    # both engines read as nothing ("449.588" under a streak's edge). A page without streaks is
    # left as it is.
    specks = streaks_lifted(clean)
    if specks.lifted:
        clean = specks.gray  # the page and every cell re-read see the print without the specks
    words = engine.read_page(clean)
    unruled = grid is None and (grid := words_to_grid(words)) is not None
    if grid is not None and not unruled:
        grid = row_rules_put_back(words, rules_put_back(words, streaks_taken_out(words, grid)))
    lines = words_to_lines(words, grid, page_number, dpi)
    slots = header_slots(grid, lines) if grid is not None else []
    beside = figures_beside_table(words, grid) if grid is not None and not unruled else None
    if grid is not None and slots:
        words = reread_header_words(words, grid, slots, clean, engine)
    among_specks = 0
    if grid is not None:
        words, among_specks = numbers_among_specks(words, grid)
    if slots or among_specks:
        lines = words_to_lines(words, grid, page_number, dpi)
    lines = dashes_read_by_shape(lines, clean)
    lines, rereads = reread_failed_cells(lines, clean, cell_reader)
    lines, more = reread_rows_that_do_not_add_up(lines, clean, cell_reader, MAX_REREADS_PER_PAGE - rereads)
    rereads += more
    lines, more = reread_code_cells(lines, clean, code_reader, MAX_REREADS_PER_PAGE - rereads)
    rereads += more
    amounts = amount_columns(lines)
    lines = prefer_readings_that_add_up(
        read_amounts_twice(lines, clean, second, cell_reader, amounts, engine, third), amounts
    )
    lines = look_again_where_rows_fail(lines, clean, (engine, second), amounts, third)
    if specks.lifted and specks.print_level is not None:
        lines = looks_before_lifting(
            lines, straight, specks.print_level + PRINT_MARGIN, (engine, second), amounts, third
        )
    log.info(
        "page %d: %sskew %.2f°, grid %s, %d words, %d cells re-read, %.1f s",
        page_number, "denoised, " if denoised else "", angle, grid.shape if grid else None, len(words), rereads,
        time.monotonic() - started,
    )  # fmt: skip
    h, w = gray.shape
    steps = (("denoised (median 3×3)",) if denoised else ()) + ((f"deskewed {angle:.1f}°",) if angle else ())
    steps += ("table without rulings: columns taken from the gaps between its words",) if unruled else ()
    steps += grid.notes if grid is not None else ()
    steps += (lifted,) if (lifted := specks.step()) else ()
    if among_specks:
        steps += (f"{among_specks} table cells: the marks read from specks beside a sure number dropped",)
    doubts = (beside,) if beside else ()
    return Page(page_number, engine.name, tuple(lines), float(w), float(h), steps=steps, doubts=doubts, ocr=True)
