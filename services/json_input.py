"""JSON from outside (request bodies, crawler messages, imported lines), read one way.

Two things `json.loads` accepts are refused where they come in, saying where:

- a string holding a lone surrogate: `"\\ud800"` is valid JSON escaping but no Unicode
  text, so neither UTF-8 nor SQLite can store it (it was a `UnicodeEncodeError`, a 500);
- nesting deeper than any document has: `json` recurses once per level, and a body of
  60,000 `[` met Python's recursion limit (a `RecursionError`, a 500).
"""

from __future__ import annotations

import json
from typing import Any

MAX_DEPTH = 16
"""Objects and arrays inside each other; a stored document has 3 (`links.<platform>.*`)."""


class InvalidJson(ValueError):
    """Not JSON, or JSON the service cannot keep; the message says where."""


def parse_json(text: str | bytes) -> Any:
    """The value of `text`; `InvalidJson` when it is not JSON or `unstorable` says why."""
    try:
        value = json.loads(text)
    except RecursionError:
        raise InvalidJson(TOO_DEEP) from None
    except ValueError as error:  # JSONDecodeError, and UnicodeDecodeError for bytes
        raise InvalidJson(f"not JSON: {error}") from None
    problem = unstorable(value)
    if problem is not None:
        raise InvalidJson(problem)
    return value


def unstorable(value: Any) -> str | None:
    """Where `value` nests deeper than `MAX_DEPTH` or holds a string that is not Unicode
    text (member names too), named as a path such as `links/spotify/title`; else None."""
    pending: list[tuple[str, Any, int]] = [("", value, 0)]
    while pending:  # not recursive: the value may nest as deep as `json` let it
        path, item, depth = pending.pop()
        if isinstance(item, str):
            if not is_text(item):
                return _at(path, NOT_TEXT)
            continue
        if not isinstance(item, dict | list):
            continue
        if depth >= MAX_DEPTH:
            return _at(path, TOO_DEEP)
        members = item.items() if isinstance(item, dict) else enumerate(item)
        for name, member in members:
            if isinstance(name, str) and not is_text(name):
                return _at(path, f"a member name {NOT_TEXT}")
            pending.append((f"{path}/{name}" if path else str(name), member, depth + 1))
    return None


TOO_DEEP = f"nested deeper than {MAX_DEPTH} objects and arrays"
NOT_TEXT = "holds a lone surrogate (such as \\ud800), which is not Unicode text"


def _at(path: str, problem: str) -> str:
    return f"{path}: {problem}" if path else problem


def is_text(value: str) -> bool:
    """Whether `value` is Unicode text: it has no lone surrogate, so UTF-8 can encode it."""
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
