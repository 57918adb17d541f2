"""Sync handlers run on a thread pool sized for the index in use."""

from __future__ import annotations

from pathlib import Path

import anyio.to_thread
import pytest
from starlette.testclient import TestClient

from app import build_injector, create_app
from tests.conftest import make_settings

pytestmark = pytest.mark.unit


def tokens_while_serving(client: TestClient) -> float:
    async def read() -> float:
        return anyio.to_thread.current_default_thread_limiter().total_tokens

    with client:
        assert client.portal is not None
        return client.portal.call(read)


def test_the_embedded_index_gets_a_few_threads(tmp_path: Path) -> None:
    app = create_app(build_injector(make_settings(tmp_path)))
    assert tokens_while_serving(TestClient(app)) == 8
