"""No test reaches a real host: every provider's base URL has its closed port in `OFFLINE`."""

from __future__ import annotations

import pytest

from services.settings import Settings
from standins.world import PROVIDER_URLS
from tests.conftest import OFFLINE

pytestmark = pytest.mark.unit


def test_every_provider_url_is_pointed_at_a_closed_port_in_tests() -> None:
    urls = {name for name in Settings.model_fields if name.endswith(PROVIDER_URLS)}
    assert urls == set(OFFLINE)
