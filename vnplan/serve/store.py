"""The output folder as the review app sees it: documents by name, each with a version, and
writes that keep the folder consistent.

A document's version is a digest of its JSON file: any change — an edit here, another tab, a
re-run of ``vnplan extract``, a hand edit — gives a new version, so a write based on an older
reading is refused (:class:`StaleVersion`) instead of overwriting what it never saw. Writes are
atomic and serialised: the JSON, the batch dataset (items.csv/.parquet) and the batch report
change together under one lock.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from vnplan.batch import CACHE_NAME, RESERVED_STEMS, update_report_entry
from vnplan.reviewing import decided, is_reviewed, proposal_of, reviewer_corrections
from vnplan.schemas import PlanDocument
from vnplan.writers import documents_frame, replace_document_rows, write_batch_tables, write_document_json

_NAME = re.compile(r"^[\w][\w.-]*$")  # what batch.output_names writes: no separators, no leading dot


class NotFound(LookupError):
    """No document of that name in the folder."""


class StaleVersion(Exception):
    """The document changed since the version the write was based on."""

    def __init__(self, name: str, current: str) -> None:
        super().__init__(
            f"{name} was changed elsewhere (another tab, or vnplan extract) since you loaded it: "
            "your change was not saved — reload to see the current version, then make it again"
        )
        self.current = current


@dataclass(frozen=True)
class Summary:
    """One line of the queue."""

    name: str
    version: str
    status: str
    kind: str
    pages: int
    rows: int
    errors: int
    warnings: int
    pending: int  # suggested readings nobody has taken or turned down
    low_confidence: int
    reviewer_edits: int
    verified_rows: int
    signed_off_by: str | None
    signed_off_at: str | None
    reviewed: bool
    problem: str = ""  # the file is not a readable vnplan document

    def urgency(self) -> tuple[int, ...]:
        """Sort key: what needs a person first — unreadable, then unsigned documents with the most
        errors and open suggestions; signed-off documents last."""
        signed = self.signed_off_by is not None
        return (not self.problem, signed, -self.errors, -self.pending, -self.warnings, -self.low_confidence)


def version_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


class DocumentStore:
    def __init__(self, out_dir: Path) -> None:
        self.out = out_dir.resolve()
        self._lock = threading.Lock()
        # Parsed documents by file identity (mtime, size): a 100-page document takes a tenth of a
        # second to validate, and every page image request needs its source path.
        self._parsed: dict[str, tuple[tuple[int, int], PlanDocument, bytes]] = {}
        self._summaries: dict[str, tuple[tuple[int, int], Summary]] = {}

    # --- reading -----------------------------------------------------------------------------

    def names(self) -> list[str]:
        """Document JSONs of the folder (not the batch report, the cache, or temporary files)."""
        return sorted(
            path.stem
            for path in self.out.glob("*.json")
            if path.is_file()
            and _NAME.match(path.stem)
            and path.stem not in RESERVED_STEMS
            and path.name not in (CACHE_NAME, "batch-report.json")
        )

    def path(self, name: str) -> Path:
        """The JSON of a document listed in the folder; anything else is not found (no path tricks)."""
        if not _NAME.match(name) or name not in self.names():
            raise NotFound(f"no document {name!r} in {self.out}")
        path = self.out / f"{name}.json"
        if path.resolve().parent != self.out:  # a symlink pointing out of the folder
            raise NotFound(f"no document {name!r} in {self.out}")
        return path

    def read(self, name: str) -> tuple[PlanDocument, str]:
        """The document and its version. Shared: callers copy before they change it (reviewing does)."""
        document, data = self.read_with_text(name)
        return document, version_of(data)

    def read_with_text(self, name: str) -> tuple[PlanDocument, bytes]:
        """The document and its JSON as stored (sent as is rather than serialised again)."""
        path = self.path(name)
        stat = path.stat()
        key = (stat.st_mtime_ns, stat.st_size)
        cached = self._parsed.get(name)
        if cached and cached[0] == key:
            return cached[1], cached[2]
        data = path.read_bytes()
        document = PlanDocument.model_validate_json(data)
        self._parsed[name] = (key, document, data)
        return document, data

    def summaries(self) -> list[Summary]:
        found = [self._summary(name) for name in self.names()]
        return sorted(found, key=lambda s: (*s.urgency(), s.name))

    def _summary(self, name: str) -> Summary:
        path = self.out / f"{name}.json"
        stat = path.stat()
        key = (stat.st_mtime_ns, stat.st_size)
        cached = self._summaries.get(name)
        if cached and cached[0] == key:
            return cached[1]
        try:
            document, data = self.read_with_text(name)
            summary = summarise(name, document, version_of(data))
        except ValidationError as error:
            data = path.read_bytes()
            summary = Summary(name, version_of(data), "unreadable", "", 0, 0, 0, 0, 0, 0, 0, 0, None, None, False,
                              problem=f"not a vnplan document ({error.error_count()} schema errors): "
                              f"run vnplan validate {path}")  # fmt: skip
        self._summaries[name] = (key, summary)
        return summary

    # --- writing -----------------------------------------------------------------------------

    def update(
        self, name: str, version: str, change: Callable[[PlanDocument], PlanDocument]
    ) -> tuple[PlanDocument, bytes]:
        """Apply ``change`` to the document if it is still at ``version``; write it and keep the
        batch's items.csv/.parquet and report in step. ``change`` may raise to refuse the edit.
        Returns the document and its JSON as now stored."""
        with self._lock:
            document, data = self.read_with_text(name)
            current = version_of(data)
            if version != current:
                raise StaleVersion(name, current)
            updated = change(document)
            if updated == document:
                return document, data
            write_document_json(updated, self.path(name))
            self._refresh_dataset(name, updated)
            update_report_entry(self.out, name, updated)
            return self.read_with_text(name)

    def _refresh_dataset(self, name: str, document: PlanDocument) -> None:
        if (self.out / "items.parquet").is_file():
            replace_document_rows(self.out, name, document)
            return
        # No dataset to update in place (the folder holds only JSONs): write it from every document.
        documents = []
        for other in self.names():
            if other == name:
                documents.append((name, document))
                continue
            try:
                documents.append((other, self.read(other)[0]))
            except (ValidationError, json.JSONDecodeError):
                continue
        write_batch_tables(documents_frame(documents), self.out)


def summarise(name: str, document: PlanDocument, version: str) -> Summary:
    findings = document.findings
    signed = document.review.signed_off
    # one reading may be suggested by two findings (the row's sum and its section's): counted once
    proposals = {(p.row_index, p.field, p.value): p for p in (proposal_of(document, f) for f in findings) if p}
    return Summary(
        name=name,
        version=version,
        status=document.status,
        kind=document.source.kind,
        pages=document.source.pages,
        rows=len(document.items),
        errors=sum(f.severity == "error" for f in findings),
        warnings=sum(f.severity == "warning" for f in findings),
        pending=sum(1 for p in proposals.values() if not decided(document, p)),
        low_confidence=sum(f.code == "low-confidence" for f in findings),
        reviewer_edits=reviewer_corrections(document),
        verified_rows=sum(row.verified is not None for row in document.items),
        signed_off_by=signed.by if signed else None,
        signed_off_at=signed.at.isoformat() if signed else None,
        reviewed=is_reviewed(document),
    )
