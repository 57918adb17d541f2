"""Old setting names (ELASTICSEARCH_HOST/PORT, SPOTIPY_*) work, say their new name, and lose
to it when both are set; from the environment and from `.env` alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.logs import configure_from_settings, configure_logging
from services.old_settings import elasticsearch_url_of
from services.settings import Settings
from tests.logcapture import CapturedLogs

pytestmark = pytest.mark.unit

OLD_AND_NEW = [
    ("SPOTIPY_CLIENT_ID", "SPOTIFY_CLIENT_ID", "spotify_client_id"),
    ("SPOTIPY_CLIENT_SECRET", "SPOTIFY_CLIENT_SECRET", "spotify_client_secret"),
    ("SPOTIPY_REDIRECT_URI", "SPOTIFY_REDIRECT_URI", "spotify_redirect_uri"),
]
EVERY_NAME = [
    *(name for old, new, _ in OLD_AND_NEW for name in (old, new)),
    "ELASTICSEARCH_HOST",
    "ELASTICSEARCH_PORT",
    "ELASTICSEARCH_URL",
]


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in EVERY_NAME:
        monkeypatch.delenv(name, raising=False)


def value(settings: Settings, field: str) -> object:
    found = getattr(settings, field)
    return found.get_secret_value() if hasattr(found, "get_secret_value") else found


def logged_warnings(settings: Settings) -> list[dict[str, object]]:
    configure_logging()
    logs = CapturedLogs()
    configure_from_settings(settings.model_copy(update={"log_json": True}))
    return [line for line in logs.records() if "new_name" in line]


@pytest.mark.parametrize(("old", "new", "field"), OLD_AND_NEW)
def test_a_spotipy_name_fills_the_spotify_one_and_says_so(
    monkeypatch: pytest.MonkeyPatch, old: str, new: str, field: str
) -> None:
    monkeypatch.setenv(old, "http://127.0.0.1:1/old-value")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert value(settings, field) == "http://127.0.0.1:1/old-value"
    [warning] = logged_warnings(settings)
    assert warning["level"] == "warning"
    assert warning["setting"] == old and warning["new_name"] == new and warning["used"] is True
    assert f"set {new} instead" in str(warning["event"])


@pytest.mark.parametrize(("old", "new", "field"), OLD_AND_NEW)
def test_the_new_name_wins_when_both_are_set(
    monkeypatch: pytest.MonkeyPatch, old: str, new: str, field: str
) -> None:
    monkeypatch.setenv(old, "http://127.0.0.1:1/old-value")
    monkeypatch.setenv(new, "http://127.0.0.1:1/new-value")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert value(settings, field) == "http://127.0.0.1:1/new-value"
    [warning] = logged_warnings(settings)
    assert warning["used"] is False
    assert f"{new} is set and wins" in str(warning["event"])


def test_elasticsearch_host_and_port_make_the_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ELASTICSEARCH_HOST", "es.internal")
    monkeypatch.setenv("ELASTICSEARCH_PORT", "9201")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.elasticsearch_url == "http://es.internal:9201"
    warnings = logged_warnings(settings)
    assert {(w["setting"], w["new_name"], w["used"]) for w in warnings} == {
        ("ELASTICSEARCH_HOST", "ELASTICSEARCH_URL", True),
        ("ELASTICSEARCH_PORT", "ELASTICSEARCH_URL", True),
    }


def test_elasticsearch_url_wins_over_host_and_port(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ELASTICSEARCH_HOST", "old-es")
    monkeypatch.setenv("ELASTICSEARCH_URL", "https://new-es:9200")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.elasticsearch_url == "https://new-es:9200"
    [warning] = logged_warnings(settings)
    assert (warning["setting"], warning["used"]) == ("ELASTICSEARCH_HOST", False)


def test_a_port_alone_makes_no_url_and_is_said_to_be_ignored(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ELASTICSEARCH_PORT", "9201")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.elasticsearch_url is None
    [warning] = logged_warnings(settings)
    assert (warning["setting"], warning["used"]) == ("ELASTICSEARCH_PORT", False)


def test_old_names_are_read_from_dotenv_too(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(
        "ELASTICSEARCH_HOST=es.internal\nSPOTIPY_CLIENT_ID=from-dotenv\n"
        "SPOTIPY_CLIENT_SECRET=dotenv-secret\nSPOTIFY_CLIENT_SECRET=new-secret\n"
    )
    settings = Settings(_env_file=env_file)  # type: ignore[call-arg]
    assert settings.elasticsearch_url == "http://es.internal:9200"
    assert settings.spotify_client_id == "from-dotenv"
    assert value(settings, "spotify_client_secret") == "new-secret"


def test_no_old_name_no_line() -> None:
    assert logged_warnings(Settings(_env_file=None)) == []  # type: ignore[call-arg]


def test_an_old_secret_is_redacted_like_the_new_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPOTIPY_CLIENT_SECRET", "old-client-secret-1")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    configure_logging()
    logs = CapturedLogs()
    configure_from_settings(settings)
    import logging

    logging.getLogger("spotipy").warning("sent old-client-secret-1")
    assert "old-client-secret-1" not in logs.text


@pytest.mark.parametrize(
    ("host", "port", "url"),
    [
        ("es", None, "http://es:9200"),
        ("es", 9300, "http://es:9300"),
        ("https://es.example", 443, "https://es.example:443"),
        ("https://es.example:9243/", None, "https://es.example:9243"),
        ("[::1]", None, "http://[::1]:9200"),
    ],
)
def test_a_host_and_port_become_one_url(host: str, port: int | None, url: str) -> None:
    assert elasticsearch_url_of(host, port) == url
