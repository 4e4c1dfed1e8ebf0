"""Score a vnplan output against a genres truth file (eval/genres: any budget table, schema v2 contract).

Plain functions, no vnplan imports: the product is judged through its output only.

    score = score_genre_document(doc, truth)     # doc: output JSON, truth: *.truth.json (both dicts)

CLI:  .venv/bin/python -m tests.genre_scoring OUT.json TRUTH.json [--json]

Truth (eval/genres/model.py `truth_of`): `columns` [{label, kind, unit, multiplier, role, v1_field}],
`rows` [{code, parent_code, path, kind, title, cells {label as printed: value}, cell_kinds, unit}],
`is_budget`. A row marked `optional` (working notes below a signature) counts only when the output
emits it: leaving it out is not a miss, emitting it in the wrong unit is. `rows_outside_truth: "not_money"`
says the rest of the file (other sheets: lookup lists, templates) holds no money, so amounts on
output rows that match no truth row count as non-money. Money cells are integer đồng;
other numbers as printed.

Output, read in either shape:
- **v2** (issue 11): document `columns` [{key, label, kind, unit, role…}]; row `amounts`
  [{column, label, value_vnd, inferred}]. An amount's column is found by its label (or the label of
  its column key), matched to the truth's labels fuzzily; the mapping is reported.
- **v1**: the four fields total_vnd, provincial_budget_vnd, beneficiary_vnd, other_vnd; a field
  stands for the truth column whose `v1_field` names it. Columns without a v1 role cannot be
  right in v1: `money_exact` counts them as missed, `v1_exact`/`v1_cells` counts only the
  representable ones.
Grand totals: the document's `total_amounts` (v2) or `totals` (v1) stand for the row the truth
calls `total` when no output row matched it.

Every money value the output emits on a row is classified:
- **exact / misplaced**: it is a money cell of that row's truth, in its column / in another one;
- **non-money as money**: its column is not money in the truth (a %, a count, a score, a year, a
  row whose ĐVT is not a currency), or its value is a reading of such a cell (51,8 % -> 52 đồng);
  in a document whose truth has no budget table, every emitted amount;
- **zero for blank**: 0 where the truth cell is empty; **zero for an amount**: 0 where it is not;
- **wrong unit**: a money cell of that row's truth times 10^±3, ±6 or ±9 (a unit not applied);
- **invented**: any other value: in no cell of that row's truth (`invented_inferred` those the
  output marks as inferred). Wrong-unit values are in no cell either; they are kept apart because
  their cause differs, and a reader of the figures should add them when asking "how many amounts
  that no cell holds".
Identities (v2): the column identities the output keeps (`identities`, kind "columns" for sums,
"product" for quantity × unit price) are compared with the truth's (total = sources, amount =
quantity × unit price, remaining = plan − given, …) by operation, result and set of terms; a
difference r = a − b is compared as the sum a = r + b it is equivalent to. Its row
identities ("each parent row = the sum of the rows under it") with the columns whose parents sum
their children; a kept identity that is not true of the printed table is a **false identity**.

Rows are matched one to one on code, title and the share of their money values found (in any
unit), with tests/scoring.py's weights (`match_genre_rows`).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from tests.scoring import W_AMOUNTS, W_CODE, W_TITLE, assign_rows, norm_code, text_ratio

V1_FIELDS = ("total_vnd", "provincial_budget_vnd", "beneficiary_vnd", "other_vnd")
MONEY = "money"
MIN_LABEL_SCORE = 80  # rapidfuzz ratio of normalised labels for a column pair
MIN_LEAF_SCORE = 60  # … and of their last header levels
EXAMPLES_PER_CLASS = 3


@dataclass
class Emitted:
    label: str  # the column label the output gives (v2) or the v1 field name
    value: int
    inferred: bool


@dataclass
class GenreScore:
    source: str = ""
    genre: str = ""
    file_type: str = ""
    is_budget: bool = True
    schema: str = "v1"
    rows_expected: int = 0
    rows_found: int = 0
    rows_matched: int = 0
    money_cells: int = 0
    money_exact: int = 0
    v1_cells: int = 0
    v1_exact: int = 0
    emitted: int = 0
    misplaced: int = 0
    invented: int = 0
    invented_inferred: int = 0
    non_money_as_money: int = 0
    zero_for_blank: int = 0
    zero_for_amount: int = 0
    wrong_unit: int = 0
    extra_row_amounts: int = 0
    emitted_as_budget: bool = False
    column_identities: int = 0  # truth: columns computed from others (total = sources, amount = qty × price …)
    column_identities_found: int = 0  # … kept by the output (v2 `identities`)
    row_identities: int = 0  # truth: columns whose parent rows sum their children
    row_identities_found: int = 0
    false_identities: int = 0  # kept by the output, mapped to the truth's columns, and not true there
    labels_not_as_printed: int = 0  # money columns whose v2 label differs from the header as printed
    column_map: list[tuple[str, str, int]] = field(default_factory=list)  # (truth label, output label, score)
    unmapped_money_columns: list[str] = field(default_factory=list)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def note(self, cls: str, text: str) -> None:
        got = self.examples.setdefault(cls, [])
        if len(got) < EXAMPLES_PER_CLASS:
            got.append(text)

    def summary(self) -> str:
        def pct(a: int, b: int) -> str:
            return f"{a}/{b}" + (f" ({100 * a / b:.1f}%)" if b else "")

        lines = [
            f"{self.source} [{self.genre}, {self.file_type}, output {self.schema}, truth: {'budget' if self.is_budget else 'not a budget'}]",
            f"  rows:        {self.rows_expected} expected, {self.rows_found} found, {self.rows_matched} matched",
            f"  money cells: {pct(self.money_exact, self.money_cells)} exact"
            + (f"; v1-representable {pct(self.v1_exact, self.v1_cells)}" if self.schema == "v1" else ""),
            f"  emitted:     {self.emitted} amounts: {self.invented} invented ({self.invented_inferred} inferred), "
            f"{self.non_money_as_money} non-money as money, {self.wrong_unit} wrong unit, {self.misplaced} misplaced, "
            f"{self.zero_for_blank} zero for blank, {self.zero_for_amount} zero for an amount, "
            f"{self.extra_row_amounts} on extra rows",
        ]
        if self.column_map:
            lines.append("  columns:     " + "; ".join(f"{t!r} <- {o!r} ({s})" for t, o, s in self.column_map))
        if self.unmapped_money_columns:
            lines.append("  unmapped money columns: " + "; ".join(self.unmapped_money_columns))
        for cls, items in self.examples.items():
            lines.append(f"  {cls}:")
            lines.extend(f"    - {s}" for s in items)
        return "\n".join(lines)


def norm_label(s: Any) -> str:
    t = unicodedata.normalize("NFC", str(s or "")).casefold()
    for ch in "/:;()-_,.":
        t = t.replace(ch, " ")
    return " ".join(t.split())


def levels(label: str) -> list[str]:
    """A header's levels: joined with ' / ' by the v2 contract, with ': ' by some text exports."""
    return [norm_label(x) for x in re.split(r"\s*[/:]\s*", unicodedata.normalize("NFC", str(label))) if x.strip()]


