"""Number conventions per document (issue 13, class 3): Vietnamese 1.073.000 / 4.050,8 and English
2,096,584,751 / 12.5 both occur; the ambiguous "225,500" / "1.500" are read by the document's own.

``samples/genres/finance_report_en_2023.txt`` (written for vnplan) prints its figures the English
way, two of them with one group only ("225,500"); its truth is checked in ``test_genres.py``.
"""

import json
import re
from pathlib import Path

import pytest

from tests.scoring import score_document
from vnplan import extract_document
from vnplan.extract.model import SourceDocument
from vnplan.extract.text_export import text_to_pages
from vnplan.normalize.assemble import source_to_document
from vnplan.normalize.numbers import detect_style, parse_number, style_of

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.mark.parametrize(
    ("text", "style"),
    [("1.073.000", "vi"), ("4.050,8", "vi"), ("12,5", "vi"), ("2,096,584,751", "en"), ("1,073.5", "en"),
     ("12.5", "en"), ("1.500", None), ("225,500", None), ("680", None),
     ("071,072,073,074,075", None), ("0105.001.002", None)],  # zero-padded codes prove nothing
)  # fmt: skip
def test_what_a_number_proves(text: str, style: str | None) -> None:
    assert style_of(text) == style


def test_ambiguous_numbers_are_read_by_the_convention() -> None:
    assert parse_number("225,500", "en") == 225500 and parse_number("225,500") is None
    assert parse_number("1.500", "en") == parse_number("1,5") and parse_number("1.500", "vi") == 1500
    # unambiguous numbers read the same under either convention
    assert parse_number("1.073.000", "en") == parse_number("1.073.000", "vi") == 1073000
    assert parse_number("2,096,584,751", "vi") == parse_number("2,096,584,751", "en") == 2096584751


def test_codes_and_decimals_alone_never_make_a_document_english() -> None:
    """Row codes ("2.1") look like English decimals, and OCR turns a decimal comma into a dot: only
    grouped numbers may turn a document English."""
    assert detect_style(["1.1", "2.1", "300.000", "12.5"]).style is None
    assert detect_style(["2,096,584,751", "225,500", "1.1"]).style == "en"
    assert detect_style(["1.073.000", "4.050,8", "1,250,000"]).style is None  # 2 to 1: undecided
    assert detect_style(["1.073.000", "4.050,8", "1.250.000", "7.000.000", "1,250,000"]).style == "vi"


def test_the_convention_is_recorded_with_the_cells_that_depended_on_it() -> None:
    document = extract_document(SAMPLES / "genres" / "finance_report_en_2023.txt")
    convention = document.number_convention
    assert convention is not None and convention.style == "en" and convention.detected
    assert convention.read_by_it == ["225,500", "575,500"]
    assert "2,096,584,751" in convention.evidence
    assert [amount.value_vnd for amount in document.items[3].amounts] == [225_500]


def _english(text: str) -> str:
    """The same document with its figures printed the English way (1.250.000 -> 1,250,000; 4.050,8 -> 4,050.8)."""
    vietnamese = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+")
    swap = str.maketrans(".,", ",.")
    return re.sub(r"\d[\d.,]*\d", lambda m: m[0].translate(swap) if vietnamese.fullmatch(m[0]) else m[0], text)


@pytest.mark.parametrize("truth_path", sorted((SAMPLES / "truth").glob("*.truth.json")), ids=lambda p: p.name[:3])
def test_every_text_sample_printed_the_english_way_reads_the_same(truth_path: Path) -> None:
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    english = _english((SAMPLES / "text" / truth["source"]).read_text(encoding="utf-8"))
    source = SourceDocument(path="english.txt", sha256="0" * 64, kind="text", pages=text_to_pages(english))
    document = source_to_document(source)
    vietnamese = extract_document(SAMPLES / "text" / truth["source"])
    assert document.number_convention is not None and document.number_convention.style == "en"
    score = score_document(json.loads(document.model_dump_json()), truth)
    expected = score_document(json.loads(vietnamese.model_dump_json()), truth)
    assert (score.amounts_exact, score.wrong_silent) == (expected.amounts_exact, expected.wrong_silent), score.summary()


def test_a_workbooks_typed_numbers_are_read_by_the_convention_the_reader_printed_them_in(tmp_path: Path) -> None:
    """A real dự toán workbook (Lào Cai 2025) prints only one-group numbers (525469 as '525.469')
    and, in its notes column, lists of account codes ('071,072,073'): taken for English grouping,
    they had every amount read a thousand times too small. The reader printed the numbers itself."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["STT", "Chỉ tiêu", "Dự toán giao năm 2024", "Dự toán giao năm 2025", "Ghi chú"])
    sheet.append(["I", "Chi thường xuyên", 525469, 539910, ""])
    sheet.append(["1", "Sự nghiệp giáo dục", 260766, 261035, "Mục 071,072,073,074,075"])
    sheet.append(["2", "Sự nghiệp đào tạo", 264703, 278875, "1,49 triệu đồng/tháng"])
    sheet.append(["3", "Thông tư số 42/2013/TTLT", "071,072,073,074,075", 1200, ""])  # account codes, as text
    path = tmp_path / "du_toan.xlsx"
    book.save(path)
    document = extract_document(path)
    first = document.items[0]
    assert [a.value_vnd for a in first.amounts] == [525_469, 539_910]
    assert document.number_convention is not None and document.number_convention.style == "vi"
    assert "reader" in document.number_convention.evidence
    # and the code list itself is no amount (read, it was 71.072.073.074.075 đồng)
    cited = next(row for row in document.items if row.title.startswith("Thông tư"))
    assert [(a.label, a.value_vnd) for a in cited.amounts] == [("Dự toán giao năm 2025", 1200)]


def test_a_zero_padded_code_list_is_no_number() -> None:
    assert parse_number("071,072,073,074,075") is None and parse_number("071.072", "en") is None
    assert parse_number("0,5") == parse_number("0.5", "en") and parse_number("05") == 5
