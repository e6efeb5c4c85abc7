"""The webhook endpoint: only signed deliveries get in, each runs once, and the request never calls GitHub."""

from __future__ import annotations

import payloads
import pytest
from http_harness import AppHarness


def test_healthz_answers(app_harness: AppHarness) -> None:
    assert app_harness.client.get("/healthz").json() == {"status": "ok"}


def test_ping_is_answered_without_a_job(app_harness: AppHarness) -> None:
    resp = app_harness.deliver("ping", {"zen": "Design for failure.", "hook_id": 292430182})
    assert resp.status_code == 200 and resp.json()["status"] == "pong"
    assert app_harness.pending == 0


def test_a_bad_missing_or_sha1_signature_is_refused_and_enqueues_nothing(app_harness: AppHarness) -> None:
    repo = app_harness.fake.add_repo("acme/bot", {"README.md": "hi\n"})
    payload = payloads.installation_created(app_harness.fake, repo)
    for sig in (None, "sha256=" + "0" * 64, "sha1=2fd4e1c67a2d28fced849ee1bb76e7391b93eb12"):
        resp = app_harness.deliver("installation", payload, signature=sig)
        assert resp.status_code == 401, sig
    assert app_harness.pending == 0
    assert app_harness.fake.calls == []


def test_a_delivery_is_queued_and_answered_202_without_calling_github(app_harness: AppHarness) -> None:
    repo = app_harness.fake.add_repo("acme/bot", {"README.md": "hi\n"})
    resp = app_harness.deliver("installation", payloads.installation_created(app_harness.fake, repo))
    assert resp.status_code == 202 and resp.json()["status"] == "queued"
    assert app_harness.pending == 1
    assert app_harness.fake.calls == []  # all GitHub work happens in the worker


def test_a_redelivery_is_acknowledged_as_duplicate_and_runs_once(app_harness: AppHarness) -> None:
    repo = app_harness.fake.add_repo("acme/bot", {"README.md": "hi\n"})  # no config: the job stays quiet
    payload = payloads.installation_created(app_harness.fake, repo)
    first = app_harness.deliver("installation", payload, delivery="abc-1")
    second = app_harness.deliver("installation", payload, delivery="abc-1")
    assert first.status_code == 202
    assert second.status_code == 200 and second.json()["status"] == "duplicate"
    assert app_harness.run_jobs() == 1


def test_events_nobody_handles_are_acknowledged_but_not_queued(app_harness: AppHarness) -> None:
    resp = app_harness.deliver("star", {"action": "created", "starred_at": "2026-10-22T00:00:00Z"})
    assert resp.status_code == 202 and resp.json()["status"] == "ignored"
    assert app_harness.pending == 0


def test_when_the_queue_is_down_the_delivery_can_be_redelivered(
    app_harness: AppHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = app_harness.fake.add_repo("acme/bot", {"README.md": "hi\n"})
    payload = payloads.installation_created(app_harness.fake, repo)

    def down(event: object) -> None:
        raise ConnectionError("redis: connection refused")

    monkeypatch.setattr(app_harness.queue, "enqueue", down)
    assert app_harness.deliver("installation", payload, delivery="d-7").status_code == 503
    monkeypatch.undo()
    assert app_harness.deliver("installation", payload, delivery="d-7").status_code == 202
    assert app_harness.pending == 1
