"""Truth files for the real table files in eval/genres/real/files/ (provenance in README.md here).

    .venv/bin/python -m eval.genres.real.make_truth      # rewrites truth/*.truth.json and manifest.json

The figures below were typed from the page images (the goods table, the balance sheet, the first
score page, the .xls report) or, for the Word appendix and the workbook, transcribed from the cells
the files hold; every table's own arithmetic is asserted here, so a typing slip stops the script.
"""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"
TRUTH = HERE / "truth"
M = 1_000_000  # triệu đồng


def col(
    label: str, kind: str, unit: str | None = None, multiplier: int | None = None, role: str | None = None
) -> dict[str, Any]:
    return {
        "label": label,
        "kind": kind,
        "unit": unit,
        "multiplier": multiplier,
        "role": role,
        "v1_field": "total_vnd" if role == "total" else None,
    }


def row(
    code: str | None, title: str, kind: str, cells: dict[str, Any], parent: str | None = None, **extra: Any
) -> dict[str, Any]:
    return {"code": code, "parent_code": parent, "path": "", "kind": kind, "title": title, "cells": cells, **extra}


def truth(
    name: str,
    genre: str,
    is_budget: bool,
    unit_line: str | None,
    columns: list[dict[str, Any]],
    rows: list[dict[str, Any]],
    notes: list[str],
    **extra: Any,
) -> dict[str, Any]:
    return {
        "schema": "vnplan-genres-truth/1",
        "document": Path(name).stem,
        "genre": genre,
        "file_type": "real",
        "source": f"files/{name}",
        "is_budget": is_budget,
        "unit_line": unit_line,
        "columns": columns,
        "rows": rows,
        "notes": notes,
        **extra,
    }


# --------------------------------------------------------------------------- goods table (image, ~500 dpi)


def hopdong() -> dict[str, Any]:
    sl, dg, tt = "SL", "Đơn giá", "Thành tiền"
    item = 28_500_000
    vat = 2_850_000
    assert vat == item // 10 and item + vat == 31_350_000  # 10 % VAT; "Ba mươi mốt triệu, ba trăm năm mươi nghìn đồng"
    rows = [
        row("1", "Lenovo ThinkPad X1 Carbon Gen 6", "item", {sl: 1, dg: item, tt: item}),
        row(None, "Tổng cộng", "total", {tt: item}),
        row(None, "Thuế GTGT 10%", "item", {tt: vat}),
        row(None, "Tổng Thanh toán", "total", {tt: item + vat}),
    ]
    return truth(
        "hopdong_muaban_p2.jpg",
        "goods_table",
        True,
        "Đơn giá: VNĐ",
        [
            col(sl, "quantity", role="quantity"),
            col(dg, "money", "đồng", 1, "unit_price"),
            col(tt, "money", "đồng", 1, "total"),
        ],
        rows,
        ["SL printed '01'; '10%' in a title is not an amount", "the item title cell carries a bulleted spec list"],
        identities=[{"kind": "columns", "result": tt, "op": "product", "terms": [sl, dg]}],
    )


# --------------------------------------------------------------------------- balance sheet (scanned page)

