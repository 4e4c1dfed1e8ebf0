"""Scanned table cells whose reading a page reader garbles in ways their ink can still tell
(genres scans, issue "any budget table"): a dash read as ":", "š" or "5", and an amount read
without its thousands dots, which then kept its column from being taken for a number column."""

from __future__ import annotations

import cv2
import numpy as np

from vnplan.extract.dash import dashes_read_by_shape, is_lone_dash
from vnplan.extract.model import Cell, Line
from vnplan.extract.ocr import number_columns

CELL_W, CELL_H = 170, 90  # a money cell at 300 dpi


def _cell(draw: str) -> np.ndarray:
    """A grey, noisy cell image (as the genres scans: noise σ 7) holding ``draw``: "dash", a text
    written in a serif font, or nothing."""
    rng = np.random.default_rng(7)
    img = np.full((CELL_H, CELL_W), 235, np.uint8)
    if draw == "dash":
        cv2.rectangle(img, (140, 42), (150, 46), 20, thickness=-1)  # 11×5 px, right-aligned as printed
    elif draw:
        cv2.putText(img, draw, (70, 58), cv2.FONT_HERSHEY_COMPLEX, 0.9, 20, 2, cv2.LINE_AA)
    noise = rng.normal(0, 7, img.shape)
    return np.clip(img + noise, 0, 255).astype(np.uint8)


BOX = (0, 0, CELL_W, CELL_H)


def test_a_lone_flat_stroke_is_a_dash_and_digits_dots_or_nothing_are_not() -> None:
    assert is_lone_dash(_cell("dash"), BOX)
    for text in ("5", "1", "7", "1.667", ".", ""):
        assert not is_lone_dash(_cell(text), BOX), text


def test_a_ruling_caught_in_the_crop_does_not_hide_the_dash() -> None:
    img = _cell("dash")
    img[7, :] = 30  # the crop keeps a one-pixel line of the ruling above
    assert is_lone_dash(img, BOX)
    img = _cell("dash")
    cv2.rectangle(img, (60, 40), (70, 44), 20, thickness=-1)  # two strokes: no lone dash
    assert not is_lone_dash(img, BOX)


def test_a_dash_read_as_a_mark_is_read_again_as_a_dash_and_marked_reread() -> None:
    page = np.hstack([_cell("dash"), _cell("5"), _cell("dash")])
    boxes = [(i * CELL_W, 0, (i + 1) * CELL_W, CELL_H) for i in range(3)]
    line = Line(":\t5\t-", 1, tuple(Cell(t, 0.4, box) for t, box in zip((":", "5", "-"), boxes, strict=True)))
    (out,) = dashes_read_by_shape([line], page)
    assert [c.text for c in out.cells] == ["-", "5", "-"]
    assert [c.reread for c in out.cells] == [True, False, False]
    assert out.text == "-\t5\t-"


def _rows(column: list[str]) -> list[Line]:
    return [Line("", 1, (Cell("1"), Cell("Trường A"), Cell("12.500"), Cell(text))) for text in column]


def test_amounts_that_lost_their_dots_still_make_a_number_column_and_years_do_not() -> None:
    assert 3 in number_columns(_rows(["2124143", "37777", "112.001", "28828"]))
    assert 3 not in number_columns(_rows(["2021", "2023", "2024", "2022"]))
