"""A posted recommendation whose `reclink` is a platform link: looked up by that link's
identity, its kind, title and artist taken from the platform where the post lacks them."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from starlette.testclient import TestClient

from app import build_injector, create_app
from services.closing import Closing
from services.index import RecommendationIndex
from services.lookups.runner import LookupRunner
from services.model import Recommendation
from tests.conftest import AUTH
from tests.links.everywhere import (
    ALBUM_PLAYLIST,
    ART_TRACK,
    MUSIC_VIDEO,
    THE_ALBUM,
    THE_TRACK,
    Everywhere,
    everywhere,
)

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Everywhere]:
    with everywhere(tmp_path_factory.mktemp("reclink"), lookup_cache_ttl_seconds=0) as found:
        yield found


@pytest.fixture(scope="module")
def api(world: Everywhere) -> Iterator[TestClient]:
    with TestClient(create_app(build_injector(world.settings)), headers=AUTH) as client:
        yield client


def posted(api: TestClient, **fields: Any) -> dict[str, Any]:
    """The recommendation once its lookup has ended."""
    answer = api.post("/recommendations", json={"user": "ana", **fields})
    assert answer.status_code == 201, answer.text
    location = answer.headers["Location"]
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        document: dict[str, Any] = api.get(location).json()
        if document["links_status"] != "pending":
            return document
        time.sleep(0.02)
    raise AssertionError("still pending")


def ids(document: dict[str, Any], platforms: tuple[str, ...]) -> dict[str, str]:
    links = document["links"]
    return {p: links[p].get("external_id", links[p]["status"]) for p in platforms}


@pytest.mark.parametrize(
    ("reclink", "kind", "expected"),
    [
        ("https://open.spotify.com/intl-fr/track/sp5?si=q", "track", THE_TRACK),
        ("https://www.deezer.com/en/album/1001", "album", THE_ALBUM),
        ("https://music.apple.com/us/album/x/59005?i=9005", "track", THE_TRACK),
        (f"https://www.youtube.com/watch?v={MUSIC_VIDEO}", "track", THE_TRACK),
        (f"https://music.youtube.com/watch?v={ART_TRACK}", "track", THE_TRACK),
        (f"https://music.youtube.com/playlist?list={ALBUM_PLAYLIST}", "album", THE_ALBUM),
        ("https://tidal.com/browse/track/70000005", "track", THE_TRACK),
    ],
)
def test_a_reclink_finds_the_work_by_identity_whatever_the_post_calls_it(
    api: TestClient, reclink: str, kind: str, expected: dict[str, str]
) -> None:
    # A sloppy title, no artist: the link says what the work is.
    document = posted(api, title="that song I love", kind=kind, reclink=reclink)

    assert ids(document, tuple(expected)) == expected
    source = [p for p, link in document["links"].items() if link.get("method") == "source"]
    assert source, document["links"]
    assert document["artist"] == "Breaking Benjamin"  # from the platform: the post had none
    assert document["title"] == "that song I love"  # what the post says stays
    assert document["img"]


def test_a_reclink_of_another_kind_leaves_the_lookup_to_the_posts_words(
    api: TestClient,
) -> None:
    # A track's link under an album: the album is what is recommended.
    document = posted(
        api,
        title="Phobia",
        artist="Breaking Benjamin",
        kind="album",
        reclink="https://open.spotify.com/track/sp5",
    )

    assert ids(document, tuple(THE_ALBUM)) == THE_ALBUM
    assert "source" not in {link.get("method") for link in document["links"].values()}


def test_a_reclink_its_platform_does_not_know_is_said_and_the_words_still_find_the_rest(
    api: TestClient,
) -> None:
    document = posted(
        api,
        title="The Diary of Jane",
        artist="Breaking Benjamin",
        kind="track",
        reclink="https://music.apple.com/us/song/x/4040404",
    )

    # The words find it there too: a link found stands.
    assert ids(document, tuple(THE_TRACK)) == THE_TRACK

    nowhere = posted(
        api,
        title="Hurts",
        artist="Nobody",
        kind="track",
        reclink="https://open.spotify.com/track/sp404",
    )
    spotify = nowhere["links"]["spotify"]
    assert spotify["status"] == "not_found"
    assert spotify["detail"] == "the reclink: spotify has no track sp404"
    assert nowhere["links_status"] == "complete"


def test_a_post_that_named_no_kind_gets_the_links_kind(world: Everywhere, tmp_path: Path) -> None:
    # Issue 19's posts without a kind are stored as `unknown` until it is known.
    injector = build_injector(world.settings.model_copy(update={"data_dir": tmp_path}))
    index, runner = injector.get(RecommendationIndex), injector.get(LookupRunner)  # type: ignore[type-abstract]
    reclink = "https://www.deezer.com/track/1005"
    document = {
        "id": "no-kind",
        "title": "",
        "user": "ana",
        "kind": "unknown",
        "reclink": reclink,
        "created_at": "2026-01-01T00:00:00.000Z",
        "updated_at": "2026-01-01T00:00:00.000Z",
        "links_status": "pending",
        "links": {},
        "dedup_key": f"reclink:{reclink}",
    }
    try:
        index.create(cast(Recommendation, document))
        stored = runner.run("no-kind")
    finally:
        injector.get(Closing).close_all()

    assert stored is not None
    assert (stored["kind"], stored["title"], stored.get("artist")) == (
        "track",
        "The Diary of Jane",
        "Breaking Benjamin",
    )
    assert stored["kind_inferred_from"] == "reclink"
    assert stored["links"]["deezer"]["method"] == "source"
    assert stored["links"]["spotify"]["external_id"] == "sp5"
    assert stored["links_status"] == "complete"


def test_a_post_without_a_kind_is_placed_by_its_reclink_and_found_by_its_identity(
    api: TestClient,
) -> None:
    document = posted(api, title="this one", reclink="https://listen.tidal.com/album/70000001")

    assert (document["kind"], document["kind_inferred_from"]) == ("album", "reclink")
    assert ids(document, tuple(THE_ALBUM)) == THE_ALBUM
    assert document["links"]["tidal"]["method"] == "source"
    assert document["artist"] == "Breaking Benjamin"  # the platform's, the post had none
    assert document["title"] == "this one"  # the post's own words stay


def test_a_changed_reclink_looks_the_work_up_again(api: TestClient) -> None:
    document = posted(api, title="Phobia", kind="album", reclink="https://c.example/p/9")
    assert "source" not in {link.get("method") for link in document["links"].values()}

    changed = api.patch(
        f"/recommendations/{document['id']}", json={"reclink": "https://www.deezer.com/album/1001"}
    )

    assert changed.status_code == 200, changed.text
    deadline = time.monotonic() + 10
    while api.get(f"/recommendations/{document['id']}").json()["links_status"] == "pending":
        assert time.monotonic() < deadline
        time.sleep(0.02)
    links = api.get(f"/recommendations/{document['id']}").json()["links"]
    assert links["deezer"]["method"] == "source"
    assert links["spotify"]["external_id"] == "sp1"


def test_a_reclink_changed_to_another_work_drops_the_old_ones_proven_link(
    api: TestClient,
) -> None:
    # The old reclink's own link is proven against lookups (method `source`): were it
    # kept, the studio recording's Deezer link would stay beside the live take's others.
    document = posted(
        api, title="The Diary of Jane", kind="track", reclink="https://www.deezer.com/track/1005"
    )
    assert document["links"]["deezer"]["method"] == "source"

    changed = api.patch(
        f"/recommendations/{document['id']}", json={"reclink": "https://open.spotify.com/track/sp6"}
    )

    assert changed.status_code == 200, changed.text
    assert "deezer" not in changed.json()["links"]  # until the new lookup answers for it
    deadline = time.monotonic() + 10
    while api.get(f"/recommendations/{document['id']}").json()["links_status"] == "pending":
        assert time.monotonic() < deadline
        time.sleep(0.02)
    links = api.get(f"/recommendations/{document['id']}").json()["links"]
    assert links["spotify"]["method"] == "source" and links["spotify"]["external_id"] == "sp6"
    assert links["deezer"]["external_id"] == "1006"  # the live take's own ISRC
    assert links["deezer"]["method"] == "isrc"


def test_a_kind_the_reclink_gave_follows_the_reclink(api: TestClient) -> None:
    reclink = "https://www.deezer.com/fr/track/1005"  # a key no other test posts
    document = posted(api, title="this one", reclink=reclink)
    assert (document["kind"], document["kind_inferred_from"]) == ("track", "reclink")

    changed = api.patch(
        f"/recommendations/{document['id']}",
        json={"reclink": "https://www.deezer.com/fr/album/1001"},
    )

    assert changed.status_code == 200, changed.text
    deadline = time.monotonic() + 10
    while api.get(f"/recommendations/{document['id']}").json()["links_status"] == "pending":
        assert time.monotonic() < deadline
        time.sleep(0.02)
    placed = api.get(f"/recommendations/{document['id']}").json()
    assert (placed["kind"], placed["kind_inferred_from"]) == ("album", "reclink")
    assert ids(placed, tuple(THE_ALBUM)) == THE_ALBUM
