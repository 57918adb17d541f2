"""Request validation as Connexion does it, with two changes, given as its `validator_map`.

Connexion deep-copies a parameter's schema and builds a new JSON Schema validator
for every parameter of every request, a good part of the work of a GET of one
recommendation. Here each is compiled once: same rules, same messages. And a JSON
body that is not UTF-8 is a 400 where it is decoded, instead of a `UnicodeDecodeError`
escaping into the server.
"""

from __future__ import annotations

from typing import Any

from cachetools import LRUCache
from connexion.datastructures import MediaTypeDict
from connexion.exceptions import BadRequestProblem
from connexion.utils import is_null, is_nullable
from connexion.validators import VALIDATOR_MAP, JSONRequestBodyValidator, ParameterValidator
from jsonschema import Draft4Validator, ValidationError
from starlette.types import Receive, Scope

COMPILED_AT_MOST = 1024
"""Schemas kept compiled: the spec declares a few dozen parameters; the bound keeps a
Connexion that handed out copies of them from growing the cache without end."""

# A parameter's dict -> (the dict, its compiled schema). Keyed by identity: Connexion
# hands the validator the same parameter dicts on every request, and the dict kept in
# the value stops its id from being reused while the entry lives. Validation runs on
# the event loop, so one thread at a time uses it.
compiled_schemas: LRUCache[int, tuple[dict[str, Any], Draft4Validator]]
compiled_schemas = LRUCache(COMPILED_AT_MOST)


def _validator_for(param: dict[str, Any]) -> Draft4Validator:
    entry = compiled_schemas.get(id(param))
    if entry is None or entry[0] is not param:
        schema = param.get("schema", param)
        entry = (param, Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER))
        compiled_schemas[id(param)] = entry
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
    """Connexion's JSON body validator; a body in another encoding is a 400 naming it."""

    async def wrap_receive(self, receive: Receive, *, scope: Scope) -> tuple[Receive, Scope]:
        try:
            return await super().wrap_receive(receive, scope=scope)
        except UnicodeDecodeError as error:
            # The body is decoded (and nothing else is) before it is validated.
            raise BadRequestProblem(
                detail=f"The request body is not {error.encoding} encoded JSON."
            ) from None


def validator_map() -> dict[str, Any]:
    """What `add_api(validator_map=...)` takes: ours where they differ, Connexion's elsewhere."""
    body = MediaTypeDict({**VALIDATOR_MAP["body"], "*/*json": Utf8JsonBodyValidator})
    return {"parameter": CompiledParameterValidator, "body": body}
