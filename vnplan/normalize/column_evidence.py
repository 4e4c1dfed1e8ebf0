"""What a table's own cells say about its columns, beside their headers.

A header can be read wrong, or name nothing known. The cells are evidence too:

- a column whose header reads as text ("Phần đóng góp …" taken for a title) but whose cells are
  numbers holds numbers, and a column whose header reads as money but whose cells are words (the
  names of "Đơn vị thụ hưởng") holds text;
- a table names its rows in its longest texts: where no header says "Nội dung" / "Tên …", the
  text column with the longest cells is the title;
- numbers that add up: the money column that equals the sum of others on nearly every row is
  their total, and they are its parts (``roles_from_sums``); a part whose header names a source
  without a money word ("Sự nghiệp kinh tế") is that source;
- the narrative's totals per source: a column of no role whose grand total is the one stated for
  a source is that source (``roles_from_narrative``).

Every role this changes is noted on the column (``ColumnSpec.note``) and becomes a finding.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from statistics import mean

from rapidfuzz import fuzz

from vnplan.extract.number_text import figure_among_marks
from vnplan.normalize.broken_sums import ROWS_BEYOND_CHANCE, holds_beyond_chance
from vnplan.normalize.cells import is_bullet, is_total_label, split_code
from vnplan.normalize.column_model import ColumnSpec, is_number, label_key, parse_cell_number
from vnplan.normalize.header_meaning import role_from_words
from vnplan.normalize.identities import column_identities
from vnplan.normalize.numbers import Style
from vnplan.normalize.text import fold
from vnplan.schemas import Column, Finding
from vnplan.schemas.roles import ROLE_BY_V1_FIELD, SOURCE_ROLES

_NUMBERS = 0.8  # share of a column's filled cells that must be numbers to overrule a text header
_WORDS = 0.2  # ... at most, for a money header to be overruled by words
_TEXT_ROLES = frozenset({"title", "implementing_unit", "objective", "expected_result", "notes"})
# kinds a header gives to numbers, which a column of words overrules: money, and a percent or a
# quantity (a speck read as "%" after "Cơ quan, đơn vị chủ trì" under a streak)
_NUMBER_KINDS = frozenset({"money", "percent", "quantity"})
# A share printed as a percent stays within a few hundred; figures of thousands are amounts (a
# speck read as "%" at the edge of a money column's garbled parent label typed it a percent)
_LARGEST_PERCENT = 1000
_NO_PERCENTS = 0.8  # share of a percent column's numbers that must pass it to overrule the header


def _cells(spec: ColumnSpec, rows: Sequence[Sequence[str]]) -> list[str]:
    return [row[spec.position].strip() for row in rows if spec.position < len(row) and row[spec.position].strip()]


def checked_by_cells(
    specs: Sequence[ColumnSpec], rows: Sequence[Sequence[str]], style: Style | None = None
) -> list[ColumnSpec]:
    """Header roles the cells contradict, undone (the kind is then left to the cells)."""
    out = []
    for spec in specs:
        cells = _cells(spec, rows)
        numbers = sum(is_number(cell, style) for cell in cells)
        # a money column's figures among the marks of a streak are no words; a count with its unit
        # ("120 ha") is text to the khuyến công reader, and stays so
        figures = (
            sum(not is_number(cell, style) and figure_among_marks(cell) for cell in cells)
            if spec.kind == "money"
            else 0
        )
        if len(cells) >= 2 and spec.role in _TEXT_ROLES and numbers >= _NUMBERS * len(cells):
            note = f"its header reads as {spec.role}, but {numbers} of its {len(cells)} cells are numbers"
            spec = replace(spec, role=None, kind=None, note=note)
        elif (
            len(cells) >= 2
            and spec.kind in _NUMBER_KINDS
            and numbers + figures <= _WORDS * len(cells)
            and mean(len(cell) for cell in cells) >= 8
        ):
            note = f"its header reads as {spec.role or spec.kind}, but its cells are words"
            spec = replace(spec, role=None, kind="text", unit=None, multiplier=None, note=note)
        elif spec.kind == "percent" and (amounts := _beyond_any_percent(cells, style)):
            note = (
                f"its header reads as a percent, but {amounts} of its {len(cells)} cells are numbers no share reaches"
            )
            spec = replace(spec, role=None, kind=None, unit=None, multiplier=None, note=note)
        out.append(spec)
    return out


def _beyond_any_percent(cells: Sequence[str], style: Style | None) -> int:
    """How many of the cells are numbers no percent reaches, printed in thousands groups
    ("268.896"), where nearly all their nonzero numbers are (else 0). A share whose decimal comma
    OCR lost ("10000" for "100,00") prints no group and is no such evidence; cells OCR garbled are
    left out: they say nothing either way."""
    numbers = [(cell, value) for cell in cells if (value := parse_cell_number(cell, style))]
    large = sum(abs(value) >= _LARGEST_PERCENT and _GROUPED.search(cell) is not None for cell, value in numbers)
    return large if large >= 2 and large >= _NO_PERCENTS * len(numbers) else 0


_GROUPED = re.compile(r"\d[.,\s]\d{3}(?!\d)")  # a digit, a group mark, three digits: "268.896", "1,652,386"


_CODES = 0.8  # share of the first column's filled cells that must be row codes to make it the code column


def with_code(specs: list[ColumnSpec], rows: Sequence[Sequence[str]]) -> list[ColumnSpec]:
    """A table numbers its rows in its first column: where no header names the code column ("Mã
    số" in words nobody listed), a first column whose cells are row codes (I, II, 1, 1.1, a, a
    dash) is it, whatever its header says; read as numbers, its "1" and "1.1" became amounts.
    A column of plain integers is a code column only where they stay small (STT), never money."""
    if not specs or any(spec.role == "code" for spec in specs):
        return specs
    first = min(range(len(specs)), key=lambda i: specs[i].position)
    cells = _cells(specs[first], rows)
    # a code alone in its cell: "1. Đào tạo …" is a title with its code, not a code column
    coded = [code for code, rest in map(split_code, cells) if code is not None and not rest]
    bullets = sum(is_bullet(cell) for cell in cells)
    if len(cells) < 2 or len(coded) + bullets < _CODES * len(cells):
        return specs
    if coded and all(code.isdigit() for code in coded) and max(int(code) for code in coded) > _LARGEST_STT:
        return specs
    note = f"{len(coded)} of its {len(cells)} cells are row codes"
    specs = list(specs)
    specs[first] = replace(specs[first], role="code", kind="code", unit=None, multiplier=None, note=note)
    return specs


_LARGEST_STT = 999


def with_title(specs: list[ColumnSpec], rows: Sequence[Sequence[str]]) -> list[ColumnSpec]:
    """A table names its rows somewhere: where no header says "Nội dung" / "Tên dự án", the text
    column of no known role with the longest cells ("Chỉ tiêu thống kê", "Tên đơn vị"), else the
    first text column."""
    if any(spec.role == "title" for spec in specs):
        return specs
    texts = [i for i, spec in enumerate(specs) if spec.kind == "text" and spec.role != "unit_of_measure"]
    if not texts:
        return specs
    unnamed = [i for i in texts if specs[i].role is None]
    first = texts[0]
    # characters per row, blank cells counted: a title is written on nearly every row, while a
    # "Lưu ý" column of no known role holding one remark is no title however long the remark
    lengths = {i: sum(map(len, _cells(specs[i], rows))) / max(len(rows), 1) for i in {*unnamed, first}}
    best = max(unnamed, key=lambda i: (lengths[i], -i)) if unnamed else first
    if best != first and lengths[best] < 1.5 * lengths[first]:
        best = first  # not clearly longer: the first text column, as tables usually print it
    note = None if specs[best].role is None and best == first else "its cells are the longest texts of the table"
    specs[best] = replace(specs[best], role="title", note=specs[best].note or note)
    return specs


_TOTALS = frozenset({"total"})


def roles_from_sums(
    specs: Sequence[ColumnSpec], rows: Sequence[Sequence[str]], style: Style | None = None
) -> list[ColumnSpec]:
    """Totals and parts shown by the numbers: where a money column equals the sum of other money
    columns on nearly every row, it is their total; a column the words took for a second total,
    but that is one of the parts, is a part of unknown source; a column of unknown role that is
    the sum is the total. Where OCR misread too many rows for the sum to hold on nearly all, a
    column of unknown role is still the total if the sum holds beyond chance on the rows read
    clean (``_rows_held_beyond_chance``) and the table has no other."""
    money = [spec for spec in specs if spec.kind == "money"]
    if len(money) < 3:
        return list(specs)
    # Totals' roles are left out of the search (a column worded as a total may be a part of
    # another); the sources' are kept: a source is part of its period's total whatever its stage.
    columns = [
        Column(key=str(spec.position), label=spec.label, kind="money",
               role=spec.role if spec.role == "unit_price" or spec.role in SOURCE_ROLES else None,
               stage=spec.stage, period=spec.period)
        for spec in money
    ]  # fmt: skip
    values = [_row_values(money, row, style) for row in rows]
    by_position = {spec.position: spec for spec in specs}
    identities = column_identities(values, columns)
    kept_terms = {term for identity in identities if identity.kept for term in identity.terms}
    for identity in identities:
        result = by_position[int(identity.result)]
        parts = [by_position[int(term)] for term in identity.terms]
        if not identity.kept:
            # too many misread cells to keep the sum for checks, yet where it holds with several
            # figures on several rows it is no chance: a column of no role is their total, where
            # the table has none and the column is no part of a sum that holds (a subtotal)
            held, full = _rows_held_beyond_chance(values, identity.result, identity.terms)
            no_total = not any(spec.role in _TOTALS for spec in by_position.values() if spec.kind == "money")
            if (
                held
                and no_total
                and result.role is None
                and not (result.stage or result.period)
                and identity.result not in kept_terms
            ):
                note = f"it is the sum of {', '.join(repr(p.label) for p in parts)} on {held} of the {full} rows read in full"
                by_position[result.position] = replace(result, role="total", note=note)
                # its parts, now known to be money, named by their words as under a kept sum
                _sources_named_without_money(by_position, [p.position for p in parts], result.label or "their total")
            continue
        # a column of no role that is the sum is the total; one that names only a stage or period
        # ("Dự toán giao") is the total of that stage where its parts are funding sources (years
        # adding up to a period total are no such evidence: the period names that total itself)
        sources = all(part.role in SOURCE_ROLES for part in parts)
        if result.role is None and (sources or (not result.stage and not result.period)):
            by_position[result.position] = replace(
                result, role="total", note="it is the sum of " + ", ".join(f"'{p.label}'" for p in parts)
            )
        if result.role in (None, "total") or by_position[result.position].role == "total":
            for part in parts:
                if part.role in _TOTALS:
                    note = f"its header reads as a total, but it is a part of '{result.label}'"
                    by_position[part.position] = replace(part, role=None, note=note)
            _sources_named_without_money(by_position, [p.position for p in parts], result.label)
    return [by_position[spec.position] for spec in specs]


# Of the rows read in full, the share on which a sum must hold beyond chance (and on
# ``ROWS_BEYOND_CHANCE`` rows at least) for a column of no role to be taken for the total of others
# where misread cells are too many to keep the sum.
_BEYOND_CHANCE_SHARE = 0.5


def _rows_held_beyond_chance(values: Sequence[Mapping[str, int]], result: str, terms: Sequence[str]) -> tuple[int, int]:
    """(rows where ``result`` is the sum of ``terms`` with two non-zero terms at least, rows read in
    full) where the first are enough rows and at least half of the second; else (0, rows read in
    full). A row of one source equals its total under any sum: it is no evidence."""
    full = [row for row in values if result in row and all(term in row for term in terms)]
    held = [row for row in full if holds_beyond_chance(row[result], [row[term] for term in terms])]
    enough = len(held) >= ROWS_BEYOND_CHANCE and len(held) >= _BEYOND_CHANCE_SHARE * len(full)
    return (len(held) if enough else 0), len(full)


def _sources_named_without_money(by_position: dict[int, ColumnSpec], parts: Sequence[int], total: str) -> None:
    """The parts of a total whose header named no role, read again knowing they are money: a
    header that names a source only without a money word ("Sự nghiệp kinh tế", the state's
    recurrent funds) is that source, as it would be under a money parent ("Nguồn vốn / Sự nghiệp
    kinh tế"), where no other money column has that role. ``by_position`` is updated."""
    held = {spec.role for spec in by_position.values() if spec.kind == "money"}
    for position in parts:
        part = by_position[position]
        if part.role is not None:
            continue
        role = role_from_words(part.label.split(" / ")[-1], under_money=True)
        if role in SOURCE_ROLES and role not in held:
            note = f"its header names a source without a money word, and it is a part of '{total}'"
            by_position[position] = replace(part, role=role, note=note)
            held.add(role)


def _row_values(money: Sequence[ColumnSpec], row: Sequence[str], style: Style | None) -> dict[str, int]:
    """A row's money cells as whole numbers of the printed unit ×1000 (decimals kept), by position."""
    out = {}
    for spec in money:
        text = row[spec.position].strip() if spec.position < len(row) else ""
        value = parse_cell_number(text, style) if text not in ("-", "–", "—") else 0
        if value is not None:
            out[str(spec.position)] = int(value * 1000)
    return out


def evidence_findings(columns: Sequence[tuple[str, ColumnSpec]]) -> list[Finding]:
    """One finding per column whose role the cells decided, saying why."""
    return [
        Finding(
            severity="info",
            code="column-role-from-cells",
            message=f"column '{spec.label}' is read as {spec.role or spec.kind or 'of unknown role'}: {spec.note}",
            field=key,
        )
        for key, spec in columns
        if spec.note
    ]


_SCALES = (1, 10**3, 10**6, 10**9)


def roles_from_narrative(
    fragment_specs: Sequence[tuple[ColumnSpec, ...]],
    fragment_rows: Sequence[Sequence[Sequence[str]]],
    stated: Mapping[str, int],
    table_multiplier: int | None,
    style: Style | None = None,
) -> list[tuple[ColumnSpec, ...]]:
    """A money column whose header names no role ("Nhà nước hỗ trợ"), and whose figure in the
    grand-total row is the one the narrative states for a budget source ("ngân sách tỉnh
    4.257.533.000 đồng") and is no other money column's, is that source."""
    out = [tuple(specs) for specs in fragment_specs]
    found = _grand_total_row(fragment_rows)
    if found is None or not stated:
        return out
    index, row = found
    specs = out[index]
    money = [spec for spec in specs if spec.kind == "money"]
    values = {spec.position: _grand_total(spec, row, table_multiplier, style) for spec in money}
    held = {spec.role for spec in money}
    named: dict[str, tuple[str, str]] = {}  # label -> (role, note)
    for field, amount in stated.items():
        role = ROLE_BY_V1_FIELD[field].name
        matching = [spec for spec in money if amount in values[spec.position]]
        if role in held or len(matching) != 1 or matching[0].role is not None:
            continue
        note = f"its figure in the grand-total row is the {field} the narrative states ({amount:,} đồng)"
        named[matching[0].label] = (role, note.replace(",", "."))
        held.add(role)
    # the same header on the other pages names the same column
    return [
        tuple(
            replace(spec, role=named[spec.label][0], note=named[spec.label][1])
            if spec.label in named and spec.role is None and spec.kind == "money"
            else spec
            for spec in specs
        )
        for specs in out
    ]


def _grand_total_row(fragment_rows: Sequence[Sequence[Sequence[str]]]) -> tuple[int, Sequence[str]] | None:
    found = None
    for index, rows in enumerate(fragment_rows):
        for row in rows:
            texts = [cell.strip() for cell in row]
            if texts and split_code(texts[0])[0] is None and any(is_total_label(t) for t in texts if t):
                found = (index, row)
    return found


def _grand_total(spec: ColumnSpec, row: Sequence[str], table_multiplier: int | None, style: Style | None) -> set[int]:
    """The column's figure in the grand-total row in đồng, under each unit it may be printed in."""
    text = row[spec.position].strip() if spec.position < len(row) else ""
    value = parse_cell_number(text, style) if text else None
    if value is None:
        return set()
    scales = (spec.multiplier,) if spec.multiplier else (table_multiplier,) if table_multiplier else _SCALES
    return {int(value * scale) for scale in scales if scale and value * scale == int(value * scale)}


def sums_confirm_roles(specs: Sequence[ColumnSpec], rows: Sequence[Sequence[str]], style: Style | None) -> bool:
    """Whether a fragment's own rows confirm its money roles: its total column is the sum of its
    source columns on nearly every row tested."""
    money = [spec for spec in specs if spec.kind == "money"]
    totals = [spec for spec in money if spec.role == "total"]
    sources = [spec for spec in money if spec.role in SOURCE_ROLES]
    if len(totals) != 1 or len(sources) < 2 or len(sources) + 1 != len(money):
        return False
    values = [_row_values(money, row, style) for row in rows]
    tested = held = 0
    total, parts = str(totals[0].position), [str(spec.position) for spec in sources]
    for row in values:
        if total not in row or not any(part in row for part in parts) or not row[total]:
            continue
        tested += 1
        held += row[total] == sum(row.get(part, 0) for part in parts)
    return tested >= _CONFIRMING_ROWS and held >= _CONFIRMED * tested


_CONFIRMING_ROWS = 3
_CONFIRMED = 0.8


def roles_from_a_confirmed_page(
    fragment_specs: Sequence[tuple[ColumnSpec, ...]],
    rows: Sequence[Sequence[Sequence[str]]],
    own_header: Sequence[bool],
    style: Style | None = None,
) -> list[tuple[ColumnSpec, ...]]:
    """The columns of a page whose header OCR damaged, read as another page of the same table
    reads them, where that page's sums confirm its reading and this page's do not.

    A streak across a header can lose the rule between two labels, and the two run together
    ("Tổng hh›ằ Ngân sác§ cầu vốn Í#địa phương", read as the provincial budget, the column beside
    it left unnamed): the page's totals went to the provincial budget, its provincial budget
    nowhere, with every amount flagged but none right. It can take the header's upper row, leaving
    labels blank or cut to a line ("Vốn đối trng" for "Vốn đối ứng của chủ thể", read as a total):
    the page got columns of its own, the table two totals, and no row its v1 amounts.

    The pages of one table print their columns in one place. A page is read as the other only where
    its header's words are of the same header (``_same_words``), not printed in another order
    (``_reordered``), its own sums confirm nothing, and no column where money is at stake, nor one
    naming a role of its own, holds a label of its own (``_reading_there``): "Vốn đầu tư" of another
    table below the first, which shares only "STT", "Nội dung", "Tổng" with it, another year or
    stage, or words where the other page prints figures. As wide as the other page, every column is
    compared; a column narrower or wider (a rule lost or found among the text columns), only the
    money columns, where they stand at the same places. ``rows``: each fragment's body."""
    confirmed = [sums_confirm_roles(specs, body, style) for specs, body in zip(fragment_specs, rows, strict=True)]
    out = list(fragment_specs)
    sources = [i for i, ok in enumerate(confirmed) if ok and own_header[i]]
    for index, specs in enumerate(fragment_specs):
        if confirmed[index] or not own_header[index] or not sources:
            continue
        for source in sources:
            there = _columns_to_read_by(specs, fragment_specs[source])
            if there is None or not _same_words(specs, fragment_specs[source]):
                continue
            money = {spec.position: spec for spec in specs if spec.kind == "money"}
            if _reordered(money, {p: spec for p, spec in there.items() if spec.kind == "money"}):
                continue
            readings = {
                spec.position: _reading_there(spec, there[spec.position], rows[index])
                for spec in specs
                if spec.position in there
            }
            if any(
                reading == _OWN and _owns(spec, there[spec.position])
                for spec in specs
                if (reading := readings.get(spec.position))
            ):
                continue
            out[index] = tuple(
                _as_there(spec, there[spec.position]) if readings.get(spec.position) in (_ALIKE, _DAMAGED) else spec
                for spec in specs
            )
            break
    return out


def _columns_to_read_by(specs: Sequence[ColumnSpec], other: Sequence[ColumnSpec]) -> dict[int, ColumnSpec] | None:
    """The other page's columns this page may be read by, by position: all of them where the two
    are as wide; else (a rule lost or found among the text columns) its money columns, where they
    stand at this page's money positions; else None."""
    if [spec.position for spec in specs] == [spec.position for spec in other]:
        return {spec.position: spec for spec in other}
    there = {spec.position: spec for spec in other if spec.kind == "money"}
    return there if set(there) == {spec.position for spec in specs if spec.kind == "money"} else None


# How a column of a damaged page stands to the confirmed page's column at its place:
_SAME = "same"  # the same column, its label the same words
_ALIKE = "alike"  # the same column (role, stage, period, unit) under garbled words
_DAMAGED = "damaged"  # read as another column, its label damage: blank, or a copy or part of the label there
_OWN = "own"  # a label of its own


def _reading_there(spec: ColumnSpec, there: ColumnSpec, body: Sequence[Sequence[str]]) -> str:
    if _identity(spec) == _identity(there):
        return _SAME if label_key(spec.label) == label_key(there.label) else _ALIKE
    if (spec.stage, spec.period) != (there.stage, there.period) and (spec.stage or spec.period):
        return _OWN  # another stage or year ("Ước thực hiện 2024" beside "Kế hoạch 2025")
    if there.kind == "money" and spec.kind != "money" and not _figures_under(spec.position, body):
        return _OWN  # words where the other page prints figures: another table
    return _DAMAGED if _damaged_copy(spec.label, there) else _OWN


def _identity(spec: ColumnSpec) -> tuple[object, ...]:
    return (spec.role, spec.kind, spec.stage, spec.period, spec.multiplier)


def _owns(spec: ColumnSpec, there: ColumnSpec) -> bool:
    """A label of its own that forbids reading the page as the other: where money is at stake, or
    naming a role (a text column's "Chủ đầu tư" where the other prints "Ghi chú"). A text column
    under garbled words naming nothing is kept as read and forbids nothing."""
    return "money" in (spec.kind, there.kind) or spec.role is not None


def _figures_under(position: int, body: Sequence[Sequence[str]]) -> bool:
    """Most filled cells of the column are figures, however OCR damaged them ("4i.845.000"): more
    digits than letters."""
    cells = [row[position].strip() for row in body if position < len(row) and row[position].strip()]
    figures = [cell for cell in cells if sum(c.isdigit() for c in cell) > sum(c.isalpha() for c in cell)]
    return bool(cells) and len(figures) >= 0.5 * len(cells)


def _damaged_copy(label: str, there: ColumnSpec) -> bool:
    """A label read blank, holding most words of the label there ("Tổng nhu cầu vốn" inside a
    run-together cell), its upper level alone (``_lower_row_lost``), or made of that label's words,
    two at least, naming no source of its own (its other line lost: "Vốn đối trng" for "Vốn đối ứng của chủ thể"; not "Ngân sách tỉnh" for
    "Ngân sách trung ương hỗ trợ có mục tiêu")."""
    words, theirs = _words(label), _words(there.label)
    if not words or _share_held(theirs, words) >= _SAME_WORDS:
        return True
    if _lower_row_lost(label, there.label):
        return True
    held = sum(any(fuzz.ratio(word, other) >= _ALIKE_WORD for other in theirs) for word in words)
    named = role_from_words(label.split(" / ")[-1], under_money=True)
    return held >= 2 and held >= _SAME_WORDS * len(words) and not (named in SOURCE_ROLES and named != there.role)


def _lower_row_lost(label: str, there: str) -> bool:
    """A label of one level that is the level above the label there: the header's lower row lost
    under a streak ("Tiến đó" where the other page prints "Tiến độ / Khởi công")."""
    levels = there.split(" / ")
    if " / " in label or len(levels) < 2:
        return False
    upper, words = _words(" ".join(levels[:-1])), _words(label)
    return _share_held(upper, words) >= _SAME_WORDS and _share_held(words, upper) >= _SAME_WORDS


def _as_there(spec: ColumnSpec, there: ColumnSpec) -> ColumnSpec:
    if _identity(spec) == _identity(there):  # the same column under garbled words: nothing to say
        return replace(there, over_the_words=True)
    note = (
        f"its header on one page reads '{spec.label}' ({spec.role or 'no role'}); another page of the table, whose "
        f"sums confirm its columns, prints '{there.label}' there"
    )
    return replace(there, note=note, over_the_words=True)


def _reordered(money: Mapping[int, ColumnSpec], model: Mapping[int, ColumnSpec]) -> bool:
    """A label of the page is another money column's label of the other page, and holds few words
    of its own position's there: a header printed in another order (an OCR text export's pages,
    whose cells follow their own order; ``page_headers`` places such columns), not a damaged copy
    of one header. Two labels run together hold the words of both."""
    words = {p: _words(spec.label) for p, spec in model.items()}
    for position, spec in money.items():
        label = _words(spec.label)
        if not label:
            continue
        own = _share_held(words.get(position, set()), label)  # the other page may print no money there
        elsewhere = max((_share_held(other, label) for p, other in words.items() if p != position), default=0.0)
        if own < _SAME_WORDS <= elsewhere:
            return True
    return False


def _words(label: str) -> set[str]:
    """The words of a label's lowest level, folded."""
    return set(re.findall(r"[a-z]{2,}", fold(label.split(" / ")[-1])))


def _share_held(words: set[str], label: set[str]) -> float:
    """The share of ``words`` the label holds, each within a letter or two of OCR damage."""
    if not words:
        return 0.0
    return sum(any(fuzz.ratio(word, other) >= _ALIKE_WORD for other in label) for word in words) / len(words)


def _same_words(first: Sequence[ColumnSpec], second: Sequence[ColumnSpec]) -> bool:
    """Two headers print the same words, in whatever cells OCR put them: most words of the
    shorter are words of the longer (folded, letters only, OCR damage within a letter or two)."""
    words = [
        {word for spec in specs for word in re.findall(r"[a-z]{3,}", fold(spec.label))} for specs in (first, second)
    ]
    small, large = sorted(words, key=len)
    if not small:
        return False
    alike = sum(any(fuzz.ratio(word, other) >= _ALIKE_WORD for other in large) for word in small)
    return alike >= _SAME_WORDS * len(small)


_ALIKE_WORD = 75
_SAME_WORDS = 0.6
