"""MusicBrainz (no key, one request a second): artists' aliases in every script and
recordings' ISRCs, for posts written in another script than the stores use.

It has no platform of its own. For a post with a name in another script (`아이유 -
밤편지`), one artist search finds the artist by name or alias, and one recording
search (a release search for albums) by that artist gives the ISRC (the barcode)
and the artist's Latin aliases; the stores then find the work by identifier or by
alias. A post in Latin letters costs one artist search, and only when the stores
found nothing by its names (the broad pass, `Query.broad`): the artist's other names
(a former one: "Puff Daddy" is "Diddy"). Posts that carry their identifier cost
nothing. Its JSON answers come through `services.providers.musicbrainz`, under the
same guard (rate limit, retries, breaker) and cache as every provider.
"""

from __future__ import annotations

from typing import Any

from injector import inject

from services.dedup import fold_text
from services.links.matching.agreement import TITLE_GATE, core_name, core_title, similarity
from services.links.matching.names import is_latin
from services.links.matching.versions import refused_take, takes
from services.links.platforms.provider import BaseProvider
from services.links.query import ProviderResult, Query
from services.providers.musicbrainz import MusicBrainzApi

Item = dict[str, Any]

ARTISTS = 5
"""Artists of a name to consider: namesakes are told apart by the recording."""

PROOF = 0.95
"""How sure a recording (release) MusicBrainz lists under the post's title and artist is."""


class MusicBrainzProvider(BaseProvider):
    """Gives the ISRC (tracks) or UPC (albums) and the artist's aliases; no links."""

    name = "musicbrainz"
    platforms = ()
    kinds = frozenset({"album", "track"})
    gives_identifiers = True

    @inject
    def __init__(self, api: MusicBrainzApi) -> None:
        super().__init__()
        self._api = api

    def lookup(self, query: Query) -> ProviderResult:
        artist = query.credit.main
        latin = is_latin(f"{artist} {query.title}")
        if query.identifier or not artist or latin != query.broad:
            # Another script: asked in round one. Latin letters: only when the stores
            # found nothing by the post's names, for the artist's other names.
            return ProviderResult()
        artists = self._artists(artist)
        if latin:
            return (
                ProviderResult(aliases=_aliases_of(artists[0]))
                if len(artists) == 1
                else ProviderResult()
            )
        if not artists:
            return ProviderResult()
        # One artist of that name: its aliases are the post's artist's. Namesakes are
        # told apart by the recording (release) found below.
        named = ProviderResult(aliases=_aliases_of(artists[0])) if len(artists) == 1 else None
        ids = " OR ".join(f"arid:{a['id']}" for a in artists)
        if query.kind == "album":
            found = self._search("release", f"release:{_phrase(query.title)} AND ({ids})")
            releases = [r for r in found if _same_title(query, r) and r.get("barcode")]
            if not releases:
                return named or ProviderResult()
            release = releases[0]
            aliases = _aliases(release, artists)
            return ProviderResult(upc=release["barcode"], aliases=aliases, proof=PROOF)
        found = self._search("recording", f"recording:{_phrase(query.title)} AND ({ids})")
        recordings = [r for r in found if _same_title(query, r) and r.get("isrcs")]
        if not recordings:
            return named or ProviderResult()
        recording = recordings[0]
        length = recording.get("length")
        return ProviderResult(
            isrc=recording["isrcs"][0],
            duration_ms=length if isinstance(length, int) and length > 0 else None,
            aliases=_aliases(recording, artists),
            proof=PROOF,
        )

    def _artists(self, name: str) -> list[Item]:
        """Artists named so, or with such an alias (MusicBrainz's search is fuzzier)."""
        phrase = _phrase(name)
        found = self._search("artist", f"artist:{phrase} OR alias:{phrase}", limit=ARTISTS)
        wanted = core_name(name)
        return [
            artist
            for artist in found
            if any(core_name(n) == wanted for n in [artist.get("name", ""), *_alias_names(artist)])
        ]

    def _search(self, entity: str, lucene: str, limit: int = 10) -> list[Item]:
        return self._api.search(entity, lucene, limit)


def _phrase(text: str) -> str:
    """A Lucene phrase: inside quotes only quotes and backslashes need escaping."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _same_title(query: Query, item: Item) -> bool:
    """The recording (release) is the one asked for: same title, and not another take
    (MusicBrainz notes a live recording in its disambiguation)."""
    title = str(item.get("title") or "")
    if similarity(core_title(query.title), core_title(title)) < TITLE_GATE:
        return False
    offered = takes(fold_text(f"{title} ({item.get('disambiguation') or ''})"))
    return refused_take(takes(fold_text(query.title)), offered) is None


def _alias_names(artist: Item) -> list[str]:
    return [str(a.get("name")) for a in artist.get("aliases") or [] if a.get("name")]


def _aliases(item: Item, artists: list[Item]) -> tuple[str, ...]:
    """The aliases of the artist credited on the recording or release."""
    credited = {
        credit["artist"]["id"]
        for credit in item.get("artist-credit") or []
        if isinstance(credit, dict) and isinstance(credit.get("artist"), dict)
    }
    return tuple(
        dict.fromkeys(n for a in artists if a.get("id") in credited for n in _aliases_of(a))
    )


def _aliases_of(artist: Item) -> tuple[str, ...]:
    """Its name and aliases (the name may be the Latin one: the post used an alias)."""
    return tuple(
        n for n in dict.fromkeys([str(artist.get("name") or ""), *_alias_names(artist)]) if n
    )
