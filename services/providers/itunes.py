"""The iTunes Search and Lookup API (no key; about 20 calls a minute)."""

from __future__ import annotations

from services.providers.http import JsonApi


class ITunesApi(JsonApi):
    """`/search` and `/lookup` (by UPC, or an album's songs with `entity=song`)."""
