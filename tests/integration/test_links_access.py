"""`GET /links` spends provider quota: a key is needed, unless the operator lets anonymous
callers in at a per-client rate, and then they never spend YouTube's daily budget."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from standins.youtube import YouTubeSearch
from tests.integration.test_serve import server
from tools.ports import free_port

pytestmark = pytest.mark.integration

KEY = {"X-API-Key": "k1"}
TRACK = {"title": "Everlong", "artist": "Foo Fighters", "kind": "track"}


@pytest.fixture
def youtube() -> Iterator[YouTubeSearch]:
    search = YouTubeSearch()
    with search.standin.running():
        yield search


def settings(youtube: YouTubeSearch, **more: str) -> dict[str, str]:
    return {"YOUTUBE_API_URL": youtube.api_url, "YOUTUBE_API_KEY": "standin-key", **more}


def test_a_lookup_without_a_key_is_refused(tmp_path: Path, youtube: YouTubeSearch) -> None:
    with server(tmp_path, free_port(), **settings(youtube)) as url:
        refused = httpx.get(f"{url}/links", params=TRACK)
        assert refused.status_code == 401
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert youtube.searches() == 0
        assert httpx.get(f"{url}/links", params=TRACK, headers=KEY).status_code == 200
        assert youtube.searches() == 1
        security = httpx.get(f"{url}/openapi.json").json()["paths"]["/links"]["get"]["security"]
        assert security == [{"apiKey": []}]


def test_anonymous_callers_get_a_rate_and_never_spend_the_youtube_budget(
    tmp_path: Path, youtube: YouTubeSearch
) -> None:
    allowed = settings(youtube, LINKS_ANONYMOUS_RATE_LIMIT="3/60")
    with server(tmp_path, free_port(), **allowed) as url:
        served = httpx.get(f"{url}/openapi.json").json()["paths"]["/links"]["get"]["security"]
        assert served == [{"apiKey": []}, {}]

        anonymous = httpx.get(f"{url}/links", params=TRACK)
        assert anonymous.status_code == 200, anonymous.text
        youtube_link = anonymous.json()["links"]["youtube"]
        assert youtube_link["status"] == "skipped"
        assert "API key" in youtube_link["detail"]
        assert youtube.searches() == 0

        keyed = httpx.get(f"{url}/links", params=TRACK, headers=KEY).json()["links"]["youtube"]
        assert keyed["status"] in {"found", "not_found"}  # YouTube was asked
        assert youtube.searches() == 1
        # What a key holder's lookup put in the cache, anonymous callers see for free.
        again = httpx.get(f"{url}/links", params=TRACK).json()["links"]["youtube"]
        assert again == keyed
        assert youtube.searches() == 1

        third = httpx.get(f"{url}/links", params={**TRACK, "title": "My Hero"})
        assert third.status_code == 200
        over = httpx.get(f"{url}/links", params={**TRACK, "title": "Best of You"})
        assert over.status_code == 429
        assert over.headers["content-type"].startswith("application/problem+json")
        assert 50 <= int(over.headers["retry-after"]) <= 61
        # Key holders are not counted against it; a wrong key is refused, not anonymous.
        assert httpx.get(f"{url}/links", params=TRACK, headers=KEY).status_code == 200
        wrong = httpx.get(f"{url}/links", params=TRACK, headers={"X-API-Key": "nope"})
        assert wrong.status_code == 401
        assert youtube.searches() == 1
