"""`reindex`, `export`, `import` and `relookup` on the real node, through `cli.main`."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

import cli
from services.index import SearchQuery
from services.index.elasticsearch import ElasticsearchIndex
from services.index.es_admin import first_name
from tests.conftest import offline_environment
from tests.factories import stored
from tests.index.conftest import IndexFactory

pytestmark = [pytest.mark.integration, pytest.mark.elasticsearch]


@pytest.fixture
def es_index(
    open_index: IndexFactory,
    elasticsearch_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> ElasticsearchIndex:
    """The index the commands open from the environment, as an operator's shell sets it."""
    index = open_index()
    monkeypatch.delenv("RABBITMQ_URL", raising=False)
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    monkeypatch.setenv("ELASTICSEARCH_URL", elasticsearch_url)
    monkeypatch.setenv("ELASTICSEARCH_INDEX", index.admin.alias)
    monkeypatch.setenv("ELASTICSEARCH_REFRESH", "true")
    for name, value in offline_environment().items():
        monkeypatch.setenv(name, value)
    return index


def test_reindex_export_and_import(
    es_index: ElasticsearchIndex, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    documents = [stored() for _ in range(40)]
    es_index.bulk_load(documents)
    assert cli.main(["reindex", "--quiet"]) == 0
    (new,) = es_index.admin.indexes()
    assert new != first_name(es_index.admin.alias)
    assert f"reindexed into {new}" in capsys.readouterr().out
    dump = tmp_path / "dump.jsonl"
    assert cli.main(["export", "--quiet", str(dump)]) == 0
    assert len(dump.read_text().splitlines()) == 40
    es_index.drop()
    assert cli.main(["import", "--quiet", str(dump)]) == 0
    assert "created 40, duplicates 0, refused 0" in capsys.readouterr().out
    assert sorted(d["id"] for d in es_index.scan()) == sorted(d["id"] for d in documents)


def test_a_second_reindex_says_why_and_exits_non_zero(
    es_index: ElasticsearchIndex, capsys: pytest.CaptureFixture[str]
) -> None:
    es_index.bulk_load([stored() for _ in range(20)])
    copying, finish = threading.Event(), threading.Event()

    def hold(_: int) -> None:
        copying.set()
        finish.wait(30)

    first = threading.Thread(target=es_index.reindex, kwargs={"progress": hold})
    first.start()
    try:
        assert copying.wait(30)
        assert cli.main(["reindex", "--quiet"]) == 5
        assert "another reindex is running" in capsys.readouterr().err
    finally:
        finish.set()
        first.join(60)
    assert len(es_index.admin.indexes()) == 1
    assert es_index.search(SearchQuery()).total == 20


def test_relookup_looks_pending_items_up_in_process(
    es_index: ElasticsearchIndex, capsys: pytest.CaptureFixture[str]
) -> None:
    pending = [stored() for _ in range(3)]
    es_index.bulk_load(pending)
    assert cli.main(["relookup", "--quiet", "--wait", "60"]) == 0
    assert "scheduled 3" in capsys.readouterr().out
    for document in pending:
        assert es_index.get(document["id"])["links_status"] != "pending"


def test_commands_exit_3_when_elasticsearch_is_down(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ELASTICSEARCH_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    for command in (["reindex"], ["export", str(tmp_path / "out.jsonl")], ["relookup"]):
        assert cli.main([*command, "--quiet"]) == 3
        assert "index unavailable" in capsys.readouterr().err
