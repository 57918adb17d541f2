"""The `TokenStore` contract: the embedded store, and Elasticsearch on the real node."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.accounts.elasticsearch import ElasticsearchTokenStore
from services.accounts.embedded import EmbeddedTokenStore
from services.accounts.tokens import LinkedAccount, PendingAuthorization, TokenStore, state_hash
from tests.conftest import BOTH_INDEXES, unique_alias

NOW = 1_800_000_000.0


@pytest.fixture(params=BOTH_INDEXES)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TokenStore]:
    if request.param == "embedded":
        embedded = EmbeddedTokenStore(tmp_path / "index.sqlite3")
        yield embedded
        embedded.close()
        return
    yield request.getfixturevalue("es_store")


@pytest.fixture
def es_store(elasticsearch_url: str) -> Iterator[ElasticsearchTokenStore]:
    from elasticsearch import Elasticsearch

    name = f"{unique_alias()}-accounts"
    remote = ElasticsearchTokenStore(Elasticsearch(elasticsearch_url), name)
    yield remote
    Elasticsearch(elasticsearch_url).indices.delete(index=name, ignore_unavailable=True)
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


def test_a_replace_lands_only_on_the_link_it_read(store: TokenStore) -> None:
    current = account(sealed="sealed-1")
    store.save_account(current)
    refreshed = account(sealed="sealed-2")
    assert store.replace_account(refreshed, current) is True
    assert store.get_account("ana") == refreshed
    # Written against a link that changed since (another process refreshed it): refused.
    assert store.replace_account(account(sealed="sealed-3"), current) is False
    assert store.get_account("ana") == refreshed
    # Unlinked since (a DELETE in another process): refused, and it stays unlinked.
    assert store.delete_account("ana") is True
    assert store.replace_account(account(sealed="sealed-4"), refreshed) is False
    assert store.get_account("ana") is None


def test_a_user_with_characters_the_spec_lets_through_is_kept_apart(store: TokenStore) -> None:
    # `User` refuses C0 controls; DEL, NEL and the line separator reach the stores as text.
    users = ["ana\x7f", "ana\x85", "ana\u2028", "ana"]
    for user in users:
        store.save_account(account(user=user, sealed=f"sealed-{user}"))
    assert [store.get_account(user) for user in users] == [
        account(user=user, sealed=f"sealed-{user}") for user in users
    ]
    assert store.delete_account("ana\x7f") is True
    assert store.get_account("ana") == account(user="ana", sealed="sealed-ana")


@pytest.mark.unit
def test_the_embedded_store_forgets_expired_states(tmp_path: Path) -> None:
    embedded = EmbeddedTokenStore(tmp_path / "index.sqlite3")
    embedded.save_pending(pending("old", expires_at=NOW - 1), NOW - 601)
    embedded.save_pending(pending("new"), NOW)
    assert embedded.take_pending(state_hash("old")) is None
    assert embedded.take_pending(state_hash("new")) is not None
    embedded.close()


def test_forgetting_expired_states_keeps_every_account(store: TokenStore) -> None:
    # Accounts whose access token has lapsed (refreshed at their next use), or revoked.
    lapsed = LinkedAccount("bob", "linked", "sealed-b", NOW - 3600, NOW - 7200)
    revoked = LinkedAccount("cy", "revoked", "sealed-c", 0, NOW - 60)
    store.save_account(lapsed)
    store.save_account(revoked)
    store.save_pending(pending("expired", expires_at=NOW - 1), NOW - 601)
    _visible_to_searches(store)
    # Two other users start linking: each start forgets expired states.
    store.save_pending(pending("s-dee", user="dee"), NOW)
    store.save_pending(pending("s-eve", user="eve"), NOW)
    assert store.get_account("bob") == lapsed
    assert store.get_account("cy") == revoked
    assert store.take_pending(state_hash("expired")) is None
    assert store.take_pending(state_hash("s-dee")) == pending("s-dee", user="dee")


@pytest.mark.integration
def test_forgetting_expired_states_starts_no_task(elasticsearch_url: str) -> None:
    from elasticsearch import Elasticsearch

    from standins.es_proxy import ElasticsearchProxy

    # A delete-by-query with `wait_for_completion=false` leaves a task document per call:
    # none may be asked for (this node has no delete-by-query at all; a full one has).
    proxy = ElasticsearchProxy(elasticsearch_url)
    name = f"{unique_alias()}-accounts"
    with proxy.standin.running():
        store = ElasticsearchTokenStore(Elasticsearch(proxy.url), name)
        for n in range(3):
            store.save_pending(pending(f"s{n}", expires_at=NOW - 1), NOW - 601)
            store.refresh()
            store.save_pending(pending(f"t{n}"), NOW)
        assert store.take_pending(state_hash("s0")) is None
        store.close()
    Elasticsearch(elasticsearch_url).indices.delete(index=name, ignore_unavailable=True)
    asked = [r.path for r in proxy.standin.requests]
    assert not [p for p in asked if "_delete_by_query" in p or "_tasks" in p], asked
    assert not [r for r in proxy.standin.requests if "wait_for_completion" in r.query]


def _visible_to_searches(store: TokenStore) -> None:
    """Elasticsearch searches see writes after a refresh (about a second); make it now."""
    if isinstance(store, ElasticsearchTokenStore):
        store.refresh()
