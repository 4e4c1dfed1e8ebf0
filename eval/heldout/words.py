"""Word lists of the held-out corpus: its own provinces, programmes, sentence shapes and header wordings.

Nothing here is shared with eval/make_corpus.py or samples/: other provinces, other programmes and
items, other sentence shapes, and header labels of two kinds — wordings seen in real plans and
variants invented here — each checked against the synonym table the code knows
(``vnplan.normalize.columns.SYNONYMS``) and recorded as in-vocabulary or out-of-vocabulary, so the
figures can be reported apart.
"""

from __future__ import annotations

import re
import unicodedata

# Provinces neither the samples (Đồng Nai, Quảng Nam, Cần Thơ, Bình Dương, Bình Định) nor the
# development corpus (Lào Cai, Hà Tĩnh, Sóc Trăng, Thái Nguyên, Bến Tre, Gia Lai, Phú Thọ, Long An,
# Hải Phòng, Nghệ An) use.
PROVINCES: list[tuple[str, list[str]]] = [
    ("Quảng Trị", ["Hướng Hóa", "Gio Linh", "Triệu Phong", "Hải Lăng", "Cam Lộ"]),
    ("Yên Bái", ["Văn Chấn", "Trấn Yên", "Lục Yên", "Mù Cang Chải", "Văn Yên"]),
    ("Kon Tum", ["Đăk Hà", "Ngọc Hồi", "Sa Thầy", "Kon Plông", "Đăk Tô"]),
    ("Trà Vinh", ["Cầu Kè", "Tiểu Cần", "Trà Cú", "Duyên Hải", "Càng Long"]),
    ("Hậu Giang", ["Phụng Hiệp", "Long Mỹ", "Vị Thủy", "Châu Thành A", "Ngã Bảy"]),
    ("Ninh Thuận", ["Ninh Phước", "Ninh Hải", "Bác Ái", "Thuận Nam", "Ninh Sơn"]),
    ("Bắc Kạn", ["Ba Bể", "Chợ Đồn", "Na Rì", "Pác Nặm", "Ngân Sơn"]),
    ("Hòa Bình", ["Mai Châu", "Tân Lạc", "Lạc Sơn", "Kim Bôi", "Đà Bắc"]),
    ("Tuyên Quang", ["Chiêm Hóa", "Hàm Yên", "Na Hang", "Sơn Dương", "Yên Sơn"]),
    ("Đắk Nông", ["Cư Jút", "Đắk Mil", "Krông Nô", "Đắk Song", "Tuy Đức"]),
    ("Vĩnh Long", ["Long Hồ", "Mang Thít", "Tam Bình", "Trà Ôn", "Vũng Liêm"]),
    ("Cao Bằng", ["Hà Quảng", "Trùng Khánh", "Quảng Hòa", "Bảo Lạc", "Nguyên Bình"]),
]

SIGNERS = [
    "Hồ Sĩ Nguyên",
    "Lò Thị Hạnh",
    "Y Ngọc",
    "Thạch Sô Phanh",
    "Đinh Công Sứ",
    "Ma Thị Thúy",
    "Nông Văn Chí",
    "Lê Hoàng Bảo",
    "Trương Thị Mỹ Linh",
]

# issuing body (second line of the block; the first is "UBND TỈNH X"), its number suffix, the proposer
AGENCIES: list[tuple[str, str, str]] = [
    ("Sở Nông nghiệp và Phát triển nông thôn", "KH-SNN", "Chi cục Phát triển nông thôn"),
    ("Sở Công Thương", "KH-SCT", "Trung tâm Khuyến công và Xúc tiến thương mại"),
    ("Sở Lao động - Thương binh và Xã hội", "KH-SLĐTBXH", "Phòng Giáo dục nghề nghiệp"),
    ("Sở Thông tin và Truyền thông", "KH-STTTT", "Trung tâm Công nghệ thông tin và Truyền thông"),
]

