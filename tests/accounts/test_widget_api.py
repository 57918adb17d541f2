"""`GET /users/{uid}/now-playing.svg`: a safe, well-formed card in the track's own script."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from starlette.testclient import TestClient

from services.accounts.widget import now_playing_svg
from standins.spotify_player import SpotifyPlayer, advertisement, playing, track
from tests.accounts.conftest import link
from tests.accounts.test_public_now_playing_api import share
from tests.api.test_recommendations_api import assert_problem
from tests.conftest import AUTH

pytestmark = pytest.mark.unit

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"


@pytest.fixture
def public(app_client: TestClient) -> TestClient:
    link(app_client, "nobita")
    share(app_client, "nobita")
    return app_client


def card(client: TestClient, user: str = "nobita") -> ET.Element:
    response = client.get(f"/users/{user}/now-playing.svg")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "image/svg+xml; charset=utf-8"
    assert response.headers["cache-control"] == "public, max-age=5"
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in response.headers["content-security-policy"]
    return ET.fromstring(response.content)  # well-formed XML, or this raises


def texts(root: ET.Element) -> dict[str, str]:
    return {
        element.get("class") or element.text or "": element.text or ""
        for element in root.iter(f"{SVG}text")
    }


def test_a_public_users_card_shows_the_track_in_its_own_script(
    public: TestClient, player: SpotifyPlayer
) -> None:
    player.current = playing(track("誰かの願いが叶うころ", ["宇多田ヒカル"], album="ULTRA BLUE"))
    root = card(public)
    assert (root.get("width"), root.get("height")) == ("400", "128")
    shown = texts(root)
    assert shown["title"] == "誰かの願いが叶うころ"  # not "Dareka no negai ga kanau koro"
    assert shown["artist"] == "宇多田ヒカル"
    assert "NOW PLAYING" in shown
    assert "0:43" in shown and "3:35" in shown
    [cover] = root.iter(f"{SVG}feImage")
    assert cover.get("href") == cover.get(XLINK) == "https://i.scdn.co/image/large"
    [bar] = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "progress"]
    assert float(bar.get("width") or 0) == pytest.approx(254 * 43000 / 215000, abs=0.1)
    assert root.find(f"{SVG}title") is not None  # for screen readers


def test_nothing_playing_is_a_neutral_card(public: TestClient, player: SpotifyPlayer) -> None:
    player.current = None
    root = card(public)
    assert texts(root)["title"] == "Nothing playing"
    assert list(root.iter(f"{SVG}feImage")) == []


def test_an_ad_and_a_paused_track_say_so(public: TestClient, player: SpotifyPlayer) -> None:
    player.current = advertisement()
    assert texts(card(public))["title"] == "Advertisement"
    player.current = playing(track("Кукушка", ["Кино"]), is_playing=False)
    # The public copy is kept NOW_PLAYING_PUBLIC_MAX_AGE_SECONDS: the key reads afresh.
    response = public.get("/users/nobita/now-playing.svg", headers=AUTH)
    assert response.headers["cache-control"] == "no-store"
    shown = texts(ET.fromstring(response.content))
    assert "PAUSED" in shown and shown["title"] == "Кукушка"


def test_a_private_and_an_unknown_user_get_the_same_401(app_client: TestClient) -> None:
    link(app_client, "ana")
    answers = [app_client.get(f"/users/{user}/now-playing.svg") for user in ("ana", "nobody")]
    for response in answers:
        assert_problem(response, 401, "not public")
    assert answers[0].content == answers[1].content


HOSTILE = {
    "type": "track",
    "is_playing": True,
    "title": '</text><script>alert(1)</script><text x="0">"quoted" & \x00\x1b\ud800ok',
    "artists": ["<b>A</b> & 'B'"],
    "image": 'javascript:alert(1)" onload="alert(2)',
    "progress_ms": 5000,
    "duration_ms": 0,
}


def test_hostile_text_is_escaped_and_nothing_can_run() -> None:
    svg = now_playing_svg(HOSTILE)
    svg.encode()  # no lone surrogate left: it can be sent as UTF-8
    root = ET.fromstring(svg)
    assert [e.tag for e in root.iter() if "script" in e.tag.lower()] == []
    assert list(root.iter(f"{SVG}feImage")) == []  # not a web address: no cover
    assert "onload" not in svg and "<b>" not in svg
    shown = texts(root)
    assert shown["title"].startswith("</text><script>") and "ok" not in shown["title"]  # cut
    assert shown["artist"] == "<b>A</b> & 'B'"
    assert not [r for r in root.iter(f"{SVG}rect") if r.get("class") == "progress"]


def test_a_quote_in_the_cover_url_cannot_leave_its_attribute() -> None:
    svg = now_playing_svg({**HOSTILE, "image": 'https://i.scdn.co/x"onload="alert(1)'})
    [cover] = ET.fromstring(svg).iter(f"{SVG}feImage")
    assert cover.get("href") == 'https://i.scdn.co/x"onload="alert(1)'
    assert cover.get("onload") is None


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("Short", "Short"),
        ("A" * 30, "A" * 25 + "…"),
        (
            "誰かの願いが叶うころ誰かの願いが叶うころ",
            "誰かの願いが叶うころ誰か…",
        ),  # two columns each
        ("Кино " * 8, ("Кино " * 5).rstrip() + "…"),
    ],
)
def test_long_titles_are_cut_by_their_width_on_screen(title: str, shown: str) -> None:
    view = {"type": "track", "is_playing": True, "title": title, "artists": []}
    assert texts(ET.fromstring(now_playing_svg(view)))["title"] == shown
