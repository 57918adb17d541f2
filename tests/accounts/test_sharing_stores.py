"""The `SharingStore` contract: the embedded store, and Elasticsearch on the real node;
and `NowPlayingSharing`'s device tokens over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from services.accounts.sharing import Device, NowPlayingSharing, SharingStore, secret_hash
from services.accounts.sharing_elasticsearch import ElasticsearchSharingStore
from services.accounts.sharing_embedded import EmbeddedSharingStore
from services.accounts.tokens import Clock
from services.errors import NotFound
from tests.conftest import BOTH_INDEXES, unique_alias

NOW = 1_800_000_000.0


@pytest.fixture(params=BOTH_INDEXES)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SharingStore]:
    if request.param == "embedded":
        embedded = EmbeddedSharingStore(tmp_path / "index.sqlite3")
        yield embedded
        embedded.close()
        return
    from elasticsearch import Elasticsearch

    url = request.getfixturevalue("elasticsearch_url")
    name = f"{unique_alias()}-sharing"
    remote = ElasticsearchSharingStore(Elasticsearch(url), name)
    yield remote
    Elasticsearch(url).indices.delete(index=name, ignore_unavailable=True)
    remote.close()


def device(device_id: str, user: str = "ana", created_at: float = NOW) -> Device:
    return Device(device_id, user, f"{user}'s {device_id}", secret_hash(device_id), created_at)


def test_users_are_private_until_they_share(store: SharingStore) -> None:
    assert store.is_public("ana") is False  # never seen
    store.set_public("ana", True, NOW)
    assert store.is_public("ana") is True
    assert store.is_public("bob") is False
    store.set_public("ana", False, NOW + 1)
    assert store.is_public("ana") is False


def test_devices_are_saved_listed_in_order_and_deleted(store: SharingStore) -> None:
    store.save_device(device("00000000000000b2", created_at=NOW + 2))
    store.save_device(device("00000000000000a1", created_at=NOW + 1))
    store.save_device(device("00000000000000c3", user="bob"))
    assert store.get_device("00000000000000a1") == device("00000000000000a1", created_at=NOW + 1)
    assert store.get_device("ffffffffffffffff") is None
    # Listed at once (no refresh needed), oldest first, the user's only.
    assert [d.device_id for d in store.list_devices("ana")] == [
        "00000000000000a1",
        "00000000000000b2",
    ]
    assert store.delete_device("bob", "00000000000000a1") is False  # not bob's
    assert store.delete_device("ana", "00000000000000a1") is True
    assert store.delete_device("ana", "00000000000000a1") is False
    assert store.get_device("00000000000000a1") is None
    assert [d.device_id for d in store.list_devices("ana")] == ["00000000000000b2"]
    assert store.list_devices("nobody") == []


def test_a_device_token_admits_its_user_only_until_removed(store: SharingStore) -> None:
    sharing = NowPlayingSharing(store, Clock())
    kitchen, token = sharing.add_device("ana", "kitchen")
    other, other_token = sharing.add_device("ana", "desk")
    assert sharing.admits("ana", token) and sharing.admits("ana", other_token)
    assert not sharing.admits("bob", token)  # another user's token
    device_id, _, secret = token.partition(".")
    assert not sharing.admits("ana", f"{device_id}.{secret[:-1]}x")
    assert not sharing.admits("ana", f"{other.device_id}.{secret}")  # secrets are per device
    too_long = f"{'a' * 20_000}.{secret}"  # a URL Elasticsearch refuses
    for garbage in ("", ".", device_id, f".{secret}", f"{device_id}.", "a.b.c", too_long):
        assert not sharing.admits("ana", garbage)
    # Only a hash is kept; the token is not.
    stored = store.get_device(kitchen.device_id)
    assert stored is not None and secret not in repr(stored)
    assert stored.secret_hash == secret_hash(secret)
    sharing.remove_device("ana", kitchen.device_id)
    assert not sharing.admits("ana", token)
    assert sharing.admits("ana", other_token)
    with pytest.raises(NotFound):
        sharing.remove_device("ana", kitchen.device_id)
    with pytest.raises(NotFound):
        sharing.remove_device("bob", other.device_id)
