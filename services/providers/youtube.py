"""The one YouTube search: `search.list` through python-youtube, on the daily budget.

Links (`services.links.platforms.youtube`) and Spotify accounts' playlist videos
(`services.accounts.videos`) both search through `YouTubeSearch`: one way to ask,
one reading of YouTube's errors, one budget (`services.providers.quota`). Each caller
brings its guard, which decides how long a caller may wait (retries, breaker).

python-youtube's `Client` rather than the older `Api`: `Api.search` keeps paging
until it has `count` items, and every page is another 100 quota units.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import parse_qsl, urlencode, urlsplit

import pyyoutube
import requests
from pyyoutube.error import PyYouTubeException
from requests.auth import AuthBase

from services.providers.guard import (
    Broken,
    Guard,
    Throttled,
    Transient,
    fault_for_status,
    retry_after_seconds,
)
from services.providers.quota import DailyBudget, youtube_budget
from services.settings import Settings

MUSIC_CATEGORY = "10"
MAX_RESULTS = 10  # a search costs the same whatever its size
QUOTA_REASONS = frozenset({"quotaExceeded", "dailyLimitExceeded"})
RATE_REASONS = frozenset({"rateLimitExceeded", "userRateLimitExceeded"})


TOPIC_SUFFIX = " - Topic"


@dataclass(frozen=True, slots=True)
class Result:
    """One `search.list` item: a video or a playlist, with its channel."""

    id: str
    title: str
    channel_id: str
    channel_title: str
    description: str = ""

    @property
    def is_topic(self) -> bool:
        """An auto-generated upload of the "Artist - Topic" channel: a YouTube Music art track."""
        return self.channel_title.endswith(TOPIC_SUFFIX) or self.description.startswith(
            "Provided to YouTube by"
        )

    @property
    def channel_artist(self) -> str:
        """The artist a channel name stands for: "X - Topic", "XVEVO", "X Official" -> X."""
        name = self.channel_title.removesuffix(TOPIC_SUFFIX).strip()
        name = re.sub(r"\s*vevo$", "", name, flags=re.IGNORECASE)
        return re.sub(r"^official\s+|\s+official$", "", name, flags=re.IGNORECASE).strip()

    @property
    def channel_names(self) -> list[str]:
        """What the channel may be named after: "officialpsy" is PSY's, but
        "Official髭男dism" is a band named so."""
        bare = re.sub(r"^official|official$", "", self.channel_artist, flags=re.IGNORECASE)
        return list(dict.fromkeys([self.channel_artist, bare.strip() or self.channel_artist]))


def results(answer: Any, id_field: str) -> list[Result]:
    """The items of a `search.list` answer that carry `id.<id_field>` (`videoId`, `playlistId`)."""
    items = answer.get("items") if isinstance(answer, dict) else None
    if not isinstance(items, list):
        raise ValueError("search.list answer without items")
    found: list[Result] = []
    for item in items:
        if not isinstance(item, dict):
            continue
        ident = (item.get("id") or {}).get(id_field)
        snippet = item.get("snippet") or {}
        if not isinstance(ident, str) or not ident:
            continue
        # search.list answers HTML-escaped text (`&amp;`, `&#39;`).
        found.append(
            Result(
                id=ident,
                title=html.unescape(str(snippet.get("title") or "")),
                channel_id=str(snippet.get("channelId") or ""),
                channel_title=html.unescape(str(snippet.get("channelTitle") or "")),
                description=html.unescape(str(snippet.get("description") or "")),
            )
        )
    return found


class YouTubeSearch:
    """`search.list` under a guard and the daily budget; raises `Fault`s, as guards do.

    Without `YOUTUBE_API_KEY` nothing is sent (`has_key` says so first).
    """

    def __init__(self, settings: Settings, guard: Guard, budget: DailyBudget | None = None) -> None:
        key = settings.youtube_api_key.get_secret_value() if settings.youtube_api_key else ""
        self.has_key = bool(key)
        self.budget = budget or youtube_budget(settings)
        self._guard = guard
        self._client = make_client(settings, key, self._check_status) if key else None

    def search(self, kind: Literal["video", "playlist"], text: str, country: str) -> list[Result]:
        """The results of one search (music videos only, for `video`): one from the budget."""
        client = self._client
        assert client is not None, "no YOUTUBE_API_KEY: check has_key first"
        self.budget.check()  # an exhausted budget is a fault without a call
        params: dict[str, Any] = {
            "parts": "snippet",
            "q": text,
            "type": kind,
            "max_results": MAX_RESULTS,
            "region_code": country,
        }
        if kind == "video":
            params["video_category_id"] = MUSIC_CATEGORY

        def attempt() -> Any:
            self.budget.spend()  # every request sent costs quota, retries included
            try:
                return client.search.list(**params, return_json=True)
            except requests.exceptions.JSONDecodeError:
                raise Broken("malformed answer from youtube (not JSON)") from None
            except requests.Timeout:
                raise Transient("timed out") from None
            except requests.RequestException as error:
                raise Transient(f"connection failed: {type(error).__name__}") from None
            except PyYouTubeException as error:
                raise Broken(f"youtube error: {error.message}") from None

        answer = self._guard.call(attempt)
        try:
            return results(answer, "videoId" if kind == "video" else "playlistId")
        except ValueError:
            raise Broken("malformed answer from youtube") from None

    def _check_status(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        """A requests hook: YouTube's error answers become faults before the library sees them."""
        if response.status_code < 400:
            return
        reasons = error_reasons(response)
        if reasons & QUOTA_REASONS:
            # Throttled until YouTube's quota day ends: the guard refuses calls till then.
            wait = self.budget.exhaust()
            raise Throttled(
                f"YouTube quota exceeded ({', '.join(sorted(reasons))}); "
                f"searches resume at midnight Pacific time, in {wait / 3600:.1f} h",
                wait,
            )
        if reasons & RATE_REASONS:
            retry_after = retry_after_seconds(response.headers, 1.0)
            raise Throttled(f"youtube rate limited ({', '.join(sorted(reasons))})", retry_after)
        if "keyInvalid" in reasons:
            raise Broken("YouTube refused YOUTUBE_API_KEY (keyInvalid)")
        detail = ", ".join(sorted(reasons)) or response.reason
        raise fault_for_status(response.status_code, response.headers, detail)

    def close(self) -> None:
        if self._client is not None:
            self._client.session.close()


