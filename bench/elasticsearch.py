"""Elasticsearch, on a real node (`tools/es_node.py`, the same distribution as the tests):
bulk ingest; a search through the API beside the same query sent straight to the node
(the bound); crawler messages end to end with the index on Elasticsearch."""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from bench import messages
from bench.http import SERVICE_ENV, make_documents, row
from bench.measure import Load, serving, wrk
from bench.report import Figure, command, record
from services.index import SearchQuery
from services.index.elasticsearch import ElasticsearchIndex
from services.index.es_query import search_body
from services.settings import Settings
from tools.es_node import running_node

DOCUMENTS = 20_000
BATCH = 1_000
INGEST_AIM = 10_000.0  # documents per second (issue 11)
ALIAS = "bench"
QUERY = SearchQuery(q="word999", limit=20)


def ingest(url: str, documents: list[dict[str, object]]) -> float:
    """Documents per second through `bulk_load` (duplicate keys claimed, as an import does)."""
    settings = Settings(_env_file=None, elasticsearch_url=url, elasticsearch_index=ALIAS)  # type: ignore[call-arg]
    index = ElasticsearchIndex.from_settings(settings)
    index.ping()  # the indexes exist: their creation is not ingest
    started = time.perf_counter()
    for start in range(0, len(documents), BATCH):
        index.bulk_load(documents[start : start + BATCH])
    rate = len(documents) / (time.perf_counter() - started)
    index.admin.refresh()
    index.close()
    return rate


def direct_search(url: str) -> Load:
    """The API's query for `QUERY`, sent to the node by wrk itself: what the API adds
    to it is ours (validation, the answer's shape, Python)."""
    _, body = search_body(QUERY)
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(
        'wrk.method = "POST"\n'
        'wrk.headers["Content-Type"] = "application/json"\n'
        f"wrk.body = {json.dumps(json.dumps(body))}\n"
    )
    try:
        return wrk(f"{url}/{ALIAS}/_search", script=str(script))
    finally:
        script.unlink()


def crawler(url: str) -> tuple[float, float]:
    """Messages per second to searchable and to looked up, with the index on the node."""
    count = 900
    with messages.standins() as (accounts_url, urls), tempfile.TemporaryDirectory() as data_dir:
        settings = messages.worker_settings(
            Path(data_dir),
            accounts_url,
            urls,
            elasticsearch_url=url,
            elasticsearch_index=f"{ALIAS}-crawler",
        )
        searchable, looked_up, _ = messages.measure(settings, count)
    return count / searchable, count / looked_up


def main() -> None:
    print("\n## Elasticsearch (a real node: Elastic's integration-test distribution 8.19)\n")
    documents = make_documents(DOCUMENTS)
    with running_node(name="recindex-bench", cluster_name="recindex-bench") as node:
        rate = ingest(node.url, documents)
        print(f"bulk ingest through bulk_load: {rate:,.0f} documents/s ({DOCUMENTS:,} documents)")
        record(
            Figure(
                f"bulk ingest, Elasticsearch ({DOCUMENTS:,} docs, batches of {BATCH:,})",
                rate,
                "docs/s",
                aim=f">= {INGEST_AIM:,.0f} docs/s",
                met=rate >= INGEST_AIM,
            )
        )
        env = {**SERVICE_ENV, "ELASTICSEARCH_URL": node.url, "ELASTICSEARCH_INDEX": ALIAS}
        env["DATA_DIR"] = tempfile.mkdtemp(prefix="recindex-bench-")
        path = f"/recommendations?q={QUERY.q}&limit={QUERY.limit}"
        with serving("app:create_app", env, 1, ready_path="/ready") as server:
            wrk(server.url + path, seconds=1)
            through_api = wrk(server.url + path)
        direct_search(node.url)  # warm-up
        direct = direct_search(node.url)
        print("| search for a typical word | requests/s | p99 ms |")
        print("| --- | ---: | ---: |")
        print(row("straight to Elasticsearch (the bound)", direct))
        print(row("through the API, 1 worker", through_api))
        record(
            Figure(
                "search straight to Elasticsearch (the bound)",
                direct.requests_per_second,
                "req/s",
                direct.p99_ms,
                bound="bound",
            )
        )
        half = direct.requests_per_second / 2
        record(
            Figure(
                "search through the API on Elasticsearch, 1 worker",
                through_api.requests_per_second,
                "req/s",
                through_api.p99_ms,
                bound=f"{direct.requests_per_second:,.0f} req/s direct",
                aim=f">= {half:,.0f} req/s (half the direct figure)",
                met=through_api.requests_per_second >= half,
            )
        )
        searchable, looked_up = crawler(node.url)
        print(f"crawler messages with the index on Elasticsearch: {searchable:.0f} msg/s "
              f"searchable, {looked_up:.1f} msg/s looked up")  # fmt: skip
        record(Figure("crawler msg/s to searchable, Elasticsearch", searchable, "msg/s"))
        record(Figure("crawler msg/s with links, Elasticsearch", looked_up, "msg/s"))
    command("python -m bench elasticsearch")
