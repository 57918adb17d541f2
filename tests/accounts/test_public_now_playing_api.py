"""Now playing without the operator's key: public users, device tokens, and nothing else.

The ESP32 posts `uid` as a form, with no key (`curl -d uid=nobita http://host/get`);
a website fetches the JSON from the browser. A private user's now playing needs the
key or one of their device tokens, and without one nothing tells a private user from
a user that does not exist.
"""

from __future__ import annotations

import logging
import statistics
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import structlog
from injector import Injector
from starlette.testclient import TestClient

from app import build_injector, create_app
from services.accounts.sharing import SharingStore
from services.accounts.tokens import Clock
from services.settings import RateLimit, Settings
from standins.spotify_player import SpotifyPlayer, playing, track
from tests.accounts.conftest import FakeClock, conforms, link
from tests.accounts.test_refresh_api import database_bytes
from tests.api.test_recommendations_api import assert_problem
from tests.conftest import AUTH
from tests.logcapture import CapturedLogs

pytestmark = pytest.mark.unit

UTADA = track("誰かの願いが叶うころ", ["宇多田ヒカル"], album="ULTRA BLUE")
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
NOW_PLAYING_READS = [
    ("POST", "/get", b"uid={user}"),
    ("GET", "/users/{user}/now-playing", None),
    ("GET", "/users/{user}/now-playing.svg", None),
]


@pytest.fixture
def linked(app_client: TestClient, player: SpotifyPlayer) -> TestClient:
    link(app_client, "ana")
    link(app_client, "nobita")
    player.current = playing(UTADA)
    return app_client


def share(client: TestClient, user: str, public: bool = True) -> None:
    response = client.put(
        f"/users/{user}/now-playing/sharing", json={"public": public}, headers=AUTH
    )
    assert response.status_code == 200, response.text
    assert conforms(response.json(), "Sharing") == {"public": public}


def read(
    client: TestClient, method: str, path: str, body: bytes | None, user: str, **headers: str
) -> httpx.Response:
    """One of `NOW_PLAYING_READS`, of `user`."""
    url = path.format(user=user)
    if body is None:
        return client.request(method, url, headers=headers)
    content = body.replace(b"{user}", user.encode())
    return client.request(method, url, content=content, headers={**FORM, **headers})


def add_device(client: TestClient, user: str = "nobita", name: str = "lcd") -> dict[str, Any]:
    response = client.post(f"/users/{user}/devices", json={"name": name}, headers=AUTH)
    assert response.status_code == 201, response.text
    assert response.headers["cache-control"] == "no-store"
    created: dict[str, Any] = conforms(response.json(), "NewDevice")
    return created


def test_the_esp32_curl_gets_the_lcd_text_of_a_public_user(linked: TestClient) -> None:
    share(linked, "nobita")
    response = linked.post("/get", content=b"uid=nobita&width=16", headers=FORM)  # no key
    assert response.status_code == 200, response.text
    view = conforms(response.json(), "NowPlaying")
    assert view["lcd"] == ["Dareka no negai.", "Utada Hikaru    "]
    assert view["title"] == "誰かの願いが叶うころ"
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers["cache-control"] == "public, max-age=5"
    # Exactly the seed's curl: `uid` alone.
    plain = linked.post("/get", content=b"uid=nobita", headers=FORM)
    assert plain.status_code == 200 and plain.json()["ascii_artist"] == "Utada Hikaru"


def test_a_website_reads_a_public_users_json_from_the_browser(linked: TestClient) -> None:
    share(linked, "nobita")
    response = linked.get("/users/nobita/now-playing", headers={"Origin": "https://nobita.example"})
    assert response.status_code == 200, response.text
    assert response.json()["artists"] == ["宇多田ヒカル"]
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers["cache-control"] == "public, max-age=5"


@pytest.mark.parametrize(("method", "path", "body"), NOW_PLAYING_READS)
def test_a_private_and_an_unknown_user_answer_the_same_401(
    linked: TestClient, player: SpotifyPlayer, method: str, path: str, body: bytes | None
) -> None:
    share(linked, "nobita")
    share(linked, "nobita", public=False)  # public once, private again
    player.standin.requests.clear()
    answers = [
        read(linked, method, path, body, user)
        for user in ("nobita", "ana", "never-seen")  # private again, never public, unknown
    ]
    for response in answers:
        assert_problem(response, 401, "not public")
        assert response.headers["access-control-allow-origin"] == "*"
    assert len({response.content for response in answers}) == 1
    headers = [
        {k: v for k, v in r.headers.items() if k not in ("x-request-id", "date")} for r in answers
    ]
    assert headers[0] == headers[1] == headers[2]
    assert player.standin.requests == []  # Spotify was never asked about them


