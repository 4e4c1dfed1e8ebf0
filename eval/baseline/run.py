"""A generic pipeline as a yardstick for vnplan: OCRmyPDF, then camelot's lattice reader, told the
column order and the unit by hand, scored like vnplan on the held-out corpus.

    PYTHONPATH=. nice /tmp/baseline_venv/bin/python -m eval.baseline.run --corpus /tmp/hs_9401 \
        --work /tmp/baseline_run [--sets scan300 photo …] [--split-text] [--no-ocr]

Per document of each set: `ocrmypdf -l vie --rotate-pages --deskew --force-ocr` (skipped where
WORK/SET/STEM.pdf exists), then `camelot.read_pdf(…, pages="all", flavor="lattice")`. Every table
whose column count is the printed table's leaf columns (from the truth: the column order told by
hand) is read row by row into the row/amount structure vnplan writes, and scored with
tests/scoring.py, the scorer of eval/heldout/run.py. The baseline writes no findings, so every
wrong amount it holds is silent under the strict rule.

Runs in its own environment (README.md beside this file): camelot and OCRmyPDF are no dependency of
vnplan. The reading of camelot's cells (`document_from_tables`) needs neither and is tested in
tests/test_baseline_cells.py.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from tests.scoring import score_document

SETS = ("scan300", "scan200_noise", "photo", "seal", "jpeg150", "rot270", "ocr_layer")
OCRMYPDF_FLAGS = ("-l", "vie", "--rotate-pages", "--deskew", "--force-ocr")
AMOUNT_KEYS = ("total_vnd", "provincial_budget_vnd", "beneficiary_vnd", "other_vnd")
# parent cells of the two-row header: they merge over leaf columns and are no column of their own
PARENT_KEYS = ("split", "money")

# a Vietnamese amount: dots between thousands, a comma before decimals ("1.250.000", "4.050,75")
AMOUNT = re.compile(r"\d[\d.]*(?:,\d+)?")
DASHES = frozenset("-–—")
# ruling lines that OCR read as glyphs at a cell's edge
EDGE_JUNK = " |_¦!\n\t"

Table = list[list[str]]


# --------------------------------------------------------------------------- told by hand


def column_order(truth: dict[str, Any]) -> list[str]:
    """The printed table's leaf columns, left to right, as the truth records them (the header
    lists the leaves first, then the merged parents)."""
    header = truth["heldout"]["header"]
    parents = set(PARENT_KEYS)
    if truth["heldout"].get("month_style") == "two-columns":
        parents.add("time")  # "time" is then the parent over start and end month
    return [h["key"] for h in header if h["key"] not in parents]


# --------------------------------------------------------------------------- cells to rows


def clean(cell: str) -> str:
    """One line, single spaces, no rule glyphs at the edges."""
    return " ".join(cell.split()).strip(EDGE_JUNK)


def parse_code(cell: str) -> str:
    """The row number as printed: letters, digits and dots only ("1.1 |" -> "1.1", "2_" -> "2")."""
    return "".join(ch for ch in clean(cell) if ch.isalnum() or ch == ".").strip(".")


def parse_amount(cell: str, multiplier: int) -> int | None:
    """The first Vietnamese number of the cell in đồng (unit given by hand); a dash is zero, a cell
    with no digit is empty."""
    text = clean(cell)
    if text and all(ch in DASHES for ch in text):
        return 0
    m = AMOUNT.search(text)
    if not m:
        return None
    whole, _, decimals = m.group().partition(",")
    digits = whole.replace(".", "")
    if not digits:
        return None
    value = int(digits) * multiplier
    if decimals:
        value += int(Decimal("0." + decimals) * multiplier)
    return value


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _is_numbering_row(cells: list[str], title_col: int | None) -> bool:
    """The "(1) (2) (4)=(5)+(6)" row under a header: every cell a number in brackets, or (where OCR
    lost brackets) a title cell that holds only a column number."""
    filled = [clean(c) for c in cells if clean(c)]
    if filled and all(re.match(r"^\(\d+\)", c) for c in filled):
        return True
    title = clean(cells[title_col]) if title_col is not None else ""
    return bool(title) and re.fullmatch(r"\(?\d{0,2}\)?", title) is not None


@dataclass
class Reading:
    items: list[dict[str, Any]] = field(default_factory=list)
    totals: dict[str, int | None] = field(default_factory=dict)
    tables_used: int = 0
    tables_skipped: list[str] = field(default_factory=list)  # "p.N: K columns"


def document_from_tables(tables: list[tuple[int, Table]], order: list[str], multiplier: int) -> Reading:
    """camelot's tables (page, rows of cell texts), in reading order, as vnplan's rows.

    A table is read only when it has as many columns as the printed header has leaves; a row is a
    table row when one of its amount cells holds a number; the row with no number whose title
    begins "Tổng" is the grand total (vnplan keeps it in `totals`, not among the rows). Header rows,
    the numbering row and the part of a row broken onto the next page (no amount) are left out."""
    reading = Reading()
    amount_cols = [(i, k) for i, k in enumerate(order) if k in AMOUNT_KEYS]
    title_col = order.index("title") if "title" in order else None
    for page, rows in tables:
        width = max((len(r) for r in rows), default=0)
        if width != len(order):
            reading.tables_skipped.append(f"p.{page}: {width} columns")
            continue
        reading.tables_used += 1
        for cells in rows:
            if _is_numbering_row(cells, title_col):
                continue
            amounts = {k: parse_amount(cells[i], multiplier) for i, k in amount_cols}
            if all(v is None for v in amounts.values()):
                continue
            code = parse_code(cells[order.index("code")]) if "code" in order else ""
            title = clean(cells[order.index("title")]) if "title" in order else ""
            if not code and _folded(title).startswith("tong"):
                reading.totals = amounts
                continue
            row: dict[str, Any] = {"code": code or None, "title": title, "pages": [page], **amounts}
            for key in ("implementing_unit", "objective", "notes"):
                if key in order:
                    row[key] = clean(cells[order.index(key)]) or None
            reading.items.append(row)
    return reading


# --------------------------------------------------------------------------- the two tools


def ocr(src: Path, dst: Path) -> float:
    """OCRmyPDF as the issue names it; seconds taken (0 where the output is already there)."""
    if dst.exists():
        return 0.0
    dst.parent.mkdir(parents=True, exist_ok=True)
    part = dst.with_suffix(".part.pdf")
    start = time.perf_counter()
    cmd = ["ocrmypdf", *OCRMYPDF_FLAGS, "--jobs", "1", str(src), str(part)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    dst.with_suffix(".ocr.log").write_text(proc.stdout + proc.stderr, encoding="utf-8")
    if proc.returncode != 0:
        raise RuntimeError(f"ocrmypdf {src} exited {proc.returncode}; see {dst.with_suffix('.ocr.log')}")
    part.rename(dst)
    dst.with_suffix(".seconds").write_text(f"{seconds:.1f}\n", encoding="utf-8")
    return seconds


def camelot_tables(pdf: Path, split_text: bool) -> tuple[list[tuple[int, Table]], list[str]]:
    """camelot's lattice tables of every page, and a note per page read without split_text: camelot
    2.0 raises IndexError in split_textline on some pages, and that page is then read as by default
    rather than lost."""
    import camelot  # the baseline's environment only
    import pypdfium2

    def read(pages: str, split: bool) -> list[tuple[int, Table]]:
        tables = camelot.read_pdf(str(pdf), pages=pages, flavor="lattice", split_text=split)
        return [(int(t.page), [[str(c) for c in row] for row in t.df.values.tolist()]) for t in tables]

    try:
        return read("all", split_text), []
    except IndexError:
        if not split_text:
            raise
    with pypdfium2.PdfDocument(str(pdf)) as doc:
        n_pages = len(doc)
    out: list[tuple[int, Table]] = []
    notes: list[str] = []
    for page in range(1, n_pages + 1):
        try:
            out += read(str(page), True)
        except IndexError:
            out += read(str(page), False)
            notes.append(f"p.{page}: camelot split_text raised IndexError; page read without split_text")
    return out, notes


# --------------------------------------------------------------------------- scoring


@dataclass
class SetFigures:
    name: str
    docs: int = 0
    rows_expected: int = 0
    rows_found: int = 0
    rows_matched: int = 0
    amounts_exact: int = 0
    amounts_total: int = 0
    wrong_present: int = 0
    wrong_silent: int = 0
    absent: int = 0
    tables_used: int = 0
    tables_skipped: int = 0
    ocr_seconds: float = 0.0
    camelot_seconds: float = 0.0
    fallback_pages: int = 0  # pages read without split_text (camelot raised with it)
    details: list[str] = field(default_factory=list)


def run_set(corpus: Path, work: Path, name: str, split_text: bool, run_ocr: bool) -> SetFigures:
    fig = SetFigures(name)
    variant = "split_text" if split_text else "default"
    for truth_path in sorted((corpus / "truth").glob("*.truth.json")):
        stem = truth_path.name.removesuffix(".truth.json")
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        ocred = work / name / f"{stem}.pdf"
        if run_ocr:
            ocr(corpus / "sets" / name / f"{stem}.pdf", ocred)
        seconds_file = ocred.with_suffix(".seconds")
        fig.ocr_seconds += float(seconds_file.read_text()) if seconds_file.exists() else 0.0
        start = time.perf_counter()
        if not ocred.exists():
            raise FileNotFoundError(f"{ocred}: no OCRmyPDF output; run without --no-ocr")
        tables, notes = camelot_tables(ocred, split_text)
        fig.details += [f"{name}/{stem} {n}" for n in notes]
        fig.fallback_pages += len(notes)
        fig.camelot_seconds += time.perf_counter() - start
        reading = document_from_tables(tables, column_order(truth), int(truth["amount_multiplier_vnd"]))
        doc = {"items": reading.items, "totals": reading.totals, "findings": [], "status": "ok"}
        out = work / variant / name / f"{stem}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
        sc = score_document(doc, truth)
        fig.docs += 1
        fig.rows_expected += sc.rows_expected
        fig.rows_found += sc.rows_found
        fig.rows_matched += sc.rows_matched
        fig.amounts_exact += sc.amounts_exact
        fig.amounts_total += sc.amounts_total
        fig.wrong_present += sc.wrong_present
        fig.wrong_silent += sc.wrong_silent
        fig.absent += _absent(sc.pairs, truth["rows"], reading.items)
        fig.tables_used += reading.tables_used
        fig.tables_skipped += len(reading.tables_skipped)
        head = f"{name}/{stem}"
        fig.details += [f"{head} table skipped {t}" for t in reading.tables_skipped]
        fig.details += [f"{head} missing row {r}" for r in sc.missing_rows]
        fig.details += [f"{head} extra row {r}" for r in sc.extra_rows]
        fig.details += [f"{head} {w.line()}" for w in sc.wrong]
        fig.details += [f"{head} absent: {m}" for m in sc.mismatches if ", got null" in m and "totals" not in m]
    return fig


def _absent(pairs: list[tuple[int, int]], truth_rows: list[dict[str, Any]], rows: list[dict[str, Any]]) -> int:
    """Amounts left null on matched rows where the truth has a number (as eval/heldout counts them)."""
    return sum(truth_rows[i].get(k) is not None and rows[j].get(k) is None for i, j in pairs for k in AMOUNT_KEYS)


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.1f} %)" if b else "–"


def table(figs: list[SetFigures]) -> str:
    head = [
        "set",
        "docs",
        "rows exp/found/matched",
        "amounts exact",
        "wrong present",
        "of them silent",
        "absent (null)",
        "tables read / skipped",
        "seconds OCR + camelot",
    ]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for f in figs:
        cells = [
            f.name,
            str(f.docs),
            f"{f.rows_expected}/{f.rows_found}/{f.rows_matched} ({100 * f.rows_matched / f.rows_expected:.1f} %)",
            _pct(f.amounts_exact, f.amounts_total),
            str(f.wrong_present),
            f"**{f.wrong_silent}**",
            str(f.absent),
            f"{f.tables_used} / {f.tables_skipped}",
            f"{f.ocr_seconds:.0f} + {f.camelot_seconds:.0f}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.baseline.run", description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, required=True, help="a built held-out corpus (eval/heldout/build.py)")
    ap.add_argument("--work", type=Path, required=True, help="OCRmyPDF's outputs and the baseline's rows")
    ap.add_argument("--sets", nargs="+", choices=SETS, default=list(SETS))
    ap.add_argument("--split-text", action="store_true", help="camelot's split_text=True (text across cells)")
    ap.add_argument("--no-ocr", action="store_true", help="read only what OCRmyPDF already wrote into WORK")
    args = ap.parse_args(argv)
    figs = [run_set(args.corpus, args.work, s, args.split_text, not args.no_ocr) for s in args.sets]
    variant = "split_text" if args.split_text else "default"
    details = args.work / variant / "details.txt"
    details.write_text("\n".join(d for f in figs for d in f.details) + "\n", encoding="utf-8")
    print(table(figs))
    print(f"\n(rows and amounts behind these figures: {details})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
