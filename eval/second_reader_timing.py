"""Focused timing of the second reader: CPU seconds of reading each scanned page as vnplan does
(page preparation, OCR, re-reads), and the part of it spent reading the amount cells a second time
(the batch, and the other looks where the readings differ).

    .venv/bin/python -m eval.second_reader_timing eval/build/scan300/*.pdf

CPU time of this process and of any Tesseract process it starts, so that other load on a shared
machine does not count; Tesseract runs on one thread. Pages are rendered at 300 dpi and read by
``readers.pdf_picture_to_page``, the function vnplan's PDF reader calls for a scanned page.
"""

from __future__ import annotations

import os
import sys
import time

import pypdfium2 as pdfium

from vnplan.extract import ocr
from vnplan.extract.readers import pdf_picture_to_page
from vnplan.extract.render import pdf_page_to_image


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the tesseract command, when used)."""
    times = os.times()
    return time.process_time() + times.children_user + times.children_system


def main(paths: list[str]) -> int:
    if not paths:
        print("usage: python -m eval.second_reader_timing PDF...", file=sys.stderr)
        return 2
    spent, cells = 0.0, 0
    inner = ocr.read_amounts_twice

    def timed(lines, *args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal spent, cells
        started = cpu_seconds()
        out = inner(lines, *args, **kwargs)
        spent += cpu_seconds() - started
        cells += sum(cell.second is not None for line in out for cell in line.cells)
        return out

    ocr.read_amounts_twice = timed  # type: ignore[assignment]
    total, pages = 0.0, 0
    for path in paths:
        pdf = pdfium.PdfDocument(path)
        for index in range(len(pdf)):
            picture = pdf_page_to_image(pdf, index, 300)
            started = cpu_seconds()
            pdf_picture_to_page(picture, index + 1)
            total += cpu_seconds() - started
            pages += 1
        pdf.close()
    once = total - spent  # the same pages read without the second reader
    print(
        f"{pages} pages: {total:.2f} s CPU, {total / pages:.3f} s a page; second reading {spent:.2f} s "
        f"({100 * spent / total:.1f} % of the total, +{100 * spent / once:.1f} % over reading once), "
        f"{cells} cells read twice, {1000 * spent / max(cells, 1):.1f} ms a cell"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