# programme -> groups (for three-level numbering), sections, item templates
PROGRAMMES: dict[str, dict[str, list[str]]] = {
    "phát triển sản phẩm OCOP": {
        "groups": ["Nâng cấp, tiêu chuẩn hóa sản phẩm", "Quản lý và xúc tiến tiêu thụ"],
        "sections": [
            "Hỗ trợ chủ thể hoàn thiện sản phẩm dự thi",
            "Đánh giá, phân hạng sản phẩm",
            "Thiết kế bao bì, nhãn mác và truy xuất nguồn gốc",
            "Quảng bá, giới thiệu sản phẩm",
            "Kiểm tra, giám sát sau công nhận",
        ],
        "items": [
            "Hỗ trợ {org} {place} hoàn thiện hồ sơ sản phẩm {product}",
            "Tổ chức Hội đồng đánh giá, phân hạng sản phẩm cấp tỉnh đợt {n}",
            "Thiết kế nhãn, mã QR truy xuất cho sản phẩm {product} {place}",
            "Gian hàng giới thiệu sản phẩm OCOP tại {fair}",
            "Kiểm tra việc duy trì chất lượng sản phẩm {product} đã được công nhận",
            "Phân tích chỉ tiêu chất lượng mẫu {product} tại phòng thử nghiệm",
        ],
    },
    "chuyển đổi số trong nông nghiệp": {
        "groups": ["Hạ tầng và dữ liệu", "Ứng dụng và kỹ năng số"],
        "sections": [
            "Xây dựng cơ sở dữ liệu ngành",
            "Ứng dụng công nghệ số trong sản xuất",
            "Bồi dưỡng kỹ năng số cho nông dân",
            "Thương mại điện tử nông sản",
        ],
        "items": [
            "Số hóa bản đồ vùng trồng {product} huyện {place}",
            "Lắp đặt hệ thống cảm biến tưới tự động cho vườn {product}",
            "Tập huấn sử dụng nhật ký điện tử cho {org} {place}",
            "Đưa sản phẩm {product} lên sàn giao dịch điện tử",
            "Xây dựng phần mềm quản lý mã số vùng trồng",
            "Cấp tài khoản, hướng dẫn bán hàng trực tuyến cho hộ dân {place}",
        ],
    },
    "đào tạo nghề cho lao động nông thôn": {
        "groups": ["Đào tạo nghề nông nghiệp", "Đào tạo nghề phi nông nghiệp"],
        "sections": [
            "Đào tạo trình độ sơ cấp",
            "Đào tạo dưới 03 tháng",
            "Khảo sát, dự báo nhu cầu học nghề",
            "Giám sát, đánh giá",
            "Tuyên truyền, tư vấn học nghề",
        ],
        "items": [
            "Lớp {trade} cho lao động xã {place}",
            "Lớp kỹ thuật {trade} cho đồng bào dân tộc thiểu số huyện {place}",
            "Khảo sát nhu cầu học nghề tại {n} xã",
            "Kiểm tra, giám sát lớp học nghề tại huyện {place}",
            "Biên soạn tài liệu tuyên truyền về học nghề, việc làm",
            "Hội nghị tư vấn học nghề, việc làm cho thanh niên {place}",
        ],
    },
    "hỗ trợ phát triển kinh tế tập thể": {
        "groups": ["Củng cố tổ chức", "Hỗ trợ hoạt động sản xuất kinh doanh"],
        "sections": [
            "Thành lập mới hợp tác xã",
            "Bồi dưỡng nguồn nhân lực",
            "Hỗ trợ xây dựng kết cấu hạ tầng",
            "Hỗ trợ chế biến sản phẩm",
            "Xúc tiến thương mại",
        ],
        "items": [
            "Tư vấn thành lập mới hợp tác xã {product} tại {place}",
            "Bồi dưỡng cán bộ quản lý {org} năm {year}",
            "Nhà sơ chế, kho lạnh của {org} {place}",
            "Máy sấy, máy đóng gói {product} của {org} {place}",
            "Đưa cán bộ trẻ về làm việc tại {org} {place}",
            "Tham gia hội chợ {fair}",
        ],
    },
    "phát triển lâm nghiệp bền vững": {
        "groups": ["Bảo vệ và phát triển rừng", "Nâng cao giá trị rừng trồng"],
        "sections": [
            "Khoán bảo vệ rừng",
            "Trồng rừng sản xuất",
            "Phòng cháy, chữa cháy rừng",
            "Cấp chứng chỉ quản lý rừng bền vững",
        ],
        "items": [
            "Khoán bảo vệ rừng phòng hộ tại xã {place}",
            "Trồng rừng gỗ lớn cây {tree} tại huyện {place}",
            "Mua sắm dụng cụ phòng cháy chữa cháy rừng cho tổ đội {place}",
            "Diễn tập phòng cháy chữa cháy rừng cấp huyện",
            "Đánh giá cấp chứng chỉ FSC cho {org} {place}",
            "Cải tạo vườn ươm giống cây {tree}",
        ],
    },
}

