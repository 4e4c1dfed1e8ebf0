"""Review page: the HTML itself, and a few checks in headless chromium (console, screenshot, clicks)."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from tests.browser import ConsoleErrors
from vnplan import extract_document
from vnplan.cli import app
from vnplan.review import chart_bars, document_to_html, source_to_pages, sum_checks, write_review
from vnplan.schemas import PlanDocument

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = ROOT / "samples" / "text" / "000_8939c4b136b1e13b.txt"
SEED_PDF = ROOT / "samples" / "pdf" / "000_8939c4b136b1e13b.pdf"


@pytest.fixture(scope="module")
def seed() -> PlanDocument:
    return extract_document(SEED_TEXT)


@pytest.fixture(scope="module")
def seed_pdf() -> PlanDocument:
    return extract_document(SEED_PDF)


# --- without a browser -----------------------------------------------------------------------------


def test_pdf_rows_carry_cell_boxes(seed_pdf: PlanDocument) -> None:
    boxes = [box for row in seed_pdf.items for box in row.cells]
    assert len(boxes) > 5 * len(seed_pdf.items)
    assert all(box.x0 < box.x1 and box.top < box.bottom for box in boxes)
    assert {"code", "title", "total_vnd"} <= {box.field for box in boxes}


def test_text_export_rows_have_no_boxes_and_csv_has_no_cells_column(seed: PlanDocument) -> None:
    assert all(row.cells == [] for row in seed.items)
    assert "cells" not in seed.items_frame().columns


def test_html_is_self_contained_and_escaped(seed: PlanDocument) -> None:
    pages, note = source_to_pages(seed)
    assert note == "" and len(pages) == seed.source.pages
    html = document_to_html(seed, pages)
    assert not re.search(r"""(?:src|href)=["'](?:https?:)?//""", html)  # nothing fetched from anywhere
    assert "<link" not in html and "<script src" not in html
    assert "Kế hoạch Khuyến công tỉnh Đồng Nai năm 2020" in html
    assert "<del>Bản tin Khuryn công</del> → <ins>Bản tin Khuyến công</ins>" in html  # a correction, row 6.3
    assert 'class="num inferred"' in html  # row 4.2's beneficiary amount was inferred
    assert "grand-total-mismatch" in html


def test_low_confidence_threshold_marks_rows(seed: PlanDocument) -> None:
    pages, _ = source_to_pages(seed)
    assert 'class="kind-item low"' not in document_to_html(seed, pages, threshold=0.0)
    assert 'class="kind-item low"' in document_to_html(seed, pages, threshold=0.99)


def test_totals_panel_shows_the_seed_grand_total_gap(seed: PlanDocument) -> None:
    grand = {c.column: c for c in sum_checks(seed) if c.label == "Grand total"}
    assert grand["total_vnd"].difference == 1_400_000_000  # printed 10.987.250.000, rows 9.587.250.000
    assert grand["beneficiary_vnd"].difference == 0


def test_chart_stacks_sources_per_section(seed: PlanDocument) -> None:
    bars = dict(chart_bars(seed))
    section_4 = next(parts for label, parts in bars.items() if label.startswith("4 "))
    assert section_4["provincial_budget_vnd"] + section_4["beneficiary_vnd"] == 5_470_050_000


def test_missing_source_still_gives_a_page(tmp_path: Path, seed_pdf: PlanDocument) -> None:
    moved = seed_pdf.model_copy(update={"source": seed_pdf.source.model_copy(update={"path": str(tmp_path / "x.pdf")})})
    pages, note = source_to_pages(moved)
    assert "not found" in note
    assert pages and all(page.image is None for page in pages)  # the boxes alone still show the table


