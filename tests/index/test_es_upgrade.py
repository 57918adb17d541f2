"""An index made by an older version of recindex takes the fields added since."""

from __future__ import annotations

from typing import Any

import pytest
from elasticsearch import Elasticsearch

from services.index import SearchQuery
from services.index.es_mapping import MAPPING, SETTINGS
from services.platforms import BOOK_PLATFORMS
from tests.factories import stored
from tests.index.conftest import IndexFactory

pytestmark = [pytest.mark.integration, pytest.mark.elasticsearch]

ADDED_IN_V5 = ("external_id", "kind_inferred_from", "indexed_at", "links_notified")
ADDED_IN_V6 = ("isbn",)
ADDED_SINCE_V4 = ADDED_IN_V5 + ADDED_IN_V6
# Version 5 mapped every platform of the closed list but the book platforms (version 6),
# and the service adds only top-level fields to an older index.
LINKS_OF_V5: dict[str, Any] = {
    **MAPPING["properties"]["links"],
    "properties": {
        platform: link
        for platform, link in MAPPING["properties"]["links"]["properties"].items()
        if platform not in BOOK_PLATFORMS
    },
}
# Version 2 mapped a platform's link fields as they came (and any platform name).
LINKS_OF_V2: dict[str, Any] = {"type": "object", "dynamic": True}


def older_mapping(links: dict[str, Any]) -> dict[str, Any]:
    properties = {
        name: field for name, field in MAPPING["properties"].items() if name not in ADDED_SINCE_V4
    }
    return {**MAPPING, "properties": {**properties, "links": links}}


@pytest.mark.parametrize(
    ("version", "links"),
    [("v5", LINKS_OF_V5), ("v2", LINKS_OF_V2)],
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
    document = stored(
        external_id="c-1",
        indexed_at="2026-01-01T00:00:00.000Z",
        isbn="9780261103207",
        links={"open_library": {"status": "found", "url": "https://openlibrary.org/works/OL1W"}},
    )
    index.create(document)  # refused by the older mapping, were it left as it was
    found = index.search(SearchQuery(external_id="c-1"))
    assert [item["id"] for item in found.items] == [document["id"]]
    assert client.indices.get_alias(name=alias).body.keys() == {older}
    mapped = client.indices.get_mapping(index=older).body[older]["mappings"]["properties"]
    assert set(ADDED_SINCE_V4) <= mapped.keys()
    # A book platform's link, which version 5 did not map, is served and filtered by
    # (`found_platforms`); its fields are mapped by a reindex.
    by_platform = index.search(SearchQuery(platform="open_library"))
    assert [item["links"]["open_library"] for item in by_platform.items] == [
        document["links"]["open_library"]
    ]
    # `links` left as it was (Elasticsearch answers `dynamic` as text).
    assert str(mapped["links"]["dynamic"]).lower() == str(links["dynamic"]).lower()
    client.close()
