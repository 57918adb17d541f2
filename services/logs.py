"""Structured logs: JSON lines (console lines with `LOG_JSON=false`), secrets redacted.

Configured once per process (`app.create_app`, `cli.main`). Our own code and every
library that logs through `logging` (uvicorn, httpx, pika...) end in the same
handler, so the same redaction applies to all of them. Logs go to stderr: stdout
belongs to commands that print data (`export`).
"""

from __future__ import annotations

import functools
import json
import logging
import re
import sys
import time
from collections.abc import Iterable, Mapping
from contextvars import ContextVar, Token
from typing import Any, TextIO
from urllib.parse import unquote, urlsplit

import orjson
import structlog
from pydantic import SecretStr
from structlog.typing import EventDict, Processor, WrappedLogger

from services.old_settings import old_names_in_use
from services.settings import Settings

REDACTED = "[redacted]"

# Field names (case-insensitive, `-` read as `_`) whose values never reach a log.
SENSITIVE_KEYS = frozenset(
    {
        "x_api_key",
        "api_key",
        "apikey",
        "key",
        "authorization",
        "proxy_authorization",
        "cookie",
        "set_cookie",
        "token",
        "access_token",
        "refresh_token",
        "id_token",
        "client_secret",
        "secret",
        "password",
        "code",
        "code_verifier",
    }
)
_SENSITIVE_SUFFIXES = ("_token", "_secret", "_key", "_password")
# Names that end like a secret but are not one, and help when debugging.
_NOT_SECRET = frozenset({"dedup_key"})

# The same names inside free text: query strings in URLs (httpx logs them, YouTube
# takes its key as `?key=`), `Authorization: Bearer ...`, `X-API-Key: ...`. An OAuth
# `state` in a URL is scrubbed too (a `state` field, e.g. of readiness, is not).
_QUERY_SECRET = re.compile(
    r"(?i)\b((?:x[-_])?api[-_]?key|key|token|access_token|refresh_token|id_token"
    r"|client_secret|code|code_verifier|password|state)=([^&\s\"'<>]+)"
)
_HEADER_SECRET = re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+")
# A password in a URL's user info: `amqp://user:secret@host`, `https://elastic:secret@es:9200`.
# Bounded parts: from each start the search reads at most a few hundred characters.
_URL_PASSWORD = re.compile(r"(?i)\b([a-z][a-z0-9+.-]{0,31}://[^/\s:@]{0,256}):[^/\s@]{0,256}@")
_HEADER_LINE = re.compile(r"(?i)\b(x-api-key|authorization)(\"?\s*[:=]\s*\"?)[^\s\"',}]+")
# What any of the three needs; most values (routes, ids, timestamps) have none of it,
# and skipping them keeps redaction to a few microseconds per line.
_MAYBE_SECRET = re.compile(r"(?i)=|bearer|basic|x-api-key|authorization|://[^/\s]*@")

_HANDLER_NAME = "recindex"


@functools.lru_cache(maxsize=1024)
def is_sensitive(name: str) -> bool:
    normalized = name.lower().replace("-", "_")
    if normalized in _NOT_SECRET:
        return False
    return normalized in SENSITIVE_KEYS or normalized.endswith(_SENSITIVE_SUFFIXES)


# Most fields repeat from line to line (event names, routes, levels, logger names):
# a short text's redacted form is remembered per field name, up to this many.
_REMEMBERED_FIELDS = 4096
_REMEMBERED_LENGTH = 128
_PLAIN = frozenset({int, float, bool, type(None)})


