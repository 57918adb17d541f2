"""Header values pika 1.4.4 cannot read, read anyway: one bad header must not stop a queue.

pika reads a header's timestamp with `datetime.fromtimestamp` and nested tables and arrays
by recursion. A timestamp past the year 9999 (a millisecond epoch, say) or a value nested
deeper than Python's recursion limit raises inside pika's frame decoder, which reports it
as a lost connection; the broker then delivers the same message first on the next
connection, and the queue stops for good (pika/pika#1698; the fix, pika/pika#1699, came
after 1.4.4). The broker itself accepts both.

`tolerate_any_header` wraps `pika.data.decode_value`, the function pika reads every
header value with, so that such a timestamp reads as its seconds (as the fix does) and a
value nested deeper than `MAX_DEPTH` reads as its undecoded bytes; every other value
reads as pika reads it. It is the one place that changes pika, and only the version it
was written for: on any other it leaves pika alone and says so once.
"""

from __future__ import annotations

import logging
import struct
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pika
import pika.data

log = logging.getLogger(__name__)

WRITTEN_FOR = frozenset({"1.4.4"})
MAX_DEPTH = 32
"""Tables and arrays deeper than this are kept as bytes (pika recurses once per level)."""

Decode = Callable[[bytes, int], tuple[Any, int]]

_installed: list[Decode] = []
_lock = threading.Lock()
_depth = threading.local()


def tolerate_any_header() -> bool:
    """Make pika read every header value (once per process); False on a pika version this
    was not written for, which is left as it is."""
    with _lock:
        if _installed:
            return True
        if pika.__version__ not in WRITTEN_FOR:
            log.warning(
                "pika is not a version whose header decoding was checked; left as it is",
                extra={"pika": pika.__version__, "checked": sorted(WRITTEN_FOR)},
            )
            return False
        stock: Decode = pika.data.decode_value
        _installed.append(stock)
        pika.data.decode_value = _tolerant(stock)
        return True


def _tolerant(stock: Decode) -> Decode:
    def decode_value(encoded: bytes, offset: int) -> tuple[Any, int]:
        kind = encoded[offset : offset + 1]
        if kind == b"T":
            seconds = struct.unpack_from(">Q", encoded, offset + 1)[0]
            try:
                return datetime.fromtimestamp(seconds, UTC), offset + 9
            except (OverflowError, ValueError, OSError):
                return seconds, offset + 9
        if kind not in (b"A", b"F"):
            return stock(encoded, offset)
        depth = getattr(_depth, "level", 0)
        if depth >= MAX_DEPTH:
            length = struct.unpack_from(">I", encoded, offset + 1)[0]
            end = offset + 5 + length
            return bytes(encoded[offset:end]), end
        _depth.level = depth + 1
        try:
            return stock(encoded, offset)  # its nested values come back through here
        finally:
            _depth.level = depth

    return decode_value
