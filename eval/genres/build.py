"""Helpers shared by the genre builders: column shorthands, derived-column formulas, and `finish`,
which computes every parent row, checks the arithmetic and makes the Document."""

from __future__ import annotations

import random
from decimal import Decimal

from .content import SIGNERS, check, communes, compute, flatten, node, page_breaks
from .model import TEXT, Column, Document, Formula, Row

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]


D = Decimal


def q(v: Decimal, places: int) -> Decimal:
    return v.quantize(D(1).scaleb(-places))


def txt(label: str) -> Column:
    return Column((label,), TEXT, agg="blank")


def total_of(*labels: str) -> Formula:
    return Formula("sum", labels)


def ratio_of(num: str, den: str, places: int) -> Formula:
    return Formula("ratio", (num, den), places)


def finish(
    rng: random.Random,
    stem: str,
    genre: str,
    province: str,
    year: int,
    kind_of_doc: str,
    title: str,
    appendix: str,
    unit_line: str | None,
    columns: list[Column],
    top: list[Row],
    total_title: str | None,
    total_first: bool,
    narrative: list[str],
    is_budget: bool = True,
    per_page: int = 16,
    **kw: object,
) -> Document:
    total = node(None, total_title, "total", top) if total_title else None
    for r in top:
        compute(columns, r)
    if total is not None:
        compute(columns, total)
    rows = flatten(top, total, total_first)
    check(columns, rows)
    number = f"{rng.randint(102, 3890)}/{kind_of_doc}-UBND"
    doc = Document(
        stem=stem,
        genre=genre,
        is_budget=is_budget,
        province=province,
        year=year,
        issuer_line=f"UBND TỈNH {province.upper()}",
        number=number,
        title=title,
        appendix_title=appendix,
        unit_line=unit_line,
        columns=columns,
        rows=rows,
        breaks=page_breaks(len(rows), per_page, rng),
        narrative=narrative,
        signer=rng.choice(SIGNERS),
        **kw,  # type: ignore[arg-type]
    )
    return doc


def fill(template: str, rng: random.Random, districts: list[str]) -> str:
    a, b = communes(rng, 2)
    return template.format(a=a, b=b, d=rng.choice(districts), n=rng.randint(2, 19), k=rng.randint(3, 40))
