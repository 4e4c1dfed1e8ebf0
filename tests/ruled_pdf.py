"""Born-digital PDFs of one ruled table, as the tests make them (reportlab, DejaVu Sans)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def ruled_table_pdf(
    path: Path,
    rows: Sequence[Sequence[str]],
    widths_mm: Sequence[float],
    *,
    before: Sequence[str] = (),
    spans: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
    font_size: float = 9,
    top_aligned: bool = False,
) -> None:
    """A landscape A4 page: the paragraphs ``before``, then a table of ``rows`` (header rows
    included) ruled on every side of every cell; ``spans``: (first, last) cells (column, row) merged."""
    pdfmetrics.registerFont(TTFont("DejaVuSans", FONT))
    style = ParagraphStyle("cell", fontName="DejaVuSans", fontSize=font_size, leading=font_size + 2)
    table = Table([[Paragraph(text, style) for text in row] for row in rows], colWidths=[w * mm for w in widths_mm])
    commands: list[tuple] = [("GRID", (0, 0), (-1, -1), 0.6, colors.black)]
    commands += [("SPAN", first, last) for first, last in spans]
    commands += [("VALIGN", (0, 0), (-1, -1), "TOP")] if top_aligned else []
    table.setStyle(TableStyle(commands))
    document = SimpleDocTemplate(str(path), pagesize=landscape(A4))
    document.build([*(Paragraph(text, style) for text in before), Spacer(1, 4 * mm), table])
