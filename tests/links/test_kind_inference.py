"""A work posted without a kind, looked up against the stand-ins: placed when one kind alone
matches with confidence, left `unknown` otherwise (issue 19)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from injector import Injector, InstanceProvider

from app import build_injector
from services.closing import Closing
from services.index import RecommendationIndex, SearchQuery
from services.lookups.kinds import ReclinkKinds
from services.lookups.runner import LookupRunner
from services.model import Kind, Recommendation
from standins.google_books import volume
from standins.openlibrary import work
from standins.server import Reply
from standins.tmdb import TmdbStandIn, movie
from standins.youtube import YouTubeStandIn, video
from tests.conftest import make_settings
from tests.factories import stored
from tests.links.conftest import Music

pytestmark = pytest.mark.unit


@pytest.fixture
def tmdb() -> Iterator[TmdbStandIn]:
    standin = TmdbStandIn()
    standin.movies = [movie(949, "Heat", "1995-12-15")]
    with standin.standin.running():
        yield standin


@pytest.fixture
def youtube() -> Iterator[YouTubeStandIn]:
    standin = YouTubeStandIn()
    standin.videos = [
        video("jane", "Breaking Benjamin - The Diary Of Jane (Official Video)", "BreakingBenjamin")
    ]
    with standin.standin.running():
        yield standin


@pytest.fixture
def injector(
    tmp_path: Path, music_standins: Music, tmdb: TmdbStandIn, youtube: YouTubeStandIn
) -> Iterator[Injector]:
    settings = make_settings(
        tmp_path,
        **music_standins.settings,
        tmdb_api_key="tmdb-key",
        tmdb_api_url=tmdb.api_url,
        youtube_api_key="yt-key",
        youtube_api_url=youtube.api_url,
    )
    built = build_injector(settings)
    yield built
    built.get(Closing).close_all()


def looked_up(injector: Injector, **fields: Any) -> Recommendation:
    """A recommendation stored with `fields` and kind `unknown`, after its lookup."""
    index = injector.get(RecommendationIndex)  # type: ignore[type-abstract]
    document = stored(kind="unknown", **fields)
    index.create(document)
    result = injector.get(LookupRunner).run(document["id"])
    assert result is not None
    return result


def test_an_album_is_placed_and_gets_its_links(injector: Injector, music_standins: Music) -> None:
    placed = looked_up(injector, title="Breaking Benjamin - Phobia")
    assert (placed["kind"], placed["kind_inferred_from"]) == ("album", "lookup")
    assert placed["artist"] == "Breaking Benjamin"
    assert placed["links"]["spotify"]["status"] == "found"
    assert placed["links"]["apple_music"]["status"] == "found"
    assert placed["links_status"] == "complete"
    # Spotify was asked once as an album: the lookup of the adopted kind read the first look.
    album_searches = [
        r for r in music_standins.spotify.requests_to("/search") if r.query.get("type") == "album"
    ]
    assert len(album_searches) == 1


def test_a_track_is_placed_as_a_track(injector: Injector, youtube: YouTubeStandIn) -> None:
    placed = looked_up(injector, title="Breaking Benjamin - The Diary of Jane")
    assert placed["kind"] == "track"
    assert placed["links"]["deezer"]["status"] == "found"
    # YouTube's daily quota is spent once, for the kind adopted, never on the looks.
    assert len(youtube.searches()) == 1
    assert placed["links"]["youtube"]["status"] == "found"


def test_a_film_is_placed_without_asking_music_stores(
    injector: Injector, music_standins: Music
) -> None:
    placed = looked_up(injector, title="Heat")
    assert (placed["kind"], placed["links"]["tmdb"]["status"]) == ("movie", "found")
    # No artist: no music search could reach matching's threshold, so none is made.
    assert music_standins.upstream_calls() == 0


def test_a_book_is_placed_by_its_author_and_gets_its_links_and_cover(
    injector: Injector, music_standins: Music
) -> None:
    tolkien = "J. R. R. Tolkien"
    music_standins.openlibrary.works.append(work(262758, "The Hobbit", tolkien, 1937, cover=42))
    music_standins.google_books.volumes.append(volume("hobbit1", "The Hobbit", tolkien, "2012"))
    placed = looked_up(injector, title="J. R. R. Tolkien - The Hobbit")
    assert (placed["kind"], placed["kind_inferred_from"]) == ("book", "lookup")
    assert placed["artist"] == tolkien  # the author, from `Author - Title` as for music
    assert placed["links"]["open_library"]["url"] == "https://openlibrary.org/works/OL262758W"
    assert placed["links"]["google_books"]["external_id"] == "hobbit1"
    assert placed["img"] == f"{music_standins.openlibrary.covers_url}/b/id/42-L.jpg"


def test_what_matches_nothing_stays_unknown_and_findable(injector: Injector) -> None:
    # "Breaking" is not "Breaking Benjamin": never guessed.
    unknown = looked_up(injector, title="Breaking - Phobia")
    assert unknown["kind"] == "unknown" and "kind_inferred_from" not in unknown
    assert unknown["links_status"] == "complete"
    assert unknown["links"]["spotify"]["status"] == "not_found"
    assert (
        "nothing matched it as album, track, movie, series" in unknown["links"]["spotify"]["detail"]
    )
    index = injector.get(RecommendationIndex)  # type: ignore[type-abstract]
    found = index.search(SearchQuery(q="phobia", kind="unknown"))
    assert [item["id"] for item in found.items] == [unknown["id"]]


def test_a_title_that_is_an_album_and_a_track_stays_unknown(
    injector: Injector, music_standins: Music
) -> None:
    music_standins.catalog.add("album", "Shallow Bay", "Breaking Benjamin", upc="0602498537690")
    music_standins.catalog.add(
        "track", "Shallow Bay", "Breaking Benjamin", isrc="USHR10622160", upc="0602498537690"
    )
    unknown = looked_up(injector, title="Breaking Benjamin - Shallow Bay")
    assert unknown["kind"] == "unknown"
    assert "it matches as album and track" in unknown["links"]["deezer"]["detail"]


def test_a_provider_down_leaves_it_unknown_and_partial_until_it_answers(
    injector: Injector, music_standins: Music
) -> None:
    music_standins.deezer.fail_all(Reply({"error": "down"}, status=503))
    index = injector.get(RecommendationIndex)  # type: ignore[type-abstract]
    document = stored(kind="unknown", title="Breaking Benjamin - Phobia")
    index.create(document)
    runner = injector.get(LookupRunner)
    waiting = runner.run(document["id"])
    assert waiting is not None
    # Spotify found the album, but Deezer could not say it is no track: no kind yet.
    assert waiting["kind"] == "unknown"
    assert waiting["links_status"] == "partial"
    assert waiting["links"]["deezer"]["status"] == "error"
    assert document["id"] in index.pending_ids()
    music_standins.deezer.fail_all(None)
    placed = runner.run(document["id"])
    assert placed is not None and placed["kind"] == "album"
    assert placed["links_status"] == "complete"
    assert placed["links"]["deezer"]["status"] == "found"
    # What was said of the platforms while the kind was unknown is gone with it.
    assert not any("kind unknown" in link.get("detail", "") for link in placed["links"].values())


def test_a_kind_waits_for_every_look_but_not_for_providers_only_the_lookup_asks(
    injector: Injector, music_standins: Music, tmdb: TmdbStandIn
) -> None:
    music_standins.itunes.fail_all(Reply({"error": "down"}, status=503))
    tmdb.standin.fail_all(Reply({"status_code": 11}, status=500))  # films and series unknown
    placed = looked_up(injector, title="Breaking Benjamin - Phobia")
    # TMDB could not rule out a film: the work waits, though only music matched.
    assert placed["kind"] == "unknown" and placed["links_status"] == "partial"
    tmdb.standin.fail_all(None)
    index = injector.get(RecommendationIndex)  # type: ignore[type-abstract]
    placed = injector.get(LookupRunner).run(placed["id"])
    assert placed is not None and placed["kind"] == "album"
    assert placed["links"]["apple_music"]["status"] == "error"  # asked after the kind
    assert placed["id"] in index.pending_ids()


def test_a_kind_the_reclink_names_comes_first(tmp_path: Path, music_standins: Music) -> None:
    class TrackLinks:
        def kind_of(self, reclink: str) -> Kind | None:
            return "track" if "/track/" in reclink else None

    settings = make_settings(tmp_path, **music_standins.settings)
    injector = build_injector(settings)
    injector.binder.bind(ReclinkKinds, to=InstanceProvider(TrackLinks()))  # type: ignore[type-abstract]
    try:
        placed = looked_up(
            injector,
            title="Breaking Benjamin - The Diary of Jane",
            reclink="https://open.spotify.com/track/abc",
        )
    finally:
        injector.get(Closing).close_all()
    assert (placed["kind"], placed["kind_inferred_from"]) == ("track", "reclink")
    searched = {r.query.get("type") for r in music_standins.spotify.requests_to("/search")}
    assert "album" not in searched  # nothing asked of another kind