def leaf_alike(t: str, o: str) -> bool:
    lt, lo = levels(t), levels(o)
    return bool(lt and lo) and fuzz.ratio(lt[-1], lo[-1]) >= MIN_LEAF_SCORE


def map_columns(truth_labels: list[str], out_labels: list[str]) -> list[tuple[str, str, int]]:
    """One-to-one pairs (truth label, output label, score).

    First, greedy best-first by rapidfuzz ratio of the normalised labels (≥ MIN_LABEL_SCORE) with
    the last header levels alike too (≥ MIN_LEAF_SCORE): 'Kế hoạch năm 2024 / Trong đó / NSTW' is
    close to '… / NSĐP' as a whole, but not the same column. Then, for what is left, an output label
    that is exactly the first or the last level(s) of one remaining truth label only (a header
    printed without its parent, or a parent without its leaf), repeated while pairs are found;
    those pairs score 0, so that a label not printed in full shows in the report."""
    cands = []
    for t in truth_labels:
        for o in out_labels:
            s = round(fuzz.ratio(norm_label(t), norm_label(o)))
            if s >= MIN_LABEL_SCORE and leaf_alike(t, o):
                cands.append((-s, t, o))
    cands.sort()
    used_t: set[str] = set()
    used_o: set[str] = set()
    pairs = []
    for neg, t, o in cands:
        if t in used_t or o in used_o:
            continue
        used_t.add(t)
        used_o.add(o)
        pairs.append((t, o, -neg))
    found = True
    while found:
        found = False
        for o in out_labels:
            if o in used_o:
                continue
            lo = levels(o)
            fits = [
                t
                for t in truth_labels
                if t not in used_t and lo and (levels(t)[: len(lo)] == lo or levels(t)[-len(lo) :] == lo)
            ]
            if len(fits) == 1:
                used_t.add(fits[0])
                used_o.add(o)
                pairs.append((fits[0], o, 0))
                found = True
    return pairs


