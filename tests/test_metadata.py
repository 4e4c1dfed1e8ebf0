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


# --- the header's own lines, not the motto or the citations (issue 10) ---------------------------

LETTER = """\
UBND TỈNH QUẢNG NAM CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ TÀI CHÍNH Độc lập - Tự do - Hạnh phúc
Số: 125/STC-NS Quảng Nam, ngày 4 tháng 5 năm 2021
V/v bổ sung kinh phí khuyến công
năm 2021 cho các huyện
Kính gửi: Ủy ban nhân dân tỉnh
Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;
Thực hiện Công văn số 88/UBND-KT ngày 2 tháng 4 năm 2021 của UBND tỉnh,
Sở Tài chính đề nghị bổ sung kinh phí như sau:
Nơi nhận:
- Như trên;
- Lưu: VT, NS.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Phan Thị Mỹ Linh
"""


def test_a_letter_takes_its_type_title_and_date_from_its_own_header() -> None:
    facts = narrative_to_facts(LETTER.splitlines())
    meta = facts.meta
    assert meta.doc_type == "Công văn"  # no type line; the number names no type, the subject is "V/v …"
    assert meta.number == "125/STC-NS"
    assert meta.issuer == "Sở Tài chính tỉnh Quảng Nam"  # the lower line is the body, the upper its parent
    assert meta.province == "Quảng Nam"
    assert meta.issued_on == date(2021, 5, 4)
    assert meta.title == "Công văn V/v bổ sung kinh phí khuyến công năm 2021 cho các huyện"
    assert (meta.signer_title, meta.signer) == ("Phó Giám đốc", "Phan Thị Mỹ Linh")
    assert facts.findings == []


def test_a_committee_letter_numbered_after_its_issuer() -> None:
    lines = [
        "ỦY BAN NHÂN DÂN",
        "HUYỆN ĐIỆN BÀN",
        "Số: 312/UBND-KT",
        "Điện Bàn, ngày 12 tháng 8 năm 2022",
        "V/v triển khai Kế hoạch khuyến công năm 2022",
        "Kính gửi: Phòng Kinh tế và Hạ tầng",
    ]
    meta = narrative_to_facts(lines).meta
    assert (meta.doc_type, meta.number) == ("Công văn", "312/UBND-KT")
    assert meta.issuer == "Ủy ban nhân dân huyện Điện Bàn"
    assert meta.province is None  # a district is not a province
    assert meta.issued_on == date(2022, 8, 12)


def test_the_number_names_the_type_when_no_type_line_was_read() -> None:
    lines = ["ỦY BAN NHÂN DÂN", "TỈNH ĐỒNG NAI", "Số: 2257/KH-UBND", "Đồng Nai, ngày 06 tháng 3 năm 2020"]
    assert narrative_to_facts(lines).meta.doc_type == "Kế hoạch"


def test_motto_damaged_by_ocr_is_not_part_of_the_issuer() -> None:
    lines = [
        "BỘ CÔNG AN HÒA CỌNG XÃ HỌI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 4214/BCA-C04 Hà Nội, ngày 16 tháng 9 năm 2025",
        "V/v triển khai thực hiện Chương trình",
    ]
    meta = narrative_to_facts(lines).meta
    assert meta.issuer == "Bộ Công an"
    assert meta.province is None
    assert meta.issued_on == date(2025, 9, 16)


