"""The column model of a table, read from its header: per column the header as printed, what it
holds (kind), its role, the stage and period it names, and its unit.

A multi-row header is read per column from top to bottom: a cell left blank in an upper row under
which the lower row goes on belongs to the spanning cell on its left ("Trong đó" over "NS tỉnh" and
"Đối ứng"), and the levels are joined with " / ". The role comes from the lowest level that names
one, the stage ("Kế hoạch", "Dự toán", "Lũy kế" …) and the period ("năm 2021", "2021-2025") from
any level, the unit from any level ("(triệu đồng)", "(%)", "(người)").

A table is read the khuyến công way (cells typed by content, the v1 identity arbitrating) only when
its model fits that family; any other table is read by the positions its header gives.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from rapidfuzz import fuzz

from vnplan.normalize.columns import match_column, names_column, stage_in
from vnplan.normalize.header_meaning import names_money, names_year
from vnplan.normalize.numbers import Style, Unit, parse_number, parse_wrapped_number, unit_from_words
from vnplan.normalize.syllables import rejoin_split_syllables
from vnplan.normalize.text import fold
from vnplan.schemas.roles import ROLE_BY_NAME, ROLES, STAGES, ColumnKind

_KEY_ROLE = {role.v1_field or role.name: role.name for role in ROLES}
_PARENT_ROLES = frozenset({"split", "time"})
_YEAR = r"(?:19|20)\d{2}"
_PERIOD = re.compile(
    rf"(?:giai\s*doan\s*)?(?P<span>{_YEAR}\s*[-–/]\s*{_YEAR})"
    rf"|(?:den|het)\s+(?:het\s+)?(?:ngay\s+|nam\s+)?(?P<until>(?:\d{{1,2}}/)?(?:\d{{1,2}}/)?{_YEAR})"
    rf"|(?P<year>{_YEAR})"
)
_PARENTHESES = re.compile(r"\(([^()]*)\)")
_NUMBERING = re.compile(r"^[\d\s()+=*x×:/.-]*$")  # "(1)", "(3)=(4)+(5)": a column's number, not a unit
_PERCENT = re.compile(r"%")
_SAYS_TOTAL = re.compile(r"\b(?:tong|cong)\b")  # "Tổng số", "Cộng": a total even under "Trong đó"


@dataclass(frozen=True)
class ColumnSpec:
    position: int
    label: str
    role: str | None = None
    kind: ColumnKind | None = None  # None until the rows tell (numbers or text)
    stage: str | None = None
    period: str | None = None
    unit: str | None = None  # as printed in the header
    multiplier: int | None = None  # đồng per printed unit, for money with a unit in its header
    note: str | None = None  # why the cells overruled the header's role (``column_evidence``)
    # the role is another page's, whose sums confirm it, over this page's damaged header words: the
    # khuyến công reader, which names columns by the words, takes it too
    over_the_words: bool = False


def header_levels(header_rows: Sequence[Sequence[str]]) -> list[list[str]]:
    """Per column position, the header cells above it from top to bottom (blanks left out).

    A lower row is a level of the header only when most of its cells name columns: the stitching
    may take a data row cut by a page break for a header row, which says nothing of the columns."""
    header_rows = [row for depth, row in enumerate(header_rows) if depth == 0 or _names_columns(row)]
    width = max((len(row) for row in header_rows), default=0)
    rows = [list(row) + [""] * (width - len(row)) for row in header_rows]
    levels: list[list[str]] = [[] for _ in range(width)]
    for depth, row in enumerate(rows):
        # A column "goes on below" where any lower row names it, not only the next one: in a
        # three-row header the last child under "Trong đó" is blank in the middle row too.
        goes_on = [any(lower[position] for lower in rows[depth + 1 :]) for position in range(width)]
        for position in range(width):
            text = row[position]
            if not text and goes_on[position]:
                text = _spanning_parent(row, goes_on, position)
            if text:
                levels[position].append(text)
    return levels


def _names_columns(row: Sequence[str]) -> bool:
    filled = [cell for cell in row if cell]
    return bool(filled) and sum(names_column(cell) for cell in filled) >= 0.5 * len(filled)


def _spanning_parent(row: Sequence[str], goes_on: Sequence[bool], position: int) -> str:
    """The cell on the left that spans over ``position``: the nearest filled one whose own column
    also goes on in a lower row (a parent over several children), else nothing."""
    for left in range(position - 1, -1, -1):
        if row[left]:
            return row[left] if goes_on[left] else ""
        if not goes_on[left]:
            return ""
    return ""


def period_in(text: str) -> str | None:
    """The period a header names: "2021", "2021-2025", "đến 31/12/2020" (as "until 31/12/2020")."""
    match = _PERIOD.search(fold(text))
    if not match:
        return None
    if match.group("span"):
        return re.sub(r"\s*[-–/]\s*", "-", match.group("span"))
    if match.group("until"):
        return f"until {match.group('until')}"
    return match.group("year")


_STAGE_WORDS = tuple(re.compile(rf"\b{word}\b") for _, words in STAGES for word in words)


def _without_stage_and_period(text: str) -> str:
    folded = " ".join(fold(text).split())
    for word in _STAGE_WORDS:  # one after the other, in order: a word removed may uncover the next
        folded = word.sub(" ", folded)
    folded = _PERIOD.sub(" ", folded)
    folded = re.sub(r"\b(?:nam|giai doan|den het|den|het|ngay|von)\b", " ", folded)
    return " ".join(folded.split())


_LONGEST_HEADER = 80  # a longer cell is running text (a data row taken for a header), not a column name


# Units of measure a header or a ĐVT line names that are not money (common Vietnamese units).
QUANTITY_UNITS = frozenset(
    {"nguoi", "ha", "tan", "kg", "km", "m2", "m3", "con", "ho", "luot", "cai", "bo", "chiec", "diem", "lop", "buoi",
     "ngay", "thang", "nam", "lao dong"}
)  # fmt: skip


def _is_unit_note(inner: str) -> bool:
    """A bracket that only states a unit or a column number: "(đồng)", "(%)", "(người)", "(3)=(1)+(2)"."""
    inner = inner.strip()
    folded = " ".join(fold(inner).split())
    return (
        bool(_NUMBERING.match(inner)) or "%" in inner or unit_from_words(inner) is not None or folded in QUANTITY_UNITS
    )


def role_of(text: str, *, under_money: bool = False) -> str | None:
    """The role a header cell names, stage and period words and unit notes aside ("Dự toán 2025"
    names none, "Số tiền (đồng)" names the amount). ``under_money``: the cell stands under a
    parent naming money or its split ("Trong đó / Nhà nước hỗ trợ")."""
    if len(text) > _LONGEST_HEADER:
        return None
    bare = _PARENTHESES.sub(lambda m: " " if _is_unit_note(m.group(1)) else m.group(0), text).strip()
    text = bare or text
    key, _ = match_column(text, under_money=under_money)
    if stage_in(text) or period_in(text):
        rest = _without_stage_and_period(text)
        key = match_column(rest, under_money=under_money)[0] if rest else None
    return _KEY_ROLE.get(key) if key else None


def unit_in(text: str) -> tuple[ColumnKind, str, int | None] | None:
    """(kind, unit as printed, đồng multiplier) where a header cell names its unit."""
    money = unit_from_words(text)
    if money is not None:
        return "money", money.label, money.multiplier
    if _PERCENT.search(text):
        return "percent", "%", None
    for inner in _PARENTHESES.findall(text):
        inner = inner.strip()
        if inner and not _NUMBERING.match(inner) and len(inner) <= 20:
            return "quantity", inner, None
    return None


def quantity_unit(text: str) -> str | None:
    """A non-money unit a unit line or a header states ("ĐVT: người", "Số lao động (người)")."""
    folded = " ".join(fold(text).split()).strip(" .:;()")
    return text.strip(" .:;()") if folded in QUANTITY_UNITS else None


def split_levels(levels: Sequence[str]) -> list[str]:
    """Levels a single cell holds: a multi-row header flattened into one cell by an export
    ("Kế hoạch năm 2022 / NSTW"), or a parent written before its child ("Trong đó: NS tỉnh")."""
    out: list[str] = []
    for level in levels:
        for part in (p.strip() for p in level.split(" / ")):
            head, colon, rest = part.partition(":")
            if colon and rest.strip() and match_column(head.strip())[0] == "split":
                out += [head.strip(), rest.strip()]
            elif part:
                out.append(part)
    return out


def describe_column(position: int, levels: Sequence[str]) -> ColumnSpec:
    label = " / ".join(levels)
    # read with the words OCR cut in two joined again ("Kế hoạch năm 2 024"); labelled as printed
    levels = split_levels([rejoin_split_syllables(level) for level in levels])
    upper = [role_of(level) for level in levels[:-1]]
    under_money = any(r == "split" or (r is not None and ROLE_BY_NAME[r].kind == "money") for r in upper)
    roles = [role_of(levels[-1], under_money=under_money), *reversed(upper)] if levels else []  # lowest first
    # A text role names its own column only: "Kết quả thống kê" over "Đơn vị tính | Số liệu" says
    # nothing of what "Số liệu" holds, while "Kinh phí" over "Tổng | NS tỉnh" names money.
    roles = [r if depth == 0 or not _is_text_role(r) else None for depth, r in enumerate(roles)]
    role = next((r for r in roles if r and r not in _PARENT_ROLES), None)
    if role is None and "time" in roles:  # "Thời gian" alone: its cells hold the months
        role = "time"
    # "NSTW / Tổng", "TMĐT / Tổng số": the total of a source (or of the investment) is that source.
    # Not for the khuyến công family's words: "Kinh phí khuyến công" over "Tổng | …" names the money.
    above = [r for r in roles if r and r not in V1_FAMILY_ROLES and ROLE_BY_NAME[r].kind == "money"]
    if role == "total" and above:
        role = above[0]
    stage = next((s for s in (stage_in(level) for level in reversed(levels)) if s), None)
    period = next((p for p in (period_in(level) for level in reversed(levels)) if p), None)
    kind = ROLE_BY_NAME[role].kind if role else None
    # Under "Trong đó" / "Chia ra" a column is a part of the money above it: a bare money word there
    # ("Kinh phí thực hiện chế độ tự chủ", "Vốn đầu tư") names an unnamed source, not the total.
    if role == "total" and len(levels) > 1 and upper[-1] == "split" and not _SAYS_TOTAL.search(fold(levels[-1])):
        role = None
    if role in ("start_month", "end_month") and re.search(r"\bnam\b", fold(levels[-1] if levels else "")):
        role, kind = None, "period"  # "Năm khởi công", "Năm hoàn thành": years, not months
    unit = next((u for u in (unit_in(level) for level in reversed(levels)) if u), None)
    # A non-money unit overrides a role that is money only by default ("Có mặt / Tổng số (người)");
    # any other bracket beside a money role ("Tổng KP (nguồn KC tỉnh)") is no unit.
    if role in (None, "total") and unit is not None and unit[0] == "quantity" and quantity_unit(unit[1]):
        kind = None
    spec = ColumnSpec(position, label, role, kind, stage, period)
    if (
        unit is not None
        and kind in (None, "money", "quantity", "percent")
        and not (kind == "money" and unit[0] != "money")
    ):
        unit_kind, printed, multiplier = unit
        # A money role keeps its kind whatever the unit says; a role-less column takes the unit's.
        spec = replace(spec, kind=kind or unit_kind, unit=printed, multiplier=multiplier)
    return spec


def _is_text_role(role: str | None) -> bool:
    return role is not None and ROLE_BY_NAME[role].kind == "text"


def header_to_specs(header_rows: Sequence[Sequence[str]]) -> list[ColumnSpec]:
    return [describe_column(i, levels) for i, levels in enumerate(header_levels(header_rows))]


def resolve_kinds(
    specs: Sequence[ColumnSpec], rows: Sequence[Sequence[str]], table_unit: Unit | None, style: Style | None = None
) -> list[ColumnSpec]:
    """Kinds the header left open, decided by the table: numbers under a column with no role are
    money where the table states a money unit (or names stages of money), per row where a ĐVT
    column gives each row its unit, and plain quantities otherwise (scores, counts); text is text,
    and so is a column of words with a few small whole numbers among them (months shifted in)."""
    has_row_units = any(spec.role == "unit_of_measure" for spec in specs)
    money_table = table_unit is not None or any(spec.kind == "money" for spec in specs)
    resolved = []
    for spec in specs:
        if spec.kind is not None:
            resolved.append(spec)
            continue
        if spec.role == "time":  # "Thời gian" printed without its Bắt đầu / Kết thúc children
            resolved.append(replace(spec, kind="month"))
            continue
        cells = [row[spec.position] for row in rows if spec.position < len(row) and row[spec.position]]
        numeric = sum(is_number(cell, style) for cell in cells)
        # dashes are no numbers beside words: a code column's bullets ("I", "-", "-", "II") are text
        # (a column of dashes alone is left to the rules below: it names nothing)
        # nor are a few small whole numbers among notes ("Lồng ghép", "Đã thẩm định") money: a
        # streak taken for a rule shifts a row's months into the notes column, where they read as
        # millions (a money column printing a word or two beside its figures keeps its kind)
        figures = [cell.strip() for cell in cells if is_number(cell, style) and cell.strip() not in _DASHES]
        worded = sum(_is_words(cell, style) for cell in cells) if all(_SMALL_WHOLE.fullmatch(f) for f in figures) else 0
        if (
            not cells
            or numeric < 0.5 * len(cells)
            or (numeric < len(cells) and all(cell.strip() in _DASHES for cell in cells if is_number(cell, style)))
            or worded >= max(_WORD_CELLS, _WORD_SHARE * len(cells))
        ):
            resolved.append(replace(spec, kind="text"))
        elif all(
            _is_year(cell, spec.label, style)
            for cell in cells
            if is_number(cell, style) and cell.strip() not in _DASHES
        ):
            resolved.append(replace(spec, kind="period"))  # "Năm KC | Năm HT": 2021, 2023 are years, not money
        elif sum(cell.strip().endswith("%") for cell in cells) >= 0.5 * len(cells):
            resolved.append(replace(spec, kind="percent", unit="%"))
        elif has_row_units:
            resolved.append(replace(spec, kind="mixed", unit="per row"))
        elif money_table or _money_stage(spec):
            resolved.append(replace(spec, kind="money"))
        else:
            resolved.append(replace(spec, kind="quantity"))
    return resolved


# Cells of words (four letters or more, no number) that make a column of no known header text:
# at least two, and a quarter of its filled cells (OCR's marks under a streak are shorter).
_WORD_CELLS = 2
_WORD_SHARE = 0.25
_SMALL_WHOLE = re.compile(r"\d{1,2}")  # a month, a count: no money figure of a plan


def _is_words(cell: str, style: Style | None) -> bool:
    text = cell.strip()
    return sum(c.isalpha() for c in text) >= 4 and not is_number(text, style)


# Stages that are money by their nature ("Dự toán", "Giải ngân", "Quyết toán", "Vốn đã bố trí"); a
# plan or an outturn ("Kế hoạch | Thực hiện") may count classes or people as well as đồng.
_MONEY_STAGES = frozenset({"estimate", "disbursed", "settlement", "allocated", "closing_balance", "opening_balance"})


def _money_stage(spec: ColumnSpec) -> bool:
    return spec.stage in _MONEY_STAGES or (spec.stage is not None and names_money(spec.label))


_DASHES = ("-", "–", "—")
# "12,345": three decimals in a large unit ("tỷ đồng, 3 decimals") or a thousands group in đồng.
ONE_COMMA_GROUP = re.compile(r"^\d{1,3},\d{3}$")
_YEAR_VALUE = re.compile(r"^(?:19|20)\d{2}$")


def _is_year(cell: str, header: str, style: Style | None) -> bool:
    """A year as printed ("2021"), or, under a header that names a year and prints none ("Năm khởi
    công", not "Năm 2024", whose cells are that year's money), a whole number of the years' range
    in any print: a spreadsheet may group its digits ("2.021")."""
    if _YEAR_VALUE.match(cell.strip()):
        return True
    value = parse_cell_number(cell, style) if names_year(header) and not period_in(header) else None
    return value is not None and value == value.to_integral_value() and 1900 <= value < 2100


def is_number(text: str, style: Style | None = None) -> bool:
    return (
        parse_cell_number(text, style) is not None
        or text.strip() in _DASHES
        or bool(ONE_COMMA_GROUP.match(text.strip()))
    )


def parse_cell_number(text: str, style: Style | None = None) -> Decimal | None:
    """A cell's one number: "1.073.000", "51,8", "51,8%", "(699.434.957)" (see ``parse_number``)."""
    cleaned = text.strip().rstrip("%").strip()
    value = parse_number(cleaned, style)
    return value if value is not None else parse_wrapped_number(cleaned, style)


def _counted_in(spec: ColumnSpec, unit: str | None) -> ColumnSpec:
    if unit and spec.kind == "money" and spec.role in (None, "total") and spec.multiplier is None:
        return replace(spec, kind="quantity", unit=unit)
    return spec


V1_FAMILY_ROLES = frozenset({"total", "provincial_budget", "beneficiary", "other"})


def fits_v1_family(specs: Sequence[ColumnSpec]) -> bool:
    """True when the khuyến công reader can read the table: its named money columns are the four
    v1 roles, each at most once, over one period at most ("Tổng dự toán" is a total, "Dự toán 2024 |
    Dự toán 2025" two estimates), and no column holds quantities, percents or units per row."""
    # Columns whose header names nothing (OCR-damaged cells) are left to the content typing.
    named = [spec for spec in specs if spec.role not in (None, *_PARENT_ROLES) or spec.stage or spec.period]
    money = [spec for spec in named if spec.kind == "money"]
    roles = [spec.role for spec in money]
    if any(role not in V1_FAMILY_ROLES for role in roles) or len(roles) != len(set(roles)):
        return False
    if len({spec.period for spec in money if spec.period}) > 1:
        return False
    if any(spec.kind == "period" for spec in specs):  # "Năm khởi công": years the family has no column for
        return False
    return not any(spec.kind in ("quantity", "percent", "mixed") or spec.role == "unit_of_measure" for spec in named)


@dataclass(frozen=True)
class TableModel:
    """The columns of the whole table: each header fragment's specs, and one key per column."""

    fits_v1: bool
    fragment_specs: tuple[tuple[ColumnSpec, ...], ...]  # per fragment (a headerless one inherits)
    fragment_keys: tuple[tuple[str, ...], ...]
    columns: tuple[tuple[str, ColumnSpec], ...]  # (key, spec) in order of first appearance


def region_to_model(
    header_rows: Sequence[Sequence[Sequence[str]]],
    rows: Sequence[Sequence[Sequence[str]]],
    table_unit: Unit | None,
    style: Style | None = None,
    stated_quantity_unit: str | None = None,
    stated_totals: Mapping[str, int] | None = None,
) -> TableModel:
    """One model from every fragment's header rows and data rows (both per fragment, in order).

    ``stated_quantity_unit``: a non-money unit the document states for the table ("ĐVT: người");
    where no money unit is stated, its totals and unnamed columns count that unit, not money.
    ``stated_totals``: the totals per v1 amount field the narrative states (in đồng)."""
    from vnplan.normalize.column_evidence import roles_from_a_confirmed_page

    fragment_specs: list[tuple[ColumnSpec, ...]] = []
    worded: list[list[ColumnSpec]] = []  # each header's reading by its words alone
    previous: tuple[ColumnSpec, ...] = ()
    counted = stated_quantity_unit if table_unit is None else None
    described: dict[tuple[tuple[str, ...], ...], list[ColumnSpec]] = {}  # a header printed on every page is read once
    for header, body in zip(header_rows, rows, strict=True):
        key = tuple(tuple(cells) for cells in header)
        if header and key not in described:
            described[key] = header_to_specs(header)
        specs = (
            tuple(_counted_in(spec, counted) for spec in _read_specs(list(described[key]), body, table_unit, style))
            if header
            else previous
        )
        if header:
            by_words = [_counted_in(s, counted) for s in resolve_kinds(list(described[key]), body, table_unit, style)]
            # The family is told by the header's words, unless the cells stand under their headers
            # (a born-digital or Word table) and contradict those words where the checked reading fits.
            fit_checked, fit_words = cells_fit(specs, body, style), cells_fit(by_words, body, style)
            positional = fit_checked >= _CELLS_FIT
            chosen = list(specs) if positional and fit_checked > fit_words else by_words
            # money under a header that names nothing known, in a table whose cells keep their
            # columns, is read where it stands, not left to the family's content typing
            if positional and any(_unnamed_money(spec) for spec in specs):
                chosen = []
            # nor is a table with no money at all (counts, scores) read under the family's names
            if positional and not any(spec.kind in ("money", "mixed") for spec in specs):
                chosen = []
            worded.append(chosen)
        fragment_specs.append(specs)
        previous = specs
    fragment_specs = _first_header_read_backward(fragment_specs, header_rows, rows)
    if stated_totals:
        from vnplan.normalize.column_evidence import roles_from_narrative

        multiplier = table_unit.multiplier if table_unit else None
        fragment_specs = roles_from_narrative(fragment_specs, rows, stated_totals, multiplier, style)
    from vnplan.normalize.repeated_header import one_reading_per_header

    fragment_specs = one_reading_per_header(fragment_specs, [bool(header) for header in header_rows])
    fragment_specs = roles_from_a_confirmed_page(fragment_specs, rows, [bool(header) for header in header_rows], style)
    fragment_specs = _roles_shared_by_label(fragment_specs)
    columns, fragment_keys = _key_columns(fragment_specs)
    # Most headers decide: one header damaged by OCR or misread does not change how a table is read.
    fits = sum(bool(specs) and fits_v1_family(specs) for specs in worded) >= 0.5 * len(worded)
    return TableModel(fits, tuple(fragment_specs), tuple(fragment_keys), tuple(columns))


def _first_header_read_backward(
    fragment_specs: list[tuple[ColumnSpec, ...]],
    header_rows: Sequence[Sequence[Sequence[str]]],
    rows: Sequence[Sequence[Sequence[str]]],
) -> list[tuple[ColumnSpec, ...]]:
    """The pages of a table before its first header read: a first page whose header OCR could not
    read (held-out Augraphy seed 11801 h05 p.3, "“ thứ | '*“ “WPnXvfchủ tr: ”” …" under streaks)
    had no columns at all, and its rows lost every title and amount, while the next page printed
    the same header clean. A page before it whose rows have that header's columns, one for one,
    is read by it, as a page after it is."""
    first = next((index for index, header in enumerate(header_rows) if header), None)
    if not first or not fragment_specs[first]:
        return fragment_specs
    width = max(spec.position for spec in fragment_specs[first]) + 1
    read = list(fragment_specs)
    for index in range(first):
        if rows[index] and all(len(row) == width for row in rows[index]):
            read[index] = fragment_specs[first]
    return read


def _key_columns(
    fragment_specs: Sequence[tuple[ColumnSpec, ...]],
) -> tuple[list[tuple[str, ColumnSpec]], list[tuple[str, ...]]]:
    """One key per column of the table, shared by the fragments that print its header: the same
    label (``label_key``), or, at the same place, a label OCR garbled a little ("NÑS huyện" on one
    page, "NS huyện" on the next) naming the same role, stage and period, or, anywhere on the page,
    the one role, stage and period only one column of the table and of the page has (a page whose
    header lost its top row under streaks, and whose columns a stray rule shifted). Without these
    the table got a second column holding a page's amounts, and no sum over the pages held."""
    keyed: dict[tuple[str | None, ...], str] = {}
    columns: list[tuple[str, ColumnSpec]] = []
    taken: set[str] = set()
    fragment_keys = []
    for specs in fragment_specs:
        keys: list[str] = []
        for spec in specs:
            identity = (label_key(spec.label), spec.role, spec.kind, spec.stage, spec.period)
            if identity not in keyed:
                misread = next((key for key, known in columns if key not in keys and _misread_alike(spec, known)), None)
                same = misread or _the_one_column_of_its_role(spec, specs, columns, keys)
                keyed[identity] = same or column_key(spec, taken)
                if same is None:
                    columns.append((keyed[identity], spec))
            keys.append(keyed[identity])
        fragment_keys.append(tuple(keys))
    return columns, fragment_keys


_MISREAD_ALIKE = 90  # rapidfuzz ratio of two labels' keys: a letter or two misread in a short header


def _misread_alike(spec: ColumnSpec, known: ColumnSpec) -> bool:
    return (
        spec.position == known.position
        and _meaning(spec) == _meaning(known)
        and fuzz.ratio(label_key(spec.label), label_key(known.label)) >= _MISREAD_ALIKE
    )


def _the_one_column_of_its_role(
    spec: ColumnSpec, page: Sequence[ColumnSpec], columns: Sequence[tuple[str, ColumnSpec]], keys: Sequence[str]
) -> str | None:
    """The key of the one known column naming the role, stage and period ``spec`` names, where no
    other column of its own page names them too and the two labels are one label read twice
    (``_one_label_read_twice``); None otherwise. One region may hold several tables: "Ngân sách
    tỉnh" and "Ngân sách nhà nước", or "Vốn trong nước / NSTW" and "Vốn nước ngoài / NSTW", name
    one role, not one column."""
    if spec.role is None:
        return None
    meaning = _meaning(spec)
    if sum(_meaning(other) == meaning for other in page) != 1:
        return None
    alike = [(key, known) for key, known in columns if _meaning(known) == meaning]
    if not alike and spec.stage is None and spec.period is None:
        # the page's header lost the upper row that named the stage ("Xã hội hóa" where the other
        # pages print "Dự toán (nghìn đồng) / Xã hội hóa"): the one column of that role, any stage,
        # where no column of the page names the role
        same_role = [other for other in page if (other.role, other.kind) == (spec.role, spec.kind)]
        alike = [(key, known) for key, known in columns if (known.role, known.kind) == (spec.role, spec.kind)]
        alike = alike if len(same_role) == 1 else []
    if len(alike) != 1:
        return None
    [(key, known)] = alike
    return key if key not in keys and _one_label_read_twice(spec.label, known.label) else None


def _meaning(spec: ColumnSpec) -> tuple[str | None, ...]:
    return (spec.role, spec.kind, spec.stage, spec.period)


_LINE_ALIKE = 85  # rapidfuzz ratio of two header lines, letters only: "Cơ .âu nguồm-vôn" for "Cơ cấu nguồn vốn" 88


def _one_label_read_twice(label: str, other: str) -> bool:
    """Whether each header line both labels print reads alike, from the lowest up: a page whose
    header lost its top row under streaks ("Đơn vị thụ - hưởng" for "Cơ cấu nguồn vốn / Đơn vị thụ
    hưởng") matches; two parents over one child, or two children, do not."""
    mine, theirs = _header_lines(label), _header_lines(other)
    return all(fuzz.ratio(a, b) >= _LINE_ALIKE for a, b in zip(reversed(mine), reversed(theirs), strict=False))


def _header_lines(label: str) -> list[str]:
    """A label's header lines (``describe_column`` joins them with " / "; a slash inside a cell,
    "đồng/người", is no line), folded, without spaces or marks."""
    return ["".join(ch for ch in label_key(line) if ch.isalnum()) for line in label.split(" / ")]


_CELLS_FIT = 0.95
_NUMBER_KINDS = frozenset({"money", "quantity", "percent", "mixed", "period", "month"})


def _unnamed_money(spec: ColumnSpec) -> bool:
    """Money under a printed header that names nothing known ("Phần A"). A column with no header
    at all is no such evidence: a text export aligned with spaces splits a column in two where its
    cells are aligned differently ("40.000.000" and a "0" further right)."""
    return spec.kind == "money" and spec.role is None and not spec.stage and not spec.period and bool(spec.label)


def cells_fit(specs: Sequence[ColumnSpec], rows: Sequence[Sequence[str]], style: Style | None = None) -> float:
    """Share of filled cells whose content fits the kind of the column above them: numbers under
    money, quantities …, words under text. OCR exports shift cells out of their columns; Word,
    Excel and born-digital tables keep them, and then the cells are evidence of what a column is."""
    fits = total = 0
    for spec in specs:
        if spec.kind in (None, "code"):
            continue
        for row in rows:
            text = row[spec.position].strip() if spec.position < len(row) else ""
            if not text or text in _DASHES:
                continue
            total += 1
            fits += is_number(text, style) == (spec.kind in _NUMBER_KINDS)
    return fits / total if total else 0.0


def _read_specs(
    described: list[ColumnSpec], body: Sequence[Sequence[str]], table_unit: Unit | None, style: Style | None
) -> list[ColumnSpec]:
    """A fragment's columns: its header's reading by words (``header_to_specs``), checked against
    its cells and its sums."""
    from vnplan.normalize.column_evidence import checked_by_cells, roles_from_sums, with_code, with_title

    specs = checked_by_cells(with_code(described, body), body, style)
    specs = with_title(resolve_kinds(specs, body, table_unit, style), body)
    return roles_from_sums(specs, body, style)


def _roles_shared_by_label(fragment_specs: list[tuple[ColumnSpec, ...]]) -> list[tuple[ColumnSpec, ...]]:
    """A header printed on every page names the same column on every page: where one page's cells
    showed its role (a sum of the sources, the page's figures under their own header) and another's
    could not (its figures follow another order), the role found holds for both. Without it the
    same column got two keys, and a page whose header order differs went unnoticed. The same for
    the code column, whose row codes a short page may not show."""
    found: dict[tuple[str, str | None, str | None], set[str]] = {}
    codes: set[str] = set()  # labels some page's cells show to be the code column
    for specs in fragment_specs:
        # a column without a header read (none printed, or OCR made nothing of it under a streak
        # of specks) shares no label: the code column of such a page had become its total
        for spec in (spec for spec in specs if label_key(spec.label)):
            if spec.role is not None and spec.kind == "money":
                found.setdefault((label_key(spec.label), spec.stage, spec.period), set()).add(spec.role)
            if spec.role == "code":
                codes.add(label_key(spec.label))
    out = []
    for specs in fragment_specs:
        shared = []
        for spec in specs:
            roles = found.get((label_key(spec.label), spec.stage, spec.period), set())
            if spec.role is None and spec.kind == "money" and len(roles) == 1:
                note = f"its header, printed on another page too, is read as {next(iter(roles))} there"
                spec = replace(spec, role=next(iter(roles)), note=spec.note or note)
            elif spec.role is None and spec.kind == "money" and label_key(spec.label) in codes:
                # a last page of one row and the grand total shows too few codes to tell by itself:
                # its code was taken for an amount
                note = "its header, printed on another page too, is the code column there"
                spec = replace(spec, role="code", kind="code", unit=None, multiplier=None, note=spec.note or note)
            shared.append(spec)
        out.append(tuple(shared))
    return out


def label_key(label: str) -> str:
    """Headers that name the same column compare equal: case, accents, and the spaces OCR puts
    into words aside ("Lũy kế vố n đến hết n ăm 2023" on one page, "Lũy kế vốn …" on the next)."""
    return fold(rejoin_split_syllables(" ".join(label.split())))


def column_key(spec: ColumnSpec, taken: set[str]) -> str:
    """A stable key from what the column is: 'total', 'plan_2021', 'estimate_2025_provincial_budget'."""
    parts = [part for part in (spec.stage, spec.period, spec.role) if part]
    if not parts:
        parts = [f"column_{spec.position + 1}"]
    base = "_".join(parts).replace(" ", "_").replace("/", "-")
    key, number = base, 2
    while key in taken:
        key, number = f"{base}_{number}", number + 1
    taken.add(key)
    return key
