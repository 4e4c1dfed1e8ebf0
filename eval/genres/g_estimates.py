"""Budget estimates (Số lượng × Đơn giá = Thành tiền; dự toán năm trước / năm nay / so sánh %),
operating budgets by unit, a finance report with one Số tiền column, a workbook with a column per year."""

from __future__ import annotations

import random
from decimal import Decimal

from .build import ROMAN, D, fill, finish, q, ratio_of, total_of, txt
from .content import PROVINCES, compute, money, node, pick
from .model import (
    COUNT,
    MONEY,
    PERCENT,
    QUANTITY,
    V1_TOTAL,
    Column,
    Document,
    Formula,
    Row,
)

COST_LINES = [
    ("Chi bồi dưỡng báo cáo viên", "buổi", 4, 20, 500_000, 2_000_000),
    ("Hỗ trợ tiền ăn cho học viên", "người/ngày", 50, 320, 100_000, 200_000),
    ("Thuê hội trường, loa đài, máy chiếu", "ngày", 1, 6, 2_000_000, 8_000_000),
    ("Nước uống giữa giờ", "người/ngày", 50, 320, 20_000, 40_000),
    ("In ấn, photo tài liệu", "cuốn", 100, 600, 25_000, 60_000),
    ("Văn phòng phẩm cho học viên", "bộ", 50, 300, 30_000, 80_000),
    ("Thuê xe đưa đón đoàn", "chuyến", 1, 8, 3_000_000, 12_000_000),
    ("Chi phụ cấp lưu trú", "người/ngày", 10, 80, 200_000, 300_000),
    ("Chi thuê phòng nghỉ", "phòng/đêm", 4, 40, 350_000, 700_000),
    ("Băng rôn, khẩu hiệu, trang trí", "bộ", 1, 4, 1_500_000, 5_000_000),
]


COST_GROUPS = ["Chi tổ chức lớp tập huấn", "Chi tổ chức hội nghị sơ kết", "Chi kiểm tra, giám sát", "Chi tuyên truyền"]


