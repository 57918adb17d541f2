"""One delivery attempt against a local receiver: headers, signature, and what each answer
means (delivered, tried again, refused)."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator

import pytest

from services.webhooks.sending import WebhookSender
from standins.server import Reply, Request, StandIn
from standins.webhooks import SECRET, WebhookReceiver

pytestmark = pytest.mark.unit

BODY = b'{"event":"recommendation.links","delivery":"d-1","recommendation":{"id":"x"}}'


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    built = WebhookReceiver()
    with built.standin.running():
        yield built


def sender(
    method: str = "POST", secret: str | None = SECRET, timeout: float = 2.0
) -> WebhookSender:
    return WebhookSender(method, secret, timeout)


def test_a_delivery_is_signed_and_named(receiver: WebhookReceiver) -> None:
    attempt = sender().send(receiver.url + "/hooks", BODY, "d-1")
    assert (attempt.verdict, attempt.status) == ("delivered", 204)
    [request] = receiver.standin.requests
    assert request.body == BODY
    assert request.headers["content-type"] == "application/json"
    assert request.headers["x-recindex-event"] == "recommendation.links"
    assert request.headers["x-recindex-delivery"] == "d-1"
    expected = hmac.new(SECRET.encode(), BODY, hashlib.sha256).hexdigest()
    assert request.headers["x-recindex-signature"] == f"sha256={expected}"


def test_without_a_secret_there_is_no_signature(receiver: WebhookReceiver) -> None:
    sender(secret=None).send(receiver.url + "/hooks", BODY, "d-1")
    assert "x-recindex-signature" not in receiver.standin.requests[0].headers


def test_the_method_is_the_setting(receiver: WebhookReceiver) -> None:
    attempt = sender("PUT").send(receiver.url + "/recommendations/1234/links", BODY, "d-1")
    assert attempt.verdict == "delivered"
    assert receiver.accepted[0].method == "PUT"


@pytest.mark.parametrize(
    ("reply", "verdict"),
    [
        (Reply(status=500), "retry"),
        (Reply(status=503), "retry"),
        (Reply(status=408), "retry"),
        (Reply(status=429), "retry"),
        (Reply(drop=True), "retry"),
        (Reply(status=400), "refused"),
        (Reply(status=404), "refused"),
        (Reply(status=410), "refused"),
        (Reply(status=302, headers={"Location": "/elsewhere"}), "refused"),
    ],
)
def test_each_answer_means_one_thing(receiver: WebhookReceiver, reply: Reply, verdict: str) -> None:
    receiver.standin.fail_next(reply)
    assert sender().send(receiver.url + "/hooks", BODY, "d-1").verdict == verdict


def test_a_receiver_not_listening_is_tried_again() -> None:
    attempt = sender().send("http://127.0.0.1:9/hooks", BODY, "d-1")
    assert attempt.verdict == "retry" and "cannot reach" in attempt.detail


def test_a_slow_receiver_is_tried_again_after_the_time_out(receiver: WebhookReceiver) -> None:
    receiver.standin.delay_seconds = 1.0
    attempt = sender(timeout=0.2).send(receiver.url + "/hooks", BODY, "d-1")
    assert attempt.verdict == "retry" and "no answer within 0.2 s" in attempt.detail


def test_a_redirect_on_the_same_origin_keeps_method_and_body(receiver: WebhookReceiver) -> None:
    receiver.standin.fail_next(
        Reply(status=308, headers={"Location": "/recommendations/moved/links"})
    )
    attempt = sender("PUT").send(receiver.url + "/recommendations/1/links", BODY, "d-1")
    assert attempt.verdict == "delivered"
    moved, followed = receiver.standin.requests
    assert (moved.method, moved.path) == ("PUT", "/recommendations/1/links")
    assert (followed.method, followed.path) == ("PUT", "/recommendations/moved/links")
    assert followed.body == BODY
    assert followed.headers["x-recindex-delivery"] == "d-1"


def test_a_redirect_to_another_host_is_never_followed(receiver: WebhookReceiver) -> None:
    elsewhere = StandIn("elsewhere")

    @elsewhere.route("POST", "/hooks")
    def take(request: Request) -> Reply:
        return Reply(status=204)

    with elsewhere.running():
        receiver.standin.fail_next(
            Reply(status=307, headers={"Location": elsewhere.url + "/hooks"})
        )
        attempt = sender().send(receiver.url + "/hooks", BODY, "d-1")
        assert attempt.verdict == "refused" and "not followed" in attempt.detail
        assert elsewhere.requests == []
