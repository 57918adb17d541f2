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
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.measure import cpu_seconds
from bench.messages import MESSAGES, measure, standins, worker_settings

# Areas by the first matching frame, from the leaf up (innermost wins): what a change
# could act on.
AREAS = [
    ("rate limits shared through SQLite", ("rate_limits.py", "pyrate_limiter", "filelock")),
    ("spotipy and requests (Spotify)", ("spotipy/", "requests/", "urllib3/", "http/client.py")),
    ("httpx (Deezer, iTunes)", ("httpx/", "httpcore/", "h11/")),
    ("the embedded index (SQLite)", ("services/index/",)),
    ("RabbitMQ (pika)", ("pika/",)),
    ("message schema (jsonschema)", ("jsonschema", "referencing")),
    ("the links code (finder, rounds, matching)", ("services/links/",)),
    ("threads handing work over", ("concurrent/futures", "threading.py")),
]  # fmt: skip


def area_of(stack: list[str]) -> str:
    for frame in reversed(stack):
        for name, markers in AREAS:
            if any(marker in frame for marker in markers):
                return name
    return "other"


def main() -> None:
    py_spy = Path(sys.executable).parent / "py-spy"
    if not py_spy.exists():
        raise SystemExit("py-spy is not installed: make install (requirements-dev.txt)")
    threads = {"worker_lookup_threads": int(sys.argv[1])} if len(sys.argv) > 1 else {}
    raw = Path(tempfile.mkdtemp()) / "worker.raw"
    beside: dict[str, float] = {}

    @contextmanager
    def sampled(pids: list[int]) -> Iterator[None]:
        standins_pid = multiprocessing.active_children()[0].pid
        assert standins_pid is not None, "the stand-ins' process runs"
        others = {"stand-ins": standins_pid, "bench": os.getpid()}
        before = {name: cpu_seconds(pid) for name, pid in others.items()}
        spy = subprocess.Popen(
            [str(py_spy), "record", "--pid", str(pids[0]), "--output", str(raw),
             "--format", "raw", "--rate", "40", "--gil", "--nonblocking"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(1)  # py-spy attached before the first message
        try:
            yield
        finally:
            for name, pid in others.items():
                beside[name] = 1000 * (cpu_seconds(pid) - before[name]) / MESSAGES
            spy.send_signal(signal.SIGINT)
            spy.wait(30)

    with standins() as (accounts_url, urls), tempfile.TemporaryDirectory() as data_dir:
        settings = worker_settings(Path(data_dir), accounts_url, urls, **threads)
        run = measure(settings, MESSAGES, watch=sampled)
    print(f"{MESSAGES / run.looked_up:.0f} msg/s with links, {run.memory_mb:.0f} MB")
    print(f"CPU ms per message: worker {run.cpu_ms:.1f}, "
          + ", ".join(f"{name} {ms:.1f}" for name, ms in beside.items()))  # fmt: skip
    areas: Counter[str] = Counter()
    for line in raw.read_text().splitlines():
        stack, _, samples = line.rpartition(" ")
        areas[area_of(stack.split(";"))] += int(samples)
    total = sum(areas.values())
    for name, share in areas.most_common():
        print(f"{100 * share / total:5.1f}%  {name}")


if __name__ == "__main__":
    main()
