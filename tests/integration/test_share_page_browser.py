"""A recommendation's page to share in Chromium, served by the real server process.

At a phone's width and a desktop's, in light and in dark (`prefers-color-scheme`
emulated), with JavaScript off: the page is drawn, fits the width, shows its cover and
its buttons on the first screen, reads at a contrast of 4.5:1 or more, is accessible,
and every button leads where its link says (`tests/integration/share_pages.py`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from standins.images import SpotifyImages
from tests.browser import page
from tests.integration.share_pages import (
    Expected,
    check_buttons_lead_where_they_say,
    check_everywhere,
)
from tests.integration.test_serve import server
from tests.pages.html import Parsed
from tools.ports import free_port

pytestmark = pytest.mark.integration
__all__ = ["page"]  # the fixture

KEY = {"X-API-Key": "k1"}
COVER = "#e01b24"
LINKS = {  # in the order the page shows them: (its name, the link, the app link)
    "spotify": (
        "Spotify",
        "https://open.spotify.com/album/4Vvs4nOLK1AzUNRQLyt1Ub",
        "spotify:album:4Vvs4nOLK1AzUNRQLyt1Ub",
    ),
    "apple_music": ("Apple Music", "https://music.apple.com/us/album/phobia/1440823866", None),
    "youtube_music": (
        "YouTube Music",
        "https://music.youtube.com/playlist?list=OLAK5uy_phobia",
        None,
    ),
    "deezer": (
        "Deezer",
        "https://www.deezer.com/album/302127",
        "deezer://www.deezer.com/album/302127",
    ),
    "tidal": ("TIDAL", "https://tidal.com/browse/album/5048196", "tidal://album/5048196"),
}
EXPECTED = Expected(
    heading="Phobia",
    cover_alt="Cover of Phobia by Breaking Benjamin",
    cover_colour=COVER,
    buttons=tuple((f"Listen on {name}", url, app) for name, url, app in LINKS.values()),
    app_names={f"Listen on {name}": f"Open in app: {name}" for name, _, _ in LINKS.values()},
)
# A long word with nowhere to break: it must wrap, not widen the page.
WHY = "The best of 2006; every track. " + "Aaaaaah" * 12


def stored_recommendation(url: str, cover: str) -> str:
    """A recommendation stored through the API, its links set by hand: its page's URL."""
    body = {
        "title": "Breaking Benjamin - Phobia",
        "user": "ana",
        "kind": "album",
        "img": cover,
        "description": WHY,
    }
    created = httpx.post(f"{url}/recommendations", json=body, headers=KEY)
    assert created.status_code == 201, created.text
    identifier = created.json()["id"]
    for platform, (_, link, app_uri) in LINKS.items():
        correction = {"url": link, **({"app_uri": app_uri} if app_uri else {})}
        answer = httpx.put(
            f"{url}/recommendations/{identifier}/links/{platform}", json=correction, headers=KEY
        )
        assert answer.status_code == 200, answer.text
    return f"{url}/r/{identifier}"


def test_the_page_renders_at_two_widths_in_light_and_dark(page: Any, tmp_path: Path) -> None:
    images = SpotifyImages()
    with images.standin.running(), server(tmp_path / "data", free_port(), API_KEYS="k1") as url:
        cover = images.cover_url(COVER)
        shared = stored_recommendation(url, cover)
        shots = tmp_path / "shots"
        shots.mkdir()
        check_everywhere(page.context.browser, shared, cover, EXPECTED, shots)
        said = Parsed(httpx.get(shared).text).text
        assert said[said.index("Recommended by") + 1] == "ana" and WHY in said


def test_every_button_leads_where_its_link_says(page: Any, tmp_path: Path) -> None:
    images = SpotifyImages()
    with images.standin.running(), server(tmp_path / "data", free_port(), API_KEYS="k1") as url:
        shared = stored_recommendation(url, images.cover_url(COVER))
        check_buttons_lead_where_they_say(page, shared, EXPECTED)
