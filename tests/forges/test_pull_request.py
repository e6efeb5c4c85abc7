"""Reading a GitHub pull request (REST or webhook payload) into a Change."""

from __future__ import annotations

from datetime import UTC, datetime

from agentmend.forges.pull_request import change_of_pull


def test_a_merged_pull_request_carries_who_merged_it_and_when() -> None:
    change = change_of_pull({
        "number": 7, "state": "closed", "merged": True, "merged_at": "2026-10-14T23:00:00Z",
        "merge_commit_sha": "abc123", "merged_by": {"login": "octocat"},
        "head": {"ref": "agentmend/fix-x", "sha": "def456"}, "title": "Fix", "body": "b",
    })  # fmt: skip
    assert change.state == "merged" and change.merge_sha == "abc123" and change.merged_by == "octocat"
    assert change.merged_at == datetime(2026, 10, 14, 23, 0, tzinfo=UTC)
    assert (change.branch, change.number, change.head_sha) == ("agentmend/fix-x", 7, "def456")


def test_a_closed_unmerged_pull_request_has_no_merge_facts() -> None:
    change = change_of_pull({"number": 8, "state": "closed", "merged": False, "merged_by": {"login": "x"},
                             "merge_commit_sha": "stale", "head": {"ref": "agentmend/y"}})  # fmt: skip
    assert change.state == "closed"
    assert (change.merge_sha, change.merged_by, change.merged_at) == (None, None, None)


def test_missing_fields_read_as_empty_instead_of_failing() -> None:
    change = change_of_pull({"merged_at": "not a time", "state": "open"})
    assert change.state == "merged" and change.merged_at is None  # merged_at set means GitHub merged it
    assert (change.branch, change.number, change.head_sha, change.body) == ("", None, "", "")
