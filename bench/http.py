"""HTTP: validated GET of one recommendation and a search, on one worker and on two,
beside a bare Connexion app and plain Starlette; bulk ingest; memory; start-up time."""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from bench.measure import Load, serving, wrk
from services.dedup import duplicate_key, recommendation_id
from services.index.embedded import EmbeddedIndex
from services.model import Recommendation, utc_now

DOCUMENTS = 20_000
# Common words (each in about a third of the documents) and rare ones (a few dozen each),
# so the bench shows both the worst case of relevance ranking and a typical search.
COMMON_WORDS = "night light echo river stone glass fire dream ocean city".split()
RARE_WORDS = [f"word{number}" for number in range(1000)]
SERVICE_ENV = {
    "ELASTICSEARCH_URL": "",
    "RABBITMQ_URL": "",
    "LOG_LEVEL": "WARNING",
    "PYTHONWARNINGS": "ignore::DeprecationWarning",
}


def make_documents(count: int, seed: int = 7) -> list[Recommendation]:
    rng = random.Random(seed)
    now = utc_now()
    documents = []
    for number in range(count):
        words = [rng.choice(COMMON_WORDS), *rng.sample(RARE_WORDS, 2)]
        title = f"Artist {number} - {' '.join(words).title()}"
        document: Recommendation = {
            "title": title,
            "user": f"user{number % 500}",
            "kind": rng.choice(["album", "track", "movie", "book"]),
            "artist": f"Artist {number}",
            "description": " ".join([*rng.sample(COMMON_WORDS, 3), *rng.sample(RARE_WORDS, 3)]),
            "reclink": f"https://community.example/posts/{number}",
            "created_at": now,
            "updated_at": now,
            "links_status": "complete",
            "links": {},
        }
        document["dedup_key"] = duplicate_key(document)
        document["id"] = recommendation_id(document["dedup_key"])
        documents.append(document)
    return documents


def ingest(data_dir: Path, documents: list[Recommendation]) -> float:
    index = EmbeddedIndex(data_dir / "recindex.sqlite3")
    started = time.perf_counter()
    for start in range(0, len(documents), 1000):
        index.bulk_load(documents[start : start + 1000])
    elapsed = time.perf_counter() - started
    index.close()
    return len(documents) / elapsed


def row(name: str, load: Load, bound: str = "", aim: str = "") -> str:
    return f"| {name} | {load.requests_per_second:,.0f} | {load.p99_ms:.1f} | {bound} | {aim} |"


def main() -> None:
    data_dir = Path(tempfile.mkdtemp(prefix="recindex-bench-"))
    documents = make_documents(DOCUMENTS)
    rate = ingest(data_dir, documents)
    print("\n## HTTP and ingest (embedded index)\n")
    print(
        f"bulk ingest into the embedded index: {rate:,.0f} documents/s"
        f" ({DOCUMENTS:,} documents; aim >= 5,000)"
    )
    env = {**SERVICE_ENV, "DATA_DIR": str(data_dir)}
    one = f"/recommendations/{documents[1234]['id']}"
    search = "/recommendations?q=word999&limit=20"
    common = "/recommendations?q=river&limit=20"
    print("\nwrk -t2 -c32 -d5s --latency URL, after a warm-up; uvicorn --workers N, one run each\n")
    print("| server | requests/s | p99 ms | bound | aim |")
    print("| --- | ---: | ---: | --- | --- |")
    bounds: dict[int, tuple[Load, Load]] = {}
    for workers in (1, 2):
        with serving("bench.baselines:plain_starlette", env, workers) as server:
            wrk(server.url + one, seconds=1)
            starlette = wrk(server.url + one)
        with serving("bench.baselines:bare_connexion", env, workers) as server:
            wrk(server.url + one, seconds=1)
            connexion = wrk(server.url + one)
        bounds[workers] = (starlette, connexion)
        print(row(f"plain Starlette, GET one, {workers} worker(s)", starlette, "upper bound"))
        print(
            row(
                f"bare Connexion AsyncApp, GET one, {workers} worker(s)",
                connexion,
                "framework bound",
            )
        )
    figures: dict[str, float] = {}
    for workers in (1, 2):
        with serving("app:create_app", env, workers, ready_path="/ready") as server:
            wrk(server.url + one, seconds=1)
            get_one = wrk(server.url + one)
            searched = wrk(server.url + search)
            searched_common = wrk(server.url + common)
            figures[f"rss{workers}"] = server.rss_per_worker_mb()
            if workers == 1:
                figures["start"] = server.started_in_seconds
        starlette, connexion = bounds[workers]
        aim = ">= 2,500 req/s" if workers == 1 else ""
        print(
            row(
                f"recindex AsyncApp, GET one, {workers} worker(s)",
                get_one,
                f"<= {connexion.requests_per_second:,.0f}",
                aim,
            )
        )
        print(row(f"recindex AsyncApp, search a typical word, {workers} worker(s)", searched))
        print(
            row(
                f"recindex AsyncApp, search a word in 1/3 of all, {workers} worker(s)",
                searched_common,
            )
        )
    with serving("bench.variants:flask_service", env, 1, ready_path="/ready") as server:
        wrk(server.url + one, seconds=1)
        flask_one = wrk(server.url + one)
        flask_search = wrk(server.url + search)
    print(row("recindex FlaskApp, GET one, 1 worker", flask_one))
    print(row("recindex FlaskApp, search a typical word, 1 worker", flask_search))
    print(
        f"\nmemory per worker after load: {figures['rss1']:.0f} MB (1 worker), "
        f"{figures['rss2']:.0f} MB (2 workers); aim < 150 MB"
    )
    print(f"start to ready (process spawn to /ready 200): {figures['start']:.2f} s; aim < 1.5 s")
