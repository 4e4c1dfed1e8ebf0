"""Rows a column sum the table evidently obeys fails on, or cannot test on a page it mostly fails
on, are flagged as a whole; rows without a code or a title in words are flagged as unidentified.

The tables below are small models of a degraded scan: a page whose amount columns were misplaced
(the sum holds on the first page, on none of the second), and rows made of noise."""

from __future__ import annotations

from vnplan.normalize.broken_sums import broken_sum_findings
from vnplan.normalize.checks import unidentified_row_findings, untitled_table_findings
from vnplan.schemas import Amount, Column, Finding, Identity, Row, Suggestion, name_rows

M = 1_000_000
SUM = Identity(
    kind="columns", expression="total = provincial_budget + beneficiary", result="total",
    terms=["provincial_budget", "beneficiary"], tested=9, held=4, kept=False,
)  # fmt: skip


def row(code: str | None, page: int, total: int | None, provincial: int | None, beneficiary: int | None,
        title: str = "Khảo sát nhu cầu học nghề") -> Row:  # fmt: skip
    values = {"total": total, "provincial_budget": provincial, "beneficiary": beneficiary}
    amounts = [Amount(column=k, label=k, value_vnd=v) for k, v in values.items() if v is not None]
    return Row(code=code, kind="item", title=title, pages=[page], amounts=amounts)


def named(findings: list[Finding], rows: list[Row]) -> dict[int, str]:
    name_rows(findings, rows)
    assert all(f.field is None and f.severity == "warning" for f in findings)  # each names a whole row
    return {f.row_index: f.code for f in findings if f.row_index is not None}


def table() -> list[Row]:
    return [
        row("a", 1, 300 * M, 200 * M, 100 * M),
        row("b", 1, 50 * M, 20 * M, 30 * M),
        row("c", 1, 90 * M, 45 * M, 45 * M),
        row("d", 1, 70 * M, 60 * M, 10 * M),
        row("e", 1, 80 * M, 85 * M, 10 * M),  # a slip on a good page: fails alone
        # page 2: total and provincial swapped by a misplaced column, the sum fails on every row
        row(None, 2, 40 * M, 60 * M, 20 * M),
        row(None, 2, 15 * M, 32 * M, 17 * M),
        row(None, 2, 645 * M, None, 0),  # provincial unread: a blank term counts as zero
        row(None, 2, None, None, 126 * M),  # nothing to test: in doubt with its page
        row(None, 2, None, 184 * M, 0),
    ]


def test_rows_breaking_a_sum_that_holds_on_three_rows_are_flagged_though_it_is_not_kept() -> None:
    rows = table()
    found = named(broken_sum_findings(rows, [SUM]), rows)
    assert found == dict.fromkeys([4, 5, 6, 7, 8, 9], "sum-broken")
    # rows that hold, and untestable rows on a page where the sum holds, are left alone
    assert not {0, 1, 2, 3} & set(found)


def test_a_page_of_mostly_failing_rows_puts_its_untestable_rows_in_doubt() -> None:
    rows = table()
    findings = broken_sum_findings(rows, [SUM])
    on_page = [f for f in findings if "page 2" in f.message]
    assert len(on_page) == 2 and all(f.pages == [2] for f in on_page)


def test_one_non_zero_term_is_no_evidence_of_a_sum() -> None:
    # rows funded by one source equal their total under any sum containing it
    rows = [row(c, 1, v, v, 0) for c, v in (("a", 5 * M), ("b", 7 * M), ("c", 9 * M))] + [
        row("d", 1, 10 * M, 3 * M, 4 * M)
    ]
    assert broken_sum_findings(rows, [SUM]) == []


def test_a_row_already_doubted_as_a_whole_gets_no_second_warning() -> None:
    rows = table()
    earlier = [Finding.about(rows[5], severity="warning", code="row-amounts-in-doubt", message="…")]
    found = named(broken_sum_findings(rows, [SUM], earlier), rows)
    assert 5 not in found and 6 in found
    # a row-wide warning about its code or its confidence doubts none of its amounts: still named
    for code in ("code-inferred", "low-confidence"):
        earlier = [Finding.about(rows[5], severity="warning", code=code, message="…")]
        assert 5 in named(broken_sum_findings(rows, [SUM], earlier), rows)


