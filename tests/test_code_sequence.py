"""Codes repaired from the numbering around them (a dot lost or a digit doubled by OCR)."""

from __future__ import annotations

from pathlib import Path

from vnplan import extract_document
from vnplan.normalize.code_sequence import readings, repair_codes, successors

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "text"


def repaired(codes: list[str | None]) -> list[str | None]:
    fixes = repair_codes(codes)
    return [fixes[i][0] if i in fixes else code for i, code in enumerate(codes)]


def test_a_lost_dot_is_put_back_where_the_neighbours_agree() -> None:
    assert repaired(["1", "1.3", "1.4", "15", "2", "2.1"]) == ["1", "1.3", "1.4", "1.5", "2", "2.1"]
    assert repaired(["I", "1", "11", "1.2", "13", "1.4"]) == ["I", "1", "1.1", "1.2", "1.3", "1.4"]
    assert repaired(["1", "1.1", "1.2", "1.33", "1.4"]) == ["1", "1.1", "1.2", "1.3", "1.4"]
    assert repaired(["2", "2.8", "2.9", "210", "2.11"]) == ["2", "2.8", "2.9", "2.10", "2.11"]


def test_the_repair_is_recorded_with_its_reason() -> None:
    (index, (code, reason)), *_ = repair_codes(["1", "1.4", "15", "1.6"]).items()
    assert (index, code) == (2, "1.5")
    assert "15" in reason and "between 1.4 and 1.6" in reason


def test_codes_that_fit_their_numbering_are_left_alone() -> None:
    flat = [str(n) for n in range(1, 25)]
    assert repair_codes(flat) == {}  # "11" after "10" is simply the next item
    restarting = ["I", "1", "1.1", "1.2", "II", "1", "1.1", "III", "1.1", "1.2"]
    assert repair_codes(restarting) == {}  # numbering that restarts under each group
    assert repair_codes(["I", "1", "2", "III", "3", "III", "4"]) == {}  # a repeated Roman numeral is the document's
    assert repair_codes(["1", "1.1", None, "1.2", "a", "b", "1.3"]) == {}


def test_an_ambiguous_or_unconfirmed_code_is_left_alone() -> None:
    # "12" after 1.1 reads as 1.2, but the code after it, 1.7, does not follow 1.2
    assert repair_codes(["1", "1.1", "12", "1.7"]) == {}
    assert repair_codes(["15"]) == {}  # nothing before it to go by


def test_successors_and_readings() -> None:
    assert successors("2.3") == {"2.3.1", "2.4", "3"}
    assert successors("4") == {"4.1", "5"}
    assert readings("15") == {"1.5"}
    assert readings("1.33") == {"1.3", "1.3.3"}  # a digit doubled, or a dot lost


def test_a_plan_whose_code_lost_its_dot_keeps_the_row_in_its_section(tmp_path: Path) -> None:
    text = (SAMPLES / "102_can_tho_2021_khuyen_cong.txt").read_text(encoding="utf-8")
    assert "\n2.2\t" in text
    damaged = tmp_path / "can_tho_dot_lost.txt"
    damaged.write_text(text.replace("\n2.2\t", "\n22\t", 1), encoding="utf-8")
    original = {row.code: row for row in extract_document(SAMPLES / "102_can_tho_2021_khuyen_cong.txt").items}
    rows = {row.code: row for row in extract_document(damaged).items}
    assert set(rows) == set(original)
    repaired_row = rows["2.2"]
    assert repaired_row.parent_code == original["2.2"].parent_code == "2"
    assert repaired_row.total_vnd == original["2.2"].total_vnd
    (correction,) = [c for c in repaired_row.corrections if c.field == "code"]
    assert (correction.before, correction.after) == ("22", "2.2")


def test_an_ocred_heading_that_lost_a_stroke_is_read_as_the_next_numeral() -> None:
    from vnplan.normalize.code_sequence import repair_romans, roman_value, to_roman

    codes = ["I", "1", "2", "II", "1", "2", "II", "1", "IV", "1"]
    assert repair_romans(codes, [True] * len(codes)) == {
        6: ("III", "heading II goes back in the numbering between II and IV; read as III (a stroke lost in OCR)")
    }
    last = ["I", "1", "1.1", "2", "I", "3", "3.1"]  # the last group: nothing after it to contradict
    assert repair_romans(last, [True] * len(last))[4][0] == "II"
    assert [roman_value(n) for n in ("IV", "IX", "XIV", "XL")] == [4, 9, 14, 40]
    assert [to_roman(v) for v in (4, 9, 14, 40)] == ["IV", "IX", "XIV", "XL"]


