"""Header wordings for the column roles, and tables built with them, to test the header reading on
wordings the synonym table (``vnplan/schemas/roles.py``) does not list.

Two sets, kept apart:

- ``tuning_variants()``: wordings composed from heads and modifiers seen in real plans ("Kinh phí"
  + "từ ngân sách tỉnh", "Phần đóng góp" + "của doanh nghiệp, HTX"); the header reading was
  developed against these.
- ``HELD_OUT``: wordings written by hand in one sitting, before the header reading was tuned, and
  never used to change it; tests report on them separately (``test_header_meaning.py``).

``plan_table`` lays a khuyến công-like plan out as an OCR text export (tab-separated) with chosen
wordings, and returns its truth: the v1 amounts of every row in đồng.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

# role -> heads and modifiers; a wording is a head, or a head and one modifier
_PARTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "code": (("TT", "STT", "Số TT", "Thứ tự", "Số thứ tự", "Stt"), ("",)),
    "title": (
        ("Nội dung", "Tên đề án", "Tên nhiệm vụ", "Danh mục", "Hạng mục", "Tên hoạt động", "Nội dung công việc",
         "Tên chương trình", "Diễn giải"),
        ("", " thực hiện", " khuyến công", ", nhiệm vụ", " đề án"),
    ),
    "implementing_unit": (
        ("Đơn vị", "Cơ quan", "Đơn vị, cơ quan"),
        (" thực hiện", " chủ trì", " chủ trì thực hiện", " triển khai", " chủ trì triển khai", " tổ chức thực hiện"),
    ),
    "total": (
        ("Tổng kinh phí", "Tổng số", "Tổng cộng", "Tổng", "Tổng KP", "Kinh phí", "Tổng nhu cầu kinh phí",
         "Tổng vốn", "Kinh phí thực hiện", "Tổng dự toán"),
        ("", " thực hiện", " dự kiến", " đề án"),
    ),
    "provincial_budget": (
        ("Kinh phí", "Ngân sách", "Vốn", "KP", "Nguồn"),
        (" từ ngân sách tỉnh", " tỉnh", " cấp tỉnh", " ngân sách tỉnh hỗ trợ", " ngân sách địa phương",
         " khuyến công địa phương", " NS tỉnh"),
    ),
    "beneficiary": (
        ("Phần đóng góp", "Kinh phí đối ứng", "Vốn đối ứng", "Đóng góp", "Kinh phí đóng góp", "Vốn"),
        (" của doanh nghiệp", " của doanh nghiệp, HTX", " của cơ sở", " của đơn vị thụ hưởng",
         " của người dân", " của hộ dân", " doanh nghiệp, hợp tác xã"),
    ),
    "other": (("Nguồn khác", "Nguồn vốn khác", "Vốn khác", "Khác", "Huy động khác"), ("", " (nếu có)")),
    "central_budget": (("Ngân sách", "Kinh phí", "Vốn", "NS"), (" trung ương", " Trung ương hỗ trợ", " TW")),
    "district_budget": (("Ngân sách", "Vốn", "NS"), (" huyện", " cấp huyện", " huyện đối ứng")),
    "commune_budget": (("Ngân sách", "Vốn", "NS"), (" xã", " cấp xã")),
    "socialized": (("Vốn", "Nguồn", "Kinh phí"), (" xã hội hóa", " huy động", " huy động xã hội hóa")),
    "loan": (("Vốn", "Nguồn vốn"), (" vay", " vay tín dụng", " tín dụng ưu đãi")),
    "count": (("Số hộ", "Số người", "Số doanh nghiệp", "Số lượt", "Số lớp", "Số cơ sở"), ("", " tham gia", " hưởng lợi")),
    "notes": (("Ghi chú", "Căn cứ", "Cơ sở pháp lý"), ("",)),
}  # fmt: skip


def tuning_variants() -> dict[str, list[str]]:
    """Every head + modifier wording per role (heads alone where a head is a whole wording)."""
    out: dict[str, list[str]] = {}
    for role, (heads, modifiers) in _PARTS.items():
        wordings = [f"{head}{modifier}" for head, modifier in itertools.product(heads, modifiers)]
        out[role] = list(dict.fromkeys(w for w in wordings if _sensible(role, w)))
    return out


def _sensible(role: str, wording: str) -> bool:
    # "Vốn" alone is no beneficiary, "Kinh phí trung ương" fine; drop heads that need their modifier
    return not (role in ("beneficiary", "provincial_budget") and wording in ("Vốn", "Kinh phí", "Nguồn"))


# Written by hand before tuning; never used to change the header reading.
HELD_OUT: dict[str, list[str]] = {
    "code": ["S.T.T", "Số T.T", "TT.", "Stt."],
    "title": ["Tên nội dung", "Nội dung đề án", "Tên đề án/nhiệm vụ", "Danh mục đề án khuyến công",
              "Nhiệm vụ, đề án", "Hạng mục công việc", "Tên chương trình, đề án", "Nội dung chi tiết", "Tên mô hình"],
    "implementing_unit": ["Đơn vị tổ chức thực hiện", "Cơ quan, đơn vị thực hiện", "Đơn vị triển khai",
                          "Cơ quan chủ trì thực hiện", "Đơn vị phụ trách", "Chủ trì thực hiện"],
    "objective": ["Mục tiêu cụ thể", "Mục tiêu, quy mô đề án", "Quy mô, nội dung", "Mục tiêu đề án"],
    "expected_result": ["Kết quả dự kiến đạt được", "Sản phẩm đầu ra", "Kết quả, sản phẩm", "Hiệu quả dự kiến",
                        "Dự kiến sản phẩm"],
    "start_month": ["Thời gian bắt đầu", "Tháng bắt đầu thực hiện"],
    "end_month": ["Thời gian kết thúc", "Tháng hoàn thành"],
    "total": ["Tổng kinh phí dự kiến", "Tổng nhu cầu vốn", "Tổng cộng kinh phí", "Tổng số kinh phí", "Dự kiến kinh phí",
              "Tổng kinh phí đề án", "TỔNG SỐ", "Kinh phí (tổng số)", "Tổng giá trị"],
    "provincial_budget": ["Kinh phí khuyến công của tỉnh", "Ngân sách tỉnh hỗ trợ", "NS cấp tỉnh",
                          "Nguồn ngân sách địa phương", "KP ngân sách tỉnh", "Kinh phí sự nghiệp của tỉnh",
                          "Ngân sách nhà nước hỗ trợ", "Vốn ngân sách tỉnh", "KPKC địa phương", "Nhà nước hỗ trợ"],
    "beneficiary": ["Kinh phí đối ứng của doanh nghiệp", "Cơ sở CNNT đóng góp", "Vốn của doanh nghiệp, HTX",
                    "Người hưởng lợi đóng góp", "Nhân dân đóng góp", "Phần đối ứng của cơ sở",
                    "Đơn vị hưởng lợi đối ứng", "Vốn tự có của doanh nghiệp", "Kinh phí của đơn vị thụ hưởng",
                    "Doanh nghiệp tự chi trả"],
    "other": ["Các nguồn khác", "Nguồn vốn hợp pháp khác", "Nguồn huy động khác", "Vốn khác (nếu có)"],
    "central_budget": ["Vốn NS trung ương hỗ trợ", "KP khuyến công quốc gia", "Nguồn TW", "NSTW hỗ trợ"],
    "district_budget": ["NS huyện đối ứng", "Vốn ngân sách huyện", "Ngân sách quận, huyện"],
    "commune_budget": ["Vốn ngân sách xã", "NS cấp xã"],
    "socialized": ["Vốn huy động xã hội hóa", "Huy động các tổ chức, cá nhân", "Nguồn xã hội hóa"],
    "loan": ["Vốn vay ngân hàng", "Vay vốn tín dụng"],
    "integrated": ["Lồng ghép các chương trình", "Vốn lồng ghép từ chương trình khác"],
    "count": ["Số học viên", "Số lượt doanh nghiệp", "Số cơ sở tham gia", "Số hộ hưởng lợi"],
    "percent": ["Tỷ lệ hỗ trợ (%)", "Tỷ lệ (%)"],
    "notes": ["Căn cứ thực hiện", "Cơ sở pháp lý, ghi chú", "Ghi chú khác"],
}  # fmt: skip


@dataclass(frozen=True)
class PlanTable:
    text: str  # the OCR text export
    truth: dict[str, dict[str, int]]  # row code -> v1 amount field -> đồng
    titles: dict[str, str]  # row code -> title


_TITLES = ["Hỗ trợ ứng dụng máy móc thiết bị", "Đào tạo nghề cho lao động nông thôn", "Tổ chức hội chợ triển lãm",
           "Xây dựng mô hình trình diễn kỹ thuật", "Hỗ trợ tư vấn thiết kế mẫu mã", "Bình chọn sản phẩm tiêu biểu"]  # fmt: skip
_UNITS = ["Trung tâm Khuyến công", "Sở Công Thương", "Phòng Kinh tế huyện"]


def plan_table(labels: dict[str, str], rng: random.Random, *, with_other: bool = True) -> PlanTable:
    """A plan whose header prints ``labels`` (role -> wording; code, title, implementing_unit,
    total, provincial_budget, beneficiary and, ``with_other``, other), two-row ("Trong đó" over the
    sources), in nghìn đồng; two sections of two or three items, sums exact."""
    sources = ["provincial_budget", "beneficiary"] + (["other"] if with_other else [])
    fields = {"total": "total_vnd", "provincial_budget": "provincial_budget_vnd", "beneficiary": "beneficiary_vnd",
              "other": "other_vnd"}  # fmt: skip
    top = [labels["code"], labels["title"], labels["implementing_unit"], labels["total"], "Trong đó"]
    top += [""] * (len(sources) - 1) + [labels.get("notes", "Ghi chú")]
    lower = ["", "", "", ""] + [labels[s] for s in sources] + [""]
    lines = ["KẾ HOẠCH KHUYẾN CÔNG NĂM 2024", "ĐVT: nghìn đồng", "\t".join(top), "\t".join(lower)]
    truth: dict[str, dict[str, int]] = {}
    titles: dict[str, str] = {}
    body: list[list[str]] = []
    grand = dict.fromkeys(sources, 0)
    for section in (1, 2):
        items = []
        for item in range(1, rng.randint(2, 3) + 1):
            parts = {s: rng.randint(1, 90) * 1000 for s in sources}
            if with_other and rng.random() < 0.5:
                parts["other"] = 0
            items.append((f"{section}.{item}", rng.choice(_TITLES), parts))
        sums = {s: sum(parts[s] for _, _, parts in items) for s in sources}
        body.append(_row(str(section), f"Nhóm nội dung {section}", "", sums, sources))
        truth[str(section)] = _v1(sums, sources, fields)
        titles[str(section)] = f"Nhóm nội dung {section}"
        for code, title, parts in items:
            body.append(_row(code, title, rng.choice(_UNITS), parts, sources))
            truth[code] = _v1(parts, sources, fields)
            titles[code] = title
        for s in sources:
            grand[s] += sums[s]
    lines += ["\t".join(cells) for cells in body]
    lines.append("\t".join(_row("", "TỔNG CỘNG", "", grand, sources)))
    return PlanTable("\n".join(lines) + "\n", truth, titles)


def _row(code: str, title: str, unit: str, parts: dict[str, int], sources: list[str]) -> list[str]:
    total = sum(parts.values())
    return [code, title, unit, _vn(total)] + [_vn(parts[s]) for s in sources] + [""]


def _v1(parts: dict[str, int], sources: list[str], fields: dict[str, str]) -> dict[str, int]:
    out = {"total_vnd": sum(parts.values()) * 1000}
    out |= {fields[s]: parts[s] * 1000 for s in sources}
    return out


def _vn(value: int) -> str:
    return f"{value:,}".replace(",", ".")


# A second hand-written set, written after ``HELD_OUT`` had been measured once and three of its
# failures had been seen (so ``HELD_OUT`` is no longer blind), before the changes that followed;
# measured at the end only.
HELD_OUT_LATE: dict[str, list[str]] = {
    "code": ["T.T", "S.TT"],
    "title": ["Tên công việc", "Nội dung nhiệm vụ", "Các hoạt động", "Hoạt động khuyến công", "Tên đề án khuyến công",
              "Danh mục các đề án", "Nội dung chương trình"],
    "implementing_unit": ["Cơ quan thực hiện chính", "Đơn vị được giao thực hiện", "Đơn vị đầu mối", "Cơ quan quản lý",
                          "Đơn vị chủ trì, phối hợp"],
    "objective": ["Mục tiêu chính", "Quy mô thực hiện", "Mục tiêu và quy mô"],
    "expected_result": ["Kết quả cần đạt", "Sản phẩm dự kiến đạt được", "Kết quả mong đợi"],
    "start_month": ["Bắt đầu thực hiện"],
    "end_month": ["Kết thúc thực hiện", "Thời điểm hoàn thành"],
    "total": ["Tổng kinh phí thực hiện đề án", "Tổng vốn thực hiện", "Nhu cầu kinh phí", "Kinh phí đề nghị",
              "Tổng kinh phí năm 2024"],
    "provincial_budget": ["Ngân sách tỉnh cấp", "Kinh phí khuyến công tỉnh", "NS địa phương hỗ trợ",
                          "Nguồn ngân sách cấp tỉnh", "Ngân sách tỉnh bố trí", "Kinh phí nhà nước hỗ trợ"],
    "beneficiary": ["Đóng góp của đối tượng thụ hưởng", "Cơ sở tự đầu tư", "Vốn doanh nghiệp đối ứng",
                    "Kinh phí HTX đóng góp", "Hộ dân tự bỏ vốn", "Người tham gia đóng góp"],
    "other": ["Nguồn khác (huy động)", "Các nguồn vốn khác"],
    "central_budget": ["Ngân sách trung ương hỗ trợ có mục tiêu", "Vốn Trung ương", "KP Trung ương"],
    "district_budget": ["Ngân sách huyện hỗ trợ", "Vốn cấp huyện"],
    "commune_budget": ["Ngân sách xã, phường", "Vốn cấp xã"],
    "socialized": ["Huy động xã hội", "Vốn huy động từ cộng đồng", "Xã hội hoá"],
    "loan": ["Vốn vay ưu đãi", "Tín dụng"],
    "count": ["Số học viên tham gia", "Số hộ được hỗ trợ", "Số người hưởng lợi"],
    "notes": ["Ghi chú/Căn cứ", "Văn bản căn cứ"],
    "unit_price": ["Đơn giá hỗ trợ"],
    "quantity": ["Khối lượng"],
    "amount": ["Thành tiền hỗ trợ"],
}  # fmt: skip
