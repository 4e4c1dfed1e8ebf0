"""The normalize recipe: pages -> one budget table -> rows -> a validated PlanDocument."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import Decimal

from vnplan.extract.model import Line, SourceDocument
from vnplan.normalize import DEFAULT_MIN_CONFIDENCE
from vnplan.normalize.amounts import (
    amounts_of,
    carry_other_sources,
    fill_v1_fields,
    layout_columns,
    model_columns,
    printed_total,
    set_row_values,
    unknown_role_findings,
    v1_money,
)
from vnplan.normalize.broken_sums import broken_sum_findings
from vnplan.normalize.cells import (
    DraftRow,
    cell_confidences,
    cells_to_draft,
    header_agreement,
    is_bullet,
    join_continuation,
    numbers_in_cell,
    split_code,
)
from vnplan.normalize.checks import (
    extra_number_findings,
    guessed_column_findings,
    implausibly_small_findings,
    language_findings,
    low_confidence_findings,
    narrative_findings,
    rows_naming_no_item,
    table_shape_findings,
    total_titled_item_findings,
    uncoded_item_findings,
    unidentified_row_findings,
    unplaced_row_findings,
    unread_column_findings,
    unreadable_page_findings,
    untitled_table_findings,
)
from vnplan.normalize.code_runs import codes_by_the_numbering, inferred_code_findings
from vnplan.normalize.code_sequence import (
    fill_unread_codes,
    first_heading_misread,
    heading_between_headings,
    name_uncoded_headings,
    numerals_out_of_reach,
    repair_codes,
    repair_letter_case,
    repair_romans,
)
from vnplan.normalize.column_evidence import evidence_findings
from vnplan.normalize.column_model import ColumnSpec, TableModel, region_to_model
from vnplan.normalize.column_order import (
    OrderDecision,
    decide_order,
    disputed_columns,
    disputed_findings,
    doubt_findings,
    headers_disagree,
)
from vnplan.normalize.columns import AMOUNT_COLUMNS, Layout, consensus_layout, fragment_layout
from vnplan.normalize.fragments import Fragment, TableRegion, pages_to_region
from vnplan.normalize.grid_rows import fragments_to_grid_drafts
from vnplan.normalize.hierarchy import assign_hierarchy, code_style, parent_positions, paths
from vnplan.normalize.identities import reconcile_table
from vnplan.normalize.metadata import NarrativeFacts, narrative_to_facts
from vnplan.normalize.numbers import Style, Unit, convention_record, detect_style, stated_style, to_vnd
from vnplan.normalize.page_headers import headers_to_one_order
from vnplan.normalize.plain_tables import is_budget, region_to_plain_table, row_units
from vnplan.normalize.readings import AmountReadings, Arithmetic, judge_readings, readings_of, unread_looks
from vnplan.normalize.reconcile import TOTAL, Tree
from vnplan.normalize.row_sum_readings import RowSum, read_by_row_sums, read_shown_figures, row_sum_findings
from vnplan.normalize.rows import draft_to_row, row_confidence
from vnplan.normalize.ruled_rows import grid_keys, is_ruled, ruled_line_to_draft, same_grid, unread_cell_findings
from vnplan.normalize.text import fold
from vnplan.normalize.total_by_sums import (
    total_by_label_and_size,
    total_by_label_finding,
    total_by_sums,
    total_by_sums_finding,
)
from vnplan.normalize.units import (
    ASSUMED_UNIT,
    assumed_unit_doubts,
    check_unit_against_narrative,
    check_unit_of_total,
    column_unit_doubts,
    contradicted_unit_doubts,
    find_unit,
    scale_proven_by_total,
    scaled_unit_doubts,
    stated_quantity_unit,
    unit_by_scale,
)
from vnplan.normalize.workbooks import WORKBOOK_KINDS, workbook_to_document
from vnplan.schemas import CellBox, Column, Finding, PageRecord, PlanDocument, Row, Source, Status, Totals, name_rows
from vnplan.schemas.roles import ROLE_BY_NAME, SOURCE_ROLES

log = logging.getLogger(__name__)

# Share of cells that must fit their header's column before a fragment's own column order is used.
_TRUSTED_HEADER = 0.95


def source_to_document(source: SourceDocument, *, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> PlanDocument:
    """Normalize a read source; rows whose confidence falls below ``min_confidence`` are flagged."""
    if source.kind in WORKBOOK_KINDS:  # each sheet a table of its own
        return workbook_to_document(source, lambda sheets: table_to_document(sheets, min_confidence))
    return table_to_document(source, min_confidence)


def table_to_document(source: SourceDocument, min_confidence: float) -> PlanDocument:
    """The document whose table runs over all of ``source``'s pages."""
    region = pages_to_region(source.pages)
    # The figures, without the first cell of each row: a row code ("2.1") is no decimal number.
    cell_texts = [cell.text for fragment in region.fragments for line in fragment.rows for cell in line.cells[1:]]
    numbers = (
        stated_style("vi", "numeric cells printed by the reader from the file's typed values")
        if source.number_style == "vi"
        else detect_style(cell_texts)
    )
    style = numbers.style
    convention = convention_record(numbers, cell_texts)
    findings: list[Finding] = [Finding(severity="warning", code="reader-warning", message=w) for w in source.warnings]
    facts = narrative_to_facts([line.text for line in region.narrative])
    unit, unit_findings = find_unit(region)
    model = _model(region, unit, style, facts)
    # Pages whose headers print the columns in different orders (amounts, months or words): the
    # figures follow one order, decided from all pages' cells and sums, whichever reader reads them.
    own_header = [bool(f.header_rows) and not _is_ruled(f) for f in region.fragments]
    multiplier = unit.multiplier if unit is not ASSUMED_UNIT else None
    reordered = headers_to_one_order(region, own_header, facts, multiplier, style)
    if reordered is not None:
        region, model = reordered.region, _model(reordered.region, unit, style, facts)
        findings.append(reordered.finding)
    if model.fits_v1:
        findings += name_columns_by_evidence(region, model)
    layout = consensus_layout([fragment.keys for fragment in region.fragments])
    by_position = not model.fits_v1
    order: OrderDecision | None = None
    # a page read as another page of the table reads it is said of that page's columns too: the
    # columns keep the first page's specs, which may have no note
    borrowed = {
        (key, spec)
        for keys, specs in zip(model.fragment_keys, model.fragment_specs, strict=True)
        for key, spec in zip(keys, specs, strict=True)
        if spec.note and spec.over_the_words and (key, spec) not in model.columns
    }
    findings += (
        evidence_findings([*model.columns, *sorted(borrowed, key=lambda b: b[1].position)]) if by_position else []
    )
    disputed: set[str] = set()
    if by_position:
        drafts, total_drafts = fragments_to_grid_drafts(
            [fragment.rows for fragment in region.fragments], model.fragment_specs, model.fragment_keys, unit, style
        )
        totals_draft, draft_findings = _last_total(total_drafts)
        money = frozenset(key for key, spec in model.columns if spec.kind == "money")
        headed = [
            k for k, f in zip(model.fragment_keys, region.fragments, strict=True) if f.header_rows and not _is_ruled(f)
        ]
        disputed = disputed_columns(headed, money) if reordered is None else set()
    else:
        drafts, totals_draft, draft_findings = region_to_drafts(region, layout, style=style)
        headers = [Layout(()) if _is_ruled(f) else fragment_layout(f.keys) for f in region.fragments]
        if headers_disagree(headers) and reordered is None:  # not decided already from the labels
            order = decide_order(
                lambda forced: region_to_drafts(region, layout, forced, style), layout, headers, facts,
                unit.multiplier if unit is not ASSUMED_UNIT else None,
            )  # fmt: skip
            drafts, totals_draft, draft_findings = order.reading
            findings.append(Finding(severity="info", code="column-order-decided", message=order.evidence))
    findings += draft_findings
    if by_position:
        assumed = unit is ASSUMED_UNIT
        unit, unit_findings = check_unit_of_total(
            unit, unit_findings, printed_total(totals_draft, model, unit.multiplier), facts
        )
        largest = _largest_figure([*drafts, *([totals_draft] if totals_draft else [])], model)
        unit, unit_findings = unit_by_scale(unit, unit_findings, largest, facts)
        if assumed and unit is not ASSUMED_UNIT:  # the narrative's total proved the unit: read again in it
            drafts, total_drafts = fragments_to_grid_drafts(
                [fragment.rows for fragment in region.fragments], model.fragment_specs, model.fragment_keys, unit,
                style,
            )  # fmt: skip
            totals_draft, _ = _last_total(total_drafts)
    else:
        unit, unit_findings = check_unit_against_narrative(unit, unit_findings, totals_draft, facts)
        figures = [abs(v) for d in [*drafts, *([totals_draft] if totals_draft else [])] for v in d.amounts.values()]
        unit, unit_findings = unit_by_scale(unit, unit_findings, max(figures, default=None), facts)
    columns = model_columns(model, unit) if by_position else layout_columns(layout, region, unit, model)
    own_units = [spec.multiplier is not None for _, spec in model.columns if spec.kind == "money"]
    if by_position and all(own_units):  # every money column prints its own unit (or none is money)
        unit_findings = [f for f in unit_findings if f.code != "unit-missing"]
    findings += unit_findings
    if by_position and region.fragments and not is_budget(columns, row_units(region, model.fragment_specs)):
        table, finding = region_to_plain_table(region, columns)
        findings = [f for f in findings if f.code != "unit-missing"] + [finding] + narrative_findings(facts, Totals())
        return PlanDocument(
            source=_source(source), document=facts.meta, number_convention=convention, plain_tables=[table],
            findings=findings, status="ok",
        )  # fmt: skip

    no_items = rows_naming_no_item(region, drafts)
    if no_items is not None:
        drafts, totals_draft = [], None
        findings.append(no_items)
    ocr_read = [bool(draft.confidences) for draft in drafts]
    far = _far_numerals_unread(drafts, ocr_read)
    may_head = [read and i not in far for i, read in enumerate(ocr_read)]  # rows the heading rules may name
    repairs = repair_codes([draft.code for draft in drafts])
    repairs |= repair_romans([draft.code for draft in drafts], ocr_read)
    repairs |= first_heading_misread([draft.code for draft in drafts], ocr_read)
    repairs |= repair_letter_case([draft.code for draft in drafts], ocr_read)
    row_totals = _row_totals(drafts, columns, by_position)
    repairs |= name_uncoded_headings([draft.code for draft in drafts], may_head, row_totals)
    # the codes the repairs above settled count as read: a gap they filled is no longer free
    settled = _settled_codes(drafts, repairs)
    repairs |= _items_only(
        fill_unread_codes(
            settled,
            ["code" in draft.unread and i not in repairs for i, draft in enumerate(drafts)],
            [any(draft.amounts.values()) or any(draft.money.values()) for draft in drafts],
        ),
        far,
    )
    settled = _settled_codes(drafts, repairs)
    repairs |= heading_between_headings(
        settled,
        _unread_code_cells(drafts, may_head, repairs),
        row_totals,
    )
    settled = _settled_codes(drafts, repairs)
    repairs |= _items_only(codes_by_the_numbering(drafts, settled, ocr_read, set(repairs), row_totals), far)
    # a heading the numbering settled may show the one read after it repeating it (II, II: III)
    settled = _settled_codes(drafts, repairs)
    repairs |= {i: fix for i, fix in repair_romans(settled, ocr_read).items() if i not in repairs}
    # a heading in strokes between two the numbering settled only now (I among marks, II read for
    # III), and the items under it it lets the numbering settle
    settled = _settled_codes(drafts, repairs)
    late = heading_between_headings(
        settled,
        _unread_code_cells(drafts, may_head, repairs),
        row_totals,
    )
    if late:
        repairs |= late
        settled = _settled_codes(drafts, repairs)
        numbered = _items_only(codes_by_the_numbering(drafts, settled, ocr_read, set(repairs), row_totals), far)
        repairs |= {i: fix for i, fix in numbered.items() if i not in repairs}
    for index, (code, reason) in repairs.items():
        draft = drafts[index]
        printed = draft.code_repair[0] if draft.code_repair else (draft.code or draft.unread.pop("code", None))
        draft.code, draft.code_repair = code, (printed or "", reason)
    if totals_draft is None:
        parents = [parent for _, parent in assign_hierarchy([d.code for d in drafts], [d.bullet for d in drafts])]
        found = total_by_sums(drafts, parents, ocr_read, by_position=by_position)
        how = total_by_sums_finding
        if found is None:
            found, how = total_by_label_and_size(drafts, ocr_read, by_position=by_position), total_by_label_finding
        if found is not None:
            totals_draft = drafts.pop(found)
            totals_draft.is_total = True
            findings.append(how(totals_draft))
            as_printed = (
                printed_total(totals_draft, model, unit.multiplier) if by_position
                else totals_draft.amounts.get("total_vnd")
            )  # fmt: skip
            findings = scale_proven_by_total(unit, findings, as_printed, facts)
            ocr_read.pop(found)
            repairs = {i - (i > found): fix for i, fix in repairs.items() if i != found}
    # unread figures (of the other convention, or among specks), taken only where the row's sum says so
    # a table read by position holds đồng: each money column's đồng per printed unit
    multipliers = (
        {c.key: c.multiplier or unit.multiplier for c in columns if c.kind == "money"} if by_position else None
    )
    row_sum = (
        _row_sum_by_roles(columns, multipliers)
        if multipliers is not None
        else RowSum(TOTAL, tuple(c for c in AMOUNT_COLUMNS if layout.has(c) and c != TOTAL))
    )
    vouched = read_by_row_sums(drafts, style, row_sum, other_convention=numbers.style is None) if row_sum else []
    vouched += read_shown_figures(
        drafts, style, list(multipliers) if multipliers is not None else AMOUNT_COLUMNS, multipliers, row_sum
    )
    codes = [draft.code for draft in drafts]
    hierarchy = assign_hierarchy(codes, [draft.bullet for draft in drafts])
    rows = [
        draft_to_row(draft, unit.multiplier, kind, parent)
        for draft, (kind, parent) in zip(drafts, hierarchy, strict=True)
    ]
    for row, draft in zip(rows, drafts, strict=True):
        row.cells = draft.boxes
    for row, path in zip(rows, paths(rows), strict=True):
        row.path = path
    findings += inferred_code_findings(rows, {i: reason for i, (_, reason) in repairs.items()})
    findings += extra_number_findings(drafts, rows)
    findings += unread_column_findings(drafts)
    findings += row_sum_findings(vouched, rows, unit.multiplier)
    findings += unread_cell_findings(drafts, rows, columns)
    if order is not None:
        findings += doubt_findings(order, rows, unit.multiplier)
    totals = (
        Totals.model_validate({c: to_vnd(v, unit.multiplier) for c, v in totals_draft.amounts.items()})
        if totals_draft
        else Totals()
    )
    if by_position:
        for row, draft in zip(rows, drafts, strict=True):
            fill_v1_fields(row, draft.money, columns)
            set_row_values(row, draft, columns, by_position=True)
        if totals_draft:
            fill_v1_fields(totals, totals_draft.money, columns)
    total_money = (totals_draft.money if by_position else v1_money(totals, columns)) if totals_draft else {}
    total_amounts = amounts_of(total_money, columns)

    tree = Tree.from_parents(parent_positions(rows))
    amount_columns = [c for c in AMOUNT_COLUMNS if layout.has(c)] or list(AMOUNT_COLUMNS)
    if by_position:  # by column key, each in its own unit; no row identity is known yet
        multipliers = {c.key: c.multiplier or unit.multiplier for c in columns if c.kind == "money"}
        sums = Arithmetic(tree, [])
    else:
        multipliers = dict.fromkeys(amount_columns, unit.multiplier)
        sums = Arithmetic(tree, [(TOTAL, [c for c in amount_columns if c != TOTAL])] if TOTAL in amount_columns else [])
    read = [d.readings for d in drafts]
    # a column's unit is known where its header or the table prints it, not where đồng is assumed
    own_unit = {c.key for c in columns if c.multiplier}
    printed_units = {key for key in multipliers if unit is not ASSUMED_UNIT or key in own_unit}
    trust, reading_findings = judge_readings(
        rows, read, sums, multipliers, columns, ocr_rows=ocr_read, style=style, printed_units=printed_units
    )
    findings += reading_findings
    arithmetic = reconcile_table(
        rows, tree, totals, total_amounts, columns, None if by_position else amount_columns, trust,
        [draft.unread for draft in drafts],
    )  # fmt: skip
    findings += arithmetic.changes
    # before the sum checks, which a re-check after an edit puts back in one place (``reviewing``)
    findings += guessed_column_findings(drafts, rows, tree)
    checks = arithmetic.checks
    findings += checks
    if by_position:
        columns, other_finding = carry_other_sources(columns, arithmetic.identities)
        v1_field = {column.key: column.v1_field for column in columns}
        for row, draft in zip(rows, drafts, strict=True):
            # the amounts as judged: a reading the sums chose (``judge_readings``) changed the row's own,
            # and the sums filled some (``infer_by_row_sums``)
            fill_v1_fields(row, {**draft.money, **{a.column: a.value_vnd for a in row.amounts}}, columns)
            row.inferred += [
                f for a in row.amounts if a.inferred and (f := v1_field.get(a.column)) and f not in row.inferred
            ]
        if totals_draft:
            fill_v1_fields(totals, totals_draft.money, columns)
        findings += [other_finding] if other_finding else []
        findings += unknown_role_findings(columns, arithmetic.identities)
    if not by_position:
        for row, draft in zip(rows, drafts, strict=True):
            set_row_values(row, draft, columns, by_position=False)
    if reordered is not None:  # the columns another placement that fits as well puts elsewhere
        disputed |= {column.key for column in columns if fold(column.label) in reordered.ambiguous}
        findings += disputed_findings(
            rows, columns, disputed, f"in the order chosen for the table ({reordered.chosen})"
        )
    else:
        findings += disputed_findings(rows, columns, disputed)
    findings += broken_sum_findings(rows, arithmetic.identities, findings)
    findings += unidentified_row_findings(rows)
    findings += uncoded_item_findings(rows, ocr_read, findings)
    findings += unplaced_row_findings(rows, ocr_read, findings)
    findings += untitled_table_findings(rows, columns, ocr_read)
    findings += total_titled_item_findings(rows, findings)
    findings += implausibly_small_findings(rows, ocr_read)

    findings += narrative_findings(facts, totals)
    if unit is ASSUMED_UNIT and any(f.code == "unit-missing" for f in findings):
        findings += assumed_unit_doubts(rows, total_amounts)
    if any(f.code == "unit-from-scale" for f in findings):
        findings += scaled_unit_doubts(rows, unit)
    if any(f.code == "unit-mismatch" for f in findings):
        findings += contradicted_unit_doubts(rows, unit)
    else:
        findings += column_unit_doubts(rows, columns, totals, facts)
    if not rows:
        findings = [f for f in findings if f.code != "unit-missing"]  # no amount to read in any unit
        findings.append(
            Finding(
                severity="error",
                code="no-budget-table",
                message="no budget table was found (no header naming TT / Tên đề án / Tổng kinh phí columns, no coded rows)",
            )
        )
    language = language_findings(source)
    rows_missing = any(
        f.code in ("grand-total-unconfirmed", "grand-total-mismatch", "table-sums-refuted") for f in findings
    )
    # not Vietnamese: every page would be "noise"
    total_read = any(amount.value_vnd is not None for amount in total_amounts) or any(
        value is not None for key, value in totals.model_dump().items() if key.endswith("_vnd")
    )
    unproven = frozenset() if total_read else frozenset(page for row in rows for page in row.pages)
    findings += language or unreadable_page_findings(source, rows_missing=rows_missing, unproven_pages=unproven)
    has_money = any(c.kind in ("money", "mixed") for c in columns) if by_position else bool(layout.amount_columns)
    findings += table_shape_findings(rows, region, has_money)
    if region.furniture:
        dropped = ", ".join(repr(line.text) for line in region.furniture[:10])
        findings.append(
            Finding(
                severity="info",
                code="page-furniture-dropped",
                message=f"lines inside the table area that are not table rows were left out: {dropped}",
                pages=sorted({line.page for line in region.furniture}),
            )
        )
    _set_confidences(rows, drafts, checks)
    findings += low_confidence_findings(rows, min_confidence)
    name_rows(findings, rows)
    return PlanDocument(
        source=_source(source),
        document=facts.meta,
        amount_unit=unit.label if unit is not ASSUMED_UNIT else None,
        number_convention=convention,
        columns=columns,
        items=rows,
        totals=totals,
        total_amounts=total_amounts,
        identities=arithmetic.identities,
        findings=findings,
        status=_status(rows, findings),
    )


