"""The OCR text-export reader (extract/text_export.py)."""

import unicodedata
from pathlib import Path

from vnplan.extract.text_export import read_text_export, text_to_pages

EXPORT = (
    "KẾ HOẠCH\n"
    "TT\tTên đề án\tTổng kinh phí\n"
    "1\tĐào tạo nghề\t<i>100.000</i>\n"
    "Hàng\n"
    "TT\tTên đề án\tTổng kinh phí\n"
    "2\tHội chợ\t**50.000**\n"
)


def test_a_repeated_header_starts_a_new_page() -> None:
    pages = text_to_pages(EXPORT)
    assert [page.number for page in pages] == [1, 2]
    assert pages[1].lines[0].cells[0].text == "TT"


def test_rows_keep_their_cells_and_lose_exporter_markup() -> None:
    row = text_to_pages(EXPORT)[0].lines[2]
    assert row.is_table_row
    assert [cell.text for cell in row.cells] == ["1", "Đào tạo nghề", "100.000"]


def test_narrative_lines_have_no_cells() -> None:
    first = text_to_pages(EXPORT)[0].lines[0]
    assert first.text == "KẾ HOẠCH" and not first.is_table_row


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 spells a toned letter as its base letter plus a combining tone mark."""
    out = []
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
        out.append(base + "".join(c for c in decomposed if c in TONE_MARKS))
    return "".join(out).encode("cp1258")


def test_windows_1258_and_utf16_are_decoded_to_nfc(tmp_path: Path) -> None:
    text = "Kế hoạch khuyến công\tTổng cộng\n"
    for encoding, raw in (("cp1258", to_cp1258(text)), ("utf-16", text.encode("utf-16"))):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(raw)
        document = read_text_export(path)
        assert document.pages[0].lines[0].cells[0].text == "Kế hoạch khuyến công"
