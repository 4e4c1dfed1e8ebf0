"""The ways a held-out plan reaches vnplan: one function per condition, page images in, a PDF out.

Each condition turns the born-digital PDF's pages (rendered with pypdfium2) into what a scanner,
a phone or an office workflow would make of them, and says per page how the page was stored
(``stored_cw``: clockwise degrees the page content was turned when it was stored), so the run
can check the rotation vnplan records. All randomness comes from a numpy generator seeded per
(document, condition); Augraphy's own randomness is seeded through its ``random_seed``.
"""

from __future__ import annotations

import contextlib
import io
import math
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter, ImageFont

SEAL_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


@dataclass
class Page:
    """One rendered page of the born-digital PDF."""

    number: int  # 1-based
    landscape: bool
    has_table: bool


@dataclass
class Made:
    """What a condition made of one document: per page, how it was stored."""

    stored_cw: list[int]


def render(pdf: Path, dpi: int, colour: bool = False) -> list[Image.Image]:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [doc[i].render(scale=dpi / 72.0, grayscale=not colour).to_pil() for i in range(len(doc))]
    finally:
        doc.close()


def describe(pdf: Path) -> list[Page]:
    """Orientation and whether a page holds the budget table (the landscape appendix, or ruled lines)."""
    import pdfplumber

    pages: list[Page] = []
    with pdfplumber.open(str(pdf)) as doc:
        for i, page in enumerate(doc.pages):
            landscape = page.width > page.height  # the appendix section is the landscape one
            ruled = landscape or len(page.lines) + len(page.rects) >= 8
            pages.append(Page(i + 1, landscape, ruled))
    return pages


def save_pdf(images: list[Image.Image], out: Path, dpi: float, jpeg_quality: int | None) -> None:
    """Image-only PDF; pages kept as JPEG when a quality is given (as scanners and phones do)."""
    pages: list[Image.Image] = []
    for img in images:
        if jpeg_quality is not None:
            buf = io.BytesIO()
            img.save(buf, format="JPEG", quality=jpeg_quality)
            buf.seek(0)
            img = Image.open(buf)
            img.load()
        pages.append(img)
    pages[0].save(out, format="PDF", save_all=True, append_images=pages[1:], resolution=dpi)


# --------------------------------------------------------------------------- shared degradations


def paper_and_noise(img: Image.Image, rng: np.random.Generator, sigma: float, blur: float) -> Image.Image:
    """Grey paper tone, slight skew, blur and sensor noise on a grayscale page."""
    angle = float(rng.uniform(0.15, 0.9)) * (1 if rng.random() < 0.5 else -1)
    gray = img.convert("L").rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    if blur:
        gray = gray.filter(ImageFilter.GaussianBlur(radius=blur))
    arr = np.asarray(gray, dtype=np.float32)
    tone = float(rng.uniform(232, 248))
    arr = arr * (tone / 255.0) + rng.normal(0.0, sigma, arr.shape)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), mode="L")


def specks(img: Image.Image, rng: np.random.Generator, share: float) -> Image.Image:
    arr = np.asarray(img, dtype=np.uint8).copy()
    mask = rng.random(arr.shape) < share
    arr[mask] = rng.choice(np.array([0, 255], dtype=np.uint8), size=int(mask.sum()))
    return Image.fromarray(arr, mode="L")


# --------------------------------------------------------------------------- conditions


def scan300(pdf: Path, out: Path, rng: np.random.Generator, pages: list[Page]) -> Made:
    images = [paper_and_noise(img, rng, sigma=5.0, blur=0.5) for img in render(pdf, 300)]
    save_pdf(images, out, 300, jpeg_quality=int(rng.integers(82, 90)))
    return Made([0] * len(images))


def scan200_noise(pdf: Path, out: Path, rng: np.random.Generator, pages: list[Page]) -> Made:
    images = [specks(paper_and_noise(img, rng, sigma=14.0, blur=0.8), rng, 0.001) for img in render(pdf, 200)]
    save_pdf(images, out, 200, jpeg_quality=int(rng.integers(65, 75)))
    return Made([0] * len(images))


