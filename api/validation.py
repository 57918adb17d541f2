"""Request validation as Connexion does it, with two changes, given as its `validator_map`.

Connexion deep-copies a parameter's schema and builds a new JSON Schema validator
for every parameter of every request, a good part of the work of a GET of one
recommendation. Here each is compiled once: same rules, same messages. And a JSON
body is first read by `services.json_input`, as crawler messages and imported lines
are: one that is not UTF-8, nests too deep or holds a lone surrogate is a 400 saying
where, instead of an error escaping into the server (a 500).
"""

from __future__ import annotations

from typing import Any

from cachetools import LRUCache
from connexion.datastructures import MediaTypeDict
from connexion.exceptions import BadRequestProblem
from connexion.utils import is_null, is_nullable
from connexion.validators import VALIDATOR_MAP, JSONRequestBodyValidator, ParameterValidator
from jsonschema import Draft4Validator, ValidationError
from starlette.datastructures import Headers
from starlette.types import Message, Receive, Scope

from services.json_input import InvalidJson, parse_json

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
    """Connexion's JSON body validator, after `services.json_input` has read the body;
    a body it refuses is a 400 naming why."""

    async def wrap_receive(self, receive: Receive, *, scope: Scope) -> tuple[Receive, Scope]:
        if not Headers(scope=scope).get("content-length", "0").strip("0"):
            # Connexion reads no body without a length (a chunked one is "no body"): nor do we.
            return await super().wrap_receive(receive, scope=scope)
        messages = await _whole_body(receive)
        body = b"".join(message.get("body", b"") for message in messages)
        if body:
            try:
                parse_json(body.decode("utf-8"))
            except UnicodeDecodeError:
                raise BadRequestProblem(
                    detail="The request body is not utf-8 encoded JSON."
                ) from None
            except InvalidJson as error:
                raise BadRequestProblem(detail=f"The request body: {error}") from None
        return await super().wrap_receive(_replaying(messages, receive), scope=scope)


async def _whole_body(receive: Receive) -> list[Message]:
    """Every message of the request's body. Connexion reads the whole body to validate
    it too, so holding it here costs no more memory than it already takes."""
    messages = [await receive()]
    while messages[-1].get("more_body", False):
        messages.append(await receive())
    return messages


def _replaying(messages: list[Message], receive: Receive) -> Receive:
    """A `receive` that hands out `messages` again, then waits on the client's own
    (for its disconnect), so Connexion reads the body as if nobody had."""
    pending = list(messages)

    async def replay() -> Message:
        return pending.pop(0) if pending else await receive()

    return replay


def validator_map() -> dict[str, Any]:
    """What `add_api(validator_map=...)` takes: ours where they differ, Connexion's elsewhere."""
    body = MediaTypeDict({**VALIDATOR_MAP["body"], "*/*json": Utf8JsonBodyValidator})
    return {"parameter": CompiledParameterValidator, "body": body}
