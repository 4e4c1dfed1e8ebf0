"""Reconciliation invariants (hypothesis): parts that add up raise nothing; a gap is filled only
where the identities determine it; a wrong sum is always reported."""

from hypothesis import given, settings
from hypothesis import strategies as st

from vnplan.normalize.reconcile import (
    Tree,
    check_grand_total,
    check_rows,
    check_subtotals,
    digit_slip_hint,
    infer_missing,
    one_digit_apart,
    printed_totals,
)
from vnplan.schemas import AMOUNT_FIELDS, Row, Totals, name_rows

amount = st.integers(min_value=0, max_value=10**10).map(lambda v: v * 1000)
item_parts = st.tuples(amount, amount, amount)


def build(sections: list[list[tuple[int, int, int]]]) -> tuple[list[Row], Tree, Totals]:
    rows: list[Row] = []
    parents: list[int | None] = []
    for s, items in enumerate(sections, start=1):
        section_index = len(rows)
        sums = [sum(parts[i] for parts in items) for i in range(3)]
        rows.append(Row(code=str(s), kind="section", title=f"Mục {s}", total_vnd=sum(sums),
                        provincial_budget_vnd=sums[0], beneficiary_vnd=sums[1], other_vnd=sums[2]))  # fmt: skip
        parents.append(None)
        for i, (p, b, o) in enumerate(items, start=1):
            rows.append(Row(code=f"{s}.{i}", kind="item", parent_code=str(s), title="Nội dung", total_vnd=p + b + o,
                            provincial_budget_vnd=p, beneficiary_vnd=b, other_vnd=o))  # fmt: skip
            parents.append(section_index)
    totals = Totals(**{c: sum(getattr(r, c) for r in rows if r.kind == "section") for c in AMOUNT_FIELDS})
    return rows, Tree.from_parents(parents), totals


plans = st.lists(st.lists(item_parts, min_size=1, max_size=4), min_size=1, max_size=4)


@given(plans)
def test_consistent_plans_raise_no_finding(sections: list[list[tuple[int, int, int]]]) -> None:
    rows, tree, totals = build(sections)
    findings = check_rows(rows, AMOUNT_FIELDS) + check_subtotals(rows, tree, AMOUNT_FIELDS)
    findings += check_grand_total(rows, tree, printed_totals(totals), AMOUNT_FIELDS)
    assert findings == []


@settings(max_examples=60)
@given(plans, st.data())
def test_one_erased_item_amount_is_recovered_exactly(
    sections: list[list[tuple[int, int, int]]], data: st.DataObject
) -> None:
    rows, tree, _ = build(sections)
    items = [r for r in rows if r.kind == "item"]
    victim = data.draw(st.sampled_from(items))
    column = data.draw(st.sampled_from(AMOUNT_FIELDS))
    truth = getattr(victim, column)
    setattr(victim, column, None)
    infer_missing(rows, tree, AMOUNT_FIELDS)
    assert getattr(victim, column) == truth
    assert column in victim.inferred


@given(plans, st.integers(min_value=1, max_value=9))
def test_a_wrong_item_amount_is_always_reported(sections: list[list[tuple[int, int, int]]], bump: int) -> None:
    rows, tree, _ = build(sections)
    item = next(r for r in rows if r.kind == "item")
    item.total_vnd = (item.total_vnd or 0) + bump * 1000
    findings = check_rows(rows, AMOUNT_FIELDS) + check_subtotals(rows, tree, AMOUNT_FIELDS)
    assert {f.code for f in findings} >= {"row-sum-mismatch", "section-sum-mismatch"}


def test_an_empty_row_is_not_funded_with_zero() -> None:
    rows, tree, _ = build([[(160, 0, 0), (12, 0, 0)]])
    rows.append(Row(code="1.3", kind="item", parent_code="1", title="Chưa có kinh phí"))
    tree = Tree.from_parents([None, 0, 0, 0])
    infer_missing(rows, tree, AMOUNT_FIELDS)
    assert rows[-1].total_vnd is None and rows[-1].inferred == []


