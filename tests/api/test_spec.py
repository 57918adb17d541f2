"""The spec as the service hands it to Connexion: every parameter kept, each checked once."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

import api.validation
from api.spec import load_spec, parameters_per_operation

pytestmark = pytest.mark.unit


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
    for _ in range(2):
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


def test_the_served_spec_keeps_every_parameter(tmp_path: Path) -> None:
    operation = load_spec()["paths"]["/recommendations/{id}"]["patch"]
    assert {"$ref": "#/components/parameters/RecommendationId"} in operation["parameters"]