def _row_sum_by_roles(columns: Sequence[Column], multipliers: Mapping[str, int]) -> RowSum | None:
    """For a table read by position, the sum its header names: its one total column = the money
    columns of its sources (two at least); None where the header names no such sum. The sums
    themselves are not tested yet: a reading is taken only where it closes its row exactly.
    ``multipliers``: đồng per printed unit of each money column."""
    total = _one_total_column(columns)
    parts = [c for c in columns if c.kind == "money" and c.role in SOURCE_ROLES]
    if total is None or len(parts) < 2:
        return None
    # sources under the total's own stage and period, or under none ("Dự toán | Phân theo nguồn")
    if any((c.stage, c.period) not in ((total.stage, total.period), (None, None)) for c in parts):
        return None
    keys = (total.key, *(c.key for c in parts))
    return RowSum(total.key, keys[1:], {key: multipliers[key] for key in keys})


def _one_total_column(columns: Sequence[Column]) -> Column | None:
    """The one money column a positional table's header names its total; None where it names none,
    or one per stage or year."""
    totals = [c for c in columns if c.kind == "money" and c.role == "total"]
    return totals[0] if len(totals) == 1 else None


def _row_totals(drafts: Sequence[DraftRow], columns: Sequence[Column], by_position: bool) -> list[Decimal | None]:
    """Each row's total as read: in a table read by position, the đồng of its one total column
    (``_one_total_column``); else its total_vnd."""
    if not by_position:
        return [draft.amounts.get(TOTAL) for draft in drafts]
    if (total := _one_total_column(columns)) is None:
        return [None] * len(drafts)
    return [Decimal(value) if (value := draft.money.get(total.key)) is not None else None for draft in drafts]


