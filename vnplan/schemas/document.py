"""The output contract (schema_version 2): one ``PlanDocument`` per input file.

Every field carries its description so that ``vnplan schema`` explains itself.
Amounts always leave the program as integer đồng (``*_vnd``, ``value_vnd``), whatever unit the table printed.

Version 2 reads any budget table: the document lists its ``columns`` (read from the header) and
the ``identities`` its numbers were found to obey, and every row lists its ``amounts`` (one per
money cell) and ``quantities`` (other numbers, with their units). The four v1 amount fields stay,
filled where the table has those roles, so that v1 readers keep working; a v1 document (no
columns, no amounts) is still valid.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from vnplan.schemas.roles import V1_AMOUNT_FIELDS, V1_MONTH_FIELDS, ColumnKind

if TYPE_CHECKING:
    import pandas as pd

SCHEMA_VERSION: Literal[2] = 2

# The four money columns of a v1 budget row, in the order of the identity total = provincial + beneficiary + other.
AMOUNT_FIELDS = V1_AMOUNT_FIELDS

# The long table of money cells (``amounts.csv``): field -> description (also the data package's).
AMOUNTS_FRAME_FIELDS: dict[str, str] = {
    "row": "1-based position of the row in its document's items",
    "code": "Row number as printed: 'II', '2', '2.1'",
    "path": "Codes from the top of the table down to the row: 'A/II/3'",
    "title": "Name of the row (Tên đề án / Nội dung / Danh mục)",
    "column": "Key of the column within its document",
    "label": "The column's header as printed (levels joined with ' / ')",
    "role": "What the column is: total, a funding source, total_investment, unit_price, amount …",
    "stage": "Stage of the budget cycle the header names: plan, estimate, accumulated …",
    "period": "Period the header names: '2021', '2021-2025', 'until 31/12/2020'",
    "value_vnd": "Amount in integer đồng",
    "inferred": "True when the amount was filled by arithmetic, not read",
}

SourceKind = Literal["text", "digital_pdf", "scanned_pdf", "image", "docx", "xlsx", "xls"]
RowKind = Literal["group", "section", "item"]
Severity = Literal["error", "warning", "info"]
Status = Literal["ok", "partial", "failed"]

Vnd = Annotated[int | None, Field(description="Amount in integer đồng; null where the table prints nothing")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Stamp(_Model):
    """Who did something by hand, and when."""

    by: Annotated[str, Field(description="The reviewer's name (vnplan serve --reviewer)")]
    at: Annotated[datetime, Field(description="When, ISO 8601 with its UTC offset")]


class Correction(_Model):
    field: Annotated[str, Field(description="Name of the row field that was changed, e.g. 'title'")]
    before: Annotated[str, Field(description="Text as read from the source (or as it stood before a reviewer's edit)")]
    after: Annotated[str, Field(description="Text after the change")]
    reason: Annotated[
        str, Field(description="Why the change was made (rule and evidence); 'reviewed' for a reviewer's edit")
    ]
    by: Annotated[
        str | None, Field(description="The reviewer who made the change; null for vnplan's automatic repairs")
    ] = None
    at: Annotated[
        datetime | None, Field(description="When the reviewer made the change; null for automatic repairs")
    ] = None


class CellBox(_Model):
    page: Annotated[int, Field(ge=1, description="1-based page the cell was read from")]
    field: Annotated[str, Field(description="Row field the cell's content went to ('code', 'title', 'total_vnd' …)")]
    x0: Annotated[float, Field(description="Left edge, in page points (1/72 inch; pixels for image files)")]
    top: Annotated[float, Field(description="Top edge, measured from the top of the page")]
    x1: Annotated[float, Field(description="Right edge")]
    bottom: Annotated[float, Field(description="Bottom edge, measured from the top of the page")]
    confidence: Annotated[
        float | None, Field(description="OCR confidence of the cell's text (0–1); null when not OCRed")
    ] = None
    reread: Annotated[
        bool, Field(description="True when OCR read the cell a second time because it failed validation")
    ] = False


class Amount(_Model):
    column: Annotated[str, Field(description="Key of the column (see the document's columns)")]
    label: Annotated[str, Field(description="The column's header as printed (levels joined with ' / ')")]
    value_vnd: Annotated[int, Field(description="Amount in integer đồng")]
    inferred: Annotated[bool, Field(description="True when filled by arithmetic (an identity), not read")] = False


class Quantity(_Model):
    column: Annotated[str, Field(description="Key of the column (see the document's columns)")]
    label: Annotated[str, Field(description="The column's header as printed")]
    value: Annotated[float, Field(description="The number as printed (a count, a quantity, a percent, a score)")]
    unit: Annotated[str | None, Field(description="Its unit as printed: '%', 'người', 'ha'; null where none is")] = None


class Row(_Model):
    code: Annotated[str | None, Field(description="Row number as printed: 'II', '2', '2.1'")] = None
    kind: Annotated[RowKind, Field(description="group (I, II…), section, or item, from the numbering pattern")]
    parent_code: Annotated[str | None, Field(description="Code of the enclosing group or section")] = None
    path: Annotated[
        str | None, Field(description="Codes from the top of the table down to this row: 'A/II/3' ('?' for no code)")
    ] = None
    title: Annotated[str, Field(description="Name of the programme item (Tên đề án / Nội dung)")]
    implementing_unit: Annotated[str | None, Field(description="Đơn vị thực hiện")] = None
    objective: Annotated[str | None, Field(description="Mục tiêu và nội dung chính")] = None
    expected_result: Annotated[str | None, Field(description="Dự kiến kết quả đạt được")] = None
    start_month: Annotated[int | None, Field(ge=1, le=12, description="Bắt đầu (tháng), 1–12")] = None
    end_month: Annotated[int | None, Field(ge=1, le=12, description="Kết thúc (tháng), 1–12")] = None
    total_vnd: Vnd = None
    provincial_budget_vnd: Vnd = None
    beneficiary_vnd: Vnd = None
    other_vnd: Vnd = None
    amounts: Annotated[
        list[Amount], Field(description="Every money cell of the row, by column, in integer đồng (schema v2)")
    ] = []
    quantities: Annotated[
        list[Quantity], Field(description="Numbers of the row that are not money, with their units (schema v2)")
    ] = []
    notes: Annotated[str | None, Field(description="Ghi chú, without the legal references' list markers")] = None
    legal_refs: Annotated[
        list[str], Field(description="Legal documents cited in the row, by number: '53/2018/QĐ-UBND'")
    ] = []
    pages: Annotated[list[int], Field(description="1-based pages (or table fragments) the row was read from")] = []
    confidence: Annotated[float, Field(ge=0, le=1, description="How sure vnplan is of this row (0–1)")] = 1.0
    corrections: Annotated[list[Correction], Field(description="Every automatic change to the row's text")] = []
    inferred: Annotated[list[str], Field(description="Amount fields filled by arithmetic, not read")] = []
    cells: Annotated[
        list[CellBox],
        Field(description="Where the row's cells sit on their pages (PDF and image sources; empty for text exports)"),
    ] = []
    verified: Annotated[
        Stamp | None, Field(description="Set when a reviewer checked the row against the source: by whom, when")
    ] = None


class Suggestion(_Model):
    """A reading that would make a failed sum agree. Only suggested: the data keeps the printed value
    until a reviewer takes it."""

    row_index: Annotated[int, Field(ge=0, description="Position in items (from 0) of the row the reading is for")]
    row_code: Annotated[str | None, Field(description="Code of that row")] = None
    field: Annotated[str, Field(description="Amount field the reading is for")]
    value: Annotated[int, Field(description="The suggested amount, in đồng")]
    reason: Annotated[str, Field(description="Why: 'a one-digit OCR slip', 'a lost decimal comma'")]


# Findings that name a row and no field, and put every amount of that row in doubt: its amounts
# do not add up and any may be misread, they are in a unit the table makes unlikely, they belong to
# no identifiable item, or an inference or a reading the row's sum chose rests on them all. A
# row-wide finding about something else (its code, its confidence, numbers left out) doubts no
# amount: a reviewer looking for the amounts to check is sent to the fields these name.
ROW_AMOUNT_DOUBTS = frozenset(
    {
        "row-amounts-in-doubt",
        "amount-unit-unknown",
        "amount-unit-inferred",
        "amount-unit-contradicted",
        "row-unidentified",
        "sum-broken",
        "sum-left-open",
        "inferred-amount-refuted",
        "amount-second-reading",
        "ratio-mismatch",
    }
)


class Finding(_Model):
    severity: Annotated[Severity, Field(description="error: data is wrong or missing; warning: doubt; info: a check")]
    code: Annotated[str, Field(description="Stable kebab-case identifier, e.g. 'section-sum-mismatch'")]
    message: Annotated[str, Field(description="Human-readable explanation")]
    row_code: Annotated[str | None, Field(description="Code of the row concerned")] = None
    field: Annotated[str | None, Field(description="Field concerned")] = None
    pages: Annotated[list[int], Field(description="Pages concerned")] = []
    expected: Annotated[str | int | None, Field(description="Value the check expected")] = None
    actual: Annotated[str | int | None, Field(description="Value found in the document")] = None
    suggestion: Annotated[
        Suggestion | None, Field(description="A reading that would make this check pass, where exactly one does")
    ] = None
    row_index: Annotated[
        int | None,
        Field(
            ge=0,
            description="0-based position in items of the row concerned: names it even where it has no code, "
            "or shares its code with another row",
        ),
    ] = None
    # The row object a finding was made about, until its position in the table is known (name_rows)
    _row: Row | None = PrivateAttr(default=None)

    @classmethod
    def about(cls, row: Row, **fields: Any) -> Finding:
        """A finding about one row: its code and pages filled in, the row itself remembered so that
        :func:`name_rows` can set ``row_index`` once the table's rows are final."""
        fields.setdefault("pages", row.pages)
        finding = cls(row_code=row.code, **fields)
        finding._row = row
        return finding

    def is_about(self, row: Row) -> bool:
        """True for a finding made with :meth:`about` this very row (before :func:`name_rows`)."""
        return self._row is row

    def about_the_same_row(self, other: Finding) -> bool:
        """True where both findings name the same row: by the row itself before :func:`name_rows`
        (when no position is known yet), by position after."""
        return self._row is other._row and self.row_index == other.row_index


