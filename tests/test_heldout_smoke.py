"""The held-out corpus generator (eval/heldout/), end to end on one small plan, without LibreOffice.

These tests check the measuring instrument, not vnplan's accuracy: the truth's arithmetic, the
vocabulary labels, the text export's shuffled headers, determinism, and that a Word plan and a text
export go through vnplan and the strict scorer. The figures themselves are `make eval-heldout`'s.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from eval.heldout import words
from eval.heldout.build import synonym_table
from eval.heldout.docx_plan import write_docx
from eval.heldout.plan import AMOUNTS, make_plan, truth
from eval.heldout.text_export import text_export
from tests.scoring import Score, score_document
from vnplan import extract_document

SEED = 11


@pytest.fixture(scope="module")
def plans() -> list[Any]:
    return [make_plan(i, SEED, synonym_table()) for i in range(4)]


def test_truth_arithmetic_is_exact(plans: list[Any]) -> None:
    for plan in plans:
        t = truth(plan, SEED)
        fields = [f for f in AMOUNTS if f not in t["absent_columns"]]
        rows = t["rows"]
        for r in rows:
            assert r["total_vnd"] == sum(r[f] or 0 for f in fields[1:]), (plan.stem, r["code"])
        for i, parent in enumerate(rows):
            if parent["kind"] == "item":
                continue
            # a parent's children are the rows after it, up to the next row of its level or above
            kids = []
            for r in rows[i + 1 :]:
                if r["kind"] == parent["kind"] or (parent["kind"] == "section" and r["kind"] == "group"):
                    break
                if r["parent_code"] == parent["code"]:
                    kids.append(r)
            assert kids, (plan.stem, parent["code"])
            for f in fields:
                assert parent[f] == sum(k[f] for k in kids), (plan.stem, parent["code"], f)
        top = [r for r in rows if r["parent_code"] is None]
        for f in fields:
            assert t["grand_total_vnd"][f] == sum(r[f] for r in top)
            assert t["narrative_totals_vnd"][f] == t["grand_total_vnd"][f]


def test_header_labels_carry_their_vocabulary_status(plans: list[Any]) -> None:
    synonyms = synonym_table()
    assert words.in_vocabulary("Tổng kinh phí (triệu đồng)", synonyms)
    assert not words.in_vocabulary("Tổng mức hỗ trợ", synonyms)
    statuses = set()
    for plan in plans:
        for key, label in plan.header.labels.items():
            assert plan.header.vocabulary[key] == words.in_vocabulary(label, synonyms)
            statuses.add(plan.header.vocabulary[key])
        if plan.vocabulary_mode == "in":
            assert all(plan.header.vocabulary.values()), plan.header.labels
    assert statuses == {True, False}  # both kinds occur, so the figures can be reported apart


def test_same_seed_same_plans() -> None:
    a = truth(make_plan(2, SEED, synonym_table()), SEED)
    b = truth(make_plan(2, SEED, synonym_table()), SEED)
    assert json.dumps(a, ensure_ascii=False) == json.dumps(b, ensure_ascii=False)
    assert make_plan(2, SEED + 1, synonym_table()).rows != make_plan(2, SEED, synonym_table()).rows


def test_the_fresh_pool_covers_every_column_and_repeats_no_first_pool_wording() -> None:
    def core(label: str) -> str:
        return words._fold(words._UNIT_SUFFIX.sub("", label))

    first = {core(label) for options in words.LABELS.values() for label, _ in options}
    assert set(words.FRESH_LABELS) == set(words.LABELS)
    for key, options in words.FRESH_LABELS.items():
        assert len(options) >= 3, key
        assert not {core(label) for label, _ in options} & first, key


def test_a_fresh_plan_prints_only_fresh_wordings_with_their_vocabulary_status() -> None:
    synonyms = synonym_table()
    for i in range(4):
        plan = make_plan(i, SEED, synonyms, "fresh")
        assert truth(plan, SEED)["heldout"]["wordings"] == "fresh"
        for key, label in plan.header.labels.items():
            assert label in [w for w, _ in words.FRESH_LABELS[key]], (key, label)
            assert plan.header.vocabulary[key] == words.in_vocabulary(label, synonyms)
        # the same seed and index draw the same rows whatever the pool: only the header differs
        assert plan.rows == make_plan(i, SEED, synonyms).rows


def test_text_export_headers_change_order_but_data_does_not(plans: list[Any]) -> None:
    plan = max(plans, key=lambda p: len(p.rows))
    text, info = text_export(plan, SEED)
    assert info["pages"] >= 2
    orders = [tuple(o) for o in info["header_orders"]]
    assert len(set(orders)) == len(orders)  # a different order on every page
    assert sum(o == tuple(plan.header.leaves) for o in orders) <= 1
    labels = {plan.header.labels[k] for k in plan.header.leaves}
    header_lines = [line for line in text.splitlines() if "\t" in line and set(line.split("\t")) <= labels | {""}]
    assert len(header_lines) == info["pages"]


def _scored(path: Path, t: dict[str, Any]) -> Score:
    return score_document(json.loads(extract_document(path).model_dump_json()), t)


def test_a_word_plan_and_its_text_export_go_through_vnplan_and_the_strict_scorer(
    plans: list[Any], tmp_path: Path
) -> None:
    plan = plans[0]
    t = truth(plan, SEED)
    docx = tmp_path / f"{plan.stem}.docx"
    write_docx(plan, docx)
    text, _ = text_export(plan, SEED)
    txt = tmp_path / f"{plan.stem}.txt"
    txt.write_text(text, encoding="utf-8")
    for path in (docx, txt):
        score = _scored(path, t)
        assert score.rows_expected == len(plan.rows)
        assert score.amounts_total >= score.amounts_exact >= 0
        assert 0 <= score.wrong_silent <= score.wrong_present
        # the instrument itself: the truth scored against itself is perfect, and one amount
        # changed without a finding is one silent wrong amount
        perfect = {"items": copy.deepcopy(t["rows"]), "totals": t["grand_total_vnd"], "findings": []}
        assert score_document(perfect, t).amounts_exact == score_document(perfect, t).amounts_total
        perfect["items"][1]["total_vnd"] += 1_000_000
        assert score_document(perfect, t).wrong_silent == 1


def test_a_build_is_never_rebuilt_under_another_seed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from eval.heldout import run

    (tmp_path / "corpus.json").write_text(json.dumps({"seed": 4099, "conditions": {"scan300": {}}}), "utf-8")
    with pytest.raises(SystemExit):
        run.main(["--build", str(tmp_path), "--seed", "5", "--sets", "scan300", "--no-write"])
    assert "holds another corpus: --seed 5 (it holds 4099)" in capsys.readouterr().err
    assert json.loads((tmp_path / "corpus.json").read_text("utf-8"))["seed"] == 4099