def _far_numerals_unread(drafts: Sequence[DraftRow], ocr_read: Sequence[bool]) -> set[int]:
    """The rows whose OCRed code is a numeral no heading of the table can have
    (``numerals_out_of_reach``): their code cell is taken as holding no code, as printed (reported
    so where no numbering settles one), and only an item's code may be settled for them."""
    far = numerals_out_of_reach([draft.code for draft in drafts], ocr_read)
    for index in far:
        draft = drafts[index]
        draft.unread["code"] = draft.code_repair[0] if draft.code_repair else draft.code or ""
        draft.code, draft.code_repair = None, None
    return far


def _items_only(fixes: dict[int, tuple[str, str]], rows: set[int]) -> dict[int, tuple[str, str]]:
    """``fixes`` but a heading's numeral for any of ``rows``."""
    return {i: fix for i, fix in fixes.items() if i not in rows or code_style(fix[0]) != "roman"}


def _unread_code_cells(
    drafts: Sequence[DraftRow], ocr_read: Sequence[bool], repairs: dict[int, tuple[str, str]]
) -> list[str | None]:
    """Each OCR-read row's code cell as read where it held no code and no repair settled one."""
    return [draft.unread.get("code") if ocr_read[i] and i not in repairs else None for i, draft in enumerate(drafts)]


