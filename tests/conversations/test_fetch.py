"""Linked exports: https only, bearer auth from a named secret, size limits, no redirects inward."""

from __future__ import annotations

import gzip
from collections.abc import Iterator

import httpx
import pytest
import respx

from agentmend.web import fetch
from agentmend.web.fetch import Fetcher, FetchError

URL = "https://exports.example.com/conversations/latest.jsonl.gz"
BODY = gzip.compress(b'{"id": "c1", "messages": [{"role": "user", "content": "hi"}]}\n')

ADDRESSES = {
    "exports.example.com": ["93.184.216.34"],
    "cdn.example.net": ["151.101.1.69"],
    "internal.example.com": ["10.0.3.7"],
    "sneaky.example.com": ["93.184.216.35", "169.254.169.254"],
}


@pytest.fixture(autouse=True)
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def resolve(host: str) -> list[str]:
        if host not in ADDRESSES:
            raise OSError("Name or service not known")
        return ADDRESSES[host]

    monkeypatch.setattr(fetch, "resolve_host", resolve)
    yield


@respx.mock
def test_downloads_with_the_bearer_token_from_the_named_secret() -> None:
    route = respx.get(URL).mock(return_value=httpx.Response(200, content=BODY))
    with Fetcher(env={"EXPORT_TOKEN": "s3cr3t"}).fetch(URL, "EXPORT_TOKEN") as body:
        assert body.read() == BODY
    assert route.calls.last.request.headers["Authorization"] == "Bearer s3cr3t"


def test_an_unset_secret_is_named_in_the_error() -> None:
    with pytest.raises(FetchError, match="EXPORT_TOKEN.*not set"):
        Fetcher(env={}).fetch(URL, "EXPORT_TOKEN")


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://exports.example.com/x.jsonl", "only https"),
        ("https://127.0.0.1/x.jsonl", "loopback"),
        ("https://internal.example.com/x.jsonl", "private address 10.0.3.7"),
        ("https://sneaky.example.com/x.jsonl", "169.254.169.254"),
        ("https://[::1]/x.jsonl", "loopback"),
        ("https://nowhere.invalid/x.jsonl", "cannot resolve"),
    ],
)
def test_refuses_unsafe_first_urls(url: str, reason: str) -> None:
    with respx.mock(assert_all_called=False) as mock:
        mock.get(url).mock(return_value=httpx.Response(200, content=BODY))
        with pytest.raises(FetchError, match=reason) as err:
            Fetcher().fetch(url)
        assert not mock.calls  # refused before any request left
    assert err.value.url == url


@respx.mock
def test_follows_a_redirect_to_a_public_https_host_without_the_token() -> None:
    respx.get(URL).mock(
        return_value=httpx.Response(302, headers={"Location": "https://cdn.example.net/x.gz"})
    )
    cdn = respx.get("https://cdn.example.net/x.gz").mock(return_value=httpx.Response(200, content=BODY))
    with Fetcher(env={"T": "tok"}).fetch(URL, "T") as body:
        assert body.read() == BODY
    assert "Authorization" not in cdn.calls.last.request.headers


@pytest.mark.parametrize(
    ("location", "reason"),
    [
        ("http://127.0.0.1/latest.jsonl", "only https"),
        ("https://127.0.0.1/latest.jsonl", "loopback"),
        ("https://internal.example.com/latest.jsonl", "private address 10.0.3.7"),
    ],
)
def test_refuses_redirects_inward(location: str, reason: str) -> None:
    with respx.mock(assert_all_called=False) as mock:
        mock.get(URL).mock(return_value=httpx.Response(302, headers={"Location": location}))
        inner = mock.get(location).mock(return_value=httpx.Response(200, content=b"secret"))
        with pytest.raises(FetchError, match=reason):
            Fetcher().fetch(URL)
        assert not inner.called


@respx.mock
def test_too_many_redirects() -> None:
    respx.get(URL).mock(return_value=httpx.Response(301, headers={"Location": URL}))
    with pytest.raises(FetchError, match="more than 5 redirects"):
        Fetcher().fetch(URL)


@respx.mock
def test_aborts_past_the_size_limit_even_without_content_length() -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(10):
            yield b"x" * 1000

    respx.get(URL).mock(return_value=httpx.Response(200, content=chunks()))
    with pytest.raises(FetchError, match="exceeds the 4000-byte limit"):
        Fetcher(max_bytes=4000).fetch(URL)


@respx.mock
def test_http_errors_and_timeouts_name_the_url() -> None:
    respx.get(URL).mock(return_value=httpx.Response(404))
    with pytest.raises(FetchError, match=r"latest\.jsonl\.gz: HTTP 404 Not Found"):
        Fetcher().fetch(URL)
    respx.get(URL).mock(side_effect=httpx.ReadTimeout("slow"))
    with pytest.raises(FetchError, match="timed out after 5s"):
        Fetcher(timeout=5).fetch(URL)


@respx.mock
def test_a_small_gzip_that_expands_without_bound_is_aborted_while_downloading() -> None:
    bomb = gzip.compress(b"\n" * 20_000_000, 9)  # ~20 KB on the wire, 20 MB inflated
    respx.get(URL).mock(return_value=httpx.Response(200, content=bomb))
    with pytest.raises(FetchError, match="decompression bomb; download aborted"):
        Fetcher().fetch(URL)


@respx.mock
def test_the_decompressed_size_limit_applies_to_gzip_bodies_too() -> None:
    from agentmend.conversations.formats.bounds import Limits

    text = b"".join(
        b'{"id": "c%d", "messages": [{"role": "user", "content": "%d"}]}\n' % (i, i) for i in range(2000)
    )
    respx.get(URL).mock(return_value=httpx.Response(200, content=gzip.compress(text)))
    with pytest.raises(FetchError, match="larger than 0 MiB after decompression"):
        Fetcher(limits=Limits(max_bytes=50_000)).fetch(URL)
    with Fetcher().fetch(URL) as body:  # within the default limits the same body downloads as it is
        assert gzip.decompress(body.read()) == text
