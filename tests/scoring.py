"""Score a vnplan output document against a hand-made truth file (samples/truth/*.truth.json).

Plain functions, no vnplan imports: the scorer judges the product from the outside, through the
output contract only (DESIGN.md, "Output contract").

    score = score_document(doc, truth)      # doc: output JSON, truth: truth JSON (both dicts)
    print(score.summary())

CLI:  .venv/bin/python -m tests.scoring OUT.json TRUTH.json [--json]

Rows are matched one to one, greedily best-first on a similarity of code, title (rapidfuzz
ratio) and amounts; a pair needs a similarity of at least MIN_SIMILARITY. Counting rules:

- amounts: the four *_vnd fields (minus the truth's ``absent_columns``). A field counts when the
  truth or the output has a value; every amount of a truth row that found no partner counts as
  wrong. ``null`` on both sides is not counted. ``0`` and ``null`` differ.
- months: start_month / end_month, same rules.
- text_similarity: mean rapidfuzz ratio / 100 over title, implementing_unit, objective,
  expected_result, notes of matched rows (NFC, case-folded, whitespace collapsed); a field empty on
  both sides is skipped.
- findings: expected_findings codes that no output finding carries are ``missing_finding_codes``;
  output codes the truth does not expect are listed as ``extra_finding_codes`` (informational).
- wrong amounts, under the strict rule: every amount the output holds that is not the truth's
  (on a matched row, or any amount on an output row that matches no truth row) is *present and
  wrong*; it counts as flagged only if an error or warning finding names that row's code and that
  field, or names that row with no field and says every amount of the row is in doubt
  (``ROW_AMOUNT_DOUBTS``), on a page of the row when both carry pages (item codes restart per
  section, so "1" alone names several rows). A finding on the parent row, on the grand total, or
  on the row about something else than its amounts (an inferred code, a duplicate code, low
  confidence) does not flag it; an amount no finding flags is *silent*. A null where the truth has a number is not present (it is counted as not
  exact, never as silent). A finding on a table read by its column model names an amount by its
  column's key ("total"); the document's ``columns`` say which v1 field that column fills
  ("total_vnd"), and the finding names that field.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

AMOUNT_FIELDS: tuple[str, ...] = ("total_vnd", "provincial_budget_vnd", "beneficiary_vnd", "other_vnd")
MONTH_FIELDS: tuple[str, ...] = ("start_month", "end_month")
TEXT_FIELDS: tuple[str, ...] = ("title", "implementing_unit", "objective", "expected_result", "notes")
DOCUMENT_FIELDS: tuple[str, ...] = ("doc_type", "number", "province", "issued_on", "year", "signer")

W_CODE, W_TITLE, W_AMOUNTS = 0.35, 0.45, 0.20
MIN_SIMILARITY = 0.45
# A finding that names a row but no field flags the row's amounts only where it says that every
# amount of the row is in doubt: its amounts do not add up and any may be misread, they are read in
# a unit the table makes unlikely, they belong to no identifiable item, an inference or a reading
# the row's sum chose rests on its other amounts. A row-wide warning about something else (its code
# was inferred or breaks the numbering, its confidence is low, a code cell is unread, numbers were
# left out) names no amount, and does not flag one: the strict rule asks for that row and that field.
# The product states the same set (``vnplan.schemas.ROW_AMOUNT_DOUBTS``; the scorer keeps its own
# copy, judging from the outside, and a test holds the two equal).
ROW_AMOUNT_DOUBTS: frozenset[str] = frozenset(
    {
        "row-amounts-in-doubt",
        "amount-unit-unknown",
        "amount-unit-inferred",
        "row-unidentified",
        "sum-broken",
        "sum-left-open",
        "inferred-amount-refuted",
        "amount-second-reading",
        "amount-unit-contradicted",
        "ratio-mismatch",
    }
)

Row = dict[str, Any]


@dataclass
class WrongAmount:
    """An amount the output holds that is not the truth's, and the finding that flags it ('' if none)."""

    label: str  # the truth row's label, or the output row's when it matched none
    field: str
    expected: int | None  # None on an output row that matches no truth row
    got: int
    pages: list[int] = field(default_factory=list)
    flag: str = ""
    on_extra_row: bool = False
    inferred: bool = False  # the output says it filled this amount by arithmetic

    @property
    def silent(self) -> bool:
        return not self.flag

    def line(self) -> str:
        where = f" p.{','.join(map(str, self.pages))}" if self.pages else ""
        row = "extra row " if self.on_extra_row else "row "
        verdict = f"flagged ({self.flag})" if self.flag else "SILENT"
        return (
            f"{row}{self.label}{where} {self.field}: expected {fmt_amount(self.expected)}, "
            f"got {fmt_amount(self.got)} — {verdict}"
        )


