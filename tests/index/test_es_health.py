"""The node's health as the service reports it, and the client sized for its threads."""

from __future__ import annotations

import pytest
from elasticsearch import Elasticsearch

from services.errors import IndexUnavailable
from services.index import SearchQuery
from services.index.elasticsearch import ElasticsearchIndex
from services.index.es_admin import first_name
from services.index.es_mapping import MAPPING
from services.logs import configure_logging
from tests.logcapture import CapturedLogs

pytestmark = [pytest.mark.integration, pytest.mark.elasticsearch]


def test_a_single_node_stays_green(es_index: ElasticsearchIndex, elasticsearch_url: str) -> None:
    es_index.ping()
    client = Elasticsearch(elasticsearch_url)
    for name in (es_index.admin.alias, f"{es_index.admin.alias}-keys"):
        assert client.cluster.health(index=name)["status"] == "green"


def test_a_red_index_is_not_ready(es_index: ElasticsearchIndex, elasticsearch_url: str) -> None:
    # Its primary may only live on a node that does not exist: the index is red.
    Elasticsearch(elasticsearch_url).indices.create(
        index=first_name(es_index.admin.alias),
        mappings=MAPPING,
        settings={"number_of_shards": 1, "index.routing.allocation.require._name": "nowhere"},
        aliases={es_index.admin.alias: {}},
        wait_for_active_shards="0",
    )
    with pytest.raises(IndexUnavailable, match="red"):
        es_index.ping()


def test_a_search_writes_no_log_line_of_the_client_s_own(es_index: ElasticsearchIndex) -> None:
    # The transport's INFO line per request doubled the API's log lines on every search.
    configure_logging("INFO", json=True)
    logs = CapturedLogs()
    es_index.search(SearchQuery(q="anything"))
    es_index.ping()
    assert logs.records("elastic_transport.transport") == []
