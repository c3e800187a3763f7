"""Image files built byte by byte, so a test can upload a huge picture cheaply."""

import io
import struct
import zlib

from PIL import Image

__all__ = ["blank_png", "padded_png", "small_png"]


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data)
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def blank_png(width: int, height: int) -> bytes:
    """A valid, fully transparent RGBA PNG of any size, a few hundred kB on disk.

    The pixel data is the same deflate block repeated (each ends with a full
    flush, so the pieces join into one stream), and the checksum of all-zero data
    is worked out rather than computed: building 12000 × 12000 takes milliseconds.
    """
    row = b"\0" * (1 + 4 * width)  # filter byte "none", then RGBA zeros
    rows_per_piece = max(1, 4_000_000 // len(row))
    pieces, rest = divmod(height, rows_per_piece)

    def piece(rows):
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_RLE)
        return compressor.compress(row * rows) + compressor.flush(zlib.Z_FULL_FLUSH)

    body = piece(rows_per_piece) * pieces + (piece(rest) if rest else b"")
    adler32 = (((len(row) * height) % 65521) << 16) | 1  # a = 1, b = n for zeros
    stream = b"\x78\xda" + body + b"\x03\x00" + struct.pack(">I", adler32)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", stream)
        + _chunk(b"IEND", b"")
    )


def small_png(size=(1200, 900), colour="#123c69") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def padded_png(total_bytes: int) -> bytes:
    """A small picture followed by padding: a file of ``total_bytes`` that any
    image library still opens."""
    image = small_png((64, 64))
    return image + b"\0" * (total_bytes - len(image))
