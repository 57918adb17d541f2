"""What the operator commands do, apart from argument parsing and progress bars."""

from __future__ import annotations

import json
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import IO, Any, cast

from services.dedup import duplicate_key, recommendation_id
from services.errors import IndexUnavailable, InvalidIsbn, InvalidRecommendation, NotFound
from services.index import LoadReport, RecommendationIndex
from services.json_input import InvalidJson, parse_json
from services.lookups.scheduling import LookupScheduler
from services.model import UNKNOWN, Recommendation, artist_from_title, to_utc, utc_now
from services.queue.schema import STORED, schema_error
from services.recommendations import with_checked_isbn

Progress = Callable[[int], None]
# Documents an import hands the index at a time, each reported on its own: a batch of JSON
# lines this size is a few megabytes. Elasticsearch streams one batch's writes into the
# next's (`es_bulk`), so the size no longer bounds its speed.
IMPORT_BATCH = 5000


def export(index: RecommendationIndex, out: IO[str], progress: Progress | None = None) -> int:
    """Every stored document as one JSON line (internal fields kept, so import restores
    duplicate keys exactly); return how many."""
    written = 0
    for document in index.scan():
        out.write(json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n")
        written += 1
        if progress is not None:
            progress(1)
    return written


@dataclass
class ImportReport:
    """What an import did; `refused` holds `(line number, why)` for each line not stored
    that is not a duplicate: one the schema refuses, or one the index refuses."""

    created: int = 0
    duplicates: int = 0
    refused: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class _Lines:
    """The lines read for one batch: the numbers of those in it, and those refused."""

    numbers: list[int] = field(default_factory=list)
    refused: list[tuple[int, str]] = field(default_factory=list)


def import_lines(
    index: RecommendationIndex, lines: Iterable[str], progress: Progress | None = None
) -> ImportReport:
    """Load JSON lines (an export, or POST bodies) with `bulk_load_batches`; duplicates
    are skipped, and every line not stored for another reason is reported with its number
    and why."""
    # Each batch's lines, in order, until its report comes back: the index may read the
    # next batch while it settles one.
    read: deque[_Lines] = deque()

    def batches() -> Iterator[list[Recommendation]]:
        batch: list[Recommendation] = []
        lines_read = _Lines()
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                batch.append(document_from_line(line))
                lines_read.numbers.append(number)
            except InvalidRecommendation as error:
                lines_read.refused.append((number, str(error)))
            if len(batch) >= IMPORT_BATCH:
                read.append(lines_read)
                yield batch
                batch, lines_read = [], _Lines()
        read.append(lines_read)
        if batch:
            yield batch

    report = ImportReport()

    def count(lines_read: _Lines, loaded: LoadReport) -> None:
        refused = [(lines_read.numbers[at], why) for at, why in loaded.refused]
        report.created += loaded.created
        report.duplicates += len(lines_read.numbers) - loaded.created - len(refused)
        report.refused.extend(lines_read.refused + refused)
        if progress is not None:
            progress(len(lines_read.numbers) + len(lines_read.refused))

    for loaded in index.bulk_load_batches(batches()):
        count(read.popleft(), loaded)
    for lines_read in read:  # the lines after the last batch: all refused, none loaded
        count(lines_read, LoadReport(0))
    report.refused.sort()
    return report


def document_from_line(line: str) -> Recommendation:
    """A stored document from one line, checked against the spec's `StoredRecommendation`
    as a POST body is against its schema; what an export always has is filled in when
    absent, as POST fills it in. `InvalidRecommendation` saying why, naming the field."""
    try:
        parsed = parse_json(line)
    except InvalidJson as error:
        raise InvalidRecommendation(str(error)) from None
    problem = schema_error(parsed, STORED)
    if problem is not None:
        raise InvalidRecommendation(problem)
    try:
        # Checked: the fields of a stored document, with the types the indexes expect.
        document = cast(Recommendation, with_checked_isbn(parsed))
    except InvalidIsbn as error:
        raise InvalidRecommendation(f"isbn: {error}") from None
    now = utc_now()
    document["created_at"] = _in_utc("created_at", document.get("created_at")) or now
    document["updated_at"] = _in_utc("updated_at", document.get("updated_at")) or now
    indexed_at = _in_utc("indexed_at", document.get("indexed_at"))
    if indexed_at:
        document["indexed_at"] = indexed_at
    document.setdefault("kind", UNKNOWN)
    for platform, link in document.get("links", {}).items():
        checked_at = _in_utc(f"links/{platform}/checked_at", link.get("checked_at"))
        if checked_at:
            link["checked_at"] = checked_at
    document.setdefault("links", {})
    document.setdefault("links_status", "pending")
    if "dedup_key" not in document:  # a POST body: its artist and key as POST makes them
        artist = document.get("artist") or artist_from_title(document["kind"], document["title"])
        if artist:
            document["artist"] = artist
        document["dedup_key"] = duplicate_key(document)
    document.setdefault("id", recommendation_id(document["dedup_key"]))
    return document


def _in_utc(name: str, timestamp: str | None) -> str | None:
    if not timestamp:
        return None
    try:
        return to_utc(timestamp)
    except ValueError as error:
        raise InvalidRecommendation(f"{name}: {error}") from None


def relookup_ids(
    index: RecommendationIndex, older_than_days: float | None, now: datetime | None = None
) -> list[str]:
    """Pending lookups, and (with `older_than_days`) looked-up links checked before then."""
    ids = list(index.pending_ids(limit=100_000))
    if older_than_days is not None:
        cutoff = (now or datetime.now(UTC)) - timedelta(days=older_than_days)
        stamp = cutoff.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        ids += index.links_checked_before(stamp, limit=100_000)
    return list(dict.fromkeys(ids))


@dataclass
class RelookupReport:
    """What `relookup` handed on, and what stays `pending` because it could not be."""

    scheduled: int = 0
    not_scheduled: int = 0


def relookup(
    index: RecommendationIndex,
    scheduler: LookupScheduler,
    ids: list[str],
    progress: Progress | None = None,
) -> RelookupReport:
    """Mark each `pending` (so a lost lookup is resumed later) and schedule it."""
    report = RelookupReport()
    for recommendation_id_ in ids:
        try:
            index.mark_pending(recommendation_id_)
        except NotFound:
            continue  # deleted since it was listed
        if scheduler.schedule(recommendation_id_):
            report.scheduled += 1
        else:
            report.not_scheduled += 1
        if progress is not None:
            progress(1)
    return report


def wait_until_looked_up(
    index: RecommendationIndex, ids: list[str], timeout: float, poll: float = 0.2
) -> list[str]:
    """Wait for in-process lookups: the ids still `pending` when `timeout` runs out."""
    waiting = list(ids)
    deadline = time.monotonic() + timeout
    while waiting and time.monotonic() < deadline:
        waiting = [i for i in waiting if _still_pending(index, i)]
        if waiting:
            time.sleep(poll)
    return waiting


def _still_pending(index: RecommendationIndex, recommendation_id_: str) -> bool:
    try:
        return bool(index.get(recommendation_id_)["links_status"] == "pending")
    except NotFound:
        return False
    except IndexUnavailable:
        return True


def reindex(index: RecommendationIndex, progress: Progress | None = None) -> Any:
    """The index's own rebuild: a new Elasticsearch index behind the alias, or the
    embedded index's derived tables."""
    rebuild = getattr(index, "reindex", None)
    if rebuild is None:
        raise NotImplementedError(f"{type(index).__name__} cannot reindex")
    return rebuild(progress=progress)


def count(index: RecommendationIndex) -> int:
    """How many documents there are (for a progress bar's total)."""
    from services.index import SearchQuery

    return index.search(SearchQuery(limit=1)).total
