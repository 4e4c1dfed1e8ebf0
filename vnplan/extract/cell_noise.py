"""A number read clean among the marks OCR made of toner specks in the same cell.

A scanner's dirty drum or low-ink streak crossing a table leaves bands of grey specks; where one
lies in a cell beside its amount, the page pass reads the amount on its own text line, sure of
it ("402.161" at 0.97), and the specks as further lines of garbage it is unsure of ("s4P VN
NÔNNMAE" at 0.00–0.10). Joined, the cell is no number: the amount is left unread, and a page
where most amount cells are so read has no number column at all, so none of its cells is read
again either. ``numbers_among_specks`` keeps the number alone in such a cell; every cell so
changed is counted for the page's record.
"""

from __future__ import annotations

from collections.abc import Sequence

from vnplan.extract.grid import Grid
from vnplan.extract.model import Cell
from vnplan.extract.number_text import NUMBER
from vnplan.extract.ocr_engine import OcrWord

SURE_NUMBER = 0.6  # mean confidence of the number's words: the page pass read it as clearly as clean print
# A reading less sure than this is no word of the page, and may hide a figure under specks: "Bái:"
# at 0.09 for a clean 521 beside a streak, "838.44 : ¬¬" at 0.24; words printed in a cell (a
# header's names, a note) read at 0.6–0.97 on eval/heldout's Augraphy pages. One threshold for the
# marks beside a sure number here, and for the cells read again (``ocr``, ``second_reading``).
UNSURE = 0.5


def read_unsurely(cell: Cell) -> bool:
    """A cell OCR read as something, but less surely than ``UNSURE``."""
    return bool(cell.text.strip()) and cell.confidence is not None and cell.confidence < UNSURE


def _is_mark(word: OcrWord) -> bool:
    """Punctuation and symbols only ("`", "..", "»*"): what specks and rules' remains read as."""
    return not any(ch.isalnum() for ch in word.text)


def _number_line(line: Sequence[OcrWord]) -> bool:
    kept = [w for w in line if not _is_mark(w)]
    text = "".join(w.text for w in kept)
    return (
        bool(kept)
        and bool(NUMBER.match(text))
        and any(ch.isdigit() for ch in text)
        and sum(w.conf for w in kept) / len(kept) >= SURE_NUMBER
    )


def number_in_specks(words: Sequence[OcrWord]) -> list[OcrWord] | None:
    """The words of the one sure number line of a cell whose other words are all specks' marks
    (unsure, or no letter or digit at all); None where the cell is not such a cell."""
    if NUMBER.match("".join(w.text for w in words)):
        return None  # read clean: nothing to drop
    lines: dict[tuple[int, int, int], list[OcrWord]] = {}
    for w in words:
        lines.setdefault(w.line_key, []).append(w)
    numbers = [key for key, line in lines.items() if _number_line(line)]
    if len(numbers) != 1:
        return None
    number = [w for w in lines[numbers[0]] if not _is_mark(w)]
    kept = {id(w) for w in number}
    rest = [w for w in words if id(w) not in kept]
    if not rest or not all(_is_mark(w) or w.conf < UNSURE for w in rest):
        return None
    return number


def numbers_among_specks(words: Sequence[OcrWord], grid: Grid) -> tuple[list[OcrWord], int]:
    """The page's words with, in each table cell holding one sure number among specks' marks,
    the marks dropped; and how many cells were so changed."""
    by_cell: dict[tuple[int, int], list[OcrWord]] = {}
    for w in words:
        slot = grid.slot_of(*w.centre)
        if slot is not None:
            by_cell.setdefault(grid.anchor[slot[0]][slot[1]], []).append(w)
    dropped: set[int] = set()
    changed = 0
    for cell_words in by_cell.values():
        number = number_in_specks(cell_words)
        if number is not None:
            changed += 1
            kept = {id(w) for w in number}
            dropped.update(id(w) for w in cell_words if id(w) not in kept)
    return [w for w in words if id(w) not in dropped], changed