@dataclass
class Score:
    source: str = ""
    rows_expected: int = 0
    rows_found: int = 0
    rows_matched: int = 0
    amounts_total: int = 0
    amounts_exact: int = 0
    months_total: int = 0
    months_exact: int = 0
    text_similarity: float = 0.0
    totals_total: int = 0
    totals_exact: int = 0
    document_fields_total: int = 0
    document_fields_exact: int = 0
    missing_finding_codes: list[str] = field(default_factory=list)
    extra_finding_codes: list[str] = field(default_factory=list)
    missing_rows: list[str] = field(default_factory=list)
    extra_rows: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)
    wrong: list[WrongAmount] = field(default_factory=list)  # present and wrong, strict rule
    structure_mismatches: list[str] = field(default_factory=list)
    pairs: list[tuple[int, int]] = field(default_factory=list)  # (truth row index, output row index)

    @property
    def amounts_accuracy(self) -> float:
        return self.amounts_exact / self.amounts_total if self.amounts_total else 1.0

    @property
    def months_accuracy(self) -> float:
        return self.months_exact / self.months_total if self.months_total else 1.0

    @property
    def row_recall(self) -> float:
        return self.rows_matched / self.rows_expected if self.rows_expected else 1.0

    @property
    def row_precision(self) -> float:
        return self.rows_matched / self.rows_found if self.rows_found else 1.0

    @property
    def wrong_present(self) -> int:
        return len(self.wrong)

    @property
    def wrong_silent(self) -> int:
        return sum(w.silent for w in self.wrong)

    @property
    def perfect(self) -> bool:
        return (
            self.rows_matched == self.rows_expected == self.rows_found
            and self.amounts_exact == self.amounts_total
            and self.months_exact == self.months_total
            and self.totals_exact == self.totals_total
            and not self.missing_finding_codes
        )

    def summary(self) -> str:
        def pct(a: int, b: int) -> str:
            return f"{a}/{b}" + (f" ({100 * a / b:.1f}%)" if b else "")

        lines = [
            f"{self.source or 'document'}",
            f"  rows:      {self.rows_expected} expected, {self.rows_found} found, {self.rows_matched} matched",
            f"  amounts:   {pct(self.amounts_exact, self.amounts_total)} exact",
            f"  months:    {pct(self.months_exact, self.months_total)} exact",
            f"  text:      {self.text_similarity:.3f} mean similarity",
            f"  totals:    {pct(self.totals_exact, self.totals_total)} exact",
            f"  document:  {pct(self.document_fields_exact, self.document_fields_total)} fields exact",
            f"  wrong:     {self.wrong_present} amounts present and wrong, of them silent {self.wrong_silent}"
            " (strict rule)",
            "  findings:  "
            + (
                "missing " + ", ".join(self.missing_finding_codes)
                if self.missing_finding_codes
                else "all expected codes present"
            )
            + (f"; extra {', '.join(self.extra_finding_codes)}" if self.extra_finding_codes else ""),
        ]
        for title, items in (
            ("missing rows", self.missing_rows),
            ("extra rows", self.extra_rows),
            ("mismatches", self.mismatches),
            ("silent wrong amounts", [w.line() for w in self.wrong if w.silent]),
            ("structure", self.structure_mismatches),
        ):
            if items:
                lines.append(f"  {title} ({len(items)}):")
                lines.extend(f"    - {s}" for s in items)
        lines.append("  verdict:   " + ("PERFECT" if self.perfect else "differences above"))
        return "\n".join(lines)


