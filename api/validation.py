"""Request validation as Connexion does it, with each parameter's schema compiled once.

Connexion deep-copies a parameter's schema and builds a new JSON Schema validator
for every parameter of every request; on a GET of one recommendation that was a
quarter of the request's time (`make bench`). Same rules, same messages.
"""

from __future__ import annotations

from typing import Any

from connexion.utils import is_null, is_nullable
from connexion.validators import ParameterValidator
from jsonschema import Draft4Validator, ValidationError

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
