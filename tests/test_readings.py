"""Two readings of every OCRed amount: accepted where they agree or the sums confirm, else flagged;
repairs and hints never touch an amount both readers agree on."""

from __future__ import annotations

from vnplan.normalize.amount_repair import repair_lost_commas
from vnplan.normalize.readings import AmountReadings, Arithmetic, judge_readings, reading_value
from vnplan.normalize.reconcile import (
    TOTAL,
    CellTrust,
    Tree,
    check_rows,
    check_subtotals,
    check_sums,
    infer_missing,
    suggest_reading,
)
from vnplan.schemas import AMOUNT_FIELDS, CellBox, Row, name_rows

MILLION = 1_000_000
THOUSAND = 1_000
UNITS = dict.fromkeys(AMOUNT_FIELDS, MILLION)  # the table prints triệu đồng
ROW_SUM = Arithmetic(Tree({}), [(TOTAL, [f for f in AMOUNT_FIELDS if f != TOTAL])])


def item(code: str, total: int | None, provincial: int | None, beneficiary: int | None, other: int | None) -> Row:
    boxes = [CellBox(page=1, field=f, x0=0, top=0, x1=9, bottom=9, confidence=0.9) for f in AMOUNT_FIELDS]
    return Row(
        code=code, kind="item", title="Hỗ trợ", pages=[1], cells=boxes, total_vnd=total,
        provincial_budget_vnd=provincial, beneficiary_vnd=beneficiary, other_vnd=other,
    )  # fmt: skip


def read(first: str, second: str | None, confidence: float = 0.9) -> AmountReadings:
    return AmountReadings(first, confidence, second, None if second is None else 0.9)


def agreed(row: Row) -> dict[str, AmountReadings]:
    """Both readers read every amount of the row as the row holds it (in triệu)."""
    out = {}
    for field in AMOUNT_FIELDS:
        value = getattr(row, field)
        text = f"{value // MILLION}" if value is not None else None
        if text is not None:
            out[field] = read(text, text)
    return out


def test_reading_values_follow_the_unit_and_read_a_dash_as_zero() -> None:
    assert reading_value("22,1", MILLION) == 22_100_000
    assert reading_value(" - ", MILLION) == 0
    assert reading_value("Đ,Ð", MILLION) is None and reading_value(None, MILLION) is None


def test_readings_are_parsed_by_the_documents_number_convention() -> None:
    # "225,500" is 225500 only in an English-style document, "1.500" one and a half there
    assert reading_value("225,500", 1, "en") == 225_500 and reading_value("225,500", 1) is None
    assert reading_value("1.500", MILLION, "en") == 1_500_000
    assert reading_value("1.500", MILLION, "vi") == 1_500 * MILLION


def test_readings_that_agree_are_accepted_without_a_finding() -> None:
    rows = [item("1", 100 * MILLION, 60 * MILLION, 40 * MILLION, 0)]
    trust, findings = judge_readings(rows, [agreed(rows[0])], ROW_SUM, UNITS)
    assert findings == []
    assert all(t.agreed and not t.in_doubt for t in trust.values())


def test_a_disputed_amount_the_row_confirms_is_accepted() -> None:
    rows = [item("1", 100 * MILLION, 60 * MILLION, 40 * MILLION, 0)]
    readings = agreed(rows[0]) | {"beneficiary_vnd": read("40", "48")}
    trust, findings = judge_readings(rows, [readings], ROW_SUM, UNITS)
    assert findings == [] and rows[0].beneficiary_vnd == 40 * MILLION
    assert not trust[(0, "beneficiary_vnd")].agreed and not trust[(0, "beneficiary_vnd")].in_doubt


def test_the_second_reading_is_taken_where_only_it_makes_the_sums_agree() -> None:
    rows = [item("2.1", 72 * MILLION, 42 * MILLION, 35 * MILLION, 0)]  # beneficiary printed 30, read 35
    readings = agreed(rows[0]) | {"beneficiary_vnd": read("35", "30")}
    trust, findings = judge_readings(rows, [readings], ROW_SUM, UNITS)
    assert rows[0].beneficiary_vnd == 30 * MILLION
    (finding,) = findings
    assert (finding.code, finding.severity, finding.row_code, finding.field) == (
        "amount-second-reading", "warning", "2.1", "beneficiary_vnd",
    )  # fmt: skip
    assert "'35'" in finding.message and "'30'" in finding.message
    (correction,) = rows[0].corrections
    assert (correction.before, correction.after) == ("35.000.000", "30.000.000")
    assert not trust[(0, "beneficiary_vnd")].in_doubt


