"""The operator jobs and commands: export/import, relookup, reindex under load."""

from __future__ import annotations

import io
import json
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

import cli
from services.index import SearchQuery
from services.index.embedded import EmbeddedIndex
from services.operations import jobs
from tests.factories import RecordingScheduler, recommendation_input, stored

pytestmark = pytest.mark.unit


@pytest.fixture
def index(tmp_path: Path) -> EmbeddedIndex:
    return EmbeddedIndex(tmp_path / "index.sqlite3")


def test_export_then_import_restores_every_document(tmp_path: Path, index: EmbeddedIndex) -> None:
    found = {"status": "found", "url": "https://open.spotify.com/album/1", "method": "search"}
    documents = [stored(description=f"n° {n}") for n in range(25)]
    documents.append(stored(links={"spotify": found}, links_status="complete"))
    # The community's post, placed by recindex and told of (issue 19's stored fields).
    community = stored(title="Dummy", kind="unknown", external_id="1234")
    community.update(
        kind="album",
        kind_inferred_from="lookup",
        indexed_at="2026-01-01T00:00:00.000Z",
        links_notified="0123abcd",
    )
    documents.append(community)
    index.bulk_load(documents)
    out = io.StringIO()
    assert jobs.export(index, out) == 27
    restored = EmbeddedIndex(tmp_path / "restored.sqlite3")
    lines = out.getvalue().splitlines()
    report = jobs.import_lines(restored, [*lines, "not json", '{"title": "x"}', "", lines[0]])
    assert (report.created, report.duplicates) == (27, 1)
    assert [number for number, _ in report.refused] == [28, 29]
    assert sorted(restored.scan(), key=lambda d: d["id"]) == sorted(
        documents, key=lambda d: d["id"]
    )
    assert restored.search(SearchQuery(platform="spotify")).total == 1


def test_import_accepts_post_bodies_and_derives_the_key(index: EmbeddedIndex) -> None:
    body = recommendation_input(title="Breaking Benjamin - Phobia")
    report = jobs.import_lines(index, [json.dumps(body), json.dumps(body)])
    assert (report.created, report.duplicates, report.refused) == (1, 1, [])
    (document,) = index.scan()
    assert document["links_status"] == "pending" and document["dedup_key"]


def test_import_takes_a_post_body_without_a_kind_as_unknown(index: EmbeddedIndex) -> None:
    body = {"title": "Breaking - Phobia", "user": "username"}
    report = jobs.import_lines(index, [json.dumps(body)])
    assert (report.created, report.refused) == (1, [])
    (document,) = index.scan()
    assert document["kind"] == "unknown" and "artist" not in document


def test_cli_export_and_import_round_trip(
    tmp_path: Path,
    index: EmbeddedIndex,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name in ("ELASTICSEARCH_URL", "RABBITMQ_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "source"))
    source = EmbeddedIndex(tmp_path / "source" / "recindex.sqlite3")
    source.bulk_load([stored() for _ in range(12)])
    source.close()
    dump = tmp_path / "dump.jsonl"
    assert cli.main(["export", "--quiet", str(dump)]) == 0
    assert len(dump.read_text().splitlines()) == 12
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "target"))
    assert cli.main(["import", "--quiet", str(dump)]) == 0
    assert cli.main(["import", "--quiet", str(dump)]) == 0
    assert "created 0, duplicates 12, refused 0" in capsys.readouterr().out
    assert cli.main(["reindex", "--quiet"]) == 0
    assert "reindexed into the embedded index" in capsys.readouterr().out


def test_relookup_picks_pending_and_stale_links_only(index: EmbeddedIndex) -> None:
    pending, fresh, stale, manual_only = stored(), stored(), stored(), stored()
    for document in (pending, fresh, stale, manual_only):
        index.create(document)

    def checked(day: str, method: str = "search") -> dict[str, str]:
        return {"status": "not_found", "method": method, "checked_at": f"{day}T00:00:00.000Z"}

    index.set_links(fresh["id"], {"deezer": checked("2026-03-01")})
    index.set_links(
        stale["id"], {"deezer": checked("2026-01-01"), "spotify": checked("2026-03-01")}
    )
    index.set_links(manual_only["id"], {"spotify": checked("2025-01-01", method="manual")})
    now = datetime(2026, 3, 10, tzinfo=UTC)
    assert jobs.relookup_ids(index, None, now) == [pending["id"]]
    ids = jobs.relookup_ids(index, 30, now)
    assert ids == [pending["id"], stale["id"]]
    scheduler = RecordingScheduler()
    assert jobs.relookup(index, scheduler, ids) == jobs.RelookupReport(scheduled=2)
    assert scheduler.scheduled == ids
    assert index.get(stale["id"])["links_status"] == "pending"
    assert jobs.wait_until_looked_up(index, ids, timeout=0.3, poll=0.05) == ids