def test_a_private_and_an_unknown_user_cost_the_same_one_read(
    linked: TestClient, accounts_injector: Injector
) -> None:
    """Same work, so similar timing: one read of the sharing store, nothing else."""
    store = accounts_injector.get(SharingStore)  # type: ignore[type-abstract]
    calls: list[str] = []
    real_is_public = store.is_public

    def counted(user: str) -> bool:
        calls.append(user)
        return real_is_public(user)

    store.is_public = counted  # type: ignore[method-assign]
    timings: dict[str, list[float]] = {"ana": [], "never-seen": []}
    for _ in range(30):
        for user, spent in timings.items():
            started = time.perf_counter()
            assert (
                linked.post("/get", content=f"uid={user}".encode(), headers=FORM).status_code == 401
            )
            spent.append(time.perf_counter() - started)
    assert calls == ["ana", "never-seen"] * 30
    private, unknown = (statistics.median(spent) for spent in timings.values())
    assert abs(private - unknown) < 0.5 * max(private, unknown) + 0.002, (private, unknown)


def test_a_device_token_reads_its_private_user_by_form_or_bearer(linked: TestClient) -> None:
    created = add_device(linked, "nobita", "kitchen LCD")
    assert len(created["device_id"]) == 16 and created["name"] == "kitchen LCD"
    token = created["token"]
    by_form = linked.post(
        "/get", content=f"uid=nobita&width=16&token={token}".encode(), headers=FORM
    )
    assert by_form.status_code == 200, by_form.text
    assert by_form.json()["lcd"][1] == "Utada Hikaru    "
    assert by_form.headers["cache-control"] == "no-store"  # the user's own: kept by nobody
    bearer = {"Authorization": f"Bearer {token}"}
    for method, path, body in NOW_PLAYING_READS:
        response = read(linked, method, path, body, "nobita", **bearer)
        assert response.status_code == 200, (path, response.text)
    # It is nobita's token: it reads nobody else.
    assert_problem(linked.get("/users/ana/now-playing", headers=bearer), 401, "device token")


def test_a_removed_devices_token_is_refused_at_once(linked: TestClient) -> None:
    kept, removed = add_device(linked, name="desk"), add_device(linked, name="lost")
    listed = conforms(linked.get("/users/nobita/devices", headers=AUTH).json(), "DeviceList")
    assert [d["name"] for d in listed["items"]] == ["desk", "lost"]
    assert all("token" not in d for d in listed["items"])

    response = linked.delete(f"/users/nobita/devices/{removed['device_id']}", headers=AUTH)
    assert response.status_code == 204
    body = f"uid=nobita&token={removed['token']}".encode()
    assert_problem(linked.post("/get", content=body, headers=FORM), 401, "device token")
    bearer = {"Authorization": f"Bearer {removed['token']}"}
    assert_problem(linked.get("/users/nobita/now-playing", headers=bearer), 401)
    assert (
        linked.post(
            "/get", content=f"uid=nobita&token={kept['token']}".encode(), headers=FORM
        ).status_code
        == 200
    )
    assert_problem(
        linked.delete(f"/users/nobita/devices/{removed['device_id']}", headers=AUTH), 404
    )
    # Another user cannot remove nobita's device.
    assert_problem(linked.delete(f"/users/ana/devices/{kept['device_id']}", headers=AUTH), 404)


@pytest.mark.parametrize(
    "credential",
    [
        {"X-API-Key": "wrong-key"},
        {"Authorization": "Bearer 0123456789abcdef.not-the-secret"},
        {"Authorization": "Basic YW5hOnNlY3JldA=="},
        {"Authorization": "Bearer"},
    ],
)
def test_a_wrong_credential_is_refused_even_for_a_public_user(
    linked: TestClient, credential: dict[str, str]
) -> None:
    share(linked, "nobita")
    for method, path, body in NOW_PLAYING_READS:
        assert_problem(read(linked, method, path, body, "nobita", **credential), 401)


def test_a_wrong_form_token_is_refused_even_for_a_public_user(linked: TestClient) -> None:
    share(linked, "nobita")
    response = linked.post("/get", content=b"uid=nobita&token=abc.def", headers=FORM)
    assert_problem(response, 401, "device token")


def test_the_key_still_reads_anyone(linked: TestClient) -> None:
    response = linked.post("/get", content=b"uid=ana", headers={**FORM, **AUTH})
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"


def test_a_public_users_now_playing_is_asked_of_spotify_once_per_max_age(
    linked: TestClient, player: SpotifyPlayer
) -> None:
    share(linked, "nobita")
    player.standin.requests.clear()
    for _ in range(5):
        assert linked.get("/users/nobita/now-playing").status_code == 200
    assert len(player.standin.requests_to("currently-playing")) == 1
    # The key's reads are the user's own: never from the shared copy.
    linked.get("/users/nobita/now-playing", headers=AUTH)
    assert len(player.standin.requests_to("currently-playing")) == 2