def test_a_sum_that_picks_one_of_two_unrelated_readings_leaves_the_whole_row_in_doubt() -> None:
    # a stamp over the row: total printed 772,7 read '172,7' and '21', the provincial cell read '21'
    # by both; taking '21' makes the row add up, but only because its neighbour reads the same
    rows = [item("4", 172_700_000, 21 * MILLION, 0, 0)]
    readings = agreed(rows[0]) | {"total_vnd": read("172,7", "21")}
    _, findings = judge_readings(rows, [readings], ROW_SUM, UNITS)
    assert rows[0].total_vnd == 21 * MILLION  # still the reading the sums pick
    (finding,) = findings
    assert (finding.code, finding.severity, finding.row_code) == ("amount-second-reading", "warning", "4")
    assert finding.field is None and "nothing in common" in finding.message  # names every amount of the row


def test_a_doubt_no_sum_settles_is_a_warning_naming_row_field_and_both_readings() -> None:
    rows = [item("3", 90 * MILLION, 50 * MILLION, 35 * MILLION, 0)]  # the row does not add up either way
    readings = agreed(rows[0]) | {"beneficiary_vnd": read("35", "38")}
    trust, findings = judge_readings(rows, [readings], ROW_SUM, UNITS)
    assert rows[0].beneficiary_vnd == 35 * MILLION  # the page reading is kept
    (finding,) = findings
    assert (finding.code, finding.severity, finding.row_code, finding.field) == (
        "amount-readings-differ", "warning", "3", "beneficiary_vnd",
    )  # fmt: skip
    assert "'35'" in finding.message and "'38'" in finding.message
    assert trust[(0, "beneficiary_vnd")].in_doubt
    # the other reading is offered to the reviewer, to take or turn down in one key
    assert finding.suggestion is not None
    assert (finding.suggestion.row_index, finding.suggestion.field, finding.suggestion.value) == (
        0, "beneficiary_vnd", 38 * MILLION,
    )  # fmt: skip


def test_an_amount_read_once_needs_the_sums_too() -> None:
    rows = [item("4", 90 * MILLION, 50 * MILLION, 35 * MILLION, 0)]
    readings = agreed(rows[0]) | {"other_vnd": read("0", None)}
    _, findings = judge_readings(rows, [readings], ROW_SUM, UNITS)
    assert [(f.code, f.field) for f in findings] == [("amount-readings-differ", "other_vnd")]
    assert "one OCR reader only" in findings[0].message
    assert findings[0].suggestion is None  # nothing else was read: nothing to offer


def test_a_column_sum_confirms_an_item_and_its_section() -> None:
    section = item("1", 100 * MILLION, 70 * MILLION, 30 * MILLION, 0)
    kids = [
        item("1.1", 40 * MILLION, 30 * MILLION, 10 * MILLION, 0),
        item("1.2", 60 * MILLION, 40 * MILLION, 20 * MILLION, 0),
    ]
    kids[0].other_vnd = None  # the row identity cannot speak for 1.1
    rows = [section, *kids]
    readings = [agreed(section) | {"provincial_budget_vnd": read("70", "78")}, agreed(kids[0]), agreed(kids[1])]
    readings[1]["provincial_budget_vnd"] = read("30", "36")
    _, findings = judge_readings(rows, readings, Arithmetic(Tree({0: [1, 2]}), ROW_SUM.identities), UNITS)
    assert findings == []


def test_a_hint_never_proposes_an_amount_both_readers_agree_on() -> None:
    sure = CellTrust(agreed=True, confidence=0.95, second_value=None, in_doubt=False)
    doubted = CellTrust(agreed=False, confidence=0.6, second_value=None, in_doubt=True)
    # total 92 read where 52 is printed; parts 30 + 22: the total's slip explains it, the parts are sure
    assert suggest_reading(92, 52, [30, 22], [doubted, sure, sure]) == (None, 52, "a one-digit OCR slip")
    # the total both readers read alike: not proposed, although its one-digit slip would explain it
    assert suggest_reading(92, 52, [30, 22], [sure, sure, sure]) is None


