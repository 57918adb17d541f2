"""What durable commits cost the embedded index: `synchronous = FULL` (the service)
beside `NORMAL` (what it ran before, which an OS crash could roll back), for single
writes (a POST, a crawler message: one transaction each) and for bulk ingest."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.http import BATCH, make_documents
from bench.measure import RUNS
from bench.report import Figure, record, section, spread, table
from services.index.embedded import EmbeddedIndex
from services.index.sqlite_connections import Synchronous
from services.model import Recommendation

SINGLE_WRITES = 1_000
DOCUMENTS = 20_000


def _data_dir() -> Path:
    # The bench's other data live here too: the same disk, the same fsync.
    return Path(tempfile.mkdtemp(prefix="recindex-writes-"))


def single_writes(documents: list[Recommendation], synchronous: Synchronous) -> float:
    """Creates per second, one at a time, each its own transaction (as `POST` does)."""
    index = EmbeddedIndex(_data_dir() / "recindex.sqlite3", synchronous=synchronous)
    index.ping()  # the file and its schema are not part of the figure
    started = time.perf_counter()
    for document in documents:
        index.create(document)
    rate = len(documents) / (time.perf_counter() - started)
    index.close()
    return rate


def bulk_ingest(documents: list[Recommendation], synchronous: Synchronous) -> float:
    """Documents per second through `bulk_load`, in batches of `BATCH` (as an import)."""
    index = EmbeddedIndex(_data_dir() / "recindex.sqlite3", synchronous=synchronous)
    index.ping()
    started = time.perf_counter()
    for start in range(0, len(documents), BATCH):
        index.bulk_load(documents[start : start + BATCH])
    rate = len(documents) / (time.perf_counter() - started)
    index.close()
    return rate


def _interleaved(measure: Callable[[Synchronous], float]) -> dict[Synchronous, list[float]]:
    rates: dict[Synchronous, list[float]] = {"FULL": [], "NORMAL": []}
    for run in range(RUNS):
        order: list[Synchronous] = ["FULL", "NORMAL"] if run % 2 == 0 else ["NORMAL", "FULL"]
        for synchronous in order:
            rates[synchronous].append(measure(synchronous))
    return rates


def main() -> None:
    singles = make_documents(SINGLE_WRITES, seed=11)
    documents = make_documents(DOCUMENTS)
    single = _interleaved(lambda synchronous: single_writes(singles, synchronous))
    bulk = _interleaved(lambda synchronous: bulk_ingest(documents, synchronous))
    section(
        "SQLite writes: synchronous FULL beside NORMAL",
        "The embedded index (and the token store in the same file) commits with "
        "`synchronous = FULL`: in WAL mode each commit's log is synced before the commit "
        "is answered, so an answered write survives an OS crash or a power loss. Beside "
        "it, the same writes with `NORMAL`, what the index ran before (the log synced only "
        "at checkpoints: the last commits could roll back after a crash). Single writes: "
        f"{SINGLE_WRITES:,} creates one at a time, each its own transaction, as a `POST` "
        f"or a crawler message makes; bulk: {DOCUMENTS:,} documents in batches of "
        f"{BATCH:,}, as `python -m cli import` loads. Data on the same disk as the rest "
        f"of the bench; {RUNS} runs each, FULL and NORMAL interleaved.",
    )
    rows = []
    for what, rates, unit in (
        ("single writes (one create per transaction)", single, "writes/s"),
        ("bulk ingest (batches of 5,000)", bulk, "docs/s"),
    ):
        full, normal = rates["FULL"], rates["NORMAL"]
        rows.append([what, spread(full), spread(normal), f"{_ratio(full, normal):.2f}"])
        record(
            Figure(
                f"{what}, embedded index, synchronous FULL",
                tuple(full),
                unit,
                bound=f"{spread(normal)} {unit} with NORMAL (not crash-safe)",
            )
        )
    table(["writes", "FULL", "NORMAL (before)", "FULL / NORMAL"], rows)


def _ratio(full: list[float], normal: list[float]) -> float:
    return statistics.median(full) / statistics.median(normal)


if __name__ == "__main__":
    main()
