"""`GET /s/{platform}/{kind}/{id}` through the app: the page of a work looked up by its
link, where `GET /links?url=`'s `page_url` and Odesli's `pageUrl` point, on the
stand-ins of every platform (the work among its decoys)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from app import build_injector, create_app
from tests.conftest import AUTH
from tests.links.everywhere import ART_TRACK, MUSIC_VIDEO, THE_TRACK, Everywhere, everywhere
from tests.pages.html import HTML, Parsed

pytestmark = pytest.mark.unit

SETTINGS = {"public_url": "https://links.example/", "lookup_cache_ttl_seconds": 0}
TRACK_PAGE = "/s/spotify/track/sp5"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Everywhere]:
    with everywhere(tmp_path_factory.mktemp("work-pages"), **SETTINGS) as found:
        yield found


@pytest.fixture(scope="module")
def api(world: Everywhere) -> Iterator[TestClient]:
    with TestClient(create_app(build_injector(world.settings))) as client:
        yield client


def buttons(page: Parsed) -> dict[str, str]:
    """Each button's words and where it leads."""
    found = page.all("a")
    return {
        text: attributes["href"]
        for text, attributes in zip(page.link_texts, found, strict=True)
        if attributes.get("class") == "listen"
    }


def test_the_page_shows_what_get_links_finds_by_the_link(api: TestClient) -> None:
    link = {"url": "https://open.spotify.com/track/sp5"}
    looked_up = api.get("/links", params=link, headers=AUTH)
    answer = api.get(TRACK_PAGE, headers=AUTH)

    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == HTML
    page = Parsed(answer.text)
    body = looked_up.json()
    # The page is where GET /links?url= says it is, and says it of itself.
    assert page.meta("og:url") == body["page_url"] == f"https://links.example{TRACK_PAGE}"
    assert page.all("link", rel="canonical")[0]["href"] == body["page_url"]
    assert page.all("h1") and "The Diary of Jane" in page.text
    assert "Breaking Benjamin" in page.text
    assert page.meta("og:title") == "The Diary of Jane by Breaking Benjamin"
    assert page.meta("og:type") == "music.song"
    found = {p: link["url"] for p, link in body["links"].items() if link["status"] == "found"}
    assert buttons(page) == {
        "Listen on Spotify": found["spotify"],
        "Listen on Apple Music": found["apple_music"],
        "Listen on YouTube Music": f"https://music.youtube.com/watch?v={ART_TRACK}",
        "Watch on YouTube": f"https://www.youtube.com/watch?v={MUSIC_VIDEO}",
        "Listen on Deezer": found["deezer"],
        "Listen on TIDAL": found["tidal"],
    }
    assert body["links"]["spotify"]["method"] == "source"
    apps = {a["href"] for a in page.all("a", **{"class": "app"})}
    assert {"spotify:track:sp5", f"tidal://track/{THE_TRACK['tidal']}"} <= apps
    assert page.meta("og:image") == body["work"]["cover_img"]
    assert not page.all("script")
    assert not page.all("h2", id="who")  # nobody recommended it: a lookup


def test_a_film_s_page_says_where_to_watch_it(api: TestClient) -> None:
    answer = api.get("/s/tmdb/movie/949", headers=AUTH)

    assert answer.status_code == 200, answer.text
    page = Parsed(answer.text)
    assert page.meta("og:type") == "video.movie"
    assert page.all("img", alt="Poster of Heat")
    shown = buttons(page)
    assert list(shown) == ["Watch on Netflix", "Details on TMDB"]  # TMDB's own page last
    assert shown["Details on TMDB"] == "https://www.themoviedb.org/movie/949"
    assert any("JustWatch" in text for text in page.text)  # the attribution TMDB asks for


def test_the_page_has_an_etag_and_ignores_what_chat_apps_add(api: TestClient) -> None:
    first = api.get(TRACK_PAGE, headers=AUTH)
    again = api.get(TRACK_PAGE + "?si=abc&utm_source=chat", headers=AUTH)
    assert again.content == first.content and again.headers["etag"] == first.headers["etag"]
    cached = api.get(TRACK_PAGE, headers={**AUTH, "If-None-Match": first.headers["etag"]})
    assert cached.status_code == 304 and not cached.content


@pytest.mark.parametrize(
    ("path", "status", "says"),
    [
        ("/s/spotify/track/sp404", 404, "Not on the platform"),
        ("/s/deezer/album/4040404", 404, "Not on the platform"),
        ("/s/tmdb/track/949", 400, "not a movie or a series"),
        ("/s/spotify/movie/sp5", 400, "not a song or an album"),
        ("/s/deezer/track/abc", 400, "a deezer id is a number"),
    ],
)
def test_what_the_lookup_meets_is_a_page_too(
    api: TestClient, path: str, status: int, says: str
) -> None:
    answer = api.get(path, headers=AUTH)

    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == HTML
    page = Parsed(answer.text)
    assert any(says in text for text in page.text), page.text
    assert page.meta("robots") == "noindex" and page.meta("og:title") is None


def test_what_the_spec_refuses_stays_a_problem(api: TestClient) -> None:
    for path in ("/s/napster/track/1", "/s/spotify/playlist/sp5", "/s/spotify/track/sp%205"):
        answer = api.get(path, headers=AUTH)
        assert answer.status_code == 400, path
        assert answer.headers["content-type"] == "application/problem+json"


def test_without_a_key_the_page_is_closed_as_get_links_is(api: TestClient) -> None:
    closed = api.get(TRACK_PAGE)
    assert closed.status_code == 401
    assert closed.headers["content-type"] == HTML
    assert "Not open to visitors" in Parsed(closed.text).text
    wrong = api.get(TRACK_PAGE, headers={"X-API-Key": "wrong"})
    assert wrong.status_code == 401
    assert wrong.headers["content-type"] == "application/problem+json"


def test_callers_without_a_key_follow_the_rules_of_get_links(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    open_to_all = {**SETTINGS, "links_anonymous_rate_limit": "1/60"}
    with (
        everywhere(tmp_path_factory.mktemp("open"), **open_to_all) as world,
        TestClient(create_app(build_injector(world.settings))) as client,
    ):
        first = client.get(TRACK_PAGE)
        second = client.get(TRACK_PAGE)

    assert first.status_code == 200, first.text
    shown = buttons(Parsed(first.text))
    assert "Listen on Deezer" in shown
    # Never YouTube's daily search budget: no search was sent for a visitor.
    assert "Listen on YouTube Music" not in shown and "Watch on YouTube" not in shown
    assert second.status_code == 429 and int(second.headers["retry-after"]) > 0
    assert second.headers["content-type"] == HTML
    assert "Too many requests" in Parsed(second.text).text