def name_rows(findings: Sequence[Finding], rows: Sequence[Row]) -> None:
    """Set ``row_index`` on every finding made with :meth:`Finding.about` one of ``rows``."""
    position = {id(row): index for index, row in enumerate(rows)}
    for finding in findings:
        if finding._row is not None and id(finding._row) in position:
            finding.row_index = position[id(finding._row)]
        # Named now (or about a row not in this table): the reference has done its work, and
        # pydantic compares private attributes, so two findings alike in every field must be equal.
        finding._row = None


class PageRecord(_Model):
    page: Annotated[int, Field(ge=1, description="1-based page (or table fragment of a text export)")]
    reader: Annotated[str, Field(description="Reader used: text, pdfplumber, tesseract, tcvn3, vni, docx, xlsx …")]
    route: Annotated[
        str, Field(description="Why that reader: 'text layer kept', 'no text layer', 'scanner OCR layer replaced' …")
    ] = ""
    rotation: Annotated[
        int, Field(description="Clockwise degrees the page image was turned before reading (0, 90, 180, 270)")
    ] = 0
    steps: Annotated[
        list[str], Field(description="What was done to the page image before reading, in order (deskew, ink removal …)")
    ] = []


class Source(_Model):
    path: Annotated[str, Field(description="Input path as given")]
    sha256: Annotated[str, Field(description="SHA-256 of the input file")]
    kind: Annotated[SourceKind, Field(description="How the file was read")]
    pages: Annotated[int, Field(ge=0, description="Number of pages (or table fragments of a text export)")]
    page_readers: Annotated[
        list[str], Field(description="Reader used for each page: text, pdfplumber, tesseract …")
    ] = []
    page_records: Annotated[
        list[PageRecord], Field(description="Per page: the reader, why it was chosen, rotation and image steps")
    ] = []


