"""Measure how exactly vnplan reads the text layer of born-digital PDFs.

    .venv/bin/python -m eval_text.run FILE_OR_FOLDER... [--reference pdftotext|pdfium] [--pages] [--ocr auto]

For every page: the reference text (poppler's ``pdftotext``, or pdfium's own text extraction),
vnplan's text of the same page (the extract stage: narrative lines and table cells, before any
repair), the reader that read it and why (``Page.route``); then the order-free and the ordered
character error rates of ``eval_text.cer``, per file and over all files. Pages without reference
text (scans) are listed but not scored. Prints a Markdown table; nothing is written.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from eval_text.cer import ordered_cer, text_to_words, word_cer
from vnplan.extract.model import Page
from vnplan.extract.routing import OcrPolicy
from vnplan.pipeline import read_source_file


@dataclass
class PageScore:
    number: int
    reader: str
    route: str
    words: int  # reference words
    word_edits: int
    ordered_edits: int
    length: int  # reference characters


def pdftotext_pages(path: Path) -> list[str]:
    """Poppler's text of each page (its default reading order); pages are separated by form feeds."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, timeout=300)
    pages = out.stdout.decode("utf-8").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def pdfium_pages(path: Path) -> list[str]:
    with pdfium.PdfDocument(str(path)) as pdf:
        texts = []
        for page in pdf:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_bounded())
            textpage.close()
            page.close()
        return texts


def page_to_text(page: Page, *, repaired: bool = False) -> str:
    """vnplan's text of a page: narrative lines as they are, table rows cell by cell; with
    ``repaired``, after vnplan's OCR repair, as ``vnplan text`` prints it (on a sound text layer
    the repair must change nothing)."""
    parts = []
    for line in page.lines:
        parts += [cell.text for cell in line.cells] if line.cells else [line.text]
    if repaired:
        from vnplan.normalize.text_repair import repair_text

        parts = [repair_text(part)[0] for part in parts]
    return "\n".join(parts)


def score_file(path: Path, reference: str, ocr: OcrPolicy, repaired: bool = False) -> list[PageScore]:
    references = pdftotext_pages(path) if reference == "pdftotext" else pdfium_pages(path)
    source = read_source_file(path, ocr=ocr)
    scores = []
    for page in source.pages:
        ref = references[page.number - 1] if page.number <= len(references) else ""
        hyp = page_to_text(page, repaired=repaired)
        word_edits, length = word_cer(ref, hyp)
        ordered_edits, _ = ordered_cer(ref, hyp)
        scores.append(
            PageScore(page.number, page.reader, page.route, len(text_to_words(ref)), word_edits, ordered_edits, length)
        )
    return scores


def percent(edits: int, length: int) -> str:
    return f"{100 * edits / length:.2f} %" if length else "—"


def pdf_files(inputs: list[str]) -> list[Path]:
    files: list[Path] = []
    for raw in inputs:
        path = Path(raw)
        files += sorted(path.rglob("*.pdf")) if path.is_dir() else [path]
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+", help="PDF files or folders")
    parser.add_argument("--reference", choices=["pdftotext", "pdfium"], default="pdftotext")
    parser.add_argument("--ocr", choices=["auto", "always", "never"], default="auto", help="vnplan's routing")
    parser.add_argument("--pages", action="store_true", help="a line per page as well")
    parser.add_argument("--repaired", action="store_true", help="score the text after OCR repair (vnplan text)")
    args = parser.parse_args(argv)
    if args.reference == "pdftotext" and shutil.which("pdftotext") is None:
        sys.exit("eval_text: pdftotext not found — apt-get install poppler-utils, or use --reference pdfium")
    print(f"reference: {args.reference}; vnplan --ocr {args.ocr}{'; after OCR repair' if args.repaired else ''}\n")
    print("| file | pages | scored | read from the layer | OCRed | word CER | ordered CER |")
    print("|---|---|---|---|---|---|---|")
    totals = [0, 0, 0]
    details = []
    for path in pdf_files(args.inputs):
        scores = score_file(path, args.reference, args.ocr, args.repaired)
        scored = [s for s in scores if s.words]
        layer = sum(1 for s in scores if s.reader.startswith("pdfplumber"))
        word_edits = sum(s.word_edits for s in scored)
        ordered_edits = sum(s.ordered_edits for s in scored)
        length = sum(s.length for s in scored)
        totals = [totals[0] + word_edits, totals[1] + ordered_edits, totals[2] + length]
        print(
            f"| {path.name} | {len(scores)} | {len(scored)} | {layer} | {len(scores) - layer} "
            f"| {percent(word_edits, length)} | {percent(ordered_edits, length)} |"
        )
        details += [(path.name, s) for s in scores]
    print(f"| **all** | | | | | **{percent(totals[0], totals[2])}** | {percent(totals[1], totals[2])} |")
    if args.pages:
        print("\n| file | page | reader | route | words | word CER | ordered CER |")
        print("|---|---|---|---|---|---|---|")
        for name, s in details:
            print(
                f"| {name} | {s.number} | {s.reader} | {s.route} | {s.words} "
                f"| {percent(s.word_edits, s.length)} | {percent(s.ordered_edits, s.length)} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