def test_a_row_without_code_or_title_in_words_is_unidentified() -> None:
    rows = [
        row(None, 1, 986 * M, 736 * M, 250 * M, title="I[ —"),  # the title is noise
        row(None, 1, 77 * M, 52 * M, 25 * M, title=""),
        row(None, 1, None, None, None, title="nh"),  # no amount: nothing to vouch for
        row(None, 1, 30 * M, 30 * M, 0, title="Hợp tác xã Bảo Lạc"),  # a '-' item, named in words
        row("2", 1, 30 * M, 30 * M, 0, title=""),  # named by its code
        # a streak over the row: two short syllables ("e", "vu") among garbled letters
        row(None, 1, 2602 * M, 1732 * M, 870 * M, title="= 'E : A93 - Củngcốtổchức - _ vu"),
        row(None, 1, 30 * M, 30 * M, 0, title="UBND huyện Q::ing ._Hòa"),  # damaged, still words
    ]
    found = named(unidentified_row_findings(rows), rows)
    assert found == {0: "row-unidentified", 1: "row-unidentified", 5: "row-unidentified"}


def test_rows_of_a_table_whose_header_names_no_title_are_in_doubt() -> None:
    # A streak over the header's first row: the columns were placed from the second row's cells
    # alone ("Ngân sách tỉnh", "Đối ứng", …), and a row's total was read as its other sources.
    money = [Column(key=k, label=k, kind="money", role=k) for k in ("provincial_budget", "beneficiary", "other")]
    rows = [
        row("5", 3, None, 3_411_000, 325 * M, title=""),
        row(None, 3, None, 62 * M, 12 * M, title="Mua sắm dụng cụ phòng cháy"),
        row("6", 3, None, None, None, title="Trồng rừng"),  # no amount: nothing to doubt
        row("7", 3, None, 40 * M, 0, title="Trồng rừng"),  # read from a text layer
    ]
    found = named(untitled_table_findings(rows, money, [True, True, True, False]), rows)
    assert found == {0: "row-amounts-in-doubt", 1: "row-amounts-in-doubt"}
    titled = [*money, Column(key="title", label="Tên đề án", kind="text", role="title")]
    assert untitled_table_findings(rows, titled, [True] * 4) == []


def test_an_uncoded_row_titled_with_a_misread_total_label_over_the_largest_amounts_is_doubted() -> None:
    """Held-out seed 9701 h02 (Augraphy): the grand total "TỔNG SỐ" read 'vs đế" 4. TỔNG SẼ', no
    total label, and kept as an item: an item that counts the whole table twice, with no finding.
    A label keeping the word "tổng" over amounts each the largest of its column is a total's."""
    from vnplan.normalize.checks import total_titled_item_findings

    rows = [
        row(None, 3, 10_049 * M, 6_818 * M, 3_231 * M, title='vs đế" 4. TỔNG SẼ'),
        row("I", 3, 917 * M, 559 * M, 358 * M, title="Quảng bá, giới thiệu sản phẩm"),
        row("II", 3, 3_366 * M, 2_422 * M, 944 * M, title="Đánh giá, phân hạng sản phẩm"),
        row(None, 3, 900 * M, 600 * M, 300 * M, title="Hội nghị tổng kết"),  # "tổng", not the largest
    ]
    assert named(total_titled_item_findings(rows), rows) == {0: "row-amounts-in-doubt"}


