"""vnplan serve in a real browser (Playwright driving Debian's chromium): what a reviewer does."""

from __future__ import annotations

import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from tests.browser import ConsoleErrors, LiveServer
from vnplan.batch import Options, run_batch

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "text" / "000_8939c4b136b1e13b.txt"
SLIP = ROOT / "samples" / "text" / "102_can_tho_2021_khuyen_cong.txt"  # row 2 prints 1.850.000.000 for 1.350.000.000
NAME = SLIP.stem


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
def server(out: Path) -> Iterator[LiveServer]:
    live = LiveServer(out)
    yield live
    live.stop()


def stored(out: Path, name: str = NAME) -> dict[str, Any]:
    return json.loads((out / f"{name}.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def row_index(out: Path, code: str, name: str = NAME) -> int:
    return next(i for i, row in enumerate(stored(out, name)["items"]) if row["code"] == code)


def open_document(page: Any, server: LiveServer, name: str = NAME) -> None:
    page.goto(f"{server.url}/documents/{name}")
    page.wait_for_selector("#grid tbody tr")


def cell(index: int, field: str) -> str:
    return f'#grid td[data-row="{index}"][data-field="{field}"]'


def test_queue_edit_section_turns_green_and_reload_shows_it(
    page: Any, console_errors: ConsoleErrors, server: LiveServer, out: Path
) -> None:
    page.goto(server.url)
    page.wait_for_selector("#queue tbody tr")
    assert page.locator("#queue tbody tr").first.get_attribute("data-name") == NAME  # most errors first
    page.click(f'#queue a:text("{NAME}")')
    page.wait_for_selector("#grid tbody tr")
    index = row_index(out, "2")
    check = page.locator(f'#totals tr[data-row="{index}"][data-column="total_vnd"]')
    assert check.get_attribute("class") == "sum-bad"

    page.click(cell(index, "total_vnd"))
    page.keyboard.press("Enter")
    page.keyboard.press("Control+A")
    page.keyboard.type("1.350.000.000")
    page.keyboard.press("Enter")
    page.wait_for_selector(f'#totals tr[data-row="{index}"][data-column="total_vnd"].sum-ok')
    green = check.locator(".diff").evaluate("node => getComputedStyle(node).color")
    assert green == "rgb(43, 138, 62)"
    assert "saved" in page.inner_text("#message")
    assert stored(out)["items"][index]["total_vnd"] == 1_350_000_000

    page.reload()
    page.wait_for_selector("#grid tbody tr")
    edited = page.locator(cell(index, "total_vnd"))
    assert edited.inner_text().strip() == "1.350.000.000"
    assert "changed by Lan" in (edited.get_attribute("title") or "")
    assert page.inner_text("#status") == "ok"
    assert console_errors.seen == []


def test_arrow_keys_walk_flagged_cells_and_escape_cancels(page: Any, server: LiveServer, out: Path) -> None:
    open_document(page, server)
    page.keyboard.press("ArrowDown")
    first = page.locator("#grid td.selcell")
    assert first.count() == 1 and "flag" in (first.get_attribute("class") or "")
    page.keyboard.press("ArrowDown")
    second = page.locator("#grid td.selcell")
    assert (second.get_attribute("data-row"), second.get_attribute("data-field")) != ("0", "code")
    row = second.get_attribute("data-row")
    assert page.locator(f'.finding.sel[data-row="{row}"]').count() >= 1  # its finding lights up with it
    before = second.inner_text()
    page.keyboard.press("Enter")
    page.keyboard.type("999")
    page.keyboard.press("Escape")
    assert page.locator("#grid td.selcell").inner_text() == before
    assert "999" not in json.dumps(stored(out))


def test_a_suggested_reading_is_accepted_with_one_key(page: Any, server: LiveServer, out: Path) -> None:
    open_document(page, server)
    index = row_index(out, "2")
    page.click(cell(index, "total_vnd"))
    assert page.locator(".finding.sel .proposal button.accept").count() >= 1
    page.keyboard.press("a")
    page.wait_for_function(
        f"document.querySelector('{cell(index, 'total_vnd')}').textContent.trim() === '1.350.000.000'"
    )
    document = stored(out)
    assert document["items"][index]["total_vnd"] == 1_350_000_000
    assert document["review"]["decisions"][0] | {"at": None} == {
        "finding": "row-sum-mismatch", "row_index": index, "field": "total_vnd", "value": 1_350_000_000,
        "accepted": True, "by": "Lan", "at": None,
    }  # fmt: skip
    assert page.locator(".proposal button.accept").count() == 0


def test_sign_off_is_shown_and_kept(page: Any, server: LiveServer, out: Path) -> None:
    open_document(page, server, "000_8939c4b136b1e13b")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("v")  # verify the selected row
    page.wait_for_selector("#grid td.verify:text('✓')")
    page.click("#sign")
    page.wait_for_selector("#signed:text('signed off by Lan')")
    assert stored(out, "000_8939c4b136b1e13b")["review"]["signed_off"]["by"] == "Lan"
    page.goto(server.url)
    page.wait_for_selector("#queue tbody tr")
    line = page.locator('#queue tr[data-name="000_8939c4b136b1e13b"]')
    assert "signed off by Lan" in line.inner_text() and "1/33 rows verified" in line.inner_text()


def test_a_second_tabs_stale_save_is_refused(context: Any, server: LiveServer, out: Path) -> None:
    first, second = context.new_page(), context.new_page()
    for tab in (first, second):
        open_document(tab, server)
    index = row_index(out, "1.1")
    for tab, title in ((first, "Tên từ tab một"), (second, "Tên từ tab hai")):
        tab.click(cell(index, "title"))
        tab.keyboard.press("Enter")
        tab.keyboard.press("Control+A")
        tab.keyboard.type(title)
        tab.keyboard.press("Enter")
        tab.wait_for_selector("#message:not([hidden])")
    assert "saved" in first.inner_text("#message")
    refusal = second.inner_text("#message")
    assert "changed elsewhere" in refusal and "Tên từ tab hai" in refusal  # what was typed is shown, not lost
    assert second.locator(f"{cell(index, 'title')} input").input_value() == "Tên từ tab hai"
    assert stored(out)["items"][index]["title"] == "Tên từ tab một"


class _EvilSite:
    """Another origin on this machine whose page posts a form to the review app."""

    def __init__(self, folder: Path, target: str) -> None:
        (folder / "evil.html").write_text(
            f'<form id="f" method="POST" action="{target}"><input name="signed" value="true"></form>'
            "<script>document.getElementById('f').submit()</script>",
            encoding="utf-8",
        )
        handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/evil.html"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def test_path_traversal_and_a_cross_site_post_are_refused(
    page: Any, server: LiveServer, out: Path, tmp_path: Path
) -> None:
    for path in ("/api/documents/..%2F..%2F..%2Fetc%2Fpasswd", "/static/..%2F..%2Fpyproject.toml", "/../../etc/passwd"):
        answer = page.goto(server.url + path)
        assert answer.status == 404 and "root:" not in page.content()
    before = (out / f"{NAME}.json").read_bytes()
    site_folder = tmp_path / "evil"
    site_folder.mkdir()
    evil = _EvilSite(site_folder, f"{server.url}/api/documents/{NAME}/sign-off")
    try:
        with page.expect_response(lambda response: "/sign-off" in response.url) as posted:
            page.goto(evil.url)
        assert posted.value.status == 403
        assert "cross-site request refused" in posted.value.text()
    finally:
        evil.stop()
    assert (out / f"{NAME}.json").read_bytes() == before
