"""Property-based fuzzing of every operation in spec/openapi.yaml: no 5xx, answers conform.

schemathesis' pytest plugin does not support pytest 9 yet, so each operation's
hypothesis strategy is driven here directly; one test per operation of the spec.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
import yaml
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from app import build_injector, create_app
from tests.conftest import AUTH, elasticsearch_settings, make_settings

SPEC = yaml.safe_load((Path(__file__).parents[2] / "spec" / "openapi.yaml").read_text())
METHODS = {"get", "post", "put", "patch", "delete"}


def _has_input(path_item: dict, operation: dict) -> bool:
    return bool(
        path_item.get("parameters") or operation.get("parameters") or "requestBody" in operation
    )


# Negative cases exist only for operations that take some input.
OPERATIONS = [
    (method.upper(), path, mode)
    for path, item in SPEC["paths"].items()
    for method, operation in item.items()
    if method in METHODS
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    if mode is GenerationMode.POSITIVE or _has_input(item, operation)
]
# Routes whose answers depend on live third parties are fuzzed for input handling
# only elsewhere; here every upstream points at a closed port, which they must
# turn into a problem answer, never a 5xx of ours... except documented 502/503.
UPSTREAM_STATUSES = {502, 503}


@pytest.fixture(
    scope="module",
    params=[
        pytest.param("embedded", marks=pytest.mark.unit),
        pytest.param("elasticsearch", marks=pytest.mark.elasticsearch),
    ],
)
def api_schema(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[schemathesis.BaseSchema]:
    """The app on the embedded index, and on the real Elasticsearch node."""
    data_dir: Path = tmp_path_factory.mktemp("fuzz")
    if request.param == "embedded":
        chosen = make_settings(data_dir)
    else:
        chosen = elasticsearch_settings(data_dir, request.getfixturevalue("elasticsearch_url"))
    app = create_app(build_injector(chosen))
    yield schemathesis.openapi.from_asgi("/openapi.json", app)
    if chosen.elasticsearch_url:
        from services.index.elasticsearch import ElasticsearchIndex

        ElasticsearchIndex.from_settings(chosen).drop()


@pytest.mark.parametrize(
    ("method", "path", "mode"), OPERATIONS, ids=[f"{m} {p} {g.value}" for m, p, g in OPERATIONS]
)
def test_no_server_errors_and_answers_conform(
    api_schema: schemathesis.BaseSchema, method: str, path: str, mode: GenerationMode
) -> None:
    """Valid requests are accepted and answered per the spec; invalid ones get a 4xx problem."""
    operation = api_schema[path][method]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=30,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: schemathesis.Case) -> None:
        response = case.call(headers=AUTH)
        # The index is up in this test: a 503 from an index route would hide a failure.
        index_route = path.startswith("/recommendations")
        if response.status_code in UPSTREAM_STATUSES and path != "/ready" and not index_route:
            assert response.headers["content-type"][0].startswith("application/problem+json")
            return
        # An opaque cursor or a one-time OAuth state cannot be generated: a made-up
        # one is rightly refused (400).
        made_up = "cursor" in (case.query or {}) or path == "/spotify/callback"
        excluded = [positive_data_acceptance] if made_up else []
        case.validate_response(response, excluded_checks=excluded)

    check()