PRODUCTS = ["mật ong", "miến dong", "trà hoa vàng", "gạo thơm", "tỏi", "măng khô", "cá khô", "rượu cần", "bột sắn"]
ORGS = ["Hợp tác xã", "Tổ hợp tác", "Công ty TNHH MTV", "Hộ kinh doanh"]
TRADES = ["may công nghiệp", "sửa chữa máy nông nghiệp", "nuôi ong", "trồng nấm", "đan lát mây tre", "chế biến chè"]
TREES = ["keo lai", "quế", "sa mộc", "mỡ", "thông ba lá"]
FAIRS = [
    "Hội chợ Nông nghiệp quốc tế",
    "Tuần lễ nông sản an toàn tại Thành phố Hồ Chí Minh",
    "Phiên chợ sản phẩm OCOP vùng Trung du",
]
UNITS_OF_WORK = [
    "Chi cục Phát triển nông thôn",
    "Trung tâm Dịch vụ nông nghiệp huyện {place}",
    "UBND huyện {place}",
    "Liên minh Hợp tác xã tỉnh",
    "Trường Cao đẳng Cộng đồng",
    "Hạt Kiểm lâm {place}",
    "{org} {place}",
]
SCALES = [
    "{n} lớp, {m} học viên",
    "{n} chủ thể",
    "{m} ha",
    "{n} sản phẩm",
    "{m} hộ tham gia",
    "{n} đợt",
]
NOTES = ["Chuyển tiếp", "Theo định mức", "Nhiệm vụ mới", "Đã thẩm định", "Lồng ghép"]

LEGAL_BASES = [
    "Luật Hợp tác xã ngày 22 tháng 6 năm 2023",
    "Luật Lâm nghiệp ngày 15 tháng 11 năm 2017",
    "Nghị định số 98/2018/NĐ-CP ngày 05 tháng 7 năm 2018 của Chính phủ về chính sách khuyến khích phát triển hợp tác, liên kết",
    "Quyết định số 919/QĐ-TTg ngày 01 tháng 7 năm 2022 của Thủ tướng Chính phủ phê duyệt Chương trình Mỗi xã một sản phẩm",
    "Thông tư số 53/2022/TT-BTC ngày 12 tháng 8 năm 2022 của Bộ Tài chính",
    "Nghị quyết số 08/2023/NQ-HĐND ngày 14 tháng 7 năm 2023 của Hội đồng nhân dân tỉnh",
    "Quyết định số 1719/QĐ-TTg ngày 14 tháng 10 năm 2021 của Thủ tướng Chính phủ",
    "Văn bản số 2150/STC-NS ngày 20 tháng 12 năm 2023 của Sở Tài chính",
]

