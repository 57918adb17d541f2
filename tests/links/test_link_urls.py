"""Reading the links and URIs people paste: every form of every platform, and what is refused."""

from __future__ import annotations

import time

import pytest

from services.errors import UnreadableLink
from services.links.sources.urls import (
    READABLE_PLATFORMS,
    PlatformLink,
    kind_of_link,
    link_of,
    read_link,
)

pytestmark = pytest.mark.unit

SPOTIFY_ID = "4u7EnebtmKWzUH433cf5Qv"
PLAYLIST = "OLAK5uy_l86DibiDA776PehlCTznw5FHUXPxb9hyw"

READ = [
    # Spotify: web player links, regional segments, share parameters, embeds and URIs
    (f"https://open.spotify.com/track/{SPOTIFY_ID}", ("spotify", "track", SPOTIFY_ID)),
    (
        f"https://open.spotify.com/intl-de/track/{SPOTIFY_ID}?si=3fa9c",
        ("spotify", "track", SPOTIFY_ID),
    ),
    (f"https://open.spotify.com/embed/album/{SPOTIFY_ID}", ("spotify", "album", SPOTIFY_ID)),
    (f"http://play.spotify.com/album/{SPOTIFY_ID}", ("spotify", "album", SPOTIFY_ID)),
    (f"spotify:track:{SPOTIFY_ID}", ("spotify", "track", SPOTIFY_ID)),
    (f"  Spotify:album:{SPOTIFY_ID}\n", ("spotify", "album", SPOTIFY_ID)),
    # Deezer, with and without a language
    ("https://www.deezer.com/fr/track/3135556", ("deezer", "track", "3135556")),
    ("https://deezer.com/album/302127?utm_source=deezer", ("deezer", "album", "302127")),
    ("https://www.deezer.com/pt-br/album/302127", ("deezer", "album", "302127")),
    # Apple Music and iTunes: a song on its album, a song page, an album
    (
        "https://music.apple.com/us/album/kitchen/1443108737?i=1443109064",
        ("apple_music", "track", "1443109064"),
    ),
    ("https://music.apple.com/gb/song/kitchen/1443109064", ("apple_music", "track", "1443109064")),
    ("https://music.apple.com/us/album/1443108737", ("apple_music", "album", "1443108737")),
    (
        "https://geo.music.apple.com/us/album/_/1581786154?mt=1&app=music",
        ("apple_music", "album", "1581786154"),
    ),
    (
        "https://itunes.apple.com/us/album/kitchen/id1443108737?i=1443109064&uo=4",
        ("apple_music", "track", "1443109064"),
    ),
    # YouTube: watch, short links, the mobile site, shorts, embeds, release playlists
    ("https://www.youtube.com/watch?v=w3LJ2bDvDJs", ("youtube", "track", "w3LJ2bDvDJs")),
    ("https://youtu.be/w3LJ2bDvDJs?t=42", ("youtube", "track", "w3LJ2bDvDJs")),
    (
        "https://m.youtube.com/watch?v=w3LJ2bDvDJs&feature=share",
        ("youtube", "track", "w3LJ2bDvDJs"),
    ),
    ("https://www.youtube.com/shorts/w3LJ2bDvDJs", ("youtube", "track", "w3LJ2bDvDJs")),
    ("https://www.youtube.com/embed/w3LJ2bDvDJs", ("youtube", "track", "w3LJ2bDvDJs")),
    (
        f"https://www.youtube.com/watch?v=w3LJ2bDvDJs&list={PLAYLIST}",
        ("youtube", "track", "w3LJ2bDvDJs"),
    ),
    (f"https://www.youtube.com/playlist?list={PLAYLIST}", ("youtube", "album", PLAYLIST)),
    # YouTube Music: songs and album playlists
    (
        "https://music.youtube.com/watch?v=w3LJ2bDvDJs&si=x",
        ("youtube_music", "track", "w3LJ2bDvDJs"),
    ),
    (f"https://music.youtube.com/playlist?list={PLAYLIST}", ("youtube_music", "album", PLAYLIST)),
    # TMDB: films and series, with their slugs
    ("https://www.themoviedb.org/movie/603-the-matrix", ("tmdb", "movie", "603")),
    (
        "https://www.themoviedb.org/tv/1399-game-of-thrones/season/1?language=de",
        ("tmdb", "series", "1399"),
    ),
    ("https://themoviedb.org/movie/949", ("tmdb", "movie", "949")),
    # TIDAL
    ("https://tidal.com/browse/track/67784545", ("tidal", "track", "67784545")),
    ("https://tidal.com/track/67784545/u", ("tidal", "track", "67784545")),
    ("https://listen.tidal.com/album/194567097", ("tidal", "album", "194567097")),
    ("https://listen.tidal.com/album/194567097/track/194567098", ("tidal", "track", "194567098")),
]


