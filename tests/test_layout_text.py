"""Text exports laid out with spaces (``pdftotext -layout``): their tables are read as tables.

The samples in samples/layout/ are pdftotext -layout (poppler 22.12) of the born-digital sample
plans; they were read as narrative (no rows at all) before vnplan.extract.layout_text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.scoring import score_document
from vnplan import extract_document
from vnplan.extract.layout_text import is_laid_out, layout_to_tabbed

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.mark.parametrize("stem", ["103_binh_dinh_2023_xuc_tien_thuong_mai", "102_can_tho_2021_khuyen_cong"])
def test_layout_export_reads_like_its_pdf(stem: str) -> None:
    document = extract_document(SAMPLES / "layout" / f"{stem}.layout.txt")
    truth = json.loads((SAMPLES / "truth" / f"{stem}.truth.json").read_text(encoding="utf-8"))
    score = score_document(json.loads(document.model_dump_json()), truth)
    assert score.rows_found == score.rows_expected == score.rows_matched, score.summary()
    assert score.amounts_exact == score.amounts_total, score.summary()


def test_layout_export_never_invents_a_silent_amount() -> None:
    """The Quảng Nam sample's header is laid out so that its columns cannot all be told apart
    (pdftotext puts "Trong đó" above the wrong heading): amounts may be wrong there, but every
    wrong one is flagged."""
    stem = "101_quang_nam_2022_khuyen_nong"
    document = extract_document(SAMPLES / "layout" / f"{stem}.layout.txt")
    truth = json.loads((SAMPLES / "truth" / f"{stem}.truth.json").read_text(encoding="utf-8"))
    score = score_document(json.loads(document.model_dump_json()), truth)
    assert score.rows_matched == score.rows_expected, score.summary()
    assert score.wrong_silent == 0, score.summary()


LAID_OUT = """\
                              Thời gian                      Trong đó
STT   Nội dung          Bắt đầu   Kết thúc    Tổng KP     NSNN       Khác
1     Hội chợ thương    6         7           1.850.000   1.200.00   650.000
      mại tỉnh                                            0

2     Tập huấn kỹ       9         10            320.000     240.000   80.000
      năng
      TỔNG CỘNG                               2.170.000   1.440.000  730.000
"""


def test_rows_continuations_cut_numbers_and_spanning_headings() -> None:
    """A wrapped cell goes on below its row; a number a narrow column cut is joined again; a total
    whose label is in the second column is a row of its own; headings over two columns make the
    first of a two-row header, as a PDF's merged heading reads."""
    assert is_laid_out(LAID_OUT)
    rows = [line.split("\t") for line in layout_to_tabbed(LAID_OUT).splitlines() if "\t" in line]
    assert rows == [
        ["STT", "Nội dung", "Thời gian", "", "Tổng KP", "Trong đó", ""],
        ["", "", "Bắt đầu", "Kết thúc", "", "NSNN", "Khác"],
        ["1", "Hội chợ thương mại tỉnh", "6", "7", "1.850.000", "1.200.000", "650.000"],
        ["2", "Tập huấn kỹ năng", "9", "10", "320.000", "240.000", "80.000"],
        ["", "TỔNG CỘNG", "", "", "2.170.000", "1.440.000", "730.000"],
    ]


NOTES = """\
STT   Nội dung          Tổng KP     Ghi chú
1     Hội chợ           1.850.000   Giai đoạn
                                    2016 -
                                    2020
2     Tập huấn            320.000   Năm
                                    2021
"""


def test_a_year_going_on_in_a_notes_column_is_no_new_row() -> None:
    """A number below a row starts the next row only in a column of numbers (a total); in a notes
    column it is the row's text going on (``Giai đoạn 2016 -`` / ``2020``)."""
    rows = [line.split("\t") for line in layout_to_tabbed(NOTES).splitlines() if "\t" in line]
    assert rows == [
        ["STT", "Nội dung", "Tổng KP", "Ghi chú"],
        ["1", "Hội chợ", "1.850.000", "Giai đoạn 2016 - 2020"],
        ["2", "Tập huấn", "320.000", "Năm 2021"],
    ]


def test_tabbed_exports_are_left_alone() -> None:
    text = (SAMPLES / "text" / "000_8939c4b136b1e13b.txt").read_text(encoding="utf-8")
    assert not is_laid_out(text)
