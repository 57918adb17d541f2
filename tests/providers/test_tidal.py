"""The TIDAL client against its stand-in: the app's token (fetched once, renewed before it
expires and when refused), JSON:API documents flattened, and every failure a fault."""

from __future__ import annotations

import time
from base64 import b64decode
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from services.providers.app_token import RENEW_BEFORE_SECONDS
from services.providers.guard import Broken, Guard, Throttled, Transient
from services.providers.tidal import TidalApi, TidalItem, duration_ms
from standins.catalog import standard_catalog
from standins.server import Reply, StandIn
from standins.tidal import CLIENT_ID, CLIENT_SECRET, Tidal

pytestmark = pytest.mark.unit

JANE_ID, PHOBIA_ID = "70000005", "70000001"


@pytest.fixture
def tidal() -> Iterator[Tidal]:
    standin = Tidal(standard_catalog())
    with standin.standin.running():
        yield standin


def client(tidal: Tidal, secret: str = CLIENT_SECRET, client_id: str = CLIENT_ID) -> TidalApi:
    guard = Guard("tidal", 1000, 1, max_wait=5, sleep=lambda _: None)
    return TidalApi(tidal.url, guard, 3, tidal.url, client_id, secret)


@pytest.fixture
def api(tidal: Tidal) -> Iterator[TidalApi]:
    built = client(tidal)
    yield built
    built.close()


def token_requests(tidal: Tidal) -> list[dict[str, str]]:
    return [request.form() for request in tidal.standin.requests_to("/oauth2/token")]


def test_the_catalogue_is_asked_with_the_apps_token_fetched_once(
    api: TidalApi, tidal: Tidal
) -> None:
    api.search("track", "Breaking Benjamin The Diary of Jane", "US")
    api.by_isrc("USHR10622153", "GB")
    api.read("album", PHOBIA_ID, "US")
    assert token_requests(tidal) == [{"grant_type": "client_credentials"}]
    (grant,) = tidal.standin.requests_to("/oauth2/token")
    scheme, _, credentials = grant.headers["authorization"].partition(" ")
    assert (scheme, b64decode(credentials).decode()) == ("Basic", f"{CLIENT_ID}:{CLIENT_SECRET}")
    (token,) = tidal.tokens
    catalogue = [r for r in tidal.standin.requests if r.path != "/oauth2/token"]
    assert len(catalogue) == 3
    assert {r.headers["authorization"] for r in catalogue} == {f"Bearer {token}"}
    assert {r.headers["accept"] for r in catalogue} == {"application/vnd.api+json"}
    assert [r.query["countryCode"] for r in catalogue] == ["US", "GB", "US"]


def test_a_token_about_to_expire_is_renewed_before_the_call(api: TidalApi, tidal: Tidal) -> None:
    tidal.expires_in = 30  # already within the margin when it comes
    assert tidal.expires_in < RENEW_BEFORE_SECONDS
    api.read("track", JANE_ID, "US")
    api.read("track", JANE_ID, "US")
    assert len(token_requests(tidal)) == 2
    assert len(tidal.tokens) == 2
    tidal.expires_in = 3600
    api.read("track", JANE_ID, "US")  # the new one lasts
    api.read("track", JANE_ID, "US")
    assert len(token_requests(tidal)) == 3


def test_a_token_refused_before_its_time_is_renewed_once(api: TidalApi, tidal: Tidal) -> None:
    assert api.read("track", JANE_ID, "US") is not None
    tidal.expire_tokens()
    item = api.read("track", JANE_ID, "US")
    assert item is not None and item.isrc == "USHR10622153"
    assert len(token_requests(tidal)) == 2
    track = f"/tracks/{JANE_ID}"
    # Refused (401), then the same request again with the new token.
    paths = [r.path for r in tidal.standin.requests]
    assert paths == ["/oauth2/token", track, track, "/oauth2/token", track]


def test_a_track_read_by_id_is_flattened_with_what_it_includes(api: TidalApi) -> None:
    assert api.read("track", JANE_ID, "US") == TidalItem(
        kind="track",
        id=JANE_ID,
        title="The Diary of Jane",
        artists=("Breaking Benjamin",),
        duration_ms=200_000,
        isrc="USHR10622153",
        album="Phobia",
        album_type="ALBUM",
        release_date="2006-01-01",
        track_count=12,
        cover="https://resources.tidal.com/images/80000005/1280x1280.jpg",
    )


def test_an_album_read_by_id_has_its_barcode_and_largest_cover(api: TidalApi) -> None:
    album = api.read("album", PHOBIA_ID, "US")
    assert album is not None
    assert (album.title, album.artists, album.barcode) == (
        "Phobia",
        ("Breaking Benjamin",),
        "0602498537683",
    )
    assert album.cover == f"https://resources.tidal.com/images/{PHOBIA_ID}/1280x1280.jpg"


def test_an_unknown_id_is_none(api: TidalApi) -> None:
    assert api.read("track", "70009999", "US") is None
    assert api.read("album", JANE_ID, "US") is None  # a track's id is no album's


def test_a_search_lists_tracks_in_tidals_order_decoys_included(api: TidalApi) -> None:
    found = api.search("track", "Breaking Benjamin The Diary of Jane", "US")
    assert [item.title for item in found] == [
        "The Diary of Jane",
        "The Diary of Jane - Live",
        "The Diary of Jane (In the Style of Breaking Benjamin)",
    ]
    assert api.search("track", "nothing like it", "US") == []