BCTC: list[tuple[str | None, str, int, str, int, int]] = [
    # code as printed, title, mã số, thuyết minh, số cuối năm, số đầu năm ("-" = 0, "(…)" negative)
    ("A.", "TÀI SẢN NGẮN HẠN", 100, "", 80_152_293_787, 127_230_964_137),
    ("I.", "Tiền và các khoản tương đương tiền", 110, "V.1", 32_675_822_978, 60_516_896_409),
    ("1.", "Tiền", 111, "", 12_609_626_709, 20_177_109_198),
    ("2.", "Các khoản tương đương tiền", 112, "", 20_066_196_269, 40_339_787_211),
    ("II.", "Đầu tư tài chính ngắn hạn", 120, "", 0, 0),
    ("III.", "Các khoản phải thu ngắn hạn", 130, "", 25_124_226_876, 39_610_431_882),
    ("1.", "Phải thu ngắn hạn của khách hàng", 131, "V.2", 12_859_266_816, 28_399_385_317),
    ("2.", "Trả trước cho người bán ngắn hạn", 132, "V.3", 3_910_863_396, 10_759_990_176),
    ("3.", "Phải thu ngắn hạn khác", 136, "V.4a", 9_053_531_621, 1_150_491_346),
    ("4.", "Dự phòng phải thu ngắn hạn khó đòi", 137, "V.5", -699_434_957, -699_434_957),
    ("IV.", "Hàng tồn kho", 140, "V.6", 17_506_178_340, 23_789_712_696),
    ("1.", "Hàng tồn kho", 141, "", 17_513_587_383, 23_796_297_705),
    ("2.", "Dự phòng giảm giá hàng tồn kho", 149, "", -7_409_043, -6_585_009),
    ("V.", "Tài sản ngắn hạn khác", 150, "", 4_846_065_593, 3_313_923_150),
    ("1.", "Chi phí trả trước ngắn hạn", 151, "V.7a", 2_000_935_192, 2_259_369_368),
    ("2.", "Thuế GTGT được khấu trừ", 152, "", 816_606_238, 816_606_238),
    ("3.", "Thuế và các khoản khác phải thu Nhà nước", 153, "V.14", 2_028_524_163, 237_947_544),
    ("B.", "TÀI SẢN DÀI HẠN", 200, "", 979_358_036_598, 926_935_288_037),
    ("I.", "Các khoản phải thu dài hạn", 210, "", 491_024_726_428, 442_476_645_000),
    (None, "Phải thu dài hạn khác", 216, "V.4b", 491_024_726_428, 442_476_645_000),
    ("II.", "Tài sản cố định", 220, "", 232_613_712_234, 230_410_843_902),
    ("1.", "Tài sản cố định hữu hình", 221, "V.8", 211_442_475_334, 209_239_607_002),
    (None, "Nguyên giá", 222, "", 456_198_338_689, 428_159_094_531),
    (None, "Giá trị hao mòn luỹ kế", 223, "", -244_755_863_355, -218_919_487_529),
    ("2.", "Tài sản cố định vô hình", 227, "V.9", 21_171_236_900, 21_171_236_900),
    (None, "Nguyên giá", 228, "", 21_171_236_900, 21_171_236_900),
    (None, "Giá trị hao mòn luỹ kế", 229, "", 0, 0),
    ("III.", "Bất động sản đầu tư", 230, "", 0, 0),
    ("IV.", "Tài sản dở dang dài hạn", 240, "V.10", 27_234_051_682, 27_234_051_682),
    ("1.", "Chi phí sản xuất, kinh doanh dở dang dài hạn", 241, "", 27_149_527_162, 27_149_527_162),
    ("2.", "Chi phí xây dựng cơ bản dở dang", 242, "", 84_524_520, 84_524_520),
    ("V.", "Đầu tư tài chính dài hạn", 250, "V.11", 222_240_000_000, 221_040_000_000),
    ("1.", "Đầu tư vào công ty con", 251, "", 37_240_000_000, 36_040_000_000),
    ("2.", "Đầu tư vào công ty liên doanh, liên kết", 252, "", 75_000_000_000, 75_000_000_000),
    ("3.", "Đầu tư góp vốn vào đơn vị khác", 253, "", 110_000_000_000, 110_000_000_000),
    ("VI.", "Tài sản dài hạn khác", 260, "", 6_245_546_254, 5_773_747_453),
    (None, "Chi phí trả trước dài hạn", 261, "V.7b", 6_245_546_254, 5_773_747_453),
    (None, "TỔNG CỘNG TÀI SẢN", 270, "", 1_059_510_330_385, 1_054_166_252_174),
]


