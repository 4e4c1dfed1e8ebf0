"""OCR-style text export: tab-separated table lines, the header repeated on every page, a page number
between pages, and (on some documents) the last title of a page carried over to the next page on a
line with an empty STT cell, as OCR exports of real plans do."""

from __future__ import annotations

import random

from .model import Document
from .printing import header_grid, leaf_labels_flat, row_cells


def doc_kind(doc: Document) -> str:
    """'QUYẾT ĐỊNH', 'KẾ HOẠCH', … : the first two words of the title."""
    return " ".join(doc.title.split(" ")[:2]).upper()


def front_matter(doc: Document) -> list[str]:
    """The letter before the appendix: issuer, number, motto, date, title, narrative, signature."""
    return [
        doc.issuer_line,
        "-------",
        "",
        f"Số: {doc.number}",
        "",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "---------------",
        "",
        f"{doc.province}, ngày {5 + len(doc.stem) % 20} tháng {1 + len(doc.title) % 12} năm {doc.year}",
        "",
        doc_kind(doc),
        doc.title[len(doc_kind(doc)) + 1 :],
        "",
        *[p for para in doc.narrative for p in (para, "")],
        *signature(doc),
        "",
    ]


def signature(doc: Document) -> list[str]:
    return ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "(Đã ký)", "", doc.signer]


def header_lines(doc: Document, style: str, page: int) -> list[str]:
    if style == "two-rows":
        return ["\t".join(r) for r in header_grid(doc)]
    joiner = ": " if style == "colon" else " / "
    return ["\t".join(leaf_labels_flat(doc, joiner))]


def to_text(doc: Document, seed: int) -> str:
    rng = random.Random(seed)
    style = rng.choice(["colon", "slash", "two-rows"])
    carry = rng.random() < 0.5
    out = front_matter(doc)
    out += [
        doc.issuer_line,
        "",
        "PHỤ LỤC",
        doc.appendix_title,
        f"(Kèm theo {doc_kind(doc).capitalize()} số {doc.number} của UBND tỉnh {doc.province})",
        "",
    ]
    if doc.unit_line:
        out += [doc.unit_line, ""]
    out += header_lines(doc, style, 1)
    width = len(row_cells(doc, doc.rows[0]))
    page = 1
    pending: str | None = None
    for i, row in enumerate(doc.rows):
        if i in doc.breaks:
            page += 1
            out += ["", rng.choice([str(page), f"Trang {page}"]), ""]
            out += header_lines(doc, style, page)
            if pending:
                out.append("\t".join(["", pending] + [""] * (width - 2)))
                pending = None
        cells = row_cells(doc, row)
        nxt = i + 1
        if carry and nxt in doc.breaks and len(row.title) > 30 and row.kind == "item":
            words = row.title.split(" ")
            cut = max(2, len(words) // 2)
            cells[1] = " ".join(words[:cut])
            pending = " ".join(words[cut:])
            carry = False
        out.append("\t".join(cells))
    out.append("")
    return "\n".join(out) + "\n"