def _settled_codes(drafts: Sequence[DraftRow], repairs: dict[int, tuple[str, str]]) -> list[str | None]:
    """Each row's code as the repairs so far settle it: the repaired one, else the one read."""
    return [repairs[i][0] if i in repairs else draft.code for i, draft in enumerate(drafts)]


def _model(region: TableRegion, unit: Unit, style: Style | None, facts: NarrativeFacts) -> TableModel:
    return region_to_model(
        [fragment.header_rows for fragment in region.fragments],
        [[[cell.text for cell in line.cells] for line in fragment.rows] for fragment in region.fragments],
        unit if unit is not ASSUMED_UNIT else None,
        style=style,
        stated_quantity_unit=stated_quantity_unit(region) if unit is ASSUMED_UNIT else None,
        stated_totals=facts.narrative_totals,
    )


def _source(source: SourceDocument) -> Source:
    return Source(
        path=source.path,
        sha256=source.sha256,
        kind=source.kind,  # type: ignore[arg-type]  # validated by pydantic
        pages=len(source.pages),
        page_readers=[page.reader for page in source.pages],
        page_records=[
            PageRecord(page=page.number, reader=page.reader, route=page.route, rotation=page.rotation,
                       steps=list(page.steps))
            for page in source.pages
        ],
    )  # fmt: skip


