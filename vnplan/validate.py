"""``vnplan validate``: re-check an output a person edited by hand (a document JSON or a batch items.csv).

Two passes: the output contract (pydantic), with each error as one line naming the row by its code;
then the reconciliation checks of the pipeline — checks only, nothing is inferred or changed, since
the person's edit is what is being judged.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from vnplan.normalize.hierarchy import parent_positions
from vnplan.normalize.identities import reader_v1_columns, table_checks
from vnplan.normalize.reconcile import Tree, check_sums, printed_totals
from vnplan.schemas import AMOUNT_FIELDS, Correction, Finding, PlanDocument, Row, Totals, name_rows

LIST_FIELDS = {"legal_refs": "; ", "inferred": "; ", "pages": ","}  # as vnplan.writers.documents_frame joins them
_CSV_CORRECTION_REASON = "as listed in items.csv (the reason is kept only in the document JSON)"


@dataclass
class Report:
    name: str
    problems: list[str] = field(default_factory=list)  # schema errors, one line each
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and not any(f.severity == "error" for f in self.findings)

    def lines(self) -> list[str]:
        prefix = f"{self.name}: " if self.name else ""
        out = [f"{prefix}{problem}" for problem in self.problems]
        for finding in self.findings:
            where = f" row {finding.row_code}" if finding.row_code else ""
            out.append(f"{prefix}{finding.severity} {finding.code}{where}: {finding.message}")
        return out


class UnreadableInput(Exception):
    """The file is not JSON or CSV that vnplan wrote: nothing to validate."""


def validate_path(path: Path) -> list[Report]:
    """One report per document in the file (a JSON holds one; items.csv one per ``document``)."""
    if not path.is_file():
        raise UnreadableInput(f"{path}: no such file")
    if path.suffix.lower() == ".csv":
        return csv_to_reports(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as error:
        raise UnreadableInput(f"{path}: not valid JSON ({error})") from error
    return [document_to_report(data, "")]


def document_to_report(data: Any, name: str) -> Report:
    report = Report(name)
    try:
        document = PlanDocument.model_validate(data)
    except ValidationError as error:
        items = data.get("items") if isinstance(data, dict) else None
        report.problems = schema_error_lines(error, items if isinstance(items, list) else [])
        return report
    report.findings = check_table(document)
    return report


def schema_error_lines(error: ValidationError, items: Sequence[Any]) -> list[str]:
    """One line per failing field: ``row 2.1: total_vnd: Input should be a valid integer``."""
    lines = []
    for detail in error.errors():
        location = tuple(detail["loc"])
        message = detail["msg"]
        if location[:1] == ("items",) and len(location) > 1:
            index = location[1]
            rest = ".".join(str(part) for part in location[2:]) or "(row)"
            lines.append(f"{_row_label(items, index)}: {rest}: {message}")
        else:
            lines.append(f"{'.'.join(str(part) for part in location) or '(document)'}: {message}")
    return lines


def _row_label(items: Sequence[Any], index: Any) -> str:
    """A row named by its code as the person sees it; by position where the code itself is unusable."""
    raw = items[index] if isinstance(index, int) and 0 <= index < len(items) else None
    code = raw.get("code") if isinstance(raw, dict) else None
    return f"row {code}" if isinstance(code, str) and code else f"row #{index + 1 if isinstance(index, int) else index}"


def check_table(document: PlanDocument) -> list[Finding]:
    """The checks of a whole document: under the identities its table was found to obey (schema
    v2), or under the v1 assumptions for a document that records no columns; plus parent codes
    that point nowhere."""
    if not document.columns:
        return check_document(document.items, document.totals)
    rows = [_with_v1_edits(row, document) for row in document.items]
    tree = Tree.from_parents(parent_positions(rows))
    v1_columns = reader_v1_columns(document.columns)
    findings = table_checks(rows, tree, document.totals, document.total_amounts, document.columns,
                            document.identities, v1_columns)  # fmt: skip
    findings += _unknown_parents(rows)
    name_rows(findings, rows)
    # A hand edit to a v1 field (total_vnd …) and not to its column's amount, or the other way round
    disagreements = _v1_disagreements(document.items, document)
    name_rows(disagreements, document.items)
    return findings + disagreements


def check_document(rows: list[Row], totals: Totals | None) -> list[Finding]:
    """The pipeline's sum checks on rows as they are, plus parent codes that point nowhere."""
    columns = [c for c in AMOUNT_FIELDS if any(getattr(row, c) is not None for row in rows)] or list(AMOUNT_FIELDS)
    tree = Tree.from_parents(parent_positions(rows))
    printed = printed_totals(totals) if totals is not None else None
    findings = check_sums(rows, tree, printed if printed and any(printed.values()) else None, columns)
    findings += _unknown_parents(rows)
    name_rows(findings, rows)
    return findings