@pytest.mark.parametrize(("url", "expected"), READ, ids=[url for url, _ in READ])
def test_each_form_people_paste_names_its_platform_kind_and_id(
    url: str, expected: tuple[str, str, str]
) -> None:
    assert read_link(url) == PlatformLink(*expected)
    assert kind_of_link(url) == expected[1]


REFUSED = [
    ("https://deezer.page.link/abc123", "short link"),
    ("https://link.deezer.com/s/30ABC", "short link"),
    ("https://spotify.link/xyz", "short link"),
    ("https://open.spotify.com/playlist/37i9dQZF1DXcBWIGoYBM5M", "not a track or an album"),
    ("https://open.spotify.com/artist/3jOstUTkEu2JkjvRdBA5Gu", "not a track or an album"),
    ("https://open.spotify.com/track/", "names a kind and an id"),
    ("https://open.spotify.com/track/abc$def", "is not a Spotify id"),
    ("https://www.deezer.com/en/track/12ab", "a Deezer id is a number"),
    ("https://www.deezer.com/en/playlist/908622995", "not a track or an album"),
    ("https://music.apple.com/us/artist/kid-cudi/278464538", "names an album or a song"),
    (
        "https://www.youtube.com/playlist?list=PLFgquLnL59alCl_2TQvOiD5Vgm1hCaGSI",
        "release playlist",
    ),
    ("https://www.youtube.com/channel/UC-9-kyTW8ZkZNDHQJ6FgpwQ", "names a video"),
    ("https://music.youtube.com/browse/MPREb_9nqEki4ZDpp", "MPREb_"),
    ("https://www.themoviedb.org/person/287-brad-pitt", "movie or a series"),
    ("https://tidal.com/browse/playlist/1b9e1d3f", "not a track or an album"),
    ("https://soundcloud.com/artist/song", "not a platform recindex reads"),
    ("ftp://open.spotify.com/track/x", "not an http(s) link"),
    ("https://[::1/track", "not a URL"),
    ("just some words", "not an http(s) link"),
    ("https://open.spotify.com/track/" + "a" * 3000, "at most 2048"),
]


@pytest.mark.parametrize(("url", "reason"), REFUSED, ids=[url[:60] for url, _ in REFUSED])
def test_what_cannot_be_read_says_why_and_which_platforms_are_read(url: str, reason: str) -> None:
    with pytest.raises(UnreadableLink) as refused:
        read_link(url)
    assert reason in refused.value.reason
    assert refused.value.readable == READABLE_PLATFORMS
    assert kind_of_link(url) is None


def test_a_work_named_by_platform_kind_and_id_is_checked_like_a_link() -> None:
    assert link_of("youtube_music", "album", PLAYLIST) == PlatformLink(
        "youtube_music", "album", PLAYLIST
    )
    assert link_of("deezer", "track", "3135556") == PlatformLink("deezer", "track", "3135556")
    assert link_of("tmdb", "series", "1399") == PlatformLink("tmdb", "series", "1399")
    for platform, kind, ident in [
        ("deezer", "track", "abc"),
        ("tmdb", "track", "949"),
        ("tmdb", "movie", "949-heat"),
        ("youtube", "album", "PL123"),
        ("spotify", "movie", SPOTIFY_ID),
        ("napster", "track", "1"),
    ]:
        with pytest.raises(UnreadableLink):
            link_of(platform, kind, ident)


def test_a_hostile_link_is_refused_at_once() -> None:
    # Nothing backtracks: the reader takes URLs apart with urllib and str methods only.
    hostile = ["https://open.spotify.com/" + "intl-x/" * 290, "spotify:" + ":" * 2030]
    hostile += ["https://www.youtube.com/watch?" + "v=&" * 680]
    for text in hostile:
        started = time.perf_counter()
        with pytest.raises(UnreadableLink):
            read_link(text)
        assert time.perf_counter() - started < 0.01
