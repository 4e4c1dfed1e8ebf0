"""A per-row ĐVT indicator table (money on some rows only) and tables that are not budgets:
scores, staff counts, statistics."""

from __future__ import annotations

import random

from .build import ROMAN, D, finish, q, ratio_of, total_of
from .content import money, node
from .model import (
    COUNT,
    PER_ROW,
    PERCENT,
    SCORE,
    Column,
    Document,
)

INDICATORS = [
    ("Tổng vốn đầu tư phát triển trên địa bàn", "Tỷ đồng", 2, 1500, 9000),
    ("Kinh phí thực hiện chương trình", "Triệu đồng", 0, 5_000, 90_000),
    ("Thu ngân sách nhà nước trên địa bàn", "Triệu đồng", 0, 800_000, 4_000_000),
    ("Tỷ lệ giải ngân vốn đầu tư công", "%", 1, 60, 98),
    ("Số lao động được đào tạo nghề", "người", 0, 800, 9000),
    ("Số công trình hoàn thành đưa vào sử dụng", "công trình", 0, 12, 160),
    ("Tỷ lệ hộ nghèo", "%", 2, 2, 18),
    ("Số xã đạt chuẩn nông thôn mới", "xã", 0, 30, 120),
    ("Kinh phí hỗ trợ hộ nghèo", "Triệu đồng", 0, 2_000, 40_000),
]


def chi_tieu_dvt(rng: random.Random, province: str, year: int) -> Document:
    cols = [
        Column((c,), PER_ROW, None, 0, role=r, agg="blank")
        for c, r in (
            (f"Kế hoạch năm {year}", "period:plan"),
            (f"Thực hiện năm {year}", "period:actual"),
            (f"Kế hoạch năm {year + 1}", "period:next_plan"),
        )
    ]
    groups = [
        ("Chỉ tiêu kinh tế", INDICATORS[:3]),
        ("Chỉ tiêu đầu tư", INDICATORS[3:6]),
        ("Chỉ tiêu xã hội", INDICATORS[6:]),
    ]
    top = []
    for gi, (g, inds) in enumerate(groups):
        items = []
        for ii, (name, unit, places, lo, hi) in enumerate(inds):
            r = node(str(ii + 1), name, "item", **{c.label: money(rng, lo, hi, places) for c in cols})
            r.unit = unit
            items.append(r)
        top.append(node(ROMAN[gi], g.upper(), "group", items))
    doc = finish(
        rng,
        "g12_chi_tieu_dvt",
        "indicators_per_row_unit",
        province,
        year,
        "BC",
        f"Báo cáo kết quả thực hiện các chỉ tiêu năm {year} và kế hoạch năm {year + 1} tỉnh {province}",
        f"CÁC CHỈ TIÊU CHỦ YẾU NĂM {year}",
        None,
        cols,
        top,
        None,
        False,
        [],
        per_page=8,
        title_label="Chỉ tiêu",
        unit_column_label="ĐVT",
    )
    doc.notes = [
        "a per-row ĐVT column mixing Tỷ đồng, Triệu đồng, %, người, công trình, xã: only the money rows are amounts"
    ]
    return doc


CRITERIA = {
    "Công tác chỉ đạo, điều hành cải cách hành chính": [
        "Ban hành kế hoạch CCHC năm",
        "Mức độ thực hiện kế hoạch",
        "Kiểm tra công tác CCHC",
    ],
    "Cải cách thể chế": ["Rà soát văn bản quy phạm pháp luật", "Xử lý văn bản sau rà soát"],
    "Cải cách tài chính công": [
        "Thực hiện giải ngân kế hoạch vốn đầu tư công",
        "Thực hiện quy định về tự chủ tài chính",
        "Công khai ngân sách",
    ],
    "Xây dựng chính quyền số": ["Tỷ lệ hồ sơ giải quyết trực tuyến", "Tỷ lệ văn bản điện tử có ký số"],
}


def bang_diem(rng: random.Random, province: str, year: int) -> Document:
    mx, tu, td = ("Điểm tối đa",), ("Điểm tự đánh giá",), ("Điểm thẩm định",)
    cols = [
        Column(mx, SCORE, "điểm", 2, role="score"),
        Column(tu, SCORE, "điểm", 2, role="score"),
        Column(td, SCORE, "điểm", 2, role="score"),
        Column(("Tỷ lệ đạt (%)",), PERCENT, "%", 2, role="share", agg="derive", derive=ratio_of(td[0], mx[0], 2)),
    ]
    top = []
    for gi, (g, crits) in enumerate(CRITERIA.items()):
        items = []
        for ii, c in enumerate(crits):
            m = D(rng.choice(["1.00", "1.50", "2.00", "3.00", "6.00"]))
            t = q(m * D(str(rng.choice([1, 1, 0.75, 0.5]))), 2)
            items.append(
                node(
                    f"{gi + 1}.{ii + 1}",
                    c,
                    "item",
                    **{mx[0]: m, tu[0]: t, td[0]: min(t, q(m * D(str(rng.choice([1, 0.75, 0.5]))), 2))},
                )
            )
        top.append(node(str(gi + 1), g, "section", items))
    doc = finish(
        rng,
        "g13_bang_diem",
        "score_table",
        province,
        year,
        "BC",
        f"Báo cáo kết quả tự đánh giá, chấm điểm chỉ số cải cách hành chính năm {year} tỉnh {province}",
        f"BẢNG ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {year}",
        None,
        cols,
        top,
        "Tổng điểm",
        False,
        [],
        is_budget=False,
        per_page=9,
        title_label="Lĩnh vực, tiêu chí",
    )
    doc.notes = ["scores with two decimals (6,00) and percents: no money at all"]
    return doc