class DocumentMeta(_Model):
    doc_type: Annotated[str | None, Field(description="Kế hoạch, Quyết định, Chương trình …")] = None
    number: Annotated[str | None, Field(description="Số hiệu: '2257/KH-UBND'")] = None
    issuer: Annotated[str | None, Field(description="Issuing body: 'Ủy ban nhân dân tỉnh Đồng Nai'")] = None
    province: Annotated[str | None, Field(description="Province or city: 'Đồng Nai'")] = None
    issued_on: Annotated[date | None, Field(description="Date of issue (ISO)")] = None
    year: Annotated[int | None, Field(description="Plan year")] = None
    title: Annotated[str | None, Field(description="Document title")] = None
    signer: Annotated[str | None, Field(description="Name of the signer")] = None
    signer_title: Annotated[str | None, Field(description="Signer's position: 'Phó Chủ tịch'")] = None
    legal_bases: Annotated[list[str], Field(description="The 'Căn cứ …' paragraphs, one per entry")] = []


class Column(_Model):
    key: Annotated[str, Field(description="Stable key of the column within the document: 'total', 'plan_2021' …")]
    label: Annotated[str, Field(description="The header as printed; levels of a multi-row header joined with ' / '")]
    kind: Annotated[
        ColumnKind,
        Field(
            description="What the cells hold: code, text, money, quantity, percent, month, period, or mixed "
            "(each row states its unit in a ĐVT column)"
        ),
    ]
    role: Annotated[
        str | None,
        Field(
            description="What the column is, where known: total, a funding source (provincial_budget, "
            "central_budget, district_budget, commune_budget, beneficiary, loan, socialized, integrated, other), "
            "total_investment, quantity, count, unit_price, amount, percent, score, title, notes …"
        ),
    ] = None
    stage: Annotated[
        str | None,
        Field(
            description="Stage of the budget cycle the header names: plan, estimate, allocated, estimated_actual, "
            "actual, disbursed, accumulated, in_month, settlement"
        ),
    ] = None
    period: Annotated[
        str | None, Field(description="Period the header names: '2021', '2021-2025', 'until 31/12/2020'")
    ] = None
    unit: Annotated[
        str | None, Field(description="Unit as printed ('triệu đồng', '%', 'người'); 'per row' from a ĐVT column")
    ] = None
    multiplier: Annotated[int | None, Field(description="Đồng per printed unit, for money columns")] = None
    v1_field: Annotated[
        str | None, Field(description="The v1 row field this column fills (total_vnd …), where it fills one")
    ] = None