def du_toan_don_gia(rng: random.Random, province: str, year: int) -> Document:
    thousand = rng.random() < 0.5
    unit = "nghìn đồng" if thousand else "đồng"
    suffix = " (1.000đ)" if thousand else ""
    sl, dg, tt = ("Số lượng",), ("Đơn giá" + suffix,), ("Thành tiền" + suffix,)
    L = " / ".join

    amount = Formula("product", (L(sl), L(dg)))

    cols = [
        txt("Đơn vị tính"),
        Column(sl, QUANTITY, None, 0, role="quantity", agg="blank"),
        Column(dg, MONEY, unit, 0, role="unit_price", agg="blank"),
        Column(tt, MONEY, unit, 0, role="amount", v1_field=V1_TOTAL, derive=amount),
        txt("Ghi chú"),
    ]
    top = []
    for gi, g in enumerate(pick(rng, COST_GROUPS, rng.randint(3, 4))):
        items = []
        lines = [COST_LINES[i] for i in rng.sample(range(len(COST_LINES)), rng.randint(4, 7))]
        for ii, (name, u, lo, hi, plo, phi) in enumerate(lines):
            qty = D(rng.randint(lo, hi))
            if u == "ngày" and rng.random() < 0.5:
                qty += D("0.5")
            price = D(rng.randint(plo // 10_000, phi // 10_000) * 10_000)
            if thousand:
                price = price / 1000
            items.append(node(str(ii + 1), name, "item", **{"Đơn vị tính": u, L(sl): qty, L(dg): price, "Ghi chú": ""}))
        top.append(node(ROMAN[gi], g, "section", items))
    doc = finish(
        rng,
        "g04_du_toan_don_gia",
        "budget_estimate_unit_price",
        province,
        year,
        "QĐ",
        f"Quyết định phê duyệt dự toán kinh phí tập huấn, hội nghị năm {year} của Sở Nông nghiệp và Môi trường tỉnh {province}",
        f"DỰ TOÁN CHI TIẾT KINH PHÍ NĂM {year}",
        None if thousand else "Đơn vị tính: đồng",
        cols,
        top,
        "TỔNG CỘNG",
        False,
        [],
        per_page=14,
        title_label="Nội dung chi",
    )
    sl_col = cols[1]
    for r in doc.rows:  # quantities with a half day print one decimal
        v = r.values.get(sl_col.label)
        if isinstance(v, Decimal) and v != v.to_integral_value():
            sl_col.places = 1
    doc.notes = [
        "Thành tiền = Số lượng × Đơn giá on every item; sections sum their items",
        "Số lượng is a quantity; Đơn giá is money but not a part of any sum",
        f"unit: {'(1.000đ) in the money headers, no unit line' if thousand else 'Đơn vị tính: đồng'}",
    ]
    return doc


SPENDING = [
    "Chi thanh toán cá nhân",
    "Chi nghiệp vụ chuyên môn",
    "Chi mua sắm, sửa chữa tài sản",
    "Chi hoạt động thường xuyên khác",
]


SECTORS_RECURRENT = [
    "Chi quản lý hành chính",
    "Chi sự nghiệp giáo dục - đào tạo",
    "Chi sự nghiệp y tế",
    "Chi sự nghiệp kinh tế",
    "Chi sự nghiệp văn hóa - thông tin",
]


def du_toan_so_sanh(rng: random.Random, province: str, year: int) -> Document:
    old, new = (f"Dự toán năm {year - 1}",), (f"Dự toán năm {year}",)
    cmp_ = (rng.choice(["So sánh (%)", f"So sánh {year}/{year - 1} (%)"]),)
    cols = [
        Column(old, MONEY, "nghìn đồng", 0, role="period:previous_estimate"),
        Column(new, MONEY, "nghìn đồng", 0, role="period:estimate"),
        Column(cmp_, PERCENT, "%", 1, role="share", agg="derive", derive=ratio_of(new[0], old[0], 1)),
    ]
    top = []
    for si, s in enumerate(pick(rng, SECTORS_RECURRENT, rng.randint(3, 5))):
        items = []
        for ii, name in enumerate(SPENDING[: rng.randint(2, 4)]):
            o = money(rng, 60_000, 2_800_000, 0)
            items.append(
                node(str(ii + 1), name, "item", **{old[0]: o, new[0]: q(o * D(str(rng.uniform(0.85, 1.25))), 0)})
            )
        top.append(node(ROMAN[si], s, "section", items))
    doc = finish(
        rng,
        "g05_du_toan_so_sanh",
        "budget_estimate_year_on_year",
        province,
        year,
        "QĐ",
        f"Quyết định giao dự toán ngân sách năm {year} cho Văn phòng UBND tỉnh {province}",
        f"DỰ TOÁN CHI NGÂN SÁCH NĂM {year}",
        "ĐVT: 1.000đ",
        cols,
        top,
        "TỔNG CỘNG",
        False,
        [],
        per_page=12,
        title_label="Nội dung",
    )
    doc.notes = ["ĐVT: 1.000đ (nghìn đồng)", "So sánh (%) is a percent on every row, not money"]
    return doc


UNITS_SN = {
    "Sự nghiệp giáo dục - đào tạo": [
        "Trường THPT {a}",
        "Trung tâm GDNN-GDTX huyện {d}",
        "Trường Phổ thông DTNT huyện {d}",
    ],
    "Sự nghiệp y tế": [
        "Trung tâm Y tế huyện {d}",
        "Bệnh viện Đa khoa khu vực {a}",
        "Trung tâm Kiểm soát bệnh tật tỉnh",
    ],
    "Sự nghiệp văn hóa - thông tin": ["Trung tâm Văn hóa - Điện ảnh tỉnh", "Thư viện tỉnh", "Bảo tàng tỉnh"],
    "Sự nghiệp kinh tế": [
        "Trung tâm Khuyến nông tỉnh",
        "Ban Quản lý rừng phòng hộ {d}",
        "Trung tâm Quan trắc môi trường",
    ],
}


def phan_bo_kinh_phi_su_nghiep(rng: random.Random, province: str, year: int) -> Document:
    T, P = "triệu đồng", 3
    bc = ("Biên chế giao (người)",)
    tc, ktc = ("Trong đó", "Kinh phí thực hiện chế độ tự chủ"), ("Trong đó", "Kinh phí không thực hiện chế độ tự chủ")
    L = " / ".join
    cols = [
        Column(bc, COUNT, "người", 0, role="count"),
        Column(("Tổng số",), MONEY, T, P, role="total", v1_field=V1_TOTAL, derive=total_of(L(tc), L(ktc))),
        Column(tc, MONEY, T, P, role="part:autonomous"),
        Column(ktc, MONEY, T, P, role="part:non_autonomous"),
        txt("Ghi chú"),
    ]
    districts = PROVINCES[province]
    top = []
    for si, s in enumerate(UNITS_SN):
        items = []
        for ii, tpl in enumerate(UNITS_SN[s][: rng.randint(2, 3)]):
            n = rng.randint(12, 140)
            items.append(
                node(
                    str(ii + 1),
                    fill(tpl, rng, districts),
                    "item",
                    **{
                        L(bc): D(n),
                        L(tc): q(D(n) * D(str(rng.uniform(160, 260))), P),
                        L(ktc): money(rng, 80, 3200, P),
                        "Ghi chú": "",
                    },
                )
            )
        top.append(node(ROMAN[si], s, "section", items))
    doc = finish(
        rng,
        "g06_kinh_phi_su_nghiep",
        "operating_budget_by_unit",
        province,
        year,
        "QĐ",
        f"Quyết định phân bổ kinh phí sự nghiệp năm {year} cho các đơn vị sự nghiệp công lập tỉnh {province}",
        f"PHÂN BỔ KINH PHÍ SỰ NGHIỆP NĂM {year}",
        "Đơn vị tính: triệu đồng",
        cols,
        top,
        "TỔNG CỘNG",
        False,
        [],
        per_page=10,
        title_label="Tên đơn vị",
    )
    doc.notes = ["a staff count (người) beside the money; triệu đồng with three decimals"]
    return doc


def bao_cao_tai_chinh(rng: random.Random, province: str, year: int) -> Document:
    col = ("Số tiền (đồng)",)
    cols = [Column(col, MONEY, "đồng", 0, role="amount", v1_field=V1_TOTAL), txt("Ghi chú")]
    thu = [
        ("Thu phí, lệ phí", ["Phí thẩm định hồ sơ", "Lệ phí cấp giấy phép"]),
        ("Thu sự nghiệp", ["Thu dịch vụ tư vấn", "Thu cho thuê hội trường"]),
    ]
    chi = [(g, SPENDING[: rng.randint(2, 3)]) for g in ["Chi từ nguồn ngân sách giao", "Chi từ nguồn thu sự nghiệp"]]

    def block(code: str, title: str, groups: list[tuple[str, list[str]]], lo: int, hi: int) -> Row:
        secs = []
        for gi, (g, names) in enumerate(groups):
            items = [
                node(str(i + 1), n, "item", **{col[0]: D(rng.randint(lo, hi) * 1000), "Ghi chú": ""})
                for i, n in enumerate(names)
            ]
            secs.append(node(ROMAN[gi], g, "section", items))
        return node(code, title, "group", secs)

    a = block("A", "TỔNG SỐ THU", thu, 900_000, 2_400_000)
    b = block("B", "TỔNG SỐ CHI", chi, 150_000, 700_000)
    for r in (a, b):
        compute(cols, r)
    thu, chi = a.values[col[0]], b.values[col[0]]
    assert isinstance(thu, Decimal) and isinstance(chi, Decimal)
    diff = thu - chi
    c = node("C", "CHÊNH LỆCH THU - CHI (A - B)", "group", **{col[0]: diff})
    doc = finish(
        rng,
        "g10_bao_cao_tai_chinh",
        "finance_report",
        province,
        year,
        "BC",
        f"Báo cáo tình hình thu, chi tài chính năm {year} của Trung tâm Dịch vụ công tỉnh {province}",
        f"BÁO CÁO THU, CHI TÀI CHÍNH NĂM {year}",
        None,
        cols,
        [a, b, c],
        None,
        False,
        [],
        per_page=10,
    )
    doc.notes = ["one money column 'Số tiền (đồng)'; no grand total: C = A − B, not a sum of rows"]
    return doc


def ke_hoach_theo_nam(rng: random.Random, province: str, year: int) -> Document:
    T, P = "triệu đồng", 0
    years = [(f"Năm {y}",) for y in range(2021, 2026)]
    cols = [
        Column(
            ("Tổng giai đoạn 2021-2025",),
            MONEY,
            T,
            P,
            role="period:total",
            v1_field=V1_TOTAL,
            derive=total_of(*[y[0] for y in years]),
        )
    ]
    cols += [Column(y, MONEY, T, P, role=f"period:{y[0][-4:]}") for y in years]
    lines = {
        "Chi đầu tư phát triển": [
            "Vốn ngân sách tập trung",
            "Vốn từ nguồn thu sử dụng đất",
            "Vốn xổ số kiến thiết",
            "Bội chi ngân sách địa phương",
        ],
        "Chi thường xuyên": [
            "Sự nghiệp giáo dục - đào tạo",
            "Sự nghiệp y tế",
            "Sự nghiệp khoa học công nghệ",
            "Quản lý hành chính",
        ],
        "Chi chương trình mục tiêu": [
            "Chương trình MTQG xây dựng nông thôn mới",
            "Chương trình MTQG giảm nghèo bền vững",
        ],
    }
    top = []
    for gi, (g, names) in enumerate(lines.items()):
        items = []
        for ii, n in enumerate(names):
            base = money(rng, 20_000, 900_000, P)
            items.append(
                node(str(ii + 1), n, "item", **{y[0]: q(base * D(str(rng.uniform(0.8, 1.3))), P) for y in years})
            )
        top.append(node(ROMAN[gi], g, "section", items))
    doc = finish(
        rng,
        "g11_ke_hoach_theo_nam",
        "per_year_workbook",
        province,
        2021,
        "KH",
        f"Kế hoạch tài chính 05 năm giai đoạn 2021-2025 tỉnh {province}",
        "KẾ HOẠCH TÀI CHÍNH 05 NĂM 2021-2025",
        "Đơn vị: triệu đồng",
        cols,
        top,
        "TỔNG CỘNG",
        False,
        [],
        per_page=9,
        title_label="Chỉ tiêu",
    )
    doc.notes = ["one money column per year and their total; no funding sources"]
    return doc
