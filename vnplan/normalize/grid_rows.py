"""Reading a table by the positions its header gives: for tables outside the khuyến công family.

Word, Excel, born-digital PDFs and tab-separated exports keep each cell under its header, so a
cell means what its column says: money in the column's unit (or the row's, from a ĐVT column),
a percent, a count or a score as a quantity with its unit, text as text. Nothing is typed by
guessing, and no arithmetic places a value: a money value is exactly the cell it was read from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from vnplan.extract.model import Line
from vnplan.normalize.cells import (
    DraftRow,
    cell_confidences,
    code_column_code,
    is_bullet,
    is_total_label,
    ocr_code,
    split_code,
)
from vnplan.normalize.column_model import ONE_COMMA_GROUP, ColumnSpec, parse_cell_number
from vnplan.normalize.numbers import Style, Unit, parse_month_range, to_vnd, unit_from_words
from vnplan.normalize.readings import readings_of, unread_looks

_DASH = frozenset({"-", "–", "—", "--"})
_TEXT_ROLES = frozenset({"title", "implementing_unit", "objective", "expected_result", "notes"})


@dataclass(frozen=True)
class RowUnit:
    """How a row's cell in a 'mixed' column is read, from the row's ĐVT cell."""

    kind: str  # money | percent | quantity
    label: str | None
    multiplier: int = 1


def row_unit(text: str | None) -> RowUnit:
    if not text:
        return RowUnit("quantity", None)
    money = unit_from_words(text)
    if money is not None:
        return RowUnit("money", money.label, money.multiplier)
    if "%" in text:
        return RowUnit("percent", "%")
    return RowUnit("quantity", text)


def line_to_draft(
    line: Line, specs: Sequence[ColumnSpec], keys: Sequence[str], table_unit: Unit, style: Style | None = None
) -> DraftRow:
    """One table row read by position. Money goes to ``draft.money`` in đồng, other numbers to
    ``draft.quantities`` with their units; the row's code and texts as the header names them."""
    cells = [cell.text for cell in line.cells]
    by_role = {spec.role: spec for spec in specs if spec.role}
    code_spec = by_role.get("code")
    code_cell = _cell(cells, code_spec.position) if code_spec else (cells[0] if cells else "")
    code, glued_title = code_column_code(code_cell) if code_spec else split_code(code_cell)
    if code is None:
        glued_title = ""  # a code cell that holds no code is no title either (see _misread_code)
    # the reader's confidences: an OCRed row is read with its doubts (its code may be repaired from
    # the numbering around it, its confidence is theirs), as in the khuyến công reading
    draft = DraftRow(code=code, confidences=cell_confidences(line))
    if code is not None and code_cell.strip() != code and not glued_title:
        draft.code_repair = (code_cell, "marks around the code dropped")
    if glued_title:
        draft.texts["title"] = glued_title
    unit_spec = by_role.get("unit_of_measure")
    unit_of_row = row_unit(_cell(cells, unit_spec.position) if unit_spec else None)
    for spec, key in zip(specs, keys, strict=True):
        text = _cell(cells, spec.position)
        if not text or spec is code_spec or spec is unit_spec:
            continue
        if spec.kind in ("text", "code", None) or spec.role in _TEXT_ROLES:
            _add_text(draft, spec, text)
        elif spec.kind == "month":
            _add_month(draft, spec, text, style)
        else:
            _add_number(draft, spec, key, text, unit_of_row, table_unit, style)
            read = readings_of(line.cells[spec.position]) if spec.position < len(line.cells) else None
            if read is not None and key in draft.money:
                draft.readings[key] = read
    if draft.code is None and code_spec and code_cell.strip():
        if draft.texts.get("title"):
            _misread_code(draft, code_cell.strip())
        else:  # a heading or "Tổng cộng" written across the code and title columns
            draft.texts["title"] = code_cell.strip()
    if draft.code is None:
        title = draft.texts.get("title") or (code_cell if not code_spec else "")
        if title and is_total_label(title):
            draft.is_total = True
            draft.texts["title"] = title
    return draft


def _misread_code(draft: DraftRow, printed: str) -> None:
    """A code cell beside a title that holds no code: an OCR confusion read as the code, or unread
    (the numbering around the row may settle it later); never dropped without a word."""
    if is_bullet(printed):
        draft.bullet = True
        return
    repaired = ocr_code(printed)
    if repaired is not None:
        draft.code, draft.code_repair = repaired, (printed, "OCR confusion in the code column read as a code")
    else:
        draft.unread["code"] = printed


