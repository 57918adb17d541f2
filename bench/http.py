"""HTTP: validated GET of one recommendation and a search, on one worker and on two,
beside a bare Connexion app and plain Starlette; bulk ingest; memory; start-up time."""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from bench.measure import Load, serving, wrk
from bench.report import Figure, command, record
from cli import QUIET_WARNINGS
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
    "PYTHONWARNINGS": QUIET_WARNINGS,
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


def load_figure(
    what: str, load: Load, bound: Load | None = None, aim: float | None = None
) -> Figure:
    return Figure(
        what=what,
        value=load.requests_per_second,
        unit="req/s",
        p99_ms=load.p99_ms,
        bound=f"{bound.requests_per_second:,.0f} req/s" if bound else "",
        aim=f">= {aim:,.0f} req/s" if aim else "",
        met=None if aim is None else load.requests_per_second >= aim,
    )


def main() -> None:
    data_dir = Path(tempfile.mkdtemp(prefix="recindex-bench-"))
    documents = make_documents(DOCUMENTS)
    rate = ingest(data_dir, documents)
    print("\n## HTTP and ingest (embedded index)\n")
    print(f"bulk ingest into the embedded index: {rate:,.0f} documents/s ({DOCUMENTS:,} documents)")
    record(
        Figure(
            f"bulk ingest, embedded index ({DOCUMENTS:,} docs, batches of 1,000)",
            rate, "docs/s", aim=">= 5,000 docs/s", met=rate >= 5000,
        )
    )  # fmt: skip
    env = {**SERVICE_ENV, "DATA_DIR": str(data_dir)}
    one = f"/recommendations/{documents[1234]['id']}"
    search = "/recommendations?q=word999&limit=20"
    common = "/recommendations?q=river&limit=20"
    command("wrk -t2 -c32 -d5s --latency URL  (after a 1 s warm-up; one run each)")
    command("uvicorn --factory FACTORY --workers N --no-access-log --log-level warning")
    print("wrk -t2 -c32 -d5s --latency URL, after a warm-up; uvicorn --workers N, one run each\n")
    print("| server | requests/s | p99 ms |")
    print("| --- | ---: | ---: |")
    for workers in (1, 2):
        with serving("bench.baselines:plain_starlette", env, workers) as server:
            wrk(server.url + one, seconds=1)
            starlette = wrk(server.url + one)
        with serving("bench.baselines:bare_connexion", env, workers) as server:
            wrk(server.url + one, seconds=1)
            connexion = wrk(server.url + one)
        print(row(f"plain Starlette, GET one, {workers} worker(s)", starlette))
        print(row(f"bare Connexion AsyncApp, GET one, {workers} worker(s)", connexion))
        with serving("app:create_app", env, workers, ready_path="/ready") as server:
            wrk(server.url + one, seconds=1)
            get_one = wrk(server.url + one)
            searched = wrk(server.url + search)
            searched_common = wrk(server.url + common)
            rss = server.rss_per_worker_mb()
            started = server.started_in_seconds
        print(row(f"recindex AsyncApp, GET one, {workers} worker(s)", get_one))
        print(row(f"recindex AsyncApp, search a typical word, {workers} worker(s)", searched))
        print(row(f"recindex AsyncApp, search a word in 1/3 of all, {workers} w.", searched_common))
        w = f"{workers} worker{'s' if workers > 1 else ''}"
        record(Figure(f"plain Starlette, GET one, {w}", starlette.requests_per_second,
                      "req/s", starlette.p99_ms, bound="upper bound"))  # fmt: skip
        record(Figure(f"bare Connexion AsyncApp, GET one, {w}", connexion.requests_per_second,
                      "req/s", connexion.p99_ms, bound="framework bound"))  # fmt: skip
        record(load_figure(f"recindex GET one (validated), {w}", get_one, connexion,
                           2500 if workers == 1 else None))  # fmt: skip
        record(load_figure(f"recindex search, a typical word, {w}", searched, connexion))
        record(load_figure(f"recindex search, a word in 1/3 of 20k docs, {w}", searched_common))
        record(Figure(f"memory per worker after load, {w}", rss, "MB", aim="< 150 MB",
                      met=rss < 150))  # fmt: skip
        if workers == 1:
            record(Figure("start to ready (spawn to /ready 200)", started, "s", aim="< 1.5 s",
                          met=started < 1.5))  # fmt: skip
    with serving("bench.variants:flask_service", env, 1, ready_path="/ready") as server:
        wrk(server.url + one, seconds=1)
        flask_one = wrk(server.url + one)
        flask_search = wrk(server.url + search)
    print(row("recindex FlaskApp, GET one, 1 worker", flask_one))
    print(row("recindex FlaskApp, search a typical word, 1 worker", flask_search))
    record(load_figure("recindex on FlaskApp instead, GET one, 1 worker", flask_one))


def row(name: str, load: Load) -> str:
    return f"| {name} | {load.requests_per_second:,.0f} | {load.p99_ms:.1f} |"
