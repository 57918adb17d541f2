"""Opaque page cursors: the sort key of the last item of a page, tamper-evident enough."""

from __future__ import annotations

import base64
import json
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
