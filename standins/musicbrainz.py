"""A MusicBrainz web service (ws/2) stand-in: searches answered in its documented XML.

`GET /ws/2/artist?query=artist:"…" OR alias:"…"` (artists with their aliases),
`/ws/2/recording?query=recording:"…" AND arid:…` (with `isrc-list`, `length`,
`disambiguation`), `/ws/2/release?query=release:"…" AND arid:…` (with `barcode`).
Like MusicBrainz it refuses clients that do not name themselves (403), and with
`min_interval` set it answers 503 to a client asking faster than that; while `down`, it
answers every search 503, as MusicBrainz does when it is down or overloaded.
"""

from __future__ import annotations

import re
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass

from standins.catalog import words
from standins.server import Reply, Request, StandIn

NAMESPACE = "http://musicbrainz.org/ns/mmd-2.0#"
EXT = "http://musicbrainz.org/ns/ext#-2.0"
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
        query = request.query.get("query", "")
        fields = {
            m[1]: (m[2] if m[2] is not None else m[3]).replace("\\", "")
            for m in _FIELD.finditer(query)
        }
        artist_ids = set(re.findall(r"\barid:([\w-]+)", query))
        kind = request.path.rsplit("/", 1)[1]
        found = [e for e in self.entities if _matches(kind, e, fields, artist_ids)]
        limit = int(request.query.get("limit") or 25)
        return _xml(kind, found[:limit], len(found))


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


def _xml(kind: str, found: list[MbEntity], count: int) -> Reply:
    root = ET.Element(f"{{{NAMESPACE}}}metadata", {"created": "2026-11-23T10:00:00.000Z"})
    listing = _sub(root, f"{kind}-list", count=str(count), offset="0")
    for entity in found:
        if isinstance(entity, MbArtist):
            _artist(listing, entity, score=True)
        elif isinstance(entity, MbRecording):
            _recording(listing, entity)
        elif isinstance(entity, MbRelease):
            _release(listing, entity)
    body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return Reply(raw=body, headers={"Content-Type": "application/xml; charset=UTF-8"})


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{NAMESPACE}}}{tag}", attrs)
    element.text = text
    return element


def _scored(parent: ET.Element, tag: str, ident: str) -> ET.Element:
    return _sub(parent, tag, id=ident, **{f"{{{EXT}}}score": "100"})


def _artist(parent: ET.Element, artist: MbArtist, score: bool = False) -> None:
    element = (
        _scored(parent, "artist", artist.id) if score else _sub(parent, "artist", id=artist.id)
    )
    _sub(element, "name", artist.name)
    _sub(element, "sort-name", artist.sort_name or artist.name)
    if artist.aliases and score:
        aliases = _sub(element, "alias-list", count=str(len(artist.aliases)))
        for alias in artist.aliases:
            _sub(aliases, "alias", alias, **{"sort-name": alias, "type": "Artist name"})


def _credit(parent: ET.Element, artist: MbArtist) -> None:
    credit = _sub(_sub(parent, "artist-credit"), "name-credit")
    _artist(credit, artist)


def _recording(parent: ET.Element, recording: MbRecording) -> None:
    element = _scored(parent, "recording", recording.id)
    _sub(element, "title", recording.title)
    if recording.seconds:
        _sub(element, "length", str(recording.seconds * 1000))
    if recording.disambiguation:
        _sub(element, "disambiguation", recording.disambiguation)
    _credit(element, recording.artist)
    if recording.isrcs:
        isrcs = _sub(element, "isrc-list", count=str(len(recording.isrcs)))
        for isrc in recording.isrcs:
            _sub(isrcs, "isrc", id=isrc)


def _release(parent: ET.Element, release: MbRelease) -> None:
    element = _scored(parent, "release", release.id)
    _sub(element, "title", release.title)
    _sub(element, "status", "Official")
    _credit(element, release.artist)
    if release.date:
        _sub(element, "date", release.date)
    if release.barcode:
        _sub(element, "barcode", release.barcode)


def _error(status: int, text: str) -> Reply:
    body = f'<?xml version="1.0" encoding="UTF-8"?><error><text>{text}</text></error>'
    headers = {"Content-Type": "application/xml; charset=UTF-8"}
    return Reply(raw=body.encode(), status=status, headers=headers)
