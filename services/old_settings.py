"""Setting names of the systems recindex replaces, read as aliases of its own names.

`ELASTICSEARCH_HOST` and `ELASTICSEARCH_PORT` (a Python client's `{"host", "port"}`)
make `ELASTICSEARCH_URL`; spotipy's own `SPOTIPY_CLIENT_ID`, `SPOTIPY_CLIENT_SECRET` and
`SPOTIPY_REDIRECT_URI` are `SPOTIFY_*`. The new name wins when both are set. Each old
name in use is said once at start-up, in a log line that names the new one
(`services.logs.configure_from_settings`), so an operator knows what to rename.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import SecretStr

RENAMED = {
    "spotipy_client_id": "spotify_client_id",
    "spotipy_client_secret": "spotify_client_secret",
    "spotipy_redirect_uri": "spotify_redirect_uri",
}
"""Old field -> new field, for names that only changed."""
ELASTICSEARCH_PARTS = ("elasticsearch_host", "elasticsearch_port")
DEFAULT_ELASTICSEARCH_PORT = 9200


@dataclass(frozen=True, slots=True)
class OldName:
    """An old setting name that was set: its value used, or ignored for the new name's."""

    old: str
    new: str
    used: bool


def _given(value: Any) -> bool:
    # A blank variable is unset, as for the new names (`Settings._blank_is_unset`).
    if isinstance(value, SecretStr):
        value = value.get_secret_value()
    return value is not None and str(value).strip() != ""


def elasticsearch_url_of(host: str, port: Any) -> str:
    """`ELASTICSEARCH_URL` from a host (a name, or a URL already) and a port (default 9200)."""
    host = host.strip().rstrip("/")
    if "://" not in host:
        host = f"http://{host}"
    scheme, _, rest = host.partition("://")
    if ":" in rest.rsplit("]", 1)[-1]:  # the host carries its port already
        return host
    return f"{scheme}://{rest}:{port if _given(port) else DEFAULT_ELASTICSEARCH_PORT}"


def apply_old_names(data: dict[str, Any]) -> dict[str, Any]:
    """The settings' input with each new name filled from its old one when unset."""
    data = dict(data)
    for old, new in RENAMED.items():
        if _given(data.get(old)) and not _given(data.get(new)):
            data[new] = data[old]
    host = data.get("elasticsearch_host")
    if _given(host) and not _given(data.get("elasticsearch_url")):
        data["elasticsearch_url"] = elasticsearch_url_of(str(host), data.get("elasticsearch_port"))
    return data


def old_names_in_use(settings: Any) -> list[OldName]:
    """Each old name that is set, and whether its value is the one in use."""
    found = [
        OldName(old.upper(), new.upper(), _value(settings, old) == _value(settings, new))
        for old, new in RENAMED.items()
        if _given(getattr(settings, old))
    ]
    host, port = (getattr(settings, part) for part in ELASTICSEARCH_PARTS)
    used = _given(host) and settings.elasticsearch_url == elasticsearch_url_of(host, port)
    found += [
        # A port alone makes no URL: it is never used.
        OldName(part.upper(), "ELASTICSEARCH_URL", used)
        for part in ELASTICSEARCH_PARTS
        if _given(getattr(settings, part))
    ]
    return found


def _value(settings: Any, name: str) -> Any:
    value = getattr(settings, name)
    return value.get_secret_value() if isinstance(value, SecretStr) else value
