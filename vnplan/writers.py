"""Writers: one JSON per document, and the batch dataset: items.csv/.parquet (one line per row,
wide, the v1 amount fields), amounts.csv/.parquet (one line per money cell, long, any table), and
a Frictionless data package descriptor (datapackage.json) that tells open-data tools what they hold.

Every file is written to a temporary name beside its target and renamed into place, so that an
interrupted run never leaves a half-written file that looks complete.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from vnplan.schemas import PlanDocument, Row
from vnplan.schemas.document import AMOUNTS_FRAME_FIELDS

_UNSAFE = re.compile(r"[^\w.-]+")


def safe_stem(path: Path) -> str:
    """An output name that stays inside the output folder: no separators, no '..', NFC."""
    stem = unicodedata.normalize("NFC", path.stem)
    stem = _UNSAFE.sub("_", stem).strip("._") or "document"
    return stem[:120]


def atomic_write(target: Path, write: Callable[[Path], object]) -> None:
    """Run ``write`` on a temporary file in the target's folder, then rename it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    # The name first, the file only inside the try: a Ctrl-C landing inside tempfile.mkstemp, after
    # it created the file and before it returned, left the file behind (seen in the Ctrl-C test).
    temporary = target.parent / f".{target.name}.{secrets.token_hex(8)}.tmp"
    try:
        write(temporary)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
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


def amounts_frame(documents: Iterable[tuple[str, PlanDocument]]) -> pd.DataFrame:
    """Every money cell of a batch, one per line, with the document's output name first."""
    frames = []
    for name, document in documents:
        frame = document.amounts_frame()
        frame.insert(0, "document", name)
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=["document", *AMOUNTS_FRAME_FIELDS])
    return pd.concat(frames, ignore_index=True)


def write_batch_tables(frame: pd.DataFrame, out_dir: Path, amounts: pd.DataFrame | None = None) -> None:
    tables = {"items": frame} | ({"amounts": amounts} if amounts is not None else {})
    for name, table in tables.items():
        write_table(table, out_dir, name)
    descriptor = json.dumps(data_package(tables), indent=1, ensure_ascii=False)
    atomic_write(out_dir / "datapackage.json", lambda tmp: tmp.write_text(descriptor + "\n", encoding="utf-8"))


def write_table(table: pd.DataFrame, out_dir: Path, name: str) -> None:
    # UTF-8 with a BOM: Excel opens Vietnamese text correctly only then.
    atomic_write(out_dir / f"{name}.csv", lambda tmp: table.to_csv(tmp, index=False, encoding="utf-8-sig"))
    atomic_write(out_dir / f"{name}.parquet", lambda tmp: table.to_parquet(tmp, index=False))


_FIELD_TYPES = {"Int64": "integer", "int64": "integer", "float64": "number", "boolean": "boolean", "bool": "boolean"}
_DESCRIPTIONS = {
    "items": "One line per table row of every document (the v1 amount fields, wide)",
    "amounts": "One line per money cell of every document (any table's columns, long)",
}


def data_package(tables: dict[str, pd.DataFrame]) -> dict[str, object]:
    """A Frictionless Data Package descriptor of the batch's CSV files (Table Schema types, field
    descriptions from the output contract)."""
    described = {name: field.description or "" for name, field in Row.model_fields.items()}
    described |= AMOUNTS_FRAME_FIELDS | {"document": "Output name of the document the line comes from"}
    resources = []
    for name, table in tables.items():
        fields = [
            {
                "name": column,
                "type": _FIELD_TYPES.get(str(table[column].dtype), "string"),
                "description": described.get(column, ""),
            }
            for column in table.columns
        ]
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "description": _DESCRIPTIONS[name],
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "schema": {"fields": fields, "missingValues": [""]},
            }
        )
    return {"name": "vnplan-batch", "profile": "tabular-data-package", "resources": resources}


def replace_document_rows(out_dir: Path, name: str, document: PlanDocument) -> None:
    """After a reviewer's edit: the document's lines of items and amounts (.csv/.parquet) replaced
    where they stood, every other document's lines left as they are. The Parquet copies are read
    back (they keep the column types); every file is rewritten from them."""
    items = _replaced(out_dir / "items.parquet", name, documents_frame([(name, document)]))
    amounts_path = out_dir / "amounts.parquet"
    amounts = _replaced(amounts_path, name, amounts_frame([(name, document)])) if amounts_path.exists() else None
    write_batch_tables(items, out_dir, amounts)


def _replaced(path: Path, name: str, fresh: pd.DataFrame) -> pd.DataFrame:
    frame = pd.read_parquet(path)
    mine = (frame["document"] == name).to_numpy()
    at = int(mine.argmax()) if mine.any() else len(frame)  # where the document's first line was
    rest = frame[~mine].reset_index(drop=True)
    before = int((~mine[:at]).sum())
    parts = [part for part in (rest.iloc[:before], fresh, rest.iloc[before:]) if not part.empty]
    return pd.concat(parts, ignore_index=True) if parts else fresh