def bctc() -> dict[str, Any]:
    amounts = {ma: (end_value, start_value) for _, _, ma, _, end_value, start_value in BCTC}
    parts = {
        100: [110, 120, 130, 140, 150],
        110: [111, 112],
        130: [131, 132, 136, 137],
        140: [141, 149],
        150: [151, 152, 153],
        200: [210, 220, 230, 240, 250, 260],
        210: [216],
        220: [221, 227],
        221: [222, 223],
        227: [228, 229],
        240: [241, 242],
        250: [251, 252, 253],
        260: [261],
        270: [100, 200],
    }
    for whole, kids in parts.items():  # the sheet's own arithmetic (Mã số 100 = 110 + 120 + … )
        for k in (0, 1):
            assert amounts[whole][k] == sum(amounts[c][k] for c in kids), (whole, k)
    end, start = "Số cuối năm", "Số đầu năm"
    rows = []
    for code, title, ma, tm, a, b in BCTC:
        cells: dict[str, Any] = {"Mã số": ma, end: a, start: b}
        if tm:
            cells["Thuyết minh"] = tm
        kind = (
            "total"
            if ma == 270
            else (
                "group"
                if code and code.rstrip(".") in ("A", "B")
                else ("section" if code and code.rstrip(".").isalpha() else "item")
            )
        )
        rows.append(row(code, title, kind, cells))
    return truth(
        "bctc_trieuan_p6.jpg",
        "balance_sheet",
        True,
        None,
        [
            col("Mã số", "code"),
            col("Thuyết minh", "text"),
            col(end, "money", "đồng", 1, "period:end"),
            col(start, "money", "đồng", 1, "period:start"),
        ],
        rows,
        [
            "Mã số (100, 110 …) are line numbers, not money",
            "negatives printed in brackets; '-' = 0",
            "no unit printed on this page (the statements are in đồng)",
        ],
        identities=[{"kind": "rows", "result": c, "op": "sum", "terms": []} for c in (end, start)],
    )


# --------------------------------------------------------------------------- score tables (born-digital PDF, page 1 typed)

SCORES = [
    ("1", "Ban Quản lý các KCN", "6,00", "6,00", "6,00", "100,00%"),
    ("2", "Sở Công thương", "6,00", "5,00", "5,00", "83,33%"),
    ("3", "Sở Dân tộc và Tôn giáo", "8,00", "7,31", "5,31", "66,38%"),
    ("4", "Sở Giáo dục và Đào tạo", "8,00", "7,00", "5,50", "68,75%"),
    ("5", "Sở Khoa học và Công nghệ", "8,00", "8,00", "6,00", "75,00%"),
    ("6", "Sở Ngoại vụ", "4,00", "4,00", "2,75", "68,75%"),
    ("7", "Sở Nội vụ", "8,00", "8,00", "6,00", "75,00%"),
    ("8", "Sở Nông nghiệp và Môi trường", "8,00", "8,00", "6,00", "75,00%"),
    ("9", "Sở Tài chính", "8,00", "5,00", "8,00", "100,00%"),
    ("10", "Sở Tư pháp", "8,00", "8,00", "8,00", "100,00%"),
    ("11", "Sở Văn hoá, Thể thao và Du lịch", "8,00", "6,00", "7,00", "87,50%"),
    ("12", "Sở Xây dựng", "8,00", "7,00", "7,00", "87,50%"),
    ("13", "Sở Y tế", "8,00", "8,00", "6,00", "75,00%"),
    ("14", "Thanh tra tỉnh", "6,00", "6,00", "5,50", "91,67%"),
    ("15", "Văn phòng UBND tỉnh", "8,00", "8,00", "6,00", "75,00%"),
]


def vn(s: str) -> Decimal:
    return Decimal(s.rstrip("%").replace(".", "").replace(",", "."))


