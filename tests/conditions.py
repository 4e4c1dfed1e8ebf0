"""Page conditions of real scans, made from our own born-digital sample pages.

Each function takes a clean rendered page (RGB uint8, 300 dpi) and returns it as a scanner or a
phone would have delivered it. Deterministic for a seed. Used by the regression tests (on one
small page, made at test time) and by ``tests/measure_conditions.py`` (whole sample documents).

    sideways(page, 90)     the page stored turned 90/180/270° clockwise
    phone_photo(page)      perspective, on a desk, shading with a darker corner, phone JPEG
    stamped(page)          colour scan: tinted paper, red seal and blue signature over the table
    low_resolution(page)   150 dpi JPEG
"""

from __future__ import annotations

import io
import math

import cv2
import numpy as np
from PIL import Image

ROTATIONS = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}


def jpeg(rgb: np.ndarray, quality: int) -> np.ndarray:
    buffer = io.BytesIO()
    Image.fromarray(rgb).save(buffer, format="JPEG", quality=quality)
    return np.array(Image.open(io.BytesIO(buffer.getvalue())).convert("RGB"))


def sideways(page: np.ndarray, clockwise: int) -> np.ndarray:
    """The page as stored turned ``clockwise`` degrees (90, 180, 270)."""
    return cv2.rotate(page, ROTATIONS[clockwise])


def desk_texture(height: int, width: int, rng: np.random.Generator) -> np.ndarray:
    """A wooden-brown desk: low-frequency blotches and grain."""
    base = np.array([96, 72, 52], dtype=np.float32)  # RGB
    blotch = cv2.resize(rng.normal(0, 14, (12, 12)).astype(np.float32), (width, height), interpolation=cv2.INTER_CUBIC)
    grain = cv2.GaussianBlur(rng.normal(0, 10, (height, width)).astype(np.float32), (0, 0), sigmaX=9, sigmaY=1)
    return np.clip(base[None, None, :] + (blotch + grain)[..., None], 0, 255).astype(np.uint8)


def phone_photo(page: np.ndarray, seed: int = 0) -> np.ndarray:
    """The page photographed on a desk: tilted perspective, light falling off to one corner."""
    return phone_photo_with_corners(page, seed)[0]


