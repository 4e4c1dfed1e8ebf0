"""The roles a budget table's columns play, and the words tables print for them: one vocabulary.

Every stage reads this module: the header mapping (synonyms), the cell typing and the sum checks
(which roles are money, which make up the v1 identity), the review page (labels), ``validate``
and the writers (the v1 amount fields). It holds data only; matching a printed header against it
is ``vnplan.normalize.columns``'s business.

A role says what a column holds, not where it stands: ``total``, a funding source
(``provincial_budget``, ``central_budget`` …), ``quantity`` / ``unit_price`` / ``amount``, or a text
column (``title``, ``notes`` …). Where a column's header names a period or a stage of the budget
cycle ("Kế hoạch vốn năm 2021", "Lũy kế đến 31/12/2020", "Dự toán 2025"), that is read separately
(``STAGES``), since it combines with any role ("Dự toán 2025 / NS tỉnh").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# What a column's cells hold. "mixed": each row states its own unit in a unit-of-measure (ĐVT)
# column, so the same column holds money on one row and a percent or a count on the next.
ColumnKind = Literal["code", "text", "money", "quantity", "percent", "month", "period", "mixed"]


@dataclass(frozen=True)
class Role:
    name: str
    kind: ColumnKind | None  # None: a parent header over other columns ("Trong đó", "Thời gian")
    synonyms: tuple[str, ...]
    v1_field: str | None = None  # the schema_version 1 row field this role fills
    label: str = ""  # short English label for the review page


ROLES: tuple[Role, ...] = (
    Role("code", "code", ("TT", "STT", "Số TT", "Số thứ tự", "Mã số")),
    Role(
        "title",
        "text",
        (
            "Tên đề án",
            "Tên đề án, nhiệm vụ",
            "Nội dung",
            "Nội dung hoạt động",
            "Tên nhiệm vụ",
            "Tên chương trình",
            "Tên dự án",
            "Hạng mục",
            "Danh mục",
            "Nội dung công việc",
        ),
        v1_field="title",
    ),
    Role(
        "implementing_unit",
        "text",
        (
            "Đơn vị thực hiện",
            "Đơn vị chủ trì",
            "Cơ quan thực hiện",
            "Cơ quan chủ trì",
            "Đơn vị chủ trì thực hiện",
            "Đơn vị thực hiện đề án",
        ),
        v1_field="implementing_unit",
    ),
    Role(
        "objective",
        "text",
        (
            "Mục tiêu và nội dung chính",
            "Mục tiêu",
            "Nội dung chính",
            "Mục tiêu, nội dung",
            "Nội dung hỗ trợ",
            "Quy mô",
            "Mục tiêu, quy mô",
        ),
        v1_field="objective",
    ),
    Role(
        "expected_result",
        "text",
        (
            "Dự kiến kết quả đạt được",
            "Kết quả dự kiến",
            "Dự kiến kết quả",
            "Kết quả đạt được",
            "Sản phẩm dự kiến",
            "Chỉ tiêu",
        ),
        v1_field="expected_result",
    ),
    Role("time", None, ("Thời gian", "Thời gian thực hiện", "Tiến độ")),
    Role(
        "start_month",
        "month",
        ("Bắt đầu (tháng)", "Bắt đầu", "Từ tháng", "Tháng bắt đầu", "Khởi công", "Khởi động", "Tháng khởi công"),
        v1_field="start_month",
    ),
    Role(
        "end_month",
        "month",
        ("Kết thúc (tháng)", "Kết thúc", "Đến tháng", "Tháng kết thúc", "Hoàn thành"),
        v1_field="end_month",
    ),
    Role(
        "total",
        "money",
        (
            "Tổng KP thực hiện",
            "Tổng kinh phí",
            "Tổng kinh phí thực hiện",
            "Tổng cộng",
            "Tổng số",
            "Tổng",
            "Kinh phí",
            "Tổng KP",
            "Tổng dự toán",
        ),
        v1_field="total_vnd",
        label="Total",
    ),
    Role(
        "provincial_budget",
        "money",
        (
            "KPKC ĐP (nguồn KC tỉnh)",
            "Nguồn KC tỉnh",
            "Ngân sách tỉnh",
            "Ngân sách nhà nước",
            "Kinh phí khuyến công địa phương",
            "NS tỉnh",
            "NSNN",
            "Ngân sách",
            "Ngân sách địa phương",
            "Kinh phí khuyến công",
            "Nguồn ngân sách tỉnh",
            "Kinh phí hỗ trợ",
        ),
        v1_field="provincial_budget_vnd",
        label="Provincial budget",
    ),
    Role(
        "beneficiary",
        "money",
        (
            "KP đóng góp của đơn vị thụ hưởng",
            "Đơn vị thụ hưởng",
            "Vốn đối ứng",
            "Đối ứng",
            "Vốn đối ứng của đơn vị thụ hưởng",
            "Đóng góp của cơ sở",
            "Doanh nghiệp đóng góp",
            "Cơ sở đối ứng",
            "Vốn của đơn vị thụ hưởng",
        ),
        v1_field="beneficiary_vnd",
        label="Beneficiary",
    ),
    Role(
        "other",
        "money",
        ("Nguồn khác", "Nguồn vốn khác", "Khác", "Huy động khác", "Vốn khác"),
        v1_field="other_vnd",
        label="Other",
    ),
    Role(
        "central_budget",
        "money",
        ("Ngân sách trung ương", "NS trung ương", "NSTW", "NS TW", "Vốn NSTW", "Vốn ngân sách trung ương"),
        label="Central budget",
    ),
    Role("district_budget", "money", ("Ngân sách huyện", "NS huyện", "Ngân sách cấp huyện"), label="District budget"),
    Role("commune_budget", "money", ("Ngân sách xã", "NS xã", "Ngân sách cấp xã"), label="Commune budget"),
    Role("loan", "money", ("Vốn vay", "Vốn tín dụng", "Vay tín dụng"), label="Loans"),
    Role(
        "socialized",
        "money",
        ("Xã hội hóa", "Vốn xã hội hóa", "Huy động", "Vốn huy động", "Nguồn huy động"),
        label="Socialized / mobilized",
    ),
    Role("integrated", "money", ("Vốn lồng ghép", "Lồng ghép"), label="Integrated from other programmes"),
    Role("total_investment", "money", ("Tổng mức đầu tư", "TMĐT", "Tổng vốn đầu tư"), label="Total investment"),
    Role("quantity", "quantity", ("Số lượng", "Khối lượng", "SL"), label="Quantity"),
    Role("unit_price", "money", ("Đơn giá",), label="Unit price"),
    Role("amount", "money", ("Thành tiền", "Số tiền", "Giá trị"), label="Amount"),
    Role("percent", "percent", ("Tỷ lệ", "Tỷ lệ (%)", "So sánh", "So sánh (%)", "Tỷ lệ %"), label="Percent"),
    Role(
        "score",
        "quantity",
        ("Điểm", "Điểm tối đa", "Điểm chuẩn", "Điểm tự đánh giá", "Điểm tự chấm", "Điểm thẩm định", "Số điểm"),
        label="Score",
    ),
    Role(
        "count",
        "quantity",
        (
            "Số hộ",
            "Số người",
            "Số lượt",
            "Số doanh nghiệp",
            "Số DN",
            "Số cơ sở",
            "Số lớp",
            "Số học viên",
            "Số lao động",
            "Biên chế",
            "Số biên chế",
        ),
        label="Count",
    ),
    Role("unit_of_measure", "text", ("ĐVT", "Đơn vị tính")),
    Role("notes", "text", ("Ghi chú", "Căn cứ", "Cơ sở pháp lý", "Căn cứ pháp lý"), v1_field="notes"),
    Role("split", None, ("Trong đó", "Chia ra", "Nguồn vốn", "Cơ cấu nguồn vốn")),
)

# Stages of the budget cycle a money column's header may name, with the folded words that name
# them ("Kế hoạch vốn năm 2021", "Lũy kế vốn đã bố trí đến hết năm 2020", "Dự toán 2025"). Bare
# "thực hiện" is not one: "Tổng kinh phí thực hiện" means the money to carry the plan out.
STAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    # what is still to come of a plan or an estimate ("Số vốn còn lại chưa giao", "Kinh phí còn được
    # nhận"): the plan less what was given; first, since it also names the stage it is the rest of
    ("remaining", ("con lai", "chua giao", "chua bo tri", "chua phan bo", "con duoc nhan", "chua giai ngan")),
    ("accumulated", ("luy ke",)),
    ("in_month", ("trong thang",)),  # a monthly report's "Trong tháng" beside "Lũy kế từ đầu năm"
    ("estimated_actual", ("uoc thuc hien", "uoc th", "uoc tinh")),
    ("settlement", ("quyet toan",)),
    ("disbursed", ("giai ngan",)),
    ("actual", ("da thuc hien", "thuc hien nam", "thuc hien den", "ket qua thuc hien")),
    ("allocated", ("da bo tri", "duoc giao", "da giao", "phan bo")),
    ("estimate", ("du toan",)),
    ("plan", ("ke hoach",)),
    # a balance sheet's balances at the end and the start of the period (mẫu B01: "Số cuối năm")
    ("closing_balance", ("so cuoi nam", "so cuoi ky", "so du cuoi ky")),
    ("opening_balance", ("so dau nam", "so dau ky", "so du dau ky")),
)

# Key terms that give a header cell its meaning when its wording is in no synonym list ("Kinh phí
# từ ngân sách cấp tỉnh", "Phần đóng góp của doanh nghiệp, HTX", "Đơn vị chủ trì triển khai").
# ``vnplan.normalize.header_meaning`` combines them; a term matches whole words. Terms are folded
# (no diacritics), except where folding makes another word: "cộng" (sum) is not "công" (industry),
# "tỉnh" (province) not "tính" (computed), "xã" (commune) not "xa": those keep their marks.
TERMS: dict[str, tuple[str, ...]] = {
    "code": ("tt", "stt", "so tt", "thu tu", "so thu tu", "s tt", "ma hieu", "ky hieu"),
    "countable": ("hộ", "nguoi", "luot", "luot nguoi", "doanh nghiep", "dn", "co so", "lop", "hoc vien", "lao dong",
                  "don vi", "mo hinh", "thiet bi", "máy", "hoi cho", "gian hang", "san pham", "de an", "bien che",
                  "cong chuc", "vien chuc", "hoc sinh", "xã", "huyen", "thon", "cuoc", "buoi", "ngay"),
    "quantity": ("so luong", "khoi luong", "sl", "kl"),
    "percent": ("ty le", "ti le", "phan tram", "so sanh", "%"),
    "score": ("diem", "so diem"),
    "unit_price": ("don gia", "gia don vi", "muc gia"),
    "unit_of_measure": ("dvt", "don vi tinh", "don vi do", "dv tinh"),
    "split": ("trong do", "chia ra", "nguon von", "co cau nguon von", "bao gom", "phan theo nguon", "theo nguon",
              "chi tiet theo nguon", "nguon kinh phi", "co cau nguon kinh phi", "phan nguon", "gom"),
    "time": ("thoi gian", "thoi gian thuc hien", "tien do", "tien do thuc hien", "thoi han"),
    "start": ("bat dau", "tu thang", "thang bat dau"),
    "end": ("ket thuc", "den thang", "hoan thanh", "thang ket thuc"),
    # money
    "total_investment": ("tong muc dau tu", "tmdt", "tong von dau tu", "tong muc von"),
    "total": ("tong", "tong so", "tong cong", "cộng", "tổng"),
    "amount": ("thanh tien", "so tien", "gia tri"),
    "money": ("kinh phi", "kp", "von", "tiền", "ngan sach", "ns", "nsnn", "nstw", "nsdp", "du toan", "chi phi",
              "nhu cau", "gia tri", "nguon", "muc ho tro", "so tien"),
    "integrated": ("long ghep",),
    "loan": ("vay", "tin dung", "von vay"),
    "socialized": ("xhh", "huy dong", "tai tro"),  # "xã hội hóa" is read as one token, xhh
    "other": ("khac", "oda", "vien tro", "nuoc ngoai"),
    "central": ("trung uong", "tw", "nstw", "kcqg", "khuyen cong quoc gia", "quoc gia", "bo cong thuong"),
    "district": ("huyen", "cap huyen", "quận", "thị xã", "nshuyen"),
    "commune": ("xã", "cap xa", "phường", "thi tran", "nsxa"),
    "provincial": ("tỉnh", "cap tinh", "dia phuong", "dp", "nsdp", "kcdp", "khuyen cong dia phuong", "kpkc",
                   "nguon kc", "nstinh"),
    # the state's money with no level named: the provincial budget of a plan that names no other level
    # ("sự nghiệp": the recurrent funds of the state budget, "Vốn sự nghiệp", "Kinh phí sự nghiệp")
    "state_budget": ("ngan sach", "ns", "nsnn", "nha nuoc", "khuyen cong", "ho tro", "su nghiep"),
    "contribution": ("doi ung", "dong gop", "thu huong", "tu co", "tu bo", "tu chi tra", "tu dau tu", "tu lo",
                     "dan gop", "gop"),
    "contributor": ("doanh nghiep", "dn", "htx", "hop tac xa", "co so", "ho dan", "nguoi dan", "nhan dan", "dân",
                    "ho gia dinh", "hộ", "to chuc", "ca nhan", "chu co so", "cong dong", "thu huong", "don vi"),
    # text
    "implementer": ("don vi", "co quan", "to chuc", "bo phan", "phong", "sở", "dia phuong"),
    "implements": ("thuc hien", "chu tri", "trien khai", "quan ly", "phu trach", "dau moi", "de xuat", "dang ky"),
    "implementing_unit": ("chu dau tu", "chu tri", "don vi chu tri", "don vi thuc hien"),
    "notes": ("ghi chu", "can cu", "co so phap ly", "can cu phap ly", "van ban", "thuyet minh", "ghi chu khac"),
    "expected_result": ("ket qua", "san pham", "hieu qua", "dat duoc", "chi tieu"),
    "objective": ("muc tieu", "quy mo", "noi dung chinh", "noi dung ho tro", "yeu cau"),
    "title": ("noi dung", "ten", "hang muc", "danh muc", "nhiem vu", "de an", "du an", "chuong trinh", "hoat dong",
              "cong viec", "dien giai", "khoan muc", "linh vuc", "cong trinh", "mo hinh", "chi tieu"),
    # read by their place in the cell, not only by their presence:
    "count_head": ("so",),  # "Số" + something counted: "Số hộ", "Số doanh nghiệp tham gia"
    "counted_alone": ("nguoi", "luot", "luot nguoi"),  # a header that is only this counts it ("Người")
    "count_noun": ("bien che",),  # a noun that is itself a number of people: the staff posts of a unit
    "year": ("nam",),  # "Năm hoàn thành": a start / end column of years, not months
    # a national programme named with its level: "khuyến công quốc gia" is the centre's money even
    # where the cell also names a province it goes to
    "programme": ("khuyen cong",),
}  # fmt: skip

# Words of several syllables whose syllables would be read as key terms on their own: "hợp tác xã"
# is a cooperative, not a commune; "xã hội" is society. Each is read as one token (folded syllables
# -> the token, which TERMS may name).
COMPOUND_TERMS: dict[tuple[str, ...], str] = {
    ("hop", "tac", "xa"): "htx",
    ("xa", "hoi", "hoa"): "xhh",
    ("xa", "hoi"): "xahoi",
}

# Abbreviations written together in capitals ("KPKC", "NSĐP", "KPĐP"): each part, folded, and the
# words it stands for.
ABBREVIATION_PARTS: dict[str, str] = {
    "kp": "kinh phi", "kc": "khuyen cong", "ns": "ngan sach", "dp": "dia phuong", "tw": "trung uong",
    "nn": "nha nuoc", "qg": "quoc gia", "dn": "doanh nghiep", "htx": "htx", "xhh": "xhh",
}  # fmt: skip

ROLE_BY_NAME = {role.name: role for role in ROLES}
# Roles whose columns are parts of a total: the funding sources.
SOURCE_ROLES = frozenset(
    {"provincial_budget", "beneficiary", "other", "central_budget", "district_budget", "commune_budget", "loan",
     "socialized", "integrated"}
)  # fmt: skip
ROLE_BY_V1_FIELD = {role.v1_field: role for role in ROLES if role.v1_field}

# The four money fields of a schema_version 1 row, in the order of the khuyến công identity
# total = provincial + beneficiary + other.
V1_AMOUNT_FIELDS: tuple[str, ...] = tuple(
    role.v1_field for role in ROLES if role.kind == "money" and role.v1_field is not None
)
V1_TEXT_FIELDS: tuple[str, ...] = tuple(role.v1_field for role in ROLES if role.kind == "text" and role.v1_field)
V1_MONTH_FIELDS: tuple[str, ...] = tuple(role.v1_field for role in ROLES if role.kind == "month" and role.v1_field)
V1_TOTAL_FIELD: str = V1_AMOUNT_FIELDS[0]  # "total_vnd": the identity's left side comes first
V1_AMOUNT_LABELS = {role.v1_field: role.label for role in ROLES if role.kind == "money" and role.v1_field}