def jpeg150(pdf: Path, out: Path, rng: np.random.Generator, pages: list[Page]) -> Made:
    images = [paper_and_noise(img, rng, sigma=4.0, blur=0.0) for img in render(pdf, 150)]
    save_pdf(images, out, 150, jpeg_quality=int(rng.integers(50, 60)))
    return Made([0] * len(images))


def augraphy(pdf: Path, out: Path, rng: np.random.Generator, pages: list[Page]) -> Made:
    """A third party's idea of a scan: Augraphy's ink, paper and post phases (PyPI ``augraphy``)."""
    from augraphy import (
        AugraphyPipeline,
        Brightness,
        DirtyDrum,
        InkBleed,
        Jpeg,
        Letterpress,
        LowInkRandomLines,
        NoiseTexturize,
        SubtleNoise,
    )

    images: list[Image.Image] = []
    for img in render(pdf, 300):
        pipeline = AugraphyPipeline(
            ink_phase=[
                InkBleed(intensity_range=(0.2, 0.4), p=0.5),
                LowInkRandomLines(count_range=(3, 8), use_consistent_lines=False, p=0.5),
                Letterpress(p=0.3),
            ],
            paper_phase=[NoiseTexturize(sigma_range=(2, 6), turbulence_range=(2, 4), p=0.6)],
            post_phase=[
                DirtyDrum(line_width_range=(1, 3), p=0.3),
                SubtleNoise(subtle_range=8, p=0.7),
                Brightness(brightness_range=(0.9, 1.1), p=0.5),
                Jpeg(quality_range=(60, 85), p=0.8),
            ],
            random_seed=int(rng.integers(0, 2**31 - 1)),
        )
        # Augraphy keeps a cache of its inputs in ./augraphy_cache (read only by augmentations not
        # used here): keep it out of the working tree
        with tempfile.TemporaryDirectory(prefix="vnplan-heldout-augraphy-") as tmp, contextlib.chdir(tmp):
            result = pipeline(np.asarray(img.convert("L")))
        images.append(Image.fromarray(result).convert("L"))
    save_pdf(images, out, 300, jpeg_quality=85)
    return Made([0] * len(images))


def _stored_turned(turn_cw: Callable[[Page], int]):
    def make(pdf: Path, out: Path, rng: np.random.Generator, pages: list[Page]) -> Made:
        images, stored = [], []
        for img, page in zip(render(pdf, 300), pages, strict=True):
            cw = turn_cw(page)
            img = paper_and_noise(img, rng, sigma=5.0, blur=0.5)
            if cw:
                img = img.rotate(-cw, expand=True)  # PIL turns counter-clockwise for positive angles
            images.append(img)
            stored.append(cw)
        save_pdf(images, out, 300, jpeg_quality=85)
        return Made(stored)

    return make


# a landscape appendix scanned in portrait: stored turned a quarter either way
rot90 = _stored_turned(lambda page: 90 if page.landscape else 0)
rot270 = _stored_turned(lambda page: 270 if page.landscape else 0)


def rot180(pdf: Path, out: Path, rng: np.random.Generator, pages: list[Page]) -> Made:
    """One table page fed upside down; the others upright."""
    tables = [p.number for p in pages if p.has_table] or [pages[-1].number]
    upside_down = int(rng.choice(tables))
    return _stored_turned(lambda page: 180 if page.number == upside_down else 0)(pdf, out, rng, pages)


