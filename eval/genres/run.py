"""Convert the genres corpus (and the real table files) with `vnplan extract`, score every output
against its truth, and write the figures to GENRES.md.

    make eval-genres                                  # = .venv/bin/python -m eval.genres.run
    .venv/bin/python -m eval.genres.run --regenerate  # rebuild the corpus first
    .venv/bin/python -m eval.genres.run --types text docx --no-write
    .venv/bin/python -m eval.genres.run --rescore     # score eval/genres/build/out/ again without converting

A held-out set for the column-model work (issue 11): nothing under vnplan/ may be tuned on it.
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.genre_scoring import GenreScore, load_json, score_genre_document

from .make_corpus import DEFAULT_OUT, FILE_TYPES, build

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
BUILD = HERE / "build"
REAL = HERE / "real"
REPORT = ROOT / "GENRES.md"
BEGIN, END = "<!-- genres:begin -->", "<!-- genres:end -->"
VNPLAN = ROOT / ".venv" / "bin" / "vnplan"


def convert(files: list[Path], out: Path, vnplan: Path = VNPLAN) -> tuple[float, dict[str, str]]:
    """vnplan extract on the files (listed one by one so that a file vnplan refuses is one line of the batch report)."""
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.monotonic()
    subprocess.run(
        [str(vnplan), "extract", *map(str, files), "-o", str(out), "--force", "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
        timeout=3600,
    )
    seconds = time.monotonic() - t0
    messages: dict[str, str] = {}
    report = out / "batch-report.csv"
    if report.exists():
        with open(report, encoding="utf-8-sig") as f:
            for r in csv.DictReader(f):
                message = (r.get("message") or "").replace(str(ROOT) + "/", "")
                messages[Path(r["path"]).name] = f"{r['status']}: {message}" if message else r["status"]
    return seconds, messages


def score_entry(out_dir: Path, truth_path: Path, source_name: str) -> GenreScore:
    truth = load_json(truth_path)
    out = out_dir / (Path(source_name).stem + ".json")
    doc = load_json(out) if out.exists() else {"items": [], "totals": {}}
    return score_genre_document(doc, truth)


def real_entries() -> list[dict[str, Any]]:
    manifest = REAL / "manifest.json"
    if not manifest.exists():
        return []
    files: list[dict[str, Any]] = load_json(manifest)["files"]
    return files


SUM_FIELDS = (
    "rows_expected",
    "rows_found",
    "rows_matched",
    "money_cells",
    "money_exact",
    "v1_cells",
    "v1_exact",
    "emitted",
    "invented",
    "invented_inferred",
    "non_money_as_money",
    "wrong_unit",
    "misplaced",
    "zero_for_blank",
    "zero_for_amount",
    "labels_not_as_printed",
    "column_identities",
    "column_identities_found",
    "row_identities",
    "row_identities_found",
    "false_identities",
    "extra_row_amounts",
)


def add_up(scores: list[GenreScore]) -> dict[str, int]:
    return {f: sum(int(getattr(s, f)) for s in scores) for f in SUM_FIELDS}


def pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.1f} %)" if b else "–"


def table(title: str, groups: dict[str, list[GenreScore]], schema: str) -> list[str]:
    v1 = schema == "v1"
    head = (
        "| "
        + title
        + " | files | rows exp/found/matched | money cells exact |"
        + (" v1-representable exact |" if v1 else "")
    )
    head += " invented (inferred) | wrong unit | non-money as money | misplaced | 0 for blank / for amount | table verdict wrong |"
    if not v1:
        head += " money labels not as printed | identities found: columns / parent rows | false identities |"
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for name, scores in groups.items():
        s = add_up(scores)
        verdict = sum(1 for x in scores if x.emitted_as_budget != x.is_budget)
        line = (
            f"| {name} | {len(scores)} | {s['rows_expected']}/{s['rows_found']}/{s['rows_matched']} | "
            f"{pct(s['money_exact'], s['money_cells'])} |"
        )
        if v1:
            line += f" {pct(s['v1_exact'], s['v1_cells'])} |"
        line += (
            f" **{s['invented']}** ({s['invented_inferred']}) | {s['wrong_unit']} | **{s['non_money_as_money']}** | "
            f"{s['misplaced']} | {s['zero_for_blank']} / {s['zero_for_amount']} | {verdict} |"
        )
        if not v1:
            line += (
                f" {s['labels_not_as_printed']} | {s['column_identities_found']}/{s['column_identities']} / "
                f"{s['row_identities_found']}/{s['row_identities']} | {s['false_identities']} |"
            )
        lines.append(line)
    return lines


def commit() -> str:
    r = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    )
    dirty = subprocess.run(
        ["git", "-C", str(ROOT), "status", "--porcelain", "vnplan"], capture_output=True, text=True, check=False
    )
    return r.stdout.strip() + (" (vnplan/ modified in the working tree)" if dirty.stdout.strip() else "")


def report(
    seed: int,
    results: list[tuple[dict[str, Any], GenreScore]],
    real: list[tuple[dict[str, Any], GenreScore]],
    seconds: dict[str, float],
    messages: dict[str, str],
    schema: str,
) -> str:
    by_type: dict[str, list[GenreScore]] = defaultdict(list)
    by_genre_type: dict[str, dict[str, list[GenreScore]]] = defaultdict(lambda: defaultdict(list))
    for e, s in results:
        by_type[e["file_type"]].append(s)
        by_genre_type[e["file_type"]][e["genre"]].append(s)
    total_s = sum(seconds.values())
    lines = [
        BEGIN,
        "## Figures",
        "",
        f"- command: `make eval-genres` (= `.venv/bin/python -m eval.genres.run`); vnplan commit {commit()}; "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- machine: {platform.system()} {platform.machine()}, Python {platform.python_version()}; conversion "
        + ", ".join(f"{t} {s:.0f} s" for t, s in seconds.items())
        + f" (total {total_s:.0f} s)",
        f"- output read as schema **{schema}**"
        + (
            " — v1 has four amount fields; a truth column counts as representable only where it plays one of their roles "
            "(total, provincial budget, beneficiary, other); every other money cell is missed by construction, and the "
            "'money cells exact' column says how much of each table v1 can carry at all"
            if schema == "v1"
            else ""
        ),
        f"- corpus: {len({e['document'] for e, _ in results})} generated documents × file types = {len(results)} files, "
        f"seed {seed}; "
        f"{len(real)} real files with hand-written truth",
        "- **held out**: nothing under `vnplan/` was tuned on this corpus or on the real truths, and must not be",
        "",
        "### By file type",
        "",
        *table("file type", dict(by_type), schema),
        "",
    ]
    for t in FILE_TYPES:
        if t not in by_genre_type:
            continue
        lines += [f"### {t}", "", *table("genre", dict(by_genre_type[t]), schema), ""]
    if real:
        lines += [
            "### Real files (hand-written truth, eval/genres/real/)",
            "",
            *table("file", {e["path"]: [s] for e, s in real}, schema),
            "",
        ]
    refused = {k: v for k, v in messages.items() if not v.startswith(("ok", "partial"))}
    if refused:
        lines += ["### Files vnplan did not convert", ""]
        lines += [f"- `{k}`: {v}" for k, v in sorted(refused.items())]
        lines.append("")
    lines += ["### Examples per failure class (the first in each document, at most eight documents a class)", ""]
    by_class: dict[str, list[str]] = defaultdict(list)
    shown: set[tuple[str, str]] = set()
    for e, sc in [*results, *real]:
        for cls, items in sc.examples.items():
            if len(by_class[cls]) < 8 and (cls, e["document"]) not in shown:
                shown.add((cls, e["document"]))
                by_class[cls].append(f"`{e['path']}`: {items[0]}")
    for cls, items in by_class.items():
        lines += [f"**{cls}**", "", *[f"- {x}" for x in items], ""]
    lines += ["", END]
    return "\n".join(lines)


def write_report(section: str) -> None:
    if REPORT.exists():
        text = REPORT.read_text(encoding="utf-8")
        if BEGIN in text and END in text:
            head, rest = text.split(BEGIN, 1)
            _, tail = rest.split(END, 1)
            REPORT.write_text(head + section + tail, encoding="utf-8")
            return
        REPORT.write_text(text.rstrip() + "\n\n" + section + "\n", encoding="utf-8")
        return
    REPORT.write_text("# Other budget-table genres (held-out evaluation)\n\n" + section + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.genres.run", description=__doc__.split("\n")[0])
    ap.add_argument("--regenerate", action="store_true", help="rebuild the corpus first")
    ap.add_argument(
        "--seed", type=int, default=2025, help="corpus seed when (re)building it (2025: the reported corpus)"
    )
    ap.add_argument("--corpus", type=Path, default=DEFAULT_OUT, help="corpus folder (default eval/genres/build/corpus)")
    ap.add_argument("--rescore", action="store_true", help="score the outputs already in eval/genres/build/out/")
    ap.add_argument("--types", nargs="*", default=list(FILE_TYPES), choices=FILE_TYPES)
    ap.add_argument("--no-real", action="store_true", help="leave out the real files")
    ap.add_argument("--no-write", action="store_true", help="print only, leave GENRES.md alone")
    ap.add_argument("--json", type=Path, help="also write every score as JSON here")
    ap.add_argument(
        "--out", type=Path, default=BUILD / "out", help="where the outputs go (default eval/genres/build/out)"
    )
    ap.add_argument(
        "--vnplan", type=Path, default=VNPLAN, help="the vnplan command to measure (default .venv/bin/vnplan)"
    )
    args = ap.parse_args(argv)

    corpus = args.corpus
    if args.regenerate or not (corpus / "manifest.json").exists():
        build(corpus, args.seed)
    manifest = load_json(corpus / "manifest.json")
    entries = [e for e in manifest["files"] if e["file_type"] in args.types]
    reals = [] if args.no_real else real_entries()
    seconds: dict[str, float] = {}
    messages: dict[str, str] = {}
    groups: dict[str, list[Path]] = defaultdict(list)
    for e in entries:
        groups[e["file_type"]].append(corpus / e["path"])
    if reals:
        groups["real"] = [REAL / e["path"] for e in reals]
    outs = args.out
    timings = outs / "conversion.json"
    if not args.rescore:
        for t, files in groups.items():
            print(f"converting {len(files)} {t} files …", flush=True)
            seconds[t], msgs = convert(files, outs / t, args.vnplan)
            messages.update({f"{t}/{k}": v for k, v in msgs.items()})
        timings.write_text(json.dumps({"seconds": seconds, "messages": messages}, ensure_ascii=False), encoding="utf-8")
    elif timings.exists():  # the figures of the conversion being rescored
        saved = load_json(timings)
        seconds, messages = saved["seconds"], saved["messages"]
    results = [(e, score_entry(outs / e["file_type"], corpus / e["truth"], e["path"])) for e in entries]
    real = [(e, score_entry(outs / "real", REAL / e["truth"], e["path"])) for e in reals]
    schemas = {s.schema for _, s in [*results, *real] if s.rows_found}
    schema = "v2" if "v2" in schemas else "v1"
    section = report(int(manifest["seed"]), results, real, seconds, messages, schema)
    print(section)
    if args.json:
        args.json.write_text(
            json.dumps([{**e, "score": asdict(s)} for e, s in [*results, *real]], ensure_ascii=False, indent=1),
            encoding="utf-8",
        )
    if not args.no_write:
        write_report(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
