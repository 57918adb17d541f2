"""What every page to share must be in Chromium, checked the same way for each: drawn
(screenshots read back pixel by pixel), within the width, cover and buttons on the first
screen, every text at a contrast of 4.5:1 or more (computed from the computed styles),
landmarks, one `h1`, alt text, a name on every link (read from Chromium's accessibility
tree), a visible focus; and every button leading where its link says."""

from __future__ import annotations

import base64
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

NAMED_LINK = re.compile(r'link "([^"]*)"')
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
SCHEMES = ("light", "dark")


@dataclass(frozen=True)
class Expected:
    """What a page shows: its `h1`, its cover's name and colour, and its buttons in order
    (the label, the URL, the app link or None)."""

    heading: str
    cover_alt: str
    cover_colour: str
    buttons: tuple[tuple[str, str, str | None], ...]
    app_names: Mapping[str, str]  # a button's label -> its app link's name


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


def read_pixels(browser: Any, png: bytes, box: list[int], colour: str) -> dict[str, Any]:
    analyst = browser.new_page()
    try:
        url = "data:image/png;base64," + base64.b64encode(png).decode()
        counts: dict[str, Any] = analyst.evaluate(PIXELS, [url, box, rgb(colour)])
    finally:
        analyst.close()
    return counts


@contextmanager
def opened(
    browser: Any, width: str, scheme: str, prepare: Callable[[Any], None] | None = None
) -> Iterator[Any]:
    """A tab at a phone's or a desktop's `width`, in a light or dark `scheme`, with
    JavaScript off; `prepare` gets its context first (to answer what cannot be reached)."""
    context = browser.new_context(
        viewport=WIDTHS[width],
        is_mobile=width == "phone",
        has_touch=width == "phone",
        color_scheme=scheme,
        java_script_enabled=False,
    )
    try:
        if prepare is not None:
            prepare(context)
        yield context.new_page()
    finally:
        context.close()


def check_rendering(tab: Any, shot: Path, dark: bool, expected: Expected) -> None:
    """Drawn, within the width, cover and buttons on the first screen, readable."""
    size = tab.viewport_size
    assert tab.evaluate("() => document.documentElement.scrollWidth") <= size["width"]
    cover = tab.get_by_role("img", name=expected.cover_alt)
    assert cover.evaluate("(image) => image.complete && image.naturalWidth") == 64
    box = cover.bounding_box()
    assert box["width"] >= 150 and box["x"] + box["width"] <= size["width"]
    buttons = tab.locator("a.listen")
    assert buttons.count() == len(expected.buttons)
    for number in range(buttons.count()):
        button = buttons.nth(number).bounding_box()
        assert button["height"] >= 44 and button["x"] + button["width"] <= size["width"]
    assert buttons.first.bounding_box()["y"] + 44 <= size["height"]  # on the first screen

    png = tab.screenshot(path=shot, full_page=True)
    inner = [round(box["x"]) + 4, round(box["y"]) + 4, round(box["width"]) - 8, 40]
    counts = read_pixels(tab.context.browser, png, inner, expected.cover_colour)
    assert counts["colours"] > 20 and counts["commonest"] < 0.97, counts  # not blank
    assert counts["near"] == counts["total"], counts  # the cover, drawn where it stands

    page_colour = tab.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert page_colour == ("rgb(18, 18, 20)" if dark else "rgb(255, 255, 255)")
    texts = tab.evaluate(CONTRAST)
    assert len(texts) > 10
    low = [text for text in texts if text[0] < 4.5]
    assert not low, low


def check_accessibility(tab: Any, expected: Expected) -> None:
    assert tab.locator("html").get_attribute("lang") == "en"
    for landmark in ("banner", "main", "contentinfo"):
        assert tab.get_by_role(landmark).count() == 1, landmark
    assert tab.get_by_role("heading", level=1).inner_text() == expected.heading
    assert tab.locator("img:not([alt]), img[alt='']").count() == 0
    # Chromium's accessibility tree, as YAML: `- link "Name":` (quoted when it has a colon).
    tree = tab.locator("body").aria_snapshot()
    links = [line for line in tree.splitlines() if line.strip(" -'").startswith("link")]
    names = [NAMED_LINK.search(line) for line in links]
    apps = [app_uri for _, _, app_uri in expected.buttons if app_uri]
    assert len(links) == len(expected.buttons) + len(apps), tree
    assert all(name and name[1].strip() for name in names), tree  # each has a name
    for label, url, app_uri in expected.buttons:
        button = tab.get_by_role("link", name=label, exact=True)
        assert button.get_attribute("href") == url
        app = tab.get_by_role("link", name=expected.app_names[label], exact=True)
        assert app.count() == (1 if app_uri else 0)
        if app_uri:
            assert app.get_attribute("href") == app_uri
    tab.keyboard.press("Tab")
    focused = tab.evaluate(
        "() => { const e = document.activeElement, s = getComputedStyle(e);"
        " return [e.textContent, s.outlineStyle, s.outlineWidth]; }"
    )
    assert focused == [expected.buttons[0][0], "solid", "3px"]


def check_everywhere(
    browser: Any,
    shared: str,
    cover: str,
    expected: Expected,
    shots: Path,
    prepare: Callable[[Any], None] | None = None,
) -> None:
    """The page at `shared` at both widths, light and dark: drawn, readable, accessible,
    and nothing asked for but the page and its `cover` (no font, script or tracker)."""
    for width in WIDTHS:
        for scheme in SCHEMES:
            with opened(browser, width, scheme, prepare) as tab:
                asked: list[str] = []
                tab.on("request", lambda request, asked=asked: asked.append(request.url))
                answer = tab.goto(shared, wait_until="load")
                assert answer.status == 200
                check_rendering(tab, shots / f"{width}-{scheme}.png", scheme == "dark", expected)
                check_accessibility(tab, expected)
                assert asked == [shared, cover]
    assert len(list(shots.glob("*.png"))) == len(WIDTHS) * len(SCHEMES)


def check_buttons_lead_where_they_say(page: Any, shared: str, expected: Expected) -> None:
    """Clicking each button goes to its link (the platforms' pages answered in their place:
    there is no internet here)."""
    followed: list[str] = []

    def platform(route: Any) -> None:
        if route.request.is_navigation_request():
            followed.append(route.request.url)
            route.fulfill(status=200, content_type="text/html", body="<title>platform</title>")
        else:
            route.continue_()

    page.context.route(lambda address: not address.startswith("http://127.0.0.1"), platform)
    for label, url, _ in expected.buttons:
        page.goto(shared)
        page.get_by_role("link", name=label, exact=True).click()
        page.wait_for_url(url)
        assert followed[-1] == url
    assert followed == [url for _, url, _ in expected.buttons]
