"""Phone photos of pages: the page found on the desk and its perspective undone; uneven light evened out.

Both steps start with a test that costs a few milliseconds on a shrunk copy, so that a scan (the
page fills the image, the paper is evenly lit) pays almost nothing:

* **page outline**: a scan's border is paper; a photo's border is desk, darker than the page. Only
  then is the page sought: the largest bright region, its outline reduced to four corners, and
  the quadrilateral warped to a rectangle of the page's own size.
* **paper level**: a page whose paper is grey or tinted all over is scaled to white paper.
* **illumination**: the paper's brightness is estimated with the print closed away; where it
  varies across the page by more than UNEVEN_LIGHT levels, the page is divided by it (background
  division), which makes the paper white again and keeps the print's contrast.
"""

from __future__ import annotations

import cv2
import numpy as np

from vnplan.extract.render import shrink as shrink_by

WORK_SIDE = 800  # px: the long side of the shrunk copy the tests run on
BORDER = 0.03  # share of each side taken as the image's border
DESK_CONTRAST = 40  # gray levels by which the border must be darker than the page's paper to look like desk
MIN_PAGE_AREA = 0.25  # share of the image the page must cover to be taken as the page
ALREADY_FLAT = 0.02  # corners closer than this share of the side to the image corners: nothing to undo
# Corner refinement on the full image: normals sampled per side, searched this far (px) either way
EDGE_SAMPLES = 40
EDGE_SEARCH = 60
EDGE_RISE = 3.0  # gray levels per pixel: a weaker rise is no page edge
LIGHT_SIDE = 200  # px: light varies slowly over a page; its tests run on a copy this small
UNEVEN_LIGHT = 40  # gray levels of paper brightness spread (5th to 95th percentile) worth evening out
# Paper darker than this (tinted, yellowed, a colour scan's grey) is brought to white. A warm-tinted
# colour scan (paper at 247) lost code and month cells ("3" read "0", "55,5" read "595,9)") that
# the same page on white paper kept: Tesseract's binarisation is that close to its margins.
WHITE_PAPER = 250


def shrink(gray: np.ndarray, side: int = WORK_SIDE) -> tuple[np.ndarray, float]:
    """The image shrunk so that its long side is at most ``side`` px, and the factor."""
    h, w = gray.shape[:2]
    factor = min(1.0, side / max(h, w))
    small = shrink_by(gray, factor)
    return small, small.shape[1] / w