def photo(pdf: Path, out: Path, rng: np.random.Generator, pages: list[Page]) -> Made:
    """A phone photo: page on a desk, seen at an angle, shaded, colour, JPEG."""
    images = []
    for img in render(pdf, 220, colour=True):
        page = np.asarray(img.convert("RGB"), dtype=np.float32)
        h, w = page.shape[:2]
        margin = int(0.12 * max(h, w))
        canvas_h, canvas_w = h + 2 * margin, w + 2 * margin
        # a wooden-brown desk with grain
        desk = np.empty((canvas_h, canvas_w, 3), dtype=np.float32)
        base = np.array([rng.uniform(90, 140), rng.uniform(60, 95), rng.uniform(35, 60)], dtype=np.float32)
        grain = rng.normal(0, 12, (canvas_h, 1)).repeat(canvas_w, axis=1)
        desk[:] = base
        desk += grain[..., None] + rng.normal(0, 6, desk.shape)
        src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
        jitter = rng.uniform(-0.06, 0.06, (4, 2)) * min(h, w)
        corners = np.float32([[margin, margin], [margin + w, margin], [margin + w, margin + h], [margin, margin + h]])
        dst = np.float32(corners + jitter)
        matrix = cv2.getPerspectiveTransform(src, dst)
        warped = cv2.warpPerspective(page, matrix, (canvas_w, canvas_h), borderValue=(0, 0, 0))
        mask = cv2.warpPerspective(np.ones((h, w), np.float32), matrix, (canvas_w, canvas_h))
        scene = warped * mask[..., None] + desk * (1 - mask[..., None])
        # light from one side: a linear falloff plus a soft shadow blob
        yy, xx = np.mgrid[0:canvas_h, 0:canvas_w].astype(np.float32)
        angle = rng.uniform(0, 2 * math.pi)
        ramp = (xx * math.cos(angle) + yy * math.sin(angle)) / max(canvas_h, canvas_w)
        ramp = (ramp - ramp.min()) / (ramp.max() - ramp.min() + 1e-6)
        light = 1.0 - float(rng.uniform(0.25, 0.4)) * ramp
        scene *= light[..., None]
        scene *= np.array([1.0, rng.uniform(0.95, 1.0), rng.uniform(0.85, 0.95)], dtype=np.float32)  # warm cast
        scene += rng.normal(0, 4, scene.shape)
        shot = Image.fromarray(np.clip(scene, 0, 255).astype(np.uint8), mode="RGB")
        shot = shot.filter(ImageFilter.GaussianBlur(radius=0.7))
        images.append(shot)
    save_pdf(images, out, 220, jpeg_quality=int(rng.integers(78, 88)))
    return Made([0] * len(images))


