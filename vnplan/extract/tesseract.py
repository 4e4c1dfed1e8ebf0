"""The one door to Tesseract: a check up front, calls with a timeout, TSV parsing, and
``TesseractEngine``, Tesseract behind the stages' ``OcrEngine`` interface.

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
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np
import pytesseract

from vnplan.extract.errors import EnvironmentProblem, InputError
from vnplan.extract.model import Reading
from vnplan.extract.ocr_engine import CROPS_TIMEOUT_S, PAGE_TIMEOUT_S, OcrWord
from vnplan.extract.tesseract_library import (
    LibraryUnavailable,
    MissingLanguage,
    RecognitionFailed,
    engine,
    library_version,
)

log = logging.getLogger(__name__)

LANG = "vie"  # alone: "vie+eng" strips diacritics from capitals (see VIETNAMESE.md)
INSTALL_HINT = "install it with: apt-get install tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng"
OSD_HINT = "apt-get install tesseract-ocr-osd"
CELL_TIMEOUT_S = 20
_TIMED_OUT = 0.9  # share of its deadline a failed call ran for: past it, the deadline stopped it
PAGE_PSM = 6  # one uniform block: generated 300 dpi table pages read 93/95 amounts exactly with 6 and 4; 6 was faster
LINE_PSM = 7  # one text line: a cell crop
LINE_BORDER = 20  # white px around a crop: Tesseract misreads glyphs that touch the image edge

__all__ = ["OcrWord", "TesseractEngine", "ensure_tesseract", "image_to_tsv", "tsv_to_words"]


ENGINE_VARIABLE = "VNPLAN_TESSERACT"  # "library" or "command" to choose; unset: the library if it loads


@functools.cache
def ensure_tesseract(lang: str = LANG, datapath: str | None = None) -> str:
    """Tesseract's version; raises EnvironmentProblem when it or ``lang`` (in ``datapath``, else
    the installed tessdata) is missing.

    Also pins Tesseract to one OpenMP thread (unless the user set OMP_THREAD_LIMIT): measured here
    on a 300 dpi page, 0.56 s with one thread against 2.35 s with the default, which spins threads
    against each other; vnplan gets its parallelism from whole pages and documents instead.
    """
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    if _uses_library(lang, datapath):
        return library_version()
    try:
        version = str(pytesseract.get_tesseract_version())
        languages = pytesseract.get_languages(config=f"--tessdata-dir {datapath}" if datapath else "")
    except (pytesseract.TesseractNotFoundError, OSError) as e:
        raise EnvironmentProblem("tesseract is not installed or not on PATH", hint=INSTALL_HINT) from e
    if lang not in languages:
        raise EnvironmentProblem(f"Tesseract has no '{lang}' language data", hint=INSTALL_HINT)
    return version


@functools.cache
def _uses_library(lang: str, datapath: str | None = None) -> bool:
    """Whether this process reads through libtesseract (see tesseract_library) or the command."""
    choice = os.environ.get(ENGINE_VARIABLE, "").strip().lower()
    if choice == "command":
        return False
    try:
        engine(lang, datapath)
        return True
    except MissingLanguage as e:
        raise EnvironmentProblem(str(e), hint=INSTALL_HINT) from e
    except LibraryUnavailable as e:
        if choice == "library":
            raise EnvironmentProblem(f"libtesseract could not be loaded ({e})", hint=INSTALL_HINT) from e
        log.info("libtesseract not usable (%s): running the tesseract command instead", e)
        return False


def image_to_tsv(
    image: np.ndarray,
    *,
    psm: int = PAGE_PSM,
    whitelist: str = "",
    timeout: float = PAGE_TIMEOUT_S,
    lang: str = LANG,
    datapath: str | None = None,
) -> str:
    """Raw Tesseract TSV of a grayscale image, within ``timeout`` seconds.

    ``whitelist``: the only characters Tesseract may read (empty: any).
    """
    ensure_tesseract(lang, datapath)
    if _uses_library(lang, datapath):
        try:
            return engine(lang, datapath).read_tsv(image, psm=psm, whitelist=whitelist, timeout_s=timeout)
        except RecognitionFailed as e:
            raise InputError(f"Tesseract {e}", hint="try a lower --dpi") from e
    return command_to_tsv(image, psm=psm, whitelist=whitelist, timeout=timeout, lang=lang, datapath=datapath)


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


def command_to_tsv(
    image: np.ndarray, *, psm: int, whitelist: str, timeout: float, lang: str = LANG, datapath: str | None = None
) -> str:
    """The same through the ``tesseract`` command: an argument list (no shell), a timeout.

    The image goes in on stdin as uncompressed PGM: compressing a 300 dpi page to PNG for a
    temporary file (pytesseract's way) cost more than half the recognition time of a page.
    """
    encoded, pgm = cv2.imencode(".pgm", image)
    if not encoded:
        raise InputError("the page image could not be encoded for Tesseract", hint="check the file is readable")
    command = [pytesseract.pytesseract.tesseract_cmd, "stdin", "stdout", "-l", lang, "--oem", "1", "--psm", str(psm)]
    if datapath:
        command += ["--tessdata-dir", datapath]
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


class _Rereads:
    """The seconds one call's re-reads of crops past their deadline may take together, counted from
    the first: a call's crops are each read within their own deadline, however many (a page of
    cells), and only the re-reads share a budget."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.until: float | None = None

    def left(self) -> float:
        if self.until is None:
            self.until = time.monotonic() + self.seconds
        return self.until - time.monotonic()


