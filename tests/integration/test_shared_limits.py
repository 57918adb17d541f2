"""Limits shared by every process: on one host through DATA_DIR, across hosts through Redis.

The real server processes (`cli serve`) ask the Deezer and YouTube stand-ins; what
reaches a stand-in is what all of them together spent.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from standins import music
from standins.catalog import standard_catalog
from standins.server import StandIn
from standins.youtube import YouTubeSearch
from tests.integration.test_serve import server
from tools.ports import free_port

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
KEY = {"X-API-Key": "k1"}
TAKE_SLOTS = """
import sys
from pathlib import Path
from services.providers.rate_limits import SharedLimits
bucket = SharedLimits(Path(sys.argv[1]), sys.argv[2] or None).rate("deezer", 10, 60)
print(sum(bucket.take() == 0.0 for _ in range(10)))
"""


def slots_taken_by_processes(data_dirs: list[Path], redis_url: str = "") -> list[int]:
    """Each process tries to take the whole limit (10 a minute) at once."""
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", TAKE_SLOTS, str(data_dir), redis_url],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        for data_dir in data_dirs
    ]
    return [int(process.communicate(timeout=60)[0]) for process in processes]


def test_processes_of_a_host_take_their_slots_from_one_count(tmp_path: Path) -> None:
    taken = slots_taken_by_processes([tmp_path] * 4)
    assert sum(taken) == 10, taken


@pytest.mark.redis
def test_hosts_take_their_slots_from_one_count_in_redis(tmp_path: Path, redis_url: str) -> None:
    hosts = [tmp_path / f"host{n}" for n in range(3)]
    taken = slots_taken_by_processes(hosts, redis_url)
    assert sum(taken) == 10, taken


@contextmanager
def servers(data_dirs: list[Path], **settings: str) -> Iterator[list[str]]:
    with ExitStack() as stack:
        yield [stack.enter_context(server(d, free_port(), **settings)) for d in data_dirs]


def lookups(urls: list[str], count: int, kind: str = "album") -> list[dict]:
    """`count` different `GET /links` spread over the servers, all at once."""

    def ask(number: int) -> dict:
        params = {"title": f"Phobia {number}", "artist": "Breaking Benjamin", "kind": kind}
        answer = httpx.get(
            f"{urls[number % len(urls)]}/links", params=params, headers=KEY, timeout=30
        )
        assert answer.status_code == 200, answer.text
        return dict(answer.json()["links"])

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(ask, range(count)))


@dataclass
class Limited:
    """The Deezer and YouTube stand-ins, and settings that limit both tightly."""

    deezer: StandIn
    youtube: YouTubeSearch

    @property
    def settings(self) -> dict[str, str]:
        return {
            "DEEZER_API_URL": self.deezer.url,
            "DEEZER_RATE_LIMIT": "4/60",
            "YOUTUBE_API_URL": self.youtube.api_url,
            "YOUTUBE_API_KEY": "standin-youtube-key",
            "YOUTUBE_DAILY_SEARCHES": "3",
            "MAX_RETRY_AFTER_SECONDS": "0.3",
        }


@contextmanager
def limited_standins() -> Iterator[Limited]:
    youtube = YouTubeSearch()
    with music.deezer(standard_catalog()).running() as deezer, youtube.standin.running():
        yield Limited(deezer, youtube)


@pytest.fixture
def limited() -> Iterator[Limited]:
    with limited_standins() as standins:
        yield standins


def test_server_processes_on_one_host_share_rate_limits_and_the_youtube_budget(
    tmp_path: Path, limited: Limited
) -> None:
    with servers([tmp_path, tmp_path], **limited.settings) as urls:
        answers = lookups(urls, 8, kind="track")
    assert 0 < len(limited.deezer.requests) <= 4  # one process alone could send 4, two send 8
    assert limited.youtube.searches() == 3
    youtube_statuses = sorted(links["youtube"]["status"] for links in answers)
    assert youtube_statuses.count("error") == 5  # the budget was used up for the day


@pytest.mark.redis
def test_servers_on_different_hosts_share_them_through_redis(
    tmp_path: Path, limited: Limited, redis_url: str
) -> None:
    hosts = [tmp_path / "host1", tmp_path / "host2"]
    with servers(hosts, REDIS_URL=redis_url, **limited.settings) as urls:
        lookups(urls, 8, kind="track")
    assert 0 < len(limited.deezer.requests) <= 4
    assert limited.youtube.searches() == 3
    for host in hosts:  # nothing was counted on a host of its own
        assert not (host / "limits.sqlite3").exists()
