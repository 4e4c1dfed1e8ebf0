"""Public investment plans (yearly, medium-term) and national target programme allocations.

Header wordings follow real forms: "Quyết định đầu tư / TMĐT / Tổng số (tất cả các nguồn vốn) /
Trong đó: NSTW", "Lũy kế vốn đã bố trí đến hết năm …" (or "… từ khởi công đến hết năm …"),
"Kế hoạch vốn năm …"; NTP: NSTW vốn đầu tư / vốn sự nghiệp, NSĐP, vốn lồng ghép."""

from __future__ import annotations

import random

from .build import ROMAN, D, fill, finish, q, total_of, txt
from .content import PROVINCES, communes, money, node, pick
from .model import (
    MONEY,
    TEXT,
    V1_PROVINCIAL,
    V1_TOTAL,
    YEAR,
    Column,
    Document,
    Formula,
    Row,
)
from .printing import fmt_number

SECTORS = {
    "Giao thông": [
        "Đường giao thông liên xã {a} - {b}, huyện {d}",
        "Cầu {a} trên tuyến ĐH.{n}, huyện {d}",
        "Nâng cấp, mở rộng đường tỉnh ĐT.{n} đoạn Km{k} - Km{n}{k}",
    ],
    "Giáo dục và đào tạo": [
        "Trường Mầm non xã {a}, huyện {d}",
        "Trường THCS {a}: nhà lớp học 2 tầng 8 phòng và hạng mục phụ trợ",
        "Trường Phổ thông dân tộc bán trú Tiểu học {a}",
    ],
    "Y tế": ["Trạm Y tế xã {a}, huyện {d}", "Trung tâm Y tế huyện {d}: khối điều trị nội trú"],
    "Nông nghiệp, thủy lợi": [
        "Kè chống sạt lở bờ suối {a} đoạn qua thôn {n}",
        "Hồ chứa nước {a}, huyện {d}",
        "Kiên cố hóa kênh mương nội đồng xã {a}",
    ],
    "Văn hóa, thể thao": ["Nhà văn hóa trung tâm huyện {d}", "Sân vận động xã {a}, huyện {d}"],
    "Quốc phòng, an ninh": ["Trụ sở Công an xã {a}", "Đường tuần tra biên giới đoạn {a} - {b}"],
}


CAPACITY = ["{k},5 km", "0{n} phòng học", "1.{k}00 m2 sàn", "{n} giường bệnh", "tưới {k}0 ha", "cầu dài {k},2 m"]


