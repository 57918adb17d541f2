"""Where a crawler worker's CPU goes: `python -m bench.crawler_profile [LOOKUP_THREADS]`.

The messages bench's load (its stand-ins at 100 ms a call, its 900 posts, one
`python -m cli worker`), sampled by py-spy (`requirements-dev.txt`) while it runs:
only the thread holding the GIL is sampled, so the shares are of the CPU the
worker's Python spends. Prints the throughput, the CPU per message of the worker and
of the processes beside it, and the share of samples under each area of the code.
Not a section of `make bench`: a profiler slows what it samples.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from bench.measure import cpu_seconds, rss_mb
from bench.messages import MESSAGES, _publish, _worker, standins, worker_settings
from services.index import SearchQuery

# Areas by the first matching frame, from the leaf up (innermost wins): what a change
# could act on.
AREAS = [
    ("rate limits shared through SQLite", ("rate_limits.py", "pyrate_limiter", "filelock")),
    ("spotipy and requests (Spotify)", ("spotipy/", "requests/", "urllib3/", "http/client.py")),
    ("httpx (Deezer, iTunes)", ("httpx/", "httpcore/", "h11/")),
    ("the embedded index (SQLite)", ("services/index/",)),
    ("RabbitMQ (pika)", ("pika/",)),
    ("message schema (jsonschema)", ("jsonschema", "referencing")),
    ("matching (services/links)", ("services/links/",)),
    ("threads handing work over", ("concurrent/futures", "threading.py")),
]  # fmt: skip


def area_of(stack: list[str]) -> str:
    for frame in reversed(stack):
        for name, markers in AREAS:
            if any(marker in frame for marker in markers):
                return name
    return "other"


def main() -> None:
    if shutil.which("py-spy", path=str(Path(sys.executable).parent)) is None:
        raise SystemExit("py-spy is not installed: make install (requirements-dev.txt)")
    threads = {"worker_lookup_threads": int(sys.argv[1])} if len(sys.argv) > 1 else {}
    raw = Path(tempfile.mkdtemp()) / "worker.raw"
    with standins() as (accounts_url, urls), tempfile.TemporaryDirectory() as data_dir:
        settings = worker_settings(Path(data_dir), accounts_url, urls, **threads)
        with _worker(settings) as (index, workers):
            pid = workers[0].pid
            beside = {"stand-ins": multiprocessing.active_children()[0].pid, "bench": os.getpid()}
            before = {name: cpu_seconds(p) for name, p in [("worker", pid), *beside.items()]}
            spy = subprocess.Popen(
                [str(Path(sys.executable).parent / "py-spy"), "record", "--pid", str(pid),
                 "--output", str(raw), "--format", "raw", "--rate", "40", "--gil",
                 "--nonblocking"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            time.sleep(1)
            started = time.perf_counter()
            _publish(settings, 0, MESSAGES)
            while index.search(SearchQuery(limit=1)).total < MESSAGES or index.pending_ids(1):
                time.sleep(0.01)
            elapsed = time.perf_counter() - started
            used = {
                name: 1000 * (cpu_seconds(p) - before[name]) / MESSAGES
                for name, p in [("worker", pid), *beside.items()]
            }
            memory = rss_mb(pid)
            spy.send_signal(2)
            spy.wait(30)
    print(f"{MESSAGES / elapsed:.0f} msg/s with links, {memory:.0f} MB")
    print("CPU ms per message: " + ", ".join(f"{name} {ms:.1f}" for name, ms in used.items()))
    areas: Counter[str] = Counter()
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        areas[area_of(stack.split(";"))] += int(count)
    total = sum(areas.values())
    for name, count in areas.most_common():
        print(f"{100 * count / total:5.1f}%  {name}")


if __name__ == "__main__":
    main()
