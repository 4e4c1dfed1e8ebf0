"""Focused timing of the second reader: CPU seconds of OCRing each page, and the share of it spent
reading the amount cells a second time (the batch, and the other looks where readings differ).

    .venv/bin/python -m eval.second_reader_timing eval/build/scan300/*.pdf

CPU time of this process, so that other load on a shared machine does not count; Tesseract runs on
one thread. Pages are rendered at 300 dpi and read by ``ocr.gray_to_page``, as vnplan reads them.
"""

from __future__ import annotations

import sys
import time

import pypdfium2 as pdfium

from vnplan.extract import ocr
from vnplan.extract.render import pdf_page_to_gray


def main(paths: list[str]) -> int:
    spent, cells = 0.0, 0
    inner = ocr.read_amounts_twice

    def timed(lines, *args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal spent, cells
        started = time.process_time()
        out = inner(lines, *args, **kwargs)
        spent += time.process_time() - started
        cells += sum(cell.second is not None for line in out for cell in line.cells)
        return out

    ocr.read_amounts_twice = timed  # type: ignore[assignment]
    total, pages = 0.0, 0
    for path in paths:
        pdf = pdfium.PdfDocument(path)
        for index in range(len(pdf)):
            gray = pdf_page_to_gray(pdf, index, 300)
            started = time.process_time()
            ocr.gray_to_page(gray, index + 1, 300)
            total += time.process_time() - started
            pages += 1
        pdf.close()
    print(
        f"{pages} pages: {total:.2f} s CPU, {total / pages:.3f} s a page; second reading {spent:.2f} s "
        f"({100 * spent / total:.1f} %), {cells} cells read twice, {1000 * spent / max(cells, 1):.1f} ms a cell"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
