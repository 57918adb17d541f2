"""The duplicate key of docs/contract.md and the stable id derived from it."""

from __future__ import annotations

import base64
import hashlib
import itertools
import re
import unicodedata
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from anyascii import anyascii

from services.errors import InvalidRecommendation
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
    """The URL with scheme and host lower-cased, default port, fragment and tracking dropped.

    `InvalidRecommendation` naming `reclink` when Python cannot read it (a port above
    65535, a malformed IPv6 host): the spec's pattern refuses those, messages and
    imported lines are checked against the same schemas, and this says so again where
    the URL is read, so that no other path can turn one into a 500.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise InvalidRecommendation(f"reclink: {error}") from None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # an IPv6 address keeps its brackets
        host = f"[{host}]"
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


def ids_to_try(document: Recommendation) -> Iterator[str]:
    """The ids a new document may be stored under, in the order an index tries them.

    An id of its own (an import's) is the only one. Otherwise the key's own id, then one
    more for each document that took an earlier one and changed its key since: an id
    never changes, so without the next one a renamed document would hold its old key's
    only id forever. Every writer of one key tries the same ids in the same order, so
    of twenty concurrent creates one stores and nineteen find it, whichever id it is.
    """
    key = document["dedup_key"]
    first = recommendation_id(key)
    if document["id"] != first:
        yield document["id"]
        return
    yield first
    for generation in itertools.count(2):
        # `\x1e` is in no key: keys are folded text (control characters split words
        # away) or URLs (the spec refuses control characters in them).
        yield recommendation_id(f"{key}\x1e{generation}")


def moved_on(holder_key: str, holder_message: str | None, document: Recommendation) -> bool:
    """Whether the document stored under an id `document` may take has left it for
    `document`'s next id: its key is another now, and no message stored both (a message
    delivered again after its document was renamed is the same item, not a new one)."""
    message = document.get("source_message_id")
    return holder_key != document["dedup_key"] and not (message and holder_message == message)