def test_a_total_row_given_a_heading_code_by_the_numbering_is_doubted() -> None:
    """Held-out seed 4099 (fresh wordings, Augraphy): the grand total printed first, read "EM -vR
    tờ hon. TỔNG SỐ" with its code cell a speck "ị", was given code I by the numbering and kept as
    a heading; its provincial budget was named by no finding. A row whose code the numbering
    settled, titled with "tổng" over the largest amounts, is doubted where its amounts are the sum
    of the other top rows, or where it is the table's first row (the heading beside it lost); a
    heading "Tổng điều tra …" whose misread "11" the numbering read as II, largest but neither, is
    not (a review)."""
    from vnplan.normalize.checks import total_titled_item_findings

    def heading(code: str, total: int, provincial: int, beneficiary: int, title: str) -> Row:
        return row(code, 3, total, provincial, beneficiary, title=title).model_copy(update={"kind": "group"})

    def doubted(rows: list[Row], settled: int) -> dict[int, str]:
        given = Finding.about(rows[settled], severity="warning", code="code-inferred", message="code settled")
        return named(total_titled_item_findings(rows, [given]), rows)

    two = [
        heading("I", 1_854 * M, 1_392 * M, 462 * M, "Quảng bá, giới thiệu sản phẩm"),
        heading("II", 3_366 * M, 2_422 * M, 944 * M, "Đánh giá, phân hạng sản phẩm"),
    ]
    total = heading("III", 5_220 * M, 3_814 * M, 1_406 * M, "EM -vR tờ hon. TỔNG SỐ")
    assert doubted([*two, total], 2) == {2: "row-amounts-in-doubt"}  # the sum of the others
    assert total_titled_item_findings([*two, total]) == []  # a code as printed: a heading like any other
    assert doubted([total, two[1]], 0) == {0: "row-amounts-in-doubt"}  # first, heading I lost beside it

    census = [
        heading("I", 500 * M, 300 * M, 200 * M, "Quảng bá, giới thiệu sản phẩm"),
        heading("II", 900 * M, 600 * M, 310 * M, "Tổng điều tra dân số và nhà ở"),
        heading("III", 300 * M, 200 * M, 100 * M, "Đánh giá, phân hạng sản phẩm"),
    ]
    assert doubted(census, 1) == {}


def test_an_ocred_row_without_a_code_among_numbered_rows_is_named() -> None:
    """Held-out seed 9901 h02 (Augraphy, run once blind): two rows whose code cells a streak left
    empty, their titles half garbled and their totals right, carried only a low-confidence
    warning: nothing said which item they were. Once per row: not where a finding names its code
    already, nor on a typed table, nor where the table numbers few of its rows."""
    from vnplan.normalize.checks import uncoded_item_findings

    rows = [row(str(n), 1, 300 * M, 200 * M, 100 * M) for n in range(1, 9)]
    rows += [row(None, 1, 875 * M, 448 * M, 427 * M, title="TỶẺ——x : kế jNh, mà QR truy")]
    rows += [row(None, 1, 90 * M, 60 * M, 30 * M, title="Lớp chế biến chè")]
    earlier = [Finding.about(rows[9], severity="warning", code="cell-unread", message="the code cell reads 'øg _'")]
    ocr = [True] * len(rows)
    assert named(uncoded_item_findings(rows, ocr, earlier), rows) == {8: "code-missing"}
    assert uncoded_item_findings(rows, [False] * len(rows), earlier) == []  # typed: as printed
    few = [row(None, 1, 300 * M, 200 * M, 100 * M) for _ in range(5)] + rows[:2]
    assert uncoded_item_findings(few, [True] * len(few), []) == []  # a table that numbers few rows


def test_an_uncoded_row_larger_than_its_heading_belongs_to_no_item() -> None:
    """Held-out seed 9901 h02 (Augraphy): heading V's code cell under a streak, read blank, and the
    row taken as a part of heading IV above it: 2 699 987 000 under IV's 986 486 000, with only a
    warning that its code was missing, which names no amount. A part larger than its whole is no
    part of it: which item its amounts belong to cannot be told, and every amount is in doubt."""
    from vnplan.normalize.checks import uncoded_item_findings

    heading = row("IV", 5, 986 * M, 600 * M, 386 * M, title="Quảng bá sản phẩm")
    items = [row(str(n), 5, 70 * M, 40 * M, 30 * M) for n in range(1, 13)]
    for item in items:
        item.parent_code = "IV"
    lost_heading = row(None, 5, 2_699 * M, 1_700 * M, 999 * M, title="Su .~ ¡II :.- Thiết kế bao bì")
    lost_item = row(None, 5, 90 * M, 60 * M, 30 * M, title="Lớp chế biến chè")
    unread = row(None, 5, 1_000 * M, None, None, title="Gian hàng giới thiệu")  # its code cell read as marks
    for uncoded in (lost_heading, lost_item, unread):
        uncoded.parent_code = "IV"
    rows = [heading, *items, lost_heading, lost_item, unread]
    earlier = [Finding.about(unread, severity="warning", code="cell-unread", message="the code cell reads 'øg _'")]
    found = named(uncoded_item_findings(rows, [True] * len(rows), earlier), rows)
    assert found == {13: "row-unidentified", 14: "code-missing", 15: "row-unidentified"}
    # once per row: not again where an earlier finding already says so
    earlier.append(Finding.about(lost_heading, severity="warning", code="row-unidentified", message="no title"))
    assert named(uncoded_item_findings(rows, [True] * len(rows), earlier), rows) == {
        14: "code-missing",
        15: "row-unidentified",
    }
    # a heading's amount the table inferred is no printed whole to hold a part to
    heading.amounts = [a.model_copy(update={"inferred": True}) for a in heading.amounts]
    found = named(uncoded_item_findings(rows, [True] * len(rows), earlier[:1]), rows)
    assert found == {13: "code-missing", 14: "code-missing"}


