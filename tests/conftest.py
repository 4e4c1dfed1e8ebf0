"""Fixtures shared by the browser tests (tests/browser.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser import ConsoleErrors, launch


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
