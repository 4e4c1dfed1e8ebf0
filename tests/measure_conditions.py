"""Rows and amounts per scan condition, on the sample plans that have a truth (tuned-on corpus).

    .venv/bin/python -m tests.measure_conditions [--out /tmp/conditions] [--conditions photo stamped …]

Every page of each born-digital sample PDF with a truth file (samples/pdf/<stem>.pdf,
samples/truth/<stem>.truth.json) is rendered at 300 dpi, put through one condition of
``tests.conditions`` and saved as an image-only PDF; ``vnplan extract`` reads them all and each
output is scored with tests.scoring and eval.run_eval's verdicts (silent = a wrong or extra amount
nothing flags). Prints one line per condition. The samples are what vnplan was built on: these
figures show a condition's cost and its repair, not accuracy on unseen documents.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image

from eval.run_eval import judge
from tests import conditions

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
STEMS = ("000_8939c4b136b1e13b", "101_quang_nam_2022_khuyen_nong", "102_can_tho_2021_khuyen_cong",
         "103_binh_dinh_2023_xuc_tien_thuong_mai")  # fmt: skip

Condition = Callable[[np.ndarray, int, int], tuple[np.ndarray, int]]  # (page, index, pages) -> (image, dpi)


def last_page_only(make: Callable[[np.ndarray], np.ndarray], other: Callable[[np.ndarray], np.ndarray]) -> Condition:
    return lambda page, i, n: (make(page) if i == n - 1 else other(page), 300)


CONDITIONS: dict[str, Condition] = {
    "clean": lambda page, i, n: (conditions.jpeg(page, 85), 300),
    "rot90": lambda page, i, n: (conditions.jpeg(conditions.sideways(page, 90), 85), 300),
    "rot270": lambda page, i, n: (conditions.jpeg(conditions.sideways(page, 270), 85), 300),
    "rot180_last": last_page_only(
        lambda p: conditions.jpeg(conditions.sideways(p, 180), 85), lambda p: conditions.jpeg(p, 85)
    ),
    "photo": lambda page, i, n: (conditions.phone_photo(page, seed=i), 300),
    "stamped_last": last_page_only(
        lambda p: conditions.stamped(p, seed=7), lambda p: conditions.stamped(p, seal=False)
    ),
    "dpi150": lambda page, i, n: (conditions.low_resolution(page), 150),
}


def make_pdf(stem: str, name: str, out: Path) -> Path:
    target = out / name / f"{stem}.pdf"
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with pdfium.PdfDocument(str(SAMPLES / "pdf" / f"{stem}.pdf")) as pdf:
        pages = []
        for i in range(len(pdf)):
            rgb = pdf[i].render(scale=300 / 72).to_numpy()[..., :3][..., ::-1].copy()  # BGR(x) -> RGB
            image, dpi = CONDITIONS[name](rgb, i, len(pdf))
            pages.append((Image.fromarray(image), dpi))
    first, rest = pages[0], [p for p, _ in pages[1:]]
    first[0].save(target, format="PDF", save_all=True, append_images=rest, resolution=first[1], quality=85)
    return target


def measure(name: str, out: Path, vnplan: Path, tag: str, rescore: bool = False) -> dict[str, int | float]:
    for stem in STEMS:
        make_pdf(stem, name, out)
    results = out / f"out-{tag}" / name
    started = time.monotonic()
    if not rescore:
        subprocess.run([str(vnplan), "extract", str(out / name), "-o", str(results), "--force", "--jobs", "2"],
                       capture_output=True, check=False)  # fmt: skip
    figures = {"rows": 0, "rows_matched": 0, "amounts": 0, "exact": 0, "silent": 0, "turned_warnings": 0}
    for stem in STEMS:
        truth = json.loads((SAMPLES / "truth" / f"{stem}.truth.json").read_text("utf-8"))
        path = results / f"{stem}.json"
        doc = json.loads(path.read_text("utf-8")) if path.exists() else None
        result = judge(name, stem, doc, truth)
        figures["rows"] += result.score.rows_expected
        figures["rows_matched"] += result.score.rows_matched
        figures["amounts"] += result.score.amounts_total
        figures["exact"] += result.score.amounts_exact
        figures["silent"] += sum(w.verdict in ("silent", "extra") for w in result.wrongs)
        figures["turned_warnings"] += sum("turned" in f.get("message", "") for f in (doc or {}).get("findings", []))
    figures["seconds"] = round(time.monotonic() - started, 1)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/vnplan-conditions"))
    parser.add_argument("--conditions", nargs="*", default=list(CONDITIONS))
    parser.add_argument("--vnplan", type=Path, default=ROOT / ".venv" / "bin" / "vnplan")
    parser.add_argument("--tag", default="now", help="name of the output folder (compare two versions)")
    parser.add_argument("--rescore", action="store_true", help="score the outputs of an earlier run again")
    args = parser.parse_args(argv)
    for name in args.conditions:
        f = measure(name, args.out, args.vnplan, args.tag, args.rescore)
        print(f"{name:13} rows {f['rows_matched']}/{f['rows']}  amounts exact {f['exact']}/{f['amounts']}  "
              f"silent {f['silent']}  turned-page warnings {f['turned_warnings']}  {f['seconds']} s", flush=True)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
