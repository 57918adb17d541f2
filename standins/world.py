"""Every music stand-in at once, built from a matching table, and the table's score.

`World(cases)` fills the Spotify, Deezer, iTunes and TIDAL catalogues (decoys before the work),
the YouTube results and MusicBrainz's entities; `run` looks every case up through a
`LinkFinder` and says of each platform's link whether it is right, wrong (a link where a
fan expects another or none), missed, rightly absent or an error, with the provider
calls each lookup spent. The tests and `make bench` both use it.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from services.closing import Closing
from services.links.finder import LinkFinder
from services.settings import Settings
from standins import music, tidal
from standins.catalog import Catalog, Entry
from standins.musicbrainz import MusicBrainzStandIn
from standins.server import StandIn
from standins.spotify_accounts import CLIENT_ID, CLIENT_SECRET, SpotifyAccounts
from standins.table import DEEZER, ITUNES, PLATFORMS, SPOTIFY, STORES, TIDAL, Case, Listing
from standins.tidal import Tidal
from standins.tidal_documents import TRACKS
from standins.youtube import YouTubeStandIn, playlist, video

CLOSED = "http://127.0.0.1:9"
PROVIDER_URLS = ("_api_url", "_accounts_url", "_auth_url", "_covers_url")
"""How the settings of a provider's base URL end."""
VERDICTS = ("right", "wrong", "missed", "absent", "error")
CONFIDENCE_RANGES = ((0.82, 0.9), (0.9, 0.93), (0.93, 0.97), (0.97, 1.0), (1.0, 1.01))
"""The ranges of docs/links.md ("Confidence"); the last is 1.0 alone."""


@contextmanager
def service_finder(settings: Settings) -> Iterator[LinkFinder]:
    """The service's own `LinkFinder` for `settings` (its modules, its providers, its
    clients); whatever they opened is closed afterwards."""
    from app import build_injector

    injector = build_injector(settings)
    try:
        yield injector.get(LinkFinder)
    finally:
        injector.get(Closing).close_all()


def offline_settings(data_dir: Path, **values: Any) -> Settings:
    """Settings in which no provider reaches a real host: every base URL a closed local
    port unless `values` points it at a stand-in; no `.env`, no broker, no Elasticsearch."""
    closed = {name: CLOSED for name in Settings.model_fields if name.endswith(PROVIDER_URLS)}
    defaults = {"elasticsearch_url": None, "rabbitmq_url": None, "log_json": False}
    return Settings(_env_file=None, data_dir=data_dir, **{**closed, **defaults, **values})  # type: ignore[call-arg]