def _seal(diameter: int, rng: np.random.Generator, text: str) -> Image.Image:
    """A round red seal: two rings, the body's name around them, a star in the middle (alpha = ink)."""
    size = diameter + 8
    ink = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(ink)
    c = size / 2
    r = diameter / 2
    draw.ellipse((c - r, c - r, c + r, c + r), outline=255, width=max(4, diameter // 45))
    draw.ellipse((c - r * 0.68, c - r * 0.68, c + r * 0.68, c + r * 0.68), outline=255, width=max(2, diameter // 90))
    font = ImageFont.truetype(SEAL_FONT, max(10, diameter // 12))
    step = 300.0 / max(1, len(text))
    for i, ch in enumerate(text):
        theta = math.radians(-240 + i * step)
        glyph = Image.new("L", (font.size * 2, font.size * 2), 0)
        ImageDraw.Draw(glyph).text((font.size // 2, font.size // 4), ch, fill=255, font=font)
        glyph = glyph.rotate(-math.degrees(theta) - 90, expand=False)
        x = c + r * 0.84 * math.cos(theta) - glyph.width / 2
        y = c + r * 0.84 * math.sin(theta) - glyph.height / 2
        ink.paste(255, (int(x), int(y)), glyph)
    star = [
        (c + r * (0.3 if k % 2 == 0 else 0.12) * math.cos(math.radians(-90 + k * 36)),
         c + r * (0.3 if k % 2 == 0 else 0.12) * math.sin(math.radians(-90 + k * 36)))
        for k in range(10)
    ]  # fmt: skip
    draw.polygon(star, fill=255)
    # uneven ink: a real stamp never prints solid
    arr = np.asarray(ink, dtype=np.float32) * rng.uniform(0.55, 1.0, (size, size))
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), mode="L")


def _signature(width: int, height: int, rng: np.random.Generator) -> Image.Image:
    """A handwritten-looking blue scribble (alpha = ink)."""
    ink = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(ink)
    x, y = width * 0.05, height * 0.6
    points = [(x, y)]
    for _ in range(int(rng.integers(14, 22))):
        x += float(rng.uniform(0.02, 0.09)) * width
        y = float(np.clip(y + rng.normal(0, 0.25) * height, 0.1 * height, 0.9 * height))
        points.append((min(x, width * 0.95), y))
    draw.line(points, fill=255, width=max(3, width // 120), joint="curve")
    draw.line([(width * 0.1, height * 0.75), (width * 0.9, height * 0.55)], fill=255, width=max(2, width // 160))
    return ink.filter(ImageFilter.GaussianBlur(radius=1.0))


def _overlay(page: Image.Image, ink: Image.Image, colour: tuple[int, int, int], at: tuple[int, int]) -> None:
    """Ink multiplied onto the page, as a stamp or a pen leaves it over print."""
    layer = Image.new("RGB", ink.size, colour)
    region = page.crop((at[0], at[1], at[0] + ink.width, at[1] + ink.height))
    inked = Image.composite(Image.fromarray(
        (np.asarray(region, np.float32) * np.asarray(layer, np.float32) / 255.0).astype(np.uint8)), region, ink)  # fmt: skip
    page.paste(inked, at)


def seal(pdf: Path, out: Path, rng: np.random.Generator, pages: list[Page]) -> Made:
    """Colour 300 dpi scan: a red seal and a blue signature over the table (and on the signature)."""
    images = []
    tables = [p.number for p in pages if p.has_table]
    for img, page in zip(render(pdf, 300, colour=True), pages, strict=True):
        rgb = paper_and_noise(img, rng, sigma=4.0, blur=0.4).convert("RGB")
        w, h = rgb.size
        stamped = page.number in tables[-2:] or page.number == max((p.number for p in pages if not p.has_table),
                                                                     default=0)  # fmt: skip
        if stamped:
            diameter = int(rng.uniform(0.13, 0.17) * min(w, h))
            seal_ink = _seal(diameter, rng, "ỦY BAN NHÂN DÂN TỈNH ★ ")
            sig = _signature(int(diameter * 1.6), int(diameter * 0.7), rng)
            # over the lower right of the table (amount columns) on table pages, on the signer otherwise
            x = int(rng.uniform(0.45, 0.7) * w)
            y = int(rng.uniform(0.35, 0.75) * h)
            _overlay(
                rgb, sig, (30, 60, 190), (min(x - diameter // 3, w - sig.width), min(y + diameter // 4, h - sig.height))
            )
            _overlay(rgb, seal_ink, (215, 30, 35), (min(x, w - seal_ink.width), min(y, h - seal_ink.height)))
        images.append(rgb)
    save_pdf(images, out, 300, jpeg_quality=88)
    return Made([0] * len(images))


def ocr_layer(pdf: Path, out: Path, rng: np.random.Generator, pages: list[Page]) -> Made:
    """A searchable scan as office scanners make it: the page image with an invisible text layer
    from an English OCR (Tesseract ``-l eng``, PDF output), so the layer has no Vietnamese diacritics."""
    images = [paper_and_noise(img, rng, sigma=5.0, blur=0.5) for img in render(pdf, 300)]
    with tempfile.TemporaryDirectory(prefix="vnplan-heldout-ocr-") as tmp:
        parts = []
        for i, img in enumerate(images):
            src = Path(tmp) / f"p{i:03d}.jpg"
            img.save(src, format="JPEG", quality=85, dpi=(300, 300))
            base = Path(tmp) / f"p{i:03d}"
            subprocess.run(
                ["tesseract", str(src), str(base), "-l", "eng", "--dpi", "300", "pdf"],
                check=True,
                capture_output=True,
                timeout=300,
            )
            parts.append(base.with_suffix(".pdf"))
        merged = pdfium.PdfDocument.new()
        for part in parts:
            src_doc = pdfium.PdfDocument(str(part))
            merged.import_pages(src_doc)
            src_doc.close()
        merged.save(str(out))
        merged.close()
    return Made([0] * len(images))


def digital(pdf: Path, out: Path, rng: np.random.Generator, pages: list[Page]) -> Made:
    shutil.copyfile(pdf, out)
    return Made([0] * len(pages))


CONDITIONS: dict[str, Callable[[Path, Path, np.random.Generator, list[Page]], Made]] = {
    "digital": digital,
    "scan300": scan300,
    "scan200_noise": scan200_noise,
    "augraphy": augraphy,
    "rot90": rot90,
    "rot270": rot270,
    "rot180": rot180,
    "photo": photo,
    "seal": seal,
    "jpeg150": jpeg150,
    "ocr_layer": ocr_layer,
}
