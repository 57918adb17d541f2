"""Elasticsearch on the real node: a fresh alias per test, and a fault proxy in front."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

from services.index.elasticsearch import ElasticsearchIndex
from standins.es_proxy import ElasticsearchProxy
from tests.conftest import elasticsearch_index, elasticsearch_settings, unique_alias

IndexFactory = Callable[..., ElasticsearchIndex]


@pytest.fixture
def open_index(elasticsearch_url: str, tmp_path: Path) -> Iterator[IndexFactory]:
    """Opens `ElasticsearchIndex`es on one fresh alias, as the service's settings would
    (on the node, or at `url`: a proxy in front of it); the alias is dropped at the end."""
    opened: list[ElasticsearchIndex] = []
    alias = unique_alias()

    def open_(
        url: str = elasticsearch_url, client: Elasticsearch | None = None, **overrides: object
    ) -> ElasticsearchIndex:
        settings = elasticsearch_settings(tmp_path, url, elasticsearch_index=alias, **overrides)
        index = elasticsearch_index(settings, client)
        opened.append(index)
        return index

    yield open_
    open_().drop()
    for index in opened:
        index.close()


@pytest.fixture
def es_index(open_index: IndexFactory) -> ElasticsearchIndex:
    return open_index()


@pytest.fixture
def proxy(elasticsearch_url: str) -> Iterator[ElasticsearchProxy]:
    fronted = ElasticsearchProxy(elasticsearch_url)
    with fronted.standin.running():
        yield fronted
