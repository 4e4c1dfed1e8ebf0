"""Build the held-out corpus: Word plans -> LibreOffice PDFs -> one set per condition, with truth.

    .venv/bin/python -m eval.heldout.build [--out eval/heldout/build] [--docs 8] [--seed 4099]
                                           [--conditions digital scan300 …] [--wordings original|fresh]

Written under OUT (git-ignored):
    docx/STEM.docx               the plan as a Word document (python-docx)
    pdf/STEM.pdf                 printed by LibreOffice headless (soffice --convert-to pdf)
    sets/CONDITION/STEM.pdf      one folder per condition (conditions.py); sets/docx/STEM.docx (the Word
                                 file itself) and sets/text_export/STEM.txt
    truth/STEM.truth.json        the truth (samples/truth format + a "heldout" block)
    corpus.json                  seed, documents, and per condition and document how each page was stored

Deterministic for a seed: the plans, the Word files and every degradation are drawn from seeded
generators (LibreOffice's PDF bytes carry a date; their pages do not change).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from eval.heldout import conditions as cond
from eval.heldout import words
from eval.heldout.docx_plan import write_docx
from eval.heldout.plan import make_plan, truth
from eval.heldout.text_export import text_export

HERE = Path(__file__).resolve().parent
DEFAULT_SEED = 4099
SOFFICE = "soffice"


def synonym_table() -> dict[str, tuple[str, ...]]:
    """The header vocabulary the code knows, read (never changed) to label each header wording."""
    from vnplan.normalize.columns import SYNONYMS

    return SYNONYMS


def print_with_libreoffice(docx_files: list[Path], out_dir: Path) -> None:
    if shutil.which(SOFFICE) is None:
        raise SystemExit("soffice is missing: apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory(prefix="vnplan-heldout-lo-") as profile:
        cmd = [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation=file://{profile}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            *map(str, docx_files),
        ]
        subprocess.run(cmd, check=True, capture_output=True, timeout=600)
    for docx in docx_files:
        if not (out_dir / f"{docx.stem}.pdf").exists():
            raise RuntimeError(f"LibreOffice wrote no PDF for {docx}")


def build(out: Path, docs: int, seed: int, wanted: list[str], wordings: str = "original") -> dict[str, Any]:
    for sub in ("docx", "pdf", "truth"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    synonyms = synonym_table()
    plans = [make_plan(i, seed, synonyms, wordings) for i in range(docs)]
    docx_files = []
    for plan in plans:
        path = out / "docx" / f"{plan.stem}.docx"
        write_docx(plan, path)
        docx_files.append(path)
        (out / "truth" / f"{plan.stem}.truth.json").write_text(
            json.dumps(truth(plan, seed), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    started = time.perf_counter()
    print_with_libreoffice(docx_files, out / "pdf")
    print(f"printed {len(docx_files)} plans with LibreOffice in {time.perf_counter() - started:.0f} s", flush=True)

    manifest: dict[str, Any] = {"seed": seed, "wordings": wordings, "docs": [], "conditions": {}}
    old_path = out / "corpus.json"
    if old_path.exists():  # building some conditions again keeps the others' records
        old = json.loads(old_path.read_text(encoding="utf-8"))
        same_plans = [d["stem"] for d in old.get("docs") or []] == [p.stem for p in plans]
        same_words = old.get("wordings", "original") == wordings
        if old.get("seed") == seed and same_plans and same_words and set(wanted) != set(ALL_SETS):
            manifest["conditions"] = old.get("conditions") or {}
    described = {}
    for plan in plans:
        pdf = out / "pdf" / f"{plan.stem}.pdf"
        pages = cond.describe(pdf)
        described[plan.stem] = pages
        manifest["docs"].append(
            {
                "stem": plan.stem,
                "pages": len(pages),
                "table_pages": [p.number for p in pages if p.has_table],
                "rows": len(plan.rows),
                "scheme": plan.layout.scheme,
                "unit": plan.layout.unit,
                "vocabulary_mode": plan.vocabulary_mode,
                "labels": {k: plan.header.labels[k] for k in plan.header.labels},
                "out_of_vocabulary": sorted(k for k, v in plan.header.vocabulary.items() if not v),
            }
        )
    for name in wanted:
        started = time.perf_counter()
        target = out / "sets" / name
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        per_doc: dict[str, Any] = {}
        for plan in plans:
            if name == "docx":  # the Word file itself, as an official would send it
                shutil.copyfile(out / "docx" / f"{plan.stem}.docx", target / f"{plan.stem}.docx")
                per_doc[plan.stem] = {}
                continue
            if name == "text_export":
                text, info = text_export(plan, seed)
                (target / f"{plan.stem}.txt").write_text(text, encoding="utf-8")
                per_doc[plan.stem] = info
                continue
            rng = np.random.default_rng([seed, plan.index, sorted(cond.CONDITIONS).index(name)])
            made = cond.CONDITIONS[name](out / "pdf" / f"{plan.stem}.pdf", target / f"{plan.stem}.pdf", rng,
                                         described[plan.stem])  # fmt: skip
            per_doc[plan.stem] = {"stored_cw": made.stored_cw}
        manifest["conditions"][name] = per_doc
        # written after each set, so a run can start on the sets that are ready
        (out / "corpus.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{name}: {len(plans)} documents in {time.perf_counter() - started:.0f} s", flush=True)
    (out / "corpus.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return manifest


ALL_SETS = [*cond.CONDITIONS, "docx", "text_export"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.heldout.build", description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=HERE / "build")
    ap.add_argument("--docs", type=int, default=8)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--conditions", nargs="+", choices=ALL_SETS, default=ALL_SETS)
    ap.add_argument(
        "--wordings", choices=sorted(words.POOLS), default="original", help="pool of header wordings (words.py)"
    )
    args = ap.parse_args(argv)
    build(args.out, args.docs, args.seed, args.conditions, args.wordings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