@pytest.fixture
def limited_client(accounts_settings: Settings, clock: FakeClock) -> Iterator[TestClient]:
    settings = accounts_settings.model_copy(
        update={
            "now_playing_public_rate_limit": RateLimit("3/60"),
            "now_playing_public_max_age_seconds": 0,
        }
    )
    injector = build_injector(settings)
    injector.binder.bind(Clock, to=clock)
    with TestClient(create_app(injector)) as client:
        link(client, "nobita")
        yield client


def test_reads_without_a_key_are_held_to_the_rate_limit_per_client(
    limited_client: TestClient, player: SpotifyPlayer
) -> None:
    player.current = playing(UTADA)
    share(limited_client, "nobita")
    statuses = [
        limited_client.post("/get", content=b"uid=nobita", headers=FORM).status_code
        for _ in range(3)
    ]
    assert statuses == [200, 200, 200]
    refused = limited_client.get("/users/never-seen/now-playing")  # counted alike, whoever
    problem = assert_problem(refused, 429, "3 now-playing reads in 60 s")
    assert 0 < int(refused.headers["retry-after"]) <= 60
    assert refused.headers["access-control-allow-origin"] == "*"
    assert "Retry-After" in refused.headers["access-control-expose-headers"]
    assert problem["type"].endswith("/rate-limited")
    # The key is not held to it.
    assert limited_client.get("/users/nobita/now-playing", headers=AUTH).status_code == 200


def test_a_browsers_preflight_is_answered_on_the_now_playing_paths_only(linked: TestClient) -> None:
    preflight = {
        "Origin": "https://nobita.example",
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "authorization",
    }
    for path in ("/get", "/users/nobita/now-playing", "/users/nobita/now-playing.svg"):
        response = linked.options(path, headers=preflight)
        assert response.status_code == 204, path
        assert response.headers["access-control-allow-origin"] == "*"
        assert "Authorization" in response.headers["access-control-allow-headers"]
        assert {"GET", "POST"} <= set(response.headers["access-control-allow-methods"].split(", "))
    elsewhere = linked.get("/recommendations", headers={"Origin": "https://nobita.example"})
    assert "access-control-allow-origin" not in elsewhere.headers
    assert linked.options("/recommendations", headers=preflight).status_code != 204


def test_sharing_is_read_and_changed_with_the_key_only(linked: TestClient) -> None:
    assert linked.get("/users/nobita/now-playing/sharing", headers=AUTH).json() == {"public": False}
    share(linked, "nobita")
    assert linked.get("/users/nobita/now-playing/sharing", headers=AUTH).json() == {"public": True}
    assert_problem(linked.get("/users/nobita/now-playing/sharing"), 401)
    assert_problem(linked.put("/users/nobita/now-playing/sharing", json={"public": False}), 401)
    for bad in ({"public": "yes"}, {}, {"public": True, "everyone": True}):
        response = linked.put("/users/nobita/now-playing/sharing", json=bad, headers=AUTH)
        assert_problem(response, 400)


def test_devices_are_managed_with_the_key_only(linked: TestClient) -> None:
    token = add_device(linked)["token"]
    bearer = {"Authorization": f"Bearer {token}"}
    assert_problem(linked.post("/users/nobita/devices", headers=bearer), 401)
    assert_problem(linked.get("/users/nobita/devices", headers=bearer), 401)
    assert_problem(
        linked.put("/users/nobita/now-playing/sharing", json={"public": True}, headers=bearer), 401
    )
    # A device without a name, and names the spec refuses.
    response = linked.post("/users/nobita/devices", headers=AUTH)
    assert response.status_code == 201 and response.json()["name"] == ""
    assert_problem(
        linked.post("/users/nobita/devices", json={"name": "x" * 101}, headers=AUTH), 400
    )
    assert_problem(linked.post("/users/nobita/devices", json={"token": "mine"}, headers=AUTH), 400)
    assert_problem(linked.delete("/users/nobita/devices/not-an-id", headers=AUTH), 400)


def test_device_tokens_never_reach_a_log(
    caplog: pytest.LogCaptureFixture, linked: TestClient, accounts_settings: Settings
) -> None:
    caplog.set_level(logging.DEBUG)
    logs = CapturedLogs()
    created = add_device(linked)
    token = created["token"]
    secret = token.partition(".")[2]
    assert linked.post("/get", content=f"uid=nobita&token={token}".encode(), headers=FORM)
    bearer = {"Authorization": f"Bearer {token}"}
    assert linked.get("/users/nobita/now-playing", headers=bearer).status_code == 200
    assert linked.get("/users/ana/now-playing", headers=bearer).status_code == 401
    # Nothing the service or a library logged on the way holds it, even at DEBUG.
    records = "\n".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)
    assert "/users/nobita/devices" in records and secret not in records
    # And the log output hides it even where code would log it.
    logging.getLogger("a.library").debug("form uid=nobita&token=%s; Bearer %s", token, token)
    structlog.get_logger().info("device", device_token=token, token=token)
    assert "/users/{uid}/devices" in logs.text and secret not in logs.text
    assert secret.encode() not in database_bytes(accounts_settings)  # stored as a hash only