def region_to_drafts(
    region: TableRegion, layout: Layout, forced: Sequence[Layout | None] = (), style: Style | None = None
) -> tuple[list[DraftRow], DraftRow | None, list[Finding]]:
    """Draft rows of every fragment. ``forced``: per fragment, the layout its figures follow as the
    column order was decided for the whole table (None, or nothing: its own header where it fits)."""
    drafts: list[DraftRow] = []
    totals: list[DraftRow] = []
    previous: DraftRow | None = None  # the row read last, total rows included
    borrowed: list[Finding] = []
    # where a header names the amount columns on some page, the columns' order is the header's,
    # and a row's figures follow it: only without any is a figure's place a guess of its own
    headed = any(key in AMOUNT_COLUMNS for fragment in region.fragments for key in fragment.keys)
    for number, fragment in enumerate(region.fragments):
        keys, finding = _header_read_right(region, number)
        borrowed += [finding] if finding else []
        own_layout = fragment_layout(keys)
        rows = [[cell.text for cell in line.cells] for line in fragment.rows]
        trusted = (
            set(layout.amount_columns) <= set(own_layout.amount_columns)
            and header_agreement(keys, rows, style) >= _TRUSTED_HEADER
        )
        decided = forced[number] if number < len(forced) else None
        table_layout = decided or layout
        if decided is not None and not _same_amount_order(own_layout, decided):
            trusted = False  # this page's header does not describe its figures
        placed = grid_keys(keys, layout) if keys else []
        reference = fragment.rows[0] if fragment.rows else None  # a row under the header, on its page
        for position, (line, cells) in enumerate(zip(fragment.rows, rows, strict=True)):
            ruled = bool(placed) and reference is not None and same_grid(line, reference)
            if ruled:
                draft = ruled_line_to_draft(line, placed, layout, style)
                draft.boxes = placed_boxes(line, placed)
                continues = not _at(cells, placed.index("code") if "code" in placed else 0)
                keys_here: Sequence[str | None] = placed
            else:
                draft = cells_to_draft(
                    cells, keys, own_layout if trusted else table_layout, trusted_header=trusted, style=style
                )
                if headed:
                    draft.columns_guessed = frozenset()
                draft.boxes = cell_boxes(line, draft, keys, style)
                continues = draft.code is None
                keys_here = keys
            draft.pages.append(line.page)
            draft.confidences += cell_confidences(line)
            draft.readings = amount_readings(line, draft, keys_here, style)
            draft.unread_looks = unread_looks(line, draft.unread)
            if draft.is_total:
                totals.append(draft)
            elif (
                continues
                and _first_on_page(fragment.rows, position)
                and previous is not None
                and not previous.is_total
                and _could_continue(previous, draft, cells)
            ):
                # first on its page, no code: the rest of the row the page break cut
                join_continuation(previous, cells, keys_here, line.page, style)
                previous.boxes += draft.boxes
                previous.readings = {**draft.readings, **previous.readings}
                continue
            else:
                drafts.append(draft)
            previous = draft
    total, findings = _last_total(totals)
    return drafts, total, borrowed + findings


