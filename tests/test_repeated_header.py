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
    assert [_named(specs) for specs in out] == [_named(good)] * 3  # the headerless fragment inherits
    assert out[1] == good
    # where the damaged copy's own words named a column otherwise, the reading stands over them,
    # for the khuyến công reader too, which names each page's columns by that page's words (held-out
    # seed 11601 h01: "Nguôn vốn };hác" read as the total on page 4 put each row's total in the
    # other sources' field and its 0 in the total, with no finding)
    assert [spec.position for spec in out[0] if spec.over_the_words] == [0, 5]
    assert "reads '7 : 'Kinhphí - cự / Vốn đối ứnz' (total)" in (out[0][5].note or "")


def _named(specs: tuple[ColumnSpec, ...]) -> list[tuple[str, str | None]]:
    return [(spec.label, spec.role) for spec in specs]


def test_one_table_model_from_three_damaged_copies() -> None:
    header_3 = [["TT", "Tên nhiệm vụ", "Kinh phí", "", "Ghi chú"], ["", "", "Tổng dự toán", "NS tỉnh", ""]]
    header_5 = [["", "`: Tên nhiệm vụ ˆ", "7 : 'Kinhphí - cự", "", "Ghi chú"], ["", "", "Tống dự toán", "NS tỉnh", ""]]
    body = [["1", "Khảo sát nhu cầu học nghề", "227,4", "185,09", ""], ["2", "Biên soạn tài liệu", "64", "45,68", ""]]
    model = region_to_model([header_3, header_5], [body, body], table_unit=None)
    assert model.fragment_keys[0] == model.fragment_keys[1]
    assert len(model.columns) == 5


# Labels as Tesseract read one header on two pages of held-out seed 11601 h07 (Augraphy, run blind):
# the title's label garbled on one, "Tổng nhu cầu vốn" glued to the spanning "Cơ cấu nguồn vốn" on
# the other, and "Vốn lồng ghép" read "Vốn lông. -- ĐHép" (a second total) on the first.
PAGE_1_OF_11601_H07 = [
    "“ Số * thứ ..-tự",
    '"- -.. + Hạng mục ` ¬.. h - ` —— " . „m3 cai xẻ nà “, ke.',
    "Tiến độ -",
    "Tổng như cầu vốn » „W=",
    "5 - 'Cữ cấu nguồn vốn : cơ / Ngân sách „, nhà nước",
    "5 - 'Cữ cấu nguồn vốn : cơ / _ Đơn vị thụ hưởng -",
    "5 - 'Cữ cấu nguồn vốn : cơ / Vốn lông. -- ĐHép",
]
PAGE_2_OF_11601_H07 = [
    "Sô , *$ thự 2 tự",
    'Í " Hạng mục 1 ¬-- l . *',
    "'Tiển đọ",
    "_ Tôngmnhu . “Cơ câu nguồn vôn / $#causvốn ,",
    "_ Tôngmnhu . “Cơ câu nguồn vôn / Ngân sáểh nhà-nưœ",
    "_ Tôngmnhu . “Cơ câu nguồn vôn / Đữn vị thụ hưng",
    "_ Tôngmnhu . “Cơ câu nguồn vôn / Vốn lồng ghép",
]


def test_copies_damaged_past_their_letters_are_one_header_named_by_both() -> None:
    first = specs(PAGE_1_OF_11601_H07, ["code", "title", "time", "total", "provincial_budget", "beneficiary", "total"])
    second = specs(
        PAGE_2_OF_11601_H07, [None, "title", "time", "total", "provincial_budget", "beneficiary", "integrated"]
    )
    assert same_header(first, second)
    out = one_reading_per_header([first, second], [True, True])
    # the copy naming most columns, its second total taken from the copy that names that column
    assert [spec.role for spec in out[0]] == ["code", "title", "time", "total", "provincial_budget", "beneficiary",
                                              "integrated"]  # fmt: skip
    assert _named(out[1]) == _named(out[0])


def test_a_role_read_twice_stays_where_no_copy_names_the_column_otherwise() -> None:
    roles = ["code", "title", "time", "total", "provincial_budget", "beneficiary", "total"]
    first, second = specs(PAGE_1_OF_11601_H07, roles), specs(PAGE_2_OF_11601_H07, [None, *roles[1:]])
    assert [spec.role for spec in one_reading_per_header([first, second], [True, True])[1]] == roles


def test_two_tables_sharing_generic_columns_and_one_role_are_not_copies() -> None:
    first = specs(["STT", "Nội dung", "Tổng số", "Ngân sách trung ương", "Ngân sách địa phương", "Ghi chú"],
                  ["code", "title", "total", "central_budget", "provincial_budget", "notes"])  # fmt: skip
    second = specs(["STT", "Nội dung", "Tổng số", "Vốn đầu tư", "Vốn sự nghiệp", "Ghi chú"],
                   ["code", "title", "total", "total", "provincial_budget", "notes"])  # fmt: skip
    assert not same_header(first, second)


def test_a_page_naming_a_column_otherwise_in_words_of_its_own_is_no_copy() -> None:
    """A helper's review: "Vốn NSNN" where the other page prints "Cơ cấu nguồn vốn / Đơn vị thụ
    hưởng", each naming a role, no letters alike: another column, not damage, however alike the
    other columns are (the parent glued to the first page's labels gave them all a match)."""
    first = specs(["STT", "Nội dung", "Tổng vốn", "Cơ cấu nguồn vốn / Ngân sách nhà nước",
                   "Cơ cấu nguồn vốn / Đơn vị thụ hưởng", "Cơ cấu nguồn vốn / Xã hội hóa"],
                  ["code", "title", "total", "provincial_budget", "beneficiary", "socialized"])  # fmt: skip
    other = specs(["STT", "Nội dung", "Tổng vốn", "Ngân sách nhà nước", "Vốn NSNN", "Xã hội hóa"],
                  ["code", "title", "total", "provincial_budget", "provincial_budget", "socialized"])  # fmt: skip
    assert not same_header(first, other)


def test_the_copies_name_each_column_as_most_of_them_do() -> None:
    """A helper's review: one damaged copy among clean ones decides nothing. Three copies of one
    header, a page's "Tổng số" read as another source, another page's "Vốn khác" as a second
    total: each column is read as two of the three read it."""
    labels = ["STT", "Nội dung", "Tổng số", "Ngân sách tỉnh", "Đơn vị thụ hưởng", "Vốn khác"]
    good = ["code", "title", "total", "provincial_budget", "beneficiary", "other"]
    second_total = specs(labels, [*good[:5], "total"])
    clean = specs(["", *labels[1:]], [None, *good[1:]])
    glued = specs(["", *labels[1:]], [None, "title", "other", "provincial_budget", "beneficiary", "other"])
    for copies in ([second_total, clean, glued], [second_total, glued, clean]):
        assert [spec.role for spec in one_reading_per_header(copies, [True] * 3)[0]] == good
    # two columns of one role in every copy ("Vốn đầu tư / NS tỉnh", "Vốn sự nghiệp / NS tỉnh") stay
    # so where one copy misreads one of them
    twice = ["code", "title", "total", "provincial_budget", "provincial_budget", "other"]
    misread = specs(labels, ["code", "title", "total", "other", "provincial_budget", "other"])
    copies = [specs(labels, twice), specs(labels, twice), misread]
    assert [spec.role for spec in one_reading_per_header(copies, [True] * 3)[2]] == twice
