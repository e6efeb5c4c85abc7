"""One job per repository at a time, on every queue backend: the lease lives in the state database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import payloads
import pytest
from fake_github import FakeGitHub
from http_harness import AppHarness, running_app
from huey import SqliteHuey

from agentmend.app import leases
from agentmend.store.db import open_engine


def test_a_lease_is_held_by_one_worker_until_released_or_expired(tmp_path: Path) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'state.db'}")
    assert leases.acquire(engine, "repo:acme/bot", "worker-a", seconds=60, now=1000.0)
    assert not leases.acquire(engine, "repo:acme/bot", "worker-b", seconds=60, now=1030.0)
    assert leases.acquire(engine, "repo:acme/other", "worker-b", seconds=60, now=1030.0)  # other repo: free
    leases.release(engine, "repo:acme/bot", "worker-b")  # not b's: nothing happens
    assert not leases.acquire(engine, "repo:acme/bot", "worker-b", seconds=60, now=1031.0)
    # a holder that keeps renewing keeps it past the first expiry
    assert leases.renew(engine, "repo:acme/bot", "worker-a", seconds=60, now=1050.0)
    assert not leases.acquire(engine, "repo:acme/bot", "worker-b", seconds=60, now=1100.0)
    # worker a died: once its lease ran out, b takes over, and a can no longer renew or release it
    assert leases.acquire(engine, "repo:acme/bot", "worker-b", seconds=60, now=1111.0)
    assert not leases.renew(engine, "repo:acme/bot", "worker-a", seconds=60, now=1112.0)
    leases.release(engine, "repo:acme/bot", "worker-a")
    assert not leases.acquire(engine, "repo:acme/bot", "worker-c", seconds=60, now=1113.0)
    leases.release(engine, "repo:acme/bot", "worker-b")
    assert leases.acquire(engine, "repo:acme/bot", "worker-c", seconds=60, now=1114.0)


def test_held_refuses_a_busy_name_and_frees_it_after_the_block(tmp_path: Path) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'state.db'}")
    with (
        leases.held(engine, "repo:acme/bot"),
        pytest.raises(leases.LeaseBusy),
        leases.held(engine, "repo:acme/bot"),
    ):
        pass
    with pytest.raises(RuntimeError, match="boom"), leases.held(engine, "repo:acme/bot"):
        raise RuntimeError("boom")
    with leases.held(engine, "repo:acme/bot"):  # free again after an error inside the block
        pass


def test_a_job_runs_on_the_real_sqlite_queue(
    fake_github: FakeGitHub, app_private_key: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """The default deployment's queue (SqliteHuey) runs a job end to end: before the lease, every job
    failed there with `NotImplementedError: ttl is not supported by this storage`."""
    huey = SqliteHuey("agentmend", filename=str(tmp_path / "queue.db"))
    sleeps: list[float] = []
    embedder: Any = lambda: request.getfixturevalue("shared_embeddings")  # noqa: E731
    with running_app(fake_github, app_private_key, sleeps, tmp_path, embedder, "sqlite", huey) as harness:
        repo = fake_github.add_repo("acme/website", {"index.html": "<h1>hi</h1>\n"})
        delivered = harness.deliver("installation", payloads.installation_created(fake_github, repo))
        assert delivered.status_code == 202
        assert harness.pending == 1
        assert harness.run_jobs() == 1
        assert fake_github.count("POST", r"/app/installations/\d+/access_tokens") == 1
        assert fake_github.count("GET", r"/git/trees/") == 1  # it looked for the config, found none
        assert harness.pending == 0 and harness.queue.huey.scheduled_count() == 0


def test_a_job_for_a_busy_repository_waits_its_turn_without_using_a_retry(app_harness: AppHarness) -> None:
    repo = app_harness.fake.add_repo("acme/bot", {"README.md": "hi\n"})
    before = repo.refs["heads/main"]
    after = repo.commit_files({"exports/a.jsonl": "{}\n"})
    app_harness.deliver(
        "push", payloads.push(app_harness.fake, repo, before, after, added=["exports/a.jsonl"])
    )
    with leases.held(app_harness.engine, "repo:acme/bot"):  # another worker is on this repo
        app_harness.run_jobs()
    assert app_harness.fake.calls == []
    assert app_harness.queue.huey.scheduled_count() == 1  # retried shortly
    (task,) = app_harness.queue.huey.scheduled()
    assert task.retries == 4  # a busy repo does not use up the job's retries