def test_motto_words_inside_a_body_name_are_kept() -> None:
    lines = ["UBND TỈNH LONG AN", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Số: 15/TTr-SLĐTBXH", "TỜ TRÌNH", "Về việc"]
    meta = narrative_to_facts(lines).meta
    assert meta.issuer == "Sở Lao động - Thương binh và Xã hội tỉnh Long An"
    assert (meta.doc_type, meta.province) == ("Tờ trình", "Long An")


def test_council_resolution_with_province_accents_restored() -> None:
    lines = [
        "HỘI ĐỒNG NHÂN DÂN CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "TỈNH BẮC NINH Độc lập - Tự do - Hạnh phúc",
        "Số: 15/NQ-HĐND Bắc Ninh, ngày 10 tháng 12 năm 2021",
        "NGHỊ QUYẾT",
        "Về kế hoạch khuyến công năm 2022",
        "HỘI ĐỒNG NHÂN DÂN TỈNH BẮC NINH",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "TM. HỘI ĐỒNG NHÂN DÂN",
        "CHỦ TỊCH",
        "Nguyễn Quốc Chung",
    ]
    meta = narrative_to_facts(lines).meta
    assert (meta.doc_type, meta.number) == ("Nghị quyết", "15/NQ-HĐND")
    assert meta.issuer == "Hội đồng nhân dân tỉnh Bắc Ninh"
    assert meta.issued_on == date(2021, 12, 10)
    assert meta.year == 2022
    assert (meta.signer_title, meta.signer) == ("Chủ tịch", "Nguyễn Quốc Chung")
    damaged = ["ỦY BAN NHÂN DÂN", "TĨNH LÂM ĐÒNG", "Số: 12/KH-UBND"]  # OCR: TỈNH -> TĨNH, ĐỒNG -> ĐÒNG
    assert narrative_to_facts(damaged).meta.province == "Lâm Đồng"


def test_a_cited_law_never_dates_or_numbers_the_document() -> None:
    lines = [
        "BỘ CÔNG AN",
        "V/v phối hợp thực hiện",
        "Kính gửi: Các bộ, cơ quan trung ương",
        "Căn cứ Hiến pháp ngày 2 tháng 9 năm 1945;",
        "Căn cứ Quyết định số 53/2018/QĐ-UBND ngày 11/12/2018;",
    ]
    facts = narrative_to_facts(lines)
    assert facts.meta.issued_on is None
    assert facts.meta.number is None
    assert facts.meta.year is None
    assert facts.findings == []  # nothing printed in the header was left unread


def test_a_handwritten_number_and_day_are_empty_with_a_warning_naming_them() -> None:
    lines = [
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "TỈNH LÂM ĐỒNG Độc lập - Tự do - Hạnh phúc",
        "Số: 4Z⁄46 /QĐ-UBND Lâm Đồng, ngày 4 6tháng 10 năm 2025",
        "QUYẾT ĐỊNH",
        "Về việc thành lập Hội đồng thẩm định",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
    ]
    facts = narrative_to_facts(lines)
    assert (facts.meta.number, facts.meta.issued_on) == (None, None)
    assert facts.meta.year == 2025  # the year on the date line is printed, not written by hand
    assert {(f.severity, f.code, f.field) for f in facts.findings} == {
        ("warning", "document-number-unreadable", "number"),
        ("warning", "issue-date-unreadable", "issued_on"),
    }


def test_a_draft_with_a_blank_number_and_day() -> None:
    lines = ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "Số:             /TB-UBND", "Lâm Đồng, ngày       tháng 4 năm 2026"]
    facts = narrative_to_facts(lines)
    assert facts.meta.doc_type == "Thông báo"
    assert (facts.meta.number, facts.meta.issued_on, facts.meta.year) == (None, None, 2026)
    assert sorted(f.field or "" for f in facts.findings) == ["issued_on", "number"]


def test_a_number_broken_before_its_slash_is_joined() -> None:
    lines = [
        "ỦY BAN NHÂN DÂN",
        "TỈNH LÂM ĐỒNG",
        "Số: 329",
        "/BC-UBND",
        "BÁO CÁO",
        "Công tác cải cách hành chính năm 2025",
    ]
    meta = narrative_to_facts(lines).meta
    assert (meta.number, meta.doc_type) == ("329/BC-UBND", "Báo cáo")


def test_signature_beside_the_recipients_list_and_a_rank_before_the_name() -> None:
    lines = [
        "BỘ CÔNG AN",
        "Kính gửi: Các bộ",
        "Nơi nhận: KT. BỘ TRƯỞNG",
        "- Như trên;",
        "- Đ/c Bộ trưởng (để báo cáo);",
        "THỨ TRƯƠNG",  # OCR lost the hook: the position is written out from its table
        "- Lưu: VT, C04.",
        "Thượng tướng Nguyễn Văn Long",
    ]
    meta = narrative_to_facts(lines).meta
    assert (meta.signer_title, meta.signer) == ("Thứ trưởng", "Nguyễn Văn Long")


def test_the_signer_of_kt_is_the_deputy_not_the_principal() -> None:
    lines = ["UBND TỈNH ĐỒNG NAI", "KẾ HOẠCH", "Khuyến công", "KT. CHỦ TỊCH", "Hà Nội"]
    assert narrative_to_facts(lines).meta.signer_title is None  # "CHỦ TỊCH" after KT. is who it is signed for


def test_a_count_in_the_header_is_not_an_unreadable_number() -> None:
    facts = narrative_to_facts(["BỘ CÔNG AN", "Số: 12 người tham gia", "Kính gửi: Các bộ"])
    assert facts.meta.number is None
    assert facts.findings == []
    for garbled in ("Số: 4?", "Số: 2 § I2BCA-C04"):  # the slash lost with the handwriting
        handwritten = narrative_to_facts(["BỘ CÔNG AN", garbled, "Kính gửi: Các bộ"])
        assert [f.field for f in handwritten.findings] == ["number"], garbled


def test_a_position_that_lost_its_pho_is_not_taken_for_the_signers() -> None:
    # "KT. GIÁM ĐỐC" signs for the director: a later "GIÁM ĐỐC" is the deputy's "PHÓ GIÁM ĐỐC" misread.
    lines = ["SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Kính gửi: Các trường", "KT. GIAM DOC", "- Nhu tren;", "GIAM DOC"]
    assert narrative_to_facts(lines).meta.signer_title is None
    garbled = ["SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Kính gửi: Các trường", "KT. GIAM D6C", "- Nhu tren;", "GIAM DOC"]
    assert narrative_to_facts(garbled).meta.signer_title is None  # after KT. only a deputy signs


