"""Small hand-built records and a real git repo for the proposal tests."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

from agentmend.analysis.records import AnalysisReport, DailyPoint, FailureCluster, Intent, RunInfo
from agentmend.repo_config import RepoConfig, parse_config

PROMPT = """# Support agent

You help customers of Acme Cloud.

## Style
Be brief and friendly.

## Escalation
Hand off to a human when the user asks for one.
"""

TOOLS = """# Tools the support agent may call
tools:
  - name: lookup_invoice  # billing
    description: Look up an invoice by number.
  - name: reset_mfa
    description: Reset the second factor of an account.
"""

CONFIG = """version: 1
exports:
  - path: "exports/*.jsonl"
targets:
  - {path: prompts/system.md, kind: system_prompt}
  - {path: agent/tools.yaml, kind: tool_descriptions}
proposals: {min_cluster_size: 5, min_lift: 1.2, max_open_prs: 3}
privacy: {min_unique_users: 3}
"""


def config(text: str = CONFIG) -> RepoConfig:
    return parse_config(text)


def git(root: Path, *args: str) -> str:
    env = {
        "GIT_AUTHOR_NAME": "dev",
        "GIT_AUTHOR_EMAIL": "dev@x",
        "GIT_COMMITTER_NAME": "dev",
        "GIT_COMMITTER_EMAIL": "dev@x",
        "PATH": "/usr/bin:/bin",
    }
    return subprocess.run(
        ["git", "-C", str(root), *args], check=True, capture_output=True, text=True, env=env
    ).stdout.strip()


def make_repo(root: Path, files: dict[str, str] | None = None) -> Path:
    files = files or {"prompts/system.md": PROMPT, "agent/tools.yaml": TOOLS, ".github/agentmend.yml": CONFIG}
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "agent")
    return root


def cluster(
    cid: str = "cause-sso",
    *,
    keywords: tuple[str, ...] = ("sso", "saml", "setup"),
    signals: tuple[tuple[str, int], ...] = (("non_answer", 20), ("escalation", 9)),
    size: int = 24,
    lift: float = 2.4,
    unique_users: int = 20,
    examples: tuple[str, ...] = (
        "User: How do I set up SAML SSO for my team?\nAgent: SSO can be configured in many ways.",
        "User: sso login with okta fails, what now?\nAgent: Please check your settings.",
    ),
    members: tuple[str, ...] = ("c1", "c2", "c3"),
) -> FailureCluster:
    return FailureCluster(
        id=cid,
        slug=cid.removeprefix("cause-"),
        label=" / ".join(keywords[:2]),
        keywords=keywords,
        size=size,
        intent_id="intent-1",
        intent_failure_rate=0.48,
        overall_failure_rate=0.2,
        lift=lift,
        drop_off=0.63,
        signals=signals,
        conversation_ids=members[:3],
        member_ids=members,
        examples=examples,
        unique_users=unique_users,
        daily=(DailyPoint("2026-11-01", 10, 4), DailyPoint("2026-11-02", 12, 7)),
        centroid=(0.1, 0.2),
    )


def report(*clusters: FailureCluster, run_id: str = "run-abc") -> AnalysisReport:
    run = RunInfo(
        id=run_id,
        started_at=datetime(2026, 11, 3, tzinfo=UTC),
        files=("exports/a.jsonl",),
        conversations=200,
        failed=40,
        malformed=(),
        embedded_new=0,
        embedded_cached=0,
        timings={},
        model_path="offline",
    )
    intent = Intent(
        id="intent-1",
        label="sso / login",
        keywords=("sso",),
        category="setup_friction",
        size=50,
        failed=24,
        daily=(),
        centroid=(0.1,),
    )
    return AnalysisReport(run=run, conversations=(), intents=(intent,), clusters=clusters, noise_ids=())