def test_printed_or_childless_repeated_headings_are_the_document_s_own() -> None:
    from vnplan.normalize.code_sequence import repair_romans

    seed_like = ["I", "1", "1.1", "II", "III", "III"]  # the seed repeats III, with no rows under it
    assert repair_romans(seed_like, [True] * len(seed_like)) == {}
    printed = ["I", "1", "2", "I", "3"]  # a born-digital or text source: its numbering is what it says
    assert repair_romans(printed, [False] * len(printed)) == {}
    contradicted = ["I", "1", "I", "2", "II", "3"]  # the next numeral says the repeat was not II
    assert repair_romans(contradicted, [True] * len(contradicted)) == {}


def test_a_heading_whose_numeral_was_not_read_is_named_by_its_sum() -> None:
    from decimal import Decimal

    from vnplan.normalize.code_sequence import name_uncoded_headings

    codes = ["I", "1", "2", None, "1", "2", "III", "1"]
    totals = [Decimal(v) for v in (30, 10, 20, 70, 30, 40, 5, 5)]
    (index, (numeral, reason)), *rest = name_uncoded_headings(codes, [True] * len(codes), totals).items()
    assert (index, numeral, rest) == (3, "II", []) and "sum of the 2 rows under it" in reason
    # an uncoded item whose total is not its followers' sum stays an item
    item = [Decimal(v) for v in (30, 10, 20, 71, 30, 40, 5, 5)]
    assert name_uncoded_headings(codes, [True] * len(codes), item) == {}
    # printed sources, or numerals around it that leave no gap, are left alone
    assert name_uncoded_headings(codes, [False] * len(codes), totals) == {}
    no_gap = ["I", "1", "2", None, "1", "2", "II", "1"]
    assert name_uncoded_headings(no_gap, [True] * len(no_gap), totals) == {}
    # the first heading missing: named I when II follows
    first = [None, "1", "2", "II", "1"]
    assert name_uncoded_headings(first, [True] * 5, [Decimal(v) for v in (30, 10, 20, 5, 5)])[0][0] == "I"


def test_a_first_heading_misread_is_i_only_where_the_numbering_says_so() -> None:
    from vnplan.normalize.code_sequence import first_heading_misread

    codes = [None, "1", "1", "2", "II", "1", "III", "1"]
    assert first_heading_misread(codes, [True] * len(codes)) == {
        1: ("I", "the table opens with 1 and then 1, and its first heading further down is II; read as I")
    }
    assert first_heading_misread(["l", "1", "2", "II", "1"], [True] * 5)[0][0] == "I"  # a lower-case L
    assert first_heading_misread(codes, [False] * len(codes)) == {}  # printed: the document's own
    assert first_heading_misread(["1", "2", "II", "1"], [True] * 4) == {}  # 1, 2: a plain list
    assert first_heading_misread(["1", "1", "2", "1", "2"], [True] * 5) == {}  # no heading II anywhere
    assert first_heading_misread(["1", "1", "III", "1"], [True] * 4) == {}  # II missing too: unclear


def test_a_heading_read_in_noise_takes_the_numeral_the_headings_around_it_leave() -> None:
    from vnplan.normalize.code_sequence import heading_between_headings

    codes = ["I", "1", "II", "1", "7", None, "1", "IV", "1"]
    unread: list[str | None] = [None] * len(codes)
    unread[5] = "II —"
    assert heading_between_headings(codes, unread) == {
        5: ("III", "the code cell reads 'II —'; between headings II and IV the numbering leaves only III")
    }
    # no gap between the headings, two such rows in one gap, or a cell that reads no numeral: left alone
    assert heading_between_headings(["I", "1", None, "II", "1"], [None, None, "I —", None, None]) == {}
    two = list(unread)
    two[3] = "I I"
    assert heading_between_headings([*codes[:3], None, *codes[4:]], two) == {}
    assert heading_between_headings(codes, [*unread[:5], "2k", *unread[6:]]) == {}