def test_reindex_of_10000_documents_keeps_searches_answering(index: EmbeddedIndex) -> None:
    documents = [stored(title=f"Band {n} - Echo {n}", kind="album") for n in range(10_000)]
    needle = stored(title="Sigur Rós - Ágætis byrjun")
    index.bulk_load([*documents, needle])
    stop = threading.Event()
    answers: list[tuple[int, int, str]] = []
    during: list[float] = []
    rebuilding = threading.Event()
    failures: list[BaseException] = []

    def search_in_a_loop() -> None:
        reader = index  # one connection per thread: the reader has its own
        while not stop.is_set():
            try:
                started = time.monotonic()
                echo = reader.search(SearchQuery(q="echo", limit=5)).total
                sigur = reader.search(SearchQuery(q="sigur"))
                answers.append((echo, sigur.total, sigur.items[0]["id"]))
                if rebuilding.is_set():
                    during.append(time.monotonic() - started)
            except BaseException as error:  # any error fails the test
                failures.append(error)
                return

    reader = threading.Thread(target=search_in_a_loop)
    reader.start()
    progress: list[int] = []
    while not answers:  # the reader is searching before the rebuild starts
        time.sleep(0.01)
    try:
        rebuilding.set()
        assert jobs.reindex(index, progress=progress.append) == 10_001
        rebuilding.clear()
    finally:
        stop.set()
        reader.join()
    assert not failures
    # Searches answered while the rebuild's write transaction was open, without waiting it out.
    assert len(during) >= 3, during
    assert set(answers) == {(10_000, 1, needle["id"])}
    assert sum(progress) == 10_001
    assert index.search(SearchQuery(q="ágætis")).total == 1


def test_import_refuses_links_outside_the_spec(index: EmbeddedIndex) -> None:
    odd = stored(links={"spotify": {"status": "found", "popularity": 3}})
    bad_status = stored(links={"deezer": {"status": "maybe"}})
    report = jobs.import_lines(index, [json.dumps(odd), json.dumps(bad_status)])
    assert report.created == 0
    [(_, popularity), (_, maybe)] = report.refused
    assert popularity.startswith("links/spotify: Additional properties are not allowed")
    assert "'popularity' was unexpected" in popularity
    assert maybe.startswith("links/deezer/status: 'maybe' is not one of")


def test_import_checks_an_isbn_as_post_does(index: EmbeddedIndex) -> None:
    book = recommendation_input(kind="book", title="The Hobbit", isbn="0-261-10320-2")
    wrong = recommendation_input(kind="book", title="The Silmarillion", isbn="9780261103208")
    report = jobs.import_lines(index, [json.dumps(book), json.dumps(wrong)])
    assert report.created == 1
    [(line, why)] = report.refused
    assert line == 2 and why.startswith("isbn: '9780261103208' is not an ISBN")
    (document,) = index.scan()
    assert document["isbn"] == "9780261103207"


def test_cli_relookup_runs_in_process_lookups_and_waits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.conftest import OFFLINE

    for name in ("ELASTICSEARCH_URL", "RABBITMQ_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, url in OFFLINE.items():  # no test reaches a real host
        monkeypatch.setenv(name.upper(), url)
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    index = EmbeddedIndex(tmp_path / "recindex.sqlite3")
    pending = stored()
    index.create(pending)
    assert cli.main(["relookup", "--quiet", "--wait", "30"]) == 0
    assert capsys.readouterr().out.strip() == "scheduled 1"
    # The lookup ran (every provider unreachable or unconfigured): no longer pending.
    assert index.get(pending["id"])["links_status"] != "pending"