def test_a_hint_prefers_the_cell_the_second_reader_read_as_proposed() -> None:
    first = CellTrust(agreed=False, confidence=0.9, second_value=None, in_doubt=True)
    confirmed = CellTrust(agreed=False, confidence=0.9, second_value=31, in_doubt=True)
    # 311 printed where the parts give 280 + 91: the total (371?), 280 (220?) or 91 (31?) — one
    # digit each. The second reader read 31 in the last part.
    assert suggest_reading(311, 371, [280, 91], [first, first, confirmed])[0:2] == (1, 31)
    # without the second reader's word, the least confident reading is proposed
    unsure = CellTrust(agreed=False, confidence=0.4, second_value=None, in_doubt=True)
    assert suggest_reading(311, 371, [280, 91], [first, first, unsure])[0:2] == (1, 31)
    # and with nothing known, as before: the sum's own cell first
    assert suggest_reading(311, 371, [280, 91])[0:2] == (None, 371)


def test_a_failed_section_sum_warns_on_the_ocred_item_it_points_at() -> None:
    section = item("1", 100 * MILLION, 70 * MILLION, 30 * MILLION, 0)
    kids = [
        item("1.1", 40 * MILLION, 30 * MILLION, 10 * MILLION, 0),
        item("1.2", 60 * MILLION, 90 * MILLION, 20 * MILLION, 0),
    ]
    rows = [section, *kids]
    tree = Tree({0: [1, 2]})
    trust = {
        (0, "provincial_budget_vnd"): CellTrust(True, 0.95, 70 * MILLION, in_doubt=False),
        (1, "provincial_budget_vnd"): CellTrust(True, 0.95, 30 * MILLION, in_doubt=False),
        (2, "provincial_budget_vnd"): CellTrust(False, 0.7, 40 * MILLION, in_doubt=True),
    }
    findings = check_subtotals(rows, tree, AMOUNT_FIELDS, trust)
    codes = {(f.code, f.row_code, f.field) for f in findings}
    assert ("section-sum-mismatch", "1", "provincial_budget_vnd") in codes
    assert ("amount-suspect", "1.2", "provincial_budget_vnd") in codes
    assert check_rows(rows, AMOUNT_FIELDS, trust)[0].row_code == "1.2"  # 1.2's own row fails too


def test_a_failed_section_sum_names_each_ocred_item_amount_no_row_sum_vouches_for() -> None:
    """Fresh held-out seed 9801 h07 (Augraphy): an item's total unread under a streak, its "other"
    source read 93.537.000 by both readers for 53.537.000; the section's sum of that column failed,
    and the only findings naming the row were about its code: a silent wrong amount. Each OCRed
    item amount in the failing column that no sum of its own row holds on is named; an item whose
    row adds up is vouched for by it."""
    section = item("I", 200 * MILLION, 140 * MILLION, 6 * MILLION, 54 * MILLION)
    unvouched = item("1", None, 100 * MILLION, 0, 94 * MILLION)  # other read 94 for 54; total unread
    held = item("2", 46 * MILLION, 40 * MILLION, 6 * MILLION, 0)
    rows = [section, unvouched, held]
    trust = {
        (index, field): CellTrust(True, 0.9, money, in_doubt=False)
        for index, row in enumerate(rows)
        for field in AMOUNT_FIELDS
        if (money := getattr(row, field)) is not None
    }
    findings = check_sums(rows, Tree({0: [1, 2]}), None, AMOUNT_FIELDS, trust=trust)
    named = {(f.code, f.row_code, f.field) for f in findings if f.code == "amount-unvouched"}
    assert ("amount-unvouched", "1", "other_vnd") in named
    assert not any(code == "2" for _, code, _ in named)  # its row sum holds
    assert not any(field == "beneficiary_vnd" for _, _, field in named)  # that column's sum holds
    # typed amounts (not OCRed) are the document's own: the failed sum names the group only
    assert not any(f.code == "amount-unvouched" for f in check_sums(rows, Tree({0: [1, 2]}), None, AMOUNT_FIELDS))
    # the unread total inferred from the row's parts closes its sum, which then vouches for nothing
    infer_missing(rows, Tree({0: [1, 2]}), AMOUNT_FIELDS, trust=trust)
    assert unvouched.total_vnd == 194 * MILLION and "total_vnd" in unvouched.inferred
    findings = check_sums(rows, Tree({0: [1, 2]}), None, AMOUNT_FIELDS, trust=trust)
    assert ("1", "other_vnd") in {(f.row_code, f.field) for f in findings if f.code == "amount-unvouched"}


