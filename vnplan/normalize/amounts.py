"""The v2 view of a table: its columns in the output, and every row's amounts and quantities.

Two readers feed it. The khuyến công reader fills the four v1 fields; its columns are the v1 roles
its header names, and a row's amounts are those fields. The positional reader fills amounts by
column; the v1 fields are then filled only from a column that plainly has that role: the one
money column with it, where no other money column names another stage or period (a "Dự toán
2024" is not the total of a table that also has "Dự toán 2025").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import Decimal

from vnplan.normalize.cells import DraftRow
from vnplan.normalize.column_model import TableModel
from vnplan.normalize.columns import Layout, match_column
from vnplan.normalize.fragments import TableRegion
from vnplan.normalize.numbers import Unit
from vnplan.schemas import Amount, Column, Quantity, Row, Totals
from vnplan.schemas.roles import ROLE_BY_NAME, ROLE_BY_V1_FIELD, ROLES, V1_AMOUNT_FIELDS

_V1_BY_ROLE = {role.name: role.v1_field for role in ROLES if role.kind == "money" and role.v1_field}


def layout_columns(layout: Layout, region: TableRegion, unit: Unit | None, model: TableModel) -> list[Column]:
    """The khuyến công reader's columns: each key of the voted layout, labelled with the header as
    printed most often for that role (levels joined with " / "), else the cell that named it."""
    printed: dict[str, Counter[str]] = {}
    for specs in model.fragment_specs:
        for spec in specs:
            role = ROLE_BY_NAME.get(spec.role or "")
            if role is not None:
                printed.setdefault(role.v1_field or role.name, Counter())[spec.label] += 1
    for fragment in region.fragments:
        for row in fragment.header_rows:
            for text in row:
                key = match_column(text, v1_only=True)[0] if text else None
                if key and key not in printed:
                    printed.setdefault(key, Counter())[text] += 1
    columns = []
    for key in layout.order:
        role = ROLE_BY_V1_FIELD.get(key) or ROLE_BY_NAME.get(key)
        if role is None or role.kind is None:
            continue
        money = role.kind == "money"
        label = printed[key].most_common(1)[0][0] if key in printed else role.synonyms[0]
        columns.append(
            Column(
                key=role.name,
                label=label,
                kind=role.kind,
                role=role.name,
                unit=unit.label if money and unit else None,
                multiplier=unit.multiplier if money and unit else None,
                v1_field=role.v1_field,
            )
        )
    return columns


def model_columns(model: TableModel, unit: Unit | None) -> list[Column]:
    """The positional reader's columns, with the v1 field each plainly fills."""
    money = [(key, spec) for key, spec in model.columns if spec.kind == "money"]
    qualifiers = {(spec.stage, spec.period) for _, spec in money}
    role_counts = Counter(spec.role for _, spec in money)
    columns = []
    for key, spec in model.columns:
        v1 = None
        if spec.kind == "money" and spec.role in _V1_BY_ROLE and role_counts[spec.role] == 1 and len(qualifiers) == 1:
            v1 = _V1_BY_ROLE[spec.role]
        if spec.kind == "month" and spec.role:
            v1 = ROLE_BY_NAME[spec.role].v1_field
        table_unit = spec.kind == "money" and spec.multiplier is None and unit is not None
        columns.append(
            Column(
                key=key,
                label=spec.label,
                kind=spec.kind or "text",
                role=spec.role,
                stage=spec.stage,
                period=spec.period,
                unit=unit.label if table_unit and unit else spec.unit,
                multiplier=unit.multiplier if table_unit and unit else spec.multiplier,
                v1_field=v1,
            )
        )
    return columns


def fill_v1_fields(row: Row | Totals, money: dict[str, int], columns: Sequence[Column]) -> None:
    for column in columns:
        if column.v1_field in V1_AMOUNT_FIELDS and column.key in money:
            setattr(row, column.v1_field, money[column.key])


def amounts_of(money: dict[str, int], columns: Sequence[Column], inferred: Sequence[str] = ()) -> list[Amount]:
    labels = {column.key: column.label for column in columns}
    return [
        Amount(column=key, label=labels.get(key, key), value_vnd=value, inferred=key in inferred)
        for key, value in money.items()
    ]


def v1_money(row: Row | Totals, columns: Sequence[Column]) -> dict[str, int]:
    """The khuyến công reader's amounts by column key, from the v1 fields."""
    money = {}
    for column in columns:
        if column.v1_field in V1_AMOUNT_FIELDS:
            value = getattr(row, column.v1_field)
            if value is not None:
                money[column.key] = value
    return money


def set_row_values(row: Row, draft: DraftRow, columns: Sequence[Column], *, by_position: bool) -> None:
    """The row's amounts (every money cell, column order) and quantities (other numbers)."""
    order = {column.key: index for index, column in enumerate(columns)}
    if by_position:
        money = dict(sorted(draft.money.items(), key=lambda item: order.get(item[0], len(order))))
        row.amounts = amounts_of(money, columns, [c for c in money if _v1(columns, c) in row.inferred])
    else:
        keys_of_inferred = [column.key for column in columns if column.v1_field in row.inferred]
        row.amounts = amounts_of(v1_money(row, columns), columns, keys_of_inferred)
    labels = {column.key: column.label for column in columns}
    row.quantities = [
        Quantity(column=key, label=labels.get(key, key), value=float(value), unit=unit)
        for key, (value, unit) in draft.quantities.items()
        if isinstance(value, Decimal)
    ]


def _v1(columns: Sequence[Column], key: str) -> str | None:
    return next((column.v1_field for column in columns if column.key == key), None)
