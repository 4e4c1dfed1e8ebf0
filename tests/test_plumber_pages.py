"""``vnplan.extract.plumber_pages`` makes the same objects as pdfplumber itself, only faster: every
character dict equal to pdfplumber's, key order included, on every sample PDF and on a page whose
MediaBox does not start at the origin (the coordinate shifts pdfplumber applies)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest

from vnplan.extract.plumber_pages import TextLayerPage, text_layer_pages

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PDFS = sorted((SAMPLES / "pdf").glob("*.pdf")) + sorted((SAMPLES / "real").glob("*.pdf"))


def assert_same_objects(path: Path) -> int:
    """Compare every page of ``path`` read both ways; returns the number of characters compared."""
    compared = 0
    with pdfplumber.open(path) as theirs, pdfplumber.open(path) as ours:
        fast = text_layer_pages(ours)
        assert [p.page_number for p in fast] == [p.page_number for p in theirs.pages]
        for expected, page in zip(theirs.pages, fast, strict=True):
            assert isinstance(page, TextLayerPage)
            assert page.initial_doctop == expected.initial_doctop
            assert list(page.objects) == list(expected.objects)  # the same kinds, in the same order
            for kind, objects in expected.objects.items():
                assert len(page.objects[kind]) == len(objects)
                if kind != "char":  # pdfplumber's own code made them; image streams compare by identity
                    continue
                for mine, reference in zip(page.objects[kind], objects, strict=True):
                    assert list(mine.items()) == list(reference.items())
                compared += len(objects)
    return compared


@pytest.mark.parametrize("path", PDFS, ids=[p.name for p in PDFS])
def test_char_dicts_equal_pdfplumbers(path: Path) -> None:
    assert_same_objects(path)


def test_char_dicts_equal_on_a_page_whose_mediabox_is_shifted(tmp_path: Path) -> None:
    shifted = tmp_path / "shifted.pdf"
    with pdfium.PdfDocument(str(SAMPLES / "pdf" / "102_can_tho_2021_khuyen_cong.pdf")) as pdf:
        for index in range(len(pdf)):
            left, bottom, right, top = pdf[index].get_mediabox()
            pdf[index].set_mediabox(left + 30, bottom + 40, right + 30, top + 40)
        pdf.save(str(shifted))
    assert assert_same_objects(shifted) > 1000
