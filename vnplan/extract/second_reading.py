"""Every OCRed amount read twice: the page engine's reading and a second, independent engine's.

Two recognisers with different models rarely make the same mistake on the same cell, so an
amount both read alike can be trusted, and one they read differently is in doubt. This stage only
reads: all amount cells of a page go to the second engine in one batch, and where the two
readings differ both engines look again at other scales; a reading one engine finds that the
other already had settles the cell. What is still in doubt travels on the cell (``Cell.second``)
to normalize, which checks it against the table's sums and flags what they cannot confirm.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Sequence

import cv2
import numpy as np

from vnplan.extract.cell_noise import read_unsurely
from vnplan.extract.components import label_components
from vnplan.extract.grid import profile_to_runs
from vnplan.extract.model import Cell, Line, Reading
from vnplan.extract.number_text import DIGITS, NUMBER, adds_up, amount_value, figure_among_marks
from vnplan.extract.ocr_engine import OcrEngine

log = logging.getLogger(__name__)

MARGIN = 6  # px kept off the (erased) rulings, as for the page engine's cell re-reads
DASHES = str.maketrans({"—": "-", "–": "-", "_": "-", "一": "-"})
# Where the two readings differ, the other scales each engine tries (the batch was read as cut):
# small print reads better enlarged, large print sometimes worse (see ocr.read_cell).
OTHER_SCALES = (2.0, 1.5)

# Large print is also looked at reduced: Tesseract reads digits best some 16 px high, and on a
# 300 dpi scan of 11-13 pt print (digits about 33 px high, on textured paper) both engines misread
# cells as cut and enlarged ("572.223" as "72.223" and "322.22", "232,77" as "2212: 07.") that
# both read right at half size, the reduction averaging the paper's grain away.
# Print less large is left alone: a 200 dpi scan of 10 pt print (digits some 25 px high once
# rendered at 300 dpi) lost its decimal comma reduced ("2,1" read "21" at high confidence).
SMALL_PRINT = 16  # px: the digit height the reduced look brings large print down to
LARGE_PRINT = 28  # px: digits at least this high are large print

# A cell's lines of ink (``figure_line``): pieces of ink this large (px, 300 dpi) make a line (a speck
# is smaller, a comma or a dash larger); lines further apart than LINE_GAP px are two.
LINE_PIECE = 12
LINE_GAP = 3
LINE_PAD = 8
# A further line at least this share of the tallest line's height is print too (a streak's band
# under a figure was 19 px against the digits' 33 on eval/heldout's Augraphy pages, a row of specks 5)
SECOND_TEXT_LINE = 0.75

CellReader = Callable[[np.ndarray, tuple[int, int, int, int]], tuple[str, float]]


def squeeze(text: str) -> str:
    """A reading as compared: no spaces, one kind of dash."""
    return "".join(text.split()).translate(DASHES)


GARBLED_DIGITS = 2  # digits a cell read unsurely (``cell_noise.read_unsurely``) shows where specks garbled a figure


def amount_cells(lines: Sequence[Line], columns: set[int]) -> list[tuple[int, int]]:
    """(line, column) of every filled cell of the amount ``columns`` that has a box, in the rows
    that read a number in one of them (header rows and headings print none), and in the rows
    below the first such row whose figures specks garbled all (``_garbled``): those are the rows
    a second reading helps most."""
    out = []
    in_body = False
    for i, line in enumerate(lines):
        cells = [(c, cell) for c, cell in enumerate(line.cells) if c in columns]
        numbers = any(NUMBER.match(squeeze(cell.text)) for _, cell in cells)
        in_body = in_body or numbers
        if numbers or (in_body and any(_garbled(cell) for _, cell in cells)):
            out += [(i, c) for c, cell in cells if cell.bbox is not None and cell.text.strip()]
    return out


def _garbled(cell: Cell) -> bool:
    """A figure specks garbled: digits read unsurely, or a figure among marks read surely enough
    ("Ÿ 27137 kj")."""
    digits = sum(ch.isdigit() for ch in cell.text)
    return (read_unsurely(cell) and digits >= GARBLED_DIGITS) or figure_among_marks(cell.text)


def inside_rulings(gray: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    """The crop of a cell's box, MARGIN px inside its (erased) rulings."""
    x0, y0, x1, y1 = (int(v) for v in box)
    return gray[y0 + MARGIN : y1 - MARGIN, x0 + MARGIN : x1 - MARGIN]


