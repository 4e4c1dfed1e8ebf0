"""Words of born-digital text layers, built from characters by position (vnplan.extract.text_layer).

Real pages (samples/real/, cut from a signed Lâm Đồng report) and one made page
(samples/pdf/text-layer-fonts.pdf, samples/make_text_layer_sample.py) whose words change font and
size inside them.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest

from eval_text.cer import ordered_cer, word_cer
from eval_text.run import page_to_text
from vnplan.extract.model import Page
from vnplan.extract.pdf_digital import plumber_page_to_page
from vnplan.extract.text_layer import Glyph, attach_scripts, glyphs_to_lines, line_to_words
from vnplan.extract.widgets import drawn_widgets, widget_glyphs

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SIGNED = SAMPLES / "real" / "lamdong_bc329_cchc_2025_p7_p22.pdf"
FONTS = SAMPLES / "pdf" / "text-layer-fonts.pdf"


def read_page(path: Path, index: int) -> Page:
    with pdfplumber.open(path) as pdf:
        stamped = widget_glyphs(path, None, index, pdf.pages[index])
        page, verdict = plumber_page_to_page(pdf.pages[index], index + 1, "auto", stamped)
    assert page is not None, verdict.reason
    return page


def lines_of(page: Page) -> list[str]:
    return [line.text for line in page.lines]


def test_accented_letters_in_a_second_font_stay_in_their_words() -> None:
    """The signing tool draws ề, ự, ướ … in a second font: read by font runs, the page came out as
    ``Quy ề n l ự c`` and the Vietnamese check sent good pages to OCR."""
    with pdfplumber.open(SIGNED) as pdf:
        fonts = {c["fontname"] for c in pdf.pages[0].chars if c["text"] == "ề"}
        assert {c["fontname"] for c in pdf.pages[0].chars if c["text"] == "g"} - fonts  # the case is present
    text = page_to_text(read_page(SIGNED, 0))
    assert "cấp giấy chứng nhận quyền" in text
    assert "Đắk Nông cũng đã thực hiện hướng dẫn các sở, ban, ngành, Ủy ban nhân dân cấp" in text


@pytest.mark.parametrize("index", [0, 1])
def test_signed_report_words_are_the_layer_words(index: int) -> None:
    """Against pdfium's own text of the page: the words agree within 0.5 % (issue 10's goal)."""
    with pdfium.PdfDocument(str(SIGNED)) as pdf:
        textpage = pdf[index].get_textpage()
        reference = textpage.get_text_bounded()
        textpage.close()
    text = page_to_text(read_page(SIGNED, index))
    edits, length = word_cer(reference, text)
    assert edits / length <= 0.005, (edits, length)


def test_footnote_mark_never_joins_the_number() -> None:
    """A raised footnote mark after a year is a superscript, not a fifth digit (``2025⁷``)."""
    text = page_to_text(read_page(SIGNED, 0))
    assert "năm 2025⁷;" in text
    assert "20257" not in text


def test_overlapping_table_cells_are_read_once() -> None:
    """The table finder returns two overlapping cells on this page; each word goes to one cell."""
    text = page_to_text(read_page(SIGNED, 1))
    assert text.count("Văn bản Trung ương có nhiều thay đổi mới như") == 1


def test_made_page_font_and_size_changes() -> None:
    page = read_page(FONTS, 0)
    assert lines_of(page) == [
        "Quyền lực nhà nước thuộc về Nhân dân",  # accented letters in DejaVu Serif, the rest in DejaVu Sans
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",  # small capitals: 14 pt initials, 10 pt letters
        "Diện tích 120 m², hoàn thành năm 2025⁷; H2O sạch.",  # superscripts, a subscript
        "Kế hoạch khuyến công năm 2020",  # TCVN3 bytes from a .VnTime font inside Unicode words
        "Số: 329 /BC-UBND",  # the number written by a form field over a blank of the page
    ]
    assert page.reader == "pdfplumber+tcvn3"


def test_field_text_is_read_once_and_page_text_under_it_not_twice() -> None:
    """Signing tools stamp the number and the day into form fields (the real Lâm Đồng report reads
    ``Số: 329 /BC-UBND`` and ``ngày 19 tháng 12`` only so); a field over page text adds nothing."""
    with pdfplumber.open(FONTS) as pdf:
        page = pdf.pages[0]
        assert len(drawn_widgets(page)) == 1
        assert "".join(g.text for g in widget_glyphs(FONTS, None, 0, page)) == "329"
    with pdfplumber.open(SIGNED) as pdf:
        assert drawn_widgets(pdf.pages[0]) == []  # no field: nothing is opened or flattened


def test_document_number_from_a_field_reaches_the_metadata() -> None:
    from vnplan import extract_document

    assert extract_document(FONTS).document.number == "329/BC-UBND"


def test_sideways_headings_read_in_their_direction(tmp_path: Path) -> None:
    """A narrow column's heading is often set sideways; turned a quarter left it reads bottom to
    top (it came out letter-reversed: ``gnidaeh denruT``), a quarter right top to bottom."""
    from reportlab.pdfgen import canvas

    from vnplan.extract.text_layer import page_to_words

    path = tmp_path / "turned.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("Helvetica", 12)
    c.drawString(72, 700, "Plain line")
    for x, angle, text in ((300, 90, "Turned heading"), (400, -90, "Other way")):
        c.saveState()
        c.translate(x, 500)
        c.rotate(angle)
        c.drawString(0, 0, text)
        c.restoreState()
    c.showPage()
    c.save()
    with pdfplumber.open(path) as pdf:
        words, _ = page_to_words(pdf.pages[0])
    assert [w.text for w in words] == ["Plain", "line", "Turned", "heading", "Other", "way"]


def glyph(text: str, x0: float, baseline: float, size: float = 10.0, font: str = "A") -> Glyph:
    width = 0.5 * size
    return Glyph(text, x0, x0 + width, baseline - 0.8 * size, baseline + 0.2 * size, baseline, size, font)


def test_lines_by_baseline_whatever_the_glyph_box() -> None:
    """Two fonts of one size on one baseline have different boxes: the baseline decides."""
    q = glyph("Q", 0, 100)
    e = Glyph("ề", 5, 10, 88, 103, 100.4, 10, "B")  # a taller box, a hair off the baseline
    n = glyph("n", 10, 100)
    below = glyph("x", 0, 114)
    lines = glyphs_to_lines([n, below, e, q])
    assert [[g.text for g in line] for line in lines] == [["Q", "ề", "n"], ["x"]]
    assert [w.text for w in line_to_words(lines[0])] == ["Qền"]


def test_words_split_at_spaces_and_gaps() -> None:
    line = [glyph("a", 0, 100), glyph("b", 5, 100), glyph(" ", 10, 100), glyph("c", 15, 100), glyph("d", 22, 100)]
    assert [w.text for w in line_to_words(line)] == ["ab", "c", "d"]


def test_scripts_join_only_a_word_they_touch() -> None:
    """A small word beside a big one is a script only where it touches it: small print next to a
    big heading stays its own words."""
    base = line_to_words([glyph("m", 0, 100, size=12)])
    sup = line_to_words([Glyph("2", 6.2, 9.7, 90, 96, 95, 7, "A")])
    far = line_to_words([Glyph("x", 40, 43.5, 90, 96, 95, 7, "A")])
    words = attach_scripts([*base, *sup, *far])
    assert sorted(w.text for w in words) == ["m2", "x"]
    assert [g.raised for w in words for g in w.glyphs if g.text == "2"] == [True]


def test_cer_counts_broken_words() -> None:
    assert word_cer("Quyền lực", "lực Quyền") == (0, len("Quyền lực"))
    assert word_cer("Quyền lực", "Quy ề n lực")[0] > 0
    assert ordered_cer("a  b\nc", "a b c") == (0, 5)
