"""What identifies the code that made an output, beyond its version number.

A result is reused on a re-run only when the code that made it is the same (``batch.Cache``). The
version number alone is not enough: an upgrade, or a checkout at another commit, that keeps
``__version__`` served the old outputs of an out folder as if they were new. The fingerprint is a
hash of every source and data file of the package, read once per process (a few milliseconds).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_SUFFIXES = frozenset({".py", ".txt"})  # the code and its word lists: what changes a result


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The fingerprint of this vnplan's code."""
    return fingerprint_of(_PACKAGE)


def fingerprint_of(package: Path) -> str:
    """12 hex digits of the SHA-256 of a package's files (their paths and contents, in order)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.is_file() and p.suffix in _SUFFIXES):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:12]
