"""Text exports laid out with spaces (``pdftotext -layout``, a print-to-text): tables found by the
gaps between their columns and turned into tab-separated rows, the shape ``text_export`` reads.

    layout_to_tabbed(text) -> text

In such a file a table row is one physical line whose cells are separated by runs of spaces, and a
cell too long for its column goes on in the same column of the lines below (``Trung tâm`` /
``Xúc tiến`` / ``Thương mại``), a narrow number even mid-number (``1.200.00`` / ``0``). So:

1. a table block starts at a line of three or more phrases (text separated by two or more spaces)
   and goes on over lines of two or more phrases and over single phrases that go on a row (no
   blank line before them);
2. its columns are the spans between the character positions no data line writes to;
3. a data row starts at a line writing to the block's first column; the lines below it that do
   not are its continuations, added cell by cell; a number cut by a narrow column is joined again
   only where the pieces make one grouped number (``1.200.00`` + ``0`` = ``1.200.000``);
4. the header lines above the first row become two rows, as a PDF's two-row header reads: the
   headings that span several columns (``Thời gian``, ``Trong đó``) in their first column, then
   every column's own heading, its lines joined.

Lines outside table blocks are left as they are (narrative).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PHRASE_GAP = re.compile(r"\S+(?: \S+)*")  # words separated by single spaces; two or more end a phrase
_GROUPED_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$|^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_NUMBER = re.compile(r"[\d.,]+")
MIN_TABLE_PHRASES = 3  # a line with this many phrases starts a table block
MIN_LAID_OUT_LINES = 3  # a text needs this many such lines to be read as laid out at all
MIN_COLUMN_GAP = 2  # character positions no data line writes to, between two columns


@dataclass(frozen=True)
class Phrase:
    start: int
    end: int
    text: str


def line_to_phrases(line: str) -> list[Phrase]:
    return [Phrase(m.start(), m.end(), m.group()) for m in _PHRASE_GAP.finditer(line)]


def is_laid_out(text: str) -> bool:
    """A text export without tabs whose tables are aligned with spaces."""
    if "\t" in text:
        return False
    wide = sum(len(line_to_phrases(line)) >= MIN_TABLE_PHRASES for line in text.splitlines())
    return wide >= MIN_LAID_OUT_LINES


def layout_to_tabbed(text: str) -> str:
    """The text with each table block's rows written as tab-separated cells."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        end = _block_end(lines, i) if len(line_to_phrases(lines[i])) >= MIN_TABLE_PHRASES else i
        if end == i:
            out.append(lines[i])
            i += 1
            continue
        start = _block_start(lines, i, len(out))
        del out[len(out) - (i - start) :]  # the heading lines above are the block's, not narrative
        out += block_to_rows(lines[start:end])
        i = end
    return "\n".join(out)


def _block_start(lines: list[str], first: int, available: int) -> int:
    """The block's first line: headings of two phrases (``Thời gian`` … ``Trong đó``) above its
    first wide line belong to it, blank lines between them included."""
    start = first
    i = first - 1
    while i >= first - available and i >= 0:
        phrases = line_to_phrases(lines[i])
        if len(phrases) >= 2:
            start = i
        elif phrases:
            break
        i -= 1
    return start


def _block_end(lines: list[str], start: int) -> int:
    """The index after a table block starting at ``start``."""
    end = start + 1
    blank_before = False
    i = start + 1
    while i < len(lines):
        phrases = line_to_phrases(lines[i])
        if not phrases:
            blank_before = True
        elif len(phrases) >= 2 or not blank_before:
            end = i + 1
            blank_before = False
        else:
            break  # a single phrase after a blank line: narrative again
        i += 1
    return end


def block_to_rows(lines: list[str]) -> list[str]:
    """A table block as tab-separated rows: header rows, then data rows with their continuations."""
    phrased = [line_to_phrases(line) for line in lines]
    margin = min(p[0].start for p in phrased if p)
    first_row = next((i for i, p in enumerate(phrased) if p and p[0].start == margin and _starts_row(p)), None)
    if first_row is None:
        return lines  # no row to take the columns from: leave the block as text
    columns = _columns([p for p in phrased[first_row:] if p])
    if len(columns) < MIN_TABLE_PHRASES:
        return lines
    numeric = _numeric_columns([p for p in phrased[first_row:] if p], columns)
    rows = _header_rows([p for p in phrased[:first_row] if p], columns)
    current: list[str] = []
    after_blank = False
    for phrases in phrased[first_row:]:
        if not phrases:
            after_blank = True
            continue
        placed = [(_place(phrase, columns), phrase.text) for phrase in phrases]
        # a new row: its first cell is written, or it has numbers where the row has some, or it
        # comes after a blank line with several cells (a cell's wrapped lines follow each other)
        starts = (
            phrases[0].start == margin or _new_numbers(current, placed, numeric) or (after_blank and len(phrases) > 1)
        )
        after_blank = False
        if not current or starts:
            if current:
                rows.append(current)
            current = [""] * len(columns)
        for column, text in placed:
            current[column] = _join(current[column], text)
    if current:
        rows.append(current)
    return ["\t".join(row) for row in rows]


