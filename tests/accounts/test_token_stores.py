"""The `TokenStore` contract: the embedded store always; Elasticsearch on its stand-in, and on
a real cluster with ELASTICSEARCH_URL."""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.accounts.embedded import EmbeddedTokenStore
from services.accounts.tokens import LinkedAccount, PendingAuthorization, TokenStore, state_hash
from tests.standins.server import Reply, Request

pytestmark = pytest.mark.unit

NOW = 1_800_000_000.0


def _delete_by_query(request: Request) -> Reply:
    # The stand-in has no `_delete_by_query`; `wait_for_completion=false` answers a task.
    return Reply({"task": "standin:1"})


@pytest.fixture(
    params=[
        "embedded",
        "elasticsearch-standin",
        pytest.param("elasticsearch", marks=pytest.mark.elasticsearch),
    ]
)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TokenStore]:
    from services.accounts.elasticsearch import ElasticsearchTokenStore

    if request.param == "embedded":
        embedded = EmbeddedTokenStore(tmp_path / "index.sqlite3")
        yield embedded
        embedded.close()
        return
    from elasticsearch import Elasticsearch

    if request.param == "elasticsearch-standin":
        from tests.standins.elasticsearch import FakeElasticsearch

        fake = FakeElasticsearch()
        fake.standin.route("POST", r"/(?P<index>[^/]+)/_delete_by_query")(_delete_by_query)
        with fake.standin.running():
            standin = ElasticsearchTokenStore(Elasticsearch(fake.standin.url), "test-accounts")
            yield standin
            standin.close()
        return
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        pytest.skip("ELASTICSEARCH_URL is not set: `docker compose up elasticsearch` to run these")
    client = Elasticsearch(url)
    name = f"test-{uuid.uuid4().hex[:12]}-accounts"
    remote = ElasticsearchTokenStore(client, name)
    yield remote
    Elasticsearch(url).indices.delete(index=name, ignore_unavailable=True)
    remote.close()


def pending(state: str, user: str = "ana", expires_at: float = NOW + 600) -> PendingAuthorization:
    return PendingAuthorization(state_hash(state), user, "sealed-verifier", expires_at)


def account(user: str = "ana", sealed: str = "sealed-1") -> LinkedAccount:
    return LinkedAccount(user, "linked", sealed, NOW + 3600, NOW)


def test_a_pending_state_is_taken_once(store: TokenStore) -> None:
    store.save_pending(pending("s1"), NOW)
    assert store.take_pending(state_hash("s1")) == pending("s1")
    assert store.take_pending(state_hash("s1")) is None
    assert store.take_pending(state_hash("never-issued")) is None


def test_of_concurrent_takers_one_gets_the_state(store: TokenStore) -> None:
    store.save_pending(pending("raced"), NOW)
    taken: list[PendingAuthorization | None] = []
    threads = [
        threading.Thread(target=lambda: taken.append(store.take_pending(state_hash("raced"))))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [found for found in taken if found is not None] == [pending("raced")]


def test_accounts_are_saved_replaced_and_deleted(store: TokenStore) -> None:
    assert store.get_account("ana") is None
    store.save_account(account(sealed="sealed-1"))
    store.save_account(account(user="bob"))
    assert store.get_account("ana") == account(sealed="sealed-1")
    revoked = LinkedAccount("ana", "revoked", "sealed-2", 0, NOW + 5)
    store.save_account(revoked)
    assert store.get_account("ana") == revoked
    assert store.delete_account("ana") is True
    assert store.delete_account("ana") is False
    assert store.get_account("ana") is None
    assert store.get_account("bob") == account(user="bob")


def test_the_embedded_store_forgets_expired_states(tmp_path: Path) -> None:
    embedded = EmbeddedTokenStore(tmp_path / "index.sqlite3")
    embedded.save_pending(pending("old", expires_at=NOW - 1), NOW - 601)
    embedded.save_pending(pending("new"), NOW)
    assert embedded.take_pending(state_hash("old")) is None
    assert embedded.take_pending(state_hash("new")) is not None
    embedded.close()
