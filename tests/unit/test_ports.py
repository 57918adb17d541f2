"""Ports for the servers tests start: free, and out of the range outgoing connections use."""

from __future__ import annotations

import socket

import pytest

from tools.ports import LOWEST, _ephemeral_low, free_port

pytestmark = pytest.mark.unit


def test_a_port_is_free_and_below_the_ephemeral_range() -> None:
    ports = [free_port() for _ in range(20)]
    assert all(LOWEST <= port < _ephemeral_low() for port in ports), ports
    assert len(set(ports)) == len(ports)  # never the same twice
    for port in ports:
        with socket.socket() as server:
            server.bind(("127.0.0.1", port))  # nothing holds it


def test_a_port_in_use_is_passed_over(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as taken, socket.socket() as probe:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        probe.bind(("127.0.0.1", 0))
        held, free = taken.getsockname()[1], probe.getsockname()[1]
        probe.close()
        tried = iter([held, free])

        class Chooser:
            def choice(self, _: range) -> int:
                return next(tried)

        monkeypatch.setattr("tools.ports._choice", Chooser())
        assert free_port() == free
