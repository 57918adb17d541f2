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


class CompiledParameterValidator(ParameterValidator):
    """Connexion's `ParameterValidator` with compiled, reused schema validators."""

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
