"""`/users/{uid}/now-playing/sharing` and `/users/{uid}/devices`: the user's choice to make
their now playing public, and the devices that may read it when it is not (key only)."""

from __future__ import annotations

from typing import Any

import anyio.to_thread
from injector import inject

from api.responses import Response, json_response
from services.accounts.sharing import Device, NowPlayingSharing
from services.model import format_timestamp


def _device_view(device: Device) -> dict[str, Any]:
    """A device as the spec shows it: never its token, nor the token's hash."""
    return {
        "device_id": device.device_id,
        "name": device.name,
        "created_at": format_timestamp(device.created_at),
    }


class Sharing:
    """Whether `uid`'s now playing is public."""

    @inject
    def __init__(self, sharing: NowPlayingSharing) -> None:
        self._sharing = sharing

    def get(self, uid: str) -> Response:
        return json_response({"public": self._sharing.is_public(uid)})

    def put(self, uid: str, body: dict[str, Any]) -> Response:
        return json_response({"public": self._sharing.share(uid, body["public"])})


class Devices:
    """Adding, listing and removing the devices that may read `uid`'s now playing."""

    @inject
    def __init__(self, sharing: NowPlayingSharing) -> None:
        self._sharing = sharing

    async def create(self, uid: str, body: dict[str, Any] | None = None) -> Response:
        # Off the event loop: the Elasticsearch store waits for the device to be listed.
        device, token = await anyio.to_thread.run_sync(
            self._sharing.add_device, uid, (body or {}).get("name", "")
        )
        # The one time the token is shown: no cache may keep it.
        return json_response(
            {**_device_view(device), "token": token}, 201, **{"Cache-Control": "no-store"}
        )

    def list(self, uid: str) -> Response:
        return json_response({"items": [_device_view(d) for d in self._sharing.devices(uid)]})

    def remove(self, uid: str, device_id: str) -> Response:
        self._sharing.remove_device(uid, device_id)
        return None, 204, {}
