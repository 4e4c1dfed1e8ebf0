"""The genres corpus generator and its scorer (eval/genres, tests/genre_scoring.py): a smoke test on one
small document, and the scorer's classes on hand-made outputs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from eval.genres.make_corpus import build
from tests.genre_scoring import map_columns, score_genre_document
from vnplan import extract_document

TRUTH: dict[str, Any] = {
    "source": "t.txt",
    "genre": "test",
    "file_type": "text",
    "is_budget": True,
    "columns": [
        {"label": "Tổng số", "kind": "money", "v1_field": "total_vnd"},
        {"label": "NS tỉnh", "kind": "money", "v1_field": "provincial_budget_vnd"},
        {"label": "NSTW", "kind": "money", "v1_field": None},
        {"label": "Tỷ lệ (%)", "kind": "percent", "v1_field": None},
    ],
    "rows": [
        {
            "code": "1",
            "parent_code": None,
            "kind": "item",
            "title": "Trạm y tế xã Tân Lợi",
            "cells": {"Tổng số": 300_000_000, "NS tỉnh": 100_000_000, "NSTW": 200_000_000, "Tỷ lệ (%)": 51.8},
        },
    ],
}


def v1_row(**amounts: int | None) -> dict[str, Any]:
    row: dict[str, Any] = {"code": "1", "title": "Trạm y tế xã Tân Lợi", "inferred": []}
    row.update({f: None for f in ("total_vnd", "provincial_budget_vnd", "beneficiary_vnd", "other_vnd")})
    row.update(amounts)
    return row


def test_v1_invented_and_non_money_amounts_are_counted() -> None:
    doc = {
        "items": [
            v1_row(total_vnd=300_000_000, provincial_budget_vnd=100_000_000, beneficiary_vnd=52, other_vnd=62_500_000)
        ]
    }
    sc = score_genre_document(doc, TRUTH)
    assert (sc.rows_matched, sc.money_cells, sc.money_exact, sc.v1_cells, sc.v1_exact) == (1, 3, 2, 2, 2)
    assert sc.non_money_as_money == 1  # 51,8 % read as 52 đồng
    assert sc.invented == 1  # 62.500.000 is in no cell of the row


def test_v1_value_of_a_column_without_v1_role_is_misplaced_not_invented() -> None:
    sc = score_genre_document({"items": [v1_row(total_vnd=300_000_000, other_vnd=200_000_000)]}, TRUTH)
    assert (sc.misplaced, sc.invented) == (1, 0)


def test_v2_amounts_are_matched_to_columns_by_their_printed_label() -> None:
    doc = {
        "schema_version": 2,
        "columns": [
            {"key": "c1", "label": "Tổng  số"},
            {"key": "c2", "label": "NS tinh"},
            {"key": "c3", "label": "NSTW"},
        ],
        "items": [
            {
                "code": "1",
                "title": "Trạm y tế xã Tân Lợi",
                "amounts": [
                    {"column": "c1", "label": None, "value_vnd": 300_000_000, "inferred": False},
                    {"column": "c2", "label": None, "value_vnd": 100_000_000, "inferred": False},
                    {"column": "c3", "label": None, "value_vnd": 200_000_000, "inferred": True},
                ],
            }
        ],
    }
    sc = score_genre_document(doc, TRUTH)
    assert (sc.schema, sc.money_exact, sc.money_cells, sc.invented, sc.non_money_as_money) == ("v2", 3, 3, 0, 0)
    assert {t for t, _, _ in sc.column_map} == {"Tổng số", "NS tỉnh", "NSTW"}


def test_sibling_columns_are_not_paired_by_their_common_parent() -> None:
    pairs = map_columns(["Kế hoạch năm 2024 / Trong đó / NSTW"], ["Kế hoạch năm 2024 / Trong đó / NSĐP"])
    assert pairs == []


def test_a_header_printed_without_its_parent_is_paired_and_reported() -> None:
    truth = ["Kinh phí / Tổng kinh phí", "Kinh phí / Ngân sách hỗ trợ", "Kinh phí / Doanh nghiệp đóng góp"]
    pairs = map_columns(truth, ["Kinh phí", "Ngân sách hỗ trợ", "Doanh nghiệp đóng góp", "Ghi chú"])
    assert {t: o for t, o, _ in pairs} == {
        truth[0]: "Kinh phí",
        truth[1]: "Ngân sách hỗ trợ",
        truth[2]: "Doanh nghiệp đóng góp",
    }
    assert next(score for t, _, score in pairs if t == truth[0]) == 0  # reported as not printed in full


def test_identities_kept_by_the_output_are_checked_against_the_table() -> None:
    truth = {
        **TRUTH,
        "identities": [
            {"kind": "columns", "result": "Tổng số", "op": "sum", "terms": ["NS tỉnh", "NSTW"]},
            {"kind": "rows", "result": "Tổng số", "op": "sum", "terms": []},
        ],
    }
    doc = {
        "schema_version": 2,
        "columns": [
            {"key": "t", "label": "Tổng số"},
            {"key": "p", "label": "NS tỉnh"},
            {"key": "c", "label": "NSTW"},
            {"key": "r", "label": "Tỷ lệ (%)"},
        ],
        "identities": [
            {"kind": "columns", "expression": "t = p + c", "result": "t", "terms": ["p", "c"], "kept": True},
            {"kind": "rows", "expression": "r: parents = sum", "result": "r", "terms": [], "kept": True},
            {"kind": "columns", "expression": "t = p", "result": "t", "terms": ["p"], "kept": False},
        ],
        "items": [],
    }
    sc = score_genre_document(doc, truth)
    assert (sc.column_identities_found, sc.column_identities) == (1, 1)
    assert (sc.row_identities_found, sc.row_identities, sc.false_identities) == (0, 1, 1)


def test_a_product_is_scored_as_a_product_and_a_difference_as_its_sum() -> None:
    # The truth records "NSTW = Tổng số − NS tỉnh"; the output finds the same arithmetic as
    # "Tổng số = NS tỉnh + NSTW". A product kept by the output is no row identity, and one the
    # table does not obey is false.
    truth = {
        **TRUTH,
        "identities": [{"kind": "columns", "result": "NSTW", "op": "difference", "terms": ["Tổng số", "NS tỉnh"]}],
    }
    doc = {
        "schema_version": 2,
        "columns": [{"key": "t", "label": "Tổng số"}, {"key": "p", "label": "NS tỉnh"}, {"key": "c", "label": "NSTW"}],
        "identities": [
            {"kind": "columns", "expression": "t = p + c", "result": "t", "terms": ["p", "c"], "kept": True},
            {"kind": "product", "expression": "t = p × c", "result": "t", "terms": ["p", "c"], "kept": True},
        ],
        "items": [],
    }
    sc = score_genre_document(doc, truth)
    assert (sc.column_identities_found, sc.column_identities, sc.false_identities) == (1, 1, 1)


def test_a_wrong_unit_is_told_apart_from_an_invented_amount() -> None:
    sc = score_genre_document({"items": [v1_row(total_vnd=300)]}, TRUTH)
    assert (sc.wrong_unit, sc.invented) == (1, 0)


def test_every_amount_on_a_table_that_is_not_a_budget_is_non_money() -> None:
    truth = {**TRUTH, "is_budget": False}
    sc = score_genre_document({"items": [v1_row(total_vnd=6)]}, truth)
    assert (sc.rows_expected, sc.non_money_as_money, sc.emitted_as_budget) == (0, 1, True)


def test_generator_and_scorer_on_one_small_document(tmp_path: Path) -> None:
    """Corpus → vnplan → score for the smallest genre (staff counts, not a budget) and one budget genre."""
    manifest = build(tmp_path, 2025, only=["g14", "g05"], types=("text", "xlsx"))
    assert {e["file_type"] for e in manifest} == {"text", "xlsx"}
    for entry in manifest:
        truth = json.loads((tmp_path / entry["truth"]).read_text(encoding="utf-8"))
        money = [
            v
            for r in truth["rows"]
            for lb, v in r["cells"].items()
            if any(c["label"] == lb and c["kind"] == "money" for c in truth["columns"])
        ]
        assert bool(money) == truth["is_budget"]
        assert all(isinstance(v, int) for v in money)
        doc = extract_document(tmp_path / entry["path"]).model_dump(mode="json")
        sc = score_genre_document(doc, truth)
        assert sc.rows_expected == (len(truth["rows"]) if truth["is_budget"] else 0)
        assert sc.emitted >= 0 and sc.summary().startswith(entry["path"])


def test_generated_truth_adds_up(tmp_path: Path) -> None:
    """Sections equal the sum of their items in the truth of a generated budget (the arithmetic is exact)."""
    build(tmp_path, 7, only=["g05"], types=("text",))
    truth = json.loads((tmp_path / "truth" / "text" / "g05_du_toan_so_sanh.truth.json").read_text(encoding="utf-8"))
    money = [c["label"] for c in truth["columns"] if c["kind"] == "money"]
    rows = truth["rows"]
    for r in rows:
        kids = [k for k in rows if k["parent_code"] == r["code"] and k["kind"] == "item" and r["kind"] == "section"]
        for label in money if kids else []:
            assert r["cells"][label] == sum(k["cells"][label] for k in kids)
