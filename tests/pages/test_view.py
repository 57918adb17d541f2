"""What a page to share shows, decided before any HTML: buttons, names, titles, summaries."""

from __future__ import annotations

import pytest

from services.model import Link
from services.pages.view import (
    PLATFORM_NAMES,
    SUMMARY_CHARACTERS,
    buttons,
    page_of_recommendation,
    page_of_work,
    platform_name,
    shortened,
    shown_title,
)
from services.platforms import PLATFORMS
from tests.factories import stored

pytestmark = pytest.mark.unit


def found(url: str, app_uri: str | None = None) -> Link:
    link: Link = {"status": "found", "url": url, "method": "search"}
    if app_uri:
        link["app_uri"] = app_uri
    return link


def test_buttons_come_in_one_order_whatever_the_links_order() -> None:
    links: dict[str, Link] = {
        "tmdb": found("https://www.themoviedb.org/movie/949"),
        "netflix": found("https://www.themoviedb.org/movie/949/watch?locale=DE"),
        "deezer": found("https://www.deezer.com/track/1"),
        "youtube": found("https://www.youtube.com/watch?v=v"),
        "amazon_prime_video": found("https://www.themoviedb.org/movie/949/watch?locale=DE"),
        "spotify": found("https://open.spotify.com/track/s"),
        "youtube_music": found("https://music.youtube.com/watch?v=v"),
        "apple_music": found("https://music.apple.com/us/album/a/1?i=2"),
        "tidal": found("https://tidal.com/browse/track/7"),
    }
    shown = [button.platform for button in buttons(links, "track")]
    assert shown == [
        "spotify",
        "apple_music",
        "youtube_music",
        "youtube",
        "deezer",
        "tidal",
        "amazon_prime_video",
        "netflix",
        "tmdb",
    ]
    reversed_links = dict(reversed(list(links.items())))
    assert [button.platform for button in buttons(reversed_links, "track")] == shown


def test_only_found_links_a_browser_may_open_become_buttons() -> None:
    links: dict[str, Link] = {
        "spotify": found("https://open.spotify.com/album/s", "spotify:album:s"),
        "deezer": {"status": "not_found", "checked_at": "2024-01-01T00:00:00.000Z"},
        "apple_music": {"status": "error", "url": "https://music.apple.com/x"},
        "youtube": found("javascript:alert(1)"),
        "youtube_music": found("//music.youtube.com/playlist?list=x"),
        "tidal": found("data:text/html,<script>alert(1)</script>"),
    }
    assert [(b.platform, b.url) for b in buttons(links, "album")] == [
        ("spotify", "https://open.spotify.com/album/s")
    ]