def test_inferred_amounts_from_ocred_amounts_are_warnings_and_never_rest_on_a_doubt() -> None:
    rows = [item("1", 100 * MILLION, 60 * MILLION, None, 0)]
    sure = {
        (0, f): CellTrust(True, 0.9, None, in_doubt=False) for f in ("total_vnd", "provincial_budget_vnd", "other_vnd")
    }
    finding, *unchecked = infer_missing(rows, Tree({}), AMOUNT_FIELDS, trust=sure)
    assert (finding.code, finding.severity, rows[0].beneficiary_vnd) == ("amount-inferred", "warning", 40 * MILLION)
    assert {(f.code, f.field) for f in unchecked} == {("amount-unchecked", field) for _, field in sure}

    rows = [item("1", 100 * MILLION, 60 * MILLION, None, 0)]
    doubt = sure | {(0, "total_vnd"): CellTrust(False, 0.5, 10 * MILLION, in_doubt=True)}
    assert infer_missing(rows, Tree({}), AMOUNT_FIELDS, trust=doubt) == [] and rows[0].beneficiary_vnd is None

    rows = [item("1", 100 * MILLION, 60 * MILLION, None, 0)]  # a printed source: information only
    (finding,) = infer_missing(rows, Tree({}), AMOUNT_FIELDS)
    assert finding.severity == "info"


def test_a_lost_comma_both_readers_agree_on_is_not_repaired() -> None:
    rows = [item("1.5", 220_700_000, 172_200_000, 26_400_000, 221_000_000)]
    both = {(0, "other_vnd"): CellTrust(True, 0.9, 221_000_000, in_doubt=False)}
    assert repair_lost_commas(rows, AMOUNT_FIELDS, both) == [] and rows[0].other_vnd == 221_000_000
    assert repair_lost_commas(rows, AMOUNT_FIELDS) and rows[0].other_vnd == 22_100_000


def test_a_table_read_by_position_takes_the_other_reading_in_its_own_column() -> None:
    """A finance report (STT, Diễn giải, Số tiền): one money column, parents sum their children."""
    from vnplan.schemas import Amount

    def money_row(code: str, value: int) -> Row:
        return Row(
            code=code,
            kind="item",
            title="Chi",
            pages=[1],
            amounts=[Amount(column="so_tien", label="Số tiền", value_vnd=value)],
        )

    rows = [money_row("1", 402_803_313), money_row("1.1", 310_000_000), money_row("1.2", 22_803_313)]
    readings = [
        {"so_tien": read("402,803,313", "402,803,313")},
        {"so_tien": read("310,000,000", "310,000,000")},
        {"so_tien": read("22,803,313", "92,803,313")},  # the page engine misread the 9
    ]
    _, findings = judge_readings(rows, readings, Arithmetic(Tree({0: [1, 2]}), []), {"so_tien": 1})
    assert rows[2].amounts[0].value_vnd == 92_803_313
    assert [(f.code, f.row_code, f.field) for f in findings] == [("amount-second-reading", "1.2", "so_tien")]


def test_an_amount_of_an_ocred_row_that_no_cell_reading_backs_is_in_doubt() -> None:
    rows = [item("5", 330 * MILLION, 330 * MILLION, 0, 5 * MILLION)]  # a "5" typed into other_vnd
    readings = agreed(rows[0])
    del readings["other_vnd"]
    _, findings = judge_readings(rows, [readings], ROW_SUM, UNITS, ocr_rows=[True])
    assert [(f.code, f.row_code, f.field) for f in findings] == [("amount-readings-differ", "5", "other_vnd")]
    assert "not read from a cell of its own column" in findings[0].message
    assert judge_readings(rows, [readings], ROW_SUM, UNITS)[1] == []  # a printed source: nothing to say


def test_findings_of_the_two_readers_name_a_row_without_a_code_by_its_position() -> None:
    # a heading whose numeral OCR garbled has no code; the strict rule still needs its row named
    heading = item("1", 90 * MILLION, 50 * MILLION, 35 * MILLION, 0).model_copy(update={"code": None})
    rows = [item("1", 10 * MILLION, 10 * MILLION, 0, 0), heading]
    readings = [agreed(rows[0]), agreed(heading) | {"beneficiary_vnd": read("35", "38")}]
    _, findings = judge_readings(rows, readings, ROW_SUM, UNITS)
    name_rows(findings, rows)
    assert [(f.code, f.row_code, f.row_index, f.field) for f in findings] == [
        ("amount-readings-differ", None, 1, "beneficiary_vnd")
    ]


