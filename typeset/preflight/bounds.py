"""Bounds on what a PDF may make us decode: streams that inflate to gigabytes (a "zip bomb"
in a content stream or an ad), images declared with billions of pixels, reports of 100,000
pages.

In: a pikepdf stream and a limit. Out: the stream's decoded bytes when they are at most the
limit, else `TooLarge` — found by inflating the raw FlateDecode data in bounded steps with
zlib (never more than the limit in memory), or by the filter's worst-case ratio. Nothing
here decodes an image's pixels.
"""

from __future__ import annotations

import zlib

import pikepdf

MAX_CONTENT_BYTES = 32 * 1024 * 1024
"""A page's or an ad's content streams larger than this once decoded are not parsed (a
broadsheet page's content is well under 4 MB)."""
MAX_IMAGE_PIXELS = 120_000_000
"""An image declared larger than this (about 11,000 × 11,000) is flagged, never decoded (the
same limit as photos placed by the manifest)."""
WORST_RATIO = {"/FlateDecode": 1032, "/Fl": 1032, "/LZWDecode": 4096, "/LZW": 4096,
               "/RunLengthDecode": 128, "/RL": 128, "/ASCIIHexDecode": 1, "/AHx": 1,
               "/ASCII85Decode": 1, "/A85": 1}
"""The most a filter can expand its input (zlib's deflate limit is about 1032:1)."""


class TooLarge(Exception):
    """The stream decodes to more than the limit (the message says how it was found)."""


def _filters(stream: pikepdf.Stream) -> list[str]:
    value = stream.get("/Filter")
    if value is None:
        return []
    if isinstance(value, pikepdf.Array):
        return [str(v) for v in value]
    return [str(value)]


def bounded_bytes(stream: pikepdf.Stream, limit: int = MAX_CONTENT_BYTES) -> bytes:
    """The decoded data of `stream`, or TooLarge when it is more than `limit` bytes."""
    raw = stream.read_raw_bytes()
    filters = _filters(stream)
    if filters[:1] in (["/FlateDecode"], ["/Fl"]):
        inflate = zlib.decompressobj()
        size = 0
        chunk = raw
        while chunk:
            try:
                out = inflate.decompress(chunk, 1 << 20)
            except zlib.error:  # damaged data: pikepdf decodes what it can, or says why
                break
            size += len(out)
            if size > limit:
                raise TooLarge(f"inflates to more than {limit // (1024 * 1024)} MB "
                               f"({len(raw):,} bytes stored)")
            chunk = inflate.unconsumed_tail
            if not out and not chunk:
                break
        worst = size * _worst(filters[1:])
    else:
        worst = len(raw) * _worst(filters)
    if worst > limit and filters and filters[0] not in ("/FlateDecode", "/Fl"):
        raise TooLarge(f"may decode to more than {limit // (1024 * 1024)} MB "
                       f"({len(raw):,} bytes stored, filters {' '.join(filters)})")
    return stream.read_bytes()


def _worst(filters: list[str]) -> int:
    ratio = 1
    for name in filters:
        ratio *= WORST_RATIO.get(name, 1)
    return ratio


def bounded_content(streams: list[pikepdf.Stream], limit: int = MAX_CONTENT_BYTES) -> bytes:
    """The content streams of a page joined, or TooLarge when together they exceed `limit`."""
    parts = []
    left = limit
    for stream in streams:
        data = bounded_bytes(stream, left)
        left -= len(data)
        if left < 0:
            raise TooLarge(f"decodes to more than {limit // (1024 * 1024)} MB")
        parts.append(data)
    return b"\n".join(parts)


def declared_pixels(image) -> int:
    """Width × height an image XObject declares (0 when unreadable)."""
    try:
        return int(image.get("/Width", 0)) * int(image.get("/Height", 0))
    except (TypeError, ValueError):
        return 0