# Header wordings per column role: (label, provenance). "real": seen printed in Vietnamese plans and
# budget tables; "invented": a plausible variant made up here. Whether each is in the synonym table
# is decided by ``in_vocabulary`` at build time, not assumed here.
LABELS: dict[str, list[tuple[str, str]]] = {
    "code": [("TT", "real"), ("STT", "real"), ("Số TT", "real"), ("Thứ tự", "invented"), ("Mã số", "invented")],
    "title": [
        ("Nội dung", "real"),
        ("Tên nhiệm vụ", "real"),
        ("Nội dung nhiệm vụ", "real"),
        ("Tên hoạt động", "real"),
        ("Nhiệm vụ, hoạt động", "invented"),
        ("Danh mục nhiệm vụ", "invented"),
        ("Nội dung thực hiện", "real"),
    ],
    "implementing_unit": [
        ("Đơn vị thực hiện", "real"),
        ("Cơ quan chủ trì", "real"),
        ("Cơ quan, đơn vị thực hiện", "real"),
        ("Đơn vị triển khai", "invented"),
        ("Đơn vị được giao", "invented"),
    ],
    "objective": [
        ("Quy mô", "real"),
        ("Mục tiêu", "real"),
        ("Quy mô, số lượng", "real"),
        ("Khối lượng", "invented"),
        ("Chỉ tiêu cần đạt", "invented"),
    ],
    "notes": [("Ghi chú", "real"), ("Chú thích", "invented")],
    "time": [("Thời gian thực hiện", "real"), ("Tiến độ thực hiện", "real"), ("Thời hạn", "invented")],
    "start_month": [("Bắt đầu", "real"), ("Từ tháng", "real"), ("Khởi động", "invented")],
    "end_month": [("Kết thúc", "real"), ("Hoàn thành", "real"), ("Tháng hoàn thành", "invented")],
    "total_vnd": [
        ("Tổng kinh phí", "real"),
        ("Tổng số", "real"),
        ("Tổng dự toán", "real"),
        ("Tổng nhu cầu kinh phí", "real"),
        ("Dự toán kinh phí", "real"),
        ("Tổng mức hỗ trợ", "invented"),
        ("Cộng", "real"),
    ],
    "provincial_budget_vnd": [
        ("Ngân sách tỉnh", "real"),
        ("NS tỉnh", "real"),
        ("Ngân sách cấp tỉnh", "real"),
        ("NSĐP", "real"),
        ("Vốn sự nghiệp", "real"),
        ("Nhà nước hỗ trợ", "invented"),
        ("Kinh phí tỉnh cấp", "invented"),
    ],
    "beneficiary_vnd": [
        ("Vốn đối ứng", "real"),
        ("Đối ứng", "real"),
        ("Vốn tự có", "real"),
        ("Người hưởng lợi đóng góp", "invented"),
        ("Doanh nghiệp, HTX đối ứng", "invented"),
    ],
    "other_vnd": [
        ("Nguồn khác", "real"),
        ("Nguồn xã hội hóa", "real"),
        ("Vốn huy động hợp pháp khác", "real"),
        ("Tài trợ", "invented"),
    ],
    "split": [("Trong đó", "real"), ("Chia ra", "real"), ("Nguồn vốn", "real"), ("Phân theo nguồn", "invented")],
    # a parent over the total AND its sources ("Kinh phí thực hiện" spanning Tổng số | NS tỉnh | …)
    "money": [("Kinh phí thực hiện", "real"), ("Nhu cầu kinh phí", "real"), ("Kinh phí", "real")],
}

# A second pool ("fresh"), written after the code learnt to read wordings by their meaning and after
# some out-of-vocabulary wordings above had reached the tests: written without looking at the synonym
# table, the code that reads headers by meaning, or the tests, and different (once accents and case
# are folded) from every wording above. "real": a plain wording of the kind officials print, from
# memory of real plans (not checked against a stored document); "invented": a less common variant.
# Their vocabulary status is decided by ``in_vocabulary`` at build time like the first pool's.
FRESH_LABELS: dict[str, list[tuple[str, str]]] = {
    "code": [("Số thứ tự", "real"), ("Mục", "invented"), ("Số hiệu", "invented"), ("Ký hiệu", "invented")],
    "title": [
        ("Nội dung công việc", "real"),
        ("Nội dung hoạt động", "real"),
        ("Tên dự án, nhiệm vụ", "real"),
        ("Chỉ tiêu", "real"),
        ("Hạng mục", "invented"),
    ],
    "implementing_unit": [
        ("Đơn vị chủ trì", "real"),
        ("Cơ quan thực hiện", "real"),
        ("Đơn vị chủ trì thực hiện", "real"),
        ("Cơ quan, đơn vị chủ trì", "invented"),
        ("Đơn vị phụ trách", "invented"),
    ],
    "objective": [
        ("Kết quả dự kiến", "real"),
        ("Sản phẩm đầu ra", "real"),
        ("Mục tiêu, quy mô", "invented"),
        ("Quy mô thực hiện", "invented"),
        ("Chỉ tiêu, khối lượng", "invented"),
    ],
    "notes": [
        ("Lưu ý", "invented"),
        ("Ghi chú, đề xuất", "invented"),
        ("Thuyết minh", "real"),
        ("Ghi chú thêm", "invented"),
    ],
    "time": [
        ("Thời gian", "real"),
        ("Thời gian triển khai", "real"),
        ("Tiến độ", "real"),
        ("Thời gian dự kiến", "invented"),
    ],
    "start_month": [
        ("Tháng bắt đầu", "real"),
        ("Thời điểm bắt đầu", "invented"),
        ("Từ", "real"),
        ("Khởi công", "invented"),
    ],
    "end_month": [
        ("Tháng kết thúc", "real"),
        ("Đến tháng", "real"),
        ("Đến", "real"),
        ("Thời điểm hoàn thành", "invented"),
    ],
    "total_vnd": [
        ("Tổng vốn", "real"),
        ("Tổng kinh phí dự kiến", "real"),
        ("Tổng nhu cầu vốn", "real"),
        ("Dự toán giao", "real"),
        ("Kinh phí đề xuất", "invented"),
    ],
    "provincial_budget_vnd": [
        ("Ngân sách nhà nước", "real"),
        ("Ngân sách địa phương", "real"),
        ("Vốn ngân sách tỉnh", "real"),
        ("NSNN hỗ trợ", "invented"),
        ("Sự nghiệp kinh tế", "invented"),
    ],
    "beneficiary_vnd": [
        ("Nhân dân đóng góp", "real"),
        ("Vốn đối ứng của chủ thể", "real"),
        ("Vốn góp của người dân", "invented"),
        ("Đóng góp của đối tượng hưởng lợi", "invented"),
        ("Đơn vị thụ hưởng", "invented"),
    ],
    "other_vnd": [
        ("Nguồn vốn khác", "real"),
        ("Xã hội hóa", "real"),
        ("Các nguồn khác", "real"),
        ("Vốn lồng ghép", "invented"),
        ("Huy động hợp pháp khác", "invented"),
    ],
    "split": [
        ("Bao gồm", "real"),
        ("Nguồn kinh phí", "real"),
        ("Cơ cấu nguồn vốn", "invented"),
        ("Chi tiết theo nguồn", "invented"),
        ("Gồm có", "invented"),
    ],
    "money": [
        ("Dự toán", "real"),
        ("Kinh phí dự kiến", "real"),
        ("Vốn thực hiện", "invented"),
        ("Kinh phí năm kế hoạch", "invented"),
    ],
}

