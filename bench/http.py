"""HTTP on the embedded index: a validated GET of one recommendation beside its fair
bound, conditional GETs (304), searches, FlaskApp beside AsyncApp, on one worker and on
two; bulk ingest; memory; start-up time.

Every server of a worker count runs at once, idle but for the one under load, and
each round loads every target in turn (the order rotating from round to round), so a
burst of load from elsewhere on the machine falls on all of them alike.
"""

from __future__ import annotations

import json
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bench.measure import (
    FLASK_VARIANT,
    RECINDEX,
    RUNS,
    WRK,
    Load,
    Server,
    serving,
    start_to_ready,
    uvicorn_command,
    wrk,
)
from bench.report import Figure, command, record, section, spread, table, text
from cli import QUIET_WARNINGS
from services.dedup import duplicate_key, recommendation_id
from services.index.embedded import EmbeddedIndex
from services.model import Recommendation, utc_now
from services.operations.jobs import IMPORT_BATCH

DOCUMENTS = 20_000
BATCH = IMPORT_BATCH  # as `python -m cli import` loads
# Common words (each in about a third of the documents) and rare ones (a few dozen each),
# so the bench shows both the worst case of relevance ranking and a typical search.
COMMON_WORDS = "night light echo river stone glass fire dream ocean city".split()
RARE_WORDS = [f"word{number}" for number in range(1000)]
BENCH_KEY = "bench-api-key-8c1f0e"
SERVICE_ENV = {
    # Production's settings but for where the data is: the environment over `.env`,
    # LOG_LEVEL and LOG_JSON at their defaults (one JSON line per request).
    "ELASTICSEARCH_URL": "",
    "RABBITMQ_URL": "",
    "REDIS_URL": "",
    "API_KEYS": BENCH_KEY,
    "PYTHONWARNINGS": QUIET_WARNINGS,
}
INGEST_AIM = 5_000.0  # documents per second
GET_AIM = 2_500.0  # requests per second, one worker
COMMON_AIM, COMMON_P99_AIM_MS = 400.0, 100.0  # a word in a third of all, one worker (issue 22)
MEMORY_AIM_MB = 150.0
START_AIM_SECONDS = 1.5