def make_client(
    settings: Settings, key: str, check_status: Callable[..., None]
) -> pyyoutube.Client:
    """A client whose answers pass `check_status` (a requests hook) before being parsed."""
    client = pyyoutube.Client(api_key=key, timeout=settings.lookup_timeout_seconds)
    # The library keeps googleapis.com in a class attribute; the instance's wins.
    client.BASE_URL = settings.youtube_api_url.rstrip("/") + "/"
    # The library parses any JSON as a success (and crashes on other bodies).
    client.session.hooks["response"].append(check_status)
    client.session.auth = KeyInHeader()
    return client


class KeyInHeader(AuthBase):
    """Moves the library's `?key=` into Google's `X-Goog-Api-Key` header: URLs end up in logs."""

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        parts = urlsplit(request.url or "")
        query = parse_qsl(parts.query, keep_blank_values=True)
        keys = [value for name, value in query if name == "key"]
        if keys:
            request.headers["X-Goog-Api-Key"] = keys[0]
            kept = urlencode([(name, value) for name, value in query if name != "key"])
            request.url = parts._replace(query=kept).geturl()
        return request


def error_reasons(response: requests.Response) -> set[str]:
    """`error.errors[].reason` of a Data API error answer (empty if it is not one)."""
    try:
        body = response.json()
    except ValueError:
        return set()
    error = body.get("error") if isinstance(body, dict) else None
    errors = error.get("errors") if isinstance(error, dict) else None
    if not isinstance(errors, list):
        return set()
    return {str(e.get("reason")) for e in errors if isinstance(e, dict) and e.get("reason")}
