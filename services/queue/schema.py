"""Validates JSON against the spec's schemas: a message body against the `POST
/recommendations` body's, an imported line against a stored document's."""

from __future__ import annotations

from functools import cache
from typing import Any

from jsonschema import Draft4Validator, FormatChecker
from jsonschema.exceptions import best_match
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from services.spec import read_spec

SPEC_URI = "urn:recindex:openapi"

_spec = cache(read_spec)


def prepare() -> None:
    """Read the spec and build the message schema's validator now (a process start),
    not on the first message."""
    validator(post_body_pointer())


@cache
def validator(pointer: str) -> Draft4Validator:
    """The spec's schema at `pointer` (e.g. `#/components/schemas/RecommendationInput`),
    its `$ref`s and `allOf` resolved against the spec itself: one source of truth for
    HTTP, messages and imported lines."""
    registry: Registry[Any] = Registry().with_resource(
        SPEC_URI, Resource.from_contents(_spec(), default_specification=DRAFT4)
    )
    # OpenAPI 3.0 schema objects are (close to) JSON Schema draft 4, as Connexion validates them.
    return Draft4Validator(
        {"$ref": SPEC_URI + pointer}, registry=registry, format_checker=FormatChecker()
    )


def post_body_pointer() -> str:
    """Where the spec's `POST /recommendations` body schema is."""
    body = _spec()["paths"]["/recommendations"]["post"]["requestBody"]
    return str(body["content"]["application/json"]["schema"]["$ref"])


STORED = "#/components/schemas/StoredRecommendation"
"""A stored document: an exported line, and what an import takes."""


def schema_error(item: Any, pointer: str | None = None) -> str | None:
    """Why `item` does not fit the schema at `pointer` (the POST body's by default),
    naming where; None when it does."""
    error = best_match(validator(pointer or post_body_pointer()).iter_errors(item))
    if error is None:
        return None
    where = "/".join(str(part) for part in error.absolute_path)
    return f"{where}: {error.message}" if where else error.message
