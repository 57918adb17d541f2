"""The hot point read runs inline only where that cannot block the event loop."""

from __future__ import annotations

import threading
from pathlib import Path

import anyio
import pytest

from api.offload import InlinePointReads, PointReads
from app import build_injector
from tests.conftest import make_settings

pytestmark = pytest.mark.unit


def on_the_event_loop(reads: PointReads) -> bool:
    """Whether `reads` runs a read on the event loop's own thread."""

    async def main() -> tuple[int, int]:
        return threading.get_ident(), await reads.run(threading.get_ident)

    loop_thread, call_thread = anyio.run(main)
    return loop_thread == call_thread


def test_the_embedded_index_reads_inline_and_a_remote_one_on_a_thread(tmp_path: Path) -> None:
    embedded = build_injector(make_settings(tmp_path)).get(PointReads)
    remote = build_injector(make_settings(tmp_path, elasticsearch_url="http://127.0.0.1:9"))
    assert on_the_event_loop(embedded)
    assert not on_the_event_loop(remote.get(PointReads))


@pytest.mark.parametrize(("reads", "inline"), [(InlinePointReads(), True), (PointReads(), False)])
def test_where_the_call_runs(reads: PointReads, inline: bool) -> None:
    assert on_the_event_loop(reads) is inline