def test_identifiers_find_their_tracks_and_albums(api: TidalApi) -> None:
    (track,) = api.by_isrc("USHR10622153", "US")
    assert track.id == JANE_ID
    (album,) = api.by_barcode("0602498537683", "US")
    assert album.id == PHOBIA_ID
    assert api.by_barcode("0000000000000", "US") == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("PT3M21S", 201_000),
        ("PT2M58.5S", 178_500),
        ("PT1H2M3S", 3_723_000),
        ("PT41M5S", 2_465_000),
        ("P0D", 0),
        ("3:21", None),
        ("", None),
        (None, None),
    ],
)
def test_iso_8601_durations(value: object, expected: int | None) -> None:
    assert duration_ms(value) == expected


def test_wrong_credentials_are_refused_without_asking_the_catalogue(tidal: Tidal) -> None:
    api = client(tidal, secret="wrong")
    with pytest.raises(Broken, match="invalid_client"):
        api.read("track", JANE_ID, "US")
    assert tidal.standin.requests_to("/tracks") == []


def test_without_credentials_nothing_is_sent(tidal: Tidal) -> None:
    api = client(tidal, secret="", client_id="")
    assert not api.has_credentials
    with pytest.raises(Broken, match="TIDAL_CLIENT_ID/SECRET are not set"):
        api.search("album", "Phobia", "US")
    assert tidal.standin.requests == []


def test_a_throttled_token_endpoint_is_throttling_with_its_retry_after(
    api: TidalApi, tidal: Tidal
) -> None:
    tidal.standin.fail_next(Reply({"error": "slow_down"}, 429, {"Retry-After": "3600"}))
    with pytest.raises(Throttled) as raised:
        api.read("track", JANE_ID, "US")
    assert raised.value.retry_after == pytest.approx(3600)
    assert tidal.standin.requests_to("/tracks") == []


def test_a_failing_token_endpoint_is_transient_and_retried(api: TidalApi, tidal: Tidal) -> None:
    tidal.standin.fail_next(Reply(raw=b"<html>bad gateway</html>", status=502))
    assert api.read("track", JANE_ID, "US") is not None
    assert len(token_requests(tidal)) == 2


def test_the_apis_429_carries_its_retry_after(api: TidalApi, tidal: Tidal) -> None:
    api.read("track", JANE_ID, "US")  # the token first
    body = {"errors": [{"status": "429", "detail": "Rate limit exceeded"}]}
    tidal.standin.fail_next(Reply(body, 429, {"Retry-After": "3600"}))
    with pytest.raises(Throttled, match="Rate limit exceeded") as raised:
        api.by_isrc("USHR10622153", "US")
    assert raised.value.retry_after == pytest.approx(3600)


def test_json_api_errors_name_their_code_and_detail(api: TidalApi, tidal: Tidal) -> None:
    api.read("track", JANE_ID, "US")
    tidal.standin.fail_next(Reply({"errors": [{"status": "503", "code": "UNAVAILABLE"}]}, 503))
    assert api.read("track", JANE_ID, "US") is not None  # a 503 is retried
    tidal.standin.fail_all(Reply({"errors": [{"code": "INVALID_FILTER", "detail": "no"}]}, 400))
    with pytest.raises(Broken, match="INVALID_FILTER: no"):
        api.by_barcode("0602498537683", "US")


def test_includes_tidal_cannot_resolve_are_refused_by_the_standin(api: TidalApi) -> None:
    # The stand-in holds the client to TIDAL's rule: an unknown include path is a 400.
    with pytest.raises(Broken, match="INVALID_INCLUDE"):
        api.get("tracks/70000005", {"countryCode": "US", "include": "albums.lyrics"})


@pytest.mark.parametrize(
    "reply",
    [
        Reply(raw=b"<html>not json</html>"),
        Reply({"no": "data"}),
        Reply({"data": [{"type": "tracks", "id": "1", "attributes": {}}]}),  # no title
        Reply({"data": "not a list", "included": 3}),
    ],
    ids=["not-json", "no-data", "missing-fields", "wrong-shape"],
)
def test_malformed_documents_are_broken(api: TidalApi, tidal: Tidal, reply: Reply) -> None:
    api.read("track", JANE_ID, "US")
    tidal.standin.fail_next(reply)
    with pytest.raises(Broken):
        api.by_isrc("USHR10622153", "US")


def test_a_connection_that_fails_is_transient(tidal: Tidal) -> None:
    guard = Guard("tidal", 1000, 1, max_wait=5, sleep=lambda _: None, attempts=1)
    api = TidalApi("http://127.0.0.1:9", guard, 1, tidal.url, CLIENT_ID, CLIENT_SECRET)
    with pytest.raises(Transient):
        api.read("track", JANE_ID, "US")


def test_calls_waiting_on_a_hanging_token_endpoint_share_one_request_and_its_fault(
    tidal: Tidal,
) -> None:
    """Every call needs the token: while one thread asks for it, the others wait for that
    answer (and its fault), never for their own turn at the endpoint one after another."""
    hanging = StandIn("hanging-tidal-auth")
    hanging.delay_seconds = 30
    guard = Guard("tidal", 1000, 1, max_wait=5, sleep=lambda _: None, attempts=1)
    timeout, calls = 0.5, 8

    def read(api: TidalApi) -> str:
        try:
            api.read("track", JANE_ID, "US")
        except Transient as fault:
            return fault.detail
        return "answered"

    with hanging.running(), ThreadPoolExecutor(calls) as pool:
        api = TidalApi(tidal.url, guard, timeout, hanging.url, CLIENT_ID, CLIENT_SECRET)
        started = time.monotonic()
        outcomes = list(pool.map(read, [api] * calls))
        took = time.monotonic() - started
    api.close()
    assert outcomes == ["timed out"] * calls
    assert len(hanging.requests) == 1
    assert took < timeout * 3, f"{took:.2f} s"  # one time-out, not one per call
    assert tidal.standin.requests == []
