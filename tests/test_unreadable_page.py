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


def test_a_page_of_noise_beside_a_grand_total_that_does_not_add_up_is_an_error() -> None:
    """Two signs of rows lost: the document is partial, not "ok" with most of its table gone."""
    source = SourceDocument("plan.pdf", "0" * 64, "scanned_pdf", [_page(2, "noise_page.txt")])
    (finding,) = unreadable_page_findings(source, rows_missing=True)
    assert finding.severity == "error" and "rows of the table are missing" in finding.message


def test_a_page_of_noise_holding_rows_of_a_table_whose_total_was_not_read_is_an_error() -> None:
    """Held-out seed 11301 h05: two table pages under streaks read as noise, 9 rows missing, and no
    grand total read to show it: the document was "ok". A page of noise that holds rows of a table
    nothing proves complete is an error; one that holds none of its rows stays a warning."""
    source = SourceDocument("plan.pdf", "0" * 64, "scanned_pdf", [_page(2, "noise_page.txt")])
    (finding,) = unreadable_page_findings(source, unproven_pages=frozenset({2, 3}))
    assert finding.severity == "error" and "grand total was not read" in finding.message
    (finding,) = unreadable_page_findings(source, unproven_pages=frozenset({3}))
    assert finding.severity == "warning"


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


def test_a_plan_that_lost_a_page_to_noise_is_partial() -> None:
    """The rows of page 1 were lost to streaks; page 2 gives the last rows and the grand total."""
    import dataclasses

    from vnplan.extract.text_export import text_to_pages
    from vnplan.normalize.assemble import source_to_document

    table = (
        "ĐVT: đồng\n"
        "TT\tNội dung\tTổng kinh phí\tNgân sách tỉnh\tĐơn vị thụ hưởng\n"
        "3\tHội chợ nông sản\t500.000\t300.000\t200.000\n"
        "4\tTập huấn\t400.000\t400.000\t0\n"
        "\tTổng cộng\t5.900.000\t3.700.000\t2.200.000\n"
    )
    (read,) = text_to_pages(table)
    pages = [_page(1, "noise_page.txt"), dataclasses.replace(read, number=2)]
    document = source_to_document(SourceDocument("plan.pdf", "0" * 64, "scanned_pdf", pages))
    assert document.status == "partial"
    (finding,) = [f for f in document.findings if f.code == "page-unreadable"]
    assert (finding.severity, finding.pages) == ("error", [1])