def dau_tu_cong_nam(rng: random.Random, province: str, year: int) -> Document:
    T, P = "triệu đồng", 0
    districts = PROVINCES[province]
    lk = rng.choice(
        [f"Lũy kế vốn đã bố trí đến hết năm {year - 1}", f"Lũy kế vốn đã bố trí từ khởi công đến hết năm {year - 1}"]
    )
    kh = rng.choice([f"Kế hoạch vốn năm {year}", f"Kế hoạch năm {year}"])
    tm = rng.choice(["TMĐT", "Tổng mức đầu tư"])
    c_tm, c_tm_tw = (
        ("Quyết định đầu tư", tm, "Tổng số (tất cả các nguồn vốn)"),
        ("Quyết định đầu tư", tm, "Trong đó: NSTW"),
    )
    c_lk, c_lk_tw = (lk, "Tổng số"), (lk, "Trong đó: NSTW")
    c_kh, c_kh_tw, c_kh_dp = (kh, "Tổng số"), (kh, "Trong đó", "NSTW"), (kh, "Trong đó", "NSĐP")
    L = " / ".join
    cols = [
        txt("Địa điểm XD"),
        txt("Thời gian KC-HT"),
        Column(("Quyết định đầu tư", "Số quyết định; ngày, tháng, năm ban hành"), TEXT, agg="blank"),
        Column(c_tm, MONEY, T, P, role="total_cost"),
        Column(c_tm_tw, MONEY, T, P, role="source:central"),
        Column(c_lk, MONEY, T, P, role="period:cumulative"),
        Column(c_lk_tw, MONEY, T, P, role="period:cumulative source:central"),
        Column(c_kh, MONEY, T, P, role="period:plan_year total", derive=total_of(L(c_kh_tw), L(c_kh_dp))),
        Column(c_kh_tw, MONEY, T, P, role="period:plan_year source:central"),
        Column(c_kh_dp, MONEY, T, P, role="period:plan_year source:local"),
        txt("Ghi chú"),
    ]
    top: list[Row] = []
    for si, sector in enumerate(pick(rng, list(SECTORS), rng.randint(3, 4))):
        subs: list[Row] = []
        for letter, sub_title, running in (
            ("a", f"Dự án chuyển tiếp hoàn thành năm {year}", True),
            ("b", f"Dự án khởi công mới năm {year}", False),
        ):
            items = []
            for ii in range(rng.randint(2, 4) if running else rng.randint(1, 3)):
                tmdt = money(rng, 8000, 95000, P)
                share = D(rng.choice(["0", "0.5", "0.6", "0.7", "0.8"]))
                lk_v = q(tmdt * D(str(rng.uniform(0.2, 0.6))), P) if running else D(0)
                kh_v = q(tmdt * D(str(rng.uniform(0.1, 0.35))), P)
                kh_tw = q(kh_v * share, P)
                start = year - rng.randint(1, 3) if running else year
                values = {
                    "Địa điểm XD": rng.choice(districts),
                    "Thời gian KC-HT": f"{start}-{start + rng.randint(2, 4)}",
                    L(
                        cols[2].levels
                    ): f"{rng.randint(120, 3400)}/QĐ-UBND ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/{start - 1}",
                    L(c_tm): tmdt,
                    L(c_tm_tw): q(tmdt * share, P),
                    L(c_lk): lk_v,
                    L(c_lk_tw): q(lk_v * share, P),
                    L(c_kh_tw): kh_tw,
                    L(c_kh_dp): kh_v - kh_tw,
                    "Ghi chú": rng.choice(["", "", "Dự án nhóm C", "Thanh toán khối lượng hoàn thành", "Đối ứng NSĐP"]),
                }
                items.append(node(str(ii + 1), fill(rng.choice(SECTORS[sector]), rng, districts), "item", **values))
            subs.append(node(letter, sub_title, "section", items))
        if rng.random() < 0.3:  # a sector with only running projects: items directly under the Roman numeral
            top.append(node(ROMAN[si], sector.upper(), "group", subs[0].children))
        else:
            top.append(node(ROMAN[si], sector.upper(), "group", subs))
    doc = finish(
        rng,
        "g01_dau_tu_cong_nam",
        "public_investment_yearly",
        province,
        year,
        "QĐ",
        f"Quyết định giao kế hoạch đầu tư công năm {year} nguồn vốn ngân sách nhà nước tỉnh {province}",
        f"KẾ HOẠCH ĐẦU TƯ CÔNG NĂM {year} NGUỒN VỐN NGÂN SÁCH NHÀ NƯỚC",
        "Đơn vị: Triệu đồng",
        cols,
        top,
        "TỔNG SỐ",
        True,
        [],
        title_label="Danh mục dự án",
    )
    tot = doc.rows[0].values
    doc.narrative = [
        f"Giao kế hoạch đầu tư công năm {year} nguồn vốn ngân sách nhà nước của tỉnh {province} với tổng số vốn "
        f"{fmt_number(tot[L(c_kh)], 0)} triệu đồng, trong đó: vốn ngân sách trung ương {fmt_number(tot[L(c_kh_tw)], 0)} triệu đồng; "
        f"vốn ngân sách địa phương {fmt_number(tot[L(c_kh_dp)], 0)} triệu đồng (chi tiết tại Phụ lục kèm theo).",
        "Các chủ đầu tư chịu trách nhiệm giải ngân hết kế hoạch vốn được giao trước ngày 31 tháng 01 năm sau.",
    ]
    doc.notes = [
        "three money periods (TMĐT, lũy kế, kế hoạch năm), each with its own NSTW split; no v1 role",
        "items restart at 1 under each letter a/b; letters restart under each Roman sector",
        "lũy kế of new projects printed as '-' (0)",
    ]
    return doc