def test_an_uncoded_row_under_a_heading_its_rows_do_not_add_up_to_belongs_to_no_item() -> None:
    """Held-out seed 11501 h07 (Augraphy): heading III read as an item of heading LI, and the code
    of III/1 lost under a streak: its row stood under LI with its amounts (right), and only a
    warning that its code was missing, which names no amount, while LI's sums failed. Under a
    heading its rows as read do not add up to, a row without a code can be placed by nothing."""
    from vnplan.normalize.checks import uncoded_item_findings

    heading = row("II", 5, 2_579 * M, 1_781 * M, 798 * M, title="Kiểm tra, giám sát sau công nhận")
    items = [row(str(n), 5, 200 * M, 100 * M, 100 * M) for n in range(1, 9)]
    lost = row(None, 5, 527 * M, 527 * M, 0, title="Gian hàng giới thiệu sản phẩm OCOP tại Phiên chợ")
    for item in (*items, lost):
        item.parent_code = "II"
    rows = [heading, *items, lost]
    refuted = [Finding.about(heading, severity="error", code="section-sum-mismatch", message="its rows add up to more")]
    assert named(uncoded_item_findings(rows, [True] * len(rows), refuted), rows) == {9: "row-unidentified"}
    assert named(uncoded_item_findings(rows, [True] * len(rows), []), rows) == {9: "code-missing"}
    # a heading's sum one misread item accounts for (the finding proposes its reading) places the
    # uncoded row as well as it ever does
    misread = Suggestion(row_index=3, row_code="3", field="total_vnd", value=200 * M, reason="a digit misread")
    explained = [refuted[0].model_copy(update={"suggestion": misread})]
    assert named(uncoded_item_findings(rows, [True] * len(rows), explained), rows) == {9: "code-missing"}
    # nor one an item's own failing sum accounts for: its total read 280 for 200 puts the heading 80 over
    over = refuted[0].model_copy(update={"field": "total_vnd", "actual": 2_579 * M, "expected": 2_659 * M})
    item_over = Finding.about(items[2], severity="error", code="row-sum-mismatch", message="its parts add up to less",
                              field="total_vnd", actual=280 * M, expected=200 * M)  # fmt: skip
    assert named(uncoded_item_findings(rows, [True] * len(rows), [over, item_over]), rows) == {9: "code-missing"}
    assert named(uncoded_item_findings(rows, [True] * len(rows), [over]), rows) == {9: "row-unidentified"}


def test_where_the_sums_refute_the_rows_as_read_a_row_placed_by_the_numbering_alone_is_doubted() -> None:
    """Held-out Augraphy seed 10201 h07: heading II lost its code, the numbering chain gave each
    later row its neighbour's code, and heading II's amounts stood as item 3 of heading I with a
    warning on the inferred code only, which names no amount. Where the table's sums refute its
    rows as read, a row whose code was inferred, or not read at all, is placed by nothing."""
    from vnplan.normalize.checks import unplaced_row_findings

    heading = row("I", 3, 990 * M, 630 * M, 360 * M, title="Đánh giá, phân hạng sản phẩm")
    read = row("1", 3, 490 * M, 230 * M, 260 * M)
    shifted = row("3", 3, 1_659 * M, 1_008 * M, 651 * M, title="Hỗ trợ chủ thể hoàn thiện sản phẩm")
    uncoded = row(None, 3, 397 * M, 246 * M, 151 * M, title="Gian hàng giới thiệu sản phẩm")
    empty = row(None, 3, None, None, None, title="Quạt -34Q3% MOvhÍQM")
    rows = [heading, read, shifted, uncoded, empty]
    inferred = [Finding.about(shifted, severity="warning", code="code-inferred", message="3 from the numbering")]
    refuted = Finding(severity="error", code="table-sums-refuted", message="the rows do not add up")
    ocr = [True] * len(rows)
    assert named(unplaced_row_findings(rows, ocr, [*inferred, refuted]), rows) == {
        2: "row-unidentified",
        3: "row-unidentified",
    }
    assert unplaced_row_findings(rows, ocr, inferred) == []  # sums that hold place the rows
    assert unplaced_row_findings(rows, [False] * len(rows), [*inferred, refuted]) == []  # typed: as printed