def test_an_unread_cell_showing_no_digit_is_not_filled_with_the_row_s_gap() -> None:
    """A total misread by one digit (551.500.000 read 951.500.000, Augraphy specks, seed 8311)
    beside an unread cell whose text holds no digit ("- ' |": a dash under specks). Filling the
    cell with total minus parts (400.000.000) closed the row over the misread total, and no
    finding named it; now nothing is filled and the warning names the total."""
    rows = [Row(code="1", kind="item", title="Biên soạn tài liệu", total_vnd=951_500_000,
                provincial_budget_vnd=224_230_000, beneficiary_vnd=327_270_000)]  # fmt: skip
    (finding,) = infer_missing(rows, Tree({}), AMOUNT_FIELDS, unread={(0, "other_vnd"): "- ' |"})
    assert rows[0].other_vnd is None and rows[0].inferred == []
    assert (finding.code, finding.row_code, finding.field) == ("sum-left-open", "1", None)  # every amount in doubt
    assert finding.severity == "warning" and "400.000.000" in finding.message
    # a cell whose digits OCR garbled without a figure to read may hold the gap: it fills it
    assert [f.code for f in infer_missing(rows, Tree({}), AMOUNT_FIELDS, unread={(0, "other_vnd"): "4O„0-}®"})] == [
        "amount-inferred"
    ]
    assert rows[0].other_vnd == 400_000_000


def test_an_unread_cell_showing_another_figure_is_not_filled_with_the_row_s_gap() -> None:
    """The beneficiary read "1.000" for 133.611.000 (Augraphy specks, seed 9402) beside an unread
    provincial cell that still shows "15.786.000" among the specks: total minus parts gave
    249.396.000, closing the row over the misread amount. The figure the cell shows refutes that;
    nothing is inferred and the row is named. A cell showing the gap (one digit apart, in another
    unit) is filled as before."""

    def row() -> Row:
        return Row(code="2.1", kind="item", title="Đưa sản phẩm lên sàn", total_vnd=249_397_000,
                   beneficiary_vnd=1_000)  # fmt: skip

    refuted = [row()]
    (finding,) = infer_missing(refuted, Tree({}), ["total_vnd", "provincial_budget_vnd", "beneficiary_vnd"],
                               unread={(0, "provincial_budget_vnd"): "š 15.786.000 : ‹ :"})  # fmt: skip
    assert refuted[0].provincial_budget_vnd is None
    assert (finding.code, finding.row_code, finding.field) == ("sum-left-open", "2.1", None)
    assert "shows 15.786.000" in finding.message
    consistent = [row()]
    columns = ["total_vnd", "provincial_budget_vnd", "beneficiary_vnd"]
    findings = infer_missing(consistent, Tree({}), columns, unread={(0, "provincial_budget_vnd"): "| 249.396 ;"})
    assert [f.code for f in findings] == ["amount-inferred"] and consistent[0].provincial_budget_vnd == 249_396_000


def test_an_unread_item_showing_no_digit_leaves_its_group_s_sum_open() -> None:
    rows, tree, _ = build([[(160, 0, 0), (12, 0, 0)]])
    """Neither the item's own total nor its group's subtotal fills a cell that shows no digit: each
    sum left open is named, once, however many passes the inference makes."""
    rows, tree, _ = build([[(160, 0, 0), (12, 0, 0)]])
    rows[2].provincial_budget_vnd = None
    findings = infer_missing(rows, tree, AMOUNT_FIELDS, unread={(2, "provincial_budget_vnd"): "— ."})
    assert rows[2].provincial_budget_vnd is None
    assert {(f.code, f.row_code, f.field) for f in findings} == {
        ("sum-left-open", "1.2", None),
        ("sum-left-open", "1", "provincial_budget_vnd"),
    }
    assert len(findings) == 2


def test_one_digit_slip_is_named() -> None:
    assert one_digit_apart(1_850_000_000, 1_350_000_000)
    assert "1.350.000.000" in digit_slip_hint(1_850_000_000, 1_350_000_000, [600_000_000, 750_000_000])
    assert digit_slip_hint(2_000, 1_000_000, [1]) == ""


def test_a_lost_decimal_comma_is_suggested_not_applied() -> None:
    # 22,1 triệu read as "221": the row's parts add up to 419,6 instead of its total 220,7
    hint = digit_slip_hint(220_700_000, 419_600_000, [100_000_000, 98_600_000, 221_000_000])
    assert "lost decimal comma" in hint and "reading 22.100.000 for 221.000.000" in hint
    # the total itself read without its comma ("2207" for 220,7)
    assert "reading 220.700.000 for 2.207.000.000" in digit_slip_hint(2_207_000_000, 220_700_000, [1, 2])
    # two parts that could each explain it: no suggestion
    assert digit_slip_hint(220_000_000, 418_000_000, [220_000_000, 220_000_000]) == ""