def is_v2(doc: dict[str, Any]) -> bool:
    return doc.get("schema_version") == 2 or any("amounts" in r for r in doc.get("items") or [])


def emitted_amounts(doc: dict[str, Any], row: dict[str, Any], v2: bool) -> list[Emitted]:
    if v2:
        labels = {c.get("key"): c.get("label") for c in doc.get("columns") or []}
        out = []
        for a in row.get("amounts") or []:
            v = a.get("value_vnd")
            if isinstance(v, int) and not isinstance(v, bool):
                out.append(
                    Emitted(
                        str(a.get("label") or labels.get(a.get("column")) or a.get("column")),
                        v,
                        bool(a.get("inferred")),
                    )
                )
        return out
    inferred = set(row.get("inferred") or [])
    return [
        Emitted(f, row[f], f in inferred)
        for f in V1_FIELDS
        if isinstance(row.get(f), int) and not isinstance(row.get(f), bool)
    ]


def output_rows(
    doc: dict[str, Any], truth_rows: list[dict[str, Any]], v2: bool
) -> tuple[list[dict[str, Any]], int | None]:
    """The output's rows, plus a row made of the document's grand totals (v2 `total_amounts`, v1
    `totals`) when the truth has a total row: its index, so that it is neither 'found' nor 'extra'
    when nothing matches it."""
    rows = list(doc.get("items") or [])
    totals = doc.get("totals") or {}
    if v2:
        has_totals = bool(doc.get("total_amounts"))
    else:
        has_totals = isinstance(totals, dict) and any(isinstance(totals.get(f), int) for f in V1_FIELDS)
    if any(r.get("kind") == "total" for r in truth_rows) and has_totals:
        pseudo = dict(totals) if isinstance(totals, dict) else {}
        pseudo.update({"code": None, "title": "Tổng cộng", "kind": "total", "inferred": []})
        if v2:
            pseudo["amounts"] = list(doc.get("total_amounts") or [])
        rows.append(pseudo)
        return rows, len(rows) - 1
    return rows, None


def fmt_vnd(v: Any) -> str:
    return f"{v:,}".replace(",", ".") if isinstance(v, int) and not isinstance(v, bool) else repr(v)


UNIT_FACTORS = (10**3, 10**6, 10**9)


