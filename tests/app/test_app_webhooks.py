"""Sans-I/O pieces: signature check, event parsing, routing, push relevance, command parsing."""

from __future__ import annotations

import json

import pytest

from agentmend.app.commands import Command, is_bot, parse_command
from agentmend.app.proposals import push_touches, touched_paths
from agentmend.app.routing import Router
from agentmend.app.webhooks import Event, WebhookError, parse_event, signature, verify_signature

# GitHub's published example: https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
GH_SECRET = b"It's a Secret to Everybody"
GH_PAYLOAD = b"Hello, World!"
GH_SIGNATURE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"


def test_githubs_published_test_vector_verifies() -> None:
    assert signature(GH_SECRET, GH_PAYLOAD) == GH_SIGNATURE
    verify_signature(GH_SECRET, GH_PAYLOAD, GH_SIGNATURE)


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        (None, "missing"),
        ("", "missing"),
        ("sha1=01dc10d0c83e72ed246219cdd91669667fe2ca59", "must start with 'sha256='"),
        (GH_SIGNATURE.removeprefix("sha256="), "must start with 'sha256='"),
        (GH_SIGNATURE[:-1] + "0", "does not match"),
    ],
)
def test_a_missing_sha1_only_or_wrong_signature_is_refused_with_401(header: str | None, reason: str) -> None:
    with pytest.raises(WebhookError, match=reason) as err:
        verify_signature(GH_SECRET, GH_PAYLOAD, header)
    assert err.value.status == 401


def test_a_tampered_body_does_not_verify() -> None:
    with pytest.raises(WebhookError, match="does not match"):
        verify_signature(GH_SECRET, GH_PAYLOAD + b" ", GH_SIGNATURE)


def _headers(body: bytes, event: str = "push", delivery: str = "d-1") -> dict[str, str]:
    return {
        "x-hub-signature-256": signature(b"s3cret", body),
        "X-GitHub-Event": event,
        "X-GitHub-Delivery": delivery,
        "content-type": "application/json",
    }


def test_parse_event_reads_headers_case_insensitively_and_tolerates_missing_fields() -> None:
    body = json.dumps({"action": "created", "comment": {"body": "hi"}}).encode()
    event = parse_event(_headers(body, "issue_comment"), body, b"s3cret")
    assert (event.name, event.action, event.delivery_id) == ("issue_comment", "created", "d-1")
    assert event.installation_id is None and event.repo_full_name is None


def test_parse_event_names_what_is_wrong_with_the_delivery() -> None:
    body = b"payload=%7B%7D"
    headers = {**_headers(body), "content-type": "application/x-www-form-urlencoded"}
    with pytest.raises(WebhookError, match="application/json"):
        parse_event(headers, body, b"s3cret")
    with pytest.raises(WebhookError, match="X-GitHub-Delivery"):
        parse_event({k: v for k, v in _headers(b"{}").items() if k != "X-GitHub-Delivery"}, b"{}", b"s3cret")
    with pytest.raises(WebhookError, match="d-1: body is not JSON"):
        parse_event(_headers(b"{nope"), b"{nope", b"s3cret")


def test_router_runs_handlers_for_the_event_and_its_action_only() -> None:
    seen: list[str] = []
    a, b = Router(), Router()

    @a.register("pull_request", action="closed")
    def closed(event: Event, ctx: object) -> None:
        seen.append("closed")

    @b.register("pull_request")
    def any_pr(event: Event, ctx: object) -> None:
        seen.append("any")

    router = Router(a, b)
    assert router.dispatch(Event("pull_request", "1", {"action": "closed"}), None) == 2
    assert router.dispatch(Event("pull_request", "2", {"action": "opened"}), None) == 1
    assert router.dispatch(Event("push", "3", {}), None) == 0
    assert seen == ["any", "closed", "any"]


def _push(*changed: list[str]) -> dict[str, object]:
    return {
        "commits": [{"id": str(i), "added": c, "modified": [], "removed": []} for i, c in enumerate(changed)]
    }


def test_a_push_matters_when_it_touches_an_export_glob_or_the_config() -> None:
    globs = ["exports/**/*.jsonl", "exports/**/*.csv"]
    assert push_touches(_push(["exports/openai/2026-10-22.jsonl"]), globs)
    assert push_touches(_push(["README.md"], ["exports/csv/week.csv"]), globs)
    assert push_touches(_push([".github/agentmend.yml"]), globs)
    assert not push_touches(_push(["README.md", "src/app.py"]), globs)
    assert not push_touches(_push(["exports/notes.txt"]), globs)


def test_a_push_without_a_usable_commit_list_is_treated_as_touching_everything() -> None:
    assert touched_paths({}) is None
    assert touched_paths({"commits": [{"id": "1"}]}) is None  # file lists left out
    assert (
        touched_paths(
            {"commits": [{"id": str(i), "added": [], "modified": [], "removed": []} for i in range(20)]}
        )
        is None
    )  # GitHub caps the list at 20
    assert push_touches({"commits": []}, ["exports/*.jsonl"])


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("@agentmend regenerate shorter please", Command("regenerate", "shorter please")),
        ("/agentmend explain", Command("explain")),
        ("Thanks!\n\n@AgentMend   IGNORE", Command("ignore")),
        ("@agentmend watch.", Command("watch")),
        ("@agentmend rollback", Command("rollback")),
        ("@agentmend", Command("help")),
        ("@agentmend dance", Command("help", unknown="dance")),
    ],
)
def test_commands_are_parsed_from_the_first_invocation_line(body: str, expected: Command) -> None:
    assert parse_command(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "LGTM",
        "> @agentmend regenerate\nquoting someone",
        "```\n@agentmend ignore\n```",
        "ping @agentmendbot please",
        "mail agentmend@example.com",
    ],
)
def test_quotes_code_blocks_and_lookalikes_are_not_commands(body: str) -> None:
    assert parse_command(body) is None


def test_bots_and_the_app_itself_are_recognised() -> None:
    assert is_bot({"login": "dependabot[bot]", "type": "Bot"})
    assert is_bot({"login": "renovate[bot]"})
    assert is_bot({"login": "agentmend-app", "type": "User"}, bot_login="agentmend-app")
    assert not is_bot({"login": "alice", "type": "User"}, bot_login="agentmend[bot]")
