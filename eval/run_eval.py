"""Measure "Read real PDFs" on the eval corpus: run vnplan on three sets, score, write EVALUATION.md.

    .venv/bin/python -m eval.run_eval [--build eval/build] [--sets digital scan300 scan200]
                                      [--jobs 2] [--regenerate] [--no-write]

Sets (made by eval/make_corpus.py, generated first when missing or with --regenerate):
    digital   Chromium-printed born-digital PDFs
    scan300   the same pages as image-only PDFs at 300 dpi (skew, blur, noise, JPEG)
    scan200   at 200 dpi with heavier noise

Every output is scored with tests.scoring against the corpus truth, wrong amounts under its
strict rule (tests/scoring.py, "wrong amounts"): an amount the output holds that is not the truth's
counts as flagged only if an error or warning finding names that row's code and that field (or that
row with no field); a finding on the parent row or the grand total, a duplicate-code or a
low-confidence warning does not flag it. Each amount that is not exact is one of:

    absent   the output holds null where the truth has a number (no number is better than a wrong one)
    flagged  present and wrong, and a finding names its row and field
    silent   present and wrong, and no finding names its row and field — the failure the issue forbids
    missing  an amount of a truth row that no output row matched
    extra    an amount on an output row that matches no truth row (silent unless a finding names it)

"wrong present" = flagged + silent + extra amounts; "of them silent" = silent + unflagged extra.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.scoring import AMOUNT_FIELDS, Score, fmt_amount, row_label, score_document

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
VNPLAN = ROOT / ".venv" / "bin" / "vnplan"
SETS = ("digital", "scan300", "scan200")
ANALYSIS_MARK = "<!-- analysis: kept by run_eval.py when it rewrites this file -->"

# The done criteria, per set (None: the set has no such criterion)
CRITERIA: dict[str, dict[str, float | None]] = {
    "digital": {"row_recall": 1.0, "row_precision": 1.0, "amounts": 1.0, "text": 0.98, "silent": None},
    "scan300": {"row_recall": 0.98, "row_precision": None, "amounts": 0.97, "text": None, "silent": 0},
    "scan200": {"row_recall": None, "row_precision": None, "amounts": 0.90, "text": None, "silent": 0},
}


@dataclass
class Wrong:
    """One amount that is not exact, with what (if anything) flags it."""

    set_name: str
    stem: str
    pages: list[int]
    label: str
    field: str
    expected: int | None
    got: int | None
    verdict: str  # absent | flagged | silent | missing | extra
    flag: str = ""
    inferred: bool = False

    @property
    def severity(self) -> float:
        """Order for "worst": silent first, then the relative size of the error."""
        rank = {"silent": 3, "extra": 2, "flagged": 1, "missing": 0.5, "absent": 0}[self.verdict]
        if self.expected and self.got is not None:
            rel = abs(self.got - self.expected) / max(abs(self.expected), 1)
        else:
            rel = 1.0
        return rank * 10 + min(rel, 9.99)

    def line(self) -> str:
        where = f"p.{','.join(map(str, self.pages))}" if self.pages else "p.?"
        extra = f" ({self.flag})" if self.flag else ""
        inf = " [inferred by vnplan]" if self.inferred else ""
        return (
            f"`{self.set_name}/{self.stem}.pdf` {where} row {self.label} {self.field}: expected "
            f"{fmt_amount(self.expected)}, got {fmt_amount(self.got)} — **{self.verdict}**{extra}{inf}"
        )


@dataclass
class DocResult:
    """The scorer's figures for one document, plus what the evaluation adds: each wrong amount's verdict."""

    stem: str
    status: str
    score: Score = field(default_factory=Score)
    text_fields: int = 0
    wrongs: list[Wrong] = field(default_factory=list)


@dataclass
class SetResult:
    name: str
    docs: list[DocResult]
    seconds: float
    pages: int

    def sum(self, attr: str) -> int:
        return sum(int(getattr(d.score, attr)) for d in self.docs)

    @property
    def text_similarity(self) -> float:
        # weighted by the number of compared text fields, so a short document does not dominate
        n = sum(d.text_fields for d in self.docs)
        return sum(d.score.text_similarity * d.text_fields for d in self.docs) / n if n else 0.0

    def wrongs(self, verdict: str | None = None) -> list[Wrong]:
        return [w for d in self.docs for w in d.wrongs if verdict is None or w.verdict == verdict]


# --------------------------------------------------------------------------- verdicts


def judge(set_name: str, stem: str, doc: dict[str, Any] | None, truth: dict[str, Any]) -> DocResult:
    if doc is None:
        doc = {"items": [], "findings": [], "status": "missing"}
    sc = score_document(doc, truth)
    res = DocResult(stem=stem, status=str(doc.get("status")), score=sc)

    absent_cols = set(truth.get("absent_columns") or [])
    fields = tuple(f for f in AMOUNT_FIELDS if f not in absent_cols)
    t_rows: list[dict[str, Any]] = truth.get("rows") or []
    d_rows: list[dict[str, Any]] = doc.get("items") or []
    text_fields = 0
    for i, j in sc.pairs:
        t, d = t_rows[i], d_rows[j]
        for f in ("title", "implementing_unit", "objective", "expected_result", "notes"):
            text_fields += bool(t.get(f) or d.get(f))
        for f in fields:
            if t.get(f) is not None and d.get(f) is None:
                pages = list(d.get("pages") or [])
                inferred = f in (d.get("inferred") or [])
                res.wrongs.append(Wrong(set_name, stem, pages, row_label(t), f, t.get(f), None, "absent", "", inferred))
    res.text_fields = text_fields
    # present and wrong, strict rule (the scorer's classification)
    for w in sc.wrong:
        verdict = ("flagged" if w.flag else "extra") if w.on_extra_row else ("flagged" if w.flag else "silent")
        res.wrongs.append(
            Wrong(
                set_name, stem, w.pages, w.label, w.field, w.expected, w.got, verdict, w.flag, w.inferred,
            )
        )  # fmt: skip
    matched_t = {i for i, _ in sc.pairs}
    for i, t in enumerate(t_rows):
        if i not in matched_t:
            for f in fields:
                if t.get(f) is not None:
                    res.wrongs.append(Wrong(set_name, stem, [], row_label(t), f, t.get(f), None, "missing"))
    return res


# --------------------------------------------------------------------------- running


def run_set(build: Path, name: str, jobs: int) -> tuple[float, Path]:
    out = build / "out" / name
    cmd = [str(VNPLAN), "extract", str(build / name), "-o", str(out), "--jobs", str(jobs), "--force"]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    (build / "out").mkdir(exist_ok=True)
    (build / "out" / f"{name}.log").write_text(proc.stdout + proc.stderr, encoding="utf-8")
    # kept so --rescore can still report how long the real run took
    (build / "out" / f"{name}.seconds").write_text(f"{seconds:.1f}\n", encoding="utf-8")
    # exit 1 means "some document partial", which is a result to score, not a crash
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"vnplan extract {name} exited {proc.returncode}; see {build / 'out' / name}.log")
    return seconds, out


def score_set(build: Path, name: str, out: Path, seconds: float) -> SetResult:
    docs: list[DocResult] = []
    pages = 0
    for truth_path in sorted((build / "truth").glob("*.truth.json")):
        stem = truth_path.name.removesuffix(".truth.json")
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        out_path = out / f"{stem}.json"
        doc = json.loads(out_path.read_text(encoding="utf-8")) if out_path.exists() else None
        if doc:
            pages += int((doc.get("source") or {}).get("pages") or 0)
        docs.append(judge(name, stem, doc, truth))
    return SetResult(name, docs, seconds, pages)


# --------------------------------------------------------------------------- report


def pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.1f} %)" if b else "–"


def verdicts(r: SetResult) -> list[tuple[str, str, bool]]:
    """(criterion, measured, met) for the set's done criteria."""
    c = CRITERIA[r.name]
    rows_e, rows_f, rows_m = r.sum("rows_expected"), r.sum("rows_found"), r.sum("rows_matched")
    am_t, am_e = r.sum("amounts_total"), r.sum("amounts_exact")
    out: list[tuple[str, str, bool]] = []
    if r.name == "digital":
        out.append(
            ("every row found, none extra", f"{rows_m}/{rows_e} matched, {rows_f} found", rows_m == rows_e == rows_f)
        )
        out.append(("every amount exact", pct(am_e, am_t), am_e == am_t))
        out.append(("text ≥ 0.98 similar", f"{r.text_similarity:.3f}", r.text_similarity >= 0.98))
        return out
    if c["row_recall"] is not None:
        need = float(c["row_recall"])
        out.append((f"≥ {need:.0%} of rows found", pct(rows_m, rows_e), rows_e > 0 and rows_m / rows_e >= need))
    need_am = float(c["amounts"] or 0)
    out.append((f"≥ {need_am:.0%} of amounts exact", pct(am_e, am_t), am_t > 0 and am_e / am_t >= need_am))
    silent = r.sum("wrong_silent")
    out.append(("no silent wrong amount (strict rule, matched and extra rows)", str(silent), silent == 0))
    return out