# build option --wordings: which pool the header labels are drawn from
POOLS: dict[str, dict[str, list[tuple[str, str]]]] = {"original": LABELS, "fresh": FRESH_LABELS}

_UNIT_SUFFIX = re.compile(r"\s*\((?:đồng|nghìn đồng|triệu đồng|tháng)\)\s*$")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[*:]", " ", plain).split())


def in_vocabulary(label: str, synonyms: dict[str, tuple[str, ...]]) -> bool:
    """Whether the label (without a unit in brackets) is printed as one of the synonym table's
    entries, letter for letter once accents and case are folded. A fuzzy match the code may still
    make does not count: out-of-vocabulary means the code was never given this wording."""
    core = _fold(_UNIT_SUFFIX.sub("", label))
    return any(core == _fold(s) for values in synonyms.values() for s in values)


# Narrative sentence shapes for the funding paragraph ({total} etc. are formatted figures with unit)
FUNDING_SHAPES = [
    "Tổng kinh phí thực hiện Kế hoạch là {total}, trong đó: {parts}.",
    "Tổng nhu cầu kinh phí: {total}. Nguồn kinh phí gồm: {parts}.",
    "Dự toán kinh phí thực hiện năm {year} là {total} ({parts}).",
]
SOURCE_PHRASES = {
    "provincial_budget_vnd": ["ngân sách tỉnh {v}", "ngân sách cấp tỉnh bố trí {v}", "nguồn sự nghiệp kinh tế {v}"],
    "beneficiary_vnd": ["vốn đối ứng của các chủ thể {v}", "các đơn vị thụ hưởng đóng góp {v}"],
    "other_vnd": ["nguồn xã hội hóa và huy động hợp pháp khác {v}", "các nguồn khác {v}"],
}
PURPOSE_LINES = [
    "Cụ thể hóa các nhiệm vụ, giải pháp của {prog} trên địa bàn tỉnh năm {year}.",
    "Huy động sự tham gia của các cấp, các ngành, doanh nghiệp và người dân trong việc thực hiện {prog}.",
    "Bảo đảm sử dụng kinh phí đúng mục đích, công khai, minh bạch, tiết kiệm và hiệu quả.",
    "Phân công rõ trách nhiệm của từng cơ quan, đơn vị; định kỳ sơ kết, rút kinh nghiệm.",
]
TASK_LINES = [
    "Triển khai {n} nhiệm vụ trọng tâm theo danh mục tại Phụ lục kèm theo.",
    "Ưu tiên hỗ trợ các xã đặc biệt khó khăn, vùng đồng bào dân tộc thiểu số.",
    "Lồng ghép với các chương trình mục tiêu quốc gia đang triển khai trên địa bàn.",
]