class World:
    """The stand-ins of one table; `running()` starts and stops them."""

    def __init__(self, cases: Sequence[Case]) -> None:
        self.cases = list(cases)
        assert len({case.name for case in self.cases}) == len(self.cases), "case names repeat"
        self.catalogs = {store: Catalog() for store in STORES}
        self.accounts = SpotifyAccounts()
        self.youtube = YouTubeStandIn()
        self.youtube.by_words = True
        self.musicbrainz = MusicBrainzStandIn()
        self.expected: dict[tuple[str, str], frozenset[str]] = {}
        for case in self.cases:
            self._add(case)
        self.stores: dict[str, StandIn] = {
            SPOTIFY: music.spotify(self.catalogs[SPOTIFY]),
            DEEZER: music.deezer(self.catalogs[DEEZER]),
            ITUNES: music.itunes(self.catalogs[ITUNES]),
            TIDAL: Tidal(self.catalogs[TIDAL]).standin,
        }

    @property
    def providers(self) -> dict[str, StandIn]:
        """The stand-in of each provider, by provider name (its calls are counted)."""
        return {
            "spotify": self.stores[SPOTIFY],
            "deezer": self.stores[DEEZER],
            "itunes": self.stores[ITUNES],
            "tidal": self.stores[TIDAL],
            "youtube": self.youtube.standin,
            "musicbrainz": self.musicbrainz.standin,
        }

    @contextmanager
    def running(self) -> Iterator[World]:
        standins = [self.accounts.standin, *self.providers.values()]
        for standin in standins:
            standin.start()
        try:
            yield self
        finally:
            for standin in standins:
                standin.stop()

    def finder(self, data_dir: Path, **more: Any) -> AbstractContextManager[LinkFinder]:
        """The service's finder over every stand-in, its cache off (`run` asks each case
        of the platforms)."""
        return service_finder(self.settings(data_dir, lookup_cache_ttl_seconds=0, **more))

    def settings(self, data_dir: Path, **more: Any) -> Settings:
        """Every provider pointed at its stand-in, limits and budgets out of the way."""
        return offline_settings(
            data_dir,
            spotify_client_id=CLIENT_ID,
            spotify_client_secret=CLIENT_SECRET,
            spotify_accounts_url=self.accounts.url,
            spotify_api_url=self.stores[SPOTIFY].url,
            deezer_api_url=self.stores[DEEZER].url,
            itunes_api_url=self.stores[ITUNES].url,
            tidal_client_id=tidal.CLIENT_ID,
            tidal_client_secret=tidal.CLIENT_SECRET,
            tidal_api_url=self.stores[TIDAL].url,
            tidal_auth_url=self.stores[TIDAL].url,
            youtube_api_key="standin-youtube-key",
            youtube_api_url=self.youtube.api_url,
            musicbrainz_api_url=self.musicbrainz.api_url,
            youtube_daily_searches=1_000_000,
            max_retry_after_seconds=2.0,
            lookup_timeout_seconds=5.0,
            **{f"{name}_rate_limit": "100000/1" for name in self.providers},
            **more,
        )

    def _add(self, case: Case) -> None:
        kind = case.post.kind
        for listing in case.decoys:
            for store in listing.on:
                _enter(self.catalogs[store], kind, _apart(listing, case.work.get(store)))
        for store in STORES:
            listing = case.work.get(store)
            entry = _enter(self.catalogs[store], kind, listing) if listing else None
            self.expected[case.name, store] = frozenset(
                [_external_id(store, entry)] if entry else []
            )
        for result in case.videos:
            if result.playlist:
                self.youtube.playlists.append(playlist(result.id, result.title, result.channel))
            else:
                self.youtube.videos.append(
                    video(result.id, result.title, result.channel, None, result.description)
                )
        right = [result for result in case.videos if result.right]
        music_right = [result for result in right if result.is_topic or result.playlist]
        self.expected[case.name, "youtube"] = frozenset(result.id for result in right)
        self.expected[case.name, "youtube_music"] = frozenset(r.id for r in music_right)
        self.musicbrainz.add(*case.musicbrainz)


def _enter(catalog: Catalog, kind: str, listing: Listing) -> Entry:
    return catalog.add(
        kind,
        listing.title,
        listing.artist,
        featured=listing.featured,
        album=listing.album,
        year=listing.year,
        isrc=listing.isrc,
        upc=listing.upc,
        duration_ms=listing.seconds * 1000,
        record_type=listing.record_type,
        track_number=listing.track_number,
        disc=listing.disc,
        title_version=listing.title_version,
        aliases=listing.aliases,
        tracks=listing.tracks,
    )


def _apart(decoy: Listing, work: Listing | None) -> Listing:
    """A decoy made from the work (`WORK.but(title=... live)`) is not on the work's album at
    the work's place: it gets an album of its own unless the case gave it one."""
    if work is None or decoy.upc != work.upc or decoy.isrc == work.isrc:
        return decoy
    if (decoy.disc, decoy.track_number) != (work.disc, work.track_number):
        return decoy
    return decoy.but(upc=f"{decoy.upc or ''}{zlib.crc32(decoy.title.encode()) % 1000:03d}")


