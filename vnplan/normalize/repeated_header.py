"""A table header printed again on later pages is one header, however OCR damaged each copy.

Plans repeat the table's header on every page. Each copy is read by itself (its words, its cells,
its sums), and on a degraded scan the copies come out differently: "Kinh phí / Vốn đối ứng" on
one page, "Kính phí / Vốn đất ứng" (no role) or "7 : 'Kinhphí - cự / Vốn đối ứnz" (a second
total) on the next. Columns with different readings get different keys, so one column of the
table became two or three, and a table with two totals fills no v1 field at all.

A copy is the same header when it has the same columns at the same positions, most columns are
alike at their own position (labels alike, or named alike with the letters of one label standing in
the other), none names at its position a role of its own under other words, and no label is as
alike to another position's (a header printed in another order on another page, as OCR text exports
do, is not a copy). All copies of one header then take one reading: each column named as most
copies name it, a tie going to a naming no other column holds ("Vốn lông. -- ĐHép" read as a
second total on one page is "Vốn lồng ghép" on the next). Where a copy's own words named a column
otherwise, that reading stands over them, for both readers, and says so.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

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
        named_first = sorted(group, key=lambda i: (-sum(spec.role is not None for spec in fragment_specs[i]), i))
        reading = _one_reading([fragment_specs[i] for i in named_first])
        for index in group:
            out[index] = tuple(_as_read(spec, own) for spec, own in zip(reading, fragment_specs[index], strict=True))
    # headerless fragments inherit the reading of the header before them
    for index in range(1, len(out)):
        if not has_header[index]:
            out[index] = out[index - 1]
    return out


def _one_reading(copies: Sequence[tuple[ColumnSpec, ...]]) -> tuple[ColumnSpec, ...]:
    """Each position named as most copies name it (role, stage and period; a copy naming it no role
    has no say). Where copies tie, the naming no other position holds is taken ("Vốn lông. -- ĐHép"
    read as a second total on one page, "Vốn lồng ghép" on the next), then the first copy's.
    ``copies``: the copy naming most columns first."""
    votes = [Counter(_naming(c[p]) for c in copies if c[p].role is not None) for p in range(len(copies[0]))]
    leaders = [[naming for naming, n in count.items() if n == max(count.values())] for count in votes]
    settled = {p: names[0] for p, names in enumerate(leaders) if len(names) == 1}
    reading = []
    for position, names in enumerate(leaders):
        if not names:
            reading.append(copies[0][position])
            continue
        elsewhere = {naming for p, naming in settled.items() if p != position}
        ranked = sorted(names, key=lambda naming: naming in elsewhere)  # stable: copy order otherwise
        first_named = [c[position] for c in copies if _naming(c[position]) in names]
        reading.append(next(spec for spec in first_named if _naming(spec) == ranked[0]))
    return tuple(reading)


def _as_read(spec: ColumnSpec, own: ColumnSpec) -> ColumnSpec:
    """A copy's column as the header's one reading names it. Where its own words named it otherwise,
    the reading stands over them for the khuyến công reader too (which names columns by each page's
    words: "Nguôn vốn };hác" read as the total on one page had put that page's totals in the other
    sources' field), and says so."""
    if _naming(spec) == _naming(own):
        return spec
    note = (
        f"its header on one page reads '{own.label}' ({own.role or 'no role'}); the same header printed on another "
        f"page names it '{spec.label}'"
    )
    return replace(spec, note=spec.note or note, over_the_words=True)


def _naming(spec: ColumnSpec) -> tuple[str | None, str | None, str | None]:
    return spec.role, spec.stage, spec.period


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
        if _other_column(first[position], second[position], a, b, score):
            return False
        matched += score >= SAME_LABEL or _same_column_damaged(first[position], second[position], a, b)
    return labelled > 0 and matched >= MATCHED_SHARE * labelled


def _other_column(first: ColumnSpec, second: ColumnSpec, letters_a: str, letters_b: str, score: float) -> bool:
    """Two labels that each name a role, not the same, with no letters in common beyond chance: a
    column of its own ("Vốn NSNN" where the other page prints "Đơn vị thụ hưởng"), not damage (OCR
    garbles a label or loses it; it does not print another name)."""
    named = first.role is not None and second.role is not None and _naming(first) != _naming(second)
    return named and score < SAME_LABEL and fuzz.partial_ratio(letters_a, letters_b) < SAME_LABEL


def _same_column_damaged(first: ColumnSpec, second: ColumnSpec, letters_a: str, letters_b: str) -> bool:
    """One column whose label OCR damaged on one copy ("Hạng mục ˆ „m3 cai xẻ nà") or glued to a
    spanning parent ("Tôngmnhu . Cơ câu nguồn vôn / $#causvốn" for "Tổng nhu cầu vốn"): both
    copies name it alike (role, stage and period) and the letters of one stand in the other. Two
    tables' "Vốn sự nghiệp" and "Ngân sách địa phương", both read as the province's, are not."""
    return (
        first.role is not None
        and _naming(first) == _naming(second)
        and fuzz.partial_ratio(letters_a, letters_b) >= SAME_LABEL
    )


def _letters(label: str) -> str:
    return re.sub(r"[^0-9a-z]", "", label_key(label))
