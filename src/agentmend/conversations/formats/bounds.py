"""Limits on what one export may cost to read, and the byte stream that enforces them.

An export is untrusted input: a small gzip can expand without end, a line can be gigabytes long, a
record can nest a million levels. Every bound here ends reading with a reason that names the limit, so a
crafted file costs a fixed, small amount of time and memory and is reported like any other bad input.
"""

from __future__ import annotations

import gzip
import io
import zlib
from dataclasses import dataclass
from typing import IO, Any, BinaryIO, cast

MiB = 1024 * 1024
GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class Limits:
    """Per-export bounds. `max_gzip_ratio` applies once `ratio_floor_bytes` have been decompressed, so a
    small, very compressible file still reads; real chat exports compress 5-30x, a bomb 1000x."""

    max_bytes: int = 4096 * MiB  # after decompression
    max_gzip_ratio: float = 100.0
    ratio_floor_bytes: int = 1 * MiB
    max_line_bytes: int = 64 * MiB
    max_record_bytes: int = 64 * MiB
    max_depth: int = 64
    prefix_bytes: int = 64 * 1024  # what format detection may look at


DEFAULT_LIMITS = Limits()


def expansion_error(decompressed: int, compressed: int, limits: Limits) -> str | None:
    """Why `compressed` gzip bytes that became `decompressed` bytes break a bound, or None."""
    if decompressed > limits.max_bytes:
        return f"export is larger than {limits.max_bytes // MiB} MiB after decompression"
    if decompressed > limits.ratio_floor_bytes and decompressed > limits.max_gzip_ratio * max(compressed, 1):
        return (
            f"gzip expands more than {limits.max_gzip_ratio:g}x ({compressed} bytes became "
            f"{decompressed}+); refused as a likely decompression bomb"
        )
    return None


class LimitExceeded(OSError):
    """Reading stopped because the export broke a bound; the message names the bound."""


class _Counting(io.RawIOBase):
    """Counts the compressed bytes gzip pulls from the underlying stream."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        data = self.raw.read(len(b))
        n = len(data)
        b[:n] = data
        self.count += n
        return n


class _Bounded(io.RawIOBase):
    """Decompressed (or plain) bytes, stopped at `max_bytes` or at a gzip expansion past the ratio."""

    def __init__(self, inner: IO[bytes], limits: Limits, compressed: _Counting | None) -> None:
        self.inner = inner
        self.limits = limits
        self.compressed = compressed
        self.count = 0
        self.broken: str | None = None  # a bound broke: what was read so far is served, then this

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        if self.broken is not None:
            raise LimitExceeded(self.broken)
        data = self.inner.read(len(b))
        n = len(data)
        self.count += n
        if self.compressed is None:
            if self.count > self.limits.max_bytes:
                self.broken = f"export is larger than {self.limits.max_bytes // MiB} MiB"
        else:
            self.broken = expansion_error(self.count, self.compressed.count, self.limits)
        b[:n] = data
        return n


class Prefixed(io.RawIOBase):
    """A stream whose first bytes were already read (to detect the format) and are served again."""

    def __init__(self, prefix: bytes, rest: IO[bytes], error: BaseException | None = None) -> None:
        self.prefix = prefix
        self.rest = rest
        self.error = error  # raised once the prefix is served: where the reader reaches it

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        if self.prefix:
            n = min(len(b), len(self.prefix))
            b[:n] = self.prefix[:n]
            self.prefix = self.prefix[n:]
            return n
        if self.error is not None:
            error, self.error = self.error, None
            raise error
        data = self.rest.read(len(b))
        b[: len(data)] = data
        return len(data)


def open_bounded(data: BinaryIO, limits: Limits) -> tuple[bytes, io.BufferedReader]:
    """The detection prefix (at most `limits.prefix_bytes`) and the whole stream, gunzipped if its magic
    bytes say gzip (whatever the file is called), both under `limits`."""
    buffered: IO[bytes] = data if hasattr(data, "peek") else io.BufferedReader(cast(Any, data))
    magic = cast(io.BufferedReader, buffered).peek(2)[:2]
    if magic == GZIP_MAGIC:
        counting = _Counting(buffered)
        gz = gzip.GzipFile(fileobj=cast(Any, counting), mode="rb")
        bounded = _Bounded(cast(IO[bytes], gz), limits, counting)
    else:
        bounded = _Bounded(buffered, limits, None)
    stream = io.BufferedReader(bounded, buffer_size=64 * 1024)
    prefix, error = read_prefix(stream, limits.prefix_bytes)
    return prefix, io.BufferedReader(Prefixed(prefix, stream, error), buffer_size=64 * 1024)


READ_ERRORS = (OSError, EOFError, zlib.error)


def read_prefix(stream: IO[bytes], size: int) -> tuple[bytes, BaseException | None]:
    """Up to `size` bytes (fewer only at the end), and the read error that stopped it, if any: the error
    surfaces later, when the reader reaches that point, so it is reported with a line number."""
    parts: list[bytes] = []
    got = 0
    try:
        while got < size:
            chunk = stream.read(size - got)
            if not chunk:
                break
            parts.append(chunk)
            got += len(chunk)
    except READ_ERRORS as exc:
        return b"".join(parts), exc
    return b"".join(parts), None