def table(results: list[SetResult]) -> str:
    head = [
        "set",
        "docs",
        "pages",
        "ok/partial/failed",
        "rows exp/found/matched",
        "amounts exact",
        "months exact",
        "text sim",
        "totals exact",
        "wrong present",
        "of them silent",
        "absent (null)",
        "missing-row amounts",
        "seconds",
    ]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in results:
        st = [d.status for d in r.docs]
        lines.append(
            "| "
            + " | ".join(
                [
                    r.name,
                    str(len(r.docs)),
                    str(r.pages),
                    f"{st.count('ok')}/{st.count('partial')}/{st.count('failed') + st.count('missing')}",
                    f"{r.sum('rows_expected')}/{r.sum('rows_found')}/{r.sum('rows_matched')}",
                    pct(r.sum("amounts_exact"), r.sum("amounts_total")),
                    pct(r.sum("months_exact"), r.sum("months_total")),
                    f"{r.text_similarity:.3f}",
                    pct(r.sum("totals_exact"), r.sum("totals_total")),
                    str(r.sum("wrong_present")),
                    f"**{r.sum('wrong_silent')}**",
                    str(len(r.wrongs("absent"))),
                    str(len(r.wrongs("missing"))),
                    f"{r.seconds:.0f}",
                ]
            )
            + " |"
        )
    return "\n".join(lines)


