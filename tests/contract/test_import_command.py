"""`python -m cli import` on both indexes: every line is stored, a duplicate, or refused
with its number and why; the command fails when one was refused."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

import cli
from services.index import LoadReport, RecommendationIndex
from services.index.embedded import EmbeddedIndex
from services.operations import jobs
from tests.conftest import BOTH_INDEXES, offline_environment, unique_alias
from tests.factories import recommendation_input, stored


@pytest.fixture(params=BOTH_INDEXES)
def index(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[RecommendationIndex]:
    """The index the command opens from the environment, as an operator's shell sets it."""
    monkeypatch.delenv("RABBITMQ_URL", raising=False)
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    for name, value in offline_environment().items():
        monkeypatch.setenv(name, value)
    if request.param == "embedded":
        monkeypatch.delenv("ELASTICSEARCH_URL", raising=False)
        embedded = EmbeddedIndex(tmp_path / "recindex.sqlite3")
        yield embedded
        embedded.close()
        return
    from tests.conftest import elasticsearch_index, elasticsearch_settings

    settings = elasticsearch_settings(
        tmp_path, request.getfixturevalue("elasticsearch_url"), elasticsearch_index=unique_alias()
    )
    monkeypatch.setenv("ELASTICSEARCH_URL", str(settings.elasticsearch_url))
    monkeypatch.setenv("ELASTICSEARCH_INDEX", settings.elasticsearch_index)
    monkeypatch.setenv("ELASTICSEARCH_REFRESH", "true")
    remote = elasticsearch_index(settings)
    yield remote
    remote.drop()
    remote.close()


def _import(tmp_path: Path, lines: list[str]) -> int:
    source = tmp_path / "lines.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return cli.main(["import", "--quiet", str(source)])


def test_every_line_the_schema_refuses_is_named_and_the_import_fails(
    index: RecommendationIndex, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = recommendation_input(title="Portishead - Dummy")
    lines = [
        json.dumps(good),
        json.dumps({**recommendation_input(), "foo": 1}),  # stored as it was, exit 0
        "{not json",
        json.dumps(recommendation_input(created_at="9999-12-31T23:59:59-23:59")),
        json.dumps(recommendation_input(reclink="https://forum.example:99999/p")),
        json.dumps(recommendation_input(title="\ud800")),  # escaped: valid JSON text
        '{"title": ' + "[" * 5000 + "]" * 5000 + "}",
        json.dumps({**stored(), "links": {"spotify": {"status": "found", "rank": 1}}}),
        json.dumps(good),
    ]
    assert _import(tmp_path, lines) == 1
    out, err = capsys.readouterr()
    assert "created 1, duplicates 1, refused 7" in out
    reasons = dict(line.split(": ", 1) for line in err.splitlines() if line.startswith("line "))
    assert sorted(reasons) == [f"line {n}" for n in range(2, 9)]
    assert "'foo' was unexpected" in reasons["line 2"]
    assert reasons["line 3"].startswith("not JSON")
    assert reasons["line 4"].startswith("created_at:")
    assert reasons["line 5"].startswith("reclink:")
    assert reasons["line 6"].startswith("title: holds a lone surrogate")
    assert "nested deeper than" in reasons["line 7"]
    assert reasons["line 8"].startswith("links/spotify:") and "'rank'" in reasons["line 8"]
    [document] = index.scan()
    assert document["title"] == "Portishead - Dummy" and "foo" not in document


def test_a_post_body_is_stored_as_post_stores_it(
    index: RecommendationIndex, tmp_path: Path
) -> None:
    # The artist of `Artist - Title` is taken from the title, as POST takes it: the same
    # work posted later is then the duplicate it is.
    body = recommendation_input(title="Breaking Benjamin - Phobia")
    assert _import(tmp_path, [json.dumps(body)]) == 0
    [document] = index.scan()
    assert document["artist"] == "Breaking Benjamin"
    posted = stored(title="Phobia", artist="Breaking Benjamin")
    assert posted["dedup_key"] == document["dedup_key"]


def test_one_line_the_batch_cannot_hold_spoils_no_other(
    index: RecommendationIndex, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # An export line of a work under another id whose key another line holds: in SQLite
    # its found link's row met the foreign key of a document never inserted, and the
    # IntegrityError rolled back the whole batch of 5,000.
    found = {"status": "found", "url": "https://open.spotify.com/album/1", "method": "search"}
    first = stored(title="Massive Attack - Mezzanine", links={"spotify": found})
    twin = {**first, "id": "the-same-work-elsewhere"}
    others = [stored() for _ in range(3)]
    lines = [json.dumps(document) for document in (first, twin, *others)]
    assert _import(tmp_path, lines) == 0
    assert "created 4, duplicates 1, refused 0" in capsys.readouterr().out
    assert sorted(d["id"] for d in index.scan()) == sorted(d["id"] for d in (first, *others))


def test_an_import_of_many_batches_reports_every_line_where_it_was(
    index: RecommendationIndex,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(jobs, "IMPORT_BATCH", 3)
    first = recommendation_input(title="Portishead - Dummy", description="first")
    lines = [json.dumps(recommendation_input()) for _ in range(10)]
    lines[1] = json.dumps(first)
    lines[4] = "{not json"
    lines[7] = json.dumps({**first, "description": "later"})
    lines[9] = json.dumps({**recommendation_input(), "year": "1994"})
    assert _import(tmp_path, lines) == 1
    out, err = capsys.readouterr()
    assert "created 7, duplicates 1, refused 2" in out
    assert [line.split(":")[0] for line in err.splitlines() if line.startswith("line ")] == [
        "line 5",
        "line 10",
    ]
    [kept] = [d for d in index.scan() if d["title"] == "Portishead - Dummy"]
    assert kept["description"] == "first"


class RefusingIndex:
    """An index whose bulk load refuses the last document of each batch."""

    def bulk_load_batches(self, batches: Iterable[list[Any]]) -> Iterator[LoadReport]:
        for documents in batches:
            last = len(documents) - 1
            yield LoadReport(created=last, refused=[(last, "the index refused it")])


@pytest.mark.unit
def test_what_the_index_refuses_is_reported_by_line_not_counted_a_duplicate(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(jobs, "IMPORT_BATCH", 2)
    lines = ["", *(json.dumps(recommendation_input()) for _ in range(5)), "{not json"]
    counted: list[int] = []
    report = jobs.import_lines(RefusingIndex(), lines, progress=counted.append)  # type: ignore[arg-type]
    assert (report.created, report.duplicates) == (2, 0)
    assert [number for number, _ in report.refused] == [3, 5, 6, 7]
    assert sum(counted) == 6
