"""The indexes behind the alias: created on first use, rebuilt by `reindex`, dropped by tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from elasticsearch import BadRequestError, Elasticsearch, NotFoundError
from elasticsearch import helpers as es_helpers

from services.index.es_catchup import catch_up
from services.index.es_mapping import (
    KEYS_MAPPING,
    MAPPING,
    MAPPING_VERSION,
    SETTINGS,
    from_source,
    to_source,
)
from services.model import utc_now

Progress = Callable[[int], None]


def version_name(alias: str) -> str:
    """A new concrete index name: `<alias>-v<mapping version>-<UTC timestamp>`."""
    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
    return f"{alias}-v{MAPPING_VERSION}-{stamp}"


def first_name(alias: str) -> str:
    """The first index: one fixed name, so that processes starting together agree on it."""
    return f"{alias}-v{MAPPING_VERSION}-initial"


class IndexAdmin:
    """Creates, swaps and drops the concrete indexes; never touches documents' meaning."""

    def __init__(self, client: Elasticsearch, alias: str, keys: str) -> None:
        self._client = client
        self._alias = alias
        self._keys = keys

    def ensure(self) -> None:
        """Make the keys index and the alias exist; idempotent, safe to race."""
        self._create(self._keys, mappings=KEYS_MAPPING, settings={"number_of_shards": 1})
        if self.indexes():
            return
        first = first_name(self._alias)
        # Index and alias in one request: nobody sees the alias without its mapping.
        self._create(first, mappings=MAPPING, settings=SETTINGS, aliases={self._alias: {}})
        if not self.indexes():  # the index existed, without the alias (a half-done start)
            self._client.indices.put_alias(index=first, name=self._alias)

    def indexes(self) -> list[str]:
        """The concrete indexes the alias points at (none when it does not exist)."""
        try:
            return sorted(self._client.indices.get_alias(name=self._alias).body)
        except NotFoundError:
            return []

    def reindex(self, progress: Progress | None = None) -> str:
        """Copy into a new versioned index, swap the alias in one call, then drop the old.

        The old index is deleted only after the swap succeeded; the new one is deleted
        when the copy or the swap fails, so the alias always points at a whole index.
        Writes made while copying (they reach the old index) are carried over after the
        swap, before the old index is deleted (`es_catchup`).
        """
        old = self.indexes()
        new = version_name(self._alias)
        started = utc_now()
        copied: set[str] = set()
        self._client.indices.create(index=new, mappings=MAPPING, settings=SETTINGS)
        try:
            for _ok, _item in es_helpers.streaming_bulk(
                self._client, self._copies(new, copied), chunk_size=500, max_retries=3
            ):
                if progress is not None:
                    progress(1)
            self._client.indices.refresh(index=new)
            actions: list[dict[str, Any]] = [
                {"remove": {"index": name, "alias": self._alias}} for name in old
            ]
            actions.append({"add": {"index": new, "alias": self._alias}})
            self._client.indices.update_aliases(actions=actions)
        except BaseException:
            self._client.indices.delete(index=new, ignore_unavailable=True)
            raise
        # A failure here leaves the old index in place, for a look and another run.
        catch_up(self._client, old, new, started, copied)
        for name in old:
            self._client.indices.delete(index=name, ignore_unavailable=True)
        return new

    def _copies(self, new: str, copied: set[str]) -> Iterator[dict[str, Any]]:
        for hit in es_helpers.scan(self._client, index=self._alias, size=500):
            copied.add(hit["_id"])
            yield {
                "_op_type": "index",
                "_index": new,
                "_id": hit["_id"],
                # Derived fields are derived again, under the new mapping's rules.
                "_source": to_source(from_source(hit["_source"])),
            }

    def drop(self) -> None:
        for name in [*self.indexes(), self._keys]:
            self._client.indices.delete(index=name, ignore_unavailable=True)

    def _create(self, name: str, **body: Any) -> None:
        try:
            self._client.indices.create(index=name, **body)
        except BadRequestError as error:
            if error.error != "resource_already_exists_exception":
                raise