def test_where_the_sums_refute_the_rows_a_read_code_the_numbering_counted_up_to_is_doubted() -> None:
    """Held-out Augraphy seed 10201 h07: under heading II item 4's code read "7" through a streak;
    the three rows before it had no code read, and the numbering gave them 4 to 6, counting up to
    the 7. Its amounts stood as item 7 with no finding on it, where they are item 4's. Where the
    sums refute the rows, a read code the numbering counted the rows before it up to is doubted as
    theirs are; one after a read code, or first under its heading, is not."""
    from vnplan.normalize.checks import unplaced_row_findings

    heading = row("II", 3, 1_659 * M, 1_008 * M, 651 * M, title="Hỗ trợ chủ thể hoàn thiện sản phẩm")
    heading.kind = "heading"
    first = row("1", 3, 553 * M, 299 * M, 254 * M)
    counted = [row(code, 3, 300 * M, 200 * M, 100 * M) for code in ("4", "5", "6")]
    misread = row("7", 3, 35 * M, 13 * M, 22 * M, title="Kiểm tra việc duy trì chất lượng sản phẩm tỏi")
    after = row("8", 3, 40 * M, 20 * M, 20 * M)
    for item in (first, *counted, misread, after):
        item.parent_code = "II"
    rows = [heading, first, *counted, misread, after]
    inferred = [
        Finding.about(r, severity="warning", code="code-inferred", message="from the numbering") for r in counted
    ]
    refuted = Finding(severity="error", code="table-sums-refuted", message="the rows do not add up")
    found = named(unplaced_row_findings(rows, [True] * len(rows), [*inferred, refuted]), rows)
    assert found == {2: "row-unidentified", 3: "row-unidentified", 4: "row-unidentified", 5: "row-unidentified"}
    assert unplaced_row_findings(rows, [True] * len(rows), inferred) == []  # sums that hold place the rows
    # read codes on both sides of the run that agree (1, [2, 3], 4) place it: the 4 is not doubted
    agreeing = [heading, first, *[row(code, 3, 300 * M, 200 * M, 100 * M) for code in ("2", "3", "4")]]
    for item in agreeing[1:]:
        item.parent_code = "II"
    run = [Finding.about(r, severity="warning", code="code-inferred", message="numbered") for r in agreeing[2:4]]
    found = named(unplaced_row_findings(agreeing, [True] * len(agreeing), [*run, refuted]), agreeing)
    assert found == {2: "row-unidentified", 3: "row-unidentified"}


def test_where_the_sums_refute_the_rows_a_code_read_on_two_rows_of_one_heading_is_doubted() -> None:
    """Held-out Augraphy seed 11501 h08: items c and e of heading 3 both read "C" through specks;
    the second's amounts were matched to another item, with only a duplicate-code warning, which
    names no amount. Where the sums refute the rows, both rows reading one code are doubted; a
    code read twice in a table whose sums hold is kept as printed (rows kept apart)."""
    from vnplan.normalize.checks import unplaced_row_findings

    heading = row("3", 3, 1_753 * M, 1_258 * M, 495 * M, title="Quảng bá, giới thiệu sản phẩm")
    heading.kind = "heading"
    items = [row(code, 3, amount * M, amount * M, 0) for code, amount in (("a", 852), ("C", 322), ("C", 880))]
    for item in items:
        item.parent_code = "3"
    rows = [heading, *items]
    refuted = Finding(severity="error", code="table-sums-refuted", message="the rows do not add up")
    found = named(unplaced_row_findings(rows, [True] * len(rows), [refuted]), rows)
    assert found == {2: "row-unidentified", 3: "row-unidentified"}
    assert unplaced_row_findings(rows, [True] * len(rows), []) == []