# --------------------------------------------------------------------------- helpers


def norm_text(value: Any) -> str:
    """NFC, case-folded, whitespace collapsed; None -> ''."""
    if value is None:
        return ""
    s = unicodedata.normalize("NFC", str(value)).casefold()
    return " ".join(s.split())


BULLETS = frozenset({"-", "–", "—", "+", "•", "*"})


def norm_code(value: Any) -> str:
    """Comparison key of a row code; a bullet printed in the code column ("-" items) is no code."""
    s = norm_text(value).upper().rstrip(".").replace(" ", "")
    return "" if s in BULLETS else s


def _printed_code(value: Any) -> str:
    """The code as a finding can name it: a "-" item is named "-" (on its page)."""
    return norm_text(value).upper().rstrip(".").replace(" ", "")


def text_ratio(a: Any, b: Any) -> float:
    return fuzz.ratio(norm_text(a), norm_text(b)) / 100.0


def fmt_amount(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, int) and not isinstance(v, bool):
        return f"{v:,}".replace(",", ".")
    return repr(v)


def row_label(row: Row) -> str:
    title = str(row.get("title") or "")
    if len(title) > 50:
        title = title[:49] + "…"
    parent = row.get("parent_code")
    code = str(row.get("code") or "?")
    where = f"{parent}/{code}" if parent else code
    return f'{where} "{title}"'


def _amount_agreement(t: Row, d: Row, fields: tuple[str, ...]) -> float:
    compared = agree = 0
    for f in fields:
        tv, dv = t.get(f), d.get(f)
        if tv is None and dv is None:
            continue
        compared += 1
        agree += tv == dv
    return agree / compared if compared else 1.0


def row_similarity(t: Row, d: Row, amount_fields: tuple[str, ...] = AMOUNT_FIELDS) -> float:
    code = 1.0 if norm_code(t.get("code")) == norm_code(d.get("code")) else 0.0
    title = text_ratio(t.get("title"), d.get("title"))
    amounts = _amount_agreement(t, d, amount_fields)
    return W_CODE * code + W_TITLE * title + W_AMOUNTS * amounts


def match_rows(
    truth_rows: list[Row], doc_rows: list[Row], amount_fields: tuple[str, ...] = AMOUNT_FIELDS
) -> list[tuple[int, int, float]]:
    """Greedy best-first one-to-one assignment: (truth index, output index, similarity)."""
    return assign_rows(truth_rows, doc_rows, lambda i, j: row_similarity(truth_rows[i], doc_rows[j], amount_fields))


def assign_rows(
    truth_rows: list[Row], doc_rows: list[Row], similarity: Callable[[int, int], float]
) -> list[tuple[int, int, float]]:
    """Greedy best-first one-to-one pairs (truth index, output index, similarity) under a row
    similarity given by position; pairs below MIN_SIMILARITY are never made."""
    candidates: list[tuple[float, int, int, int, int]] = []
    for i, t in enumerate(truth_rows):
        for j, d in enumerate(doc_rows):
            sim = similarity(i, j)
            if sim < MIN_SIMILARITY:
                continue
            same_parent = int(
                t.get("parent_code") is not None and norm_code(t.get("parent_code")) == norm_code(d.get("parent_code"))
            )
            # ties: same parent first, then the nearest position
            candidates.append((-sim, -same_parent, abs(i - j), i, j))
    candidates.sort()
    used_t: set[int] = set()
    used_d: set[int] = set()
    pairs: list[tuple[int, int, float]] = []
    for neg_sim, _, _, i, j in candidates:
        if i in used_t or j in used_d:
            continue
        used_t.add(i)
        used_d.add(j)
        pairs.append((i, j, -neg_sim))
    pairs.sort()
    return pairs


# --------------------------------------------------------------------------- the strict rule