def _header_read_right(region: TableRegion, number: int) -> tuple[list[str | None], Finding | None]:
    """A fragment's header keys, or those of a sister page's header (the same table's, as wide,
    naming each column once and every column this one names; all sisters alike) where this one
    is misread in one of two known ways:
    - it names one amount column twice (a source's name misread as a second total under a streak:
      "Vốn rrgân sách tùnh" beside "Tông vốn", held-out seed 9701 h08); where no page is as wide
      (a rule lost among the text columns), the run of amount columns of a page that prints as
      many, differing only where this one names a column twice, is taken for this one's
      ("Các nguồn khác" read as a total, held-out seed 10101 h04 p.3);
    - two labels run together in one cell, read as the second, the cell beside it blank ("Vốn ngân
      sách Đơn vị thụ hưởng", held-out seed 10101 h04): the ruled rows would fill the blank with
      the first and swap the two columns. Any other difference (a header printed in another order,
      a label left blank) is left to the column-order decision. Recorded."""
    fragment = region.fragments[number]
    keys = fragment.keys
    if not fragment.rows:
        return keys, None
    amounts = [key for key in keys if key in AMOUNT_COLUMNS]
    twice = sorted({key for key in amounts if amounts.count(key) > 1})
    sisters = [
        other.keys
        for other_number, other in enumerate(region.fragments)
        if other_number != number and other.rows and _names_each_once(other.keys, keys)
    ]
    if any(sister != sisters[0] for sister in sisters):
        return keys, None
    if twice:
        read, sister_keys = (list(sisters[0]), sisters[0]) if sisters else _amounts_from_a_sister(region, number, twice)
        reason = f"names {', '.join(twice)} twice (a column name misread)"
    elif sisters and (run_together := _run_together(keys, sisters[0])):
        read, sister_keys = list(sisters[0]), sisters[0]
        reason = (
            f"names {run_together} where the other page names the column before or after it (two labels read as one)"
        )
    else:
        return keys, None
    if sister_keys is None:
        return keys, None
    pages = sorted({line.page for line in fragment.rows})
    other_pages = sorted({line.page for f in region.fragments if f.keys == sister_keys for line in f.rows} - set(pages))
    finding = Finding(
        severity="warning",
        code="header-read-from-another-page",
        message=f"the table's header on page {', '.join(map(str, pages))} {reason}; its columns are read as the "
        f"same table's header names them on page {', '.join(map(str, other_pages)) or 'the same page'}: check the page",
        pages=pages,
    )
    return read, finding


