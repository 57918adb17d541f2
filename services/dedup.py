"""The duplicate key of docs/contract.md and the stable id derived from it."""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from anyascii import anyascii

from services.model import Recommendation

TRACKING_PARAMETERS = frozenset(
    {
        "si",
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "ref_src",
        "feature",
    }
)
DEFAULT_PORTS = {"http": 80, "https": 443}
_SPACES = re.compile(r"\s+")

LONGEST_MATCHED = 1_000
"""Outside text is cut to this many characters before a pattern reads it: more than any
field a user sends (a title: 300) and than the spec gives any text of a provider's."""


def plain(text: str) -> str:
    """Text as patterns read it: each run of white space one space, at most
    `LONGEST_MATCHED` characters (CONTRIBUTING.md, "Regular expressions")."""
    return " ".join(text.split())[:LONGEST_MATCHED]


def _latin_to_ascii(char: str) -> str:
    # Latin letters without a decomposition (æ, ø, ß, ł) get their ASCII spelling;
    # other scripts stay as they are, so different Japanese titles never collide.
    if char.isascii() or "LATIN" not in unicodedata.name(char, ""):
        return char
    return anyascii(char)


def fold_text(text: str) -> str:
    """Case, accents and spacing folded: `  Sigur  Rós - Ágætis ` -> `sigur ros - agaetis`."""
    if text.isascii():  # most titles: nothing to decompose (every write folds three fields)
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    without_marks = "".join(
        _latin_to_ascii(char) for char in decomposed if not unicodedata.combining(char)
    )
    return _SPACES.sub(" ", without_marks).strip().casefold()


def normalize_reclink(url: str) -> str:
    """The URL with scheme and host lower-cased, default port, fragment and tracking dropped."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    query = [
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not name.lower().startswith("utm_") and name.lower() not in TRACKING_PARAMETERS
    ]
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


KEY_FIELDS = frozenset({"reclink", "user", "kind", "artist", "title"})
"""What the duplicate key is made of: a change to none of them leaves it as it is."""


def duplicate_key(recommendation: Recommendation) -> str:
    """What makes two recommendations the same one."""
    reclink = recommendation.get("reclink")
    if reclink:
        return "reclink:" + normalize_reclink(reclink)
    artist = fold_text(recommendation.get("artist") or "")
    title = fold_text(recommendation["title"])
    # "Breaking Benjamin - Phobia" and "Phobia" by Breaking Benjamin are one work.
    if artist and title.startswith(f"{artist} - "):
        title = title[len(artist) + 3 :]
    fields = (fold_text(recommendation["user"]), posted_kind(recommendation), artist, title)
    return "item:" + "\x1f".join(fields)


def posted_kind(recommendation: Recommendation) -> str:
    """The kind the post named (`unknown` when it named none). A kind recindex inferred
    later is no part of the key: the same post sent again is the same one, whatever
    recindex has learned since (docs/contract.md, "Duplicate key")."""
    if recommendation.get("kind_inferred_from"):
        return "unknown"
    return recommendation["kind"]


def recommendation_id(key: str) -> str:
    """An opaque id, stable for the same duplicate key (URL-safe, 22 characters)."""
    digest = hashlib.sha256(key.encode()).digest()[:16]
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")
