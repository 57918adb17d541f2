"""Anonymous `GET /links` callers: a rate per client address, and a table that forgets."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from api.anonymous import AnonymousCallers
from services.errors import RateLimited
from tests.conftest import make_settings

pytestmark = pytest.mark.unit


def test_each_client_has_its_own_count(tmp_path: Path) -> None:
    callers = AnonymousCallers(make_settings(tmp_path, links_anonymous_rate_limit="2/0.3"))
    for _ in range(2):
        callers.admit("10.0.0.1")
    with pytest.raises(RateLimited) as refused:
        callers.admit("10.0.0.1")
    assert 0 < refused.value.retry_after <= 0.31
    callers.admit("10.0.0.2")  # another client is not held back
    time.sleep(0.35)
    callers.admit("10.0.0.1")  # its window has passed
    assert len(callers._clients) == 1  # idle clients are forgotten with their window


def test_without_the_setting_nobody_is_admitted_and_the_spec_stays_closed(tmp_path: Path) -> None:
    callers = AnonymousCallers(make_settings(tmp_path))
    assert not callers.allowed
    with pytest.raises(RateLimited):
        callers.admit("10.0.0.1")
    spec = {"paths": {"/links": {"get": {"security": [{"apiKey": []}]}}}}
    assert callers.open_spec(spec)["paths"]["/links"]["get"]["security"] == [{"apiKey": []}]
