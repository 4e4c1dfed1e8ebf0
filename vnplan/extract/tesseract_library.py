"""Tesseract's own C API (libtesseract, installed with the ``tesseract`` command) through ctypes.

Why not the command line for every read: a ``tesseract`` process loads the Vietnamese model and
sets up for each image it reads. Measured on a 300 dpi table page (tesseract 5.3.0, one thread):
the command takes 0.89 s where the library, its model already loaded, takes 0.58 s — and a cell
re-read costs 66 ms as a process against 3.5 ms in the library. vnplan reads a page once and
then a few header and number cells again, so those fixed costs were most of its time.

One engine per thread (the API is not thread-safe), made on first use, and made again in a
forked child rather than shared with the parent. The output is Tesseract's TSV, the same text
the command writes, so parsing does not care which one ran.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import ctypes.util
import os
import threading
from collections.abc import Iterator

import numpy as np

OEM_LSTM_ONLY = 1
PSM_OSD_ONLY = 0
TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
_LIBRARY_NAMES = ("tesseract", "libtesseract.so.5", "libtesseract-5", "libtesseract")


class LibraryUnavailable(Exception):
    """libtesseract cannot be loaded: callers fall back to the command."""


class MissingLanguage(Exception):
    """The library loads but has no data for the language asked for."""


class RecognitionFailed(Exception):
    """Tesseract gave up on an image (its deadline passed, or the image was refused)."""


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Silence file descriptor 2 (where C++ code writes) for the duration."""
    try:
        saved = os.dup(2)
    except OSError:  # no stderr at all
        yield
        return
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _load() -> ctypes.CDLL:
    # OpenMP reads its thread limit when the library is loaded: one thread, as for the command.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    errors = []
    for name in _LIBRARY_NAMES:
        path = ctypes.util.find_library(name) if "." not in name else name
        if not path:
            continue
        try:
            lib = ctypes.CDLL(path)
            break
        except OSError as e:
            errors.append(str(e))
    else:
        raise LibraryUnavailable("; ".join(errors) or "libtesseract not found")
    c_void_p, c_char_p, c_int = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
    signatures = {
        "TessVersion": ([], c_char_p),
        "TessBaseAPICreate": ([], c_void_p),
        "TessBaseAPIDelete": ([c_void_p], None),
        "TessBaseAPIEnd": ([c_void_p], None),
        "TessBaseAPIInit2": ([c_void_p, c_char_p, c_char_p, c_int], c_int),
        "TessBaseAPISetVariable": ([c_void_p, c_char_p, c_char_p], c_int),
        "TessBaseAPISetPageSegMode": ([c_void_p, c_int], None),
        "TessBaseAPISetImage": ([c_void_p, c_void_p, c_int, c_int, c_int, c_int], None),
        "TessBaseAPIRecognize": ([c_void_p, c_void_p], c_int),
        "TessBaseAPIGetTsvText": ([c_void_p, c_int], c_void_p),
        "TessBaseAPIClear": ([c_void_p], None),
        "TessDeleteText": ([c_void_p], None),
        "TessMonitorCreate": ([], c_void_p),
        "TessMonitorDelete": ([c_void_p], None),
        "TessMonitorSetDeadlineMSecs": ([c_void_p, c_int], None),
        "TessBaseAPIDetectOrientationScript": (
            [
                c_void_p,
                ctypes.POINTER(c_int),
                ctypes.POINTER(ctypes.c_float),
                ctypes.POINTER(c_char_p),
                ctypes.POINTER(ctypes.c_float),
            ],
            c_int,
        ),
    }
    try:
        for name, (argtypes, restype) in signatures.items():
            function = getattr(lib, name)
            function.argtypes, function.restype = argtypes, restype
    except AttributeError as e:
        raise LibraryUnavailable(f"libtesseract lacks its C API: {e}") from e
    return lib