def unit_slip(value: int, money: set[int]) -> bool:
    """value is a money cell read in the wrong unit (×/÷ 1.000, 1.000.000, 1.000.000.000; the decimals
    of a value left unscaled may be rounded away: 1.907,09 triệu read as 1.907 đồng)."""
    if value == 0:
        return False
    return any(
        value * f in money or (value % f == 0 and value // f in money) or any(round(m / f) == value for m in money)
        for f in UNIT_FACTORS
    )


def readings(x: float) -> set[int]:
    """Amounts a careless reader could make of a non-money number x (51,8 -> 52; 6,00 -> 6; 1.250 -> 1.250.000)."""
    out = {round(x)}
    for m in (10, 100, 1_000, 1_000_000, 1_000_000_000):
        out.add(round(x * m))
    return out


def cell_kind(truth: dict[str, Any], row: dict[str, Any], label: str) -> str:
    kinds = row.get("cell_kinds") or {}
    if label in kinds:
        return str(kinds[label])
    for c in truth.get("columns") or []:
        if c["label"] == label:
            return str(c["kind"])
    return "text"


def score_genre_document(doc: dict[str, Any], truth: dict[str, Any]) -> GenreScore:
    v2 = is_v2(doc)
    t_rows: list[dict[str, Any]] = list(truth.get("rows") or [])
    sc = GenreScore(
        source=str(truth.get("source") or ""),
        genre=str(truth.get("genre") or ""),
        file_type=str(truth.get("file_type") or ""),
        is_budget=bool(truth.get("is_budget", True)),
        schema="v2" if v2 else "v1",
    )
    d_rows, pseudo = output_rows(doc, t_rows, v2)
    sc.rows_found = len(d_rows) - (1 if pseudo is not None else 0)

    truth_cols = truth.get("columns") or []
    if v2:
        out_labels = sorted({str(c.get("label")) for c in doc.get("columns") or [] if c.get("label")})
        out_labels += sorted({e.label for r in d_rows for e in emitted_amounts(doc, r, True)} - set(out_labels))
        sc.column_map = map_columns([c["label"] for c in truth_cols], out_labels)
        money_labels = {c["label"] for c in truth_cols if c["kind"] in (MONEY, "per_row")}
        sc.labels_not_as_printed = sum(1 for t, _, score in sc.column_map if t in money_labels and score < 100)
        to_truth = {o: t for t, o, _ in sc.column_map}
    else:
        to_truth = {c["v1_field"]: c["label"] for c in truth_cols if c.get("v1_field")}
    sc.column_identities = sum(1 for i in truth.get("identities") or [] if i["kind"] == "columns")
    sc.row_identities = sum(1 for i in truth.get("identities") or [] if i["kind"] == "rows")
    if v2:
        score_identities(doc, truth, to_truth, sc)
    mapped = set(to_truth.values())
    sc.unmapped_money_columns = [
        c["label"] for c in truth_cols if c["kind"] in (MONEY, "per_row") and c["label"] not in mapped
    ]

    pairs = match_genre_rows(truth, t_rows, d_rows, doc, v2)
    matched_d = {j for _, j, _ in pairs}
    t_of_d = {j: i for i, j, _ in pairs}
    matched_t = {i for i, _, _ in pairs}
    # an optional row (working notes outside the table) counts only where the output emits it
    counted = [i for i, t in enumerate(t_rows) if not t.get("optional") or i in matched_t]
    sc.rows_expected = len(counted) if sc.is_budget else 0
    if sc.is_budget:
        sc.rows_matched = sum(1 for i, j, _ in pairs if j != pseudo or t_rows[i].get("kind") == "total")

    outside_not_money = truth.get("rows_outside_truth") == "not_money"
    all_money = {v for r in t_rows for lb, v in (r.get("cells") or {}).items() if cell_kind(truth, r, lb) == MONEY}
    all_other = [
        v
        for r in t_rows
        for lb, v in (r.get("cells") or {}).items()
        if cell_kind(truth, r, lb) not in (MONEY, "text") and isinstance(v, (int, float))
    ]

    # money cells of the truth: found in their own column?
    for i in counted:
        if not sc.is_budget:
            break
        t = t_rows[i]
        j = next((jj for ii, jj, _ in pairs if ii == i), None)
        got = {}
        if j is not None:
            for e in emitted_amounts(doc, d_rows[j], v2):
                tl = to_truth.get(e.label)
                if tl is not None:
                    got[tl] = e.value
        for label, value in (t.get("cells") or {}).items():
            if cell_kind(truth, t, label) != MONEY:
                continue
            sc.money_cells += 1
            col: dict[str, Any] = next((c for c in truth_cols if c["label"] == label), {})
            representable = bool(col.get("v1_field"))
            sc.v1_cells += representable
            if got.get(label) == value:
                sc.money_exact += 1
                sc.v1_exact += representable
            elif representable or v2:
                where = f"row {t.get('path') or t.get('code') or '?'} {str(t.get('title'))[:40]!r}"
                sc.note(
                    "wrong or missing", f"{where} {label!r}: expected {fmt_vnd(value)}, got {fmt_vnd(got.get(label))}"
                )

    # every emitted amount
    for j, d in enumerate(d_rows):
        for e in emitted_amounts(doc, d, v2):
            sc.emitted += 1
            sc.emitted_as_budget = sc.emitted_as_budget or e.value != 0
            where = f"row {d.get('code') or '?'} {str(d.get('title'))[:40]!r} {e.label}={fmt_vnd(e.value)}"
            if not sc.is_budget:
                sc.non_money_as_money += 1
                sc.note("non-money as money", where)
                continue
            if j not in matched_d:
                if j == pseudo:
                    continue
                sc.extra_row_amounts += 1
                if outside_not_money and e.value != 0:
                    sc.non_money_as_money += 1
                    sc.note("non-money as money", where + " (a part of the file that holds no money)")
                elif e.value != 0 and e.value not in all_money:
                    if unit_slip(e.value, all_money):
                        sc.wrong_unit += 1
                        sc.note("wrong unit", where + " (extra row)")
                    elif any(e.value in readings(x) for x in all_other):
                        sc.non_money_as_money += 1
                        sc.note("non-money as money", where + " (extra row)")
                    else:
                        sc.invented += 1
                        sc.invented_inferred += e.inferred
                        sc.note("invented", where + " (extra row)")
                continue
            t = t_rows[t_of_d[j]]
            cells = t.get("cells") or {}
            tl = to_truth.get(e.label)
            money_here = {v for lb, v in cells.items() if cell_kind(truth, t, lb) == MONEY}
            other_here = [
                v
                for lb, v in cells.items()
                if cell_kind(truth, t, lb) not in (MONEY, "text") and isinstance(v, (int, float))
            ]
            if tl is not None and tl in cells and cell_kind(truth, t, tl) != MONEY:
                sc.non_money_as_money += 1
                sc.note("non-money as money", f"{where} (column {tl!r} is {cell_kind(truth, t, tl)})")
            elif tl is not None and cells.get(tl) == e.value:
                pass  # exact, counted above
            elif e.value == 0 and (tl is None or tl not in cells):
                sc.zero_for_blank += 1
            elif e.value == 0:
                sc.zero_for_amount += 1
                sc.note("zero for an amount", f"{where}; truth {tl!r} = {fmt_vnd(cells.get(tl))}")
            elif e.value in money_here:
                sc.misplaced += 1
                sc.note(
                    "misplaced",
                    where + (f" (belongs to another column than {tl!r})" if tl else " (a column with no v1 role)"),
                )
            elif any(e.value in readings(x) for x in other_here):
                sc.non_money_as_money += 1
                sc.note("non-money as money", where)
            elif unit_slip(e.value, money_here):
                sc.wrong_unit += 1
                sc.note("wrong unit", where + (f"; truth {tl!r} = {fmt_vnd(cells.get(tl))}" if tl else ""))
            else:
                sc.invented += 1
                sc.invented_inferred += e.inferred
                sc.note(
                    "invented",
                    where
                    + (" (inferred)" if e.inferred else "")
                    + (f"; truth {tl!r} = {fmt_vnd(cells.get(tl))}" if tl else ""),
                )
    return sc


def score_identities(doc: dict[str, Any], truth: dict[str, Any], to_truth: dict[str, str], sc: GenreScore) -> None:
    """The identities the output keeps (v2 `identities`) against those the truth's table obeys.
    An identity whose columns do not all map to truth columns is left out (neither found nor false)."""
    labels = {c.get("key"): str(c.get("label")) for c in doc.get("columns") or []}
    truth_cols = {
        _canonical(i.get("op", "sum"), i["result"], i["terms"])
        for i in truth.get("identities") or []
        if i["kind"] == "columns"
    }
    truth_rows = {i["result"] for i in truth.get("identities") or [] if i["kind"] == "rows"}
    found_cols: set[ColumnIdentity] = set()
    found_rows: set[str] = set()
    for ident in doc.get("identities") or []:
        if not ident.get("kept"):
            continue
        keys = [ident.get("result"), *(ident.get("terms") or [])]
        mapped = [to_truth.get(labels.get(k, "")) for k in keys]
        if any(m is None for m in mapped):
            continue
        result, terms = str(mapped[0]), [str(m) for m in mapped[1:]]
        if ident.get("kind") in _OUTPUT_OPS:
            found = _canonical(_OUTPUT_OPS[str(ident.get("kind"))], result, terms)
            ok = found in truth_cols
            found_cols |= {found} if ok else set()
        else:
            ok = result in truth_rows
            found_rows |= {result} if ok else set()
        if not ok:
            sc.false_identities += 1
            sc.note("false identity", f"{ident.get('expression')!r} (kept; not true of the printed table)")
    sc.column_identities_found, sc.row_identities_found = len(found_cols), len(found_rows)
    for op, missing, parts in sorted(truth_cols - found_cols, key=str)[:1]:
        sc.note("identity not found", f"{missing} = {op} of {' ∘ '.join(sorted(parts))}")


ColumnIdentity = tuple[str, str, frozenset[str]]  # (operation, result, terms)
_OUTPUT_OPS = {"columns": "sum", "product": "product", "ratio": "ratio"}  # v2 identity kinds between columns


def _canonical(op: str, result: str, terms: Sequence[str]) -> ColumnIdentity:
    """One form per identity: a difference r = a − b is the sum a = r + b, which is how a table
    that obeys it is found to."""
    if op == "difference" and len(terms) == 2:
        first, second = terms
        return ("sum", first, frozenset((result, second)))
    return (op, result, frozenset(terms))


def value_overlap(truth_values: set[int], emitted: set[int]) -> float:
    """Share of a truth row's money values the output row carries, in any unit (so that a row read
    with the wrong unit still finds its partner; the unit is judged later, per value)."""
    if not truth_values:
        return 0.5 if emitted else 1.0
    hit = sum(1 for m in truth_values if m in emitted or unit_slip(m, emitted))
    return hit / len(truth_values)


def match_genre_rows(
    truth: dict[str, Any], t_rows: list[dict[str, Any]], d_rows: list[dict[str, Any]], doc: dict[str, Any], v2: bool
) -> list[tuple[int, int, float]]:
    """Greedy best-first one-to-one pairs (truth index, output index, similarity): tests/scoring.py's
    weights for code and title, and for amounts the share of the row's money values found (any
    column, any unit) — rows that repeat a title ('- Huyện loại I') are told apart by their figures."""
    t_money = [
        {v for lb, v in (t.get("cells") or {}).items() if cell_kind(truth, t, lb) == MONEY and v} for t in t_rows
    ]
    d_values = [{e.value for e in emitted_amounts(doc, d, v2) if e.value} for d in d_rows]

    def similarity(i: int, j: int) -> float:
        t, d = t_rows[i], d_rows[j]
        code = 1.0 if norm_code(t.get("code")) == norm_code(d.get("code")) else 0.0
        return (
            W_CODE * code
            + W_TITLE * text_ratio(t.get("title"), d.get("title"))
            + W_AMOUNTS * value_overlap(t_money[i], d_values[j])
        )

    return assign_rows(t_rows, d_rows, similarity)


def load_json(path: str | Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.genre_scoring", description=__doc__.split("\n")[0])
    ap.add_argument("output")
    ap.add_argument("truth")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    sc = score_genre_document(load_json(args.output), load_json(args.truth))
    print(json.dumps(asdict(sc), ensure_ascii=False, indent=1) if args.json else sc.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
