"""Pages to share as HTML: Jinja2 templates, escaped, styled, and nothing that runs.

Every value is escaped by Jinja2's autoescaping (text and attributes alike); a page
has no script at all. Its one style sheet is inline, so a page opened from a chat is
one request, and the Content-Security-Policy allows exactly that sheet (by its
SHA-256) and images: nothing else loads or runs, and no form or frame can use it.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import datetime
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from services.pages.view import SharePage

HTML_TYPE = "text/html; charset=utf-8"
TEMPLATES = Path(__file__).parent / "templates"
SITE_NAME = "recindex"

# Open Graph types (ogp.me) by kind; anything else is a `website`.
OG_TYPES = {
    "track": "music.song",
    "album": "music.album",
    "movie": "video.movie",
    "series": "video.tv_show",
}

# Templates are read and compiled at their first use, and kept: they never change
# while the process runs.
_templates = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    auto_reload=False,
    trim_blocks=True,
    lstrip_blocks=True,
)


def share_page(page: SharePage, url: str) -> str:
    """The page of `page`, whose own absolute address is `url` (`og:url`)."""
    return _render(
        "share.html",
        page=page,
        url=url,
        og_type=OG_TYPES.get(page.kind, "website"),
        recommended_on=_day(page.recommended_on),
    )


def not_found_page() -> str:
    """What a browser shows for a page that does not exist (a recommendation not stored)."""
    return message_page(
        "Nothing to share here",
        "No recommendation is stored at this address: it may have been removed, or the"
        " link was cut short when it was copied.",
    )


def message_page(heading: str, text: str) -> str:
    """A page that only says something (no page to share here, and why): not indexed,
    and no card tags, so a chat shows no card for it."""
    return _render("message.html", heading=heading, text=text)


def page_headers() -> dict[str, str]:
    """The headers every page is sent with beside its type (`HTML_TYPE`): what it may
    load and do."""
    return {
        "Content-Security-Policy": _policy(),
        "X-Content-Type-Options": "nosniff",
    }


def _render(template: str, **values: object) -> str:
    css = _style_sheet()
    return _templates.get_template(template).render(site=SITE_NAME, css=css, **values)


@cache
def _style_sheet() -> Markup:
    """The style sheet as written (CSS, not HTML: it is ours, and `</` never occurs in it)."""
    css = (TEMPLATES / "share.css").read_text(encoding="utf-8")
    assert "</" not in css, "the style sheet would end its <style> element"
    return Markup(css)


@cache
def _policy() -> str:
    digest = hashlib.sha256(str(_style_sheet()).encode()).digest()
    style = f"'sha256-{base64.b64encode(digest).decode()}'"
    return (
        f"default-src 'none'; img-src https: http:; style-src {style}; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


def _day(moment: datetime | None) -> str | None:
    """ "3 May 2024": a date that reads the same to everyone (no locale, no JavaScript)."""
    return f"{moment.day} {moment:%B %Y}" if moment else None
