"""TMDB v3 (a key or a read access token): films, series and their watch providers."""

from __future__ import annotations

from typing import Any

from services.providers.guard import Broken, Guard
from services.providers.http import JsonApi


class TmdbApi(JsonApi):
    """TMDB's search, titles and watch providers, with the key where its kind goes."""

    def __init__(self, base_url: str, guard: Guard, timeout: float, key: str) -> None:
        if bearer_token(key):
            super().__init__(base_url, guard, timeout, headers={"Authorization": f"Bearer {key}"})
        else:
            super().__init__(base_url, guard, timeout, params={"api_key": key})

    def read(self, path: str, ident: str, someone_waits: bool = False) -> dict[str, Any] | None:
        """`/movie/{id}` or `/tv/{id}` (`path`); None when TMDB has no such title (404)."""
        answer = self.get(f"{path}/{ident}", missing_ok=True, someone_waits=someone_waits)
        if answer is not None and not (isinstance(answer, dict) and answer.get("id")):
            raise Broken("malformed answer from tmdb")
        return answer


def bearer_token(key: str) -> bool:
    """A v4 "API Read Access Token" (a JWT) goes in a Bearer header; a v3 key in `api_key`."""
    return key.startswith("eyJ") and key.count(".") == 2
