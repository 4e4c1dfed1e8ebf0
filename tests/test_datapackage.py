"""The batch's long amounts table and its Frictionless data package (issue 11): any table pivots,
and open-data tools load and check the output without reading vnplan's docs."""

import json
from pathlib import Path

import pandas as pd
import pytest

from vnplan import extract_document
from vnplan.writers import amounts_frame, documents_frame, write_batch_tables

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("batch")
    documents = [
        (path.stem, extract_document(path))
        for path in (SAMPLES / "text" / "000_8939c4b136b1e13b.txt", SAMPLES / "genres" / "ntp_allocation_2023.txt")
    ]
    write_batch_tables(documents_frame(documents), out, amounts_frame(documents))
    return out


def test_amounts_csv_holds_every_money_cell_with_its_column(batch: Path) -> None:
    amounts = pd.read_csv(batch / "amounts.csv", encoding="utf-8-sig", dtype={"code": str})
    allocation = amounts[amounts["document"] == "ntp_allocation_2023"]
    assert len(allocation) == 8 * 5  # eight rows, five money columns
    commune = allocation[(allocation["path"] == "2/a")].set_index("label")["value_vnd"]
    assert commune["Trong đó / Ngân sách tỉnh"] == 1_680_000_000
    assert set(allocation["role"]) == {"total", "central_budget", "provincial_budget", "district_budget", "integrated"}
    seed = amounts[amounts["document"] == "000_8939c4b136b1e13b"]
    inferred = seed[seed["inferred"]]
    assert ("4.2", "beneficiary") in set(zip(inferred["code"], inferred["column"], strict=True))


def test_the_data_package_validates_with_frictionless(batch: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    descriptor = json.loads((batch / "datapackage.json").read_text(encoding="utf-8"))
    assert [resource["name"] for resource in descriptor["resources"]] == ["items", "amounts"]
    fields = {f["name"]: f for f in descriptor["resources"][1]["schema"]["fields"]}
    assert fields["value_vnd"]["type"] == "integer" and fields["value_vnd"]["description"]
    report = frictionless.validate(str(batch / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
