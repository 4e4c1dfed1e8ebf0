"""Legacy Vietnamese font encodings: decoding known strings and telling them apart."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from vnplan.extract.legacy_encoding import (
    detect_encoding,
    font_to_encoding,
    is_vietnamese_syllable,
    tcvn3_to_unicode,
    vni_to_unicode,
)
from vnplan.extract.pdf_digital import plumber_page_to_page

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "pdf"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("KÕ ho¹ch", "Kế hoạch"),
        ("khuyÕn c«ng tØnh §ång Nai n¨m 2020", "khuyến công tỉnh Đồng Nai năm 2020"),
        ("Tæng kinh phÝ thùc hiÖn", "Tổng kinh phí thực hiện"),
    ],
)
def test_tcvn3_known_strings(raw: str, expected: str) -> None:
    assert tcvn3_to_unicode(raw) == expected


def test_tcvn3_capital_fonts_upper_case() -> None:
    assert tcvn3_to_unicode("kÕ ho¹ch", capitals=True) == "KẾ HOẠCH"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Keá hoaïch", "Kế hoạch"),
        ("khuyeán coâng tænh Ñoàng Nai naêm", "khuyến công tỉnh Đồng Nai năm"),
        ("ngöôøi öùng duïng", "người ứng dụng"),
        ("KEÁ HOAÏCH", "KẾ HOẠCH"),
    ],
)
def test_vni_known_strings(raw: str, expected: str) -> None:
    assert vni_to_unicode(raw) == expected


@pytest.mark.parametrize(
    ("font", "expected"),
    [
        ("ABCDEF+.VnTime", ("tcvn3", False)),
        (".VnTimeH", ("tcvn3", True)),
        ("VnArial,Bold", ("tcvn3", False)),
        ("QWERTY+VNI-Times", ("vni", False)),
        ("DejaVuSans", (None, False)),
    ],
)
def test_font_names(font: str, expected: tuple[str | None, bool]) -> None:
    assert font_to_encoding(font) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kế hoạch khuyến công tỉnh Đồng Nai năm 2020", "unicode"),
        ("KÕ ho¹ch khuyÕn c«ng tØnh §ång Nai n¨m 2020", "tcvn3"),
        ("Keá hoaïch khuyeán coâng tænh Ñoàng Nai naêm 2020", "vni"),
    ],
)
def test_detect_by_content(text: str, expected: str) -> None:
    assert detect_encoding([text])[0] == expected


def test_syllable_rules() -> None:
    assert all(map(is_vietnamese_syllable, ["nghiệp", "quốc", "gì", "người", "khuyến"]))
    assert not any(map(is_vietnamese_syllable, ["Khuryn", "kềt", "ho¹ch", "Keá", "DVT"]))


@pytest.mark.parametrize(("name", "reader"), [("legacy-tcvn3", "pdfplumber+tcvn3"), ("legacy-vni", "pdfplumber+vni")])
def test_legacy_pdf_pages_are_decoded(name: str, reader: str) -> None:
    with pdfplumber.open(SAMPLES / f"{name}.pdf") as pdf:
        page, verdict = plumber_page_to_page(pdf.pages[0], 1)
    assert page is not None and verdict.usable
    assert page.reader == reader
    assert page.lines[0].text == "Kế hoạch khuyến công tỉnh Đồng Nai năm 2020"
    assert "10.987.250.000 đồng" in page.lines[2].text
