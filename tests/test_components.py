"""``vnplan.extract.components.label_components`` labels exactly as OpenCV's 32-bit call does:
the same labels, statistics and centroids, in 16 bits where they fit and in 32 where they do not."""

from __future__ import annotations

import cv2
import numpy as np

from vnplan.extract.components import label_components


def reference(mask: np.ndarray) -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
    return cv2.connectedComponentsWithStats(mask, connectivity=8, ltype=cv2.CV_32S)


def test_same_labels_as_the_32_bit_call_on_pages_of_strokes() -> None:
    rng = np.random.default_rng(7)
    for _ in range(3):
        seeds = (rng.random((1200, 900)) > 0.995).astype(np.uint8) * 255
        mask = cv2.dilate(seeds, np.ones((3, 25), np.uint8))  # thousands of touching, line-like strokes
        count, labels, stats, centroids = label_components(mask)
        expected = reference(mask)
        assert count == expected[0] > 1000
        assert labels.dtype == np.uint16
        assert np.array_equal(labels, expected[1])
        assert np.array_equal(stats, expected[2])
        assert np.array_equal(centroids, expected[3])


def test_more_components_than_16_bits_hold_are_labelled_in_32() -> None:
    mask = np.zeros((600, 600), np.uint8)
    mask[::2, ::2] = 255  # 90 000 separate dots
    count, labels, stats, _ = label_components(mask)
    assert count == 90_001
    assert labels.dtype == np.int32
    assert np.array_equal(stats, reference(mask)[2])
