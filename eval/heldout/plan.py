"""One held-out plan: content, exact arithmetic, layout choices and its truth file.

Every random choice comes from one ``random.Random`` seeded from (corpus seed, document index), so
a seed gives the same plans. Arithmetic is exact in integer đồng: items split into sources that
add up to their total, sections and groups are column sums of their rows, the grand total the sum
of the top level, and the narrative states the grand total and each source.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from eval.heldout import words

AMOUNTS = ("total_vnd", "provincial_budget_vnd", "beneficiary_vnd", "other_vnd")
SOURCES = AMOUNTS[1:]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
LETTERS = "abcdefghik"
# numbering schemes: groups/sections/items as printed
SCHEMES = ("I/1/1.1", "I/1", "1/a", "I/-")
# unit -> (đồng per unit, smallest step in đồng so every printed figure is exact in its unit)
UNITS: dict[str, tuple[int, int]] = {
    "đồng": (1, 1_000),
    "nghìn đồng": (1_000, 1_000),
    "triệu đồng": (1_000_000, 10_000),  # up to two decimals: 45,25 triệu
}


@dataclass
class Header:
    """The printed table header: leaf columns in order, their labels, and the merged parents."""

    leaves: list[str]  # canonical keys in print order
    labels: dict[str, str]  # key -> label as printed (leaf keys, and "time"/"split"/"money" parents)
    parents: list[tuple[str, list[str]]]  # (parent key, leaf keys under it), in order
    vocabulary: dict[str, bool]  # key -> in the synonym table
    provenance: dict[str, str]  # key -> "real" | "invented"


@dataclass
class Layout:
    scheme: str
    unit: str
    unit_in_header: bool  # "Tổng kinh phí (triệu đồng)" instead of an "Đơn vị tính" line
    month_style: str  # "two-columns" | "range" ("Tháng 3 - 9") | "slash" ("3/2024 - 9/2024")
    zero: str  # how a zero prints: "-" or "0"
    total_first: bool
    total_label: str
    numbering_row: bool
    repeat_header: bool
    font_pt: float
    group_upper: bool


@dataclass
class Plan:
    index: int
    stem: str
    rows: list[dict[str, Any]]
    header: Header
    layout: Layout
    meta: dict[str, Any]
    narrative: dict[str, Any]
    vocabulary_mode: str  # "in" | "out"
    with_other: bool
    wordings: str  # the pool of header wordings (words.POOLS): "original" | "fresh"
    grand: dict[str, int | None] = field(default_factory=dict)


def ascii_name(text: str) -> str:
    s = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return "_".join(s.replace(",", " ").replace("-", " ").split())


def format_amount(vnd: int, unit: str, zero: str) -> str:
    """Vietnamese format in the document's unit: 1.250.000 / 4.050,75."""
    if vnd == 0:
        return zero
    per = UNITS[unit][0]
    whole, rest = divmod(vnd, per)
    text = f"{whole:,}".replace(",", ".")
    if rest:
        decimals = f"{rest / per:.2f}"[2:].rstrip("0")
        text += "," + decimals
    return text


def _fill(template: str, rng: random.Random, districts: list[str], year: int) -> str:
    return template.format(
        product=rng.choice(words.PRODUCTS),
        org=rng.choice(words.ORGS),
        place=rng.choice(districts),
        trade=rng.choice(words.TRADES),
        tree=rng.choice(words.TREES),
        fair=rng.choice(words.FAIRS),
        n=rng.randint(2, 12),
        m=rng.randint(2, 60) * 5,
        year=year,
    )


def _split(total_q: int, rng: random.Random, with_other: bool) -> tuple[int, int, int]:
    if rng.random() < 0.25:
        return total_q, 0, 0
    prov = max(1, round(total_q * rng.uniform(0.35, 0.85)))
    other = round((total_q - prov) * rng.uniform(0.2, 0.6)) if with_other and rng.random() < 0.5 else 0
    return prov, total_q - prov - other, other


