"""What a generated document is made of, and how its truth is written.

A document holds one table. Each column knows its header levels as printed (the label is the levels
joined with " / ", as the schema v2 contract prints a multi-row header), its kind, its unit and the
number of đồng one printed unit is worth. Each row holds the printed values as Decimal, in the
column's (or the row's) unit; the truth converts money to integer đồng.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

# kinds a column (or, under a per-row ĐVT column, a cell) can have
MONEY, QUANTITY, COUNT, PERCENT, YEAR, TEXT, SCORE = "money", "quantity", "count", "percent", "year", "text", "score"
PER_ROW = "per_row"  # the row's own ĐVT cell decides

# v1's four amount fields, where a column plays that role (issue 11: "filled only where the table has those roles")
V1_TOTAL, V1_PROVINCIAL, V1_BENEFICIARY, V1_OTHER = "total_vnd", "provincial_budget_vnd", "beneficiary_vnd", "other_vnd"

MULTIPLIER = {"đồng": 1, "nghìn đồng": 1_000, "triệu đồng": 1_000_000, "tỷ đồng": 1_000_000_000}


@dataclass(frozen=True)
class Formula:
    """How a derived column is computed from the same row's other columns; recorded in the truth
    as one of the identities the table obeys."""

    op: str  # "sum" | "difference" (first − second) | "product" | "ratio" (first / second × 100)
    terms: tuple[str, ...]  # column labels
    places: int = 0  # decimals kept by a ratio

    def __call__(self, v: dict[str, Decimal | None]) -> Decimal | None:
        nums = [v.get(t) for t in self.terms]
        known = [n for n in nums if isinstance(n, Decimal)]
        if self.op == "sum":
            return sum(known, Decimal(0)) if known else None
        if len(known) != 2:
            return None
        a, b = known
        if self.op == "difference":
            return a - b
        if self.op == "product":
            return a * b
        return (a / b * 100).quantize(Decimal(1).scaleb(-self.places)) if b else None


@dataclass
class Column:
    levels: tuple[str, ...]  # header cells from the top row down, as printed
    kind: str
    unit: str | None = None  # canonical money unit (a MULTIPLIER key) or the printed non-money unit
    places: int = 0  # decimals printed
    role: str | None = None  # total, source:…, period:…, quantity, unit_price, amount, share, …
    v1_field: str | None = None
    agg: str = "sum"  # parent rows: "sum" of children, "blank", or "derive"
    derive: Formula | None = None  # from the row's other values

    @property
    def label(self) -> str:
        return " / ".join(self.levels)

    @property
    def multiplier(self) -> int | None:
        return MULTIPLIER.get(self.unit or "") if self.kind == MONEY else None

    @property
    def numeric(self) -> bool:
        return self.kind not in (TEXT,)


@dataclass
class Row:
    code: str | None
    title: str
    kind: str  # group | section | item | total
    parent_code: str | None = None
    path: str = ""
    values: dict[str, Any] = field(default_factory=dict)  # label -> Decimal | str | None
    unit: str | None = None  # the row's ĐVT as printed, for tables with a per-row unit column
    children: list[Row] = field(default_factory=list)


@dataclass
class Document:
    stem: str
    genre: str
    is_budget: bool
    province: str
    year: int
    issuer_line: str
    number: str
    title: str  # the document's own title (Kế hoạch …, Quyết định …)
    appendix_title: str
    unit_line: str | None  # "ĐVT: triệu đồng" above the table, or None
    columns: list[Column]
    rows: list[Row]  # flat, in printed order
    breaks: list[int]  # row indices before which the table continues on a new page
    narrative: list[str]
    code_label: str = "STT"
    title_label: str = "Nội dung"
    unit_column_label: str | None = None  # "ĐVT" when rows carry their own unit
    zero_as: str = "-"
    signer: str = ""
    notes: list[str] = field(default_factory=list)  # what is special about this document

    def header_depth(self) -> int:
        return max(len(c.levels) for c in self.columns)


def row_unit_kind(unit: str | None) -> tuple[str, int | None]:
    """(kind, multiplier) of a per-row ĐVT cell such as 'Triệu đồng', '%', 'người'."""
    u = (unit or "").strip().casefold()
    for name, mult in (("tỷ đồng", 10**9), ("triệu đồng", 10**6), ("nghìn đồng", 10**3), ("đồng", 1)):
        if u == name:
            return MONEY, mult
    if u == "%":
        return PERCENT, None
    return QUANTITY, None


def cell_kind(col: Column, row: Row) -> tuple[str, int | None]:
    if col.kind == PER_ROW:
        return row_unit_kind(row.unit)
    return col.kind, col.multiplier


def to_json_number(v: Decimal) -> int | float:
    return int(v) if v == v.to_integral_value() else float(v)


def truth_of(doc: Document, file_type: str, path: str) -> dict[str, Any]:
    """The truth file of one rendering of a document."""
    columns = []
    for c in doc.columns:
        columns.append(
            {
                "label": c.label,
                "kind": c.kind,
                "unit": c.unit,
                "multiplier": c.multiplier,
                "role": c.role,
                "v1_field": c.v1_field,
            }
        )
    rows = []
    for r in doc.rows:
        cells: dict[str, Any] = {}
        kinds: dict[str, str] = {}
        for c in doc.columns:
            v = r.values.get(c.label)
            if v is None:
                continue
            kind, mult = cell_kind(c, r)
            if c.kind == PER_ROW:
                kinds[c.label] = kind
            if kind == MONEY:
                assert mult is not None
                vnd = v * mult
                assert vnd == vnd.to_integral_value(), (doc.stem, r.title, c.label, v)
                cells[c.label] = int(vnd)
            elif isinstance(v, Decimal):
                cells[c.label] = to_json_number(v)
            else:
                cells[c.label] = v
        row: dict[str, Any] = {
            "code": r.code,
            "parent_code": r.parent_code,
            "path": r.path,
            "kind": r.kind,
            "title": r.title,
            "cells": cells,
        }
        if r.unit is not None:
            row["unit"] = r.unit
        if kinds:
            row["cell_kinds"] = kinds
        rows.append(row)
    identities = [
        {"kind": "columns", "result": c.label, "op": c.derive.op, "terms": list(c.derive.terms)}
        for c in doc.columns
        if c.derive is not None
    ]
    identities += [
        {"kind": "rows", "result": c.label, "op": "sum", "terms": []}
        for c in doc.columns
        if c.agg == "sum" and c.kind not in (TEXT, YEAR, PER_ROW) and any(r.children for r in doc.rows)
    ]
    return {
        "schema": "vnplan-genres-truth/1",
        "document": doc.stem,
        "genre": doc.genre,
        "file_type": file_type,
        "source": path,
        "is_budget": doc.is_budget,
        "province": doc.province,
        "year": doc.year,
        "unit_line": doc.unit_line,
        "columns": columns,
        "rows": rows,
        "identities": identities,
        "page_breaks_before_rows": doc.breaks,
        "notes": doc.notes,
    }
