"""Planted personal data of every documented kind never reaches a change text or the model's input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from attack_repos import make_repo
from typer.testing import CliRunner

from agentmend.cli import app
from agentmend.forges.local_git import LocalGitForge
from agentmend.models.base import ProposalRequest
from agentmend.models.offline import OfflineModel

PLANTED = [
    "DE89 3704 0044 0532 0130 00",
    "030 12345678",
    "020 7946 0958",
    "0044 20 7946 0958",
    "+49 30 901820",
    "4111.1111.1111.1111",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiIxMjM0NTY3ODkwIiwiYWRtaW4iOnRydWV9.",
    "hunter22",
    "ünïcode@exämple.de",
]
# Every failing conversation carries every kind, so whichever examples are shown, all kinds are in them.
LINE = (
    "refund to IBAN {0} missing, call {1} or {2} or {3} or {4}, card {5}, aws_secret_access_key = {6}, "
    "token {7}, pw: {8}, mail {9}"
)


def _pii_conversations(n: int = 24) -> str:
    out = []
    for i in range(n):
        text = LINE.format(*PLANTED)
        messages = [
            {"role": "user", "content": f"{text} (case {i})"},
            {"role": "assistant", "content": "I'm not able to help with refunds."},
            {"role": "user", "content": "Useless. Let me talk to a human."},
        ]
        out.append(json.dumps({"id": f"p{i:03d}", "user_id": f"pu{i}", "messages": messages}))
    return "\n".join(out) + "\n"


@pytest.mark.slow
def test_no_planted_value_leaves_the_conversations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    requests: list[ProposalRequest] = []
    original = OfflineModel.propose

    def recording(self: OfflineModel, request: ProposalRequest):  # type: ignore[no-untyped-def]
        requests.append(request)
        return original(self, request)

    monkeypatch.setattr(OfflineModel, "propose", recording)
    repo = make_repo(tmp_path / "agent", {"exports/pii.jsonl": _pii_conversations()})
    raw = (repo / "exports" / "pii.jsonl").read_text()
    assert all(json.dumps(p)[1:-1] in raw for p in PLANTED)  # planted as written

    result = CliRunner().invoke(app, ["propose", str(repo), "--no-links", "--model", "offline"])
    assert result.exit_code == 0, result.output
    texts = "".join(p.read_text() for p in LocalGitForge(repo).changes_dir.glob("*.md"))
    examples = [e for r in requests for e in r.examples]
    assert examples and texts, "a proposal with examples was written"
    left = texts + repr(examples) + result.output
    assert [p for p in PLANTED if p in left] == []
    pieces = {"hunter22", "wjalrxutnfemi", "bpxrficyexamplekey", "exämple"}
    pieces |= {"12345678", "79460958", "37040044"}
    assert [p for p in pieces if p in left.lower().replace(" ", "")] == []  # not even in labels
    for placeholder in ("[IBAN]", "[PHONE]", "[CARD]", "[SECRET]", "[EMAIL]"):
        assert placeholder in texts  # the examples show what was there, redacted
