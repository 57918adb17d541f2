"""What a lookup asks (`Query`) and what one provider answers (`ProviderResult`)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from services.dedup import fold_text
from services.links.matching.names import Credit, credit, without_guests
from services.links.matching.titles import without_store_words
from services.links.matching.versions import without_versions
from services.model import Link, LinkMethod, LinkStatus, Recommendation, utc_now

JUSTWATCH_ATTRIBUTION = "Where-to-watch data by JustWatch, through TMDB"


@dataclass(frozen=True, slots=True)
class Query:
    """One work to find: the fields matching uses, and the market to look in."""

    kind: str
    title: str
    artist: str | None = None
    year: int | None = None
    isrc: str | None = None
    upc: str | None = None
    isbn: str | None = None  # a book's, as an ISBN-13 (`services.isbn`)
    duration_ms: int | None = None
    country: str = "US"
    # What other platforms taught about the work (see `with_evidence`):
    aliases: tuple[str, ...] = ()  # the artist's other names (MusicBrainz), trusted
    titles: tuple[str, ...] = ()  # the work's titles where an identifier found it
    album_upc: str | None = None  # a track's album, for lookups by album
    position: tuple[int, int] | None = None  # a track's disc and number on that album
    release_year: int | None = None  # an album's year and track count, where it was found
    track_count: int | None = None
    # How sure the identifier (ISRC for a track, UPC for an album) and the track's album UPC
    # are: 1.0 when the post gave them, else the confidence of the match that gave them.
    identifier_proof: float = 1.0
    album_upc_proof: float = 1.0
    broad: bool = False  # the second, broader pass (free text, a typo, a former name)
    # How sure the aliases are: 1.0 from MusicBrainz (or none), less when a platform's
    # artist search gave them (`with_alias`).
    alias_proof: float = 1.0

    @classmethod
    def of(cls, recommendation: Recommendation, country: str) -> Query:
        """The query for a stored recommendation (`Artist - Title` titles lose the artist)."""
        artist = recommendation.get("artist") or None
        title = recommendation["title"].strip()
        if artist:
            for dash in (" - ", " \u2013 ", " \u2014 "):
                prefix = artist.strip() + dash
                if fold_text(title).startswith(fold_text(prefix)) and len(title) > len(prefix):
                    title = title[len(prefix) :].strip()
                    break
        return cls(
            kind=recommendation["kind"],
            title=title,
            artist=artist,
            year=recommendation.get("year"),
            isrc=(recommendation.get("isrc") or "").upper() or None,
            upc=recommendation.get("upc") or None,
            isbn=recommendation.get("isbn") or None,
            country=country.upper(),
        )

    def broadened(self) -> Query:
        """The same query for the second, broader pass (`services.links.matching.broad`)."""
        return replace(self, broad=True)

    def with_alias(self, name: str, proof: float) -> Query:
        """The same query, the artist also known as `name`, as surely as `proof`."""
        aliases = tuple(dict.fromkeys([*self.aliases, name]))
        return replace(self, aliases=aliases, alias_proof=min(self.alias_proof, proof))

    def with_identifiers(self, isrc: str | None, upc: str | None) -> Query:
        """The same query, also carrying identifiers another platform gave."""
        return replace(self, isrc=self.isrc or isrc, upc=self.upc or upc)

    def with_evidence(self, result: ProviderResult) -> Query:
        """The same query, also carrying what a platform that found the work knows of it."""
        titles = [t for t in (result.title,) if t and t != self.title and t not in self.titles]
        album_upc, position, album_upc_proof = self.album_upc, self.position, self.album_upc_proof
        if album_upc is None and result.album_upc:
            album_upc, position = result.album_upc, result.position
            album_upc_proof = result.confidence
        identifier_proof = self.identifier_proof
        if self.identifier is None and (result.isrc if self.kind == "track" else result.upc):
            identifier_proof = result.confidence
        alias_proof = self.alias_proof
        if set(result.aliases) - set(self.aliases):
            alias_proof = min(alias_proof, result.alias_proof)
        release_year, track_count = self.release_year, self.track_count
        if release_year is None and track_count is None:
            release_year, track_count = result.year, result.track_count
        return replace(
            self,
            isrc=self.isrc or result.isrc,
            upc=self.upc or result.upc,
            duration_ms=self.duration_ms or result.duration_ms,
            aliases=tuple(dict.fromkeys([*self.aliases, *result.aliases])),
            titles=(*self.titles, *titles),
            album_upc=album_upc,
            position=position,
            release_year=release_year,
            track_count=track_count,
            identifier_proof=identifier_proof,
            album_upc_proof=album_upc_proof,
            alias_proof=alias_proof,
        )

    @property
    def credit(self) -> Credit:
        """The artist credit: main artist and guests."""
        return credit(self.artist or "")

    @property
    def search_title(self) -> str:
        """The title as searches want it: no guests, no version or edition parts, none of
        the words stores add (a soundtrack's suffix)."""
        return without_versions(without_store_words(without_guests(self.title))) or self.title

    @property
    def identifier(self) -> str | None:
        """The identifier that fits the kind: ISRC for a track, UPC for an album."""
        if self.kind == "track":
            return self.isrc
        if self.kind == "album":
            return self.upc
        return None

    def cache_key(self, provider: str) -> tuple[object, ...]:
        return (
            provider,
            self.kind,
            fold_text(self.title),
            fold_text(self.artist or ""),
            self.year,
            self.isrc,
            self.upc,
            self.isbn,
            self.country,
            self.duration_ms,
            self.aliases,
            self.titles,
            self.album_upc,
            self.position,
            self.release_year,
            self.track_count,
            self.identifier_proof,
            self.album_upc_proof,
            self.broad,
            self.alias_proof,
        )


@dataclass(frozen=True, slots=True)
class ProviderResult:
    """One provider's answer: links per platform, identifiers and cover art it learned."""

    links: dict[str, Link] = field(default_factory=dict)
    isrc: str | None = None
    upc: str | None = None
    cover_img: str | None = None
    attribution: str | None = None
    # What the platform knows of the work it found, for the others (`Query.with_evidence`):
    title: str | None = None
    duration_ms: int | None = None
    album_upc: str | None = None
    position: tuple[int, int] | None = None
    year: int | None = None  # of the album found, and its track count
    track_count: int | None = None
    aliases: tuple[str, ...] = ()
    alias_proof: float = 1.0  # how sure the aliases are (`Query.alias_proof`)
    # Several versions passed and nothing told them apart: `not_found` until an
    # identifier or a length from another platform does.
    ambiguous: bool = False
    # A provider without platforms of its own (MusicBrainz) failed: not to be cached.
    error: str | None = None
    # How sure a provider without links (MusicBrainz) is of the identifiers it gives.
    proof: float | None = None

    @property
    def confidence(self) -> float:
        """How sure the provider is of the work it found (and so of its identifiers): its
        most confident link, or its `proof`; 0 when it found nothing."""
        found = [link for link in self.links.values() if link.get("status") == "found"]
        linked = max((float(link.get("confidence", 0.0)) for link in found), default=0.0)
        return max(linked, self.proof or 0.0)

    @property
    def has_errors(self) -> bool:
        return self.error is not None or any(
            link.get("status") == "error" for link in self.links.values()
        )


def found(
    url: str,
    *,
    external_id: str,
    title: str,
    artist: str | None,
    confidence: float,
    method: LinkMethod,
    app_uri: str | None = None,
) -> Link:
    """A `found` link as docs/contract.md spells it."""
    link: Link = {
        "status": "found",
        "url": url,
        "external_id": str(external_id)[:200],
        "title": title[:500],
        "confidence": round(max(0.0, min(1.0, confidence)), 3),
        "method": method,
        "checked_at": utc_now(),
    }
    if artist:
        link["artist"] = artist[:500]
    if app_uri:
        link["app_uri"] = app_uri
    return link


def missing(status: LinkStatus, detail: str | None = None) -> Link:
    """A link that is not there: `not_found`, `error` (retried later) or `skipped`."""
    link: Link = {"status": status, "checked_at": utc_now()}
    if detail:
        link["detail"] = detail[:500]
    return link
