"""Request bodies: a JSON body in another encoding is a 400; a decoding bug elsewhere is a 500."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

from api.validation import COMPILED_AT_MOST, CompiledParameterValidator, compiled_schemas
from app import build_injector, create_app
from services.recommendations import RecommendationService
from tests.conftest import AUTH, make_settings

pytestmark = pytest.mark.unit

LATIN1_BODY = '{"title": "Motörhead - Ace of Spades", "user": "ana", "kind": "album"}'.encode(
    "latin-1"
)


def test_a_json_body_that_is_not_utf8_is_a_400_saying_so(client: TestClient) -> None:
    response = client.post(
        "/recommendations",
        content=LATIN1_BODY,
        headers={**AUTH, "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "not utf-8 encoded JSON" in response.json()["detail"]


def test_a_decoding_bug_behind_a_handler_is_a_500_not_a_bad_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_search(*args: object) -> None:
        b"\xff".decode("utf-8")  # a bug of ours, not the client's body

    monkeypatch.setattr(RecommendationService, "search", broken_search)
    app = create_app(build_injector(make_settings(tmp_path)))
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/recommendations")
    assert response.status_code == 500
    assert "request body" not in response.text


def test_a_parameter_schema_is_checked_as_connexion_checks_it() -> None:
    limit = {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 5}}
    check = CompiledParameterValidator.validate_parameter
    assert check("query", 3, limit) is None
    assert "9 is greater than the maximum of 5" in str(check("query", 9, limit))
    assert check("query", None, {**limit, "required": True}) == "Missing query parameter 'limit'"


def test_parameters_handed_out_anew_never_grow_the_compiled_schemas_without_end() -> None:
    limit = {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 5}}
    for _ in range(COMPILED_AT_MOST * 2):
        # As a Connexion that copied each parameter per request would hand them out.
        assert CompiledParameterValidator.validate_parameter("query", 9, dict(limit))
    assert len(compiled_schemas) <= COMPILED_AT_MOST