@pytest.mark.parametrize(
    ("app_uri", "offered"),
    [
        ("spotify:album:s", "spotify:album:s"),
        ("deezer://www.deezer.com/album/1", "deezer://www.deezer.com/album/1"),
        ("vnd.youtube:abc", "vnd.youtube:abc"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        ("data:text/html,x", None),
        ("vbscript:x", None),
        ("file:///etc/passwd", None),
        ("https://open.spotify.com/album/s", None),  # the button is the web page already
        ("no scheme at all", None),
    ],
)
def test_an_app_link_is_offered_only_when_it_opens_an_app(
    app_uri: str, offered: str | None
) -> None:
    links = {"spotify": found("https://open.spotify.com/album/s", app_uri)}
    assert buttons(links, "album")[0].app_uri == offered


def test_labels_say_what_the_button_does() -> None:
    links = {
        "spotify": found("https://open.spotify.com/track/s"),
        "youtube": found("https://www.youtube.com/watch?v=v"),
    }
    assert [b.label for b in buttons(links, "track")] == [
        "Listen on Spotify",
        "Watch on YouTube",
    ]
    screen = {"disney_plus": found("https://w.example/1"), "tmdb": found("https://t.example/1")}
    assert [b.label for b in buttons(screen, "movie")] == ["Watch on Disney+", "Details on TMDB"]
    books = {
        "google_books": found("https://books.google.com/books?id=g"),
        "open_library": found("https://openlibrary.org/works/OL1W"),
    }
    assert sorted(b.label for b in buttons(books, "book")) == [
        "Read on Google Books",
        "Read on Open Library",
    ]


@pytest.mark.parametrize(
    ("platform", "name"),
    [
        ("apple_music", "Apple Music"),
        ("youtube_music", "YouTube Music"),
        ("tidal", "TIDAL"),
        ("amazon_prime_video", "Amazon Prime Video"),
        ("disney_plus", "Disney+"),
        ("apple_tv_plus", "Apple TV+"),
        ("hbo_max", "HBO Max"),
        ("netflix", "Netflix"),
        ("bbc_iplayer", "BBC iPlayer"),
        ("u_next", "U-NEXT"),
        ("some_new_tv_plus", "Some New TV+"),  # off the list: by its words
    ],
)
def test_platform_names(platform: str, name: str) -> None:
    assert platform_name(platform) == name


def test_every_platform_of_the_closed_list_has_its_written_name() -> None:
    assert set(PLATFORMS) <= set(PLATFORM_NAMES)


@pytest.mark.parametrize(
    ("kind", "title", "artist", "shown"),
    [
        ("album", "Breaking Benjamin - Phobia", "Breaking Benjamin", "Phobia"),
        ("track", "sigur ros \u2013 Hoppípolla", "Sigur Rós", "Hoppípolla"),
        ("album", "Phobia", "Breaking Benjamin", "Phobia"),
        # Another name before the dash is part of the title.
        ("track", "Simon - Garfunkel", "Breaking Benjamin", "Simon - Garfunkel"),
        ("movie", "Heat - 1995", "Heat", "Heat - 1995"),
        ("album", "Breaking Benjamin - Phobia", None, "Breaking Benjamin - Phobia"),
        ("book", "J. R. R. Tolkien - The Hobbit", "J. R. R. Tolkien", "The Hobbit"),
    ],
)
def test_the_title_does_not_repeat_the_artist(
    kind: str, title: str, artist: str | None, shown: str
) -> None:
    assert shown_title(kind, title, artist) == shown


def test_a_recommendation_s_page() -> None:
    document = stored(
        title="Breaking Benjamin - Phobia",
        artist="Breaking Benjamin",
        user="ana",
        description="  The best of 2006  ",
        img="https://i.example/phobia.jpg",
        reclink="https://community.example/posts/1",
        created_at="2024-05-03T10:00:00.000Z",
        links_status="complete",
        links={"spotify": found("https://open.spotify.com/album/s")},
    )
    page = page_of_recommendation(document)
    assert (page.title, page.artist, page.kind_name) == ("Phobia", "Breaking Benjamin", "Album")
    assert page.heading == "Phobia by Breaking Benjamin"
    assert (page.recommended_by, page.why) == ("ana", "The best of 2006")
    assert page.recommended_on is not None and page.recommended_on.day == 3
    assert page.source_post == "https://community.example/posts/1"
    assert page.cover_alt == "Cover of Phobia by Breaking Benjamin"
    assert page.summary == "ana: The best of 2006"
    assert not page.still_looking


def test_a_recommendation_of_a_kind_not_known_yet_is_a_recommendation() -> None:
    page = page_of_recommendation(stored(title="Phobia", kind="unknown", links={}))
    assert (page.kind_name, page.title, page.watched) == ("Recommendation", "Phobia", False)


def test_a_reclink_that_is_a_button_already_is_not_shown_twice() -> None:
    url = "https://open.spotify.com/album/s"
    document = stored(reclink=url, links={"spotify": found(url)})
    assert page_of_recommendation(document).source_post is None


def test_without_a_description_the_summary_says_where_it_is() -> None:
    links = {
        "spotify": found("https://open.spotify.com/track/s"),
        "deezer": found("https://www.deezer.com/track/1"),
        "apple_music": found("https://music.apple.com/us/album/a/1?i=2"),
    }
    page = page_of_work("track", "Bohemian Rhapsody", "Queen", None, links)
    assert page.summary == "Bohemian Rhapsody by Queen, on Spotify, Apple Music and Deezer."
    assert page.recommended_by is None and page.why is None
    assert page_of_work("track", "Untitled", None, None, {}).summary == "Untitled"


def test_a_long_description_is_cut_at_a_word_for_the_card() -> None:
    long = "word " * 100
    cut = shortened(long, SUMMARY_CHARACTERS)
    assert len(cut) <= SUMMARY_CHARACTERS and cut.endswith("word…")
    assert shortened("line one\n\nline   two", 50) == "line one line two"
    assert shortened("x" * 300, 10) == "x" * 9 + "…"


def test_a_page_without_a_safe_cover_has_none() -> None:
    assert page_of_work("album", "A", "B", "javascript:alert(1)", {}).cover is None
    assert page_of_work("album", "A", "B", "http://i.example/c.png", {}).cover
    document = stored(kind="movie", title="Heat", img="https://image.tmdb.org/t/p/w500/h.jpg")
    assert page_of_recommendation(document).cover_alt == "Poster of Heat"