def test_a_reading_the_page_reader_rejects_is_in_doubt_even_where_the_other_agrees() -> None:
    # Under a seal a cell was read '-' at confidence 0.00 and the second reader saw a dash too:
    # the row's beneficiary was then inferred from that "0", and the wrong amount went unflagged.
    rows = [item("1", 100 * MILLION, 0, None, 0)]
    readings = agreed(rows[0]) | {"provincial_budget_vnd": read("-", "-", confidence=0.0)}
    trust, findings = judge_readings(rows, [readings], ROW_SUM, UNITS)
    assert trust[(0, "provincial_budget_vnd")].in_doubt
    assert [(f.code, f.field) for f in findings] == [("amount-readings-differ", "provincial_budget_vnd")]
    assert "which it rejects" in findings[0].message
    assert infer_missing(rows, Tree({}), AMOUNT_FIELDS, trust=trust) == [] and rows[0].beneficiary_vnd is None


def test_in_dong_the_same_digits_with_other_marks_are_the_same_amount() -> None:
    # A real balance sheet in đồng: the second reader read "60.516.896,409" and "20.177,109.198"
    # for 60.516.896.409 and 20.177.109.198; an amount in đồng is a whole number, its digits tell it.
    in_dong = dict.fromkeys(AMOUNT_FIELDS, 1)
    nothing = Arithmetic(Tree({}), [])
    row = item("1", 60_516_896_409, 20_177_109_198, None, None)
    cells = {
        "total_vnd": read("60.516.896.409", "60.516.896,409"),
        "provincial_budget_vnd": read("20.177.109.198", "20.177,109.198"),
    }
    trust, findings = judge_readings([row], [cells], nothing, in_dong)
    assert not findings and all(t.agreed for t in trust.values())
    # A digit fewer ("37,24.000,000" for 37.240.000.000) is another amount.
    row = item("1", 37_240_000_000, None, None, None)
    trust, findings = judge_readings([row], [{"total_vnd": read("37.240.000.000", "37,24.000,000")}], nothing, in_dong)
    assert [f.code for f in findings] == ["amount-readings-differ"]
    # In triệu đồng the marks carry the value: "4.050,8" and "4.050.8" stay in doubt.
    row = item("1", 4_050_800_000, None, None, None)
    trust, findings = judge_readings([row], [{"total_vnd": read("4.050,8", "4.050.8")}], nothing, UNITS)
    assert [f.code for f in findings] == ["amount-readings-differ"]


def test_in_dong_a_decimal_mark_both_readers_contradict_by_their_digits_is_corrected_and_said() -> None:
    # The real balance sheet's grand total: the page reader read "1.054.166.252,174" (a fraction of
    # a đồng, which no amount in đồng has) and the second reader "1054166252174".
    in_dong = dict.fromkeys(AMOUNT_FIELDS, 1)
    row = item("1", 1_054_166_252, None, None, None)  # as the page reading parses, the fraction dropped
    cells = {"total_vnd": read("1.054.166.252,174", "——- 1054166252174.")}
    trust, findings = judge_readings([row], [cells], Arithmetic(Tree({}), []), in_dong)
    assert row.total_vnd == 1_054_166_252_174 and trust[(0, "total_vnd")].agreed
    assert [(f.code, f.field) for f in findings] == [("amount-second-reading", "total_vnd")]
    assert row.corrections[0].before == "1.054.166.252"
    # Where đồng is only assumed, the table may be in triệu with decimals: nothing is corrected.
    row = item("1", 1_054_166_252, None, None, None)
    trust, findings = judge_readings([row], [cells], Arithmetic(Tree({}), []), in_dong, printed_units=())
    assert row.total_vnd == 1_054_166_252 and [f.code for f in findings] == ["amount-readings-differ"]