def test_a_repeated_heading_over_uncoded_items_is_read_as_the_next_numeral() -> None:
    """A held-out scan: heading III read 'II', its items marked '-' (no code). Its amounts went
    out under a second II with no finding naming the row."""
    from vnplan.normalize.code_sequence import repair_romans

    codes = ["I", None, None, "II", None, None, "II", None, "IV", None]
    assert repair_romans(codes, [True] * len(codes))[6][0] == "III"


def test_an_item_letter_read_in_capitals_among_lower_case_ones_is_lower_case() -> None:
    """A held-out scan read item 'c' as 'C': it opened a level of its own under 'b'."""
    from vnplan.normalize.code_sequence import repair_letter_case

    codes = ["1", "a", "b", "C", "d", "2"]
    assert repair_letter_case(codes, [True] * len(codes)) == {
        3: ("c", "letter C among lower-case items (b before it); read as c")
    }
    sections = ["A", "1", "a", "B", "b", "C"]  # capitals of their own: C follows B
    assert repair_letter_case(sections, [True] * len(sections)) == {}
    assert repair_letter_case(codes, [False] * len(codes)) == {}  # in print the numbering is the document's


def test_a_code_its_siblings_skip_is_out_of_place() -> None:
    """'g' read '5' between items 1 and 2: a top-level row whose amounts no finding named."""
    from vnplan.normalize.code_sequence import out_of_place

    codes = ["1", "a", "b", "5", "2", "3"]
    parents = [None, 0, 0, None, None, None]
    assert out_of_place(codes, parents) == {3: ("1", "2")}
    assert out_of_place(["1", "2", "3"], [None] * 3) == {}
    assert out_of_place(["I", "1", "2", "II", "1"], [None, 0, 0, None, 3]) == {}  # numbering per group
    assert out_of_place(["1", "-", "2"], [None] * 3) == {}  # a bullet is in no sequence


def test_the_last_code_of_a_level_that_jumps_ahead_is_out_of_place() -> None:
    """Held-out Augraphy: heading "5" read "9" after "4" (4099 h08), and "5" read "2" (9601 h04),
    the last heading of each table; their rows came out as extra ones with no finding naming
    them. A numbering that starts again (a second table's "1") or ends on its next code is left
    alone."""
    from vnplan.normalize.code_sequence import out_of_place

    assert out_of_place(["1", "2", "3", "4", "a", "9"], [None, None, None, None, 3, None]) == {5: ("4", "")}
    assert out_of_place(["a", "b", "e"], [None] * 3) == {2: ("b", "")}
    assert out_of_place(["I", "II", "V"], [None] * 3) == {2: ("II", "")}
    assert out_of_place(["1", "2", "3", "1"], [None] * 4) == {}  # the numbering starts again
    assert out_of_place(["1", "2", "3", "4", "2"], [None] * 5) == {4: ("4", "")}  # "5" read "2"
    # among them a dotted item whose heading's code was lost (9601 h04: "1.4" under II)
    assert out_of_place(["II", "1.4", "2", "3", "4", "2"], [None, 0, 0, 0, 0, 0]) == {5: ("4", "")}
    # a code left out by the document itself (a real typed estimate: 2.6.1, 2.6.2, 2.6.4), and a
    # chart of accounts' codes, which count in steps of their own (a real finance report)
    assert out_of_place(["2.6.1", "2.6.2", "2.6.4"], [None] * 3) == {}
    assert out_of_place(["250", "251", "260", "261", "270"], [None] * 5) == {}
    assert out_of_place(["1.1", "1.2", "1.3"], [None] * 3) == {}


def test_a_code_fills_a_gap_of_one_unless_it_is_an_item_of_the_code_that_is_missing() -> None:
    """Fresh held-out seed 9601 h01 (Augraphy): heading "3 Giám sát, đánh giá" was lost under a
    streak, and its first item "3.1", read as printed between 2.3 and 4, was taken for the 3 the
    numbering left: the item became the heading, the next item took its code, and a total of one
    row was scored against the other without a word (a silent wrong amount)."""
    assert repaired(["2", "20", "2.2"]) == ["2", "2.1", "2.2"]  # a lost dot's code fills the gap
    codes: list[str | None] = ["2", "2.1", "2.2", "2.3", "3.1", "4"]
    assert repaired(codes) == codes  # heading 3 lost, its item kept as read


