"""The now-playing SVG card in Chromium, served by the real server process.

Opened on its own, the card draws its cover (fetched by the browser from Spotify's
image CDN, here a stand-in; never by recindex), the title in its own script, the
artist and the progress. Inside `<img>`, as a website or a README embeds it, it
draws the same card, with the cover's empty square: browsers load nothing outside an
image there. What was drawn is read back from screenshots and canvases in the browser.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest

from standins.images import SpotifyImages
from standins.server import Reply, StandIn
from standins.spotify_player import playing, track
from tests.accounts.test_devices_served import served
from tests.browser import page

pytestmark = pytest.mark.integration
__all__ = ["page"]  # the fixture

TITLE, ARTIST = "誰かの願いが叶うころ", "宇多田ヒカル"
COVER = "#e01b24"
BACKGROUND = (0x18, 0x18, 0x18)

# Counts the pixels of a PNG (a data: URL) in a box, by colour: `near` the given one,
# `background`, and every other.
PIXELS = """async ([url, box, near, background]) => {
  const image = new Image();
  image.src = url;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  const [x, y, w, h] = box;
  const data = context.getImageData(x, y, w, h).data;
  const close = (i, rgb) => rgb.every((value, k) => Math.abs(data[i + k] - value) < 24);
  const counts = {near: 0, background: 0, other: 0, total: w * h};
  for (let i = 0; i < data.length; i += 4) {
    if (close(i, near)) counts.near += 1;
    else if (close(i, background)) counts.background += 1;
    else counts.other += 1;
  }
  return counts;
}"""


def rgb(colour: str) -> list[int]:
    return [int(colour[i : i + 2], 16) for i in (1, 3, 5)]


def counted(page: Any, png: bytes, box: tuple[int, int, int, int], near: str) -> dict[str, int]:
    """Pixels of `png` in `box`, counted on a blank page of the same browser (the card's
    own policy lets it load no `data:` image)."""
    url = "data:image/png;base64," + base64.b64encode(png).decode()
    analyst = page.context.browser.new_page()
    try:
        arguments = [url, list(box), rgb(near), list(BACKGROUND)]
        counts: dict[str, int] = analyst.evaluate(PIXELS, arguments)
    finally:
        analyst.close()
    return counts


def test_the_card_renders_in_chromium_with_its_cover_and_its_own_script(
    page: Any, tmp_path: Path
) -> None:
    images = SpotifyImages()
    with images.standin.running(), served(tmp_path) as recindex:
        recindex.link("nobita")
        recindex.share("nobita")
        item = track(TITLE, [ARTIST], album="ULTRA BLUE")
        item["album"]["images"] = [{"url": images.cover_url(COVER), "height": 640, "width": 640}]
        recindex.player.current = playing(item)
        card = f"{recindex.url}/users/nobita/now-playing.svg"

        # Opened on its own: an SVG document, its cover loaded by the browser.
        answer = page.goto(card, wait_until="load")
        assert answer.status == 200
        assert answer.headers["content-type"] == "image/svg+xml; charset=utf-8"
        shown = page.evaluate(
            "() => [...document.querySelectorAll('text')].map(t => t.textContent)"
        )
        assert TITLE in shown and ARTIST in shown  # in their own script, not romanized
        assert "Dareka" not in " ".join(shown)
        size = page.evaluate(
            "() => { const box = document.documentElement.getBoundingClientRect();"
            " return [box.width, box.height]; }"
        )
        assert size == [400, 128]
        title_box = page.evaluate("() => document.querySelector('text.title').getBBox().width")
        assert title_box > 40  # the title was laid out, glyphs or not
        shot = page.screenshot(clip={"x": 0, "y": 0, "width": 400, "height": 128})
        cover = counted(page, shot, (20, 20, 88, 88), COVER)
        assert cover["near"] == cover["total"], cover  # the cover, drawn
        status = counted(page, shot, (130, 20, 120, 16), "#1db954")
        assert status["near"] > 30, status  # "NOW PLAYING", drawn in green
        played = counted(page, shot, (130, 95, 50, 6), "#1db954")
        assert played["near"] > 100, played  # the progress bar
        fetched = images.standin.requests
        assert fetched and all("Chrome" in r.headers.get("user-agent", "") for r in fetched)

        # Inside <img>, on a website of another origin: the same card, without its cover.
        website = StandIn("website")
        html = f'<!doctype html><img id="card" crossorigin="anonymous" src="{card}">'
        website.route("GET", "/")(
            lambda request: Reply(raw=html.encode(), headers={"Content-Type": "text/html"})
        )
        with website.running():
            page.goto(website.url + "/")
            page.wait_for_function("() => document.getElementById('card').complete")
            natural = page.evaluate(
                "() => { const i = document.getElementById('card');"
                " return [i.naturalWidth, i.naturalHeight]; }"
            )
            assert natural == [400, 128]
            embedded = page.locator("#card").screenshot()
            text = counted(page, embedded, (130, 40, 254, 48), "#ffffff")
            assert text["near"] + text["other"] > 50, text  # title and artist were drawn
            square = counted(page, embedded, (20, 20, 88, 88), "#2a2a2a")
            # No cover inside <img>, and no broken-image icon in its place either.
            assert square["near"] == square["total"], square
