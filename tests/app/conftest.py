"""Fixtures for the GitHub App tests: the handlers over recording fake forges (most tests), and the real
server over the HTTP-level fake GitHub (the server's and GitHubForge's own tests)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import respx
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from fake_forge import FakeRepo
from fake_github import FakeGitHub
from handler_harness import Handlers, Snapshot, handlers_over, restore, snapshot
from http_harness import APP_ID, AppHarness, running_app

from agentmend.forges.github import GitHubForge, RetryPolicy, app_client
from agentmend.store.db import open_engine


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


@pytest.fixture(scope="session")
def shared_embeddings(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Any:
    """The session's embedder behind one embedding cache, so each test re-embeds nothing it has seen."""
    from agentmend.analysis.embed import CachedEmbedder
    from agentmend.store.analysis_memory import SqlVectors

    engine = open_engine(f"sqlite:///{tmp_path_factory.mktemp('emb') / 'cache.db'}")
    return CachedEmbedder(request.getfixturevalue("embedder"), SqlVectors(engine))


@pytest.fixture
def app_harness(
    fake_github: FakeGitHub,
    app_private_key: str,
    sleeps: list[float],
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> Iterator[AppHarness]:
    # the embedder is fetched only when a job needs it, so server-only tests never load the model
    with running_app(
        fake_github,
        app_private_key,
        sleeps,
        tmp_path,
        lambda: request.getfixturevalue("shared_embeddings"),
        request.node.name,
    ) as harness:
        yield harness


SUPPORT_AGENT = Path(__file__).resolve().parents[2] / "examples" / "support-agent"
CORPUS_CONVERSATIONS = 240  # 5 planted failure causes of >= 18 conversations each; one analysis ~3 s warm


@pytest.fixture(scope="session")
def support_agent_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The example support agent (config, prompt, tools) with a smaller generated export corpus."""
    import shutil

    from generator import generate

    root = tmp_path_factory.mktemp("support-agent") / "repo"
    shutil.copytree(SUPPORT_AGENT, root, ignore=shutil.ignore_patterns("exports", "ground_truth.json"))
    truth = generate(root, conversations=CORPUS_CONVERSATIONS, seed=7)
    assert len(truth.causes) == 5
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def handlers(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Handlers]:
    """The App's handlers over fake forges and a fresh state database; add repos with `add_repo`."""
    h = handlers_over(tmp_path, lambda: request.getfixturevalue("shared_embeddings"))
    yield h
    h.engine.dispose()


REPO = "acme/support-bot"


@pytest.fixture(scope="session")
def installed_snapshot(
    support_agent_files: dict[str, bytes], shared_embeddings: Any, tmp_path_factory: pytest.TempPathFactory
) -> Snapshot:
    """acme/support-bot with the example agent right after the app was installed and its first job ran."""
    from events import installation_created

    h = handlers_over(tmp_path_factory.mktemp("installed"), lambda: shared_embeddings)
    repo = h.add_repo(REPO, support_agent_files)
    assert h.deliver("installation", installation_created(repo)) == 1
    assert repo.open_pulls(), "the install opened no PR"
    taken = snapshot(h)
    h.engine.dispose()
    return taken


@pytest.fixture
def installed(handlers: Handlers, installed_snapshot: Snapshot) -> FakeRepo:
    """The installed repo, restored for this test (its `writes` start empty)."""
    restore(handlers, installed_snapshot)
    return handlers.repos[REPO]
