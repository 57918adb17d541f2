"""The app the service runs on: Connexion tuned on the release it was written for, else stock."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from connexion import AsyncApp
from connexion.decorators.response import AsyncResponseDecorator
from starlette.testclient import TestClient

import api.connexion_app
from api.connexion_app import STOCK, WRITTEN_FOR
from app import build_injector, create_app
from services.logs import configure_from_settings
from tests.conftest import AUTH, make_settings
from tests.logcapture import CapturedLogs

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
LOGGER = api.connexion_app.__name__


@pytest.fixture
def tuned(tmp_path: Path) -> Iterator[TestClient]:
    """The service as it runs on the Connexion it was written for, whatever this run's
    STOCK_CONNEXION (`make test` runs the API tests on stock Connexion too)."""
    settings = make_settings(tmp_path, stock_connexion=False)
    with TestClient(create_app(build_injector(settings))) as test_client:
        yield test_client


def test_the_pinned_connexion_is_one_the_tuning_was_written_for() -> None:
    # A new pin fails here, so api/connexion_tuned.py is looked at again before the
    # service meets that release (where it would fall back to stock Connexion).
    requirements = (ROOT / "requirements.txt").read_text()
    pinned = re.search(r"^connexion\[[^]]*\]==(\S+)$", requirements, re.MULTILINE)
    assert pinned is not None
    assert pinned.group(1) in WRITTEN_FOR


def test_a_handler_is_decorated_once_per_operation_not_per_request(
    tuned: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    decorated = []
    decorate = AsyncResponseDecorator.__call__

    def counting(self: AsyncResponseDecorator, function: object) -> object:
        decorated.append(function)
        return decorate(self, function)

    monkeypatch.setattr(AsyncResponseDecorator, "__call__", counting)
    assert tuned.get("/recommendations/no-such-id").status_code == 404
    after_one = len(decorated)
    for _ in range(3):
        assert tuned.get("/recommendations/no-such-id").status_code == 404
        assert tuned.get("/recommendations", params={"q": "x"}).status_code == 200
    assert len(decorated) == after_one


def test_another_connexion_release_gets_stock_connexion_and_one_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(api.connexion_app, "installed_connexion", lambda: "3.4.0")
    # As if the tuned module's imports no longer resolved on that release.
    monkeypatch.setitem(sys.modules, "api.connexion_tuned", None)
    settings = make_settings(tmp_path, log_json=True, stock_connexion=False)
    configure_from_settings(settings)
    logs = CapturedLogs()
    app = create_app(build_injector(settings))
    assert type(app) is AsyncApp
    [warning] = logs.records(LOGGER)
    assert (warning["level"], warning["event"]) == ("warning", STOCK)
    assert warning["connexion"] == "3.4.0"
    assert "3.3.0" in warning["reason"]
    with TestClient(app) as client:
        created = client.post(
            "/recommendations",
            json={"title": "Kate Bush - Hounds of Love", "user": "ana", "kind": "album"},
            headers=AUTH,
        )
        assert created.status_code == 201
        assert client.get(f"/recommendations/{created.json()['id']}").json() == created.json()
    assert len(logs.records(LOGGER)) == 1  # one line, not one per request


def test_stock_connexion_is_a_setting_too(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, log_json=True, stock_connexion=True)
    configure_from_settings(settings)
    logs = CapturedLogs()
    app = create_app(build_injector(settings))
    assert type(app) is AsyncApp
    [line] = logs.records(LOGGER)
    assert (line["level"], line["event"]) == ("info", STOCK)
    with TestClient(app) as client:
        assert client.get("/recommendations/no-such-id").status_code == 404
