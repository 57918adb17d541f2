"""A recommendation's page to share in Chromium, served by the real server process.

At a phone's width and a desktop's, in light and in dark (`prefers-color-scheme`
emulated), with JavaScript off: the page is drawn (screenshots read back pixel by
pixel), fits the width, shows its cover and its buttons on the first screen, and
every button leads where its link says. Accessibility is checked without any network:
landmarks, one `h1`, alt text, an accessible name on every link (read from Chromium's
accessibility tree), a visible focus, and a contrast of 4.5:1 or more for every text,
computed from the computed styles.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from bench.measure import free_port
from standins.images import SpotifyImages
from tests.browser import page
from tests.integration.test_serve import server

pytestmark = pytest.mark.integration
__all__ = ["page"]  # the fixture

KEY = {"X-API-Key": "k1"}
COVER = "#e01b24"
LINKS = {  # in the order the page shows them
    "spotify": (
        "https://open.spotify.com/album/4Vvs4nOLK1AzUNRQLyt1Ub",
        "spotify:album:4Vvs4nOLK1AzUNRQLyt1Ub",
    ),
    "apple_music": ("https://music.apple.com/us/album/phobia/1440823866", None),
    "youtube_music": ("https://music.youtube.com/playlist?list=OLAK5uy_phobia", None),
    "deezer": ("https://www.deezer.com/album/302127", "deezer://www.deezer.com/album/302127"),
    "tidal": ("https://tidal.com/browse/album/5048196", "tidal://album/5048196"),
}
NAMES = {
    "spotify": "Spotify",
    "apple_music": "Apple Music",
    "youtube_music": "YouTube Music",
    "deezer": "Deezer",
    "tidal": "TIDAL",
}
# A long word with nowhere to break: it must wrap, not widen the page.
WHY = "The best of 2006; every track. " + "Aaaaaah" * 12
NAMED_LINK = re.compile(r'link "([^"]*)"')
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}

# Every text of the body against the background it is drawn on: [ratio, text, colours].
CONTRAST = """() => {
  const rgba = (value) => {
    const [r, g, b, a = 1] = value.match(/[\\d.]+/g).map(Number);
    return {r, g, b, a};
  };
  const channel = (c) => {
    c /= 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = (c) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  const background = (element) => {
    for (let e = element; e; e = e.parentElement) {
      const colour = rgba(getComputedStyle(e).backgroundColor);
      if (colour.a > 0) return colour;
    }
    return {r: 255, g: 255, b: 255, a: 1};
  };
  const found = [];
  for (const element of document.body.querySelectorAll("*")) {
    const own = [...element.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    const box = element.getBoundingClientRect();
    if (!own || box.width <= 1 || box.height <= 1) continue;  // no text, or visually hidden
    const [fore, back] = [rgba(getComputedStyle(element).color), background(element)];
    const [light, dark] = [luminance(fore), luminance(back)].sort((x, y) => y - x);
    const ratio = (light + 0.05) / (dark + 0.05);
    found.push([ratio, element.textContent.trim().slice(0, 40), fore, back]);
  }
  return found;
}"""

# Counts a PNG's colours (4 bits a channel), its commonest colour's share, and the
# pixels of `box` near `near`.
PIXELS = """async ([url, box, near]) => {
  const image = new Image();
  image.src = url;
  await image.decode();
  const canvas = document.createElement("canvas");
  [canvas.width, canvas.height] = [image.naturalWidth, image.naturalHeight];
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  const all = context.getImageData(0, 0, canvas.width, canvas.height).data;
  const colours = new Map();
  for (let i = 0; i < all.length; i += 4) {
    const key = (all[i] >> 4) << 8 | (all[i + 1] >> 4) << 4 | all[i + 2] >> 4;
    colours.set(key, (colours.get(key) || 0) + 1);
  }
  const [x, y, w, h] = box;
  const part = context.getImageData(x, y, w, h).data;
  let close = 0;
  for (let i = 0; i < part.length; i += 4) {
    if (near.every((value, k) => Math.abs(part[i + k] - value) < 24)) close += 1;
  }
  return {colours: colours.size, commonest: Math.max(...colours.values()) / (all.length / 4),
          near: close, total: w * h};
}"""


def rgb(colour: str) -> list[int]:
    return [int(colour[i : i + 2], 16) for i in (1, 3, 5)]


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
    for platform, (link, app_uri) in LINKS.items():
        correction = {"url": link, **({"app_uri": app_uri} if app_uri else {})}
        answer = httpx.put(
            f"{url}/recommendations/{identifier}/links/{platform}", json=correction, headers=KEY
        )
        assert answer.status_code == 200, answer.text
    return f"{url}/r/{identifier}"


def read_pixels(browser: Any, png: bytes, box: list[int]) -> dict[str, Any]:
    analyst = browser.new_page()
    try:
        url = "data:image/png;base64," + base64.b64encode(png).decode()
        counts: dict[str, Any] = analyst.evaluate(PIXELS, [url, box, rgb(COVER)])
    finally:
        analyst.close()
    return counts


def check_rendering(tab: Any, shot: Path, dark: bool) -> None:
    """Drawn, within the width, cover and buttons on the first screen, readable."""
    size = tab.viewport_size
    assert tab.evaluate("() => document.documentElement.scrollWidth") <= size["width"]
    cover = tab.get_by_role("img", name="Cover of Phobia by Breaking Benjamin")
    assert cover.evaluate("(image) => image.complete && image.naturalWidth") == 64
    box = cover.bounding_box()
    assert box["width"] >= 150 and box["x"] + box["width"] <= size["width"]
    buttons = tab.locator("a.listen")
    assert buttons.count() == len(LINKS)
    for number in range(buttons.count()):
        button = buttons.nth(number).bounding_box()
        assert button["height"] >= 44 and button["x"] + button["width"] <= size["width"]
    assert buttons.first.bounding_box()["y"] + 44 <= size["height"]  # on the first screen

    png = tab.screenshot(path=shot, full_page=True)
    inner = [round(box["x"]) + 4, round(box["y"]) + 4, round(box["width"]) - 8, 40]
    counts = read_pixels(tab.context.browser, png, inner)
    assert counts["colours"] > 20 and counts["commonest"] < 0.97, counts  # not blank
    assert counts["near"] == counts["total"], counts  # the cover, drawn where it stands

    page_colour = tab.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert page_colour == ("rgb(18, 18, 20)" if dark else "rgb(255, 255, 255)")
    texts = tab.evaluate(CONTRAST)
    assert len(texts) > 10
    low = [text for text in texts if text[0] < 4.5]
    assert not low, low


def check_accessibility(tab: Any) -> None:
    assert tab.locator("html").get_attribute("lang") == "en"
    for landmark in ("banner", "main", "contentinfo"):
        assert tab.get_by_role(landmark).count() == 1, landmark
    assert tab.get_by_role("heading", level=1).inner_text() == "Phobia"
    assert tab.locator("img:not([alt]), img[alt='']").count() == 0
    # Chromium's accessibility tree, as YAML: `- link "Name":` (quoted when it has a colon).
    tree = tab.locator("body").aria_snapshot()
    links = [line for line in tree.splitlines() if line.strip(" -'").startswith("link")]
    names = [NAMED_LINK.search(line) for line in links]
    apps = [app_uri for _, app_uri in LINKS.values() if app_uri]
    assert len(links) == len(LINKS) + len(apps), tree
    assert all(name and name[1].strip() for name in names), tree  # each has a name
    for platform, (url, app_uri) in LINKS.items():
        name = NAMES[platform]
        button = tab.get_by_role("link", name=f"Listen on {name}", exact=True)
        assert button.get_attribute("href") == url
        app = tab.get_by_role("link", name=f"Open in app: {name}", exact=True)
        assert app.count() == (1 if app_uri else 0)
        if app_uri:
            assert app.get_attribute("href") == app_uri
    tab.keyboard.press("Tab")
    focused = tab.evaluate(
        "() => { const e = document.activeElement, s = getComputedStyle(e);"
        " return [e.textContent, s.outlineStyle, s.outlineWidth]; }"
    )
    assert focused == ["Listen on Spotify", "solid", "3px"]


def test_the_page_renders_at_two_widths_in_light_and_dark(page: Any, tmp_path: Path) -> None:
    images = SpotifyImages()
    with images.standin.running(), server(tmp_path / "data", free_port(), API_KEYS="k1") as url:
        shared = stored_recommendation(url, images.cover_url(COVER))
        browser = page.context.browser
        for width, viewport in WIDTHS.items():
            for scheme in ("light", "dark"):
                context = browser.new_context(
                    viewport=viewport,
                    is_mobile=width == "phone",
                    has_touch=width == "phone",
                    color_scheme=scheme,
                    java_script_enabled=False,
                )
                try:
                    asked: list[str] = []
                    tab = context.new_page()
                    tab.on("request", lambda request, asked=asked: asked.append(request.url))
                    answer = tab.goto(shared, wait_until="load")
                    assert answer.status == 200
                    check_rendering(tab, tmp_path / f"share-{width}-{scheme}.png", scheme == "dark")
                    check_accessibility(tab)
                    # Nothing but the page and its cover: no font, script or tracker.
                    assert asked == [shared, images.cover_url(COVER)]
                finally:
                    context.close()
        assert len(list(tmp_path.glob("share-*.png"))) == 4


def test_every_button_leads_where_its_link_says(page: Any, tmp_path: Path) -> None:
    images = SpotifyImages()
    with images.standin.running(), server(tmp_path / "data", free_port(), API_KEYS="k1") as url:
        shared = stored_recommendation(url, images.cover_url(COVER))
        followed: list[str] = []

        def platform(route: Any) -> None:
            # No internet here: the platform's page is answered in its place, and noted.
            followed.append(route.request.url)
            route.fulfill(status=200, content_type="text/html", body="<title>platform</title>")

        page.context.route(lambda address: not address.startswith("http://127.0.0.1"), platform)
        for platform_name, (link, _) in LINKS.items():
            page.goto(shared)
            page.get_by_role("link", name=f"Listen on {NAMES[platform_name]}", exact=True).click()
            page.wait_for_url(link)
            assert followed[-1] == link
        assert followed == [link for link, _ in LINKS.values()]