class Identity(_Model):
    kind: Annotated[
        Literal["columns", "product", "ratio", "rows"],
        Field(
            description="columns: a column is the sum of others on each row; product: quantity × unit price = "
            "amount; ratio: a percent column = its first term ÷ its second × 100; rows: a parent row is the sum "
            "of its children in a column"
        ),
    ]
    expression: Annotated[str, Field(description="The identity in words: 'total = provincial_budget + beneficiary'")]
    result: Annotated[str, Field(description="Key of the column on the left side")]
    terms: Annotated[list[str], Field(description="Keys of the columns on the right side")] = []
    tested: Annotated[int, Field(ge=0, description="Rows (or parents) where every term is printed")]
    held: Annotated[int, Field(ge=0, description="Of those, where the identity holds exactly")]
    kept: Annotated[
        bool,
        Field(description="True when it holds on nearly all: only kept identities infer amounts or raise sum findings"),
    ]


class PlainTable(_Model):
    pages: Annotated[list[int], Field(description="1-based pages the table was read from")]
    columns: Annotated[list[Column], Field(description="Its columns, read from its header")] = []
    rows: Annotated[list[list[str]], Field(description="Each row's cells as printed, in column order")] = []
    status: Annotated[Status, Field(description="ok: read whole; partial: rows may be missing; failed: unreadable")] = (
        "ok"
    )


class NumberConvention(_Model):
    """How the document's figures mark thousands and decimals, where a reading depended on it."""

    style: Annotated[
        Literal["vi", "en"],
        Field(description="vi: '.' groups thousands, ',' marks decimals (1.073.000, 4.050,8); en: the other way "
              "round (2,096,584,751, 12.5)"),
    ]  # fmt: skip
    detected: Annotated[
        bool, Field(description="True: settled by numbers only this convention prints; false: assumed (nothing did)")
    ]
    evidence: Annotated[str, Field(description="The numbers that settled it, counted, with examples")]
    read_by_it: Annotated[
        list[str],
        Field(description="Cells as printed with one separator and three digits ('225,500', '1.500') that mean "
              "1000 times more or less under the other convention: read by this one"),
    ] = []  # fmt: skip


class Totals(_Model):
    total_vnd: Vnd = None
    provincial_budget_vnd: Vnd = None
    beneficiary_vnd: Vnd = None
    other_vnd: Vnd = None
    corrections: Annotated[list[Correction], Field(description="Reviewers' changes to the grand total")] = []


