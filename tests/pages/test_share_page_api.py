"""`GET /r/{id}` through the app: the page of a stored recommendation, as a browser or a
chat app's link preview receives it."""

from __future__ import annotations

import base64
import hashlib
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from api.caching import etag_of
from app import build_injector, create_app
from services.index import RecommendationIndex
from services.model import Recommendation
from tests.conftest import AUTH, CLOSED, make_settings
from tests.factories import stored
from tests.pages.html import HTML, Parsed

pytestmark = pytest.mark.unit

SPOTIFY = "https://open.spotify.com/album/4Vvs4nOLK1AzUNRQLyt1Ub"
DEEZER = "https://www.deezer.com/album/302127"
SPOTIFY_APP = "spotify:album:4Vvs4nOLK1AzUNRQLyt1Ub"
DEEZER_APP = "deezer://www.deezer.com/album/302127"
USERS = itertools.count(1)
PUBLIC_URL = "https://links.example/app/"  # where people reach recindex (a proxy's path)


@dataclass
class Site:
    client: TestClient
    index: RecommendationIndex

    def store(self, **fields: object) -> Recommendation:
        """A looked-up document, written to the index as it is (no lookup changes it)."""
        fields.setdefault("links_status", "complete")
        document = stored(**fields)
        self.index.create(document)
        return document


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """One app for the module: each test stores works of its own."""
    settings = make_settings(tmp_path_factory.mktemp("pages"), public_url=PUBLIC_URL)
    injector = build_injector(settings)
    with TestClient(create_app(injector)) as client:
        yield Site(client, injector.get(RecommendationIndex))  # type: ignore[type-abstract]


def phobia(site: Site, **fields: object) -> Recommendation:
    """The same work, recommended by someone new each time (the app is the module's)."""
    values: dict[str, object] = {
        "title": "Breaking Benjamin - Phobia",
        "artist": "Breaking Benjamin",
        "user": f"ana{next(USERS)}",
        "description": "The best of 2006.",
        "img": "https://i.scdn.co/image/phobia",
        "links": {
            "deezer": {"status": "found", "url": DEEZER, "app_uri": DEEZER_APP},
            "spotify": {"status": "found", "url": SPOTIFY, "app_uri": SPOTIFY_APP},
            "apple_music": {"status": "not_found"},
        },
        **fields,
    }
    return site.store(**values)


def test_the_page_of_a_stored_recommendation(site: Site) -> None:
    document = phobia(site)
    answer = site.client.get(f"/r/{document['id']}")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == HTML
    page = Parsed(answer.text)
    assert page.all("html", lang="en")
    assert page.all("meta", name="viewport")
    assert [h["id"] for h in page.all("h2")] == ["where", "who"]
    assert "Phobia" in page.text and "Breaking Benjamin" in page.text
    assert "The best of 2006." in page.text
    listen = page.all("a", **{"class": "listen"})
    assert [a["href"] for a in listen] == [SPOTIFY, DEEZER]
    apps = [a["href"] for a in page.all("a", **{"class": "app"})]
    assert apps == [SPOTIFY_APP, DEEZER_APP]
    assert "Listen on Spotify" in page.text and "Listen on Deezer" in page.text
    assert page.all("img", src="https://i.scdn.co/image/phobia")[0]["alt"]
    assert not page.all("script")


def test_it_unfolds_into_a_card(site: Site) -> None:
    document = phobia(site)
    answer = site.client.get(f"/r/{document['id']}?utm_source=chat")
    page = Parsed(answer.text)
    own = f"https://links.example/app/r/{document['id']}"
    assert page.meta("og:url") == own  # under PUBLIC_URL, without the query it was opened with
    assert page.all("link", rel="canonical")[0]["href"] == own
    assert page.meta("og:title") == "Phobia by Breaking Benjamin"
    assert page.meta("og:description") == f"{document['user']}: The best of 2006."
    assert page.meta("og:image") == page.meta("twitter:image") == "https://i.scdn.co/image/phobia"
    assert page.meta("og:type") == "music.album"
    assert page.meta("twitter:card") == "summary_large_image"


def test_what_chat_apps_add_to_a_link_changes_nothing(site: Site) -> None:
    document = phobia(site)
    path = f"/r/{document['id']}"
    plain = site.client.get(path)
    for query in ("?fbclid=IwAR0x", "?utm_source=chat&utm_medium=social&si=a&si=b", "?added=1"):
        decorated = site.client.get(path + query)
        assert decorated.status_code == 200, query
        assert decorated.content == plain.content
        assert decorated.headers["etag"] == plain.headers["etag"]
    # The API itself stays strict: an unknown parameter is a 400 there.
    strict = site.client.get(f"/recommendations/{document['id']}?fbclid=IwAR0x")
    assert strict.status_code == 400 and "fbclid" in strict.json()["detail"]


def test_without_a_cover_the_card_is_a_summary(site: Site) -> None:
    document = site.store(title="Heat", kind="movie", links={})
    page = Parsed(site.client.get(f"/r/{document['id']}").text)
    assert page.meta("twitter:card") == "summary"
    assert page.meta("og:image") is None
    assert not page.all("img")
    assert page.meta("og:type") == "video.movie"
    assert "It was not found on any platform." in page.text


def test_a_recommendation_still_looked_up_says_so(site: Site) -> None:
    document = site.store(links_status="pending", links={})
    page = Parsed(site.client.get(f"/r/{document['id']}").text)
    assert any(text.startswith("Still looking for it") for text in page.text)


