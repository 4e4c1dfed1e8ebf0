"""Extension and promotion plans: khuyến nông, xúc tiến thương mại, khuyến công of another province
(other column sets and units than the plans vnplan was built on)."""

from __future__ import annotations

import random

from .build import ROMAN, D, finish, q, total_of, txt
from .content import PROVINCES, communes, money, node, pick
from .model import (
    COUNT,
    MONEY,
    V1_BENEFICIARY,
    V1_PROVINCIAL,
    V1_TOTAL,
    Column,
    Document,
)

CROPS = ["lúa chất lượng cao", "cà phê tái canh", "chè an toàn", "bưởi da xanh", "rau an toàn", "mắc ca", "sâm dây"]


ANIMALS = ["gà thả vườn", "lợn đen bản địa", "bò lai sind", "cá rô phi đơn tính", "vịt biển"]


def khuyen_nong(rng: random.Random, province: str, year: int) -> Document:
    T, P = "triệu đồng", rng.choice([1, 2])
    tot, ns, du = ("Kinh phí", "Tổng số"), ("Kinh phí", "Ngân sách tỉnh"), ("Kinh phí", "Dân đối ứng")
    L = " / ".join
    cols = [
        txt("Địa điểm thực hiện"),
        txt("Quy mô"),
        Column(("Số hộ tham gia",), COUNT, "hộ", 0, role="count"),
        Column(tot, MONEY, T, P, role="total", v1_field=V1_TOTAL, derive=total_of(L(ns), L(du))),
        Column(ns, MONEY, T, P, role="source:provincial", v1_field=V1_PROVINCIAL),
        Column(du, MONEY, T, P, role="source:beneficiary", v1_field=V1_BENEFICIARY),
    ]
    districts = PROVINCES[province]
    groups = [
        (
            "Xây dựng mô hình trình diễn",
            [f"Mô hình trồng {c} theo hướng VietGAP" for c in CROPS]
            + [f"Mô hình nuôi {a} an toàn sinh học" for a in ANIMALS],
        ),
        ("Đào tạo, tập huấn", [f"Tập huấn kỹ thuật {c}" for c in CROPS]),
        (
            "Thông tin, tuyên truyền",
            ["Xây dựng chuyên mục khuyến nông trên Đài PT-TH tỉnh", "In tờ gấp kỹ thuật", "Bản tin khuyến nông"],
        ),
        ("Hội thảo, tham quan", ["Hội thảo đầu bờ đánh giá mô hình", "Tham quan học tập mô hình ngoài tỉnh"]),
    ]
    top = []
    for gi, (g, names) in enumerate(groups):
        items = []
        for ii, name in enumerate(pick(rng, names, rng.randint(2, 5))):
            total = money(rng, 30, 900, P)
            share = D(rng.choice(["1", "0.7", "0.6", "0.5"])) if gi == 0 else D(1)
            ns_v = q(total * share, P)
            items.append(
                node(
                    str(ii + 1),
                    name,
                    "item",
                    **{
                        "Địa điểm thực hiện": f"Huyện {rng.choice(districts)}",
                        "Quy mô": rng.choice(
                            [
                                f"{rng.randint(2, 60)} ha",
                                f"{rng.randint(5, 40)}00 con",
                                f"{rng.randint(2, 12)} lớp",
                                f"{rng.randint(1, 24)} số",
                            ]
                        ),
                        "Số hộ tham gia": D(rng.randint(10, 150)),
                        L(ns): ns_v,
                        L(du): total - ns_v,
                    },
                )
            )
        top.append(node(ROMAN[gi], g.upper(), "section", items))
    doc = finish(
        rng,
        "g07_khuyen_nong",
        "agricultural_extension",
        province,
        year,
        "KH",
        f"Kế hoạch khuyến nông tỉnh {province} năm {year}",
        f"KẾ HOẠCH KINH PHÍ KHUYẾN NÔNG NĂM {year}",
        "Đơn vị: Tr.đ",
        cols,
        top,
        "TỔNG CỘNG",
        False,
        [],
        title_label="Nội dung",
    )
    doc.notes = ["'Tr.đ' unit; a household count column (Số hộ tham gia) beside the money"]
    return doc


