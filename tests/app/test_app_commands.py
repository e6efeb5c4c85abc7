"""`@agentmend` commands on agentmend's PRs, through the handlers over a recording fake forge: who may run
them, what each does to the PR, and the one status comment that answers."""

from __future__ import annotations

import events
from fake_forge import Closed, Commented, FakeRepo, Pull, Pushed, Reacted
from handler_harness import Handlers

from agentmend.store import changes

REPO = "acme/support-bot"


def _first(repo: FakeRepo) -> Pull:
    return repo.open_pulls()[0]


def _status(repo: FakeRepo, number: int) -> str:
    status = repo.app_comment(number, "status")
    assert status is not None, f"no status comment on #{number}"
    return status.body


def test_regenerate_from_a_writer_force_pushes_and_edits_one_status_comment(
    handlers: Handlers, installed: FakeRepo
) -> None:
    repo = installed
    repo.permissions["alice"] = "write"
    pr = _first(repo)
    old_head = repo.refs[pr.branch]
    payload = events.issue_comment_created(repo, pr.number, "@agentmend regenerate shorter please", "alice")
    handlers.deliver("issue_comment", payload)

    new_head = repo.refs[pr.branch]
    assert new_head != old_head and old_head not in repo.first_parents(new_head)  # force-pushed
    assert repo.first_parents(new_head)[1] == repo.refs["main"]
    assert b"shorter please" in b"".join(repo.files_at(pr.branch).values())
    assert "@alice" in pr.body and "shorter please" in pr.body
    assert repo.reactions == [Reacted(payload["comment"]["id"], "eyes")]
    status = _status(repo, pr.number)
    assert "regenerate" in status and "✅" in status
    assert len(repo.open_pulls()) == 5
    row = changes.find(handlers.engine, REPO, branch=pr.branch)
    assert row is not None and row.head_sha == new_head

    handlers.deliver(
        "issue_comment", events.issue_comment_created(repo, pr.number, "/agentmend explain", "alice")
    )
    status = _status(repo, pr.number)  # the same comment, now answering `explain`
    assert "Evidence for" in status and "Lift" in status


def test_the_same_command_from_a_read_only_user_is_politely_refused(
    handlers: Handlers, installed: FakeRepo
) -> None:
    repo = installed
    repo.permissions["bob"] = "read"
    pr = _first(repo)
    head = repo.refs[pr.branch]
    payload = events.issue_comment_created(repo, pr.number, "@agentmend regenerate shorter please", "bob")
    handlers.deliver("issue_comment", payload)
    assert repo.refs[pr.branch] == head
    status = _status(repo, pr.number)
    assert "Sorry @bob" in status and "write access" in status
    assert [type(w) for w in repo.writes] == [Reacted, Commented]  # 👀, then the answer; nothing else


def test_comments_from_bots_and_plain_comments_are_ignored(handlers: Handlers, installed: FakeRepo) -> None:
    repo = installed
    repo.permissions["renovate[bot]"] = "write"
    pr = _first(repo)
    bot = events.issue_comment_created(
        repo, pr.number, "@agentmend regenerate", "renovate[bot]", user_type="Bot"
    )
    handlers.deliver("issue_comment", bot)
    handlers.deliver("issue_comment", events.issue_comment_created(repo, pr.number, "LGTM!", "alice"))
    assert repo.writes == []


def test_an_unknown_command_gets_the_help_text(handlers: Handlers, installed: FakeRepo) -> None:
    repo = installed
    repo.permissions["alice"] = "admin"
    pr = _first(repo)
    handlers.deliver(
        "issue_comment", events.issue_comment_created(repo, pr.number, "@agentmend dance", "alice")
    )
    status = _status(repo, pr.number)
    assert "`dance` is not a command" in status and "regenerate" in status


def test_ignore_closes_the_pr_and_suppresses_the_cause_for_good(
    handlers: Handlers, installed: FakeRepo
) -> None:
    repo = installed
    repo.permissions["alice"] = "maintain"
    pr = _first(repo)
    handlers.deliver(
        "issue_comment", events.issue_comment_created(repo, pr.number, "@agentmend ignore", "alice")
    )
    assert pr.state == "closed" and Closed(pr.number) in repo.writes
    assert "will not propose a fix for this failure cause again" in _status(repo, pr.number)
    # GitHub then sends the pull_request closed event for our own close: it must not downgrade the ignore
    handlers.deliver("pull_request", events.pull_request_closed(repo, pr.number))
    row = changes.find(handlers.engine, REPO, branch=pr.branch)
    assert row is not None and row.state == "ignored"
    assert changes.history(handlers.engine, REPO).cooldowns[row.cause_id].permanent

    # the next analysis does not bring it back
    before = repo.refs["main"]
    after = repo.commit({".github/agentmend.yml": repo.files_at("main")[".github/agentmend.yml"] + b"#\n"})
    handlers.deliver("push", events.push(repo, before, after, modified=[".github/agentmend.yml"]))
    assert [p.number for p in repo.pulls.values() if p.branch == pr.branch] == [pr.number]
    assert not [w for w in repo.written(Pushed) if w.branch == pr.branch]
