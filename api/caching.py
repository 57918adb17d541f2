"""Repeat reads, answered cheaply: an `ETag` on each answer, `304` when the client has it.

The ETag is strong and derived from the answer's bytes (a hash of the JSON sent), so
it changes exactly when what a client would receive changes: a PATCH, links stored by
a lookup, a document marked `pending` again (which leaves `updated_at` alone), a new
document on a search page, a new total or cursor. It needs no version stored with the
document, so both indexes give the same tags for the same answers.

`Cache-Control: no-cache`: a client or a cache may keep the answer but asks again
before using it (`If-None-Match`), as a recommendation changes when its links arrive
and a client that has just changed one must see its change. No `Vary`: the answer
depends on the URL alone (one media type, no encoding negotiated here).
"""

from __future__ import annotations

import hashlib
from typing import Any

from connexion import request
from connexion.lifecycle import ConnexionResponse
from werkzeug.http import parse_etags

from api.responses import json_bytes

CACHE_CONTROL = "no-cache"


def etag_of(content: bytes) -> str:
    """A strong entity tag (quoted) of these bytes."""
    return f'"{hashlib.blake2b(content, digest_size=16).hexdigest()}"'


def client_has(if_none_match: str | None, etag: str) -> bool:
    """Whether `If-None-Match` names `etag` (RFC 9110 13.1.2): weak comparison, so
    `W/"x"` matches `"x"`; `*` matches any current answer; a list matches by any tag."""
    if not if_none_match:
        return False
    return parse_etags(if_none_match).contains_weak(etag.strip('"'))


def conditional_json(body: Any) -> ConnexionResponse:
    """`body` as application/json with its ETag, or `304 Not Modified` (`conditional`)."""
    return conditional(json_bytes(body), "application/json")


def conditional(
    content: bytes, content_type: str, headers: dict[str, str] | None = None
) -> ConnexionResponse:
    """`content` with its ETag (and `headers`), or `304 Not Modified` without a body when
    the request's `If-None-Match` names that ETag (the bytes as they are: any Connexion
    app class sends them so)."""
    etag = etag_of(content)
    validators = {"ETag": etag, "Cache-Control": CACHE_CONTROL}
    if client_has(request.headers.get("if-none-match"), etag):
        return ConnexionResponse(status_code=304, headers=validators)
    return ConnexionResponse(
        body=content, content_type=content_type, headers={**(headers or {}), **validators}
    )
