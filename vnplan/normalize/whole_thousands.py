"""Tables in đồng whose amounts are all whole thousands, and readings that misread the last group.

Budget tables printed in đồng often round every amount to the thousand ("135.405.000"). On a
degraded scan the three zeros of the last group are the thinnest print of the cell, and OCR
reads them as other round glyphs ("135.495.009", "334.801.0065", "119.586.900"). Where the table
shows the rounding (``whole_thousands``), a reading's figure with its last group read as "000"
is one more candidate for the cell; it is only taken where the table's sums confirm it alone
(``readings``), never for the pattern's sake.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MIN_ROUNDED = 10  # amounts both readers agree on, in whole thousands: enough to show the rounding
MAX_OFF_SHARE = 0.1  # of those agreed amounts, at most this share may break it (misread ones)
_GROUP_MARKS = re.compile(r"[.,]")  # in đồng either mark groups: an amount in đồng has no decimals


def whole_thousands(agreed: Iterable[int]) -> bool:
    """The table's amounts in đồng (as both readers agree on them) are whole thousands."""
    values = [abs(v) for v in agreed if v]
    off = sum(v % 1000 != 0 for v in values)
    return len(values) - off >= MIN_ROUNDED and off <= MAX_OFF_SHARE * len(values)


def last_group_as_thousands(text: str | None) -> int | None:
    """The amount a reading in đồng of at least three groups says with its last group read as
    "000" ("135.405.0009" -> 135405000, "119.586.900" -> 119586000); None for another shape."""
    groups = _GROUP_MARKS.split("".join((text or "").split()))
    if len(groups) < 3 or not all(g.isdigit() for g in groups):
        return None
    if not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:-1]) or not 1 <= len(groups[-1]) <= 4:
        return None
    value = int("".join(groups[:-1]) + "000")
    return None if value == int("".join(groups)) else value
