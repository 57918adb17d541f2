"""Headless Debian Chromium (`make browser` installs it) driven by Playwright; never
Playwright's own browser download. In CI (`CI` set) a missing browser fails the test."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def require_browser() -> Any:
    """Playwright's sync API, or a skip (locally) / failure (CI) saying what is missing."""
    missing = None
    try:
        from playwright import sync_api
    except ImportError:
        missing = "playwright is not installed (make install)"
    if missing is None and not shutil.which(CHROMIUM):
        missing = f"{CHROMIUM} is missing: `make browser` installs Debian's chromium"
    if missing is None:
        return sync_api
    if os.environ.get("CI"):
        pytest.fail(f"the browser test must run in CI: {missing}")
    pytest.skip(missing)


@pytest.fixture
def page() -> Iterator[Any]:
    """A page of a fresh headless Chromium."""
    sync_api = require_browser()
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            page = browser.new_page()
            page.set_default_timeout(10_000)
            yield page
        finally:
            browser.close()
