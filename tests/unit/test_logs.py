"""Redaction of secrets in log events, by field name and inside text."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
import structlog

from services.logs import (
    REDACTED,
    Redactor,
    configure_from_settings,
    configure_logging,
    hot_path_logger,
    is_sensitive,
    redact_url,
)
from tests.conftest import make_settings
from tests.logcapture import CapturedLogs

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    "name",
    [
        "X-API-Key",
        "x_api_key",
        "Authorization",
        "token",
        "access_token",
        "refresh_token",
        "client_secret",
        "code",
        "api_key",
        "key",
        "spotify_client_secret",
        "youtube_api_key",
        "code_verifier",
    ],
)
def test_known_secret_fields_are_sensitive(name: str) -> None:
    assert is_sensitive(name)


@pytest.mark.parametrize("name", ["user", "title", "dedup_key", "route", "status", "provider"])
def test_ordinary_fields_are_not(name: str) -> None:
    assert not is_sensitive(name)


def redact(**event: object) -> dict[str, object]:
    return Redactor(["configured-secret-value"])(None, "info", dict(event))


def test_fields_are_blanked_at_any_depth() -> None:
    event = redact(
        event="call", api_key="k1", headers={"Authorization": "Bearer abc", "Accept": "x"}
    )
    assert event == {
        "event": "call",
        "api_key": REDACTED,
        "headers": {"Authorization": REDACTED, "Accept": "x"},
    }


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        (
            "GET https://www.googleapis.com/youtube/v3/search?part=snippet&key=AIzaSy123",
            "AIzaSy123",
        ),
        ("callback /spotify/callback?code=AQD-oauth-code&state=s1", "AQD-oauth-code"),
        ("token answer access_token=BQ-token-1&refresh_token=AQ-refresh-2", "BQ-token-1"),
        ("token answer access_token=BQ-token-1&refresh_token=AQ-refresh-2", "AQ-refresh-2"),
        ("sent Authorization: Bearer BQ-abc.def", "BQ-abc.def"),
        ('headers {"x-api-key": "k-123456"}', "k-123456"),
        ("the configured-secret-value leaked", "configured-secret-value"),
        ("connecting to amqp://crawler:rabbit-pw@mq:5672/%2F", "rabbit-pw"),
        ("GET https://elastic:es-pw@es.example:9200/recommendations", "es-pw"),
        ("redis://:only-a-password@cache:6379/0 refused", "only-a-password"),
    ],
)
def test_secrets_are_scrubbed_out_of_text(text: str, secret: str) -> None:
    event = redact(event=text)
    assert secret not in str(event["event"])
    assert REDACTED in str(event["event"])


def test_library_logs_and_tracebacks_are_redacted_too() -> None:
    configure_logging("INFO", json=True, secret_values=["sekrit-api-key"])
    logs = CapturedLogs()
    logging.getLogger("httpx").info("HTTP Request: %s %s", "GET", "http://h/s?key=YT-KEY-1")
    logging.getLogger("x").warning("linked", extra={"user": "ana", "access_token": "BQ-2"})
    try:
        raise RuntimeError("refused sekrit-api-key")
    except RuntimeError:
        structlog.get_logger("t").exception("failed", client_secret="cs-3")
    for secret in ("YT-KEY-1", "BQ-2", "sekrit-api-key", "cs-3"):
        assert secret not in logs.text
    records = logs.records()
    assert [r["event"] for r in records][-1] == "failed"
    assert "RuntimeError" in records[-1]["exception"]
    assert records[1]["user"] == "ana"


def test_passwords_of_configured_urls_are_removed_wherever_they_appear(tmp_path: Path) -> None:
    settings = make_settings(
        tmp_path,
        rabbitmq_url="amqp://crawler:pw%2Fwith-slash@mq:5672/%2F",
        elasticsearch_url="https://elastic:es-secret@es:9200",
    )
    configure_from_settings(settings)
    logs = CapturedLogs()
    # A library that logs host and credentials apart, and an operator message.
    logging.getLogger("pika").warning("auth refused for crawler / pw/with-slash on mq")
    structlog.get_logger().warning("index down", url=settings.elasticsearch_url)
    assert "pw/with-slash" not in logs.text and "es-secret" not in logs.text
    assert redact_url(settings.rabbitmq_url or "") == "amqp://crawler:[redacted]@mq:5672/%2F"


def test_log_json_false_gives_console_lines() -> None:
    configure_logging("INFO", json=False)
    logs = CapturedLogs()
    structlog.get_logger("t").info("hello", api_key="k-9")
    assert not logs.text.startswith("{")
    assert "hello" in logs.text and "k-9" not in logs.text


def test_repeats_of_the_event_are_dropped() -> None:
    configure_logging("INFO", json=True)
    logs = CapturedLogs()
    logging.getLogger("uvicorn.error").info(
        "Started server process [%d]", 7, extra={"color_message": "Started \x1b[36m%d\x1b[0m"}
    )
    (record,) = logs.records()
    assert record["event"] == "Started server process [7]"
    assert "color_message" not in record and "message" not in record


def test_every_secret_setting_is_redacted(tmp_path: Path) -> None:
    from services.logs import configure_from_settings
    from tests.conftest import make_settings

    settings = make_settings(
        tmp_path,
        log_json=True,
        elasticsearch_api_key="es-api-key-1",
        elasticsearch_username="recindex",
        elasticsearch_password="es-password-2",
        tmdb_api_key="tmdb-key-3",
    )
    configure_from_settings(settings)
    logs = CapturedLogs()
    logging.getLogger("elastic_transport").warning(
        "refused es-api-key-1 es-password-2 tmdb-key-3 test-key"
    )
    for secret in ("es-api-key-1", "es-password-2", "tmdb-key-3", "test-key"):
        assert secret not in logs.text
    assert logs.records()[-1]["event"].count(REDACTED) == 4


def test_each_key_of_a_key_list_is_redacted_on_its_own(tmp_path: Path) -> None:
    # TOKEN_ENCRYPTION_KEY rotates as a list; a log line quoting one key alone must not
    # show it because the whole list is what was configured.
    new, old = (
        "bmV3LWtleS0zMi1ieXRlcy0tLS0tLS0tLS0tLS0tLS0=",
        "b2xkLWtleS0zMi1ieXRlcy0tLS0tLS0tLS0tLS0tLS0=",
    )
    keys = f"{new}, {old}"
    configure_from_settings(make_settings(tmp_path, log_json=True, token_encryption_key=keys))
    logs = CapturedLogs()
    logging.getLogger("cryptography").warning(f"could not use {old} nor {new}")
    assert new not in logs.text and old not in logs.text
    assert logs.records()[-1]["event"].count(REDACTED) == 2


def test_a_remembered_field_is_still_redacted_the_second_time() -> None:
    redactor = Redactor(["configured-secret-value"])
    for _ in range(2):
        event = redactor(None, "info", {"note": "key configured-secret-value", "token": "t-1"})
        assert event == {"note": f"key {REDACTED}", "token": REDACTED}
    # The same text under a sensitive name is blanked, not served from another field's memory.
    assert redactor(None, "info", {"secret": "key configured-secret-value"}) == {"secret": REDACTED}


def test_a_plain_number_under_a_sensitive_name_is_blanked() -> None:
    assert redact(code=123456, count=3) == {"code": REDACTED, "count": 3}


def test_the_request_logger_follows_the_last_configuration() -> None:
    configure_logging("INFO", json=True)
    logs = CapturedLogs()
    hot_path_logger().info("first")
    configure_logging("INFO", json=False)
    hot_path_logger().info("second")
    first, second = logs.text.splitlines()
    assert first.startswith("{") and not second.startswith("{")


def test_json_lines_carry_what_orjson_refuses_and_a_utc_timestamp() -> None:
    configure_logging("INFO", json=True)
    logs = CapturedLogs()
    structlog.get_logger().info("big", count=2**70, ids={1: "one"})
    (record,) = logs.records()
    assert record["count"] == 2**70
    assert record["ids"] == {"1": "one"}
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", record["timestamp"])
