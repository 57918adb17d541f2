"""Free TCP ports for the servers that tests, drills and benches start on this host.

A port chosen by binding port 0 is one of the kernel's ephemeral range, the range it
also gives every outgoing connection its local port from. Between choosing a port and
the server binding it, an outgoing connection may take it: in CI a node of a 3-node
test cluster failed to bind its HTTP port that way while the cluster's nodes connected
to one another. So a port is chosen below that range, where only a server that binds
it explicitly can take it.
"""

from __future__ import annotations

import random
import socket
from pathlib import Path

EPHEMERAL_RANGE = Path("/proc/sys/net/ipv4/ip_local_port_range")
LINUX_EPHEMERAL_LOW = 32768
LOWEST = 10_000
"""Below it lie the ports of services a developer may run (databases, brokers, proxies)."""
TRIES = 100

# A generator of its own: Hypothesis seeds the module's for each test, and two test
# processes must not try the same ports in the same order.
_choice = random.Random()
# Ports this process gave: a cluster asks for six before its nodes bind any of them.
_given: set[int] = set()


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on and this process has not given
    before, below the ephemeral range."""
    candidates = range(LOWEST, _ephemeral_low())
    for _ in range(TRIES if len(candidates) >= 1000 else 0):
        port = _choice.choice(candidates)
        if port in _given:
            continue
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:  # in use: another
                continue
        _given.add(port)
        return port
    with socket.socket() as probe:  # a host whose range leaves nothing below it
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _ephemeral_low() -> int:
    try:
        return int(EPHEMERAL_RANGE.read_text().split()[0])
    except (OSError, ValueError, IndexError):  # not Linux
        return LINUX_EPHEMERAL_LOW
