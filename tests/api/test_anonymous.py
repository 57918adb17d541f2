"""Anonymous `GET /links` callers: a rate per client address, and a table that forgets."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from api.anonymous import AnonymousCallers, ClientRateLimit
from services.errors import RateLimited
from services.settings import RateLimit
from tests.conftest import make_settings

pytestmark = pytest.mark.unit


def test_each_client_has_its_own_count() -> None:
    limit = ClientRateLimit(RateLimit("2/0.3"), "reads")
    for _ in range(2):
        limit.admit("10.0.0.1")
    with pytest.raises(RateLimited) as refused:
        limit.admit("10.0.0.1")
    assert 0 < refused.value.retry_after <= 0.31
    assert "2 reads in 0.3 s" in str(refused.value)
    limit.admit("10.0.0.2")  # another client is not held back
    time.sleep(0.35)
    limit.admit("10.0.0.1")  # its window has passed
    assert len(limit) == 1  # idle clients are forgotten with their window


def test_anonymous_lookups_are_held_to_the_links_setting(tmp_path: Path) -> None:
    callers = AnonymousCallers(make_settings(tmp_path, links_anonymous_rate_limit="1/60"))
    assert callers.allowed
    callers.admit("10.0.0.1")
    with pytest.raises(RateLimited, match="1 lookups in 60 s"):
        callers.admit("10.0.0.1")


def test_without_the_setting_nobody_is_admitted_and_the_spec_stays_closed(tmp_path: Path) -> None:
    callers = AnonymousCallers(make_settings(tmp_path))
    assert not callers.allowed
    with pytest.raises(RateLimited):
        callers.admit("10.0.0.1")
    spec = {"paths": {"/links": {"get": {"security": [{"apiKey": []}]}}}}
    assert callers.open_spec(spec)["paths"]["/links"]["get"]["security"] == [{"apiKey": []}]