def strict_flag(row: Row, fld: str, findings: list[dict[str, Any]], index: int | None = None) -> str:
    """The finding that flags a wrong amount of this output row under the strict rule, as
    "code on row X[, field]", or '' when none does.

    A finding flags it when it is an error or a warning, names this field (or no field, and says
    every amount of the row is in doubt: ``ROW_AMOUNT_DOUBTS``), and names
    the row: by its position (``row_index``, the row's ``index`` in the output's items), or, for a
    finding that gives no position, by the row's code and (when both carry pages) a shared page.
    A row without a code is named only by position; a "-" item by row_code "-" on its page.
    """
    code = _printed_code(row.get("code"))
    pages = set(row.get("pages") or [])
    for f in findings:
        if f.get("severity") not in ("error", "warning"):
            continue
        if f.get("field") != fld and not (f.get("field") is None and f.get("code") in ROW_AMOUNT_DOUBTS):
            continue
        if f.get("row_index") is not None:
            if f.get("row_index") != index:
                continue
        elif not code or _printed_code(f.get("row_code")) != code:
            continue
        f_pages = set(f.get("pages") or [])
        if pages and f_pages and not pages & f_pages:
            continue
        named = f", {f.get('field')}" if f.get("field") else ""
        return f"{f.get('code')} on row {f.get('row_code')}{named}"
    return ""