def _with_v1_edits(row: Row, document: PlanDocument) -> Row:
    """The row as checked: an edit made to a v1 field (total_vnd …) stands for its column."""
    fields = {c.key: c.v1_field for c in document.columns if c.v1_field in AMOUNT_FIELDS}
    amounts = []
    for amount in row.amounts:
        field_name = fields.get(amount.column)
        value = getattr(row, field_name) if field_name else amount.value_vnd
        if value is not None:
            amounts.append(amount.model_copy(update={"value_vnd": value}))
    return row.model_copy(update={"amounts": amounts})


def _v1_disagreements(rows: Sequence[Row], document: PlanDocument) -> list[Finding]:
    fields = {c.key: c.v1_field for c in document.columns if c.v1_field in AMOUNT_FIELDS}
    findings = []
    for row in rows:
        for amount in row.amounts:
            field_name = fields.get(amount.column)
            if field_name and getattr(row, field_name) != amount.value_vnd:
                findings.append(
                    Finding.about(
                        row,
                        severity="warning",
                        code="v1-field-mismatch",
                        message=f"row {row.code or '?'}: {field_name} is {getattr(row, field_name)} but its column "
                        f"{amount.label!r} holds {amount.value_vnd} in amounts — edit both so that they agree",
                        field=field_name,
                    )
                )
    return findings


def _unknown_parents(rows: Sequence[Row]) -> list[Finding]:
    """A parent code no row above carries: an edit renamed one side only (the sums then skip the row)."""
    findings = []
    for row, parent in zip(rows, parent_positions(rows), strict=True):
        if row.parent_code and parent is None:
            findings.append(
                Finding.about(
                    row,
                    severity="warning",
                    code="unknown-parent",
                    message=f"row {row.code or '?'} names parent {row.parent_code}, but no row above has that code",
                    field="parent_code",
                )
            )
    return findings


# --- items.csv -----------------------------------------------------------------------------------


def csv_to_reports(path: Path) -> list[Report]:
    import pandas as pd

    try:
        # Everything as text: the schema, not pandas, decides what a valid amount is.
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (ValueError, UnicodeDecodeError) as error:
        raise UnreadableInput(f"{path}: not a readable CSV ({error})") from error
    if "document" not in frame.columns:
        raise UnreadableInput(f"{path}: no 'document' column — is this an items.csv written by vnplan extract?")
    reports = []
    for name, group in frame.groupby("document", sort=False):
        records = [csv_record(record) for record in group.to_dict(orient="records")]
        reports.append(rows_to_report(str(name), records))
    return reports


def csv_record(record: dict[Any, str]) -> dict[str, Any]:
    """A CSV line back into a Row's shape: blanks are nulls, joined lists split again."""
    row: dict[str, Any] = {}
    for key, value in record.items():
        name = str(key)
        if name == "document":
            continue
        text = value.strip()
        if name in LIST_FIELDS:
            row[name] = [part.strip() for part in text.split(LIST_FIELDS[name].strip()) if part.strip()]
        elif name == "corrections":
            row[name] = [_csv_correction(part) for part in text.split("; ") if part.strip()]
        else:
            row[name] = text or None
    if row.get("title") is None:
        row["title"] = ""  # a blank title cell is an empty title, which the schema allows
    if row.get("confidence") is None:
        row.pop("confidence", None)
    return row


def _csv_correction(text: str) -> dict[str, str]:
    field_name, _, change = text.partition(": ")
    before, _, after = change.partition(" -> ")
    return Correction(field=field_name, before=before, after=after, reason=_CSV_CORRECTION_REASON).model_dump()


def rows_to_report(name: str, records: list[dict[str, Any]]) -> Report:
    """Rows validated one by one, so that every bad line is reported, then the sums over the good ones."""
    report = Report(name)
    rows: list[Row] = []
    for index, record in enumerate(records):
        try:
            rows.append(Row.model_validate(record))
        except ValidationError as error:
            report.problems += _row_lines(error, record, index)
    if not report.problems:  # sums over a table with holes would report the holes twice
        report.findings = check_document(rows, None)
    return report


def _row_lines(error: ValidationError, record: dict[str, Any], index: int) -> list[str]:
    label = _row_label([record], 0) if record.get("code") else f"row #{index + 1}"
    return [
        f"{label}: {'.'.join(str(part) for part in detail['loc']) or '(row)'}: {detail['msg']}"
        for detail in error.errors()
    ]