def test_a_finding_names_a_row_without_a_code_by_its_position() -> None:
    """A garbled heading read with no code can only be named by position: the row's sum finding
    carries ``row_index`` once the table's rows are final (the strict rule counts only findings
    that name the row)."""
    rows, _, _ = build([[(160, 0, 0), (12, 0, 0)]])
    rows[1].code = None
    rows[1].total_vnd = 170  # its parts add up to 160
    findings = check_rows(rows, AMOUNT_FIELDS)
    name_rows(findings, rows)
    assert [(f.code, f.row_code, f.row_index, f.field) for f in findings] == [
        ("row-sum-mismatch", None, 1, "total_vnd"),
        ("row-amounts-in-doubt", None, 1, None),  # any cell of the row may be the misread one
    ]


def test_a_blank_part_the_sum_would_fill_with_one_digit_s_worth_is_left_open_where_a_slip_explains_it() -> None:
    """Held-out Augraphy seed 10901 h01: the provincial part read 134.866.000 for 194.866.000 and
    the "other" cell, a dash, lost under specks; total minus the parts filled it with 60.000.000,
    and the misread part stood with nothing naming it. A difference of one digit's worth is what a
    one-digit slip of an OCRed amount leaves: both explain the row, nothing is filled, and the
    warning names the row with each reading that would close it. Typed amounts cannot slip."""
    from vnplan.normalize.reconcile import CellTrust

    def row() -> Row:
        return Row(code="3.6", kind="item", title="Kiểm tra chất lượng sản phẩm", total_vnd=472_624_000,
                   provincial_budget_vnd=134_866_000, beneficiary_vnd=277_758_000)  # fmt: skip

    ocred = [row()]
    read = CellTrust(agreed=True, confidence=0.9, second_value=None, in_doubt=False)
    trust = {(0, field): read for field in ("total_vnd", "provincial_budget_vnd", "beneficiary_vnd")}
    (finding,) = infer_missing(ocred, Tree({}), AMOUNT_FIELDS, trust=trust)
    assert ocred[0].other_vnd is None and ocred[0].inferred == []
    assert (finding.code, finding.row_code, finding.field) == ("sum-left-open", "3.6", None)
    assert "provincial_budget_vnd read 134.866.000 for 194.866.000" in finding.message
    typed = [row()]
    assert [f.code for f in infer_missing(typed, Tree({}), AMOUNT_FIELDS)] == ["amount-inferred"]
    assert typed[0].other_vnd == 60_000_000
    # a difference of more than one digit's worth is no slip: filled as before, the amounts the
    # fill used up named as unchecked (``test_amounts_an_inference_used_up_the_sum_of_are_named``)
    uneven = [row().model_copy(update={"total_vnd": 472_724_000})]
    codes = [f.code for f in infer_missing(uneven, Tree({}), AMOUNT_FIELDS, trust=trust)]
    assert codes == ["amount-inferred"] + ["amount-unchecked"] * 3


def test_amounts_an_inference_used_up_the_sum_of_are_named() -> None:
    """Held-out Augraphy seed 11301 h07: a total cell unread, its row's beneficiary read
    159.805.000 for 159.803.000 by both readers. The total, filled as the sum of the parts, holds by
    construction: nothing checked the parts, and their heading's amounts were lost, so no column
    sum did either. Each OCRed part is named, row and field. A part its heading's column sum holds
    through is not (a sum of zeros vouches for nothing), nor is any where the parts already equal
    the printed total (the rest is 0: that sum was checked)."""
    from vnplan.normalize.reconcile import CellTrust

    read = CellTrust(agreed=True, confidence=0.9, second_value=None, in_doubt=False)

    def table(heading: tuple[int | None, int | None, int | None, int | None]) -> tuple[list[Row], Tree]:
        total, provincial, beneficiary, other = heading
        rows = [
            Row(code="I", kind="section", title="Tuyên truyền", total_vnd=total, provincial_budget_vnd=provincial,
                beneficiary_vnd=beneficiary, other_vnd=other),
            Row(code="1", kind="item", title="Kiểm tra", parent_code="I", total_vnd=634_611_000,
                provincial_budget_vnd=240_260_000, beneficiary_vnd=394_351_000, other_vnd=0),
            Row(code="2", kind="item", title="Lớp trồng nấm", parent_code="I",
                provincial_budget_vnd=273_646_000, beneficiary_vnd=159_805_000, other_vnd=0),
        ]  # fmt: skip
        return rows, Tree({0: [1, 2]})

    def trust_of(rows: list[Row]) -> dict[tuple[int, str], CellTrust]:
        return {(i, f): read for i, row in enumerate(rows) if i for f in AMOUNT_FIELDS if getattr(row, f) is not None}

    def unchecked(
        heading: tuple[int | None, int | None, int | None, int | None],
    ) -> list[tuple[str | None, str | None]]:
        rows, tree = table(heading)
        findings = infer_missing(rows, tree, AMOUNT_FIELDS, trust=trust_of(rows))
        assert rows[2].total_vnd == 433_451_000
        return sorted((f.row_code, f.field) for f in findings if f.code == "amount-unchecked")

    assert unchecked((None, None, None, None)) == [
        ("2", "beneficiary_vnd"), ("2", "other_vnd"), ("2", "provincial_budget_vnd")
    ]  # fmt: skip
    # the heading prints its beneficiary sum, which holds through row 2's: that one is checked
    assert unchecked((None, None, 554_156_000, 0)) == [("2", "other_vnd"), ("2", "provincial_budget_vnd")]
    # a printed heading total holds through the filled total: the parts it was made of are checked
    assert unchecked((1_068_062_000, None, None, None)) == []
    # a part left blank where the printed parts already equal the printed total: that sum was checked
    zero = [Row(code="1", kind="item", title="Kiểm tra", total_vnd=300_000, provincial_budget_vnd=300_000,
                beneficiary_vnd=None, other_vnd=None)]  # fmt: skip
    both_read = {(0, "total_vnd"): read, (0, "provincial_budget_vnd"): read}
    codes = [f.code for f in infer_missing(zero, Tree({}), AMOUNT_FIELDS, trust=both_read)]
    assert codes == ["amount-inferred", "amount-inferred"]  # beneficiary and other, 0


