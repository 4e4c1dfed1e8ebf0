"""Regression: a table page read the same however it was scanned (issue: real files).

One table page of a sample plan is put through each condition of ``tests.conditions`` at test time
and converted; its rows and amounts must be those of the same page scanned cleanly, and what was
done to the image must be on record. Before page preparation: a sideways page gave dozens of junk
rows, an upside-down one junk rows without a warning, a phone photo "no table found", and cells
under a seal were misread.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from tests import conditions
from tests.test_extract_scanned import have_tesseract
from tests.test_page_prep import table_page
from vnplan import extract_document

pytestmark = [
    pytest.mark.tesseract,
    pytest.mark.slow,
    pytest.mark.skipif(not have_tesseract(), reason="tesseract with Vietnamese data not installed"),
]

AMOUNTS = ("total_vnd", "provincial_budget_vnd", "beneficiary_vnd", "other_vnd")


def write_pdf(image: np.ndarray, path: Path, dpi: int) -> Path:
    Image.fromarray(image).save(path, format="PDF", resolution=dpi, quality=90)
    return path


def convert(path: Path) -> dict[str, Any]:
    return extract_document(path).model_dump(mode="json")


def rows(doc: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(item["code"], *(item[f] for f in AMOUNTS)) for item in doc["items"]]


@cache
def clean_rows(tmp: Path) -> list[tuple[Any, ...]]:
    return rows(convert(write_pdf(conditions.jpeg(table_page(), 90), tmp / "clean.pdf", 300)))


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Any, ...]]:
    found = clean_rows(tmp_path_factory.mktemp("clean"))
    assert len(found) >= 5  # the page's section and items, read from the clean scan
    return found


@pytest.mark.parametrize("stored", [90, 180, 270])
def test_page_stored_turned_reads_as_upright(stored: int, reference: list, tmp_path: Path) -> None:
    doc = convert(write_pdf(conditions.jpeg(conditions.sideways(table_page(), stored), 90), tmp_path / "t.pdf", 300))
    assert rows(doc) == reference
    (record,) = doc["source"]["page_records"]
    assert record["rotation"] == (360 - stored) % 360
    assert any(f["message"].startswith("page 1: ") and "turned" in f["message"] for f in doc["findings"])


def test_phone_photo_reads_as_the_scan(reference: list, tmp_path: Path) -> None:
    doc = convert(write_pdf(conditions.phone_photo(table_page(), seed=11), tmp_path / "photo.pdf", 300))
    assert rows(doc) == reference
    steps = doc["source"]["page_records"][0]["steps"]
    assert "page outline found, perspective corrected" in steps and "illumination evened" in steps


def test_seal_and_signature_over_the_table_do_not_change_a_cell(reference: list, tmp_path: Path) -> None:
    doc = convert(write_pdf(conditions.stamped(table_page(), seed=7), tmp_path / "stamped.pdf", 300))
    assert rows(doc) == reference
    steps = " ".join(doc["source"]["page_records"][0]["steps"])
    assert "red ink removed" in steps and "blue ink removed" in steps


def test_150_dpi_jpeg_reads_as_the_scan(reference: list, tmp_path: Path) -> None:
    image = tmp_path / "page150.jpg"
    Image.fromarray(conditions.low_resolution(table_page())).save(image, dpi=(150, 150), quality=75)
    doc = convert(image)
    assert rows(doc) == reference
    assert "upscaled ×2" in doc["source"]["page_records"][0]["steps"]