def xuc_tien_thuong_mai(rng: random.Random, province: str, year: int) -> Document:
    K = "nghìn đồng"
    head = "Kinh phí (nghìn đồng)"
    tot, ns, dn = (head, "Tổng kinh phí"), (head, "Ngân sách nhà nước hỗ trợ"), (head, "Doanh nghiệp đóng góp")
    L = " / ".join
    cols = [
        txt("Thời gian"),
        txt("Địa điểm"),
        Column(("Số doanh nghiệp tham gia",), COUNT, "doanh nghiệp", 0, role="count", agg="blank"),
        Column(tot, MONEY, K, 0, role="total", v1_field=V1_TOTAL, derive=total_of(L(ns), L(dn))),
        Column(ns, MONEY, K, 0, role="source:state", v1_field=V1_PROVINCIAL),
        Column(dn, MONEY, K, 0, role="source:beneficiary", v1_field=V1_BENEFICIARY),
    ]
    groups = [
        (
            "Xúc tiến thương mại trong nước",
            [
                "Tham gia Hội chợ Nông nghiệp quốc tế AgroViet",
                "Tổ chức Hội chợ Công thương tỉnh {p}",
                "Tuần hàng đặc sản {p} tại TP. Hồ Chí Minh",
                "Phiên chợ hàng Việt về nông thôn",
            ],
        ),
        (
            "Xúc tiến thương mại ngoài nước",
            ["Tham gia Hội chợ Thương mại Việt - Lào", "Đoàn giao thương tại Nhật Bản", "Hội chợ CAEXPO Nam Ninh"],
        ),
        (
            "Thông tin thương mại, thương mại điện tử",
            ["Duy trì sàn thương mại điện tử của tỉnh", "Xây dựng video quảng bá sản phẩm OCOP"],
        ),
        ("Đào tạo, tập huấn", ["Tập huấn kỹ năng xuất khẩu cho doanh nghiệp", "Tập huấn bán hàng trực tuyến"]),
    ]
    top = []
    for gi, (g, names) in enumerate(groups):
        items = []
        for ii, name in enumerate(pick(rng, names, rng.randint(2, len(names)))):
            total = D(rng.randint(40, 1800) * 1000)
            ns_v = q(total * D(rng.choice(["1", "0.7", "0.5"])), 0)
            items.append(
                node(
                    str(ii + 1),
                    name.format(p=province),
                    "item",
                    **{
                        "Thời gian": f"Quý {rng.choice(['I', 'II', 'III', 'IV'])}/{year}",
                        "Địa điểm": rng.choice(
                            ["Hà Nội", "TP. Hồ Chí Minh", "Đà Nẵng", province, "Viêng Chăn", "Tokyo"]
                        ),
                        "Số doanh nghiệp tham gia": D(rng.randint(3, 60)),
                        L(ns): ns_v,
                        L(dn): total - ns_v,
                    },
                )
            )
        top.append(node(ROMAN[gi], g, "section", items))
    doc = finish(
        rng,
        "g08_xuc_tien_thuong_mai",
        "trade_promotion",
        province,
        year,
        "KH",
        f"Kế hoạch xúc tiến thương mại tỉnh {province} năm {year}",
        f"CHƯƠNG TRÌNH XÚC TIẾN THƯƠNG MẠI NĂM {year}",
        None,
        cols,
        top,
        "TỔNG CỘNG",
        False,
        [],
        per_page=10,
        title_label="Tên chương trình",
    )
    doc.notes = [
        "the unit is in the merged money header 'Kinh phí (nghìn đồng)', no unit line",
        "a count of firms beside the money",
    ]
    return doc


