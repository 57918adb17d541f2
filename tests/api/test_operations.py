"""How Connexion gets the service's operations: each decorated once, each parameter once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from connexion.decorators.main import BaseDecorator
from starlette.testclient import TestClient

import api.validation
from api.spec import load_spec, parameters_per_operation
from app import build_injector, create_app
from tests.conftest import make_settings

pytestmark = pytest.mark.unit


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(build_injector(make_settings(tmp_path)))) as test_client:
        yield test_client


def test_a_handler_is_decorated_once_not_per_request(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    decorated = []
    decorate = BaseDecorator.decorate

    def counting(self: BaseDecorator, function: object) -> object:
        decorated.append(function)
        return decorate(self, function)

    monkeypatch.setattr(BaseDecorator, "decorate", counting)
    for _ in range(3):
        assert client.get("/recommendations/no-such-id").status_code == 404
        assert client.get("/recommendations", params={"q": "x"}).status_code == 200
    assert len(decorated) == 2  # one per operation


def test_each_parameter_is_validated_once(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    validated: list[list[tuple[str, str]]] = []
    init = api.validation.CompiledParameterValidator.__init__

    def recording(
        self: object, parameters: list[dict[str, str]], *args: object, **kw: object
    ) -> None:
        validated.append([(p["in"], p["name"]) for p in parameters])
        init(self, parameters, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(api.validation.CompiledParameterValidator, "__init__", recording)
    client.get("/recommendations/abc", headers={"If-None-Match": '"x"'})
    client.get("/users/ana/now-playing")
    assert [("header", "If-None-Match"), ("path", "id")] in validated
    for parameters in validated:
        assert len(parameters) == len(set(parameters)), parameters


def test_path_parameters_move_into_each_operation() -> None:
    spec = {
        "paths": {
            "/things/{id}": {
                "parameters": [{"name": "id", "in": "path"}],
                "get": {"parameters": [{"name": "q", "in": "query"}]},
                "delete": {},
                "summary": "not an operation",
            }
        }
    }
    item = parameters_per_operation(spec)["paths"]["/things/{id}"]
    assert "parameters" not in item
    assert [p["name"] for p in item["get"]["parameters"]] == ["q", "id"]
    assert [p["name"] for p in item["delete"]["parameters"]] == ["id"]
    assert item["summary"] == "not an operation"


def test_the_served_spec_keeps_every_parameter() -> None:
    operation = load_spec()["paths"]["/recommendations/{id}"]["patch"]
    assert {"$ref": "#/components/parameters/RecommendationId"} in operation["parameters"]