def make_documents(count: int, seed: int = 7) -> list[Recommendation]:
    rng = random.Random(seed)
    now = utc_now()
    documents = []
    for number_ in range(count):
        words = [rng.choice(COMMON_WORDS), *rng.sample(RARE_WORDS, 2)]
        title = f"Artist {number_} - {' '.join(words).title()}"
        document: Recommendation = {
            "title": title,
            "user": f"user{number_ % 500}",
            "kind": rng.choice(["album", "track", "movie", "book"]),
            "artist": f"Artist {number_}",
            "description": " ".join([*rng.sample(COMMON_WORDS, 3), *rng.sample(RARE_WORDS, 3)]),
            "reclink": f"https://community.example/posts/{number_}",
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
    """Documents per second through `bulk_load`, in batches of `BATCH`."""
    index = EmbeddedIndex(data_dir / "recindex.sqlite3")
    started = time.perf_counter()
    for start in range(0, len(documents), BATCH):
        index.bulk_load(documents[start : start + BATCH])
    elapsed = time.perf_counter() - started
    index.close()
    return len(documents) / elapsed


@dataclass
class Target:
    """One URL of one server under load, and its runs."""

    name: str
    server: str
    path: str
    conditional: bool = False
    loads: list[Load] = field(default_factory=list)

    @property
    def rates(self) -> list[float]:
        return [load.requests_per_second for load in self.loads]

    @property
    def p99(self) -> float:
        return statistics.median(load.p99_ms for load in self.loads)


STOCK_GET_ONE = "recindex on stock Connexion, GET one"

PATHS = {
    "one": "",  # the document's path, known once the documents are made
    "search": "/recommendations?q=word999&limit=20",
    "common": "/recommendations?q=river&limit=20",
}


def rounds(servers: dict[str, Server], targets: list[Target]) -> None:
    """`RUNS` rounds over every target; each run of a conditional target sends the ETag
    the server gave for that URL, and counts the answers that were 304."""
    etags = {}
    for target in targets:
        url = servers[target.server].url + target.path
        wrk(url, seconds=1)  # warm-up: connections, caches, lazily built routes
        if target.conditional:
            etags[target.name] = httpx.get(url).headers["etag"]
    for run in range(RUNS):
        shift = run % len(targets)
        for target in targets[shift:] + targets[:shift]:
            url = servers[target.server].url + target.path
            headers = {"If-None-Match": etags[target.name]} if target.conditional else None
            target.loads.append(wrk(url, headers=headers))


@contextmanager
def servers_for(workers: int, env: dict[str, str], variants: bool) -> Iterator[dict[str, Server]]:
    """The baselines and recindex; with `variants`, recindex on FlaskApp and on stock
    Connexion too."""
    worker_env = {**env, "WEB_CONCURRENCY": str(workers)}
    commands = {
        "starlette": (uvicorn_command("bench.baselines:plain_starlette"), PATHS["one"], {}),
        "bound": (uvicorn_command("bench.baselines:fair_bound"), PATHS["one"], {}),
        "recindex": (RECINDEX, "/ready", {}),
    }
    if variants:
        commands["flask"] = (FLASK_VARIANT, "/ready", {})
        commands["stock"] = (RECINDEX, "/ready", {"STOCK_CONNEXION": "true"})
    with ExitStack() as stack:
        started = {}
        for name, (server_command, ready, own_env) in commands.items():
            if name in ("starlette", "bound"):  # uvicorn's own `--workers`
                server_command = [*server_command, "--workers", str(workers)]
            server_env = {**worker_env, **own_env}
            started[name] = stack.enter_context(serving(name, server_command, server_env, ready))
        yield started


def same_document(servers: dict[str, Server]) -> None:
    """The bound answers the document the service answers (Connexion's json module
    writes it with spaces, the service's orjson without)."""
    bound = httpx.get(servers["bound"].url + PATHS["one"])
    ours = httpx.get(servers["recindex"].url + PATHS["one"])
    assert bound.status_code == ours.status_code == 200
    assert json.loads(bound.content) == json.loads(ours.content), "not the same document"


def main() -> None:
    data_dir = Path(tempfile.mkdtemp(prefix="recindex-bench-"))
    documents = make_documents(DOCUMENTS)
    PATHS["one"] = f"/recommendations/{documents[1234]['id']}"
    rates = [ingest(data_dir, documents)]
    for _ in range(RUNS - 1):
        rates.append(ingest(Path(tempfile.mkdtemp(prefix="recindex-ingest-")), documents))
    env = {**SERVICE_ENV, "DATA_DIR": str(data_dir)}
    section(
        "HTTP on the embedded index",
        f"{DOCUMENTS:,} documents. Every recindex server runs as production starts it: "
        "`python -m cli serve` with `WEB_CONCURRENCY` workers and its settings from the "
        "environment (production's defaults: one JSON log line per request, at INFO, "
        "written to a file; `API_KEYS` set, so the API-key security of the other routes "
        "is in place; with two workers, the multi-process metrics of production). The "
        "baselines are served by `uvicorn --factory` directly, with uvicorn's `--workers`.",
        f"Each figure is the median of {RUNS} runs of `{WRK} URL`, with the lowest and "
        "highest in brackets; the runs of every server of a worker count are interleaved.",
        "Nothing is written while wrk runs, so a search asked again is answered from the "
        "embedded index's page cache (docs/indexes.md), as it is between writes in "
        "production; what a search costs right after a write, when it runs in SQLite, is "
        "in the search features section.",
        "**The fair bound** is a bare Connexion `AsyncApp` (`bench/baselines.py`), with "
        "Connexion's defaults, serving one route, `GET /recommendations/{id}`: it validates "
        "the path parameter `id` against the service's own schema for it (read from "
        "spec/openapi.yaml: a string of 1 to 64 of `A-Za-z0-9_-`), reads the stored "
        "document by id from the same SQLite file, and answers its public JSON (the "
        "fields `services.model.public_view` keeps) with status 200, serialized by "
        "Connexion (the json module). It has no security handlers, no middleware of ours, "
        "no logging, no metrics, no ETag. The service answers the same document (the "
        "bench checks it) through everything it runs in production: request id, access "
        "log line and metrics, the body limit, security, validation of every parameter, "
        "injection, an ETag; its JSON is written by orjson, without the spaces.",
        "**Plain Starlette** sends the stored text as it is, validating nothing: the most "
        "Python can do here, for scale.",
    )
    command(f"{WRK} URL  (after a 1 s warm-up; {RUNS} interleaved runs)")
    command("python -m cli serve --host 127.0.0.1 --port P  (WEB_CONCURRENCY=N)")
    command("python -m bench.variants --host 127.0.0.1 --port P  (FlaskApp; as cli serve)")
    command(
        "python -m uvicorn --factory bench.baselines:FACTORY --no-access-log "
        "--log-level warning --workers N  (baselines)"
    )
    text(
        f"Bulk ingest into the embedded index: {spread(rates)} documents/s "
        f"({DOCUMENTS:,} documents in batches of {BATCH:,})."
    )
    record(
        Figure(
            f"bulk ingest, embedded index ({DOCUMENTS:,} docs, batches of {BATCH:,})",
            tuple(rates),
            "docs/s",
            aim=f">= {INGEST_AIM:,.0f} docs/s",
            met=statistics.median(rates) >= INGEST_AIM,
        )
    )
    for workers in (1, 2):
        _measure(workers, env)
    _start_up(env)


def _measure(workers: int, env: dict[str, str]) -> None:
    w = f"{workers} worker{'s' if workers > 1 else ''}"
    targets = [
        Target("plain Starlette, GET one", "starlette", PATHS["one"]),
        Target("fair bound (bare AsyncApp), GET one", "bound", PATHS["one"]),
        Target("recindex, GET one", "recindex", PATHS["one"]),
        Target("recindex, GET one, If-None-Match (304)", "recindex", PATHS["one"], True),
        Target("recindex, search a typical word", "recindex", PATHS["search"]),
        Target("recindex, search, If-None-Match (304)", "recindex", PATHS["search"], True),
        Target("recindex, search a word in 1/3 of all", "recindex", PATHS["common"]),
    ]
    variants = workers == 1
    if variants:
        targets += [
            Target("recindex on FlaskApp, GET one", "flask", PATHS["one"]),
            Target("recindex on FlaskApp, search a typical word", "flask", PATHS["search"]),
            Target(STOCK_GET_ONE, "stock", PATHS["one"]),
        ]
    memory: dict[str, float] = {}
    with servers_for(workers, env, variants) as servers:
        same_document(servers)
        rounds(servers, targets)
        memory = {name: server.rss_per_worker_mb() for name, server in servers.items()}
    by_name = {target.name: target for target in targets}
    bound, ours = by_name["fair bound (bare AsyncApp), GET one"], by_name["recindex, GET one"]
    ratios = [a / b for a, b in zip(ours.rates, bound.rates, strict=True)]
    section(f"HTTP, {w}")
    rows = []
    for target in targets:
        share = ""
        if target.conditional:
            answered = sum(load.requests for load in target.loads)
            share = f"{sum(load.not_modified for load in target.loads) / answered:.0%}"
        rows.append([target.name, spread(target.rates), f"{target.p99:.1f}", share])
    table(["server and request", "requests/s", "p99 ms", "answered 304"], rows)
    text(
        f"GET one against its fair bound, run by run: {spread(ratios)} times "
        f"({', '.join(f'{ratio:.2f}' for ratio in ratios)}). Memory per worker after the "
        f"load: recindex {memory['recindex']:.0f} MB, the fair bound {memory['bound']:.0f} MB."
    )
    _record(w, workers, by_name, ratios, memory["recindex"])
    if variants:
        _why_asyncapp(by_name)
        _on_stock_connexion(by_name)


def _load_figure(
    what: str, target: Target, bound: str = "", aim: float | None = None, headline: bool = False
) -> Figure:
    return Figure(
        what,
        tuple(target.rates),
        "req/s",
        target.p99,
        bound=bound,
        aim=f">= {aim:,.0f} req/s" if aim else "",
        met=None if aim is None else statistics.median(target.rates) >= aim,
        headline=headline,
    )


def _record(
    w: str, workers: int, by_name: dict[str, Target], ratios: list[float], rss: float
) -> None:
    bound = by_name["fair bound (bare AsyncApp), GET one"]
    bound_rate = f"{statistics.median(bound.rates):,.0f} req/s"
    record(_load_figure(f"plain Starlette, GET one, {w}", by_name["plain Starlette, GET one"],
                        "upper bound"))  # fmt: skip
    record(
        _load_figure(
            f"fair bound: bare AsyncApp, GET one, {w}", bound, "fair bound", headline=workers == 1
        )
    )
    record(
        _load_figure(
            f"recindex GET one (validated), {w}",
            by_name["recindex, GET one"],
            bound_rate,
            GET_AIM if workers == 1 else None,
            headline=workers == 1,
        )
    )
    record(
        Figure(
            f"recindex GET one / fair bound, run by run, {w}",
            tuple(ratios),
            "x",
            bound="1.0 = the fair bound",
            aim=">= 1.0" if workers == 1 else "",
            met=statistics.median(ratios) >= 1.0 if workers == 1 else None,
            headline=workers == 1,
        )
    )
    for target in list(by_name.values())[3:6]:  # conditional GET, the searches
        record(_load_figure(f"{target.name}, {w}", target, headline=workers == 1))
    common = by_name["recindex, search a word in 1/3 of all"]
    aimed = workers == 1
    record(
        Figure(
            f"{common.name}, {w}",
            tuple(common.rates),
            "req/s",
            common.p99,
            aim=f">= {COMMON_AIM:,.0f} req/s, p99 <= {COMMON_P99_AIM_MS:.0f} ms" if aimed else "",
            met=(statistics.median(common.rates) >= COMMON_AIM and common.p99 <= COMMON_P99_AIM_MS)
            if aimed
            else None,
            headline=aimed,
        )
    )
    record(
        Figure(
            f"memory per recindex worker after load, {w}",
            (rss,),
            "MB",
            aim=f"< {MEMORY_AIM_MB:.0f} MB",
            met=rss < MEMORY_AIM_MB,
        )
    )


def _why_asyncapp(by_name: dict[str, Target]) -> None:
    pairs = [
        ("GET one", "recindex, GET one", "recindex on FlaskApp, GET one"),
        ("search a typical word", "recindex, search a typical word",
         "recindex on FlaskApp, search a typical word"),
    ]  # fmt: skip
    section(
        "Why AsyncApp",
        "The service runs on Connexion's `AsyncApp`. The same service on `FlaskApp` "
        "(`bench/variants.py`, served as `cli serve` serves the service), measured in the "
        "same rounds, one worker:",
    )
    rows = []
    for what, asyncapp, flaskapp in pairs:
        ours, flask = by_name[asyncapp], by_name[flaskapp]
        times = statistics.median(ours.rates) / statistics.median(flask.rates)
        rows.append([what, spread(ours.rates), spread(flask.rates), f"{times:.1f}"])
        record(_load_figure(f"recindex on FlaskApp instead, {what}, 1 worker", flask))
    table(["request", "AsyncApp req/s", "FlaskApp req/s", "AsyncApp / FlaskApp"], rows)
    text(
        "Under AsyncApp the hot point read is an async handler that reads the embedded "
        "index inline (`api/offload.py`): a thread hop would cost more than the read; "
        "every other handler is synchronous and runs in AsyncApp's thread pool."
    )


def _on_stock_connexion(by_name: dict[str, Target]) -> None:
    bound = by_name["fair bound (bare AsyncApp), GET one"]
    stock = by_name[STOCK_GET_ONE]
    ratios = [a / b for a, b in zip(stock.rates, bound.rates, strict=True)]
    text(
        "On stock Connexion (`STOCK_CONNEXION=true`: Connexion's own `AsyncApp`, without "
        "`api/connexion_tuned.py`, as the service runs on a Connexion release that module "
        f"was not written for), GET one against its fair bound, run by run: {spread(ratios)} "
        f"times ({', '.join(f'{ratio:.2f}' for ratio in ratios)})."
    )
    record(
        Figure(
            "recindex GET one on stock Connexion / fair bound, run by run, 1 worker",
            tuple(ratios),
            "x",
            bound="1.0 = the fair bound",
        )
    )


def _start_up(env: dict[str, str]) -> None:
    section(
        "Start to ready",
        "From spawning `python -m cli serve` to `/ready` answering 200 (not merely "
        f"answering), {RUNS} spawns each.",
    )
    rows = []
    for workers in (1, 2):
        seconds = [
            start_to_ready(RECINDEX, {**env, "WEB_CONCURRENCY": str(workers)}) for _ in range(RUNS)
        ]
        rows.append([f"{workers} worker{'s' if workers > 1 else ''}", spread(seconds)])
        record(
            Figure(
                f"start to ready (spawn to /ready 200), {workers} worker(s)",
                tuple(seconds),
                "s",
                aim=f"< {START_AIM_SECONDS} s" if workers == 1 else "",
                met=statistics.median(seconds) < START_AIM_SECONDS if workers == 1 else None,
            )
        )
    table(["workers", "seconds"], rows)
