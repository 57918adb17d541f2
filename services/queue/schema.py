"""Validates a message body against the `POST /recommendations` body schema of the spec."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft4Validator, FormatChecker
from jsonschema.exceptions import best_match
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SPEC = Path(__file__).resolve().parents[2] / "spec" / "openapi.yaml"
SPEC_URI = "urn:recindex:openapi"


@cache
def _spec() -> dict[str, Any]:
    with SPEC.open(encoding="utf-8") as file:
        return yaml.safe_load(file)  # type: ignore[no-any-return]


@cache
def post_body_validator() -> Draft4Validator:
    """The schema the spec gives `POST /recommendations`, with its `$ref`s and `allOf`
    resolved against the spec itself: one source of truth for HTTP and messages."""
    spec = _spec()
    body = spec["paths"]["/recommendations"]["post"]["requestBody"]["content"]["application/json"]
    pointer = body["schema"]["$ref"]  # "#/components/schemas/RecommendationInput"
    registry: Registry[Any] = Registry().with_resource(
        SPEC_URI, Resource.from_contents(spec, default_specification=DRAFT4)
    )
    # OpenAPI 3.0 schema objects are (close to) JSON Schema draft 4, as Connexion validates them.
    return Draft4Validator(
        {"$ref": SPEC_URI + pointer}, registry=registry, format_checker=FormatChecker()
    )


def schema_error(item: Any) -> str | None:
    """Why `item` is not a valid POST body, or None when it is."""
    error = best_match(post_body_validator().iter_errors(item))
    if error is None:
        return None
    where = "/".join(str(part) for part in error.absolute_path)
    return f"{where}: {error.message}" if where else error.message