class Decision(_Model):
    """A reviewer took or turned down a suggested reading (or an automatic amount repair)."""

    finding: Annotated[str, Field(description="Code of the finding that made the suggestion")]
    row_index: Annotated[int, Field(ge=0, description="Position in items of the row concerned")]
    field: Annotated[str, Field(description="Amount field concerned")]
    value: Annotated[int, Field(description="The suggested (or repaired) amount, in đồng")]
    accepted: Annotated[bool, Field(description="True: the reading was taken (or the repair kept); false: turned down")]
    by: Annotated[str, Field(description="The reviewer")]
    at: Annotated[datetime, Field(description="When")]


class Review(_Model):
    signed_off: Annotated[
        Stamp | None, Field(description="Set when a reviewer signed the document off: by whom, when")
    ] = None
    decisions: Annotated[list[Decision], Field(description="Suggested readings taken or turned down")] = []


_NOT_IN_TABLE = {"cells", "verified", "amounts", "quantities"}


class PlanDocument(_Model):
    schema_version: Annotated[Literal[1, 2], Field(description="Version of this output contract (1 is still read)")] = (
        SCHEMA_VERSION
    )
    source: Source
    document: DocumentMeta = DocumentMeta()
    amount_unit: Annotated[str | None, Field(description="Unit as printed: 'ngàn đồng', 'triệu đồng'")] = None
    number_convention: Annotated[
        NumberConvention | None,
        Field(description="How the figures group thousands, where some figure could be read both ways"),
    ] = None
    columns: Annotated[list[Column], Field(description="The budget table's columns, read from its header (v2)")] = []
    identities: Annotated[
        list[Identity], Field(description="Arithmetic tested on the table's numbers, and whether it holds (v2)")
    ] = []
    items: Annotated[list[Row], Field(description="Rows of the budget table in document order")] = []
    totals: Annotated[Totals, Field(description="Grand total row as printed")] = Totals()
    total_amounts: Annotated[
        list[Amount], Field(description="Grand total row as printed, every money column (v2)")
    ] = []
    plain_tables: Annotated[
        list[PlainTable],
        Field(description="Tables with no money column (scores, counts, statistics), kept as read, not as budget rows"),
    ] = []
    findings: Annotated[list[Finding], Field(description="Checks, doubts and errors")] = []
    status: Annotated[Status, Field(description="ok: complete and consistent; partial: usable with doubts")] = "ok"
    review: Annotated[
        Review, Field(description="A person's review (vnplan serve): sign-off and decisions; edits are corrections")
    ] = Review()

    def amounts_frame(self) -> pd.DataFrame:
        """Every money cell, one per line (long form, for pivoting any table): the row's position,
        code, path and title, the column's key, printed label, role, stage and period, the amount."""
        import pandas as pd

        columns = {column.key: column for column in self.columns}
        records = []
        for number, row in enumerate(self.items, start=1):
            for amount in row.amounts:
                column = columns.get(amount.column)
                records.append(
                    {
                        "row": number,
                        "code": row.code,
                        "path": row.path,
                        "title": row.title,
                        "column": amount.column,
                        "label": amount.label,
                        "role": column.role if column else None,
                        "stage": column.stage if column else None,
                        "period": column.period if column else None,
                        "value_vnd": amount.value_vnd,
                        "inferred": amount.inferred,
                    }
                )
        frame = pd.DataFrame.from_records(records, columns=list(AMOUNTS_FRAME_FIELDS))
        frame["row"] = frame["row"].astype("Int64")
        frame["value_vnd"] = frame["value_vnd"].astype("Int64")
        frame["inferred"] = frame["inferred"].astype("boolean")
        for name in ("code", "path", "title", "column", "label", "role", "stage", "period"):
            frame[name] = frame[name].astype("string")
        return frame

    def items_frame(self) -> pd.DataFrame:
        """The rows as a pandas DataFrame: amounts as nullable integers, codes as strings."""
        import pandas as pd

        # Cell boxes are layout provenance for the review page, and the verified stamp review state,
        # not data: they stay out of the table (the document JSON and the batch report carry them),
        # and so do the long lists of amounts and quantities (the batch writes them as amounts.csv).
        columns = [name for name in Row.model_fields if name not in _NOT_IN_TABLE]
        records = [row.model_dump(exclude=_NOT_IN_TABLE) for row in self.items]
        frame = pd.DataFrame.from_records(records, columns=columns)
        for name in (*AMOUNT_FIELDS, *V1_MONTH_FIELDS):
            frame[name] = frame[name].astype("Int64")
        frame["code"] = frame["code"].astype("string")
        return frame
