"""Fixtures for the GitHub App tests: a signing key, the stateful fake GitHub, forges bound to it."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import respx
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from fake_github import FakeGitHub

from agentmend.forges.github import GitHubForge, RetryPolicy, app_client

APP_ID = "123456"


@pytest.fixture(scope="session")
def app_private_key() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


@pytest.fixture
def fake_github() -> Iterator[FakeGitHub]:
    """An empty fake GitHub mounted on respx for the test; add repos with `fake_github.add_repo(...)`."""
    fake = FakeGitHub()
    with respx.mock(assert_all_called=False) as mock:
        fake.mount(mock)
        yield fake


@pytest.fixture
def sleeps() -> list[float]:
    """Every wait a forge asked for, instead of waiting."""
    return []


@pytest.fixture
def make_forge(
    fake_github: FakeGitHub, app_private_key: str, sleeps: list[float]
) -> Callable[[str], GitHubForge]:
    def make(full_name: str) -> GitHubForge:
        owner, repo = full_name.split("/")
        client = app_client(APP_ID, app_private_key, fake_github.installation_id)
        return GitHubForge(
            client, owner, repo, fake_github.installation_id, sleep=sleeps.append, retry=RetryPolicy()
        )

    return make
