"""The API's test client on either index."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from app import build_injector, create_app
from tests.conftest import BOTH_INDEXES, drop_elasticsearch, elasticsearch_settings, make_settings


@pytest.fixture(params=BOTH_INDEXES)
def any_index_client(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TestClient]:
    """The app's test client on the embedded index (a unit test) and on the real
    Elasticsearch node (an integration test)."""
    if request.param == "embedded":
        settings = make_settings(tmp_path)
    else:
        settings = elasticsearch_settings(tmp_path, request.getfixturevalue("elasticsearch_url"))
    with TestClient(create_app(build_injector(settings))) as client:
        yield client
    if request.param == "elasticsearch":
        drop_elasticsearch(settings)