def score_tables() -> dict[str, Any]:
    labels = ("Điểm chuẩn tối đa", "Điểm tự đánh giá", "Điểm thẩm định", "Chỉ số")
    rows = []
    for code, unit, mx, tu, td, idx in SCORES:
        assert (vn(td) / vn(mx) * 100).quantize(Decimal("0.01"), ROUND_HALF_UP) == vn(idx), (
            code
        )  # Chỉ số = thẩm định / tối đa
        rows.append(
            row(
                code,
                unit,
                "item",
                {
                    labels[0]: float(vn(mx)),
                    labels[1]: float(vn(tu)),
                    labels[2]: float(vn(td)),
                    labels[3]: float(vn(idx)),
                },
            )
        )
    return truth(
        "lamdong_phuluc6_taichinhcong_2025.pdf",
        "score_table",
        False,
        None,
        [col(labels[0], "score"), col(labels[1], "score"), col(labels[2], "score"), col(labels[3], "percent", "%")],
        rows,
        [
            "6 pages of scores per Sở (p.1) and per xã (pp.2-6): no money anywhere; rows typed for p.1 only — "
            "on a non-budget document every emitted amount counts as non-money, typed rows or not"
        ],
    )


# --------------------------------------------------------------------------- Word appendix with a unit per row


def word_appendix() -> dict[str, Any]:
    from docx import Document  # the cells of the file are its truth; read once here, checked below

    doc = Document(str(FILES / "lamdong_phuluc_bieumau_cchc_2025.docx"))
    value, unit_label = "Kết quả thống kê / Số liệu", "Kết quả thống kê / Đơn vị tính"
    rows = []
    for t in doc.tables:
        for r in t.rows[2:]:
            cells: list[tuple[object, str]] = []
            for c in r.cells:
                if not cells or c._tc is not cells[-1][0]:
                    cells.append((c._tc, " ".join(c.text.split())))
            code, title, unit, number = (x[1] for x in cells[:4])
            entry: dict[str, Any] = {}
            kind = None
            if number and number != "-":
                n = vn(number)
                if unit.casefold() == "triệu đồng":
                    kind, entry[value] = "money", int(n * M)
                else:
                    kind, entry[value] = (
                        ("percent" if unit == "%" else "quantity"),
                        float(n) if n != n.to_integral_value() else int(n),
                    )
            if unit:
                entry[unit_label] = unit
            extra: dict[str, Any] = {"unit": unit or None}
            if kind:
                extra["cell_kinds"] = {value: kind}
            rows.append(row(code or None, title, "item", entry, **extra))
    money = {r["title"]: r["cells"][value] for r in rows if r.get("cell_kinds", {}).get(value) == "money"}
    assert money == {"Kế hoạch được giao": 17_454_000 * M, "Đã thực hiện": 9_037_000 * M}, money
    assert round(9_037_000 / 17_454_000 * 100, 1) == 51.8  # the row above them: Tỷ lệ … 51,8 %
    return truth(
        "lamdong_phuluc_bieumau_cchc_2025.docx",
        "indicators_per_row_unit",
        True,
        None,
        [col(unit_label, "text"), col(value, "per_row")],
        rows,
        [
            "nine statistics tables; the per-row ĐVT decides: two rows in Triệu đồng are the only money",
            "codes as printed ('1.', '2.1.'); numbering restarts in every table",
        ],
    )


# --------------------------------------------------------------------------- dự toán workbook (no unit printed)


