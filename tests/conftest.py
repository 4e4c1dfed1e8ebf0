"""Settings and fixtures shared by the suite: hypothesis without per-example deadlines, and the
browser tests' fixtures (tests/browser.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import settings

from tests.browser import ConsoleErrors, launch

# A property test checks what is true, not how fast one example runs: a per-example deadline
# (hypothesis' default 200 ms) fails at random on a loaded machine. Speed is measured by `make bench`.
settings.register_profile("vnplan", deadline=None)
settings.load_profile("vnplan")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    yield from launch()


@pytest.fixture()
def context(browser: Any) -> Iterator[Any]:
    """A fresh browser profile per test (no cookies, cache or storage carried over)."""
    opened = browser.new_context(viewport={"width": 1400, "height": 900})
    yield opened
    opened.close()


@pytest.fixture()
def page(context: Any) -> Any:
    return context.new_page()


@pytest.fixture()
def console_errors(page: Any) -> ConsoleErrors:
    errors = ConsoleErrors()
    errors.watch(page)
    return errors
