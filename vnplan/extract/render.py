"""Page images for OCR: PDF pages via pypdfium2, image files via Pillow; always 8-bit grayscale.

One page at a time, so memory stays flat on long scans.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageSequence

MIN_DPI_FOR_OCR = 250  # below this Tesseract's error rate climbs; upscale (VIETNAMESE.md)


def pdf_page_to_gray(pdf: pdfium.PdfDocument, index: int, dpi: int) -> np.ndarray:
    page = pdf[index]
    try:
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        # the bitmap's own buffer (rows may be padded), copied once into a compact array
        return np.ascontiguousarray(bitmap.to_numpy().reshape(bitmap.height, bitmap.width))
    finally:
        page.close()


def image_file_to_grays(path: Path) -> Iterator[tuple[np.ndarray, float]]:
    """(grayscale frame, its dpi) for each frame of an image file (multi-page TIFF included)."""
    with Image.open(path) as im:
        for frame in ImageSequence.Iterator(im):
            dpi = float(frame.info.get("dpi", (300, 300))[0] or 300)
            yield np.array(frame.convert("L")), dpi


def upscale_for_ocr(gray: np.ndarray, dpi: float) -> tuple[np.ndarray, float]:
    """Low-resolution scans read far better after upscaling; returns (image, factor)."""
    if dpi >= MIN_DPI_FOR_OCR:
        return gray, 1.0
    factor = min(3.0, 300 / max(dpi, 50))
    h, w = gray.shape
    img = Image.fromarray(gray).resize((round(w * factor), round(h * factor)), Image.Resampling.LANCZOS)
    return np.array(img), factor
