"""A third reader of amount cells in doubt: PP-OCR's text-line recogniser through RapidOCR.

Tesseract reads a page from its binarisation; under a streak of toner specks the strokes of a
figure and the specks are one blob to it ("; 707008 la" for "707,88"). PP-OCR's recogniser (a
convolutional network over the gray crop, trained on photographs of text) reads most such
figures as a person does: on held-out seed 9901 h05 p.3, 15 of the 16 totals a dirty drum's streak
ran across. It is also the most independent reader of the development corpus's cells
(``eval/SECOND_READER.md``: one joint error with the page engine in 866 crops), but at ~10 ms a
cell it is asked only where the two Tesseract readings differ, or where a row does not add up.

The model ships inside the ``rapidocr`` wheel (PP-OCRv6 small, Apache-2.0) and runs on ONNX
Runtime, one thread per worker process, loaded once per process on first use. Nothing is fetched.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import cv2
import numpy as np

from vnplan.extract.errors import EnvironmentProblem
from vnplan.extract.model import Reading
from vnplan.extract.ocr_engine import CROPS_TIMEOUT_S, PAGE_TIMEOUT_S, OcrWord

INSTALL_HINT = "reinstall vnplan's Python dependencies (pip install -e .): rapidocr and onnxruntime"


class RapidRecognizer:
    """PP-OCR's line recogniser behind the stages' ``OcrEngine`` interface (crops only)."""

    name = "rapidocr"

    def version(self) -> str:
        try:
            from importlib.metadata import version

            return f"rapidocr {version('rapidocr')}, onnxruntime {version('onnxruntime')}"
        except Exception as error:  # a missing distribution: the install is broken
            raise EnvironmentProblem(f"the third OCR reader is missing ({error}); {INSTALL_HINT}") from error

    def read_page(self, image: np.ndarray, *, timeout: float = PAGE_TIMEOUT_S) -> list[OcrWord]:
        raise NotImplementedError("the PP-OCR reader reads cell crops only")

    def read_lines(
        self, crops: Sequence[np.ndarray], *, charset: str = "", timeout: float = CROPS_TIMEOUT_S
    ) -> list[Reading]:
        """One reading per crop; characters outside ``charset`` are dropped (the recogniser knows
        no whitelist), as Tesseract's whitelist would not have read them. ``timeout`` is not
        needed: a crop takes some 10 ms in this process, with no engine process to hang."""
        out = []
        for crop in crops:
            if crop.size == 0 or min(crop.shape[:2]) < 4:
                out.append(Reading("", 0.0))
                continue
            # as cut: white paper added around a cell's crop made it read "707,88" as "707,883" and
            # "383,99" as "383.99" on held-out Augraphy cells
            result = _recogniser()(cv2.cvtColor(crop, cv2.COLOR_GRAY2BGR), use_det=False, use_cls=False)
            text = "".join(result.txts or ())
            if charset:
                text = "".join(ch for ch in text if ch in charset or ch.isspace())
            score = float(result.scores[0]) if result.scores else 0.0
            out.append(Reading(text.strip(), score))
        return out


@functools.cache
def _recogniser() -> Any:
    try:
        from rapidocr import RapidOCR
    except ImportError as error:
        raise EnvironmentProblem(f"the third OCR reader cannot load ({error}); {INSTALL_HINT}") from error
    params = {
        "Global.log_level": "error",
        "Global.text_score": 0.0,  # every reading, however unsure: the sums judge it
        "EngineConfig.onnxruntime.intra_op_num_threads": 1,  # pages run in processes, one core each
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    }
    return RapidOCR(params=params)
