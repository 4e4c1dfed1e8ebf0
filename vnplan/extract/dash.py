"""A table cell whose only ink is one short flat stroke: a dash ("-", "–"), which budget tables
print for nothing (0) and a page reader misreads as ":", "š", "`" or "5" in noisy scans.

Told by the shape of the ink, not by the reading: one mark (specks of noise aside), at least
twice as wide as it is tall, and clear of the cell's edges, where a cut ruling would touch them.
A digit, a letter or a dot is never that flat; a "1" or an "l" is tall.
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from vnplan.extract.components import label_components
from vnplan.extract.grid import gray_to_binary
from vnplan.extract.model import Cell, Line

DASHES = ("-", "–", "—")
MAX_DASH_MISREAD = 3  # characters: ":", "š", "5", "- _" may be a misread dash; a longer reading is not
MARGIN = 6  # px kept off each side of the cell box: the rulings
FLATNESS = 2.0  # width / height of a dash's stroke (11×5 px at 300 dpi; a "7" is 13×25)
SPECK_SHARE = 0.25  # marks under this share of the largest mark's area are scanner noise
MIN_STROKE_HEIGHT = 2  # px: a one-pixel line is a ruling's remnant, not printed ink
RULING_SHARE = 0.6  # a mark across this share of the cell is a ruling, not a dash


def is_lone_dash(gray: np.ndarray, box: tuple[int, int, int, int]) -> bool:
    """True when the cell at ``box`` (pixels: x0, y0, x1, y1) holds one flat stroke and nothing else."""
    x0, y0, x1, y1 = box
    crop = gray[y0 + MARGIN : y1 - MARGIN, x0 + MARGIN : x1 - MARGIN]
    if crop.shape[0] < 8 or crop.shape[1] < 8:
        return False
    count, _, stats, _ = label_components(gray_to_binary(crop))
    marks = stats[1:count]
    if not len(marks):
        return False
    # a ruling's remnant: a one-pixel line, or a line across most of the cell (a ruling the crop
    # caught where the page turned a little)
    height, width = crop.shape
    marks = marks[
        (marks[:, cv2.CC_STAT_HEIGHT] >= MIN_STROKE_HEIGHT)
        & (marks[:, cv2.CC_STAT_WIDTH] < RULING_SHARE * width)
        & (marks[:, cv2.CC_STAT_HEIGHT] < RULING_SHARE * height)
    ]
    if not len(marks):
        return False
    largest = marks[:, cv2.CC_STAT_AREA].max()
    marks = marks[marks[:, cv2.CC_STAT_AREA] >= SPECK_SHARE * largest]
    if len(marks) != 1:
        return False
    x, y, w, h, _ = (int(v) for v in marks[0])
    clear = x > 0 and y > 0 and x + w < width and y + h < height
    return clear and w >= FLATNESS * h


def dashes_read_by_shape(lines: Sequence[Line], gray: np.ndarray) -> list[Line]:
    """Table cells read as a short something (":", "š", "5") whose ink is a lone dash, read "-"
    (marked re-read). Before the number columns are told: a column of dashes read as marks is
    no number column, and its cells were then never looked at again."""
    out = []
    for line in lines:
        cells = list(line.cells)
        for c, cell in enumerate(cells):
            text = cell.text.replace(" ", "")
            if cell.bbox is None or text in DASHES or len(text) > MAX_DASH_MISREAD:
                continue
            if is_lone_dash(gray, tuple(int(v) for v in cell.bbox)):  # type: ignore[arg-type]
                cells[c] = Cell("-", None, cell.bbox, reread=True)
        changed = cells != list(line.cells)
        out.append(Line("\t".join(cell.text for cell in cells), line.page, tuple(cells)) if changed else line)
    return out