def dau_tu_cong_trung_han(rng: random.Random, province: str, year: int) -> Document:
    T, P = "tỷ đồng", 3
    districts = PROVINCES[province]
    kt = "Kế hoạch đầu tư công trung hạn giai đoạn 2021-2025"
    c_kt, c_tw, c_dp = (kt, "Tổng số"), (kt, "Trong đó", "NSTW"), (kt, "Trong đó", "NSĐP")
    given = ("Đã giao kế hoạch các năm 2021-2023",)
    rest = ("Số vốn còn lại chưa giao",)
    L = " / ".join

    remaining = Formula("difference", (L(c_kt), L(given)))

    cols = [
        txt("Địa điểm XD"),
        txt("Năng lực thiết kế"),
        Column(("Năm khởi công",), YEAR, agg="blank"),
        Column(("Năm hoàn thành",), YEAR, agg="blank"),
        Column(("Tổng mức đầu tư",), MONEY, T, P, role="total_cost"),
        Column(c_kt, MONEY, T, P, role="period:medium_term total", derive=total_of(L(c_tw), L(c_dp))),
        Column(c_tw, MONEY, T, P, role="period:medium_term source:central"),
        Column(c_dp, MONEY, T, P, role="period:medium_term source:local"),
        Column(given, MONEY, T, P, role="period:allocated"),
        Column(rest, MONEY, T, P, role="period:remaining", derive=remaining),
    ]
    top = []
    for gcode, gtitle, running in [("A", "CÁC DỰ ÁN CHUYỂN TIẾP", True), ("B", "CÁC DỰ ÁN KHỞI CÔNG MỚI", False)]:
        secs = []
        for si, sector in enumerate(pick(rng, list(SECTORS), rng.randint(2, 3))):
            items = []
            for ii in range(rng.randint(2, 4)):
                tmdt = money(rng, 15, 450, P)
                kt_v = q(tmdt * D(str(rng.uniform(0.4, 0.9))), P)
                tw = q(kt_v * D(rng.choice(["0", "0.55", "0.7"])), P)
                start = rng.randint(2019, 2021) if running else rng.randint(2022, 2024)
                items.append(
                    node(
                        str(ii + 1),
                        fill(rng.choice(SECTORS[sector]), rng, districts),
                        "item",
                        **{
                            "Địa điểm XD": rng.choice(districts),
                            "Năng lực thiết kế": fill(rng.choice(CAPACITY), rng, districts),
                            "Năm khởi công": D(start),
                            "Năm hoàn thành": D(start + rng.randint(2, 4)),
                            "Tổng mức đầu tư": tmdt,
                            L(c_tw): tw,
                            L(c_dp): kt_v - tw,
                            L(given): q(kt_v * D(str(rng.uniform(0.3, 0.8))), P) if running else D(0),
                        },
                    )
                )
            secs.append(node(ROMAN[si], f"Ngành, lĩnh vực {sector.lower()}", "section", items))
        top.append(node(gcode, gtitle, "group", secs))
    doc = finish(
        rng,
        "g02_dau_tu_cong_trung_han",
        "public_investment_medium_term",
        province,
        2021,
        "NQ",
        f"Nghị quyết về kế hoạch đầu tư công trung hạn giai đoạn 2021-2025 tỉnh {province}",
        "DANH MỤC DỰ ÁN KẾ HOẠCH ĐẦU TƯ CÔNG TRUNG HẠN GIAI ĐOẠN 2021-2025",
        "ĐVT: Tỷ đồng",
        cols,
        top,
        "TỔNG CỘNG",
        False,
        [],
        title_label="Danh mục dự án",
    )
    tot = doc.rows[-1].values
    doc.narrative = [
        f"Tổng kế hoạch đầu tư công trung hạn giai đoạn 2021-2025 là {fmt_number(tot[L(c_kt)], 3)} tỷ đồng, trong đó "
        f"ngân sách trung ương {fmt_number(tot[L(c_tw)], 3)} tỷ đồng, ngân sách địa phương {fmt_number(tot[L(c_dp)], 3)} tỷ đồng."
    ]
    doc.notes = [
        "A/B groups with Roman sectors restarting under each and items restarting under each sector",
        "tỷ đồng with three decimals; year columns (Năm khởi công, Năm hoàn thành) are numbers, not money",
        "Số vốn còn lại = trung hạn tổng số − đã giao",
    ]
    return doc