def _new_numbers(row: list[str], placed: list[tuple[int, str]], numeric: set[int]) -> bool:
    """A line that writes numbers in a column of numbers where the row has one already is the next
    row (a total whose label sits in the second column), not a continuation: continuations carry
    text (``đoạn 2016 -`` / ``2020`` in a notes column), or the rest of a number a narrow column cut."""
    return any(
        column in numeric and _NUMBER.fullmatch(text) and row[column] and _join(row[column], text) != row[column] + text
        for column, text in placed
    )


def _numeric_columns(data: list[list[Phrase]], columns: list[tuple[int, int]]) -> set[int]:
    """Columns whose data are mostly numbers (amounts, months)."""
    counts: dict[int, list[int]] = {}
    for phrases in data:
        for phrase in phrases:
            tally = counts.setdefault(_place(phrase, columns), [0, 0])
            tally[0] += bool(_NUMBER.fullmatch(phrase.text))
            tally[1] += 1
    return {column for column, (numbers, total) in counts.items() if 2 * numbers >= total}


def _starts_row(phrases: list[Phrase]) -> bool:
    """A data row's first cell is a code (``1``, ``1.2``, ``II``, ``a)``) or a total's label."""
    first = phrases[0].text
    return bool(re.fullmatch(r"(?:\d+(?:\.\d+)*|[IVXLC]+|[a-zđ])[.)]?", first)) or first.lower().startswith("tổng")


def _columns(data: list[list[Phrase]]) -> list[tuple[int, int]]:
    """Spans (start, end) of the columns: what lies between gaps no data line writes to."""
    width = max(p[-1].end for p in data)
    written = [False] * width
    for phrases in data:
        for phrase in phrases:
            for x in range(phrase.start, phrase.end):
                written[x] = True
    columns: list[tuple[int, int]] = []
    x = 0
    while x < width:
        if not written[x]:
            x += 1
            continue
        start = x
        while x < width and (written[x] or (x + MIN_COLUMN_GAP <= width and any(written[x : x + MIN_COLUMN_GAP]))):
            x += 1
        columns.append((start, x))
    return columns


def _column_of(position: float, columns: list[tuple[int, int]]) -> int:
    """The column a position falls in; a gap between two columns is shared at its middle."""
    index = 0
    for i in range(1, len(columns)):
        if position >= (columns[i - 1][1] + columns[i][0]) / 2:
            index = i
    return index


def _place(phrase: Phrase, columns: list[tuple[int, int]]) -> int:
    return _column_of((phrase.start + phrase.end - 1) / 2, columns)


def _header_rows(header: list[list[Phrase]], columns: list[tuple[int, int]]) -> list[list[str]]:
    """The header as a PDF's two-row header reads: a heading over several columns (``Thời gian``
    over ``Bắt đầu`` and ``Kết thúc``) in the first of them on the first row, with the headings of
    the columns it does not cover; the headings under it on the second row. A column's heading
    lines are joined. A heading is over several columns when a line below it has two or more
    headings under its extent (widened by a quarter of its length on each side: centred text is
    narrower than the columns it names), in different columns."""
    if not header:
        return []
    top = [""] * len(columns)
    own = [""] * len(columns)
    under: set[int] = set()
    for index, phrases in enumerate(header):
        for phrase in phrases:
            covered = _columns_under(phrase, header[index + 1 :], columns)
            if len(covered) > 1:
                top[covered[0]] = _join(top[covered[0]], phrase.text)
                under.update(covered)
            else:
                column = _place(phrase, columns)
                own[column] = _join(own[column], phrase.text)
    if not under:
        return [own]
    second = [text if i in under else "" for i, text in enumerate(own)]
    first = [top[i] if i in under else text for i, text in enumerate(own)]
    return [first, second]


def _columns_under(phrase: Phrase, below: list[list[Phrase]], columns: list[tuple[int, int]]) -> list[int]:
    reach = (phrase.end - phrase.start) / 4
    low, high = phrase.start - reach, phrase.end + reach
    for phrases in below:
        hit = sorted({_place(q, columns) for q in phrases if q.start < high and low < q.end})
        if len(hit) > 1:
            return hit
    return []


def _join(cell: str, piece: str) -> str:
    """A cell's text and the next piece below it: with a space, or without where the two make one
    grouped number a narrow column cut (``1.200.00`` + ``0``)."""
    if not cell:
        return piece
    if cell[-1].isdigit() and piece[0].isdigit() and _GROUPED_NUMBER.match(cell + piece):
        return cell + piece
    return f"{cell} {piece}"