def test_a_letter_is_known_by_its_subject_line_not_by_its_numbers_letters() -> None:
    tax_letter = ["CỤC THUẾ TỈNH AN GIANG", "Số: 1234/CT-TTHT", "V/v hướng dẫn chính sách thuế", "Kính gửi: Công ty"]
    assert narrative_to_facts(tax_letter).meta.doc_type == "Công văn"  # CT here is Cục Thuế, not Chỉ thị
    minutes = ["ỦY BAN NHÂN DÂN", "TỈNH AN GIANG", "Số: 12/BB-UBND", "An Giang, ngày 3 tháng 4 năm 2024"]
    assert narrative_to_facts(minutes).meta.doc_type == "Biên bản"
    no_type = ["ỦY BAN NHÂN DÂN", "TỈNH AN GIANG", "Số: 12/UBND-KT", "An Giang, ngày 3 tháng 4 năm 2024"]
    assert narrative_to_facts(no_type).meta.doc_type is None  # neither a type line, a type in the number, nor V/v


def test_a_position_read_on_the_line_of_the_recipients_heading() -> None:
    lines = [
        "CÔNG AN TỈNH LÂM ĐỒNG",
        "Kính gửi: UBND tỉnh",
        "GIÁM ĐÓC Nơi nhận:",
        "- Như trên;",
        "- Lưu VT, PC04.",
        "Thiếu tướng Trương Minh Đương",
    ]
    meta = narrative_to_facts(lines).meta
    assert (meta.signer_title, meta.signer) == ("Giám đốc", "Trương Minh Đương")


def test_the_office_of_a_committee() -> None:
    lines = ["UBND TỈNH LÂM ĐỒNG", "VĂN PHÒNG", "Số: /PT-NC", "PHIẾU TRÌNH", "Kính gửi: Lãnh đạo UBND tỉnh"]
    meta = narrative_to_facts(lines).meta
    assert (meta.doc_type, meta.issuer) == ("Phiếu trình", "Văn phòng Ủy ban nhân dân tỉnh Lâm Đồng")


def test_header_lines_as_a_noisier_ocr_reads_them() -> None:
    lines = [
        "r ỦY BANNHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",  # a speck, a lost space
        "TỈNH LÂM ĐÔNG Độc lập - Tự do - Hạnh phúc",
        "Số: 12/QĐ-UBND Lâm Đồng, ngày 16 tháng 10 năm 2925",  # 2025 misread
        "QUYẾT ĐỊNH",
    ]
    facts = narrative_to_facts(lines)
    assert (facts.meta.issuer, facts.meta.province) == ("Ủy ban nhân dân tỉnh Lâm Đồng", "Lâm Đồng")
    assert (facts.meta.issued_on, facts.meta.year) == (None, None)
    assert [f.field for f in facts.findings] == ["issued_on"]
    letter = narrative_to_facts(["UBND THÀNH PHỐ ĐÀ NẴNG", "SƠ GIÁO DỤC VÀ ĐÀO TẠO", "Số: 1906/SGDĐT-CTrTT"])
    assert letter.meta.issuer == "Sở Giáo dục và Đào tạo thành phố Đà Nẵng"


def test_totals_stated_as_the_needs_or_as_an_estimate_with_the_sources_in_brackets() -> None:
    """ "Tổng nhu cầu kinh phí: N đồng. Nguồn kinh phí gồm: …" and "Dự toán kinh phí … là N đồng
    (ngân sách tỉnh …; …)" state the totals too; a bracket with amounts is the breakdown, not an
    aside (made-up sentences in the wordings plans use)."""
    needs = narrative_to_facts(
        ["Tổng nhu cầu kinh phí: 1.250.000.000 đồng. Nguồn kinh phí gồm: ngân sách tỉnh 900.000.000 đồng; "
         "vốn đối ứng của các hợp tác xã 350.000.000 đồng."]
    )  # fmt: skip
    assert needs.narrative_totals == {
        "total_vnd": 1_250_000_000,
        "provincial_budget_vnd": 900_000_000,
        "beneficiary_vnd": 350_000_000,
    }
    estimate = narrative_to_facts(
        ["Dự toán kinh phí thực hiện năm 2024 là 2.040 triệu đồng (ngân sách tỉnh 1.500 triệu đồng; "
         "các nguồn khác 540 triệu đồng). Chi tiết tại Phụ lục kèm theo (Biểu số 01)."]
    )  # fmt: skip
    assert estimate.narrative_totals == {
        "total_vnd": 2_040_000_000,
        "provincial_budget_vnd": 1_500_000_000,
        "other_vnd": 540_000_000,
    }


def test_a_clause_of_the_breakdown_wrapped_over_a_line_break() -> None:
    """A PDF's text layer breaks the sentence where the page's line ends: "ngân sách cấp" on one
    line, "tỉnh 700.000.000 đồng" on the next is still the provincial budget (made-up text)."""
    facts = narrative_to_facts(
        ["Tổng kinh phí thực hiện là 1.000.000.000 đồng, trong đó: ngân sách cấp",
         "tỉnh 700.000.000 đồng; vốn đối ứng của các chủ thể 300.000.000 đồng."]
    )  # fmt: skip
    assert facts.narrative_totals == {
        "total_vnd": 1_000_000_000,
        "provincial_budget_vnd": 700_000_000,
        "beneficiary_vnd": 300_000_000,
    }
