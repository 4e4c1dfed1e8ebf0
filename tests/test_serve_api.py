"""vnplan serve's JSON API, without a browser: edits on record, checks re-run, versions, safety."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from starlette.testclient import TestClient

from vnplan.batch import Options, run_batch
from vnplan.serve.app import create_app
from vnplan.serve.store import DocumentStore

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "text" / "000_8939c4b136b1e13b.txt"
SLIP = ROOT / "samples" / "text" / "102_can_tho_2021_khuyen_cong.txt"  # row 2 prints 1.850.000.000 for 1.350.000.000
BASE = "http://127.0.0.1:8765"


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("converted")
    run_batch([str(SEED), str(SLIP)], out, options=Options(), version="test")
    return out


@pytest.fixture()
def out(converted: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "out"
    shutil.copytree(converted, copy)
    return copy


@pytest.fixture()
def client(out: Path) -> Iterator[TestClient]:
    with TestClient(create_app(DocumentStore(out), reviewer="Lan"), base_url=BASE) as test_client:
        yield test_client


def get(client: TestClient, name: str) -> dict[str, Any]:
    answer = client.get(f"/api/documents/{name}")
    assert answer.status_code == 200, answer.text
    return answer.json()  # type: ignore[no-any-return]


def row_at(view: dict[str, Any], code: str) -> int:
    return next(i for i, row in enumerate(view["document"]["items"]) if row["code"] == code)


def codes(view: dict[str, Any], severity: str = "error") -> list[tuple[str, str | None]]:
    return [(f["code"], f["row_code"]) for f in view["document"]["findings"] if f["severity"] == severity]


def test_queue_lists_the_documents_needing_a_person_first(client: TestClient) -> None:
    listing = client.get("/api/documents").json()
    names = [d["name"] for d in listing["documents"]]
    assert sorted(names) == ["000_8939c4b136b1e13b", "102_can_tho_2021_khuyen_cong"]  # no batch-report, no cache
    first = listing["documents"][0]
    assert first["name"] == "102_can_tho_2021_khuyen_cong"  # 3 errors and a suggested reading, before 2 errors
    assert (first["errors"], first["pending"], first["reviewed"]) == (3, 1, False)


def test_an_edit_is_recorded_rechecked_and_written_everywhere(client: TestClient, out: Path) -> None:
    name = "102_can_tho_2021_khuyen_cong"
    view = get(client, name)
    assert client.get(f"/api/documents/{name}").headers["etag"] == f'"{view["version"]}"'
    index = row_at(view, "2")
    assert ("section-sum-mismatch", "2") in codes(view) and view["document"]["status"] == "partial"
    other_lines = pd.read_csv(out / "items.csv", encoding="utf-8-sig", dtype=str).query("document != @name")

    answer = client.patch(
        f"/api/documents/{name}/rows/{index}",
        json={"field": "total_vnd", "value": "1.350.000.000", "version": view["version"]},
    )
    assert answer.status_code == 200, answer.text
    edited = answer.json()
    assert edited["version"] != view["version"]
    row = edited["document"]["items"][index]
    assert row["total_vnd"] == 1_350_000_000
    fix = row["corrections"][-1]
    assert (fix["field"], fix["before"], fix["after"], fix["by"], fix["reason"]) == (
        "total_vnd", "1.850.000.000", "1.350.000.000", "Lan", "reviewed"
    )  # fmt: skip
    assert fix["at"]
    assert codes(edited) == [] and edited["document"]["status"] == "ok"  # row 2, section 2 and group I agree now
    assert (
        next(s for s in edited["view"]["sums"] if s["row"] == index and s["column"] == "total_vnd")["difference"] == 0
    )

    on_disk = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
    assert on_disk["items"][index]["total_vnd"] == 1_350_000_000 and on_disk["status"] == "ok"
    lines = pd.read_csv(out / "items.csv", encoding="utf-8-sig", dtype=str)
    assert lines.query("document == @name and code == '2'")["total_vnd"].item() == "1350000000"
    pd.testing.assert_frame_equal(lines.query("document != @name"), other_lines)  # untouched, in place
    assert pd.read_parquet(out / "items.parquet").query("document == @name and code == '2'")["total_vnd"].item() == (
        1_350_000_000
    )
    report = {entry["output"]: entry for entry in json.loads((out / "batch-report.json").read_text(encoding="utf-8"))}
    assert (report[name]["status"], report[name]["errors"], report[name]["reviewer_edits"]) == ("ok", 0, 1)
    # reloading shows the edit
    assert get(client, name)["document"]["items"][index]["total_vnd"] == 1_350_000_000


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("total_vnd", "12a", "is not an amount"),
        ("total_vnd", "-5", "is not an amount"),
        ("total_vnd", 12.5, "is not an amount"),
        ("start_month", 13, "is not a month"),
        ("end_month", "0", "is not a month"),
        ("code", "9", "not an editable field"),
        (None, "1", '"field"'),
    ],
)
def test_a_malformed_edit_changes_nothing(client: TestClient, out: Path, field: str, value: object, says: str) -> None:
    name = "102_can_tho_2021_khuyen_cong"
    before = (out / f"{name}.json").read_bytes(), (out / "items.csv").read_bytes()
    view = get(client, name)
    answer = client.patch(
        f"/api/documents/{name}/rows/0", json={"field": field, "value": value, "version": view["version"]}
    )
    assert answer.status_code == 400 and says in answer.json()["error"]
    assert ((out / f"{name}.json").read_bytes(), (out / "items.csv").read_bytes()) == before


def test_a_stale_write_is_refused_and_loses_nothing(client: TestClient, out: Path) -> None:
    name = "000_8939c4b136b1e13b"
    first_tab = get(client, name)
    second_tab = get(client, name)
    saved = client.patch(
        f"/api/documents/{name}/rows/1", json={"field": "title", "value": "Tên mới", "version": first_tab["version"]}
    )
    assert saved.status_code == 200
    stale = client.patch(
        f"/api/documents/{name}/rows/1", json={"field": "title", "value": "Tên khác", "version": second_tab["version"]}
    )
    assert stale.status_code == 409 and "changed elsewhere" in stale.json()["error"]
    assert stale.json()["version"] == saved.json()["version"]
    assert json.loads((out / f"{name}.json").read_text(encoding="utf-8"))["items"][1]["title"] == "Tên mới"


def test_if_match_header_carries_the_version(client: TestClient) -> None:
    name = "000_8939c4b136b1e13b"
    version = get(client, name)["version"]
    answer = client.patch(f"/api/documents/{name}/rows/1", json={"field": "notes", "value": "x"},
                          headers={"If-Match": f'"{version}"'})  # fmt: skip
    assert answer.status_code == 200, answer.text
    assert client.patch(f"/api/documents/{name}/rows/1", json={"field": "notes", "value": "y"}).status_code == 400


def test_a_suggested_reading_is_taken_or_turned_down(client: TestClient) -> None:
    name = "102_can_tho_2021_khuyen_cong"
    view = get(client, name)
    index = row_at(view, "2")
    (finding, proposal), *_ = view["view"]["proposals"].items()
    assert (proposal["row_index"], proposal["field"], proposal["value"], proposal["current"]) == (
        index, "total_vnd", 1_350_000_000, 1_850_000_000
    )  # fmt: skip
    refused = client.post(f"/api/documents/{name}/findings/{finding}/decide",
                          json={"accept": False, "version": view["version"]}).json()  # fmt: skip
    assert refused["document"]["items"][index]["total_vnd"] == 1_850_000_000  # the printed value stays
    assert all(p["decided"] for p in refused["view"]["proposals"].values())
    assert refused["document"]["review"]["decisions"][0]["accepted"] is False
    again = client.post(f"/api/documents/{name}/findings/{finding}/decide",
                        json={"accept": True, "version": refused["version"]})  # fmt: skip
    assert again.status_code == 400 and "already decided" in again.json()["error"]


def test_accepting_a_suggested_reading_applies_it(client: TestClient) -> None:
    name = "102_can_tho_2021_khuyen_cong"
    view = get(client, name)
    finding = next(iter(view["view"]["proposals"]))
    taken = client.post(f"/api/documents/{name}/findings/{finding}/decide",
                        json={"accept": True, "version": view["version"]}).json()  # fmt: skip
    row = taken["document"]["items"][row_at(view, "2")]
    assert row["total_vnd"] == 1_350_000_000 and row["corrections"][-1]["by"] == "Lan"
    assert taken["document"]["review"]["decisions"][0]["accepted"] is True
    assert codes(taken) == []


def test_verify_and_sign_off_then_edits_wait_for_withdrawal(client: TestClient, out: Path) -> None:
    name = "000_8939c4b136b1e13b"
    view = get(client, name)
    verified = client.post(f"/api/documents/{name}/rows/3/verify", json={"verified": True, "version": view["version"]})
    assert verified.json()["document"]["items"][3]["verified"]["by"] == "Lan"
    signed = client.post(
        f"/api/documents/{name}/sign-off", json={"signed": True, "version": verified.json()["version"]}
    )
    stamp = signed.json()["document"]["review"]["signed_off"]
    assert stamp["by"] == "Lan" and stamp["at"]
    refused = client.patch(f"/api/documents/{name}/rows/3",
                           json={"field": "title", "value": "x", "version": signed.json()["version"]})  # fmt: skip
    assert refused.status_code == 400 and "withdraw the sign-off" in refused.json()["error"]
    report = {entry["output"]: entry for entry in json.loads((out / "batch-report.json").read_text(encoding="utf-8"))}
    assert (report[name]["signed_off_by"], report[name]["verified_rows"]) == ("Lan", 1)
    assert report[name]["signed_off_at"] == stamp["at"].replace("Z", "+00:00")
    queue = {d["name"]: d for d in client.get("/api/documents").json()["documents"]}
    assert queue[name]["signed_off_by"] == "Lan" and list(queue)[-1] == name  # signed off: last in the queue
    withdrawn = client.post(
        f"/api/documents/{name}/sign-off", json={"signed": False, "version": signed.json()["version"]}
    )
    assert withdrawn.json()["document"]["review"]["signed_off"] is None


def test_grand_total_edit_reruns_the_grand_total_and_narrative_checks(client: TestClient) -> None:
    # The seed's grand total prints 10.987.250.000 while its rows add up to 9.587.250.000, and the
    # narrative states 10.987.250.000 too: setting the printed total to the rows' sum trades one
    # error for the other, which is what the checks must say.
    name = "000_8939c4b136b1e13b"
    view = get(client, name)
    assert ("grand-total-mismatch", None) in codes(view)
    answer = client.patch(f"/api/documents/{name}/totals",
                          json={"field": "total_vnd", "value": 9_587_250_000, "version": view["version"]})  # fmt: skip
    edited = answer.json()["document"]
    found = {(f["code"], f["field"]) for f in edited["findings"]}
    assert ("grand-total-mismatch", "total_vnd") not in found
    assert ("narrative-total-mismatch", "total_vnd") in found and (
        "grand-total-mismatch",
        "provincial_budget_vnd",
    ) in found
    assert edited["totals"]["corrections"][0]["before"] == "10.987.250.000"


# --- safety --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/api/documents/..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/documents/..",
        "/api/documents/batch-report",
        "/api/documents/.vnplan-cache",
        "/api/documents/%2Fetc%2Fpasswd",
        "/documents/..%2Fitems",
        "/static/..%2F..%2F..%2Fpyproject.toml",
        "/static/document.html",
        "/api/documents/000_8939c4b136b1e13b/pages/0/image",
        "/api/documents/000_8939c4b136b1e13b/pages/1/image",  # a text export has no page image
        "/etc/passwd",
    ],
)
def test_nothing_outside_the_documents_is_served(client: TestClient, path: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 404, (path, answer.status_code)
    assert "root:" not in answer.text and "[project]" not in answer.text


def test_a_link_out_of_the_folder_is_not_a_document(client: TestClient, out: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.json"
    outside.write_text((out / "000_8939c4b136b1e13b.json").read_text(encoding="utf-8"), encoding="utf-8")
    (out / "linked.json").symlink_to(outside)
    assert client.get("/api/documents/linked").status_code == 404


def test_cross_site_writes_are_refused(client: TestClient, out: Path) -> None:
    name = "000_8939c4b136b1e13b"
    version = get(client, name)["version"]
    before = (out / f"{name}.json").read_bytes()
    body = {"field": "title", "value": "pwned", "version": version}
    url = f"/api/documents/{name}/rows/1"
    assert client.patch(url, json=body, headers={"Origin": "http://evil.example"}).status_code == 403
    assert client.patch(url, json=body, headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403
    form = client.post(f"/api/documents/{name}/sign-off", data={"signed": "true", "version": version})
    assert form.status_code == 415  # an HTML form cannot send JSON
    assert client.get("/api/documents", headers={"Host": "evil.example"}).status_code == 400  # DNS rebinding
    assert (out / f"{name}.json").read_bytes() == before
    assert client.patch(url, json=body, headers={"Origin": BASE}).status_code == 200  # the app's own page


def test_queue_and_document_pages_are_served(client: TestClient) -> None:
    assert 'data-page="queue"' in client.get("/").text
    assert 'data-page="document"' in client.get("/documents/000_8939c4b136b1e13b").text
    assert client.get("/documents/nope").status_code == 404
    script = client.get("/static/app.js")
    assert script.status_code == 200 and script.headers["content-type"].startswith("text/javascript")


# --- the command ---------------------------------------------------------------------------------


def test_serve_needs_an_output_folder(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from vnplan.cli import app

    result = CliRunner().invoke(app, ["serve", str(tmp_path / "nope")])
    assert result.exit_code == 2 and "no such folder" in result.stderr


def test_serve_listens_on_loopback_and_warns_when_opened_up(out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn
    from typer.testing import CliRunner

    from vnplan.cli import app

    bound: list[tuple[str, int]] = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets: bound.append(sockets[0].getsockname()[:2]))
    quiet = CliRunner().invoke(app, ["serve", str(out), "--port", "0", "--reviewer", "Lan"])
    assert quiet.exit_code == 0, quiet.output
    assert "warning" not in quiet.stderr and "2 documents" in quiet.stderr
    opened = CliRunner().invoke(app, ["serve", str(out), "--port", "0", "--host", "0.0.0.0"])
    assert opened.exit_code == 0 and "warning: listening on 0.0.0.0" in opened.stderr
    assert [host for host, _ in bound] == ["127.0.0.1", "0.0.0.0"]


def test_a_folder_without_a_dataset_gets_one_on_the_first_edit(out: Path) -> None:
    for name in ("items.csv", "items.parquet", "batch-report.json", "batch-report.csv"):
        (out / name).unlink()
    with TestClient(create_app(DocumentStore(out), reviewer="Lan"), base_url=BASE) as client:
        view = get(client, "000_8939c4b136b1e13b")
        answer = client.patch("/api/documents/000_8939c4b136b1e13b/rows/1",
                              json={"field": "notes", "value": "đã kiểm tra", "version": view["version"]})  # fmt: skip
        assert answer.status_code == 200, answer.text
    lines = pd.read_csv(out / "items.csv", encoding="utf-8-sig", dtype=str)
    assert sorted(lines["document"].unique()) == ["000_8939c4b136b1e13b", "102_can_tho_2021_khuyen_cong"]
    assert "đã kiểm tra" in set(lines["notes"].dropna())
    assert not (out / "batch-report.json").exists()  # no report to bring up to date: none is made up


def test_a_table_read_by_position_shows_and_edits_its_own_money_columns(tmp_path: Path) -> None:
    allocation = ROOT / "samples" / "genres" / "ntp_allocation_2023.txt"
    out = tmp_path / "out"
    run_batch([str(allocation)], out, options=Options(), version="test")
    name = allocation.stem
    with TestClient(create_app(DocumentStore(out), reviewer="Lan"), base_url=BASE) as client:
        view = get(client, name)
        money = [m["field"] for m in view["view"]["money"]]
        assert money == ["total_vnd", "central_budget", "provincial_budget_vnd", "district_budget", "integrated"]
        assert "central_budget" in view["view"]["editable"]
        index = row_at(view, "a")
        answer = client.patch(f"/api/documents/{name}/rows/{index}",
                              json={"field": "central_budget", "value": "2.800.000.000", "version": view["version"]})  # fmt: skip
        edited = answer.json()
        assert answer.status_code == 200 and edited["document"]["status"] == "partial"
        fields = {(f["code"], f["row_code"], edited["view"]["finding_fields"][i])
                  for i, f in enumerate(edited["document"]["findings"]) if f["severity"] == "error"}  # fmt: skip
        assert ("row-sum-mismatch", "a", "total_vnd") in fields  # the column 'total' is shown as total_vnd
        sums = {(s["row"], s["column"]): s["difference"] for s in edited["view"]["sums"]}
        parent = row_at(view, "1")
        assert sums[(parent, "central_budget")] == -100_000_000


def test_a_file_that_is_not_a_document_is_listed_first_and_explained(out: Path) -> None:
    (out / "broken.json").write_text('{"schema_version": 2, "items": "not a list"}', encoding="utf-8")
    with TestClient(create_app(DocumentStore(out), reviewer="Lan"), base_url=BASE) as client:
        first = client.get("/api/documents").json()["documents"][0]
        assert first["name"] == "broken" and first["status"] == "unreadable"
        assert "vnplan validate" in first["problem"]
        answer = client.get("/api/documents/broken")
        assert answer.status_code == 422 and "not a vnplan document" in answer.json()["error"]


def test_the_second_readers_reading_is_offered_in_one_key(client: TestClient, out: Path) -> None:
    """An amount the two OCR readers read differently (amount-readings-differ) carries the other
    reading as its suggestion: the page offers it, and taking it puts it on record like an edit."""
    name = "000_8939c4b136b1e13b"
    path = out / f"{name}.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    row = document["items"][3]
    document["findings"].append({
        "severity": "warning", "code": "amount-readings-differ", "row_code": row["code"], "row_index": 3,
        "field": "total_vnd", "pages": row["pages"], "actual": row["total_vnd"],
        "message": f"row {row['code']}: total_vnd: the two OCR readers read differently",
        "suggestion": {"row_index": 3, "row_code": row["code"], "field": "total_vnd",
                       "value": row["total_vnd"] + 1_000_000, "reason": "the second OCR reader's reading"},
    })  # fmt: skip
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    view = get(client, name)
    offered = {
        key: p for key, p in view["view"]["proposals"].items() if p["reason"] == "the second OCR reader's reading"
    }
    ((finding, proposal),) = offered.items()
    assert (proposal["row_index"], proposal["field"], proposal["value"]) == (
        3,
        "total_vnd",
        row["total_vnd"] + 1_000_000,
    )
    taken = client.post(f"/api/documents/{name}/findings/{finding}/decide",
                        json={"accept": True, "version": view["version"]}).json()  # fmt: skip
    assert taken["document"]["items"][3]["total_vnd"] == row["total_vnd"] + 1_000_000
    assert taken["document"]["items"][3]["corrections"][-1]["by"] == "Lan"
