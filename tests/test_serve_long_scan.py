"""A 100-page scanned document opens in the review app in under 2 s: page images are rendered
only when they scroll into view, and kept.

The document is the two sample scans (samples/pdf/*.scan300.pdf) repeated to 100 pages, a budget
table on every page — a worst case for the page (every page has cells to draw). Its JSON is the
OCR of the two scans with rows and cells repeated per page, which is what extraction gives for
repeated pages (OCR reads the same image the same way), without OCRing 100 pages in the suite.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path
from typing import Any

import pytest

from tests.browser import LiveServer
from tests.test_extract_scanned import have_tesseract
from vnplan import extract_document
from vnplan.schemas import PlanDocument

ROOT = Path(__file__).resolve().parent.parent
SCANS = [ROOT / "samples" / "pdf" / f"{stem}.scan300.pdf" for stem in
         ("101_quang_nam_2022_khuyen_nong", "103_binh_dinh_2023_xuc_tien_thuong_mai")]  # fmt: skip
PAGES = 100
OPEN_BUDGET_S = 2.0


def repeat_pages(sources: list[Path], count: int, target: Path) -> None:
    import pypdfium2 as pdfium

    merged = pdfium.PdfDocument.new()
    opened = [pdfium.PdfDocument(path) for path in sources]
    for number in range(count):
        merged.import_pages(opened[number % len(opened)], [0])
    merged.save(target)
    for pdf in (*opened, merged):
        pdf.close()


def long_scan_document(folder: Path) -> tuple[Path, PlanDocument]:
    """(the 100-page PDF, its document) — see the module's docstring."""
    pair, long = folder / "pair.pdf", folder / "long-scan.pdf"
    repeat_pages(SCANS, len(SCANS), pair)
    repeat_pages(SCANS, PAGES, long)
    read = extract_document(pair)
    assert read.source.kind == "scanned_pdf" and read.items
    items = []
    for start in range(0, PAGES, len(SCANS)):
        for row in read.items:
            copy = row.model_copy(deep=True)
            copy.pages = [page + start for page in row.pages]
            for box in copy.cells:
                box.page += start
            items.append(copy)
    records = [read.source.page_records[n % len(SCANS)].model_copy(update={"page": n + 1}) for n in range(PAGES)]
    source = read.source.model_copy(
        update={"path": str(long), "sha256": hashlib.sha256(long.read_bytes()).hexdigest(), "pages": PAGES,
                "page_readers": [r.reader for r in records], "page_records": records}
    )  # fmt: skip
    return long, read.model_copy(update={"source": source, "items": items})


def open_seconds(page: Any, out: Path, images: list[str]) -> float:
    """Seconds from asking for the document page to its grid and first page image shown, on a
    fresh app (documents not yet parsed, no page rendered) in a warm browser."""
    from vnplan.serve import pages

    pages.forget_renders()
    server = LiveServer(out)
    try:
        page.goto(server.url)  # the browser warm, as when a reviewer comes from the queue
        page.wait_for_selector("#queue tbody tr")
        images.clear()
        started = time.perf_counter()
        page.goto(f"{server.url}/documents/long-scan")
        page.wait_for_selector("#grid tbody tr")
        page.wait_for_function(
            "(() => { const i = document.querySelector('#page-1 img'); return i && i.complete && i.naturalWidth > 0 })()"
        )
        return time.perf_counter() - started
    finally:
        server.stop()


@pytest.mark.slow
@pytest.mark.tesseract
@pytest.mark.skipif(not have_tesseract(), reason="needs tesseract with the 'vie' language data")
def test_a_100_page_scan_opens_in_under_2_seconds(tmp_path: Path, page: Any) -> None:
    _, document = long_scan_document(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "long-scan.json").write_text(document.model_dump_json(indent=2), encoding="utf-8")
    images: list[str] = []
    page.on("request", lambda request: images.append(request.url) if request.url.endswith("/image") else None)
    # The best of three opens: the code's cost, not another process's burst on a shared machine.
    seconds = []
    for _ in range(3):
        seconds.append(open_seconds(page, out, images))
        asked = len(images)
    print(f"100-page scan: open {', '.join(f'{s:.2f}' for s in seconds)} s; {asked} page images asked for by then")
    assert page.locator("#pages .page").count() == PAGES
    assert page.locator("#grid tbody tr").count() == len(document.items)
    assert asked < PAGES / 4, "page images must be rendered when they scroll into view, not all at once"
    assert min(seconds) < OPEN_BUDGET_S, f"the document took {min(seconds):.2f} s to open at best"
