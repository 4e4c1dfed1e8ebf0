"""The normalize recipe: pages -> one budget table -> rows -> a validated PlanDocument."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from vnplan.extract.legacy_encoding import syllable_share
from vnplan.extract.model import Line, SourceDocument
from vnplan.normalize.cells import (
    DraftRow,
    cells_to_draft,
    header_agreement,
    join_continuation,
    numbers_in_cell,
    split_code,
)
from vnplan.normalize.columns import AMOUNT_COLUMNS, Layout, consensus_layout, fragment_layout
from vnplan.normalize.fragments import TableRegion, pages_to_region
from vnplan.normalize.hierarchy import assign_hierarchy
from vnplan.normalize.metadata import NarrativeFacts, narrative_to_facts
from vnplan.normalize.numbers import Unit, detect_unit, format_vn, to_vnd, unit_from_words
from vnplan.normalize.reconcile import (
    Tree,
    check_duplicate_codes,
    check_grand_total,
    check_rows,
    check_subtotals,
    infer_missing,
)
from vnplan.normalize.rows import draft_to_row, row_confidence
from vnplan.schemas import CellBox, Finding, PlanDocument, Row, Source, Status, Totals

log = logging.getLogger(__name__)

_ASSUMED_UNIT = Unit("đồng", 1)
# Share of cells that must fit their header's column before a fragment's own column order is used.
_TRUSTED_HEADER = 0.95


DEFAULT_MIN_CONFIDENCE = 0.7


def source_to_document(source: SourceDocument, *, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> PlanDocument:
    """Normalize a read source; rows whose confidence falls below ``min_confidence`` are flagged."""
    region = pages_to_region(source.pages)
    findings: list[Finding] = [Finding(severity="warning", code="reader-warning", message=w) for w in source.warnings]
    layout = consensus_layout([fragment.keys for fragment in region.fragments])
    facts = narrative_to_facts([line.text for line in region.narrative])
    drafts, totals_draft, draft_findings = region_to_drafts(region, layout)
    findings += draft_findings
    unit, unit_findings = find_unit(region)
    unit, unit_findings = check_unit_against_narrative(unit, unit_findings, totals_draft, facts)
    findings += unit_findings

    codes = [draft.code for draft in drafts]
    hierarchy = assign_hierarchy(codes)
    rows = [
        draft_to_row(draft, unit.multiplier, kind, parent)
        for draft, (kind, parent) in zip(drafts, hierarchy, strict=True)
    ]
    for row, draft in zip(rows, drafts, strict=True):
        row.cells = draft.boxes
    findings += _extra_number_findings(drafts, rows)
    totals = (
        Totals(**{c: to_vnd(v, unit.multiplier) for c, v in totals_draft.amounts.items()}) if totals_draft else Totals()
    )

    columns = [c for c in AMOUNT_COLUMNS if layout.has(c)] or list(AMOUNT_COLUMNS)
    tree = Tree.from_parents(parent_positions(rows))
    findings += infer_missing(rows, tree, columns)
    checks = check_rows(rows, columns) + check_subtotals(rows, tree, columns)
    checks += check_grand_total(rows, tree, totals, columns) if totals_draft else []
    checks += check_duplicate_codes(rows)
    findings += checks

    findings += narrative_findings(facts, totals)
    if not rows:
        findings.append(
            Finding(
                severity="error",
                code="no-budget-table",
                message="no budget table was found (no header naming TT / Tên đề án / Tổng kinh phí columns, no coded rows)",
            )
        )
    findings += language_findings(source)
    findings += _table_shape_findings(rows, region, layout)
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
    return PlanDocument(
        source=Source(
            path=source.path,
            sha256=source.sha256,
            kind=source.kind,  # type: ignore[arg-type]  # validated by pydantic
            pages=len(source.pages),
            page_readers=[page.reader for page in source.pages],
        ),
        document=facts.meta,
        amount_unit=unit.label if unit is not _ASSUMED_UNIT else None,
        items=rows,
        totals=totals,
        findings=findings,
        status=_status(rows, findings),
    )


def _table_shape_findings(rows: Sequence[Row], region: TableRegion, layout: Layout) -> list[Finding]:
    """Rows without a recognised budget header may be a staff list or a schedule whose numbers
    (phone numbers, dates) were typed as amounts by content: never an unqualified success."""
    if not rows:
        return []
    if not any(fragment.header_rows for fragment in region.fragments):
        code = "no-table-header"
        message = "no table header naming budget columns (Tổng kinh phí, Ngân sách …) was recognised; " + (
            "the rows were read by content and may not be a budget table"
        )
    elif not layout.amount_columns:
        code = "no-amount-columns"
        message = "the table header names no budget column (Tổng kinh phí, Ngân sách …): not a budget table"
    else:
        return []
    return [Finding(severity="error", code=code, message=message)]


_MIN_WORDS_FOR_LANGUAGE = 30  # a short letter says too little to judge its language
_MIN_VIETNAMESE_SHARE = 0.5  # OCR-damaged Vietnamese stays well above; English sits near 0.2


def language_findings(source: SourceDocument) -> list[Finding]:
    """An error when the words are mostly not Vietnamese syllables: the wrong file, or text OCR'd
    with another language, whose "table" would be nonsense rather than a plan."""
    text = " ".join(line.text for page in source.pages for line in page.lines)
    words = [w for w in text.split() if w.isalpha()]
    if len(words) < _MIN_WORDS_FOR_LANGUAGE:
        return []
    share = syllable_share(" ".join(words))
    if share >= _MIN_VIETNAMESE_SHARE:
        return []
    return [
        Finding(
            severity="error",
            code="not-vietnamese",
            message=f"the text does not read as Vietnamese: only {share:.0%} of its {len(words)} words are "
            "Vietnamese syllables — is this a Vietnamese plan? (a scan needs OCR language 'vie')",
        )
    ]


def find_unit(region: TableRegion) -> tuple[Unit, list[Finding]]:
    """The amount unit: from a header cell ("Kinh phí (triệu đồng)") or an "ĐVT: …" line."""
    header_texts = [cell for fragment in region.fragments for row in fragment.header_rows for cell in row if cell]
    for text in header_texts:
        unit = detect_unit(text)
        if unit:
            return unit, []
    for line in region.narrative:
        unit = detect_unit(line.text)
        if unit:
            return unit, []
    for text in header_texts:  # "Tổng kinh phí (triệu đồng)": a unit named in a column header
        unit = unit_from_words(text)
        if unit:
            return unit, []
    message = "no amount unit (ĐVT / Đơn vị tính) was found; amounts are taken as đồng"
    return _ASSUMED_UNIT, [Finding(severity="warning", code="unit-missing", message=message)]


_UNIT_NAMES = {1: "đồng", 10**3: "nghìn đồng", 10**6: "triệu đồng", 10**9: "tỷ đồng"}


def check_unit_against_narrative(
    unit: Unit, findings: list[Finding], totals: DraftRow | None, facts: NarrativeFacts
) -> tuple[Unit, list[Finding]]:
    """Cross-check the unit with the narrative's total, written in đồng in the plan's text.

    A unit that was not found is taken from the one scale that makes the grand total equal the
    narrative's; a unit that was found but contradicts it is reported, not changed.
    """
    stated = facts.narrative_totals.get("total_vnd")
    printed = totals.amounts.get("total_vnd") if totals else None
    if stated is None or printed is None or to_vnd(printed, unit.multiplier) == stated:
        return unit, findings
    fitting = [m for m in _UNIT_NAMES if to_vnd(printed, m) == stated]
    if len(fitting) != 1:
        return unit, findings
    scale = fitting[0]
    if unit is _ASSUMED_UNIT:
        message = (
            f"no amount unit is printed; the grand total {format_vn(printed)} equals the narrative's "
            f"{format_vn(stated)} đồng only in {_UNIT_NAMES[scale]}, so amounts are read in {_UNIT_NAMES[scale]}"
        )
        inferred = Unit(_UNIT_NAMES[scale], scale)
        return inferred, [Finding(severity="warning", code="unit-inferred", message=message)]
    message = (
        f"the table's unit is {unit.label}, but its grand total {format_vn(printed)} equals the narrative's "
        f"{format_vn(stated)} đồng only in {_UNIT_NAMES[scale]}: check the unit (ĐVT)"
    )
    return unit, [*findings, Finding(severity="error", code="unit-mismatch", message=message)]


def region_to_drafts(region: TableRegion, layout: Layout) -> tuple[list[DraftRow], DraftRow | None, list[Finding]]:
    drafts: list[DraftRow] = []
    totals: list[DraftRow] = []
    previous: DraftRow | None = None  # the row read last, total rows included
    for fragment in region.fragments:
        keys = fragment.keys
        own_layout = fragment_layout(keys)
        rows = [[cell.text for cell in line.cells] for line in fragment.rows]
        trusted = (
            set(layout.amount_columns) <= set(own_layout.amount_columns)
            and header_agreement(keys, rows) >= _TRUSTED_HEADER
        )
        for position, (line, cells) in enumerate(zip(fragment.rows, rows, strict=True)):
            draft = cells_to_draft(cells, keys, own_layout if trusted else layout, trusted_header=trusted)
            draft.pages.append(line.page)
            draft.confidences += _cell_confidences(line)
            draft.boxes = cell_boxes(line, draft, keys)
            if draft.is_total:
                totals.append(draft)
            elif draft.code is None and position == 0 and previous is not None and not previous.is_total:
                # first on its page, no code: the rest of the row the page break cut
                join_continuation(previous, cells, keys, line.page)
                previous.boxes += draft.boxes
                continue
            else:
                drafts.append(draft)
            previous = draft
    findings: list[Finding] = []
    if len(totals) > 1:
        findings.append(
            Finding(
                severity="warning",
                code="several-total-rows",
                message=f"{len(totals)} grand-total rows; the last one is used",
                pages=sorted({p for d in totals for p in d.pages}),
            )
        )
    return drafts, (totals[-1] if totals else None), findings


def _cell_confidences(line: Line) -> list[float]:
    return [cell.confidence for cell in line.cells if cell.text and cell.confidence is not None]


_EDGES = ("x0", "top", "x1", "bottom")


def cell_boxes(line: Line, draft: DraftRow, keys: Sequence[str | None]) -> list[CellBox]:
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
                page=line.page, field=_cell_field(cell.text, draft, key), **dict(zip(_EDGES, cell.bbox, strict=True))
            )
        )
    return boxes


def _cell_field(text: str, draft: DraftRow, key: str | None) -> str:
    if draft.code is not None and split_code(text)[0] == draft.code:
        return "code"
    numbers = numbers_in_cell(text)
    if numbers:
        months = {"start_month": draft.start_month, "end_month": draft.end_month}
        named = [column for column, value in (*draft.amounts.items(), *months.items()) if value in numbers]
        if named:  # equal values (360 = 360 + 0 + 0) are told apart by the header above the cell
            return key if key in named else named[0]
    for name, value in draft.texts.items():
        if text in value:
            return name
    return key or "cell"


def parent_positions(rows: Sequence[Row]) -> list[int | None]:
    """Each row's parent as a position: the nearest row above with the parent's code."""
    positions: list[int | None] = []
    latest: dict[str, int] = {}
    for index, row in enumerate(rows):
        positions.append(latest.get(row.parent_code) if row.parent_code else None)
        if row.code:
            latest[row.code] = index
    return positions


def _extra_number_findings(drafts: Sequence[DraftRow], rows: Sequence[Row]) -> list[Finding]:
    return [
        Finding(
            severity="warning",
            code="extra-numbers-dropped",
            message=f"row {row.code or '?'} prints more numbers than amount columns; left out: "
            + ", ".join(format_vn(v) for v in draft.extra_numbers),
            row_code=row.code,
            pages=row.pages,
        )
        for draft, row in zip(drafts, rows, strict=True)
        if draft.extra_numbers
    ]


def narrative_findings(facts: NarrativeFacts, totals: Totals) -> list[Finding]:
    """The table's grand total against the narrative's totals and the amount written in words."""
    findings: list[Finding] = []
    for column, stated in facts.narrative_totals.items():
        printed = getattr(totals, column, None)
        if printed is not None:
            findings.append(
                _agreement(
                    "narrative-total", column, stated, printed,
                    f"{column}: the table's grand total {format_vn(printed)} đồng {{verb}} the narrative's "
                    f"{format_vn(stated)} đồng", ("equals", "differs from"),
                )
            )  # fmt: skip
    narrative_total = facts.narrative_totals.get("total_vnd")
    if facts.total_in_words is not None and narrative_total is not None:
        findings.append(
            _agreement(
                "amount-in-words", "total_vnd", narrative_total, facts.total_in_words,
                f"the amount in words ({facts.total_in_words_text}) is {format_vn(facts.total_in_words)} đồng, "
                f"{{verb}} the figure {format_vn(narrative_total)} đồng", ("as", "unlike"),
            )
        )  # fmt: skip
    number = facts.meta.number
    for reference in facts.other_references:
        if number and reference != number:
            findings.append(
                Finding(
                    severity="warning",
                    code="reference-number-mismatch",
                    message=f"the document cites itself as {reference} but its number is {number} (OCR misreading?)",
                    expected=number,
                    actual=reference,
                )
            )
    return findings


def low_confidence_findings(rows: Sequence[Row], threshold: float) -> list[Finding]:
    return [
        Finding(
            severity="warning",
            code="low-confidence",
            message=f"row {row.code or '?'} has confidence {row.confidence:.2f}, below {threshold:.2f}: check it against the page",
            row_code=row.code,
            pages=row.pages,
            expected=str(threshold),
            actual=str(row.confidence),
        )
        for row in rows
        if row.confidence < threshold
    ]


def _agreement(check: str, column: str, expected: int, actual: int, template: str, verbs: tuple[str, str]) -> Finding:
    """One check of two statements of the same amount: an info when they agree, an error when not."""
    same = expected == actual
    return Finding(
        severity="info" if same else "error",
        code=f"{check}-match" if same else f"{check}-mismatch",
        message=template.replace("{verb}", verbs[0] if same else verbs[1]),  # the text may hold braces
        field=column,
        expected=expected,
        actual=actual,
    )


def _set_confidences(rows: list[Row], drafts: Sequence[DraftRow], checks: Sequence[Finding]) -> None:
    rows_in_error = {f.row_code for f in checks if f.severity == "error" and f.row_code}
    for row, draft in zip(rows, drafts, strict=True):
        row.confidence = row_confidence(row, draft.confidences, row.code in rows_in_error)


def _status(rows: Sequence[Row], findings: Sequence[Finding]) -> Status:
    if not rows:
        return "failed"
    return "partial" if any(f.severity == "error" for f in findings) else "ok"
