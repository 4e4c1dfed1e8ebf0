"""Amount cells cut from the eval scans, each with the text printed in it and the primary reading.

    .venv/bin/python -m eval.crop_corpus [--build eval/build] [--sets scan300 scan200]

Writes ``BUILD/crops/SET/*.png`` (the cell's inside, ruling lines erased, as vnplan crops it) and
``BUILD/crops/SET/crops.json``: per crop its document, page, field, the printed text and what
vnplan's page reading (the primary reader, re-reads included) made of the cell.

Where the truth comes from: the born-digital PDF of the same plan. vnplan reads it exactly
(866/866 amounts in EVALUATION.md); each amount cell of its output names the field and the box
(in points), and the text layer inside that box is what the cell prints. The scans are renders of
that PDF, rotated by under 1.5° about the page centre, so after vnplan's deskew the box times
dpi/72 lands inside the same grid cell of the scan; the crop is that grid cell.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import cv2
import pdfplumber
import pypdfium2 as pdfium

from vnplan.extract.grid import denoise, deskew, gray_to_grid
from vnplan.extract.ocr import gray_to_page
from vnplan.extract.readers import read_source
from vnplan.extract.render import pdf_page_to_gray
from vnplan.normalize.assemble import source_to_document

HERE = Path(__file__).resolve().parent
AMOUNT_FIELDS = ("total_vnd", "provincial_budget_vnd", "beneficiary_vnd", "other_vnd")
DPI = 300  # vnplan renders every scanned page at its default --dpi
MARGIN = 6  # px kept off each ruling, as the cell re-reader crops


def printed_cells(digital: Path) -> dict[int, list[dict[str, Any]]]:
    """Per page: the amount cells of the born-digital PDF with field, box (points) and printed text."""
    doc = source_to_document(read_source(digital))
    cells: dict[int, list[dict[str, Any]]] = {}
    with pdfplumber.open(digital) as pdf:
        for row in doc.items:
            for box in row.cells:
                if box.field not in AMOUNT_FIELDS:
                    continue
                page = pdf.pages[box.page - 1]
                words = page.crop((box.x0, box.top, box.x1, box.bottom), strict=False).extract_words()
                text = "".join(w["text"] for w in words)
                cells.setdefault(box.page, []).append(
                    {"code": row.code, "field": box.field, "box": [box.x0, box.top, box.x1, box.bottom], "text": text}
                )
    return cells


def cut_set(build: Path, name: str) -> list[dict[str, Any]]:
    out = build / "crops" / name
    out.mkdir(parents=True, exist_ok=True)
    manifest: list[dict[str, Any]] = []
    for digital in sorted((build / "digital").glob("*.pdf")):
        wanted = printed_cells(digital)
        scan = build / name / digital.name
        pdf = pdfium.PdfDocument(str(scan))
        try:
            for number, cells in sorted(wanted.items()):
                gray = pdf_page_to_gray(pdf, number - 1, DPI)
                smooth, _ = denoise(gray)
                straight, _ = deskew(smooth)
                grid, clean = gray_to_grid(straight)
                page = gray_to_page(gray, number, DPI)
                if grid is None:
                    print(f"{scan.name} p{number}: no grid", file=sys.stderr)
                    continue
                for cell in cells:
                    x0, top, x1, bottom = (v * DPI / 72 for v in cell["box"])
                    slot = grid.slot_of((x0 + x1) / 2, (top + bottom) / 2)
                    if slot is None:
                        continue
                    r, c = grid.anchor[slot[0]][slot[1]]
                    bx0, by0, bx1, by1 = grid.cell_box(r, c)
                    crop = clean[by0 + MARGIN : by1 - MARGIN, bx0 + MARGIN : bx1 - MARGIN]
                    primary = next(
                        (
                            c.text
                            for line in page.lines
                            for c in line.cells
                            if c.bbox
                            and c.bbox[0] <= (bx0 + bx1) / 2 <= c.bbox[2]
                            and c.bbox[1] <= (by0 + by1) / 2 <= c.bbox[3]
                        ),
                        "",
                    )
                    stem = f"{digital.stem[:2]}_p{number}_{len(manifest):04d}"
                    cv2.imwrite(str(out / f"{stem}.png"), crop)
                    manifest.append(
                        {
                            "crop": f"{stem}.png",
                            "document": digital.stem,
                            "page": number,
                            "code": cell["code"],
                            "field": cell["field"],
                            "printed": cell["text"],
                            "primary": primary.replace(" ", ""),
                        }
                    )
        finally:
            pdf.close()
        print(f"{name} {digital.stem}: {len(manifest)} crops so far", file=sys.stderr)
    (out / "crops.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, default=HERE / "build")
    parser.add_argument("--sets", nargs="+", default=["scan300", "scan200"])
    args = parser.parse_args(argv)
    for name in args.sets:
        crops = cut_set(args.build, name)
        exact = sum(c["primary"] == c["printed"] for c in crops)
        print(f"{name}: {len(crops)} amount cells, primary reads {exact} exactly")
    return 0


if __name__ == "__main__":
    sys.exit(main())
