"""Duplicate keys made unique on Elasticsearch, which has no unique constraint on a field.

A recommendation's id is its duplicate key's hash, so the document itself is the claim
on its key: creating it with `op_type=create` fails when the key is taken. Only a
document holding a key that is not its id's (its key changed, or an import gave it an
id of its own) needs a claim elsewhere: `<alias>-keys` holds one document per such key,
`_id` = the key's hash, naming its owner; creating that with `op_type=create` is the
atomic claim. GETs by `_id` are realtime, so neither needs a refresh to be seen.

The two kinds of claim are checked against each other in the same order by both sides
(write your own, then read the other's), so of two writers racing for one key at least
one sees the other: a new document reads the keys index after it is stored
(`check_unclaimed`), a claim reads the document named by the key after it is made.

A claim counts only while its owner is stored under that very key: one left behind by a
write that never completed, or by a release that was lost after the owner's key changed,
is taken over; but not while it is young (`CLAIM_GRACE_SECONDS`), for its owner may be
writing the document right now.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from elasticsearch import ConflictError, Elasticsearch, NotFoundError

from services.dedup import recommendation_id
from services.errors import DuplicateRecommendation, IndexUnavailable

RETRIES = 10
# Longer than any write takes (the client gives up after 10 s): a younger claim whose
# owner does not hold the key yet is being used.
CLAIM_GRACE_SECONDS = 60.0


def now_ms() -> int:
    return int(time.time() * 1000)


class DuplicateKeys:
    """Claims and releases keys; `call` runs a client method with the index's error mapping,
    `key_of(id)` is the key a stored document holds (None when there is no such document)."""

    def __init__(
        self,
        client: Elasticsearch,
        index: str,
        call: Callable[..., Any],
        key_of: Callable[[str], str | None],
    ) -> None:
        self._client = client
        self._index = index
        self._call = call
        self._key_of = key_of

    def claim(self, key: str, owner: str) -> bool:
        """Hold `key` for `owner` (a document whose id is not the key's hash, or that is
        about to change its key): True when claimed now, False when `owner` held it
        already; `DuplicateRecommendation` when another stored document holds it."""
        claimed = self._claim(key, owner)
        native = recommendation_id(key)
        if native != owner and self._key_of(native) == key:
            if claimed:
                self.release(key, owner)
            raise DuplicateRecommendation(native)
        return claimed

    def check_unclaimed(self, key: str, owner: str) -> None:
        """After `owner` (whose id is the key's hash) was stored: `DuplicateRecommendation`
        when another document holds `key` through a claim, `IndexUnavailable` when one is
        claiming it right now (the caller undoes its write either way)."""
        try:
            claim = self._call(self._client.get, index=self._index, id=recommendation_id(key))
        except NotFoundError:
            return
        self._check(claim, key, owner)

    def _check(self, claim: Any, key: str, owner: str) -> bool:
        """Whether `owner` may take the existing `claim` over (it holds it: False)."""
        holder = claim["_source"]["owner"]
        if holder == owner:
            return False
        if self._key_of(holder) == key:
            raise DuplicateRecommendation(holder)
        if now_ms() - claim["_source"].get("claimed_at", 0) < CLAIM_GRACE_SECONDS * 1000:
            raise IndexUnavailable(f"elasticsearch: {holder} is storing the same work now")
        return True

    def _claim(self, key: str, owner: str) -> bool:
        key_id = recommendation_id(key)
        for _ in range(RETRIES):
            try:
                self._call(
                    self._client.create,
                    index=self._index,
                    id=key_id,
                    document={"owner": owner, "claimed_at": now_ms()},
                    refresh=False,
                )
                return True
            except ConflictError:
                pass
            try:
                claim = self._call(self._client.get, index=self._index, id=key_id)
            except NotFoundError:
                continue  # released in between: claim again
            if not self._check(claim, key, owner):
                return False
            # A claim its holder does not hold (any more): take it over at its version.
            try:
                self._call(
                    self._client.index,
                    index=self._index,
                    id=key_id,
                    document={"owner": owner, "claimed_at": now_ms()},
                    if_seq_no=claim["_seq_no"],
                    if_primary_term=claim["_primary_term"],
                    refresh=False,
                )
                return True
            except ConflictError:
                continue
        raise IndexUnavailable("elasticsearch: a duplicate key keeps changing hands")

    def release(self, key: str, owner: str) -> None:
        key_id = recommendation_id(key)
        try:
            claim = self._call(self._client.get, index=self._index, id=key_id)
            if claim["_source"]["owner"] == owner:
                self._call(
                    self._client.delete,
                    index=self._index,
                    id=key_id,
                    if_seq_no=claim["_seq_no"],
                    if_primary_term=claim["_primary_term"],
                    refresh=False,
                )
        except (NotFoundError, ConflictError):
            pass  # gone already, or someone else's now
