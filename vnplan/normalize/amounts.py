"""The v2 view of a table: its columns in the output, and every row's amounts and quantities.

Two readers feed it. The khuyến công reader fills the four v1 fields; its columns are the v1 roles
its header names, and a row's amounts are those fields. The positional reader fills amounts by
column; which column fills which v1 field is decided once per table (``v1_fields_of``,
``carry_other_sources``) and recorded on the column (``v1_field``); a money column of unknown role
fills none, and a finding names it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import Decimal

from vnplan.normalize.cells import DraftRow
from vnplan.normalize.column_model import ColumnSpec, TableModel
from vnplan.normalize.columns import Layout, match_column
from vnplan.normalize.fragments import TableRegion
from vnplan.normalize.numbers import Unit
from vnplan.schemas import Amount, Column, Finding, Identity, Quantity, Row, Totals
from vnplan.schemas.roles import ROLE_BY_NAME, ROLE_BY_V1_FIELD, ROLES, SOURCE_ROLES, V1_AMOUNT_FIELDS

_V1_BY_ROLE = {role.name: role.v1_field for role in ROLES if role.kind == "money" and role.v1_field}
_PART_FIELDS = frozenset({"provincial_budget_vnd", "beneficiary_vnd"})


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
    """The positional reader's columns, with the v1 field each fills (``v1_fields_of``)."""
    fields = v1_fields_of(model.columns)
    columns = []
    for key, spec in model.columns:
        v1 = fields.get(key)
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


def v1_fields_of(columns: Sequence[tuple[str, ColumnSpec]]) -> dict[str, str]:
    """Which money column fills which v1 field, decided once for the table:

    - ``total_vnd``: the table's one total, whatever stage it names ("Tổng dự toán", "Dự toán /
      Tổng số"); none where two totals stand for different stages or periods ("Tổng 2024 | Tổng 2025");
    - ``provincial_budget_vnd``, ``beneficiary_vnd``: the one column with that role, of the total's
      stage and period (or naming none);
    - ``other_vnd`` is not decided here: only the table's arithmetic can say that the sources outside
      those two make up the rest of the total (``carry_other_sources``).

    Where there is no total, the sources fill their fields only where every money column stands for
    one stage and period (a "Dự toán 2024 | Dự toán 2025" table fills none)."""
    money = [(key, spec) for key, spec in columns if spec.kind == "money"]
    totals = [(key, spec) for key, spec in money if spec.role == "total"]
    fields: dict[str, str] = {}
    if len(totals) == 1:
        total_key, total = totals[0]
        fields[total_key] = "total_vnd"
        anchor: tuple[str | None, str | None] | None = (total.stage, total.period)
    else:
        qualifiers = {(spec.stage, spec.period) for _, spec in money}
        anchor = next(iter(qualifiers)) if len(qualifiers) == 1 and not totals else None
    if anchor is None:
        return fields
    for role in ("provincial_budget", "beneficiary"):
        with_role = [(key, spec) for key, spec in money if spec.role == role]
        if len(with_role) == 1 and _of_stage(with_role[0][1], anchor):
            fields[with_role[0][0]] = _V1_BY_ROLE[role]
    return fields


def _of_stage(spec: ColumnSpec, anchor: tuple[str | None, str | None]) -> bool:
    stage, period = anchor
    return spec.stage in (None, stage) and spec.period in (None, period)


# Sources whose money v1 has no field of its own: together they are the rest of the total.
_OTHER_SOURCES = SOURCE_ROLES - {"provincial_budget", "beneficiary"}


def carry_other_sources(columns: list[Column], identities: Sequence[Identity]) -> tuple[list[Column], Finding | None]:
    """Where a kept identity shows that the total is its sources: the provincial and beneficiary
    columns among them fill their fields (whatever stage their header names), and ``other_vnd``
    comes from the one column of a source outside those two ("Nguồn khác", "Vốn xã hội hóa",
    "Ngân sách trung ương"). Where several such columns make up the rest, ``other_vnd``
    stays empty and a finding says why (v1 has one field for all of them)."""
    by_key = {column.key: column for column in columns}
    total = next((c for c in columns if c.v1_field == "total_vnd"), None)
    if total is None:
        return columns, None
    identity = next(
        (i for i in identities if i.kind == "columns" and i.kept and i.result == total.key),
        None,
    )
    if identity is None:
        return columns, None
    # The total's parts, shown by the figures: a provincial or beneficiary column the header put
    # under another stage ("Kinh phí năm kế hoạch / NS tỉnh" beside "Dự toán giao") fills its field.
    taken = {c.v1_field for c in columns if c.v1_field}
    for term in identity.terms:
        part = by_key.get(term)
        field = _V1_BY_ROLE.get(part.role or "") if part is not None else None
        if part is not None and part.v1_field is None and field in _PART_FIELDS and field not in taken:
            by_key[term] = part.model_copy(update={"v1_field": field})
            taken.add(field)
    columns = [by_key[c.key] for c in columns]
    outside = [by_key[t] for t in identity.terms if t in by_key and by_key[t].role in _OTHER_SOURCES]
    if any(by_key[t].v1_field is None and by_key[t].role not in _OTHER_SOURCES for t in identity.terms if t in by_key):
        return columns, None  # a part of the total whose role is unknown: the rest is not known either
    if len(outside) == 1:
        return [c.model_copy(update={"v1_field": "other_vnd"}) if c is outside[0] else c for c in columns], None
    if not outside:
        return columns, None
    labels = ", ".join(f"'{c.label}'" for c in outside)
    finding = Finding(
        severity="info",
        code="other-sources-not-in-v1",
        message=f"the total is the sum of its sources, and {len(outside)} of them ({labels}) are neither the "
        "provincial budget nor the beneficiary's: other_vnd is left empty; their amounts are in each row's amounts",
    )
    return columns, finding


def printed_total(totals: DraftRow | None, model: TableModel, multiplier: int) -> Decimal | None:
    """The grand total row's total as read by position, as printed in the table's unit (đồng per
    unit: ``multiplier``), for the unit check against the narrative, where the table has one
    total column. The row holds it in đồng: a total read in nghìn đồng was multiplied already."""
    fields = v1_fields_of(model.columns)
    key = next((key for key, field in fields.items() if field == "total_vnd"), None)
    if totals is None or key is None or key not in totals.money or dict(model.columns)[key].multiplier:
        return None  # no total, or one that prints its own unit
    return Decimal(totals.money[key]) / multiplier


def unknown_role_findings(columns: Sequence[Column], identities: Sequence[Identity] = ()) -> list[Finding]:
    """A money column whose header names no role, no stage and no period: its amounts are kept
    under the label as printed, and no v1 field is filled from it; the document says so. Where
    the table's sums show it is a part of another column, that is said instead, as information."""
    labels = {column.key: column.label for column in columns}
    part_of = {term: i.result for i in identities if i.kept and i.kind == "columns" for term in i.terms}
    findings = []
    for column in columns:
        if column.kind != "money" or column.role is not None or column.stage or column.period:
            continue
        whole = part_of.get(column.key)
        shown = (
            f"the table's sums show it is a part of '{labels.get(whole, whole)}'"
            if whole
            else "the table's sums do not show one"
        )
        findings.append(
            Finding(
                severity="info" if whole else "warning",
                code="column-role-unknown",
                message=f"the money column '{column.label}' is read as printed: its header names no role vnplan "
                f"knows (total, a funding source …) and {shown}, so it fills no v1 amount field (its amounts "
                "are in each row's amounts)",
                field=column.key,
            )
        )
    return findings


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
