"""The way-up test's sample sheet: table rules cut with its lines are made white before it is read."""

from __future__ import annotations

import numpy as np

from vnplan.extract.orientation import without_rules


def test_the_rules_a_sample_line_was_cut_with_are_erased_and_the_letters_kept() -> None:
    """A held-out 300 dpi scan (seed 9201): three upright table lines, each with the rule above it,
    read as no words at all, and the upside-down reading turned the page 180°."""
    sheet = np.full((60, 300), 255, np.uint8)
    sheet[10:12, :] = 0  # a rule across the whole sheet
    sheet[30:45, 20:24] = 0  # a letter's stem
    sheet[30:45, 40:44] = 0
    clean = without_rules(sheet)
    assert clean[10:12, :].min() == 255
    assert clean[30:45, 20:24].max() == 0 and clean[30:45, 40:44].max() == 0
