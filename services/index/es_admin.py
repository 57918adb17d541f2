"""The indexes behind the alias: created on first use, swapped by `reindex`, dropped by tests."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from elasticsearch import BadRequestError, Elasticsearch, NotFoundError

from services.errors import IndexUnavailable
from services.index.es_mapping import (
    KEYS_MAPPING,
    MAPPING,
    MAPPING_VERSION,
    SETTINGS,
    SMALL_INDEX_SETTINGS,
)

Progress = Callable[[int], None]
log = logging.getLogger(__name__)


def version_name(alias: str) -> str:
    """A new concrete index name: `<alias>-v<mapping version>-<UTC timestamp>`."""
    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
    return f"{alias}-v{MAPPING_VERSION}-{stamp}"


def first_name(alias: str) -> str:
    """The first index: one fixed name, so that processes starting together agree on it."""
    return f"{alias}-v{MAPPING_VERSION}-initial"


class IndexAdmin:
    """Creates, swaps and drops the concrete indexes; never touches documents' meaning."""

    def __init__(self, client: Elasticsearch, alias: str) -> None:
        self._client = client
        self.alias = alias
        self.keys = f"{alias}-keys"
        # On the index a reindex is building: it copies through it, and its swap removes
        # it in the same request, so a reindex whose lease was taken over cannot swap.
        self.building = f"{alias}-reindexing"

    def ensure(self) -> None:
        """Make the keys index and the alias exist; idempotent, safe to race.

        The alias is created only where there has never been one: indexes named after it
        without it mean a reindex went wrong, which an operator must see (503), not a
        fresh empty index quietly taking the alias's place.
        """
        if not self._create(self.keys, mappings=KEYS_MAPPING, settings=SMALL_INDEX_SETTINGS):
            # Kept from an older version: fields are only ever added to it.
            self._client.indices.put_mapping(index=self.keys, **KEYS_MAPPING)
        if self.indexes():
            self._add_new_fields()
            return
        versions = self.versions()
        if versions:
            raise IndexUnavailable(
                f"elasticsearch: the alias {self.alias} is missing, and indexes "
                f"{', '.join(versions)} exist: point it at the right one (docs/indexes.md)"
            )
        # Index and alias in one request: nobody sees the alias without its mapping.
        self._create(
            first_name(self.alias), mappings=MAPPING, settings=SETTINGS, aliases={self.alias: {}}
        )

    def _add_new_fields(self) -> None:
        """An index an older version made takes the top-level fields added since, so that
        its strict mapping does not refuse every write of them until an operator reindexes.

        Only those: nothing under a field it has is touched (`links` of version 2 maps any
        platform name, version 3 only the closed list: putting that on a version-2 index
        could meet the fields limit or a conflicting type). What changes needs `cli reindex`.
        """
        found = self._client.indices.get_mapping(index=self.alias).body
        for name, index in found.items():
            present = index["mappings"].get("properties", {})
            missing = {
                field: mapping
                for field, mapping in MAPPING["properties"].items()
                if field not in present
            }
            if not missing:
                continue
            try:
                self._client.indices.put_mapping(index=name, properties=missing)
            except BadRequestError as error:
                # E.g. the fields limit: the index serves what it can until a reindex.
                log.error(
                    "elasticsearch: %s refused the fields %s (%s); run `cli reindex`",
                    name,
                    ", ".join(sorted(missing)),
                    error.error,
                )

    def indexes(self, alias: str | None = None) -> list[str]:
        """The concrete indexes the alias (or `alias`) points at (none when it does not exist)."""
        try:
            return sorted(self._client.indices.get_alias(name=alias or self.alias).body)
        except NotFoundError:
            return []

    def write_blocked(self) -> list[str]:
        """The alias's indexes that refuse writes (`index.blocks.write`)."""
        try:
            found = self._client.indices.get_settings(
                index=self.alias, name="index.blocks.write", flat_settings=True
            )
        except NotFoundError:
            return []
        return sorted(
            index
            for index, body in found.body.items()
            if body["settings"].get("index.blocks.write") == "true"
        )

    def lift_write_block(self, index: str) -> None:
        self._client.indices.put_settings(index=index, settings={"index.blocks.write": None})

    def versions(self) -> list[str]:
        """Every concrete index made for this alias, whether the alias is on it or not."""
        found = self._client.indices.get(
            index=f"{self.alias}-v*", expand_wildcards="open,closed", allow_no_indices=True
        )
        return sorted(found.body)

    def refresh(self) -> None:
        """Make every write searchable now, not within the refresh interval (tests)."""
        self._client.indices.refresh(index=self.alias)

    def drop(self) -> None:
        """Delete the alias's indexes, the keys index and the accounts' (tests)."""
        for name in [
            *self.versions(),
            self.keys,
            f"{self.alias}-accounts",
            f"{self.alias}-sharing",
        ]:
            self._client.indices.delete(index=name, ignore_unavailable=True)

    def _create(self, name: str, **body: Any) -> bool:
        """Create the index; False when it exists already (another process was first)."""
        try:
            self._client.indices.create(index=name, **body)
        except BadRequestError as error:
            if error.error != "resource_already_exists_exception":
                raise
            return False
        return True