def workbook() -> dict[str, Any]:
    from openpyxl import load_workbook

    ws = load_workbook(str(FILES / "laocai_vanban_dutoan_khoitruong_2025.xlsx"), data_only=True)["MauGoc"]
    a, b = "Dự toán giao năm 2024", "Dự toán giao năm 2025"
    assert (ws["C2"].value, ws["D2"].value) == (a, b)
    rows = []
    for r in range(4, ws.max_row + 1):
        code, title, x, y = (ws.cell(r, c).value for c in range(1, 5))
        if title is None:
            continue
        cells: dict[str, Any] = {}
        for label, v in ((a, x), (b, y)):
            if isinstance(v, (int, float)):  # shown with the format #,##0: whole triệu đồng
                cells[label] = int(Decimal(str(v)).quantize(Decimal(1), ROUND_HALF_UP)) * M
        note = ws.cell(r, 5).value
        if note:
            cells["Ghi chú"] = str(note).strip()
        code_s = (
            None
            if code is None
            else (str(int(code)) if isinstance(code, (int, float)) and float(code).is_integer() else str(code))
        )
        rows.append(row(code_s, " ".join(str(title).split()), "item", cells))
    first = rows[0]
    assert first["title"] == "CHI CÂN ĐỐI NGÂN SÁCH ĐỊA PHƯƠNG" and first["cells"][a] == 525_469 * M
    return truth(
        "laocai_vanban_dutoan_khoitruong_2025.xlsx",
        "budget_estimate_year_on_year",
        True,
        None,
        [
            col(a, "money", "triệu đồng", M, "period:2024"),
            col(b, "money", "triệu đồng", M, "period:2025"),
            col("Ghi chú", "text"),
        ],
        rows,
        [
            "sheet MauGoc only (the other sheets are templates and lookup lists without amounts)",
            "no unit printed: triệu đồng from the notes ('18 triệu đồng/ biên chế', 'KH 17.663 triệu đồng') and the magnitudes; "
            "the issue asks for such a column to be decided from the document or flagged",
            "cells hold unrounded formula results shown as #,##0: the truth is the shown whole triệu",
            "a working template: parents do not equal the sum of the rows shown (2.6 = 260.766 vs 260.059 shown below it)",
            "the other sheets (Map, Danh mục nhiệm vụ CTX, Mẫu dự toán …) are lookup lists and empty templates: codes "
            "such as 071 or 622, no amounts",
        ],
        rows_outside_truth="not_money",
    )


# --------------------------------------------------------------------------- legacy .xls report (TCVN3 text)

XLS_COLS = [
    "Kinh phí đã giao / Từ Quỹ bảo trì",
    "Kinh phí đã giao / Từ ngân sách",
    "Kinh phí đã giao / Tổng số",
    "Kinh phí đã nhận / Từ Quỹ bảo trì / Trong tháng",
    "Kinh phí đã nhận / Từ Quỹ bảo trì / Lũy kế từ đầu năm",
    "Kinh phí đã nhận / Từ ngân sách / Trong tháng",
    "Kinh phí đã nhận / Từ ngân sách / Lũy kế từ đầu nằm",
    "Kinh phí đã thanh toán, giải ngân / Quỹ bảo trì / Trong tháng",
    "Kinh phí đã thanh toán, giải ngân / Quỹ bảo trì / Lũy kế từ đầu nằm",
    "Kinh phí đã thanh toán, giải ngân / Ngân sách / Trong tháng",
    "Kinh phí đã thanh toán, giải ngân / Ngân sách / Lũy kế từ đầu nằm",
    "Kinh phí còn được nhận / Từ quỹ bảo trì",
    "Kinh phí còn được nhận / Từ ngân sách",
    "Giá trị thực hiện đã nghiệm thu A-B",
    "Số chưa giải ngân cho nhà thầu theo nghiệm thu A - B",
]
N = None
XLS_ROWS: list[tuple[str | None, str, list[int | None]]] = [
    # columns 1 … 15 of the sheet (blank = None), in triệu đồng
    (None, "tổng số", [52627, N, 52627, N, 23792, N, N, 429, 15845, N, N, 28835, N, 38367, 1959]),
    (None, "LOẠI 220 KHOẢN 223", [N] * 15),
    ("A", "bảo dưỡng thường xuyên", [1212, N, 1212, N, 897, N, N, 304, 897, N, N, 315, N, 858, 66]),
    ("b", "sửa chữa định kỳ", [51390, N, 51390, N, 22895, N, N, 125, 14948, N, N, 28495, N, 37509, 1893]),
    ("1", "Trả nợ quyết toán sửa chữa cầu Ngàng", [63, N, 63, N, 0, N, N, 0, 0, N, N, 63, N, 63, 63]),
    ("2", "Trả nợ quyết toán sửa chữa cầu Trương Xá", [19, N, 19, N, 0, N, N, 0, 0, N, N, 19, N, 19, 19]),
    ("3", "Sửa chữa khe co dãn cầu vượt Phố Nối", [692, N, 692, N, 642, N, N, 0, 587, N, N, 50, N, 992, 55]),
    (
        "4",
        "Sửa chữa nền mặt đường Km 10+480 - 11+332; Km 19+300 - 23+400",
        [8028, N, 8028, N, 7287, N, N, 0, 6246, N, N, 741, N, 32105, 1041],
    ),
    (
        "5",
        "SC hư hỏng nền, MĐ đoạn nối từ đường 196 đến cầu vượt QL5 (Km0- Km0+400) và đoạn từ Km 0 - Km2+500; "
        "Km 6+720 - Km9+700; Km 11+332 - Km12+200; Km 12+700 -Km 14 và xây rãnh dọc đoạn Km 12+200 - Km 12+700",
        [42588, N, 42588, N, 14966, N, N, 125, 8115, N, N, 27622, N, 4330, 715],
    ),
    ("c", "thanh tra giao thông", [25, N, 25, N, 0, N, N, 0, 0, N, N, 25, N, 0, 0]),
]


