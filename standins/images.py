"""Spotify's image CDN (`https://i.scdn.co/image/<id>`): covers, as PNG.

`cover_url(colour)` names a cover of one flat colour (`#rrggbb`), so that a test can
tell from a screenshot whether a browser drew it. Requests are recorded, with their
`User-Agent`: who fetched the cover.
"""

from __future__ import annotations

import struct
import zlib

from standins.server import Reply, Request, StandIn

SIZE = 64


def png(red: int, green: int, blue: int, size: int = SIZE) -> bytes:
    """A `size` x `size` PNG of one colour (8-bit RGB, no filter)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes((red, green, blue)) * size
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * size))
        + chunk(b"IEND", b"")
    )


class SpotifyImages:
    """Serves `/image/<rrggbb>` as a flat cover of that colour."""

    def __init__(self) -> None:
        self.standin = StandIn("spotify-images")
        self.standin.route("GET", r"/image/(?P<colour>[0-9a-f]{6})")(self._image)

    def cover_url(self, colour: str) -> str:
        return f"{self.standin.url}/image/{colour.lstrip('#').lower()}"

    def _image(self, request: Request) -> Reply:
        colour = request.match["colour"]
        rgb = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
        return Reply(raw=png(*rgb), headers={"Content-Type": "image/png"})
