"""`WEBHOOK_URL`: templates checked at start, and the URL each gives a recommendation."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from services.webhooks.receivers import InvalidReceiver, Receiver, parse_receivers
from tests.conftest import make_settings

pytestmark = pytest.mark.unit

SEED_DESIGN = "https://api.example/recommendations/{external_id}/links"


def test_the_seeds_first_design_is_one_template() -> None:
    [receiver] = parse_receivers(SEED_DESIGN)
    url = receiver.url({"id": "abc", "external_id": "1234"})
    assert url == "https://api.example/recommendations/1234/links"


def test_several_receivers_comma_separated_each_once() -> None:
    receivers = parse_receivers(
        f" {SEED_DESIGN}, https://b.example/hooks?rec={{id}} ,{SEED_DESIGN}"
    )
    assert [r.template for r in receivers] == [SEED_DESIGN, "https://b.example/hooks?rec={id}"]
    assert receivers[1].url({"id": "x_Y-1"}) == "https://b.example/hooks?rec=x_Y-1"


@pytest.mark.parametrize(
    ("external_id", "segment"),
    [
        ("../../admin", "..%2F..%2Fadmin"),
        ("..", "%2E%2E"),
        (".", "%2E"),
        ("a b?c#d", "a%20b%3Fc%23d"),
        ("ünï", "%C3%BCn%C3%AF"),
    ],
)
def test_a_clients_id_is_one_path_segment_whatever_it_holds(external_id: str, segment: str) -> None:
    url = Receiver(SEED_DESIGN).url({"id": "abc", "external_id": external_id})
    assert url == f"https://api.example/recommendations/{segment}/links"


def test_a_template_needing_an_external_id_gives_no_url_without_one() -> None:
    receiver = Receiver(SEED_DESIGN)
    assert receiver.url({"id": "abc"}) is None
    assert receiver.url({"id": "abc", "external_id": None}) is None
    assert Receiver("https://b.example/hooks").url({"id": "abc"}) == "https://b.example/hooks"


@pytest.mark.parametrize(
    ("setting", "says"),
    [
        ("https://{external_id}.example/hooks", "host"),
        ("https://api.example/{user}/links", "only {id} and {external_id}"),
        ("https://api.example/{id!r}", "only {id} and {external_id}"),
        ("ftp://api.example/hooks", "http(s)"),
        ("api.example/hooks", "http(s)"),
    ],
)
def test_a_template_recindex_cannot_fill_in_is_refused(setting: str, says: str) -> None:
    with pytest.raises(InvalidReceiver, match=says.replace("(", r"\(").replace(")", r"\)")):
        parse_receivers(setting)


def test_a_bad_webhook_url_stops_the_start(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="webhook_url"):
        make_settings(tmp_path, webhook_url="https://api.example/{user}")
    assert make_settings(tmp_path, webhook_method="put").webhook_method == "PUT"