def worst_five(r: SetResult) -> list[Wrong]:
    """Five worst wrong amounts, one per row and at most two per document, so the examples show
    several failure classes rather than five fields of one broken row."""
    picked: list[Wrong] = []
    rows: set[tuple[str, str]] = set()
    per_doc: dict[str, int] = {}
    for w in sorted(r.wrongs(), key=lambda w: -w.severity):
        if (w.stem, w.label) in rows or per_doc.get(w.stem, 0) >= 2:
            continue
        rows.add((w.stem, w.label))
        per_doc[w.stem] = per_doc.get(w.stem, 0) + 1
        picked.append(w)
        if len(picked) == 5:
            break
    return picked


def per_document(r: SetResult) -> str:
    lines = [
        "| document | status | rows exp/found/matched | amounts exact | months exact | text | silent |",
        "|---|---|---|---|---|---|---|",
    ]
    for d in r.docs:
        silent = sum(w.verdict in ("silent", "extra") for w in d.wrongs)
        lines.append(
            f"| {d.stem} | {d.status} | {d.score.rows_expected}/{d.score.rows_found}/{d.score.rows_matched} | "
            f"{pct(d.score.amounts_exact, d.score.amounts_total)} | {pct(d.score.months_exact, d.score.months_total)} | "
            f"{d.score.text_similarity:.3f} | {silent} |"
        )
    return "\n".join(lines)


def machine() -> dict[str, str]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    tess = subprocess.run(["tesseract", "--version"], capture_output=True, text=True)
    tess_version = (tess.stdout or tess.stderr).splitlines()[0] if (tess.stdout or tess.stderr) else "?"
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
    return {
        "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "machine": f"{platform.system()} {platform.release()} {platform.machine()}, {os.cpu_count()} CPUs ({cpu})",
        "python": platform.python_version(),
        "tesseract": tess_version,
        "commit": commit.stdout.strip() or "?",
    }