NOTE_COLS = [
    "Ghi chép dưới biểu / Số tiền (đồng)",
    "Khoi luong",
    "Thanh toan",
    "Chua giai ngan",
    "Sheet1 / Số tiền (đồng)",
]
NOTES: list[tuple[str | None, str, dict[str, int]]] = [
    # below the signature: a cost split (no header), then a small table with its own header (amounts in đồng)
    (None, "Công trình: SC khe co dãn PN", {NOTE_COLS[0]: 991_343_000}),
    (None, "Xây lắp", {NOTE_COLS[0]: 914_695_000}),
    (None, "Giám sats", {NOTE_COLS[0]: 21_755_000}),
    (None, "Khảo sát", {NOTE_COLS[0]: 52_913_000}),
    (None, "Thẩm tra phê duyệt", {NOTE_COLS[0]: 1_980_000}),
    (None, "Nam 2013", {NOTE_COLS[1]: 1_156_000_000, NOTE_COLS[2]: 1_000_000_000, NOTE_COLS[3]: 156_000_000}),
    (None, "2014 KSTKBVTC", {NOTE_COLS[1]: 684_273_000, NOTE_COLS[2]: 490_000_000, NOTE_COLS[3]: 194_273_000}),
    (None, "Xay lap", {NOTE_COLS[1]: 1_249_565_000, NOTE_COLS[2]: 1_000_000_000, NOTE_COLS[3]: 249_565_000}),
    (None, "- khoi luong xay lap", {NOTE_COLS[1]: 1_101_105_000}),
    (None, "- CP lua chọn nhà thầu", {NOTE_COLS[1]: 57_651_000}),
    (None, "- CP tham tra TKBVTC", {NOTE_COLS[1]: 41_928_000}),
    (None, "- CP tham tra DT", {NOTE_COLS[1]: 39_744_000}),
    (None, "Tong", {NOTE_COLS[1]: 4_330_266_000, NOTE_COLS[3]: 599_838_000}),
    # Sheet1
    ("1", "Sửa chữa thường xuyên", {NOTE_COLS[4]: 475_250_000}),
    (None, "Tháng 1", {NOTE_COLS[4]: 158_056_000}),
    (None, "Tháng 2", {NOTE_COLS[4]: 105_635_000}),
    (None, "Tháng 3", {NOTE_COLS[4]: 47_570_000}),
    (None, "Tháng 4", {NOTE_COLS[4]: 73_226_000}),
    (None, "Tháng 5", {NOTE_COLS[4]: 90_763_000}),
]


