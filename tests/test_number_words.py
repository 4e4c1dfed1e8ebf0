"""Amounts written in words: the seed's total, the spelling variants, OCR damage, and round trips."""

from __future__ import annotations

import random
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vnplan.normalize.number_words import words_to_number

SEED_TOTAL_IN_WORDS = "Mười tỷ, chín trăm tám mươi bảy triệu hai trăm năm mươi ngàn đồng chẵn"


def test_seed_total_in_words() -> None:
    assert words_to_number(SEED_TOTAL_IN_WORDS) == 10_987_250_000


def test_seed_table_footer_with_parentheses_and_markdown() -> None:
    text = "(*Mười tỷ, chín trăm tám mươi bảy triệu, hai trăm năm mươi ngàn đồng*)"
    assert words_to_number(text) == 10_987_250_000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("không đồng", 0),
        ("một trăm linh năm", 105),
        ("một trăm lẻ năm", 105),
        ("hai mươi mốt", 21),
        ("ba mươi tư nghìn", 34_000),
        ("mười lăm", 15),
        ("hai mươi nhăm", 25),
        ("hai chục triệu", 20_000_000),
        ("năm trăm tỉ", 500_000_000_000),
        ("một triệu không trăm linh năm", 1_000_005),
        ("một nghìn hai trăm tỷ không trăm linh năm triệu", 1_200_005_000_000),
        ("mười nghìn tỷ", 10**13),
        ("bốn phẩy ba tỷ đồng", 4_300_000_000),
        ("hai phẩy không năm triệu", 2_050_000),
    ],
)
def test_spelling_variants(text: str, expected: int) -> None:
    assert words_to_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hai muoi mot", 21),  # diacritics lost: "muoi" after a digit is "mươi"
        ("muoi lam trieu", 15_000_000),  # ... and at the start it is "mười"
        ("Mười tý, chín trăm tám mươi bảy trỉệu đồng", 10_987_000_000),  # wrong marks
        ("năm trleu", 5_000_000),  # one letter misread
        ("ba tram nghim", 300_000),
    ],
)
def test_ocr_damage_snaps_to_the_vocabulary(text: str, expected: int) -> None:
    assert words_to_number(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "đồng chẵn", "xin chào", "năm 2020", "10.987.250.000 đồng", "hai hai", "trăm", "nghìn", "ba phẩy năm"],
)
def test_not_a_number_in_words(text: str) -> None:
    assert words_to_number(text) is None


# --- round trip: an independent number -> words writer with the variants documents use -----------

DIGIT_WORDS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def _units_after_tens(units: int, tens: int, rng: random.Random) -> str:
    if units == 1 and tens >= 2:
        return "mốt"
    if units == 4 and tens >= 2:
        return rng.choice(["tư", "bốn"])
    if units == 5:
        return rng.choice(["lăm", "nhăm"]) if tens >= 2 else "lăm"
    return DIGIT_WORDS[units]


def _group_words(number: int, read_hundreds: bool, rng: random.Random) -> list[str]:
    """0 < number < 1000; inside a larger number the hundreds are always read ("không trăm")."""
    hundreds, tens, units = number // 100, number // 10 % 10, number % 10
    words: list[str] = []
    if hundreds or read_hundreds:
        words += [DIGIT_WORDS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append(rng.choice(["linh", "lẻ"]))
        if units:
            words.append(DIGIT_WORDS[units])
    else:
        words += ["mười"] if tens == 1 else [DIGIT_WORDS[tens], "mươi"]
        if units:
            words.append(_units_after_tens(units, tens, rng))
    return words


def number_to_words(number: int, rng: random.Random) -> str:
    if number == 0:
        return "không"
    segments: list[list[str]] = []
    billions, rest = divmod(number, 10**9)
    if billions:
        segments.append([number_to_words(billions, rng), rng.choice(["tỷ", "tỉ"])])
    for scale, names in ((10**6, ["triệu"]), (10**3, ["nghìn", "ngàn"]), (1, [])):
        group = rest // scale % 1000
        if group:
            segments.append(_group_words(group, bool(segments), rng) + ([rng.choice(names)] if names else []))
    separator = rng.choice([" ", ", "])
    return separator.join(" ".join(segment) for segment in segments)


def _strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@given(st.integers(min_value=0, max_value=10**13), st.randoms(use_true_random=False))
def test_round_trip(number: int, rng: random.Random) -> None:
    words = number_to_words(number, rng)
    assert words_to_number(words) == number, words
    assert words_to_number(f"({words[:1].upper()}{words[1:]} đồng chẵn)") == number


@given(st.integers(min_value=0, max_value=10**13), st.randoms(use_true_random=False))
def test_round_trip_without_diacritics(number: int, rng: random.Random) -> None:
    words = _strip_diacritics(number_to_words(number, rng))
    assert words_to_number(words) == number, words


@given(st.text(max_size=80))
def test_arbitrary_text_never_raises(text: str) -> None:
    result = words_to_number(text)
    assert result is None or result >= 0