def findings_by_v1_field(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The document's findings with a column key in ``field`` replaced by the v1 field its column
    fills (schema v2 ``columns[].v1_field``); other fields as they are."""
    v1 = {c["key"]: c["v1_field"] for c in doc.get("columns") or [] if c.get("key") and c.get("v1_field")}
    return [{**f, "field": v1.get(f.get("field"), f.get("field"))} for f in doc.get("findings") or []]


def wrong_amounts(
    truth_rows: list[Row],
    doc_rows: list[Row],
    pairs: list[tuple[int, int]],
    findings: list[dict[str, Any]],
    amount_fields: tuple[str, ...] = AMOUNT_FIELDS,
) -> list[WrongAmount]:
    """Every amount present in the output and wrong (matched rows, then rows that match no truth
    row), each with the finding that flags it under the strict rule."""
    out: list[WrongAmount] = []
    for i, j in pairs:
        t, d = truth_rows[i], doc_rows[j]
        for f in amount_fields:
            tv, dv = t.get(f), d.get(f)
            if dv is None or tv == dv:
                continue
            flag = strict_flag(d, f, findings, j)
            inferred = f in (d.get("inferred") or [])
            out.append(WrongAmount(row_label(t), f, tv, dv, list(d.get("pages") or []), flag, False, inferred))
    matched = {j for _, j in pairs}
    for j, d in enumerate(doc_rows):
        if j in matched:
            continue
        for f in amount_fields:
            dv = d.get(f)
            if dv is None:
                continue
            flag = strict_flag(d, f, findings, j)
            inferred = f in (d.get("inferred") or [])
            out.append(WrongAmount(row_label(d), f, None, dv, list(d.get("pages") or []), flag, True, inferred))
    return out


# --------------------------------------------------------------------------- scoring


def score_document(doc: dict[str, Any], truth: dict[str, Any]) -> Score:
    absent = set(truth.get("absent_columns") or [])
    amount_fields = tuple(f for f in AMOUNT_FIELDS if f not in absent)
    t_rows: list[Row] = list(truth.get("rows") or [])
    d_rows: list[Row] = list(doc.get("items") or [])

    sc = Score(source=str(truth.get("source") or (doc.get("source") or {}).get("path") or ""))
    sc.rows_expected = len(t_rows)
    sc.rows_found = len(d_rows)

    pairs = match_rows(t_rows, d_rows, amount_fields)
    sc.rows_matched = len(pairs)
    sc.pairs = [(i, j) for i, j, _ in pairs]
    matched_t = {i for i, _, _ in pairs}
    matched_d = {j for _, j, _ in pairs}

    sims: list[float] = []
    for i, j, _ in pairs:
        t, d = t_rows[i], d_rows[j]
        label = row_label(t)
        printed = t.get("printed_vnd") or {}
        for f in amount_fields:
            tv, dv = t.get(f), d.get(f)
            if tv is None and dv is None:
                continue
            sc.amounts_total += 1
            if tv == dv:
                sc.amounts_exact += 1
            else:
                note = ""
                if f in printed and printed[f] == dv:
                    note = " (the printed value; the truth holds the repair)"
                elif dv is None and f in (t.get("inferred") or []):
                    note = " (blank in the document; arithmetic recovers it)"
                sc.mismatches.append(f"{label} {f}: expected {fmt_amount(tv)}, got {fmt_amount(dv)}{note}")
        for f in MONTH_FIELDS:
            tv, dv = t.get(f), d.get(f)
            if tv is None and dv is None:
                continue
            sc.months_total += 1
            if tv == dv:
                sc.months_exact += 1
            else:
                sc.mismatches.append(f"{label} {f}: expected {tv}, got {dv}")
        for f in TEXT_FIELDS:
            tv, dv = norm_text(t.get(f)), norm_text(d.get(f))
            if not tv and not dv:
                continue
            sims.append(fuzz.ratio(tv, dv) / 100.0)
        for f in ("code", "kind", "parent_code"):
            tv, dv = t.get(f), d.get(f)
            same = norm_code(tv) == norm_code(dv) if f in ("code", "parent_code") else tv == dv
            if not same:
                sc.structure_mismatches.append(f"{label} {f}: expected {tv!r}, got {dv!r}")

    for i, t in enumerate(t_rows):
        if i in matched_t:
            continue
        sc.missing_rows.append(row_label(t))
        sc.amounts_total += sum(t.get(f) is not None for f in amount_fields)
        sc.months_total += sum(t.get(f) is not None for f in MONTH_FIELDS)
    sc.extra_rows = [row_label(d) for j, d in enumerate(d_rows) if j not in matched_d]
    sc.text_similarity = sum(sims) / len(sims) if sims else (1.0 if not t_rows and not d_rows else 0.0)

    # printed grand totals
    t_tot = truth.get("grand_total_vnd") or {}
    d_tot = doc.get("totals") or {}
    for f in amount_fields:
        tv, dv = t_tot.get(f), d_tot.get(f)
        if tv is None and dv is None:
            continue
        sc.totals_total += 1
        if tv == dv:
            sc.totals_exact += 1
        else:
            sc.mismatches.append(f"totals {f}: expected {fmt_amount(tv)}, got {fmt_amount(dv)}")

    # document header fields
    t_doc = truth.get("document") or {}
    d_doc = doc.get("document") or {}
    for f in DOCUMENT_FIELDS:
        if t_doc.get(f) is None:
            continue
        sc.document_fields_total += 1
        if norm_text(t_doc.get(f)) == norm_text(d_doc.get(f)):
            sc.document_fields_exact += 1
        else:
            sc.structure_mismatches.append(f"document {f}: expected {t_doc.get(f)!r}, got {d_doc.get(f)!r}")

    sc.wrong = wrong_amounts(t_rows, d_rows, sc.pairs, findings_by_v1_field(doc), amount_fields)

    expected_codes = list(dict.fromkeys(truth.get("expected_findings") or []))
    found_codes = list(dict.fromkeys(str(f.get("code")) for f in doc.get("findings") or [] if f.get("code")))
    sc.missing_finding_codes = [c for c in expected_codes if c not in found_codes]
    sc.extra_finding_codes = [c for c in found_codes if c not in expected_codes]
    return sc


def load_json(path: str | Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.scoring", description=__doc__.split("\n")[0])
    ap.add_argument("output", help="a vnplan output document (OUT/<stem>.json)")
    ap.add_argument("truth", help="its truth file (samples/truth/<stem>.truth.json)")
    ap.add_argument("--json", action="store_true", help="print the score as JSON instead of the summary")
    args = ap.parse_args(argv)
    score = score_document(load_json(args.output), load_json(args.truth))
    if args.json:
        print(json.dumps(asdict(score), ensure_ascii=False, indent=1))
    else:
        print(score.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
