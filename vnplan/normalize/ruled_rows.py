"""Rows of a ruled grid read by position: for the khuyến công family on PDF rulings and OCR grids.

On a ruled table the grid says which column every cell is in, and the header row above it (from
the same grid) says what that column is. So a cell's place is never guessed from its content: a
misread code cell ("20k" for 2.1) stays the code cell — recorded as unread — and does not push
the title into the next column; an amount cell whose text is no number stays that amount, unread.
Content typing settles only what the header leaves open: a column whose header cell could not be
matched is named from the table's other headers where they leave one choice, and otherwise its
cells are typed by content into the fields the grid left empty.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from decimal import Decimal

from vnplan.extract.model import Line
from vnplan.normalize.cells import (
    DraftRow,
    code_column_code,
    is_bullet,
    is_total_label,
    numbers_in_cell,
    ocr_code,
)
from vnplan.normalize.columns import AMOUNT_COLUMNS, MONTH_COLUMNS, TEXT_COLUMNS, Layout
from vnplan.normalize.numbers import Style, parse_month_range
from vnplan.schemas import Column, Finding, Row

_DASH = frozenset({"-", "–", "—", "--"})
# Marks OCR leaves at the edges of a cell (rulings read as "|", dust as "'" or "_").
_EDGE_MARKS = re.compile(r"^[\s|_'‘’`.,:;]+|[\s|_'‘’`:;]+$")


def is_ruled(line: Line) -> bool:
    """A table row whose cells come from a grid (PDF rulings or the OCR grid): they carry boxes."""
    return any(cell.bbox is not None for cell in line.cells)


# How far a column's left rule may sit from where the header's page has it, as a share of the
# table's width: pages of one table are printed alike, scanned a little shifted at most.
_SAME_COLUMN = 0.02


def same_grid(line: Line, reference: Line) -> bool:
    """A ruled row on the grid of ``reference`` (a row of the page the header is on): as many
    columns, each starting where the reference's does. A page that continues a table without
    repeating its header may have been ruled (or read) otherwise: its cells are not placed by a
    header they do not sit under."""
    if not is_ruled(line) or not is_ruled(reference) or len(line.cells) != len(reference.cells):
        return False
    if line.page == reference.page:
        return True
    edges = [c.bbox for c in reference.cells if c.bbox is not None]
    width = max(b[2] for b in edges) - min(b[0] for b in edges)
    return all(
        abs(cell.bbox[0] - ref.bbox[0]) <= _SAME_COLUMN * width
        for cell, ref in zip(line.cells, reference.cells, strict=True)
        if cell.bbox is not None and ref.bbox is not None
    )


def grid_keys(keys: Sequence[str | None], layout: Layout) -> list[str | None]:
    """The header's key per grid column, with columns it could not name filled from the table.

    A position the header left unnamed gets the one key the table's column order puts between its
    named neighbours and this header does not print; where none or several fit, it stays open.
    "time" printed without its Bắt đầu / Kết thúc children stays "time" (a month span cell).
    """
    named = list(keys)
    printed = {key for key in named if key}
    order = list(layout.order)
    for index, key in enumerate(named):
        if key is not None:
            continue
        left = next((named[i] for i in range(index - 1, -1, -1) if named[i] in order), None)
        right = next((named[i] for i in range(index + 1, len(named)) if named[i] in order), None)
        start = order.index(left) + 1 if left else 0
        end = order.index(right) if right else len(order)
        between = [k for k in order[start:end] if k not in printed]
        if len(between) == 1 and _is_gap(named, index):
            named[index] = between[0]
            printed.add(between[0])
    return [None if key == "split" else key for key in named]


def _is_gap(named: Sequence[str | None], index: int) -> bool:
    """Only a single unnamed column between named ones is filled: a run of them is ambiguous."""
    before = index == 0 or named[index - 1] is not None
    after = index + 1 >= len(named) or named[index + 1] is not None
    return before and after


def ruled_line_to_draft(line: Line, keys: Sequence[str | None], layout: Layout, style: Style | None = None) -> DraftRow:
    """One ruled row: every cell goes to the field of its grid column."""
    cells = [cell.text.strip() for cell in line.cells]
    code_at = keys.index("code") if "code" in keys else 0
    title_at = keys.index("title") if "title" in keys else None
    draft = DraftRow(code=None)
    open_cells: list[tuple[int, str]] = []
    for index, text in enumerate(cells):
        if not text:
            continue
        key = keys[index] if index < len(keys) else None
        if index == code_at:
            _read_code_cell(draft, text, title_filled=title_at is not None and bool(_at(cells, title_at)))
        elif key in TEXT_COLUMNS:
            _add_text(draft, key, text)
        elif key in AMOUNT_COLUMNS:
            _read_amount_cell(draft, key, text, cells, keys, index, style)
        elif key in (*MONTH_COLUMNS, "time"):
            if not _read_month_cell(draft, key, text, style):
                draft.unread[key] = text
        else:
            open_cells.append((index, text))
    if draft.code is None and not draft.is_total and is_total_label(draft.texts.get("title", "")):
        draft.is_total = True
    _type_open_cells(draft, open_cells, layout, style, named={key for key in keys if key in AMOUNT_COLUMNS})
    return draft


def _at(cells: Sequence[str], index: int) -> str:
    return cells[index] if index < len(cells) else ""


def _add_text(draft: DraftRow, key: str, text: str) -> None:
    draft.texts[key] = f"{draft.texts[key]} {text}" if key in draft.texts else text


def _read_code_cell(draft: DraftRow, text: str, *, title_filled: bool) -> None:
    code, glued_title = code_column_code(text)
    if code is not None:
        draft.code = code
        if glued_title:
            _add_text(draft, "title", glued_title)
        elif text != code:
            draft.code_repair = (text, "OCR marks around the code dropped")
        return
    if is_total_label(text):
        draft.is_total = True
        _add_text(draft, "title", text)
        return
    repaired = ocr_code(text) if title_filled else None
    if repaired is not None:
        draft.code = repaired
        draft.code_repair = (text, "OCR confusion in the code column (comma for dot, l/I/H for 1/II) read as a code")
    elif title_filled and is_bullet(text):
        draft.bullet = True  # an unnumbered sub-item: no code, and nothing unread
    elif title_filled:
        draft.unread["code"] = text  # the code cell holds what is no code: unread, the row stays put
    else:
        _add_text(draft, "title", text)  # a heading written across the code and title columns


def _read_amount_cell(
    draft: DraftRow,
    key: str,
    text: str,
    cells: Sequence[str],
    keys: Sequence[str | None],
    index: int,
    style: Style | None,
) -> None:
    if text in _DASH:
        draft.amounts[key] = Decimal(0)
        return
    numbers = numbers_in_cell(text, style) or numbers_in_cell(_EDGE_MARKS.sub("", text), style)
    if numbers is None:
        draft.unread[key] = text
        return
    draft.amounts.setdefault(key, numbers[0])
    # A cell holding several numbers: the grid lost a rule. They go to the amount columns on its
    # right that the row leaves empty, in order; what does not fit is an extra number.
    rest = numbers[1:]
    for following in range(index + 1, len(cells)):
        if not rest:
            break
        next_key = keys[following] if following < len(keys) else None
        if next_key not in AMOUNT_COLUMNS:
            break
        if not cells[following] and next_key not in draft.amounts:
            draft.amounts[next_key] = rest.pop(0)
    draft.extra_numbers += rest


def _read_month_cell(draft: DraftRow, key: str, text: str, style: Style | None) -> bool:
    span = parse_month_range(text)
    numbers = numbers_in_cell(text, style) if span is None else None
    if span is None and numbers and all(_is_month(n) for n in numbers) and "." not in text and "," not in text:
        span = (int(numbers[0]), int(numbers[-1]))
    if span is None:
        return False
    if key == "end_month":
        draft.end_month = span[1]
    elif key == "start_month":
        draft.start_month = span[0]
        if span[1] != span[0]:  # "3-9" written in the Bắt đầu cell alone
            draft.end_month = span[1]
    else:  # one "Thời gian" cell
        draft.start_month, draft.end_month = span
    return True


def _is_month(value: Decimal) -> bool:
    return value == value.to_integral_value() and 1 <= value <= 12


def _type_open_cells(
    draft: DraftRow,
    open_cells: Sequence[tuple[int, str]],
    layout: Layout,
    style: Style | None,
    named: Collection[str] = (),
) -> None:
    """Cells under a header cell nobody could name, typed by content into fields the grid left empty.
    A figure goes first to an amount column no header cell of its page names (``named``: a figure
    under a garbled label is that column's, not the one a blank cell of the row left empty); where
    that is not one column alone, its place is a guess (``DraftRow.columns_guessed``)."""
    for _, text in open_cells:
        numbers = numbers_in_cell(text, style) if text not in _DASH else [Decimal(0)]
        if numbers is not None:
            if len(numbers) <= 2 and all(_is_month(n) for n in numbers) and draft.start_month is None:
                draft.start_month, draft.end_month = int(numbers[0]), (int(numbers[-1]) if len(numbers) == 2 else None)
                continue
            empty = [key for key in layout.amount_columns if key not in draft.amounts]
            unnamed = [key for key in empty if key not in named]
            sure = len(unnamed) == len(numbers)  # as many columns no header cell names as figures
            candidates = unnamed if len(unnamed) >= len(numbers) else empty
            for value in numbers:
                if candidates:
                    key = candidates.pop(0)
                    draft.amounts[key] = value
                    if not sure:
                        draft.columns_guessed |= {key}
                else:
                    draft.extra_numbers.append(value)
            continue
        span = parse_month_range(text)
        if span is not None and draft.start_month is None:
            draft.start_month, draft.end_month = span
            continue
        empty_texts = [key for key in layout.order if key in TEXT_COLUMNS and key not in draft.texts]
        _add_text(draft, empty_texts[0] if empty_texts else "notes", text)


def _expected_content(column: str, kind: str | None) -> str:
    """What the cell should have held, in the finding's words."""
    if column == "code":
        return "code"
    if column in AMOUNT_COLUMNS or kind == "money":
        return "amount"
    return "month" if kind in (None, "month") else "number"


def unread_cell_findings(
    drafts: Sequence[DraftRow], rows: Sequence[Row], columns: Sequence[Column] = ()
) -> list[Finding]:
    """A warning per cell the grid placed but whose content is not what its column holds (named by
    its v1 field where its column fills one, else by the column's key)."""
    v1_fields = {column.key: column.v1_field for column in columns if column.v1_field}
    kinds = {column.key: column.kind for column in columns}
    findings = []
    for draft, row in zip(drafts, rows, strict=True):
        for key, text in draft.unread.items():
            column = v1_fields.get(key, key)
            what = "code" if column == "code" else column
            expected = _expected_content(column, kinds.get(key))
            findings.append(
                Finding.about(
                    row,
                    severity="warning",
                    code="cell-unread",
                    message=f"row {row.code or '?'} ({row.title[:40]!r}): the {what} cell reads {text!r}, "
                    f"which is no {expected}; "
                    "left empty (check the page)",
                    field=None if column == "code" else column,
                    actual=text,
                )
            )
    return findings
