"""An index made by an older version of recindex takes the fields added since."""

from __future__ import annotations

from typing import Any

import pytest
from elasticsearch import Elasticsearch

from services.index import SearchQuery
from services.index.es_mapping import MAPPING, SETTINGS
from tests.factories import stored
from tests.index.conftest import IndexFactory

pytestmark = [pytest.mark.integration, pytest.mark.elasticsearch]

ADDED_IN_V5 = ("external_id", "kind_inferred_from", "indexed_at", "links_notified")
# Version 2 mapped a platform's link fields as they came (and any platform name).
LINKS_OF_V2: dict[str, Any] = {"type": "object", "dynamic": True}


def older_mapping(links: dict[str, Any]) -> dict[str, Any]:
    properties = {
        name: field for name, field in MAPPING["properties"].items() if name not in ADDED_IN_V5
    }
    return {**MAPPING, "properties": {**properties, "links": links}}


@pytest.mark.parametrize(
    ("version", "links"),
    [("v4", MAPPING["properties"]["links"]), ("v2", LINKS_OF_V2)],
)
def test_an_older_index_stores_and_finds_the_fields_added_since(
    open_index: IndexFactory, elasticsearch_url: str, version: str, links: dict[str, Any]
) -> None:
    index = open_index()
    alias = index.admin.alias
    client = Elasticsearch(elasticsearch_url)
    older = f"{alias}-{version}-initial"
    client.indices.create(
        index=older, mappings=older_mapping(links), settings=SETTINGS, aliases={alias: {}}
    )
    # A link stored by that version, mapped as it came: a `url` of words, not a keyword
    # (putting the whole mapping on this index again would conflict with it).
    client.index(
        index=older,
        id="old",
        document={"id": "old", "links": {"spotify": {"url": "https://open.spotify.com/x"}}},
        refresh=True,
    )
    document = stored(external_id="c-1", indexed_at="2026-01-01T00:00:00.000Z")
    index.create(document)  # refused by the older mapping, were it left as it was
    found = index.search(SearchQuery(external_id="c-1"))
    assert [item["id"] for item in found.items] == [document["id"]]
    assert client.indices.get_alias(name=alias).body.keys() == {older}
    mapped = client.indices.get_mapping(index=older).body[older]["mappings"]["properties"]
    assert set(ADDED_IN_V5) <= mapped.keys()
    # `links` left as it was (Elasticsearch answers `dynamic` as text).
    assert str(mapped["links"]["dynamic"]).lower() == str(links["dynamic"]).lower()
    client.close()
