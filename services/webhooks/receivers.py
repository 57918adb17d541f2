"""The receivers of `WEBHOOK_URL`: URL templates the operator configures, and the URL each
gives for one recommendation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

PLACEHOLDERS = frozenset({"id", "external_id"})
"""What a template may hold: `{id}` (recindex's id) and `{external_id}` (the client's)."""


class InvalidReceiver(ValueError):
    """A `WEBHOOK_URL` entry that is no URL template recindex can send to."""


@dataclass(frozen=True, slots=True)
class Receiver:
    """One configured URL template, e.g. `https://api.example/recommendations/{external_id}/links`."""

    template: str

    @property
    def needs(self) -> frozenset[str]:
        """The placeholders it holds."""
        return frozenset(name for name in PLACEHOLDERS if "{" + name + "}" in self.template)

    def url(self, recommendation: Mapping[str, Any]) -> str | None:
        """The URL for this recommendation; None when it needs `{external_id}` and the
        recommendation has none (the receiver knows it by no other name)."""
        url = self.template
        for name in self.needs:
            value = recommendation.get(name)
            if not isinstance(value, str) or not value:
                return None
            url = url.replace("{" + name + "}", path_segment(value))
        return url


def path_segment(value: str) -> str:
    """`value` as one path segment: percent-encoded whole (`/`, `?`, `#` included), and a
    `.` or `..` spelt with `%2E`, so that a client's id can never reach another path."""
    encoded = quote(value, safe="")
    return encoded.replace(".", "%2E") if encoded in {".", ".."} else encoded


def parse_receivers(setting: str | None) -> tuple[Receiver, ...]:
    """The receivers of a comma-separated `WEBHOOK_URL`, each checked, duplicates once;
    `InvalidReceiver` naming what is wrong."""
    templates = [part.strip() for part in (setting or "").split(",") if part.strip()]
    return tuple(Receiver(_checked(template)) for template in dict.fromkeys(templates))


def _checked(template: str) -> str:
    rest = template
    for name in PLACEHOLDERS:
        rest = rest.replace("{" + name + "}", "")
    if "{" in rest or "}" in rest:
        raise InvalidReceiver(
            f"WEBHOOK_URL {template!r}: only {{id}} and {{external_id}} may be filled in"
        )
    parts = urlsplit(template)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InvalidReceiver(f"WEBHOOK_URL {template!r} is not an http(s) URL with a host")
    if "{" in parts.netloc:
        # The host is the operator's: nothing a client sends may choose where it goes.
        raise InvalidReceiver(f"WEBHOOK_URL {template!r}: a placeholder in the host")
    return template
