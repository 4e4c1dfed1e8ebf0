"""A table read by position whose pages print its header in different orders (issue 13, class 2).

The exports here are made up in the test (provenance: none, written for these cases): the cells
keep one order on every page, the header line of each page lists the same labels in another
order, and no page prints the order of the cells. The columns must be placed by what the cells
of all pages show (kinds, the row identity, start before end, the narrative's totals), and any
amount no evidence places must be named by a warning.
"""

import json
from collections.abc import Sequence

from vnplan.extract.model import SourceDocument
from vnplan.extract.text_export import text_to_pages
from vnplan.normalize.assemble import source_to_document

# The order of the cells: code, title, unit, total, provincial, beneficiary, integrated, start, end
CELLS = ("STT", "Nội dung", "Đơn vị thực hiện", "Tổng cộng", "Ngân sách tỉnh", "Vốn đối ứng", "Vốn lồng ghép",
         "Bắt đầu", "Kết thúc")  # fmt: skip
ROWS = [  # code, title, unit, provincial, beneficiary, integrated (triệu đồng), start, end
    ("I", "Phát triển sản xuất", "", 1_510, 655, 315, None, None),
    ("1", "Mô hình trồng nấm", "Trạm Khuyến nông", 420, 180, 90, 2, 6),
    ("2", "Lò sấy nông sản", "Hợp tác xã Tân Lập", 610, 300, 125, 3, 9),
    ("3", "Tập huấn kỹ thuật", "Trạm Khuyến nông", 480, 175, 100, 5, 5),
    ("II", "Xúc tiến tiêu thụ", "", 805, 240, 150, None, None),
    ("1", "Hội chợ nông sản", "Sở Công Thương", 350, 140, 60, 4, 8),
    ("2", "Gian hàng trực tuyến", "Trung tâm Xúc tiến", 455, 100, 90, 1, 11),
]
NARRATIVE = (
    "Tổng nhu cầu kinh phí: {total} triệu đồng. Nguồn kinh phí gồm: ngân sách tỉnh {provincial} triệu đồng; "
    "vốn đối ứng của các chủ thể {beneficiary} triệu đồng."
)


