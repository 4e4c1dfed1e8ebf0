"""Fuzzing: random and mutated input through the text reader, the assembler, the number parser and
the header mapper. Whatever comes in, only VnplanError may come out (and the document validates)."""

from __future__ import annotations

import contextlib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vnplan.extract.errors import VnplanError
from vnplan.extract.model import SourceDocument
from vnplan.extract.text_export import text_to_pages
from vnplan.normalize.assemble import source_to_document
from vnplan.normalize.columns import is_header_row, match_column
from vnplan.normalize.numbers import parse_number
from vnplan.schemas import PlanDocument

SEED = Path(__file__).resolve().parent.parent / "samples" / "text" / "000_8939c4b136b1e13b.txt"
SEED_LINES = SEED.read_text(encoding="utf-8").splitlines()
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Text with the characters plan documents are made of, plus anything unicode has
CELLISH = st.text(alphabet=st.sampled_from("0123456789.,-–/ ()IVXđồngTổngtỷ%\t\n" + "ẾếƯưỜờ"), max_size=40)
ANY_TEXT = st.one_of(CELLISH, st.text(max_size=60))


def convert(text: str) -> None:
    try:
        source = SourceDocument(path="fuzz.txt", sha256="0" * 64, kind="text", pages=text_to_pages(text))
        document = source_to_document(source)
    except VnplanError:
        return
    PlanDocument.model_validate(document.model_dump())  # the output contract holds
    document.items_frame()  # and the dataset (Int64 amounts) can be built from it


@st.composite
def mutated_seed(draw: st.DrawFn) -> str:
    """The seed export with lines deleted, duplicated, swapped, tabbed and sprinkled with unicode."""
    lines = list(SEED_LINES)
    for _ in range(draw(st.integers(0, 12))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "tab", "insert", "replace"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "tab":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + "\t" * draw(st.integers(1, 3)) + lines[i][at:]
        elif op == "insert":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(ANY_TEXT) + lines[i][at:]
        else:
            lines[i] = draw(ANY_TEXT)
    return "\n".join(lines)


@FUZZ
@given(mutated_seed())
def test_mutated_seed_never_crashes(text: str) -> None:
    convert(text)


@FUZZ
@given(
    st.sampled_from(["", "ĐVT: tỷ đồng\n", "Đơn vị tính: triệu đồng\n"]),
    st.lists(st.lists(ANY_TEXT, max_size=8).map("\t".join), max_size=25).map("\n".join),
)
def test_random_tables_never_crash(unit: str, text: str) -> None:
    convert(unit + text)


def test_a_29_digit_amount_is_not_an_amount() -> None:
    convert("ĐVT: tỷ đồng\n\t10000000000000000000000000000")  # found by the fuzzer: Decimal overflow
    assert parse_number("99.999.999.999.999.999") is None  # 17 digits
    assert parse_number("1.000.000.000.000.000") == 10**15


@FUZZ
@given(ANY_TEXT)
def test_parse_number_never_crashes(text: str) -> None:
    with contextlib.suppress(VnplanError):
        parse_number(text)


@FUZZ
@given(ANY_TEXT, st.lists(ANY_TEXT, max_size=8))
def test_header_mapping_never_crashes(text: str, cells: list[str]) -> None:
    try:
        _key, score = match_column(text)
        assert 0 <= score <= 100
        is_header_row(cells)
    except VnplanError:
        pass
