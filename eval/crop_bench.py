"""Candidate second readers for amount cells, measured on the crops of eval/crop_corpus.py.

    PY -m eval.crop_bench [--build eval/build] [--sets scan300 scan200] [--only NAME ...]

For each candidate and set: how many crops it reads exactly (the printed text, spaces dropped),
how many of its errors fall on a crop the primary reader also got wrong (joint errors: the
cases two readers cannot catch), how often both readings agree on a wrong text (the dangerous
case: agreement is what lets an amount through unflagged), and its time per crop when the crops
of one page are read in one batch (CPU time of the process, engines pinned to one thread). Candidates whose package is not installed are skipped (the
ONNX ones need ``pip install rapidocr-onnxruntime asterocr`` in the interpreter that runs this).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import cv2
import numpy as np

HERE = Path(__file__).resolve().parent
DIGITS = "0123456789.,-"
DASHES = str.maketrans({"一": "-", "—": "-", "–": "-", "_": "-", "~": "-"})

Reader = Callable[[Sequence[np.ndarray]], list[tuple[str, float]]]


def normal(text: str) -> str:
    return "".join(text.split()).translate(DASHES)


def ink_trim(crop: np.ndarray, pad: int = 6) -> np.ndarray:
    """The crop cut to its ink, with a white pad: line recognisers expect a tight text line."""
    mask = crop < 128
    rows = np.nonzero(mask.sum(axis=1) >= 2)[0]  # a lone speck is no text
    cols = np.nonzero(mask.sum(axis=0) >= 2)[0]
    if rows.size == 0 or cols.size == 0:
        return crop
    top, bottom = max(int(rows[0]) - pad, 0), int(rows[-1]) + pad + 1
    left, right = max(int(cols[0]) - pad, 0), int(cols[-1]) + pad + 1
    return crop[top:bottom, left:right]


def tesseract_reader(
    lang: str, datapath: str | None, scale: float, *, stacked: bool = False, trim: bool = False
) -> Reader:
    from vnplan.extract.tesseract import tsv_to_words
    from vnplan.extract.tesseract_library import engine

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")

    def one(crop: np.ndarray) -> tuple[str, float]:
        crop = ink_trim(crop, 4) if trim else crop
        scaled = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC) if scale != 1 else crop
        scaled = cv2.copyMakeBorder(scaled, 20, 20, 20, 20, cv2.BORDER_CONSTANT, value=255)
        tsv = engine(lang, datapath).read_tsv(scaled, psm=7, whitelist=DIGITS, timeout_s=20)
        words = tsv_to_words(tsv)
        return "".join(w.text for w in words), float(np.mean([w.conf for w in words])) if words else 0.0

    def sheet(crops: Sequence[np.ndarray]) -> list[tuple[str, float]]:
        gap = 30
        trimmed = [ink_trim(c) for c in crops]
        trimmed = [cv2.resize(c, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC) for c in trimmed]
        width = max(c.shape[1] for c in trimmed) + 2 * gap
        height = sum(c.shape[0] + gap for c in trimmed) + gap
        page = np.full((height, width), 255, dtype=np.uint8)
        bands = []
        y = gap
        for c in trimmed:
            page[y : y + c.shape[0], gap : gap + c.shape[1]] = c
            bands.append((y - gap / 2, y + c.shape[0] + gap / 2))
            y += c.shape[0] + gap
        words = tsv_to_words(engine(lang, datapath).read_tsv(page, psm=6, whitelist=DIGITS, timeout_s=60))
        out: list[list[Any]] = [[] for _ in crops]
        for w in words:
            for i, (a, b) in enumerate(bands):
                if a <= w.centre[1] < b:
                    out[i].append(w)
                    break
        return [
            (
                "".join(w.text for w in sorted(ws, key=lambda w: w.x0)),
                float(np.mean([w.conf for w in ws])) if ws else 0.0,
            )
            for ws in out
        ]

    return sheet if stacked else (lambda crops: [one(c) for c in crops])


def rapidocr_reader(batch: int = 6) -> Reader:
    import rapidocr_onnxruntime
    from rapidocr_onnxruntime.ch_ppocr_rec import TextRecognizer
    from rapidocr_onnxruntime.utils import read_yaml

    root = Path(rapidocr_onnxruntime.__file__).parent
    config = read_yaml(str(root / "config.yaml"))["Rec"]
    config["model_path"] = str(root / config["model_path"])
    config["intra_op_num_threads"] = 1
    config["inter_op_num_threads"] = 1
    config["rec_batch_num"] = batch
    recognizer = TextRecognizer(config)

    def read(crops: Sequence[np.ndarray]) -> list[tuple[str, float]]:
        images = [cv2.cvtColor(ink_trim(c), cv2.COLOR_GRAY2BGR) for c in crops]
        results, _ = recognizer(images)
        return [(text, float(score)) for text, score in results]

    return read


def asterocr_reader() -> Reader:
    import asterocr
    import onnxruntime as ort

    root = Path(asterocr.__file__).parent
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = ort.InferenceSession(str(root / "assets" / "asternet.onnx"), options, providers=["CPUExecutionProvider"])
    chars = json.loads((root / "assets" / "vocab.json").read_text("utf-8"))["chars"]
    name = session.get_inputs()[0].name

    def read(crops: Sequence[np.ndarray]) -> list[tuple[str, float]]:
        tensors = []
        for crop in crops:
            c = ink_trim(crop)
            h, w = c.shape
            width = max(32, int(w * 32 / h))
            width = (width + 3) // 4 * 4
            arr = cv2.resize(c, (width, 32), interpolation=cv2.INTER_AREA).astype(np.float32) / 255.0
            tensors.append((arr - 0.5) / 0.5)
        widest = max(t.shape[1] for t in tensors)
        batch = np.ones((len(tensors), 3, 32, widest), dtype=np.float32)
        for i, t in enumerate(tensors):
            batch[i, :, :, : t.shape[1]] = t[np.newaxis]
        out = session.run(None, {name: batch})[0]
        # (T, N, C) or (N, T, C): the sequence axis is the one that is not the batch
        if out.shape[0] != len(crops):
            out = out.transpose(1, 0, 2)
        results = []
        for seq in out:
            best = seq.argmax(-1)
            probs = np.exp(seq.max(-1)) if seq.max() <= 0 else seq.max(-1)
            text, prev, kept = [], -1, []
            for t, idx in enumerate(best):
                if idx != prev and idx != 0:
                    text.append(chars[idx] if idx < len(chars) else "")
                    kept.append(float(probs[t]))
                prev = idx
            results.append(("".join(text), float(np.mean(kept)) if kept else 0.0))
        return results

    return read


def candidates() -> dict[str, Callable[[], Reader]]:
    npm = os.environ.get("BESTINT_TESSDATA", "/tmp/r2tess/bestint")
    return {
        "tess vie fast x2 (primary's model)": lambda: tesseract_reader("vie", None, 2),
        "tess Vietnamese script x1": lambda: tesseract_reader("Vietnamese", None, 1),
        "tess Vietnamese script x2": lambda: tesseract_reader("Vietnamese", None, 2),
        "tess Vietnamese script sheet": lambda: tesseract_reader("Vietnamese", None, 1, stacked=True),
        "tess vie best_int x1": lambda: tesseract_reader("vie", npm, 1),
        "tess vie best_int x2": lambda: tesseract_reader("vie", npm, 2),
        "tess vie best_int sheet": lambda: tesseract_reader("vie", npm, 1, stacked=True),
        "tess eng x1": lambda: tesseract_reader("eng", None, 1),
        "tess eng x2": lambda: tesseract_reader("eng", None, 2),
        "tess eng sheet": lambda: tesseract_reader("eng", None, 1, stacked=True),
        "tess eng x1 trimmed": lambda: tesseract_reader("eng", None, 1, trim=True),
        "rapidocr PP-OCRv4 rec": rapidocr_reader,
        "asterocr": asterocr_reader,
    }


def bench(build: Path, sets: Sequence[str], only: Sequence[str]) -> list[dict[str, Any]]:
    results = []
    for label, make in candidates().items():
        if only and not any(o.lower() in label.lower() for o in only):
            continue
        try:
            reader = make()
        except Exception as e:  # a candidate that cannot load is reported, not fatal
            print(f"{label}: skipped ({type(e).__name__}: {e})", file=sys.stderr)
            continue
        for name in sets:
            folder = build / "crops" / name
            manifest = json.loads((folder / "crops.json").read_text("utf-8"))
            pages: dict[tuple[str, int], list[dict[str, Any]]] = {}
            for item in manifest:
                pages.setdefault((item["document"], item["page"]), []).append(item)
            seconds, readings = 0.0, {}  # CPU seconds: the machine is shared, wall time says little
            reader([cv2.imread(str(folder / manifest[0]["crop"]), cv2.IMREAD_GRAYSCALE)])  # warm up
            for items in pages.values():
                crops = [cv2.imread(str(folder / it["crop"]), cv2.IMREAD_GRAYSCALE) for it in items]
                started = time.process_time()
                read = reader(crops)
                seconds += time.process_time() - started
                for it, (text, conf) in zip(items, read, strict=True):
                    readings[it["crop"]] = (normal(text), conf)
            n = len(manifest)
            exact = sum(readings[it["crop"]][0] == it["printed"] for it in manifest)
            wrong = [it for it in manifest if readings[it["crop"]][0] != it["printed"]]
            primary_wrong = [it for it in manifest if it["primary"] != it["printed"]]
            joint = sum(it["primary"] != it["printed"] for it in wrong)
            agree_wrong = sum(readings[it["crop"]][0] == it["primary"] for it in wrong)
            agree = sum(readings[it["crop"]][0] == it["primary"] for it in manifest)
            row = {
                "candidate": label,
                "set": name,
                "crops": n,
                "exact": exact,
                "primary_exact": n - len(primary_wrong),
                "joint_errors": joint,
                "agree_wrong": agree_wrong,
                "agree": agree,
                "ms_per_crop": 1000 * seconds / n,
                "errors": [(it["printed"], readings[it["crop"]][0], it["primary"]) for it in wrong][:12],
            }
            results.append(row)
            print(
                f"{label:38s} {name}: exact {exact}/{n} ({100 * exact / n:.1f} %), primary {n - len(primary_wrong)}, "
                f"joint errors {joint}, agree on a wrong text {agree_wrong}, agree {agree}, {row['ms_per_crop']:.1f} ms CPU/crop",
                flush=True,
            )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, default=HERE / "build")
    parser.add_argument("--sets", nargs="+", default=["scan300", "scan200"])
    parser.add_argument("--only", nargs="*", default=[], help="candidates whose label contains one of these")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args(argv)
    results = bench(args.build, args.sets, args.only)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