def _external_id(store: str, entry: Entry) -> str:
    """The id the provider reports for an entry (each stand-in derives its own from `n`)."""
    return {
        SPOTIFY: f"sp{entry.n}",
        DEEZER: str(1000 + entry.n),
        ITUNES: str(9000 + entry.n),
        TIDAL: str(TRACKS + entry.n),
    }[store]


@dataclass(frozen=True)
class Outcome:
    case: Case
    platform: str
    verdict: str
    got: str | None
    expected: frozenset[str]
    confidence: float | None = None  # of a found link, and how it was found
    method: str | None = None


@dataclass
class Score:
    """Outcomes of a table run, and the provider calls each lookup spent."""

    outcomes: list[Outcome] = field(default_factory=list)
    calls: dict[str, list[int]] = field(default_factory=dict)

    def count(self, platform: str | None = None) -> Counter[str]:
        return Counter(
            o.verdict for o in self.outcomes if platform is None or o.platform == platform
        )

    def precision(self, platform: str | None = None) -> float:
        counts = self.count(platform)
        found = counts["right"] + counts["wrong"]
        return counts["right"] / found if found else 1.0

    def recall(self, platform: str | None = None) -> float:
        counts = self.count(platform)
        wanted = counts["right"] + counts["missed"] + counts["error"]
        return counts["right"] / wanted if wanted else 1.0

    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.verdict in {"wrong", "missed", "error"}]

    def calibration(
        self, ranges: Sequence[tuple[float, float]] = CONFIDENCE_RANGES
    ) -> list[tuple[tuple[float, float], int, int]]:
        """Found links per confidence range [low, high): (range, right, wrong)."""
        rows = []
        for low, high in ranges:
            inside = [
                o for o in self.outcomes if o.confidence is not None and low <= o.confidence < high
            ]
            right = sum(o.verdict == "right" for o in inside)
            rows.append(((low, high), right, len(inside) - right))
        return rows

    def right_at_or_above(self, confidence: float) -> float:
        """The share of found links at or above `confidence` that are right (1 if none)."""
        found = [
            o for o in self.outcomes if o.confidence is not None and o.confidence >= confidence
        ]
        return sum(o.verdict == "right" for o in found) / len(found) if found else 1.0

    def calls_per_lookup(self) -> float:
        """Provider calls per lookup, every provider together."""
        lookups = max((len(calls) for calls in self.calls.values()), default=0)
        return sum(map(sum, self.calls.values())) / lookups if lookups else 0.0


def verdict(link: dict[str, Any] | None, expected: frozenset[str]) -> tuple[str, str | None]:
    status = (link or {}).get("status")
    got = (link or {}).get("external_id") if status == "found" else None
    if status == "error":
        return "error", None
    if got is not None:
        return ("right" if got in expected else "wrong"), got
    return ("missed" if expected else "absent"), None


def run(world: World, finder: LinkFinder, cases: Sequence[Case] | None = None) -> Score:
    """Each case looked up once, in order (the finder's cache should be off)."""
    score = Score(calls={name: [] for name in world.providers})
    asked: Callable[[], dict[str, int]] = lambda: {  # noqa: E731 - a snapshot, read twice
        name: len(standin.requests) for name, standin in world.providers.items()
    }
    for case in cases if cases is not None else world.cases:
        world.musicbrainz.down = case.musicbrainz_down
        before = asked()
        links = finder.find_query(case.post.query()).links
        after = asked()
        for name in world.providers:
            score.calls[name].append(after[name] - before[name])
        for platform in PLATFORMS:
            expected = world.expected[case.name, platform]
            link = links.get(platform) or {}
            outcome, got = verdict(link, expected)
            found = link.get("status") == "found"
            confidence = float(link.get("confidence", 0.0)) if found else None
            method = link.get("method") if found else None
            score.outcomes.append(
                Outcome(case, platform, outcome, got, expected, confidence, method)
            )
    world.musicbrainz.down = False
    return score