def make_rows(rng: random.Random, scheme: str, prog: dict[str, list[str]], districts: list[str], unit: str, year: int):
    step = UNITS[unit][1]
    with_other = rng.random() < 0.55
    n_sections = rng.randint(3, min(5, len(prog["sections"])))
    sections = rng.sample(prog["sections"], k=n_sections)

    def item(code: str, parent: str) -> dict[str, Any]:
        # 5 to 900 million đồng; odd thousands so no unit hides digits
        total_q = rng.randint(5_000, 900_000) * 1_000 // step
        if unit == "triệu đồng" and rng.random() < 0.5:
            total_q = total_q // 10 * 10  # one decimal rather than two, sometimes
        prov, ben, oth = _split(total_q, rng, with_other)
        start = rng.randint(1, 10)
        return {
            "code": code,
            "kind": "item",
            "parent_code": parent,
            "title": _fill(rng.choice(prog["items"]), rng, districts, year),
            "implementing_unit": _fill(rng.choice(words.UNITS_OF_WORK), rng, districts, year),
            "objective": _fill(rng.choice(words.SCALES), rng, districts, year),
            "expected_result": None,
            "start_month": start,
            "end_month": rng.randint(start, 12),
            "total_vnd": total_q * step,
            "provincial_budget_vnd": prov * step,
            "beneficiary_vnd": ben * step,
            "other_vnd": oth * step,
            "notes": rng.choice(words.NOTES) if rng.random() < 0.4 else None,
            "legal_refs": [],
            "inferred": [],
        }

    def parent(code: str, kind: str, parent_code: str | None, title: str, kids: list[dict[str, Any]]):
        row: dict[str, Any] = {
            "code": code,
            "kind": kind,
            "parent_code": parent_code,
            "title": title,
            "implementing_unit": None,
            "objective": None,
            "expected_result": None,
            "start_month": None,
            "end_month": None,
            "notes": None,
            "legal_refs": [],
            "inferred": [],
        }
        for f in AMOUNTS:
            row[f] = sum(k[f] for k in kids)
        return row

    def items_under(code: str, count: int, style: str) -> list[dict[str, Any]]:
        if style == "dotted":
            return [item(f"{code}.{i + 1}", code) for i in range(count)]
        if style == "number":
            return [item(str(i + 1), code) for i in range(count)]
        if style == "letter":
            return [item(LETTERS[i], code) for i in range(count)]
        return [item("-", code) for i in range(count)]

    rows: list[dict[str, Any]] = []
    if scheme == "I/1/1.1":
        cut = rng.randint(1, n_sections - 1)
        number = 0
        for g, g_sections in enumerate((sections[:cut], sections[cut:])):
            block: list[dict[str, Any]] = []
            heads: list[dict[str, Any]] = []
            for title in g_sections:
                number += 1
                kids = items_under(str(number), rng.randint(2, 6), "dotted")
                head = parent(str(number), "section", ROMAN[g], title, kids)
                heads.append(head)
                block += [head, *kids]
            rows += [parent(ROMAN[g], "group", None, prog["groups"][g], heads), *block]
    else:
        style = {"I/1": "number", "1/a": "letter", "I/-": "dash"}[scheme]
        for s, title in enumerate(sections):
            code = str(s + 1) if scheme == "1/a" else ROMAN[s]
            kids = items_under(code, rng.randint(2, 7 if style != "dash" else 5), style)
            rows += [parent(code, "section", None, title, kids), *kids]
    if not with_other:
        for row in rows:
            row["other_vnd"] = None
    return rows, with_other


