"""The community hears back over HTTP, without a broker: the embedded outbox and the API's
deliverer, against a receiver stand-in that is down for its first attempts (issue 19)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from app import build_injector, create_app
from services.settings import Settings
from services.webhooks.deliveries import attempts_within
from services.webhooks.module import OUTBOX_FILE
from services.webhooks.outbox_store import OutboxStore
from standins.server import Reply
from standins.webhooks import SECRET, WebhookReceiver
from tests.conftest import AUTH, make_settings
from tests.links.conftest import Music

pytestmark = pytest.mark.unit

SEED: dict[str, Any] = {
    "title": "Breaking - Phobia",
    "user": "username",
    "description": "...",
    "img": "https://community.example/img/1.jpg",
    "created_at": "2024-02-12T12:00:00Z",
    "updated_at": "2024-02-12T12:00:00Z",
    "reclink": "https://community.example/posts/1",
    "id": 1234,
}
"""The seed's JSON (its elided URLs filled in) with the community's id."""
FIRST_DESIGN = "/recommendations/{external_id}/links"


def eventually(check: Callable[[], Any], timeout: float = 20.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(0.05)


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    built = WebhookReceiver()
    with built.standin.running():
        yield built


@pytest.fixture
def music(music_standins: Music) -> Music:
    # A band called Breaking, whose album the seed recommends.
    music_standins.catalog.add("album", "Phobia", "Breaking", year=2001, upc="0000000000017")
    return music_standins


def webhook_settings(
    tmp_path: Path, music: Music, receiver: WebhookReceiver, **overrides: object
) -> Settings:
    values: dict[str, object] = {
        **music.settings,
        "webhook_url": receiver.url + FIRST_DESIGN,
        "webhook_method": "PUT",
        "webhook_secret": SECRET,
        "webhook_retry_delays": (0.1, 0.2),
        "webhook_timeout_seconds": 2.0,
        **overrides,
    }
    return make_settings(tmp_path, **values)


def app(settings: Settings) -> TestClient:
    return TestClient(create_app(build_injector(settings)))


def metric(client: TestClient, outcome: str) -> float:
    wanted = f'recindex_webhook_deliveries_total{{outcome="{outcome}"}} '
    for line in client.get("/metrics").text.splitlines():
        if line.startswith(wanted):
            return float(line.split()[-1])
    return 0.0


def test_the_seeds_links_reach_a_receiver_that_was_down_at_first(
    tmp_path: Path, music: Music, receiver: WebhookReceiver
) -> None:
    receiver.standin.fail_next(Reply(status=503), Reply(drop=True), Reply(status=500))
    with app(webhook_settings(tmp_path, music, receiver)) as client:
        created = client.post("/recommendations", json=SEED, headers=AUTH)
        assert created.status_code == 201, created.text
        assert eventually(lambda: receiver.accepted), "nothing delivered"
        time.sleep(0.5)  # a second delivery would come within the back-off
    attempts = receiver.received()
    assert len(attempts) == 4  # three failures, then taken
    assert len({attempt.delivery for attempt in attempts}) == 1  # one delivery id throughout
    assert all(attempt.signature_ok for attempt in attempts)
    [taken] = receiver.accepted
    assert (taken.method, taken.path) == ("PUT", "/recommendations/1234/links")
    assert taken.event == "recommendation.links"
    assert taken.body["event"] == "recommendation.links"
    assert taken.body["delivery"] == taken.delivery
    document = taken.body["recommendation"]
    assert document["id"] == created.json()["id"]
    assert document["external_id"] == "1234"
    assert (document["kind"], document["kind_inferred_from"]) == ("album", "lookup")
    assert document["links"]["spotify"]["status"] == "found"
    assert document["updated_at"] == "2024-02-12T12:00:00.000Z"
    assert "links_notified" not in document and "dedup_key" not in document


def test_a_delivery_waits_in_the_outbox_across_a_restart(
    tmp_path: Path, music: Music, receiver: WebhookReceiver
) -> None:
    settings = webhook_settings(tmp_path, music, receiver)
    receiver.standin.fail_all(Reply(status=503))
    with app(settings) as client:
        client.post("/recommendations", json=SEED, headers=AUTH)
        assert eventually(lambda: len(receiver.received()) >= 2)
    store = OutboxStore(settings.data_dir / OUTBOX_FILE)
    assert store.counts() == (1, 0)  # waiting, not dead
    receiver.standin.fail_all(None)
    with app(settings):
        assert eventually(lambda: receiver.accepted)
    assert len({attempt.delivery for attempt in receiver.received()}) == 1
    assert store.counts() == (0, 0)
    store.close()


def test_a_client_error_is_not_retried_and_is_dead_lettered(
    tmp_path: Path, music: Music, receiver: WebhookReceiver
) -> None:
    receiver.status = 422
    settings = webhook_settings(tmp_path, music, receiver)
    with app(settings) as client:
        before = metric(client, "dead_lettered")
        client.post("/recommendations", json=SEED, headers=AUTH)
        assert eventually(lambda: metric(client, "dead_lettered") == before + 1)
        time.sleep(0.5)
    assert len(receiver.received()) == 1
    store = OutboxStore(settings.data_dir / OUTBOX_FILE)
    [(_, receiver_url, reason)] = store.dead_letters()
    assert receiver_url.endswith(FIRST_DESIGN) and "not retried: answered 422" in reason
    store.close()


def test_a_receiver_down_for_longer_than_the_maximum_age_gets_it_dead_lettered(
    tmp_path: Path, music: Music, receiver: WebhookReceiver
) -> None:
    receiver.standin.fail_all(Reply(status=503))
    # Long enough for a few tries on a busy machine (half a second was not, at times).
    settings = webhook_settings(tmp_path, music, receiver, webhook_max_age_seconds=2.0)
    with app(settings) as client:
        before = metric(client, "dead_lettered")
        client.post("/recommendations", json=SEED, headers=AUTH)
        assert eventually(lambda: metric(client, "dead_lettered") == before + 1)
    tries = len(receiver.received())
    # 0.1 s, then 0.2 s apart: never more tries than fit in the maximum age.
    assert 2 <= tries <= attempts_within(2.0, settings.webhook_retry_delays)
    store = OutboxStore(settings.data_dir / OUTBOX_FILE)
    [(_, _, reason)] = store.dead_letters()
    assert "gave up after" in reason
    store.close()


def test_without_an_external_id_a_url_that_needs_one_is_skipped(
    tmp_path: Path, music: Music, receiver: WebhookReceiver
) -> None:
    with app(webhook_settings(tmp_path, music, receiver)) as client:
        before = metric(client, "skipped")
        body = {name: value for name, value in SEED.items() if name != "id"}
        created = client.post("/recommendations", json=body, headers=AUTH).json()
        path = f"/recommendations/{created['id']}"
        assert eventually(lambda: client.get(path).json()["links_status"] == "complete")
        assert eventually(lambda: metric(client, "skipped") == before + 1)
    assert receiver.received() == []


def test_links_looked_up_again_unchanged_are_not_told_again_a_correction_is(
    tmp_path: Path, music: Music, receiver: WebhookReceiver
) -> None:
    with app(webhook_settings(tmp_path, music, receiver)) as client:
        created = client.post("/recommendations", json=SEED, headers=AUTH).json()
        assert eventually(lambda: receiver.accepted)
        path = f"/recommendations/{created['id']}"
        assert client.post(f"{path}/lookup", headers=AUTH).status_code == 202
        assert eventually(lambda: client.get(path).json()["links_status"] == "complete")
        time.sleep(0.5)
        assert len(receiver.accepted) == 1
        corrected = client.put(
            f"{path}/links/deezer", json={"url": "https://www.deezer.com/album/1"}, headers=AUTH
        )
        assert corrected.status_code == 200
        assert eventually(lambda: len(receiver.accepted) == 2)
    first, second = receiver.accepted
    assert first.delivery != second.delivery
    assert second.body["recommendation"]["links"]["deezer"]["method"] == "manual"


def test_a_hanging_receiver_slows_neither_the_api_nor_lookups(
    tmp_path: Path, music: Music, receiver: WebhookReceiver
) -> None:
    receiver.standin.delay_seconds = 3.0
    with app(webhook_settings(tmp_path, music, receiver, webhook_timeout_seconds=5.0)) as client:
        first = client.post("/recommendations", json=SEED, headers=AUTH).json()
        assert eventually(lambda: receiver.standin.requests)  # a delivery is hanging now
        started = time.monotonic()
        other = {**SEED, "id": 99, "reclink": "https://community.example/posts/99"}
        second = client.post("/recommendations", json=other, headers=AUTH)
        assert second.status_code == 201
        path = f"/recommendations/{second.json()['id']}"
        assert eventually(lambda: client.get(path).json()["links_status"] == "complete")
        assert time.monotonic() - started < 2.5  # before the hanging receiver answered
        assert client.get(f"/recommendations/{first['id']}").status_code == 200
        assert receiver.accepted == []