class TesseractLibrary:
    """One loaded Tesseract model; ``read_tsv`` recognises a grayscale image."""

    def __init__(self, lib: ctypes.CDLL, lang: str, datapath: str | None = None) -> None:
        self._lib = lib
        self._handle = lib.TessBaseAPICreate()
        path = datapath.encode() if datapath else None  # None: the installed tessdata
        with _quiet_stderr():  # a missing language prints three lines of its own; vnplan says one
            status = lib.TessBaseAPIInit2(self._handle, path, lang.encode(), OEM_LSTM_ONLY)
        if status != 0:
            lib.TessBaseAPIDelete(self._handle)
            raise MissingLanguage(f"Tesseract has no '{lang}' language data")
        # Tesseract's remarks ("Estimating resolution as 367", "Empty page!!") would go to stderr,
        # between vnplan's own messages; the command's are captured and dropped the same way.
        lib.TessBaseAPISetVariable(self._handle, b"debug_file", os.devnull.encode())

    def read_tsv(self, image: np.ndarray, *, psm: int, whitelist: str = "", timeout_s: float) -> str:
        image = np.ascontiguousarray(image, dtype=np.uint8)
        height, width = image.shape
        lib, handle = self._lib, self._handle
        lib.TessBaseAPISetPageSegMode(handle, psm)
        lib.TessBaseAPISetVariable(handle, b"tessedit_char_whitelist", whitelist.encode())
        lib.TessBaseAPISetImage(handle, image.ctypes.data, width, height, 1, width)
        monitor = lib.TessMonitorCreate()
        try:
            lib.TessMonitorSetDeadlineMSecs(monitor, int(timeout_s * 1000))
            if lib.TessBaseAPIRecognize(handle, monitor) != 0:
                raise RecognitionFailed(f"gave up after {timeout_s:g} s or refused the image")
            text = lib.TessBaseAPIGetTsvText(handle, 0)
            try:
                tsv = ctypes.string_at(text).decode("utf-8", "replace") if text else ""
            finally:
                lib.TessDeleteText(text)
        finally:
            lib.TessMonitorDelete(monitor)
            lib.TessBaseAPIClear(handle)
        return TSV_HEADER + tsv

    def detect_orientation(self, image: np.ndarray) -> tuple[int, float] | None:
        """Tesseract's orientation detection (an engine made for the "osd" language): the clockwise
        turn that makes the text upright and its confidence; None when it found too little text."""
        image = np.ascontiguousarray(image, dtype=np.uint8)
        height, width = image.shape
        lib, handle = self._lib, self._handle
        lib.TessBaseAPISetPageSegMode(handle, PSM_OSD_ONLY)
        lib.TessBaseAPISetImage(handle, image.ctypes.data, width, height, 1, width)
        degrees, confidence = ctypes.c_int(0), ctypes.c_float(0.0)
        script, script_confidence = ctypes.c_char_p(), ctypes.c_float(0.0)
        try:
            found = lib.TessBaseAPIDetectOrientationScript(
                handle, ctypes.byref(degrees), ctypes.byref(confidence), ctypes.byref(script),
                ctypes.byref(script_confidence),
            )  # fmt: skip
        finally:
            lib.TessBaseAPIClear(handle)
        if not found:
            return None
        # Tesseract reports the text's orientation counter-clockwise ("Orientation in degrees"); the
        # turn that undoes it, clockwise, is what its command prints as "Rotate".
        return (360 - degrees.value) % 360, float(confidence.value)

    def close(self) -> None:
        if self._handle:
            self._lib.TessBaseAPIEnd(self._handle)
            self._lib.TessBaseAPIDelete(self._handle)
            self._handle = None


_lib: ctypes.CDLL | None = None
_per_thread = threading.local()
_opened: list[TesseractLibrary] = []
_lock = threading.Lock()


def _loaded() -> ctypes.CDLL:
    """The library, loaded once per process; raises LibraryUnavailable when it cannot be."""
    global _lib
    with _lock:
        if _lib is None:
            _lib = _load()
        return _lib


def library_version() -> str:
    """libtesseract's version; raises LibraryUnavailable when it cannot be loaded."""
    return str(_loaded().TessVersion().decode())


def engine(lang: str, datapath: str | None = None) -> TesseractLibrary:
    """This thread's engine for ``lang`` (from ``datapath``, else the installed tessdata), made on
    first use, again after a fork.

    Called for every read: a made engine is returned without taking the lock.
    """
    key = (os.getpid(), lang, datapath)
    engines = getattr(_per_thread, "engines", None)
    if engines is None:
        engines = _per_thread.engines = {}
    if key not in engines:
        made = TesseractLibrary(_loaded(), lang, datapath)
        with _lock:
            _opened.append(made)
        engines[key] = made
    return engines[key]


@atexit.register
def _close_all() -> None:
    # An engine left open at exit makes Tesseract print "LEAK!" warnings for its dictionaries.
    for opened in _opened:
        opened.close()