def _pick_label(
    rng: random.Random, key: str, mode: str, synonyms: dict[str, tuple[str, ...]], pool: str
) -> tuple[str, str, bool]:
    options = [(label, prov, words.in_vocabulary(label, synonyms)) for label, prov in words.POOLS[pool][key]]
    inside = [o for o in options if o[2]]
    outside = [o for o in options if not o[2]]
    if mode == "in" and inside:
        return rng.choice(inside)
    if mode == "out" and outside and rng.random() < 0.85:
        return rng.choice(outside)
    return rng.choice(inside or options)


def make_header(
    rng: random.Random,
    mode: str,
    with_other: bool,
    month_style: str,
    synonyms: dict[str, tuple[str, ...]],
    pool: str = "original",
) -> Header:
    with_unit_col = rng.random() < 0.8
    with_objective = rng.random() < 0.55
    with_notes = rng.random() < 0.5
    sources = ["provincial_budget_vnd", "beneficiary_vnd"] + (["other_vnd"] if with_other else [])
    money_style = rng.choice(["split", "money"])  # "Trong đó" over sources, or one parent over all money
    time_leaves = ["start_month", "end_month"] if month_style == "two-columns" else ["time"]
    middle = (["implementing_unit"] if with_unit_col else []) + (["objective"] if with_objective else [])
    blocks = {"text": middle, "time": time_leaves, "money": ["total_vnd", *sources]}
    order = rng.choice([("text", "time", "money"), ("money", "text", "time"), ("text", "money", "time")])
    leaves = ["code", "title"] + [k for b in order for k in blocks[b]] + (["notes"] if with_notes else [])
    parents: list[tuple[str, list[str]]] = []
    if month_style == "two-columns":
        parents.append(("time", ["start_month", "end_month"]))
    parents.append(("split", sources) if money_style == "split" else ("money", ["total_vnd", *sources]))
    keys = [*leaves, *(p for p, _ in parents)]
    labels: dict[str, str] = {}
    vocabulary: dict[str, bool] = {}
    provenance: dict[str, str] = {}
    for key in keys:
        label, prov, inside = _pick_label(rng, key, mode, synonyms, pool)
        labels[key], provenance[key], vocabulary[key] = label, prov, inside
    return Header(leaves=leaves, labels=labels, parents=parents, vocabulary=vocabulary, provenance=provenance)