KC_SECTIONS = [
    (
        "Hỗ trợ xây dựng mô hình trình diễn kỹ thuật",
        ["Mô hình sản xuất {x} tại cơ sở {b}", "Mô hình chế biến {x} quy mô hộ"],
    ),
    (
        "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến",
        ["Ứng dụng dây chuyền sấy {x} tại Công ty TNHH {b}", "Ứng dụng máy đóng gói {x} tại HTX {a}"],
    ),
    ("Tổ chức bình chọn sản phẩm CNNT tiêu biểu", ["Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu cấp tỉnh"]),
    (
        "Hỗ trợ tham gia hội chợ, triển lãm",
        ["Hỗ trợ cơ sở CNNT tham gia hội chợ khu vực phía Bắc", "Hỗ trợ trưng bày sản phẩm {x}"],
    ),
    ("Tư vấn, đào tạo", ["Đào tạo nghề {x} cho lao động nông thôn", "Tư vấn lập dự án đầu tư cho cơ sở {b}"]),
]


PRODUCTS = [
    "miến dong",
    "chè shan tuyết",
    "mây tre đan",
    "gạch không nung",
    "tinh bột sắn",
    "nước mắm",
    "gỗ rừng trồng",
]


def khuyen_cong_khac(rng: random.Random, province: str, year: int) -> Document:
    T, P = "tỷ đồng", 3
    tong = ("Tổng kinh phí",)
    qg, dp, du = (
        ("Nguồn kinh phí", "Khuyến công quốc gia"),
        ("Nguồn kinh phí", "Khuyến công địa phương"),
        ("Nguồn kinh phí", "Đối ứng của cơ sở"),
    )
    L = " / ".join
    cols = [
        txt("Đơn vị thực hiện"),
        txt("Thời gian thực hiện"),
        Column(tong, MONEY, T, P, role="total", v1_field=V1_TOTAL, derive=total_of(L(qg), L(dp), L(du))),
        Column(qg, MONEY, T, P, role="source:central"),
        Column(dp, MONEY, T, P, role="source:provincial", v1_field=V1_PROVINCIAL),
        Column(du, MONEY, T, P, role="source:beneficiary", v1_field=V1_BENEFICIARY),
    ]
    top = []
    for si, (s, tpls) in enumerate(KC_SECTIONS):
        items = []
        for ii in range(rng.randint(1, 3)):
            a, b = communes(rng, 2)
            name = rng.choice(tpls).format(x=rng.choice(PRODUCTS), a=a, b=b)
            m1 = rng.randint(1, 9)
            total = money(rng, 0.08, 2.4, P)
            qg_v = q(total * D(rng.choice(["0", "0", "0.3"])), P)
            dp_v = q((total - qg_v) * D(rng.choice(["0.3", "0.5", "1"])), P)
            items.append(
                node(
                    f"{si + 1}.{ii + 1}",
                    name,
                    "item",
                    **{
                        "Đơn vị thực hiện": rng.choice(
                            [
                                "Trung tâm Khuyến công và TVPTCN",
                                "Sở Công Thương",
                                f"UBND huyện {rng.choice(PROVINCES[province])}",
                            ]
                        ),
                        "Thời gian thực hiện": f"Tháng {m1} - {rng.randint(m1 + 1, 12)}",
                        L(qg): qg_v,
                        L(dp): dp_v,
                        L(du): total - qg_v - dp_v,
                    },
                )
            )
        top.append(node(str(si + 1), s, "section", items))
    doc = finish(
        rng,
        "g09_khuyen_cong_khac",
        "industrial_extension_other",
        province,
        year,
        "KH",
        f"Kế hoạch khuyến công tỉnh {province} năm {year}",
        f"KẾ HOẠCH KINH PHÍ KHUYẾN CÔNG NĂM {year}",
        "ĐVT: tỷ đồng",
        cols,
        top,
        "Tổng cộng",
        True,
        [],
        per_page=10,
        title_label="Nội dung đề án",
    )
    doc.notes = [
        "sections 1, 2 … with items 1.1, 1.2 …; tỷ đồng with three decimals",
        "a national source (khuyến công quốc gia) beside provincial and beneficiary: v1 has no field for it",
    ]
    return doc
