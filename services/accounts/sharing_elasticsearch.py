"""`SharingStore` in Elasticsearch: a `<alias>-sharing` index of its own, never searched by
clients (its own index, so the token store's strict mapping stays as it is)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from services.accounts.sharing import Device
from services.index.es_errors import outages
from services.index.es_mapping import SMALL_INDEX_SETTINGS

MAPPING: dict[str, Any] = {
    "dynamic": "strict",
    "properties": {
        "record": {"type": "keyword"},
        "user": {"type": "keyword"},
        "public": {"type": "boolean"},
        "updated_at": {"type": "double"},
        "device_id": {"type": "keyword"},
        "name": {"type": "keyword", "index": False, "doc_values": False},
        "secret_hash": {"type": "keyword", "index": False, "doc_values": False},
        "created_at": {"type": "double"},
    },
}
MAX_DEVICES_LISTED = 1000


class ElasticsearchSharingStore:
    """Documents `sharing:<user>` and `device:<device_id>`, each read by id (real time)."""

    def __init__(self, client: Any, index: str) -> None:
        self._client = client
        self._index = index
        self._ready = False

    def _call(self, method: str, **kwargs: Any) -> Any:
        # The index's error mapping (es_errors): down or missing is `IndexUnavailable`;
        # a missing document (404) passes through.
        with outages():
            if not self._ready:  # created on first use, never at wiring time
                self._create_index()
            return getattr(self._client, method)(index=self._index, **kwargs)

    def _create_index(self) -> None:
        from elasticsearch import BadRequestError

        try:
            self._client.indices.create(
                index=self._index, mappings=MAPPING, settings=SMALL_INDEX_SETTINGS
            )
        except BadRequestError as error:
            if error.error != "resource_already_exists_exception":  # another process was first
                raise
        self._ready = True

    def _get(self, doc_id: str) -> dict[str, Any] | None:
        from elasticsearch import NotFoundError

        try:
            source: dict[str, Any] = self._call("get", id=doc_id)["_source"]
        except NotFoundError:
            return None
        return source

    def is_public(self, user: str) -> bool:
        found = self._get(f"sharing:{user}")
        return bool(found and found["public"])

    def set_public(self, user: str, public: bool, now: float) -> None:
        document = {"record": "sharing", "user": user, "public": public, "updated_at": now}
        self._call("index", id=f"sharing:{user}", document=document, refresh=False)

    def save_device(self, device: Device) -> None:
        # `wait_for`: the user's list of devices shows it at once (a search sees a write
        # only after a refresh); adding a device is rare.
        self._call(
            "create",
            id=f"device:{device.device_id}",
            document={"record": "device", **asdict(device)},
            refresh="wait_for",
        )

    def get_device(self, device_id: str) -> Device | None:
        found = self._get(f"device:{device_id}")
        return _device(found) if found else None

    def list_devices(self, user: str) -> list[Device]:
        hits = self._call(
            "search",
            query={"bool": {"filter": [{"term": {"record": "device"}}, {"term": {"user": user}}]}},
            sort=[{"created_at": "asc"}, {"device_id": "asc"}],
            size=MAX_DEVICES_LISTED,
        )["hits"]["hits"]
        return [_device(hit["_source"]) for hit in hits]

    def delete_device(self, user: str, device_id: str) -> bool:
        from elasticsearch import ConflictError, NotFoundError

        doc_id = f"device:{device_id}"
        try:
            found = self._call("get", id=doc_id)
            if found["_source"]["user"] != user:
                return False
            # At the version read: a device is never given to another user meanwhile.
            self._call(
                "delete",
                id=doc_id,
                if_seq_no=found["_seq_no"],
                if_primary_term=found["_primary_term"],
                refresh="wait_for",
            )
        except (NotFoundError, ConflictError):
            return False
        return True

    def refresh(self) -> None:
        """Make every write visible to searches now (tests)."""
        self._client.indices.refresh(index=self._index)

    def close(self) -> None:
        self._client.close()


def _device(source: dict[str, Any]) -> Device:
    return Device(
        device_id=source["device_id"],
        user=source["user"],
        name=source["name"],
        secret_hash=source["secret_hash"],
        created_at=source["created_at"],
    )