def _amount_run(keys: Sequence[str | None]) -> tuple[int, int] | None:
    """(first, end) of the amount columns of a header where they follow one another, else None."""
    positions = [p for p, key in enumerate(keys) if key in AMOUNT_COLUMNS]
    if not positions or positions[-1] - positions[0] + 1 != len(positions):
        return None
    return positions[0], positions[-1] + 1


def _amounts_from_a_sister(
    region: TableRegion, number: int, twice: Sequence[str]
) -> tuple[list[str | None], list[str | None] | None]:
    """This fragment's keys with its run of amount columns as a sister page names them: a page of
    another width whose run of amount columns is as long, names each once, and differs from this
    one's only where this one names a column twice; all such pages alike. (keys, None) where none."""
    keys = region.fragments[number].keys
    own = _amount_run(keys)
    if own is None:
        return keys, None
    found: list[tuple[list[str | None], list[str | None]]] = []
    for other_number, other in enumerate(region.fragments):
        run = _amount_run(other.keys) if other_number != number and other.rows else None
        if run is None or run[1] - run[0] != own[1] - own[0]:
            continue
        theirs, mine = other.keys[run[0] : run[1]], keys[own[0] : own[1]]
        if len(set(theirs)) == len(theirs) and all(t == m or m in twice for t, m in zip(theirs, mine, strict=True)):
            found.append((theirs, other.keys))
    if not found or any(theirs != found[0][0] for theirs, _ in found):
        return keys, None
    return [*keys[: own[0]], *found[0][0], *keys[own[1] :]], found[0][1]


def _names_each_once(sister: Sequence[str | None], keys: Sequence[str | None]) -> bool:
    named = [key for key in sister if key]
    return len(sister) == len(keys) and len(named) == len(set(named)) and {key for key in keys if key} <= set(named)


def _run_together(keys: Sequence[str | None], sister: Sequence[str | None]) -> str | None:
    """The amount column a header names one column off where the sister names it, the column the
    sister names there being missing and the cell beside it blank (two labels read as one); else
    None. Only the amount columns are compared: the labels of the others may be lost as well (a
    streak over the header's upper row) without changing what the figures are."""
    differ = [
        p
        for p, (mine, theirs) in enumerate(zip(keys, sister, strict=True))
        if mine != theirs and (mine in AMOUNT_COLUMNS or theirs in AMOUNT_COLUMNS)
    ]
    if len(differ) != 2 or differ[1] - differ[0] != 1:
        return None
    first, second = (keys[p] for p in differ)
    if first is not None and second is None and sister[differ[1]] == first:
        return first  # the first cell names the second label, the second cell blank
    if first is None and second is not None and sister[differ[0]] == second:
        return second  # the other way round
    return None


def _first_on_page(lines: Sequence[Line], position: int) -> bool:
    """The first row of its page: of its fragment, or of a page that repeats no header (its rows
    carry on the fragment of the page before)."""
    return position == 0 or lines[position].page != lines[position - 1].page


def _could_continue(previous: DraftRow, draft: DraftRow, cells: Sequence[str]) -> bool:
    """Whether a codeless first row of a page can be the rest of the row before the page break: not
    where a bullet mark opens it ("- Gian hàng …" is an item of its own), nor where it prints
    amounts only in columns the row before already filled (a whole row, not its rest). A dash is
    no such amount: a speck beside the rest of a cut title reads as one (held-out seed 9801)."""
    if cells and is_bullet(cells[0]):  # the code cell (a dash further right is an amount of 0)
        return False
    printed = [key for key, value in draft.amounts.items() if value]
    return not printed or any(key not in previous.amounts for key in printed)


def _is_ruled(fragment: Fragment) -> bool:
    return bool(fragment.rows) and is_ruled(fragment.rows[0])


def _same_amount_order(own: Layout, decided: Layout) -> bool:
    order = [key for key in decided.amount_columns if key in own.amount_columns]
    return list(own.amount_columns) == order


def _largest_figure(drafts: Sequence[DraftRow], model: TableModel) -> Decimal | None:
    """The largest amount read by position in a money column that prints no unit of its own, as
    read in the table's unit (rows read by position hold money in đồng of that unit)."""
    keys = {key for key, spec in model.columns if spec.kind == "money" and not spec.multiplier}
    return max((Decimal(abs(v)) for d in drafts for k, v in d.money.items() if k in keys), default=None)


def _last_total(totals: Sequence[DraftRow]) -> tuple[DraftRow | None, list[Finding]]:
    if len(totals) <= 1:
        return (totals[0] if totals else None), []
    finding = Finding(
        severity="warning",
        code="several-total-rows",
        message=f"{len(totals)} grand-total rows; the last one is used",
        pages=sorted({p for d in totals for p in d.pages}),
    )
    return totals[-1], [finding]


_EDGES = ("x0", "top", "x1", "bottom")