def xls_notes() -> list[dict[str, Any]]:
    v = {t: c for _, t, c in NOTES}
    assert v["Công trình: SC khe co dãn PN"][NOTE_COLS[0]] == sum(
        v[t][NOTE_COLS[0]] for t in ("Xây lắp", "Giám sats", "Khảo sát", "Thẩm tra phê duyệt")
    )
    for t in ("Nam 2013", "2014 KSTKBVTC", "Xay lap"):  # khối lượng − thanh toán = chưa giải ngân
        assert v[t][NOTE_COLS[1]] - v[t][NOTE_COLS[2]] == v[t][NOTE_COLS[3]], t
    assert v["Tong"][NOTE_COLS[3]] == sum(v[t][NOTE_COLS[3]] for t in ("Nam 2013", "2014 KSTKBVTC", "Xay lap"))
    assert v["Sửa chữa thường xuyên"][NOTE_COLS[4]] == sum(v[f"Tháng {m}"][NOTE_COLS[4]] for m in range(1, 6))
    return [row(code, title, "item", cells, optional=True) for code, title, cells in NOTES]


SUMMED = (0, 2, 4, 7, 8, 11, 13, 14)  # the columns that hold figures (the others are blank on every row)


def xls_report() -> dict[str, Any]:
    vals = {t: v for _, t, v in XLS_ROWS}
    for k in SUMMED:  # tổng số = a + b + c, b = its items 1-5
        total = vals["tổng số"][k]
        assert total == sum(
            vals[t][k] or 0 for t in ("bảo dưỡng thường xuyên", "sửa chữa định kỳ", "thanh tra giao thông")
        ), k
        b = vals["sửa chữa định kỳ"][k]
        assert b == sum(v[k] or 0 for c, _, v in XLS_ROWS if c in ("1", "2", "3", "4", "5")), k
    for _, t, v in XLS_ROWS:  # printed formulas: (3) = (1) + (2), (12) = (1) - (5)
        if v[0] is not None:
            assert v[2] == v[0] + (v[1] or 0) and v[11] == v[0] - (v[4] or 0), t
    notes_rows = xls_notes()
    rows = [
        row(
            code,
            title,
            "total" if title == "tổng số" else "item",
            {lb: x * M for lb, x in zip(XLS_COLS, v, strict=True) if x is not None},
        )
        for code, title, v in XLS_ROWS
    ] + notes_rows
    return truth(
        "qldb_giaingan_hungyen.xls",
        "disbursement_report",
        True,
        "Đơn vị: triệu đồng",
        [col(c, "money", "triệu đồng", M) for c in XLS_COLS] + [col(c, "money", "đồng", 1) for c in NOTE_COLS],
        rows,
        [
            "legacy Excel 97 with TCVN3 (.VnTime) text; a '(a) (b) 1 2 3=1+2 …' numbering row under the header",
            "the working notes below the signature and on Sheet1 are in đồng and outside the report: optional rows "
            "(leaving them out is right; emitting them in the report's triệu đồng is a wrong unit)",
        ],
        identities=[
            {"kind": "columns", "result": XLS_COLS[2], "op": "sum", "terms": XLS_COLS[0:2]},  # (3) = (1) + (2)
            {
                "kind": "columns",
                "result": XLS_COLS[11],
                "op": "difference",
                "terms": [XLS_COLS[0], XLS_COLS[4]],
            },  # (12) = (1) − (5)
            *({"kind": "rows", "result": XLS_COLS[k], "op": "sum", "terms": []} for k in SUMMED),
        ],
    )


BUILDERS = [hopdong, bctc, score_tables, word_appendix, workbook, xls_report]


def main() -> int:
    TRUTH.mkdir(exist_ok=True)
    entries = []
    for make in BUILDERS:
        t = make()
        name = Path(t["source"]).name
        path = TRUTH / f"{Path(name).stem}.truth.json"
        path.write_text(json.dumps(t, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        entries.append(
            {
                "document": t["document"],
                "genre": t["genre"],
                "file_type": "real",
                "path": t["source"],
                "truth": f"truth/{path.name}",
                "is_budget": t["is_budget"],
            }
        )
        print(f"{path.name}: {len(t['rows'])} rows")
    (HERE / "manifest.json").write_text(
        json.dumps({"files": entries}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
