"""A TCP proxy in front of an Elasticsearch node's transport port, the way every other
node of a test cluster reaches it (the node publishes the proxy's port).

It forwards the bytes as they are and reads only the frames' headers, so that a test can
hold the replica writes sent to the node: what a slow link or a busy replica does, on
demand. On `release` a held write is forwarded, unless its sender's connection has
closed meanwhile (a node that died): then it is dropped, as a write still on its way
when its primary died may be.

Frames (Elasticsearch 8, `TcpHeader`): `ES`, a 4-byte length (-1: a ping), then a
request id (8), a status byte, a version (4), the size of the variable header (4) and
that header, which carries the action's name uncompressed.
"""

from __future__ import annotations

import contextlib
import select
import socket
import struct
import threading
from collections.abc import Iterator

REPLICA_WRITE = b"indices:data/write/bulk[s][r]"
PING = -1
STATUS_RESPONSE = 0x01
VARIABLE_HEADER_AT = 17  # request id, status, version, variable header size
CHUNK = 65536


class TransportProxy:
    """`port` is where the node is reached; it forwards to `target_port`."""

    def __init__(self, target_port: int, host: str = "127.0.0.1") -> None:
        self._target = (host, target_port)
        self._listener = socket.create_server((host, 0))
        self.port: int = self._listener.getsockname()[1]
        self._holding = False
        self._held = 0
        self._generation = 0  # bumped by each release
        self._changed = threading.Condition()
        self._sockets: set[socket.socket] = set()
        self._closed = False

    def start(self) -> TransportProxy:
        threading.Thread(
            target=self._accept, name=f"transport-proxy-{self.port}", daemon=True
        ).start()
        return self

    def hold_replica_writes(self) -> None:
        """From now on, replica writes (and what follows them on their connection) wait."""
        with self._changed:
            self._holding = True

    @property
    def held(self) -> int:
        """Connections waiting with a replica write."""
        with self._changed:
            return self._held

    def release(self) -> None:
        """Stop holding: forward what waits, except from senders that are gone."""
        with self._changed:
            self._holding = False
            self._generation += 1
            self._changed.notify_all()

    def stop(self) -> None:
        self.release()
        self._closed = True
        self._listener.close()
        for sock in list(self._sockets):
            with contextlib.suppress(OSError):
                sock.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self._target)
            except OSError:
                client.close()
                continue
            for sock in (client, server):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                self._sockets.add(sock)
            threading.Thread(target=self._requests, args=(client, server), daemon=True).start()
            threading.Thread(target=self._copy, args=(server, client), daemon=True).start()

    def _requests(self, source: socket.socket, sink: socket.socket) -> None:
        """Towards the node: frame by frame, each replica write waiting while holding."""
        with _closing(source, sink):
            for frame in _frames(source):
                if self._holds(frame):
                    self._wait()
                    if _gone(source):
                        return
                sink.sendall(frame)

    def _holds(self, frame: bytes) -> bool:
        with self._changed:
            if not self._holding or len(frame) < 6 + VARIABLE_HEADER_AT:
                return False
        status = frame[6 + 8]
        (size,) = struct.unpack(">i", frame[6 + 13 : 6 + 17])
        header = frame[6 + VARIABLE_HEADER_AT : 6 + VARIABLE_HEADER_AT + size]
        return not status & STATUS_RESPONSE and REPLICA_WRITE in header

    def _wait(self) -> None:
        with self._changed:
            generation = self._generation
            self._held += 1
            while self._generation == generation and not self._closed:
                self._changed.wait(0.5)
            self._held -= 1

    def _copy(self, source: socket.socket, sink: socket.socket) -> None:
        with _closing(source, sink):
            while chunk := source.recv(CHUNK):
                sink.sendall(chunk)


def _gone(sock: socket.socket) -> bool:
    """Whether the peer closed the connection (even with data still unread)."""
    poller = select.poll()
    poller.register(sock, select.POLLRDHUP | select.POLLHUP | select.POLLERR)
    return bool(poller.poll(0))


def _frames(source: socket.socket) -> Iterator[bytes]:
    while True:
        prefix = _exactly(source, 6)
        if prefix is None:
            return
        (length,) = struct.unpack(">i", prefix[2:6])
        body = b"" if length == PING else _exactly(source, length)
        if body is None:
            return
        yield prefix + body


def _exactly(source: socket.socket, count: int) -> bytes | None:
    parts = bytearray()
    while len(parts) < count:
        chunk = source.recv(min(CHUNK, count - len(parts)))
        if not chunk:
            return None
        parts += chunk
    return bytes(parts)


@contextlib.contextmanager
def _closing(*sockets: socket.socket) -> Iterator[None]:
    try:
        yield
    except OSError:
        pass
    finally:
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                sock.close()
