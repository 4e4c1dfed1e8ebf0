"""Vietnamese syllable structure, comparison keys and the OCR accent-slip model."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vnplan.normalize.syllables import (
    fold,
    is_plausible_accent_error,
    is_valid_syllable,
    rejoin_split_syllables,
    syllable_key,
)

REAL_SYLLABLES = """
    khuyến nghiêng quốc giữ thuở người mười tươi cưới ươi ướt ương uống ước ông ở ạ ấy oằn
    gì gìn giếng giết giữa giường gia già giấy giờ giỏi giúp quyết quyền quân quỳnh quý quy qua
    quá quê quen quăng quạ quờ khuya khuỷu uy oan hoà hòa hoá thủy thuỷ khoẻ khỏe Huế thuê
    chuyển khuynh khuyễn kỹ kĩ lý mỹ yêu yên yểm xoong boong hoạch hoặc ngoặt ngoằn nghèo nghĩ
    nghề ghế ghi kiến kẻ kê kỳ cá cũng cuộc cúi cuốc gà gỗ gương điều chỉnh tổng thống kê trưng
    bày tỉnh thụ hưởng phấn đấu được năm của và một những triển khai nhiệm vụ đề án kinh phí
    ngân sách tiểu thủ công nghiệp nông thôn chương trình xã hội chủ nghĩa độc lập tự do hạnh
    phúc uỷ ủy ban nhân dân huyện xuân tuần luật chuẩn khuất huỳnh truyền nguyễn nguyên xuyên
    tuyên tuyết khuếch huơ ngoài ngoéo choàng thoát khoáng loạt toàn đoàn bướm rượu hươu cừu
    sức khỏe bệnh viện trạm tiêm chủng trường học sinh mầm non pin phở răng rằng tháp thép
"""

CAPITALISED = "Khuyến Quốc ĐỒNG NAI ỦY BAN NHÂN DÂN Thống Kê Tổng Nghị Định Giữ Thuở QUYẾT ĐỊNH Hàng"

OCR_GARBAGE = """
    Khuryn Chuong chuong kềt DVT KPI CNNT UBND cinh ngi ghan kan quu cuân iêu ngiêng khuyen
    thuong truong nguoi duoc Tong2 hoạǹ nghĩã tông1 ö ñam marketing website the1
"""


@pytest.mark.parametrize("word", REAL_SYLLABLES.split() + CAPITALISED.split())
def test_real_syllables_are_valid(word: str) -> None:
    assert is_valid_syllable(word)


@pytest.mark.parametrize("word", OCR_GARBAGE.split())
def test_ocr_garbage_is_rejected(word: str) -> None:
    assert not is_valid_syllable(word)


@pytest.mark.parametrize(
    ("word", "why"),
    [
        ("kềt", "stop coda t takes only sắc or nặng"),
        ("hàp", "stop coda p"),
        ("sàch", "stop coda ch"),
        ("kan", "k only before i, e, ê, y"),
        ("cem", "c never before e"),
        ("ghanh", "gh only before i, e, ê"),
        ("ngiêng", "ng never before i: ngh"),
        ("nghanh", "ngh only before i, e, ê"),
        ("iên", "iê with no onset is written yê"),
        ("tyên", "yê only with no onset or after qu/u"),
        ("cuân", "the u-glide after c is written qu"),
    ],
)
def test_spelling_rules_reject(word: str, why: str) -> None:
    assert not is_valid_syllable(word), why


def test_nfd_input_is_accepted() -> None:
    assert is_valid_syllable(unicodedata.normalize("NFD", "nghiêng"))
    assert is_valid_syllable(unicodedata.normalize("NFD", "Khuyến"))


def test_fold_strips_every_mark_and_d_stroke() -> None:
    assert fold("Đồng Nai KHUYẾN công") == "dong nai khuyen cong"
    assert fold("ưởng") == "uong"


def test_syllable_key_ignores_case_and_tone_placement() -> None:
    assert syllable_key("hoà") == syllable_key("Hòa") == syllable_key("HOÀ")
    assert syllable_key("thuỷ") == syllable_key("thủy")
    assert syllable_key("tinh") != syllable_key("tỉnh")


@pytest.mark.parametrize(
    ("observed", "intended"),
    [
        ("tinh", "tỉnh"),  # tone lost
        ("trung", "trưng"),  # horn lost
        ("diêu", "điều"),  # stroke and tone lost
        ("Thông", "Thống"),
        ("bố", "bổ"),  # acute for hook above, the classic slip
        ("kiện", "kiến"),
        ("khuyễn", "khuyến"),
    ],
)
def test_plausible_accent_errors(observed: str, intended: str) -> None:
    assert is_plausible_accent_error(observed, intended)


@pytest.mark.parametrize(
    ("observed", "intended"),
    [
        ("cộng", "công"),  # OCR does not invent a dot below
        ("hằng", "hàng"),  # nor a breve
        ("trưởng", "trường"),  # hook above and grave do not look alike
        ("số", "sở"),  # circumflex is not a horn
    ],
)
def test_implausible_accent_errors(observed: str, intended: str) -> None:
    assert not is_plausible_accent_error(observed, intended)


@given(st.sampled_from(REAL_SYLLABLES.split()), st.sampled_from(["lower", "upper", "title"]))
def test_validity_does_not_depend_on_case(word: str, case: str) -> None:
    assert is_valid_syllable(getattr(word, case)())


@given(st.text(max_size=12))
def test_fold_is_idempotent_and_never_raises(text: str) -> None:
    assert fold(fold(text)) == fold(text)
    is_valid_syllable(text)


@pytest.mark.parametrize(
    ("read", "whole"),
    [
        ("Tổng mứ c đầu tư", "Tổng mức đầu tư"),
        ("Tron g đó:", "Trong đó:"),
        ("Lũy kế vố n đến hết n ăm 2023", "Lũy kế vốn đến hết năm 2023"),
        ("Tổng số (tấ t cả các nguồn)", "Tổng số (tất cả các nguồn)"),
        ("Kế hoạch năm 2 024", "Kế hoạch năm 2024"),
        # two words that are words each, acronyms and numbers stay apart
        ("Tổng số", "Tổng số"),
        ("KP ĐP", "KP ĐP"),
        ("Số 1 250", "Số 1 250"),
        ("NS huyện", "NS huyện"),
    ],
)
def test_a_word_cut_in_two_is_joined_where_only_together_it_is_a_syllable(read: str, whole: str) -> None:
    assert rejoin_split_syllables(read) == whole
