"""A row's cell by name, as a reviewer edits it: read, parse what was typed, write.

A name is a v1 row field (``title``, ``start_month``, ``total_vnd`` …) or, in schema v2, the key of
a money column of the document (``plan_2021``, ``central_budget`` …). A money column that fills a
v1 field is one cell under two names: writing either writes both (the v1 field and the row's
``amounts`` entry), so the two views of the row never disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from vnplan.normalize.numbers import format_vn, parse_number
from vnplan.normalize.reconcile import money_value
from vnplan.schemas import AMOUNT_FIELDS, Amount, Column, PlanDocument, Row, Totals
from vnplan.schemas.roles import V1_AMOUNT_LABELS, V1_MONTH_FIELDS, V1_TEXT_FIELDS

Kind = Literal["text", "month", "money"]


class EditRefused(ValueError):
    """An edit that cannot be made as asked; the message says what to give instead."""


def money_columns(document: PlanDocument) -> list[Column]:
    return [column for column in document.columns if column.kind == "money"]


def grid_fields(document: PlanDocument) -> list[tuple[str, str]]:
    """(name, label) of the money cells a row shows, in the table's order: a column's v1 field
    where it fills one, else its key; the four v1 fields for a document that lists no columns."""
    columns = money_columns(document)
    if not columns:
        return [(field, V1_AMOUNT_LABELS[field]) for field in AMOUNT_FIELDS]
    return [(grid_name(column), column.label) for column in columns]


def grid_name(column: Column) -> str:
    return column.v1_field if column.v1_field in AMOUNT_FIELDS else column.key


def canonical(document: PlanDocument, name: str) -> str:
    """The name the grid shows a cell by (a money column key that fills a v1 field -> that field)."""
    column = next((c for c in money_columns(document) if c.key == name), None)
    return grid_name(column) if column is not None else name


def editable_fields(document: PlanDocument) -> list[str]:
    return [*V1_TEXT_FIELDS, *V1_MONTH_FIELDS, *dict.fromkeys([*AMOUNT_FIELDS, *(n for n, _ in grid_fields(document))])]


def kind_of(document: PlanDocument, name: str) -> Kind:
    if name in V1_TEXT_FIELDS:
        return "text"
    if name in V1_MONTH_FIELDS:
        return "month"
    if name in AMOUNT_FIELDS or any(column.key == name for column in money_columns(document)):
        return "money"
    raise EditRefused(f"{name}: not an editable field (editable: {', '.join(editable_fields(document))})")


def value_of(row: Row | Totals, name: str, kind: Kind) -> Any:
    return money_value(row, name) if kind == "money" else getattr(row, name)


def parse_value(name: str, kind: Kind, value: Any) -> str | int | None:
    """A value as a person typed it (or a tool sent it) -> the value the cell holds."""
    if isinstance(value, str):
        value = value.strip()
    if kind == "text":
        if value is None or value == "":
            return "" if name == "title" else None
        if not isinstance(value, str):
            raise EditRefused(f"{name}: give text, not {value!r}")
        return value
    if value is None or value == "":
        return None  # an empty cell: nothing printed there
    if kind == "month":
        month = value if isinstance(value, int) and not isinstance(value, bool) else None
        if isinstance(value, str) and value.isdigit():
            month = int(value)
        if month is None or not 1 <= month <= 12:
            raise EditRefused(f"{name}: {value!r} is not a month — give a number from 1 to 12, or leave it empty")
        return month
    return _amount(name, value)


def _amount(name: str, value: Any) -> int:
    hint = "give whole đồng, digits with or without dots (1.350.000), or leave it empty"
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise EditRefused(f"{name}: {value!r} is not an amount — {hint}")
    if isinstance(value, int):
        number = value
    else:
        parsed = parse_number(value)
        if parsed is None or parsed != parsed.to_integral_value():
            raise EditRefused(f"{name}: {value!r} is not an amount — {hint}")
        number = int(parsed)
    if number < 0:
        raise EditRefused(f"{name}: {value!r} is negative — amounts are never negative; {hint}")
    return number


def cell_text(kind: Kind, value: object) -> str:
    """A value as a correction records it: amounts the Vietnamese way, empty for nothing."""
    if value is None:
        return ""
    if kind == "money" and isinstance(value, int):
        return format_vn(value)
    return str(value)


def set_value(
    row: Row | Totals, name: str, kind: Kind, value: object, columns: Sequence[Column], amounts: list[Amount]
) -> list[Amount]:
    """Write the cell (both names of a money cell); returns the amounts list as it now stands
    (a row's ``amounts``, or the document's ``total_amounts`` for the grand total)."""
    if kind != "money":
        setattr(row, name, value)
        return amounts
    column = next((c for c in columns if c.kind == "money" and name in (c.key, c.v1_field)), None)
    field = (
        name if name in AMOUNT_FIELDS else (column.v1_field if column and column.v1_field in AMOUNT_FIELDS else None)
    )
    if field is not None:
        setattr(row, field, value)
    if column is None:
        return amounts
    order = {c.key: index for index, c in enumerate(columns)}
    kept = [amount for amount in amounts if amount.column != column.key]
    if isinstance(value, int):
        kept.append(Amount(column=column.key, label=column.label, value_vnd=value))
    return sorted(kept, key=lambda amount: order.get(amount.column, len(order)))


def aliases(document: PlanDocument, name: str) -> set[str]:
    """Every name of the cell: itself, and for a money column both its key and its v1 field."""
    found = {name}
    for column in money_columns(document):
        if name in (column.key, column.v1_field):
            found |= {column.key} | ({column.v1_field} if column.v1_field else set())
    return found
