"""The operator commands on Elasticsearch (the in-memory stand-in), through `cli.main`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import cli
from services.index import SearchQuery
from services.index.elasticsearch import ElasticsearchIndex
from tests.factories import stored
from tests.standins.elasticsearch import FakeElasticsearch

pytestmark = pytest.mark.unit


@pytest.fixture
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeElasticsearch]:
    es = FakeElasticsearch()
    with es.standin.running():
        monkeypatch.delenv("RABBITMQ_URL", raising=False)
        monkeypatch.setenv("DATA_DIR", str(tmp_path))
        monkeypatch.setenv("ELASTICSEARCH_URL", es.standin.url)
        monkeypatch.setenv("ELASTICSEARCH_INDEX", "recs")
        yield es


def test_reindex_export_import_on_elasticsearch(
    fake: FakeElasticsearch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    index = ElasticsearchIndex(url=fake.standin.url, alias="recs")
    documents = [stored() for _ in range(40)]
    index.bulk_load(documents)
    assert cli.main(["reindex", "--quiet"]) == 0
    (new,) = fake.resolve("recs")
    assert new.startswith("recs-v1-") and "recs-v1-initial" not in fake.indices
    assert f"reindexed into {new}" in capsys.readouterr().out
    dump = tmp_path / "dump.jsonl"
    assert cli.main(["export", "--quiet", str(dump)]) == 0
    assert len(dump.read_text().splitlines()) == 40
    index.drop()
    assert cli.main(["import", "--quiet", str(dump)]) == 0
    assert "created 40, duplicates 0, invalid 0" in capsys.readouterr().out
    assert index.search(SearchQuery()).total == 40
    index.close()


def test_commands_exit_3_when_elasticsearch_is_down(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ELASTICSEARCH_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    assert cli.main(["reindex", "--quiet"]) == 3
    assert "index unavailable" in capsys.readouterr().err


def test_every_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("reindex", "export", "import", "relookup"):
        with pytest.raises(SystemExit) as exited:
            cli.main([command, "--help"])
        assert exited.value.code == 0
        assert f"usage: recindex {command}" in capsys.readouterr().out