OFFICES = {
    "Khối cơ quan hành chính": ["Văn phòng UBND tỉnh", "Sở Tài chính", "Sở Nội vụ", "Sở Xây dựng", "Thanh tra tỉnh"],
    "Khối đơn vị sự nghiệp": [
        "Trung tâm Phục vụ hành chính công",
        "Ban Quản lý dự án đầu tư xây dựng",
        "Trung tâm Công nghệ thông tin",
    ],
}


def bien_che(rng: random.Random, province: str, year: int) -> Document:
    giao = (f"Biên chế được giao năm {year}",)
    sub = f"Số có mặt đến 31/12/{year - 1}"
    tong, cc, vc = (sub, "Tổng số"), (sub, "Công chức"), (sub, "Viên chức")
    L = " / ".join
    cols = [
        Column(giao, COUNT, "người", 0, role="count"),
        Column(tong, COUNT, "người", 0, role="count", derive=total_of(L(cc), L(vc))),
        Column(cc, COUNT, "người", 0, role="count"),
        Column(vc, COUNT, "người", 0, role="count"),
        Column(("Hợp đồng lao động",), COUNT, "người", 0, role="count"),
    ]
    top = []
    for gi, (g, names) in enumerate(OFFICES.items()):
        items = []
        for ii, n in enumerate(names):
            gv = rng.randint(15, 95)
            c = rng.randint(5, gv - 2)
            v = rng.randint(0, gv - c)
            items.append(
                node(
                    str(ii + 1),
                    n,
                    "item",
                    **{L(giao): D(gv), L(cc): D(c), L(vc): D(v), "Hợp đồng lao động": D(rng.randint(0, 12))},
                )
            )
        top.append(node(ROMAN[gi], g, "section", items))
    doc = finish(
        rng,
        "g14_bien_che",
        "staff_counts",
        province,
        year,
        "BC",
        f"Báo cáo tình hình sử dụng biên chế năm {year - 1} tỉnh {province}",
        f"TỔNG HỢP BIÊN CHẾ NĂM {year}",
        "Đơn vị tính: người",
        cols,
        top,
        "Tổng cộng",
        False,
        [],
        is_budget=False,
        per_page=7,
        title_label="Cơ quan, đơn vị",
    )
    doc.notes = ["staff counts (người): no money"]
    return doc


STATS = [
    ("Diện tích gieo trồng lúa cả năm", "ha", 0, 20_000, 60_000),
    ("Sản lượng lương thực có hạt", "tấn", 0, 100_000, 400_000),
    ("Tổng đàn gia súc", "con", 0, 150_000, 500_000),
    ("Dân số trung bình", "người", 0, 500_000, 1_200_000),
    ("Tỷ lệ hộ nghèo", "%", 2, 2, 18),
    ("Số trường đạt chuẩn quốc gia", "trường", 0, 120, 400),
    ("Số giường bệnh trên vạn dân", "giường", 1, 20, 35),
    ("Tỷ lệ che phủ rừng", "%", 1, 40, 65),
]


def thong_ke(rng: random.Random, province: str, year: int) -> Document:
    cols = [Column((f"Năm {y}",), PER_ROW, None, 0, role=f"period:{y}", agg="blank") for y in range(year - 2, year + 1)]
    top = []
    for gi, (g, stats) in enumerate((("Nông nghiệp", STATS[:3]), ("Dân số, xã hội", STATS[3:]))):
        items = []
        for ii, (name, unit, places, lo, hi) in enumerate(stats):
            r = node(str(ii + 1), name, "item", **{c.label: money(rng, lo, hi, places) for c in cols})
            r.unit = unit
            items.append(r)
        top.append(node(ROMAN[gi], g, "group", items))
    doc = finish(
        rng,
        "g15_thong_ke",
        "statistics",
        province,
        year,
        "BC",
        f"Báo cáo số liệu thống kê kinh tế - xã hội chủ yếu tỉnh {province} giai đoạn {year - 2}-{year}",
        f"MỘT SỐ CHỈ TIÊU THỐNG KÊ CHỦ YẾU {year - 2}-{year}",
        None,
        cols,
        top,
        None,
        False,
        [],
        is_budget=False,
        per_page=7,
        title_label="Chỉ tiêu",
        unit_column_label="ĐVT",
    )
    doc.notes = ["a per-row ĐVT with ha, tấn, con, người, %, trường: large numbers that are not money"]
    return doc
