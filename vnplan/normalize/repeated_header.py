"""A table header printed again on later pages is one header, however OCR damaged each copy.

Plans repeat the table's header on every page. Each copy is read by itself (its words, its cells,
its sums), and on a degraded scan the copies come out differently: "Kinh phí / Vốn đối ứng" on
one page, "Kính phí / Vốn đất ứng" (no role) or "7 : 'Kinhphí - cự / Vốn đối ứnz" (a second
total) on the next. Columns with different readings get different keys, so one column of the
table became two or three, and a table with two totals fills no v1 field at all.

A copy is the same header when it has the same columns at the same positions, most labels are
alike at their own position, and no label is as alike to another position's (a header printed in
another order on another page, as OCR text exports do, is not a copy). All copies of one header then take
the reading of the copy that names the most columns (the first of those on a tie).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from vnplan.normalize.column_model import ColumnSpec, label_key

# Letters of two labels (folded, no spaces or marks) at least this alike (rapidfuzz ratio): the
# same words read twice. "Kinh phí / NS tỉnh" and "7 : 'Kinhphí - cự / NS tỉnh" score 87.
SAME_LABEL = 70
# Share of the columns labelled in both copies whose labels must be alike at their own position.
MATCHED_SHARE = 0.75


def one_reading_per_header(
    fragment_specs: Sequence[tuple[ColumnSpec, ...]], has_header: Sequence[bool]
) -> list[tuple[ColumnSpec, ...]]:
    """Every fragment's specs, the copies of one repeated header given one reading."""
    groups: list[list[int]] = []
    for index, specs in enumerate(fragment_specs):
        if not has_header[index] or not specs:
            continue
        for group in groups:
            if same_header(fragment_specs[group[0]], specs):
                group.append(index)
                break
        else:
            groups.append([index])
    out = list(fragment_specs)
    for group in groups:
        if len(group) < 2:
            continue
        best = max(group, key=lambda i: (sum(spec.role is not None for spec in fragment_specs[i]), -i))
        for index in group:
            out[index] = fragment_specs[best]
    # headerless fragments inherit the reading of the header before them
    for index in range(1, len(out)):
        if not has_header[index]:
            out[index] = out[index - 1]
    return out


def same_header(first: Sequence[ColumnSpec], second: Sequence[ColumnSpec]) -> bool:
    """Whether two fragments' headers are copies of one header (see the module's docstring)."""
    if [spec.position for spec in first] != [spec.position for spec in second]:
        return False
    letters_a = [_letters(spec.label) for spec in first]
    letters_b = [_letters(spec.label) for spec in second]
    labelled = matched = 0
    for position, (a, b) in enumerate(zip(letters_a, letters_b, strict=True)):
        if not a or not b:
            continue
        labelled += 1
        score = fuzz.ratio(a, b)
        elsewhere = max(
            (fuzz.ratio(a, other) for j, other in enumerate(letters_b) if j != position and other), default=0.0
        )
        if elsewhere >= SAME_LABEL and elsewhere >= score:
            return False  # this label stands at another position there: another order of columns
        matched += score >= SAME_LABEL
    return labelled > 0 and matched >= MATCHED_SHARE * labelled


def _letters(label: str) -> str:
    return re.sub(r"[^0-9a-z]", "", label_key(label))