PROGRAMMES = [
    "Chương trình mục tiêu quốc gia xây dựng nông thôn mới",
    "Chương trình mục tiêu quốc gia giảm nghèo bền vững",
    "Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi",
]


def ctmtqg_phan_bo(rng: random.Random, province: str, year: int) -> Document:
    T, P = "triệu đồng", 1
    tw, dt, sn = (
        ("Ngân sách trung ương", "Tổng"),
        ("Ngân sách trung ương", "Vốn đầu tư"),
        ("Ngân sách trung ương", "Vốn sự nghiệp"),
    )
    tinh, huyen = ("Ngân sách địa phương", "NS tỉnh"), ("Ngân sách địa phương", "NS huyện")
    lg = ("Vốn lồng ghép",)
    L = " / ".join
    cols = [
        Column(
            ("Tổng số",), MONEY, T, P, role="total", v1_field=V1_TOTAL, derive=total_of(L(tw), L(tinh), L(huyen), L(lg))
        ),
        Column(tw, MONEY, T, P, role="source:central", derive=total_of(L(dt), L(sn))),
        Column(dt, MONEY, T, P, role="source:central investment"),
        Column(sn, MONEY, T, P, role="source:central recurrent"),
        Column(tinh, MONEY, T, P, role="source:provincial", v1_field=V1_PROVINCIAL),
        Column(huyen, MONEY, T, P, role="source:district"),
        Column(lg, MONEY, T, P, role="source:integrated"),
        txt("Ghi chú"),
    ]
    districts = PROVINCES[province]
    top = []
    for di, d in enumerate(districts[: rng.randint(3, 4)]):
        items = [node("1", f"Huyện {d} (cấp huyện quản lý)", "item")]
        for j, c in enumerate(communes(rng, rng.randint(3, 6))):
            items.append(node(str(j + 2), f"Xã {c}", "item"))
        for it in items:
            dt_v, sn_v = money(rng, 400, 6500, P), money(rng, 80, 1600, P)
            it.values = {
                L(dt): dt_v,
                L(sn): sn_v,
                L(tinh): q((dt_v + sn_v) * D(str(rng.uniform(0.05, 0.15))), P),
                L(huyen): q((dt_v + sn_v) * D(str(rng.uniform(0.0, 0.06))), P),
                L(lg): money(rng, 50, 900, P) if rng.random() < 0.4 else D(0),
                "Ghi chú": rng.choice(["", "", "Xã đặc biệt khó khăn", "Xã phấn đấu đạt chuẩn NTM"]),
            }
        top.append(node(ROMAN[di], f"Huyện {d}", "section", items))
    prog = rng.choice(PROGRAMMES)
    doc = finish(
        rng,
        "g03_ctmtqg_phan_bo",
        "national_target_programme",
        province,
        year,
        "QĐ",
        f"Quyết định phân bổ kế hoạch vốn thực hiện {prog} năm {year}",
        f"PHÂN BỔ KẾ HOẠCH VỐN {prog.upper()} NĂM {year}",
        "ĐVT: Triệu đồng",
        cols,
        top,
        "TỔNG SỐ",
        True,
        [],
        title_label="Đơn vị",
    )
    tot = doc.rows[0].values
    doc.narrative = [
        f"Phân bổ chi tiết kế hoạch vốn thực hiện {prog} năm {year} với tổng số {fmt_number(tot['Tổng số'], P)} triệu đồng, "
        f"trong đó ngân sách trung ương {fmt_number(tot[L(tw)], P)} triệu đồng (vốn đầu tư phát triển "
        f"{fmt_number(tot[L(dt)], P)} triệu đồng, vốn sự nghiệp {fmt_number(tot[L(sn)], P)} triệu đồng)."
    ]
    doc.notes = [
        "Tổng số = NSTW + NS tỉnh + NS huyện + vốn lồng ghép; NSTW = đầu tư + sự nghiệp",
        "communes restart at 1 under each district; triệu đồng with a decimal comma",
    ]
    return doc
