"""Per-key locks: exclusive per key, and forgotten once nobody holds or waits for them."""

from __future__ import annotations

import threading
import time

import pytest

from services.keyed_locks import KeyedLocks

pytestmark = pytest.mark.unit


def test_one_holder_per_key_and_none_kept_afterwards() -> None:
    locks = KeyedLocks()
    inside: dict[str, int] = {}
    most: dict[str, int] = {}

    def work(key: str) -> None:
        with locks.hold(key):
            inside[key] = inside.get(key, 0) + 1
            most[key] = max(most.get(key, 0), inside[key])
            time.sleep(0.002)
            inside[key] -= 1

    threads = [threading.Thread(target=work, args=(f"user{n % 3}",)) for n in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most == {"user0": 1, "user1": 1, "user2": 1}
    assert len(locks) == 0


def test_a_key_is_forgotten_after_an_error_too() -> None:
    locks = KeyedLocks()
    for user in range(1000):
        with pytest.raises(RuntimeError), locks.hold(f"user{user}"):
            raise RuntimeError("refresh failed")
    assert len(locks) == 0


def test_different_keys_do_not_wait_for_each_other() -> None:
    locks = KeyedLocks()
    with locks.hold("ana"):
        other = threading.Thread(target=lambda: locks.hold("bob").__enter__())
        other.start()
        other.join(timeout=1)
        assert not other.is_alive()
