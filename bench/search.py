"""What search clients expect, on both indexes: a faceted search, a search for a misspelt
word (typo matches), and a suggestion as a client types, each through the API beside
its bound.

The bound on the embedded index is the index alone: the same `search` / `suggest`
calls in this process, as many at once as wrk's connections, no HTTP. On
Elasticsearch it is the same request bodies the API sends, straight to the node by
wrk (a typo search sends two; the bound sends them in one `_msearch`). The runs of
each pair are interleaved.
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bench.http import BATCH, DOCUMENTS, SERVICE_ENV, make_documents
from bench.measure import CONNECTIONS, RECINDEX, RUNS, SECONDS, WRK, Load, serving, wrk
from bench.report import Figure, command, record, section, spread, table, text
from services.dedup import duplicate_key, recommendation_id
from services.index import SearchQuery
from services.index.elasticsearch import ElasticsearchIndex
from services.index.embedded import EmbeddedIndex
from services.index.embedded_search import FTS, RANK, fts_query
from services.index.es_client import elasticsearch_client
from services.index.es_query import search_body, suggestion_body
from services.index.es_search import typo_body
from services.model import Recommendation
from services.settings import Settings
from tools.es_node import running_node

ALIAS = "bench-search"
FACETED = SearchQuery(q="word999", facets=("kind", "platform", "user"))
# `word999` with two letters swapped: nothing as typed, the work within one edit. The
# bench's words (`word0` to `word999`) are a worst case for typos: dozens of them lie
# within two edits of any one, and each is in about sixty documents.
MISSPELT = SearchQuery(q="wrod999")
PREFIX = "artist 123"
SUGGESTION_LIMIT = 10
SUGGESTION_AIM_MS = 5.0  # "a few milliseconds", at the median, one client at a time


@dataclass
class Pair:
    """One request through the API beside its bound, with their runs."""

    name: str
    path: str
    ours: list[Load] = field(default_factory=list)
    bound: list[Load] = field(default_factory=list)


def _pairs() -> list[Pair]:
    faceted = {"q": FACETED.q, "facets": ",".join(FACETED.facets)}
    return [
        Pair("faceted search (kind, platform, user)", f"/recommendations?{urlencode(faceted)}"),
        Pair("search for a misspelt word", f"/recommendations?{urlencode({'q': MISSPELT.q})}"),
        Pair(
            "suggestion as a client types",
            f"/recommendations/suggestions?{urlencode({'q': PREFIX})}",
        ),
    ]


def in_process(
    call: Callable[[], object], seconds: int = SECONDS, threads: int = CONNECTIONS
) -> Load:
    """Calls per second of `call` on `threads` threads of this process (as many at once
    as wrk's connections: SQLite works without the GIL), and their p99."""
    latencies: list[float] = []
    deadline = time.monotonic() + seconds

    def loop() -> None:
        mine: list[float] = []
        while time.monotonic() < deadline:
            started = time.perf_counter()
            call()
            mine.append(time.perf_counter() - started)
        latencies.extend(mine)

    workers = [threading.Thread(target=loop) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    p99 = statistics.quantiles(latencies, n=100)[98] * 1000
    return Load(len(latencies) / seconds, p99, requests=len(latencies))


def _embedded_bounds(index: EmbeddedIndex) -> list[Callable[[], object]]:
    return [
        lambda: index.search(FACETED),
        lambda: index.search(MISSPELT),
        lambda: index.suggest(PREFIX, SUGGESTION_LIMIT),
    ]


def _elasticsearch_bodies(url: str) -> list[tuple[str, str]]:
    """Per pair, the node's endpoint and the body the API sends for it."""
    first = search_body(MISSPELT)
    both = [{}, first.body, {}, typo_body(MISSPELT, first, 0)]
    return [
        (f"{url}/{ALIAS}/_search", json.dumps(search_body(FACETED).body)),
        (f"{url}/{ALIAS}/_msearch", "".join(json.dumps(line) + "\n" for line in both)),
        (f"{url}/{ALIAS}/_search", json.dumps(suggestion_body(PREFIX, SUGGESTION_LIMIT))),
    ]


def _direct(endpoint: str, body: str, seconds: int = SECONDS) -> Load:
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    content_type = "application/x-ndjson" if endpoint.endswith("_msearch") else "application/json"
    script.write_text(
        'wrk.method = "POST"\n'
        f'wrk.headers["Content-Type"] = "{content_type}"\n'
        f"wrk.body = {json.dumps(body)}\n"
    )
    try:
        return wrk(endpoint, seconds=seconds, script=str(script))
    finally:
        script.unlink()


def _rounds(
    server_url: str, pairs: list[Pair], bounds: list[Callable[[int], Load]], warm_up: int = 1
) -> None:
    for pair, bound in zip(pairs, bounds, strict=True):
        wrk(server_url + pair.path, seconds=warm_up)
        bound(warm_up)
    for run in range(RUNS):
        for pair, bound in zip(pairs, bounds, strict=True):
            if run % 2:  # interleaved, each first in turn
                pair.bound.append(bound(SECONDS))
                pair.ours.append(wrk(server_url + pair.path))
            else:
                pair.ours.append(wrk(server_url + pair.path))
                pair.bound.append(bound(SECONDS))


def _one_client_ms(server_url: str, path: str) -> list[float]:
    """The median latency of one client asking again and again (no queue), in each of
    `RUNS` runs: one run of 300 right after a load can fall on the node's merges."""
    with _client() as get:
        for _ in range(20):
            get(server_url + path)
        medians = []
        for _ in range(RUNS):
            times = []
            for _ in range(300):
                started = time.perf_counter()
                get(server_url + path)
                times.append(time.perf_counter() - started)
            medians.append(statistics.median(times) * 1000)
    return medians


@contextmanager
def _client() -> Iterator[Callable[[str], Any]]:
    import httpx

    with httpx.Client() as client:

        def get(url: str) -> Any:
            answer = client.get(url)
            answer.raise_for_status()
            return answer

        yield get


COMMON_WORD = "river"  # in a third of the documents (bench.http.COMMON_WORDS)
MATCH = f"{FTS} MATCH ?"
# Where a search for a common word spends its time in SQLite, step by step; the last
# row is the search as it was before issue 22, for comparison.
COMMON_STEPS = [
    ("the matches alone (rowids, no score)", f"SELECT rowid FROM {FTS} WHERE {MATCH}", False),
    ("their count (the total)", f"SELECT count(*) FROM {FTS} WHERE {MATCH}", False),
    (
        "bm25 of every match, the top 21 (the page, as searched now)",
        f"SELECT rowid, rank FROM {FTS} f WHERE {MATCH} AND f.rank MATCH '{RANK}'"
        " ORDER BY rank, rowid LIMIT 21",
        False,
    ),
    (
        "the page as searched before: every matching document read, bm25 computed, sorted",
        f"SELECT r.doc, {RANK.replace('bm25(', f'bm25({FTS}, ')} AS score, r.id"
        f" FROM {FTS} f JOIN recommendations r ON r.rowid = f.rowid WHERE {MATCH}"
        " ORDER BY score, id LIMIT 21",
        True,
    ),
]


def common_word_steps(path: Path, repeats: int = 50) -> list[list[str]]:
    """Median milliseconds of each step of `COMMON_STEPS`, in one connection."""
    connection = sqlite3.connect(path)
    match = fts_query(COMMON_WORD)
    rows = []
    for what, sql, before in COMMON_STEPS:
        connection.execute(sql, [match]).fetchall()
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            found = connection.execute(sql, [match]).fetchall()
            times.append(time.perf_counter() - started)
        rows.append([what + (" *(before)*" if before else ""), f"{len(found):,}",
                     f"{statistics.median(times) * 1000:.2f}"])  # fmt: skip
    connection.close()
    return rows


COMMON_AIM_MS = 10.0  # the top results of a word in a third of 20,000 documents (issue 22)


def after_a_write_ms(index: EmbeddedIndex, repeats: int = 50) -> float:
    """Median milliseconds of the service's search for `COMMON_WORD` (its page and
    total) right after a write, so never from the page cache: what a busy index costs."""
    times = []
    for number in range(repeats):
        written = stored_document(number)
        index.create(written)
        started = time.perf_counter()
        index.search(SearchQuery(q=COMMON_WORD, limit=20))
        times.append(time.perf_counter() - started)
        index.delete(written["id"])
    return statistics.median(times) * 1000


def stored_document(number: int) -> Recommendation:
    """A document of its own (a post with a reclink is keyed by the reclink alone)."""
    document = make_documents(1)[0]
    document["title"] = f"Bench - Written {number}"
    document["reclink"] = f"https://community.example/bench/written/{number}"
    document["dedup_key"] = duplicate_key(document)
    document["id"] = recommendation_id(document["dedup_key"])
    return document


def embedded(
    documents: list[Recommendation],
) -> tuple[list[Pair], list[float], list[list[str]]]:
    with tempfile.TemporaryDirectory(prefix="recindex-bench-search-") as directory:
        path = Path(directory) / "recindex.sqlite3"
        index = EmbeddedIndex(path)
        for start in range(0, len(documents), BATCH):
            index.bulk_load(documents[start : start + BATCH])
        steps = common_word_steps(path)
        uncached_ms = after_a_write_ms(index)
        record(
            Figure(
                f"search for a word in 1/3 of all ({DOCUMENTS:,} documents) after a write, "
                "embedded index alone: median latency",
                (uncached_ms,),
                "ms",
                aim=f"< {COMMON_AIM_MS:.0f} ms",
                met=uncached_ms < COMMON_AIM_MS,
            )
        )
        steps.append(["the service's search (page and total) right after a write: no "
                      "cached page", "", f"{uncached_ms:.2f}"])  # fmt: skip
        pairs = _pairs()
        calls = _embedded_bounds(index)
        bounds = [lambda seconds, call=call: in_process(call, seconds) for call in calls]
        env = {**SERVICE_ENV, "DATA_DIR": directory, "WEB_CONCURRENCY": "1"}
        with serving("recindex-search", RECINDEX, env) as server:
            _rounds(server.url, pairs, bounds)
            suggestion_runs = _one_client_ms(server.url, pairs[2].path)
        index.close()
    return pairs, suggestion_runs, steps


def elasticsearch(documents: list[Recommendation]) -> tuple[list[Pair], list[float]]:
    with (
        running_node(name="recindex-bench-search", cluster_name="recindex-bench") as node,
        tempfile.TemporaryDirectory(prefix="recindex-bench-search-") as directory,
    ):
        settings = Settings(_env_file=None, elasticsearch_url=node.url, elasticsearch_index=ALIAS)  # type: ignore[call-arg]
        index = ElasticsearchIndex(
            elasticsearch_client(settings), alias=ALIAS, refresh=settings.elasticsearch_refresh
        )
        for start in range(0, len(documents), BATCH):
            index.bulk_load(documents[start : start + BATCH])
        index.admin.refresh()
        index.close()
        pairs = _pairs()
        bodies = _elasticsearch_bodies(node.url)
        bounds = [lambda seconds, b=body: _direct(*b, seconds=seconds) for body in bodies]
        env = {
            **SERVICE_ENV,
            "ELASTICSEARCH_URL": node.url,
            "ELASTICSEARCH_INDEX": ALIAS,
            "WEB_CONCURRENCY": "1",
            "DATA_DIR": directory,
        }
        with serving("recindex-search-es", RECINDEX, env) as server:
            # A fresh JVM compiles as it goes: each request warmed up longer.
            _rounds(server.url, pairs, bounds, warm_up=SECONDS)
            suggestion_runs = _one_client_ms(server.url, pairs[2].path)
    return pairs, suggestion_runs


def main() -> None:
    documents = make_documents(DOCUMENTS)
    section(
        "Search features",
        f"The {DOCUMENTS:,} documents of the HTTP section, on each index, searched through "
        "the API (one worker, `python -m cli serve`) by wrk: a faceted search (a typical "
        f"word, `{FACETED.q}`, in about sixty documents, with `facets=kind,platform,user`), "
        f"a search for `{MISSPELT.q}`, which finds nothing as typed and its work within a "
        "typo (the bench's words, `word0` to `word999`, are a worst case: dozens lie within "
        "two edits of any one, each in about sixty documents), and the suggestions for "
        f"`{PREFIX}`. Beside each, its bound: on the embedded index the index alone (the "
        "same calls in one process, as many at once as wrk's connections, no HTTP); on "
        "Elasticsearch the same "
        "request bodies straight to the node (the two of a typo search in one `_msearch`). "
        "The runs of each pair interleaved. A suggestion is also asked by one client at a "
        "time (no queue), 300 times in each of the runs: its median latency. Nothing is "
        "written while they run, so on the embedded index both the API and the index "
        "alone answer a search asked again from the index's page cache (docs/indexes.md): "
        "the figures compare what HTTP adds; what a search costs in SQLite is in the steps below.",
    )
    pairs, suggestion_runs, steps = embedded(documents)
    _report("embedded", "the index alone", pairs, suggestion_runs)
    text(
        f"Where a search for a word in a third of all documents (`{COMMON_WORD}`, the HTTP "
        "section's figure with its aim) spends its time in SQLite, in one connection, "
        "median of 50: bm25 must score every match to know the top ones (FTS5 has no "
        "early termination such as Lucene's block-max WAND), and each score reads the "
        "row's size and its hits; what the search no longer does is read and sort every "
        "matching document."
    )
    table(["step", "rows", "ms"], steps)
    pairs, suggestion_runs = elasticsearch(documents)
    _report("Elasticsearch", "straight to the node", pairs, suggestion_runs)
    command(f"{WRK} 'http://API/recommendations?q=…'  (API; bound: the same calls in-process)")
    command(f"{WRK} -s body.lua http://NODE/{ALIAS}/_search  (or _msearch: the bound)")
    command("python -m bench search")


def _report(name: str, bound_name: str, pairs: list[Pair], suggestion_runs: list[float]) -> None:
    suggestion_ms = statistics.median(suggestion_runs)
    rows = []
    for pair in pairs:
        rates = [load.requests_per_second for load in pair.ours]
        bound_rates = [load.requests_per_second for load in pair.bound]
        p99 = statistics.median(load.p99_ms for load in pair.ours)
        bound_p99 = statistics.median(load.p99_ms for load in pair.bound)
        rows.append([pair.name, spread(rates), f"{p99:.1f}", spread(bound_rates),
                     f"{bound_p99:.1f}"])  # fmt: skip
        record(
            Figure(
                f"{pair.name}, {name}, 1 worker",
                tuple(rates),
                "req/s",
                p99,
                bound=f"{statistics.median(bound_rates):,.0f} req/s: {bound_name}",
                headline=True,
            )
        )
    record(
        Figure(
            f"suggestion, one client at a time, {name}: median latency",
            tuple(suggestion_runs),
            "ms",
            aim=f"<= {SUGGESTION_AIM_MS:.0f} ms",
            met=suggestion_ms <= SUGGESTION_AIM_MS,
        )
    )
    table([f"{name}: request", "API req/s", "API p99 ms", f"{bound_name}: req/s", "p99 ms"], rows)
    text(
        f"A suggestion on {name}, one client at a time: {suggestion_ms:.1f} ms at the median "
        f"({spread(suggestion_runs)} over {len(suggestion_runs)} runs of 300)."
    )
