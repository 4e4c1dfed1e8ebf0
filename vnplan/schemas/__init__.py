"""Pydantic models of everything that leaves vnplan (output contract, schema_version 1)."""

from vnplan.schemas.document import (
    AMOUNT_FIELDS,
    SCHEMA_VERSION,
    CellBox,
    Correction,
    DocumentMeta,
    Finding,
    PageRecord,
    PlanDocument,
    Row,
    RowKind,
    Severity,
    Source,
    SourceKind,
    Status,
    Totals,
)

__all__ = [
    "AMOUNT_FIELDS",
    "SCHEMA_VERSION",
    "CellBox",
    "Correction",
    "DocumentMeta",
    "Finding",
    "PageRecord",
    "PlanDocument",
    "Row",
    "RowKind",
    "Severity",
    "Source",
    "SourceKind",
    "Status",
    "Totals",
]
