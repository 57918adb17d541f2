"""`TokenStore` in Elasticsearch: a separate `<alias>-accounts` index, never searched."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from services.accounts.tokens import LinkedAccount, PendingAuthorization
from services.index.es_errors import outages
from services.index.es_mapping import SMALL_INDEX_SETTINGS

MAPPING: dict[str, Any] = {
    # Secrets are sealed blobs: stored, never indexed.
    "dynamic": "strict",
    "properties": {
        "record": {"type": "keyword"},
        "user": {"type": "keyword"},
        "status": {"type": "keyword"},
        "state_hash": {"type": "keyword"},
        "sealed_tokens": {"type": "keyword", "index": False, "doc_values": False},
        "sealed_verifier": {"type": "keyword", "index": False, "doc_values": False},
        "expires_at": {"type": "double"},
        "updated_at": {"type": "double"},
    },
}


# Expired states are forgotten a page at a time, each time someone starts linking.
EXPIRED_PER_CALL = 100


class ElasticsearchTokenStore:
    """Account links and pending states as documents `account:<user>` and `state:<hash>`."""

    def __init__(self, client: Any, index: str) -> None:
        self._client = client
        self._index = index
        self._ready = False

    def _ensure_index(self) -> None:
        # Created on first use, not at wiring time (no I/O while composing the app).
        if not self._ready:
            from elasticsearch import BadRequestError

            try:
                self._client.indices.create(
                    index=self._index, mappings=MAPPING, settings=SMALL_INDEX_SETTINGS
                )
            except BadRequestError as error:
                # Another process created it first (the same convention as the index's).
                if error.error != "resource_already_exists_exception":
                    raise
            self._ready = True

    def _call(self, method: str, **kwargs: Any) -> Any:
        # The index's error mapping: down, refused or missing is `IndexUnavailable`;
        # a missing document (404) and a version conflict (409) pass through.
        with outages():
            self._ensure_index()
            return getattr(self._client, method)(index=self._index, **kwargs)

    def save_pending(self, pending: PendingAuthorization, now: float) -> None:
        self._forget_expired_states(now)
        self._call(
            "index",
            id=f"state:{pending.state_hash}",
            document={"record": "state", **asdict(pending)},
            refresh=False,
        )

    def _forget_expired_states(self, now: float) -> None:
        """Delete pending authorizations that expired, and nothing else: accounts have an
        `expires_at` too (their access token's), and one that lapsed is refreshed at its
        next use, not forgotten. Each is deleted at the version found, so a state taken
        meanwhile is left to its taker; no task is left behind (no delete-by-query)."""
        from elasticsearch import helpers

        expired = self._call(
            "search",
            query={
                "bool": {
                    "filter": [
                        {"term": {"record": "state"}},
                        {"range": {"expires_at": {"lt": now}}},
                    ]
                }
            },
            size=EXPIRED_PER_CALL,
            source=False,
            seq_no_primary_term=True,
        )["hits"]["hits"]
        if not expired:
            return
        with outages():
            helpers.bulk(
                self._client,
                (
                    {
                        "_op_type": "delete",
                        "_index": self._index,
                        "_id": hit["_id"],
                        "if_seq_no": hit["_seq_no"],
                        "if_primary_term": hit["_primary_term"],
                    }
                    for hit in expired
                ),
                raise_on_error=False,  # taken or gone meanwhile: nothing to forget
            )

    def refresh(self) -> None:
        """Make every write visible to searches now (tests)."""
        self._client.indices.refresh(index=self._index)

    def take_pending(self, state_hash: str) -> PendingAuthorization | None:
        from elasticsearch import ConflictError, NotFoundError

        doc_id = f"state:{state_hash}"
        try:
            found = self._call("get", id=doc_id)
            # Deleting at the version read makes the take atomic: a concurrent taker
            # gets a conflict or a miss, never the same state.
            self._call(
                "delete",
                id=doc_id,
                if_seq_no=found["_seq_no"],
                if_primary_term=found["_primary_term"],
                refresh=False,
            )
        except (NotFoundError, ConflictError):
            return None
        source = found["_source"]
        return PendingAuthorization(
            state_hash=source["state_hash"],
            user=source["user"],
            sealed_verifier=source["sealed_verifier"],
            expires_at=source["expires_at"],
        )

    def save_account(self, account: LinkedAccount) -> None:
        self._call(
            "index",
            id=f"account:{account.user}",
            document={"record": "account", **asdict(account)},
            refresh=False,
        )

    def replace_account(self, account: LinkedAccount, current: LinkedAccount) -> bool:
        from elasticsearch import ConflictError, NotFoundError

        doc_id = f"account:{account.user}"
        try:
            found = self._call("get", id=doc_id)
            if found["_source"]["sealed_tokens"] != current.sealed_tokens:
                return False
            # At the version read: a delete (or another write) since is a conflict.
            self._call(
                "index",
                id=doc_id,
                document={"record": "account", **asdict(account)},
                if_seq_no=found["_seq_no"],
                if_primary_term=found["_primary_term"],
                refresh=False,
            )
        except (NotFoundError, ConflictError):
            return False
        return True

    def get_account(self, user: str) -> LinkedAccount | None:
        from elasticsearch import NotFoundError

        try:
            source = self._call("get", id=f"account:{user}")["_source"]
        except NotFoundError:
            return None
        return LinkedAccount(
            user=source["user"],
            status=source["status"],
            sealed_tokens=source["sealed_tokens"],
            expires_at=source["expires_at"],
            updated_at=source["updated_at"],
        )

    def delete_account(self, user: str) -> bool:
        from elasticsearch import NotFoundError

        try:
            self._call("delete", id=f"account:{user}", refresh=False)
        except NotFoundError:
            return False
        return True

    def close(self) -> None:
        self._client.close()
