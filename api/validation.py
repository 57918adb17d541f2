"""Request validation as Connexion does it, with two changes.

Connexion deep-copies a parameter's schema and builds a new JSON Schema validator
for every parameter of every request; on a GET of one recommendation that was a
quarter of the request's time (`make bench`). Here each is compiled once: same
rules, same messages. And a JSON body is read by `services.json_input`, as crawler
messages and imported lines are: one that is not UTF-8, nests too deep or holds a lone
surrogate is a 400 saying where, instead of an error escaping into the server (a 500).
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Any

from connexion.datastructures import MediaTypeDict
from connexion.exceptions import BadRequestProblem
from connexion.utils import is_null, is_nullable
from connexion.validators import VALIDATOR_MAP, JSONRequestBodyValidator, ParameterValidator
from jsonschema import Draft4Validator, ValidationError
from starlette.types import Scope

from services.json_input import InvalidJson, parse_json

_compiled: dict[int, tuple[dict[str, Any], Draft4Validator]] = {}


def _validator_for(param: dict[str, Any]) -> Draft4Validator:
    # Keyed by identity: the spec's parameter dicts live as long as the app,
    # and keeping `param` in the value stops its id from being reused.
    entry = _compiled.get(id(param))
    if entry is None or entry[0] is not param:
        schema = param.get("schema", param)
        entry = (param, Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER))
        _compiled[id(param)] = entry
    return entry[1]


def free_form(param: dict[str, Any]) -> bool:
    """Whether `param` is a free-form query parameter: an object exploded in `form`
    style (OpenAPI's "free-form query parameters"), whose members are whatever query
    parameters the request has. Connexion's strict validation does not know it."""
    return (
        param.get("in") == "query"
        and param.get("schema", {}).get("type") == "object"
        and param.get("style", "form") == "form"
        and param.get("explode", True)
    )


class CompiledParameterValidator(ParameterValidator):
    """Connexion's `ParameterValidator` with compiled, reused schema validators; an
    operation with a free-form query parameter takes query parameters it does not name
    (a page to share, to which chat apps add `fbclid`, `utm_source`, ...)."""

    def validate_query_parameter_list(
        self, request: Any, security_params: list[str] | None = None
    ) -> set[str]:
        if any(free_form(param) for param in self.parameters.get("query", [])):
            return set()
        extra: set[str] = super().validate_query_parameter_list(request, security_params)
        return extra

    def validate_query_parameter(self, param: dict[str, Any], request: Any) -> str | None:
        # Its members are named by the request, not by the spec: none is read by name.
        if free_form(param):
            return None
        error: str | None = super().validate_query_parameter(param, request)
        return error

    @staticmethod
    def validate_parameter(
        parameter_type: str, value: Any, param: dict[str, Any], param_name: str | None = None
    ) -> str | None:
        if is_nullable(param) and is_null(value):
            return None
        if value is not None:
            try:
                _validator_for(param).validate(value)
            except ValidationError as exception:
                return str(exception)
            return None
        if param.get("required"):
            return f"Missing {parameter_type} parameter '{param['name']}'"
        return None


class Utf8JsonBodyValidator(JSONRequestBodyValidator):
    """Connexion's JSON body validator, reading the body as `services.json_input` does;
    a body in another encoding is a 400 naming it."""

    async def _parse(self, stream: AsyncGenerator[bytes, None], scope: Scope) -> Any:
        body = b"".join([message async for message in stream])
        try:
            text = body.decode(self._encoding)
        except UnicodeDecodeError:
            raise BadRequestProblem(
                detail=f"The request body is not {self._encoding} encoded JSON."
            ) from None
        if not text:
            return None
        try:
            return parse_json(text)
        except InvalidJson as error:
            raise BadRequestProblem(detail=f"The request body: {error}") from None


def validator_map() -> dict[str, Any]:
    """What `add_api(validator_map=...)` takes: ours where they differ, Connexion's elsewhere."""
    body = MediaTypeDict({**VALIDATOR_MAP["body"], "*/*json": Utf8JsonBodyValidator})
    return {"parameter": CompiledParameterValidator, "body": body}
