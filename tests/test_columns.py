"""Header rows: the "(1) (2) …" numbering row as OCR reads it."""

from __future__ import annotations

from vnplan.normalize.columns import is_numbering_row


def test_numbering_row_read_by_ocr_with_damaged_cells() -> None:
    assert is_numbering_row(["(1)", "(2)", "(3)", "(4)"])
    assert is_numbering_row(["q)", "(2)", "(3)", "(4)", "©)", "(6)", "(7)", "(8)", "(9)"])
    assert is_numbering_row(["(q1)", "(2)", "3)", "(4)", ")", "(6)"])


def test_numbering_row_whose_formula_cell_ocr_garbled() -> None:
    """A 300 dpi scan of a Word plan: "(5)=(6)+(7)+(8)" read as "(5)=@)+()*( 8)" and "(7)" as "Œ)";
    the row was read as a data row titled "(2)"."""
    cells = ["(1)", "(2)", "(3)", "(4)", "(5)=@)+()*( 8)", "(6)", "Œ)", "(8)", "(9)", "(10)", "(11)"]
    assert is_numbering_row(cells)


def test_data_rows_are_not_numbering_rows() -> None:
    assert not is_numbering_row(["1", "Tập huấn kỹ thuật", "5", "12", "38,4"])
    assert not is_numbering_row(["q)", "(2)", "ab"])  # fewer than three numbers
    assert not is_numbering_row(["I", "II", "(3)", "(4)", "(5)", "xyz", "abc"])  # too few numbered
