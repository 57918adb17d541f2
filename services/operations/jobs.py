"""What the operator commands do, apart from argument parsing and progress bars."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import IO, Any, cast, get_args

from services.dedup import duplicate_key, recommendation_id
from services.errors import IndexUnavailable, InvalidRecommendation, NotFound
from services.index import RecommendationIndex
from services.index.es_mapping import LINK_FIELDS
from services.lookups.scheduling import LookupScheduler
from services.model import Kind, Recommendation, to_utc, utc_now

Progress = Callable[[int], None]
# Documents an import sends in one `bulk_load`: with Elasticsearch each batch ends in a
# wait for its answers and a read of its claims, so larger batches keep the node busier
# (docs/benchmarks.md); a batch of JSON lines this size is a few megabytes.
IMPORT_BATCH = 5000
KINDS = frozenset(get_args(Kind))
LINKS_STATUSES = frozenset({"pending", "partial", "complete"})
LINK_STATUSES = frozenset({"found", "not_found", "error", "skipped"})


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
    """What an import did; `invalid` holds `(line number, why)` for the lines skipped."""

    created: int = 0
    duplicates: int = 0
    invalid: list[tuple[int, str]] = field(default_factory=list)


def import_lines(
    index: RecommendationIndex, lines: Iterable[str], progress: Progress | None = None
) -> ImportReport:
    """Load JSON lines (an export, or POST bodies) with `bulk_load`; duplicates are skipped."""
    report = ImportReport()
    batch: list[Recommendation] = []

    def flush() -> None:
        if batch:
            created = index.bulk_load(batch)
            report.created += created
            report.duplicates += len(batch) - created
            if progress is not None:
                progress(len(batch))
            batch.clear()

    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            batch.append(document_from_line(line))
        except InvalidRecommendation as error:
            report.invalid.append((number, str(error)))
            if progress is not None:
                progress(1)
        if len(batch) >= IMPORT_BATCH:
            flush()
    flush()
    return report


def document_from_line(line: str) -> Recommendation:
    """A stored document from one line; what an export always has is filled in when absent."""
    try:
        parsed = json.loads(line)
    except ValueError as error:
        raise InvalidRecommendation(f"not JSON: {error}") from error
    if not isinstance(parsed, dict):
        raise InvalidRecommendation("not a JSON object")
    document: dict[str, Any] = parsed
    for name in ("title", "user", "kind"):
        if not isinstance(document.get(name), str) or not document[name].strip():
            raise InvalidRecommendation(f"{name} is missing or not a string")
    if document["kind"] not in KINDS:
        raise InvalidRecommendation(f"kind {document['kind']!r} is not one of {sorted(KINDS)}")
    links = document.get("links", {})
    if not isinstance(links, dict):
        raise InvalidRecommendation("links is not an object")
    for platform, link in links.items():
        # What the Elasticsearch mapping refuses is refused on every index alike.
        if not isinstance(link, dict) or link.get("status") not in LINK_STATUSES:
            raise InvalidRecommendation(f"links.{platform} has no valid status")
        unknown = sorted(set(link) - set(LINK_FIELDS))
        if unknown:
            raise InvalidRecommendation(f"links.{platform} has unknown fields {unknown}")
    if document.get("links_status", "pending") not in LINKS_STATUSES:
        raise InvalidRecommendation("links_status is not pending, partial or complete")
    now = utc_now()
    try:
        for name in ("created_at", "updated_at"):
            document[name] = to_utc(document[name]) if document.get(name) else now
    except (TypeError, ValueError) as error:
        raise InvalidRecommendation(f"a timestamp is not RFC 3339: {error}") from error
    document.setdefault("links", {})
    document.setdefault("links_status", "pending")
    # Checked above: what a stored document has, with the types the indexes expect.
    checked = cast(Recommendation, document)
    checked.setdefault("dedup_key", duplicate_key(checked))
    checked.setdefault("id", recommendation_id(checked["dedup_key"]))
    return checked


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
