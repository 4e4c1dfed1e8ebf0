"""The one door to Tesseract: a check up front, calls with a timeout, and TSV parsing.

Running the engine (``image_to_tsv``) is kept apart from parsing its output (``tsv_to_words``)
so that tests can feed recorded TSV and never need the binary.
"""

from __future__ import annotations

import csv
import functools
import io
import logging
import os
import re
import subprocess
import unicodedata
from dataclasses import dataclass

import cv2
import numpy as np
import pytesseract

from vnplan.extract.errors import EnvironmentProblem, InputError
from vnplan.extract.tesseract_library import (
    LibraryUnavailable,
    MissingLanguage,
    RecognitionFailed,
    engine,
    library_version,
)

log = logging.getLogger(__name__)

LANG = "vie"  # alone: "vie+eng" strips diacritics from capitals (see VIETNAMESE.md)
INSTALL_HINT = "install it with: apt-get install tesseract-ocr tesseract-ocr-vie"
OSD_HINT = "apt-get install tesseract-ocr-osd"
PAGE_TIMEOUT_S = 180
CELL_TIMEOUT_S = 20


@dataclass(frozen=True)
class OcrWord:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float  # 0–1
    line_key: tuple[int, int, int]  # Tesseract's (block, paragraph, line)

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2


ENGINE_VARIABLE = "VNPLAN_TESSERACT"  # "library" or "command" to choose; unset: the library if it loads


@functools.cache
def ensure_tesseract(lang: str = LANG) -> str:
    """Tesseract's version; raises EnvironmentProblem when it or ``lang`` is missing.

    Also pins Tesseract to one OpenMP thread (unless the user set OMP_THREAD_LIMIT): measured here
    on a 300 dpi page, 0.56 s with one thread against 2.35 s with the default, which spins threads
    against each other; vnplan gets its parallelism from whole pages and documents instead.
    """
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    if _uses_library(lang):
        return library_version()
    try:
        version = str(pytesseract.get_tesseract_version())
        languages = pytesseract.get_languages(config="")
    except (pytesseract.TesseractNotFoundError, OSError) as e:
        raise EnvironmentProblem("tesseract is not installed or not on PATH", hint=INSTALL_HINT) from e
    if lang not in languages:
        raise EnvironmentProblem(f"Tesseract has no '{lang}' language data", hint=INSTALL_HINT)
    return version


@functools.cache
def _uses_library(lang: str) -> bool:
    """Whether this process reads through libtesseract (see tesseract_library) or the command."""
    choice = os.environ.get(ENGINE_VARIABLE, "").strip().lower()
    if choice == "command":
        return False
    try:
        engine(lang)
        return True
    except MissingLanguage as e:
        raise EnvironmentProblem(str(e), hint=INSTALL_HINT) from e
    except LibraryUnavailable as e:
        if choice == "library":
            raise EnvironmentProblem(f"libtesseract could not be loaded ({e})", hint=INSTALL_HINT) from e
        log.info("libtesseract not usable (%s): running the tesseract command instead", e)
        return False


def image_to_tsv(image: np.ndarray, *, psm: int = 6, whitelist: str = "", timeout: float = PAGE_TIMEOUT_S) -> str:
    """Raw Tesseract TSV of a grayscale image, within ``timeout`` seconds.

    ``whitelist``: the only characters Tesseract may read (empty: any).
    """
    ensure_tesseract()
    if _uses_library(LANG):
        try:
            return engine(LANG).read_tsv(image, psm=psm, whitelist=whitelist, timeout_s=timeout)
        except RecognitionFailed as e:
            raise InputError(f"Tesseract {e}", hint="try a lower --dpi") from e
    return command_to_tsv(image, psm=psm, whitelist=whitelist, timeout=timeout)


OSD_LANG = "osd"  # Tesseract's orientation and script data (Debian: tesseract-ocr-osd)
ROTATE_LINE = re.compile(r"^Rotate:\s*(\d+)", re.MULTILINE)
ORIENTATION_CONFIDENCE_LINE = re.compile(r"^Orientation confidence:\s*([\d.]+)", re.MULTILINE)


def detect_orientation(image: np.ndarray) -> tuple[int, float] | None:
    """Tesseract's orientation detection (OSD): (clockwise turn that makes the text upright, its
    confidence), or None when Tesseract found too little text or has no OSD data installed.

    As expensive as reading a page: the orientation tests of ``orientation`` run first.
    """
    ensure_tesseract()
    if _uses_library(LANG):
        try:
            return engine(OSD_LANG).detect_orientation(image)
        except MissingLanguage:
            log.info("no Tesseract OSD data (%s): orientation left to the cheap tests", OSD_HINT)
            return None
    _, pgm = cv2.imencode(".pgm", image)
    command = [pytesseract.pytesseract.tesseract_cmd, "stdin", "stdout", "-l", OSD_LANG, "--psm", "0"]
    try:
        done = subprocess.run(command, input=pgm.tobytes(), capture_output=True, timeout=PAGE_TIMEOUT_S, check=False)
    except (subprocess.TimeoutExpired, OSError):
        return None
    out = done.stdout.decode("utf-8", "replace")
    rotate, confidence = ROTATE_LINE.search(out), ORIENTATION_CONFIDENCE_LINE.search(out)
    if done.returncode != 0 or rotate is None or confidence is None:
        return None
    return int(rotate.group(1)) % 360, float(confidence.group(1))


def command_to_tsv(image: np.ndarray, *, psm: int, whitelist: str, timeout: float) -> str:
    """The same through the ``tesseract`` command: an argument list (no shell), a timeout.

    The image goes in on stdin as uncompressed PGM: compressing a 300 dpi page to PNG for a
    temporary file (pytesseract's way) cost more than half the recognition time of a page.
    """
    encoded, pgm = cv2.imencode(".pgm", image)
    if not encoded:
        raise InputError("the page image could not be encoded for Tesseract", hint="check the file is readable")
    command = [pytesseract.pytesseract.tesseract_cmd, "stdin", "stdout", "-l", LANG, "--oem", "1", "--psm", str(psm)]
    if whitelist:
        command += ["-c", f"tessedit_char_whitelist={whitelist}"]
    command += ["tsv"]
    try:
        done = subprocess.run(command, input=pgm.tobytes(), capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as e:
        raise InputError(f"Tesseract took longer than {timeout} s", hint="try a lower --dpi") from e
    except OSError as e:
        raise EnvironmentProblem("tesseract could not be started", hint=INSTALL_HINT) from e
    if done.returncode != 0:
        last = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1]
        raise InputError(f"Tesseract failed: {last}", hint="check that the image is readable")
    return done.stdout.decode("utf-8", "replace")


def tsv_to_words(tsv: str, *, offset: tuple[float, float] = (0.0, 0.0), scale: float = 1.0) -> list[OcrWord]:
    """Word rows (level 5) of Tesseract TSV with text; boxes mapped back by ``offset``/``scale``."""
    words = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = unicodedata.normalize("NFC", (row.get("text") or "").strip())
        if row.get("level") != "5" or not text:
            continue
        left, top = float(row["left"]) / scale + offset[0], float(row["top"]) / scale + offset[1]
        width, height = float(row["width"]) / scale, float(row["height"]) / scale
        key = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        conf = max(float(row["conf"]), 0.0) / 100
        words.append(OcrWord(text, left, top, left + width, top + height, conf, key))
    return words
