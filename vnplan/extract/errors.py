"""Errors the extract stage raises; each carries an exit code and a hint that tells the user the fix.

The CLI (a colleague's module) turns any ``VnplanError`` into one log line and ``exit_code``.
"""

from __future__ import annotations


class VnplanError(Exception):
    """Base of every error vnplan reports to the user."""

    exit_code = 3

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint

    def __str__(self) -> str:
        base = super().__str__()
        return f"{base} ({self.hint})" if self.hint else base


class InputError(VnplanError):
    """The input file is unreadable, encrypted without the password, or of an unknown type."""

    exit_code = 1


class EnvironmentProblem(VnplanError):
    """A tool the program needs (Tesseract, its Vietnamese data) is missing or broken."""

    exit_code = 2