def make_plan(index: int, seed: int, synonyms: dict[str, tuple[str, ...]], wordings: str = "original") -> Plan:
    rng = random.Random(f"heldout:{seed}:{index}")
    province, districts = words.PROVINCES[(seed + index) % len(words.PROVINCES)]
    prog_name = rng.choice(sorted(words.PROGRAMMES))
    prog = words.PROGRAMMES[prog_name]
    year = rng.randint(2021, 2026)
    # scheme, unit and vocabulary mode (index parity) cycle with different periods, so that every
    # scheme and every unit occurs both with in-vocabulary and with out-of-vocabulary headers
    scheme = SCHEMES[(index + index // 2) % len(SCHEMES)]
    unit = list(UNITS)[(index + index // 4) % len(UNITS)]
    rows, with_other = make_rows(rng, scheme, prog, districts, unit, year)
    mode = "in" if index % 2 == 0 else "out"
    month_style = rng.choice(["two-columns", "two-columns", "range", "slash"])
    header = make_header(rng, mode, with_other, month_style, synonyms, wordings)
    if "objective" not in header.leaves:
        for r in rows:
            r["objective"] = None
    if "notes" not in header.leaves:
        for r in rows:
            r["notes"] = None
    if "implementing_unit" not in header.leaves:
        for r in rows:
            r["implementing_unit"] = None
    top = [r for r in rows if r["parent_code"] is None]
    grand: dict[str, int | None] = {
        f: (sum(r[f] for r in top) if (with_other or f != "other_vnd") else None) for f in AMOUNTS
    }
    layout = Layout(
        scheme=scheme,
        unit=unit,
        unit_in_header=rng.random() < 0.35,
        month_style=month_style,
        zero=rng.choice(["-", "0"]),
        total_first=rng.random() < 0.4,
        total_label=rng.choice(["TỔNG CỘNG", "Tổng cộng", "TỔNG SỐ"]),
        numbering_row=rng.random() < 0.4,
        repeat_header=rng.random() < 0.6,
        font_pt=rng.choice([11.0, 12.0, 12.0, 13.0]),
        group_upper=rng.random() < 0.5,
    )
    agency, suffix, proposer = rng.choice(words.AGENCIES)
    by_ubnd = rng.random() < 0.5
    number = f"{rng.randint(12, 3900)}/{'KH-UBND' if by_ubnd else suffix}"
    day, month = rng.randint(1, 28), rng.randint(1, 4)
    signer = rng.choice(words.SIGNERS)
    signer_title = rng.choice(["Chủ tịch", "Phó Chủ tịch"] if by_ubnd else ["Giám đốc", "Phó Giám đốc"])
    bases = rng.sample(words.LEGAL_BASES, k=rng.randint(2, 5))
    issuer = f"Ủy ban nhân dân tỉnh {province}" if by_ubnd else f"{agency} tỉnh {province}"
    title = f"Kế hoạch {prog_name} năm {year}"
    stem = f"h{index + 1:02d}_{ascii_name(province)}_{year}"
    meta = {
        "doc_type": "Kế hoạch",
        "number": number,
        "issuer": issuer,
        "province": province,
        "issued_on": f"{year}-{month:02d}-{day:02d}",
        "year": year,
        "title": title,
        "signer": signer,
        "signer_title": signer_title,
        "legal_bases_count": len(bases),
    }
    narrative = {
        "province": province,
        "districts": districts,
        "programme": prog_name,
        "agency": agency.upper(),
        "agency_name": agency,
        "by_ubnd": by_ubnd,
        "proposer": proposer,
        "number": number,
        "day": day,
        "month": month,
        "year": year,
        "bases": bases,
        "signer": signer,
        "signer_title": signer_title,
        "funding_shape": rng.randrange(len(words.FUNDING_SHAPES)),
        "source_phrases": {f: rng.randrange(len(words.SOURCE_PHRASES[f])) for f in SOURCES},
        "narrative_unit": rng.choice(["đồng", "đồng", unit]),
    }
    return Plan(index, stem, rows, header, layout, meta, narrative, mode, with_other, wordings, grand)


def truth(plan: Plan, seed: int) -> dict[str, Any]:
    """The truth file (samples/truth format, amounts in integer đồng) plus what the held-out run
    reports by: the header as printed, each label's vocabulary status, numbering and unit."""
    lay, head = plan.layout, plan.header
    absent = [] if plan.with_other else ["other_vnd"]
    return {
        "source": f"{plan.stem}.pdf",
        "document": plan.meta,
        "amount_unit": lay.unit,
        "amount_multiplier_vnd": UNITS[lay.unit][0],
        "absent_columns": absent,
        "grand_total_vnd": plan.grand,
        "narrative_totals_vnd": {f: v for f, v in plan.grand.items() if v is not None},
        "expected_findings": [],
        "known_discrepancies": [
            f"generated by eval/heldout (seed {seed}, document {plan.index}): held-out, arithmetic exact everywhere"
        ],
        "heldout": {
            "seed": seed,
            "index": plan.index,
            "scheme": lay.scheme,
            "vocabulary_mode": plan.vocabulary_mode,
            "wordings": plan.wordings,
            "header": [
                {
                    "key": k,
                    "label": head.labels[k],
                    "in_vocabulary": head.vocabulary[k],
                    "provenance": head.provenance[k],
                }
                for k in [*head.leaves, *(p for p, _ in head.parents)]
            ],
            "unit_in_header": lay.unit_in_header,
            "month_style": lay.month_style,
            "total_first": lay.total_first,
            "repeat_header": lay.repeat_header,
        },
        "rows": plan.rows,
    }