def crop_of(gray: np.ndarray, cell: Cell, scale: float = 1.0) -> np.ndarray:
    assert cell.bbox is not None
    crop = inside_rulings(gray, cell.bbox)
    if scale != 1.0 and crop.size:
        crop = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    return crop


def print_height(crop: np.ndarray) -> int | None:
    """The height of the characters in a cell crop (the median height of its blobs of ink), or
    None where it holds none."""
    if crop.size == 0:
        return None
    _, ink = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    _, _, stats, _ = label_components(ink)
    heights = [int(h) for _, _, _, h, area in stats[1:] if area >= 12 and h >= 6]  # not the paper's specks
    return int(np.median(heights)) if heights else None


def figure_line(crop: np.ndarray) -> np.ndarray | None:
    """The line of the crop that holds its figure, where the crop holds more lines of ink than one
    (else None): the tallest, cut with LINE_PAD px of paper above and below.

    An amount is one line; a cell crossed by a scanner's streak, or with a row of specks or a
    rule's remains beside its figure, holds further lines of ink, lower than the digits, and the
    one-line reading (psm 7) of the whole crop read them into the figure ("287.141 HN ao sa", "37"
    for 371.403.000 above a row of dots). Lines are runs of pixel rows holding ink pieces of
    LINE_PIECE px or more (Otsu's threshold), apart by more than LINE_GAP px. A cell with two lines
    of print as tall has no one figure line: the tallest would drop the other figure unseen."""
    if crop.size == 0:
        return None
    _, ink = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    _, _, stats, _ = label_components(ink)
    inked = np.zeros(crop.shape[0], bool)
    for _, top, _, height, area in stats[1:]:
        if area >= LINE_PIECE:
            inked[top : top + height] = True
    runs = profile_to_runs(inked.astype(np.uint8), 1, LINE_GAP)
    if len(runs) < 2:
        return None
    heights = sorted((b - a + 1 for a, b in runs), reverse=True)
    if heights[1] >= SECOND_TEXT_LINE * heights[0]:
        return None  # two lines of print (two rows' figures in one cell, where a row rule was lost): no one figure
    top, bottom = max(runs, key=lambda run: run[1] - run[0])
    return crop[max(top - LINE_PAD, 0) : bottom + LINE_PAD + 1]


def binarised(crop: np.ndarray) -> np.ndarray:
    """The crop enlarged ×2 and cut at its own Otsu threshold: faint grey print on mottled paper
    (Augraphy's low-ink print, paper texture as dark as 215 under print at 130–160), which both
    engines' own binarisation of the page or crop reads as a digit or two ("3" for "93,13"), comes
    out black on white."""
    enlarged = cv2.resize(crop, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
    return cv2.threshold(enlarged, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1]


def other_looks(crop: np.ndarray, *, binarised_already: bool = False) -> list[np.ndarray]:
    """Further looks at a cell whose two readings differ: its figure's line alone enlarged ×2, where
    the crop holds several lines of ink (``figure_line``), then that line, or the crop, binarised
    (``binarised``; not the crop where ``binarised_already`` says the engine has read it so)."""
    if print_height(crop) is None:
        return []  # no ink: nothing to look at again
    line = figure_line(crop)
    if line is None:
        return [] if binarised_already else [binarised(crop)]
    return [cv2.resize(line, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC), binarised(line)]


def reduced(crop: np.ndarray) -> np.ndarray | None:
    """A crop of large print brought down to ``SMALL_PRINT``; None for smaller print or no ink."""
    height = print_height(crop)
    if height is None or height < LARGE_PRINT:
        return None
    scale = SMALL_PRINT / height
    return cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)


# A look both engines read alike settles a cell only where each read it this surely: binarising
# can make one shape of two glyphs for both ("543,21" read "43,21" by both, the page engine at 0.00)
SURE_LOOK = 0.5


