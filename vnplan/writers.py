"""Writers: one JSON per document, and the batch dataset (items.csv, items.parquet).

Every file is written to a temporary name beside its target and renamed into place, so that an
interrupted run never leaves a half-written file that looks complete.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from vnplan.schemas import PlanDocument

_UNSAFE = re.compile(r"[^\w.-]+")


def safe_stem(path: Path) -> str:
    """An output name that stays inside the output folder: no separators, no '..', NFC."""
    stem = unicodedata.normalize("NFC", path.stem)
    stem = _UNSAFE.sub("_", stem).strip("._") or "document"
    return stem[:120]


def atomic_write(target: Path, write: Callable[[Path], object]) -> None:
    """Run ``write`` on a temporary file in the target's folder, then rename it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:  # from the first statement on: a Ctrl-C while closing the descriptor must not leave the file behind
        os.close(fd)
        write(Path(temporary))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_document_json(document: PlanDocument, target: Path) -> None:
    text = document.model_dump_json(indent=2)
    atomic_write(target, lambda tmp: tmp.write_text(text + "\n", encoding="utf-8"))


def documents_frame(documents: Iterable[tuple[str, PlanDocument]]) -> pd.DataFrame:
    """All rows of a batch, one per table row, with the document's output name first."""
    frames = []
    for name, document in documents:
        frame = document.items_frame()
        frame.insert(0, "document", name)
        frame["legal_refs"] = frame["legal_refs"].map("; ".join)
        frame["pages"] = frame["pages"].map(lambda pages: ",".join(map(str, pages)))
        frame["inferred"] = frame["inferred"].map("; ".join)
        frame["corrections"] = frame["corrections"].map(
            lambda fixes: "; ".join(f"{fix['field']}: {fix['before']} -> {fix['after']}" for fix in fixes)
        )
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=["document"])
    return pd.concat(frames, ignore_index=True)


def write_batch_tables(frame: pd.DataFrame, out_dir: Path) -> None:
    # UTF-8 with a BOM: Excel opens Vietnamese text correctly only then.
    atomic_write(out_dir / "items.csv", lambda tmp: frame.to_csv(tmp, index=False, encoding="utf-8-sig"))
    atomic_write(out_dir / "items.parquet", lambda tmp: frame.to_parquet(tmp, index=False))


def replace_document_rows(out_dir: Path, name: str, document: PlanDocument) -> None:
    """After a reviewer's edit: the document's lines of items.csv/items.parquet replaced where they
    stood, every other document's lines left as they are. The Parquet copy is read back (it keeps
    the column types); both files are rewritten from it."""
    frame = pd.read_parquet(out_dir / "items.parquet")
    mine = (frame["document"] == name).to_numpy()
    at = int(mine.argmax()) if mine.any() else len(frame)  # where the document's first line was
    rest = frame[~mine].reset_index(drop=True)
    before = int((~mine[:at]).sum())
    fresh = documents_frame([(name, document)])
    parts = [part for part in (rest.iloc[:before], fresh, rest.iloc[before:]) if not part.empty]
    merged = pd.concat(parts, ignore_index=True) if parts else fresh
    write_batch_tables(merged, out_dir)
