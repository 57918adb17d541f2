"""Opaque page cursors: the sort key of the last item of a page, tamper-evident enough.

A cursor names its sort (`relevance`, `newest`, `oldest`): one made for another sort is
refused."""

from __future__ import annotations

import base64
import json
import math
from collections.abc import Callable
from typing import Any

from services.errors import RecindexError


class InvalidCursor(RecindexError):
    """The cursor was not made by this service for this kind of query."""


def encode_cursor(kind: str, after: list[Any]) -> str:
    """A cursor for the page after the item whose sort key is `after`."""
    raw = json.dumps({"k": kind, "a": after}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, kind: str) -> list[Any]:
    """The sort key a cursor holds; `InvalidCursor` for anything else."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if data["k"] != kind or not isinstance(data["a"], list):
            raise ValueError
        return list(data["a"])
    except (ValueError, KeyError, TypeError) as error:
        raise InvalidCursor("the cursor does not belong to this search") from error


SortValue = Callable[[Any], bool]
LONG_RANGE = range(-(2**63), 2**63)


def finite_number(value: Any) -> bool:
    """A score: no NaN or infinity, which no index can compare."""
    return type(value) in (int, float) and math.isfinite(value)


def long_integer(value: Any) -> bool:
    """An Elasticsearch `long` (a date sorts as epoch milliseconds)."""
    return type(value) is int and value in LONG_RANGE


def text(value: Any) -> bool:
    return isinstance(value, str)


def decode_after(
    cursor: str, kind: str, value: SortValue, tiebreak: SortValue = text
) -> tuple[int, Any, Any]:
    """The `[tier, sort value, tie-break]` a cursor holds (tier 1: the typo matches that
    follow the exact ones), checked: an index must never see a forged value (a NaN, a
    number its column cannot hold), which it would answer with an error."""
    after = decode_cursor(cursor, kind)
    if (
        len(after) != 3
        or type(after[0]) is not int
        or after[0] not in (0, 1)
        or not value(after[1])
        or not tiebreak(after[2])
    ):
        raise InvalidCursor("the cursor does not belong to this search")
    return after[0], after[1], after[2]
