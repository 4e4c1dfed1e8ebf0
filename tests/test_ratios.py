"""Percent columns found as the ratio of two other columns (``normalize/ratios.py``)."""

from __future__ import annotations

from pathlib import Path

from vnplan import extract_document
from vnplan.normalize.ratios import ratio_findings, ratio_identities
from vnplan.schemas import Amount, Column, Quantity, Row

COLUMNS = [
    Column(key="y2022", label="Dự toán năm 2022", kind="money"),
    Column(key="y2023", label="Dự toán năm 2023", kind="money"),
    Column(key="pct", label="So sánh 2023/2022 (%)", kind="percent"),
]


def _row(code: str, before: int, after: int, percent: float) -> Row:
    amounts = [Amount(column="y2022", label="", value_vnd=before), Amount(column="y2023", label="", value_vnd=after)]
    return Row(code=code, kind="item", title=f"khoản {code}", amounts=amounts,
               quantities=[Quantity(column="pct", label="", value=percent, unit="%")])  # fmt: skip


def test_the_percent_is_found_as_the_later_year_over_the_earlier_to_its_printed_places() -> None:
    rows = [_row("1", 1_847_955, 2_176_199, 117.8), _row("2", 400, 300, 75), _row("3", 1_000, 1_253, 125.3)]
    (identity,) = ratio_identities(rows, COLUMNS)
    assert (identity.result, identity.terms, identity.held, identity.kept) == ("pct", ["y2023", "y2022"], 3, True)
    assert ratio_findings(rows, [identity], COLUMNS) == []


def test_a_row_breaking_a_kept_ratio_is_named_and_a_ratio_nothing_obeys_is_not_kept() -> None:
    rows = [_row("1", 1_000, 1_100, 110), _row("2", 400, 300, 75), _row("3", 2_000, 2_400, 120)]
    rows.append(_row("4", 500, 550, 170))  # "110" misread as "170"
    rows.append(_row("5", 900, 1_800, 200))
    (identity,) = ratio_identities(rows, COLUMNS)
    assert (identity.tested, identity.held) == (5, 4)
    (finding,) = ratio_findings(rows, [identity], COLUMNS)
    assert (finding.row_code, finding.field, finding.severity) == ("4", None, "warning")
    unrelated = [_row(str(n), 100 * n, 37 * n + 5, 50 + n) for n in range(1, 6)]
    assert ratio_identities(unrelated, COLUMNS) == []


def test_a_year_on_year_table_records_its_ratio(tmp_path: Path) -> None:
    path = tmp_path / "du_toan.txt"
    path.write_text(
        "PHỤ LỤC\nDỰ TOÁN CHI NĂM 2023\nĐơn vị tính: nghìn đồng\n"
        "STT\tNội dung\tDự toán năm 2022\tDự toán năm 2023\tSo sánh 2023/2022 (%)\n"
        "1\tChi sự nghiệp giáo dục\t1.847.955\t2.176.199\t117,8\n"
        "2\tChi sự nghiệp y tế\t400.000\t300.000\t75,0\n"
        "3\tChi quản lý hành chính\t1.000.000\t1.253.000\t125,3\n",
        encoding="utf-8",
    )
    document = extract_document(path)
    ratios = [i for i in document.identities if i.kind == "ratio" and i.kept]
    labels = {c.key: c.label for c in document.columns}
    assert [(labels[i.result], [labels[t] for t in i.terms]) for i in ratios] == [
        ("So sánh 2023/2022 (%)", ["Dự toán năm 2023", "Dự toán năm 2022"])
    ]
