"""The narrative stage: the seed document's metadata and totals, and narratives of other shapes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from vnplan.normalize.metadata import narrative_to_facts
from vnplan.schemas import DocumentMeta

SEED = Path(__file__).resolve().parents[1] / "samples" / "text" / "000_8939c4b136b1e13b.txt"


def seed_narrative_lines() -> list[str]:
    """The seed's non-table lines: in the OCR text export table rows are the tab-separated ones."""
    return [line for line in SEED.read_text(encoding="utf-8").splitlines() if "\t" not in line]


def test_seed_document_metadata() -> None:
    meta = narrative_to_facts(seed_narrative_lines()).meta
    assert meta.doc_type == "Kế hoạch"
    assert meta.number == "2257/KH-UBND"
    assert meta.issuer == "Ủy ban nhân dân tỉnh Đồng Nai"
    assert meta.province == "Đồng Nai"
    assert meta.issued_on == date(2020, 3, 6)
    assert meta.year == 2020
    assert meta.title == "Kế hoạch Khuyến công tỉnh Đồng Nai năm 2020"
    assert meta.signer == "Trần Văn Vĩnh"
    assert meta.signer_title == "Phó Chủ tịch"
    assert len(meta.legal_bases) == 11
    assert all(basis.startswith("Căn cứ ") for basis in meta.legal_bases)
    assert meta.legal_bases[0] == "Căn cứ Nghị định số 45/2012/NĐ-CP ngày 21/5/2012 của Chính phủ về khuyến công"


def test_seed_narrative_totals_and_words() -> None:
    facts = narrative_to_facts(seed_narrative_lines())
    assert facts.narrative_totals == {
        "total_vnd": 10_987_250_000,
        "provincial_budget_vnd": 6_671_000_000,
        "beneficiary_vnd": 4_316_250_000,
    }
    assert facts.total_in_words == 10_987_250_000
    assert facts.total_in_words_text is not None
    assert facts.total_in_words_text.startswith("Mười tỷ, chín trăm tám mươi bảy triệu")


def test_seed_appendix_refers_to_the_plan_under_a_misread_number() -> None:
    # The appendix prints "Kế hoạch số 225/T-UBND ngày 06/3/2020": OCR for 2257/KH-UBND.
    assert narrative_to_facts(seed_narrative_lines()).other_references == ["225/T-UBND"]


HANOI_DECISION = """\
UBND THÀNH PHỐ HÀ NỘI
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số : 123 / QĐ-UBND
Hà Nội, ngày  15  tháng 12 năm 2019
QUYẾT ĐỊNH
Về việc phê duyệt Chương trình khuyến công thành phố Hà Nội năm 2020
CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Căn cứ Nghị định số 45/2012/NĐ-CP ngày 21/5/2012 của Chính phủ
về khuyến công;
Xét đề nghị của Giám đốc Sở Công Thương tại Tờ trình số 45/TTr-SCT ngày 10/12/2019,
QUYẾT ĐỊNH:
Điều 1. Phê duyệt Chương trình khuyến công năm 2020 (kèm theo).
Tổng kinh phí: 15,5 tỷ đồng (Mười lăm tỷ năm trăm triệu đồng), trong đó: ngân sách thành phố 10 tỷ đồng; \
đơn vị thụ hưởng 5,5 tỷ đồng.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Nơi nhận:
- Như Điều 2;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
(Đã ký)
NGUYỄN VĂN AN
(Ban hành kèm theo Quyết định số 1230/QĐ-UBND ngày 15/12/2019 của UBND thành phố Hà Nội)
Quyết định số 123/QD-UBND ngày 15/12/2019
"""


def test_city_decision_with_totals_in_ty_dong() -> None:
    facts = narrative_to_facts(HANOI_DECISION.splitlines())
    meta = facts.meta
    assert meta.doc_type == "Quyết định"
    assert meta.number == "123/QĐ-UBND"
    assert meta.issuer == "Ủy ban nhân dân thành phố Hà Nội"
    assert meta.province == "Hà Nội"
    assert meta.issued_on == date(2019, 12, 15)
    assert meta.year == 2020  # the plan's year from the title, not the year of issue
    assert meta.title == "Quyết định Về việc phê duyệt Chương trình khuyến công thành phố Hà Nội năm 2020"
    assert meta.signer == "Nguyễn Văn An"
    assert meta.signer_title == "Chủ tịch"
    assert meta.legal_bases == [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
        "Căn cứ Nghị định số 45/2012/NĐ-CP ngày 21/5/2012 của Chính phủ về khuyến công",
    ]
    assert facts.narrative_totals == {
        "total_vnd": 15_500_000_000,
        "provincial_budget_vnd": 10_000_000_000,
        "beneficiary_vnd": 5_500_000_000,
    }
    assert facts.total_in_words == 15_500_000_000
    assert facts.total_in_words_text == "Mười lăm tỷ năm trăm triệu đồng"
    assert facts.other_references == ["1230/QĐ-UBND"]


BA_RIA_REPORT = """\
UBND TỈNH BÀ RỊA - VŨNG TÀU CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ CÔNG THƯƠNG Độc lập - Tự do - Hạnh phúc
Số:  45 /BC- SCT
Bà Rịa - Vũng Tàu, ngày 6 tháng 03 năm 2021
BÁO CÁO
KẾT QUẢ THỰC HIỆN KẾ HOẠCH KHUYẾN CÔNG TỈNH BÀ RỊA - VŨNG TÀU
I. KẾT QUẢ
Tổng kinh phí thực hiện là 2.350 triệu đồng, trong đó:
- Ngân sách tỉnh: 1.500 triệu đồng;
- Kinh phí đối ứng của cơ sở: 700 triệu đồng;
- Nguồn khác: 150 tr.đ.
II. KIẾN NGHỊ
Noi nhận:
- UBND tỉnh;
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Lê Thị Bình
"""


