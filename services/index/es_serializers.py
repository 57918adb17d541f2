"""The client's serializers: orjson for JSON and for the bulk API's NDJSON alike.

The client offers `OrjsonSerializer` for JSON bodies only; its NDJSON serializer writes
each line that is not bytes yet with the json module. Every bulk request (an import, a
reindex copy, the undoing of duplicates) sends one such line per document, and writing
them took a tenth of an import's CPU (docs/profiles.md). This one is the client's own
`NdjsonSerializer` with the two methods its JSON sibling overrides for orjson, given to
the client for its NDJSON mimetype (the `serializers` option).
"""

from __future__ import annotations

from typing import Any

import orjson
from elasticsearch.serializer import NdjsonSerializer, OrjsonSerializer

__all__ = ["OrjsonNdjsonSerializer", "serializers"]


class OrjsonNdjsonSerializer(NdjsonSerializer):
    """Newline-delimited JSON, each line written and read by orjson."""

    def json_dumps(self, data: Any) -> bytes:
        return orjson.dumps(data, default=self.default)

    def json_loads(self, data: bytes) -> Any:
        return orjson.loads(data)


def serializers() -> dict[str, Any]:
    """The client's `serializers` option (it also serves their compatibility mimetypes)."""
    return {
        OrjsonSerializer.mimetype: OrjsonSerializer(),
        OrjsonNdjsonSerializer.mimetype: OrjsonNdjsonSerializer(),
    }