class Redactor:
    """A processor that blanks sensitive fields and scrubs secrets out of text."""

    def __init__(self, secret_values: Iterable[str] = ()) -> None:
        # Configured secrets (API keys, client secrets) are also removed verbatim,
        # wherever they appear; short values would blank ordinary words, so skip them.
        self._values = sorted({v for v in secret_values if len(v) >= 6}, key=len, reverse=True)
        self._remembered: dict[tuple[str, str], Any] = {}

    def __call__(self, logger: WrappedLogger, method_name: str, event_dict: EventDict) -> EventDict:
        remembered = self._remembered
        redacted = {}
        for key, value in event_dict.items():
            if type(value) is str and len(value) <= _REMEMBERED_LENGTH:
                field = (key, value)
                clean = remembered.get(field)
                if clean is None:
                    clean = self._value(key, value)
                    if len(remembered) >= _REMEMBERED_FIELDS:
                        remembered.clear()  # ids and other one-off values filled it
                    remembered[field] = clean
                redacted[key] = clean
            elif type(value) in _PLAIN and not is_sensitive(key):
                redacted[key] = value
            else:
                redacted[key] = self._value(key, value)
        return redacted

    def _value(self, key: str, value: Any) -> Any:
        if is_sensitive(key):
            return REDACTED
        if isinstance(value, str):
            return self.scrub(value)
        if isinstance(value, Mapping):
            return {k: self._value(str(k), v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self._value("", item) for item in value]
        return value

    def scrub(self, text: str) -> str:
        for secret in self._values:
            if secret in text:
                text = text.replace(secret, REDACTED)
        if not _MAYBE_SECRET.search(text):
            return text
        text = _QUERY_SECRET.sub(rf"\1={REDACTED}", text)
        text = _HEADER_SECRET.sub(rf"\1 {REDACTED}", text)
        text = _URL_PASSWORD.sub(rf"\1:{REDACTED}@", text)
        return _HEADER_LINE.sub(rf"\1\2{REDACTED}", text)


_REQUEST_ID: ContextVar[str | None] = ContextVar("recindex_request_id", default=None)


def bind_request_id(request_id: str) -> Token[str | None]:
    """Every line logged from now on in this context (and the threads it hands work
    to) carries `request_id`, until `unbind_request_id` with the token returned."""
    return _REQUEST_ID.set(request_id)


def unbind_request_id(token: Token[str | None]) -> None:
    _REQUEST_ID.reset(token)


def _add_request_id(logger: WrappedLogger, method_name: str, event_dict: EventDict) -> EventDict:
    # Our one context variable, read directly: structlog's `merge_contextvars` walks
    # every variable of the context on every line, which cost more than the line.
    request_id = _REQUEST_ID.get()
    if request_id is not None:
        event_dict.setdefault("request_id", request_id)
    return event_dict


def _to_json(event_dict: EventDict, **options: Any) -> str:
    """One JSON line: orjson, a fraction of `json.dumps`'s cost on the line each request
    writes; `json` for what orjson refuses (integers beyond 64 bits): no line is lost."""
    default = options.get("default")
    try:
        return orjson.dumps(event_dict, default=default, option=orjson.OPT_NON_STR_KEYS).decode()
    except TypeError:
        return json.dumps(event_dict, default=default)


class UtcTimestamper:
    """`timestamp`, ISO 8601 in UTC with microseconds: `2026-01-02T03:04:05.123456Z`.

    structlog's `TimeStamper` builds a `datetime` for every line; here the date and
    time of day are formatted once a second.
    """

    def __init__(self) -> None:
        self._second: tuple[int, str] = (-1, "")

    def __call__(self, logger: WrappedLogger, method_name: str, event_dict: EventDict) -> EventDict:
        now = time.time()
        second = int(now)
        known = self._second
        if known[0] != second:
            known = self._second = (second, time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(second)))
        event_dict["timestamp"] = f"{known[1]}.{int((now - second) * 1_000_000):06d}Z"
        return event_dict


def _drop_repeats(logger: WrappedLogger, method_name: str, event_dict: EventDict) -> EventDict:
    """Drop what repeats `event`: uvicorn's `color_message` (with terminal escapes) and
    the `message` a record carries once another handler (pytest's) has formatted it."""
    event_dict.pop("color_message", None)
    if event_dict.get("message") == event_dict.get("event"):
        del event_dict["message"]
    return event_dict


class _Output:
    """Where every log line goes: stderr, or what `redirect` names (tests)."""

    def __init__(self) -> None:
        self.target: TextIO | None = None

    def write(self, text: str) -> int:
        return (self.target or sys.stderr).write(text)

    def flush(self) -> None:
        (self.target or sys.stderr).flush()


