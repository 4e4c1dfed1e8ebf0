"""Write the genres corpus: every document in every file type, a truth file beside each, a manifest.

    .venv/bin/python -m eval.genres.make_corpus [--out eval/genres/build/corpus] [--seed 2025] [--only g04]

Layout: OUT/<type>/<stem>.<ext> with OUT/truth/<type>/<stem>.truth.json, and OUT/manifest.json
listing (genre, file type, path, truth). Types: text (.txt export), pdf (born-digital), scan (a
300 dpi scan of the pdf, for some genres), docx, xlsx, xls (legacy Excel 97, for some genres).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .genres import build_documents
from .model import Document, truth_of
from .render_office import to_docx, to_xls, to_xlsx
from .render_pdf import fonts_available, scan_pdf, to_pdf
from .render_text import to_text

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "build" / "corpus"
FILE_TYPES = ("text", "pdf", "scan", "docx", "xlsx", "xls")
EXT = {"text": "txt", "pdf": "pdf", "scan": "pdf", "docx": "docx", "xlsx": "xlsx", "xls": "xls"}
# scans take OCR time: a few genres only, chosen to cover a wide header, decimals, unit prices and a non-budget table
SCANNED = ("g01_", "g03_", "g04_", "g07_", "g13_")
LEGACY_XLS = ("g03_", "g11_")


def types_for(doc: Document, wanted: tuple[str, ...]) -> list[str]:
    out = []
    for t in wanted:
        if t == "scan" and not doc.stem.startswith(SCANNED):
            continue
        if t == "xls" and not doc.stem.startswith(LEGACY_XLS):
            continue
        if t in ("pdf", "scan") and not fonts_available():
            continue
        out.append(t)
    return out


def write_document(doc: Document, out: Path, types: list[str], seed: int) -> list[dict[str, Any]]:
    entries = []
    for t in types:
        folder = out / t
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{doc.stem}.{EXT[t]}"
        if t == "text":
            path.write_text(to_text(doc, seed), encoding="utf-8")
        elif t == "pdf":
            to_pdf(doc, path, seed)
        elif t == "scan":
            born = out / "pdf" / f"{doc.stem}.pdf"
            if not born.exists():
                to_pdf(doc, born, seed)
            scan_pdf(born, path, seed)
        elif t == "docx":
            to_docx(doc, path)
        elif t == "xlsx":
            to_xlsx(doc, path)
        elif t == "xls":
            to_xls(doc, path)
        rel = path.relative_to(out).as_posix()
        truth_path = out / "truth" / t / f"{doc.stem}.truth.json"
        truth_path.parent.mkdir(parents=True, exist_ok=True)
        truth_path.write_text(json.dumps(truth_of(doc, t, rel), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        entries.append(
            {
                "document": doc.stem,
                "genre": doc.genre,
                "file_type": t,
                "path": rel,
                "truth": truth_path.relative_to(out).as_posix(),
                "is_budget": doc.is_budget,
            }
        )
    return entries


def build(
    out: Path, seed: int, only: list[str] | None = None, types: tuple[str, ...] = FILE_TYPES
) -> list[dict[str, Any]]:
    out.mkdir(parents=True, exist_ok=True)
    manifest: list[dict[str, Any]] = []
    for i, doc in enumerate(build_documents(seed)):
        if only and not any(doc.stem.startswith(o) for o in only):
            continue
        manifest += write_document(doc, out, types_for(doc, types), seed + i)
    (out / "manifest.json").write_text(
        json.dumps({"seed": seed, "files": manifest}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return manifest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.genres.make_corpus", description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--seed", type=int, default=2025)
    ap.add_argument("--only", nargs="*", help="stem prefixes, e.g. g04 g13")
    ap.add_argument("--types", nargs="*", default=list(FILE_TYPES), choices=FILE_TYPES)
    args = ap.parse_args(argv)
    files = build(args.out, args.seed, args.only, tuple(args.types))
    print(f"{len(files)} files in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