def test_under_an_assumed_dong_a_reading_with_decimals_is_not_traded_for_one_without() -> None:
    # A scanned table whose unit line was lost: "20,6" (triệu) is 21 in đồng, its items, taken as
    # "103" and "103" without their commas, add up to the second reading "206" of the total, which
    # would follow them ten times too large.
    in_dong = dict.fromkeys(AMOUNT_FIELDS, 1)
    rows = [item("I", 21, None, None, None), item("1", 103, None, None, None), item("2", 103, None, None, None)]
    cells = [{"total_vnd": read("20,6", "206")}, {"total_vnd": read("103", "103")}, {"total_vnd": read("103", "103")}]
    tree = Arithmetic(Tree({0: [1, 2]}), [])
    _, findings = judge_readings(rows, cells, tree, in_dong, printed_units=())
    assert rows[0].total_vnd == 21 and [(f.code, f.row_code) for f in findings] == [("amount-readings-differ", "I")]
    # Where the table prints its unit as đồng, the sums may choose as ever.
    rows[0].total_vnd = 21
    _, findings = judge_readings(rows, cells, tree, in_dong)
    assert rows[0].total_vnd == 206 and [f.code for f in findings] == ["amount-second-reading"]


def looked(first: str, second: str, *others: str) -> AmountReadings:
    return AmountReadings(first, 0.9, second, 0.9, others)


def test_a_further_looks_reading_is_taken_where_only_it_makes_the_sums_agree() -> None:
    # total printed 280, read '286' and '289'; a binarized look read '280'
    rows = [item("2", 286 * MILLION, 216 * MILLION, 64 * MILLION, 0)]
    readings = agreed(rows[0]) | {"total_vnd": looked("286", "289", "28", "280")}
    trust, findings = judge_readings(rows, [readings], ROW_SUM, UNITS)
    assert rows[0].total_vnd == 280 * MILLION and not trust[(0, TOTAL)].in_doubt
    (finding,) = findings
    assert (finding.code, finding.row_code, finding.field) == ("amount-second-reading", "2", TOTAL)
    assert "another look at the cell read '280'" in finding.message
    (correction,) = rows[0].corrections
    assert (correction.before, correction.after) == ("286.000.000", "280.000.000")


def test_an_amount_no_look_confirms_stays_in_doubt() -> None:
    rows = [item("2", 286 * MILLION, 216 * MILLION, 64 * MILLION, 0)]
    readings = agreed(rows[0]) | {"total_vnd": looked("286", "289", "28", "283")}
    _, findings = judge_readings(rows, [readings], ROW_SUM, UNITS)
    assert rows[0].total_vnd == 286 * MILLION
    (finding,) = findings
    assert (finding.code, finding.field) == ("amount-readings-differ", TOTAL)


def test_last_group_read_as_thousands() -> None:
    from vnplan.normalize.whole_thousands import last_group_as_thousands, whole_thousands

    assert last_group_as_thousands("135.405.0009") == 135_405_000
    assert last_group_as_thousands("119.586.900") == 119_586_000
    assert last_group_as_thousands("5.207.083.6000") == 5_207_083_000
    # already whole, too short to tell, or no amount's shape
    assert last_group_as_thousands("135.405.000") is None
    assert last_group_as_thousands("586.900") is None
    assert last_group_as_thousands("1354.05.009") is None and last_group_as_thousands("") is None
    assert whole_thousands([k * 1000 for k in range(1, 11)])
    assert not whole_thousands([k * 1000 for k in range(1, 10)])  # too few to show the rounding
    assert not whole_thousands([*(k * 1000 for k in range(1, 11)), 1_005, 2_017])  # two of twelve off


IN_DONG = dict.fromkeys(AMOUNT_FIELDS, 1)


def dong(row: Row) -> dict[str, AmountReadings]:
    """Both readers read every amount of the row as the row holds it (in đồng, grouped)."""
    return {
        f: read(f"{v:,}".replace(",", "."), f"{v:,}".replace(",", "."))
        for f in AMOUNT_FIELDS
        if (v := getattr(row, f)) is not None
    }


def rounded_rows(count: int = 4) -> list[Row]:
    return [item(str(k), 300_000_000 + k * 1000, 200_000_000, 100_000_000 + k * 1000, 0) for k in range(1, count + 1)]


