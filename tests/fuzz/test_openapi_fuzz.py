"""Property-based fuzzing of every operation in spec/openapi.yaml: no 5xx, answers conform.

schemathesis' pytest plugin does not support pytest 9 yet, so each operation's
hypothesis strategy is driven here directly; one test per operation of the spec.
Here the app runs in-process with every upstream unconfigured or unreachable, on the
embedded index and on the real Elasticsearch node; `test_openapi_fuzz_served.py` fuzzes
the real server with the stand-ins configured.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import schemathesis
import yaml
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from app import build_injector, create_app
from tests.conftest import (
    AUTH,
    BOTH_INDEXES,
    drop_elasticsearch,
    elasticsearch_settings,
    make_settings,
)

SPEC = yaml.safe_load((Path(__file__).parents[2] / "spec" / "openapi.yaml").read_text())
METHODS = {"get", "post", "put", "patch", "delete"}
ANSWER_SECONDS = 10.0
"""Every answer comes within this (a lookup answers within LOOKUP_TIMEOUT_SECONDS)."""


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
OPERATION_IDS = [f"{m} {p} {g.value}" for m, p, g in OPERATIONS]
# Routes whose answers depend on third parties: here every upstream is unconfigured or
# points at a closed port, which they must turn into a problem answer, never a 5xx of
# ours... except the documented 502/503.
UPSTREAM_STATUSES = {502, 503}
PAGES = ("/r/", "/s/")
"""The pages to share: HTML for people, their errors included."""


def keyed(schema: schemathesis.BaseSchema) -> schemathesis.BaseSchema:
    """`schema` generating no `X-API-Key` of its own: every call sends a valid key (so
    that invalid input reaches validation), and a negative case that only dropped the
    key would be a valid request it wrongly expects to be refused."""
    schema.config.generation.update(with_security_parameters=False)
    return schema


def fuzz(
    api_schema: schemathesis.BaseSchema,
    method: str,
    path: str,
    mode: GenerationMode,
    allowed_5xx: set[int],
    call: Callable[[schemathesis.Case], object],
    examples: int = 30,
) -> None:
    """Valid requests are accepted and answered per the spec, in time; invalid ones get a
    4xx problem; no 5xx but the `allowed_5xx`, which must be problems."""
    operation = api_schema[path][method]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: schemathesis.Case) -> None:
        started = time.monotonic()
        response = call(case)
        assert time.monotonic() - started < ANSWER_SECONDS
        status = response.status_code  # type: ignore[attr-defined]
        if status in allowed_5xx and path != "/ready":
            content_type = response.headers["content-type"]  # type: ignore[attr-defined]
            content_type = content_type[0] if isinstance(content_type, list) else content_type
            # A page to share says it to a person, in HTML; the API to programs.
            page = path.startswith(PAGES)
            assert content_type.startswith("text/html" if page else "application/problem+json")
            return
        # An opaque cursor, a one-time OAuth state or a platform's link cannot be
        # generated: a made-up one is rightly refused (400). Nor can the spec require
        # one of two parameters (`title` or `url`): a lookup without both is a 400.
        query = case.query or {}
        made_up = "cursor" in query or path == "/spotify/callback"
        made_up |= path == "/v1-alpha.1/links" or (path == "/links" and "title" not in query)
        made_up |= path == "/links" and "url" in query
        # Nor a work on a platform: a share page of a made-up id is a page that says so.
        made_up |= path.startswith("/s/")
        excluded = [positive_data_acceptance] if made_up else []
        case.validate_response(response, excluded_checks=excluded)  # type: ignore[arg-type]

    check()


@pytest.fixture(scope="module", params=BOTH_INDEXES)
def api_schema(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[schemathesis.BaseSchema]:
    """The app on the embedded index, and on the real Elasticsearch node."""
    data_dir: Path = tmp_path_factory.mktemp("fuzz")
    # A lookup answers within its time-out (3 s here), well inside ANSWER_SECONDS. The
    # stored recommendations' lookups would use up iTunes' 20 a minute, and every
    # `GET /links` would then wait its time-out for a slot: limits are tested elsewhere.
    unlimited = {f"{name}_rate_limit": "100000/1" for name in ("deezer", "itunes", "spotify")}
    options: dict[str, object] = {"lookup_timeout_seconds": 3.0, **unlimited}
    if request.param == "embedded":
        chosen = make_settings(data_dir, **options)
    else:
        url = request.getfixturevalue("elasticsearch_url")
        chosen = elasticsearch_settings(data_dir, url, **options)
    app = create_app(build_injector(chosen))
    yield keyed(schemathesis.openapi.from_asgi("/openapi.json", app))
    if chosen.elasticsearch_url:
        drop_elasticsearch(chosen)


@pytest.mark.parametrize(("method", "path", "mode"), OPERATIONS, ids=OPERATION_IDS)
def test_no_server_errors_and_answers_conform(
    api_schema: schemathesis.BaseSchema, method: str, path: str, mode: GenerationMode
) -> None:
    # The index is up here: a 503 from an index route would hide a failure.
    allowed = set() if path.startswith("/recommendations") else UPSTREAM_STATUSES
    fuzz(api_schema, method, path, mode, allowed, lambda case: case.call(headers=AUTH))
