"""Fetch linked exports (`url:` in the repo config) over HTTPS without becoming an SSRF door.

Only https is allowed; every hop (the first URL and each redirect, followed by hand, at most 5) must name a
host whose addresses are all public, so a config or a redirect cannot point agentmend at the metadata
service, localhost or the internal network. The body is streamed to a temporary file and aborted past a
size limit; a gzip body is also inflated on the way (and discarded) so that what it would expand to is
bounded too, by the same `Limits` the reader applies. The bearer token is only sent to the host the config
names, never to a redirect elsewhere.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import tempfile
import time
import zlib
from collections.abc import Mapping
from typing import BinaryIO
from urllib.parse import urljoin, urlsplit

import httpx

from agentmend.conversations.formats.bounds import DEFAULT_LIMITS, GZIP_MAGIC, Limits, MiB, expansion_error

DEFAULT_MAX_BYTES = 200 * 1024 * 1024
DEFAULT_TIMEOUT = 60.0
MAX_REDIRECTS = 5
_REDIRECTS = (301, 302, 303, 307, 308)


class FetchError(RuntimeError):
    """A linked export could not be fetched; says which URL and why."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


def resolve_host(host: str) -> list[str]:
    """Every address `host` resolves to (tests replace this function)."""
    infos = socket.getaddrinfo(host, 443, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def _blocked(address: str) -> str | None:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for label, flag in (
        ("loopback", ip.is_loopback),
        ("private", ip.is_private),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("unspecified", ip.is_unspecified),
    ):
        if flag:
            return label
    return None if ip.is_global else "non-public"


def check_url(url: str) -> None:
    """Refuse anything but https to a host whose every address is public."""
    parts = urlsplit(url)
    if parts.scheme != "https":
        raise FetchError(url, f"only https:// URLs are allowed (got {parts.scheme or 'no'} scheme)")
    host = parts.hostname
    if not host:
        raise FetchError(url, "the URL has no host")
    try:
        addresses = [str(ipaddress.ip_address(host))]
    except ValueError:
        try:
            addresses = resolve_host(host)
        except OSError as exc:
            raise FetchError(url, f"cannot resolve host {host}: {exc}") from exc
    if not addresses:
        raise FetchError(url, f"host {host} resolves to no address")
    for address in addresses:
        why = _blocked(address)
        if why:
            raise FetchError(url, f"host {host} resolves to {why} address {address}; refused")


class Fetcher:
    """Downloads linked exports with limits. `client` and `env` are injectable for tests."""

    def __init__(
        self,
        max_bytes: int = DEFAULT_MAX_BYTES,
        timeout: float = DEFAULT_TIMEOUT,
        client: httpx.Client | None = None,
        env: Mapping[str, str] | None = None,
        limits: Limits = DEFAULT_LIMITS,
    ) -> None:
        self.max_bytes = max_bytes
        self.limits = limits
        self.timeout = timeout
        self._client = client
        self._env = env

    def headers(self, url: str, auth_secret: str | None) -> dict[str, str]:
        headers = {"User-Agent": "agentmend", "Accept-Encoding": "identity"}
        if auth_secret:
            env = os.environ if self._env is None else self._env
            token = env.get(auth_secret)
            if not token:
                raise FetchError(
                    url, f"auth_secret names {auth_secret}, but that environment variable is not set or empty"
                )
            headers["Authorization"] = f"Bearer {token}"
        return headers

    def fetch(self, url: str, auth_secret: str | None = None) -> BinaryIO:
        """The body as a temporary file positioned at 0 (the caller closes it)."""
        headers = self.headers(url, auth_secret)
        origin = urlsplit(url).hostname
        deadline = time.monotonic() + self.timeout
        client = self._client or httpx.Client(timeout=self.timeout, follow_redirects=False)
        try:
            current = url
            for _ in range(MAX_REDIRECTS + 1):
                check_url(current)
                hop_headers = (
                    headers
                    if urlsplit(current).hostname == origin
                    else {k: v for k, v in headers.items() if k != "Authorization"}
                )
                with client.stream("GET", current, headers=hop_headers, follow_redirects=False) as response:
                    if response.status_code in _REDIRECTS:
                        location = response.headers.get("location")
                        if not location:
                            raise FetchError(current, f"redirect {response.status_code} without a Location")
                        current = urljoin(current, location)
                        continue
                    if response.status_code != 200:
                        raise FetchError(
                            current, f"HTTP {response.status_code} {response.reason_phrase}".strip()
                        )
                    return self._download(current, response, deadline)
            raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")
        except httpx.TimeoutException as exc:
            raise FetchError(url, f"timed out after {self.timeout:g}s") from exc
        except httpx.HTTPError as exc:
            raise FetchError(url, f"request failed: {exc}") from exc
        finally:
            if self._client is None:
                client.close()

    def _download(self, url: str, response: httpx.Response, deadline: float) -> BinaryIO:
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(url, f"export is {int(declared)} bytes, over the {self.max_bytes}-byte limit")
        out = tempfile.TemporaryFile()  # noqa: SIM115 - returned open to the reader, closed on error
        size = 0
        inflated: _Inflated | None = None
        try:
            for chunk in response.iter_raw():
                if size == 0 and chunk[:2] == GZIP_MAGIC:
                    inflated = _Inflated()
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchError(url, f"export exceeds the {self.max_bytes}-byte limit; download aborted")
                if time.monotonic() > deadline:
                    raise FetchError(url, f"download took longer than {self.timeout:g}s; aborted")
                if inflated is not None:
                    why = expansion_error(inflated.feed(chunk, self.limits.max_bytes), size, self.limits)
                    if why:
                        raise FetchError(url, f"{why}; download aborted")
                out.write(chunk)
        except BaseException:
            out.close()
            raise
        out.seek(0)
        return out


class _Inflated:
    """Counts what a gzip body inflates to without keeping it (members one after another, as gzip allows).

    A corrupt stream stops counting; the reader reports it with a line number."""

    def __init__(self) -> None:
        self.size = 0
        self._d = zlib.decompressobj(wbits=31)
        self._broken = False

    def feed(self, chunk: bytes, stop_at: int) -> int:
        data = chunk
        while data and not self._broken and self.size <= stop_at:
            try:
                self.size += len(self._d.decompress(data, MiB))
            except zlib.error:
                self._broken = True
                break
            if self._d.unconsumed_tail:
                data = self._d.unconsumed_tail
            elif self._d.eof and self._d.unused_data:
                data = self._d.unused_data
                self._d = zlib.decompressobj(wbits=31)
            else:
                data = b""
        return self.size