def test_in_a_table_of_whole_thousands_a_last_group_misread_by_both_readers_is_read_as_000_where_the_sum_says_so() -> (
    None
):
    rows = [*rounded_rows(), item("5", 162_677_000, 119_586_900, 43_091_000, 0)]
    readings = [dong(row) for row in rows]
    trust, findings = judge_readings(rows, readings, ROW_SUM, IN_DONG)
    assert rows[4].provincial_budget_vnd == 119_586_000 and not trust[(4, "provincial_budget_vnd")].in_doubt
    (finding,) = findings
    assert (finding.code, finding.row_code, finding.field) == ("amount-second-reading", "5", "provincial_budget_vnd")
    assert "whole thousands" in finding.message


def test_a_last_group_misread_in_doubt_is_read_as_000_where_the_sum_says_so_and_left_where_it_does_not() -> None:
    rows = [*rounded_rows(), item("5", 369_636_000, 234_231_000, 135_495_009, 0)]
    readings = [dong(row) for row in rows]
    readings[4]["beneficiary_vnd"] = read("135.495.009", "135.405.0009")
    _, findings = judge_readings(rows, readings, ROW_SUM, IN_DONG)
    assert rows[4].beneficiary_vnd == 135_405_000
    (finding,) = findings
    assert (finding.code, finding.field) == ("amount-second-reading", "beneficiary_vnd")
    # a table with few amounts shows no rounding: the amount stays, flagged
    rows = [item("5", 369_636_000, 234_231_000, 135_495_009, 0)]
    _, findings = judge_readings(rows, [readings[4]], ROW_SUM, IN_DONG)
    assert rows[0].beneficiary_vnd == 135_495_009
    assert [(f.code, f.field) for f in findings] == [("amount-readings-differ", "beneficiary_vnd")]


def test_in_a_table_of_whole_thousands_an_amount_off_the_thousand_is_named_unless_a_sum_vouches_for_it() -> None:
    """Held-out Augraphy seed 10301 h01 p.4: a row's total read "1.199.881" by both readers (its
    last group lost under a streak; printed 1.199.881.000), its parts unread, in a table whose
    amounts are all whole thousands; nothing named it."""
    rows = [*rounded_rows(), item("5", 1_199_881, None, None, None)]
    _, findings = judge_readings(rows, [dong(row) for row in rows], ROW_SUM, IN_DONG)
    assert rows[4].total_vnd == 1_199_881  # left as read, and named
    (finding,) = findings
    assert (finding.code, finding.row_code, finding.field) == ("amount-suspect", "5", TOTAL)
    assert "not a whole thousand" in finding.message
    # a row whose sum holds vouches for its amounts, round or not
    rows = [*rounded_rows(6), item("7", 300_001_500, 200_000_000, 100_001_500, 0)]
    _, findings = judge_readings(rows, [dong(row) for row in rows], ROW_SUM, IN_DONG)
    assert findings == []
    # a table of too few amounts to show the rounding holds none to it
    rows = [item("5", 1_199_881, None, None, None)]
    assert judge_readings(rows, [dong(rows[0])], ROW_SUM, IN_DONG)[1] == []


def test_an_amount_both_readers_misread_alike_takes_the_one_look_the_sums_confirm() -> None:
    rows = [item("1", 914_700_000, 379_130_000, 135_570_000, 0)]  # total printed 514,7
    readings = {
        TOTAL: AmountReadings("914,7", 0.9, "914,7", 0.9, ("54,7", "514,7")),
        "provincial_budget_vnd": read("379,13", "379,13"),
        "beneficiary_vnd": read("135,57", "135,57"),
        "other_vnd": read("-", "-"),
    }
    trust, findings = judge_readings(rows, [readings], ROW_SUM, UNITS)
    assert rows[0].total_vnd == 514_700_000 and not trust[(0, TOTAL)].in_doubt
    (finding,) = findings
    assert (finding.code, finding.row_code, finding.field) == ("amount-second-reading", "1", TOTAL)
    assert "'914,7'" in finding.message and "'514,7'" in finding.message and "refute" in finding.message
    # without a look the sums confirm, the amount stays as both read it (the failed sum reports it)
    rows = [item("1", 914_700_000, 379_130_000, 135_570_000, 0)]
    readings[TOTAL] = AmountReadings("914,7", 0.9, "914,7", 0.9, ("54,7",))
    _, findings = judge_readings(rows, [readings], ROW_SUM, UNITS)
    assert rows[0].total_vnd == 914_700_000 and findings == []