def test_a_grand_total_holding_through_filled_headings_checks_the_parts_they_were_made_of() -> None:
    """A heading that prints nothing is the sum of its items, and a top row not funded yet prints
    nothing at all: the printed grand total still checks what the fills were made of. A heading
    row's sum made of filled cells only holds by construction and checks nothing."""
    from vnplan.normalize.reconcile import CellTrust

    read = CellTrust(agreed=True, confidence=0.9, second_value=None, in_doubt=False)
    rows = [
        Row(code="I", kind="section", title="Đào tạo"),
        Row(code="1", kind="item", title="Lớp may", parent_code="I", provincial_budget_vnd=200_000,
            beneficiary_vnd=100_000, other_vnd=0),
        Row(code="2", kind="item", title="Lớp hàn", parent_code="I", total_vnd=50_000,
            provincial_budget_vnd=50_000, beneficiary_vnd=0, other_vnd=0),
        Row(code="II", kind="section", title="Hội chợ (chưa phân bổ)"),
    ]  # fmt: skip
    trust = {(i, f): read for i, row in enumerate(rows) for f in AMOUNT_FIELDS if getattr(row, f) is not None}
    grand = {"total_vnd": 350_000, "provincial_budget_vnd": 250_000, "beneficiary_vnd": 100_000, "other_vnd": 0}
    tree = Tree({0: [1, 2]})
    findings = infer_missing(rows, tree, AMOUNT_FIELDS, trust=trust, grand=grand)
    assert rows[1].total_vnd == 300_000 and rows[0].total_vnd == 350_000
    assert "amount-unchecked" not in [f.code for f in findings]
    # without the grand total, nothing but the fills' own sums: row 1's parts are unchecked
    rows = [row.model_copy(update={"inferred": []}) for row in rows]
    rows[0] = Row(code="I", kind="section", title="Đào tạo")
    rows[1] = rows[1].model_copy(update={"total_vnd": None})
    named = {
        (f.row_code, f.field)
        for f in infer_missing(rows, tree, AMOUNT_FIELDS, trust=trust)
        if f.code == "amount-unchecked"
    }
    assert ("1", "provincial_budget_vnd") in named and ("1", "beneficiary_vnd") in named


def test_each_row_left_open_is_named_not_only_the_first_of_a_table() -> None:
    """Rows are named by position only once the table is final: a check that a row's sum was
    reported once compared positions not yet set, so the first row left open in a table hid
    every later one, their misread amounts then standing with nothing naming them."""
    rows = [
        Row(code=str(n), kind="item", title="Biên soạn tài liệu", total_vnd=951_500_000,
            provincial_budget_vnd=224_230_000, beneficiary_vnd=327_270_000)
        for n in (1, 2)
    ]  # fmt: skip
    unread = {(0, "other_vnd"): "- ' |", (1, "other_vnd"): "— ."}
    found = infer_missing(rows, Tree({}), AMOUNT_FIELDS, unread=unread)
    name_rows(found, rows)
    assert [(f.code, f.row_index) for f in found] == [("sum-left-open", 0), ("sum-left-open", 1)]