def test_department_report_with_totals_in_trieu_dong() -> None:
    facts = narrative_to_facts(BA_RIA_REPORT.splitlines())
    meta = facts.meta
    assert meta.doc_type == "Báo cáo"
    assert meta.number == "45/BC-SCT"
    assert meta.issuer == "Sở Công Thương tỉnh Bà Rịa - Vũng Tàu"
    assert meta.province == "Bà Rịa - Vũng Tàu"
    assert meta.issued_on == date(2021, 3, 6)
    assert meta.year == 2021  # no year in the title: the year of issue
    assert meta.title == "Báo cáo kết quả thực hiện kế hoạch khuyến công tỉnh Bà Rịa - Vũng Tàu"
    assert meta.signer == "Lê Thị Bình"
    assert meta.signer_title == "Phó Giám đốc"
    assert meta.legal_bases == []
    assert facts.narrative_totals == {
        "total_vnd": 2_350_000_000,
        "provincial_budget_vnd": 1_500_000_000,
        "beneficiary_vnd": 700_000_000,
        "other_vnd": 150_000_000,
    }
    assert facts.total_in_words is None
    assert facts.total_in_words_text is None
    assert facts.other_references == []


def test_decimal_comma_in_ty_dong_and_glued_signature_block() -> None:
    lines = [
        "ỦY BAN NHÂN DÂN",
        "THÀNH PHỐ HỒ CHÍ MINH",
        "CHƯƠNG TRÌNH",
        "Khuyến công giai đoạn 2021 - 2025",
        "Tổng kinh phí dự kiến khoảng 4,3 tỷ đồng.",
        "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH",
        "Võ Văn Hoan",
    ]
    facts = narrative_to_facts(lines)
    assert facts.meta.issuer == "Ủy ban nhân dân thành phố Hồ Chí Minh"
    assert facts.meta.province == "Hồ Chí Minh"
    assert facts.meta.title == "Chương trình Khuyến công giai đoạn 2021 - 2025"
    assert facts.meta.year is None  # neither a plan year nor a date
    assert facts.meta.signer_title == "Phó Chủ tịch"
    assert facts.meta.signer == "Võ Văn Hoan"
    assert facts.narrative_totals == {"total_vnd": 4_300_000_000}


def test_empty_and_unrelated_text_give_empty_metadata() -> None:
    for lines in ([], ["", "   "], ["Một đoạn văn bản không liên quan.", "12/34/5678"]):
        facts = narrative_to_facts(lines)
        assert facts.meta == DocumentMeta()
        assert facts.narrative_totals == {}
        assert facts.total_in_words is None
        assert facts.other_references == []


def test_impossible_date_is_left_out() -> None:
    facts = narrative_to_facts(["UBND TỈNH ĐỒNG NAI", "Đồng Nai, ngày 31 tháng 02 năm 2020", "KẾ HOẠCH", "Năm 2020"])
    assert facts.meta.issued_on is None
    assert facts.meta.province == "Đồng Nai"


# Fragments of real layouts, shuffled: reaches the deeper paths more often than random characters.
FRAGMENTS = st.sampled_from(
    [
        "ỦY BAN NHÂN DÂN",
        "TỈNH ĐỒNG NAI",
        "Số: 12/KH-UBND",
        "Số :",
        "ngày 31 tháng 13 năm 0000",
        "KẾ HOẠCH",
        "QUYẾT ĐỊNH",
        "Căn cứ",
        "TM. ỦY BAN NHÂN DÂN",
        "KT.",
        "PHÓ CHỦ TỊCH",
        "Tổng kinh phí là 1.2.3 tỷ đồng (",
        "Tổng kinh phí là 9,99999 đồng (mười",
        "(Kèm theo Kế hoạch số 1/KH ngày 99/99/2020)",
        "1) ngân sách tỉnh 5 triệu đồng",
        "Trần Văn",
    ]
)


@settings(max_examples=300)
@given(st.lists(st.one_of(st.text(max_size=60), FRAGMENTS), max_size=25))
def test_arbitrary_text_never_raises_and_gives_valid_metadata(lines: list[str]) -> None:
    facts = narrative_to_facts(lines)
    DocumentMeta.model_validate(facts.meta.model_dump())
    assert all(isinstance(value, int) and value >= 0 for value in facts.narrative_totals.values())
    assert facts.total_in_words is None or facts.total_in_words >= 0


def test_a_header_name_cut_by_a_wrap_is_completed_from_the_date_line() -> None:
    lines = [
        "ỦY BAN NHÂN DÂN TỈNH ĐỒNG",
        "NAI",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 2257/KH-UBND",
        "Đồng Nai, ngày 06 tháng 03 năm 2020",
        "KẾ HOẠCH",
        "Khuyến công tỉnh Đồng Nai năm 2020",
    ]
    meta = narrative_to_facts(lines).meta
    assert meta.province == "Đồng Nai"
    assert meta.issuer == "Ủy ban nhân dân tỉnh Đồng Nai"


def test_a_letter_dated_elsewhere_keeps_its_header_province() -> None:
    lines = [
        "ỦY BAN NHÂN DÂN",
        "TỈNH LONG AN",
        "Số: 12/KH-UBND",
        "Hà Nội, ngày 1 tháng 2 năm 2021",
        "KẾ HOẠCH",
        "Xúc tiến",
    ]
    assert narrative_to_facts(lines).meta.province == "Long An"