def test_no_page_exists_for_a_recommendation_that_is_not_stored(site: Site) -> None:
    answer = site.client.get("/r/NotStoredAnywhere0000")
    assert answer.status_code == 404
    assert answer.headers["content-type"] == HTML
    assert "etag" not in answer.headers
    page = Parsed(answer.text)
    assert "Nothing to share here" in page.text
    assert page.meta("robots") == "noindex"
    assert page.meta("og:title") is None  # nothing to unfold into a card


def test_a_deleted_recommendation_has_no_page_any_more(site: Site) -> None:
    document = phobia(site)
    assert site.client.get(f"/r/{document['id']}").status_code == 200
    assert site.client.delete(f"/recommendations/{document['id']}", headers=AUTH).status_code == 204
    assert site.client.get(f"/r/{document['id']}").status_code == 404


def test_an_id_of_the_wrong_form_is_a_problem(site: Site) -> None:
    answer = site.client.get("/r/not:an:id")
    assert answer.status_code == 400
    assert answer.headers["content-type"] == "application/problem+json"
    assert "id" in answer.json()["detail"]


HOSTILE = '"><script>alert(1)</script><img src=x onerror=alert(2)>'


def test_hostile_text_is_shown_as_text_never_as_markup(site: Site) -> None:
    document = site.store(
        title=f"{HOSTILE} - </title></style>{HOSTILE}",
        artist="<i>band</i>",
        user="<b>ana</b>",
        description=f"{HOSTILE}\n--></style><style>body{{display:none}}</style>",
        attribution=HOSTILE,
        links={},
    )
    answer = site.client.get(f"/r/{document['id']}")
    assert answer.status_code == 200
    assert "<script>" not in answer.text and "<b>" not in answer.text
    page = Parsed(answer.text)
    assert not page.all("script") and not page.all("b") and not page.all("i")
    assert len(page.all("style")) == 1 and len(page.all("img")) == 0
    assert not [attrs for _, attrs in page.elements if any(n.startswith("on") for n in attrs)]
    # Every hostile string arrives whole, as text and in the card's attributes.
    assert f"{HOSTILE} - </title></style>{HOSTILE}" in page.text  # the h1
    assert "<i>band</i>" in page.text and "<b>ana</b>" in page.text
    assert HOSTILE in page.text  # the attribution
    assert page.meta("og:title") == f"{HOSTILE} - </title></style>{HOSTILE} by <i>band</i>"
    said = f"{HOSTILE} --></style><style>body{{display:none}}</style>"
    assert page.meta("og:description") == f"<b>ana</b>: {said}"


def test_links_a_browser_must_not_follow_are_not_links(site: Site) -> None:
    # Written to the index directly: the spec refuses these, an old document may hold them.
    document = site.store(
        img="javascript:alert(1)",
        reclink="javascript:alert(2)",
        links={
            "spotify": {"status": "found", "url": "javascript:alert(3)"},
            "deezer": {"status": "found", "url": DEEZER, "app_uri": "javascript:alert(4)"},
        },
    )
    answer = site.client.get(f"/r/{document['id']}")
    assert "javascript:" not in answer.text
    page = Parsed(answer.text)
    assert [a["href"] for a in page.all("a")] == [DEEZER]
    assert not page.all("img")


def test_the_policy_lets_the_page_s_style_sheet_in_and_nothing_that_runs(site: Site) -> None:
    document = phobia(site)
    answer = site.client.get(f"/r/{document['id']}")
    policy = dict(
        part.strip().split(" ", 1) for part in answer.headers["content-security-policy"].split(";")
    )
    assert policy["default-src"] == "'none'"
    assert "script-src" not in policy  # default-src 'none': no script at all
    assert policy["frame-ancestors"] == "'none'" and policy["form-action"] == "'none'"
    style = Parsed(answer.text).style
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert policy["style-src"] == f"'sha256-{digest}'"
    assert answer.headers["x-content-type-options"] == "nosniff"


def test_the_page_has_an_etag_and_answers_304(site: Site) -> None:
    document = phobia(site)
    path = f"/r/{document['id']}"
    first = site.client.get(path)
    etag = first.headers["etag"]
    assert etag == etag_of(first.content) and first.headers["cache-control"] == "no-cache"
    for if_none_match in (etag, f"W/{etag}", "*", f'"stale", {etag}'):
        again = site.client.get(path, headers={"If-None-Match": if_none_match})
        assert again.status_code == 304, if_none_match
        assert again.content == b"" and again.headers["etag"] == etag
        assert "content-type" not in again.headers
    assert site.client.get(path, headers={"If-None-Match": '"other"'}).status_code == 200


def test_a_change_gives_a_new_page_and_a_new_etag(site: Site) -> None:
    document = phobia(site)
    path = f"/r/{document['id']}"
    before = site.client.get(path).headers["etag"]
    changed = site.client.patch(
        f"/recommendations/{document['id']}", json={"description": "Still the best."}, headers=AUTH
    )
    assert changed.status_code == 200
    after = site.client.get(path, headers={"If-None-Match": before})
    assert after.status_code == 200 and after.headers["etag"] != before
    assert "Still the best." in Parsed(after.text).text


def test_the_page_is_read_without_a_key(site: Site) -> None:
    document = phobia(site)
    answer = site.client.get(f"/r/{document['id']}", headers={"X-API-Key": "wrong"})
    assert answer.status_code == 200


def test_an_index_that_does_not_answer_is_a_page_that_says_to_come_back(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, elasticsearch_url=CLOSED)
    with TestClient(create_app(build_injector(settings))) as client:
        answer = client.get("/r/GYmrm1RyU_cm7edqso7C4Q")
    assert answer.status_code == 503
    assert answer.headers["content-type"] == HTML
    assert int(answer.headers["retry-after"]) > 0
    page = Parsed(answer.text)
    assert "Index unavailable" in page.text and page.meta("og:title") is None