def both_read_alike(looks: Sequence[Reading], *, sure: float = 0.0) -> bool:
    """Two engines' readings of one look are one and the same number, each at least ``sure``."""
    return (
        len(looks) == 2
        and squeeze(looks[0].text) == squeeze(looks[1].text)
        and bool(NUMBER.match(squeeze(looks[0].text)))
        and min(look.confidence for look in looks) >= sure
    )


def digits_of(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def blurred(crop: np.ndarray) -> np.ndarray:
    """``binarised`` after a light blur: print whose strokes the ink left broken ("514,7" as
    "54,7", zeros as dotted rings) is split at the threshold with its gaps filled."""
    return binarised(cv2.GaussianBlur(crop, (3, 3), 0))


def reduced_looks(gray: np.ndarray, cell: Cell, engines: Sequence[OcrEngine]) -> list[Reading]:
    """Each engine's reading of a large-print cell reduced to ``SMALL_PRINT``; none for small print."""
    small = reduced(crop_of(gray, cell))
    return [] if small is None else [engine.read_lines([small], charset=DIGITS)[0] for engine in engines]


def _looks_by_each(
    gray: np.ndarray, cell: Cell, engines: Sequence[OcrEngine], look: Callable[[np.ndarray], np.ndarray]
) -> list[Reading]:
    """Each engine's reading of the cell's crop as ``look`` makes it; none for an empty crop."""
    crop = crop_of(gray, cell)
    return [] if crop.size == 0 else [engine.read_lines([look(crop)], charset=DIGITS)[0] for engine in engines]


def binarised_looks(gray: np.ndarray, cell: Cell, engines: Sequence[OcrEngine]) -> list[Reading]:
    """Each engine's reading of the cell split at its own threshold (``binarised``)."""
    return _looks_by_each(gray, cell, engines, binarised)


def blurred_looks(gray: np.ndarray, cell: Cell, engines: Sequence[OcrEngine]) -> list[Reading]:
    """Each engine's reading of the cell blurred, then split at its own threshold (``blurred``)."""
    return _looks_by_each(gray, cell, engines, blurred)


MAX_LOOKS_PER_PAGE = 40  # cells of rows that do not add up looked at again: bound a bad page's cost


def look_again_where_rows_fail(
    lines: list[Line], gray: np.ndarray, engines: Sequence[OcrEngine], columns: set[int], third: OcrEngine | None = None
) -> list[Line]:
    """``lines`` where, in each row whose amounts do not add up, every amount cell not yet looked
    at again carries what its cleaned looks (``binarised``, ``blurred``) read by each engine as
    ``looks``: the two readers may agree on a misread ("514,7" read "914,7" by both), and only the
    table's sums can tell, in normalize, which of the readings is the cell's."""
    budget = MAX_LOOKS_PER_PAGE
    out = []
    for line in lines:
        slots = [c for c in sorted(columns) if c < len(line.cells)]
        values = [v for c in slots if (v := amount_value(line.cells[c].text)) is not None]
        if len(values) < 3 or adds_up(values) or budget <= 0:
            out.append(line)
            continue
        cells = list(line.cells)
        for c in slots:
            cell = cells[c]
            if cell.bbox is None or cell.looks or amount_value(cell.text) is None or budget <= 0:
                continue
            budget -= 1
            looks = [*binarised_looks(gray, cell, engines), *blurred_looks(gray, cell, engines)]
            looks += _as_cut(gray, cell, third)
            known = (cell.text, cell.second.text if cell.second else "")
            cells[c] = dataclasses.replace(cell, looks=other_numbers(looks, known))
        out.append(Line("\t".join(cell.text for cell in cells), line.page, tuple(cells)))
    return out


def looks_before_lifting(
    lines: list[Line],
    unlifted: np.ndarray,
    dark: float,
    engines: Sequence[OcrEngine],
    columns: set[int],
    third: OcrEngine | None = None,
) -> list[Line]:
    """``lines`` where, in each row whose amounts are unread or do not add up, every amount cell
    carries what each engine reads of it on the page before its streaks were lifted, cut to the
    line of its darkest print (``print_line``) and enlarged ×2, as further ``looks``.

    Lifting the specks off a streak makes paper of the print's lighter edges too, and thins the
    figures under it: on a held-out page (seed 4099 h01 p.3) "182.972.000" and "69.660.000" read as
    nothing once lifted, and right from the page as it was, cut to their line. ``dark``: the gray
    the print's strokes are darker than. Only the table's sums can say, in normalize, whether a
    look is the cell's."""
    budget = MAX_LOOKS_PER_PAGE
    out = []
    for line in lines:
        slots = [c for c in sorted(columns) if c < len(line.cells)]
        values = [amount_value(line.cells[c].text) for c in slots]
        read = [v for v in values if v is not None]
        garbled = any(digits_of(line.cells[c].text) for c in slots if values[slots.index(c)] is None)
        if budget <= 0 or not (read or garbled) or (None not in values and adds_up(read)):
            out.append(line)
            continue
        cells = list(line.cells)
        for c in slots:
            cell = cells[c]
            band = print_line(crop_of(unlifted, cell), dark) if cell.bbox is not None else None
            if band is None or budget <= 0:
                continue
            budget -= 1
            enlarged = cv2.resize(band, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
            looks = [engine.read_lines([enlarged], charset=DIGITS)[0] for engine in engines]
            looks += _as_cut(unlifted, cell, third)  # the third reads the specks' page as it is
            known = (cell.text, cell.second.text if cell.second else "", *(look.text for look in cell.looks))
            if new := other_numbers(looks, known):
                cells[c] = dataclasses.replace(cell, looks=(*cell.looks, *new))
        out.append(Line("\t".join(cell.text for cell in cells), line.page, tuple(cells)))
    return out


def _as_cut(gray: np.ndarray, cell: Cell, third: OcrEngine | None) -> list[Reading]:
    """The third reader's reading of the cell's crop as cut (none without a third reader)."""
    crop = crop_of(gray, cell) if third is not None else None
    return [] if third is None or crop is None or crop.size == 0 else third.read_lines([crop], charset=DIGITS)


def print_line(crop: np.ndarray, dark: float) -> np.ndarray | None:
    """The crop's line of dark print (the longest run of pixel rows holding PRINT_PIXELS pixels
    darker than ``dark``, runs closer than LINE_GAP joined), with LINE_PAD px around; None where no
    row holds dark print."""
    if crop.size == 0:
        return None
    runs = profile_to_runs((crop < dark).sum(axis=1), PRINT_PIXELS, LINE_GAP)
    if not runs:
        return None
    top, bottom = max(runs, key=lambda run: run[1] - run[0])
    return crop[max(top - LINE_PAD, 0) : bottom + LINE_PAD + 1]


PRINT_PIXELS = 3  # dark pixels a row of a figure's line holds at least (a speck's darkest are fewer)


def read_amounts_twice(
    lines: list[Line],
    gray: np.ndarray,
    engine: OcrEngine,
    page_reader: CellReader,
    columns: set[int],
    page_engine: OcrEngine | None = None,
    third: OcrEngine | None = None,
) -> list[Line]:
    """``lines`` with ``second`` set on every amount cell; where the readings differ and another
    look makes them agree, the agreed text (marked ``reread`` when the page reading changed).
    ``page_engine``: the engine that read the page, for the reduced look at large print;
    ``third``: a reader of another kind, asked first where the two differ."""
    slots = amount_cells(lines, columns)
    if not slots:
        return lines
    cells = [lines[i].cells[c] for i, c in slots]
    readings = engine.read_lines([crop_of(gray, cell) for cell in cells], charset=DIGITS)
    settled = [
        settle(gray, cell, reading, engine, page_reader, page_engine, third)
        for cell, reading in zip(cells, readings, strict=True)
    ]
    rows: dict[int, list[Cell]] = {}
    for (i, c), cell in zip(slots, settled, strict=True):
        rows.setdefault(i, list(lines[i].cells))[c] = cell
    out = list(lines)
    for i, new_cells in rows.items():
        new_cells = keep_sums_that_held(lines[i].cells, new_cells, columns)
        out[i] = Line("\t".join(cell.text for cell in new_cells), lines[i].page, tuple(new_cells))
    differ = sum(squeeze(cell.text) != squeeze(cell.second.text) for cell in settled if cell.second)
    log.debug("%d amount cells read twice, %d still read differently", len(settled), differ)
    return out


def keep_sums_that_held(page: Sequence[Cell], settled: list[Cell], columns: set[int]) -> list[Cell]:
    """A row whose page readings added up keeps them where the looks changed an amount and broke
    the sum: two looks may make the same slip ("76.971" read "70.971" as cut and enlarged, with
    51.566 + 76.971 = 128.537 printed beside it). The changed reading rides along as the other."""
    slots = [c for c in sorted(columns) if c < len(page)]
    before = [v for c in slots if (v := amount_value(page[c].text)) is not None]
    after = [v for c in slots if (v := amount_value(settled[c].text)) is not None]
    if len(before) < 3 or not any(before) or not adds_up(before) or adds_up(after):
        return settled
    kept = list(settled)
    for c in slots:
        if settled[c].text != page[c].text:
            other = Reading(settled[c].text, settled[c].confidence or 0.0)
            kept[c] = dataclasses.replace(page[c], second=other)
    return kept


def settle(
    gray: np.ndarray,
    cell: Cell,
    second: Reading,
    engine: OcrEngine,
    page_reader: CellReader,
    page_engine: OcrEngine | None = None,
    third: OcrEngine | None = None,
) -> Cell:
    """The cell with its second reading; where the two differ, another look by each engine.

    Large print is first looked at reduced by both engines (``page_engine`` and ``engine``), then
    any print split at the cell's own threshold (``binarised``): a number both read alike in one
    look settles the cell. Otherwise a look that reproduces the other
    engine's reading settles the cell on it; failing that, the page reading stays and the second
    engine's first reading goes with it, for normalize to judge.
    """
    first = squeeze(cell.text)
    if _same_digits(first, squeeze(second.text)) or (first == "-" and not second.text.strip()):
        # agreed; or a lone dash the second engine saw nothing in (Tesseract drops a short line
        # alone; measured: no other look read it either), left for the table's sums to judge
        return dataclasses.replace(cell, second=second)
    assert cell.bbox is not None
    seen: list[Reading] = []  # what every look read, for normalize where nothing settles the cell
    third_reading: Reading | None = None
    if page_engine is not None:
        engines = (page_engine, engine)
        # the two readings' digits alike ("576,94.." and "576,94"): no binarised look overrides them
        digits_agree = bool(digits_of(first)) and digits_of(first) == digits_of(squeeze(second.text))
        for looked_at in (reduced_looks, binarised_looks):  # in turn: the second only where the first did not settle
            looks = looked_at(gray, cell, engines)
            seen += looks
            split = looked_at is binarised_looks
            if both_read_alike(looks, sure=SURE_LOOK if split else 0.0) and not (split and digits_agree):
                page_look, second_look = looks
                if squeeze(page_look.text) == first:
                    return dataclasses.replace(cell, second=second_look)
                return dataclasses.replace(
                    cell, text=page_look.text, confidence=page_look.confidence, reread=True, second=second_look
                )
        seen += blurred_looks(gray, cell, engines)  # candidates only: the sums may confirm one
    if third is not None:
        # where no look of the two settled it, a third reader of another kind
        # (``engines.third_engine``) sides with one of the two. Not first: at 200 dpi it drops a
        # small decimal comma ("33" for 3,3) where the reduced looks of both read it
        (look,) = third.read_lines([crop_of(gray, cell)], charset=DIGITS)
        third_reading = look  # kept for the last resort below
        text = squeeze(look.text)
        if NUMBER.match(text) and text == first:
            return dataclasses.replace(cell, second=look, looks=other_numbers([second, *seen], (cell.text,)))
        if NUMBER.match(text) and text == squeeze(second.text):
            page_reading = Reading(cell.text, cell.confidence or 0.0)
            return dataclasses.replace(
                cell,
                text=second.text,
                confidence=second.confidence,
                reread=True,
                second=look,
                looks=other_numbers([page_reading, *seen], (second.text,)),
            )
        seen.append(look)
    box = tuple(int(v) for v in cell.bbox)
    again, confidence = page_reader(gray, box)  # type: ignore[arg-type]
    if again and squeeze(again) == squeeze(second.text):
        return dataclasses.replace(cell, text=again, confidence=confidence, reread=True, second=second)
    seen.append(Reading(again, confidence))
    crops = [crop_of(gray, cell, scale) for scale in OTHER_SCALES]
    crops += other_looks(crop_of(gray, cell), binarised_already=page_engine is not None)
    for look in engine.read_lines(crops, charset=DIGITS):
        if squeeze(look.text) == first:
            return dataclasses.replace(cell, second=look)
        if again and squeeze(look.text) == squeeze(again):
            return dataclasses.replace(cell, text=again, confidence=confidence, reread=True, second=look)
        seen.append(look)
    if not NUMBER.match(first) and NUMBER.match(squeeze(second.text)):
        # the page engine read no number at all ("Đ,Ð" for "5,5"): the number read goes into the
        # table, the page reading rides along as the other reading, and normalize judges them
        return _taken_in_doubt(cell, second, other_numbers(seen, (second.text, cell.text)))
    if not NUMBER.match(first) and third_reading is not None and _a_figure(third_reading.text):
        # neither Tesseract reader read a number (a figure under a streak's specks), the third read
        # one: it goes into the table in doubt, the page reading beside it, for the sums to judge
        return _taken_in_doubt(cell, third_reading, other_numbers([second, *seen], (third_reading.text, cell.text)))
    return dataclasses.replace(cell, second=second, looks=other_numbers(seen, (cell.text, second.text)))


def _taken_in_doubt(cell: Cell, reading: Reading, looks: tuple[Reading, ...]) -> Cell:
    """The cell holding ``reading`` instead of the page's, which rides along as the other reading."""
    return dataclasses.replace(
        cell,
        text=reading.text,
        confidence=reading.confidence,
        reread=True,
        second=Reading(cell.text, cell.confidence or 0.0),
        looks=looks,
    )


def _a_figure(text: str) -> bool:
    """A number of more than one digit: not a dash, nor a speck read as a digit."""
    text = squeeze(text)
    return bool(NUMBER.match(text)) and len(digits_of(text)) > 1


def other_numbers(looks: Sequence[Reading], readings: Sequence[str]) -> tuple[Reading, ...]:
    """The looks that read a number other than ``readings``, each number once."""
    known = {squeeze(text) for text in readings}
    out = []
    for look in looks:
        text = squeeze(look.text)
        if NUMBER.match(text) and text not in known:
            known.add(text)
            out.append(look)
    return tuple(out)


def _same_digits(first: str, second: str) -> bool:
    """The two readings agree; the second reader, whose whitelist holds no brackets, reads a
    bracketed negative ("(699.434.957)") as its digits alone."""
    return second == first or (first.startswith("(") and first.endswith(")") and second == first[1:-1])


def prefer_readings_that_add_up(lines: list[Line], columns: set[int]) -> list[Line]:
    """In a row whose amounts do not add up, the other reading of one cell where it alone makes
    them add up ("725" read for 72,5 by the page engine): taken before the cells are typed, so that
    a misread amount does not move its neighbours to other columns. The page reading rides along
    as the other reading. The other readings: the second reader's, and the readings a third reader
    outvoted or the looks found (``Cell.looks``): the page engine and the third may agree on a
    misplaced thousands dot ("33.000" for 3.300 on a 200 dpi scan) that the second read right."""
    out = []
    for line in lines:
        slots = [c for c, cell in enumerate(line.cells) if c in columns]
        values = {c: amount_value(line.cells[c].text) for c in slots}
        known = [v for v in values.values() if v is not None]
        fits: list[tuple[int, Reading]] = []
        if not adds_up(known):
            for c in slots:
                cell = line.cells[c]
                for other in (*((cell.second,) if cell.second else ()), *cell.looks):
                    value = amount_value(other.text)
                    if value is None or squeeze(other.text) == squeeze(cell.text):
                        continue
                    trial = {**values, c: value}
                    if adds_up([v for v in trial.values() if v is not None]):
                        fits.append((c, other))
        if len({(c, squeeze(other.text)) for c, other in fits}) != 1:
            out.append(line)
            continue
        cells = list(line.cells)
        c, other = fits[0]
        cell = cells[c]
        page_reading = Reading(cell.text, cell.confidence or 0.0)
        cells[c] = dataclasses.replace(
            cell, text=other.text, confidence=other.confidence, reread=True, second=page_reading
        )
        out.append(Line("\t".join(c.text for c in cells), line.page, tuple(cells)))
    return out