def _amount(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _cells(row: tuple) -> list[str]:
    code, title, unit, provincial, beneficiary, integrated, start, end = row
    total = provincial + beneficiary + integrated
    months = ["" if m is None else str(m) for m in (start, end)]
    return [code, title, unit, *map(_amount, (total, provincial, beneficiary, integrated)), *months]


def _export(headers: Sequence[Sequence[str]], narrative: bool = True, labels: Sequence[str] = CELLS) -> str:
    """The rows split over ``len(headers)`` pages, each under its own header line, the grand-total
    row last."""
    sums = [sum(row[i] for row in ROWS if row[0] in ("I", "II")) for i in (3, 4, 5)]
    lines = ["KẾ HOẠCH", "Phát triển kinh tế hợp tác năm 2025"]
    if narrative:
        lines.append(NARRATIVE.format(total=_amount(sum(sums)), provincial=_amount(sums[0]),
                                      beneficiary=_amount(sums[1])))  # fmt: skip
    lines += ["PHỤ LỤC", "ĐVT: triệu đồng"]
    body = [_cells(row) for row in ROWS] + [["", "Tổng cộng", "", *map(_amount, (sum(sums), *sums)), "", ""]]
    per_page = -(-len(body) // len(headers))
    for page, header in enumerate(headers):
        if page:
            lines.append(f"Trang {page + 1}")
        lines.append("\t".join(header if labels is CELLS else [labels[CELLS.index(h)] for h in header]))
        lines += ["\t".join(cells) for cells in body[page * per_page : (page + 1) * per_page]]
    return "\n".join(lines) + "\n"


def _convert(text: str) -> dict:
    source = SourceDocument(path="export.txt", sha256="0" * 64, kind="text", pages=text_to_pages(text))
    return json.loads(source_to_document(source).model_dump_json())


def _reordered(*moved: str) -> list[str]:
    """The header with the labels in ``moved`` taking, in that order, the places of those labels."""
    slots = sorted(CELLS.index(label) for label in moved)
    header = list(CELLS)
    for slot, label in zip(slots, moved, strict=True):
        header[slot] = label
    return header


FIRST = _reordered("Bắt đầu", "Ngân sách tỉnh", "Tổng cộng", "Kết thúc", "Vốn lồng ghép", "Vốn đối ứng")
SECOND = _reordered("Vốn đối ứng", "Kết thúc", "Vốn lồng ghép", "Tổng cộng", "Bắt đầu", "Ngân sách tỉnh")


def _doubts(output: dict) -> set[tuple[int, str]]:
    return {(f["row_index"], f["field"]) for f in output["findings"] if f["code"] == "column-order-ambiguous"}


def _expected(row: tuple) -> dict[str, int]:
    _, _, _, provincial, beneficiary, integrated, *_ = row
    return {
        "total_vnd": (provincial + beneficiary + integrated) * 10**6,
        "provincial_budget_vnd": provincial * 10**6,
        "beneficiary_vnd": beneficiary * 10**6,
    }


def test_the_cells_and_the_sums_of_all_pages_place_every_column() -> None:
    """Kinds put the months under month labels and the money under money labels; the row
    identity places the total, the narrative's totals the two sources it names, and the one left
    is the third; start before end orders the months."""
    output = _convert(_export([FIRST, SECOND]))
    assert any(f["code"] == "column-order-decided" for f in output["findings"])
    assert not _doubts(output)
    for row, truth in zip(output["items"], ROWS, strict=True):
        assert {field: row[field] for field in _expected(truth)} == _expected(truth), row["code"]
        integrated = next(a["value_vnd"] for a in row["amounts"] if a["label"] == "Vốn lồng ghép")
        assert integrated == truth[5] * 10**6
        if truth[6] is not None:
            assert (row["start_month"], row["end_month"]) == (truth[6], truth[7])


def test_sources_the_sums_cannot_tell_apart_are_named_on_every_row() -> None:
    """Without the narrative the three sources add up to the total in any order: the total is
    placed, and every amount of the sources is named by a warning on its row and field."""
    output = _convert(_export([FIRST, SECOND], narrative=False))
    doubts = _doubts(output)
    for index, (row, truth) in enumerate(zip(output["items"], ROWS, strict=True)):
        expected = _expected(truth)
        assert row["total_vnd"] == expected["total_vnd"]
        for field in ("provincial_budget_vnd", "beneficiary_vnd"):
            assert row[field] == expected[field] or (index, field) in doubts, (index, field)
    assert {field for _, field in doubts} >= {"provincial_budget_vnd", "beneficiary_vnd"}
    assert "total_vnd" not in {field for _, field in doubts}


def test_a_label_every_page_prints_over_cells_of_another_kind_is_placed_too() -> None:
    """Both pages print 'Kết thúc' where the cells hold the total: their agreeing on it proves
    nothing where the same headers disagree on the rest."""
    first = _reordered("Vốn lồng ghép", "Kết thúc", "Tổng cộng", "Ngân sách tỉnh", "Bắt đầu", "Vốn đối ứng")
    second = _reordered("Ngân sách tỉnh", "Kết thúc", "Vốn đối ứng", "Tổng cộng", "Vốn lồng ghép", "Bắt đầu")
    assert first.index("Kết thúc") == second.index("Kết thúc") == CELLS.index("Ngân sách tỉnh")
    output = _convert(_export([first, second]))
    assert not _doubts(output)
    for row, truth in zip(output["items"], ROWS, strict=True):
        assert {field: row[field] for field in _expected(truth)} == _expected(truth), row["code"]


def test_a_source_column_named_in_words_nobody_listed_is_named_by_the_narrative() -> None:
    """'Chi thường xuyên' names no role, not even as money (a source named without a money word,
    'Phần hỗ trợ', is read by the sums first); its grand total is the provincial budget the
    narrative states, and no other column's is: it fills provincial_budget_vnd."""
    labels = [("Chi thường xuyên" if label == "Ngân sách tỉnh" else label) for label in CELLS]
    output = _convert(_export([FIRST, SECOND], labels=labels))
    column = next(c for c in output["columns"] if c["label"] == "Chi thường xuyên")
    assert column["role"] == "provincial_budget" and column["v1_field"] == "provincial_budget_vnd"
    assert any(f["code"] == "column-role-from-cells" and "narrative" in f["message"] for f in output["findings"])
    for row, truth in zip(output["items"], ROWS, strict=True):
        assert row["provincial_budget_vnd"] == truth[3] * 10**6


def test_headers_that_agree_are_left_alone() -> None:
    output = _convert(_export([list(CELLS), list(CELLS)]))
    assert not {"column-order-decided", "column-order-ambiguous"} & {f["code"] for f in output["findings"]}
