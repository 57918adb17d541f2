"""Deezer's public API (no key), which answers its errors with HTTP 200."""

from __future__ import annotations

from typing import Any

from services.providers.guard import Broken, Throttled
from services.providers.http import JsonApi

QUOTA_EXCEEDED = 4
NO_DATA = 800
QUOTA_WINDOW_SECONDS = 5.0  # Deezer's quota is 50 requests per 5 s


class DeezerApi(JsonApi):
    """Deezer's search, `/track/isrc:…`, `/album/upc:…` and items."""

    def read(self, kind: str, item_id: str, someone_waits: bool = False) -> dict[str, Any] | None:
        """`/track/{id}` or `/album/{id}`; None when Deezer has no such item (its error 800)."""
        answer = self.get(f"{kind}/{item_id}", missing_ok=True, someone_waits=someone_waits)
        if answer is not None and not isinstance(answer, dict):
            raise Broken("malformed answer from deezer")
        return answer

    def check(self, answer: Any) -> Any:
        """Deezer's errors come as HTTP 200: code 4 is its quota (throttling), 800 "no data"."""
        if isinstance(answer, dict) and isinstance(answer.get("error"), dict):
            code = answer["error"].get("code")
            if code == QUOTA_EXCEEDED:
                raise Throttled("deezer quota exceeded (code 4)", QUOTA_WINDOW_SECONDS)
            if code == NO_DATA:
                return None
            raise Broken(f"deezer error {code}: {answer['error'].get('message', '')}")
        return answer