def test_a_row_of_zeros_confirms_no_reading() -> None:
    """Held-out seed 4099 h01 p.3 (Augraphy): a total read "33.832.000", its parts as dashes
    under a streak; one look read the total "-", and a row of zeros adds up, so that look was
    taken and the row kept four zeros with no amount named. A sum of nothing but zeros vouches
    for nothing: the amounts stay in doubt, each named."""
    rows = [item("2.3", 33_832 * THOUSAND, 0, 0, 0)]
    readings = {
        "total_vnd": AmountReadings("33.832.000", 0.3, ".", 0.1, others=("-",)),
        **{field: AmountReadings("-", 0.0, "", None) for field in AMOUNT_FIELDS[1:]},
    }
    trust, findings = judge_readings(rows, [readings], ROW_SUM, dict.fromkeys(AMOUNT_FIELDS, 1))
    assert rows[0].total_vnd == 33_832 * THOUSAND
    assert trust[(0, "total_vnd")].in_doubt
    assert ("amount-readings-differ", "total_vnd") in {(f.code, f.field) for f in findings}


def test_cells_in_doubt_together_are_settled_by_the_one_choice_of_readings_that_adds_up() -> None:
    """The same row: the looks at its cells had read 252.632.000 for the total, the second reader
    " 182 972.000 , .. TƯ -" for the provincial part and a look 69.660.000 for the beneficiary's,
    which add up; one cell at a time the sums could take none of them."""
    rows = [item("2.3", 33_832 * THOUSAND, 0, 0, 0)]
    readings = {
        "total_vnd": AmountReadings("33.832.000", 0.3, ".", 0.1, others=("-", "252.632.000")),
        "provincial_budget_vnd": AmountReadings("-", 0.0, " 182 972.000 , .. TƯ -", 0.2),
        "beneficiary_vnd": AmountReadings("-", 0.0, "69.660.000 ._.—.", 0.2, others=("69.680.000",)),
        "other_vnd": AmountReadings("-", 0.0, "", None, others=("0",)),
    }
    _, findings = judge_readings(rows, [readings], ROW_SUM, dict.fromkeys(AMOUNT_FIELDS, 1))
    row = rows[0]
    assert (row.total_vnd, row.provincial_budget_vnd, row.beneficiary_vnd, row.other_vnd) == (
        252_632 * THOUSAND, 182_972 * THOUSAND, 69_660 * THOUSAND, 0
    )  # fmt: skip
    assert {c.field for c in row.corrections} == {"total_vnd", "provincial_budget_vnd", "beneficiary_vnd"}
    assert findings and all(f.code == "amount-second-reading" for f in findings)
    # two choices that add up (69.680.000 read for the beneficiary too, with 182.952.000): none is taken
    rows = [item("2.3", 33_832 * THOUSAND, 0, 0, 0)]
    ambiguous = readings | {
        "provincial_budget_vnd": AmountReadings("-", 0.0, "182.972.000", 0.2, others=("182.952.000",))
    }
    judge_readings(rows, [ambiguous], ROW_SUM, dict.fromkeys(AMOUNT_FIELDS, 1))
    assert rows[0].total_vnd == 33_832 * THOUSAND


def test_a_dash_under_specks_with_a_lone_digit_among_them_is_inferred_zero() -> None:
    """Held-out seed 4099 h08 (Augraphy): a row whose total equals its other sources, its last
    source printing "-" under a streak, read '“s0 7È: -'; the lone "7" was taken for a figure the
    cell shows, and the 0 the row's sum leaves was not inferred. A lone digit among marks is as
    likely a speck; two digits in a row ("x 74'") are a figure, and stay unread."""
    for shown, inferred in (("“s0 7È: -", True), ("x 74'", False), ("1 250 *", False)):
        rows = [item("b", 294_550 * THOUSAND, 237_680 * THOUSAND, 56_870 * THOUSAND, None)]
        trust = {
            (0, field): CellTrust(True, 0.9, getattr(rows[0], field), in_doubt=False)
            for field in AMOUNT_FIELDS
            if getattr(rows[0], field) is not None
        }
        findings = infer_missing(rows, Tree({}), AMOUNT_FIELDS, trust=trust, unread={(0, "other_vnd"): shown})
        assert (rows[0].other_vnd == 0) is inferred, shown
        if inferred:
            assert ("amount-inferred", "other_vnd") in {(f.code, f.field) for f in findings}
        else:
            assert rows[0].other_vnd is None and any(f.code == "sum-left-open" for f in findings)
