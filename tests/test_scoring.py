"""The scorer (tests/scoring.py) on small hand-made dicts, and the sample truth files' own arithmetic."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from tests.scoring import AMOUNT_FIELDS, Score, main, match_rows, score_document, strict_flag

TRUTH_DIR = Path(__file__).resolve().parent.parent / "samples" / "truth"
TEXT_DIR = Path(__file__).resolve().parent.parent / "samples" / "text"


def _row(code: str, kind: str, parent: str | None, title: str, amounts: tuple[int | None, ...], **kw: Any):
    r: dict[str, Any] = {
        "code": code,
        "kind": kind,
        "parent_code": parent,
        "title": title,
        "implementing_unit": kw.get("unit"),
        "objective": kw.get("objective"),
        "expected_result": None,
        "start_month": kw.get("sm"),
        "end_month": kw.get("em"),
        "notes": kw.get("notes"),
        "legal_refs": [],
        "inferred": [],
    }
    r.update(dict(zip(AMOUNT_FIELDS, amounts, strict=True)))
    return r


TRUTH: dict[str, Any] = {
    "source": "tiny.txt",
    "document": {"doc_type": "Kế hoạch", "number": "12/KH-UBND", "province": "Quảng Nam", "year": 2022},
    "absent_columns": [],
    "grand_total_vnd": {"total_vnd": 300, "provincial_budget_vnd": 200, "beneficiary_vnd": 100, "other_vnd": 0},
    "expected_findings": ["section-sum-mismatch"],
    "rows": [
        _row("I", "section", None, "Đào tạo nghề", (300, 200, 100, 0)),
        _row("1", "item", "I", "Đào tạo nghề may", (200, 150, 50, 0), unit="Trung tâm", sm=3, em=9),
        _row("2", "item", "I", "Truyền nghề đan lát", (100, 50, 50, 0), unit="UBND huyện", sm=5, em=12),
    ],
}


def _perfect_doc(truth: dict[str, Any]) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "document": copy.deepcopy(truth["document"]),
        "items": copy.deepcopy(truth["rows"]),
        "totals": copy.deepcopy(truth["grand_total_vnd"]),
        "findings": [{"code": c, "severity": "warning"} for c in truth["expected_findings"]],
    }


def test_perfect_match() -> None:
    sc = score_document(_perfect_doc(TRUTH), TRUTH)
    assert isinstance(sc, Score)
    assert (sc.rows_expected, sc.rows_found, sc.rows_matched) == (3, 3, 3)
    assert sc.amounts_exact == sc.amounts_total == 12
    assert sc.months_exact == sc.months_total == 4
    assert sc.text_similarity == pytest.approx(1.0)
    assert sc.totals_exact == sc.totals_total == 4
    assert sc.document_fields_exact == sc.document_fields_total == 4
    assert sc.missing_finding_codes == [] and sc.mismatches == [] and sc.structure_mismatches == []
    assert sc.perfect
    assert "PERFECT" in sc.summary()


def test_wrong_amount_and_month_are_reported() -> None:
    doc = _perfect_doc(TRUTH)
    doc["items"][1]["provincial_budget_vnd"] = 105
    doc["items"][2]["end_month"] = 11
    sc = score_document(doc, TRUTH)
    assert sc.rows_matched == 3
    assert (sc.amounts_exact, sc.amounts_total) == (11, 12)
    assert (sc.months_exact, sc.months_total) == (3, 4)
    assert len(sc.mismatches) == 2
    assert any("provincial_budget_vnd" in m and "150" in m and "105" in m for m in sc.mismatches)
    assert any("end_month" in m and "12" in m and "11" in m for m in sc.mismatches)
    assert not sc.perfect


def test_missing_row_and_missing_finding() -> None:
    doc = _perfect_doc(TRUTH)
    del doc["items"][2]
    doc["findings"] = [{"code": "grand-total-mismatch"}]
    sc = score_document(doc, TRUTH)
    assert (sc.rows_expected, sc.rows_found, sc.rows_matched) == (3, 2, 2)
    assert len(sc.missing_rows) == 1 and "Truyền nghề" in sc.missing_rows[0]
    # the missing row's four amounts and two months count as wrong
    assert (sc.amounts_exact, sc.amounts_total) == (8, 12)
    assert (sc.months_exact, sc.months_total) == (2, 4)
    assert sc.missing_finding_codes == ["section-sum-mismatch"]
    assert sc.extra_finding_codes == ["grand-total-mismatch"]
    assert "missing rows (1)" in sc.summary()


def test_matching_survives_reordering_ocr_titles_and_repeated_codes() -> None:
    truth = copy.deepcopy(TRUTH)
    truth["rows"].append(_row("II", "section", None, "Thông tin tuyên truyền", (40, 40, 0, 0)))
    truth["rows"].append(_row("1", "item", "II", "Chuyên mục khuyến công", (40, 40, 0, 0)))
    doc = _perfect_doc(truth)
    doc["items"].reverse()
    doc["items"][0]["title"] = "Chuyên mục khuyễn công"  # OCR slip: still the same row
    sc = score_document(doc, truth)
    assert sc.rows_matched == 5 and not sc.missing_rows and not sc.extra_rows
    assert sc.amounts_exact == sc.amounts_total
    assert 0.9 < sc.text_similarity < 1.0
    # "1" under I and "1" under II each find their own partner
    pairs = {(truth["rows"][i]["title"], doc["items"][j]["title"]) for i, j in sc.pairs}
    assert ("Đào tạo nghề may", "Đào tạo nghề may") in pairs


def test_a_bullet_in_the_code_column_is_no_code() -> None:
    t = [_row("-", "item", "I", "Đào tạo nghề may", (200, 150, 50, 0))]
    d = [_row(None, "item", "I", "Đào tạo nghề may", (200, 150, 50, 0))]  # type: ignore[arg-type]
    assert [(i, j) for i, j, _ in match_rows(t, d)] == [(0, 0)]
    assert match_rows(t, d)[0][2] == pytest.approx(1.0)


def test_unrelated_rows_do_not_match() -> None:
    t = [_row("1", "item", None, "Đào tạo nghề may", (200, 150, 50, 0))]
    d = [_row("7", "item", None, "Hội nghị tổng kết năm", (12, 12, 0, 0))]
    assert match_rows(t, d) == []


def test_absent_columns_are_not_scored() -> None:
    truth = copy.deepcopy(TRUTH)
    truth["absent_columns"] = ["other_vnd"]
    doc = _perfect_doc(truth)
    for r in doc["items"]:
        r["other_vnd"] = None  # no "Nguồn khác" column: null or 0 are both fine
    sc = score_document(doc, truth)
    assert sc.amounts_exact == sc.amounts_total == 9


def test_printed_value_is_explained() -> None:
    truth = copy.deepcopy(TRUTH)
    truth["rows"][0]["printed_vnd"] = {"total_vnd": 800}
    doc = _perfect_doc(truth)
    doc["items"][0]["total_vnd"] = 800
    sc = score_document(doc, truth)
    assert len(sc.mismatches) == 1 and "printed value" in sc.mismatches[0]


def test_cli_prints_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, tr = tmp_path / "out.json", tmp_path / "truth.json"
    out.write_text(json.dumps(_perfect_doc(TRUTH), ensure_ascii=False), encoding="utf-8")
    tr.write_text(json.dumps(TRUTH, ensure_ascii=False), encoding="utf-8")
    assert main([str(out), str(tr)]) == 0
    assert "PERFECT" in capsys.readouterr().out


# ----------------------------------------------------------------- the strict rule (wrong amounts)


def _wrong_doc() -> dict[str, Any]:
    doc = _perfect_doc(TRUTH)
    doc["items"][1]["provincial_budget_vnd"] = 105  # row 1 under I, wrong
    doc["findings"] = []
    return doc


@pytest.mark.parametrize(
    ("finding", "flagged"),
    [
        ({"severity": "error", "code": "row-sum-mismatch", "row_code": "1", "field": "provincial_budget_vnd"}, True),
        # a row-wide doubt about every amount of the row
        ({"severity": "warning", "code": "row-amounts-in-doubt", "row_code": "1", "field": None}, True),
        # another field of the same row, the parent's sum, the grand total: not this amount
        ({"severity": "error", "code": "row-sum-mismatch", "row_code": "1", "field": "total_vnd"}, False),
        (
            {"severity": "error", "code": "section-sum-mismatch", "row_code": "I", "field": "provincial_budget_vnd"},
            False,
        ),
        (
            {"severity": "error", "code": "grand-total-mismatch", "row_code": None, "field": "provincial_budget_vnd"},
            False,
        ),
        # findings that name the row but say nothing about a value
        ({"severity": "warning", "code": "low-confidence", "row_code": "1", "field": None}, False),
        ({"severity": "warning", "code": "duplicate-code", "row_code": "1", "field": None}, False),
        ({"severity": "warning", "code": "code-inferred", "row_code": "1", "field": None}, False),
        ({"severity": "warning", "code": "extra-numbers-dropped", "row_code": "1", "field": None}, False),
        # info is not a flag
        ({"severity": "info", "code": "amount-inferred", "row_code": "1", "field": "provincial_budget_vnd"}, False),
    ],
)
def test_strict_rule_flags_only_a_finding_on_that_row_and_field(finding: dict[str, Any], flagged: bool) -> None:
    doc = _wrong_doc()
    doc["findings"] = [finding]
    sc = score_document(doc, TRUTH)
    assert sc.wrong_present == 1
    assert sc.wrong_silent == (0 if flagged else 1)
    assert ("SILENT" in sc.summary()) == (not flagged)


def test_strict_rule_same_code_on_another_page_does_not_flag() -> None:
    row = {"code": "1", "pages": [3], "provincial_budget_vnd": 105}
    elsewhere = {"severity": "warning", "code": "row-amounts-in-doubt", "row_code": "1", "field": None, "pages": [2]}
    assert strict_flag(row, "provincial_budget_vnd", [elsewhere]) == ""
    assert strict_flag(row, "provincial_budget_vnd", [{**elsewhere, "pages": [3]}]).startswith("row-amounts-in-doubt")
    assert strict_flag({"code": None, "pages": [3]}, "total_vnd", [{**elsewhere, "row_code": None}]) == ""


def test_strict_rule_names_a_row_by_its_position() -> None:
    """``row_index`` names the row it points at, code or not, and no other row of that code."""
    finding = {"severity": "warning", "code": "amount-readings-differ", "row_code": None, "field": "total_vnd",
               "pages": [3], "row_index": 4}  # fmt: skip
    uncoded = {"code": None, "pages": [3], "total_vnd": 105}
    assert strict_flag(uncoded, "total_vnd", [finding], 4).startswith("amount-readings-differ")
    assert strict_flag(uncoded, "total_vnd", [finding], 5) == ""
    coded = {"code": "1", "pages": [3], "total_vnd": 105}
    assert strict_flag(coded, "total_vnd", [{**finding, "row_code": "1"}], 7) == ""


def test_null_is_not_a_wrong_amount_but_an_extra_row_is() -> None:
    doc = _perfect_doc(TRUTH)
    doc["items"][1]["provincial_budget_vnd"] = None
    doc["items"].append(_row("", "item", "I", "ĐỒNG Hàng trang 2", (7, None, None, None)))
    sc = score_document(doc, TRUTH)
    assert sc.amounts_exact == sc.amounts_total - 1
    assert [(w.on_extra_row, w.got, w.silent) for w in sc.wrong] == [(True, 7, True)]


# ----------------------------------------------------------------- the truth files themselves

TRUTH_FILES = sorted(TRUTH_DIR.glob("*.truth.json"))


def test_there_are_truth_files_for_the_samples() -> None:
    assert len(TRUTH_FILES) >= 4
    for p in TRUTH_FILES:
        assert (TEXT_DIR / p.name.replace(".truth.json", ".txt")).exists(), p


@pytest.mark.parametrize("path", TRUTH_FILES, ids=lambda p: p.name)
def test_truth_file_is_self_consistent(path: Path) -> None:
    truth = json.loads(path.read_text(encoding="utf-8"))
    sc = score_document(_perfect_doc(truth), truth)
    assert sc.perfect, sc.summary()
    rows = truth["rows"]
    fields = [f for f in AMOUNT_FIELDS if f not in truth["absent_columns"]]
    for r in rows:
        for f in AMOUNT_FIELDS:
            assert r[f] is None or (isinstance(r[f], int) and r[f] >= 0), (r["code"], f)
        if r["total_vnd"] is not None:
            assert r["total_vnd"] == sum(r[f] or 0 for f in fields[1:]), r["code"]
    if path.name.startswith("000_"):
        return  # the seed's discrepancies are real and listed in known_discrepancies
    # parent = sum of children, every level; grand total = sum of the top level
    for parent in rows:
        kids = [r for r in rows if r["parent_code"] == parent["code"] and r is not parent]
        if kids and parent["total_vnd"] is not None:
            for f in fields:
                assert parent[f] == sum(k[f] or 0 for k in kids), (parent["code"], f)
    top = [r for r in rows if r["parent_code"] is None]
    for f in fields:
        assert truth["grand_total_vnd"][f] == sum(r[f] or 0 for r in top), f
        if f in truth["narrative_totals_vnd"]:
            assert truth["narrative_totals_vnd"][f] == truth["grand_total_vnd"][f], f


def test_a_finding_naming_a_column_key_names_the_v1_field_that_column_fills() -> None:
    """A table read by its column model names amounts by column key; its columns say which v1
    field each fills. A key of a column filling none, or of another column, flags nothing."""
    doc = _wrong_doc()
    doc["columns"] = [
        {"key": "provincial", "v1_field": "provincial_budget_vnd"},
        {"key": "total", "v1_field": "total_vnd"},
        {"key": "plan_2021", "v1_field": None},
    ]
    for key, flagged in (("provincial", True), ("total", False), ("plan_2021", False)):
        doc["findings"] = [{"severity": "error", "code": "row-sum-mismatch", "row_code": "1", "field": key}]
        assert score_document(doc, TRUTH).wrong_silent == (0 if flagged else 1), key


def test_the_scorer_and_the_product_agree_on_which_row_findings_doubt_every_amount() -> None:
    """The product skips a broken-sum warning on a row already doubted as a whole; the scorer
    counts exactly those findings as flagging the row's amounts: one list, stated twice."""
    from tests.scoring import ROW_AMOUNT_DOUBTS
    from vnplan.schemas import ROW_AMOUNT_DOUBTS as PRODUCT

    assert ROW_AMOUNT_DOUBTS == PRODUCT
