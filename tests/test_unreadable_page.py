"""A page that reads as noise is named by a warning (``checks.unreadable_page_findings``).

``fixtures/augraphy/noise_page.txt`` is what the reader made of a table page under dark streaks
(its rows were lost, and only a grand total that did not add up showed it); ``streaked_page_read.txt``
a noisy page still read well enough to give its rows (fixtures/augraphy/README.md).
"""

from __future__ import annotations

from pathlib import Path

from vnplan.extract.model import Line, Page, SourceDocument
from vnplan.normalize.checks import unreadable_page_findings

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "augraphy"


def _page(number: int, name: str) -> Page:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return Page(number, "tesseract", tuple(Line(line, number) for line in text.splitlines()), ocr=True)


def test_a_page_of_noise_is_named_and_a_noisy_page_that_was_read_is_not() -> None:
    source = SourceDocument(
        "plan.pdf", "0" * 64, "scanned_pdf", [_page(1, "streaked_page_read.txt"), _page(2, "noise_page.txt")]
    )
    (finding,) = unreadable_page_findings(source)
    assert (finding.code, finding.severity, finding.pages) == ("page-unreadable", "warning", [2])
    assert "page 2 reads as noise" in finding.message


def test_a_short_page_says_too_little_to_judge() -> None:
    # a signature page: a few names and marks
    lines = (Line("Nơi nhận: - Như trên; - Lưu: VT. ~ * ¬ :", 1), Line("Hồ Sĩ Nguyên", 1))
    page = Page(1, "tesseract", lines, ocr=True)
    assert unreadable_page_findings(SourceDocument("plan.pdf", "0" * 64, "scanned_pdf", [page])) == []


def test_typed_pages_are_not_judged() -> None:
    # a sheet of abbreviations and placeholders reads as few syllables, and is no scan's noise
    noise = tuple(Line(line, 1) for line in (FIXTURES / "noise_page.txt").read_text(encoding="utf-8").splitlines())
    for reader in ("openpyxl", "xlrd", "docx", "text", "pdfplumber+unicode"):
        source = SourceDocument("plan.x", "0" * 64, "xlsx", [Page(1, reader, noise)])
        assert unreadable_page_findings(source) == [], reader