@dataclass(frozen=True)
class TesseractEngine:
    """Tesseract as an ``OcrEngine``: pages in one uniform block (psm 6), crops one line each (psm 7).

    ``lang``/``datapath``: the model (``datapath`` None: the installed tessdata). Each crop is
    its own recognition: through the library that costs a few milliseconds, through the command
    a process per crop.
    """

    lang: str = LANG
    datapath: str | None = None
    label: str = "tesseract"

    @property
    def name(self) -> str:
        return self.label

    def version(self) -> str:
        return ensure_tesseract(self.lang, self.datapath)

    def read_page(self, image: np.ndarray, *, timeout: float = PAGE_TIMEOUT_S) -> list[OcrWord]:
        return tsv_to_words(self._tsv(image, PAGE_PSM, "", timeout))

    def read_lines(
        self, crops: Sequence[np.ndarray], *, charset: str = "", timeout: float = CROPS_TIMEOUT_S
    ) -> list[Reading]:
        readings = []
        allowed = min(timeout, CELL_TIMEOUT_S)
        rereads = _Rereads(timeout)
        for crop in crops:
            if crop.size == 0:
                readings.append(Reading("", 0.0))
                continue
            framed = cv2.copyMakeBorder(crop, *(LINE_BORDER,) * 4, cv2.BORDER_CONSTANT, value=255)
            words = tsv_to_words(self._crop_tsv(framed, charset, allowed, rereads))
            confidence = float(np.mean([w.conf for w in words])) if words else 0.0
            readings.append(Reading(" ".join(w.text for w in words), confidence))
        return readings

    def _crop_tsv(self, framed: np.ndarray, charset: str, allowed: float, rereads: _Rereads) -> str:
        """One crop within ``allowed`` seconds. A crop past that deadline on a machine busy with
        other work (a batch beside other jobs) had cost its whole page: it is read once more, within
        the time the call's re-reads have left. A crop Tesseract refuses at once is not read again."""
        started = time.monotonic()
        try:
            return self._tsv(framed, LINE_PSM, charset, allowed)
        except InputError:
            left = rereads.left()
            if time.monotonic() - started < _TIMED_OUT * allowed or left <= 0:
                raise
            log.info("a cell crop took longer than %s s; read again within the %.0f s left", allowed, left)
            return self._tsv(framed, LINE_PSM, charset, left)

    def _tsv(self, image: np.ndarray, psm: int, whitelist: str, timeout: float) -> str:
        return image_to_tsv(
            image, psm=psm, whitelist=whitelist, timeout=timeout, lang=self.lang, datapath=self.datapath
        )