def _cell(cells: Sequence[str], position: int) -> str:
    return cells[position] if position < len(cells) else ""


def _add_text(draft: DraftRow, spec: ColumnSpec, text: str) -> None:
    field = spec.role if spec.role in _TEXT_ROLES else None
    if field is None:
        # A text column no v1 field holds ("Địa điểm", "Chủ đầu tư"): kept in the notes, labelled.
        field, text = "notes", f"{spec.label}: {text}"
    draft.texts[field] = f"{draft.texts[field]} {text}" if field in draft.texts else text


def _add_month(draft: DraftRow, spec: ColumnSpec, text: str, style: Style | None) -> None:
    months = parse_month_range(text)
    value = parse_cell_number(text, style)
    if months is None and value is not None and value == value.to_integral_value() and 1 <= value <= 12:
        months = (int(value), int(value))
    if months is None:
        return
    if spec.role == "end_month":
        draft.end_month = months[1]
    else:
        draft.start_month, draft.end_month = (
            months[0],
            draft.end_month or (months[1] if months[1] != months[0] else None),
        )


def _add_number(
    draft: DraftRow,
    spec: ColumnSpec,
    key: str,
    text: str,
    unit_of_row: RowUnit,
    table_unit: Unit,
    style: Style | None,
) -> None:
    value = Decimal(0) if text.strip() in _DASH else parse_cell_number(text, style)
    kind: str | None = spec.kind
    unit, multiplier = spec.unit, spec.multiplier
    if kind == "mixed":
        kind, unit, multiplier = unit_of_row.kind, unit_of_row.label, unit_of_row.multiplier
    if value is None and ONE_COMMA_GROUP.match(text.strip()):
        # a comma before three digits: decimals in triệu / tỷ đồng (nobody prints 12.345.000 triệu
        # as 12,345 thousand triệu), a thousands group in đồng and smaller units
        large = (multiplier or table_unit.multiplier) >= 10**6 and kind == "money"
        value = Decimal(text.strip().replace(",", "." if large else ""))
    if value is None:
        draft.texts.setdefault("notes", "")
        draft.texts["notes"] = f"{draft.texts['notes']} {spec.label}: {text}".strip()
        if kind == "money":
            draft.unread[key] = text  # kept in the notes as printed, and reported: no amount was read
        return
    if kind == "money":
        draft.money[key] = to_vnd(value, multiplier or table_unit.multiplier)
    else:
        if kind == "percent" or text.strip().endswith("%"):
            unit = "%"
        draft.quantities[key] = (value, unit)


def fragments_to_grid_drafts(
    fragments: Sequence[Sequence[Line]],
    fragment_specs: Sequence[Sequence[ColumnSpec]],
    fragment_keys: Sequence[Sequence[str]],
    table_unit: Unit,
    style: Style | None = None,
) -> tuple[list[DraftRow], list[DraftRow]]:
    """Draft rows and grand-total rows of every fragment, read by position. A row with no code
    and no number first on its page continues the row the page break cut."""
    drafts: list[DraftRow] = []
    totals: list[DraftRow] = []
    previous: DraftRow | None = None
    for lines, specs, keys in zip(fragments, fragment_specs, fragment_keys, strict=True):
        for position, line in enumerate(lines):
            draft = line_to_draft(line, specs, keys, table_unit, style)
            draft.unread_looks = unread_looks(line, draft.unread)
            draft.pages.append(line.page)
            # a dash read from a speck on the rest of a cut row is no amount of a row of its own
            bare = draft.code is None and not any(draft.money.values()) and not draft.quantities and not draft.is_total
            first_on_page = position == 0 or line.page != lines[position - 1].page  # a page with no header of its own
            if bare and first_on_page and previous is not None and not previous.is_total:
                for field, text in draft.texts.items():
                    before = previous.texts.get(field, "")
                    previous.texts[field] = f"{before} {text}".strip()
                    previous.merges.append((field, before, previous.texts[field]))
                previous.pages.append(line.page)
                previous.confidences += draft.confidences
                continue
            (totals if draft.is_total else drafts).append(draft)
            previous = draft
    return drafts, totals