def border_looks_like_desk(small: np.ndarray) -> bool:
    """Whether the image's border is clearly darker than the paper in its middle."""
    h, w = small.shape
    bh, bw = max(int(h * BORDER), 1), max(int(w * BORDER), 1)
    ring = np.concatenate([small[:bh].ravel(), small[-bh:].ravel(), small[:, :bw].ravel(), small[:, -bw:].ravel()])
    middle = small[h // 4 : 3 * h // 4, w // 4 : 3 * w // 4]
    paper = float(np.percentile(middle, 90))
    return paper - float(np.median(ring)) >= DESK_CONTRAST


def order_corners(points: np.ndarray) -> np.ndarray:
    """Four points as top-left, top-right, bottom-right, bottom-left."""
    points = points.reshape(4, 2).astype(np.float32)
    by_sum, by_diff = points.sum(axis=1), np.diff(points, axis=1).ravel()
    return np.array(
        [points[np.argmin(by_sum)], points[np.argmin(by_diff)], points[np.argmax(by_sum)], points[np.argmax(by_diff)]],
        dtype=np.float32,
    )


def page_corners(small: np.ndarray) -> np.ndarray | None:
    """The page's four corners in the shrunk image, or None when no page-like quadrilateral is found."""
    blurred = cv2.GaussianBlur(small, (0, 0), 5)  # print gone, paper and desk left
    _, bright = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    hull = cv2.convexHull(max(contours, key=cv2.contourArea))
    if cv2.contourArea(hull) < MIN_PAGE_AREA * small.size:
        return None
    perimeter = cv2.arcLength(hull, True)
    for share in (0.02, 0.03, 0.05, 0.08):
        quad = cv2.approxPolyDP(hull, share * perimeter, True)
        if len(quad) == 4:
            return order_corners(quad)
    return None


def edge_points(gray: np.ndarray, start: np.ndarray, end: np.ndarray, inward: np.ndarray) -> np.ndarray:
    """Points of the page's edge near the side start-end: along each of EDGE_SAMPLES normals, where
    the brightness rises most steeply from the desk outside to the paper inside."""
    t = np.linspace(0.1, 0.9, EDGE_SAMPLES)[:, None]
    base = start[None, :] * (1 - t) + end[None, :] * t  # (samples, 2)
    offsets = np.arange(-EDGE_SEARCH, EDGE_SEARCH + 1, dtype=np.float32)
    points = base[:, None, :] + offsets[None, :, None] * inward[None, None, :]  # (samples, offsets, 2)
    profile = cv2.remap(
        gray, points[..., 0].astype(np.float32), points[..., 1].astype(np.float32), cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_REPLICATE,
    ).astype(np.float32)  # fmt: skip
    rise = np.diff(profile, axis=1)  # going inward: desk -> paper is a rise
    best = np.argmax(rise, axis=1)
    strong = rise[np.arange(len(best)), best] >= EDGE_RISE
    return (base + (offsets[best] + 0.5)[:, None] * inward[None, :])[strong]


def refine_corners(gray: np.ndarray, corners: np.ndarray) -> np.ndarray:
    """Corners found on the shrunk image, made exact on the full one: a line is fitted through the
    edge points of each side, and the corners are where neighbouring lines cross. A side without
    enough edge points keeps its coarse corners."""
    smooth = cv2.GaussianBlur(gray, (0, 0), 2)
    centre = corners.mean(axis=0)
    lines = []
    for k in range(4):
        start, end = corners[k], corners[(k + 1) % 4]
        along = (end - start) / max(float(np.linalg.norm(end - start)), 1.0)
        inward = np.array([-along[1], along[0]], dtype=np.float32)
        if np.dot(centre - start, inward) < 0:
            inward = -inward
        found = edge_points(smooth, start, end, inward)
        if len(found) < EDGE_SAMPLES // 2:
            return corners
        vx, vy, x0, y0 = cv2.fitLine(found.astype(np.float32), cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
        lines.append((np.array([x0, y0]), np.array([vx, vy])))
    refined = []
    for k in range(4):  # corner k lies on side k-1 (ending there) and side k (starting there)
        (p1, d1), (p2, d2) = lines[k - 1], lines[k]
        matrix = np.array([[d1[0], -d2[0]], [d1[1], -d2[1]]])
        if abs(np.linalg.det(matrix)) < 1e-6:
            return corners
        s = np.linalg.solve(matrix, p2 - p1)[0]
        refined.append(p1 + s * d1)
    result = np.array(refined, dtype=np.float32)
    # a refinement that moved a corner far was misled (print at the edge, a second sheet): not taken
    return result if np.abs(result - corners).max() <= 2 * EDGE_SEARCH else corners


def find_page_outline(gray: np.ndarray) -> np.ndarray | None:
    """The page's corners (top-left, top-right, bottom-right, bottom-left) in ``gray``'s pixels when
    the image is a photo of a page on a darker ground; None for a scan or when no page is found."""
    small, factor = shrink(gray)
    if not border_looks_like_desk(small):
        return None
    corners = page_corners(small)
    if corners is None:
        return None
    h, w = small.shape
    frame = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], dtype=np.float32)
    if np.all(np.abs(corners - frame) <= ALREADY_FLAT * max(h, w)):
        return None
    return refine_corners(gray, corners / factor)


def undo_perspective(image: np.ndarray, corners: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The quadrilateral ``corners`` of ``image`` warped to an upright rectangle of its own size,
    and the 3×3 matrix that maps the image's points to the rectangle's."""
    tl, tr, br, bl = corners
    width = int(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = int(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    target = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(corners.astype(np.float32), target)
    white = (255,) * (image.shape[2] if image.ndim == 3 else 1)
    return cv2.warpPerspective(image, matrix, (width, height), flags=cv2.INTER_CUBIC, borderValue=white), matrix


def paper_level(gray: np.ndarray) -> float:
    """The paper's gray level: the 90th percentile of the (shrunk) page; print is far less than 10 %."""
    small, _ = shrink(gray, LIGHT_SIDE)
    return float(np.percentile(small, 90))


def whiten_paper(gray: np.ndarray) -> tuple[np.ndarray, float] | None:
    """The page scaled so that its paper is white, and the paper's former level; None when it is
    white already (or so dark that this is no paper at all)."""
    level = paper_level(gray)
    if level >= WHITE_PAPER or level < 128:
        return None
    return cv2.convertScaleAbs(gray, alpha=255.0 / level), level


def paper_background(small: np.ndarray) -> np.ndarray:
    """The paper's brightness at each point of a shrunk page: print closed away, then smoothed."""
    size = max(small.shape) // 40 * 2 + 1  # wider than a letter's stroke at this size
    closed = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (size, size)))
    return cv2.GaussianBlur(closed, (0, 0), size)


def even_out_illumination(gray: np.ndarray) -> np.ndarray | None:
    """The page divided by its paper brightness (white paper, print kept), or None when the paper
    is evenly lit already."""
    small, _ = shrink(gray, LIGHT_SIDE)
    background = paper_background(small)
    low, high = np.percentile(background, (5, 95))
    if high - low < UNEVEN_LIGHT:
        return None
    full = cv2.resize(background, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_LINEAR)
    return cv2.divide(gray, np.maximum(full, 1), scale=255)
