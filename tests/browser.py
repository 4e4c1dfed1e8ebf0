"""Browser tests: Playwright for Python driving Debian's chromium (installed by `make install`),
and the review app run on a free port of this machine.

Playwright's own browser builds are never downloaded: the system chromium is launched through
``executable_path``, headless, with the background services that would try to reach the
network switched off.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch() -> Iterator[Any]:
    """A Playwright chromium browser for a test session; skipped only when chromium is missing."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the dev extras: make install")
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed: `make install` installs it (APT_PKGS in the Makefile)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@dataclass
class ConsoleErrors:
    """Uncaught exceptions and console.error calls of a page (failed loads included)."""

    seen: list[str] = field(default_factory=list)

    def watch(self, page: Any) -> Any:
        page.on("console", lambda message: self.seen.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: self.seen.append(str(error)))
        return page


class LiveServer:
    """The review app on 127.0.0.1 and a free port, in a thread of the test process."""

    def __init__(self, out: Path, reviewer: str = "Lan") -> None:
        import uvicorn

        from vnplan.serve.app import create_app
        from vnplan.serve.run import listening_socket
        from vnplan.serve.store import DocumentStore

        sock = listening_socket("127.0.0.1", 0)
        self.url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        config = uvicorn.Config(create_app(DocumentStore(out), reviewer=reviewer), log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]}, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the review app did not start")
            time.sleep(0.02)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
