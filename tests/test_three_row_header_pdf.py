"""A born-digital public-investment table with a three-row header and narrow amount columns, as
such appendices are printed: "Kế hoạch vốn năm 2024" spans "Tổng số" (its own text in the middle
row) and "Trong đó" over "NSTW" | "NSĐP" (bottom row); amounts too wide for their column wrap
inside the cell ("358.61" / "1")."""

from __future__ import annotations

from pathlib import Path

from tests.ruled_pdf import ruled_table_pdf
from vnplan import extract_document

HEADER = [
    ["STT", "Danh mục dự án", "Kế hoạch vốn năm 2024", "", "", "Ghi chú"],
    ["", "", "Tổng số", "Trong đó", "", ""],
    ["", "", "", "NSTW", "NSĐP", ""],
]
ROWS = [
    ["", "TỔNG SỐ", "1.101.481", "597.822", "503.659", ""],
    ["I", "QUỐC PHÒNG, AN NINH", "358.611", "192.209", "166.402", ""],
    ["1", "Đường tuần tra biên giới", "245.776", "128.135", "117.641", ""],
    ["2", "Trụ sở Ban chỉ huy quân sự", "112.835", "64.074", "48.761", ""],
    ["II", "GIAO THÔNG", "742.870", "405.613", "337.257", ""],
    ["1", "Đường liên xã Tân Hương", "421.730", "228.597", "193.133", ""],
    ["2", "Cầu Bản Mù", "321.140", "177.016", "144.124", ""],
]


def _plan_pdf(path: Path) -> None:
    spans = [
        ((0, 0), (0, 2)),  # STT
        ((1, 0), (1, 2)),  # Danh mục dự án
        ((2, 0), (4, 0)),  # Kế hoạch vốn năm 2024 over three columns
        ((2, 1), (2, 2)),  # Tổng số over the middle and bottom rows
        ((3, 1), (4, 1)),  # Trong đó over NSTW and NSĐP
        ((5, 0), (5, 2)),  # Ghi chú
    ]
    widths = [12, 80, 15, 15, 15, 25]
    ruled_table_pdf(path, [*HEADER, *ROWS], widths, before=["Đơn vị: Triệu đồng"], spans=spans, font_size=10,
                    top_aligned=True)  # fmt: skip


def test_every_column_keeps_its_levels_and_wrapped_amounts_are_read(tmp_path: Path) -> None:
    path = tmp_path / "dau_tu_cong.pdf"
    _plan_pdf(path)
    document = extract_document(path)
    labels = [column.label for column in document.columns if column.kind == "money"]
    assert labels == [
        "Kế hoạch vốn năm 2024 / Tổng số",
        "Kế hoạch vốn năm 2024 / Trong đó / NSTW",
        "Kế hoạch vốn năm 2024 / Trong đó / NSĐP",
    ]
    read = {(item.code, item.title): [amount.value_vnd for amount in item.amounts] for item in document.items}
    (_, _, *grand_total, _), *items = ROWS
    assert [amount.value_vnd for amount in document.total_amounts] == _in_dong(grand_total)
    for code, title, *amounts, _ in items:
        assert read[(code, title)] == _in_dong(amounts), title


def _in_dong(printed: list[str]) -> list[int]:
    return [int(text.replace(".", "")) * 1_000_000 for text in printed]  # the table is in triệu đồng
