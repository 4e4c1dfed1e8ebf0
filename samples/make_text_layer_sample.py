"""Write samples/pdf/text-layer-fonts.pdf: one page whose words change font and size inside them.

    .venv/bin/python -m samples.make_text_layer_sample

What Vietnamese signing and publishing tools do to a text layer, drawn on purpose so that a test
can say exactly what the words must be (the real pages in samples/real/ show the same, unplanned):

1. accented letters drawn in a second font with other metrics (base letters DejaVu Sans, accented
   ones DejaVu Serif): ``Quyền lực nhà nước``;
2. small capitals: the first letter of each word at 14 pt, the rest at 10 pt, one baseline;
3. a superscript unit and a footnote mark: ``120 m²``, ``năm 2025⁷;``;
4. a TCVN3 font (named ``.VnTime``) drawing only the accented bytes of words whose plain letters
   come from a Unicode font: ``ho¹ch`` must decode per font run to ``hoạch``;
5. a document number left blank in the page (``Số:        /BC-UBND``) and written by a form field
   over the blank, as signing tools stamp it at signing time: ``Số: 329 /BC-UBND``.

Deterministic (reportlab ``invariant``): the committed file is what this script writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from samples.make_samples import FONT_DIRS

OUT = Path(__file__).resolve().parent / "pdf" / "text-layer-fonts.pdf"
ACCENTED = set("àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ")
ACCENTED |= {c.upper() for c in ACCENTED}


def register(name: str, filename: str) -> None:
    """Register a TTF under ``name``, also the name the PDF gives the font (its BaseFont)."""
    path = next((d / filename for d in FONT_DIRS if (d / filename).exists()), None)
    if path is None:
        sys.exit(f"make_text_layer_sample: {filename} not found — apt-get install fonts-dejavu-core")
    font = TTFont(name, str(path))
    font.face.name = name.encode("ascii")
    pdfmetrics.registerFont(font)


def draw_runs(c: canvas.Canvas, x: float, y: float, runs: list[tuple[str, str, float, float]]) -> None:
    """Draw (text, font, size, rise) runs one after another on one line."""
    for text, font, size, rise in runs:
        c.setFont(font, size)
        c.drawString(x, y + rise, text)
        x += pdfmetrics.stringWidth(text, font, size)


def second_font_for_accents(text: str, size: float) -> list[tuple[str, str, float, float]]:
    return [(ch, "DejaVuSerif" if ch in ACCENTED else "DejaVuSans", size, 0.0) for ch in text]


def small_caps(text: str) -> list[tuple[str, str, float, float]]:
    runs: list[tuple[str, str, float, float]] = []
    for word in text.split(" "):
        runs += [(word[0], "DejaVuSans", 14, 0.0), (word[1:] + " ", "DejaVuSans", 10, 0.0)]
    return runs


def main() -> int:
    register("DejaVuSans", "DejaVuSans.ttf")
    register("DejaVuSerif", "DejaVuSerif.ttf")
    register(".VnTime", "DejaVuSans.ttf")  # the bytes are TCVN3 look-alikes; the name says so
    c = canvas.Canvas(str(OUT), pagesize=A4, invariant=1)
    left, y = 25 * mm, A4[1] - 30 * mm
    draw_runs(c, left, y, second_font_for_accents("Quyền lực nhà nước thuộc về Nhân dân", 12))
    y -= 10 * mm
    draw_runs(c, left, y, small_caps("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
    y -= 10 * mm
    draw_runs(
        c,
        left,
        y,
        [
            ("Diện tích 120 m", "DejaVuSans", 12, 0.0),
            ("2", "DejaVuSans", 7, 4.5),
            (", hoàn thành năm 2025", "DejaVuSans", 12, 0.0),
            ("7", "DejaVuSans", 7, 4.5),
            ("; H", "DejaVuSans", 12, 0.0),
            ("2", "DejaVuSans", 7, -2.0),
            ("O sạch.", "DejaVuSans", 12, 0.0),
        ],
    )
    y -= 10 * mm
    draw_runs(
        c,
        left,
        y,
        [
            ("K", "DejaVuSans", 12, 0.0),
            ("Õ", ".VnTime", 12, 0.0),
            (" ho", "DejaVuSans", 12, 0.0),
            ("¹", ".VnTime", 12, 0.0),
            ("ch khuy", "DejaVuSans", 12, 0.0),
            ("Õ", ".VnTime", 12, 0.0),
            ("n c", "DejaVuSans", 12, 0.0),
            ("«", ".VnTime", 12, 0.0),
            ("ng n", "DejaVuSans", 12, 0.0),
            ("¨", ".VnTime", 12, 0.0),
            ("m 2020", "DejaVuSans", 12, 0.0),
        ],
    )
    y -= 10 * mm
    draw_runs(c, left, y, [("Số:         /BC-UBND", "DejaVuSans", 12, 0.0)])
    blank = left + pdfmetrics.stringWidth("Số: ", "DejaVuSans", 12)
    c.acroForm.textfield(
        name="so_van_ban", value="329", x=blank, y=y - 3, width=40, height=16, fontName="Helvetica", fontSize=12,
        borderWidth=0, fillColor=None, borderColor=None,
    )  # fmt: skip
    c.showPage()
    c.save()
    print(OUT.relative_to(Path.cwd()) if OUT.is_relative_to(Path.cwd()) else OUT, OUT.stat().st_size // 1024, "KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
