"""`vnplan text` on real scanned pages is never worse than plain Tesseract on the same image.

The pages are crops of real scans with hand transcriptions (tests/fixtures/real/README.md). For each,
the character error rate (whitespace-normalised, NFC) of `vnplan text` is compared with that of
`tesseract IMAGE - -l vie --psm 3` and `--psm 6`, run here on the same file: the figures are
measured, not recorded, so the test holds on any Tesseract version.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from rapidfuzz.distance import Levenshtein

from tests.test_extract_scanned import have_tesseract
from vnplan.plaintext import page_texts

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "real"
PAGES = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".jpg", ".png"))
# Two readings this close are the same reading: a character or two of noise in a page of ~1 500
TIE = 0.003

pytestmark = [
    pytest.mark.tesseract,
    pytest.mark.slow,
    pytest.mark.skipif(not have_tesseract() or shutil.which("tesseract") is None, reason="tesseract not installed"),
]


def cer(text: str, truth: str) -> float:
    def norm(s: str) -> str:
        return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip()

    return Levenshtein.distance(norm(text), norm(truth)) / max(len(norm(truth)), 1)


def plain_tesseract(image: Path, psm: int) -> str:
    done = subprocess.run(
        ["tesseract", str(image), "-", "-l", "vie", "--psm", str(psm)], capture_output=True, timeout=300, check=True
    )
    return done.stdout.decode("utf-8")


@pytest.mark.parametrize("image", PAGES, ids=lambda p: p.stem)
def test_vnplan_text_not_worse_than_plain_tesseract(image: Path) -> None:
    truth = image.with_suffix(".gt.txt").read_text("utf-8")
    ours = cer("\n".join(text for _, text, _ in page_texts(image)), truth)
    plain = {psm: cer(plain_tesseract(image, psm), truth) for psm in (3, 6)}
    assert ours <= min(plain.values()) + TIE, f"vnplan {ours:.3f}, tesseract psm 3 {plain[3]:.3f}, psm 6 {plain[6]:.3f}"