def cell_boxes(line: Line, draft: DraftRow, keys: Sequence[str | None], style: Style | None = None) -> list[CellBox]:
    """The boxes of a row's filled cells, each named by the field its content went to.

    Content decides before the header: cells are typed by content, so a value read under the wrong
    header still points at the field that holds it.
    """
    boxes = []
    for index, cell in enumerate(line.cells):
        if cell.bbox is None or not cell.text:
            continue
        key = keys[index] if index < len(keys) else None
        boxes.append(
            CellBox(
                page=line.page,
                field=_cell_field(cell.text, draft, key, style),
                confidence=cell.confidence,
                reread=cell.reread,
                **dict(zip(_EDGES, cell.bbox, strict=True)),
            )
        )
    return boxes


def amount_readings(
    line: Line, draft: DraftRow, keys: Sequence[str | None], style: Style | None = None
) -> dict[str, AmountReadings]:
    """Both OCR readings of each OCRed amount cell of a row, by the field its value went to."""
    found: dict[str, AmountReadings] = {}
    for index, cell in enumerate(line.cells):
        read = readings_of(cell)
        if read is None:
            continue
        key = keys[index] if index < len(keys) else None
        numbers = numbers_in_cell(cell.text, style) or ([Decimal(0)] if cell.text.strip() in ("-", "–", "—") else [])
        # the amount under its own header first: a "5" in an amount column is not the row's code 5
        own = key in draft.amounts and draft.amounts[key] in numbers
        field = key if own else _cell_field(cell.text, draft, key, style)
        if field in draft.amounts and field not in found:
            found[field] = read
    return found


def placed_boxes(line: Line, keys: Sequence[str | None]) -> list[CellBox]:
    """The boxes of a ruled row's filled cells, each named by its grid column."""
    return [
        CellBox(
            page=line.page,
            field=(keys[index] if index < len(keys) else None) or "cell",
            confidence=cell.confidence,
            reread=cell.reread,
            **dict(zip(_EDGES, cell.bbox, strict=True)),
        )
        for index, cell in enumerate(line.cells)
        if cell.bbox is not None and cell.text
    ]


def _at(cells: Sequence[str], index: int) -> str:
    return cells[index].strip() if index < len(cells) else ""


def _cell_field(text: str, draft: DraftRow, key: str | None, style: Style | None) -> str:
    repaired_from = draft.code_repair[0] if draft.code_repair else None
    if draft.code is not None and (split_code(text)[0] == draft.code or text == repaired_from):
        return "code"
    numbers = numbers_in_cell(text, style)
    if numbers:
        months = {"start_month": draft.start_month, "end_month": draft.end_month}
        named = [column for column, value in (*draft.amounts.items(), *months.items()) if value in numbers]
        if named:  # equal values (360 = 360 + 0 + 0) are told apart by the header above the cell
            return key if key in named else named[0]
    for name, value in draft.texts.items():
        if text in value:
            return name
    return key or "cell"


def _set_confidences(rows: list[Row], drafts: Sequence[DraftRow], checks: Sequence[Finding]) -> None:
    rows_in_error = {f.row_code for f in checks if f.severity == "error" and f.row_code}
    for row, draft in zip(rows, drafts, strict=True):
        row.confidence = row_confidence(row, draft.confidences, row.code in rows_in_error)


def _status(rows: Sequence[Row], findings: Sequence[Finding]) -> Status:
    if not rows:
        return "failed"
    return "partial" if any(f.severity == "error" for f in findings) else "ok"


def name_columns_by_evidence(region: TableRegion, model: TableModel) -> list[Finding]:
    """The khuyến công reader names columns by their header's words; a money column whose words
    name nothing ("Nguồn kinh phí / Sự nghiệp kinh tế") but whose role the model found by other
    evidence (its grand total is the one the narrative states for a source) is read under that
    role, where no other column of the fragment has it. Without it the column was dropped and its
    amounts left out of every row."""
    named: dict[str, ColumnSpec] = {}
    for fragment, specs in zip(region.fragments, model.fragment_specs, strict=True):
        keys = fragment.keys
        for spec in specs:
            field = ROLE_BY_NAME[spec.role].v1_field if spec.role in ROLE_BY_NAME else None
            if spec.over_the_words and field in AMOUNT_COLUMNS and spec.position < len(keys):
                fragment.evidence_keys[spec.position] = keys[spec.position] = field
                if spec.note:  # read as another page reads it (a column under garbled words alone has none)
                    named.setdefault(field, spec)
                continue
            if not spec.note or spec.kind != "money" or field not in AMOUNT_COLUMNS or field in keys:
                continue
            if spec.position < len(keys) and keys[spec.position] in (None, "split"):  # split: a parent's word only
                fragment.evidence_keys[spec.position] = keys[spec.position] = field
                named.setdefault(field, spec)
        title = next((spec for spec in specs if spec.role == "title"), None)
        if "title" not in keys and title is not None and title.position < len(keys) and keys[title.position] is None:
            # a header whose first row OCR could not read (a streak of specks over it) names no
            # title column: the model's, found by the cells (``column_evidence.with_title``), names
            # the rows; without it every item was left without a title
            fragment.evidence_keys[title.position] = keys[title.position] = "title"
            named.setdefault("title", replace(title, note=title.note or _UNNAMED_TITLE))
    return evidence_findings([(field, spec) for field, spec in named.items()])


_UNNAMED_TITLE = "its header names nothing known, and it is the first text column of the table"
