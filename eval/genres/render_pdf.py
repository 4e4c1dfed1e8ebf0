"""Born-digital PDFs (reportlab: a letter page, then the appendix table with its multi-row header
repeated on each page) and scanned copies of them (300 dpi, grey, slightly turned, mild noise, JPEG)."""

from __future__ import annotations

import io
import random
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .model import TEXT, Document
from .printing import header_grid, header_spans, row_cells
from .render_text import doc_kind, signature

FONTS = {
    "LiberationSerif": (
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf",
    ),
    "DejaVuSans": (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
}


def fonts_available() -> bool:
    return any(Path(r).exists() and Path(b).exists() for r, b in FONTS.values())


def register(family: str) -> tuple[str, str]:
    regular, bold = FONTS[family]
    if family not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(family, regular))
        pdfmetrics.registerFont(TTFont(family + "-Bold", bold))
    return family, family + "-Bold"


def to_pdf(doc: Document, path: Path, seed: int) -> None:
    rng = random.Random(seed)
    family = rng.choice([f for f, (r, _) in FONTS.items() if Path(r).exists()])
    font, bold = register(family)
    size = 8 if len(doc.columns) > 6 else 9
    body = ParagraphStyle("body", fontName=font, fontSize=11, leading=14)
    center = ParagraphStyle("center", parent=body, alignment=TA_CENTER)
    head = ParagraphStyle("head", parent=center, fontName=bold)
    cell = ParagraphStyle("cell", fontName=font, fontSize=size, leading=size + 2)
    cell_b = ParagraphStyle("cellb", parent=cell, fontName=bold)
    cell_c = ParagraphStyle("cellc", parent=cell_b, alignment=TA_CENTER)
    cell_r = ParagraphStyle("cellr", parent=cell, alignment=TA_RIGHT)

    story: list = [
        Table(
            [
                [Paragraph(doc.issuer_line, head), Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", head)],
                [Paragraph(f"Số: {doc.number}", center), Paragraph("Độc lập - Tự do - Hạnh phúc", head)],
            ],
            colWidths=[9 * cm, 12 * cm],
        ),
        Spacer(1, 0.4 * cm),
        Paragraph(
            f"<i>{doc.province}, ngày {5 + len(doc.stem) % 20} tháng {1 + len(doc.title) % 12} năm {doc.year}</i>",
            ParagraphStyle("r", parent=body, alignment=TA_RIGHT),
        ),
        Spacer(1, 0.4 * cm),
        Paragraph(doc_kind(doc), head),
        Paragraph(doc.title[len(doc_kind(doc)) + 1 :], head),
        Spacer(1, 0.4 * cm),
        *[Paragraph(p, body) for p in doc.narrative],
        Spacer(1, 0.6 * cm),
        *[Paragraph(s or "&nbsp;", ParagraphStyle("s", parent=head, leftIndent=14 * cm)) for s in signature(doc)],
        PageBreak(),
        Paragraph("PHỤ LỤC", head),
        Paragraph(doc.appendix_title, head),
        Paragraph(
            f"<i>(Kèm theo {doc_kind(doc).capitalize()} số {doc.number} của UBND tỉnh {doc.province})</i>", center
        ),
        Spacer(1, 0.2 * cm),
    ]
    if doc.unit_line:
        story.append(Paragraph(f"<i>{doc.unit_line}</i>", ParagraphStyle("u", parent=body, alignment=TA_RIGHT)))

    grid = header_grid(doc)
    depth = len(grid)
    lead = 3 if doc.unit_column_label else 2
    page_w = landscape(A4)[0] - 2 * cm
    title_w = 6.0 * cm if len(doc.columns) > 6 else 7.5 * cm
    widths = [1.0 * cm, title_w] + ([1.8 * cm] if doc.unit_column_label else [])
    rest = page_w - sum(widths)
    weights = [1.6 if c.kind == TEXT else 1.0 for c in doc.columns]
    widths += [rest * w / sum(weights) for w in weights]
    header = [[Paragraph(t, cell_c) if t else "" for t in r] for r in grid]
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("FONTSIZE", (0, 0), (-1, -1), size),
    ]
    style += [("SPAN", (c0, r0), (c1, r1)) for r0, c0, r1, c1 in header_spans(doc)]
    chunks: list[list[int]] = []
    start = 0
    for b in [*doc.breaks, len(doc.rows)]:
        chunks.append(list(range(start, b)))
        start = b
    for ci, idx in enumerate(chunks):
        data = list(header)
        for i in idx:
            row = doc.rows[i]
            strong = row.kind in ("group", "section", "total")
            cells = row_cells(doc, row)
            line = []
            for k, text in enumerate(cells):
                if k == 1 or (k >= lead and doc.columns[k - lead].kind == TEXT):
                    line.append(Paragraph(text, cell_b if strong else cell))
                elif k >= lead:
                    line.append(Paragraph(text, ParagraphStyle("n", parent=cell_r, fontName=bold if strong else font)))
                else:
                    line.append(Paragraph(text, cell_b if strong else cell))
            data.append(line)
        t = Table(data, colWidths=widths, repeatRows=depth)
        t.setStyle(TableStyle(style))
        story.append(t)
        if ci < len(chunks) - 1:
            story.append(PageBreak())
    pdf = SimpleDocTemplate(
        str(path),
        pagesize=landscape(A4),
        leftMargin=cm,
        rightMargin=cm,
        topMargin=1.2 * cm,
        bottomMargin=1.2 * cm,
        title=doc.appendix_title,
        author=doc.issuer_line,
    )
    pdf.build(story)


def degrade(img: Image.Image, rng: np.random.Generator) -> Image.Image:
    """A mild office scan: grey, turned a fraction of a degree, slightly soft, a little noise."""
    g = img.convert("L").rotate(
        float(rng.uniform(-0.6, 0.6)), resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255
    )
    g = g.filter(ImageFilter.GaussianBlur(0.5))
    a = np.asarray(g, dtype=np.float32) + rng.normal(0, 7, (g.height, g.width))
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def scan_pdf(src: Path, out: Path, seed: int, dpi: int = 300) -> None:
    rng = np.random.default_rng(seed)
    pages = []
    pdf = pdfium.PdfDocument(str(src))
    try:
        for i in range(len(pdf)):
            img = pdf[i].render(scale=dpi / 72).to_pil()
            buf = io.BytesIO()
            degrade(img, rng).save(buf, "JPEG", quality=82)
            pages.append(Image.open(io.BytesIO(buf.getvalue())))
    finally:
        pdf.close()
    pages[0].save(out, "PDF", resolution=float(dpi), save_all=True, append_images=pages[1:])