def test_cli_review_and_extract_review(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["extract", str(SEED_TEXT), "-o", str(tmp_path), "--review", "-j", "1"])
    assert result.exit_code == 0, result.output  # the seed is partial (converted, with findings)
    page = tmp_path / f"{SEED_TEXT.stem}.review.html"
    assert page.is_file()
    page.unlink()
    result = runner.invoke(app, ["review", str(tmp_path / f"{SEED_TEXT.stem}.json")])
    assert result.exit_code == 0, result.output
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# --- in headless chromium (Playwright, tests/browser.py) ----------------------------------------------


def _rect(page: Any, selector: str) -> dict[str, float]:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return {"x": box["x"], "y": box["y"], "w": box["width"], "h": box["height"]}


def test_text_review_clicks_link_rows_and_lines(
    tmp_path: Path, seed: PlanDocument, page: Any, console_errors: ConsoleErrors
) -> None:
    target = tmp_path / "seed.review.html"
    write_review(seed, target)
    page.goto(target.as_uri())
    index = next(i for i, row in enumerate(seed.items) if row.code == "4.2")
    page.locator(f"#row-{index}").scroll_into_view_if_needed()
    box = _rect(page, f"#row-{index}")
    page.mouse.click(box["x"] + 10, box["y"] + box["h"] / 2)
    selected = page.evaluate("Array.from(document.querySelectorAll('.sel')).map(e => e.className.split(' ')[0])")
    assert "tline" in selected and "finding" in selected  # its line on the page and its finding
    line = _rect(page, f'.tline[data-row="{index}"]')
    assert 0 <= line["y"] < 900  # the page side scrolled to the row's line
    assert console_errors.seen == []


def test_pdf_review_renders_page_and_overlay(
    tmp_path: Path, seed_pdf: PlanDocument, page: Any, console_errors: ConsoleErrors
) -> None:
    from PIL import Image

    target = tmp_path / "seed-pdf.review.html"
    write_review(seed_pdf, target)
    page.goto(target.as_uri())
    assert console_errors.seen == []
    index = next(i for i, row in enumerate(seed_pdf.items) if row.cells and row.kind == "item")
    cell = f'rect.cell[data-row="{index}"]'
    page.evaluate(f"document.querySelector({cell!r}).scrollIntoView({{block: 'center'}})")
    box = _rect(page, cell)
    page.mouse.click(box["x"] + box["w"] / 2, box["y"] + box["h"] / 2)
    assert page.evaluate(f"document.getElementById('row-{index}').classList.contains('sel')")

    shot = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    area = _rect(page, "#pages")
    crop = shot.crop((int(area["x"]), int(area["y"]), int(area["x"] + area["w"]), int(area["y"] + area["h"])))
    pixels = np.asarray(crop, dtype=np.int32)
    red, green, blue = pixels[..., 0], pixels[..., 1], pixels[..., 2]
    ink = int((pixels.max(axis=2) < 160).sum())  # printed text and ruling lines of the page image
    highlight = int(((red > 230) & (green > 150) & (green < 225) & (blue < 180)).sum())  # orange selected cells
    # 0.015: a page of text at 100 dpi covers ~3 %; the page frame and headings alone (no image) ~0.6 %
    assert ink > 0.015 * red.size, f"the page image did not render ({ink} dark pixels)"
    assert highlight > 200, f"the selected row's cells are not drawn over the page ({highlight} pixels)"


def test_word_and_excel_plans_show_their_lines_linked_to_rows(tmp_path: Path) -> None:
    """No page image exists for them: the lines as read are shown, table rows linked to items."""
    from tests.test_extract_docx import export_to_docx
    from tests.test_extract_xlsx import export_to_xlsx

    export = ROOT / "samples" / "text" / "103_binh_dinh_2023_xuc_tien_thuong_mai.txt"
    for suffix, build in ((".docx", export_to_docx), (".xlsx", export_to_xlsx)):
        path = tmp_path / f"plan{suffix}"
        build(export, path)
        document = extract_document(path)
        pages, note = source_to_pages(document)
        assert note == "" and pages and all(page.image is None for page in pages)
        linked = [line.row for page in pages for line in page.lines if line.row is not None]
        assert sorted(linked) == list(range(len(document.items)))
