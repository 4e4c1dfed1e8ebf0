"""What an amount or a month cell of a scanned table may hold, as OCR text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

# "1.073.000", "4.050,8", "0", "-", and a negative in brackets as accounts print it ("(699.434.957)";
# "(1)" is a column's number).
# Printed amounts of four or more digits always carry thousands dots, so "2461" is a misread (of
# "246,1") to re-read.
NUMBER = re.compile(r"^(?:-|\d{1,3}(?:\.\d{3})*(?:,\d+)?|\((?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+)\))$")
# the characters of a number: the whitelist of number re-reads. Not the brackets of a negative: a
# cell border would be read as one; a reading of the digits alone agrees with the bracketed one.
DIGITS = "0123456789.,-"


def amount_value(text: str) -> Decimal | None:
    """An amount as printed ("1.272.550", "28,3"); None for a dash, a month-like bare 1–12, or text."""
    text = text.replace(" ", "")
    if not NUMBER.match(text) or text == "-" or (text.isdigit() and int(text) <= 12):
        return None
    value = Decimal(text.strip("()").replace(".", "").replace(",", "."))
    return -value if text.startswith("(") else value


def adds_up(values: Sequence[Decimal]) -> bool:
    """The biggest amount is the sum of the others (total = provincial + beneficiary + other).

    The column names are not known when a page is read, but in a budget row the biggest amount is
    the total of the others whatever the column order."""
    return len(values) < 3 or 2 * max(values) == sum(values)


def figure_among_marks(text: str) -> bool:
    """A figure OCR read with marks around it, as under a streak of specks ("; 707008 la",
    "803,43 Ø ' xà", "|.789,94"): no number as it stands, but at least FIGURE_DIGITS digits and
    more digits than letters. A cell of words ("Hộ kinh doanh", "60 hộ") holds more letters."""
    digits = sum(ch.isdigit() for ch in text)
    return (
        not DATE_LIKE.search(text)  # a date, a span of years, a share: no amount
        and not NUMBER.match(text.replace(" ", ""))
        and digits >= FIGURE_DIGITS
        and digits > sum(ch.isalpha() for ch in text)
    )


FIGURE_DIGITS = 3
# a month of a year or a date ("3/2025", "12-03-2024"), a span of years ("2021-2025"), a share ("100%")
# A figure grouped by threes, nothing else: "490.217", "2.345.678" ("2.345.6" and "78.000", a cell's
# two lines, joined), in either convention.
GROUPED_FIGURE = re.compile(r"^\d{1,3}(?:[.,]\d{3})+$")
DATE_LIKE = re.compile(r"\d\s*/\s*\d|\d{1,2}-\d{1,2}-\d{2,4}|(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d|%")