def phone_photo_with_corners(page: np.ndarray, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``phone_photo`` and where the page's corners (top-left, top-right, bottom-right, bottom-left) went."""
    rng = np.random.default_rng(seed)
    h, w = page.shape[:2]
    margin = int(0.12 * max(h, w))
    out_h, out_w = h + 2 * margin, w + 2 * margin
    jitter = lambda: rng.uniform(-0.06, 0.06) * min(h, w)  # noqa: E731
    corners = np.array(
        [[margin + jitter(), margin + jitter()], [margin + w + jitter(), margin + jitter()],
         [margin + w + jitter(), margin + h + jitter()], [margin + jitter(), margin + h + jitter()]],
        dtype=np.float32,
    )  # fmt: skip
    source = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(source, corners)
    warped = cv2.warpPerspective(page, matrix, (out_w, out_h), flags=cv2.INTER_LINEAR, borderValue=(0, 0, 0))
    inside = cv2.warpPerspective(np.full((h, w), 255, np.uint8), matrix, (out_w, out_h)) > 128
    photo = desk_texture(out_h, out_w, rng)
    photo[inside] = warped[inside]
    # light: full at one corner, down to ~55 % at the opposite one, plus a soft vignette
    yy, xx = np.mgrid[0:out_h, 0:out_w].astype(np.float32)
    cx, cy = rng.choice([0, out_w]), rng.choice([0, out_h])
    distance = np.hypot(xx - cx, yy - cy) / math.hypot(out_w, out_h)
    light = 1.0 - 0.45 * distance**1.5
    photo = np.clip(photo.astype(np.float32) * light[..., None] + rng.normal(0, 4, photo.shape), 0, 255)
    photo = cv2.GaussianBlur(photo.astype(np.uint8), (0, 0), 0.9)
    return jpeg(photo, 80), corners


def red_seal(canvas: np.ndarray, centre: tuple[int, int], radius: int, rng: np.random.Generator) -> None:
    """A round red seal (two rings, a star, a ring of strokes for its lettering), drawn in place."""
    red = (205, 30, 40)
    cv2.circle(canvas, centre, radius, red, max(radius // 25, 3), cv2.LINE_AA)
    cv2.circle(canvas, centre, int(radius * 0.72), red, max(radius // 45, 2), cv2.LINE_AA)
    for k in range(36):  # the lettering between the rings
        a = 2 * math.pi * k / 36 + rng.uniform(-0.03, 0.03)
        r0, r1 = radius * 0.78, radius * 0.93
        p0 = (int(centre[0] + r0 * math.cos(a)), int(centre[1] + r0 * math.sin(a)))
        p1 = (int(centre[0] + r1 * math.cos(a + 0.05)), int(centre[1] + r1 * math.sin(a + 0.05)))
        cv2.line(canvas, p0, p1, red, max(radius // 60, 2), cv2.LINE_AA)
    star = [
        (
            int(centre[0] + (radius * 0.35 if k % 2 == 0 else radius * 0.14) * math.cos(math.pi * k / 5 - math.pi / 2)),
            int(centre[1] + (radius * 0.35 if k % 2 == 0 else radius * 0.14) * math.sin(math.pi * k / 5 - math.pi / 2)),
        )
        for k in range(10)
    ]
    cv2.fillPoly(canvas, [np.array(star, dtype=np.int32)], red, cv2.LINE_AA)


def blue_signature(canvas: np.ndarray, start: tuple[int, int], length: int, rng: np.random.Generator) -> None:
    """A looping blue pen signature, drawn in place."""
    blue = (30, 50, 170)
    t = np.linspace(0, 1, 400)
    x = start[0] + length * t
    y = start[1] + length * 0.12 * np.sin(2 * math.pi * (3 + rng.uniform(0, 1)) * t) * (1 - t / 2)
    x = x + length * 0.05 * np.cos(2 * math.pi * 7 * t)
    points = np.stack([x, y], axis=1).astype(np.int32)
    cv2.polylines(canvas, [points], False, blue, 4, cv2.LINE_AA)


def stamped(page: np.ndarray, seed: int = 0, *, seal: bool = True) -> np.ndarray:
    """A colour scan: faintly tinted paper; with ``seal``, a red seal over the table's right half and a
    blue signature across it (as a signed and sealed appendix page); JPEG at scanner quality."""
    rng = np.random.default_rng(seed)
    h, w = page.shape[:2]
    tint = np.array([250, 246, 236], dtype=np.float32) / 255  # warm paper
    out = page.astype(np.float32) * tint[None, None, :]
    out = np.clip(out + rng.normal(0, 3, out.shape), 0, 255).astype(np.uint8)
    if seal:
        # over the printed part of the page (the table), not over empty paper below it
        rows, cols = np.nonzero(page.min(axis=2) < 128)
        top, bottom, left, right = rows.min(), rows.max(), cols.min(), cols.max()
        at = lambda a, b, lo, hi: int(a + (b - a) * rng.uniform(lo, hi))  # noqa: E731
        ink = np.full_like(out, 255)
        radius = int(0.15 * min(h, w))
        red_seal(ink, (at(left, right, 0.55, 0.75), at(top, bottom, 0.45, 0.75)), radius, rng)
        blue_signature(ink, (at(left, right, 0.4, 0.55), at(top, bottom, 0.4, 0.8)), int(0.25 * w), rng)
        # ink over print: multiply, as a translucent stamp pad or pen would
        out = (out.astype(np.float32) * ink.astype(np.float32) / 255).astype(np.uint8)
    return jpeg(out, 85)


def low_resolution(page: np.ndarray, dpi: int = 150, quality: int = 75) -> np.ndarray:
    """The page (rendered at 300 dpi) as a ``dpi`` scan saved as JPEG."""
    h, w = page.shape[:2]
    factor = dpi / 300
    small = cv2.resize(page, (round(w * factor), round(h * factor)), interpolation=cv2.INTER_AREA)
    return jpeg(small, quality)
