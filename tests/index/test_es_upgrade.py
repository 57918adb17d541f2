"""An index made by an older version of recindex takes the fields added since."""

from __future__ import annotations

import pytest
from elasticsearch import Elasticsearch

from services.index import SearchQuery
from services.index.es_mapping import MAPPING, SETTINGS
from tests.factories import stored
from tests.index.conftest import IndexFactory

pytestmark = [pytest.mark.integration, pytest.mark.elasticsearch]

ADDED_IN_V3 = ("external_id", "kind_inferred_from", "indexed_at", "links_notified")


def test_an_index_of_mapping_v2_stores_and_finds_the_fields_of_v3(
    open_index: IndexFactory, elasticsearch_url: str
) -> None:
    index = open_index()
    alias = index.admin.alias
    older = {
        **MAPPING,
        "properties": {
            name: field for name, field in MAPPING["properties"].items() if name not in ADDED_IN_V3
        },
    }
    client = Elasticsearch(elasticsearch_url)
    client.indices.create(
        index=f"{alias}-v2-initial", mappings=older, settings=SETTINGS, aliases={alias: {}}
    )
    document = stored(external_id="c-1", indexed_at="2026-01-01T00:00:00.000Z")
    index.create(document)  # refused by the v2 mapping, were it left as it was
    found = index.search(SearchQuery(external_id="c-1"))
    assert [item["id"] for item in found.items] == [document["id"]]
    assert client.indices.get_alias(name=alias).body.keys() == {f"{alias}-v2-initial"}
    client.close()