_OUTPUT = _Output()
_redactor = Redactor()
"""The redactor of the last `configure_logging`, for text that is printed, not logged."""
_hot_path_logger: Any = structlog.get_logger()


def hot_path_logger() -> Any:
    """A logger bound to the last `configure_logging`, for a line on every request.

    `structlog.get_logger()` is a lazy proxy that builds a new bound logger at each
    call; this one is built once per configuration.
    """
    return _hot_path_logger


def redirect(stream: TextIO | None) -> None:
    """Send log lines to `stream` instead of stderr (`None`: back to stderr)."""
    _OUTPUT.target = stream


def configure_logging(
    level: str = "INFO", json: bool = True, secret_values: Iterable[str] = ()
) -> None:
    """Render structlog events and `logging` records alike, redacted, on one output.

    Our own events (`structlog.get_logger`) take structlog's direct path: no
    LogRecord, no caller lookup, no handler lock; that keeps the per-request log
    line to a few tens of microseconds. Library records reach the same renderer
    through a handler on the root logger. Calling it again replaces both (tests
    build many apps); handlers that others added (pytest's capture) stay.
    """
    global _redactor, _hot_path_logger
    redactor = _redactor = Redactor(secret_values)
    renderer: Processor = (
        structlog.processors.JSONRenderer(serializer=_to_json)
        if json
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    timestamper = UtcTimestamper()
    # Tracebacks become text before redaction, so that it covers them too.
    redacting: list[Processor] = [structlog.processors.format_exc_info, redactor]

    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=[
            _add_request_id,
            structlog.stdlib.add_log_level,
            structlog.stdlib.add_logger_name,
            structlog.stdlib.ExtraAdder(),
            _drop_repeats,
            timestamper,
        ],
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            *redacting,
            renderer,
        ],
    )
    handler = logging.StreamHandler(_OUTPUT)  # type: ignore[arg-type]
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())

    structlog.configure(
        processors=[
            _add_request_id,
            *redacting,
            # Level and time after redaction: ours, they hold nothing to redact.
            structlog.processors.add_log_level,
            timestamper,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level.upper())),
        logger_factory=structlog.WriteLoggerFactory(_OUTPUT),  # type: ignore[arg-type]
        # Not cached: a later configure_logging (another LOG_JSON) must reach
        # loggers that modules created at import.
        cache_logger_on_first_use=False,
    )
    _hot_path_logger = structlog.get_logger().bind()


def redact(text: str) -> str:
    """`text` (an error to print for an operator) with every secret the logs hide hidden."""
    return _redactor.scrub(text)


def redact_url(url: str) -> str:
    """`url` fit to show an operator: the password in its user info replaced."""
    return _URL_PASSWORD.sub(rf"\1:{REDACTED}@", url)


def configure_from_settings(settings: Settings) -> None:
    """`configure_logging` with LOG_LEVEL, LOG_JSON and every configured secret."""
    secrets = [*settings.api_key_list]
    # Every secret setting (a `SecretStr`): a new one is redacted without a change here.
    for name in type(settings).model_fields:
        value = getattr(settings, name)
        if isinstance(value, SecretStr):
            secret = value.get_secret_value()
            # A list (TOKEN_ENCRYPTION_KEY's keys) is hidden whole and key by key.
            secrets += [secret, *(part.strip() for part in secret.split(",") if part.strip())]
    # A password in a URL is removed wherever it appears, also outside a URL's shape
    # (a library may log host and credentials apart).
    for name in ("rabbitmq_url", "elasticsearch_url", "redis_url"):
        url = getattr(settings, name, None)
        password = urlsplit(url).password if url else None
        if password:
            secrets.append(unquote(password))
    configure_logging(settings.log_level, settings.log_json, secrets)
    for old in old_names_in_use(settings):
        structlog.get_logger("recindex.settings").warning(
            f"{old.old} is an old name: set {old.new} instead"
            + ("" if old.used else f" ({old.new} is set and wins; {old.old} is ignored)"),
            setting=old.old,
            new_name=old.new,
            used=old.used,
        )