def test_a_heading_read_as_strokes_takes_the_numeral_where_its_total_holds_the_rows_under_it() -> None:
    """Held-out seed 9801 h07: a streak made heading II's code cell '-H__'; between I and III only
    II is free, and its total is at least every row's under it. Without it the section's items
    hung under I, and a row's amounts were matched to another's."""
    from decimal import Decimal

    from vnplan.normalize.code_sequence import heading_between_headings

    codes = ["I", "1", "2", None, None, None, "III", "1"]
    unread: list[str | None] = [None, None, None, "-H__", "ˆ].... _", None, None, None]
    totals = [Decimal(v) if v else None for v in ("900", "400", "500", "700", "300", "400", "100", "100")]
    (fix,) = heading_between_headings(codes, unread, totals).items()
    assert fix[0] == 3 and fix[1][0] == "II" and "at least that of every row under it" in fix[1][1]
    # an item whose code cell reads as strokes is smaller than a row under it, or has no total: left alone
    smaller = [*totals[:3], Decimal(350), *totals[4:]]
    assert heading_between_headings(codes, unread, smaller) == {}
    assert heading_between_headings(codes, unread) == {}


def test_a_numeral_no_heading_of_the_table_can_have_is_no_code() -> None:
    """Blind held-out seed 10301 h01: item 1.5's code cell read "L" after heading I, where II comes
    next. Taken for heading 50 it took every row after it as its own; its amounts, the right ones,
    were matched to no item of the document. A document may leave one numeral out, continue from
    a numeral it jumped to (I, IV, V), or start at any numeral (a table continuing another's); in
    print its numbering is its own."""
    from vnplan.normalize.code_sequence import numerals_out_of_reach

    read = [True] * 8
    assert numerals_out_of_reach(["I", "1", "1.1", "1.2", "L", "2"], read) == {4}
    assert numerals_out_of_reach(["II", "1", "2", "X", "2", "IV"], read) == {3}  # XI does not follow
    assert numerals_out_of_reach(["I", "1", "III", "1"], read) == set()  # one numeral left out
    assert numerals_out_of_reach(["I", "1", "IV", "V"], read) == set()  # numbered on from IV
    assert numerals_out_of_reach(["V", "1", "VI"], read) == set()  # a table starting at V
    assert numerals_out_of_reach(["I", "II", "III", "I", "IV"], read) == set()  # a stray "I" changes nothing
    # any row between may be a heading OCR lost or misread (held-out seed 10201 h02: heading III
    # read "I" three rows above IV, II read as no code)
    assert numerals_out_of_reach(["1", "1", "2", None, "1", "I", "1", "2", "IV", "1"], read + read) == set()
    assert numerals_out_of_reach(["I", "1", "1.1", "1.2", "L", "2"], [False] * 6) == set()  # print


def test_a_heading_i_between_two_items_that_leave_one_code_of_digit_one_is_that_item() -> None:
    """Held-out seed 11701 h04 (Augraphy): item 1.3's code cell read "I" under a streak, between
    1.2 and 1.4. Read as heading II (the stroke of a second I lost), it took 1.4 and the rest of
    heading I for its own, and the real heading II further down stood without a code. Its
    neighbours leave only 1.3, whose digit one is that stroke."""
    from vnplan.normalize.code_sequence import repair_romans

    codes = ["I", "1", "1.1", "1.2", "I", "1.4", None, "2", "2.1"]
    assert repair_romans(codes, [True] * len(codes)) == {
        4: ("1.3", "heading I stands between items 1.2 and 1.4, which leave only 1.3: read as 1.3")
    }
    # a heading I again after items of a top level, or after a heading's first items, is heading II
    assert repair_romans(["I", "1", "1.1", "1.2", "I", "1", "1.1"], [True] * 7)[4][0] == "II"
    assert repair_romans(["I", "1", "2", "I", "1", "2"], [True] * 6)[3][0] == "II"
