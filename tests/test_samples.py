"""Every text sample with a hand-made truth, converted and scored (issue: the pipeline is general).

The seed is a real OCR export; the others are exports written for vnplan in other shapes
(another province and year, triệu đồng with decimal commas, Roman sections with items 1, 2, 3,
no "Nguồn khác" column, other column orders). No code path knows any of them.
"""

import json
from pathlib import Path

import pytest

from tests.scoring import score_document
from vnplan import extract_document

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
TRUTHS = sorted((SAMPLES / "truth").glob("*.truth.json"))


def _text_sample(truth_path: Path) -> Path:
    return SAMPLES / "text" / json.loads(truth_path.read_text(encoding="utf-8"))["source"]


@pytest.mark.parametrize("truth_path", TRUTHS, ids=lambda p: p.name.split(".")[0])
def test_sample_scores_against_its_truth(truth_path: Path) -> None:
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    document = extract_document(_text_sample(truth_path))
    output = json.loads(document.model_dump_json())
    score = score_document(output, truth)
    assert score.rows_found == score.rows_expected == score.rows_matched, score.summary()
    assert score.months_exact == score.months_total, score.summary()
    assert score.text_similarity >= 0.97, score.summary()
    assert not score.missing_finding_codes, score.summary()
    # Every amount is exact, or the value the document printed and a finding on that row says so.
    flagged = {(f["row_code"], f["field"]) for f in output["findings"] if f["severity"] == "error"}
    for mismatch in score.mismatches:
        if "the printed value" not in mismatch:
            pytest.fail(f"silent wrong amount: {mismatch}\n{score.summary()}")
    wrong = score.amounts_total - score.amounts_exact
    assert wrong <= len(flagged), score.summary()


def test_seed_is_exact() -> None:
    truth_path = SAMPLES / "truth" / "000_8939c4b136b1e13b.truth.json"
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    output = json.loads(extract_document(_text_sample(truth_path)).model_dump_json())
    score = score_document(output, truth)
    assert score.amounts_exact == score.amounts_total == 113, score.summary()
    assert score.rows_matched == 33
    inferred = {row["code"]: row["inferred"] for row in output["items"] if row["inferred"]}
    assert "beneficiary_vnd" in inferred["4.2"]
    codes = {f["code"] for f in output["findings"]}
    assert {"grand-total-mismatch", "duplicate-code", "reference-number-mismatch"} <= codes
    grand = [f for f in output["findings"] if f["code"] == "grand-total-mismatch"]
    assert {f["actual"] - f["expected"] for f in grand} == {1_400_000_000}
    assert output["document"]["number"] == "2257/KH-UBND"


DIGITAL_PDFS = [p for p in TRUTHS if (SAMPLES / "pdf" / f"{p.name.split('.')[0]}.pdf").exists()]


@pytest.mark.parametrize("truth_path", DIGITAL_PDFS, ids=lambda p: p.name.split(".")[0])
def test_born_digital_pdf_scores_exact(truth_path: Path) -> None:
    """The same plans rendered as born-digital PDFs (other fonts, widths, column orders, rows cut
    by page breaks): every row found and every amount exact."""
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    document = extract_document(SAMPLES / "pdf" / f"{truth_path.name.split('.')[0]}.pdf")
    assert document.source.kind == "digital_pdf"
    score = score_document(json.loads(document.model_dump_json()), truth)
    assert score.rows_found == score.rows_expected == score.rows_matched, score.summary()
    assert score.amounts_exact == score.amounts_total, score.summary()
    assert score.months_exact == score.months_total, score.summary()
    assert score.text_similarity >= 0.97, score.summary()