def render(results: list[SetResult], corpus: list[dict[str, Any]], command: str, analysis: str) -> str:
    m = machine()
    out = [
        "# Evaluation: reading PDFs that vnplan's own generator did not make",
        "",
        "Written by `eval/run_eval.py` (see eval/README.md); the analysis at the end is by hand.",
        "",
        f"- command: `{command}`",
        f"- date: {m['date']}; vnplan commit {m['commit']} (working tree as run)",
        f"- machine: {m['machine']}; Python {m['python']}; {m['tesseract']}",
        f"- corpus: {len(corpus)} plans from `eval/make_corpus.py` (HTML/CSS printed by headless Chromium), "
        f"{sum(int(c['pages']) for c in corpus)} pages per set, {sum(int(c['rows']) for c in corpus)} table rows "
        "— the development set: the code was tuned on it (held-out figures: the section at the end)",
        "",
        "## Figures",
        "",
        table(results),
        "",
        "*wrong present*: amounts the output holds that are not the truth's, on matched rows and on output rows "
        "that match no truth row. *of them silent*, by the strict rule (tests/scoring.py): no error or warning "
        "names that row's code and that field (or that row with no field); a finding on the parent row, on the "
        "grand total, a duplicate-code or low-confidence warning does not count. *absent*: null where the truth "
        "has a number. *missing-row amounts*: amounts of truth rows no output row matched.",
        "",
        "## Against the done criteria",
        "",
        "| set | criterion | measured | met |",
        "|---|---|---|---|",
    ]
    for r in results:
        for crit, measured, met in verdicts(r):
            out.append(f"| {r.name} | {crit} | {measured} | {'met' if met else '**not met**'} |")
    out += ["", "## Five worst mismatches per set", ""]
    for r in results:
        worst = worst_five(r)
        out.append(f"**{r.name}**" + ("" if worst else ": none"))
        out.append("")
        out += [f"1. {w.line()}" for w in worst]
        out.append("")
    out += ["## Per document", ""]
    for r in results:
        out += [f"**{r.name}**", "", per_document(r), ""]
    out += [
        "## Corpus",
        "",
        "| document | pages | rows | unit | numbering | orientation | font | columns |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for c in corpus:
        cols = " · ".join(c["columns"])
        orient = "landscape" if c["landscape"] else "portrait"
        out.append(
            f"| {c['stem']} | {c['pages']} | {c['rows']} | {c['unit']} | {c['scheme']} | {orient} | "
            f"{c['font']} {c['font_pt']}pt | {cols} |"
        )
    out += ["", ANALYSIS_MARK, analysis.strip(), ""]
    return "\n".join(out)


def console(results: list[SetResult]) -> str:
    lines = [
        f"{'set':8} {'docs':>4} {'rows e/f/m':>14} {'amounts':>16} {'months':>16} {'text':>6} "
        f"{'wrong/SILENT':>13} {'absent':>6} {'missing':>7} {'sec':>5}"
    ]
    for r in results:
        lines.append(
            f"{r.name:8} {len(r.docs):>4} "
            f"{r.sum('rows_expected'):>4}/{r.sum('rows_found')}/{r.sum('rows_matched'):<4} "
            f"{pct(r.sum('amounts_exact'), r.sum('amounts_total')):>16} "
            f"{pct(r.sum('months_exact'), r.sum('months_total')):>16} {r.text_similarity:6.3f} "
            f"{r.sum('wrong_present'):>7}/{r.sum('wrong_silent'):<5} {len(r.wrongs('absent')):>6} "
            f"{len(r.wrongs('missing')):>7} {r.seconds:5.0f}"
        )
        for crit, measured, met in verdicts(r):
            lines.append(f"    {'met    ' if met else 'NOT MET'} {crit}: {measured}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.run_eval", description=__doc__.split("\n")[0])
    ap.add_argument("--build", type=Path, default=HERE / "build")
    ap.add_argument("--sets", nargs="+", choices=SETS, default=list(SETS))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--regenerate", action="store_true", help="rebuild the corpus first")
    ap.add_argument("--rescore", action="store_true", help="score the existing outputs, do not run vnplan")
    ap.add_argument("--no-write", action="store_true", help="print only; leave EVALUATION.md alone")
    ap.add_argument("--report", type=Path, default=ROOT / "EVALUATION.md")
    args = ap.parse_args(argv)

    if args.regenerate or not (args.build / "corpus.json").exists():
        from eval import make_corpus

        if make_corpus.main(["--out", str(args.build)]) != 0:
            return 2
    corpus = json.loads((args.build / "corpus.json").read_text(encoding="utf-8"))
    results: list[SetResult] = []
    for name in args.sets:
        if args.rescore:
            out = args.build / "out" / name
            timing = args.build / "out" / f"{name}.seconds"
            seconds = float(timing.read_text()) if timing.exists() else 0.0
        else:
            print(f"running vnplan on {name} …", flush=True)
            seconds, out = run_set(args.build, name, args.jobs)
        results.append(score_set(args.build, name, out, seconds))
    print(console(results))
    if not args.no_write:
        old = args.report.read_text(encoding="utf-8") if args.report.exists() else ""
        analysis = old.split(ANALYSIS_MARK, 1)[1] if ANALYSIS_MARK in old else "## Failure analysis\n\n(to be written)"
        command = "make eval  # = .venv/bin/python -m eval.run_eval " + " ".join(
            re.sub(r"^/.*/eval/build$", "eval/build", a) for a in (argv if argv is not None else sys.argv[1:])
        )
        args.report.write_text(render(results, corpus, command.strip(), analysis), encoding="utf-8")
        print(f"wrote {args.report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
