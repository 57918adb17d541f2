"""Swagger UI in a real browser: authorize with a key, POST through try-it-out, see the 201.

In Chromium, as `tests/browser.py` drives it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.browser import page, require_browser
from tests.integration.test_serve import server
from tools.ports import free_port

pytestmark = pytest.mark.integration
__all__ = ["page"]  # the fixture


def test_try_it_out_posts_a_recommendation_with_the_api_key(page: Any, tmp_path: Path) -> None:
    expect = require_browser().expect
    body = {"title": "Breaking Benjamin - Phobia", "user": "ana", "kind": "album"}
    with server(tmp_path, free_port()) as url:
        page.goto(f"{url}/ui/")

        page.locator(".auth-wrapper button.authorize").click()
        # The dialog has a form per scheme: the API key's (a device token has its own).
        dialog = page.locator(".modal-ux .auth-container").filter(has_text="X-API-Key")
        dialog.locator("input[type=text]").fill("k1")
        dialog.get_by_role("button", name="Authorize").click()
        expect(dialog.get_by_role("button", name="Logout")).to_be_visible()
        dialog.get_by_role("button", name="Close").click()

        operation = page.locator(".opblock-post").filter(
            has=page.locator('.opblock-summary-path[data-path="/recommendations"]')
        )
        operation.locator(".opblock-summary").click()
        operation.locator("button.try-out__btn").click()
        operation.locator("textarea.body-param__text").fill(json.dumps(body))
        operation.locator("button.execute").click()

        live = operation.locator(".live-responses-table")
        expect(live.locator("tr.response .response-col_status")).to_have_text("201")
        answer = live.locator("tr.response .response-col_description .microlight").first
        expect(answer).to_contain_text('"links_status"')
        shown = json.loads(answer.inner_text())
        assert shown["title"] == body["title"] and shown["artist"] == "Breaking Benjamin"
        # The curl Swagger UI shows carries the key it sent.
        expect(operation.locator(".curl-command")).to_contain_text("X-API-Key: k1")
