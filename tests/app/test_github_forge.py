"""GitHubForge against the stateful fake: reads via trees/blobs, one-commit proposals, rate limits."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from fake_github import FakeGitHub

from agentmend.forges.github import GitHubError, GitHubForge, RateLimited

PROMPT = "You are a support agent.\nBe brief.\n"


def test_reads_files_at_the_default_branch_head_including_large_ones(
    fake_github: FakeGitHub, make_forge: Callable[[str], GitHubForge]
) -> None:
    big = "x" * 2_000_000 + "\n"  # over the contents API's 1 MB limit
    fake_github.add_repo("acme/bot", {"prompts/system.md": PROMPT, "exports/big.jsonl": big})
    forge = make_forge("acme/bot")
    assert forge.list_files() == ["exports/big.jsonl", "prompts/system.md"]
    assert forge.read_file("exports/big.jsonl") == big.encode()
    assert forge.read_file("missing.txt") is None
    assert fake_github.tokens_issued == 1  # the installation token is minted once and reused
    assert fake_github.count("GET", "/git/trees/") == 1


def test_a_proposal_is_one_commit_over_the_default_head_and_a_labelled_pr(
    fake_github: FakeGitHub, make_forge: Callable[[str], GitHubForge]
) -> None:
    repo = fake_github.add_repo("acme/bot", {"prompts/system.md": PROMPT, "README.md": "hi\n"})
    forge = make_forge("acme/bot")
    new = PROMPT + "Always confirm the order number.\n"
    result = forge.open_or_update_change("agentmend/order-status", {"prompts/system.md": new}, "Fix", "body")
    assert result.action == "created"
    assert repo.files_at("agentmend/order-status") == {
        "prompts/system.md": new.encode(),
        "README.md": b"hi\n",
    }
    commits = repo.branch_commits("agentmend/order-status")
    assert commits[1] == repo.refs["heads/main"]  # exactly one commit over main
    (pr,) = repo.open_pulls()
    assert pr["labels"] == ["agentmend"] and repo.labels["agentmend"]["color"]
    assert result.change.number == pr["number"] and result.change.state == "open"


def test_publishing_the_same_files_again_writes_nothing(
    fake_github: FakeGitHub, make_forge: Callable[[str], GitHubForge]
) -> None:
    fake_github.add_repo("acme/bot", {"prompts/system.md": PROMPT})
    files = {"prompts/system.md": PROMPT + "More.\n"}
    body = "text\n<!-- agentmend:cause=c1;run=r1 -->"
    make_forge("acme/bot").open_or_update_change("agentmend/c1", files, "Fix", body)
    writes = len(fake_github.writes)
    again = make_forge("acme/bot").open_or_update_change(
        "agentmend/c1", files, "Fix", body.replace("run=r1", "run=r2")
    )
    assert again.action == "unchanged"
    assert len(fake_github.writes) == writes


def test_new_content_force_pushes_the_branch_and_edits_the_same_pr(
    fake_github: FakeGitHub, make_forge: Callable[[str], GitHubForge]
) -> None:
    repo = fake_github.add_repo("acme/bot", {"prompts/system.md": PROMPT})
    forge = make_forge("acme/bot")
    first = forge.open_or_update_change("agentmend/c1", {"prompts/system.md": PROMPT + "A\n"}, "Fix", "one")
    second = forge.open_or_update_change("agentmend/c1", {"prompts/system.md": PROMPT + "B\n"}, "Fix", "two")
    assert second.action == "updated"
    assert second.change.number == first.change.number and len(repo.pulls) == 1
    assert repo.pulls[first.change.number or 0]["body"] == "two"
    assert len(repo.branch_commits("agentmend/c1")) == 2  # still one commit over main: replaced, not stacked
    assert fake_github.find("PATCH", "/git/refs/heads/agentmend/c1")[0].body["force"] is True


def test_nothing_to_propose_when_files_equal_the_default_branch(
    fake_github: FakeGitHub, make_forge: Callable[[str], GitHubForge]
) -> None:
    fake_github.add_repo("acme/bot", {"prompts/system.md": PROMPT})
    with pytest.raises(ValueError, match="do not differ"):
        make_forge("acme/bot").open_or_update_change("agentmend/c1", {"prompts/system.md": PROMPT}, "t", "b")
    assert fake_github.writes == []


def test_status_comment_is_edited_in_place(
    fake_github: FakeGitHub, make_forge: Callable[[str], GitHubForge]
) -> None:
    repo = fake_github.add_repo("acme/bot", {"prompts/system.md": PROMPT})
    forge = make_forge("acme/bot")
    change = forge.open_or_update_change("agentmend/c1", {"prompts/system.md": "new\n"}, "t", "b").change
    forge.upsert_comment(change, "status", "working on it")
    forge.upsert_comment(change, "status", "done")
    forge.upsert_comment(change, "status", "done")
    (comment,) = repo.comments_on(change.number or 0)
    assert "done" in comment["body"] and "<!-- agentmend:status -->" in comment["body"]
    assert fake_github.count("PATCH", "/issues/comments/") == 1


def test_an_oversize_pr_body_and_comment_are_cut_below_githubs_limit_keeping_their_markers(
    fake_github: FakeGitHub, make_forge: Callable[[str], GitHubForge]
) -> None:
    from agentmend import markers

    repo = fake_github.add_repo("acme/bot", {"prompts/system.md": PROMPT})
    forge = make_forge("acme/bot")
    huge = (
        "Diagnosis.\n\n```diff\n"
        + "+a long proposed line\n" * 5_000
        + "```\n"
        + markers.cause("c1", "r1")
        + "\n"
    )
    change = forge.open_or_update_change("agentmend/c1", {"prompts/system.md": "new\n"}, "t", huge).change
    (sent,) = [c.body["body"] for c in fake_github.find("POST", r"/pulls$")]
    assert len(huge) > 65_536 > len(sent) and "cut here" in sent
    assert markers.parse_cause(sent) == ("c1", "r1")
    forge.upsert_comment(change, "status", "x" * 100_000)
    (comment,) = repo.comments_on(change.number or 0)
    assert len(comment["body"]) < 65_536 and comment["body"].startswith("<!-- agentmend:status -->\n")


def test_secondary_rate_limit_is_waited_out(
    fake_github: FakeGitHub, make_forge: Callable[[str], GitHubForge], sleeps: list[float]
) -> None:
    fake_github.add_repo("acme/bot", {"prompts/system.md": PROMPT})
    fake_github.fail(
        "POST",
        "/pulls$",
        403,
        headers={"retry-after": "7"},
        body={"message": "You have exceeded a secondary rate limit."},
    )
    result = make_forge("acme/bot").open_or_update_change(
        "agentmend/c1", {"prompts/system.md": "x\n"}, "t", "b"
    )
    assert result.action == "created"
    assert sleeps == [7.0]


def test_primary_rate_limit_waits_until_reset_and_5xx_backs_off(
    fake_github: FakeGitHub, make_forge: Callable[[str], GitHubForge], sleeps: list[float]
) -> None:
    fake_github.add_repo("acme/bot", {"prompts/system.md": PROMPT})
    reset = str(int(time.time()) + 120)
    fake_github.fail(
        "GET", r"/repos/acme/bot$", 403, headers={"x-ratelimit-remaining": "0", "x-ratelimit-reset": reset}
    )
    fake_github.fail("GET", "/git/ref/", 502, times=2)
    assert make_forge("acme/bot").read_file("prompts/system.md") == PROMPT.encode()
    assert 100 < sleeps[0] <= 120
    assert sleeps[1:] == [2.0, 4.0]


def test_a_rate_limit_resetting_later_than_a_worker_waits_hands_the_job_back_to_the_queue(
    fake_github: FakeGitHub, make_forge: Callable[[str], GitHubForge], sleeps: list[float]
) -> None:
    fake_github.add_repo("acme/bot", {"prompts/system.md": PROMPT})
    reset = str(int(time.time()) + 3600)
    fake_github.fail(
        "GET",
        r"/repos/acme/bot$",
        403,
        headers={"x-ratelimit-remaining": "0", "x-ratelimit-reset": reset},
        body={"message": "API rate limit exceeded for installation ID 4242."},
    )
    with pytest.raises(RateLimited, match=r"GET /repos/acme/bot: 403: rate limited") as caught:
        make_forge("acme/bot").read_file("prompts/system.md")
    assert 3500 < caught.value.wait <= 3600  # the worker retries the job then (huey's RetryTask delay)
    assert sleeps == [] and fake_github.count("GET", r"/repos/acme/bot$") == 1


def test_a_429_with_a_retry_after_far_away_is_handed_back_too(
    fake_github: FakeGitHub, make_forge: Callable[[str], GitHubForge], sleeps: list[float]
) -> None:
    fake_github.add_repo("acme/bot", {"prompts/system.md": PROMPT})
    fake_github.fail("POST", "/pulls$", 429, headers={"retry-after": "1800"}, body={"message": "slow down"})
    with pytest.raises(RateLimited) as caught:
        make_forge("acme/bot").open_or_update_change("agentmend/c1", {"prompts/system.md": "x\n"}, "t", "b")
    assert caught.value.wait == 1800.0 and sleeps == []


def test_a_server_error_that_persists_is_given_up_on_after_six_attempts_naming_the_call(
    fake_github: FakeGitHub, make_forge: Callable[[str], GitHubForge], sleeps: list[float]
) -> None:
    fake_github.add_repo("acme/bot", {"prompts/system.md": PROMPT})
    fake_github.fail("GET", "/git/ref/", 502, times=100, body={"message": "Server Error"})
    with pytest.raises(
        GitHubError, match=r"git/ref/heads/main: 502: gave up after 6 attempts \(Server Error\)"
    ):
        make_forge("acme/bot").read_file("prompts/system.md")
    assert fake_github.count("GET", "/git/ref/") == 6
    assert sleeps == [2.0, 4.0, 8.0, 16.0, 32.0]


def test_open_prs_beyond_the_first_page_are_all_found(
    fake_github: FakeGitHub, make_forge: Callable[[str], GitHubForge]
) -> None:
    repo = fake_github.add_repo("acme/bot", {"prompts/system.md": PROMPT})
    for k in range(130):
        fake_github.open_pull(repo, f"agentmend/c{k}", title="Fix", body="b", user="agentmend[bot]")
    forge = make_forge("acme/bot")
    assert len(forge.find_changes("open")) == 130
    assert fake_github.count("GET", r"/pulls$") == 2  # 100 a page, following GitHub's Link header
    assert forge.get_change_by_number(999) is None  # a 404 for a lookup is "no such PR", not an error


def test_a_permission_error_is_not_retried_and_names_the_call(
    fake_github: FakeGitHub, make_forge: Callable[[str], GitHubForge], sleeps: list[float]
) -> None:
    fake_github.add_repo("acme/bot", {"prompts/system.md": PROMPT})
    fake_github.fail("GET", "/git/ref/", 403, body={"message": "Resource not accessible by integration"})
    with pytest.raises(GitHubError, match="git/ref/heads/main: 403: Resource not accessible"):
        make_forge("acme/bot").read_file("prompts/system.md")
    assert sleeps == []


def test_permission_uses_role_name_and_strangers_have_none(
    fake_github: FakeGitHub, make_forge: Callable[[str], GitHubForge]
) -> None:
    repo = fake_github.add_repo("acme/bot", {})
    repo.permissions.update({"alice": "maintain", "bob": "triage"})
    forge = make_forge("acme/bot")
    assert forge.can_write("alice")
    assert not forge.can_write("bob")
    assert forge.permission("mallory") == "none"


def test_a_pr_is_left_alone_when_main_moves_without_touching_its_files_and_rebased_when_it_does(
    fake_github: FakeGitHub, make_forge: Callable[[str], GitHubForge]
) -> None:
    repo = fake_github.add_repo("acme/bot", {"prompts/system.md": PROMPT, "exports/a.jsonl": "{}\n"})
    files = {"prompts/system.md": PROMPT + "Confirm the order number.\n"}
    make_forge("acme/bot").open_or_update_change("agentmend/c1", files, "Fix", "b")
    head = repo.refs["heads/agentmend/c1"]

    repo.commit_files({"exports/b.jsonl": "{}\n"})  # new exports only
    again = make_forge("acme/bot").open_or_update_change("agentmend/c1", files, "Fix", "b")
    assert again.action == "unchanged" and repo.refs["heads/agentmend/c1"] == head

    main = repo.commit_files({"prompts/system.md": "# Support agent\n" + PROMPT})  # someone edited the target
    rebased = make_forge("acme/bot").open_or_update_change("agentmend/c1", files, "Fix", "b")
    assert rebased.action == "updated" and rebased.change.head_sha == repo.refs["heads/agentmend/c1"]
    assert repo.branch_commits("agentmend/c1")[1] == main


def test_a_truncated_recursive_tree_is_walked_directory_by_directory(
    fake_github: FakeGitHub, make_forge: Callable[[str], GitHubForge]
) -> None:
    files = {f"exports/week-{i}/part-{j}.jsonl": f"{i}{j}\n" for i in range(3) for j in range(4)}
    fake_github.add_repo("acme/bot", {**files, "prompts/system.md": PROMPT})
    fake_github.max_tree_entries = 5
    forge = make_forge("acme/bot")
    assert forge.list_files() == sorted([*files, "prompts/system.md"])
    assert forge.read_file("exports/week-2/part-3.jsonl") == b"23\n"


def test_check_runs_are_created_once_then_updated_and_merge_reports_the_merge_sha(
    fake_github: FakeGitHub, make_forge: Callable[[str], GitHubForge]
) -> None:
    repo = fake_github.add_repo("acme/bot", {"prompts/system.md": PROMPT})
    forge = make_forge("acme/bot")
    change = forge.open_or_update_change("agentmend/c1", {"prompts/system.md": "new\n"}, "t", "b").change
    forge.set_check(change.head_sha, "agentmend/watch", "Watching", "collecting", None)
    forge.set_check(change.head_sha, "agentmend/watch", "Improved", "fewer failures", "success")
    (run,) = repo.check_runs.values()
    assert (run["status"], run["conclusion"], run["output"]["title"]) == ("completed", "success", "Improved")
    merge_sha = forge.merge(change)
    assert repo.refs["heads/main"] == merge_sha and forge.head_sha() == merge_sha
    assert forge.parent_sha(merge_sha) == repo.commits[merge_sha]["parents"][0]
    assert forge.get_change("agentmend/c1").state == "merged"  # type: ignore[union-attr]


def test_a_branch_someone_else_pushed_to_is_not_overwritten_unless_asked(
    fake_github: FakeGitHub, make_forge: Callable[[str], GitHubForge]
) -> None:
    repo = fake_github.add_repo("acme/bot", {"prompts/system.md": PROMPT})
    make_forge("acme/bot").open_or_update_change(
        "agentmend/c1", {"prompts/system.md": PROMPT + "A\n"}, "t", "b"
    )
    human = repo.commit_files(
        {"prompts/system.md": PROMPT + "A, reworded\n"}, "tweak wording", "agentmend/c1"
    )

    kept = make_forge("acme/bot").open_or_update_change(
        "agentmend/c1", {"prompts/system.md": PROMPT + "B\n"}, "t", "new text"
    )
    assert kept.action == "unchanged" and repo.refs["heads/agentmend/c1"] == human
    assert repo.pulls[kept.change.number or 0]["body"] == "b"  # the text still matches what is there

    forge = make_forge("acme/bot")
    forge.allow_overwrite = True  # what `@agentmend regenerate` does
    replaced = forge.open_or_update_change("agentmend/c1", {"prompts/system.md": PROMPT + "B\n"}, "t", "b")
    assert replaced.action == "updated" and repo.files_at("agentmend/c1")["prompts/system.md"].endswith(
        b"B\n"
    )
