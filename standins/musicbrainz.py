"""A MusicBrainz web service (ws/2) stand-in: searches answered in its documented JSON.

`GET /ws/2/artist?query=artist:"…" OR alias:"…"&fmt=json` (`artists`, with their
`aliases`), `/ws/2/recording?query=recording:"…" AND arid:…` (`recordings`, with
`isrcs`, `length`, `disambiguation`), `/ws/2/release?query=release:"…" AND arid:…`
(`releases`, with `barcode`). Like MusicBrainz it refuses clients that do not name
themselves (403), and with `min_interval` set it answers 503 to a client asking faster
than that; while `down`, it answers every search 503, as MusicBrainz does when it is
down or overloaded. Without `fmt=json` MusicBrainz answers XML, which this stand-in
does not speak: it refuses such a request (406).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from standins.catalog import words
from standins.server import Reply, Request, StandIn

_FIELD = re.compile(r'(\w+):(?:"((?:[^"\\]|\\.)*)"|(\S+))')


@dataclass(frozen=True)
class MbArtist:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    sort_name: str = ""


@dataclass(frozen=True)
class MbRecording:
    id: str
    title: str
    artist: MbArtist
    isrcs: tuple[str, ...] = ()
    seconds: int | None = None
    disambiguation: str = ""


@dataclass(frozen=True)
class MbRelease:
    id: str
    title: str
    artist: MbArtist
    barcode: str | None = None
    date: str = ""


MbEntity = MbArtist | MbRecording | MbRelease


class MusicBrainzStandIn:
    """Answers searches over `entities`; `requests` of the stand-in are what was asked."""

    def __init__(self, entities: Iterable[MbEntity] = (), min_interval: float = 0.0) -> None:
        self.standin = StandIn("musicbrainz")
        self.entities: list[MbEntity] = []
        self.min_interval = min_interval
        self.down = False
        self.refused_too_fast = 0
        self._last = 0.0
        self._lock = threading.Lock()
        self.add(*entities)
        for entity in ("artist", "recording", "release"):
            self.standin.route("GET", f"/ws/2/{entity}")(self._search)

    @property
    def api_url(self) -> str:
        return self.standin.url + "/ws/2"

    def add(self, *entities: MbEntity) -> None:
        for entity in entities:
            if isinstance(entity, MbRecording | MbRelease):
                self.add(entity.artist)
            if entity not in self.entities:
                self.entities.append(entity)

    def _search(self, request: Request) -> Reply:
        agent = request.headers.get("user-agent", "")
        if not agent or agent.lower().startswith(("python-", "httpx")):
            return _error(403, "Your requests are being blocked: set a meaningful User-Agent.")
        with self._lock:
            now = time.monotonic()
            too_fast = now - self._last < self.min_interval
            self._last = now
            if too_fast:
                self.refused_too_fast += 1
        if too_fast:
            return _error(503, "Your requests are exceeding the allowable rate limit.")
        if self.down:
            return _error(503, "The MusicBrainz web server is currently busy or down.")
        if request.query.get("fmt") != "json":
            return _error(406, "this stand-in answers fmt=json only (MusicBrainz: XML)")
        query = request.query.get("query", "")
        fields = {
            m[1]: (m[2] if m[2] is not None else m[3]).replace("\\", "")
            for m in _FIELD.finditer(query)
        }
        artist_ids = set(re.findall(r"\barid:([\w-]+)", query))
        kind = request.path.rsplit("/", 1)[1]
        found = [e for e in self.entities if _matches(kind, e, fields, artist_ids)]
        limit = int(request.query.get("limit") or 25)
        return _json(kind, found[:limit], len(found))


def _matches(kind: str, entity: MbEntity, fields: dict[str, str], artist_ids: set[str]) -> bool:
    """Lucene's fields, roughly: every word of the phrase, by one of the `arid`s given."""
    if kind == "artist" and isinstance(entity, MbArtist):
        wanted = words(fields.get("artist") or fields.get("alias") or "")
        return any(words(name) >= wanted for name in (entity.name, *entity.aliases))
    if isinstance(entity, MbRecording | MbRelease) and kind == _KIND[type(entity)]:
        by_artist = not artist_ids or entity.artist.id in artist_ids
        return by_artist and words(entity.title) >= words(fields.get(kind, ""))
    return False


_KIND = {MbRecording: "recording", MbRelease: "release"}


def _json(kind: str, found: list[MbEntity], count: int) -> Reply:
    listing = [_entity(entity) for entity in found]
    return Reply(
        {"created": "2026-11-23T10:00:00.000Z", "count": count, "offset": 0, f"{kind}s": listing}
    )


def _entity(entity: MbEntity) -> dict[str, Any]:
    if isinstance(entity, MbArtist):
        return {**_artist(entity), "score": 100, "aliases": [_alias(a) for a in entity.aliases]}
    common = {
        "id": entity.id,
        "score": 100,
        "title": entity.title,
        "artist-credit": [{"name": entity.artist.name, "artist": _artist(entity.artist)}],
    }
    if isinstance(entity, MbRecording):
        length = entity.seconds * 1000 if entity.seconds else None
        return {
            **common,
            "length": length,
            "disambiguation": entity.disambiguation,
            "video": None,
            "isrcs": list(entity.isrcs),
        }
    release = {**common, "status": "Official", "date": entity.date}
    return {**release, "barcode": entity.barcode} if entity.barcode else release


def _artist(artist: MbArtist) -> dict[str, Any]:
    return {"id": artist.id, "name": artist.name, "sort-name": artist.sort_name or artist.name}


def _alias(name: str) -> dict[str, Any]:
    return {
        "name": name,
        "sort-name": name,
        "type": "Artist name",
        "locale": None,
        "primary": None,
        "begin-date": None,
        "end-date": None,
    }


def _error(status: int, text: str) -> Reply:
    help_text = "For usage, please see: https://musicbrainz.org/development/mmd"
    return Reply({"error": text, "help": help_text}, status=status)
