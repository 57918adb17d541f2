"""python-youtube's `Client`, pointed at `YOUTUBE_API_URL`, with the key in a header.

`Client` rather than the older `Api`: `Api.search` keeps paging until it has
`count` items, and every page is another 100 quota units.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode, urlsplit

import pyyoutube
import requests
from requests.auth import AuthBase

from services.settings import Settings


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
