"""The page of a work looked up by its link (`/s/{platform}/{kind}/{id}`, where
`GET /links?url=`'s `page_url` points) in Chromium, served by the real server process
with every platform a stand-in, opened as a person opens it from a chat: without a key,
on a server that lets callers without one look links up (`LINKS_ANONYMOUS_RATE_LIMIT`).
The same checks as a recommendation's page (`tests/integration/share_pages.py`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from standins.images import png
from tests.browser import page
from tests.integration.share_pages import (
    Expected,
    check_buttons_lead_where_they_say,
    check_everywhere,
)
from tests.integration.test_odesli_client import environment
from tests.integration.test_serve import server
from tests.links.everywhere import everywhere
from tools.ports import free_port

pytestmark = pytest.mark.integration
__all__ = ["page"]  # the fixture

LINK = "https://open.spotify.com/track/sp5?si=shared"
COVER = "#2a6fdb"
# The platforms a visitor's lookup finds the track on, in the page's order (YouTube's
# search is never spent for a caller without a key).
NAMES = {"spotify": "Spotify", "apple_music": "Apple Music", "deezer": "Deezer", "tidal": "TIDAL"}
TIDAL = (
    "tidal_client_id",
    "tidal_client_secret",
    "tidal_api_url",
    "tidal_auth_url",
    "tidal_rate_limit",
)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data_dir: Path = tmp_path_factory.mktemp("work-page")
    with everywhere(data_dir) as world:
        stand_ins = environment(world.settings, *TIDAL)
        visitors = {"LINKS_ANONYMOUS_RATE_LIMIT": "100/60"}
        with server(data_dir, free_port(), **stand_ins, **visitors) as url:
            yield url


def looked_up(url: str) -> tuple[str, str, Expected]:
    """What a visitor's `GET /links?url=` finds: the page's URL, the cover, the page."""
    answer = httpx.get(f"{url}/links", params={"url": LINK}, timeout=30)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    links = body["links"]
    assert {p for p, link in links.items() if link["status"] == "found"} == set(NAMES)
    shared = body["page_url"]  # PUBLIC_URL is the server's own address here
    work = body["work"]
    buttons = tuple(
        (f"Listen on {name}", links[p]["url"], links[p].get("app_uri")) for p, name in NAMES.items()
    )
    expected = Expected(
        heading=work["title"],
        cover_alt=f"Cover of {work['title']} by {work['artist']}",
        cover_colour=COVER,
        buttons=buttons,
        app_names={f"Listen on {name}": f"Open in app: {name}" for name in NAMES.values()},
    )
    return shared, work["cover_img"], expected


def cdn(cover: str) -> Any:
    """Answers the cover's address on the platform's image CDN (no internet here)."""
    red, green, blue = (int(COVER[i : i + 2], 16) for i in (1, 3, 5))

    def prepare(context: Any) -> None:
        context.route(
            cover, lambda route: route.fulfill(content_type="image/png", body=png(red, green, blue))
        )

    return prepare


def test_the_page_of_a_link_renders_at_two_widths_in_light_and_dark(
    page: Any, served: str, tmp_path: Path
) -> None:
    shared, cover, expected = looked_up(served)
    assert shared == f"{served}/s/spotify/track/sp5"
    check_everywhere(page.context.browser, shared, cover, expected, tmp_path, cdn(cover))


def test_every_button_of_a_link_s_page_leads_where_its_link_says(page: Any, served: str) -> None:
    shared, _, expected = looked_up(served)
    check_buttons_lead_where_they_say(page, shared, expected)
